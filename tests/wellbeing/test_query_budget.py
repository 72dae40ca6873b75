from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.wellbeing.models import CheckIn, ScreeningResponse, Share, SupportContact


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def add_data(household, alice, n):
    for i in range(n):
        CheckIn.objects.create(household=household, author=alice, mood=3, connection=4,
                               energy=2, stress=3, support=4, safety="safe",
                               created_at=timezone.now() - timedelta(hours=i))
        ScreeningResponse.objects.create(household=household, author=alice, instrument="gad7",
                                         version="1", total=i % 21, band="mild",
                                         created_at=timezone.now() - timedelta(days=i))
        SupportContact.objects.create(household=household, owner=alice, name=f"C{i}",
                                      role="trusted", phone="0123 4567")


def test_her_pages_cost_the_same_queries_with_little_or_much_data(client_for, alice, bob,
                                                                  household, nora):
    Share.objects.create(household=household, owner=alice, member=bob, checkins=True,
                         screenings=True)
    add_data(household, alice, 1)
    screening = ScreeningResponse.objects.first()
    urls = ["/you/", "/you/check-ins/", "/you/contacts/", "/you/sharing/", "/you/audit/",
            "/support/", f"/you/screenings/{screening.pk}/"]
    alice_client = client_for(alice)
    few = {url: count(alice_client, url) for url in urls}
    add_data(household, alice, 40)
    many = {url: count(alice_client, url) for url in urls}
    assert many == few
    bob_client = client_for(bob)
    few_shared = count(bob_client, f"/you/shared/{alice.pk}/")
    add_data(household, alice, 20)
    assert count(bob_client, f"/you/shared/{alice.pk}/") == few_shared

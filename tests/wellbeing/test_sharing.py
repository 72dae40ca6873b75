from nestwell.accounts.models import AuditEvent
from nestwell.wellbeing.models import CheckIn, Share


def checkin(household, author, note):
    return CheckIn.objects.create(household=household, author=author, mood=2, connection=3,
                                  energy=2, stress=4, support=2, safety="safe", note=note)


def test_her_partner_cannot_read_what_she_has_not_shared(client_for, alice, bob, household):
    checkin(household, alice, "a hard day")
    client = client_for(bob)
    assert client.get(f"/you/shared/{alice.pk}/").status_code == 404
    Share.objects.create(household=household, owner=alice, member=bob, checkins=False,
                         screenings=False)
    assert client.get(f"/you/shared/{alice.pk}/").status_code == 404


def test_once_shared_he_can_read_and_she_can_see_that_he_did(client_for, alice, bob,
                                                               household):
    checkin(household, alice, "a hard day")
    response = client_for(alice).post(f"/you/sharing/{bob.pk}/", {"checkins": "on"})
    assert response.status_code == 302
    page = client_for(bob).get(f"/you/shared/{alice.pk}/").content.decode()
    assert 'data-testid="checkin"' in page and "Mood: low" in page
    # Her note stays hers: the check-in says "only you see this" beside it.
    assert "a hard day" not in page
    assert "a hard day" in client_for(alice).get("/you/check-ins/").content.decode()
    event = AuditEvent.objects.get(action="read_shared")
    assert (event.actor, event.subject) == (bob, alice)
    assert "Bob looked at what you share" in client_for(alice).get(
        "/you/audit/").content.decode()


def test_she_can_stop_sharing(client_for, alice, bob, household):
    checkin(household, alice, "a hard day")
    client = client_for(alice)
    client.post(f"/you/sharing/{bob.pk}/", {"checkins": "on"})
    client.post(f"/you/sharing/{bob.pk}/", {})
    assert client_for(bob).get(f"/you/shared/{alice.pk}/").status_code == 404


def test_sharing_stays_inside_the_household(client_for, alice, mallory, household):
    response = client_for(alice).post(f"/you/sharing/{mallory.pk}/", {"checkins": "on"})
    assert response.status_code == 404
    assert not Share.objects.exists()
    assert client_for(mallory).get(f"/you/shared/{alice.pk}/").status_code == 404


def test_only_what_is_shared_is_shown(client_for, alice, bob, household):
    checkin(household, alice, "private words")
    Share.objects.create(household=household, owner=alice, member=bob, checkins=False,
                         screenings=True)
    page = client_for(bob).get(f"/you/shared/{alice.pk}/").content.decode()
    assert "private words" not in page


def screening(household, author, safety, total=17):
    from nestwell.wellbeing.models import ScreeningResponse

    return ScreeningResponse.objects.create(
        household=household, author=author, instrument="phq9", answers=[2] * 8 + [1],
        total=total, band="moderately_severe", safety=safety)


def test_a_shared_answer_about_self_harm_tells_him_what_to_do_and_whom_to_call(
        client_for, alice, bob, household):
    """Her partner reads the signal in plain words, with what he can do, her country's
    emergency number and the way to the helplines, before anything else on the page."""
    household.country = "CA"
    household.save()
    screening(household, alice, [9])
    Share.objects.create(household=household, owner=alice, member=bob, checkins=False,
                         screenings=True)
    page = client_for(bob).get(f"/you/shared/{alice.pk}/").content.decode()
    card = page.index('data-testid="shared-safety"')
    assert card < page.index('data-testid="screening"')
    assert "answered that thoughts of self-harm have come to mind" in page
    assert 'href="tel:911"' in page
    assert 'href="/support/" data-testid="shared-support"' in page


def test_the_partner_reads_which_harm_and_only_for_a_recent_answer(client_for, alice, bob,
                                                                  household):
    from datetime import timedelta

    from django.utils import timezone

    old = screening(household, alice, [9])
    old.created_at = timezone.now() - timedelta(days=40)
    old.save()
    Share.objects.create(household=household, owner=alice, member=bob, checkins=False,
                         screenings=True)
    client = client_for(bob)
    page = client.get(f"/you/shared/{alice.pk}/").content.decode()
    # Forty days ago: in the list with its date, not "talk with her today"
    assert 'data-testid="screening"' in page and 'data-testid="shared-safety"' not in page
    from nestwell.wellbeing.models import ScreeningResponse

    ScreeningResponse.objects.create(household=household, author=alice, instrument="pbq",
                                     answers=[0] * 25, total=3, band="below_cutoff",
                                     safety=[18])
    page = client.get(f"/you/shared/{alice.pk}/").content.decode()
    card = page.split('data-testid="shared-safety"')[1].split("</section>")[0]
    assert "a question about harming the baby" in card and "self-harm" not in card


def test_without_such_an_answer_no_alarm_is_raised(client_for, alice, bob, household):
    screening(household, alice, [], total=6)
    checkin(household, alice, "")
    Share.objects.create(household=household, owner=alice, member=bob, checkins=True,
                         screenings=True)
    page = client_for(bob).get(f"/you/shared/{alice.pk}/").content.decode()
    assert 'data-testid="screening"' in page
    assert 'data-testid="shared-safety"' not in page and "tel:" not in page


def test_his_today_and_for_you_point_to_a_shared_answer_about_harm(client_for, alice, bob,
                                                                   carol, mallory, household,
                                                                   nora):
    """Kwame and Marc (partners working nights) never went looking on the page of what she
    shares; the card said nothing on their Today or "For you"."""
    from datetime import timedelta

    from django.utils import timezone

    share = Share.objects.create(household=household, owner=alice, member=bob,
                                 checkins=True, screenings=False)
    flagged = screening(household, alice, [9])
    his = client_for(bob)
    for page in ("/", "/you/"):
        assert 'data-testid="shared-flag"' not in his.get(page).content.decode(), page
    share.screenings = True
    share.save()
    for page in ("/", "/you/"):
        html = his.get(page).content.decode()
        card = html.split('data-testid="shared-flag"')[1].split("</section>")[0]
        assert "Alice may need you today" in card
        assert f'href="/you/shared/{alice.pk}/"' in card
        assert "self-harm" not in card and "harming" not in card  # what it was: on her page
    # Nobody else: not she, not another member she does not share with, not another
    # household
    for other in (alice, carol, mallory):
        for page in ("/", "/you/"):
            response = client_for(other).get(page)
            assert 'data-testid="shared-flag"' not in response.content.decode(), (other, page)
    # Four weeks on, it stays in her list, not on his Today
    flagged.created_at = timezone.now() - timedelta(days=29)
    flagged.save()
    assert 'data-testid="shared-flag"' not in his.get("/").content.decode()

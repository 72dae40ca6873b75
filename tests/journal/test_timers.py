from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.journal.models import Moment


def start(child, user, kind="feeding", **details):
    return Moment.objects.create(household=child.household, child=child, kind=kind,
                                 started_at=timezone.now() - timedelta(minutes=14),
                                 actor=user, created_by=user, details=details)


def test_stopping_a_feed_keeps_its_side_and_adds_eye_contact(client_for, alice, nora):
    feed = start(nora, alice, method="breast", side="left")
    response = client_for(alice).post(f"/moments/{feed.pk}/stop/", {"eye_contact": "on"})
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.ended_at is not None
    assert timedelta(minutes=13) < feed.duration < timedelta(minutes=15)
    assert feed.details == {"method": "breast", "side": "left", "eye_contact": True}


def test_timers_show_on_every_device_of_the_household(client_for, alice, bob, nora):
    start(nora, alice, kind="skin_to_skin")
    fragment = client_for(bob).get("/timers/").content.decode()
    assert "Skin-to-skin" in fragment
    assert "Nora" in fragment


def test_a_timer_cannot_be_stopped_twice(client_for, alice, nora):
    feed = start(nora, alice)
    client = client_for(alice)
    client.post(f"/moments/{feed.pk}/stop/")
    first_end = Moment.objects.get().ended_at
    response = client.post(f"/moments/{feed.pk}/stop/", follow=True)
    assert "already been stopped" in response.content.decode()
    assert Moment.objects.get().ended_at == first_end


def test_another_household_cannot_see_or_stop_a_timer(client_for, mallory, alice, nora):
    feed = start(nora, alice)
    client = client_for(mallory)
    assert "Nora" not in client.get("/timers/").content.decode()
    assert client.post(f"/moments/{feed.pk}/stop/").status_code == 404
    assert Moment.objects.get().ended_at is None


def test_a_viewer_sees_timers_but_cannot_stop_them(client_for, carol, alice, nora):
    feed = start(nora, alice)
    client = client_for(carol)
    assert "Feed" in client.get("/timers/").content.decode()
    assert client.post(f"/moments/{feed.pk}/stop/").status_code == 403
    assert Moment.objects.get().ended_at is None


def test_a_bottle_timer_takes_its_amount_as_it_stops(client_for, alice, nora):
    bottle = start(nora, alice, method="bottle")
    client = client_for(alice)
    fragment = client.get("/timers/").content.decode()
    assert 'data-testid="timer-amount"' in fragment and " ml</label>" in fragment
    assert client.post(f"/moments/{bottle.pk}/stop/", {"amount": "90"}).status_code == 302
    bottle.refresh_from_db()
    assert bottle.ended_at is not None and bottle.details["amount_ml"] == 90


def test_a_bottle_timer_takes_its_milk_as_it_stops(client_for, alice, nora):
    """Daniel's and Kayla's formula bottles, logged with the Bottle tile, never said
    formula: the card asks which milk, and a milk that is not offered is refused."""
    bottle = start(nora, alice, method="bottle")
    client = client_for(alice)
    fragment = client.get("/timers/").content.decode()
    assert 'data-testid="timer-milk"' in fragment and '<option value="formula">' in fragment
    refused = client.post(f"/moments/{bottle.pk}/stop/", {"milk": "juice"}, follow=True)
    assert "Choose one of the options offered." in refused.content.decode()
    bottle.refresh_from_db()
    assert bottle.ended_at is None and "milk" not in bottle.details
    client.post(f"/moments/{bottle.pk}/stop/", {"amount": "60", "milk": "formula"})
    bottle.refresh_from_db()
    assert bottle.ended_at is not None
    assert (bottle.details["milk"], bottle.details["amount_ml"]) == ("formula", 60)


def test_a_bottle_amount_typed_in_arabic_digits(client_for, alice, nora):
    """"٩٠" was refused ("type the amount as a number"), and the amount wiped."""
    bottle = start(nora, alice, method="bottle")
    assert client_for(alice).post(f"/moments/{bottle.pk}/stop/", {
        "amount": "\u0669\u0660"}).status_code == 302
    bottle.refresh_from_db()
    assert bottle.ended_at is not None and bottle.details["amount_ml"] == 90


def test_a_breastfeed_timer_asks_for_no_amount(client_for, alice, nora):
    start(nora, alice, method="breast", side="left")
    fragment = client_for(alice).get("/timers/").content.decode()
    assert 'data-testid="timer-amount"' not in fragment
    assert 'data-testid="timer-milk"' not in fragment


@pytest.mark.parametrize("typed", ["lots", "0", "1001", "-5", "9.999"])
def test_an_amount_that_cannot_be_is_refused_and_the_timer_keeps_running(client_for, alice,
                                                                         nora, typed):
    bottle = start(nora, alice, method="bottle")
    response = client_for(alice).post(f"/moments/{bottle.pk}/stop/", {"amount": typed},
                                      follow=True)
    assert "the timer is still running" in response.content.decode()
    assert "up to 1,000\u00a0ml" in response.content.decode() or \
        "up to 1000\u00a0ml" in response.content.decode()
    bottle.refresh_from_db()
    assert bottle.ended_at is None and "amount_ml" not in bottle.details


def test_a_bottle_amount_in_fluid_ounces(client_for, alice, nora, household):
    household.country = "US"
    household.save()
    bottle = start(nora, alice, method="bottle")
    client = client_for(alice)
    assert "oz</label>" in client.get("/timers/").content.decode()
    client.post(f"/moments/{bottle.pk}/stop/", {"amount": "3"})
    bottle.refresh_from_db()
    assert bottle.details["amount_ml"] == 89  # 3 US fl oz is 88.7 ml


def test_a_timer_says_its_side_or_bottle_in_her_language(client_for, alice, nora, household):
    start(nora, alice, method="bottle")
    client = client_for(alice)
    assert "Feed · Bottle" in client.get("/timers/").content.decode()
    Moment.objects.all().delete()
    start(nora, alice, method="breast", side="left")
    household.locale = "fr"
    household.save()
    fragment = client.get("/timers/").content.decode()
    assert "· gauche" in fragment and "Left" not in fragment


def test_a_bottle_stopped_at_once_with_its_amount_is_kept(client_for, alice, nora):
    """Started, "2" typed, Stop: "Stopped within a few seconds, so nothing was saved" threw
    the bottle away, amount and all. Without an amount a tap at once is still a mistake."""
    client = client_for(alice)
    bottle = Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                   started_at=timezone.now(), actor=alice, created_by=alice,
                                   details={"method": "bottle"})
    page = client.post(f"/moments/{bottle.pk}/stop/", {"amount": "60"}, follow=True)
    bottle.refresh_from_db()
    assert bottle.deleted_at is None and bottle.ended_at is not None
    assert bottle.details["amount_ml"] == 60 and "nothing was saved" not in page.content.decode()
    mistake = Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                    started_at=timezone.now(), actor=alice, created_by=alice,
                                    details={"method": "bottle"})
    client.post(f"/moments/{mistake.pk}/stop/")
    mistake.refresh_from_db()
    assert mistake.deleted_at is not None


def test_a_timer_someone_else_started_says_who(client_for, alice, bob, nora):
    # Two parents taking turns at kangaroo care: whose timer is it?
    start(nora, bob, method="bottle")
    assert 'data-testid="timer-who">Bob<' in client_for(alice).get("/timers/").content.decode()
    assert 'data-testid="timer-who"' not in client_for(bob).get("/timers/").content.decode()


def test_the_letter_tile_names_the_baby_for_someone_who_is_not_a_parent(client_for, alice,
                                                                        bob, nora):
    # An aunt who helps reads "Write to Nora", not "Write to your baby".
    assert "Write to your baby" in client_for(alice).get("/").content.decode()
    page = client_for(bob).get("/").content.decode()
    assert "Write to Nora" in page and "Write to your baby" not in page


def test_a_bottle_in_ounces_stopped_where_the_household_reads_ml(client_for, alice, nora):
    """A bottle marked in both: "4 oz" typed as it stops is 118 ml (it was refused)."""
    bottle = start(nora, alice, method="bottle")
    client_for(alice).post(f"/moments/{bottle.pk}/stop/", {"amount": "4 oz"})
    bottle.refresh_from_db()
    assert bottle.ended_at is not None and bottle.details["amount_ml"] == 118


def test_a_whole_number_of_fluid_ounces_reads_without_a_zero():
    """Keisha's timeline and report said "3.0 fl oz" for the 3 oz she typed."""
    from nestwell.accounts import measures
    from nestwell.lib.measures import Measures

    with measures.using(Measures(volume="oz")):
        assert [measures.volume(ml) for ml in (89, 120, 59, 0)] == [
            "3\u00a0fl\u00a0oz", "4.1\u00a0fl\u00a0oz", "2\u00a0fl\u00a0oz", "0\u00a0fl\u00a0oz"]
    with measures.using(Measures()):
        assert measures.volume(120) == "120\u00a0ml"

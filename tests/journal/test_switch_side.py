"""Switching sides on a running breastfeed in one tap, and which side is next (issue 13,
item 16)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.journal import services
from nestwell.journal.models import Moment


def feed(child, user, side="left", ago=timedelta(minutes=12), ended=False):
    start = timezone.now() - ago
    return Moment.objects.create(household=child.household, child=child, kind="feeding",
                                 started_at=start, ended_at=start + ago / 2 if ended else None,
                                 actor=user, created_by=user,
                                 details={"method": "breast", "side": side})


def test_one_tap_stops_this_side_and_starts_the_other(client_for, alice, nora):
    left = feed(nora, alice)
    client = client_for(alice)
    assert "Switch to right" in client.get("/").content.decode()
    page = client.post(f"/moments/{left.pk}/switch-side/", {"next": "home",
                                                            "eye_contact": "on"}, follow=True)
    assert "Now on the right side." in page.content.decode()
    left.refresh_from_db()
    right = Moment.objects.running().get()
    assert not left.is_running and left.details["eye_contact"] is True
    assert right.details == {"method": "breast", "side": "right"}
    assert right.started_at == left.ended_at
    assert "Switch to left" in page.content.decode()


def test_a_side_switched_within_seconds_is_dropped(alice, nora):
    wrong = feed(nora, alice, ago=timedelta(seconds=3))
    right = services.switch_side(moment=wrong, user=alice)
    wrong.refresh_from_db()
    assert wrong.deleted_at is not None
    assert list(Moment.objects.alive()) == [right]


def test_a_bottle_cannot_switch_sides(alice, nora):
    bottle = Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                   started_at=timezone.now() - timedelta(minutes=5),
                                   actor=alice, created_by=alice, details={"method": "bottle"})
    with pytest.raises(ValidationError):
        services.switch_side(moment=bottle, user=alice)
    bottle.refresh_from_db()
    assert bottle.is_running


def test_a_crying_episode_follows_the_feed_to_the_other_side(client_for, alice, nora):
    client = client_for(alice)
    client.post("/cues/crying/", {"child": nora.pk})
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/respond/", {"way": "fed"})
    first = Moment.objects.get()
    Moment.objects.filter(pk=first.pk).update(
        details={"method": "breast", "side": "left"},
        started_at=timezone.now() - timedelta(minutes=8))
    client.post(f"/moments/{first.pk}/switch-side/", {"next": "home"})
    second = Moment.objects.running().get()
    episode.refresh_from_db()
    assert episode.moment == second
    page = client.post(f"/cues/{episode.pk}/settle/", {"outcome": "settled"}, follow=True)
    assert f'action="/moments/{second.pk}/stop/"' in page.content.decode()


def test_another_household_cannot_switch(client_for, mallory, alice, nora):
    left = feed(nora, alice)
    assert client_for(mallory).post(f"/moments/{left.pk}/switch-side/").status_code == 404
    left.refresh_from_db()
    assert left.is_running


def test_today_says_which_side_is_next(client_for, alice, nora):
    client = client_for(alice)
    assert 'data-testid="next-side"' not in client.get("/").content.decode()
    feed(nora, alice, side="right", ago=timedelta(hours=5), ended=True)
    feed(nora, alice, side="left", ago=timedelta(hours=2), ended=True)
    html = client.get("/").content.decode()
    assert "The left side was last, so perhaps the right next." in html


def test_a_bottle_after_the_breast_does_not_hide_the_next_side(client_for, alice, nora):
    feed(nora, alice, side="right", ago=timedelta(hours=3), ended=True)
    Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                          started_at=timezone.now() - timedelta(hours=1),
                          ended_at=timezone.now() - timedelta(minutes=50), actor=alice,
                          created_by=alice, details={"method": "bottle"})
    html = client_for(alice).get("/").content.decode()
    assert "The right side was last, so perhaps the left next." in html


def test_twins_timers_keep_their_places_when_one_switches_side(client_for, alice, nora,
                                                               household):
    """Ada's card stayed above Ben's only until she switched sides (a new feed, started
    now): sorted by start alone, it dropped below his, and the next tap on the top card
    stopped Ben's feed instead."""
    from nestwell.children.models import Child

    ben = Child.objects.create(household=household, name="Ben", birth_at=nora.birth_at)
    ada_feed = feed(nora, alice, ago=timedelta(minutes=12))
    feed(ben, alice, side="right", ago=timedelta(minutes=8))
    client = client_for(alice)

    def order():  # the babies' names in the order their cards come
        html = client.get("/timers/").content.decode()
        return sorted(("Nora", "Ben"), key=html.index)

    assert order() == ["Nora", "Ben"]
    client.post(f"/moments/{ada_feed.pk}/switch-side/", {"next": "home"})
    assert order() == ["Nora", "Ben"]


def test_no_next_side_while_a_feed_runs(client_for, alice, nora):
    """During a left feed Today said "the left side was last, so perhaps the right next"."""
    client = client_for(alice)
    feed(nora, alice, side="right", ago=timedelta(hours=3), ended=True)
    running = feed(nora, alice, side="left", ago=timedelta(minutes=5))
    assert running.is_running
    assert 'data-testid="next-side"' not in client.get("/").content.decode()
    client.post(f"/moments/{running.pk}/stop/")
    assert "The left side was last, so perhaps the right next." in client.get(
        "/").content.decode()


def bottle(nora, alice, ago):
    return Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                 started_at=timezone.now() - ago,
                                 ended_at=timezone.now() - ago + timedelta(minutes=10),
                                 actor=alice, created_by=alice,
                                 details={"method": "bottle", "milk": "formula"})


def test_a_baby_fed_from_a_bottle_gets_the_bottle_not_two_breast_tiles(client_for, alice,
                                                                       nora):
    """Daniel, an adoptive father, logged fifteen bottles and Today still led with
    "Feed · left" and "Feed · right" (a breastfeeding emoji) before the bottle."""
    client = client_for(alice)
    assert "Feed · left" in client.get("/").content.decode()  # nothing logged yet
    for hours in (9, 6, 3):
        bottle(nora, alice, timedelta(hours=hours))
    html = client.get("/").content.decode()
    assert "Feed · left" not in html and "Feed · right" not in html
    assert 'name="method" value="bottle"' in html
    feed(nora, alice, side="left", ago=timedelta(hours=1), ended=True)  # a breastfeed again
    html = client.get("/").content.decode()
    assert "Feed · left" in html and "The left side was last" in html


def test_feeding_habit_reads_the_newest_feeds():
    from nestwell.journal.services import feeding_habit

    assert feeding_habit([]) == (None, False)
    assert feeding_habit([("bottle", None)] * 2) == (None, False)  # two are not a habit
    assert feeding_habit([("bottle", None)] * 3) == (None, True)
    assert feeding_habit([("solids", None), ("bottle", None), ("bottle", None),
                          ("bottle", None)]) == (None, True)
    assert feeding_habit([("bottle", None), ("breast", "right"), ("bottle", None),
                          ("bottle", None), ("breast", "left")]) == ("right", False)
    assert feeding_habit([("breast", None), ("breast", "left")]) == ("left", False)
    # a side without a method (the API, the command line, an import) is a breastfeed
    assert feeding_habit([(None, "left")] + [("bottle", None)] * 3) == ("left", False)


def test_a_side_stopped_at_once_after_a_switch_says_the_side_before_is_kept(client_for,
                                                                           alice, nora):
    """Kayla switched to the right and stopped straight away: "nothing was saved" made
    her think the left side was lost too."""
    left = feed(nora, alice)
    client = client_for(alice)
    client.post(f"/moments/{left.pk}/switch-side/", {"next": "home"})
    right = Moment.objects.get(child=nora, details__side="right")
    page = client.post(f"/moments/{right.pk}/stop/", {"next": "home"}, follow=True)
    html = page.content.decode()
    assert "The right side was stopped within a few seconds, so it was not kept; the left " \
           "side before it is saved." in html
    assert "nothing was saved" not in html
    left.refresh_from_db()
    assert left.ended_at is not None and left.deleted_at is None
    single = feed(nora, alice, side="left", ago=timedelta(seconds=1))
    html = client.post(f"/moments/{single.pk}/stop/", {"next": "home"},
                       follow=True).content.decode()
    assert "Stopped within a few seconds, so nothing was saved." in html


def test_eye_contact_ticked_on_a_side_dropped_at_once_stays_with_the_feed(alice, nora):
    """Chloé's walk: she ticked eye contact and switched within seconds (the wrong side
    first); the dropped side took the tick with it."""
    wrong = feed(nora, alice, ago=timedelta(seconds=3))
    right = services.switch_side(moment=wrong, user=alice, details={"eye_contact": True})
    assert right.details == {"method": "breast", "side": "left" if wrong.details["side"]
                             == "right" else "right", "eye_contact": True}
    services.stop_timer(moment=right)
    longer = feed(nora, alice, side="left", ago=timedelta(minutes=9))
    after = services.switch_side(moment=longer, user=alice, details={"eye_contact": True})
    longer.refresh_from_db()
    assert longer.details["eye_contact"] is True and "eye_contact" not in after.details


def test_a_caregiver_is_offered_the_bottle_not_the_breast(client_for, alice, bob, nora):
    """Bob looks after Nora while her mother works: Today offered him "Feed · left" and
    "Feed · right", and told him which side was last."""
    feed(nora, alice, side="left", ago=timedelta(hours=1), ended=True)
    html = client_for(bob).get("/").content.decode()
    assert "Feed · left" not in html and "Feed · right" not in html
    assert "The left side was last" not in html
    assert 'name="method" value="bottle"' in html
    html = client_for(alice).get("/").content.decode()  # her own Today is as it was
    assert "Feed · left" in html and "The left side was last" in html

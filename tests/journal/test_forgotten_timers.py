"""Timers a tired parent forgets, starts by mistake or stops at once (issue 13, items 4
and 5): the date and "still going?" on a forgotten timer, never more than 24 hours saved,
Undo for a start, nothing saved for a stop within seconds, and "Settled" offering to stop
the feed the crying was answered with."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.journal import services
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment


def running(child, user, kind="skin_to_skin", ago=timedelta(minutes=14), **details):
    return Moment.objects.create(household=child.household, child=child, kind=kind,
                                 started_at=timezone.now() - ago, actor=user,
                                 created_by=user, details=details)


def test_every_timed_kind_has_a_usual_length_under_a_day():
    for kind in KINDS.values():
        if kind.timed:
            assert timedelta(minutes=30) <= kind.usual_length < services.LONGEST_MOMENT
    assert KINDS["feeding"].usual_length < KINDS["skin_to_skin"].usual_length
    assert KINDS["skin_to_skin"].usual_length < KINDS["sleep"].usual_length


def test_a_fresh_timer_asks_nothing(client_for, alice, nora):
    t = running(nora, alice)
    html = client_for(alice).get("/").content.decode()
    assert 'data-testid="timer-ask"' not in html
    # Its date shows only when it began before midnight (the test may run just after one).
    zone = ZoneInfo(nora.household.time_zone)
    started_today = t.started_at.astimezone(zone).date() == timezone.now().astimezone(zone).date()
    assert ('data-testid="timer-since"' in html) is not started_today


def test_a_forgotten_timer_shows_its_date_and_asks_if_it_is_still_going(client_for, alice,
                                                                        nora):
    t = running(nora, alice, ago=timedelta(hours=30))
    html = client_for(alice).get("/").content.decode()
    since = timezone.localtime(t.started_at)
    assert 'data-testid="timer-since"' in html
    assert f"since {since:%a} {since.day} {since:%b}, {since:%H:%M}" in html
    assert "Still going?" in html and 'name="ended_at"' in html
    assert ">Stop</button>" not in html  # a 30-hour moment cannot be saved in one tap


def test_a_feed_past_its_usual_length_asks_but_can_still_be_stopped(client_for, alice, nora):
    running(nora, alice, kind="feeding", ago=timedelta(hours=2), method="breast")
    html = client_for(alice).get("/").content.decode()
    assert "Still going?" in html and ">Stop</button>" in html


def test_stop_never_saves_more_than_a_day(client_for, alice, nora):
    t = running(nora, alice, ago=timedelta(hours=30))
    page = client_for(alice).post(f"/moments/{t.pk}/stop/", {"next": "home"}, follow=True)
    assert "When did it end?" in page.content.decode()
    t.refresh_from_db()
    assert t.is_running


def test_the_service_refuses_a_stop_past_a_day(alice, nora):
    t = running(nora, alice, ago=timedelta(hours=25))
    with pytest.raises(ValidationError):
        services.stop_timer(moment=t)
    with pytest.raises(ValidationError):
        services.stop_timer(moment=t, ended_at=t.started_at + timedelta(hours=24, minutes=1))
    t.refresh_from_db()
    assert t.is_running


def test_when_did_it_end_saves_that_end(client_for, alice, nora):
    t = running(nora, alice, ago=timedelta(hours=30))
    end = timezone.localtime(t.started_at + timedelta(hours=2))
    client_for(alice).post(f"/moments/{t.pk}/stop/", {
        "next": "home", "ended_at": end.strftime("%Y-%m-%dT%H:%M")})
    t.refresh_from_db()
    assert t.ended_at == end.replace(second=0, microsecond=0)


@pytest.mark.parametrize("bad", ["yesterday", "1800-01-01T10:00"])
def test_a_nonsense_end_changes_nothing(client_for, alice, nora, bad):
    t = running(nora, alice, ago=timedelta(hours=30))
    page = client_for(alice).post(f"/moments/{t.pk}/stop/", {"next": "home", "ended_at": bad},
                                  follow=True)
    assert page.status_code == 200
    t.refresh_from_db()
    assert t.is_running


def test_an_end_before_the_start_is_refused(client_for, alice, nora):
    t = running(nora, alice, ago=timedelta(hours=30))
    end = timezone.localtime(t.started_at - timedelta(hours=1))
    page = client_for(alice).post(f"/moments/{t.pk}/stop/", {
        "next": "home", "ended_at": end.strftime("%Y-%m-%dT%H:%M")}, follow=True)
    assert "The end is before the start." in page.content.decode()
    t.refresh_from_db()
    assert t.is_running


def test_a_movement_count_left_running_finishes_a_day_after_it_began(alice, household):
    from nestwell.children.models import Child
    from nestwell.pregnancy import services as pregnancy

    bump = Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=8))
    session = running(bump, alice, kind="movement_count", ago=timedelta(hours=30))
    pregnancy.finish(session)
    session.refresh_from_db()
    assert session.duration == services.LONGEST_MOMENT


# --- item 5: a start says so, can be undone, and a stop within seconds saves nothing ---

def test_chips_that_start_timers_say_so(client_for, alice, nora):
    html = client_for(alice).get("/").content.decode()
    for label in ("Babywearing", "Baby massage", "Bath", "Play", "Soothing", "Sleep"):
        chip = html.index(f"{label} <span class=\"timer-badge\"")
        assert "starts a timer" in html[chip:chip + 200]


def test_a_just_started_timer_can_be_undone(client_for, alice, nora):
    client = client_for(alice)
    page = client.post("/moments/quick/", {"kind": "bath", "child": nora.pk}, follow=True)
    html = page.content.decode()
    assert "Bath timer started for Nora." in html and ">Undo</button>" in html
    bath = Moment.objects.get()
    client.post(f"/moments/{bath.pk}/undo/", {"action": "unlog", "next": "home"})
    assert not Moment.objects.alive().exists()
    assert "Bath" not in client.get("/timers/").content.decode()


def test_a_timer_stopped_within_seconds_saves_nothing(client_for, alice, nora):
    t = running(nora, alice, kind="sleep", ago=timedelta(seconds=3))
    page = client_for(alice).post(f"/moments/{t.pk}/stop/", {"next": "home"}, follow=True)
    html = page.content.decode()
    assert "Stopped within a few seconds, so nothing was saved." in html
    assert not Moment.objects.alive().exists()
    assert "0 s" not in html
    # Undo brings the timer back, still running.
    client_for(alice).post(f"/moments/{t.pk}/undo/", {"action": "restore"})
    t.refresh_from_db()
    assert t.deleted_at is None and t.is_running


def test_a_timer_of_a_minute_is_saved(client_for, alice, nora):
    t = running(nora, alice, kind="sleep", ago=timedelta(minutes=1))
    client_for(alice).post(f"/moments/{t.pk}/stop/", {"next": "home"})
    t.refresh_from_db()
    assert t.deleted_at is None and not t.is_running


# --- Settled offers to stop the feed the crying was answered with -----------------------

def test_settled_offers_to_stop_the_linked_feed(client_for, alice, nora):
    client = client_for(alice)
    client.post("/cues/crying/", {"child": nora.pk})
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/respond/", {"way": "fed"})
    feed = Moment.objects.get()
    page = client.post(f"/cues/{episode.pk}/settle/", {"outcome": "settled"}, follow=True)
    html = page.content.decode()
    assert 'data-testid="stop-offer"' in html
    assert "Nora has settled. Is the feed still going?" in html
    assert f'action="/moments/{feed.pk}/stop/"' in html
    Moment.objects.filter(pk=feed.pk).update(started_at=timezone.now() - timedelta(minutes=9))
    client.post(f"/moments/{feed.pk}/stop/", {"next": "home"})
    feed.refresh_from_db()
    assert not feed.is_running and feed.deleted_at is None
    assert 'data-testid="stop-offer"' not in client.get("/").content.decode()


def test_stop_noting_never_says_the_baby_has_settled(client_for, alice, nora):
    """Grace tapped "Stop noting for now", and the next card said "Ada has settled"."""
    client = client_for(alice)
    client.post("/cues/crying/", {"child": nora.pk})
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/respond/", {"way": "fed"})
    html = client.post(f"/cues/{episode.pk}/settle/", {"outcome": "unsettled"},
                       follow=True).content.decode()
    assert 'data-testid="stop-offer"' in html and "Is the feed still going?" in html
    assert "has settled" not in html


def test_no_offer_when_the_answer_was_not_a_timer(client_for, alice, nora):
    client = client_for(alice)
    client.post("/cues/crying/", {"child": nora.pk})
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    page = client.post(f"/cues/{episode.pk}/settle/", {"outcome": "settled"}, follow=True)
    assert 'data-testid="stop-offer"' not in page.content.decode()


def test_a_running_feed_shows_how_it_is_given(client_for, alice, nora):
    """A breastfeed's timer shows 🤱, a bottle's 🍼 (the feed kind's own icon is a bottle)."""
    running(nora, alice, kind="feeding", method="breast", side="left")
    part = client_for(alice).get("/timers/").content.decode()
    assert "🤱 Feed" in part and "🍼 Feed" not in part
    Moment.objects.update(details={"method": "bottle"})
    assert "🍼 Feed" in client_for(alice).get("/timers/").content.decode()

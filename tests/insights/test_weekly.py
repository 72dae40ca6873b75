"""“Your week together”: the pure summary, the page, and the Monday e-mail."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.insights import weekly
from nestwell.insights.models import Prefs
from nestwell.insights.week import send_weekly
from nestwell.journal.models import Moment
from nestwell.wellbeing.models import CheckIn


def test_the_summary_counts_firsts_new_signals_and_what_helped():
    week = weekly.summarize(
        moments=[("skin_to_skin", 40), ("skin_to_skin", 20), ("talk", 0), ("feeding", 15)],
        first_kinds=["skin_to_skin"],
        cues=[("cry", ["picked_up", "fed"]), ("cry", ["picked_up"]), ("smile", []),
              ("coo", [])],
        earlier_signals={"coo"}, checkins=[7.0, 5.0, None])
    assert (week.moments, week.minutes_together) == (4, 75)
    assert week.top_kinds[0] == ("skin_to_skin", 2)
    assert week.firsts == ["skin_to_skin"] and week.first_signals == ["smile"]
    assert week.cries == 2 and week.helped[0] == ("picked_up", 2)
    assert (week.checkins, week.rested_days) == (3, 1)
    assert weekly.self_care_code(week) == "tired"


def test_self_care_is_never_a_grade():
    assert weekly.self_care_code(weekly.summarize([], [], [], set(), None)) == ""
    assert weekly.self_care_code(weekly.summarize([], [], [], set(), [])) == "no-checkins"
    assert weekly.self_care_code(weekly.summarize([], [], [], set(), [7, 8, 6, 9])) == \
        "some-rest"


def fill_week(household, nora, alice):
    now = timezone.now()
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=now - timedelta(days=1), ended_at=now - timedelta(
                              days=1) + timedelta(minutes=30), details={"first": True})
    Cue.objects.create(household=household, child=nora, signal="smile", started_at=now,
                       closed_at=now)
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe", sleep_hours="4")


def test_the_week_page(client_for, alice, nora, household):
    fill_week(household, nora, alice)
    page = client_for(alice).get("/insights/week/").content.decode()
    assert "1 moment together" in page
    assert "A first this week: skin-to-skin." in page and "New this week: smile." in page
    assert "Thank you for checking in with yourself." in page
    for word in ("should", "missed", "streak"):
        assert word not in page.lower()


def test_the_monday_email_goes_to_parents_who_want_it(settings, alice, bob, nora, household):
    settings.EMAIL_CONFIGURED = True
    fill_week(household, nora, alice)
    assert send_weekly() == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"] and "Your week with Nora" in message.subject
    assert "A first this week: skin-to-skin." in message.body
    Prefs.objects.create(user=alice, household=household, weekly_email=False)
    assert send_weekly() == 0


def test_no_email_without_an_email_server(settings, alice, nora):
    settings.EMAIL_CONFIGURED = False
    assert send_weekly() == 0 and mail.outbox == []


def test_the_weekly_job_runs_through_huey(settings, alice, nora, household):
    from nestwell.ops import tasks

    settings.EMAIL_CONFIGURED = True
    fill_week(household, nora, alice)
    tasks.weekly_summary()  # immediate mode in tests: runs now, as the consumer would
    assert len(mail.outbox) == 1


def test_one_failing_recipient_does_not_stop_the_others_and_a_retry_sends_no_one_twice(
        settings, household, nora, alice, monkeypatch):
    import pytest

    from nestwell.accounts.models import Household, Membership, User
    from nestwell.children.models import Child
    from nestwell.insights import week as week_module

    settings.EMAIL_CONFIGURED = True
    parents = [alice]
    for n in range(3):
        home = Household.objects.create(name=f"Home{n}", time_zone="Europe/London")
        Child.objects.create(household=home, name=f"Baby{n}", birth_at=nora.birth_at)
        user = User.objects.create_user(email=f"p{n}@example.org", password=None)
        Membership.objects.create(user=user, household=home, role="parent")
        parents.append(user)
    real = week_module.send_mail

    def flaky(subject, body, sender, to):
        if to == ["p1@example.org"]:
            raise OSError("mail server hiccup")
        return real(subject, body, sender, to)

    monkeypatch.setattr(week_module, "send_mail", flaky)
    with pytest.raises(week_module.WeeklyIncomplete):
        send_weekly()
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "p0@example.org",
                                                    "p2@example.org"]
    monkeypatch.setattr(week_module, "send_mail", real)
    assert send_weekly() == 1  # the retry: only the one that failed
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "p0@example.org",
                                                    "p1@example.org", "p2@example.org"]
    assert send_weekly() == 0 and len(mail.outbox) == 4


def test_the_week_counts_a_switched_feed_once_and_names_her_firsts(client_for, alice, nora,
                                                                    household):
    """The week said four feeds where the report said three (a breastfeed switched to the
    other side is one feed), and left out the first smile kept on the firsts page."""
    from nestwell.insights.week import gather, lines
    from nestwell.milestones.models import Milestone

    now = timezone.now()
    left_at = now - timedelta(hours=5)
    switch = left_at + timedelta(minutes=12)
    for side, start, end in (("left", left_at, switch),
                             ("right", switch + timedelta(seconds=20),
                              switch + timedelta(minutes=8)),
                             ("left", now - timedelta(hours=2),
                              now - timedelta(hours=1, minutes=45))):
        Moment.objects.create(household=household, child=nora, kind="feeding",
                              started_at=start, ended_at=end, actor=alice,
                              details={"method": "breast", "side": side})
    Milestone.objects.create(household=household, child=nora, kind="first_smile",
                             happened_on=timezone.localdate() - timedelta(days=2))
    week = gather(nora, alice, now=now)
    assert week.top_kinds[0] == ("feeding", 2) and week.moments == 2
    said = " ".join(lines(week))
    assert "most often feed (2)." in said
    # in hours and minutes: half an hour of moments read "0.6 hours", 37 s "0 hours"
    assert re.search(r"2 moments together, \d+ min in all;", said), said
    Moment.objects.filter(child=nora).delete()
    Moment.objects.create(household=household, child=nora, kind="cuddle", actor=alice,
                          started_at=now - timedelta(hours=1, seconds=37),
                          ended_at=now - timedelta(hours=1))
    said = " ".join(lines(gather(nora, alice, now=now)))
    assert "1 moment together, 37 s in all;" in said, said
    assert "A first this week: first real smile." in said


def test_a_night_asleep_is_not_time_together(client_for, alice, nora, household):
    """Elena's week read "88 h 22 min in all; most often feed (39), sleep (13)": ten hours
    in the cot counted as time together."""
    from nestwell.insights.week import gather, lines

    now = timezone.now()
    night = now - timedelta(hours=14)
    Moment.objects.create(household=household, child=nora, kind="sleep", actor=alice,
                          started_at=night, ended_at=night + timedelta(hours=10),
                          details={"place": "cot"})
    Moment.objects.create(household=household, child=nora, kind="cuddle", actor=alice,
                          started_at=now - timedelta(hours=1, seconds=37),
                          ended_at=now - timedelta(hours=1))
    week = gather(nora, alice, now=now)
    assert week.moments == 1 and week.top_kinds == [("cuddle", 1)]
    assert "1 moment together, 37 s in all;" in " ".join(lines(week))


def test_a_week_with_a_risk_answer_offers_support_before_any_word_of_rest(
        client_for, alice, bob, nora, household):
    """Chloé's walk: a week with a check-in saying she was not safe ended on "You found some
    rest on several days this week"; nothing of support. Her partner's week, and a week
    without such an answer, say nothing of it."""
    from nestwell.wellbeing.models import ScreeningResponse

    fill_week(household, nora, alice)
    calm = client_for(alice).get("/insights/week/").content.decode()
    assert "week-support" not in calm and "carry it alone" not in calm
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3,
                           energy=3, stress=3, support=3, safety="safe", sleep_hours="7",
                           note=f"I'm scared I'll hurt {nora.name}")
    page = client_for(alice).get("/insights/week/").content.decode()
    assert "you do not have to carry it alone" in page and 'data-testid="week-support"' in page
    assert "Thank you for checking in" not in page
    assert "carry it alone" not in client_for(bob).get("/insights/week/").content.decode()
    assert weekly.self_care_code(weekly.summarize([], [], [], set(), [8], 1)) == "support"
    assert weekly.self_care_code(weekly.summarize([], [], [], set(), None, 1)) == ""
    CheckIn.objects.all().delete()
    ScreeningResponse.objects.create(household=household, author=alice, instrument="epds",
                                     version="1", answers=[0] * 9 + [2], total=2,
                                     band_label="x", safety=[10])
    assert "carry it alone" in client_for(alice).get("/insights/week/").content.decode()

"""Figures "a day" in the report for a visit are averaged over the days the family logged:
a fortnight chosen when logging began three days ago read as a baby fed twice a day."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from nestwell.insights import report as summary
from nestwell.insights.analytics import Span

ZONE = ZoneInfo("Europe/Paris")
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 14)
NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)  # after the period


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=ZONE)


def feed(day, hour, minutes=20):
    return Span("feeding", at(day, hour), at(day, hour) + timedelta(minutes=minutes))


def build(spans, cues=(), first=FIRST, last=LAST, now=NOW):
    details = [{"method": "breast", "side": "left"} if s.kind == "feeding" else {}
               for s in spans]
    return summary.build(spans, details, list(cues), ZONE, first, last, now)


def test_averages_begin_on_the_first_day_anything_was_logged():
    spans = [feed(day, hour) for day in (12, 13, 14) for hour in (3, 9, 15, 21)]
    spans += [Span("skin_to_skin", at(12, 10), at(12, 11)),
              Span("sleep", at(13, 1), at(13, 7))]
    report = build(spans)
    assert (report.averaged_from, report.averaged_to, report.averaged) == (
        date(2026, 3, 12), LAST, 3)
    assert report.feeds == 12 and report.feeds_per_day == 4.0
    assert report.skin_minutes_per_day == 20.0  # 60 minutes over 3 days, not 14
    # sleep over the one day it was noted on: a day without sleep logged is not a day
    # without sleep
    assert report.sleep_hours_per_day == 6.0 and report.sleep_days == 1
    assert report.moments_per_day == round(14 / 3, 1)
    assert report.days == 14  # the period itself is unchanged


def test_a_cry_counts_as_something_logged():
    cue = summary.CueRow(at(10, 4), at(10, 4, 1), at(10, 4, 9), "cry")
    report = build([feed(12, 9)], [cue])
    assert report.averaged_from == date(2026, 3, 10) and report.averaged == 5


def test_a_period_running_past_today_is_averaged_up_to_today():
    spans = [feed(day, 9) for day in range(1, 6)]
    report = build(spans, now=at(5, 18))
    assert (report.averaged_from, report.averaged_to, report.averaged) == (
        FIRST, date(2026, 3, 5), 5)
    assert report.feeds_per_day == 1.0


def test_with_nothing_logged_the_whole_period_counts():
    report = build([])
    assert (report.averaged_from, report.averaged) == (FIRST, 14)
    assert report.feeds_per_day is None and report.moments_per_day == 0.0  # nothing to say


def test_a_moment_begun_the_day_before_gives_its_minutes_and_is_not_counted():
    """The report reads moments begun the day before the period for the minutes they run
    into it; before, such a feed was counted among the period's feeds."""
    night = Span("feeding", datetime(2026, 2, 28, 23, 50, tzinfo=ZONE), at(1, 0, 20))
    report = build([night, feed(1, 9)])
    assert report.feeds == 1 and report.averaged_from == FIRST
    assert report.minutes_by_kind["feeding"][0] == 40  # 20 after midnight and 20 at nine


def test_the_days_are_local_days():
    """A feed at 00:30 in Paris on the 12th is 23:30 UTC on the 11th: logging began on
    the 12th, her day."""
    report = build([Span("feeding", at(12, 0, 30), at(12, 0, 50))])
    assert report.averaged_from == date(2026, 3, 12)


def test_averaged_days_is_a_pure_rule():
    assert summary.averaged_days([], ZONE, FIRST, LAST, date(2026, 3, 9)) == (
        FIRST, date(2026, 3, 9))
    # a period wholly in the future (refused by the form) still gives one day, not zero
    assert summary.averaged_days([], ZONE, FIRST, LAST, date(2026, 2, 1)) == (FIRST, FIRST)


def test_never_before_the_birth():
    """A letter or a movement count in pregnancy is not a day of feeds."""
    spans = [Span("letter", at(3, 20), at(3, 20)), feed(10, 9), feed(11, 9), feed(12, 9)]
    details = [{}] + [{"method": "breast", "side": "left"}] * 3
    report = summary.build(spans, details, [], ZONE, FIRST, LAST, NOW, born=date(2026, 3, 9))
    assert (report.averaged_from, report.averaged, report.born) == (
        date(2026, 3, 9), 6, date(2026, 3, 9))
    assert report.feeds_per_day == 1.0 and report.feed_days == 3  # the days with feeds
    # born before the period: the first thing logged decides, as before
    report = summary.build(spans, details, [], ZONE, FIRST, LAST, NOW, born=date(2026, 2, 1))
    assert report.averaged_from == date(2026, 3, 3)


def test_the_report_says_the_birth_began_the_averages(client_for, alice, household):
    from datetime import time as clock

    from django.utils import formats, timezone

    from nestwell.children.models import Child
    from nestwell.journal.models import Moment

    today = timezone.localdate()
    born = timezone.make_aware(datetime.combine(today - timedelta(days=2), clock(6)))
    wren = Child.objects.create(household=household, name="Wren", birth_at=born)
    letter = born - timedelta(days=3)
    Moment.objects.create(household=household, child=wren, kind="letter", started_at=letter,
                          ended_at=letter, note="Soon", created_by=alice)
    period = f"first={(today - timedelta(days=6)).isoformat()}&last={today.isoformat()}"
    page = client_for(alice).get(f"/insights/report/?child={wren.pk}&{period}").content.decode()
    day = formats.date_format(born.date(), "j M")
    assert f"Wren was born on {day}, so figures a day are averaged over 3 days." in page
    assert "Feeds and sleep a day are averaged" not in page
    # Feeds over one full day (yesterday), the rest over three: the note says why the two
    # differ (Aoife's and Chloé's walks read "3 full days" above "5 days" as a contradiction).
    for hour in (2, 8, 14, 20):
        fed = timezone.make_aware(datetime.combine(today - timedelta(days=1), clock(hour)))
        Moment.objects.create(household=household, child=wren, kind="feeding",
                              started_at=fed, ended_at=fed + timedelta(minutes=15),
                              details={"method": "bottle"}, created_by=alice)
    page = client_for(alice).get(f"/insights/report/?child={wren.pk}&{period}").content.decode()
    assert "averaged over 1 full day with feeds noted" in page
    assert ("so figures a day are averaged over 3 days. Feeds and sleep a day are averaged "
            "over the full days they were noted on, given beside each.") in page


def test_a_breastfeed_switched_to_the_other_side_is_one_feed():
    """A switch stops one side and starts the other at the same moment (two rows on the
    timeline): the report said "2 feeds · Left: 1, Right: 1" for one feed."""
    left = Span("feeding", at(12, 9), at(12, 9, 12))
    right = Span("feeding", at(12, 9, 12), at(12, 9, 25))      # the switch
    later = Span("feeding", at(12, 13), at(12, 13, 20))        # a new feed, right again
    bottle = Span("feeding", at(12, 13, 20), at(12, 13, 30))   # a top-up: a feed of its own
    again_left = Span("feeding", at(12, 13, 30), at(12, 13, 40))  # after the bottle
    spans = [left, right, later, bottle, again_left]
    details = [{"method": "breast", "side": "left"}, {"method": "breast", "side": "right"},
               {"method": "breast", "side": "right"}, {"method": "bottle"},
               {"method": "breast", "side": "left"}]
    report = summary.build(spans, details, [], ZONE, FIRST, LAST, NOW)
    assert report.feeds == 4 and report.breast_sides == {"left": 2, "right": 2}
    # the 12th, the day logging began, is only part-logged: a rate over the hours since
    # the first feed (09:00 on the 12th to the end of the period, 63 hours)
    assert (report.feeds_per_day, report.feed_days) == (round(4 * 24 / 63, 1), 0)


def test_feeds_and_sleep_a_day_are_over_the_days_they_were_noted_not_today():
    """The health visitor's report: two days with nothing logged, sleep logged from the
    third week and today (13 hours old) read as 8 feeds and 8.3 hours of sleep a day,
    where the days logged said 8.8 and 11.6."""
    spans = [feed(day, hour) for day in (1, 2, 5, 6) for hour in (3, 9, 15, 21)]
    spans += [feed(7, 3)]  # today, still going
    spans += [Span("sleep", at(day, 0), at(day, 12)) for day in (5, 6)]
    report = build(spans, last=date(2026, 3, 7), now=at(7, 13))
    assert report.averaged == 7  # the 1st to today
    assert (report.feeds_per_day, report.feed_days) == (4.0, 4)
    assert (report.sleep_hours_per_day, report.sleep_days) == (12.0, 2)
    # today alone, still going: a rate over the hours logged (03:00 to 13:00)
    report = build([feed(7, 3), feed(7, 9)], first=date(2026, 3, 7), last=date(2026, 3, 7),
                   now=at(7, 13))
    assert (report.feeds_per_day, report.feed_days, report.logged_hours) == (4.8, 0, 10)
    # under six hours logged: no figure a day at all
    report = build([feed(7, 9), feed(7, 11)], first=date(2026, 3, 7), last=date(2026, 3, 7),
                   now=at(7, 13))
    assert report.feeds_per_day is None


def test_the_day_logging_began_is_part_of_a_day_too():
    """The review's probe: logging began at 22:30, five feeds by 13:00 the next day; the
    report said "6 feeds, about 1.0 a day", an alarm for a newborn."""
    spans = [Span("feeding", at(9, 22, 30), at(9, 22, 50))]
    spans += [feed(10, hour) for hour in (1, 4, 7, 10, 12)]
    report = build(spans, first=date(2026, 3, 1), last=date(2026, 3, 10), now=at(10, 13))
    assert report.feeds == 6 and report.feed_days == 0
    assert report.feeds_per_day == round(6 * 24 / 14.5, 1)  # 22:30 to 13:00
    # nights logged from one evening: the first evening is not a night
    spans = [Span("sleep", at(day, 20), at(day + 1, 6)) for day in range(3, 8)]
    report = build(spans, first=date(2026, 3, 1), last=date(2026, 3, 8), now=at(8, 12))
    assert (report.sleep_hours_per_day, report.sleep_days) == (10.0, 4)


def test_a_feed_kept_with_a_side_and_no_method_counts_by_side():
    """Kept before a side alone was read as a breastfeed (Aoife's script)."""
    spans = [Span("feeding", at(12, 9), at(12, 9, 15)), Span("feeding", at(12, 12),
                                                              at(12, 12, 15))]
    report = summary.build(spans, [{"side": "left"}, {"method": "bottle"}], [], ZONE, FIRST,
                           LAST, NOW)
    assert report.breast_sides == {"left": 1}


def test_a_rate_is_over_the_hours_since_its_own_kind_was_first_logged():
    """Camille logged kangaroo care back four days and began logging Inès's tube feeds
    today, every three hours: her report said "4 feeds, about 1.0 a day" (a rate over the
    99 hours since the first skin-to-skin), for the unit's team to read."""
    spans = [Span("skin_to_skin", at(day, 14), at(day, 16)) for day in (3, 4, 5, 6)]
    spans += [feed(7, hour) for hour in (1, 4, 7, 10)]
    report = build(spans, first=date(2026, 3, 1), last=date(2026, 3, 7), now=at(7, 12))
    assert (report.feeds, report.feed_days, report.logged_hours) == (4, 0, 11)
    assert report.feeds_per_day == round(4 * 24 / 11, 1)  # since the first feed, 01:00
    assert report.sleep_hours_per_day is None  # no sleep logged: no figure

"""Skin-to-skin minutes per local day (pure)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from nestwell.pregnancy.kangaroo import (
    WHO_HOURS_PER_DAY,
    WHO_SOURCE,
    daily_minutes,
    from_first_logged,
)

LONDON = ZoneInfo("Europe/London")


def at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=LONDON)


def test_minutes_are_added_up_per_day():
    days = daily_minutes([(at(2, 9), at(2, 11)), (at(2, 14), at(2, 14, 30))], LONDON,
                         date(2026, 3, 1), date(2026, 3, 2), now=at(3, 0))
    assert [(d.day.day, d.minutes) for d in days] == [(1, 0), (2, 150)]


def test_time_across_midnight_is_split_between_the_days():
    days = daily_minutes([(at(1, 23), at(2, 1, 30))], LONDON, date(2026, 3, 1),
                         date(2026, 3, 2), now=at(3, 0))
    assert [d.minutes for d in days] == [60, 90]


def test_overlapping_logs_count_once():
    days = daily_minutes([(at(2, 9), at(2, 12)), (at(2, 10), at(2, 13))], LONDON,
                         date(2026, 3, 2), date(2026, 3, 2), now=at(3, 0))
    assert days[0].minutes == 240


def test_a_running_session_counts_until_now():
    days = daily_minutes([(at(2, 9), None)], LONDON, date(2026, 3, 2), date(2026, 3, 2),
                         now=at(2, 10, 15))
    assert days[0].minutes == 75


def test_the_day_the_clocks_go_forward_has_23_hours():
    # 29 March 2026, 01:00 GMT -> 02:00 BST in London
    start = datetime(2026, 3, 28, 23, 0, tzinfo=LONDON)
    days = daily_minutes([(start, start + timedelta(hours=30))], LONDON,
                         date(2026, 3, 29), date(2026, 3, 29), now=start + timedelta(days=3))
    assert days[0].minutes == 23 * 60


def test_eight_hours_fills_the_bar_and_is_noted_without_a_grade():
    days = daily_minutes([(at(2, 0), at(2, 9))], LONDON, date(2026, 3, 2), date(2026, 3, 2),
                         now=at(3, 0))
    assert days[0].reached and days[0].share == 1.0 and days[0].hours == 9.0
    assert WHO_HOURS_PER_DAY == 8 and "World Health Organization" in WHO_SOURCE


def test_the_days_begin_with_the_first_skin_to_skin():
    days = daily_minutes([(at(4, 9), at(4, 10)), (at(6, 9), at(6, 9, 30))], LONDON,
                         date(2026, 3, 2), date(2026, 3, 7), now=at(7, 12))
    kept = from_first_logged(days)
    assert [(d.day.day, d.minutes) for d in kept] == [(4, 60), (5, 0), (6, 30), (7, 0)]
    assert from_first_logged(daily_minutes([], LONDON, date(2026, 3, 2), date(2026, 3, 3),
                                           now=at(3, 12))) == []


def test_a_session_just_begun_shows_its_day():
    """Review: under a minute into the first session, the page said nothing was logged."""
    days = daily_minutes([(at(4, 9), None)], LONDON, date(2026, 3, 2), date(2026, 3, 4),
                         now=at(4, 9) + timedelta(seconds=20))
    assert [(d.day.day, d.minutes) for d in from_first_logged(days)] == [(4, 0)]

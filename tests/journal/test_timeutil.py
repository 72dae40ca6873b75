from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from nestwell.journal.timeutil import day_bounds, format_duration, local_day

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def test_an_ordinary_day_is_24_hours():
    start, end = day_bounds(date(2026, 6, 1), LONDON)
    assert start == datetime(2026, 5, 31, 23, 0, tzinfo=UTC)  # BST is UTC+1
    assert end - start == timedelta(hours=24)


def test_the_spring_forward_day_is_23_hours():
    start, end = day_bounds(date(2026, 3, 29), LONDON)
    assert start == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
    assert end == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=23)


def test_the_fall_back_day_is_25_hours():
    start, end = day_bounds(date(2026, 10, 25), LONDON)
    assert end - start == timedelta(hours=25)


def test_neighbouring_days_neither_overlap_nor_leave_a_gap():
    for zone in ("Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"):
        tz = ZoneInfo(zone)
        day = date(2026, 1, 1)
        for _ in range(366):
            _, end = day_bounds(day, tz)
            next_start, _ = day_bounds(day + timedelta(days=1), tz)
            assert end == next_start, (zone, day)
            day += timedelta(days=1)


def test_a_feed_at_half_past_midnight_belongs_to_the_new_local_day():
    instant = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 in London
    assert local_day(instant, LONDON) == date(2026, 7, 2)


def test_durations_read_naturally():
    assert format_duration(timedelta(seconds=45)) == "45 s"
    assert format_duration(timedelta(minutes=12, seconds=59)) == "12 min"
    assert format_duration(timedelta(hours=1, minutes=5)) == "1 h 05 min"
    assert format_duration(None) == ""

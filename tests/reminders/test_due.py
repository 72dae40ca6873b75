"""The time rules, with the times given: never the wall clock."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nestwell.reminders.due import Quiet, checkin_due, daily_due, in_quiet_hours, timer_due

LONDON = ZoneInfo("Europe/London")
NIGHT = Quiet(True, time(22, 0), time(7, 0))


def at(*args, zone=UTC):
    return datetime(*args, tzinfo=zone)


def test_quiet_hours_wrap_past_midnight():
    assert in_quiet_hours(at(2026, 6, 1, 23, 30, zone=LONDON), LONDON, NIGHT)
    assert in_quiet_hours(at(2026, 6, 1, 3, 0, zone=LONDON), LONDON, NIGHT)
    assert not in_quiet_hours(at(2026, 6, 1, 7, 0, zone=LONDON), LONDON, NIGHT)
    assert not in_quiet_hours(at(2026, 6, 1, 21, 59, zone=LONDON), LONDON, NIGHT)


def test_quiet_hours_within_one_day():
    nap = Quiet(True, time(13, 0), time(15, 0))
    assert in_quiet_hours(at(2026, 6, 1, 13, 0, zone=LONDON), LONDON, nap)
    assert not in_quiet_hours(at(2026, 6, 1, 15, 0, zone=LONDON), LONDON, nap)


def test_quiet_hours_off_or_empty_keep_no_quiet():
    assert not in_quiet_hours(at(2026, 6, 1, 23, 0, zone=LONDON), LONDON,
                              Quiet(False, time(22), time(7)))
    assert not in_quiet_hours(at(2026, 6, 1, 23, 0, zone=LONDON), LONDON,
                              Quiet(True, time(7), time(7)))


def test_quiet_hours_follow_the_households_clock_when_it_changes():
    # 29 March 2026: London goes from 01:00 GMT to 02:00 BST. 06:30 UTC is 07:30 there.
    assert not in_quiet_hours(at(2026, 3, 29, 6, 30), LONDON, NIGHT)
    # The day before, 06:30 UTC was 06:30 in London: still quiet.
    assert in_quiet_hours(at(2026, 3, 28, 6, 30), LONDON, NIGHT)
    # 25 October 2026, clocks back: 21:30 UTC is 21:30 GMT (not quiet), 21:30 UTC the
    # day before was 22:30 BST (quiet).
    assert not in_quiet_hours(at(2026, 10, 25, 21, 30), LONDON, NIGHT)
    assert in_quiet_hours(at(2026, 10, 24, 21, 30), LONDON, NIGHT)


def test_a_timer_is_due_after_real_minutes_across_the_clock_change():
    started = at(2026, 10, 25, 0, 30)  # 01:30 BST, before the clocks go back
    assert not timer_due(started, 90, started + timedelta(minutes=89))
    assert timer_due(started, 90, started + timedelta(minutes=90))


def test_a_daily_reminder_is_due_from_its_local_time():
    assert daily_due(at(2026, 6, 1, 15, 59), LONDON, time(17)) is None  # 16:59 BST
    assert daily_due(at(2026, 6, 1, 16, 0), LONDON, time(17)).isoformat() == "2026-06-01"
    # Just after local midnight it is a new day, not yet due.
    assert daily_due(at(2026, 6, 1, 23, 5), LONDON, time(17)) is None


def test_a_daily_time_lost_to_the_clock_change_is_reached_after_the_gap():
    # 01:30 does not exist in London on 29 March 2026; 01:00 UTC is 02:00 BST.
    assert daily_due(at(2026, 3, 29, 0, 59), LONDON, time(1, 30)) is None
    assert daily_due(at(2026, 3, 29, 1, 0), LONDON, time(1, 30)).isoformat() == "2026-03-29"


def test_a_checkin_falls_due_days_after_the_last():
    last = at(2026, 6, 1, 9)
    assert checkin_due(last, at(2026, 5, 1), 7, at(2026, 6, 8, 8, 59)) is None
    assert checkin_due(last, at(2026, 5, 1), 7, at(2026, 6, 8, 9)) == at(2026, 6, 8, 9)
    # Never checked in: counted from when she asked.
    assert checkin_due(None, at(2026, 6, 1), 3, at(2026, 6, 4)) == at(2026, 6, 4)

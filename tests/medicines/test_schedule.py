"""When the next dose is allowed by the schedule she entered: the pure rules, with every
time given (never the wall clock)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nestwell.medicines.schedule import GAP, MOST, daily_due, given_on, next_dose

LONDON = ZoneInfo("Europe/London")


def at(*args, zone=UTC):
    return datetime(*args, tzinfo=zone)


def test_no_dose_yet_holds_nothing_back():
    found = next_dose([], at(2026, 6, 1, 12), min_hours=4, most_per_day=4)
    assert found.not_before is None and found.reason is None and found.last is None
    assert found.allowed(at(2026, 6, 1, 12))


def test_the_gap_after_the_last_dose():
    found = next_dose([at(2026, 6, 1, 10, 30)], at(2026, 6, 1, 12), min_hours=4)
    assert found.not_before == at(2026, 6, 1, 14, 30) and found.reason == GAP
    assert not found.allowed(at(2026, 6, 1, 14, 29))
    assert found.allowed(at(2026, 6, 1, 14, 30))


def test_a_gap_in_half_hours():
    found = next_dose([at(2026, 6, 1, 10)], at(2026, 6, 1, 11), min_hours=4.5)
    assert found.not_before == at(2026, 6, 1, 14, 30)


def test_once_the_gap_has_passed_nothing_holds_it_back():
    found = next_dose([at(2026, 6, 1, 6)], at(2026, 6, 1, 12), min_hours=4)
    assert found.not_before is None and found.last == at(2026, 6, 1, 6)
    assert found.in_window == 1


def test_doses_logged_out_of_order_count_from_the_latest():
    # The 11:00 dose was noted first, the 07:00 one afterwards: the gap runs from 11:00.
    found = next_dose([at(2026, 6, 1, 11), at(2026, 6, 1, 7)], at(2026, 6, 1, 12),
                      min_hours=4)
    assert found.not_before == at(2026, 6, 1, 15) and found.last == at(2026, 6, 1, 11)


def test_the_most_in_24_hours_waits_for_the_oldest_to_leave_the_window():
    given = [at(2026, 6, 1, 8), at(2026, 6, 1, 12), at(2026, 6, 1, 16), at(2026, 6, 1, 20)]
    found = next_dose(given, at(2026, 6, 1, 21), min_hours=4, most_per_day=4)
    # The gap would end at midnight, but four doses are in the window until 08:00.
    assert found.not_before == at(2026, 6, 2, 8) and found.reason == MOST
    assert found.in_window == 4


def test_the_window_frees_one_dose_at_a_time():
    given = [at(2026, 6, 1, 2), at(2026, 6, 1, 3), at(2026, 6, 1, 9), at(2026, 6, 1, 20)]
    found = next_dose(given, at(2026, 6, 1, 22), min_hours=1, most_per_day=3)
    # Four in 24 hours against at most three: two must leave, the 03:00 one is the second.
    assert found.not_before == at(2026, 6, 2, 3) and found.reason == MOST


def test_the_gap_wins_when_it_ends_later_than_the_window_frees():
    given = [at(2026, 5, 31, 12), at(2026, 6, 1, 11, 30)]
    found = next_dose(given, at(2026, 6, 1, 11, 45), min_hours=6, most_per_day=2)
    # The window frees at 12:00 (the 31 May dose leaves), the gap ends at 17:30.
    assert found.not_before == at(2026, 6, 1, 17, 30) and found.reason == GAP


def test_doses_older_than_a_day_are_out_of_the_window():
    given = [at(2026, 6, 1, 8), at(2026, 6, 1, 12)]
    found = next_dose(given, at(2026, 6, 2, 8), min_hours=4, most_per_day=2)
    assert found.in_window == 1 and found.not_before is None


def test_a_dose_exactly_24_hours_ago_has_left_the_window():
    found = next_dose([at(2026, 6, 1, 8)], at(2026, 6, 2, 8), min_hours=None,
                      most_per_day=1)
    assert found.not_before is None and found.in_window == 0


def test_the_gap_is_real_hours_on_the_night_the_clocks_go_forward():
    # 29 March 2026, London: 01:00 GMT becomes 02:00 BST. A dose at 00:30 local (GMT)
    # plus 4 hours is 05:30 on the new clock (04:30 UTC), four real hours later.
    dose = at(2026, 3, 29, 0, 30, zone=LONDON)
    found = next_dose([dose], at(2026, 3, 29, 1, 0, zone=LONDON), min_hours=4)
    assert found.not_before - dose == timedelta(hours=4)
    assert found.not_before.astimezone(LONDON).strftime("%H:%M") == "05:30"


def test_the_gap_is_real_hours_on_the_night_the_clocks_go_back():
    # 25 October 2026, London: 02:00 BST becomes 01:00 GMT. A dose at 00:30 BST plus 4
    # hours is 03:30 GMT on the clock.
    dose = at(2026, 10, 24, 23, 30)  # 00:30 BST on the 25th
    found = next_dose([dose], at(2026, 10, 25, 1), min_hours=4)
    assert found.not_before.astimezone(LONDON).strftime("%H:%M") == "03:30"


def test_the_24_hour_window_is_real_hours_across_a_clock_change():
    dose = at(2026, 3, 28, 9, 0, zone=LONDON)  # 09:00 GMT the day before
    found = next_dose([dose], at(2026, 3, 29, 9, 0, zone=LONDON), min_hours=None,
                      most_per_day=1)
    # 09:00 BST on the 29th is only 23 real hours later: the window frees at 10:00 BST.
    assert found.not_before.astimezone(LONDON).strftime("%H:%M") == "10:00"
    assert found.reason == MOST


def test_a_dose_a_little_in_the_future_still_counts():
    now = at(2026, 6, 1, 12)
    found = next_dose([now + timedelta(minutes=2)], now, min_hours=4)
    assert found.not_before == at(2026, 6, 1, 16, 2)


def test_given_today_reads_the_households_clock():
    # 23:30 UTC on 1 June is 00:30 on 2 June in London (BST).
    late = at(2026, 6, 1, 23, 30)
    assert given_on([late], date(2026, 6, 2), LONDON) == [late]
    assert given_on([late], date(2026, 6, 1), LONDON) == []


def test_a_daily_reminder_is_due_at_her_time_until_the_dose_is_given():
    eight = time(8, 0)
    morning = at(2026, 6, 1, 7, 30)  # 08:30 BST
    assert daily_due(at(2026, 6, 1, 6, 30), LONDON, eight, []) is None  # 07:30 BST
    assert daily_due(morning, LONDON, eight, []) == date(2026, 6, 1)
    assert daily_due(morning, LONDON, eight, [at(2026, 6, 1, 6)]) is None
    # Yesterday's dose does not count for today.
    assert daily_due(morning, LONDON, eight, [at(2026, 5, 31, 7)]) == date(2026, 6, 1)

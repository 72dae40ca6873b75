"""The 24-hour protocol's grid, built from hand-made days and checked cell by cell."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from nestwell.insights.protocol import grid as protocol
from nestwell.insights.protocol.grid import (
    AWAKE,
    CRYING,
    FEEDING,
    OUTSIDE,
    SKIN,
    SKIPPED,
    SLEEP,
    UNKNOWN,
    Interval,
)

LONDON = ZoneInfo("Europe/London")
LATER = datetime(2027, 1, 1, tzinfo=ZoneInfo("UTC"))


def at(day, hh, mm=0, fold=0):
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=LONDON, fold=fold)


def expected(**runs):
    """96 cells of UNKNOWN with the given (first, last) ranges set: expected(sleep=[(0, 7)])."""
    cells = [UNKNOWN] * 96
    for state, ranges in runs.items():
        for lo, hi in ranges:
            for c in range(lo, hi + 1):
                cells[c] = state
    return cells


def one_day(intervals, day, now=LATER, **kwargs):
    return protocol.build(intervals, LONDON, day, now, days=1, **kwargs)[0]


def test_each_quarter_hour_shows_the_first_state_by_precedence():
    day = date(2026, 1, 12)
    result = one_day([
        Interval(SLEEP, at(day, 0), at(day, 2)),
        Interval(FEEDING, at(day, 2), at(day, 2, 20)),
        Interval(CRYING, at(day, 2, 10), at(day, 2, 40)),  # a cry during the feed
        Interval(AWAKE, at(day, 10, 7), at(day, 10, 7)),  # an instant: a smile
        Interval(AWAKE, at(day, 12), at(day, 12, 30)),
        Interval(SLEEP, at(day, 12, 20), at(day, 13)),  # asleep in arms: sleep wins
    ], day)
    assert result.cells == expected(sleep=[(0, 7), (49, 51)], crying=[(8, 10)],
                                    awake=[(40, 40), (48, 48)])
    assert result.minutes == {CRYING: 30, SLEEP: 160, FEEDING: 20, SKIN: 0}
    assert (result.hours, result.clock) == (24, "")


def test_a_moment_across_midnight_is_split_between_the_two_rows():
    first = date(2026, 1, 12)
    days = protocol.build([Interval(SLEEP, at(first, 22), at(first + timedelta(days=1), 6, 30))],
                          LONDON, first, LATER, days=2)
    assert days[0].cells == expected(sleep=[(88, 95)])
    assert days[1].cells == expected(sleep=[(0, 25)])
    assert [d.minutes[SLEEP] for d in days] == [120, 390]


def test_the_clocks_going_forward_leave_an_hour_that_never_happened():
    day = date(2026, 3, 29)  # London: 01:00 GMT becomes 02:00 BST
    result = one_day([Interval(SLEEP, at(day, 0, 30), at(day, 3))], day)
    assert result.cells == expected(sleep=[(2, 3), (8, 11)], skipped=[(4, 7)])
    assert (result.hours, result.clock) == (23, "forward")
    assert result.minutes[SLEEP] == 90  # the time that really passed
    assert result.possible == 92


def test_the_clocks_going_back_draw_the_repeated_hour_once_with_both_passes():
    day = date(2026, 10, 25)  # London: 02:00 BST becomes 01:00 GMT
    result = one_day([
        Interval(SLEEP, at(day, 1, 10), at(day, 1, 20, fold=1)),
        Interval(CRYING, at(day, 1, 40, fold=1), at(day, 1, 50, fold=1)),
    ], day)
    assert result.cells == expected(sleep=[(4, 5)], crying=[(6, 7)])
    assert (result.hours, result.clock) == (25, "back")
    assert result.minutes == {CRYING: 10, SLEEP: 70, FEEDING: 0, SKIN: 0}


def test_an_instant_in_the_second_pass_lands_in_its_quarter_hour():
    day = date(2026, 10, 25)
    result = one_day([Interval(AWAKE, at(day, 1, 50, fold=1), at(day, 1, 50, fold=1))], day)
    assert result.cells == expected(awake=[(7, 7)])


def test_a_running_timer_and_an_open_cry_count_until_now():
    day = date(2026, 1, 12)
    now = at(day, 21, 10)
    result = one_day([Interval(SLEEP, at(day, 20), None),
                      Interval(CRYING, at(day, 21, 5), None)], day, now=now)
    assert result.cells == expected(sleep=[(80, 83)], crying=[(84, 84)],
                                     outside=[(85, 95)])
    assert result.minutes[SLEEP] == 70
    assert result.minutes[CRYING] == 5


def test_a_forgotten_timer_counts_for_a_day_at_most():
    first = date(2026, 1, 12)
    now = at(first + timedelta(days=3), 12)
    days = protocol.build([Interval(SLEEP, at(first, 12), None)], LONDON, first, now,
                          days=3)
    assert days[0].minutes[SLEEP] == 720 and days[1].minutes[SLEEP] == 720
    assert days[1].cells == expected(sleep=[(0, 47)])
    assert days[2].cells == expected()


def test_quarter_hours_before_the_birth_are_outside_and_the_day_says_how_little_is_known():
    day = date(2026, 1, 12)
    result = one_day([Interval(AWAKE, at(day, 10, 30), at(day, 10, 30))], day,
                     born_at=at(day, 10))
    assert result.cells == expected(outside=[(0, 39)], awake=[(42, 42)])
    assert result.possible == 56 and result.known == 1 and result.little


def test_a_well_logged_day_is_not_little():
    day = date(2026, 1, 12)
    result = one_day([Interval(SLEEP, at(day, 0), at(day, 7))], day)
    assert result.known == 28 and not result.little


def test_later_days_are_wholly_outside():
    first = date(2026, 1, 12)
    days = protocol.build([], LONDON, first, at(first, 23, 59), days=2)
    assert days[0].cells == expected() and days[0].little
    assert days[1].cells == [OUTSIDE] * 96 and days[1].outside and not days[1].little


def test_moments_outside_the_window_and_unknown_states_are_left_out():
    day = date(2026, 1, 12)
    result = one_day([Interval(SLEEP, at(day, 0) - timedelta(hours=3), at(day, 0)),
                      Interval("bump_talk", at(day, 9), at(day, 10)),
                      Interval(FEEDING, at(day, 0) + timedelta(days=1), None)], day)
    assert result.cells == expected()


def test_in_new_york_the_skipped_hour_is_two_in_the_morning():
    zone = ZoneInfo("America/New_York")
    day = date(2026, 3, 8)
    result = protocol.build([], zone, day, LATER, days=1)[0]
    assert [c for c, s in enumerate(result.cells) if s == SKIPPED] == [8, 9, 10, 11]


def test_a_day_whose_midnight_was_skipped_begins_at_one():
    zone = ZoneInfo("America/Santiago")  # 2026-09-06: 00:00 becomes 01:00
    day = date(2026, 9, 6)
    start = datetime(2026, 9, 6, 1, 30, tzinfo=zone)
    result = protocol.build([Interval(SLEEP, start, start + timedelta(hours=1))], zone, day,
                            LATER, days=1)[0]
    assert result.cells == expected(skipped=[(0, 3)], sleep=[(6, 9)])
    assert result.hours == 23


def test_runs_join_equal_quarter_hours():
    assert protocol.runs([SLEEP, SLEEP, CRYING, UNKNOWN, UNKNOWN]) == [
        (0, 2, SLEEP), (2, 1, CRYING), (3, 2, UNKNOWN)]


def test_the_reference_band_follows_the_review_by_age():
    newborn = protocol.band_for(20)
    assert (newborn.low, newborn.high, newborn.mean_low, newborn.mean_high) == (51, 203, 117,
                                                                                 133)
    assert protocol.band_for(7 * 7) is None  # weeks 7 to 9: no figure kept
    older = protocol.band_for(7 * 10)
    assert (older.low, older.high, older.mean_low) == (22, 114, 68)
    assert protocol.band_for(7 * 13) is None and protocol.band_for(-3) is None
    assert "Wolke" in protocol.reference()["source"]["citation"]


def test_skin_to_skin_is_totalled_and_never_drawn():
    """Kangaroo care is counted for the row's note, merged where two stretches overlap,
    and leaves every quarter-hour to what else was logged."""
    day = date(2026, 3, 10)
    result = protocol.build([
        Interval(SKIN, at(day, 9, 0), at(day, 11, 0)),
        Interval(SKIN, at(day, 10, 30), at(day, 12, 0)),  # overlaps: 3 h in all
        Interval(SLEEP, at(day, 9, 30), at(day, 10, 0)),
    ], LONDON, day, LATER, days=1)[0]
    assert result.minutes[SKIN] == 180
    assert set(result.cells) == {SLEEP, UNKNOWN}
    assert result.cells.count(SLEEP) == 2

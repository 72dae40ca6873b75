from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nestwell.care.responsive import (
    Episode,
    Step,
    busiest_hours,
    by_hour,
    episode_lengths,
    night_share,
    regularity,
    response_times,
    routine_day,
    spread,
    what_helped,
)

LONDON = ZoneInfo("Europe/London")
T0 = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)


def ep(start_min, respond_min=None, close_min=None, outcome="settled", need="", ways=(),
       responder=""):
    start = T0 + timedelta(minutes=start_min)
    return Episode(
        started_at=start,
        responded_at=start + timedelta(minutes=respond_min) if respond_min is not None else None,
        closed_at=start + timedelta(minutes=close_min) if close_min is not None else None,
        outcome=outcome if close_min is not None else "", need=need, ways=tuple(ways),
        responder=responder)


def test_spread_gives_median_and_middle_half():
    s = spread([60, 120, 180, 240, 600])
    assert (s.count, s.median, s.low, s.high) == (5, 180, 120, 240)


def test_spread_of_nothing_is_empty_not_zero():
    s = spread([])
    assert s.count == 0 and s.median is None


def test_spread_of_one_value():
    s = spread([42])
    assert (s.median, s.low, s.high) == (42, 42, 42)


def test_response_time_counts_only_answered_episodes():
    episodes = [ep(0, 1), ep(10, 3), ep(20)]  # the last was never answered
    s = response_times(episodes)
    assert s.count == 2
    assert s.median == 120  # between 60 s and 180 s


def test_episode_length_counts_only_closed_episodes():
    episodes = [ep(0, 1, 15), ep(30, 2, 5, outcome="unsettled"), ep(60, 1)]
    s = episode_lengths(episodes)
    assert s.count == 2 and sorted(s.values) == [300, 900]


def test_what_helped_counts_settling_per_need_and_way():
    episodes = [
        ep(0, 1, 10, need="hunger", ways=["fed"]),
        ep(100, 1, 10, need="hunger", ways=["fed", "rocked"]),
        ep(200, 1, 10, outcome="unsettled", need="hunger", ways=["rocked"]),
        ep(300, 1, 10, need="", ways=["walked"]),
        ep(400, 1, need="comfort", ways=["sang"]),  # still open: not counted
    ]
    helped = what_helped(episodes)
    assert helped["hunger"] == [("fed", 2, 2), ("rocked", 1, 2)]
    assert helped["unknown"] == [("walked", 1, 1)]
    assert "comfort" not in helped


def test_by_hour_uses_the_local_clock_across_midnight():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time)
    counts = by_hour([datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
                      datetime(2026, 6, 30, 22, 59, tzinfo=UTC)], LONDON)
    assert counts[0] == 1 and counts[23] == 1 and sum(counts) == 2


def test_by_hour_on_the_night_the_clocks_go_back():
    # 25 October 2026: 01:30 happens twice in London, once in summer time, once not
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    counts = by_hour([first, second], LONDON)
    assert counts[1] == 2


def test_by_hour_on_the_night_the_clocks_go_forward():
    # 29 March 2026: 01:00–02:00 does not exist in London; 01:30 UTC is 02:30 BST
    counts = by_hour([datetime(2026, 3, 29, 0, 30, tzinfo=UTC),
                      datetime(2026, 3, 29, 1, 30, tzinfo=UTC)], LONDON)
    assert counts[0] == 1 and counts[2] == 1 and counts[1] == 0


def test_busiest_hours_are_the_top_ones_in_day_order():
    counts = [0] * 24
    counts[18], counts[19], counts[2], counts[23] = 5, 7, 1, 5
    assert busiest_hours(counts) == [18, 19, 23]
    assert busiest_hours([0] * 24) == []


def test_night_share_counts_who_answered_after_ten_and_before_six():
    at = lambda h: datetime(2026, 1, 10, h, 15, tzinfo=UTC)  # noqa: E731 (London = UTC)
    episodes = [Episode(at(23), at(23), responder="Sam"), Episode(at(3), at(3), responder="Ada"),
                Episode(at(5), at(5), responder="Sam"), Episode(at(14), at(14), responder="Ada"),
                Episode(at(1))]
    assert night_share(episodes, LONDON) == {"Sam": 2, "Ada": 1}


def test_a_routine_step_ticks_within_its_window():
    steps = [Step("bath", time(18, 30)), Step("feeding", time(19, 0)),
             Step("sing", time(19, 20), timedelta(minutes=15))]
    day = date(2026, 1, 12)
    moments = [("bath", datetime(2026, 1, 12, 18, 5, tzinfo=UTC)),
               ("feeding", datetime(2026, 1, 12, 19, 40, tzinfo=UTC)),
               ("sing", datetime(2026, 1, 12, 19, 50, tzinfo=UTC))]  # 30 min late: too late
    done = routine_day(steps, moments, day, LONDON)
    assert [d is not None for d in done] == [True, True, False]


def test_one_moment_ticks_only_one_step():
    steps = [Step("feeding", time(19, 0)), Step("feeding", time(19, 30))]
    done = routine_day(steps, [("feeding", datetime(2026, 1, 12, 19, 10, tzinfo=UTC))],
                       date(2026, 1, 12), LONDON)
    assert done[0] is not None and done[1] is None


def test_a_bedtime_step_near_midnight_uses_the_local_day():
    # a 23:45 step; the feed is at 00:10 local the next day (23:10 UTC in summer)
    steps = [Step("feeding", time(23, 45))]
    moments = [("feeding", datetime(2026, 7, 1, 23, 10, tzinfo=UTC))]  # 00:10 on 2 July
    assert routine_day(steps, moments, date(2026, 7, 1), LONDON)[0] is not None


def test_regularity_is_the_share_of_steps_done():
    assert regularity([[T0, None], [T0, T0]]) == 0.75
    assert regularity([]) is None


def test_a_cry_answered_after_13_6_s_reads_13_s_on_every_page():
    """Ingrid's walk: the timeline said 13 s, the care page and the report 14 s."""
    from datetime import timedelta

    from nestwell.journal.durations import duration_label
    from nestwell.journal.templatetags.journal import seconds_label

    assert seconds_label(13.6) == duration_label(timedelta(seconds=13.6)) == "13 s"
    assert seconds_label(59.9) == "59 s" and seconds_label(60.2) == "1 min"
    # A median of half a second is not "0 s" (as if no time had passed); none is.
    assert seconds_label(0.5) == duration_label(timedelta(seconds=0.4)) == "1 s"
    assert seconds_label(0) == "0 s" and seconds_label(1.0) == "1 s"

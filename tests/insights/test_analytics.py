"""The dashboard's analytics, on hand-built data (pure)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from nestwell.insights.analytics import (
    Span,
    counts_by_day,
    glance,
    median_response_by_day,
    minutes_by_day_and_kind,
    top_kinds,
    weekday_hour_grid,
)

LONDON = ZoneInfo("Europe/London")


def at(day, hour, minute=0, month=3):
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def test_minutes_are_split_at_local_midnight():
    spans = [Span("skin_to_skin", at(1, 23, 30), at(2, 0, 45)),
             Span("feeding", at(2, 8), at(2, 8, 20)), Span("talk", at(2, 9), at(2, 9))]
    minutes = minutes_by_day_and_kind(spans, LONDON, date(2026, 3, 1), 2, now=at(3, 0))
    assert minutes == {"skin_to_skin": [30, 45], "feeding": [0, 20]}


def test_overlapping_spans_of_a_kind_count_their_time_once():
    """Aoife's walk: a feed left running for days, beside the feeds logged meanwhile, gave
    a day 1,613 minutes of feeding."""
    spans = [Span("feeding", at(1, 20), None), Span("feeding", at(2, 8), at(2, 8, 30)),
             Span("feeding", at(2, 8, 20), at(2, 9)), Span("sleep", at(2, 8), at(2, 9))]
    minutes = minutes_by_day_and_kind(spans, LONDON, date(2026, 3, 1), 3, now=at(3, 12))
    assert minutes == {"feeding": [240, 1440, 720], "sleep": [0, 60, 0]}
    apart = [Span("feeding", at(2, 8), at(2, 8, 30)), Span("feeding", at(2, 8, 30), at(2, 9))]
    assert minutes_by_day_and_kind(apart, LONDON, date(2026, 3, 2), 1,
                                   now=at(3, 12)) == {"feeding": [60]}


def test_a_running_timer_counts_until_now_and_the_dst_day_is_23_hours():
    spans = [Span("sleep", datetime(2026, 3, 28, 23, tzinfo=LONDON), None)]
    minutes = minutes_by_day_and_kind(spans, LONDON, date(2026, 3, 29), 1,
                                      now=datetime(2026, 3, 30, 12, tzinfo=LONDON))
    assert minutes == {"sleep": [23 * 60]}


def test_counts_by_day_and_the_weekday_hour_grid():
    times = [at(2, 8), at(2, 8, 30), at(3, 21), at(9, 8)]
    assert counts_by_day(times, LONDON, date(2026, 3, 2), 3) == [2, 1, 0]
    grid = weekday_hour_grid(times, LONDON)  # 2 March 2026 is a Monday
    assert grid[0][8] == 3 and grid[1][21] == 1 and sum(map(sum, grid)) == 4


def test_median_answer_time_per_day():
    episodes = [(at(2, 8), at(2, 8, 2)), (at(2, 9), at(2, 9, 6)), (at(2, 10), at(2, 10, 4)),
                (at(3, 1), None)]
    assert median_response_by_day(episodes, LONDON, date(2026, 3, 2), 2) == [4.0, None]


def test_glance_and_top_kinds():
    g = glance({"feeding": (at(2, 8), {"side": "left"})})
    assert (g.last_feed_side, g.last_skin_at) == ("left", None)
    # skin-to-skin from when it ended (a running one: from its start, "Running now" says)
    g = glance({"skin_to_skin": (at(2, 1), {}, at(2, 4)), "feeding": (at(2, 2), {}, at(2, 3))})
    assert (g.last_skin_at, g.last_feed_at) == (at(2, 4), at(2, 2))
    assert glance({"skin_to_skin": (at(2, 1), {}, None)}).last_skin_at == at(2, 1)
    # Going on now (its timer runs): "now", not "a minute ago" beside the running timer.
    assert glance({"skin_to_skin": (at(2, 1), {}, None)}).skin_now
    assert not glance({"skin_to_skin": (at(2, 1), {}, at(2, 4))}).skin_now
    assert not glance({"skin_to_skin": (at(2, 1), {})}).skin_now
    assert top_kinds({"a": [1, 2], "b": [5, 0], "c": [0, 0]}, limit=5) == ["b", "a"]


def naive_minutes(spans, zone, first, days, now):
    from datetime import UTC

    from nestwell.insights.analytics import day_bounds

    # Minute by minute (every time here falls on a whole minute): a minute covered by two
    # spans of a kind counts once.
    bounds = day_bounds(first, days, zone)
    covered = {}
    for s in spans:
        start, end = s.started_at.astimezone(UTC), (s.ended_at or now).astimezone(UTC)
        minute = int(start.timestamp()) // 60
        while minute * 60 < end.timestamp():
            covered.setdefault(s.kind, set()).add(minute)
            minute += 1
    totals = {}
    for kind, minutes in covered.items():
        for i in range(days):
            lo, hi = bounds[i].timestamp() // 60, bounds[i + 1].timestamp() // 60
            n = sum(1 for m in minutes if lo <= m < hi)
            if n:
                totals.setdefault(kind, [0] * days)[i] = n
    return totals


def test_minutes_by_day_only_visits_the_days_a_span_touches_and_misses_none():
    import random
    from datetime import timedelta

    rng = random.Random(11)
    first = date(2026, 3, 20)  # the window holds the change to summer time (29 March)
    now = datetime(2026, 4, 12, 12, tzinfo=LONDON)
    for _ in range(50):
        spans = []
        for _ in range(30):
            start = datetime(2026, 3, 18, tzinfo=LONDON) + timedelta(
                minutes=rng.randint(0, 26 * 24 * 60))
            length = timedelta(minutes=rng.choice([0, 5, 40, 300, 1500, 4000]))
            spans.append(Span(rng.choice(["feeding", "sleep"]), start,
                              None if rng.random() < 0.05 else start + length))
        assert (minutes_by_day_and_kind(spans, LONDON, first, 21, now)
                == naive_minutes(spans, LONDON, first, 21, now))

"""Pure analytics for the dashboard and reports: plain values in, plain values out.

Everything works on a bounded window (a week, a month) of plain tuples, so the cost
follows the window and never the length of the history.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from statistics import median
from typing import NamedTuple
from zoneinfo import ZoneInfo

from nestwell.insights import palette


class Span(NamedTuple):
    """A moment as the analytics see it. A named tuple rather than a frozen dataclass: a
    report reads thousands, and a frozen dataclass cost a microsecond each to make."""

    kind: str
    started_at: datetime
    ended_at: datetime | None  # None while a timer runs


def day_bounds(first: date, days: int, zone: ZoneInfo) -> list[datetime]:
    """Local midnights from ``first`` for ``days`` days (days + 1 bounds), in UTC, so a day
    when the clocks change has its true length."""
    return [datetime.combine(first + timedelta(days=i), time(), zone).astimezone(UTC)
            for i in range(days + 1)]


def minutes_by_day_and_kind(spans: Iterable[Span], zone: ZoneInfo, first: date, days: int,
                            now: datetime) -> dict[str, list[int]]:
    """For each kind, the minutes spent on each local day (a list of ``days`` numbers).
    Time across midnight is split between the days; an instant moment counts 0 minutes.
    Spans of one kind that overlap count their time once: a feed left running for days
    beside the feeds logged meanwhile had given a day 1,613 minutes of feeding (Aoife's
    walk), so no kind has more than a day's minutes on a day."""
    bounds = day_bounds(first, days, zone)
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * days)
    for kind, start, end in _merged(spans, now):
        first_day = bisect_right(bounds, start) - 1
        if 0 <= first_day < days and end <= bounds[first_day + 1]:
            # within one day, as most spans are: the loop below would add the same
            totals[kind][first_day] += (end - start).total_seconds()
            continue
        # only the days the span touches
        for i in range(max(0, first_day), days):
            if bounds[i] >= end:
                break
            lo, hi = max(start, bounds[i]), min(end, bounds[i + 1])
            if hi > lo:
                totals[kind][i] += (hi - lo).total_seconds()
    return {kind: [int(s // 60) for s in values] for kind, values in totals.items()}


def _merged(spans: Iterable[Span], now: datetime) -> list[tuple[str, datetime, datetime]]:
    """The spans as (kind, start, end) in UTC (a span's length is then its true length on
    a day the clocks change; times read from the database are in UTC already), a running
    one ending ``now``, the empty ones left out, and those of one kind that overlap or
    touch joined into one."""
    found = []
    for kind, start, end in spans:
        if start.tzinfo is not UTC:
            start = start.astimezone(UTC)
        end = end or now
        if end.tzinfo is not UTC:
            end = end.astimezone(UTC)
        if end > start:
            found.append((kind, start, end))
    found.sort()
    merged: list[tuple[str, datetime, datetime]] = []
    for kind, start, end in found:
        if merged and merged[-1][0] == kind and start <= merged[-1][2]:
            if end > merged[-1][2]:
                merged[-1] = (kind, merged[-1][1], end)
            continue
        merged.append((kind, start, end))
    return merged


def counts_by_day(times: Iterable[datetime], zone: ZoneInfo, first: date,
                  days: int) -> list[int]:
    counts = [0] * days
    for moment in times:
        index = (moment.astimezone(zone).date() - first).days
        if 0 <= index < days:
            counts[index] += 1
    return counts


def weekday_hour_grid(times: Iterable[datetime], zone: ZoneInfo) -> list[list[int]]:
    """How many things happened in each hour of each weekday: 7 rows (Monday first) of
    24 counts, in the household's local time."""
    grid = [[0] * 24 for _ in range(7)]
    for moment in times:
        local = moment.astimezone(zone)
        grid[local.weekday()][local.hour] += 1
    return grid


def median_response_by_day(episodes: Iterable[tuple[datetime, datetime | None]],
                           zone: ZoneInfo, first: date, days: int) -> list[float | None]:
    """The median minutes from a cry to the first answer, for each local day (None on a
    day with no answered cry)."""
    per_day: dict[int, list[float]] = defaultdict(list)
    for started, responded in episodes:
        if responded is None:
            continue
        index = (started.astimezone(zone).date() - first).days
        if 0 <= index < days:
            per_day[index].append((responded - started).total_seconds() / 60)
    return [round(median(per_day[i]), 1) if per_day.get(i) else None for i in range(days)]


@dataclass(frozen=True)
class Glance:
    last_feed_at: datetime | None
    last_feed_side: str | None
    last_skin_at: datetime | None
    skin_now: bool = False  # skin-to-skin is going on (its timer runs): "now", not "1 min ago"


def glance(latest: dict[str, tuple]) -> Glance:
    """Today at a glance from the latest feed and skin-to-skin (kind -> (start, details,
    end)). The last feed is when it began (the next one is counted from there); the last
    skin-to-skin when it ended (three hours of it that ended an hour ago read "3 hours ago"
    from its start)."""
    feed = latest.get("feeding")
    skin = latest.get("skin_to_skin")
    skin_end = (skin[2] if len(skin) > 2 else None) if skin else None
    skin_at = (skin_end or skin[0]) if skin else None
    return Glance(feed[0] if feed else None, (feed[1] or {}).get("side") if feed else None,
                  skin_at, skin_now=bool(skin) and len(skin) > 2 and skin_end is None)


def top_kinds(minutes: dict[str, list[int]], limit: int = 6) -> list[str]:
    """The kinds with the most minutes, most first (ties by name, for a stable order)."""
    totals = Counter({kind: sum(values) for kind, values in minutes.items()})
    return [k for k, total in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
            if total > 0][:limit]


def chart_kinds(minutes: dict[str, list[int]], limit: int = 6
                ) -> tuple[list[str], list[int] | None]:
    """What a chart of minutes by kind draws: the kinds with the most minutes (at most
    ``limit``, or ``limit - 1`` and "the rest") in the palette's fixed order, so a kind sits
    in the same place whatever its rank; and the rest summed per day (None if nothing is
    left over)."""
    ranked = top_kinds(minutes, limit=len(minutes))
    if len(ranked) <= limit:
        return palette.kind_order(ranked), None
    shown = ranked[:limit - 1]
    days = len(next(iter(minutes.values())))
    rest = [sum(minutes[k][i] for k in ranked[limit - 1:]) for i in range(days)]
    return palette.kind_order(shown), rest

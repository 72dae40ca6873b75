"""Pure functions behind the responsive-care view: response times, episode lengths,
what helped, when crying clusters, and how regular a routine's days were.

No Django here: plain values in, plain values out, so they are quick to test.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Episode:
    started_at: datetime
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str = ""  # "settled", "unsettled" or "" while open
    need: str = ""
    ways: tuple[str, ...] = ()
    responder: str = ""


@dataclass(frozen=True)
class Spread:
    """Median and the middle half of a set of durations, in seconds."""

    count: int
    median: float | None = None
    low: float | None = None   # 25th percentile
    high: float | None = None  # 75th percentile
    values: tuple[float, ...] = field(default=(), repr=False)


def _quantile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (the common 'type 7' definition)."""
    if len(sorted_values) == 1:
        return sorted_values[0]
    position = (len(sorted_values) - 1) * q
    lower = int(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * (
        position - lower)


def spread(seconds: Iterable[float]) -> Spread:
    values = sorted(float(s) for s in seconds)
    if not values:
        return Spread(count=0)
    return Spread(count=len(values), median=median(values), low=_quantile(values, 0.25),
                  high=_quantile(values, 0.75), values=tuple(values))


def response_times(episodes: Iterable[Episode]) -> Spread:
    """How long it took from the cue to the first response, over answered episodes."""
    return spread((e.responded_at - e.started_at).total_seconds()
                  for e in episodes if e.responded_at is not None)


def episode_lengths(episodes: Iterable[Episode]) -> Spread:
    """How long closed episodes lasted, cue to settled (or to 'still unsettled')."""
    return spread((e.closed_at - e.started_at).total_seconds()
                  for e in episodes if e.closed_at is not None)


def what_helped(episodes: Iterable[Episode]) -> dict[str, list[tuple[str, int, int]]]:
    """For each need: (way, times the baby settled after it, times it was tried), most
    settling first. Only closed episodes count; an episode may have several ways."""
    tried: dict[str, Counter] = defaultdict(Counter)
    settled: dict[str, Counter] = defaultdict(Counter)
    for e in episodes:
        if e.closed_at is None:
            continue
        need = e.need or "unknown"
        for way in set(e.ways):
            tried[need][way] += 1
            if e.outcome == "settled":
                settled[need][way] += 1
    return {
        need: sorted(((way, settled[need][way], n) for way, n in counts.items()),
                     key=lambda row: (-row[1], -row[1] / row[2], row[0]))
        for need, counts in sorted(tried.items())
    }


def by_hour(instants: Iterable[datetime], tz: ZoneInfo) -> list[int]:
    """How many instants fall in each local hour of the day (0–23), clocks changes
    included: an instant counts in the hour the wall clock showed."""
    counts = [0] * 24
    for instant in instants:
        counts[instant.astimezone(tz).hour] += 1
    return counts


def busiest_hours(counts: list[int], top: int = 3) -> list[int]:
    """The hours with the most, ignoring empty ones, in order of the day."""
    ranked = sorted((h for h in range(24) if counts[h]), key=lambda h: (-counts[h], h))
    return sorted(ranked[:top])


def night_share(episodes: Iterable[Episode], tz: ZoneInfo, night=(22, 6)) -> Counter:
    """Who answered episodes that began at night (22:00–06:00 local by default)."""
    start, end = night
    who = Counter()
    for e in episodes:
        if e.responded_at is None:
            continue
        hour = e.started_at.astimezone(tz).hour
        if hour >= start or hour < end:
            who[e.responder or "?"] += 1
    return who


@dataclass(frozen=True)
class Step:
    kind: str
    at: time
    tolerance: timedelta = timedelta(minutes=60)


def routine_day(steps: list[Step], moments: Iterable[tuple[str, datetime]], day: date,
                tz: ZoneInfo) -> list[datetime | None]:
    """For each step, the local time a matching moment began within the step's window
    on ``day``, or None. Each moment ticks at most one step."""
    local = sorted(((kind, at.astimezone(tz)) for kind, at in moments), key=lambda m: m[1])
    used: set[int] = set()
    done: list[datetime | None] = []
    for step in steps:
        target = datetime.combine(day, step.at, tzinfo=tz)
        match = None
        for i, (kind, at) in enumerate(local):
            if i in used or kind != step.kind:
                continue
            if abs(at - target) <= step.tolerance:
                match = i
                break
        if match is None:
            done.append(None)
        else:
            used.add(match)
            done.append(local[match][1])
    return done


def regularity(days: list[list[datetime | None]]) -> float | None:
    """The share of steps that happened within their window, over the days given."""
    total = sum(len(d) for d in days)
    if not total:
        return None
    return sum(1 for d in days for at in d if at is not None) / total

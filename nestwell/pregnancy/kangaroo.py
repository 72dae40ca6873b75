"""Skin-to-skin hours per day, for kangaroo care. Pure: no Django.

WHO recommends kangaroo mother care for preterm and low-birth-weight babies for
8–24 hours a day, as many hours as possible (WHO recommendations for care of the
preterm or low-birth-weight infant, 2022).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WHO_HOURS_PER_DAY = 8
# The citation as published (the page says what it recommends, in her language).
WHO_SOURCE = ("World Health Organization. WHO recommendations for care of the preterm or "
              "low-birth-weight infant. Geneva: WHO; 2022.")


@dataclass(frozen=True)
class Day:
    day: date
    minutes: int
    logged: bool = False  # any skin-to-skin that day, under a minute too (one just begun)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def reached(self) -> bool:
        return self.minutes >= WHO_HOURS_PER_DAY * 60

    @property
    def share(self) -> float:
        """How full the day's bar is, 0–1 (8 hours fills it)."""
        return min(self.minutes / (WHO_HOURS_PER_DAY * 60), 1.0)


def daily_minutes(intervals, zone: ZoneInfo, first: date, last: date,
                  now: datetime) -> list[Day]:
    """Minutes of skin-to-skin on each local day from ``first`` to ``last``.

    ``intervals`` are (start, end) aware datetimes; a running one has end None and counts
    until ``now``. Time that crosses midnight is split between the two days, and
    overlapping intervals (two people logging at once) are counted once.
    """
    days = (last - first).days + 1
    if days <= 0:
        return []
    # In UTC: Python subtracts two times of the same zone as wall-clock times, which
    # would give the day the clocks change 24 hours instead of 23 or 25.
    bounds = [datetime.combine(first + timedelta(days=i), time(), zone).astimezone(UTC)
              for i in range(days + 1)]
    now = now.astimezone(UTC)
    merged = _merge(sorted((s.astimezone(UTC), (e or now).astimezone(UTC))
                           for s, e in intervals if (e or now) > s))
    totals = [0.0] * days
    for start, end in merged:
        for i in range(days):
            lo, hi = max(start, bounds[i]), min(end, bounds[i + 1])
            if hi > lo:
                totals[i] += (hi - lo).total_seconds()
    return [Day(first + timedelta(days=i), int(totals[i] // 60), totals[i] > 0)
            for i in range(days)]


def from_first_logged(days: list[Day]) -> list[Day]:
    """The days from the first with any skin-to-skin: the days before she began logging
    (the day of the birth, a baby on breathing support) are not empty bars to measure
    her against (Lena)."""
    for i, d in enumerate(days):
        if d.logged or d.minutes:
            return days[i:]
    return []


def _merge(intervals):
    merged = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

"""The 24-hour protocol: one row per local day, 96 quarter-hours, each coloured by what was
logged. Pure Python: plain intervals in, a grid and the day's totals out.

**What a quarter-hour shows.** Every state that overlaps a quarter-hour by any time at all
(an instant moment: when it falls inside it) is present there; the first present one in
``PRECEDENCE`` is drawn:

1. crying (a crying or fussing episode, from its start until it was settled),
2. feeding,
3. sleep,
4. awake and content (any other moment with the baby: a bath, play, a cuddle, a smile…;
   not skin-to-skin, which a baby often sleeps through),
5. unknown (nothing logged).

Skin-to-skin (kangaroo care) is never drawn: it says nothing of whether the baby slept,
fed or was awake. It is totalled (``SKIN``), so that a row can say how long it was.

So a cry during a feed is drawn as crying (it is what a protocol is asked for), a feed in
the night's sleep as feeding, and a cuddle during a nap as sleep (the baby slept in arms).
The day's totals are the logged time of each state on that day, each counted on its own: a
cry during a feed counts in both the crying and the feeding minutes.

**Clock changes.** Columns are the wall clock (00:00, 00:15 … 23:45), so a time of day is
always in the same column. On the day the clocks go forward the quarter-hours that never
happened (01:00–01:45 in London) are drawn as ``SKIPPED``; on the day they go back the
hour that happened twice (01:00–01:59) is drawn once, each quarter-hour showing what was
logged in either pass. The totals count the time that really passed (23 or 25 hours).

**Still running.** A timer or a crying episode still open counts until ``now``, for at most
``MAX_OPEN`` (a forgotten timer does not paint whole days). Quarter-hours after ``now`` or
before the birth are ``OUTSIDE``: neither logged nor missing.

**Little logged.** A day where under a quarter of its possible quarter-hours show anything
is marked ``little``: the picture is honest about how much it knows.
"""

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

CRYING, FEEDING, SLEEP, AWAKE, UNKNOWN = "crying", "feeding", "sleep", "awake", "unknown"
SKIN = "skin"  # skin-to-skin: totalled, never drawn
SKIPPED = "skipped"  # a quarter-hour the clocks jumped over
OUTSIDE = "outside"  # after now, or before the birth
PRECEDENCE = (CRYING, FEEDING, SLEEP, AWAKE)
TOTALLED = (CRYING, SLEEP, FEEDING, SKIN)
CELLS, CELL_MINUTES = 96, 15
DAYS = 14
MAX_OPEN = timedelta(hours=24)
LITTLE_SHARE = 0.25

_RANK = {state: i for i, state in enumerate(PRECEDENCE)}
_NONE = len(PRECEDENCE)  # rank of "nothing logged"


@dataclass(frozen=True)
class Interval:
    """Something logged for one baby: ``state`` from ``start`` to ``end`` (aware times;
    ``end`` None while it runs; equal to ``start`` for an instant)."""

    state: str
    start: datetime
    end: datetime | None


@dataclass
class Day:
    day: date
    cells: list[str]
    hours: int = 24  # 23 or 25 on the days the clocks change
    clock: str = ""  # "forward", "back" or ""
    minutes: dict[str, int] = field(default_factory=dict)  # TOTALLED state -> minutes
    known: int = 0  # quarter-hours with something logged
    possible: int = CELLS  # quarter-hours neither skipped nor outside
    age_days: int | None = None  # set by whoever knows the baby (for the band)
    band: "Band | None" = None

    @property
    def little(self) -> bool:
        return self.possible > 0 and self.known < self.possible * LITTLE_SHARE

    @property
    def outside(self) -> bool:
        """The whole day is before the birth or still to come."""
        return self.possible == 0


@dataclass(frozen=True)
class _Piece:
    """A stretch of one local day with one UTC offset: [start, end) in UTC, and the wall
    minute (since local midnight) where it starts."""

    start: datetime
    end: datetime
    day: int
    wall: float


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), zone).astimezone(UTC)


def _offset(instant: datetime, zone: ZoneInfo) -> timedelta:
    return instant.astimezone(zone).utcoffset()


def _wall(instant: datetime, zone: ZoneInfo) -> float:
    """Minutes since local midnight on the wall clock (not 0 at the start of a day whose
    midnight the clocks skipped, as in Santiago: that day begins at 01:00)."""
    local = instant.astimezone(zone)
    return local.hour * 60 + local.minute + local.second / 60


def _pieces(first: date, days: int, zone: ZoneInfo) -> list[_Piece]:
    """Each day cut where its UTC offset changes (at most once a day in every zone)."""
    out = []
    for i in range(days):
        start, end = _midnight(first + timedelta(days=i), zone), _midnight(
            first + timedelta(days=i + 1), zone)
        before, after = _offset(start, zone), _offset(end - timedelta(seconds=1), zone)
        if before == after:
            out.append(_Piece(start, end, i, _wall(start, zone)))
            continue
        lo, hi = start, end  # the first instant with the new offset, to the second
        while hi - lo > timedelta(seconds=1):
            mid = lo + (hi - lo) / 2
            if _offset(mid, zone) == before:
                lo = mid
            else:
                hi = mid
        change = hi.replace(microsecond=0)
        out.append(_Piece(start, change, i, _wall(start, zone)))
        out.append(_Piece(change, end, i, _wall(change, zone)))
    return out


def _merged_minutes(spans: list[tuple[datetime, datetime]]) -> int:
    total, reach = 0.0, None
    for s, e in sorted(spans):
        if reach is None or s > reach:
            total += (e - s).total_seconds()
            reach = e
        elif e > reach:
            total += (e - reach).total_seconds()
            reach = e
    return int(total // 60)


def build(intervals, zone: ZoneInfo, first: date, now: datetime, *, days: int = DAYS,
          born_at: datetime | None = None) -> list[Day]:
    """The protocol of ``days`` local days from ``first`` for one baby."""
    pieces = _pieces(first, days, zone)
    starts = [p.start for p in pieces]
    window_start, window_end = pieces[0].start, pieces[-1].end
    ranks = [[_NONE] * CELLS for _ in range(days)]
    spans: dict[str, list[list]] = {s: [[] for _ in range(days)] for s in TOTALLED}
    for item in intervals:
        rank = _RANK.get(item.state)  # None: totalled only (skin-to-skin)
        start = item.start.astimezone(UTC)
        if (rank is None and item.state not in spans) or start >= now:
            continue
        end = (min(now, start + MAX_OPEN) if item.end is None
               else min(item.end.astimezone(UTC), now))
        if end <= start:  # an instant: the quarter-hour it falls in
            if rank is not None and window_start <= start < window_end:
                p = pieces[bisect_right(starts, start) - 1]
                cell = int((p.wall + (start - p.start).total_seconds() / 60) // CELL_MINUTES)
                row = ranks[p.day]
                row[cell] = min(row[cell], rank)
            continue
        lo_all, hi_all = max(start, window_start), min(end, window_end)
        if hi_all <= lo_all:
            continue
        for k in range(bisect_right(starts, lo_all) - 1, len(pieces)):
            p = pieces[k]
            if p.start >= hi_all:
                break
            lo, hi = max(lo_all, p.start), min(hi_all, p.end)
            if hi <= lo:
                continue
            wall_lo = p.wall + (lo - p.start).total_seconds() / 60
            wall_hi = p.wall + (hi - p.start).total_seconds() / 60
            row = ranks[p.day]
            for c in range(int(wall_lo // CELL_MINUTES),
                           min(-int(-wall_hi // CELL_MINUTES), CELLS)):
                if rank is not None and rank < row[c]:
                    row[c] = rank
            if item.state in spans:
                spans[item.state][p.day].append((lo, hi))
    return _days(first, days, pieces, ranks, spans, now, born_at)


def _cell_starts(own: list[_Piece]) -> list[datetime | None]:
    """The UTC instant each quarter-hour of a day starts (its first pass, on a day the
    clocks go back); None for one the clocks skipped."""
    out: list[datetime | None] = [None] * CELLS
    for p in reversed(own):  # the first pass is written last, so it stays
        length = (p.end - p.start).total_seconds() / 60
        for c in range(-int(-p.wall // CELL_MINUTES),
                       min(-int(-(p.wall + length) // CELL_MINUTES), CELLS)):
            out[c] = p.start + timedelta(minutes=c * CELL_MINUTES - p.wall)
    return out


def _days(first, days, pieces, ranks, spans, now, born_at):
    out = []
    by_day: dict[int, list[_Piece]] = {}
    for p in pieces:
        by_day.setdefault(p.day, []).append(p)
    quarter = timedelta(minutes=CELL_MINUTES)
    for i in range(days):
        own = by_day[i]
        hours = round(sum((p.end - p.start).total_seconds() for p in own) / 3600)
        clock = "forward" if hours < 24 else "back" if hours > 24 else ""
        start, end = own[0].start, own[-1].end
        cells = []
        for c, at in enumerate(_cell_starts(own)):
            if at is None:
                cells.append(SKIPPED)
            elif at >= now or (born_at is not None and at + quarter <= born_at):
                cells.append(OUTSIDE)
            else:
                rank = ranks[i][c]
                cells.append(PRECEDENCE[rank] if rank < _NONE else UNKNOWN)
        minutes = {s: _merged_minutes([(max(a, start), min(b, end)) for a, b in spans[s][i]])
                   for s in TOTALLED}
        known = sum(1 for c in cells if c in _RANK)
        possible = sum(1 for c in cells if c not in (SKIPPED, OUTSIDE))
        out.append(Day(first + timedelta(days=i), cells, hours, clock, minutes, known,
                       possible))
    return out


def runs(cells: list[str]) -> list[tuple[int, int, str]]:
    """Consecutive equal quarter-hours as (first cell, how many, state): what is drawn."""
    out = []
    for c, state in enumerate(cells):
        if out and out[-1][2] == state:
            start, n, _s = out[-1]
            out[-1] = (start, n + 1, state)
        else:
            out.append((c, 1, state))
    return out


# --- The reference band (Wolke, Bilgin & Samara 2017) ------------------------------------

REFERENCE_FILE = Path(__file__).parent / "data" / "crying_reference.json"


@dataclass(frozen=True)
class Band:
    low: int     # minutes a day: the lower edge drawn
    high: int    # the upper edge drawn
    mean_low: int
    mean_high: int
    label: str   # the ages it covers, as the data file says it
    from_week: int = 0
    to_week: int = 0


@cache
def reference() -> dict:
    return json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


def band_for(age_days: int | None, data: dict | None = None) -> Band | None:
    """The band for a baby ``age_days`` old (corrected age for a baby born early), or None
    where the review gives no figure for that age (before birth, weeks 7 to 9, after 12)."""
    if age_days is None or age_days < 0:
        return None
    data = data or reference()
    week = age_days // 7
    for b in data["bands"]:
        if b["from_week"] <= week <= b["to_week"]:
            return Band(low=max(0, round(b["mean_low"] - b["sd_low"])),
                        high=round(b["mean_high"] + b["sd_high"]),
                        mean_low=round(b["mean_low"]), mean_high=round(b["mean_high"]),
                        label=b["ages"], from_week=b["from_week"], to_week=b["to_week"])
    return None

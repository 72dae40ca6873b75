"""When the next dose may be given, as the parent's own schedule says. Pure: no Django,
every time is given and aware.

Nestwell never suggests a dose or a gap: these functions only read back the schedule she
typed in from the label, her pharmacist or her doctor.

Gaps are counted in real hours (a dose at 00:30 on the night the clocks go forward and a
gap of four hours gives 05:30 on the new clock, which is four hours later); "given today"
is read on the household's clock. Doses may arrive in any order (a dose noted later for
earlier in the day): they are sorted here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

DAY = timedelta(hours=24)

# What holds back the next dose.
GAP = "gap"          # the hours she entered since the last dose have not passed yet
MOST = "most"        # the most doses in 24 hours she entered are reached


@dataclass(frozen=True)
class NextDose:
    """When the next dose is allowed by her schedule.

    ``not_before`` is None when nothing holds it back (no dose yet in the gap or the
    window); ``reason`` says what holds it back (``GAP`` or ``MOST``; ``MOST`` when both
    do and the window frees up later than the gap ends); ``last`` is the latest dose and
    ``in_window`` how many doses fall in the 24 hours before ``now``."""

    not_before: datetime | None
    reason: str | None
    last: datetime | None
    in_window: int

    def allowed(self, now: datetime) -> bool:
        return self.not_before is None or now >= self.not_before


def next_dose(given: Iterable[datetime], now: datetime, *, min_hours: float | None,
              most_per_day: int | None = None) -> NextDose:
    """The earliest time her schedule allows another dose.

    ``given``: the times doses were given (any order); ``min_hours``: at least this many
    hours between two doses (None or 0 for no gap); ``most_per_day``: at most this many
    doses in any 24 hours (None for no limit). A dose in the future of ``now`` (a clock a
    little ahead) counts as given."""
    # Arithmetic on times in a zone with clock changes is wall-clock arithmetic in Python:
    # in UTC, an hour is an hour.
    now = now.astimezone(UTC)
    times = sorted(t.astimezone(UTC) for t in given)
    last = times[-1] if times else None
    window = [t for t in times if t > now - DAY]
    candidates = []
    if last is not None and min_hours:
        candidates.append((last + timedelta(hours=float(min_hours)), GAP))
    if most_per_day and len(window) >= most_per_day:
        # The window frees up when enough of its oldest doses are 24 hours old: the dose
        # that must leave is the (k - most + 1)-th oldest of the k in it.
        leaving = window[len(window) - most_per_day]
        candidates.append((leaving + DAY, MOST))
    if not candidates:
        return NextDose(None, None, last, len(window))
    when, reason = max(candidates, key=lambda c: (c[0], c[1] == MOST))
    if when <= now:
        return NextDose(None, None, last, len(window))
    return NextDose(when, reason, last, len(window))


def given_on(given: Iterable[datetime], day: date, zone: ZoneInfo) -> list[datetime]:
    """The doses given on ``day`` as the household's clock reads it, earliest first."""
    return sorted(t for t in given if t.astimezone(zone).date() == day)


def daily_due(now: datetime, zone: ZoneInfo, at, given: Iterable[datetime]) -> date | None:
    """The local day whose daily dose reminder (at ``at``) is due now: its time has come
    and no dose has been given that day. None otherwise."""
    local = now.astimezone(zone)
    if local.time().replace(tzinfo=None) < at:
        return None
    day = local.date()
    return None if given_on(given, day, zone) else day

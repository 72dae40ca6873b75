"""Day boundaries and durations in a household's time zone. Pure functions."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where ``day`` starts and the next day starts in ``tz``.

    A local day is 23 or 25 hours long when the clocks change; both bounds come from
    local midnights, so such days are neither cut short nor overlap their neighbours.
    """
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def local_day(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


# How a duration is written, in English; a page passes its own language's words
# (nestwell.journal.durations), so that this module stays free of Django.
DURATION_WORDS = {"s": "%(s)s s", "min": "%(m)s min", "h": "%(h)s h %(m)02d min"}


def format_duration(delta: timedelta | None, words: dict | None = None) -> str:
    """'45 s', '12 min', '1 h 05 min' — compact and unambiguous: whole units passed, but
    never '0 s' for a time that passed (a median of half a second read "0 s", as if she
    had answered before the cry)."""
    if delta is None:
        return ""
    words = words or DURATION_WORDS
    seconds = int(delta.total_seconds())
    if seconds == 0 and delta.total_seconds() > 0:
        seconds = 1
    if seconds < 60:
        return words["s"] % {"s": seconds}
    minutes = seconds // 60
    if minutes < 60:
        return words["min"] % {"m": minutes}
    hours, minutes = divmod(minutes, 60)
    return words["h"] % {"h": hours, "m": minutes}


# A guard for reading files: years far away cannot even be converted between time zones.
# The rule for what may be stored (from 2000 until now) is nestwell.lib.times.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2200  # the first year is lib.times.EARLIEST's (tested)


def within_bounds(instant: datetime) -> bool:
    """Whether ``instant`` lies in the years Nestwell stores. Checked on the value as given
    (before any conversion, which overflows for years near 1 or 9999)."""
    return EARLIEST_YEAR <= instant.year <= LATEST_YEAR and (
        instant.tzinfo is None or EARLIEST_YEAR <= instant.astimezone(UTC).year <= LATEST_YEAR)

"""When a reminder is due, and when to keep quiet. Pure: no Django, times are given.

Every time is aware; local decisions (quiet hours, the time of day of a daily reminder)
are made in the household's zone, so a change of clocks moves them with the clocks.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Quiet:
    on: bool
    start: time
    end: time


def in_quiet_hours(now: datetime, zone: ZoneInfo, quiet: Quiet) -> bool:
    """Is ``now`` inside her quiet hours, read on the household's clock?

    The hours may wrap past midnight (22:00–07:00); a start equal to the end keeps no
    quiet at all (an empty window is easier to explain than a whole day)."""
    if not quiet.on or quiet.start == quiet.end:
        return False
    local = now.astimezone(zone).time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        return quiet.start <= local < quiet.end
    return local >= quiet.start or local < quiet.end


def timer_due(started_at: datetime, minutes: int, now: datetime) -> bool:
    """A timer still running ``minutes`` after it started (real minutes, whatever the
    clocks did meanwhile)."""
    return now - started_at >= timedelta(minutes=minutes)


def daily_due(now: datetime, zone: ZoneInfo, at: time) -> date | None:
    """The local day whose daily reminder (at ``at``, local time) is due now, or None
    before that time. On the night the clocks go forward, a time that does not exist
    that day is reached at the first moment after the gap."""
    local = now.astimezone(zone)
    return local.date() if local.time().replace(tzinfo=None) >= at else None


def checkin_due(last_at: datetime | None, since: datetime, days: int,
                now: datetime) -> datetime | None:
    """When her repeated check-in fell due (``days`` after the last one, or after she
    asked for the reminder when she has none yet), if it has; else None."""
    due = (last_at or since) + timedelta(days=days)
    return due if now >= due else None

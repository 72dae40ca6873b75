"""Feeds counted as a parent counts them: pure, no Django (the week, the report and the
handover card share the rule)."""

from collections.abc import Iterable
from datetime import datetime, timedelta

SWITCH_GAP = timedelta(minutes=1)


def feed_starts(feeds: Iterable[tuple[datetime, datetime | None, dict]]) -> list[datetime]:
    """When each feed began, from ``(started_at, ended_at, details)`` of feeds, a
    breastfeed switched to the other side counted once: a breastfeed that begins within a
    minute of the end of the breastfeed before it, on the other side, carries that feed on
    (two rows on the timeline, one feed)."""
    starts, last_end, last_side = [], None, None
    for started, ended, details in sorted(feeds, key=lambda f: f[0]):
        side = details.get("side") if details.get("method") == "breast" else None
        switched = (side and last_side and side != last_side and last_end is not None
                    and timedelta(0) <= started - last_end <= SWITCH_GAP)
        if not switched:
            starts.append(started)
        last_end, last_side = ended, side
    return starts

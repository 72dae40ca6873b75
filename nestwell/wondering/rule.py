"""When a wondering prompt appears. Pure: no Django; the time is always given.

The day's prompts are its occasions (a feed she gave, a cry she settled, the daily time)
that she chose, in time order, at most ``per_day`` of them; an occasion she already
answered or put away counts whatever her choices are now, since she was asked. A prompt
is offered while it is fresh (moments: for ``FRESH``; the daily one: until the day ends)
and until she answers it or puts it away. One that went by unanswered still counts, so
ignoring a prompt never brings more of them."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nestwell.wondering.library import DAILY, FEED, SETTLE

FRESH = timedelta(minutes=45)
MOST_PER_DAY = 3


@dataclass(frozen=True)
class Choices:
    after_feed: bool = True
    after_settle: bool = True
    daily: bool = False
    daily_at: time = time(20, 0)
    per_day: int = 1

    def wants(self, occasion: str) -> bool:
        return {FEED: self.after_feed, SETTLE: self.after_settle, DAILY: self.daily}[occasion]

    @property
    def any(self) -> bool:
        return self.after_feed or self.after_settle or self.daily


@dataclass(frozen=True)
class Occasion:
    occasion: str  # FEED, SETTLE or DAILY
    key: str  # "moment:12", "cue:5", "daily:2026-12-02"
    at: datetime  # when the feed stopped, the cry settled, or the daily time came


def daily_occasion(choices: Choices, day: date, tz: ZoneInfo) -> Occasion | None:
    """The day's own occasion at her chosen time (``fold=0``: on a clock change an hour
    that happens twice is its first)."""
    if not choices.daily:
        return None
    at = datetime.combine(day, choices.daily_at, tzinfo=tz)
    return Occasion(DAILY, f"daily:{day.isoformat()}", at)


def todays_prompts(choices: Choices, occasions, kept, now: datetime) -> list[Occasion]:
    """The occasions of one day that are prompts: those she chose (or already answered
    or put away, ``kept``), come by ``now``, earliest first, at most ``per_day``."""
    counted = [o for o in occasions
               if o.key in kept or (choices.wants(o.occasion) and o.at <= now)]
    counted.sort(key=lambda o: (o.at, o.key))
    limit = max(1, min(choices.per_day, MOST_PER_DAY))
    return counted[:limit]


def due(choices: Choices, occasions, kept, now: datetime) -> Occasion | None:
    """The prompt to show now, or None: the latest of the day's prompts not answered or
    put away and still fresh."""
    if not choices.any:
        return None
    for occasion in reversed(todays_prompts(choices, occasions, kept, now)):
        if occasion.key in kept:
            continue
        if occasion.occasion == DAILY or now - occasion.at <= FRESH:
            return occasion
    return None

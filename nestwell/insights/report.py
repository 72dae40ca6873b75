"""The report for a visit: a period of days summarised in plain numbers a clinician can
read in two minutes. Pure: plain values in, plain values out."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain
from statistics import median
from zoneinfo import ZoneInfo

from nestwell.insights.analytics import Span, minutes_by_day_and_kind
from nestwell.journal import feeds


@dataclass(frozen=True)
class CueRow:
    started_at: datetime
    responded_at: datetime | None
    closed_at: datetime | None
    signal: str
    ways: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckInRow:
    created_at: datetime
    mood: int
    connection: int | None  # not asked after a loss
    sleep_hours: float | None
    support: int
    safety: str
    note_of_harm: bool = False  # her note spoke of harm (its words are never kept here)


@dataclass(frozen=True)
class ScreeningRow:
    created_at: datetime
    instrument: str
    total: int
    band_label: str
    safety: tuple[int, ...]
    safety_unanswered: tuple[int, ...] = ()  # a paper total without these scores
    # Answered in Nestwell, question by question: only then is a safety question known to
    # be answered (a paper total kept before its safety score was asked for, or one from
    # an older export, looks the same as one whose safety score was 0).
    answered_here: bool = False
    above: tuple[str, ...] = ()  # the parts (subscales) at or above a published cut-off


@dataclass
class Report:
    first: date
    last: date
    days: int
    minutes_by_kind: dict[str, list[int]]
    feeds: int = 0
    feeds_per_day: float | None = 0.0  # None: too little logged for a figure a day
    feed_days: int = 0  # the full days feeds_per_day is over; 0: a rate over the hours
    sleep_days: int = 0  # the same for sleep_hours_per_day
    logged_hours: int = 0  # from the first feed logged in the period to its end or now
    sleep_logged_hours: int = 0  # the same from the first sleep
    breast_sides: dict[str, int] = field(default_factory=dict)
    bottle_ml: int = 0
    bottles: int = 0  # bottle feeds, with or without an amount
    bottles_measured: int = 0  # those with an amount
    solids: int = 0  # feeds of solid food, counted among the feeds
    bottle_milks: dict[str, int] = field(default_factory=dict)  # milk -> bottles
    tubes: int = 0  # tube feeds, as the bottles
    tubes_measured: int = 0
    tube_ml: int = 0
    tube_milks: dict[str, int] = field(default_factory=dict)
    sleep_hours_per_day: float | None = None
    skin_minutes_per_day: float = 0.0
    cries: int = 0
    median_answer_minutes: float | None = None
    median_cry_minutes: float | None = None
    what_helped: list[tuple[str, int]] = field(default_factory=list)
    moments_per_day: float = 0.0
    checkins: list[CheckInRow] | None = None  # None: she chose not to include them
    screenings: list[ScreeningRow] | None = None
    wellbeing_of: str = ""  # whose check-ins and questionnaires they are (her name)
    growth: list = field(default_factory=list)  # growth.progress rows, newest first
    care_day: dict | None = None  # nappies and temperatures (visit.care_day)
    # The days a figure "a day" is averaged over (see averaged_days); the whole period
    # unless logging began in it or it runs past today.
    averaged_from: date | None = None
    averaged_to: date | None = None
    averaged: int = 0
    born: date | None = None  # the day of the birth
    firsts: list = field(default_factory=list)  # (day, what) of the firsts in the period
    logged_days: frozenset = frozenset()  # the local days something began on

    @property
    def safety_flags(self):
        flagged = [c for c in (self.checkins or []) if c.safety != "safe" or c.note_of_harm]
        flagged += [s for s in (self.screenings or []) if s.safety]
        return flagged


def _median(values):
    values = [v for v in values if v is not None]
    return round(median(values), 2) if values else None


def averaged_days(starts: Iterable[datetime], zone: ZoneInfo, first: date, last: date,
                  today: date, born: date | None = None) -> tuple[date, date]:
    """The first and last day a figure "a day" is averaged over: from the first day of the
    period on which anything was logged to its last day, or to today when the period runs
    past it. A period chosen from before the birth, or from before the family began with
    Nestwell, would otherwise thin every average (three days of feeds over fourteen days
    read as a baby fed twice a day). Never before ``born``, the day of the birth: a letter
    or a movement count in pregnancy is not a day of feeds."""
    to = max(first, min(last, today))
    earliest = min((s.astimezone(zone).date() for s in starts), default=None)
    since = first if earliest is None else min(max(first, earliest), to)
    if born is not None:
        since = min(max(since, born), to)
    return since, to


FEWEST_HOURS = 6  # under this much logged, no figure "a day" is given at all


def a_day(by_day: dict, partial: set, total: float, hours: float) -> tuple[float | None, int]:
    """A figure a day and the number of days it is over: over the full days it was noted
    on (``by_day``: day -> amount; ``partial``: the days only part-logged, today still
    going and the day logging began); with no full day, a rate over the ``hours`` logged
    (days 0); with under FEWEST_HOURS of them, (None, 0). Pure."""
    full = [d for d, amount in by_day.items() if amount and d not in partial]
    if full:
        return sum(by_day[d] for d in full) / len(full), len(full)
    if hours >= FEWEST_HOURS and total:
        return total * 24 / hours, 0
    return None, 0


def feed_starts(spans: list[Span], details: list[dict]) -> list[datetime]:
    """When each feed began, a breastfeed switched to the other side counted once
    (``journal.feeds``: the rule the handover card shares)."""
    return feeds.feed_starts((s.started_at, s.ended_at, d)
                             for s, d in zip(spans, details, strict=True)
                             if s.kind == "feeding")


def build(spans: list[Span], details: list[dict], cues: list[CueRow], zone: ZoneInfo,
          first: date, last: date, now: datetime, checkins=None, screenings=None,
          born: date | None = None) -> Report:
    """``spans`` and ``details`` are the moments of the period (same order); ``born`` is
    the day of the birth, when the baby is born."""
    days = (last - first).days + 1
    minutes = minutes_by_day_and_kind(spans, zone, first, days, now)
    # Moments that began before the period are read only for the minutes they run into it
    begin = datetime.combine(first, time(), zone)
    inside = [i for i, s in enumerate(spans) if s.started_at >= begin]
    since, to = averaged_days(chain((spans[i].started_at for i in inside),
                                    (c.started_at for c in cues)), zone, first, last,
                              now.astimezone(zone).date(), born)
    # figures "a day" over the days logged (the minutes' lists run from ``first``)
    lo, hi = (since - first).days, (to - first).days + 1
    averaged = hi - lo
    from_, until = (datetime.combine(since, time(), zone),
                    datetime.combine(to + timedelta(days=1), time(), zone))
    feeds = [details[i] for i in inside if spans[i].kind == "feeding"]
    # A feed is one feed however many times she switched sides: the side after a switch
    # begins the moment the one before ended (journal.services.switch_side).
    starts = feed_starts([spans[i] for i in inside], [details[i] for i in inside])
    sides = Counter(d.get("side") for d in feeds if d.get("method") in ("breast", None) and
                    d.get("side"))  # a side without a method, kept before it was read so
    bottles = [d for d in feeds if d.get("method") == "bottle"]
    amounts = [int(float(d["amount_ml"])) for d in bottles if d.get("amount_ml")]
    tubes = [d for d in feeds if d.get("method") == "tube"]
    tube_amounts = [int(float(d["amount_ml"])) for d in tubes if d.get("amount_ml")]
    sleep = minutes.get("sleep")
    today = now.astimezone(zone).date()
    # Feeds and sleep "a day" over the full days they were noted on: a baby feeds and
    # sleeps every day, so a day without either logged is a day not logged, not a day
    # without (two days of nothing and sleep logged only from the third week had read as
    # a baby fed 8 times and sleeping 8 hours a day, where the days logged said 8.8 and
    # 11.6). Today, still going, and the day logging began (or the birth) are partial:
    # with no full day yet, the figure is a rate over the hours logged.
    # With no full day, the rate is over the hours since the first of its own kind was
    # logged: four tube feeds logged today, beside kangaroo care logged back four days,
    # read as "about 1.0 a day" (Camille's walk, for the unit's team).
    partial = {today} | ({since} if since > first else set())

    def hours_since(kind):
        begun = min((spans[i].started_at for i in inside if spans[i].kind == kind),
                    default=None)
        return (min(now, until) - begun).total_seconds() / 3600 if begun else 0.0

    hours, sleep_hours = hours_since("feeding"), hours_since("sleep")
    by_day = Counter(s.astimezone(zone).date() for s in starts
                     if since <= s.astimezone(zone).date() <= to)
    feeds_per_day, feed_days = a_day(by_day, partial, sum(by_day.values()), hours)
    asleep = {first + timedelta(days=i): sleep[i] / 60 for i in range(lo, hi)} if sleep else {}
    sleep_per_day, sleep_days = a_day(asleep, partial, sum(asleep.values()), sleep_hours)
    distress = [c for c in cues if c.signal in ("cry", "fuss")]
    helped = Counter(w for c in distress for w in c.ways)
    return Report(
        first=first, last=last, days=days, minutes_by_kind=minutes, feeds=len(starts),
        feeds_per_day=round(feeds_per_day, 1) if feeds_per_day is not None else None,
        feed_days=feed_days, logged_hours=round(hours),
        sleep_logged_hours=round(sleep_hours),
        breast_sides=dict(sides), bottle_ml=sum(amounts), bottles=len(bottles),
        bottles_measured=len(amounts),
        bottle_milks=dict(Counter(d["milk"] for d in bottles if d.get("milk"))),
        tubes=len(tubes), tubes_measured=len(tube_amounts), tube_ml=sum(tube_amounts),
        tube_milks=dict(Counter(d["milk"] for d in tubes if d.get("milk"))),
        solids=sum(d.get("method") == "solids" for d in feeds),
        sleep_hours_per_day=round(sleep_per_day, 1) if sleep_per_day is not None else None,
        sleep_days=sleep_days,
        skin_minutes_per_day=round(sum(minutes.get("skin_to_skin", [0])[lo:hi]) / averaged,
                                   1),
        cries=len(distress),
        median_answer_minutes=_median(
            (c.responded_at - c.started_at).total_seconds() / 60 for c in distress
            if c.responded_at),
        median_cry_minutes=_median(
            (c.closed_at - c.started_at).total_seconds() / 60 for c in distress
            if c.closed_at and c.closed_at > c.started_at),
        what_helped=helped.most_common(4),
        moments_per_day=round(sum(from_ <= spans[i].started_at < until for i in inside)
                              / averaged, 1),
        logged_days=frozenset(chain((s.started_at.astimezone(zone).date() for s in spans),
                                    (c.started_at.astimezone(zone).date() for c in cues))),
        checkins=checkins, screenings=screenings, averaged_from=since, averaged_to=to,
        averaged=averaged, born=born)

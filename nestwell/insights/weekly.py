"""“Your week together”: the last seven days in a few kind lines. Pure: plain values in,
plain values out; the view and the weekly e-mail share it."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Week:
    moments: int
    minutes_together: float
    top_kinds: list[tuple[str, int]]         # (kind, times)
    firsts: list[str] = field(default_factory=list)          # kinds done "the first time"
    first_signals: list[str] = field(default_factory=list)   # smiles, coos … first seen
    cries: int = 0
    helped: list[tuple[str, int]] = field(default_factory=list)
    checkins: int | None = None               # hers; None for someone else's summary
    rested_days: int = 0                       # check-ins with 6 hours of sleep or more
    hard_answers: int = 0                      # her answers this week that asked for support


def summarize(moments, first_kinds, cues, earlier_signals, checkins=None, hard_answers=0):
    """``moments``: (kind, minutes) of the week; ``first_kinds``: kinds logged as the first
    time; ``cues``: (signal, ways) of the week; ``earlier_signals``: signals seen before the
    week; ``checkins``: her (sleep_hours) list, or None; ``hard_answers``: how many of her
    check-ins and questionnaires this week opened the support page."""
    kinds = Counter(kind for kind, _m in moments)
    distress = [ways for signal, ways in cues if signal in ("cry", "fuss")]
    seen_now = [signal for signal, _w in cues if signal not in ("cry", "fuss")]
    return Week(
        moments=len(moments), minutes_together=sum(m for _k, m in moments),
        top_kinds=kinds.most_common(3), firsts=sorted(set(first_kinds)),
        first_signals=sorted(set(seen_now) - set(earlier_signals)), cries=len(distress),
        helped=Counter(w for ways in distress for w in ways).most_common(2),
        checkins=None if checkins is None else len(checkins),
        rested_days=sum(1 for hours in (checkins or []) if hours is not None and hours >= 6),
        hard_answers=hard_answers if checkins is not None else 0)


def self_care_code(week):
    """Which kind sentence about her fits the week ("" for someone else's summary)."""
    if week.checkins is None:
        return ""
    if week.hard_answers:
        return "support"  # before any word of rest: a week she said she may not be safe
    if week.checkins == 0:
        return "no-checkins"
    if week.rested_days >= 4:
        return "some-rest"
    return "tired"

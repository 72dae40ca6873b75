"""Medicines in the report for a visit: every dose of the period in one query, and the
words a midwife, health visitor or doctor reads (what was given, how often, and the
schedule the family entered)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts import measures
from nestwell.medicines.models import DAILY, SPACED, Dose, amount


@dataclass(frozen=True)
class DoseRow:
    medicine_id: int
    name: str
    at: datetime  # local
    amount: str  # "2.5 ml", or ""
    schedule: str
    daily_at: object
    min_hours: object
    most_per_day: int | None


# How far before a period its doses are read for the schedule: the longest gap a schedule
# may give (medicines.services.LONGEST_GAP hours), so the first dose of a period is
# measured against the one before it.
LOOKBACK = timedelta(hours=72)


def doses(child, start, end, zone) -> list[DoseRow]:
    """The doses given from ``start`` to ``end``, earliest first, with their medicine's
    name and schedule: one query."""
    return [DoseRow(mid, name, timezone.localtime(at, zone), amount(a, u), s, d, h, m)
            for mid, name, at, a, u, s, d, h, m in Dose.objects.filter(
                child=child, given_at__gte=start, given_at__lt=end).order_by(
                "given_at", "pk").values_list(
                "medicine_id", "medicine__name", "given_at", "amount", "unit",
                "medicine__schedule", "medicine__daily_at", "medicine__min_hours",
                "medicine__most_per_day")]


def outside_schedule(times: list[datetime], min_hours, most_per_day,
                     earlier: list[datetime] = ()) -> tuple[int, int]:
    """(doses given sooner than ``min_hours`` after the one before, doses that made more
    than ``most_per_day`` in the 24 hours up to them) of a spaced medicine's doses, in
    time order. ``earlier``: its doses before the period (in order), which count as the
    one before and in the 24 hours, but are not counted themselves (the first dose of a
    period, an hour after the last of the one before, was read as on time). Pure. A dose
    given too soon showed nowhere but in the CSV's times."""
    if not times:
        return 0, 0
    every = [*earlier, *times]
    first = len(earlier)  # where the period's own doses begin
    soon = sum(1 for i in range(max(first, 1), len(every))
               if min_hours is not None
               and (every[i] - every[i - 1]).total_seconds() < float(min_hours) * 3600)
    over = 0
    if most_per_day:
        for i in range(first, len(every)):
            within = sum(1 for t in every[:i + 1]
                         if (every[i] - t).total_seconds() < 24 * 3600)
            over += within > most_per_day
    return soon, over


def schedule_words(schedule, daily_at, min_hours, most_per_day):
    if schedule == DAILY and daily_at is not None:
        return _("once a day, usually at %(t)s") % {"t": measures.clock(daily_at)}
    if schedule == SPACED and min_hours is not None:
        text = _("no sooner than %(h)s hours apart") % {"h": measures.decimal(min_hours)}
        if most_per_day:
            text += ", " + ngettext("at most %(n)s dose in 24 hours",
                                    "at most %(n)s doses in 24 hours",
                                    most_per_day) % {"n": most_per_day}
        return text
    return _("when needed")


def rows(given: list[DoseRow], days: int, before: list[DoseRow] = ()) -> list[list[str]]:
    """One row per medicine given in the period: how many doses, on how many days, the
    most in one day, and the schedule the family entered. ``before``: the doses of the
    days before the period (``LOOKBACK``), for the schedule's gap and 24 hours only."""
    if not given:
        return [[_("Medicines"), _("none noted in this period")]]
    by_medicine: dict[int, list[DoseRow]] = {}
    for row in given:
        by_medicine.setdefault(row.medicine_id, []).append(row)
    out = []
    for doses_of in sorted(by_medicine.values(), key=lambda d: d[0].name.casefold()):
        first = doses_of[0]
        per_day: dict[date, int] = {}
        for d in doses_of:
            per_day[d.at.date()] = per_day.get(d.at.date(), 0) + 1
        text = ngettext("%(n)s dose on %(d)s of %(days)s days",
                        "%(n)s doses on %(d)s of %(days)s days", len(doses_of)) % {
            "n": len(doses_of), "d": len(per_day), "days": max(days, len(per_day))}
        most = max(per_day.values())
        if most > 1:
            text += "; " + _("most in one day: %(n)s") % {"n": most}
        text += "; " + _("schedule entered: %(s)s") % {"s": schedule_words(
            first.schedule, first.daily_at, first.min_hours, first.most_per_day)}
        if first.schedule == SPACED:
            soon, over = outside_schedule(
                [d.at for d in doses_of], first.min_hours, first.most_per_day,
                earlier=[d.at for d in before if d.medicine_id == first.medicine_id])
            if soon:
                text += "; " + ngettext(
                    "given sooner than the schedule's gap: %(n)s time",
                    "given sooner than the schedule's gap: %(n)s times", soon) % {"n": soon}
            if over:
                text += "; " + ngettext(
                    "more than the schedule's most in 24 hours: %(n)s time",
                    "more than the schedule's most in 24 hours: %(n)s times", over) % {
                    "n": over}
        amounts = sorted({d.amount for d in doses_of if d.amount})
        name = first.name + (f" · {', '.join(amounts)}" if amounts else "")
        out.append([name, text])
    return out

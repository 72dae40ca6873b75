"""The medicine reminders she asked for, gathered with the others by
``nestwell.reminders.services.gather``: a daily supplement at her time when it was not
given yet that day, and for a spaced medicine, once the schedule she entered allows the
next dose. Two queries for everyone at once; the time rules are in schedule.py."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.medicines import schedule
from nestwell.medicines.models import DAILY, SPACED, Dose, Medicine

LOOK_BACK = timedelta(hours=96)  # the longest gap (72 h) and the day a reminder is shown
SHOWN_FOR = timedelta(hours=24)  # a "may be given again" stays in the list this long


def gather(people, now, make):
    """Add each person's due medicine reminders with ``make(key, kind, text, link, since)``
    (the reminders app's ``Reminder``)."""
    by_ids = {p.ids: p for p in people}
    medicines = list(Medicine.objects.filter(
        remind=True, stopped=False, schedule__in=(DAILY, SPACED),
        child__died_on__isnull=True,  # never for a baby who has died
        remind_user_id__in={u for u, _h in by_ids},
        household_id__in={h for _u, h in by_ids}).select_related("child")[:500])
    medicines = [m for m in medicines if (m.remind_user_id, m.household_id) in by_ids]
    if not medicines:
        return
    given = {m.pk: [] for m in medicines}
    for medicine_id, at in Dose.objects.filter(
            medicine__in=medicines, given_at__gte=now - LOOK_BACK).values_list(
            "medicine_id", "given_at"):
        given[medicine_id].append(at)
    for medicine in medicines:
        person = by_ids[(medicine.remind_user_id, medicine.household_id)]
        link = f"{reverse('medicines:list')}?child={medicine.child_id}"
        times = given[medicine.pk]
        if medicine.daily and medicine.daily_at is not None:
            day = schedule.daily_due(now, person.zone, medicine.daily_at, times)
            if day is not None:
                person.reminders.append(make(
                    f"medicine:{medicine.pk}:{day.isoformat()}", "medicine",
                    _("%(name)s for %(child)s: not given yet today. You asked to be "
                      "reminded at %(time)s.") % {
                        "name": medicine.name, "child": medicine.child.name,
                        "time": measures.clock(medicine.daily_at)},
                    link, datetime.combine(day, medicine.daily_at, person.zone)))
        elif medicine.spaced and times:
            last = max(times)
            freed = schedule.next_dose(times, last, min_hours=medicine.min_hours,
                                       most_per_day=medicine.most_per_day).not_before
            if freed is None or not freed <= now < freed + SHOWN_FOR:
                continue
            person.reminders.append(make(
                f"medicine:{medicine.pk}:{last:%Y%m%d%H%M}", "medicine",
                _("By the schedule you entered, %(name)s for %(child)s may be given again "
                  "from %(time)s, if it is needed. If you are unsure, check the label or "
                  "ask your pharmacist.") % {
                    "name": medicine.name, "child": medicine.child.name,
                    "time": measures.clock(freed.astimezone(person.zone))},
                link, freed))

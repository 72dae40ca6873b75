"""What medicines add to the journal: each dose on the one timeline, on Today the daily
supplements with a one-tap "Given now", and on the night screen every medicine still given,
with where her schedule stands and "Given now". Registered in ``MedicinesConfig.ready()``."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.children.models import Child
from nestwell.health.timeline import care_rows
from nestwell.lib.statements import Statement
from nestwell.medicines import services
from nestwell.medicines.models import Dose, Medicine


def dose_entries(child, start, end):
    return (Dose.objects.filter(child=child, given_at__gte=start, given_at__lt=end)
            .select_related("medicine", "created_by"))


def dose_meta(dose):
    parts = [dose.how_much] if dose.how_much else []
    if dose.created_by_id is not None:
        parts.append(_("by %(name)s") % {"name": dose.created_by.display_name})
    return " · ".join(parts)


def dose_rows(can_write):
    return care_rows("medicines:dose_edit", can_write,
                 what=lambda d: _("Gave %(name)s") % {"name": d.medicine.name},
                 meta=dose_meta, icon=lambda d: "💧", code="dose",
                 when=lambda d: d.given_at)


_GIVEN = Statement(lambda child: Medicine.objects.filter(child=child, stopped=False)
                   .order_by("name", "pk"), child=Child)
IN_USE = timedelta(hours=24)


def home(request, child):
    """Today's daily supplements, given today or not yet, and every other medicine given in
    the last 24 hours (a reflux medicine with each feed, paracetamol through a fever: Ben
    had to open Medicines for each dose of Gaviscon), each with "Given now": two queries
    when the baby has any, one otherwise."""
    if not child.is_born:
        return {}
    now = timezone.now()
    found = services.statuses(_GIVEN(child=child), now)
    today = [s for s in found if s.medicine.daily
             or (s.last is not None and now - s.last.given_at < IN_USE)]
    return {"medicines_today": services.shown(today, now),
            "medicines_all_daily": all(s.medicine.daily for s in today)}


def night(request, child):
    """The night screen: every medicine not stopped (a fever at 3 a.m. is when a dose is
    given and its next time looked up), with "Given now": two queries when the baby has
    any, one otherwise."""
    if not child.is_born:
        return {}
    now = timezone.now()
    return {"medicines_night": services.shown(services.statuses(_GIVEN(child=child), now),
                                              now)}

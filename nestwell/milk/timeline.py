"""What pumping adds to the journal: sessions on the one timeline, and today's pumping and
the store on the home page. Registered in ``MilkConfig.ready()``."""

from datetime import datetime

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts import measures
from nestwell.children.models import Child
from nestwell.journal import contributions
from nestwell.journal.rows import TimelineRow, short_note
from nestwell.journal.timeutil import day_bounds
from nestwell.lib.statements import Statement
from nestwell.milk import services
from nestwell.milk.models import MilkBag, PumpingSession, Side, State


def entries(child, start, end):
    return PumpingSession.objects.filter(child=child, started_at__gte=start,
                                         started_at__lt=end)


def what(session):
    if session.amount_ml:
        return _("Pumped %(amount)s") % {"amount": measures.volume(session.amount_ml)}
    return _("Pumped")


def meta(session):
    parts = []
    if session.side:
        parts.append(str(Side(session.side).label).lower())
    if session.minutes is not None:
        parts.append(ngettext("%(n)s minute", "%(n)s minutes", session.minutes)
                     % {"n": session.minutes})
    return " · ".join(parts)


def rows(can_write):
    mark = "999999999"
    url = reverse("milk:pumping_edit", args=[mark]) if can_write else ""

    def row(session, tz):
        label = what(session)
        return TimelineRow(
            is_cue=False, code="pumping", pk=session.pk, iso=session.started_at.isoformat(),
            clock=measures.clock(timezone.localtime(session.started_at, tz)), icon="🍼",
            what=label, live="", meta=meta(session), note=short_note(session.note),
            edit_url=url.replace(mark, str(session.pk)),
            edit_label=_("Edit %(kind)s") % {"kind": label})

    return row


# What the store holds that can still be given, as one row of the child's group (none
# when nothing is kept). Milk past its use-by time stays on the store's page, marked, till
# it is poured away; Today counted it as milk there (Ben's walk: "34 bottles or bags,
# 4280 ml", most of them past their time).
_STORED = Statement(lambda child, now: MilkBag.objects.filter(child=child, state=State.KEPT)
                    .values("child").annotate(
                        n=Count("pk", filter=Q(use_by__gt=now)),
                        ml=Sum("amount_ml", filter=Q(use_by__gt=now)),
                        past=Count("pk", filter=Q(use_by__lte=now)))
                    .values_list("n", "ml", "past"), child=Child, now=datetime)


def today(child, read=None):
    """Today's pumping and what the store holds that can still be given: two queries, one
    when ``read`` holds today's sessions already (``(day, sessions)``, as Today read them
    for its list)."""
    bags, ml, past = _STORED.first((0, 0, 0), child=child, now=timezone.now())
    if read is None:
        start, end = day_bounds(timezone.localdate(), timezone.get_current_timezone())
        pumped = services.day_totals(child, start, end)
    else:
        sessions = read[1]
        pumped = {"sessions": len(sessions), "ml": sum(s.amount_ml or 0 for s in sessions)}
    return {"pumped": pumped, "stored": {"bags": bags, "ml": ml or 0, "past": past}}


def home(request, child):
    """The day's pumping, for Today (colostrum too, before the birth); only when the
    household pumps at all."""
    found = today(child, contributions.read_today(request, PumpingSession, child))
    stored = found["stored"]
    if not found["pumped"]["sessions"] and not stored["bags"] and not stored["past"]:
        return {}
    return {"milk_today": found}

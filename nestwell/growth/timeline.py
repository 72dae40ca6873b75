"""Measurements on the journal's one timeline, registered in ``GrowthConfig.ready()``.

A measurement has a day but no time: it sits at the moment it was written down when that
was on the same day, else at midday, so the day's rows keep a sensible order."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.journal.rows import TimelineRow, short_note
from nestwell.lib.statements import Statement


def _placed(m, tz):
    created = timezone.localtime(m.created_at, tz)
    if created.date() == m.measured_on:
        return m.created_at, measures.clock(created)
    return timezone.make_aware(datetime.combine(m.measured_on, time(12)), tz), ""


_DAYS = Statement(lambda child, first, last: Measurement.objects.filter(
    child=child, measured_on__gte=first, measured_on__lte=last), child=Child, first=date,
    last=date)


def entries(child, start, end):
    """The measurements of the days from ``start`` to ``end`` (one query), each given the
    ``started_at`` the timeline sorts by."""
    tz = timezone.get_current_timezone()
    first = timezone.localtime(start, tz).date()
    last = timezone.localtime(end - timedelta(microseconds=1), tz).date()
    found = _DAYS(child=child, first=first, last=last)
    kept = []
    for m in found:
        m.started_at, m.clock = _placed(m, tz)
        if start <= m.started_at < end:
            kept.append(m)
    return kept


def describe(m):
    """"3.203 kg · 49 cm long · head 35.1 cm", or in pounds, ounces and inches for
    someone who reads them ("7 lb 1 oz · 19.3 in long · head 13.8 in")."""
    return " · ".join(p for p in (
        measures.weight(m.weight_grams),
        _("%(length)s long") % {"length": measures.length(m.length_mm)}
        if m.length_mm is not None else "",
        _("head %(length)s") % {"length": measures.length(m.head_mm)}
        if m.head_mm is not None else "") if p)


def rows(can_write):
    """A function making the timeline row of one measurement; the URL reversed once."""
    mark = "999999999"
    url = reverse("journal:measurement_edit", args=[mark]) if can_write else ""

    def row(entry, tz):
        return TimelineRow(
            is_cue=False, code="measurement", pk=entry.pk,
            iso=entry.started_at.isoformat(), clock=getattr(entry, "clock", ""), icon="📏",
            what=_("Measured"),
            live="", meta=" · ".join(p for p in (describe(entry),
                                                 str(entry.get_measured_by_display())) if p),
            note=short_note(entry.note), edit_url=url.replace(mark, str(entry.pk)),
            edit_label=_("Edit the measurement"))

    return row

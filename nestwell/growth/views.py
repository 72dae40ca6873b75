"""Growth: the baby's measurements, where they sit on the WHO standards, and a chart."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role, at_least
from nestwell.children.current import age_label, current_child, household_children
from nestwell.children.stages import age_words
from nestwell.growth import progress, services, who
from nestwell.growth.forms import MeasurementForm
from nestwell.growth.models import Measurement
from nestwell.lib.edit_page import edit_page

SHOWN = 400  # measurements on the page: years of weekly weigh-ins
REGAIN_SHOWN_DAYS = 42  # the birth-weight card: the first six weeks


def _list_url(child):
    return f"{reverse('journal:growth')}?child={child.pk}"


def _save_fields(data):
    return {"measured_on": data["measured_on"], "weight_grams": data["weight_grams"],
            "length_mm": data["length_mm"], "head_mm": data["head_mm"],
            "measured_by": data["measured_by"], "note": data["note"]}


@member_required()
@idempotent
def growth(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        return redirect("journal:home")
    form = MeasurementForm(request.POST or None, child=child)
    if request.method == "POST":
        if not at_least(request.membership.role, Role.CAREGIVER):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_measurement(child=child, user=request.user,
                                         **_save_fields(form.cleaned_data))
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("Measurement kept."))
                return redirect(_list_url(child))
    context = {"child": child, "children": children, "form": form, "born": child.is_born}
    if child.is_born:
        measurements = list(Measurement.objects.filter(
            child=child, household=request.household)[:SHOWN])
        rows = progress.with_birth(child, progress.rows_for(child, measurements))
        charts = [c for c in (progress.chart(child, rows, i) for i in
                              (who.WEIGHT_FOR_AGE, who.LENGTH_FOR_AGE, who.HEAD_FOR_AGE)) if c]
        born = progress.birth_day(child)
        weights = [(m.measured_on, m.weight_grams) for m in measurements
                   if m.weight_grams is not None]
        context.update({
            "rows": [_row_view(r) for r in rows], "charts": charts,
            "measured": bool(measurements),  # the birth weight alone: the form stays open
            # The card is for the first six weeks (as the guide says); at ten weeks it was
            # still at the top of the page.
            "regain": progress.birth_weight_regain(child.birth_weight_grams, born, weights)
            if born is not None and (timezone.localdate() - born).days <= REGAIN_SHOWN_DAYS
            else None,
            "regain_source": progress.REGAIN_SOURCE,
            "no_sex": child.sex not in who.SEXES,
            "preterm": (child.gestation_total_days is not None
                        and child.gestation_total_days < who.PRETERM_DAYS),
        })
    return render(request, "growth/growth.html", context)


def _row_view(row):
    """What the list shows of one measurement: the values with their centiles."""
    m = row.measurement
    scores = row.reading.scores
    parts = []
    for value, words, indicator in (
            (m.weight_grams, measures.weight, who.WEIGHT_FOR_AGE),
            (m.length_mm, lambda mm: _("%(length)s long") % {"length": measures.length(mm)},
             who.LENGTH_FOR_AGE),
            (m.head_mm, lambda mm: _("head %(length)s") % {"length": measures.length(mm)},
             who.HEAD_FOR_AGE)):
        if value is None:
            continue
        if indicator in scores:
            centile = _("%(c)s centile") % {"c": progress.ordinal(row.centile(indicator))}
        elif indicator in row.reading.outside and row.reading.age_days < 0:
            # before the due date the charts have no line yet: nothing is wrong
            centile = _("the WHO charts begin at the due date")
        elif indicator in row.reading.outside:
            centile = _("outside the WHO tables at this age")
        else:
            centile = ""
        parts.append({"value": words(value), "centile": centile})
    wfl = scores.get(who.WEIGHT_FOR_LENGTH)
    return {"item": m, "parts": parts, "age_days": row.age_days, "age": _age(m, row.age_days),
            "corrected": row.reading.corrected, "corrected_days": row.reading.age_days,
            "corrected_age": _age(m, row.reading.age_days, old=False),
            # measured before the due date: "12 days before the due date", not "-12 days"
            "before_due": -row.reading.age_days if row.reading.age_days < 0 else 0,
            "wfl": progress.ordinal(wfl.centile_words) if wfl else ""}


def _age(measurement, days, old=True):
    """Past four weeks, an age as parents say it ("9 weeks old", "27 months old"), not
    "825 days old" (Rosa's walk, her daughter of two); in the first weeks, the days. A
    corrected age (``old=False``: "26 months") is counted from the due date the same way."""
    if days <= 28:
        return ""
    return age_label(*age_words(days, measurement.measured_on - timedelta(days=days),
                                measurement.measured_on), old=old)


@member_required(role=Role.CAREGIVER)
def measurement_edit(request, pk):
    measurement = get_object_or_404(Measurement.objects.select_related("child"), pk=pk,
                                    household=request.household)
    return edit_page(
        request, measurement, MeasurementForm(request.POST or None, child=measurement.child,
                                      measurement=measurement),
        save=lambda m, data, version: services.update_measurement(
            m, version=version, **_save_fields(data)),
        remove=services.delete_measurement, removed=_("Measurement removed."),
        list_url=_list_url(measurement.child), template="growth/measurement_form.html",
        context={"measurement": measurement},
        what=", ".join(v for v in (measures.weight(measurement.weight_grams),
                                   measures.length(measurement.length_mm),
                                   measures.length(measurement.head_mm)) if v),
        when=measurement.measured_on)

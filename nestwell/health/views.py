"""The care day's pages: nappies (with the stool-colour card and the day's counts) and
temperatures (with the calm fever message). The rules are in services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.children.current import (
    back,
    can_write,
    child_for_write,
    child_page_url,
    current_child,
    household_children,
    remembered_page,
    require_writer,
)
from nestwell.forms import other_babies, ticked
from nestwell.health import nappies, services, timeline
from nestwell.health.fever import FEVER_C, LOW_C
from nestwell.health.forms import NappyForm, TemperatureForm
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.timeutil import day_bounds
from nestwell.lib.edit_page import edit_page
from nestwell.lib.undo import take_back
from nestwell.wellbeing import crisis
from nestwell.words import listed

NAPPY_DAYS = 7
LIST_LENGTH = 50


@member_required()
@idempotent
def nappy_list(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    others = other_babies(children, child)
    form = NappyForm(request.POST or None, others=others)
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            data = form.cleaned_data
            babies = ticked(form, child, others)
            fields = {name: data[name] for name in (
                "kind", "changed_at", "colour", "consistency", "note")}
            try:
                with transaction.atomic():  # for each baby ticked, or for none
                    made = [services.add_nappy(child=baby, user=request.user, **fields)
                            for baby in babies][0]
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                _saved(request, made, for_whom=listed([baby.name for baby in babies]))
                return redirect(child_page_url("health:nappies", child))
    return render(request, "health/nappies.html", {
        "child": child, "children": children, "form": form,
        "days": services.nappy_days(child, NAPPY_DAYS) if child.is_born else [],
        "today_rows": _today_rows(request, child) if child.is_born else [],
        "colours": nappies.STOOL_COLOURS.values(),
        "kinds": nappies.KIND_CHOICES, "born": child.is_born})


def _today_rows(request, child):
    """Today's nappies as timeline rows, worked out once each (as the timeline does): older
    days are on the timeline, a day at a time."""
    tz = timezone.get_current_timezone()
    start, end = day_bounds(timezone.localdate(), tz)
    row = timeline.nappy_rows(can_write(request))
    return [row(n, tz) for n in timeline.nappy_entries(child, start, end)[:LIST_LENGTH]]


def _kept_words(nappy, for_whom=None):
    return _("%(kind)s nappy kept for %(child)s.") % {
        "kind": nappy.label, "child": for_whom or nappy.child.name}


def _saved(request, nappy, for_whom=None):
    messages.success(request, _kept_words(nappy, for_whom))
    if nappy.pale:
        messages.warning(request, _(
            "A pale, white or grey poo is worth a call to your midwife, health visitor or GP "
            "today, so they can check on your baby."))
    elif nappy.blood:
        messages.warning(request, nappies.BLOOD_CALL)


@member_required(role=Role.CAREGIVER)
@require_POST
@idempotent  # a double tap is one nappy
def nappy_quick(request):
    """One tap from Today, the night screen or the nappies page: a nappy of this kind,
    now."""
    child = child_for_write(request)
    kind = request.POST.get("kind", "")
    try:
        made = services.add_nappy(child=child, kind=kind, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if request.POST.get("next") == "nappies":
            _saved(request, made)  # its list is right there, each with ✎
        else:
            # On Today and the night screen: said once, with its Undo (a mistaken tap is
            # taken back in one more, as a one-tap moment is). One tap keeps no colour, so
            # there is no pale-poo word to add.
            request.session["undo"] = {"target": "nappy", "id": made.pk,
                                       "text": str(_kept_words(made))}
    if request.POST.get("next") == "nappies":
        return redirect(child_page_url("health:nappies", child))
    return back(request)  # Today, or the night screen


@member_required(role=Role.CAREGIVER)
@require_POST
def nappy_undo(request, pk):
    """Take back a nappy she kept with one tap, within the same short while as a moment."""
    nappy = get_object_or_404(Nappy.objects.select_related("child"), pk=pk,
                              household=request.household, created_by=request.user)
    take_back(request, nappy, remove=services.delete_nappy, too_late=_(
        "It is too late to undo this; you can still delete it from the nappies page."))
    return back(request)


@member_required(role=Role.CAREGIVER)
def nappy_edit(request, pk):
    nappy = get_object_or_404(Nappy.objects.select_related("child"), pk=pk,
                              household=request.household)
    form = NappyForm(request.POST or None, nappy=nappy, children=household_children(request))
    return edit_page(
        request, nappy, form,
        save=lambda n, data, version: services.update_nappy(
            n, version=version, kind=data["kind"], changed_at=data["changed_at"],
            colour=data["colour"], consistency=data["consistency"], note=data["note"],
            child=form.chosen_child()),
        remove=services.delete_nappy, removed=_("Nappy removed."),
        list_url=lambda n: child_page_url("health:nappies", n.child),
        template="health/nappy_form.html",
        context={"nappy": nappy, "colours": nappies.STOOL_COLOURS},
        what=_("%(kind)s nappy") % {"kind": nappy.label}, when=nappy.changed_at)


@member_required()
@idempotent
def temperature_list(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    form = TemperatureForm(request.POST or None)
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                celsius = services.read_temperature(data["celsius"], data["unit"])
                made = services.add_temperature(
                    child=child, celsius=celsius, taken_at=data["taken_at"],
                    note=data["note"], user=request.user)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("%(temperature)s kept.")
                                 % {"temperature": measures.temperature(made.celsius)})
                return redirect(child_page_url("health:temperatures", child))
    kept = []
    if child.is_born:
        rows = (Temperature.objects.filter(child=child, household=request.household)
                .select_related("child")[:LIST_LENGTH])
        kept = [{"item": t, "reading": services.temperature_reading(t)} for t in rows]
    return render(request, "health/temperatures.html", {
        "child": child, "children": children, "form": form, "temperatures": kept,
        "latest": kept[0] if kept else None, "born": child.is_born,
        "emergency": crisis.emergency_number(request.household), "fever_threshold": FEVER_C,
        "low_threshold": LOW_C})


@member_required(role=Role.CAREGIVER)
def temperature_edit(request, pk):
    temperature = get_object_or_404(Temperature.objects.select_related("child"), pk=pk,
                                    household=request.household)

    form = TemperatureForm(request.POST or None, temperature=temperature,
                           children=household_children(request))

    def save(t, data, version):
        # The reading is read again only when she changed it: a note or a time changed on
        # a reading from the other unit must not round it (37.89 from °F had become 37.9,
        # and 35.99 could cross 36.0 and lose its call card).
        changed = {"celsius", "unit"} & set(form.changed_data)
        services.update_temperature(
            t, version=version, taken_at=data["taken_at"], note=data["note"],
            celsius=(services.read_temperature(data["celsius"], data["unit"]) if changed
                     else t.celsius),
            child=form.chosen_child())

    return edit_page(
        request, temperature, form,
        save=save, remove=services.delete_temperature, removed=_("Temperature removed."),
        list_url=lambda t: child_page_url("health:temperatures", t.child),
        template="health/temperature_form.html", context={"temperature": temperature},
        what=_("Temperature %(reading)s") % {"reading": measures.temperature(temperature.celsius)},
        when=temperature.taken_at)

"""The medicines page (each medicine with where its schedule stands, a dose logged in one
tap or from earlier), adding and editing a medicine, and editing a dose. The rules are in
services.py; the schedule is read back by schedule.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.children.current import (
    back,
    back_url,
    can_write,
    child_for_write,
    child_page_url,
    current_child,
    household_children,
    remembered_page,
    require_writer,
)
from nestwell.forms import other_babies, ticked, whole_number
from nestwell.journal.timeutil import day_bounds
from nestwell.lib.edit_page import edit_page
from nestwell.lib.undo import take_back
from nestwell.medicines import schedule, services, timeline
from nestwell.medicines.forms import DoseForm, MedicineForm
from nestwell.medicines.models import Dose, Medicine
from nestwell.words import listed

LIST_LENGTH = 50


@member_required()
@idempotent
def medicine_list(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    medicines = list(Medicine.objects.filter(child=child, household=request.household))
    active = [m for m in medicines if not m.stopped]
    form = DoseForm(request.POST or None, medicines=active)
    ask_again = False
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            data = form.cleaned_data
            medicine = next(m for m in active if m.pk == data["medicine"])
            # Asked first, as "Given now" asks: nothing is kept until she says so; and
            # never of a dose that would then be refused (a unit not chosen).
            at = data["given_at"] or timezone.now()
            try:
                services.checked_dose(medicine, at, data["amount"], data["unit"], data["note"],
                                      usual_unit=True)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                question = "" if request.POST.get("again") == "yes" else services.ask_before(
                    medicine, at)
                if question:
                    form.add_error(None, question)
                    ask_again = True
        if form.is_valid():
            try:
                made = services.give(medicine=medicine, user=request.user,
                                     given_at=data["given_at"], amount=data["amount"],
                                     unit=data["unit"], note=data["note"], usual_unit=True)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                _given(request, made)
                return redirect(child_page_url("medicines:list", child))
    now = timezone.now()
    return render(request, "medicines/medicines.html", {
        "child": child, "children": children, "form": form, "born": child.is_born,
        "ask_again": ask_again,
        "statuses": services.shown(services.statuses(active, now), now),
        "stopped": [m for m in medicines if m.stopped],
        "today_rows": _today_rows(request, child) if child.is_born else [],
        # "Given now" from this page says so here, with its Undo (it waited for Today).
        "undo": request.session.pop("undo", None) if request.method == "GET" else None,
        "next_page": "medicines"})


def _today_rows(request, child):
    tz = timezone.get_current_timezone()
    start, end = day_bounds(timezone.localdate(), tz)
    row = timeline.dose_rows(can_write(request))
    return [row(d, tz) for d in timeline.dose_entries(child, start, end)[:LIST_LENGTH]]


def _given(request, dose, undo=False):
    """The dose is kept (said in the Undo toast when ``undo``: a mistaken tap on *Given
    now* is taken back in one more, as a nappy's is); for a spaced medicine, when the next
    fits by her schedule, and a calm word when this one came sooner than it said."""
    medicine = dose.medicine
    kept = _("%(name)s for %(child)s kept at %(time)s.") % {
        "name": medicine.name, "child": dose.child.name,
        "time": measures.clock(timezone.localtime(dose.given_at))}
    if undo:
        request.session["undo"] = {"target": "dose", "id": dose.pk, "text": str(kept)}
    else:
        messages.success(request, kept)
    if not medicine.spaced:
        return
    now = timezone.now()
    earlier = list(medicine.doses.filter(given_at__gte=dose.given_at - schedule.DAY,
                                         given_at__lte=now).exclude(pk=dose.pk)
                   .values_list("given_at", flat=True))
    before = schedule.next_dose(earlier, dose.given_at,
                                         min_hours=medicine.min_hours,
                                         most_per_day=medicine.most_per_day)
    if not before.allowed(dose.given_at):
        messages.warning(request, _(
            "This dose came sooner than the schedule you entered. If you are unsure, check "
            "the label or ask your pharmacist, doctor or health line."))


@member_required(role=Role.CAREGIVER)
@require_POST
@idempotent  # a double tap is one dose
def give_now(request):
    """One tap from Today or the medicines page: the usual dose of this medicine, now."""
    child = child_for_write(request)
    pk = whole_number(request.POST.get("medicine", ""))
    medicine = get_object_or_404(Medicine.objects.select_related("child"), pk=pk,
                                 child=child, household=request.household, stopped=False)
    now = timezone.now()
    status = services.shown(services.statuses([medicine], now), now)[0]
    if request.POST.get("again") != "yes" and services.ask_first(status, now):
        # Nothing kept yet: she sees when it was last given, and by whom, and chooses.
        going_back = (child_page_url("medicines:list", child)
                      if request.POST.get("next") == "medicines" else back_url(request))
        return render(request, "medicines/give_again.html", {
            "status": status, "medicine": medicine, "child": child,
            "given_by": status.last.created_by if status.last else None,
            "next_page": request.POST.get("next", ""), "going_back": going_back,
            # asked from the night screen, the question keeps its dim look
            **({"theme": "night"} if request.POST.get("next") == "night" else {})})
    try:
        made = services.give(medicine=medicine, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        _given(request, made, undo=True)
    if request.POST.get("next") == "medicines":
        return redirect(child_page_url("medicines:list", child))
    return back(request)


@member_required(role=Role.CAREGIVER)
@require_POST
def dose_undo(request, pk):
    """Take back a dose she kept with *Given now*, within the same short while as a nappy
    or a moment; after that, from the dose's own page."""
    dose = get_object_or_404(Dose.objects.select_related("child"), pk=pk,
                             household=request.household, created_by=request.user)
    take_back(request, dose, remove=services.delete_dose, too_late=_(
        "It is too late to undo this; you can still delete it from the medicines page."))
    if request.POST.get("next") == "medicines":
        return redirect(child_page_url("medicines:list", dose.child))
    return back(request)


@member_required(role=Role.PARENT)  # what is given and how often is a parent's to set
@idempotent
def medicine_add(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    others = other_babies(children, child)
    form = MedicineForm(request.POST or None, others=others)
    if request.method == "POST" and form.is_valid():
        babies = ticked(form, child, others)
        try:
            with transaction.atomic():  # for each baby ticked, or for none
                made = [services.add_medicine(child=baby, user=request.user, **_fields(form))
                        for baby in babies][0]
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            names = [baby.name for baby in babies]
            messages.success(request, (_("%(name)s added for %(babies)s.") % {
                "name": made.name, "babies": listed(names)}) if len(names) > 1
                else _("%(name)s added.") % {"name": made.name})
            return redirect(child_page_url("medicines:list", child))
    return render(request, "medicines/medicine_form.html",
                  {"form": form, "child": child, "medicine": None})


def _fields(form):
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data.pop("also_for", None)
    return data


@member_required(role=Role.PARENT)
def medicine_edit(request, pk):
    medicine = get_object_or_404(Medicine.objects.select_related("child"), pk=pk,
                                 household=request.household)
    form = MedicineForm(request.POST or None, medicine=medicine)
    dose_count = medicine.doses.count()
    return edit_page(
        request, medicine, form,
        save=lambda m, data, version: services.update_medicine(
            m, version=version, user=request.user, **_fields(form)),
        remove=services.delete_medicine,
        removed=_("%(name)s removed, with its doses.") % {"name": medicine.name},
        list_url=child_page_url("medicines:list", medicine.child),
        template="medicines/medicine_form.html",
        context={"medicine": medicine, "dose_count": dose_count},
        what=(ngettext("%(name)s, with the %(count)s dose kept",
                       "%(name)s, with the %(count)s doses kept", dose_count)
              % {"name": medicine.name, "count": dose_count}
              if dose_count else medicine.name))


@member_required(role=Role.CAREGIVER)
def dose_edit(request, pk):
    dose = get_object_or_404(Dose.objects.select_related("child", "medicine"), pk=pk,
                             household=request.household)
    return edit_page(
        request, dose, DoseForm(request.POST or None, dose=dose),
        save=lambda d, data, version: services.update_dose(
            d, version=version, given_at=data["given_at"], amount=data["amount"],
            unit=data["unit"], note=data["note"]),
        remove=services.delete_dose, removed=_("Dose removed."),
        list_url=child_page_url("medicines:list", dose.child), template="medicines/dose_form.html",
        context={"dose": dose},
        what=(_("%(medicine)s, %(amount)s") % {"medicine": dose.medicine.name,
                                              "amount": dose.how_much}
              if dose.how_much else dose.medicine.name),
        when=dose.given_at)

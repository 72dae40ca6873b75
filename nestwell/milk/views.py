"""Pumping and the milk store's pages. The rules are in services.py, how long milk keeps in
storage.py."""

import dataclasses
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.children.current import (
    can_write,
    child_page_url,
    current_child,
    household_children,
    remembered_page,
    require_writer,
)
from nestwell.forms import whole_number
from nestwell.journal.timeutil import day_bounds
from nestwell.journal.versioned import is_stale
from nestwell.lib.edit_page import edit_page
from nestwell.milk import colostrum, services, storage, timeline
from nestwell.milk.forms import BagForm, PumpingForm
from nestwell.milk.models import MilkBag, Place, PumpingSession, State
from nestwell.words import in_sentence

LIST_LENGTH = 50
UNDO_KEY = "undo"  # the toast every page with an Undo shows (base.html)
STEP_KEY = "milk_step"  # what the last tap on a bag changed, for its Undo
DAYS = 7


@member_required()
@idempotent
def pumping(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    form = PumpingForm(request.POST or None, store=True)
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                amount = services.read_amount(data["amount"], data["unit"], field="amount")
                made = services.add_session(
                    child=child, user=request.user, started_at=data["started_at"],
                    minutes=data["minutes"], side=data["side"], amount_ml=amount,
                    note=data["note"], store=data.get("store", ""))
            except ValidationError as exc:
                form.add_service_error(_amount_on_form(exc))
            else:
                _session_saved(request, made, data.get("store", ""))
                return redirect(child_page_url("milk:pumping", child))
    kept_here = _kept_here(child)
    return render(request, "milk/pumping.html", {
        "child": child, "children": children, "form": form, "born": child.is_born,
        "kept_here": kept_here, **_before_birth(child),
        "sessions": _recent_rows(request, child) if kept_here else [],
        "days": _days(child) if kept_here else []})


def _kept_here(child):
    """Milk is kept once the baby is here, and from 36 weeks of pregnancy (colostrum)."""
    return child.is_born or colostrum.is_open(child.due_date, timezone.localdate())


def _before_birth(child):
    if child.is_born:
        return {}
    return {"opens_on": colostrum.opens_on(child.due_date), "colostrum_source":
            colostrum.SOURCE}


def _amount_on_form(exc):
    """The services name the amount ``amount_ml``; the form calls it ``amount``."""
    if hasattr(exc, "error_dict") and "amount_ml" in exc.error_dict:
        exc.error_dict["amount"] = exc.error_dict.pop("amount_ml")
    return exc


def _session_saved(request, session, store):
    if store:
        messages.success(request, _("Pumping kept, and %(amount)s put in the store.")
                         % {"amount": measures.volume(session.amount_ml)})
    else:
        messages.success(request, _("Pumping kept."))


def _recent_rows(request, child):
    """The latest sessions as timeline rows (older ones are on the timeline)."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    row = timeline.rows(can_write(request))
    rows = []
    for s in PumpingSession.objects.filter(child=child)[:LIST_LENGTH]:
        made = row(s, tz)
        local = timezone.localtime(s.started_at, tz)
        if local.date() != today:
            # Sessions of three days in one list: a time alone read as today's.
            made = dataclasses.replace(made, clock=measures.at(local, "D j M"))
        rows.append(made)
    return rows


def _days(child):
    """Sessions and ml per day for the last week, today first: one query."""
    from datetime import timedelta

    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    first = today - timedelta(days=DAYS - 1)
    start, _end = day_bounds(first, tz)
    _start, end = day_bounds(today, tz)
    days = {first + timedelta(days=i): {"sessions": 0, "ml": 0} for i in range(DAYS)}
    for at, ml in PumpingSession.objects.filter(
            child=child, started_at__gte=start, started_at__lt=end).values_list(
            "started_at", "amount_ml"):
        day = days.get(timezone.localtime(at, tz).date())
        if day is not None:
            day["sessions"] += 1
            day["ml"] += ml or 0
    return [{"day": d, **days[d]} for d in sorted(days, reverse=True)]


@member_required(role=Role.CAREGIVER)
def pumping_edit(request, pk):
    session = get_object_or_404(PumpingSession.objects.select_related("child"), pk=pk,
                                household=request.household)
    return edit_page(
        request, session, PumpingForm(request.POST or None, session=session),
        save=_save_session, remove=services.delete_session,
        removed=_("Pumping session removed."),
        list_url=child_page_url("milk:pumping", session.child), template="milk/pumping_form.html",
        context={"session": session}, what=_("Pumping session"), when=session.started_at)


def _save_session(session, data, version):
    try:
        services.update_session(
            session, version=version, started_at=data["started_at"], minutes=data["minutes"],
            side=data["side"], note=data["note"],
            amount_ml=services.read_amount(data["amount"], data["unit"], field="amount"))
    except ValidationError as exc:
        raise _amount_on_form(exc) from None


# --- the store -----------------------------------------------------------------------

def use_by_words(bag, now):
    """Calm words for when a bag is best used by: never an alarm."""
    local = timezone.localtime(bag.use_by)
    if bag.use_by <= now:
        return _("Its use-by time (%(when)s) has passed.") % {
            "when": measures.at(local, "j M")}
    if local.date() == timezone.localdate(now):
        return _("Use by %(time)s today") % {"time": measures.clock(local)}
    if bag.place == Place.FREEZER:
        return _("Use by %(day)s") % {"day": measures.day(local, "j M Y")}
    return _("Use by %(when)s") % {"when": measures.at(local, "D j M")}


def _next_places(bag):
    return [(p, label) for p, label in Place.choices if storage.can_move(bag.place, p)]


@member_required()
@idempotent
def store(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        return redirect("journal:home")
    form = BagForm(request.POST or None)
    if request.method == "POST":
        require_writer(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                amount = services.read_amount(data["amount"], data["unit"], field="amount",
                                              required=True)
                services.add_bag(child=child, user=request.user,
                                 expressed_at=data["expressed_at"], amount_ml=amount,
                                 place=data["place"], note=data["note"])
            except ValidationError as exc:
                form.add_service_error(_amount_on_form(exc))
            else:
                messages.success(request, _("%(amount)s kept in the store.")
                                 % {"amount": measures.volume(amount)})
                return redirect(child_page_url("milk:store", child))
    now = timezone.now()
    kept_here = _kept_here(child)
    bags = list(services.kept_bags(child)) if kept_here else []
    # Milk past its use-by is not offered a move: moving it had given it a new use-by
    # (months, in the freezer) and the warning went away.
    kept = [{"bag": b, "use_by": use_by_words(b, now), "passed": b.use_by <= now,
             "moves": [] if b.use_by <= now else _next_places(b)} for b in bags]
    # Twins: the milk pumped while the other twin was on the page is kept under that twin,
    # and this store had said "nothing in the store" with 271 ml kept for her sister.
    others = [c for c in children if c.pk != child.pk]
    elsewhere = services.kept_elsewhere(others) if others else []
    return render(request, "milk/store.html", {
        "child": child, "children": children, "form": form, "born": child.is_born,
        "kept_here": kept_here, **_before_birth(child),
        "kept": kept, "total_ml": sum(b.amount_ml for b in bags), "elsewhere": elsewhere,
        "undo": request.session.pop(UNDO_KEY, None) if request.method == "GET" else None,
        "source": services.guide(request.household).source, "hours": {
            "room": storage.ROOM_HOURS, "fridge": services.fridge_days(request.household),
            "freezer": storage.FREEZER_MONTHS, "thawed": storage.THAWED_HOURS}})


@member_required(role=Role.CAREGIVER)
@require_POST
def bag_action(request, pk):
    """One tap on a bag: move it on (fridge, freezer, thawed), or mark it used or poured
    away. The version shown is sent back, so a tap on an old page changes nothing."""
    bag = get_object_or_404(MilkBag.objects.select_related("child"), pk=pk,
                            household=request.household)
    version = whole_number(request.POST.get("version", "")) or 0
    action = request.POST.get("action", "")
    before = services.step_before(bag)
    amount = measures.volume(bag.amount_ml)
    try:
        if action in (State.USED, State.DISCARDED, State.TO_UNIT):
            services.finish_bag(bag, version=version, state=action)
            said = {State.USED: _("%(amount)s used."),
                    State.DISCARDED: _("%(amount)s poured away."),
                    State.TO_UNIT: _("%(amount)s taken to the unit.")}[action] % {
                        "amount": amount}
        else:
            services.move_bag(bag, version=version, place=action)
            said = (_("%(amount)s thawing in the fridge.") % {"amount": amount}
                    if bag.place == Place.THAWED else _("%(amount)s moved: %(place)s.") % {
                        "amount": amount, "place": in_sentence(Place(bag.place).label)})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        # Said once, in a toast with its Undo: a tap meant for the bag beside it (or
        # "Thaw" for "Used") is taken back in one more, for a short while.
        request.session[UNDO_KEY] = {"target": "bag", "id": bag.pk, "text": said}
        request.session[STEP_KEY] = {"id": bag.pk, "version": bag.version, "before": before,
                                     "at": timezone.now().isoformat()}
    return redirect(child_page_url("milk:store", bag.child))


@member_required(role=Role.CAREGIVER)
@require_POST
def bag_undo(request, pk):
    """Her last tap on a bag, taken back: only the one this session made, only while the
    bag is as that tap left it."""
    bag = get_object_or_404(MilkBag.objects.select_related("child"), pk=pk,
                            household=request.household)
    step = request.session.get(STEP_KEY) or {}
    if step.get("id") != bag.pk:
        messages.error(request, _("There is nothing here to undo."))
        return redirect(child_page_url("milk:store", bag.child))
    try:
        services.undo_step(bag, version=step["version"], before=step["before"],
                           at=datetime.fromisoformat(step["at"]))
    except ValidationError as exc:
        messages.error(request, _("This milk was changed since, so it was left as it is.")
                       if is_stale(exc) else exc.messages[0])
    else:
        del request.session[STEP_KEY]
        messages.success(request, _("Taken back."))
    return redirect(child_page_url("milk:store", bag.child))


@member_required(role=Role.CAREGIVER)
def bag_edit(request, pk):
    bag = get_object_or_404(MilkBag.objects.select_related("child"), pk=pk,
                            household=request.household)
    return edit_page(
        request, bag, BagForm(request.POST or None, bag=bag), save=_save_bag,
        remove=services.delete_bag, removed=_("Removed from the store."),
        list_url=child_page_url("milk:store", bag.child), template="milk/bag_form.html",
        context={"bag": bag, "use_by": use_by_words(bag, timezone.now()) if bag.kept else ""},
        what=_("Milk in the store, %(amount)s") % {"amount": measures.volume(bag.amount_ml)},
        when=bag.expressed_at)


def _save_bag(bag, data, version):
    try:
        services.update_bag(
            bag, version=version, expressed_at=data["expressed_at"], note=data["note"],
            amount_ml=services.read_amount(data["amount"], data["unit"], field="amount",
                                           required=True))
    except ValidationError as exc:
        raise _amount_on_form(exc) from None

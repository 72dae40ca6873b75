"""Views for the baby's cues, the responsive-care summary, and routines."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.care import cues, responsive
from nestwell.care import services as care
from nestwell.care.forms import CueForm, RoutineForm, StepFormSet
from nestwell.care.models import Cue, Routine
from nestwell.care.routines import routines_and_moments, step_plan
from nestwell.children.current import (
    back,
    child_for_write,
    current_child,
    household_children,
    remembered_page,
)
from nestwell.journal.timeutil import day_bounds
from nestwell.journal.versioned import is_stale
from nestwell.lib.ask_first import ask_first
from nestwell.wellbeing.notes import support_after

UNDO_KEY = "undo"
STILL_CRYING = "still"


def _errors(request, exc):
    for message in exc.messages:
        messages.error(request, message)


@member_required()
@require_POST
@idempotent  # a double tap is one tap
def crying(request):
    """One tap: 'Baby is crying'."""
    child = child_for_write(request)
    signal = request.POST.get("signal", "cry")
    try:
        care.start_episode(child=child, user=request.user, signal=signal)
    except ValidationError as exc:
        _errors(request, exc)
    return back(request, child=child)


def _household_cue(request, pk):
    # With its baby: each action goes back to that baby's page.
    return get_object_or_404(Cue.objects.select_related("child"), pk=pk,
                             household=request.household)


@member_required()
@require_POST
def respond(request, pk):
    cue = _household_cue(request, pk)
    try:
        care.respond(cue=cue, user=request.user, way=request.POST.get("way", ""))
    except ValidationError as exc:
        _errors(request, exc)
    return back(request, child=cue.child)


@member_required()
@require_POST
def settle(request, pk):
    cue = _household_cue(request, pk)
    outcome = request.POST.get("outcome", "")
    if outcome == STILL_CRYING:
        # "Still unsettled" on the card means "still crying": the episode stays open.
        if cue.is_open:
            messages.info(request, _("Still crying: the card stays open. Some cries take a "
                                     "long time to ease; it is not your fault. Try something "
                                     "else when you are ready, or ask for a break."))
        else:
            messages.error(request, _("This episode is already closed."))
        return back(request, child=cue.child)
    try:
        cue = care.settle(cue=cue, user=request.user, outcome=outcome)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if cue.moment_id:  # home asks "is the feed still going?" while it runs
            request.session[care.STOP_OFFER_KEY] = cue.moment_id
            # Only "settled" says the baby has settled (Grace had tapped "Stop noting").
            request.session[care.STOP_OFFER_SETTLED_KEY] = cue.outcome == "settled"
        if cue.outcome == "settled":
            messages.success(request, _("Settled. You were there for each other."))
        else:
            messages.success(request, _("Noted. Some cries take a long time to ease; it is "
                                        "not your fault. Ask for a break if you need one."))
    return back(request, child=cue.child)


@member_required()
@require_POST
def not_crying(request, pk):
    """One tap on an episode a listening device heard: it was not crying. It leaves every
    chart and is kept only as feedback for the detector."""
    cue = _household_cue(request, pk)
    try:
        care.not_crying(cue=cue)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Thank you: noted as not crying. It is left out of "
                                    "your charts and helps tune the listening."))
    return back(request, child=cue.child)


@member_required()
@require_POST
def need(request, pk):
    """One optional tap: what the baby seemed to need."""
    cue = _household_cue(request, pk)
    try:
        care.set_need(cue=cue, need=request.POST.get("need", ""))
    except ValidationError as exc:
        _errors(request, exc)
    return back(request, child=cue.child)


@member_required()
@require_POST
@idempotent  # a double tap is one sign noted
def positive(request):
    """One tap for a smile, a coo, a reach; the toast then offers 'I answered'."""
    child = child_for_write(request)
    try:
        cue = care.log_positive(child=child, user=request.user,
                                signal=request.POST.get("signal", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        request.session[UNDO_KEY] = {
            "id": cue.pk, "target": "cue", "action": "unlog",
            "text": _("%(cue)s noted for %(child)s.") % {"cue": cue.signal_label,
                                                         "child": child.name},
            "answer": str(cues.WAYS[cues.ANSWER_IN_KIND.get(cue.signal, "other")]),
        }
    return redirect("journal:home")


@member_required()
@require_POST
def answer(request, pk):
    cue = _household_cue(request, pk)
    care.answer_in_kind(cue=cue, user=request.user)
    messages.success(request, _("Lovely. Answering is how trust grows."))
    return back(request, child=cue.child)


@member_required()
@require_POST
def cue_undo(request, pk):
    cue = _household_cue(request, pk)
    try:
        care.take_back(cue)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Undone."))
    return back(request, child=cue.child)


@member_required(role=Role.CAREGIVER)
def cue_edit(request, pk):
    cue = get_object_or_404(Cue.objects.select_related("child"), pk=pk,
                            household=request.household)
    form = CueForm(request.POST or None, cue=cue, household=request.household)
    if request.method == "POST":
        if "delete" in request.POST:
            question = ask_first(request, child=cue.child, what=cue.signal_label,
                                 when=cue.started_at)
            if question:
                return question
            cue.delete()
            messages.success(request, _("Removed."))
            return redirect(f"{reverse('journal:timeline')}?child={cue.child_id}")
        if form.is_valid():
            data = form.cleaned_data
            note_before = cue.note
            try:
                care.update_cue(
                    cue, version=data["version"] or 0, started_at=data["started_at"],
                    responded_at=data["responded_at"], closed_at=data["closed_at"],
                    outcome=data["outcome"], need=data["need"], intensity=data["intensity"],
                    ways=data["ways"], responder=data["responder"], note=data["note"])
            except ValidationError as exc:
                if is_stale(exc):
                    messages.error(request, exc.messages[0])
                    return redirect("journal:cue_edit", pk=cue.pk)
                form.add_service_error(exc)
            else:
                messages.success(request, _("Saved."))
                if support := support_after(cue.note, note_before,
                                            household=request.household):
                    return support
                day = timezone.localtime(cue.started_at).date().isoformat()
                return redirect(f"{reverse('journal:timeline')}?day={day}&child={cue.child_id}")
    return render(request, "care/cue_form.html", {"form": form, "cue": cue})


PERIODS = (7, 14, 28, 90)


@member_required()
def responsive_care(request):
    """For a period: how quickly crying was answered, how long it lasted, what helped,
    when it clustered, and who answered at night. Never a grade."""
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    try:
        days = int(request.GET.get("days", 14))
    except ValueError:
        days = 14
    days = days if days in PERIODS else 14
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    start, _end = day_bounds(today - timedelta(days=days - 1), tz)
    rows = list(Cue.objects.counted().filter(child=child, started_at__gte=start,
                                   signal__in=cues.DISTRESS)
                .select_related("responder")
                .only("started_at", "responded_at", "closed_at", "outcome", "need", "ways",
                      "responder__display_name"))
    episodes = [responsive.Episode(
        started_at=c.started_at, responded_at=c.responded_at, closed_at=c.closed_at,
        outcome=c.outcome, need=c.need, ways=tuple(c.ways),
        responder=c.responder.display_name if c.responder else "") for c in rows]
    hours = responsive.by_hour((e.started_at for e in episodes), tz)
    helped = responsive.what_helped(episodes)
    positive_count = Cue.objects.counted().filter(child=child, started_at__gte=start,
                                        signal__in=cues.POSITIVE).count()
    night = responsive.night_share(episodes, tz)
    return render(request, "care/responsive_care.html", {
        "children": children, "child": child, "days": days, "periods": PERIODS,
        "count": len(episodes), "response": responsive.response_times(episodes),
        "length": responsive.episode_lengths(episodes),
        "hours": [(h, n, round(n * 10 / max(hours)) if max(hours) else 0)
                  for h, n in enumerate(hours)],
        "busiest": responsive.busiest_hours(hours),
        "helped": [(cues.NEEDS.get(need, need), [
            (cues.WAYS.get(way, way), settled, tried) for way, settled, tried in ways][:4])
            for need, ways in helped.items()],
        # Shared effort, not a scoreboard: who was there, and how often in all.
        "night_names": get_text_list([who if who != "?" else _("someone")
                                      for who, _n in night.most_common()], _("and")),
        "night_total": night.total(),
        # "Taking turns" is said only where more than one person answered at night: to a
        # mother who answered every cry alone it read as a reproach.
        "night_shared": len(night) > 1,
        "positive_count": positive_count,
    })


# --- Routines ---------------------------------------------------------------------

@member_required()
def routines(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        return redirect("journal:home")
    weeks = 4
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    items, moments = routines_and_moments(child, today - timedelta(days=7 * weeks - 1), today)
    summaries = []
    for routine in items:
        steps = step_plan(routine)
        days = []
        since = timezone.localtime(routine.created_at).date()
        for offset in range(7 * weeks - 1, -1, -1):
            day = today - timedelta(days=offset)
            if day < since:
                continue  # the routine did not exist yet: nothing to follow
            day_start, day_end = day_bounds(day, tz)
            nearby = [m for m in moments
                      if day_start - timedelta(hours=3) <= m[1] < day_end + timedelta(hours=3)]
            done = responsive.routine_day(steps, nearby, day, tz)
            days.append((day, sum(1 for d in done if d), len(done)))
        planned = sum(total for _day, _done, total in days)
        happened = sum(done for _day, done, _total in days)
        summaries.append({"routine": routine, "days": days,
                          "percent": round(happened * 100 / planned) if planned else None})
    return render(request, "care/routines.html",
                  {"children": children, "child": child, "summaries": summaries,
                   "weeks": weeks})


@member_required(role=Role.CAREGIVER)
@idempotent
def routine_edit(request, pk=None):
    if pk:
        routine = get_object_or_404(Routine, pk=pk, household=request.household)
        child = routine.child
    else:
        routine = None
        child = child_for_write(request)
    form = RoutineForm(request.POST or None, instance=routine)
    formset = StepFormSet(request.POST or None, instance=routine or Routine(),
                          prefix="steps")
    if request.method == "POST":
        if routine and "delete" in request.POST:
            question = ask_first(request, child=child,
                                 what=_("Routine: %(name)s") % {"name": routine.name})
            if question:
                return question
            routine.delete()
            messages.success(request, _("Routine removed."))
            return redirect(f"{reverse('journal:routines')}?child={child.pk}")
        if form.is_valid() and formset.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.household = request.household
                saved.child = child
                saved.save()
                formset.instance = saved
                steps = formset.save(commit=False)
                for obj in formset.deleted_objects:
                    obj.delete()
                for position, step in enumerate(sorted(
                        steps + [s for s in saved.steps.all() if s not in steps],
                        key=lambda s: s.at)):
                    step.position = position
                    step.routine = saved
                    step.save()
            messages.success(request, _("Routine saved."))
            return redirect(f"{reverse('journal:routines')}?child={child.pk}")
    return render(request, "care/routine_form.html",
                  {"form": form, "formset": formset, "routine": routine, "child": child})

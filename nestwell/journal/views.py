from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required, parent_required
from nestwell.accounts.roles import Role, at_least
from nestwell.journal import cues, services
from nestwell.journal.forms import ChildForm, MomentForm
from nestwell.journal.kinds import BORN, KINDS, PREGNANCY, kinds_for_stage
from nestwell.journal.models import Child, Cue, Moment
from nestwell.journal.rows import timeline_rows
from nestwell.journal.stages import (
    TERM_DAYS,
    age_words,
    corrected_age_days,
    pregnancy_week,
    stage,
)
from nestwell.journal.timeutil import day_bounds
from nestwell.journal.versioned import is_stale

CHILD_KEY = "child_id"
UNDO_KEY = "undo"


def _children(request):
    return list(request.household.children.all())


def _current_child(request, children):
    """The child the parent is looking at: ?child=, else the one chosen last, else the first."""
    wanted = request.GET.get("child") or request.session.get(CHILD_KEY)
    for child in children:
        if str(child.pk) == str(wanted):
            return child
    return children[0] if children else None


def _child_context(child):
    today = timezone.localdate()
    if child is None:
        return {}
    birth = timezone.localtime(child.birth_at).date() if child.birth_at else None
    context = {"stage": stage(birth, child.due_date, today)}
    if birth is None:
        weeks, days = pregnancy_week(child.due_date, today)
        context["stage_label"] = _("Week %(weeks)s+%(days)s of pregnancy") % {
            "weeks": weeks, "days": days}
    else:
        found = ages(child, today)
        context.update(found)
        context["stage_label"] = age_label(*found["real_age"], old=True)
        if found.get("corrected_age"):
            context["corrected_label"] = _("%(age)s corrected") % {
                "age": age_label(*found["corrected_age"])}
        elif "days_to_due" in found:
            context["corrected_label"] = ngettext(
                "due date in %(n)s day", "due date in %(n)s days",
                found["days_to_due"]) % {"n": found["days_to_due"]}
    return context


def ages(child, today):
    """Real age and, for a baby born before 37 weeks, corrected age: (unit, n) pairs."""
    if not child.is_born:
        return {}
    birth = timezone.localtime(child.birth_at).date()
    result = {"real_age": age_words((today - birth).days)}
    gestation = child.gestation_total_days
    if gestation is not None and gestation < TERM_DAYS:
        corrected = corrected_age_days(birth, gestation, today)
        result["corrected_age"] = age_words(corrected) if corrected >= 0 else None
        result["days_to_due"] = max(-corrected, 0)
    return result


def age_label(unit, n, old=False):
    if unit == "days":
        return (ngettext("%(n)s day old", "%(n)s days old", n) if old
                else ngettext("%(n)s day", "%(n)s days", n)) % {"n": n}
    if unit == "weeks":
        return (ngettext("%(n)s week old", "%(n)s weeks old", n) if old
                else ngettext("%(n)s week", "%(n)s weeks", n)) % {"n": n}
    return (ngettext("%(n)s month old", "%(n)s months old", n) if old
            else ngettext("%(n)s month", "%(n)s months", n)) % {"n": n}


def _offer_undo(request, moment, action, text):
    request.session[UNDO_KEY] = {"id": moment.pk, "action": action, "text": str(text)}


def _pop_undo(request):
    return request.session.pop(UNDO_KEY, None)


@member_required()
def home(request):
    children = _children(request)
    child = _current_child(request, children)
    if child is None:
        if request.membership.role == Role.PARENT:
            return redirect("journal:child_add")
        return render(request, "journal/no_child.html")
    group = BORN if child.is_born else PREGNANCY
    start, end = day_bounds(timezone.localdate(), timezone.get_current_timezone())
    today = _day_entries(child, start, end, request.user, limit=50)
    from nestwell.journal.care_views import today_routine_steps

    episode = None
    if child.is_born:
        episode = (Cue.objects.open_distress().filter(child=child)
                   .select_related("responder").first())
    return render(request, "journal/home.html", {
        "episode": episode, "cry_ways": [(w, cues.WAYS[w]) for w in cues.CRY_WAYS],
        "positive_signals": [(s, *cues.SIGNALS[s]) for s in ("smile", "coo", "reach")],
        "routines_today": today_routine_steps(child) if child.is_born else [],
        "children": children, "child": child, **_child_context(child),
        "timers": _running(request),
        "today_rows": timeline_rows(today, _can_write(request)),
        "tile_kinds": kinds_for_stage(group, quick="tile"),
        "chip_kinds": kinds_for_stage(group, quick="chip"),
        "all_kinds": kinds_for_stage(group),
        "undo": _pop_undo(request),
        "recent_birth": child.is_born and timezone.now() - child.birth_at < timedelta(days=7),
        "suggestions": _suggestions(request, child),
    })


def _suggestions(request, child):
    from nestwell.insights.guidance import library
    from nestwell.insights.recent import for_home

    articles = library()
    return [(s, articles.get(s.article)) for s in for_home(child, request.user,
                                                           request.household)]


def _day_entries(child, start, end, user, limit=None):
    """Moments and cues of one child in a window, newest first: two queries."""
    moments = (Moment.objects.alive().readable_by(user)
               .filter(child=child, started_at__gte=start, started_at__lt=end)
               .select_related("actor"))
    cue_rows = Cue.objects.filter(child=child, started_at__gte=start,
                                  started_at__lt=end).select_related("responder")
    if limit:
        moments, cue_rows = moments[:limit], cue_rows[:limit]
    entries = list(moments) + list(cue_rows)
    entries.sort(key=lambda e: (e.started_at, e.pk), reverse=True)
    return entries[:limit] if limit else entries


def _running(request):
    return list(Moment.objects.running().filter(household=request.household)
                .select_related("child", "actor").order_by("started_at"))


@member_required()
def timers(request):
    """The running timers alone, polled by every open device of the household."""
    return render(request, "journal/_timers.html", {"timers": _running(request)})


@member_required()
def timeline(request):
    children = _children(request)
    child = _current_child(request, children)
    if child is None:
        return redirect("journal:home")
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("day", "")) if request.GET.get("day") else today
    except ValueError:
        day = today
    start, end = day_bounds(day, timezone.get_current_timezone())
    moments = _day_entries(child, start, end, request.user)
    return render(request, "journal/timeline.html", {
        "children": children, "child": child, "day": day, "today": today,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < today else None,
        "rows": timeline_rows(moments, _can_write(request)), "undo": _pop_undo(request),
    })


def _can_write(request):
    return at_least(request.membership.role, Role.CAREGIVER)


def _child_for_write(request):
    """The child a write is for. A child id from another household is simply not found."""
    child_id = request.POST.get("child") or request.GET.get("child")
    if child_id:
        return get_object_or_404(Child, pk=child_id if str(child_id).isdigit() else 0,
                                 household=request.household)
    child_id = request.session.get(CHILD_KEY)
    child = request.household.children.filter(pk=child_id).first() if child_id else None
    child = child or request.household.children.first()
    if child is None:
        raise Http404
    return child


def _back(request, default="journal:home"):
    target = request.POST.get("next", "")
    if target in ("home", "timeline", "milestones", "letters", "routines"):
        return redirect(f"journal:{target}")
    return redirect(default)


@member_required()
@require_POST
def quick_log(request):
    """One tap: start a timer for a timed kind, or log an instant moment now."""
    kind = KINDS.get(request.POST.get("kind", ""))
    if kind is None:
        messages.error(request, _("This kind of moment does not exist."))
        return redirect("journal:home")
    child = _child_for_write(request)
    details = {d.name: request.POST.get(d.name) for d in kind.details
               if d.editable and request.POST.get(d.name) not in (None, "")}
    try:
        if kind.timed:
            services.start_timer(child=child, kind=kind.code, user=request.user, details=details)
            messages.success(request, _("%(kind)s timer started for %(child)s.")
                             % {"kind": kind.label, "child": child.name})
        else:
            moment = services.log_moment(child=child, kind=kind.code, user=request.user,
                                         details=details)
            _offer_undo(request, moment, "unlog",
                        _("%(done)s for %(child)s.") % {"done": kind.done_label or kind.label,
                                                        "child": child.name})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("journal:home")


@member_required()
@require_POST
def stop(request, pk):
    moment = get_object_or_404(Moment.objects.alive(), pk=pk, household=request.household)
    kind = KINDS[moment.kind]
    details = {}
    for d in kind.details:
        if not d.editable:
            continue
        if d.type == "bool":
            if d.name in request.POST:
                details[d.name] = request.POST.get(d.name) in ("on", "true", "1", "yes")
        elif request.POST.get(d.name):
            details[d.name] = request.POST.get(d.name)
    try:
        moment = services.stop_timer(moment=moment, details=details)
        messages.success(request, _("%(kind)s saved for %(child)s.")
                         % {"kind": kind.label, "child": moment.child.name})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return _back(request)


@member_required(role=Role.CAREGIVER)
def moment_add(request, kind):
    if kind not in KINDS:
        raise Http404
    child = _child_for_write(request)
    now = timezone.now().replace(second=0, microsecond=0)
    form = MomentForm(request.POST or None, kind=kind, household=request.household,
                      initial={"started_at": now, "actor": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            moment = services.log_moment(
                child=child, kind=kind, user=request.user,
                started_at=form.cleaned_data["started_at"],
                ended_at=form.cleaned_data["ended_at"], actor=form.cleaned_data["actor"],
                details=form.details(), note=form.cleaned_data["note"],
                running=KINDS[kind].timed,
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Saved."))
            day = timezone.localtime(moment.started_at).date().isoformat()
            return redirect(f"{reverse('journal:timeline')}?day={day}&child={child.pk}")
    return render(request, "journal/moment_form.html",
                  {"form": form, "kind": KINDS[kind], "child": child, "adding": True})


@member_required(role=Role.CAREGIVER)
def moment_edit(request, pk):
    moment = get_object_or_404(
        Moment.objects.alive().editable_by(request.user).select_related("child"), pk=pk,
        household=request.household)
    initial = {"started_at": moment.started_at, "ended_at": moment.ended_at,
               "actor": moment.actor_id, "note": moment.note, "version": moment.version,
               **moment.details}
    if moment.is_instant:
        initial["ended_at"] = None
    form = MomentForm(request.POST or None, kind=moment.kind, household=request.household,
                      initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_moment(
                moment, version=form.cleaned_data["version"] or 0, kind=moment.kind,
                started_at=form.cleaned_data["started_at"],
                ended_at=form.cleaned_data["ended_at"], actor=form.cleaned_data["actor"],
                details=form.details(), note=form.cleaned_data["note"],
                running=moment.is_running and moment.kind_spec.timed,
            )
        except ValidationError as exc:
            if is_stale(exc):
                messages.error(request, exc.messages[0])
                if not Moment.objects.alive().filter(pk=pk).exists():  # it was removed
                    return redirect(f"{reverse('journal:timeline')}?child={moment.child_id}")
                return redirect("journal:moment_edit", pk=moment.pk)
            form.add_service_error(exc)
        else:
            messages.success(request, _("Saved."))
            day = timezone.localtime(moment.started_at).date().isoformat()
            return redirect(f"{reverse('journal:timeline')}?day={day}&child={moment.child_id}")
    return render(request, "journal/moment_form.html",
                  {"form": form, "kind": moment.kind_spec, "child": moment.child,
                   "moment": moment})


@member_required(role=Role.CAREGIVER)
def moment_delete(request, pk):
    moment = get_object_or_404(
        Moment.objects.alive().editable_by(request.user).select_related("child"), pk=pk,
        household=request.household)
    if request.method == "POST":
        services.delete_moment(moment)
        _offer_undo(request, moment, "restore", _("%(kind)s removed.")
                    % {"kind": moment.kind_label})
        day = timezone.localtime(moment.started_at).date().isoformat()
        return redirect(f"{reverse('journal:timeline')}?day={day}&child={moment.child_id}")
    return render(request, "journal/moment_delete.html", {"moment": moment})


@member_required()
@require_POST
def moment_undo(request, pk):
    """Undo the last one-tap log (removes it) or the last removal (brings it back)."""
    action = request.POST.get("action")
    try:
        if action == "restore":
            moment = get_object_or_404(Moment.objects.editable_by(request.user), pk=pk,
                                       household=request.household, deleted_at__isnull=False)
            services.restore_moment(moment)
            messages.success(request, _("Brought back."))
        elif action == "unlog":
            moment = get_object_or_404(Moment.objects.alive().editable_by(request.user),
                                       pk=pk, household=request.household)
            if timezone.now() - moment.created_at > services.UNDO_WINDOW:
                raise ValidationError(_("It is too late to undo this; you can still delete "
                                        "it from the timeline."))
            services.delete_moment(moment)
            messages.success(request, _("Undone."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _back(request)


@parent_required
def children(request):
    return render(request, "journal/children.html", {"children": _children(request)})


@parent_required
def child_add(request):
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            child = form.save(commit=False)
            child.household = request.household
            child.save()
        request.session[CHILD_KEY] = child.pk
        messages.success(request, _("%(name)s is added.") % {"name": child.name})
        return redirect("journal:home")
    return render(request, "journal/child_form.html", {"form": form, "adding": True})


@parent_required
def child_edit(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("journal:children")
    return render(request, "journal/child_form.html", {"form": form, "child": child})


@member_required(write_role=Role.VIEWER)
@require_POST
def child_select(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    request.session[CHILD_KEY] = child.pk
    return _back(request)

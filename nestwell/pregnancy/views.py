"""Screens for pregnancy and birth: counting movements, letters to the baby, recording
the birth and its first hour, and kangaroo care for small or early babies."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required, parent_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role, at_least
from nestwell.children.current import can_write, child_context, child_or_404, remembered_page
from nestwell.children.models import Child
from nestwell.journal import services
from nestwell.journal.models import Moment
from nestwell.pregnancy import birth as birth_services
from nestwell.pregnancy import kangaroo, movements
from nestwell.pregnancy import services as pregnancy
from nestwell.pregnancy.forms import BirthForm, FirstHourForm, LetterForm
from nestwell.wellbeing.notes import support_after

HISTORY_DAYS = 14
KANGAROO_DAYS = 14


def _session_view(session, now):
    seconds = int(((session.ended_at or now) - session.started_at).total_seconds())
    summary = movements.summarise(session.details.get("count"), session.details.get("taps"),
                                  seconds)
    local = timezone.localtime(session.started_at)
    return {"moment": session, "summary": summary, "local": local,
            "part": movements.part_of_day(local.hour)}


def _counter_context(request, child):
    session = pregnancy.running_session(child)
    return {"child": child, "session": _session_view(session, timezone.now()) if session
            else None}


@member_required()
def movement_counter(request):
    """Count the baby's movements: one tap each, with how long the first ten took."""
    child, children = child_or_404(request)
    if request.method == "POST":
        if (child.is_born or child.is_remembered
                or not at_least(request.membership.role, Role.CAREGIVER)):
            raise Http404
        try:
            pregnancy.start_counting(child=child, user=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return redirect(f"{request.path}?child={child.pk}")
    # Born: every count of the pregnancy, however long ago (the last days held none).
    # A pregnancy that ended in a loss: every count kept, and nothing more to count.
    since = (child.birth_at - timedelta(weeks=45) if child.is_born
             else timezone.now() - timedelta(weeks=45) if child.is_remembered
             else timezone.now() - timedelta(days=HISTORY_DAYS))
    finished = list(Moment.objects.alive().filter(
        child=child, kind=pregnancy.MOVEMENT, ended_at__isnull=False, started_at__gte=since,
    ).order_by("-started_at")[:100])
    now = timezone.now()
    days = []
    for session in finished:
        view = _session_view(session, now)
        day = view["local"].date()
        if not days or days[-1]["day"] != day:
            days.append({"day": day, "sessions": []})
        days[-1]["sessions"].append(view)
    from nestwell.wellbeing.contacts import MATERNITY, numbers_to_call
    from nestwell.wellbeing.models import ContactRole

    numbers = numbers_to_call(request.user, request.household, MATERNITY)
    return render(request, "pregnancy/movements.html", {
        **_counter_context(request, child), "days": days, "history_days": HISTORY_DAYS,
        "children": children, "maternity_numbers": numbers,
        "has_maternity_unit": any(c.role == ContactRole.MATERNITY_UNIT for c in numbers),
    })


def _session_or_404(request, pk):
    return get_object_or_404(Moment.objects.running(), pk=pk, household=request.household,
                             kind=pregnancy.MOVEMENT)


def _counter_response(request, session):
    child = session.child
    if request.htmx:
        return render(request, "pregnancy/_movement_counter.html",
                      _counter_context(request, child))
    return redirect(f"{reverse('journal:movements')}?child={child.pk}")


@member_required(role=Role.CAREGIVER)
@require_POST
def movement_tap(request, pk):
    session = _session_or_404(request, pk)
    try:
        pregnancy.tap(session)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _counter_response(request, session)


@member_required(role=Role.CAREGIVER)
@require_POST
def movement_untap(request, pk):
    session = _session_or_404(request, pk)
    try:
        pregnancy.untap(session)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _counter_response(request, session)


@member_required(role=Role.CAREGIVER)
@require_POST
def movement_finish(request, pk):
    session = _session_or_404(request, pk)
    try:
        session = pregnancy.finish(session)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        count = session.details.get("count", 0)
        messages.success(request, ngettext("Session saved: %(n)s movement.",
                                           "Session saved: %(n)s movements.", count)
                         % {"n": count})
    return redirect(f"{reverse('journal:movements')}?child={session.child_id}")


@member_required()
@idempotent
def letters(request):
    """Letters to the baby: hers alone unless she shares one with the household."""
    child, children = child_or_404(request)
    form = LetterForm(request.POST or None)
    if request.method == "POST":
        if not at_least(request.membership.role, Role.CAREGIVER):
            raise Http404
        if form.is_valid():
            try:
                services.log_moment(child=child, kind="letter", user=request.user,
                                    note=form.cleaned_data["text"],
                                    details={"shared": form.cleaned_data["shared"]})
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your letter is kept."))
                if support := support_after(form.cleaned_data["text"],
                                            household=request.household):
                    return support
                return redirect(f"{request.path}?child={child.pk}")
    kept = list(pregnancy.letters_for(request.user, request.household)
                .filter(child=child).order_by("-started_at")[:200])
    return render(request, "pregnancy/letters.html", {
        "child": child, "children": children, "form": form, "letters": kept,
    })


@parent_required
def record_birth(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    if child.is_born:
        return redirect("journal:first_hour", pk=child.pk)
    form = BirthForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            birth_services.record_birth(
                child, born_at=data["born_at"], gestation_weeks=data["gestation_weeks"],
                gestation_days=data["gestation_days"], weight_grams=data["weight_grams"],
                notes=data["notes"], neonatal_care=data["neonatal_care"],
                in_unit=data["in_unit"], name=data["name"])
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            request.session["child_id"] = child.pk
            child.refresh_from_db(fields=["name"])
            messages.success(request, _("Welcome, %(name)s.") % {"name": child.name})
            _pregnancy_after_birth(request, child, data["born_at"])
            return redirect("journal:first_hour", pk=child.pk)
    return render(request, "pregnancy/birth.html", {"child": child, "form": form})


# What only pregnancy has: kept after the birth time she gave, it stayed on the newborn's
# days (a birth recorded days later, dated back), mixed with her feeds and nappies.
PREGNANCY_ONLY = ("bump_talk", "bump_music", "movement_count")


def _pregnancy_after_birth(request, child, born_at):
    """Say when entries only pregnancy has are dated after the birth: one query."""
    later = Moment.objects.alive().filter(child=child, kind__in=PREGNANCY_ONLY,
                                          started_at__gt=born_at).count()
    if later:
        messages.warning(request, ngettext(
            "%(n)s entry from pregnancy (talking to the bump, music or a movement count) "
            "is dated after the birth time you gave. If the time is right, you can "
            "delete it from the timeline; if not, the birth time can be changed on "
            "%(name)s's page.",
            "%(n)s entries from pregnancy (talking to the bump, music or movement counts) "
            "are dated after the birth time you gave. If the time is right, you can "
            "delete them from the timeline; if not, the birth time can be changed on "
            "%(name)s's page.", later) % {"n": later, "name": child.name})


@member_required(role=Role.CAREGIVER)
def first_hour(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    if not child.is_born:
        raise Http404
    existing = birth_services.firsts(child)
    form = FirstHourForm(request.POST or None, child=child, household=request.household,
                         user=request.user, existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            birth_services.record_firsts(child, user=request.user, entries=form.entries())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Saved. These moments are on the timeline."))
            return redirect("journal:home")
    return render(request, "pregnancy/first_hour.html",
                  {"child": child, "form": form, "existing": existing})


@member_required()
def kangaroo_care(request):
    """Skin-to-skin hours per day against WHO's eight hours, for small or early babies."""
    child, children = child_or_404(request)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if not child.is_born:
        raise Http404
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    first = today - timedelta(days=KANGAROO_DAYS - 1)
    start = datetime.combine(first, time(), zone)
    rows = Moment.objects.alive().filter(child=child, kind="skin_to_skin",
                                         started_at__lt=timezone.now())
    rows = rows.filter(started_at__gte=start - timedelta(days=1)).values_list(
        "started_at", "ended_at")[:2000]
    days = kangaroo.from_first_logged(kangaroo.daily_minutes(
        list(rows), zone, max(first, timezone.localtime(child.birth_at).date()), today,
        timezone.now()))
    days.reverse()
    # Started and stopped from here too: the hours are counted on this page, and a family in
    # neonatal care looked for the button here.
    writer = can_write(request)
    running = (Moment.objects.running().filter(child=child, kind="skin_to_skin")
               .order_by("started_at").first() if writer else None)
    context = {"child": child, "children": children, "days": days,
               "goal_hours": kangaroo.WHO_HOURS_PER_DAY, "source": kangaroo.WHO_SOURCE,
               "goal_minutes": kangaroo.WHO_HOURS_PER_DAY * 60,
               "eligible": child.born_early_or_small, "can_write": writer,
               "running": running}
    context.update(child_context(child))
    return render(request, "pregnancy/kangaroo.html", context)


from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.models import Household, User
from nestwell.accounts.roles import Role
from nestwell.children.current import (
    back,
    back_to,
    can_write,
    child_context,
    child_for_write,
    current_child,
    household_children,
    remembered_page,
)
from nestwell.children.models import Child
from nestwell.forms import form_refused
from nestwell.journal import contributions, services
from nestwell.journal import night as night_tiles
from nestwell.journal.forms import MomentForm, StopForm
from nestwell.journal.kinds import BORN, KINDS, PREGNANCY, kinds_for_stage
from nestwell.journal.models import Moment
from nestwell.journal.rows import photo_alt, timeline_rows, with_birth
from nestwell.journal.timeutil import day_bounds
from nestwell.journal.versioned import is_stale
from nestwell.lib.statements import Statement
from nestwell.wellbeing.notes import support_after
from nestwell.wellbeing.services import shared_flags

UNDO_KEY = "undo"


def _offer_undo(request, moment, action, text):
    request.session[UNDO_KEY] = {"id": moment.pk, "action": action, "text": str(text)}


def _pop_undo(request):
    return request.session.pop(UNDO_KEY, None)


@member_required()
def home(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        if request.membership.role == Role.PARENT:
            return redirect("journal:child_add")
        return render(request, "children/no_child.html")
    if child.is_remembered:
        # A baby who has died: what was kept, and support; nothing that looks ahead.
        return render(request, "children/remembered.html", {
            "children": children, "child": child, **child_context(child),
            "timers": _running(request, remembered=child),
            # The report opens on the last two weeks of her life, not the two weeks since.
            "report_first": child.died_on - timedelta(days=13)})
    group = BORN if child.is_born else PREGNANCY
    day = timezone.localdate()
    start, end = day_bounds(day, timezone.get_current_timezone())
    found = {}
    today = _day_entries(child, start, end, request.user, limit=DAY_LIMIT, found=found)
    # Read once for the page and lent to the cards that show them too
    # (contributions.today_read): the running timers, the household's children and the
    # day's entries of each kind.
    timers = _running(request)
    contributions.lend(request, contributions.Read(
        child_pk=child.pk, day=day, timers=timers, children=children, entries=found))
    last_side, bottle_only = _feeding_hint(child, timers,
                                           request.membership.role == Role.CAREGIVER)
    extra = {}
    for context in contributions.home_context:
        extra.update(context(request, child))
    return render(request, "journal/home.html", {
        **extra,
        "children": children, "child": child, **child_context(child),
        "timers": timers,
        "today_rows": with_birth(timeline_rows(today, can_write(request)), child, start, end,
                                 request.membership.role == Role.PARENT),
        "tile_kinds": kinds_for_stage(group, quick="tile"),
        # Which side next: not while a feed runs (its own card says which side it is and
        # offers the switch; "the left side was last" read oddly during a left feed). Read
        # either way, so that the page's queries do not depend on what is running.
        "last_side": last_side, "bottle_only": bottle_only,
        "chip_kinds": kinds_for_stage(group, quick="chip"),
        "chip_timers": any(k.timed for k in kinds_for_stage(group, quick="chip")),
        "all_kinds": _with_add_urls(kinds_for_stage(group)),
        "undo": _pop_undo(request),
        # A recent answer about harm in questionnaires shared with the one looking.
        "shared_flags": shared_flags(request.household, request.user),
        "recent_birth": child.is_born and timezone.now() - child.birth_at < timedelta(days=7),
        # In a neonatal unit: Today begins with kangaroo care and her milk (Lena).
        "skin_running": any(t.kind == "skin_to_skin" and t.child_id == child.pk
                            for t in timers),
    })


def _feeding_hint(child, timers, caregiver=False):
    """Which side next (None while a feed runs) and whether the baby is fed from a bottle
    only (then Today offers the bottle, not the two breast tiles): one read. A caregiver
    (a grandmother, a nanny) gives the bottle: she is offered it, and no side; a feed at
    the breast stays hers to log in the full form. The read is made all the same, so the
    page's queries do not depend on who is looking."""
    if not child.is_born:
        return None, False
    side, bottle_only = services.feeding_habit(services.recent_feeds(child),
                                               child.born_to_another)
    if caregiver:
        return None, True
    feeding = any(t.kind == "feeding" and t.child_id == child.pk for t in timers)
    return (None if feeding else side), bottle_only


def _with_add_urls(kinds):
    """Each kind with the address of its form, the address made once for them all."""
    mark = "kind-code"
    url = reverse("journal:moment_add", args=[mark])
    return [(k, url.replace(mark, k.code)) for k in kinds]


def _day_entries(child, start, end, user, limit=None, found=None):
    """Moments and what other apps put on the timeline (cues), of one child in a window,
    newest first: one query for each. ``found`` (a dict), when given, gets each other
    app's entries by model, where ``limit`` did not cut them."""
    entries = _day_read(None, limit)(child=child, user=user, start=start, end=end)
    for model in contributions.timeline_sources:
        rows = _day_read(model, limit)(child=child, start=start, end=end)
        if found is not None and not (limit and len(rows) >= limit):
            found[model] = rows
        entries += rows
    entries.sort(key=lambda e: (e.started_at, e.pk), reverse=True)
    return entries[:limit] if limit else entries


def _day_moments(child, user, start, end, limit=None):
    moments = (Moment.objects.alive().readable_by(user)
               .filter(child=child, started_at__gte=start, started_at__lt=end)
               .select_related("actor", "photo"))
    return moments[:limit] if limit else moments


# The day's entries (Today and the timeline) and the running timers: read on every look
# at Today, and the timers by every open device every 20 seconds, so their SQL is built
# once per connection (lib.statements).
DAY_LIMIT = 50
_DAY_READS = {}  # (None for moments or another app's model, limit): Statement


def _day_read(model, limit):
    """The statement of one child's moments in a window (``model`` None) or of another
    app's entries (``contributions.timeline``), at most ``limit`` of them."""
    statement = _DAY_READS.get((model, limit))
    if statement is None:
        if model is None:
            statement = Statement(
                lambda child, user, start, end: _day_moments(child, user, start, end, limit),
                child=Child, user=User, start=datetime, end=datetime)
        else:
            entries = contributions.timeline_sources[model].entries
            statement = Statement(
                lambda child, start, end: (entries(child, start, end)[:limit] if limit
                                           else entries(child, start, end)),
                child=Child, start=datetime, end=datetime)
        _DAY_READS[(model, limit)] = statement
    return statement


_RUNNING = Statement(
    lambda household, user: (Moment.objects.running().readable_by(user)
                             .filter(household=household)
                             .select_related("child", "actor").order_by("started_at")),
    household=Household, user=User)


def _running(request, remembered=None):
    """The household's running timers, each marked for the card: started on another day
    (show the date), forgotten (ask "still going?") or past the longest a moment lasts.
    A timer left running for a baby who has died is not among them: it is shown on her
    own page only (``remembered``, her), to be ended there."""
    now = timezone.now()
    today = timezone.localdate()
    # Each baby's timers together, the babies in the household's order: switching Ada's
    # feed to the other side starts a new feed, and sorted by start alone her card jumped
    # below Ben's, where the next tap on the top card stopped his feed.
    timers = sorted((t for t in _RUNNING(household=request.household, user=request.user)
                     if (t.child_id == remembered.pk if remembered is not None
                         else not t.child.is_remembered)),
                    key=lambda t: (t.child.created_at, t.child_id))
    for t in timers:
        t.started_today = timezone.localtime(t.started_at).date() == today
        t.forgotten = services.forgotten(t, now)
        t.past_longest = services.past_longest(t, now)
        t.can_switch = (t.kind == "feeding" and not t.past_longest
                        and t.details.get("side") in services.OTHER_SIDE)
        if t.forgotten:
            t.suggested_end = timezone.localtime(
                t.started_at + t.kind_spec.usual_length).strftime("%Y-%m-%dT%H:%M")
    return timers


@member_required()
def timers(request):
    """The running timers alone, polled by every open device of the household."""
    return render(request, "journal/_timers.html", {
        "timers": _running(request), "next_page": back_to(request.GET.get("next"))})


@member_required()
def night(request):
    """The night screen: a dim page of big tiles for what this household logs most, the
    running timers, the crying button and the way to support. Every button posts to the
    same quick-log, stop and crying views as the home page, and comes back here."""
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        return redirect("journal:home")
    if child.is_remembered:  # no tiles for a baby who has died: her page instead
        return remembered_page(child)
    group = BORN if child.is_born else PREGNANCY
    tap = request.GET.get("tap", "")
    rows = night_tiles.recent_rows(child, timezone.now())
    timers = _running(request)
    # A kind already running for this baby is stopped (or switched) on its timer's card
    # above; its tile would only say "already running". The next kinds take its place.
    running = {t.kind for t in timers if t.child_id == child.pk}
    keys = [k for k in night_tiles.choose(rows, group, count=night_tiles.TILE_COUNT
                                          + len(running), first=tap if tap in KINDS else None,
                                          person=request.user.pk,
                                          bottle_first=child.born_to_another)
            if k.partition(":")[0] not in running][:night_tiles.TILE_COUNT]
    contributions.lend(request, contributions.Read(
        child_pk=child.pk, day=timezone.localdate(), timers=timers, children=children))
    extra = {}
    for context in contributions.night_context:
        extra.update(context(request, child))
    return render(request, "journal/night.html", {
        **extra,
        "children": children, "child": child, "theme": "night", "next_page": "night",
        "timers": timers,
        "tiles": night_tiles.tiles(keys, night_tiles.last_side(rows), lead=tap,
                                   rtl=translation.get_language_bidi()),
        "lead": tap if tap in KINDS or tap == "crying" else "",
        "undo": _pop_undo(request),
    })


@member_required()
def timeline(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        return redirect("journal:home")
    today = timezone.localdate()
    try:
        day = date.fromisoformat(request.GET.get("day", "")) if request.GET.get("day") else today
    except ValueError:
        day = today
    if day > today:
        messages.info(request, _("That day has not come yet; here is today."))
        day = today
    first_day = services.earliest_day(child) or today
    if day < first_day:
        messages.info(request, _("That is before %(name)s's story begins; here is its first "
                                 "day.") % {"name": child.name})
        day = first_day
    start, end = day_bounds(day, timezone.get_current_timezone())
    moments = _day_entries(child, start, end, request.user)
    return render(request, "journal/timeline.html", {
        "children": children, "child": child, "day": day, "today": today,
        "previous_day": day - timedelta(days=1) if day > first_day else None,
        "next_day": day + timedelta(days=1) if day < today else None,
        "rows": with_birth(timeline_rows(moments, can_write(request)), child, start, end,
                           request.membership.role == Role.PARENT),
        "undo": _pop_undo(request),
    })


@member_required()
@require_POST
@idempotent  # a double tap is one moment
def quick_log(request):
    """One tap: start a timer for a timed kind, or log an instant moment now."""
    kind = KINDS.get(request.POST.get("kind", ""))
    if kind is None:
        messages.error(request, _("This kind of moment does not exist."))
        return back(request)
    child = child_for_write(request)
    details = {d.name: request.POST.get(d.name) for d in kind.details
               if d.editable and request.POST.get(d.name) not in (None, "")}
    try:
        if kind.timed:
            moment = services.start_timer(child=child, kind=kind.code, user=request.user,
                                          details=details)
            _offer_undo(request, moment, "unlog", _("%(kind)s timer started for %(child)s.")
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
    return back(request)


@member_required()
@require_POST
def stop(request, pk):
    moment = get_object_or_404(Moment.objects.alive().readable_by(request.user), pk=pk,
                               household=request.household)
    kind = KINDS[moment.kind]
    # A timer left running for a baby who has died is ended on her own page: back there,
    # never to her twin's Today (where it is not shown).
    def back_here():
        return (remembered_page(moment.child) if moment.child.is_remembered
                else back(request))

    details = {}
    for d in kind.details:
        if not d.editable:
            continue
        if d.type == "bool":
            if d.name in request.POST:
                details[d.name] = request.POST.get(d.name) in ("on", "true", "1", "yes")
        elif request.POST.get(d.name):
            details[d.name] = request.POST.get(d.name)
    if request.POST.get("amount", "").strip() and "amount_ml" in {d.name for d in kind.details}:
        # A bottle's amount, typed as the timer stops, in the unit she reads.
        ml = measures.typed_volume(request.POST["amount"])
        if ml is None:
            # 5000 is a number: said as what a bottle holds, not "enter a number".
            messages.error(request, _("Enter what the bottle held, as a number of %(unit)s "
                                      "up to %(most)s; the timer is still running.")
                           % {"unit": measures.volume_unit(), "most": measures.volume(1000)})
            return back_here()
        details["amount_ml"] = ml
    form = StopForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return back_here()
    try:
        moment = services.stop_timer(moment=moment, details=details,
                                     ended_at=form.cleaned_data["ended_at"],
                                     drop_if_short=True)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return back_here()
    if moment.deleted_at is not None:
        _offer_undo(request, moment, "restore", services.dropped_words(moment))
    else:
        messages.success(request, _("%(kind)s saved for %(child)s.")
                         % {"kind": kind.label, "child": moment.child.name})
        _small_bottle(request, moment)
    return back_here()


SMALL_BOTTLE_ML = 10
FIRST_DAYS = timedelta(days=4)  # feeds of a few ml are usual in a term baby's first days


def _small_bottle(request, moment):
    """A bottle of a few ml, typed in ml by someone who reads ml, for a baby at home born
    at term: said, as "3" meant 3 fl oz (Dana, in Rachel's household, which reads fl oz,
    kept "3 ml"). Nothing is changed; a small tube feed, a bottle for a baby born early,
    or one in the first days (a few ml is usual then) is not remarked on."""
    details = moment.details or {}
    ml = details.get("amount_ml")
    child = moment.child
    if (moment.kind != "feeding" or details.get("method") != "bottle" or not ml
            or ml >= SMALL_BOTTLE_ML or measures.current().volume != "ml"
            or child.born_early_or_small or child.is_in_unit or child.birth_at is None
            or moment.started_at - child.birth_at < FIRST_DAYS):
        return
    messages.info(request, _("%(amount)s is a very small bottle. If you meant %(n)s fl oz, "
                             "open the feed on the timeline to change it.")
                  % {"amount": measures.volume(ml), "n": ml})


@member_required()
@require_POST
def switch_side(request, pk):
    """One tap on a running breastfeed: the other side."""
    moment = get_object_or_404(Moment.objects.alive(), pk=pk, household=request.household)
    try:
        started = services.switch_side(moment=moment, user=request.user, details={
            "eye_contact": True} if request.POST.get("eye_contact") else None)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Now on the %(side)s side.")
                         % {"side": SIDE_WORDS[started.details["side"]]})
    return back(request)


SIDE_WORDS = services.SIDE_WORDS



@member_required(role=Role.CAREGIVER)
@idempotent
def moment_add(request, kind):
    if kind not in KINDS:
        raise Http404
    child = child_for_write(request)
    now = timezone.now().replace(second=0, microsecond=0)
    initial = {"started_at": now, "actor": request.user}
    # "Tube feed" on a baby in a neonatal unit's card opens the feed form with it chosen
    # (only that: solids asked for in the address would be offered to a newborn).
    if kind == "feeding" and request.GET.get("method") == "tube":
        initial["method"] = "tube"
    # Twins: the baby is chosen on the form too (at 3 a.m. the wrong one was a trip back
    # to Today), among those at the same stage (a feed is not for the one on the way).
    form = MomentForm(request.POST or None, kind=kind, household=request.household,
                      initial=initial, adding=True,
                      child=child, children=[c for c in household_children(request)
                                             if c.is_born == child.is_born])
    if request.method == "POST" and form.is_valid():
        try:
            moment = services.log_moment(
                child=child, kind=kind, user=request.user,
                started_at=form.cleaned_data["started_at"],
                ended_at=form.cleaned_data["ended_at"], actor=form.cleaned_data["actor"],
                outside=form.cleaned_data["actor"] is None,
                details=form.details(), note=form.cleaned_data["note"],
                running=KINDS[kind].timed,
            )
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Saved."))
            _small_bottle(request, moment)
            if support := support_after(moment.note, household=request.household):
                return support
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
                      initial=initial, child=moment.child,
                      children=household_children(request))
    if request.method == "POST" and form.is_valid():
        was_for, note_before = moment.child, moment.note
        try:
            moment = services.update_moment(
                moment, version=form.cleaned_data["version"] or 0, kind=moment.kind,
                started_at=form.cleaned_data["started_at"],
                ended_at=form.cleaned_data["ended_at"], actor=form.cleaned_data["actor"],
                details=form.details(), note=form.cleaned_data["note"],
                running=moment.is_running and moment.kind_spec.timed,
                child=form.chosen_child(),
            )
        except ValidationError as exc:
            if is_stale(exc):
                messages.error(request, exc.messages[0])
                form_refused(form)  # its words are read all the same (wellbeing.notes)
                if not Moment.objects.alive().filter(pk=pk).exists():  # it was removed
                    return redirect(f"{reverse('journal:timeline')}?child={moment.child_id}")
                return redirect("journal:moment_edit", pk=moment.pk)
            form.add_service_error(exc)
        else:
            if moment.child_id != was_for.pk:
                messages.success(request, _("Saved, and moved to %(name)s.")
                                 % {"name": moment.child.name})
            else:
                messages.success(request, _("Saved."))
            if support := support_after(moment.note, note_before,
                                        household=request.household):
                return support
            day = timezone.localtime(moment.started_at).date().isoformat()
            return redirect(f"{reverse('journal:timeline')}?day={day}&child={moment.child_id}")
    return render(request, "journal/moment_form.html",
                  {"form": form, "kind": moment.kind_spec, "child": moment.child,
                   "moment": moment,
                   "photo_alt": photo_alt(str(moment.kind_label), moment.note)})


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
    return back(request)

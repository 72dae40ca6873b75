"""The dashboard: today at a glance and the last 7 or 30 days in charts."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.care.models import Cue
from nestwell.care.routines import today_routine_steps
from nestwell.children.current import child_context, current_child, household_children
from nestwell.insights import analytics, charts
from nestwell.insights.models import Prefs, PutAway
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment
from nestwell.wellbeing.models import CheckIn, ScreeningResponse

PERIODS = (7, 30)
PUT_AWAY_DAYS = 7
CHART_CACHE_SECONDS = 6 * 3600
WEEKDAYS = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _window(days):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    bounds = analytics.day_bounds(first, days, zone)
    return zone, first, bounds[0], bounds[-1]


def _labels(first, days):
    return [formats.date_format(first + timedelta(days=i), "j M") for i in range(days)]


def bonding_chart(child, days, user, now):
    zone, first, start, end = _window(days)
    rows = (Moment.objects.alive().readable_by(user)
            .filter(child=child, started_at__gte=start - timedelta(days=1), started_at__lt=end)
            .values_list("kind", "started_at", "ended_at"))
    spans = [analytics.Span(kind, s, e) for kind, s, e in rows]
    minutes = analytics.minutes_by_day_and_kind(spans, zone, first, days, now)
    kinds = analytics.top_kinds(minutes)
    series = [(str(KINDS[k].label), minutes[k]) for k in kinds if k in KINDS]
    total = sum(sum(v) for v in minutes.values())
    description = _("Minutes of time together each day over the last %(n)s days, stacked by "
                    "kind. %(total)s minutes in all.") % {"n": days, "total": total}
    svg = charts.stacked_minutes(_("Time together, minutes a day"), _labels(first, days),
                                 series, description, "chart-bonding") if series else ""
    return svg, spans, total


def punch_chart(times, title, what, chart_id):
    grid = analytics.weekday_hour_grid(times, timezone.get_current_timezone())
    busiest = max(((sum(row[h] for row in grid), h) for h in range(24)), default=(0, 0))
    description = _("How often %(what)s happened in each hour of each weekday. The busiest "
                    "hour was %(hour)02d:00.") % {"what": what, "hour": busiest[1]}
    if not any(any(row) for row in grid):
        return ""
    return charts.punchcard(title, grid, [str(d) for d in WEEKDAYS], description, chart_id)


@member_required()
def dashboard(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        raise Http404
    try:
        days = int(request.GET.get("days", 7))
    except ValueError:
        days = 7
    days = days if days in PERIODS else 7
    now = timezone.now()
    zone, first, start, end = _window(days)
    drawn = _drawn_charts(request, child, days, now)
    latest = {}
    for kind in ("feeding", "skin_to_skin"):
        found = (Moment.objects.alive().filter(child=child, kind=kind)
                 .order_by("-started_at").values_list("started_at", "details").first())
        if found:
            latest[kind] = found
    glance = analytics.glance(latest)
    context = {
        "child": child, "children": children, "days": days, "periods": PERIODS,
        "glance": glance, "now": now, **drawn,
        "timers": _timers(child),
        "screenings": _screenings(request),
        "routines_today": today_routine_steps(child) if child.is_born else [],
        **child_context(child),
    }
    return render(request, "insights/dashboard.html", context)


def _timers(child):
    """The running timers, oldest first. The household (and no ORDER BY in SQL) lets the
    database use the small index of running timers ("moment_running"); by the child
    alone, or sorted by time, it walks the whole history to find the few rows."""
    running = Moment.objects.running().filter(household_id=child.household_id,
                                              child=child).order_by()
    return sorted(running, key=lambda m: (m.started_at, m.pk))


def _moments_stamp(child, start):
    """When the moments in the window last changed: bounded by the window (never the whole
    history). It counts them, and those still there (a removal only sets ``deleted_at``),
    and takes the latest change and removal: a moment edited out of the window lowers the
    count; one edited or added into it raises the latest change."""
    return Moment.objects.filter(child=child, started_at__gte=start - timedelta(days=1)
                                 ).aggregate(n=Count("pk"),
                                             alive=Count("pk", filter=Q(deleted_at__isnull=True)),
                                             at=Max("updated_at"), gone=Max("deleted_at"))


def _cues_stamp(child, start):
    return Cue.objects.filter(child=child, started_at__gte=start).aggregate(
        n=Count("pk"), at=Max("updated_at"))


def _checkins_stamp(request, start):
    return CheckIn.objects.filter(household=request.household, author=request.user,
                                  created_at__gte=start).aggregate(n=Count("pk"),
                                                                   at=Max("created_at"))


def _kept(name, base, stamp, draw):
    """``draw()``, kept in the cache under what it depends on (``stamp``)."""
    key = f"dash-{name}:" + hashlib.sha256(f"{base}:{stamp}".encode()).hexdigest()
    drawn = cache.get(key)
    if drawn is None:
        drawn = draw()
        cache.set(key, drawn, CHART_CACHE_SECONDS)
    return drawn


def _drawn_charts(request, child, days, now):
    """The charts of the dashboard. Drawing them costs far more than reading the data, so
    they are kept in the cache until something they show changes (or the day turns). Each
    group has its own key, so a new moment redraws the moment charts only, not the crying
    charts or her own."""
    zone, first, start, end = _window(days)
    base = (f"{child.pk}:{request.user.pk}:{days}:{timezone.localdate()}:"
            f"{translation.get_language()}")

    def moment_charts():
        bonding_svg, spans, total = bonding_chart(child, days, request.user, now)
        moment_svg = punch_chart([s.started_at for s in spans if s.started_at >= start],
                                 _("When moments happened"), _("a moment"), "chart-moments")
        return {"bonding_svg": bonding_svg, "moment_svg": moment_svg, "total_minutes": total}

    def crying_charts():
        cue_rows = list(Cue.objects.filter(child=child, started_at__gte=start,
                                           started_at__lt=end, signal__in=("cry", "fuss"))
                        .values_list("started_at", "responded_at"))
        crying_svg = punch_chart([s for s, _r in cue_rows], _("When crying happened"),
                                 _("crying"), "chart-crying")
        medians = analytics.median_response_by_day(cue_rows, zone, first, days)
        response_svg = ""
        if any(m is not None for m in medians):
            response_svg = charts.lines(
                _("Minutes until a cry was answered"), _labels(first, days),
                [(_("Median minutes"), medians)],
                _("The middle time from the start of crying to the first answer, for each "
                  "day with crying."), "chart-response")
        return {"crying_svg": crying_svg, "response_svg": response_svg,
                "crying_count": len(cue_rows)}

    return {
        **_kept("m", base, _moments_stamp(child, start), moment_charts),
        **_kept("c", base, _cues_stamp(child, start), crying_charts),
        **_kept("h", base, _checkins_stamp(request, start),
                lambda: _her_own(request, first, days, start)),
    }


def _her_own(request, first, days, start):
    """Her check-ins, for her eyes only."""
    checkins = list(CheckIn.objects.filter(household=request.household, author=request.user,
                                           created_at__gte=start).order_by("created_at"))
    if not checkins:
        return {"wellbeing_svg": ""}
    zone = timezone.get_current_timezone()
    by_day = {}
    for c in checkins:
        by_day[(timezone.localtime(c.created_at, zone).date() - first).days] = c
    def pick(field):
        return [getattr(by_day[i], field) if i in by_day else None for i in range(days)]
    sleep = [float(v) if v is not None else None for v in pick("sleep_hours")]
    svg = charts.lines(
        _("Your check-ins"), _labels(first, days),
        [(_("Mood (1–5)"), pick("mood")), (_("Felt close to your baby (1–5)"),
                                          pick("connection")),
         (_("Hours of sleep"), sleep)],
        _("Your mood and how close you felt to your baby, from 1 to 5, and your hours of "
          "sleep, for each day you checked in."), "chart-wellbeing", range_=(0, 12))
    return {"wellbeing_svg": svg}


def _screenings(request):
    """Her latest questionnaires (a few rows, read fresh rather than kept with the charts)."""
    return list(ScreeningResponse.objects.filter(
        household=request.household, author=request.user).order_by("-created_at")[:8])


# --- Guidance and suggestions --------------------------------------------------------

STAGE_NAMES = {"pregnancy": _("In pregnancy"), "newborn": _("The first weeks"),
               "early_months": _("The early months"), "first_year": _("The first year"),
               "beyond": _("After the first year")}


@member_required()
def guidance_list(request):
    from nestwell.insights import guidance

    child = current_child(request, household_children(request))
    stage = child_context(child).get("stage") if child else None
    articles = list(guidance.library().values())
    fitting = [a for a in articles if stage in a.stages] if stage else articles
    others = [a for a in articles if a not in fitting]
    return render(request, "insights/guidance_list.html", {
        "fitting": fitting, "others": others, "stage_name": STAGE_NAMES.get(stage, ""),
        "not_advice": guidance.NOT_ADVICE})


@member_required()
def guidance_article(request, slug):
    from nestwell.insights import guidance

    article = guidance.library().get(slug)
    if article is None:
        raise Http404
    return render(request, "insights/guidance_article.html", {
        "article": article, "not_advice": guidance.NOT_ADVICE})


@member_required(write_role=Role.VIEWER)
@require_POST
def put_away(request, code):
    from nestwell.insights import suggestions

    if code not in suggestions.CODES:
        raise Http404
    PutAway.objects.update_or_create(
        user=request.user, household=request.household, code=code,
        defaults={"until": timezone.localdate() + timedelta(days=PUT_AWAY_DAYS)})
    messages.success(request, _("Put away for a week."))
    return redirect("journal:home")


@member_required(write_role=Role.VIEWER)
@require_POST
def suggestions_switch(request):
    on = request.POST.get("on") == "1"
    Prefs.objects.update_or_create(user=request.user, household=request.household,
                                   defaults={"suggestions": on})
    messages.success(request, _("Suggestions are on.") if on else
                     _("Suggestions are off. You can turn them on again in the guidance "
                       "library."))
    return redirect(request.POST.get("next") if request.POST.get("next") in (
        "/", "/guidance/") else "/")


@member_required(write_role=Role.VIEWER)
def week_page(request):
    from nestwell.insights import week

    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        raise Http404
    prefs, _created = Prefs.objects.get_or_create(user=request.user,
                                                  household=request.household)
    if request.method == "POST":
        prefs.weekly_email = request.POST.get("weekly_email") == "1"
        prefs.save(update_fields=["weekly_email"])
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?child={child.pk}")
    return render(request, "insights/week.html", {
        "child": child, "children": children, "prefs": prefs,
        "lines": week.lines(week.gather(child, request.user)),
        "email_configured": getattr(settings, "EMAIL_CONFIGURED", False)})

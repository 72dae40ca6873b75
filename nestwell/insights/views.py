"""The dashboard: today at a glance and the last 7 or 30 days in charts."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.models import Household, User
from nestwell.accounts.roles import Role
from nestwell.care.routines import today_routine_steps
from nestwell.children.current import (
    child_context,
    current_child,
    household_children,
    remembered_page,
)
from nestwell.children.models import Child
from nestwell.insights import analytics
from nestwell.insights import dashboard as dashboard_charts
from nestwell.insights.models import Prefs, PutAway
from nestwell.journal.models import Moment
from nestwell.lib.statements import Statement
from nestwell.medicines import services as medicine_services
from nestwell.wellbeing.models import ScreeningResponse

PERIODS = (7, 30)
PUT_AWAY_DAYS = 7

NOT_ADVICE = gettext_noop("This is general information, not medical advice. Your midwife, "
                          "health visitor or doctor knows you and your baby, and is the one "
                          "to ask.")


# The dashboard's own reads, built once per connection (lib.statements).
_LATEST = Statement(lambda child, kind: Moment.objects.alive().filter(child=child, kind=kind)
                    .order_by("-started_at").values_list("started_at", "details",
                                                         "ended_at")[:1],
                    child=Child, kind=str)
_RUNNING = Statement(lambda household, child, user: Moment.objects.running().readable_by(user)
                     .filter(household_id=household, child=child).order_by(),
                     household=int, child=Child, user=User)
_SCREENINGS = Statement(lambda household, user: ScreeningResponse.objects.filter(
    household=household, author=user).order_by("-created_at")[:8],
    household=Household, user=User)


@member_required()
def dashboard(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        raise Http404
    try:
        days = int(request.GET.get("days", 7))
    except ValueError:
        days = 7
    days = days if days in PERIODS else 7
    now = timezone.now()
    drawn = dashboard_charts.drawn_charts(request, child, days, now)
    latest = {}
    for kind in ("feeding", "skin_to_skin"):
        found = _LATEST(child=child, kind=kind)
        if found:
            latest[kind] = found[0]
    glance = analytics.glance(latest)
    context = {
        "child": child, "children": children, "days": days, "periods": PERIODS,
        "glance": glance, "now": now, **drawn,
        "timers": _timers(child, request.user),
        "screenings": _screenings(request),
        "routines_today": today_routine_steps(child) if child.is_born else [],
        "nappy_days": _nappy_days(child, days) if child.is_born else [],
        "medicines": medicine_services.glance(child, now) if child.is_born else [],
        **child_context(child),
    }
    return render(request, "insights/dashboard.html", context)


def _nappy_days(child, days):
    """Nappies per day over the period, newest first (one query); [] when none were kept."""
    from nestwell.insights import visit

    zone, first, start, end = dashboard_charts.window(days)
    counts = visit.care_day(child, start, end, first, days, zone, temperatures=False)["days"]
    if not any(d["total"] for d in counts):
        return []
    # Not the days before she was born ("none kept" on each, for a baby born today), nor,
    # for a baby born to someone else, those before he came to her (Rachel: Eli at three
    # weeks).
    since = timezone.localtime(child.birth_at, zone).date()
    if child.born_to_another and child.home_on:
        since = max(since, child.home_on)
    return [{"day": first + timedelta(days=i), **d} for i, d in enumerate(counts)
            if first + timedelta(days=i) >= since][::-1]


def _timers(child, user):
    """The running timers, oldest first. The household (and no ORDER BY in SQL) lets the
    database use the small index of running timers ("moment_running_time"); by the child
    alone, or sorted by time, it walks the whole history to find the few rows."""
    running = _RUNNING(household=child.household_id, child=child, user=user)
    return sorted(running, key=lambda m: (m.started_at, m.pk))


def _screenings(request):
    """Her latest questionnaires (a few rows, read fresh rather than kept with the charts)."""
    return _SCREENINGS(household=request.household, user=request.user)


# --- Guidance and suggestions --------------------------------------------------------

# Lazy: read in the language of each page, not the one in use when the module was loaded.
STAGE_NAMES = {"pregnancy": gettext_lazy("In pregnancy"),
               "newborn": gettext_lazy("The first weeks"),
               "early_months": gettext_lazy("The early months"),
               "first_year": gettext_lazy("The first year"),
               "beyond": gettext_lazy("After the first year")}


@member_required()
def guidance_list(request):
    from nestwell.insights import guidance

    child = current_child(request, household_children(request))
    stage = child_context(child).get("stage") if child else None
    articles = list(guidance.library(get_language()).values())
    fitting = [a for a in articles if stage in a.stages] if stage else articles
    others = [a for a in articles if a not in fitting]
    return render(request, "insights/guidance_list.html", {
        "fitting": fitting, "others": others, "stage_name": STAGE_NAMES.get(stage, ""),
        "not_advice": _(NOT_ADVICE)})


@member_required()
def guidance_article(request, slug):
    from nestwell.insights import guidance

    article = guidance.library(get_language()).get(slug)
    if article is None:
        raise Http404
    return render(request, "insights/guidance_article.html", {
        "article": article, "not_advice": _(NOT_ADVICE)})


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
    from nestwell.insights import week, weekly

    children = household_children(request)
    child = current_child(request, children)
    if child is not None and child.is_remembered:
        return remembered_page(child)  # her own page: day-to-day care is over
    if child is None:
        raise Http404
    prefs, _created = Prefs.objects.get_or_create(user=request.user,
                                                  household=request.household)
    if request.method == "POST":
        prefs.weekly_email = request.POST.get("weekly_email") == "1"
        prefs.save(update_fields=["weekly_email"])
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?child={child.pk}")
    gathered = week.gather(child, request.user)
    return render(request, "insights/week.html", {
        "child": child, "children": children, "prefs": prefs,
        "lines": week.lines(gathered),
        "offer_support": weekly.self_care_code(gathered) == "support",
        "email_configured": getattr(settings, "EMAIL_CONFIGURED", False)})

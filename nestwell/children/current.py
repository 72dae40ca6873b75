"""The child a page is about, shared by every app's views: the household's children, the
one being looked at, her age in words, the child a write is for, who may write, and the
"back" redirect after a one-tap action."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts.measures import day as day_words
from nestwell.accounts.models import Household
from nestwell.accounts.roles import Role, at_least
from nestwell.children.models import Child
from nestwell.children.stages import (
    REMEMBERED,
    TERM_DAYS,
    age_words,
    birthday,
    corrected_age_days,
    pregnancy_week,
    stage,
)
from nestwell.forms import whole_number
from nestwell.lib.statements import Statement

CHILD_KEY = "child_id"

# Where a one-tap action may send the person back to (?next=), as URL names.
BACK_TO = {"home": "journal:home", "timeline": "journal:timeline",
           "milestones": "journal:milestones", "growth": "journal:growth",
           "letters": "journal:letters",
           "routines": "journal:routines", "night": "journal:night",
           "nappies": "health:nappies", "temperatures": "health:temperatures",
           "pumping": "milk:pumping", "milk": "milk:store",
           "medicines": "medicines:list", "keepsake": "keepsake:page",
           "kangaroo": "journal:kangaroo", "movements": "journal:movements",
           "care": "journal:responsive_care", "insights": "insights:dashboard",
           "report": "insights:report", "week": "insights:week",
           "protocol": "insights:protocol"}


# Read on nearly every page: built once per connection (lib.statements).
_CHILDREN = Statement(lambda household: Child.objects.filter(household=household),
                      household=Household)


def household_children(request):
    """The household's children, in their order, each holding the household as
    ``request.household.children.all()`` gives them."""
    children = _CHILDREN(household=request.household)
    for child in children:
        child.household = request.household
    return children


def child_or_404(request):
    """The baby being looked at, and all the household's babies (for the switcher); 404
    for a household without one."""
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        raise Http404
    return child, children


def current_child(request, children):
    """The child the parent is looking at: ?child=, else the one chosen last, else the
    first baby still looked ahead for. A baby who has died is opened by ?child= only: the
    choice kept for the next visit (the home screen, the night screen) is a baby here."""
    asked = request.GET.get("child")
    kept = request.session.get(CHILD_KEY)
    for child in children:
        if str(child.pk) == str(asked) or (
                not asked and str(child.pk) == str(kept) and not child.is_remembered):
            return child
    for child in children:
        if not child.is_remembered:
            return child
    return children[0] if children else None


def child_context(child):
    today = timezone.localdate()
    if child is None:
        return {}
    birth = timezone.localtime(child.birth_at).date() if child.birth_at else None
    if child.is_remembered:
        return {"stage": REMEMBERED, "stage_label": remembered_label(child, birth)}
    context = {"stage": stage(birth, child.due_date, today)}
    if birth is None:
        weeks, days = pregnancy_week(child.due_date, today)
        context["stage_label"] = _("Week %(weeks)s+%(days)s of pregnancy") % {
            "weeks": weeks, "days": days}
    else:
        found = ages(child, today)
        context.update(found)
        context["stage_label"] = age_label(*found["real_age"], old=True)
        context["birthday"] = birthday(birth, today)
        if found.get("corrected_age"):
            context["corrected_label"] = _("%(age)s corrected") % {
                "age": age_label(*found["corrected_age"])}
        elif "days_to_due" in found:
            context["corrected_label"] = ngettext(
                "due date in %(n)s day", "due date in %(n)s days",
                found["days_to_due"]) % {"n": found["days_to_due"]}
    return context


def remembered_label(child, birth):
    """The dates of a baby who has died: no age, no weeks counted on."""
    died = day_words(child.died_on, "j F Y")
    if birth is None:
        # The weeks, when the due date gives them: many parents keep them ("at 20 weeks").
        weeks = (pregnancy_week(child.due_date, child.died_on)[0]
                 if child.due_date is not None else 0)
        if weeks:
            return ngettext("Died in pregnancy at %(weeks)s week, %(died)s",
                            "Died in pregnancy at %(weeks)s weeks, %(died)s", weeks) % {
                "weeks": weeks, "died": died}
        return _("Died in pregnancy, %(died)s") % {"died": died}
    if birth == child.died_on:
        return _("Born and died %(died)s") % {"died": died}
    return _("Born %(born)s, died %(died)s") % {"born": day_words(birth, "j F Y"),
                                                "died": died}


def ages(child, today):
    """Real age and, for a baby born before 37 weeks, corrected age: (unit, n) pairs."""
    if not child.is_born:
        return {}
    birth = timezone.localtime(child.birth_at).date()
    result = {"real_age": age_words((today - birth).days, birth, today)}
    gestation = child.gestation_total_days
    if gestation is not None and gestation < TERM_DAYS:
        corrected = corrected_age_days(birth, gestation, today)
        due = today - timedelta(days=corrected)  # the day a baby born at term would have come
        result["corrected_age"] = age_words(corrected, due, today) if corrected >= 0 else None
        result["days_to_due"] = max(-corrected, 0)
    return result


def age_label(unit, n, old=False):
    if unit == "days":
        if old and n == 0:
            return _("Born today")  # "0 days old" on the day of the birth
        return (ngettext("%(n)s day old", "%(n)s days old", n) if old
                else ngettext("%(n)s day", "%(n)s days", n)) % {"n": n}
    if unit == "weeks":
        return (ngettext("%(n)s week old", "%(n)s weeks old", n) if old
                else ngettext("%(n)s week", "%(n)s weeks", n)) % {"n": n}
    return (ngettext("%(n)s month old", "%(n)s months old", n) if old
            else ngettext("%(n)s month", "%(n)s months", n)) % {"n": n}


def can_write(request):
    return at_least(request.membership.role, Role.CAREGIVER)


def require_writer(request):
    """A viewer (or a lower role) sending a form that writes gets 403."""
    if not can_write(request):
        raise PermissionDenied


def child_page_url(name, child):
    """The page ``name`` (a URL name) opened on ``child``."""
    return f"{reverse(name)}?child={child.pk}"


def child_for_write(request):
    """The child a write is for. A child id from another household is simply not found."""
    child_id = request.POST.get("child") or request.GET.get("child")
    if child_id:
        return get_object_or_404(Child, pk=whole_number(str(child_id)) or 0,
                                 household=request.household)
    child_id = request.session.get(CHILD_KEY)
    child = request.household.children.filter(pk=child_id).first() if child_id else None
    child = child or request.household.children.first()
    if child is None:
        raise Http404
    return child


def back_to(name):
    """``name`` if a one-tap action may send the person back there, else "home"."""
    return name if name in BACK_TO else "home"


def back_url(request, default="journal:home", child=None):
    """Where a form sent from another page goes back to (its ``next``), as a URL; opened
    on ``child`` when the tap was for a baby (every page of ``BACK_TO`` takes one)."""
    url = resolve_url(BACK_TO.get(request.POST.get("next", ""), default))
    return f"{url}?child={child.pk}" if child is not None else url


def back(request, default="journal:home", child=None):
    return redirect(back_url(request, default, child))


def remembered_page(child):
    """A baby who has died, opened on a page of day-to-day care (nappies, medicines,
    pumping, kangaroo care, the week, how it's going): her own page instead, with what
    was kept."""
    return redirect(f"{reverse('journal:home')}?child={child.pk}")

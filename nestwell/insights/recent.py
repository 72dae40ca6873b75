"""Gathering the last seven days for the suggestion rules: a few bounded queries."""

from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language

from nestwell.accounts.models import Household, User
from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.children.stages import stage as stage_of
from nestwell.insights import suggestions
from nestwell.insights.models import Prefs, PutAway
from nestwell.journal.models import Moment
from nestwell.lib.statements import Statement
from nestwell.wellbeing.models import CheckIn

WINDOW = timedelta(days=7)


# Today asks for her week on every look: these reads are built once per connection
# (lib.statements).
_LAST_SKIN = Statement(
    lambda child: Moment.objects.alive().filter(child=child, kind="skin_to_skin")
    .order_by("-started_at").values_list("started_at", flat=True)[:1], child=Child)
_CRIES = Statement(
    lambda child, since: Cue.objects.counted().filter(
        child=child, signal__in=("cry", "fuss"), started_at__gte=since)
    .values_list("started_at", flat=True), child=Child, since=datetime)
_CHECKINS = Statement(
    lambda user, household, since: CheckIn.objects.filter(
        household=household, author=user, created_at__gte=since)
    .values_list("mood", "sleep_hours", "support", "connection"),
    user=User, household=Household, since=datetime)
_PREFS = Statement(
    lambda user, household: Prefs.objects.filter(user=user, household=household)
    .order_by("pk")[:1], user=User, household=Household)
_PUT_AWAY = Statement(
    lambda user, household, today: PutAway.objects.filter(
        user=user, household=household, until__gte=today).values_list("code", flat=True),
    user=User, household=Household, today=date)


# The week's counts as one row of the child's group (none when nothing was logged).
_COUNTS = Statement(lambda child, since: Moment.objects.alive().filter(
    child=child, started_at__gte=since).values("child").annotate(
    talk=Count("pk", filter=Q(kind__in=("talk", "sing", "read"))),
    bump=Count("pk", filter=Q(kind__in=("bump_talk", "bump_music"))))
    .values_list("talk", "bump"), child=Child, since=datetime)


def recent(child, user, household, now=None):
    now = now or timezone.now()
    since = now - WINDOW
    zone = timezone.get_current_timezone()
    birth = timezone.localtime(child.birth_at).date() if child.birth_at else None
    talk, bump = _COUNTS.first((0, 0), child=child, since=since)
    last_skin = _LAST_SKIN.first(child=child)
    cries = _CRIES(child=child, since=since)
    mine = _CHECKINS(user=user, household=household, since=since)
    return suggestions.Recent(
        stage=stage_of(birth, child.due_date, timezone.localdate()),
        days_since_skin=(now - last_skin).days if last_skin else None,
        talk_or_sing=talk, bump_talk=bump, cries=len(cries),
        evening_cries=sum(17 <= c.astimezone(zone).hour < 23 for c in cries),
        checkins=len(mine),
        low_mood_days=sum(m <= 2 for m, _s, _p, _c in mine),
        short_sleep_days=sum(s is not None and s < 5 for _m, s, _p, _c in mine),
        low_support_days=sum(p <= 2 for _m, _s, p, _c in mine),
        felt_far_days=sum(c is not None and c <= 2 for _m, _s, _p, c in mine),
        in_unit=child.is_in_unit,
    )


def for_home(child, user, household):
    """Today's suggestions for this person, or [] when she turned them off."""
    if child is None:
        return []
    prefs = _PREFS(user=user, household=household)
    if prefs and not prefs[0].suggestions:
        return []
    put_away = frozenset(_PUT_AWAY(user=user, household=household,
                                   today=timezone.localdate()))
    return suggestions.pick(recent(child, user, household), put_away)


def home_suggestions(request, child):
    """The suggestions on the home page, each with its article: added to the journal's home."""
    from nestwell.accounts.roles import Role
    from nestwell.insights.guidance import library

    # For the baby's parents, from their own days: a grandmother who helps (a caregiver)
    # or a viewer was offered "skin-to-skin can calm you both", written for the mother.
    membership = getattr(request, "membership", None)
    if membership is None or membership.role != Role.PARENT:
        return {"suggestions": []}
    articles = library(get_language())
    return {"suggestions": [(s, articles.get(s.article))
                            for s in for_home(child, request.user, request.household)]}

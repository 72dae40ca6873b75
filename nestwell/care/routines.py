"""Routines read against what happened: the queries shared by the routines page, the
responsive-care view and the home page."""

from datetime import datetime, timedelta

from django.utils import timezone

from nestwell.care import responsive
from nestwell.care.models import Routine, RoutineStep
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.journal.timeutil import day_bounds
from nestwell.lib.statements import IDS, Statement

_ROUTINES = Statement(lambda child: Routine.objects.filter(child=child), child=Child)
_STEPS = Statement(lambda ids: RoutineStep.objects.filter(routine_id__in=ids), ids=IDS)
_OF_KINDS = {}  # the kinds, sorted: the statement of their moments in a window
MOST_KIND_SETS = 256  # households' sets of kinds kept as statements; others ask Django


def _moments_of(kinds):
    statement = _OF_KINDS.get(kinds)
    if statement is None:
        def build(child, start, end):
            return (Moment.objects.alive().filter(child=child, kind__in=kinds,
                                                  started_at__gte=start, started_at__lt=end)
                    .values_list("kind", "started_at"))

        if len(_OF_KINDS) >= MOST_KIND_SETS:  # many households, many routines: bounded
            return lambda **values: list(build(**values))
        statement = _OF_KINDS[kinds] = Statement(build, child=Child, start=datetime,
                                                 end=datetime)
    return statement


def _with_steps(routines_list):
    """Each routine's steps read in one statement and lent to it as Django's
    ``prefetch_related("steps")`` would (``routine.steps.all()`` asks nothing more)."""
    if not routines_list:
        return routines_list
    by_routine = {r.pk: [] for r in routines_list}
    for step in _STEPS(ids=list(by_routine)):
        by_routine[step.routine_id].append(step)
    field = RoutineStep._meta.get_field("routine")
    for routine in routines_list:
        steps = by_routine[routine.pk]
        for step in steps:
            field.set_cached_value(step, routine)
        lent = routine.steps.get_queryset()
        lent._result_cache, lent._prefetch_done = steps, True
        routine._prefetched_objects_cache = {field.remote_field.cache_name: lent}
    return routines_list


def routines_and_moments(child, first_day, last_day):
    """A child's routines with their steps, and the (kind, start) of the moments that could
    match them from ``first_day`` to ``last_day`` (local): three queries, any history."""
    routines_list = _with_steps(_ROUTINES(child=child))
    kinds = tuple(sorted({s.kind for r in routines_list for s in r.steps.all()}))
    if not kinds:
        return routines_list, []
    tz = timezone.get_current_timezone()
    start, end = day_bounds(first_day, tz)[0], day_bounds(last_day, tz)[1]
    return routines_list, _moments_of(kinds)(child=child, start=start, end=end)


def step_plan(routine):
    return [responsive.Step(s.kind, s.at, timedelta(minutes=s.tolerance_minutes))
            for s in routine.steps.all()]


def today_routine_steps(child):
    """Today's steps of a child's routines, each with the local time it happened (or None).
    Two queries whatever the history: the routines with steps, and today's moments."""
    today = timezone.localdate()
    routines_list, moments = routines_and_moments(child, today, today)
    tz = timezone.get_current_timezone()
    result = []
    for routine in routines_list:
        steps = list(routine.steps.all())
        done = responsive.routine_day(step_plan(routine), moments, today, tz)
        result.append({"routine": routine, "steps": list(zip(steps, done, strict=True))})
    return result

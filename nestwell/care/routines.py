"""Routines read against what happened: the queries shared by the routines page, the
responsive-care view and the home page."""

from datetime import timedelta

from django.utils import timezone

from nestwell.care import responsive
from nestwell.care.models import Routine
from nestwell.journal.models import Moment
from nestwell.journal.timeutil import day_bounds


def routines_and_moments(child, first_day, last_day):
    """A child's routines with their steps, and the (kind, start) of the moments that could
    match them from ``first_day`` to ``last_day`` (local): two queries, any history."""
    routines_list = list(Routine.objects.filter(child=child).prefetch_related("steps"))
    kinds = {s.kind for r in routines_list for s in r.steps.all()}
    if not kinds:
        return routines_list, []
    tz = timezone.get_current_timezone()
    start, end = day_bounds(first_day, tz)[0], day_bounds(last_day, tz)[1]
    moments = list(Moment.objects.alive().filter(child=child, kind__in=kinds,
                                                 started_at__gte=start, started_at__lt=end)
                   .values_list("kind", "started_at"))
    return routines_list, moments


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

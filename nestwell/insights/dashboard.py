"""The dashboard's charts: a few bounded queries, the pure analytics, the drawing, and the
cache that keeps them until something they show changes."""

import hashlib
from datetime import time, timedelta

from django.core.cache import cache
from django.db import connections, router
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts import measures
from nestwell.care.models import Cue
from nestwell.growth.models import Measurement
from nestwell.insights import analytics, charts
from nestwell.insights.drawing import day_labels, minutes_chart, table, together
from nestwell.insights.drawing import number as _number
from nestwell.journal.models import Moment
from nestwell.wellbeing.models import CheckIn

CHART_CACHE_SECONDS = 6 * 3600
# Part of every key: a new way of drawing never meets charts kept by the old one.
DRAWING = "svg-2"


def window(days):
    """(zone, first day, start, end) of the last ``days`` local days, today included."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    bounds = analytics.day_bounds(first, days, zone)
    return zone, first, bounds[0], bounds[-1]


def weekdays():
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def bonding_chart(child, days, user, now):
    zone, first, start, end = window(days)
    rows = (Moment.objects.alive().readable_by(user)
            .filter(child=child, started_at__gte=start - timedelta(days=1), started_at__lt=end)
            .values_list("kind", "started_at", "ended_at"))
    spans = [analytics.Span(kind, s, e) for kind, s, e in rows]
    minutes = analytics.minutes_by_day_and_kind(spans, zone, first, days, now)
    total = sum(sum(v) for v in together(minutes).values())
    description = _("Minutes of time together each day over the last %(n)s days, stacked by "
                    "kind. %(total)s minutes in all.") % {"n": days, "total": total}
    svg, numbers = minutes_chart(minutes, day_labels(first, days), "chart-bonding",
                                 _("Time together, minutes a day"), description)
    return svg, numbers, spans, total


def punch_chart(times, title, what, chart_id, key):
    """When in the week something happened: the SVG and its table ("" if nothing did)."""
    grid = analytics.weekday_hour_grid(times, timezone.get_current_timezone())
    if not any(any(row) for row in grid):
        return "", ""
    busiest = max((sum(row[h] for row in grid), h) for h in range(24))
    description = _("How often %(what)s happened in each hour of each weekday. The busiest "
                    "hour began at %(hour)s.") % {"what": what, "hour": _hour(busiest[1])}
    most = max(v for row in grid for v in row)
    scale = [(1, _("once"))]
    if most > 1:
        scale.append((most, ngettext("%(n)s time", "%(n)s times", most) % {"n": most}))
    order = measures.week_order()  # her week: Monday, Sunday or Saturday first
    names = [weekdays()[d] for d in order]
    grid = [grid[d] for d in order]
    svg = charts.punchcard(title, grid, names, description, chart_id, key, scale)
    rows = [(_hour(h), [str(grid[d][h]) for d in range(7)]) for h in range(24)]
    return svg, table(title, [_("Hour")] + names, rows)


def _hour(h):
    return measures.clock(time(h))


def _stamps_sql(quote):
    """The three stamps in one statement (three aggregates, one row each). Building three
    ORM queries was a sixth of a warm dashboard; the database's part is three index range
    scans over the window either way. Names from the models' metadata; values are
    parameters."""
    def names(model, *fields):
        return (quote(model._meta.db_table),
                *(quote(model._meta.get_field(f).column) for f in fields))

    m, m_child, m_start, m_updated, m_deleted = names(
        Moment, "child", "started_at", "updated_at", "deleted_at")
    c, c_child, c_start, c_updated = names(Cue, "child", "started_at", "updated_at")
    h, h_household, h_author, h_created = names(CheckIn, "household", "author", "created_at")
    g, g_child, g_weight, g_updated = names(Measurement, "child", "weight_grams", "updated_at")
    return (
        "SELECT m.n, m.alive, m.at, m.gone, c.n, c.at, h.n, h.at, g.n, g.at FROM "  # noqa: S608
        f"(SELECT COUNT(*) AS n, COUNT(CASE WHEN {m_deleted} IS NULL THEN 1 END) AS alive, "
        f"MAX({m_updated}) AS at, MAX({m_deleted}) AS gone FROM {m} "
        f"WHERE {m_child} = %s AND {m_start} >= %s) m, "
        f"(SELECT COUNT(*) AS n, MAX({c_updated}) AS at FROM {c} "
        f"WHERE {c_child} = %s AND {c_start} >= %s) c, "
        f"(SELECT COUNT(*) AS n, MAX({h_created}) AS at FROM {h} "
        f"WHERE {h_household} = %s AND {h_author} = %s AND {h_created} >= %s) h, "
        f"(SELECT COUNT(*) AS n, MAX({g_updated}) AS at FROM {g} "
        f"WHERE {g_child} = %s AND {g_weight} IS NOT NULL) g")


def _stamps(child, household, user, start):
    """When what each chart group shows last changed, bounded by the window (never the
    whole history): the moments (counted, and those still there — a removal only sets
    ``deleted_at`` — with the latest change and removal: a moment edited out of the window
    lowers the count, one edited or added into it raises the latest change; from a day
    before the window, as the charts split spans across midnight), the cues, and her own
    check-ins; and the weights (all of them, whatever the window: the chart shows every
    one; a removal lowers the count, an edit or a new one raises the latest change)."""
    connection = connections[router.db_for_read(Moment)]
    sql = _stamps_sql(connection.ops.quote_name)
    at = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [child.pk, at(start - timedelta(days=1)), child.pk, at(start),
                             household.pk, user.pk, at(start), child.pk])
        row = cursor.fetchone()
    return row[:4], row[4:6], row[6:8], row[8:]


def _kept(name, base, stamp, draw):
    """``draw()``, kept in the cache under what it depends on (``stamp``)."""
    key = f"dash-{name}:" + hashlib.sha256(f"{base}:{stamp}".encode()).hexdigest()
    drawn = cache.get(key)
    if drawn is None:
        drawn = draw()
        cache.set(key, drawn, CHART_CACHE_SECONDS)
    return drawn


def drawn_charts(request, child, days, now):
    """The charts of the dashboard. Each group has its own key, so a new moment redraws the
    moment charts only, not the crying charts or her own; a new day, language or choice
    of clock or week draws them all again."""
    zone, first, start, end = window(days)
    base = (f"{DRAWING}:{child.pk}:{request.user.pk}:{days}:{timezone.localdate()}:"
            f"{translation.get_language()}:{measures.current()}")
    labels = day_labels(first, days)

    def moment_charts():
        bonding_svg, bonding_table, spans, total = bonding_chart(child, days, request.user,
                                                                 now)
        moment_svg, moment_table = punch_chart(
            [s.started_at for s in spans if s.started_at >= start],
            _("When moments happened"), _("a moment"), "chart-moments", "moments")
        return {"bonding_svg": bonding_svg, "bonding_table": bonding_table,
                "moment_svg": moment_svg, "moment_table": moment_table,
                "total_minutes": total}

    def crying_charts():
        cue_rows = list(Cue.objects.counted().filter(child=child, started_at__gte=start,
                                           started_at__lt=end, signal__in=("cry", "fuss"))
                        .values_list("started_at", "responded_at"))
        crying_svg, crying_table = punch_chart(
            [s for s, _r in cue_rows], _("When crying happened"), _("crying"),
            "chart-crying", "crying")
        medians = analytics.median_response_by_day(cue_rows, zone, first, days)
        response_svg = response_table = ""
        if any(m is not None for m in medians):
            title = _("Minutes until a cry was answered")
            name = _("Middle time of the day, minutes")
            response_svg = charts.lines(
                title, labels, [("answer_minutes", name, medians)],
                _("The middle time from the start of crying to the first answer, for each "
                  "day with crying."), "chart-response", unit=_("min"))
            response_table = table(title, [_("Day"), name],
                                   [(d, [_number(m)]) for d, m in zip(labels, medians,
                                                                       strict=True)])
        return {"crying_svg": crying_svg, "crying_table": crying_table,
                "response_svg": response_svg, "response_table": response_table,
                "crying_count": len(cue_rows)}

    moments, cues, checkins, weights = _stamps(child, request.household, request.user, start)
    # The weight chart also shows the baby's name, sex and age (corrected for an early
    # birth), whichever day it is looked at.
    about = (f"{child.name}:{child.sex}:{child.birth_at}:{child.gestation_total_days}:"
             f"{child.birth_weight_grams}")
    return {
        **_kept("m", base, moments, moment_charts),
        **_kept("c", base, cues, crying_charts),
        **_kept("h", base, checkins,
                lambda: her_own(request.household, request.user, first, days, start)),
        "weight_chart": _kept("g", f"{base}:{about}", weights,
                              lambda: weight_chart(child)) if child.is_born else None,
    }


def weight_chart(child):
    """Weight on the WHO chart (the growth page has length and head too): one query, and
    about 13 ms of reading the tables and drawing for a year of weighings, so it is kept
    with the other charts."""
    from nestwell.growth import progress, who

    measurements = list(Measurement.objects.filter(
        child=child, weight_grams__isnull=False).order_by("-measured_on", "-pk")[:400])
    # The birth weight, from the baby's page, is the first point (the growth page and the
    # visit report showed it while this card said "No weights kept yet").
    rows = progress.with_birth(child, progress.rows_for(child, measurements)
                               if measurements else [])
    if not rows:
        return {"empty": True}
    # No chart: either the sex is not known (the charts differ), or every weight is from
    # before the due date of a baby born early (the charts begin there).
    return progress.chart(child, rows, who.WEIGHT_FOR_AGE) or (
        {"no_sex": True} if child.sex not in who.SEXES else {"before_due": True})


def her_own(household, user, first, days, start):
    """Her check-ins, for her eyes only: how she felt (1 to 5) and how long she slept
    (hours), each on its own scale."""
    checkins = list(CheckIn.objects.filter(household=household, author=user,
                                           created_at__gte=start).order_by("created_at"))
    if not checkins:
        return {"wellbeing_svg": ""}
    zone = timezone.get_current_timezone()
    by_day = {}
    for c in checkins:
        by_day[(timezone.localtime(c.created_at, zone).date() - first).days] = c

    def pick(field):
        return [getattr(by_day[i], field) if i in by_day else None for i in range(days)]

    labels = day_labels(first, days)
    mood, close = _("Mood"), _("Felt close to your baby")
    moods, closeness = pick("mood"), pick("connection")
    feelings_title = _("How you felt, from 1 to 5")
    if any(c is not None for c in closeness):
        series = [("mood", mood, moods), ("connection", close, closeness)]
        said = _("Your mood and how close you felt to your baby, from 1 (low) to 5 (high), "
                 "for each day you checked in.")
        columns, rows = [_("Day"), mood, close], [
            (d, [_number(m), _number(c)])
            for d, m, c in zip(labels, moods, closeness, strict=True)]
    else:  # not asked: every baby of the household had died
        series = [("mood", mood, moods)]
        said = _("Your mood, from 1 (low) to 5 (high), for each day you checked in.")
        columns, rows = [_("Day"), mood], [(d, [_number(m)]) for d, m in zip(
            labels, moods, strict=True)]
    result = {
        "wellbeing_svg": charts.lines(feelings_title, labels, series, said, "chart-wellbeing",
                                      unit="1–5", ticks=[1, 2, 3, 4, 5]),
        "wellbeing_table": table(feelings_title, columns, rows),
        "sleep_svg": "", "sleep_table": "",
    }
    sleep = [float(v) if v is not None else None for v in pick("sleep_hours")]
    if any(v is not None for v in sleep):
        sleep_title, hours = _("Your sleep, hours in a day"), _("Hours of sleep")
        result["sleep_svg"] = charts.bars(
            sleep_title, labels, "sleep_hours", hours, sleep,
            _("The hours of sleep you noted, for each day you checked in."), "chart-sleep",
            unit=_("hours"))
        result["sleep_table"] = table(sleep_title, [_("Day"), hours],
                                      [(d, [_number(h)]) for d, h in zip(labels, sleep,
                                                                         strict=True)])
    return result

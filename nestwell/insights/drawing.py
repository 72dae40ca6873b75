"""What the dashboard and the visit report share to draw a chart: the words (translated
day and kind names), the table of numbers under each chart, and the minutes chart."""

from datetime import timedelta

from django.utils import formats, translation
from django.utils.translation import gettext as _

from nestwell.accounts import measures as reader
from nestwell.insights import analytics, charts
from nestwell.journal.kinds import KINDS
from nestwell.lib import measures


def day_labels(first, days):
    """"1 Dec", "2 Dec"… in the reader's language: Django's "j M", the month's short name
    looked up once a call rather than formatted for every day (90 days of a report: 2.9 →
    0.2 ms)."""
    # "j M", "j b" or "j. M" (German): the day, what follows it, the month's letter; or
    # "M j" where her place writes the month first ("Nov 23" in Texas, not "23 Nov").
    written = measures.day_format("j M", reader.current().month_first,
                                  translation.get_language() or "")
    month_first = written[0] != "j"
    between = written[1:-1]
    month = written[0] if month_first else written[-1]
    months = {}
    labels = []
    for i in range(days):
        day = first + timedelta(days=i)
        if day.month not in months:
            months[day.month] = formats.date_format(day, month)
        labels.append(f"{months[day.month]}{between}{day.day}" if month_first
                      else f"{day.day}{between}{months[day.month]}")
    return labels


def number(value):
    """A value in a chart's table, as her language writes numbers."""
    return "—" if value is None else reader.decimal(value, 3)


def table(caption, head, rows):
    """The numbers of a chart as a table (in a closed <details> under it). ``rows`` is
    [(row label, [values])]."""
    return charts.table(caption, head, rows, _("Show the numbers"))


def together(minutes):
    """{kind: minutes per day} without the kinds that are not time together (sleep)."""
    return {k: v for k, v in minutes.items() if k not in KINDS or KINDS[k].together}


def minutes_series(minutes):
    """[(kind, name, minutes per day)] to draw, in the palette's order, the least frequent
    kinds grouped as "Other"."""
    minutes = together(minutes)
    kinds, rest = analytics.chart_kinds(minutes)
    series = [(k, str(KINDS[k].label) if k in KINDS else k, minutes[k]) for k in kinds]
    if rest is not None:
        series.append(("other", _("Other"), rest))
    return series


def minutes_chart(minutes, labels, chart_id, title, description):
    """Minutes by kind and day as stacked bars (SVG) and as a table ("", "" when there is
    nothing to draw). ``minutes`` is {kind: [minutes per day]}."""
    series = minutes_series(minutes)
    if not series:
        return "", ""
    svg = charts.stacked_minutes(title, labels, series, description, chart_id, unit=_("min"))
    rows = [(label, [number(values[i]) for _k, _n, values in series])
            for i, label in enumerate(labels)]
    return svg, table(title, [_("Day")] + [name for _k, name, _v in series], rows)

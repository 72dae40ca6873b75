"""Charts as accessible inline SVG, written from the shapes of ``figures``. Pure Python.

The SVG carries no style or script of its own: classes name each part and ``app.css``
colours them from the palette's custom properties, so the charts follow light and dark and
the strict Content-Security-Policy holds. Each has ``role="img"``, a title and a
description; the page adds a table of the same numbers.
"""

import re
from html import escape

from nestwell.accounts import measures
from nestwell.insights import figures
from nestwell.insights.figures import Box, Label, Mark, Rule, Series, Trace
from nestwell.insights.palette import PALE, look


def _n(value):
    return f"{value:g}"


def tick(value) -> str:
    """An axis label as her language writes numbers ("0,1" in French, "0.1" in English)."""
    return measures.decimal(value, 1)


def _mark(m, chart_id):
    data = f' data-series="{m.series}"' if m.series else ""
    if m.empty:
        return f'<circle class="empty" cx="{_n(m.cx)}" cy="{_n(m.cy)}" r="{_n(m.r)}"/>'
    key = " key" if m.key else ""
    fill = (f'fill="url(#{chart_id}-hatch-{m.look.colour})" class="mark hatched{key}"'
            if m.look.hatched else f'class="mark c-{m.look.colour}{key}"')
    if m.shape == "square":
        s = m.r * 0.9
        return (f'<rect {fill}{data} x="{_n(round(m.cx - s, 2))}" y="{_n(round(m.cy - s, 2))}"'
                f' width="{_n(round(2 * s, 2))}" height="{_n(round(2 * s, 2))}"/>')
    if m.shape == "diamond":
        r = m.r * 1.25
        d = (f"M{_n(m.cx)} {_n(round(m.cy - r, 2))}L{_n(round(m.cx + r, 2))} {_n(m.cy)}"
             f"L{_n(m.cx)} {_n(round(m.cy + r, 2))}L{_n(round(m.cx - r, 2))} {_n(m.cy)}Z")
        return f'<path {fill}{data} d="{d}"/>'
    return f'<circle {fill}{data} cx="{_n(m.cx)}" cy="{_n(m.cy)}" r="{_n(m.r)}"/>'


def svg(figure: figures.Figure, chart_id: str, title: str, description: str) -> str:
    """The figure as one ``<svg>`` element, ready to place in a page."""
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" id="{chart_id}" '
           f'viewBox="0 0 {_n(figure.width)} {_n(figure.height)}" width="{_n(figure.width)}" '
           f'height="{_n(figure.height)}" role="img" aria-labelledby="{title_id} {desc_id}">',
           f'<title id="{title_id}">{escape(title)}</title>'
           f'<desc id="{desc_id}">{escape(description)}</desc>']
    hatched = sorted({s.look.colour for s in figure.shapes
                      if isinstance(s, Box | Mark) and s.look.hatched})
    if hatched:
        out.append("<defs>")
        for colour in hatched:
            out.append(f'<pattern id="{chart_id}-hatch-{colour}" width="5" height="5" '
                       'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                       f'<rect class="c-{colour}" width="5" height="5"/>'
                       '<path class="hatch" d="M0 0V5"/></pattern>')
        out.append("</defs>")
    for s in figure.shapes:
        if isinstance(s, Rule):
            out.append(f'<path class="{s.role}" d="M{_n(s.x1)} {_n(s.y1)}'
                       f'{"H" + _n(s.x2) if s.y1 == s.y2 else "V" + _n(s.y2)}"/>')
        elif isinstance(s, Box):
            more = (" pale" if s.look.colour in PALE else "") + (" key" if s.key else "")
            fill = (f'fill="url(#{chart_id}-hatch-{s.look.colour})" class="bar hatched{more}"'
                    if s.look.hatched else f'class="bar c-{s.look.colour}{more}"')
            out.append(f'<rect {fill} data-series="{s.series}" x="{_n(s.x)}" y="{_n(s.y)}" '
                       f'width="{_n(s.w)}" height="{_n(s.h)}"/>')
        elif isinstance(s, Trace):
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in s.points)
            dashed = (" dashed" if s.dashed else "") + (" key" if s.key else "")
            out.append(f'<polyline class="trace s-{s.look.colour}{dashed}" '
                       f'data-series="{s.series}" points="{points}"/>')
        elif isinstance(s, Mark):
            out.append(_mark(s, chart_id))
        elif isinstance(s, Label):
            anchor = "" if s.anchor == "start" else f' text-anchor="{s.anchor}"'
            out.append(f'<text class="{s.role}" x="{_n(s.x)}" y="{_n(s.y)}" '
                       f'font-size="{_n(s.size)}"{anchor}>{escape(_reads(s.text))}</text>')
    out.append("</svg>")
    return "".join(out)


_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _reads(text):
    """A label with right-to-left words ("5 ديسمبر", "12 ص") isolated right to left: the
    chart's axes run left to right, and its labels had read "ديسمبر 5"."""
    if _RIGHT_TO_LEFT.search(text):
        return f"\u2067{text}\u2069"
    return text


def stacked_minutes(title, labels, series, description, chart_id, unit="min"):
    """Minutes per day, stacked by kind. ``series`` is [(kind, name, [minutes per day])],
    bottom first; each kind keeps its own colour."""
    figure = figures.stacked_bars(labels, [Series(k, n, v, look(k)) for k, n, v in series],
                                  unit, tick_text=tick)
    return svg(figure, chart_id, title, description)


def bars(title, labels, key, name, values, description, chart_id, unit):
    """One series as bars (e.g. her hours of sleep), on its own axis."""
    figure = figures.stacked_bars(labels, [Series(key, name, values, look(key))], unit,
                                  plot_height=96, tick_text=tick)
    return svg(figure, chart_id, title, description)


SHAPES = ("circle", "square", "diamond")


def lines(title, labels, series, description, chart_id, unit="", ticks=None):
    """One line per series: ``series`` is [(key, name, values)], a value may be None."""
    drawn = [Series(k, n, v, look(k), SHAPES[i % len(SHAPES)], dashed=i % 2 == 1)
             for i, (k, n, v) in enumerate(series)]
    figure = figures.lines(labels, drawn, unit, ticks=ticks, tick_text=tick)
    return svg(figure, chart_id, title, description)


def hour_label(h):
    """An hour on the axis of her clock: "06" or "6 AM"."""
    if measures.current().clock == 12:
        return measures.hour(h, short=True)  # one place for "6 AM" (Answering cries too)
    return f"{h:02d}"


def punchcard(title, grid, row_labels, description, chart_id, key, scale):
    """A weekday-by-hour grid of dots (bigger, more often). ``key`` picks the colour;
    ``scale`` is [(count, words)] for the key under the grid."""
    figure = figures.punchcard(row_labels, {h: hour_label(h) for h in range(0, 24, 6)}, grid,
                               look(key), scale)
    return svg(figure, chart_id, title, description)


def table(caption, head, rows, summary):
    """The numbers of a chart as an HTML table, in a closed ``<details>`` (``summary`` is
    its label). ``rows`` is [(row label, [values])]. Written here rather than by a template:
    a month of rows is drawn in a tenth of the time."""
    cap = escape(caption)
    out = [f'<details class="chart-table"><summary>{escape(summary)}</summary>'
           f'<div class="table-scroll" role="region" tabindex="0" aria-label="{cap}"><table>'
           f'<caption class="visually-hidden">{cap}</caption><thead><tr>']
    out += [f'<th scope="col">{escape(str(h))}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for label, values in rows:
        out.append(f'<tr><th scope="row">{escape(str(label))}</th>')
        out += [f"<td>{escape(str(v))}</td>" for v in values]
        out.append("</tr>")
    out.append("</tbody></table></div></details>")
    return "".join(out)


def growth(title, description, chart_id, curves, points, x_ticks, unit, x_max, series_name):
    """A growth chart: ``curves`` is [(name, [(x, y)], is_median)], ``points`` the child's
    [(x, y)] and ``x_ticks`` [(x, label)]; the centile lines are grey, the child blue."""
    figure = figures.centile_chart(
        [figures.Curve(n, p, main) for n, p, main in curves], points, x_ticks, unit,
        look("growth"), series_name, x_max=x_max, tick_text=tick)
    return svg(figure, chart_id, title, description)

"""Chart geometry: plain numbers in, plain shapes out. Pure Python (no Django, no SVG).

A ``Figure`` is a list of shapes in a box ``width`` × ``height`` (y grows downwards, as in
SVG). The app writes it as inline SVG (``charts.py``) and the PDF draws the very same shapes
with reportlab (``report_pdf.py``), so the two cannot drift apart. Text is measured with a
generous estimate of a sans-serif font's widths, so labels keep their distance in any font
the reader's device picks.
"""

import math
from dataclasses import dataclass, field

from nestwell.insights.palette import Look

WIDTH = 340       # the viewBox: about the width of a phone's card, drawn 1:1 there
TICK = 12         # font size of axis labels
LEGEND = 13       # font size of legend labels
GAP = 6           # between an axis and its labels


@dataclass(frozen=True)
class Box:
    """A filled rectangle: a bar, a part of a stacked bar, or a legend swatch."""
    x: float
    y: float
    w: float
    h: float
    look: Look
    series: str = ""
    key: bool = False     # a swatch of the legend, not data


@dataclass(frozen=True)
class Rule:
    """A straight line: a grid line ("grid") or an axis ("axis")."""
    x1: float
    y1: float
    x2: float
    y2: float
    role: str = "grid"


@dataclass(frozen=True)
class Label:
    """Text; ``y`` is the baseline, ``anchor`` is start, middle or end."""
    x: float
    y: float
    text: str
    anchor: str = "start"
    size: float = TICK
    role: str = "tick"   # tick, unit or legend

    def extent(self):
        """(left, top, right, bottom) as the layout reckons it."""
        w = text_width(self.text, self.size)
        left = {"start": self.x, "middle": self.x - w / 2, "end": self.x - w}[self.anchor]
        return left, self.y - self.size * 0.8, left + w, self.y + self.size * 0.25


@dataclass(frozen=True)
class Mark:
    """A point: a dot of a punch card or a marker on a line (circle, square, diamond)."""
    cx: float
    cy: float
    r: float
    look: Look
    shape: str = "circle"
    series: str = ""
    empty: bool = False   # a punch card cell with nothing in it: a faint dot
    key: bool = False


@dataclass(frozen=True)
class Trace:
    """A line through points (one unbroken run of a line chart)."""
    points: tuple[tuple[float, float], ...]
    look: Look
    series: str = ""
    dashed: bool = False
    key: bool = False


@dataclass(frozen=True)
class Series:
    key: str             # the kind or series code, for the look and for tests
    name: str            # shown in the legend
    values: list         # one number (or None) per category
    look: Look
    shape: str = "circle"
    dashed: bool = False


@dataclass
class Figure:
    width: float
    height: float
    shapes: list = field(default_factory=list)
    legend: list[str] = field(default_factory=list)  # the series keys it names


# --- text -------------------------------------------------------------------------------

_NARROW = set("il.,:;'|!()[]{}jI ·")
_WIDE = set("mwMW@%—")


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` in a sans-serif font of ``size``: the
    widths of DejaVu Sans, the widest common one, rounded up (a browser test checks it
    against the font the browser really uses)."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.34
        elif ch in _WIDE:
            em += 1.0
        elif ch in "frt":
            em += 0.42
        elif ch.isdigit():
            em += 0.64
        elif ord(ch) > 0x2E80:  # CJK and the like: a full em
            em += 1.0
        elif ch.isupper():
            em += 0.79
        else:
            em += 0.64
    return em * size


def number(value: float) -> str:
    """12, 2.5 (no trailing .0)."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


# --- scales -----------------------------------------------------------------------------

def nice_ticks(top: float, most: int = 6) -> list[float]:
    """Round tick values from 0 to at least ``top``: at most ``most`` of them (0 included)."""
    if top <= 0:
        return [0, 1]
    raw = top / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1 and top >= 1:
        step = 1
    # number() writes one decimal: a finer step would write the same label twice.
    step = max(step, 0.1)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


@dataclass(frozen=True)
class Frame:
    """Where the plot sits, and how values map onto it."""
    left: float
    top: float
    right: float
    bottom: float
    low: float
    high: float
    count: int

    @property
    def band(self):
        return (self.right - self.left) / max(1, self.count)

    def x(self, index):
        return self.left + self.band * (index + 0.5)

    def y(self, value):
        span = (self.high - self.low) or 1
        return self.bottom - (value - self.low) / span * (self.bottom - self.top)


def _frame(ticks, count, unit, width, plot_height, tick_text=number):
    """The plot box and the y axis: labels right-aligned left of the plot, the unit above
    them, a faint rule at each tick."""
    labels = [tick_text(t) for t in ticks]
    left = max([text_width(s, TICK) for s in labels] + [text_width(unit, TICK) - GAP]) + GAP + 2
    top = TICK + 14
    frame = Frame(left=round(left, 1), top=top, right=width - 2, bottom=top + plot_height,
                  low=ticks[0], high=ticks[-1], count=count)
    shapes = [Label(0, TICK, unit, "start", TICK, "unit")] if unit else []
    for value, text in zip(ticks, labels, strict=True):
        y = round(frame.y(value), 1)
        shapes.append(Rule(frame.left, y, frame.right, y, "axis" if value == ticks[0]
                           else "grid"))
        shapes.append(Label(frame.left - GAP, round(y + TICK * 0.35, 1), text, "end"))
    return frame, shapes


def _x_labels(frame, labels, y):
    """Category labels under the plot, as many as fit without touching: always the last one
    (today), then every ``step``-th going back; none runs past the edges."""
    if not labels:
        return []
    widest = max(text_width(s, TICK) for s in labels)
    step = max(1, math.ceil((widest + 10) / frame.band))
    if step > 1:  # a day in two, or a week: a rhythm the eye can follow
        step = next((s for s in (2, 3, 7, 14, 28, 56) if s >= step), step)
    shapes, last_left = [], None
    for i in range(len(labels) - 1, -1, -step):
        w = text_width(labels[i], TICK)
        x = min(max(frame.x(i), w / 2 + 1), frame.right + 2 - w / 2 - 1)
        if last_left is not None and x + w / 2 + 8 > last_left:
            continue
        shapes.append(Label(round(x, 1), y, labels[i], "middle"))
        last_left = x - w / 2
    return shapes


def _legend(series, width, top):
    """Swatches with names, wrapped into as many rows as they need. Returns the shapes and
    the y below the last row."""
    shapes, x, y = [], 0.0, top
    row = LEGEND + 8
    for s in series:
        w = 14 + 6 + text_width(s.name, LEGEND)
        if x > 0 and x + w > width:
            x, y = 0.0, y + row
        if s.shape != "bar":
            shapes.append(Trace(((x, y + 6), (x + 14, y + 6)), s.look, s.key, s.dashed,
                                key=True))
            shapes.append(Mark(x + 7, y + 6, 3.5, s.look, s.shape, s.key, key=True))
        else:
            shapes.append(Box(x, y, 14, 12, s.look, s.key, key=True))
        shapes.append(Label(round(x + 20, 1), y + 10.5, s.name, "start", LEGEND, "legend"))
        x += w + 16
    return shapes, y + row


def _axis_last(shapes):
    """The axis line drawn over the bars' feet (a stable sort keeps the rest in order)."""
    return sorted(shapes, key=lambda s: isinstance(s, Rule) and s.role == "axis")


# --- charts -----------------------------------------------------------------------------

def stacked_bars(labels: list[str], series: list[Series], unit: str, *, width=WIDTH,
                 plot_height=132, tick_text=number) -> Figure:
    """One bar per category, the series stacked in the order given (first at the bottom)."""
    count = len(labels)
    totals = [sum((s.values[i] or 0) for s in series) for i in range(count)]
    ticks = nice_ticks(max(totals, default=0))
    frame, shapes = _frame(ticks, count, unit, width, plot_height, tick_text)
    bar = max(1.5, min(frame.band * 0.72, 28))
    below = [0] * count
    for s in series:
        for i, value in enumerate(s.values):
            if not value:
                continue
            y0, y1 = frame.y(below[i]), frame.y(below[i] + value)
            shapes.append(Box(round(frame.x(i) - bar / 2, 2), round(y1, 2), round(bar, 2),
                              round(y0 - y1, 2), s.look, s.key))
            below[i] += value
    label_y = frame.bottom + TICK + 8  # clear of the lowest tick's label above
    shapes += _x_labels(frame, labels, label_y)
    legend, height = _legend([Series(s.key, s.name, [], s.look, "bar") for s in series],
                             width, label_y + 12)
    return Figure(width, round(height, 1), _axis_last(shapes) + legend,
                  [s.key for s in series])


def lines(labels: list[str], series: list[Series], unit: str, *, ticks=None, width=WIDTH,
          plot_height=110, tick_text=number) -> Figure:
    """One line per series, broken where a value is missing; a marker on every value, a
    different shape for each series."""
    count = len(labels)
    values = [v for s in series for v in s.values if v is not None]
    ticks = ticks or nice_ticks(max(values, default=0))
    frame, shapes = _frame(ticks, count, unit, width, plot_height, tick_text)
    for s in series:
        run = []
        for i, value in enumerate(list(s.values) + [None]):
            if value is None:
                if len(run) > 1:
                    shapes.append(Trace(tuple(run), s.look, s.key, s.dashed))
                run = []
                continue
            run.append((round(frame.x(i), 2), round(frame.y(value), 2)))
        for i, value in enumerate(s.values):
            if value is not None:
                shapes.append(Mark(round(frame.x(i), 2), round(frame.y(value), 2), 3.5,
                                   s.look, s.shape, s.key))
    label_y = frame.bottom + TICK + 8  # clear of the lowest tick's label above
    shapes += _x_labels(frame, labels, label_y)
    legend, height = _legend(series, width, label_y + 12)
    return Figure(width, round(height, 1), _axis_last(shapes) + legend,
                  [s.key for s in series])


def punchcard(row_labels: list[str], column_labels: dict[int, str], grid: list[list[int]],
              look: Look, scale: list[tuple[int, str]], *, width=WIDTH) -> Figure:
    """A grid of dots, one per row (weekday) and column (hour): the more often, the larger
    the dot (its area follows the count). ``column_labels`` names some columns by index;
    ``scale`` is a few (count, words) pairs drawn as a key below."""
    columns = max((len(r) for r in grid), default=24)
    left = max(text_width(s, TICK) for s in row_labels) + GAP + 2
    cell = (width - 2 - left) / columns
    row = max(16.0, cell + 2)
    top = 4
    most = max((v for r in grid for v in r), default=0) or 1
    radius = min(cell, row) / 2 - 0.5

    def r_for(value):
        return max(1.8, radius * math.sqrt(value / most))

    shapes = []
    for j, (name, counts) in enumerate(zip(row_labels, grid, strict=True)):
        cy = top + row * (j + 0.5)
        shapes.append(Label(round(left - GAP, 1), round(cy + TICK * 0.35, 1), name, "end"))
        for i, value in enumerate(counts):
            cx = round(left + cell * (i + 0.5), 2)
            shapes.append(Mark(cx, round(cy, 2), round(r_for(value), 2) if value else 1.1,
                               look, "circle", "cells", empty=not value))
    bottom = top + row * len(grid)
    label_y = bottom + TICK + 5
    for i, text in sorted(column_labels.items()):
        x = left + cell * i
        w = text_width(text, TICK)
        shapes.append(Label(round(min(x, width - 1 - w / 2), 1), label_y, text, "middle"))
        shapes.append(Rule(round(x, 2), bottom - 2, round(x, 2), bottom + 2, "axis"))
    # The key: a small and a large dot with what they mean.
    y, x = label_y + 16, 0.0
    for value, words in scale:
        r = r_for(min(value, most))
        shapes.append(Mark(round(x + radius, 2), y, round(r, 2), look, "circle", "cells",
                           key=True))
        shapes.append(Label(round(x + 2 * radius + 5, 1), round(y + TICK * 0.35, 1), words,
                            "start", TICK, "legend"))
        x += 2 * radius + 5 + text_width(words, TICK) + 16
    return Figure(width, round(y + radius + 4, 1), shapes, ["cells"])


def range_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering ``low``..``high`` (not from zero): at most ``most``."""
    if high <= low:
        high = low + 1
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step + 1e-9) * step
    count = math.ceil((high - start) / step - 1e-9)
    return [round(start + i * step, 6) for i in range(count + 1)]


@dataclass(frozen=True)
class Curve:
    """A reference line of a growth chart: a centile, drawn thin, named at its right end."""
    name: str
    points: list          # [(x, y)] in the chart's units
    main: bool = False    # the median: a little stronger than the others


def centile_chart(curves: list[Curve], points: list, x_ticks: list, unit: str,
                  look: Look, series_name: str, *, x_max: float, width=WIDTH,
                  plot_height=190, tick_text=number) -> Figure:
    """A growth chart: thin reference curves (named at their right end), and the child's
    own measurements as marks joined by a line. ``x_ticks`` is [(x, label)]; x runs from 0
    to ``x_max`` (days of age, or centimetres of length)."""
    values = [y for c in curves for _, y in c.points] + [y for _, y in points]
    ticks = range_ticks(min(values, default=0), max(values, default=1))
    right_room = max((text_width(c.name, TICK) for c in curves), default=0) + GAP
    frame, shapes = _frame(ticks, 1, unit, width - right_room, plot_height, tick_text)
    span = x_max or 1

    def x_at(value):
        return round(frame.left + value / span * (frame.right - frame.left), 2)

    grey = Look("grey")
    last_y = -100.0
    for c in sorted(curves, key=lambda c: -c.points[-1][1] if c.points else 0):
        if len(c.points) < 2:
            continue
        shapes.append(Trace(tuple((x_at(x), round(frame.y(y), 2)) for x, y in c.points),
                            grey, "centile-main" if c.main else "centile", dashed=not c.main))
        # The name at the right end, nudged down if it would touch the one above.
        y = max(round(frame.y(c.points[-1][1]) + TICK * 0.35, 1), last_y + TICK)
        shapes.append(Label(round(frame.right + GAP / 2, 1), y, c.name, "start"))
        last_y = y
    label_y = frame.bottom + TICK + 6

    def placed(x, text):
        """Where a tick's label goes: its anchor, and its left and right edges."""
        w = text_width(text, TICK)
        if x == 0:  # starts at the axis, clear of the lowest value's label on its left
            return x_at(0), "start", x_at(0), x_at(0) + w
        cx = round(min(max(x_at(x), w / 2 + 1), width - w / 2 - 1), 1)
        return cx, "middle", cx - w / 2, cx + w / 2

    # Every tick has its mark; a label only every ``every`` ticks where longer words (an
    # Arabic "week") would touch their neighbours.
    spots = [placed(x, text) for x, text in x_ticks]
    every = next((k for k in range(1, len(spots) + 1)
                  if all(a[3] + GAP / 2 <= b[2]
                         for a, b in zip(spots[::k], spots[k::k], strict=False))),
                 len(spots) or 1)
    for i, ((x, text), (at, anchor, _left, _right)) in enumerate(zip(x_ticks, spots,
                                                                     strict=True)):
        shapes.append(Rule(x_at(x), frame.bottom, x_at(x), frame.bottom + 3, "axis"))
        if i % every == 0:
            shapes.append(Label(at, label_y, text, anchor))
    run = tuple((x_at(x), round(frame.y(y), 2)) for x, y in points)
    if len(run) > 1:
        shapes.append(Trace(run, look, "child"))
    for cx, cy in run:
        shapes.append(Mark(cx, cy, 4, look, "circle", "child"))
    legend, height = _legend([Series("child", series_name, [], look)], width, label_y + 12)
    return Figure(width, round(height, 1), _axis_last(shapes) + legend, ["child"])

"""The charts as drawn: the SVG text is parsed and its labels, legend and colours checked
(pure: no database). What a person sees in a real browser is checked in
tests/browser/test_dashboard.py."""

import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from nestwell.insights import charts, figures, palette
from nestwell.insights.analytics import chart_kinds

SVG = "{http://www.w3.org/2000/svg}"
DAYS_30 = [f"{d} Nov" for d in range(2, 31)] + ["1 Dec"]
DAYS_7 = ["25 Nov", "26 Nov", "27 Nov", "28 Nov", "29 Nov", "30 Nov", "1 Dec"]
NAMES = {"skin_to_skin": "Skin-to-skin", "feeding": "Feed", "sleep": "Sleep", "play": "Play",
         "bath": "Bath", "soothing": "Soothing", "talk": "Talking"}


def parse(svg):
    root = ET.fromstring(svg)  # noqa: S314 (our own drawing)
    _x, _y, width, height = map(float, root.get("viewBox").split())
    return root, width, height


def texts(root):
    """(text, role, (left, top, right, bottom)) of every label, measured as the layout
    measures them (tests/browser checks that measure against the real font)."""
    found = []
    for t in root.iter(f"{SVG}text"):
        label = figures.Label(float(t.get("x")), float(t.get("y")), t.text,
                              t.get("text-anchor", "start"), float(t.get("font-size")),
                              t.get("class"))
        found.append((t.text, t.get("class"), label.extent()))
    return found


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_readable(svg):
    """Every label inside the viewBox and none touching another."""
    root, width, height = parse(svg)
    found = texts(root)
    assert found
    for text, _role, (left, top, right, bottom) in found:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, (text, width,
                                                                                height)
    for (t1, _r1, box1), (t2, _r2, box2) in combinations(found, 2):
        assert not overlaps(box1, box2), (t1, t2)
    return root, found


def minutes_chart(minutes, days=DAYS_7, names=NAMES):
    kinds, rest = chart_kinds(minutes)
    series = [(k, names[k], minutes[k]) for k in kinds]
    if rest:
        series.append(("other", "Other", rest))
    return charts.stacked_minutes("Time together", days, series, "Minutes a day.",
                                  "chart-bonding")


def data(root, tag):
    """The elements of ``tag`` that draw data (not the legend's swatches)."""
    return [el for el in root.iter(f"{SVG}{tag}")
            if el.get("data-series") and "key" not in el.get("class", "").split()]


def colours_of(root):
    """{series key: colour class} of the bars."""
    found = {}
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("data-series"):
            classes = rect.get("class").split()
            colour = next((c for c in classes if c.startswith("c-")), rect.get("fill"))
            found.setdefault(rect.get("data-series"), set()).add(colour)
    return found


def test_a_busy_month_has_every_label_whole_inside_the_picture_and_apart():
    minutes = {k: [(i * 7 + j * 13) % 60 for i in range(30)] for j, k in enumerate(NAMES)}
    minutes["sleep"] = [200 + i for i in range(30)]
    root, found = assert_readable(minutes_chart(minutes, DAYS_30))
    words = {text for text, _role, _box in found}
    # Date labels are the whole label ("1 Dec", never "1 I"), today's among them.
    dates = [t for t, role, _box in found if role == "tick" and t in DAYS_30]
    assert "1 Dec" in dates and len(dates) >= 4
    assert all(t in DAYS_30 for t, role, _b in found if role == "tick" and " " in t)
    # The legend names every series drawn: five kinds and the rest, grouped.
    drawn = {rect.get("data-series") for rect in data(root, "rect")}
    assert len(drawn) == 6 and "other" in drawn
    legend = {t for t, role, _box in found if role == "legend"}
    assert legend == {({**NAMES, "other": "Other"})[k] for k in drawn}
    assert "Sleep" in legend and words >= legend


def test_y_labels_sit_left_of_the_bars_right_aligned():
    root, found = assert_readable(minutes_chart({"feeding": [30, 200, 45, 0, 10, 60, 90]}))
    ticks = [(t, box) for t, role, box in found if role == "tick" and t.isdigit()]
    assert [t for t, _b in ticks] == ["0", "50", "100", "150", "200"]
    bars = [float(r.get("x")) for r in data(root, "rect")]
    plot_left = min(bars)
    for text, (_left, _top, right, _bottom) in ticks:
        assert right < plot_left, text
    ends = {t.get("text-anchor") for t in root.iter(f"{SVG}text") if t.text.isdigit()}
    assert ends == {"end"}
    assert any(t == "min" and role == "unit" for t, role, _b in found)


def test_a_long_legend_wraps_into_rows_and_the_picture_grows():
    long_names = {k: f"{v} (a rather long name for it)" for k, v in NAMES.items()}
    minutes = {k: [10 + j] * 7 for j, k in enumerate(list(NAMES)[:6])}
    short = parse(minutes_chart(minutes))[2]
    root, found = assert_readable(minutes_chart(minutes, names=long_names))
    legend = [t for t, role, _b in found if role == "legend"]
    assert sorted(legend) == sorted(long_names[k] for k in minutes)
    assert parse(ET.tostring(root, encoding="unicode"))[2] > short


def test_each_kind_keeps_its_colour_whatever_its_rank():
    feeds_most = {"feeding": [90] * 7, "skin_to_skin": [20] * 7, "sleep": [10] * 7}
    skin_most = {"feeding": [5] * 7, "skin_to_skin": [120] * 7, "play": [60] * 7}
    first = colours_of(parse(minutes_chart(feeds_most))[0])
    second = colours_of(parse(minutes_chart(skin_most))[0])
    assert first["feeding"] == second["feeding"] == {"c-orange"}
    assert first["skin_to_skin"] == second["skin_to_skin"] == {"c-vermillion"}
    assert len({frozenset(v) for v in first.values()}) == len(first)  # no two alike


def test_kinds_stack_in_one_fixed_order():
    minutes = {"feeding": [90] * 7, "skin_to_skin": [20] * 7}
    root = parse(minutes_chart(minutes))[0]
    first_day = {r.get("data-series"): float(r.get("y")) for r in data(root, "rect")
                 if float(r.get("x")) < 60}
    assert first_day["skin_to_skin"] > first_day["feeding"]  # skin-to-skin at the bottom


def test_a_one_tap_kind_is_hatched_and_named():
    root = parse(minutes_chart({"talk": [5] * 7, "talk_less": [0] * 7} | {
        "feeding": [10] * 7}, names={**NAMES, "talk_less": "x"}))[0]
    talk = [r for r in data(root, "rect") if r.get("data-series") == "talk"]
    assert talk and all(r.get("fill") == "url(#chart-bonding-hatch-sky)" for r in talk)
    assert root.find(f".//{SVG}pattern[@id='chart-bonding-hatch-sky']") is not None
    assert "Talking" in {t.text for t in root.iter(f"{SVG}text")}


def test_ratings_and_hours_have_their_own_scales():
    mood = charts.lines("How you felt", DAYS_7, [("mood", "Mood", [3, None, 4, 2, None, 5, 3]),
                                                ("connection", "Felt close", [4] * 7)],
                        "d", "chart-wellbeing", unit="1–5", ticks=[1, 2, 3, 4, 5])
    root, found = assert_readable(mood)
    assert [t for t, role, _b in found if role == "tick" and t.isdigit()] == list("12345")
    # a gap where she did not check in: the line breaks, the markers stay
    lines = [p for p in data(root, "polyline") if p.get("data-series") == "mood"]
    assert len(lines) == 2
    shapes = {el.tag for el in root if el.get("data-series") == "connection"}
    assert f"{SVG}rect" in shapes  # squares for the second series: not colour alone
    sleep = charts.bars("Sleep", DAYS_7, "sleep_hours", "Hours of sleep",
                        [5.5, None, 7, 4, 6, 3.5, 9], "d", "chart-sleep", unit="hours")
    _root, found = assert_readable(sleep)
    ticks = [t for t, role, _b in found if role == "tick" and t.isdigit()]
    assert ticks == ["0", "2", "4", "6", "8", "10"]
    assert ("hours", "unit") in {(t, role) for t, role, _b in found}


def test_the_punch_card_is_a_plain_grid_of_dots():
    grid = [[0] * 24 for _ in range(7)]
    grid[2][21], grid[2][22], grid[6][3] = 9, 3, 1
    svg = charts.punchcard("When crying happened", grid,
                           ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], "d",
                           "chart-crying", "crying", [(1, "once"), (9, "9 times")])
    root, found = assert_readable(svg)
    cells = data(root, "circle") + [c for c in root.iter(f"{SVG}circle")
                                     if c.get("class") == "empty"]
    assert len(cells) == 7 * 24
    radius = {float(c.get("r")) for c in data(root, "circle")}
    assert len(radius) == 3  # 1, 3 and 9 times: three sizes, 9 the largest
    words = {t for t, _role, _box in found}
    assert {"Mon", "Sun", "00", "06", "12", "18", "once", "9 times"} <= words


def test_every_chart_is_an_image_with_a_title_and_a_description():
    svg = minutes_chart({"feeding": [10] * 7})
    root = parse(svg)[0]
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert "<style" not in svg and "<script" not in svg and "style=" not in svg


def test_text_is_escaped():
    svg = charts.stacked_minutes("<b>", DAYS_7, [("feeding", "Feed & <more>", [1] * 7)],
                                 "a < b", "chart-x")
    root = parse(svg)[0]  # parses: nothing unescaped
    assert "Feed & <more>" in {t.text for t in root.iter(f"{SVG}text")}


def test_nice_ticks():
    assert figures.nice_ticks(0) == [0, 1]
    assert figures.nice_ticks(7) == [0, 2, 4, 6, 8]
    assert figures.nice_ticks(200) == [0, 50, 100, 150, 200]
    assert figures.nice_ticks(1234) == [0, 500, 1000, 1500]
    assert figures.nice_ticks(2.2) == [0, 1, 2, 3]
    assert figures.nice_ticks(0.5) == [0, 0.1, 0.2, 0.3, 0.4, 0.5]


@pytest.mark.parametrize("top", [0.01, 0.04, 0.12, 0.2, 0.33, 0.7, 0.95])
def test_small_values_never_write_the_same_tick_label_twice(top):
    """Minutes until a cry was answered, when every answer came within seconds: the ticks
    were 0.05 apart, and one decimal wrote 0.1 three times."""
    ticks = figures.nice_ticks(top)
    labels = [figures.number(t) for t in ticks]
    assert len(set(labels)) == len(labels) and ticks[-1] >= top, labels


# --- the palette ------------------------------------------------------------------------

def test_every_kind_of_moment_has_its_own_look():
    from nestwell.journal.kinds import KINDS

    assert set(KINDS) <= set(palette.KINDS)
    born = [k for k, kind in KINDS.items() if "born" in kind.stages]
    looks = [palette.KINDS[k] for k in born]
    assert len(set(looks)) == len(looks), "two kinds of a baby's day look alike"


def css_tokens(css, selector):
    """The --chart-* properties set in the blocks of ``selector`` (exactly that one)."""
    found = {}
    for block in re.findall(re.escape(selector) + r"\s*\{([^{}]*)\}", css):
        found.update(re.findall(r"--chart-([a-z]+):\s*(#[0-9a-f]{6})", block))
    return found


def test_app_css_holds_the_palette_for_light_and_dark():
    css = (Path(__file__).resolve().parents[2] / "nestwell" / "static" / "nestwell" /
           "app.css").read_text()
    light = {k: v[0] for k, v in palette.COLOURS.items()}
    dark = {k: v[1] for k, v in palette.COLOURS.items()}
    assert {k: v for k, v in css_tokens(css, ":root").items() if k != "edge"} == light
    assert {k: v for k, v in css_tokens(css, ':root[data-theme="dark"]').items()
            if k != "edge"} == dark
    assert {k: v for k, v in css_tokens(css, ':root:not([data-theme="light"])').items()
            if k != "edge"} == dark
    assert css_tokens(css, ":root")["edge"] == palette.EDGE


@pytest.mark.parametrize("theme,card", [("light", "#ffffff"), ("dark", "#1d2027")])
def test_the_palette_stays_apart_for_colour_blind_eyes(theme, card):
    from coloraide import Color

    colours = {k: Color(palette.hex_for(k, theme)) for k in palette.COLOURS if k != "other"}
    for vision in (None, "protan", "deutan", "tritan"):
        seen = {k: c.filter(vision) if vision else c for k, c in colours.items()}
        closest = min((seen[a].delta_e(seen[b], method="2000"), a, b)
                      for a, b in combinations(seen, 2))
        assert closest[0] >= 7.5, (vision, closest)
    pale = {k for k, c in colours.items() if c.contrast(card) < 3}
    if theme == "dark":
        assert pale == set()
    else:  # the pale ones on white get an edge
        assert pale <= palette.PALE


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "ar"])
def test_day_labels_read_as_djangos_own_day_and_month(language):
    """The charts' day labels look the month's name up once, not once a day: the same text
    as a day written "j M" (measures.day, day first), over more than a year, in every
    language offered."""
    from datetime import date, timedelta

    from django.utils import formats, translation

    from nestwell.accounts import measures as reader
    from nestwell.insights.drawing import day_labels
    from nestwell.lib import measures

    first = date(2026, 1, 1)
    with translation.override(language):
        for month_first in (False, True):  # "23 Nov", or "Nov 23" in Texas
            written = measures.day_format("j M", month_first, language)
            with reader.using(measures.Measures(month_first=month_first)):
                assert day_labels(first, 400) == [
                    formats.date_format(first + timedelta(days=i), written)
                    for i in range(400)]


def test_a_label_in_right_to_left_words_is_isolated_as_such():
    """The axes run left to right; "5 ديسمبر" and "12 ص" had read "ديسمبر 5" and "ص 12"."""
    from nestwell.insights.charts import _reads

    assert _reads("5 ديسمبر") == "\u20675 ديسمبر\u2069"
    assert _reads("12 ص") == "\u206712 ص\u2069"
    assert _reads("5 Dec") == "5 Dec" and _reads("40") == "40"


def test_axis_numbers_are_written_as_her_language_writes_them():
    """A French chart's axis read "0.1" (Sophie, in Montréal)."""
    from django.utils import translation

    from nestwell.insights import charts, drawing

    with translation.override("fr"):
        assert [charts.tick(v) for v in (0, 0.5, 2, 12.5)] == ["0", "0,5", "2", "12,5"]
        assert drawing.number(2.25) == "2,25" and drawing.number(None) == "—"
    with translation.override("en"):
        assert [charts.tick(v) for v in (0, 0.5, 2)] == ["0", "0.5", "2"]


@pytest.mark.parametrize("days", [DAYS_7, DAYS_30])
def test_day_labels_sit_below_the_lowest_value_whatever_the_date(days):
    """On 8 Dec the sleep chart's first day, "10 Nov", began right under its "0" and the
    two touched (a browser test caught it; on 7 Dec the first day was "9 Nov", narrower).
    A day's label never reaches up to the lowest value's label, wherever it falls across:
    measured with the font's full height above the baseline, as the browser draws it."""
    for svg in (charts.bars("Sleep", days, "sleep_hours", "Hours of sleep",
                            [6.0] * len(days), "d", "chart-sleep", unit="hours"),
                charts.lines("How you felt", days, [("mood", "Mood", [3] * len(days))],
                             "d", "chart-wellbeing", unit="1–5", ticks=[1, 2, 3, 4, 5])):
        root, _w, _h = parse(svg)
        labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
        lowest = max(labels, key=lambda t: float(t.get("y")) if t.get("text-anchor") == "end"
                     else -1)
        below = float(lowest.get("y")) + 0.25 * float(lowest.get("font-size"))
        days_drawn = [t for t in labels if t.text in days]
        assert days_drawn
        for t in days_drawn:
            assert float(t.get("y")) - float(t.get("font-size")) >= below, (t.text, below)

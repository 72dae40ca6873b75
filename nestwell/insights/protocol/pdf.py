"""The protocol as a PDF page (reportlab), alone or as a page of the report for a visit:
the same grid, states and words as the web page, on white in the palette's light colours."""

import io

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

from nestwell.insights import palette
from nestwell.insights.protocol.gather import table_rows
from nestwell.insights.protocol.grid import CELLS, CRYING, FEEDING, OUTSIDE, SKIPPED, SLEEP, runs
from nestwell.insights.report_pdf import hatch, styles
from nestwell.lib import pdf_fonts, printing
from nestwell.lib.pdf_fonts import SANS, SANS_BOLD

rl_config.shapeChecking = 0  # as in report_pdf: off before the shapes are imported
from reportlab.graphics.shapes import Drawing, Line, Rect  # noqa: E402

WIDTH = 178 * mm
LABEL, STRIP_X, CELL = 64, 66, 2.5
STRIP_W = CELLS * CELL
CRY_RIGHT, BAND_X, BAND_W, SLEEP_RIGHT = STRIP_X + STRIP_W + 44, STRIP_X + STRIP_W + 48, 50, 452
FEED_RIGHT = WIDTH
ROW, BAR = 21, 12
TEXT, MUTED, LINE = (colors.HexColor(c) for c in ("#2d2a26", "#6b645c", "#e4dbd0"))
FILL = {state: colors.HexColor(palette.hex_for(colour, "light")) for state, colour in (
    (CRYING, "vermillion"), (FEEDING, "orange"), (SLEEP, "blue"), ("awake", "yellow"))}
BAND = colors.HexColor("#bfe1f6")  # the sky of the web page's band, as it shows on white
EDGE = colors.HexColor(palette.EDGE)


def _cells(d, state, x, y, w, h):
    """One stretch of a state (as on the web page)."""
    if state == OUTSIDE:
        d.add(Line(x, y + h / 2, x + w, y + h / 2, strokeColor=MUTED, strokeWidth=0.6,
                   strokeDashArray=[1.5, 1.5]))
        return
    if state == SKIPPED:
        for x1, y1, x2, y2 in hatch(x, y, w, h, spacing=2.5):
            d.add(Line(x1, y1, x2, y2, strokeColor=MUTED, strokeWidth=0.5))
        return
    fill = FILL.get(state)
    if fill is None:  # nothing logged: blank
        return
    d.add(Rect(x, y, w, h, fillColor=fill, strokeWidth=0.4,
               strokeColor=EDGE if state == "awake" else None))
    if state == CRYING:
        for x1, y1, x2, y2 in hatch(x, y, w, h, spacing=3.2):
            d.add(Line(x1, y1, x2, y2, strokeColor=colors.white, strokeWidth=0.55))


def _band(d, y, minutes, band, scale, left=BAND_X):
    """The day's crying beside the reference band, from 0 at ``left`` (left to right in
    every language, as on the web page)."""

    def x(m):
        return left + m * BAND_W / scale

    if band:
        d.add(Rect(x(band.low), y, x(band.high) - x(band.low), BAR, fillColor=BAND,
                   strokeColor=None))
        for m in {band.mean_low, band.mean_high}:
            d.add(Line(x(m), y, x(m), y + BAR, strokeColor=TEXT, strokeWidth=0.6))
    if minutes:
        d.add(Rect(left, y + BAR / 2 - 2.2, max(x(minutes) - left, 0.8), 4.4,
                   fillColor=FILL[CRYING], strokeColor=None))
    d.add(Line(left, y - 1, left, y + BAR + 1, strokeColor=MUTED, strokeWidth=0.5))


class _Page:
    """Where the columns go: from the left, or in a right-to-left PDF mirrored, the day's
    name on the right and the totals on the left (as the web page's table). The 24-hour
    strip and the band inside their columns run left to right in every language, as on
    the web page."""

    def __init__(self, drawing):
        self.d, self.flip = drawing, pdf_fonts.rtl()

    def x(self, x, w=0):
        return WIDTH - x - w if self.flip else x

    def text(self, x, y, text, size, anchor="start", bold=False, fill=TEXT, inside=False):
        """Text at a column's x (``inside`` a strip or band: not mirrored)."""
        if self.flip and not inside:
            x, anchor = WIDTH - x, {"start": "end", "end": "start"}.get(anchor, anchor)
        for string in pdf_fonts.strings(x, y, text, SANS_BOLD if bold else SANS, size,
                                        anchor, fillColor=fill):
            self.d.add(string)


def grid_drawing(rows, words):
    """The fourteen rows as one drawing: ``rows`` are the page's rows
    (``gather.table_rows``) with the day objects alongside (``day``)."""
    height = ROW * (len(rows) + 1) + 4
    scale = rows[0]["scale"] if rows else 300
    d = Drawing(WIDTH, height)
    page = _Page(d)
    strip, band = page.x(STRIP_X, STRIP_W), page.x(BAND_X, BAND_W)
    top = height - 10
    for h in range(0, 24, 3):
        page.text(strip + h * 4 * CELL, top, words["hours"][h // 3], 6.5,
                  "start" if h == 0 else "middle", fill=MUTED, inside=True)
    for text, right in zip(words["head"], (None, CRY_RIGHT, SLEEP_RIGHT, FEED_RIGHT),
                           strict=True):
        if right is None:
            page.text(0, top, text, 7.5, bold=True)
        else:
            page.text(right, top, text, 7.5, "end", bold=True)
    for text, x in (("0", band), (words["band_scale"], band + BAND_W)):
        page.text(x, top - 8, text, 5.5, "middle", fill=MUTED, inside=True)
    for i, row in enumerate(rows):
        day = row["day"]
        y = top - ROW * (i + 1)
        page.text(0, y + 3 + (3 if row["notes"] else 0), row["label"], 7.5)
        if row["notes"]:
            page.text(0, y, row["short_note"], 6, fill=MUTED)
        for first, n, state in runs(day.cells):
            _cells(d, state, strip + first * CELL, y, n * CELL, BAR)
        d.add(Rect(strip, y, STRIP_W, BAR, fillColor=None, strokeColor=LINE,
                   strokeWidth=0.5))
        for h in range(3, 24, 3):
            x = strip + h * 4 * CELL
            d.add(Line(x, y, x, y + BAR, strokeColor=MUTED, strokeWidth=0.25))
        d.add(Line(0, y - 4, WIDTH, y - 4, strokeColor=LINE, strokeWidth=0.3))
        if day.outside:
            continue
        for text, right in ((row["crying"], CRY_RIGHT), (row["sleep"], SLEEP_RIGHT),
                            (row["feeding"], FEED_RIGHT)):
            page.text(right, y + 3, text, 7.5, "end")
        _band(d, y, day.minutes[CRYING], day.band, scale, band)
    return d


def legend_drawing(words, skipped):
    items = list(words["legend"]) + ([(SKIPPED, words["skipped"])] if skipped else []) + [
        ("band", words["band_legend"])]
    d = Drawing(WIDTH, 28)
    page = _Page(d)
    x, y = 0, 16
    for state, name in items:
        width = 20 + pdf_fonts.width(pdf_fonts.visual(name), SANS, 7)
        if x + width > WIDTH:
            x, y = 0, 2
        box = page.x(x, 14)
        if state == "band":
            d.add(Rect(box, y, 14, 9, fillColor=BAND, strokeColor=None))
            d.add(Line(box + 8, y, box + 8, y + 9, strokeColor=TEXT, strokeWidth=0.6))
            d.add(Rect(box, y + 2.6, 5, 3.8, fillColor=FILL[CRYING], strokeColor=None))
        else:
            _cells(d, state, box, y, 14, 9)
            d.add(Rect(box, y, 14, 9, fillColor=None, strokeColor=LINE, strokeWidth=0.5))
        page.text(x + 18, y + 2, name, 7)
        x += width + 8
    return d


def _para(text, style):
    """Plain text only: everything here comes from people or translations, never markup."""
    return pdf_fonts.paragraph(text, style)


def flowables(protocol, words, child_name, age_text, heading_style=None):
    """The protocol's part of a document: title, legend, grid, the band's words."""
    sheet = styles()
    heading = heading_style or ParagraphStyle("h1p", parent=sheet["Heading1"], fontSize=15,
                                              spaceAfter=2)
    body = ParagraphStyle("bodyp", parent=sheet["BodyText"], fontSize=8.5, leading=11)
    small = ParagraphStyle("smallp", parent=body, fontSize=7, leading=9,
                           textColor=colors.HexColor("#555555"))
    skipped = any(d.clock == "forward" for d in protocol.days)
    rows = [dict(r, day=d) for r, d in zip(table_rows(protocol), protocol.days, strict=True)]
    return [KeepTogether([
        _para(words["title"], heading),
        _para(f"{child_name} · {age_text} · {words['period']}", body), Spacer(1, 3),
        _para(words["how"], small), Spacer(1, 3), legend_drawing(words, skipped), Spacer(1, 2),
        grid_drawing(rows, words), Spacer(1, 4),
        _para(words["band_heading"], body), _para(words["band_text"], small),
        _para(words["band_source"], small)])]


def render(protocol, child_name, age_text, words, paper="a4"):
    """The protocol alone, as PDF bytes (one page, A4 or US Letter)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=printing.page_size(paper), leftMargin=16 * mm,
                            rightMargin=16 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=words["title"],
                            author="Nestwell", initialFontName=SANS)
    small = ParagraphStyle("foot", fontName=SANS, fontSize=7, leading=9,
                           textColor=colors.grey)
    doc.build(flowables(protocol, words, child_name, age_text)
              + [Spacer(1, 6), _para(words["footer"], small)])
    return buffer.getvalue()

"""The report as a PDF (reportlab), readable in two minutes, with its chart: the same
figure as on the web page (``figures``), in the same colours per kind (``palette``)."""

import io
from functools import lru_cache

from django.utils.translation import gettext as _
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from nestwell.insights import charts, figures, palette
from nestwell.insights.figures import Box, Label, Mark, Rule, Series, Trace
from nestwell.lib import pdf_fonts, printing
from nestwell.lib.pdf_fonts import SANS, SANS_BOLD
from nestwell.lib.printing import INK

# reportlab's shape checking is off (pdf_fonts, imported above, turns it off before the
# shapes are first imported: it is read then, and a 90-day chart is thousands of shapes);
# said again here in case this module is ever imported on its own path first.
rl_config.shapeChecking = 0
from reportlab.graphics.shapes import (  # noqa: E402
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
)

CHART_WIDTH = 170 * mm
# The figure is laid out this wide and drawn at CHART_WIDTH: its 12-unit labels print at
# about 9 pt, the size of the text around it.
FIGURE_WIDTH = 640
TEXT, MUTED, LINE = (colors.HexColor(INK[c]) for c in ("text", "muted", "line"))
LABEL = colors.HexColor("#555555")


def _colour(look):
    return _hex(palette.hex_for(look.colour, "light"))


@lru_cache(maxsize=64)
def _hex(value):
    """One reportlab colour for each hex value (a chart has hundreds of boxes in a few
    colours; reportlab only reads them)."""
    return colors.HexColor(value)


def hatch(x, y, w, h, spacing=4.0):
    """Diagonal lines (rising at 45°) across the box, clipped to it: (x1, y1, x2, y2)."""
    lines, c = [], -h
    while c < w:
        # the line y' - y = (x' - x) - c, entered and left within the box
        x1, y1 = max(x, x + c), y + max(0.0, -c)
        x2 = min(x + w, x + c + h)
        y2 = y + (x2 - x - c)
        if x2 > x1:
            lines.append((x1, y1, x2, y2))
        c += spacing
    return lines


def drawing(figure):
    """A reportlab Drawing of the figure: the same shapes as the SVG, in the palette's
    light colours (y turned upwards)."""
    scale = CHART_WIDTH / figure.width
    top = figure.height
    group = Group(transform=(scale, 0, 0, scale, 0, 0))
    for s in figure.shapes:
        if isinstance(s, Rule):
            group.add(Line(s.x1, top - s.y1, s.x2, top - s.y2, strokeWidth=0.8,
                           strokeColor=MUTED if s.role == "axis" else LINE))
        elif isinstance(s, Box):
            edge = palette.EDGE if s.look.colour in palette.PALE else "#ffffff"
            y = top - s.y - s.h
            group.add(Rect(s.x, y, s.w, s.h, fillColor=_colour(s.look),
                           strokeColor=_hex(edge), strokeWidth=0.6))
            if s.look.hatched:
                for x1, y1, x2, y2 in hatch(s.x, y, s.w, s.h):
                    group.add(Line(x1, y1, x2, y2, strokeColor=colors.white, strokeWidth=1.2))
        elif isinstance(s, Trace):
            points = [v for x, y in s.points for v in (x, top - y)]
            thin = s.series.startswith("centile")  # a growth chart's reference lines
            group.add(PolyLine(points, strokeColor=_colour(s.look),
                               strokeWidth=0.8 if thin else 2,
                               strokeDashArray=[5, 3] if s.dashed else None))
        elif isinstance(s, Mark):
            fill = LINE if s.empty else _colour(s.look)
            cy = top - s.cy
            if s.shape == "square":
                group.add(Rect(s.cx - s.r * 0.9, cy - s.r * 0.9, s.r * 1.8, s.r * 1.8,
                               fillColor=fill, strokeColor=colors.white, strokeWidth=1))
            elif s.shape == "diamond":
                r = s.r * 1.25
                group.add(Polygon([s.cx, cy + r, s.cx + r, cy, s.cx, cy - r, s.cx - r, cy],
                                  fillColor=fill, strokeColor=colors.white, strokeWidth=1))
            else:
                group.add(Circle(s.cx, cy, s.r, fillColor=fill, strokeColor=None))
        elif isinstance(s, Label):
            for string in pdf_fonts.strings(s.x, top - s.y, s.text, SANS, s.size, s.anchor,
                                            fillColor=TEXT if s.role == "legend" else MUTED):
                group.add(string)
    picture = Drawing(CHART_WIDTH, figure.height * scale)
    picture.add(group)
    return picture


def _chart(chart):
    """The minutes chart of the report: ``chart`` holds the day labels, the series
    [(kind, name, minutes per day)] and the unit, as the web page draws them."""
    if not chart or not chart["series"]:
        return None
    series = [Series(k, n, v, palette.look(k)) for k, n, v in chart["series"]]
    return drawing(figures.stacked_bars(chart["days"], series, chart["unit"],
                                        width=FIGURE_WIDTH, plot_height=150,
                                        tick_text=charts.tick))


def _para(text, style):
    """A paragraph of plain text. reportlab reads a Paragraph as markup (links, images
    from the server's disk): every piece of text here comes from people or translations,
    never markup, so all of it is escaped (``pdf_fonts.paragraph``), in any script."""
    return pdf_fonts.paragraph(text, style)


def _cell(text, style):
    """A table cell: a paragraph, which wraps within its column. A plain string was drawn
    on one line whatever its length, and a long one ran off the page: the safety answer
    of a questionnaire ("… answered a question about safety (item 10)") lost its end in
    Spanish, the flag the reader most needs."""
    if isinstance(text, Flowable):
        return text
    return _para(text, style)


def styles():
    """The sample styles, set in the fonts that hold every shipped language's letters."""
    pdf_fonts.register()
    sheet = getSampleStyleSheet()
    for style in sheet.byName.values():
        if hasattr(style, "fontName"):
            style.fontName = SANS_BOLD if "Bold" in style.fontName else SANS
    return sheet


def render(*, child_name, age_text, words, extra=(), paper="a4"):
    """PDF bytes. ``words`` holds the translated sentences the page needs, and the chart's
    days and series (``visit.words``); ``extra`` are more pages' flowables (the 24-hour
    protocol, when she includes it), each begun on a new page."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=printing.page_size(paper), leftMargin=16 * mm,
                            rightMargin=16 * mm, topMargin=14 * mm, bottomMargin=14 * mm,
                            title=words["title"], author="Nestwell", initialFontName=SANS)
    sheet = styles()
    h1 = ParagraphStyle("h1", parent=sheet["Heading1"], fontSize=16, spaceAfter=2)
    h2 = ParagraphStyle("h2", parent=sheet["Heading2"], fontSize=12, spaceBefore=8,
                        spaceAfter=3)
    body = ParagraphStyle("body", parent=sheet["BodyText"], fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, textColor=colors.grey)
    story = [_para(words["title"], h1),
             _para(f"{child_name} · {age_text} · {words['period']}", body)]
    if words.get("birth"):
        story.append(_para(words["birth"], body))
    story.append(Spacer(1, 4))
    flag = ParagraphStyle("flag", parent=body, textColor=colors.HexColor("#9c4f46"))
    if words.get("attention") or words.get("flags") or words.get("scores_attention"):
        story.append(_para(words["attention_heading"], h2))  # first, before any table
        story += [_para(line, flag) for line in words.get("attention") or []]
        if words.get("flags"):
            story.append(_para(words["flags"], flag))
        story += [_para(line, flag) for line in words.get("scores_attention") or []]

    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11)
    label = ParagraphStyle("label", parent=cell, textColor=LABEL)

    def table(rows, widths=(70 * mm, 100 * mm)):
        rows = [[_cell(text, label if i == 0 else cell) for i, text in enumerate(row)]
                for row in rows]
        first = 0
        if pdf_fonts.rtl():  # read from the right: the labels in the right-hand column
            rows, widths, first = [row[::-1] for row in rows], widths[::-1], -1
        t = Table(rows, colWidths=widths)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                               ("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("TEXTCOLOR", (first, 0), (first, -1), LABEL),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return t

    story += [_para(words["care_heading"], h2), table(words["care_rows"])]
    if words.get("averaged_note"):
        story.append(_para(words["averaged_note"], small))
    chart = _chart(words.get("chart"))
    if chart is not None:
        # A heading never stays alone at the foot of a page, its chart on the next.
        story.append(KeepTogether([_para(words["chart_heading"], h2), chart]))
    if "growth_heading" in words:
        growth = words.get("growth_chart")
        if growth:
            # Heading, caption and chart together (Anna's walk: the heading and caption
            # sat at the foot of page 1, the chart on page 2).
            story.append(KeepTogether([
                _para(words["growth_heading"], h2),
                _para(growth["name"] + " · " + words["growth_lines"], small),
                drawing(figures.centile_chart(
                    [figures.Curve(n, p, main) for n, p, main in growth["curves"]],
                    growth["points"], growth["x_ticks"], growth["unit"],
                    palette.look("growth"), growth["series_name"], x_max=growth["x_max"],
                    width=FIGURE_WIDTH, plot_height=150, tick_text=charts.tick))]))
        else:
            story.append(_para(words["growth_heading"], h2))
        if words.get("growth_rows"):
            story.append(table([[_para(a, body), _para(b, body)]
                                for a, b in words["growth_rows"]], widths=(45 * mm, 125 * mm)))
        story.append(_para(words["growth_note"], small))
    if words.get("firsts_rows"):
        story += [_para(words["firsts_heading"], h2), table(words["firsts_rows"])]
    if words.get("health_rows"):
        story += [_para(words["health_heading"], h2), table(words["health_rows"])]
    if words.get("pumping_rows"):
        story += [_para(words["pumping_heading"], h2), table(words["pumping_rows"])]
    if words.get("medicine_rows"):
        story += [_para(words["medicine_heading"], h2),
                  table([[_para(a, body), _para(b, body)] for a, b in words["medicine_rows"]])]
    last = [_para(words["crying_heading"], h2), table(words["crying_rows"])]
    if words.get("mother_rows"):
        story += last
        last = [_para(words["mother_heading"], h2), table(words["mother_rows"])]
    # The closing line stays with the last section: alone, it had a page of its own
    # (Rachel's report, on US Letter).
    story.append(KeepTogether([*last, Spacer(1, 8), _para(words["footer"], small)]))
    if extra:
        story += [PageBreak(), *extra]
    running = f"{child_name} · {words['period']}"
    page_of = _("Page %(page)s of %(pages)s")

    def footer(canvas, page, pages):
        """Whose report, its period and the page, at the foot of every page."""
        canvas.saveState()
        canvas.setFillColor(MUTED)
        pdf_fonts.draw_centred(canvas, doc.pagesize[0] / 2, 7 * mm,
                               f"{running} · {page_of % {'page': page, 'pages': pages}}",
                               SANS, 7.5)
        canvas.restoreState()

    doc.build(story, canvasmaker=printing.numbered(footer))
    return buffer.getvalue()

"""The report as a PDF (reportlab), readable in two minutes, with its chart."""

import io

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

PALETTE = [colors.HexColor(c) for c in ("#9c4f46", "#3f6b5c", "#c28b2c", "#5b6fa8",
                                        "#8a5a9e", "#4f8f94")]


def _chart(report, labels_for_kinds):
    kinds = [k for k, v in sorted(report.minutes_by_kind.items(),
                                  key=lambda kv: -sum(kv[1])) if sum(v) > 0][:6]
    if not kinds:
        return None
    drawing = Drawing(170 * mm, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 14 * mm, 150 * mm, 44 * mm
    chart.data = [report.minutes_by_kind[k] for k in kinds]
    chart.categoryAxis.style = "stacked"
    step = max(1, report.days // 7)
    chart.categoryAxis.categoryNames = [
        (report.first.fromordinal(report.first.toordinal() + i).strftime("%d %b")
         if i % step == 0 else "") for i in range(report.days)]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    for i in range(len(kinds)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 12 * mm, 6 * mm
    legend.fontSize = 7
    legend.columnMaximum = 1
    legend.deltax = 30 * mm
    legend.alignment = "right"
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], labels_for_kinds.get(k, k))
                             for i, k in enumerate(kinds)]
    drawing.add(legend)
    return drawing


def render(report, *, child_name, age_text, labels_for_kinds, words):
    """PDF bytes. ``words`` holds the translated sentences the page needs."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm,
                            title=words["title"], author="Nestwell")
    styles = getSampleStyleSheet()
    h1 = ParagraphStyle("h1", parent=styles["Heading1"], fontSize=16, spaceAfter=2)
    h2 = ParagraphStyle("h2", parent=styles["Heading2"], fontSize=12, spaceBefore=8,
                        spaceAfter=3)
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=9.5, leading=13)
    small = ParagraphStyle("small", parent=body, fontSize=8, textColor=colors.grey)
    story = [Paragraph(words["title"], h1),
             Paragraph(f"{child_name} · {age_text} · {words['period']}", body), Spacer(1, 4)]

    def table(rows, widths=(70 * mm, 100 * mm)):
        t = Table(rows, colWidths=widths)
        t.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 9),
                               ("TEXTCOLOR", (0, 0), (0, -1), colors.HexColor("#555555")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#dddddd")),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return t

    story += [Paragraph(words["care_heading"], h2), table(words["care_rows"])]
    drawing = _chart(report, labels_for_kinds)
    if drawing is not None:
        story += [Paragraph(words["chart_heading"], h2), drawing]
    story += [Paragraph(words["crying_heading"], h2), table(words["crying_rows"])]
    if words.get("mother_rows"):
        story += [Paragraph(words["mother_heading"], h2)]
        if words.get("flags"):
            story.append(Paragraph(words["flags"], ParagraphStyle(
                "flag", parent=body, textColor=colors.HexColor("#9c4f46"))))
        story.append(table(words["mother_rows"]))
    story += [Spacer(1, 8), Paragraph(words["footer"], small)]
    doc.build(story)
    return buffer.getvalue()

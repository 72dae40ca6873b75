"""The keepsake book as a PDF (reportlab): a calm cover, then a page or more for each
month, photos scaled to fit, generous margins, page numbers, and the report's light,
print-friendly colours."""

import io

from PIL import Image as Picture
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
)

from nestwell.keepsake.layout import fit
from nestwell.lib import pdf_fonts
from nestwell.lib.pdf_fonts import SANS, SANS_BOLD
from nestwell.lib.printing import INK

# Photos are embedded as JPEG, as they are: binary, not spelled out in ASCII85 (a quarter
# larger). reportlab reads this when an image is written (the report PDF has none).
rl_config.useA85 = 0
# The report's ink (insights prints with the same), so the book reads as one of ours.
TEXT, MUTED, LINE = (HexColor(INK[c]) for c in ("text", "muted", "line"))

PAPER = {"a4": A4, "letter": LETTER}
# Set in the fonts that hold every shipped language's letters (Noto Sans and Noto Naskh
# Arabic, embedded); there is no italic among them, so the quieter lines are in the
# muted colour only.
pdf_fonts.register()
# A photo is printed from a copy made for its size on the page: sharp at home and in a
# photo shop, and a book of a hundred photos is a few seconds and a few tens of MB, not a
# minute and hundreds (the kept copy is up to 2560 pixels across).
PRINT_DPI = 220
MARGIN = 22 * mm
PHOTO_HEIGHT = 88 * mm  # two photos with their words fit on a page
COVER_PHOTO_HEIGHT = 115 * mm

TITLE = ParagraphStyle("k-title", fontName=SANS, fontSize=30, leading=36,
                       alignment=TA_CENTER, textColor=TEXT, spaceAfter=6 * mm)
COVER_LINE = ParagraphStyle("k-cover", fontName=SANS, fontSize=14, leading=18,
                            alignment=TA_CENTER, textColor=MUTED)
DEDICATION = ParagraphStyle("k-dedication", parent=COVER_LINE, fontSize=13, leading=19,
                            textColor=TEXT)
MONTH = ParagraphStyle("k-month", fontName=SANS, fontSize=22, leading=26,
                       textColor=TEXT)
MONTH_LINE = ParagraphStyle("k-month-line", fontName=SANS, fontSize=12, leading=16,
                            textColor=MUTED, spaceAfter=2 * mm)
DAY = ParagraphStyle("k-day", fontName=SANS, fontSize=8.5, leading=11,
                     textColor=MUTED, spaceBefore=7 * mm)
HEADING = ParagraphStyle("k-heading", fontName=SANS_BOLD, fontSize=14, leading=18,
                         textColor=TEXT, spaceAfter=2 * mm)
BODY = ParagraphStyle("k-body", fontName=SANS, fontSize=11.5, leading=16,
                      textColor=TEXT, spaceAfter=2 * mm)
CAPTION = ParagraphStyle("k-caption", fontName=SANS, fontSize=10, leading=13,
                         alignment=TA_CENTER, textColor=MUTED, spaceBefore=1.5 * mm)
SMALL = ParagraphStyle("k-small", fontName=SANS, fontSize=8, leading=10,
                       alignment=TA_CENTER, textColor=MUTED)


def _text(text, style):
    """Plain text only: reportlab reads a Paragraph as markup (links, images from the
    server's disk), and everything here was written by people."""
    return pdf_fonts.paragraph(text, style)


def _paragraphs(text, style):
    return [_text(part, style) for part in str(text).split("\n") if part.strip()]


def print_copy(data, width, height):
    """JPEG bytes of the picture at PRINT_DPI for ``width`` × ``height`` points (never
    larger than it is), or None when the bytes are not a picture."""
    try:
        with Picture.open(io.BytesIO(data)) as picture:
            pixels = (round(width / 72 * PRINT_DPI), round(height / 72 * PRINT_DPI))
            picture.draft("RGB", pixels)  # a JPEG is decoded at a smaller scale at once
            picture = picture.convert("RGB")
            picture.thumbnail(pixels, Picture.Resampling.LANCZOS)
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=88)
            return out.getvalue()
    except (OSError, ValueError, Picture.DecompressionBombError):
        return None


def _image(photo, read, width, height):
    data = read(photo) if photo is not None else None
    if not data:
        return None
    w, h = fit(photo.width, photo.height, width, height)
    copy = print_copy(data, w, h)
    return Image(io.BytesIO(copy), width=w, height=h) if copy else None


def _cover(words, read, width):
    story = [Spacer(1, 28 * mm), _text(words["title"], TITLE),
             _text(words["name"], COVER_LINE), _text(words["cover_line"], COVER_LINE),
             Spacer(1, 10 * mm)]
    picture = _image(words["cover_photo"], read, width * 0.8, COVER_PHOTO_HEIGHT)
    if picture is not None:
        story += [picture, Spacer(1, 10 * mm)]
    return story + _paragraphs(words["dedication"], DEDICATION)


def _entry(entry, read, width):
    head = [_text(entry["day"], DAY), _text(entry["heading"], HEADING)]
    picture = _image(entry["photo"], read, width, PHOTO_HEIGHT)
    shown = [] if picture is None else [picture] + (
        [_text(entry["caption"], CAPTION)] if entry["caption"] else []) + [Spacer(1, 3 * mm)]
    body = _paragraphs(entry["text"], BODY)
    # The heading, the photo and the first words stay together: never a lone line at the
    # foot of a page or the top of the next.
    return [KeepTogether(head + shown + body[:1]), *body[1:]]


def render(words, read):
    """PDF bytes of the book. ``read(photo)`` gives a photo's bytes (or None when its file
    is gone: the entry is printed without it)."""
    buffer = io.BytesIO()
    size = PAPER.get(words["paper"], A4)
    doc = SimpleDocTemplate(buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=words["title"],
                            author="Nestwell", initialFontName=SANS, subject=words["name"])
    width = size[0] - 2 * MARGIN
    story = _cover(words, read, width)
    for month in words["months"]:
        story += [PageBreak(), _text(month["heading"], MONTH), _text(month["line"], MONTH_LINE),
                  HRFlowable(width="100%", thickness=0.6, color=LINE, spaceAfter=1 * mm)]
        for entry in month["entries"]:
            story += _entry(entry, read, width)
    if not words["months"]:
        story += [Spacer(1, 12 * mm), _text(words["empty"], COVER_LINE)]

    def cover_page(canvas, _doc):
        canvas.saveState()
        canvas.setFillColor(MUTED)
        pdf_fonts.draw_centred(canvas, size[0] / 2, MARGIN / 2, words["made"], SMALL.fontName,
                               SMALL.fontSize)
        canvas.restoreState()

    def numbered(canvas, doc_):
        canvas.saveState()
        canvas.setFillColor(MUTED)
        # the cover has no number
        pdf_fonts.draw_centred(canvas, size[0] / 2, MARGIN / 2, str(doc_.page - 1),
                               SMALL.fontName, 9)
        canvas.restoreState()

    doc.build(story, onFirstPage=cover_page, onLaterPages=numbered)
    return buffer.getvalue()

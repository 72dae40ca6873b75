"""The fonts every PDF is set in, and text made ready to print in any shipped language.

reportlab's standard fonts hold Latin-1 only. Every PDF is set instead in fonts kept in
``fonts/`` (fetched, checked and recorded by scripts/fetch-fonts.py; SIL Open Font License):
Noto Sans for Latin, Greek and Cyrillic letters, Noto Naskh Arabic for Arabic, each regular
and bold. reportlab embeds only the letters a PDF uses (a subset of each font).

reportlab itself neither joins Arabic letters nor lays a line out right to left here (it
would need its own bidi package, which is not on PyPI), so the text is prepared first:
``arabic_reshaper`` turns the letters into their joined forms, and python-bidi orders each
line for display (the Unicode bidi algorithm: numbers and Latin words keep their own order
inside Arabic). A paragraph with Arabic is broken into lines here, in reading order, and
each line is then ordered for display; every run of letters is set in the font that holds
them. In an Arabic PDF everything is aligned to the right and tables read from the right.

Nothing is downloaded at run time.
"""

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display  # the pure-Python one: it mirrors brackets too
from django.utils import translation
from reportlab import rl_config
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

# reportlab checks every attribute of every shape as it is set (its "shapeChecking", a help
# while writing drawing code): a 90-day chart is thousands of shapes, and the check was a
# fifth of the PDF. It is read once, when reportlab.graphics.shapes is first imported, and
# this module is the first to import it (every PDF module imports this one first), so it
# is turned off here, before that import.
rl_config.shapeChecking = 0
from reportlab.graphics.shapes import STATE_DEFAULTS, String  # noqa: E402

FOLDER = Path(__file__).with_name("fonts")
SANS, SANS_BOLD = "NestwellSans", "NestwellSans-Bold"
ARABIC, ARABIC_BOLD = "NestwellArabic", "NestwellArabic-Bold"
FILES = {SANS: "NotoSans-Regular.ttf", SANS_BOLD: "NotoSans-Bold.ttf",
         ARABIC: "NotoNaskhArabic-Regular.ttf", ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf"}
# The Arabic font that goes with each Latin one.
_ARABIC_FOR = {SANS: ARABIC, SANS_BOLD: ARABIC_BOLD, ARABIC: ARABIC, ARABIC_BOLD: ARABIC_BOLD}
# Arabic letters (with their supplements) and their presentation forms.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# The vowel marks (harakat) are kept, as written: the font draws each over or under the
# letter that follows it in display order, which is the letter it belongs to.
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


@cache
def register():
    """Register the four fonts with reportlab (once a process; cheap after the first)."""
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, FOLDER / file))
    for regular, bold in ((SANS, SANS_BOLD), (ARABIC, ARABIC_BOLD)):
        # No italic is kept: <i> and an italic style print upright.
        for italic in (0, 1):
            addMapping(regular, 0, italic, regular)
            addMapping(regular, 1, italic, bold)
    # A drawing (a chart) starts from reportlab's default font, Helvetica, which would then
    # be named in the PDF though nothing is set in it.
    STATE_DEFAULTS["fontName"] = SANS


def font(bold=False):
    register()
    return SANS_BOLD if bold else SANS


@cache
def _glyphs(name):
    return pdfmetrics.getFont(name).face.charToGlyph


def has_arabic(text):
    return _ARABIC.search(text) is not None


def rtl():
    """Is the PDF being made in a right-to-left language?"""
    return translation.get_language_bidi()


def direction(text):
    """"R" or "L": the base direction of a piece of text. In an Arabic PDF, a text with
    Arabic in it reads from the right (so a Latin name or a number inside keeps its place);
    one without (a name, a note written in French) from the left. Elsewhere a text reads
    from the right when most of its letters are Arabic or Hebrew (a note written in Arabic),
    not when a sentence holds an Arabic name."""
    if rtl():
        return "R" if has_arabic(text) else "L"
    right = left = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            right += 1
        elif kind == "L":
            left += 1
    return "R" if right > left else "L"


def visual(text, base=None):
    """The text in display order, its Arabic letters joined. Text without Arabic read from
    the left is returned as it is."""
    text = str(text)
    base = base or direction(text)
    if base == "L" and not has_arabic(text):
        return text
    return _display(text, base)


@lru_cache(maxsize=4096)
def _display(text, base):
    """Joined and ordered (a chart's or the protocol's labels come again and again)."""
    return get_display(_RESHAPER.reshape(text), base_dir=base)


def runs(text, name):
    """[(font, piece)] of the text (in display order): Arabic in the Arabic font that goes
    with ``name``, letters of other scripts in ``name``; spaces, digits and punctuation
    stay with the run they are in when its font holds them."""
    register()
    latin, arabic = (SANS_BOLD if name in (SANS_BOLD, ARABIC_BOLD) else SANS), _ARABIC_FOR[name]
    out, current, piece = [], None, []
    for ch in text:
        if _ARABIC.match(ch):
            which = arabic
        elif unicodedata.category(ch)[0] in "LM":
            which = latin
        elif current is not None and ord(ch) in _glyphs(current):
            which = current
        else:
            which = latin
        if which != current and piece:
            out.append((current, "".join(piece)))
            piece = []
        current = which
        piece.append(ch)
    if piece:
        out.append((current, "".join(piece)))
    return out


def width(text, name, size):
    """The width of text (its Arabic already joined) in points."""
    return sum(pdfmetrics.stringWidth(piece, f, size) for f, piece in runs(text, name))


def _markup(text, name):
    """Paragraph markup of display-ordered text, every run in its own font."""
    return "".join(escape(piece) if f == name else f'<font face="{f}">{escape(piece)}</font>'
                   for f, piece in runs(text, name))


def _right(style):
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT)


def paragraph(text, style):
    """A Paragraph of plain text (never markup: everything printed comes from people or
    translations, so all of it is escaped), ready for any script and direction."""
    register()
    text = str(text)
    base = direction(text)
    if (rtl() or base == "R") and style.alignment == TA_LEFT:
        style = _right(style)
    if base == "R":
        return RightToLeft(text, style)
    if has_arabic(text):  # an Arabic name in a French sentence
        return Paragraph(_markup(visual(text, "L"), style.fontName), style)
    return Paragraph(escape(text), style)


class RightToLeft(Flowable):
    """A paragraph read from the right: broken into lines in reading order for the width
    it is given, then each line put in display order (a standard Paragraph of those lines
    does the rest: splitting across pages, colour, spacing)."""

    def __init__(self, text, style):
        super().__init__()
        self.text = _RESHAPER.reshape(text)
        self.style = style
        self._inner, self._for = None, None

    def _lines(self, available):
        size, name = self.style.fontSize, self.style.fontName
        space = pdfmetrics.stringWidth(" ", SANS, size)
        lines, line, used = [], [], 0.0
        for word in self.text.split():
            w = width(word, name, size)
            if line and used + space + w > available - 1:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0) + w
            line.append(word)
        if line:
            lines.append(" ".join(line))
        return lines

    def _paragraph(self, available):
        if self._inner is None or self._for != available:
            lines = self._lines(available)
            self._inner = Paragraph("<br/>".join(
                _markup(get_display(line, base_dir="R"), self.style.fontName)
                for line in lines), self.style)
            self._for = available
        return self._inner

    def wrap(self, available_width, available_height):
        self.width, self.height = self._paragraph(available_width).wrap(
            available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return self._paragraph(available_width).split(available_width, available_height)

    def draw(self):
        self._inner.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):  # noqa: N802 (reportlab's name)
        return self.style.spaceBefore

    def getSpaceAfter(self):  # noqa: N802
        return self.style.spaceAfter


def strings(x, y, text, name, size, anchor="start", **kw):
    """reportlab graphics Strings for a label at (x, y) (``anchor`` start, middle or end
    as in SVG): one String for each run of letters, in the font that holds them."""
    register()
    parts = runs(visual(text), name)
    if len(parts) == 1:
        return [String(x, y, parts[0][1], fontName=parts[0][0], fontSize=size,
                       textAnchor=anchor, **kw)]
    widths = [pdfmetrics.stringWidth(piece, f, size) for f, piece in parts]
    left = x - {"start": 0, "middle": sum(widths) / 2, "end": sum(widths)}[anchor]
    out = []
    for (f, piece), w in zip(parts, widths, strict=True):
        out.append(String(left, y, piece, fontName=f, fontSize=size, **kw))
        left += w
    return out


def draw_centred(canvas, x, y, text, name, size):
    """Text centred on (x, y) on a page's canvas (a page number, a footer)."""
    parts = runs(visual(text), name)
    widths = [pdfmetrics.stringWidth(piece, f, size) for f, piece in parts]
    left = x - sum(widths) / 2
    for (f, piece), w in zip(parts, widths, strict=True):
        canvas.setFont(f, size)
        canvas.drawString(left, y, piece)
        left += w

"""Reading a PDF back in tests: its text as a reader's copy-and-paste gives it (Arabic
letters printed in their joined forms come back as the plain letters once normalised with
NFKC), and the fonts it uses."""

import io
import re
import unicodedata

from pypdf import PdfReader

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def raw_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def text(content):
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", raw_text(content)))


def words(sentence):
    """The Arabic words of a sentence (the pieces a line may be broken between)."""
    return [w.strip("():،.؛,") for w in sentence.split() if re.search("[\u0600-\u06ff]", w)]


def fonts(content):
    """{font name without its subset tag: embedded?} of every page's fonts."""
    found = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+")[-1].lstrip("/")
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            found[name] = descriptor is not None and "/FontFile2" in descriptor.get_object()
    return found


def joined(content):
    """Does the PDF hold Arabic letters in their joined (presentation) forms?"""
    return re.search("[\ufb50-\ufdff\ufe70-\ufeff]", raw_text(content)) is not None


def beyond_the_right_margin(content, margin_mm=16):
    """The lines of text that run past the right margin of their page, as (page, text):
    each drawn run's start (its matrices) plus its width in the font it is set in."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from nestwell.lib import pdf_fonts

    pdf_fonts.register()
    out = []
    for number, page in enumerate(PdfReader(io.BytesIO(content)).pages, 1):
        edge = float(page.mediabox.width) - margin_mm * 72 / 25.4 + 1  # a point's slack

        def visit(run, cm, tm, font, size, number=number, edge=edge):
            if not run.strip() or font is None:
                return
            scale = abs(tm[0] * cm[0]) or 1
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            name = pdf_fonts.SANS_BOLD if "Bold" in str(font.get("/BaseFont")) \
                else pdf_fonts.SANS
            if x + stringWidth(run.rstrip("\n"), name, size * scale) > edge:
                out.append((number, run.strip()))

        page.extract_text(visitor_text=visit)
    return out

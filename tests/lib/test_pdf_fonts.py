"""The fonts every PDF is set in: exactly what scripts/fetch-fonts.py took from the npm
registry (its sha512 checked there), with their licence; and text made ready to print in
any script: Arabic joined and read from the right, each run in a font that holds it."""

import unicodedata

from django.utils import translation
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from nestwell.lib import pdf_fonts
from nestwell.lib.pdf_fonts import ARABIC, ARABIC_BOLD, SANS, SANS_BOLD
from tests.vendored import check

FONTS = pdf_fonts.FOLDER


def test_every_vendored_font_matches_its_recorded_hash_and_nothing_else_is_kept():
    check(FONTS)


def test_the_licences_are_kept_and_the_versions_pinned_with_their_integrity():
    for name in ("NotoSans-OFL.txt", "NotoNaskhArabic-OFL.txt"):
        assert "SIL Open Font License" in (FONTS / name).read_text()
    for row in (FONTS / "VENDORED.txt").read_text().splitlines():
        _name, _digest, package, integrity = row.split()
        assert "@" in package and integrity.startswith("sha512-")


def test_the_fonts_hold_every_shipped_languages_letters():
    pdf_fonts.register()
    sans = pdf_fonts._glyphs(SANS)
    for ch in "AzÀÿŒœ€çéèêëîïôûùüÿäöüßñ¿¡«»·—–’“”Ли":
        assert ord(ch) in sans, ch
    arabic = pdf_fonts._glyphs(ARABIC)
    for ch in "ابتثجحخدذرزسشصضطظعغفقكلمنهويىءآأؤإئة٠١٢٣":
        assert ord(ch) in arabic, ch
    # The joined forms arabic_reshaper writes.
    for ch in pdf_fonts.visual("ليلى تنام، لا بأس", "R"):
        assert ord(ch) in arabic or ord(ch) in sans, hex(ord(ch))


def test_arabic_is_joined_and_in_display_order():
    shown = pdf_fonts.visual("ليلى", "R")
    assert shown != "ليلى" and all("\ufe70" <= ch <= "\ufeff" for ch in shown)
    assert unicodedata.normalize("NFKC", shown)[::-1] == "ليلى"


def test_numbers_and_latin_words_keep_their_own_order_inside_arabic():
    shown = pdf_fonts.visual("عمره 12 أسبوعا", "R")
    assert " 12 " in shown  # not 21
    assert unicodedata.normalize("NFKC", shown).split() == ["اعوبسأ", "12", "هرمع"]
    # A Latin name and the number after it are one left-to-right run, read from the right.
    shown = pdf_fonts.visual("كتبت Nora 2 كلمات", "R")
    assert unicodedata.normalize("NFKC", shown).split() == ["تاملك", "Nora", "2", "تبتك"]
    # Brackets mirrored: the opening one, on the right of what it holds, turns to face it.
    assert unicodedata.normalize("NFKC", pdf_fonts.visual("وزن (3.2 كغ)", "R")) == \
        "(غك 3.2) نزو"


def test_latin_text_is_left_as_it_is():
    assert pdf_fonts.visual("Zoë, 3 mois (née le 2 mars)") == "Zoë, 3 mois (née le 2 mars)"


def test_each_run_is_in_a_font_that_holds_it():
    runs = pdf_fonts.runs(pdf_fonts.visual("Zoë et ليلى", "L"), SANS)
    assert [f for f, _ in runs] == [SANS, ARABIC]
    assert pdf_fonts.runs("Ли", SANS_BOLD) == [(SANS_BOLD, "Ли")]
    assert pdf_fonts.runs(pdf_fonts.visual("ليلى", "R"), SANS_BOLD)[0][0] == ARABIC_BOLD


def test_the_direction_follows_the_language_and_the_text():
    with translation.override("ar"):
        assert pdf_fonts.direction("Nora · عمره 4 أسابيع") == "R"
        assert pdf_fonts.direction("Nora, 4 weeks.") == "L"  # a note in English
    with translation.override("fr"):
        assert pdf_fonts.direction("Nora · 4 semaines") == "L"
        assert pdf_fonts.direction("«ليلى» نامت") == "R"  # a note written in Arabic
        assert pdf_fonts.direction("ليلى à 1 mois") == "L"  # a sentence with her name


def style():
    pdf_fonts.register()
    return ParagraphStyle("t", fontName=SANS, fontSize=10, leading=12)


def test_text_is_never_read_as_markup_in_either_direction():
    with translation.override("en"):
        latin = pdf_fonts.paragraph('<img src="/etc/passwd"/> & <b>x</b>', style())
    assert isinstance(latin, Paragraph) and "&lt;img" in latin.text
    with translation.override("ar"):
        arabic = pdf_fonts.paragraph('ليلى <img src="/etc/passwd"/>', style())
        arabic.wrap(300, 100)
    markup = arabic._inner.text.replace('<font face="NestwellArabic">', "").replace(
        "</font>", "")
    assert "<" not in markup and ">" not in markup and "&lt;" in markup


def test_a_long_arabic_paragraph_is_broken_into_lines_in_reading_order():
    with translation.override("ar"):
        text = "بداية " + " ".join(["قمر"] * 40) + " نهاية"
        paragraph = pdf_fonts.paragraph(text, style())
        _w, height = paragraph.wrap(120, 1000)
    lines = paragraph._lines(120)
    assert len(lines) > 3 and height >= len(lines) * 12
    first, last = (unicodedata.normalize("NFKC", line) for line in (lines[0], lines[-1]))
    assert first.startswith("بداية") and last.endswith("نهاية")  # logical order, per line
    assert all(pdf_fonts.width(line, SANS, 10) <= 120 for line in lines)


def test_the_vowel_marks_written_are_kept():
    assert "\u064f" in pdf_fonts.visual("صُنع", "R")  # damma


def test_reportlab_checks_no_shape_attribute_in_a_pdf_process():
    """reportlab reads shapeChecking once, when its shapes are first imported; the fonts
    module imports them first, and checking every attribute of a chart's thousands of
    shapes was a fifth of a report's PDF. A fresh process, so that no other test's
    imports decide the order."""
    import subprocess
    import sys

    code = ("import django\ndjango.setup()\n"
            "import nestwell.insights.report_pdf, nestwell.insights.protocol.pdf\n"
            "from reportlab.graphics.shapes import Shape\n"
            "print('__setattr__' in Shape.__dict__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "False"

"""The language a PDF is printed in. Nestwell's PDFs are set in reportlab's standard fonts,
which hold the Latin letters of English, French, German and Spanish only: a PDF asked
for in another language (Arabic) is made in English until Nestwell embeds a font that
holds its letters and shapes them (issue 19). The page says so beside the download."""

from contextlib import contextmanager

from django.utils import translation

PRINTABLE = frozenset({"en", "fr", "de", "es"})
# The ink of every PDF (the report, the protocol, the keepsake book): text, muted text,
# rules. Kept here so that a PDF of any app prints in the same colours.
INK = {"text": "#2d2a26", "muted": "#6b645c", "line": "#e4dbd0"}


def printable(code: str | None = None) -> bool:
    code = code or translation.get_language() or "en"
    return code.split("-")[0] in PRINTABLE


@contextmanager
def print_language():
    """Inside, gettext speaks the language in use if a PDF can print it, else English."""
    code = translation.get_language() or "en"
    with translation.override(code if printable(code) else "en"):
        yield

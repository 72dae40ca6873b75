"""What every PDF shares (the report, the protocol, the keepsake book). The fonts and the
way text is prepared for them live in ``pdf_fonts``."""

# The ink of every PDF: text, muted text, rules. Kept here so that a PDF of any app prints
# in the same colours.
INK = {"text": "#2d2a26", "muted": "#6b645c", "line": "#e4dbd0"}


# Countries that print on US Letter; everyone else on A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR",
                              "DO", "SV", "PA", "BZ", "NI"})


def paper_for(country):
    """"letter" or "a4": the paper a household's country prints on."""
    return "letter" if (country or "").upper() in LETTER_COUNTRIES else "a4"


def page_size(paper):
    """reportlab's page size for "letter" or "a4" (reportlab is imported here, on use)."""
    from reportlab.lib.pagesizes import A4, LETTER

    return LETTER if paper == "letter" else A4


def numbered(footer):
    """A reportlab canvas class that writes ``footer(page, pages)`` at the foot of every
    page once the document is laid out, when the number of pages is known ("page 2 of 3":
    a printed report whose pages come apart can be put together again). Pages are kept
    until then, as the reportlab user guide's page-count recipe does."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas

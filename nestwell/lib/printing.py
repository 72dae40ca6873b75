"""What every PDF shares (the report, the protocol, the keepsake book). The fonts and the
way text is prepared for them live in ``pdf_fonts``."""

# The ink of every PDF: text, muted text, rules. Kept here so that a PDF of any app prints
# in the same colours.
INK = {"text": "#2d2a26", "muted": "#6b645c", "line": "#e4dbd0"}

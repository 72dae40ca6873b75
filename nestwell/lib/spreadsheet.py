"""CSV that a spreadsheet opens as text, never as a formula.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets ("CSV injection"). As OWASP advises, such
a text cell gets a leading apostrophe, which the spreadsheet shows as text. Numbers are
left alone, written as numbers or as text ("-1.23", a z-score, read as the number it is:
with an apostrophe it had shown as '-1.23). Every CSV Nestwell writes goes through
``writer``.
"""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?", re.ASCII)


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, stream, **kwargs):
        self._writer = csv.writer(stream, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, **kwargs):
    """``csv.writer`` whose text cells cannot start a formula."""
    return _SafeWriter(stream, **kwargs)

"""CSV that a spreadsheet opens as text, never as a formula.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets ("CSV injection"). As OWASP advises, such
a text cell gets a leading apostrophe, which the spreadsheet shows as text. Numbers are
left alone. Every CSV Nestwell writes goes through ``writer``.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
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

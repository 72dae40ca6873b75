"""What a chosen file is, from its first bytes, when it is not the text an importer reads:
a zip (Nestwell's own CSV export, an Excel workbook), a compressed file, a PDF, a picture.
Said in one clear line before any reading, instead of "not UTF-8" or a JSON parser's
complaint quoting binary bytes. Pure apart from the translation of its words."""

from django.utils.translation import gettext_lazy as _

from nestwell.photos.limits import is_heic

HEAD = 16  # bytes enough to tell

_MAGIC = (
    (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"PK\x07\x08", "zip"),
    (b"\x1f\x8b", "gzip"), (b"%PDF", "pdf"),
    (b"\x89PNG", "picture"), (b"\xff\xd8\xff", "picture"), (b"GIF8", "picture"),
    (b"\xd0\xcf\x11\xe0", "workbook"),  # an old Excel (.xls) file
)

# What to say of each kind; a zip is told apart by what she meant to bring.
_WORDS = {
    ("zip", "json"): _("This is a zip archive, not a JSON file. To bring everything over "
                       "from Nestwell, import its JSON export; the zip of CSV files is for "
                       "spreadsheets."),
    ("zip", "csv"): _("This is a zip archive (or an Excel workbook), not a CSV file. Open "
                      "it and choose the CSV file inside, or save the sheet as “CSV UTF-8”."),
    "gzip": _("This file is compressed (gzip). Uncompress it first, then choose the file "
              "inside."),
    "workbook": _("This is an Excel workbook, not a CSV file. Open it in a spreadsheet and "
                  "save it as “CSV UTF-8”."),
    "pdf": _("This is a PDF document. Nestwell reads an app's data export (CSV or JSON), "
             "not a report."),
    "picture": _("This is a picture, not a data export. Photos are added on the Photos "
                 "page."),
}


def kind_of(head: bytes) -> str | None:
    """zip, gzip, pdf, picture or workbook; None for anything else (text, or unknown)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if is_heic(head) or head[4:12] == b"ftypavif" or (head.startswith(b"RIFF")
                                                       and head[8:12] == b"WEBP"):
        return "picture"
    return None


def refusal(head: bytes, *, want: str) -> str | None:
    """The line that refuses a file of a kind no importer reads, or None. ``want`` is
    "json" (a Nestwell export) or "csv" (another app's)."""
    kind = kind_of(head)
    if kind is None:
        return None
    return str(_WORDS[(kind, want)] if kind == "zip" else _WORDS[kind])


def refusal_for_path(path, *, want: str) -> str | None:
    with open(path, "rb") as stream:
        return refusal(stream.read(HEAD), want=want)

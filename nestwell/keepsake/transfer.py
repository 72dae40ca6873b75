"""Her notes and choices for the keepsake book in the household export, and back in.

A book's picks are keys of this Nestwell (``letter-12``); in a file they are the export's
own ids, which an import keeps as each moment's and first's ``external_id``, so they can be
found again wherever the file goes: a letter is ``moment:12``, a first ``milestone:3``, a
note ``keepsake_note:7``, the birth ``birth``, a photo ``photo:9`` (photos are not in the
JSON export: such a pick is left out on import, and the import says so). Pure: no queries.
"""

import re
from datetime import date, timedelta

from nestwell.keepsake.models import DEDICATION_LIMIT, NOTE_LIMIT, TITLE_LIMIT, Paper

# Far more than any book: a file with more is refused rather than read on.
MOST_PICKS = 2000
MOST_NOTES = 20_000  # notes for the book in one file
_OUT = {"letter": "moment", "first": "milestone", "note": "keepsake_note", "photo": "photo"}
_IN = {v: k for k, v in _OUT.items()}
_FILE_ID = re.compile(r"(moment|milestone|keepsake_note|photo):([0-9]{1,18})")
_KEY = re.compile(r"(letter|first|note|photo|birth)-([0-9]{1,18})")
_COVER = re.compile(r"photo:[0-9]{1,18}")


class Refused(ValueError):
    """A value of the keepsake sections that cannot come in; (field, reason)."""

    def __init__(self, field, reason):
        super().__init__(reason)
        self.field = field


def file_id(key):
    """A pick of this Nestwell (``letter-12``) as the export names it (``moment:12``)."""
    match = _KEY.fullmatch(key or "")
    if match is None:
        return None
    kind, number = match.groups()
    return "birth" if kind == "birth" else f"{_OUT[kind]}:{number}"


def note_row(note, names):
    return {"id": f"keepsake_note:{note.pk}", "child": names[note.child_id],
            "written_on": note.written_on.isoformat(), "text": note.text,
            "created_at": note.created_at.isoformat()}


def book_row(book, names):
    picked = [f for f in (file_id(k) for k in book.picked or []) if f is not None]
    return {"child": names[book.child_id], "title": book.title,
            "dedication": book.dedication,
            "first": book.first.isoformat() if book.first else None,
            "last": book.last.isoformat() if book.last else None, "paper": book.paper,
            "picked": picked, "cover": file_id(book.cover) if book.cover else None}


def _text(data, name, limit, *, required=False):
    value = data.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused(name, "is not text.")
    value = value.replace("\x00", "").strip()
    if required and not value:
        raise Refused(name, "is empty: a note needs a few words.")
    if len(value) > limit:
        raise Refused(name, f"is longer than {limit} characters.")
    return value


def _day(data, name, today, *, required):
    value = data.get(name)
    if value in (None, ""):
        if required:
            raise Refused(name, "is missing.")
        return None
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and len(value) <= 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise Refused(name, f"“{value}” is not a day (YYYY-MM-DD).") from None
    else:
        raise Refused(name, "is not a day (YYYY-MM-DD).")
    if not date(2000, 1, 1) <= day <= today + timedelta(days=366):
        raise Refused(name, f"{day.isoformat()} is not a day Nestwell keeps (from 2000 to "
                            "a year from now).")
    return day


def check_note(data, today):
    """A note's day and words, checked as the note form checks them."""
    return {"written_on": _day(data, "written_on", today, required=True),
            "text": _text(data, "text", NOTE_LIMIT, required=True)}


def check_book(data, today):
    """A book's cover words, dates, paper and picks (still as the file's ids)."""
    first = _day(data, "first", today, required=False)
    last = _day(data, "last", today, required=False)
    if first and last and last < first:
        raise Refused("last", "The end comes before the start.")
    paper = data.get("paper") or Paper.A4
    if paper not in Paper.values:
        raise Refused("paper", f"is not one of {', '.join(Paper.values)}.")
    picked = data.get("picked")
    if picked is None:
        picked = []
    if not isinstance(picked, list):
        raise Refused("picked", "is not a list of items.")
    if len(picked) > MOST_PICKS:
        raise Refused("picked", f"has more than {MOST_PICKS} items; no book has.")
    for item in picked:
        if not isinstance(item, str) or not (item == "birth" or _FILE_ID.fullmatch(item)):
            shown = item if isinstance(item, str) and len(item) <= 40 else "this"
            raise Refused("picked", f"“{shown}” is not an item of a keepsake book "
                                    "(moment:…, milestone:…, keepsake_note:…, photo:… or "
                                    "birth).")
    cover = data.get("cover") or ""
    if cover and (not isinstance(cover, str) or not _COVER.fullmatch(cover)):
        raise Refused("cover", "is not a photo of the book (photo:…).")
    return {"title": _text(data, "title", TITLE_LIMIT),
            "dedication": _text(data, "dedication", DEDICATION_LIMIT), "first": first,
            "last": last, "paper": paper, "picked": list(dict.fromkeys(picked)),
            "cover": cover}


def resolve(picked, *, child_id, letters, firsts, notes):
    """The picks as keys of this Nestwell, given what the file's ids became here:
    ``letters`` / ``firsts`` / ``notes`` map a file id to a pk. Returns (keys, left out)."""
    keys, left = [], 0
    for item in picked:
        found = None
        if item == "birth":
            found = f"birth-{child_id}"
        else:
            kind = item.partition(":")[0]
            pk = {"moment": letters, "milestone": firsts, "keepsake_note": notes}.get(
                kind, {}).get(item)
            found = f"{_IN[kind]}-{pk}" if pk is not None else None
        if found is None:
            left += 1
        else:
            keys.append(found)
    return sorted(set(keys)), left

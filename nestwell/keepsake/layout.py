"""The book's order, as pure functions (no Django): which months it has, what goes in each,
where the pregnancy begins, and which paper a country prints on."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from nestwell.lib.printing import LETTER_COUNTRIES, paper_for  # noqa: F401 (offered here)

TERM_DAYS = 280  # 40 weeks, counted from the first day of the last period

PREGNANCY, BIRTH, BABY = "pregnancy", "birth", "baby"
REMEMBERED = "remembered"  # a month after the baby died: no age, no waiting


@dataclass
class Entry:
    """One thing in the book: a letter, the birth, a first, a photo or a note."""

    key: str
    day: date
    heading: str
    text: str = ""
    # Within a day: what has a time (the birth, a letter) by its time, then a first, a
    # photo and a note, each in the order kept. One shape for every kind, so that any two
    # compare (a note on the birth day compared a number with a time: the book was a 500).
    sort: tuple = ()
    photo: object = None  # a Photo row, read only by the PDF
    caption: str = ""
    joins: str = ""  # a photo's letter or first (its key), which it joins in the book


@dataclass
class Month:
    year: int
    month: int
    phase: str  # PREGNANCY, BIRTH (the month she was born), BABY or REMEMBERED
    months_old: int = 0
    entries: list = field(default_factory=list)


def pregnancy_start(*, due_date=None, birth_date=None, gestation_days=None):
    """The day the pregnancy is counted from: 40 weeks before the due date, else the
    weeks of pregnancy (or 40) before the birth, else None."""
    if due_date is not None:
        return due_date - timedelta(days=TERM_DAYS)
    if birth_date is not None:
        return birth_date - timedelta(days=gestation_days or TERM_DAYS)
    return None


TIMED, FIRST, PHOTO, NOTE = range(4)


def at_time(moment) -> tuple:
    """The order within a day of an entry with a time (an aware datetime)."""
    return (TIMED, moment.timestamp(), 0)


def kept(rank: int, pk: int) -> tuple:
    """The order within a day of an entry of ``rank`` kept as the ``pk``-th."""
    return (rank, 0.0, pk)


def months(entries, birth_date, died_on=None):
    """``entries`` grouped by calendar month, in time order, each month in time order. A
    month after the one a baby died in (``died_on``) counts no age and waits for no one."""
    grouped = {}
    for entry in sorted(entries, key=lambda e: (e.day, e.sort or kept(NOTE, 0), e.key)):
        grouped.setdefault((entry.day.year, entry.day.month), []).append(entry)
    # A pregnancy that ended: its last month waits for no one either.
    return [Month(year, month, REMEMBERED, entries=items)
            if died_on is not None and ((year, month) > (died_on.year, died_on.month) or (
                birth_date is None and (year, month) == (died_on.year, died_on.month)))
            else _month(year, month, birth_date, items)
            for (year, month), items in grouped.items()]


def _month(year, month, birth_date, items):
    if birth_date is None or (year, month) < (birth_date.year, birth_date.month):
        return Month(year, month, PREGNANCY, entries=items)
    if (year, month) == (birth_date.year, birth_date.month):
        return Month(year, month, BIRTH, entries=items)
    old = (year * 12 + month) - (birth_date.year * 12 + birth_date.month)
    return Month(year, month, BABY, months_old=old, entries=items)


def within(entries, first, last):
    return [e for e in entries if (first is None or e.day >= first)
            and (last is None or e.day <= last)]


def fit(width, height, max_width, max_height):
    """The largest size of a ``width`` × ``height`` picture inside the box: a photo is
    never cropped or stretched."""
    if width <= 0 or height <= 0:
        return max_width, max_width * 0.75
    scale = min(max_width / width, max_height / height)
    return width * scale, height * scale

"""A CSV file from any tracker, read through a column mapping the person gives, and the CSV
machinery every importer in this package shares.

The mapping (``options``)::

    {
        "kind": "Activity",              # the column that says what happened, or
        "kind_value": "feeding",         # one kind for every row
        "kind_map": {"Breastfeed": "feeding", "Nap": "sleep",
                     "Crying": "cue:cry",  # a cue instead of a moment
                     "Nappy": None},       # None: leave these rows out (Skipped)
        "start": "Began",                # required
        "end": "Finished",               # optional
        "duration_minutes": "Minutes",   # optional, used when there is no end
        "child": "Baby",                 # optional: the baby's name
        "note": "Comment",               # optional
        "external_id": "Ref",            # optional: makes re-importing harmless
        "external_id_prefix": "mytracker:",  # optional, put before each id
        "details.method": "How",         # any detail the kind has, one column each
        "date_format": "%d/%m/%Y %H:%M", # optional strptime format for start and end
        "day_first": True,               # optional: read 03/04/2024 as 3 April
    }

Without ``date_format``, times may be ISO 8601 (``2024-05-01 14:30``, with or without an
offset) or US style (``5/1/2024 2:30 PM``, ``5/1/24, 14:30``).

A kind (from the column, after ``kind_map``) must be one of Nestwell's moment kinds
(``MOMENT_KINDS``) or ``cue:<signal>``; any other value is a Rejected row naming the row
and the value. Details are passed on with light clean-up only (choices lower-cased, whole
numbers and yes/no read); whether they fit the kind is for the loader to check.

Shared machinery (used by the Baby Buddy, Huckleberry and Baby Tracker readers too): a
``Table`` reads the header at once and then the rows lazily, one line at a time, so a file
of any size is never held in memory; rows are numbered by their line in the file (the
header is line 1); blank lines are ignored; a UTF-8 byte order mark is dropped. Times
without an offset are read in the household's time zone, times with one are kept. A row
whose time cannot be read, that ends before it starts or that lasts over 24 hours is
Rejected with a reason naming the column and the value. This module is pure: standard
library only, no Django but its gettext (reasons are said in the reader's language).
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.journal.timeutil import EARLIEST_YEAR, within_bounds
from nestwell.transfer.records import Rejected, Row, Skipped

# Nestwell's moment kinds and cue signals, as in nestwell.journal.kinds and .cues (this
# package stays free of Django; a test checks these lists against those modules).
MOMENT_KINDS = frozenset({
    "skin_to_skin", "feeding", "talk", "sing", "read", "cuddle", "face_to_face",
    "babywearing", "massage", "bath", "play", "soothing", "sleep", "bump_talk", "bump_music",
    "movement_count", "letter", "note",
})
CUE_SIGNALS = frozenset({
    "cry", "fuss", "smile", "coo", "reach", "crawl_toward", "turn_away", "rooting", "arching",
    "other",
})

# Common ways trackers write a time besides ISO 8601 (US month/day order; see time_formats).
# Why rows of things Nestwell does not keep are skipped (shared by the importers).
POTTY = gettext_lazy("Nestwell keeps nappy changes, but not potty training.")
# Nestwell keeps growth (the Growth page), but how these apps write a measurement in their
# exports is not known well enough to read it without guessing a unit or a column.
GROWTH = gettext_lazy("Nestwell keeps growth measurements, but cannot yet read them from this "
                      "app's export safely; add them on the Growth page (a Baby Buddy export "
                      "brings them over).")
# The same for medicines and temperatures (the Medicines and Temperatures pages).
CARE_RECORDS = gettext_lazy("Nestwell keeps medicines and temperatures, but cannot yet read "
                            "them from this app's export safely; add them on the Medicines or "
                            "Temperatures page (a Baby Buddy export brings them over).")
HEALTH = gettext_lazy("Nestwell does not keep vaccinations, symptoms or visits to the doctor; "
                      "they belong with your health visitor's or doctor's notes.")

US_FORMATS = (
    "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%y %H:%M", "%m/%d/%y %I:%M %p", "%m/%d/%Y, %H:%M", "%m/%d/%y, %H:%M",
    "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %I:%M %p",
)
OZ_IN_ML = 29.5735           # one US fluid ounce
LONGEST = timedelta(hours=24)
MOST_ML = 1000               # the largest feed amount Nestwell accepts
NOTE_LIMIT = 2000            # the longest note the loader accepts

Item = Row | Skipped | Rejected


# Columns only one tracker's export has, so that a file imported as another's is refused
# with the right name instead of being read as nonsense (a Huckleberry file read as Baby
# Buddy's sleep, a Baby Tracker nursing file as Baby Buddy's notes). Compared as
# column_key() gives them.
SIGNATURES = {
    "huckleberry-csv": (gettext_lazy("Huckleberry"), lambda keys: "type" in keys and bool(
        keys & {"start condition", "start conditions", "end condition", "end conditions",
                "start location", "start locations"})),
    "babytracker-csv": (gettext_lazy("Baby Tracker"), lambda keys: bool(keys & {
        "left duration (min)", "right duration (min)", "total duration (min)",
        "duration(minutes)", "total amount (oz.)", "start side"}) or {"baby", "time"} <= keys),
    "babybuddy-csv": (gettext_lazy("Baby Buddy"), lambda keys: bool(
        keys & {"child_first_name", "child_last_name", "child_id"})),
}


def other_tracker(names: Iterable[str], chosen: str) -> str | None:
    """The one other tracker whose export these columns are, when ``chosen`` does not fit
    them; None when they fit ``chosen``, or no tracker, or more than one."""
    keys = {column_key(name) for name in names}
    fits = [format_id for format_id, (_name, test) in SIGNATURES.items() if test(keys)]
    if chosen in fits or len(fits) != 1:
        return None
    return fits[0]


class RowError(ValueError):
    """One row cannot be read; the message is the reason, written for a person."""


# --- reading the file -----------------------------------------------------------------

def column_key(name: str) -> str:
    """A column name compared without case, outer spaces, runs of spaces or a BOM."""
    return " ".join(name.replace("\ufeff", "").lower().split())


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    lines = iter(lines)
    first = next(lines, None)
    if first is None:
        return iter(())
    return itertools.chain((first[1:] if first.startswith("\ufeff") else first,), lines)


class Table:
    """A CSV file: its header, read at once, and its data rows, read lazily.

    Iterating gives ``(line, cells)`` for every non-blank row, ``line`` being the number of
    the line the row starts on; a row the csv module cannot parse gives ``(line, RowError)``
    so the reader can reject it and go on.
    """

    def __init__(self, stream: Iterable[str], *, what: str = "a CSV file",
                 format_id: str | None = None):
        lines = _without_bom(stream)
        first = next(lines, "")
        if first.lstrip().startswith(("{", "[")):
            # Said the same whichever CSV was expected: it had named Baby Buddy when a
            # Nestwell export was given as a Huckleberry file.
            raise ValueError(_("This is a JSON file, not a CSV file; is this %(what)s? A "
                               "Nestwell export (JSON) is brought in as Nestwell's own format "
                               "(--format nestwell); from another app, choose its CSV export.")
                             % {"what": what})
        # Baby Buddy (and spreadsheets) also offer tab-separated files: read them as such.
        tabs = "\t" in first and "," not in first
        self._reader = csv.reader(itertools.chain((first,), lines) if first else iter(()),
                                  delimiter="\t" if tabs else ",")
        self.names: list[str] = []
        try:
            for cells in self._reader:
                if any(cell.strip() for cell in cells):
                    self.names = [cell.strip().strip("\ufeff") for cell in cells]
                    break
        except csv.Error as exc:
            raise ValueError(_("The first line cannot be read as CSV (%(exc)s); is this "
                               "%(what)s?") % {"exc": exc, "what": what}) from exc
        if not self.names:
            raise ValueError(_("The file is empty: it has no header line. Is this %(what)s?")
                             % {"what": what})
        self.what = what
        other = other_tracker(self.names, format_id) if format_id else None
        if other:
            raise ValueError(_("This looks like an export from %(other)s, not %(what)s: choose "
                               "%(other)s as its format and import it again. Nothing was "
                               "imported.") % {"other": SIGNATURES[other][0], "what": what})
        self._index: dict[str, int] = {}
        for position, name in enumerate(self.names):
            self._index.setdefault(column_key(name), position)

    def index(self, *names: str) -> int | None:
        """The position of the first of ``names`` the file has, or None."""
        for name in names:
            found = self._index.get(column_key(name))
            if found is not None:
                return found
        return None

    def index_starting(self, *prefixes: str) -> int | None:
        """The first column whose name starts with one of ``prefixes`` (spaces ignored)."""
        squashed = [(key.replace(" ", ""), pos) for key, pos in self._index.items()]
        for prefix in prefixes:
            want = column_key(prefix).replace(" ", "")
            for key, position in sorted(squashed, key=lambda kp: kp[1]):
                if key.startswith(want):
                    return position
        return None

    def require(self, name: str, *alternatives: str) -> int:
        """The position of a column the file must have; ValueError when it has none."""
        found = self.index(name, *alternatives)
        if found is None:
            raise ValueError(_("This file cannot be imported: the file has no '%(name)s' "
                               "column; is this %(what)s?") % {"name": name, "what": self.what})
        return found

    def name(self, position: int | None) -> str:
        return self.names[position] if position is not None else ""

    def __iter__(self) -> Iterator[tuple[int, list[str] | RowError]]:
        reader = self._reader
        previous = reader.line_num
        while True:
            try:
                for cells in reader:
                    line, previous = previous + 1, reader.line_num
                    if "".join(cells).strip():  # blank lines (and bare commas) are skipped
                        yield line, cells
                return
            except csv.Error as exc:
                line, previous = previous + 1, reader.line_num
                yield line, RowError(_("This line cannot be read as CSV (%(exc)s).") % {"exc": exc})


def cell(cells: list[str], position: int | None) -> str:
    """A cell's text, stripped; "" when the column is absent or the row is short."""
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def drive(table: Table, handle: Callable[[int, list[str]], Item | None]) -> Iterator[Item]:
    """Run ``handle`` on every row; a RowError becomes a Rejected row, and reading goes on.
    Local times that the clocks made ambiguous or skipped are settled by ``ClockChanges``."""
    clocks = ClockChanges()
    for line, cells in table:
        try:
            if isinstance(cells, RowError):
                raise cells
            item = handle(line, cells)
        except RowError as exc:
            yield Rejected(line, str(exc))
            continue
        if item is not None:
            yield from clocks.settle(item)
    yield from clocks.finish()


# --- clock changes --------------------------------------------------------------------

def _local(value: object) -> bool:
    """A time read without an offset (so in the household's zone, fold unknown)."""
    return isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo)


def _skipped(value: datetime) -> bool:
    """A local time that did not exist (the hour the clocks go forward)."""
    back = value.replace(fold=0).astimezone(UTC).astimezone(value.tzinfo)
    return back.replace(tzinfo=None) != value.replace(tzinfo=None, fold=0)


def _readings(value: datetime) -> list[datetime]:
    """The instants (in UTC) a local wall-clock time can mean: two in the hour the clocks go
    back, one otherwise (for a time the clocks skipped: the one an hour on, as on a clock
    that was not changed yet)."""
    first = value.replace(fold=0).astimezone(UTC)
    second = value.replace(fold=1).astimezone(UTC)
    if first == second or _skipped(value):
        return [first]
    return sorted((first, second))


class ClockChanges:
    """Exports that write naive local times (Baby Buddy's CSV, most trackers) make 01:30 on
    the night the clocks go back mean two instants. The file's own order decides: rows in
    time order (either way) tell which 01:30 comes first, so rows at such a time wait for
    the next clear time to show which way the file runs. A time that stays unclear, or one
    the clocks skipped, is imported (with the earlier reading) and flagged, never dropped."""

    WAITING = 1000  # rows held at most while the order is unclear

    def __init__(self) -> None:
        self.previous: datetime | None = None
        self.direction = 0  # 1: the file runs forwards in time, -1: backwards
        self.waiting: list[Row] = []

    def settle(self, item: Item) -> Iterator[Item]:
        start = item.data.get("started_at") if isinstance(item, Row) else None
        if isinstance(item, Row) and _local(start) and len(_readings(start)) > 1:
            self.waiting.append(item)
            if len(self.waiting) >= self.WAITING:
                yield from self.finish()
            return
        if isinstance(start, datetime):
            if _local(start):
                self._fix(item, _readings(start)[0], [])
            instant = item.data["started_at"].astimezone(UTC)
            if self.waiting and self.previous is not None and instant != self.previous:
                self.direction = 1 if instant > self.previous else -1
            yield from self.finish()
            self._follow(instant)
        yield item

    def finish(self) -> Iterator[Item]:
        waiting, self.waiting = self.waiting, []
        for row in waiting:
            start = row.data["started_at"]
            readings = _readings(start)
            chosen = self._in_order(readings)
            flags = []
            if chosen is None:
                chosen = readings[0]
                flags.append(_("%(when)s happened twice that night (the clocks went back); "
                               "it was read as the first, %(offset)s. Please check it.")
                             % {"when": f"{start:%Y-%m-%d %H:%M}",
                                "offset": _offset(chosen, start)})
            self._fix(row, chosen, flags)
            self._follow(chosen)
            yield row

    def _fix(self, row: Row, chosen: datetime, flags: list[str]) -> None:
        data = row.data
        start = data["started_at"]
        zone = start.tzinfo
        if _skipped(start):
            flags.append(_("%(when)s did not exist that night (the clocks went forward); it "
                           "was read as %(time)s. Please check it.")
                         % {"when": f"{start:%Y-%m-%d %H:%M}",
                            "time": f"{chosen.astimezone(zone):%H:%M}"})
        # Kept in the household's zone (with the right fold), as the readers give times.
        data["started_at"] = chosen.astimezone(zone)
        for name in ("ended_at", "closed_at", "responded_at"):
            value = data.get(name)
            if _local(value):
                after = [r for r in _readings(value) if r >= chosen]
                data[name] = (after[0] if after else _readings(value)[0]).astimezone(zone)
        if flags:
            data["flag"] = " ".join(flags)

    def _in_order(self, readings: list[datetime]) -> datetime | None:
        if self.previous is None or not self.direction:
            return None
        if self.direction > 0:
            later = [r for r in readings if r > self.previous] or [
                r for r in readings if r >= self.previous]
            return later[0] if later else None
        earlier = [r for r in readings if r < self.previous] or [
            r for r in readings if r <= self.previous]
        return earlier[-1] if earlier else None

    def _follow(self, instant: datetime) -> None:
        instant = instant.astimezone(UTC)
        if self.previous is not None and instant != self.previous and not self.waiting:
            self.direction = 1 if instant > self.previous else -1
        self.previous = instant


def _offset(instant: datetime, local: datetime) -> str:
    shifted = instant.astimezone(local.tzinfo)
    return f"{shifted:%H:%M} {shifted.tzname() or ''}".strip()


def stream_name(stream: object, options: dict) -> str:
    """The file's base name (from options["file_name"] or the stream), lower-cased."""
    name = str(options.get("file_name") or getattr(stream, "name", "") or "")
    return re.split(r"[\\/]", name)[-1].lower()


# --- times ----------------------------------------------------------------------------

def parse_time(text: str, zone: ZoneInfo, formats: Iterable[str] = (),
               fallbacks: Iterable[str] = ()) -> datetime:
    """Read a date and time: explicit ``formats`` first, then ISO 8601, then ``fallbacks``
    (strptime formats). A time without an offset is taken to be in ``zone``."""
    value = _first_format(text, formats) if formats else None
    if value is None and len(text) > 10:  # a date alone is not a time
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            value = None
    if value is None:
        value = _first_format(text, fallbacks)
    if value is None:
        raise ValueError(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _first_format(text: str, formats: Iterable[str]) -> datetime | None:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def read_time(text: str, column: str, zone: ZoneInfo, formats: Iterable[str] = (),
              fallbacks: Iterable[str] = (), *, required: bool = True) -> datetime | None:
    """A cell's time, or None when empty and not required; RowError when unreadable."""
    if not text:
        if required:
            raise RowError(_("The '%(column)s' time is missing.") % {"column": column})
        return None
    try:
        value = parse_time(text, zone, formats, fallbacks)
    except (ValueError, OverflowError) as exc:
        raise RowError(_("The '%(column)s' value “%(text)s” is not a date and time this "
                         "importer can read.") % {"column": column, "text": shown(text)}) from exc
    if not within_bounds(value):
        raise RowError(_("The '%(column)s' value “%(text)s” is not in the years Nestwell keeps "
                         "(%(earliest_year)s to now).")
                       % {"column": column, "text": shown(text), "earliest_year": EARLIEST_YEAR})
    return value


def read_day(text: str, column: str, zone: ZoneInfo, formats: Iterable[str] = (),
             fallbacks: Iterable[str] = ()) -> date:
    """A cell's day, for what is kept by the day (a growth measurement): a date and time,
    or a date alone, ISO ("2026-01-06") or in the date order of ``formats`` and
    ``fallbacks`` ("01/06/2026"). RowError, as read_time gives, when it is neither."""
    formats, fallbacks = tuple(formats), tuple(fallbacks)
    try:
        return read_time(text, column, zone, formats, fallbacks).date()
    except RowError:
        days = dict.fromkeys(("%Y-%m-%d", *(f.split(" ")[0].rstrip(",")
                                            for f in (*formats, *fallbacks))))
        for form in days:
            try:
                day = datetime.strptime(text.strip(), form).date()
            except ValueError:
                continue
            if within_bounds(datetime.combine(day, clock(12), zone)):
                return day
        raise


def time_formats(options: dict, fallbacks: Iterable[str] = ()) -> tuple[tuple, tuple]:
    """(formats, fallbacks) for read_time: options["date_format"] first when given; with
    options["day_first"], month/day fallbacks are read day/month instead."""
    explicit = (str(options["date_format"]),) if options.get("date_format") else ()
    fallbacks = tuple(fallbacks)
    if options.get("day_first"):
        fallbacks = tuple(f.replace("%m/%d", "%d/%m") for f in fallbacks)
    return explicit, fallbacks


def check_span(start: datetime, end: datetime | None, start_column: str, start_text: str,
               end_column: str, end_text: str, end_suffix: str = "") -> None:
    """Reject an end before its start, or a span over 24 hours; the reason names the columns
    and values the times came from (``end_suffix`` qualifies the end, e.g. "minutes later")."""
    if end is None or start <= end <= start + LONGEST:
        return
    start_label = label(start_column, start_text)
    end_label = label(end_column, end_text) + end_suffix
    if end < start:
        raise RowError(_("The end (%(end_label)s) is before the start (%(start_label)s).")
                       % {"end_label": end_label, "start_label": start_label})
    raise RowError(_("From the start (%(start_label)s) to the end (%(end_label)s) is more than "
                     "24 hours; Nestwell keeps moments of at most a day.")
                   % {"start_label": start_label, "end_label": end_label})


def shown(text: str, limit: int = 60) -> str:
    """A cell's text as quoted in a reason: control characters blanked, long text cut."""
    text = _CONTROL.sub(" ", text)
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def label(column: str, text: str) -> str:
    """How a reason names a value: the column, then the value as the file has it."""
    return f"'{column}' \u201c{shown(text)}\u201d"


_CLOCK = re.compile(r"(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse_clock_duration(text: str, column: str) -> timedelta:
    """A duration written H:MM or H:MM:SS (Huckleberry's Duration column)."""
    match = _CLOCK.fullmatch(text)
    if not match:
        raise RowError(_("The %(value)s is not a duration written as hours:minutes.")
                       % {"value": label(column, text)})
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    span = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if span > LONGEST:
        raise RowError(_("The %(value)s is more than 24 hours; Nestwell keeps moments of at "
                         "most a day.") % {"value": label(column, text)})
    return span


def parse_minutes(text: str, column: str) -> timedelta | None:
    """A duration in (possibly fractional) minutes; None for an empty cell."""
    if not text:
        return None
    try:
        minutes = float(text.replace(",", "."))
    except ValueError:
        raise RowError(_("The %(value)s is not a number of minutes.")
                       % {"value": label(column, text)}) from None
    if minutes < 0 or minutes != minutes:
        raise RowError(_("The %(value)s is not a number of minutes.")
                       % {"value": label(column, text)})
    if minutes > 24 * 60:
        raise RowError(_("The %(value)s minutes is more than 24 hours; Nestwell keeps moments "
                         "of at most a day.") % {"value": label(column, text)})
    return timedelta(minutes=minutes)


# --- amounts --------------------------------------------------------------------------

_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(ml|millilit(?:er|re)s?|fl\.?\s*oz|oz|ounces?)?\.?",
                     re.IGNORECASE)


def unit_of(text: str) -> str | None:
    """"ml" or "oz" when ``text`` (a value or a column name) names one, else None."""
    lowered = text.lower()
    if re.search(r"\bml\b|millilit", lowered):
        return "ml"
    if re.search(r"\boz\b|ounce", lowered):
        return "oz"
    return None


def split_amount(text: str) -> tuple[float, str | None] | None:
    """Read "120ml", "4 oz", "3.5": the number and its unit (None if none is written)."""
    match = _AMOUNT.fullmatch(text.strip())
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return number, unit_of(match.group(2) or "")


def to_ml(number: float, unit: str, column: str, text: str) -> int | None:
    """A feed amount in whole millilitres; None for nothing; RowError if over 1000 ml."""
    millilitres = number * OZ_IN_ML if unit == "oz" else number
    if not math.isfinite(millilitres) or millilitres > MOST_ML * 10:
        raise RowError(_("The amount %(value)s is more than the %(most_ml)s ml Nestwell accepts "
                         "for one feed; is the unit right?")
                       % {"value": label(column, text), "most_ml": MOST_ML})
    whole = int(millilitres + 0.5)
    if whole <= 0:
        return None
    if whole > MOST_ML:
        raise RowError(_("The amount %(value)s is %(whole)s ml, more than the %(most_ml)s ml "
                         "Nestwell accepts for one feed; is the unit right?")
                       % {"value": label(column, text), "whole": whole, "most_ml": MOST_ML})
    return whole


def tiny_amount(text: str) -> str:
    """The note line for an amount under 1 ml: said, never silently dropped."""
    return f"Amount: {text} (under 1 ml, so kept here, not as an amount)"


def amount_unit_option(options: dict, default: str = "ml") -> str:
    unit = str(options.get("amount_unit") or default).lower()
    if unit not in ("ml", "oz"):
        raise ValueError(_("amount_unit must be \"ml\" or \"oz\", not “%(unit)s”.")
                         % {"unit": unit})
    return unit


# --- building rows --------------------------------------------------------------------

def join_note(*parts: str | None) -> str:
    """Non-empty parts, one per line, cut to the length the loader accepts."""
    if len(parts) == 1:
        text = (parts[0] or "").strip()
    else:
        text = "\n".join(part.strip() for part in parts if part and part.strip())
    if len(text) > NOTE_LIMIT:
        text = text[:NOTE_LIMIT - 1] + "\u2026"
    return text


def content_id(prefix: str, cells: list[str]) -> str:
    """A stable id for a file without ids: the same row always gives the same id, so
    importing the same export twice creates nothing new."""
    parts = [c.strip() for c in cells]
    while parts and not parts[-1]:
        parts.pop()
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{prefix}:{digest}"


def moment(line: int, child: str | None, kind: str, start: datetime,
           end: datetime | None = None, details: dict | None = None, note: str = "",
           external_id: str = "") -> Row:
    """A moment row; a moment logged at one instant ends when it starts."""
    return Row(line, "moment", child or None, {
        "kind": kind, "started_at": start, "ended_at": end if end is not None else start,
        "details": details or {}, "note": note, "external_id": external_id,
    })


# --- the generic reader ---------------------------------------------------------------

_COLUMN_OPTIONS = ("kind", "start", "end", "duration_minutes", "child", "note", "external_id")
_OTHER_OPTIONS = ("kind_value", "kind_map", "date_format", "day_first", "external_id_prefix",
                  "file_name")
_INT_DETAILS = frozenset({"amount_ml", "count"})
_BOOL_DETAILS = frozenset({"eye_contact", "smiled_back", "first", "shared"})
_CHOICE_DETAILS = frozenset({"method", "side", "milk", "place"})
_LIST_DETAILS = frozenset({"ways"})
_YES = frozenset({"yes", "y", "true", "1", "x", "\u2713"})
_NO = frozenset({"no", "n", "false", "0", ""})


def _known_target(value: object) -> bool:
    if value is None:
        return True
    text = str(value)
    if text.startswith("cue:"):
        return text[4:] in CUE_SIGNALS
    return text in MOMENT_KINDS


def _code(text: str) -> str:
    return "_".join(text.lower().replace("-", " ").split())


def _detail(name: str, text: str, column: str):
    if name in _INT_DETAILS:
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise RowError(_("The %(value)s is not a whole number.")
                           % {"value": label(column, text)}) from None
        if not math.isfinite(number) or number != int(number):
            raise RowError(_("The %(value)s is not a whole number.")
                           % {"value": label(column, text)})
        return int(number)
    if name in _BOOL_DETAILS:
        lowered = text.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        raise RowError(_("The %(value)s is not yes or no.") % {"value": label(column, text)})
    if name in _CHOICE_DETAILS:
        return _code(text)
    if name in _LIST_DETAILS:
        return [_code(part) for part in re.split(r"[,;]", text) if part.strip()]
    return text


def read(stream: Iterable[str], *, time_zone: ZoneInfo,
         options: dict | None = None) -> Iterator[Item]:
    """Rows of a CSV file read through a column mapping (see the module docstring).

    The header and the mapping are checked now (ValueError if a mapped column is missing or
    the mapping is incomplete); the rows are read as they are asked for.
    """
    options = dict(options or {})
    unknown = sorted(k for k in options
                     if k not in _COLUMN_OPTIONS + _OTHER_OPTIONS and not k.startswith("details."))
    if unknown:
        raise ValueError(_("Unknown mapping option(s): %(options)s.")
                         % {"options": ", ".join(unknown)})
    if not options.get("start"):
        raise ValueError(_("The mapping needs \"start\": the column holding each start time."))
    if bool(options.get("kind")) == bool(options.get("kind_value")):
        raise ValueError(_("The mapping needs either \"kind\" (a column) or \"kind_value\" (one "
                           "kind for every row), not both."))
    fixed_kind = options.get("kind_value")
    if fixed_kind and not _known_target(fixed_kind):
        raise ValueError(_("“%(fixed_kind)s” is not a kind of moment Nestwell keeps.")
                         % {"fixed_kind": fixed_kind})
    kind_map = dict(options.get("kind_map") or {})
    bad = sorted(str(v) for v in kind_map.values() if not _known_target(v))
    if bad:
        raise ValueError(_("kind_map leads to unknown kinds: %(kinds)s.")
                         % {"kinds": ', '.join(bad)})
    folded_map = {str(k).strip().casefold(): v for k, v in kind_map.items()}
    formats, fallbacks = time_formats(options, US_FORMATS)
    id_prefix = str(options.get("external_id_prefix") or "")

    table = Table(stream, what=_("the file the column mapping describes"))
    columns: dict[str, int | None] = {}
    for key in _COLUMN_OPTIONS:
        if options.get(key):
            columns[key] = _mapped(table, key, options[key])
        else:
            columns[key] = None
    details = {key[len("details."):]: _mapped(table, key, column)
               for key, column in options.items() if key.startswith("details.") and column}

    pos_kind, pos_start, pos_end = columns["kind"], columns["start"], columns["end"]
    pos_duration, pos_child = columns["duration_minutes"], columns["child"]
    pos_note, pos_external = columns["note"], columns["external_id"]
    kind_col, start_col, end_col = table.name(pos_kind), table.name(pos_start), table.name(pos_end)
    duration_col = table.name(pos_duration)

    def handle(line: int, cells: list[str]) -> Item | None:
        if fixed_kind:
            target = fixed_kind
        else:
            value = cell(cells, pos_kind)
            if not value:
                raise RowError(_("The '%(kind_col)s' column is empty, so it is not clear what "
                                 "happened.") % {"kind_col": kind_col})
            if value in kind_map:
                target = kind_map[value]
            elif value.casefold() in folded_map:
                target = folded_map[value.casefold()]
            else:
                target = _code(value)
            if target is None:
                return Skipped(line, _("“%(value)s” rows are left out, as the mapping asks.")
                                     % {"value": shown(value)})
            if not _known_target(target):
                raise RowError(_("“%(value)s” in '%(kind_col)s' is not a kind of moment "
                                 "Nestwell keeps; map it to one in kind_map, or to nothing to "
                                 "leave such rows out.")
                               % {"value": shown(value), "kind_col": kind_col})
        start_text, end_text = cell(cells, pos_start), cell(cells, pos_end)
        start = read_time(start_text, start_col, time_zone, formats, fallbacks)
        end = read_time(end_text, end_col, time_zone, formats, fallbacks, required=False)
        end_of = (end_col, end_text, "")
        if end is None and pos_duration is not None:
            duration_text = cell(cells, pos_duration)
            span = parse_minutes(duration_text, duration_col)
            if span is not None:
                end, end_of = start + span, (duration_col, duration_text, " minutes later")
        check_span(start, end, start_col, start_text, *end_of)
        child = cell(cells, pos_child) or None
        note = join_note(cell(cells, pos_note))
        external = cell(cells, pos_external)
        external_id = f"{id_prefix}{external}" if external else ""
        values = {}
        for name, position in details.items():
            text = cell(cells, position)
            if text:
                values[name] = _detail(name, text, table.name(position))
        target = str(target)
        if target.startswith("cue:"):
            return Row(line, "cue", child, {
                "signal": target[4:], "need": _code(str(values.get("need", ""))),
                "started_at": start, "responded_at": None,
                "closed_at": end if end is not None else start,
                "ways": values.get("ways") or [], "note": note, "external_id": external_id,
            })
        return moment(line, child, target, start, end, values, note, external_id)

    return drive(table, handle)


def _mapped(table: Table, option: str, column: str) -> int:
    found = table.index(str(column))
    if found is None:
        raise ValueError(_("This file cannot be imported: the file has no '%(column)s' column "
                           "(mapped as %(option)s); is the column mapping right?")
                         % {"column": column, "option": option})
    return found

"""The Huckleberry app's CSV export (one file for one baby, every kind of entry in it).

What is confirmed, and from where (no Huckleberry documentation of the export was found;
everything below comes from public code that reads real exports):

* The columns ``Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes``
  and the rows ``Sleep`` (with End and Duration ``HH:MM``), ``Feed`` (a bottle:
  ``Formula`` in Start Condition, ``Bottle`` in Start Location) and ``Diaper`` (its
  contents such as ``Pee:large`` in End Condition), times written ``2026-01-06 01:40``: the
  docstring of a Flutter app's ``HuckleberryParser`` (found through the code index, which
  did not name its repository), which also lists ``Growth`` and ``Pump`` entries.
* A bottle's amount in End Condition, e.g. ``4oz`` or ``120ml``, found by looking for
  "Bottle" in Start Location: awhobbs87/bottle-tracking-dashboard, ``workers/index.js``.
* Diaper rows become nappies: Pee and Poo in End Condition (both: wet and dirty), the
  colour in Duration and the consistency in Start Condition, when they are ones Nestwell
  names (others go in the note).
* Breastfeeds writing each side's time with a side letter, e.g. ``00:15R`` in Start
  Condition and ``00:33L`` in End Condition; Diaper colour in Duration and consistency in
  Start Condition: a public pandas analysis script of a real export (found through the code
  index, repository not named).
* ``Start Conditions`` / ``End Conditions`` (plural), lower-case types (``sleep``, ``feed``,
  ``meds``) and durations like ``6:20``: gototen/baby-sleep-viz, ``configs/huckleberry.yaml``
  and ``local/sample_huckleberry.csv`` (a generated sample, so only a hint).

* ``Pump`` rows with amounts in Start Condition and End Condition (``0ml`` and ``20ml``; a
  lone ``0.25oz``): synthetic rows "in the shape of a real Huckleberry export" in a Swift
  app's importer tests (found through the code index, repository not named). Nestwell adds
  the two amounts; which column is which breast is not confirmed, so the side is named only
  when both hold milk.

* ``Growth`` rows: the weight in Start Condition, the length in Start Location and the head
  in End Condition, each with its unit (``"3.50kg","50cm","35cm"``; an entry may fill only
  some): JoelBrenstrum/babble, ``packages/domain/src/huckleberry/__fixtures__/`` (a week
  of a real export with dates shifted, and a test export from the app); the same layout
  in ausmarton/datababe's tests and Johnxjp/chuckle's reading of a real export. Only
  metric values were seen: pounds and inches are read when written with their unit, and
  a number with no unit is refused, never guessed.
* ``Temp`` rows: the reading with its unit in Start Condition (``37°C``, ``37.6°C``): the
  same three sources.
* ``Meds`` rows: the medicine's name in Start Location, the dose in Start Condition
  (``2 ml``): ausmarton/datababe's parser tests and a synthetic test elsewhere; chuckle
  saw a real export with the dose written in Notes, which Nestwell keeps as the note.

Not confirmed, handled defensively: the spelling of activity types (``Tummy time``,
``Bath``, ``Skin to skin``, ``Story time``, ``Solids`` …) and of sleep locations. Types are
matched without regard to case, spaces or plurals; a type this reader does not know becomes
a Skipped row that names it, never a guess. Amounts without a unit use
``options["amount_unit"]`` ("ml" by default). Huckleberry rows carry no id, so each row's
``external_id`` is a digest of its cells: importing the same file twice creates nothing new.

Options: ``child`` (the baby's name, since the file has no baby column), ``amount_unit``,
``date_format`` (a strptime format), ``day_first`` (read 03/04/2024 as 3 April).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.transfer.importers import measures
from nestwell.transfer.importers.generic_csv import (
    GROWTH,
    HEALTH,
    POTTY,
    US_FORMATS,
    Item,
    RowError,
    Table,
    amount_unit_option,
    cell,
    check_span,
    content_id,
    drive,
    join_note,
    label,
    moment,
    parse_clock_duration,
    read_day,
    read_time,
    shown,
    split_amount,
    time_formats,
    tiny_amount,
    to_ml,
)
from nestwell.transfer.records import Row, Skipped

WHAT = gettext_lazy("a Huckleberry export")

SKIPPED = {
    "potty": POTTY,
    "weight": GROWTH, "height": GROWTH, "head_circumference": GROWTH,
    "vaccine": HEALTH, "vaccination": HEALTH, "health": HEALTH,
    "symptom": HEALTH, "doctor": HEALTH,
    "screen_time": gettext_lazy("Screen time is not a moment Nestwell keeps."),
    "brush_teeth": gettext_lazy("Brushing teeth is not a moment Nestwell keeps."),
}
# Huckleberry type -> (Nestwell kind, a note naming what it was, or "").
ACTIVITIES = {
    "sleep": ("sleep", ""), "nap": ("sleep", ""),
    "bath": ("bath", ""),
    "tummy_time": ("play", "Tummy time"), "tummy": ("play", "Tummy time"),
    "indoor_play": ("play", "Indoor play"), "outdoor_play": ("play", "Outdoor play"),
    "play": ("play", ""),
    "skin_to_skin": ("skin_to_skin", ""),
    "story_time": ("read", "Story time"), "reading": ("read", ""), "read": ("read", ""),
    "massage": ("massage", ""), "babywearing": ("babywearing", ""),
}
FEEDS = frozenset({"feed", "feeding", "nursing", "breastfeed", "breastfeeding", "bottle"})
SOLIDS = frozenset({"solids", "solid", "solid_food", "food"})

# Sleep locations, most specific words first (so "bedside crib" is a cot, not our bed).
PLACES = (
    (("crib", "cot", "bassinet", "moses", "bedside", "sidecar", "nursery", "snoo"), "cot"),
    (("stroller", "pram", "buggy", "pushchair"), "pram"),
    (("carrier", "sling", "wrap"), "carrier"),
    (("arms", "held", "holding", "contact", "lap", "chest", "nursing"), "arms"),
    (("bed", "co-sleep", "cosleep", "co_sleep"), "bed"),
)

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SIDE_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*([LR])\b", re.IGNORECASE)


NAPPY_TYPES = frozenset({"diaper", "nappy"})
PUMP_TYPES = frozenset({"pump", "pumping"})
GROWTH_TYPES = frozenset({"growth"})
TEMPERATURE_TYPES = frozenset({"temp", "temperature"})
MEDICINE_TYPES = frozenset({"meds", "med", "medication", "medicine"})
CARE_TYPES = GROWTH_TYPES | TEMPERATURE_TYPES | MEDICINE_TYPES
KNOWN = (frozenset(SKIPPED) | frozenset(ACTIVITIES) | FEEDS | SOLIDS | NAPPY_TYPES | PUMP_TYPES
         | CARE_TYPES)
LONGEST_PUMPING = 240  # minutes (the milk app's limit): longer is a timer left running


@lru_cache(maxsize=512)
def type_key(text: str) -> str:
    """"Tummy Time", "tummy-time" and "Tummy times" all become "tummy_time"."""
    key = "_".join(_NOT_WORD.sub(" ", text.lower()).split())
    if key not in KNOWN and key.endswith("s") and key[:-1] in KNOWN:
        return key[:-1]
    return key


def read(stream: Iterable[str], *, time_zone: ZoneInfo,
         options: dict | None = None) -> Iterator[Item]:
    """Rows of a Huckleberry CSV export. The header is checked now (ValueError when the
    Type or Start column is missing); rows are read as they are asked for."""
    options = dict(options or {})
    unit = amount_unit_option(options)
    formats, fallbacks = time_formats(options, US_FORMATS)
    child = str(options.get("child") or "").strip() or None

    table = Table(stream, what=WHAT, format_id="huckleberry-csv")
    col_type = table.require("Type")
    col_start = table.require("Start")
    col_end = table.index("End")
    col_duration = table.index("Duration")
    col_start_cond = table.index("Start Condition", "Start Conditions")
    col_start_loc = table.index("Start Location", "Start Locations")
    col_end_cond = table.index("End Condition", "End Conditions")
    col_notes = table.index("Notes", "Note")

    def handle(line: int, cells: list[str]) -> Item | None:
        written = cell(cells, col_type)
        if not written:
            raise RowError(_("The '%(value)s' column is empty, so it is not clear what this row "
                             "is.") % {"value": table.name(col_type)})
        key = type_key(written)
        if key in SKIPPED:
            return Skipped(line, f"{shown(written)}: {SKIPPED[key]}")
        if key in NAPPY_TYPES:
            return _nappy(line, cells, table, child, time_zone, formats, fallbacks,
                          (col_start, col_duration, col_start_cond, col_end_cond, col_notes))
        if key in CARE_TYPES:
            # A measurement is kept by the day: a date alone is enough.
            read = read_day if key in GROWTH_TYPES else read_time
            at = read(cell(cells, col_start), table.name(col_start), time_zone, formats,
                      fallbacks)
            return _care(key, line, cells, table, child, at,
                         (col_start_cond, col_start_loc, col_end_cond, col_notes))
        if key in PUMP_TYPES:
            start, end = _times(cells, table, col_start, col_end, col_duration, time_zone,
                                formats, fallbacks)
            return _pump(line, cells, table, child, start, end, unit,
                         (col_start_cond, col_end_cond, col_notes))
        if key not in FEEDS and key not in SOLIDS and key not in ACTIVITIES:
            return Skipped(line, _("Huckleberry “%(written)s” entries are not something "
                                   "Nestwell imports.") % {"written": shown(written)})
        start, end = _times(cells, table, col_start, col_end, col_duration, time_zone,
                            formats, fallbacks)
        notes = cell(cells, col_notes)
        condition, location = cell(cells, col_start_cond), cell(cells, col_start_loc)
        end_condition = cell(cells, col_end_cond)
        external_id = content_id("huckleberry", cells)
        if key in FEEDS or key in SOLIDS:
            details, extra = _feed(key, condition, location, end_condition,
                                   table.name(col_end_cond), unit)
            return moment(line, child, "feeding", start, end, details, join_note(extra, notes),
                          external_id)
        kind, named = ACTIVITIES[key]
        details = {}
        extra = named
        if kind == "sleep" and location:
            place = _place(location)
            details["place"] = place
            if place == "other":
                extra = f"Where: {location}"
        return moment(line, child, kind, start, end, details, join_note(extra, notes),
                      external_id)

    return drive(table, handle)


def _times(cells, table, col_start, col_end, col_duration, zone, formats, fallbacks):
    start_text, end_text = cell(cells, col_start), cell(cells, col_end)
    start_col, end_col = table.name(col_start), table.name(col_end)
    start = read_time(start_text, start_col, zone, formats, fallbacks)
    end = read_time(end_text, end_col, zone, formats, fallbacks, required=False)
    end_of = (end_col, end_text, "")
    duration_text = cell(cells, col_duration)
    if end is None and duration_text:
        duration_col = table.name(col_duration)
        end = start + parse_clock_duration(duration_text, duration_col)
        end_of = (duration_col, duration_text, " after the start")
    check_span(start, end, start_col, start_text, *end_of)
    return start, end


def _feed(key: str, condition: str, location: str, end_condition: str, end_col: str,
          unit: str) -> tuple[dict, str]:
    """Details and an extra note line for a Feed or Solids row."""
    words = f"{condition} {location}".lower()
    if key in SOLIDS or "solid" in words:
        food = ", ".join(part for part in (condition, location, end_condition) if part)
        return {"method": "solids"}, f"Solids: {food}" if food else ""
    sides = {letter.upper() for letter in _SIDE_TIME.findall(f"{condition} {end_condition}")}
    if "bottle" in words or key == "bottle":
        details: dict = {"method": "bottle"}
        milk = _milk(condition)
        if milk:
            details["milk"] = milk
        amount = split_amount(end_condition) if end_condition else None
        if amount is not None:
            number, written_unit = amount
            millilitres = to_ml(number, written_unit or unit, end_col, end_condition)
            if millilitres:
                details["amount_ml"] = millilitres
            elif number > 0:
                return details, tiny_amount(end_condition)
        return details, ""
    if "breast" in words or sides or key in ("nursing", "breastfeed", "breastfeeding"):
        details = {"method": "breast"}
        side = _side(sides, words)
        if side:
            details["side"] = side
        return details, ""
    described = ", ".join(part for part in (condition, location) if part)
    return {}, described


def _milk(condition: str) -> str | None:
    lowered = condition.lower()
    if ("formula" in lowered and "breast" in lowered) or "mix" in lowered:
        return "mixed"
    if "formula" in lowered:
        return "formula"
    if "breast" in lowered:
        return "breast_milk"
    return None


def _side(letters: set[str], words: str) -> str | None:
    if letters == {"L", "R"} or "both" in words:
        return "both"
    if letters == {"L"} or ("left" in words and "right" not in words):
        return "left"
    if letters == {"R"} or ("right" in words and "left" not in words):
        return "right"
    if "left" in words and "right" in words:
        return "both"
    return None


def _place(location: str) -> str:
    lowered = location.lower()
    for words, place in PLACES:
        if any(word in lowered for word in words):
            return place
    return "other"



# A Diaper row: what was in it in End Condition ("Pee:large", "Poo:medium", both), the
# colour in Duration and the consistency in Start Condition.
NAPPY_COLOURS = {"yellow": "yellow", "mustard": "yellow", "green": "green", "brown": "brown",
                 "white": "white", "grey": "grey", "gray": "grey", "red": "red",
                 # black may be the first days' meconium: left in the note
                 "black": ""}
NAPPY_TEXTURES = {"runny": "watery", "watery": "watery", "seedy": "seedy", "soft": "soft",
                  "solid": "formed", "formed": "formed", "hard": "hard"}


def _pump(line, cells, table, child, start, end, unit, columns):
    """A Pump row: the amounts in Start Condition and End Condition ("20ml", "0.25oz"),
    added. Which column is which side is not confirmed, so a side is named only when both
    hold milk (both); text that is not an amount stays in the note."""
    col_first, col_second, col_notes = columns
    total, extra, sides, tiny = 0, [], 0, []
    for pos in (col_first, col_second):
        text = cell(cells, pos)
        amount = split_amount(text) if text else None
        if text and amount is None:
            extra.append(f"{table.name(pos)}: {text}")
        elif amount is not None and amount[0] > 0:
            ml = to_ml(amount[0], amount[1] or unit, table.name(pos), text)
            if ml:
                total += ml
                sides += 1
            else:
                tiny.append(tiny_amount(text))
    minutes = round((end - start).total_seconds() / 60) if end is not None else None
    if minutes is not None and minutes > LONGEST_PUMPING:
        extra.append(f"Lasted {minutes} minutes in Huckleberry")
        minutes = None
    return Row(line, "pumping", child, {
        "started_at": start, "minutes": minutes, "side": "both" if sides == 2 else "",
        "amount_ml": total or None, "note": join_note(*extra, *tiny, cell(cells, col_notes)),
        "external_id": content_id("huckleberry", cells)})


def _care(key, line, cells, table, child, at, columns):
    """A Growth, Temp or Meds row (each confirmed in exports read by public code; the
    module's docstring says where): what it holds in Start Condition, Start Location and
    End Condition, Notes kept as the note."""
    col_condition, col_location, col_end_condition, col_notes = columns
    notes = cell(cells, col_notes)
    external_id = content_id("huckleberry", cells)
    if key in GROWTH_TYPES:
        values, written = {}, []
        for pos, name, read_value in ((col_condition, "weight_grams", measures.grams),
                                      (col_location, "length_mm", measures.millimetres),
                                      (col_end_condition, "head_mm", measures.millimetres)):
            text = cell(cells, pos)
            if text:
                values[name] = read_value(text, table.name(pos))
                written.append(text)
        if not values:
            raise RowError(_("This growth entry holds no weight, length or head "
                             "measurement."))
        return Row(line, "measurement", child, {
            "measured_on": at, **values, "measured_by": "other",
            "note": join_note(f"From Huckleberry: {', '.join(written)}", notes),
            "external_id": external_id})
    if key in TEMPERATURE_TYPES:
        text = cell(cells, col_condition)
        if not text:
            raise RowError(_("The %(value)s is empty.")
                           % {"value": label(table.name(col_condition) or "Start Condition",
                                             "")})
        reading, unit = measures.temperature(text, table.name(col_condition))
        return Row(line, "temperature", child, {"taken_at": at, "reading": reading,
                                                "unit": unit, "note": join_note(notes),
                                                "external_id": external_id})
    name = cell(cells, col_location).strip()
    if not name:
        raise RowError(_("The %(value)s is empty, so it is not clear which medicine "
                         "this was.") % {"value": label(table.name(col_location)
                                                        or "Start Location", "")})
    dose_text = cell(cells, col_condition)
    given = measures.dose(dose_text) if dose_text else None
    extra = f"Dose: {dose_text}" if dose_text and given is None else ""
    amount, unit = given or (None, "")
    return Row(line, "dose", child, {"given_at": at, "medicine": name[:80], "amount": amount,
                                     "unit": unit, "min_hours": None,
                                     "note": join_note(extra, notes),
                                     "external_id": external_id})


def _nappy(line, cells, table, child, zone, formats, fallbacks, columns):
    col_start, col_duration, col_condition, col_contents, col_notes = columns
    at = read_time(cell(cells, col_start), table.name(col_start), zone, formats, fallbacks)
    contents = cell(cells, col_contents).lower()
    wet = "pee" in contents or "wet" in contents
    dirty = "poo" in contents or "dirty" in contents
    if not (wet or dirty or "dry" in contents):
        raise RowError(_("The %(value)s does not say whether the nappy was wet, dirty or dry.")
                       % {"value": label(table.name(col_contents) or 'End Condition', contents)})
    kind = "both" if wet and dirty else "wet" if wet else "dirty" if dirty else "dry"
    extra = []
    colour_text = cell(cells, col_duration).strip().lower() if dirty else ""
    texture_text = cell(cells, col_condition).strip().lower() if dirty else ""
    colour = NAPPY_COLOURS.get(colour_text, "")
    texture = NAPPY_TEXTURES.get(texture_text, "")
    if colour_text and not colour:
        extra.append(f"Colour: {colour_text}")
    if texture_text and not texture:
        extra.append(f"Texture: {texture_text}")
    return Row(line, "nappy", child, {
        "changed_at": at, "kind": kind, "colour": colour, "consistency": texture,
        "note": join_note(*extra, cell(cells, col_notes)),
        "external_id": content_id("huckleberry", cells)})

"""The "Baby Tracker" app (by Nighp, babytrackers.com): its CSV export, one file per activity.

What is confirmed, and from where: a real export kept in
uPaymeiFixit/baby-tracker-heatmap (``example_export/*.csv``, read by ``src/js/parser.js``):

* ``nursing.csv``: ``Baby,Time,Start Side,Left duration (min),Right duration (min),
  Total Duration (min),Note``, e.g. ``Baby,"5/9/25, 20:13",Left,5,27,32``;
* ``sleep.csv``: ``Baby,Time,Duration(minutes),Note`` (the newest row may have 0 minutes:
  a timer still running when the file was made);
* ``expressed.csv`` (bottles of expressed milk): ``Baby,Time,Amount (oz.),Note``;
* ``pump.csv``: ``Time,Start Side,Left duration (min),…,Total amount (oz.),Note`` (no
  Baby column); ``diaper.csv``: ``Baby,Time,Status,Note`` with Wet, Dirty, Mixed, Dry;
* times written ``M/D/YY, HH:MM`` (the phone's US format), a trailing Note often missing.

Not confirmed, handled defensively: the formula file (taken to be ``formula.csv`` with
``Baby,Time,Amount (…),Note``, like expressed milk), the unit in amount headers other than
``(oz.)`` (``(ml)`` is read the same way; a header without a unit uses
``options["amount_unit"]``, "ml" by default), other phone date formats (``day_first`` or
``date_format`` options), and the files of other activities. Which activity a file holds
comes from ``options["activity"]``, else from the file's name as the app writes it
(``nursing``, ``formula``, ``expressed``/``pumped``, ``sleep``, ``bath``, ``tummy``,
``solids``, ``diaper``, ``pump``, ``growth`` …), else from telling columns; otherwise the
reader refuses the file rather than guess.

Mapping: nursing → a breastfeed (side from which sides have minutes, else the start side;
ends after the total duration); formula → a bottle of formula, expressed/pumped milk → a
bottle of breast milk (amounts in ml, ounces converted); solids → a feed of solids; sleep →
sleep; bath → bath; tummy time → play; story time → read; skin-to-skin and massage as
themselves; a diaper → a nappy (Mixed is wet and dirty); a pump row → a pumping session
(both sides with minutes are one double-pumping session lasting the longer side, each
side's minutes in the note; the total amount, else the sides' amounts added); a growth
row → a measurement (weight, length and head in the units its header names: ``Weight
(lbs.)``, ``Length (inches)``, ``Head Size (inches)``, the column names a public parser of
the author's own exports reads, jaggiechu/breast-friend ``data/parser.py``; no rows of a
real file were seen, so a number is read only in a unit the header or the cell writes).
temperature.csv → temperatures (``Temperature (°C)``); medication.csv → doses
(``Medication name``, ``Amount`` with its unit in the next, blank-headed column, ``Min
interval (minutes)`` as the medicine's gap): these two layouts come from a tracker that
writes files for Baby Tracker to import (found through the code index, repository not
named), which writes diaper.csv exactly as the real export does; no real temperature or
medication file was seen, so each column is looked for by the start of its name and a
file without the needed one is refused. Supplements and vaccines are Skipped with a
reason. Rows carry no id, so ``external_id`` is a digest of the row's cells.

Options: ``activity``, ``child`` (for files without a Baby column), ``amount_unit``,
``date_format``, ``day_first``, ``file_name``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.transfer.importers import measures
from nestwell.transfer.importers.generic_csv import (
    CARE_RECORDS,
    HEALTH,
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
    parse_minutes,
    read_time,
    split_amount,
    stream_name,
    time_formats,
    tiny_amount,
    to_ml,
    unit_of,
)
from nestwell.transfer.records import Row, Skipped

# activity -> reason its rows are left out
SKIPPED = {
    "supplement": CARE_RECORDS, "vaccine": HEALTH,
    "milestone": gettext_lazy("Baby Tracker milestones are not imported; a letter to your "
                              "baby is a lovely place for them."),
}
# diaper.csv's Status -> a Nestwell nappy
NAPPY_STATUS = {"wet": "wet", "dirty": "dirty", "mixed": "both", "dry": "dry"}
# activity -> (Nestwell kind, a note naming what it was, or "")
TIMED = {
    "sleep": ("sleep", ""), "bath": ("bath", ""), "tummy": ("play", "Tummy time"),
    "play": ("play", ""), "read": ("read", "Story time"), "skin_to_skin": ("skin_to_skin", ""),
    "massage": ("massage", ""),
}
FEEDS = ("nursing", "formula", "expressed", "solids")
ACTIVITIES = (frozenset(SKIPPED) | frozenset(TIMED) | frozenset(FEEDS)
              | {"diaper", "pump", "growth", "temperature", "medication"})
LONGEST_PUMPING = 240  # minutes (the milk app's limit): longer is a timer left running

# Words in a file name (letters only), most specific first.
FILE_WORDS = (
    ("expressed", "expressed"), ("pumped", "expressed"), ("nursing", "nursing"),
    ("breastfeed", "nursing"), ("formula", "formula"), ("pump", "pump"), ("sleep", "sleep"),
    ("diaper", "diaper"), ("nappy", "diaper"), ("bath", "bath"), ("tummy", "tummy"),
    ("solid", "solids"), ("food", "solids"), ("growth", "growth"), ("weight", "growth"),
    ("height", "growth"), ("temperature", "temperature"), ("medic", "medication"),
    ("vaccin", "vaccine"), ("supplement", "supplement"), ("milestone", "milestone"),
    ("massage", "massage"), ("skin", "skin_to_skin"), ("story", "read"), ("reading", "read"),
    ("play", "play"),
)
# Other names an activity option may use.
ACTIVITY_NAMES = {"pumped_milk": "expressed", "expressed_milk": "expressed",
                  "breastfeeding": "nursing", "diapers": "diaper", "nappies": "diaper",
                  "pumping": "pump", "tummy_time": "tummy", "story_time": "read",
                  "reading": "read", "medicine": "medication", "solid": "solids",
                  "food": "solids", "skin": "skin_to_skin"}


def read(stream: Iterable[str], *, time_zone: ZoneInfo,
         options: dict | None = None) -> Iterator[Item]:
    """Rows of one Baby Tracker CSV file. The activity and the header are checked now
    (ValueError when unclear or a needed column is missing); rows are read lazily."""
    options = dict(options or {})
    unit = amount_unit_option(options)
    formats, fallbacks = time_formats(options, US_FORMATS)
    fixed_child = str(options.get("child") or "").strip() or None

    table = Table(stream, what=_("a Baby Tracker export"), format_id="babytracker-csv")
    activity = _which_activity(options, stream, table)
    table.what = (_("a Baby Tracker %(activity)s export")
                  % {"activity": activity.replace("_", " ")})
    col_time = table.require("Time")
    col_baby = table.index("Baby")
    col_note = table.index("Note", "Notes")

    if activity in SKIPPED:
        return drive(table, lambda line, cells: Skipped(line, str(SKIPPED[activity])))

    def common(cells: list[str]):
        text = cell(cells, col_time)
        start = read_time(text, table.name(col_time), time_zone, formats, fallbacks)
        child = cell(cells, col_baby) or fixed_child
        return start, text, child, cell(cells, col_note)

    if activity == "nursing":
        col_left = table.index_starting("Left duration")
        col_right = table.index_starting("Right duration")
        col_total = table.index_starting("Total Duration")
        if col_total is None and col_left is None and col_right is None:
            table.require("Total Duration (min)")
        col_side = table.index("Start Side")

        def nursing(line: int, cells: list[str]) -> Item:
            start, start_text, child, note = common(cells)
            left = parse_minutes(cell(cells, col_left), table.name(col_left))
            right = parse_minutes(cell(cells, col_right), table.name(col_right))
            total_text = cell(cells, col_total)
            total = parse_minutes(total_text, table.name(col_total))
            if total is None:
                total = (left or timedelta()) + (right or timedelta())
                total_text = str(int(total.total_seconds() // 60))
            if not total:
                return Skipped(line, _("A feed of 0 minutes: probably a timer still running "
                                       "when the file was made."))
            end = start + total
            check_span(start, end, table.name(col_time), start_text,
                       table.name(col_total) or "Total Duration", total_text, " minutes later")
            details: dict = {"method": "breast"}
            extra = ""
            if left and right:
                details["side"] = "both"
                extra = (f"Left {_minutes(left)} min, right {_minutes(right)} min")
            elif left or right:
                details["side"] = "left" if left else "right"
            else:
                side = cell(cells, col_side).lower()
                if side in ("left", "right", "both"):
                    details["side"] = side
            return moment(line, child, "feeding", start, end, details, join_note(extra, note),
                          content_id("babytracker:nursing", cells))

        return drive(table, nursing)

    if activity in ("formula", "expressed"):
        col_amount = table.index_starting("Amount")
        if col_amount is None:
            table.require("Amount")
        amount_name = table.name(col_amount)
        header_unit = unit_of(amount_name) or unit
        milk = "formula" if activity == "formula" else "breast_milk"

        def bottle(line: int, cells: list[str]) -> Item:
            start, _end, child, note = common(cells)
            details: dict = {"method": "bottle", "milk": milk}
            text = cell(cells, col_amount)
            if text:
                amount = split_amount(text)
                if amount is None:
                    raise RowError(_("The %(value)s is not a number.")
                                   % {"value": label(amount_name, text)})
                millilitres = to_ml(amount[0], amount[1] or header_unit, amount_name, text)
                if millilitres:
                    details["amount_ml"] = millilitres
                elif amount[0] > 0:
                    note = join_note(tiny_amount(text), note)
            return moment(line, child, "feeding", start, None, details, join_note(note),
                          content_id(f"babytracker:{activity}", cells))

        return drive(table, bottle)

    if activity == "diaper":
        col_status = table.require("Status")

        def diaper(line: int, cells: list[str]) -> Item:
            start, _end, child, note = common(cells)
            status = cell(cells, col_status).strip().lower()
            if status not in NAPPY_STATUS:
                raise RowError(_("The %(value)s is not Wet, Dirty, Mixed or Dry.")
                               % {"value": label(table.name(col_status), status)})
            return Row(line, "nappy", child, {
                "changed_at": start, "kind": NAPPY_STATUS[status], "colour": "",
                "note": join_note(note), "external_id": content_id("babytracker:diaper",
                                                                   cells)})

        return drive(table, diaper)

    if activity == "pump":
        return drive(table, _pump_reader(table, common, unit))

    if activity == "growth":
        return drive(table, _growth_reader(table, common))

    if activity == "temperature":
        return drive(table, _temperature_reader(table, common))

    if activity == "medication":
        return drive(table, _medication_reader(table, common))

    if activity == "solids":
        others = [pos for pos in range(len(table.names))
                  if pos not in (col_time, col_baby, col_note)]

        def solids(line: int, cells: list[str]) -> Item:
            start, _end, child, note = common(cells)
            food = ", ".join(f"{table.names[pos]}: {cell(cells, pos)}" for pos in others
                             if cell(cells, pos))
            return moment(line, child, "feeding", start, None, {"method": "solids"},
                          join_note(food, note), content_id("babytracker:solids", cells))

        return drive(table, solids)

    kind, named = TIMED[activity]
    col_duration = table.index_starting("Duration", "Total Duration")
    if kind == "sleep" and col_duration is None:
        table.require("Duration(minutes)")

    def timed(line: int, cells: list[str]) -> Item:
        start, start_text, child, note = common(cells)
        duration_text = cell(cells, col_duration)
        span = parse_minutes(duration_text, table.name(col_duration))
        if kind == "sleep" and not span:
            return Skipped(line, _("A sleep of 0 minutes: probably a timer still running when "
                                   "the file was made."))
        end = start + span if span else None
        check_span(start, end, table.name(col_time), start_text, table.name(col_duration),
                   duration_text, " minutes later")
        return moment(line, child, kind, start, end, {}, join_note(named, note),
                      content_id(f"babytracker:{activity}", cells))

    return drive(table, timed)


def _pump_reader(table: Table, common, unit: str):
    """pump.csv: each side's minutes and amount, and their totals. Both sides with minutes
    are taken as pumped at once, as a double pump does: the session lasts the longer side
    (the file's total is their sum), and each side's minutes stay in the note."""
    col_side = table.index("Start Side")
    col_left, col_right = (table.index_starting("Left duration"),
                           table.index_starting("Right duration"))
    col_total = table.index_starting("Total Duration")
    amounts = [table.index_starting(name)
               for name in ("Left amount", "Right amount", "Total amount")]
    if None in (col_left, col_right) and col_total is None and amounts[2] is None:
        table.require("Total amount (oz.)")

    def millilitres(cells: list[str], pos: int | None) -> tuple[int | None, str]:
        """The amount in a column as ml, and a note line for an amount under 1 ml."""
        text = cell(cells, pos)
        if not text:
            return None, ""
        name = table.name(pos)
        amount = split_amount(text)
        if amount is None:
            raise RowError(_("The %(value)s is not a number.") % {"value": label(name, text)})
        ml = to_ml(amount[0], amount[1] or unit_of(name) or unit, name, text)
        return ml, ("" if ml or amount[0] <= 0 else tiny_amount(text))

    def pump(line: int, cells: list[str]) -> Item:
        start, _start_text, child, note = common(cells)
        left = parse_minutes(cell(cells, col_left), table.name(col_left))
        right = parse_minutes(cell(cells, col_right), table.name(col_right))
        total = parse_minutes(cell(cells, col_total), table.name(col_total))
        (left_ml, _l), (right_ml, _r) = (millilitres(cells, amounts[0]),
                                         millilitres(cells, amounts[1]))
        total_ml, tiny = millilitres(cells, amounts[2])
        if total_ml is None and (left_ml or right_ml):
            total_ml = (left_ml or 0) + (right_ml or 0)
        sides = [side for side, span, ml in (("left", left, left_ml), ("right", right, right_ml))
                 if span or ml]
        if len(sides) == 2:
            side = "both"
        elif sides:
            side = sides[0]
        else:
            side = cell(cells, col_side).lower()
            side = side if side in ("left", "right", "both") else ""
        extra = []
        if left and right:
            span = max(left, right)
            extra.append(f"Left {_minutes(left)} min, right {_minutes(right)} min")
        else:
            span = left or right or total
        minutes = round(span.total_seconds() / 60) if span else None
        if minutes is not None and minutes > LONGEST_PUMPING:
            extra.append(f"Lasted {minutes} minutes in Baby Tracker")
            minutes = None
        if not minutes and not total_ml and not tiny:
            return Skipped(line, _("A pumping session of 0 minutes and no milk: probably a "
                                   "timer still running when the file was made."))
        return Row(line, "pumping", child, {
            "started_at": start, "minutes": minutes, "side": side, "amount_ml": total_ml,
            "note": join_note(*extra, tiny, note),
            "external_id": content_id("babytracker:pump", cells)})

    return pump


_HEADER_UNIT = re.compile(r"\(([^)]*)\)")


def _growth_reader(table: Table, common):
    """growth.csv: ``Weight (lbs.)``, ``Length (inches)`` and ``Head Size (inches)``, the
    unit in the header, a plain number in the cell (read in the header's unit; a cell that
    writes its own unit is read in that). A header without a unit and a cell without one
    are refused, never guessed."""
    columns = [(table.index_starting(*names), field, read_value)
               for names, field, read_value in (
                   (("Weight",), "weight_grams", measures.grams),
                   (("Length", "Height"), "length_mm", measures.millimetres),
                   (("Head",), "head_mm", measures.millimetres))]
    columns = [(pos, field, read_value) for pos, field, read_value in columns
               if pos is not None]
    if not columns:
        table.require("Weight (lbs.)")

    def growth(line: int, cells: list[str]) -> Item:
        start, _start_text, child, note = common(cells)
        values, written = {}, []
        for pos, field, read_value in columns:
            text = cell(cells, pos).strip()
            if not text:
                continue
            name = table.name(pos)
            found = _HEADER_UNIT.search(name)
            header_unit = found.group(1).strip() if found else ""
            with_unit = text if not re.fullmatch(r"[\d.,]+", text) else f"{text} {header_unit}"
            values[field] = read_value(with_unit.strip(), name)
            written.append(f"{name.split('(')[0].strip()} {with_unit.strip()}")
        if not values:
            raise RowError(_("This growth entry holds no weight, length or head "
                             "measurement."))
        return Row(line, "measurement", child, {
            "measured_on": start.date(), **values, "measured_by": "other",
            "note": join_note(f"From Baby Tracker: {', '.join(written)}", note),
            "external_id": content_id("babytracker:growth", cells)})

    return growth


def _temperature_reader(table: Table, common):
    """temperature.csv: ``Temperature (°C)`` (or °F), the unit in the header or the cell;
    a reading with neither is Fahrenheit above 45, as Baby Buddy's are read."""
    col = table.index_starting("Temperature")
    if col is None:
        table.require("Temperature (°C)")
    name = table.name(col)
    found = _HEADER_UNIT.search(name)
    header_unit = found.group(1).strip() if found else ""

    def temperature(line: int, cells: list[str]) -> Item:
        start, _start_text, child, note = common(cells)
        text = cell(cells, col).strip()
        if not text:
            raise RowError(_("The %(value)s is empty.") % {"value": label(name, "")})
        with_unit = text if not re.fullmatch(r"[\d.,]+", text) else f"{text} {header_unit}"
        reading, unit = measures.temperature(with_unit.strip(), name)
        return Row(line, "temperature", child, {
            "taken_at": start, "reading": reading, "unit": unit, "note": join_note(note),
            "external_id": content_id("babytracker:temperature", cells)})

    return temperature


def _medication_reader(table: Table, common):
    """medication.csv: ``Medication name``, ``Amount`` with its unit in the next column
    (whose header is blank) or in the cell, ``Min interval (minutes)`` (the medicine's
    no-sooner-than gap) and ``Max interval (minutes)`` (kept in the note)."""
    col_name = table.index_starting("Medication", "Medicine", "Name")
    if col_name is None:
        table.require("Medication name")
    col_amount = table.index_starting("Amount", "Dose", "Dosage")
    col_unit = table.index("Unit", "Dosage unit")
    if col_unit is None and col_amount is not None and col_amount + 1 < len(table.names) \
            and not table.names[col_amount + 1]:
        col_unit = col_amount + 1
    col_min = table.index_starting("Min interval")
    col_max = table.index_starting("Max interval")

    def medication(line: int, cells: list[str]) -> Item:
        start, _start_text, child, note = common(cells)
        name = cell(cells, col_name).strip()
        if not name:
            raise RowError(_("The %(value)s is empty, so it is not clear which medicine "
                             "this was.") % {"value": label(table.name(col_name), "")})
        amount_text = " ".join(part for part in (cell(cells, col_amount).strip(),
                                                 cell(cells, col_unit).strip()) if part)
        given = measures.dose(amount_text) if amount_text else None
        extra = [f"Dose: {amount_text}"] if amount_text and given is None else []
        amount, unit = given or (None, "")
        min_hours = None
        gap = cell(cells, col_min).strip()
        if gap:
            try:
                minutes = float(gap.replace(",", "."))
            except ValueError:
                minutes = float("nan")
            if minutes > 0 and math.isfinite(minutes):
                min_hours = round(minutes / 60, 1)  # the loader keeps it if 0.5–72 hours
            else:
                extra.append(f"{table.name(col_min)}: {gap}")
        most = cell(cells, col_max).strip()
        if most:
            extra.append(f"{table.name(col_max)}: {most}")
        return Row(line, "dose", child, {
            "given_at": start, "medicine": name[:80], "amount": amount, "unit": unit,
            "min_hours": min_hours, "note": join_note(*extra, note),
            "external_id": content_id("babytracker:medication", cells)})

    return medication


def _minutes(span: timedelta) -> str:
    minutes = span.total_seconds() / 60
    return str(int(minutes)) if minutes == int(minutes) else f"{minutes:.1f}"


def _which_activity(options: dict, stream: object, table: Table) -> str:
    if options.get("activity"):
        key = "_".join(re.sub(r"[^a-z]+", " ", str(options["activity"]).lower()).split())
        key = ACTIVITY_NAMES.get(key, key)
        if key not in ACTIVITIES:
            raise ValueError(_("“%(value)s” is not a Baby Tracker activity this importer knows "
                               "(nursing, formula, expressed, sleep, bath, diaper, …).")
                             % {"value": options['activity']})
        return key
    file_name = stream_name(stream, options)
    letters = re.sub(r"[^a-z]", "", file_name.rsplit(".", 1)[0])
    for word, activity in FILE_WORDS:
        if word in letters:
            return activity
    if table.index("Status") is not None:
        return "diaper"
    if table.index_starting("Left amount") is not None:
        return "pump"
    if table.index("Start Side") is not None and table.index("Baby") is not None:
        return "nursing"
    raise ValueError(_("This file cannot be imported: it is not clear which Baby Tracker "
                       "activity it holds. Keep the name the app gave it (nursing.csv, "
                       "formula.csv, sleep.csv …) or say which with the activity option."))

"""Baby Buddy (github.com/babybuddy/babybuddy): the CSV files its admin "Export" writes, one
per table, and the objects its REST API returns.

What is confirmed, and from where (all in babybuddy/babybuddy):

* The CSV columns. ``core/admin.py`` exports every table through django-import-export with
  a base resource adding ``id``, ``child_id``, ``child_first_name`` and
  ``child_last_name`` (export order: those four first), leaving out ``duration``; the other
  columns are the model's field names from ``core/models.py``: Feeding ``start, end, type,
  method, amount, notes`` (+ ``tags``), Sleep ``start, end, nap, notes``, TummyTime
  ``start, end, milestone``, Note ``note, time``, DiaperChange ``time, wet, solid, color,
  amount, notes``, Pumping ``start, end, amount, notes`` (older: ``amount, time``),
  Temperature ``temperature, time``, Weight/Height/HeadCircumference/BMI ``<value>, date``,
  Child ``first_name, last_name, birth_date, birth_time``. The import fixtures
  ``core/tests/import/*.csv`` show the same names and times written ``2020-02-17 03:04:09``
  (naive, in the server's zone).
* The vocabularies, from ``core/models.py``: Feeding.type ``breast milk``, ``formula``,
  ``fortified breast milk``, ``solid food``; Feeding.method ``bottle``, ``left breast``,
  ``right breast``, ``both breasts``, ``parent fed``, ``self fed``. ``amount`` is a bare
  number: Baby Buddy records no unit, so ``options["amount_unit"]`` says what it was ("ml",
  the default, or "oz"). Forks add ``amount_unit`` per row and methods such as ``tube`` or
  ``cup feeding``: a per-row ml/oz unit is honoured; an unknown method is kept in the note.
* The API objects, from ``api/serializers.py``: feedings ``id, child, start, end, timer,
  duration, type, method, amount, notes, tags``; sleep ``id, child, start, end, timer,
  duration, nap, notes, tags``; tummy times ``id, child, start, end, timer, duration,
  milestone, tags``; children ``id, first_name, last_name, birth_date, birth_time, slug,
  picture``. ``child`` is the child's id; times carry their offset.

Mapping: a feeding becomes a Nestwell feed (the breast side from the method; a bottle's
amount in ml and its milk from the type; fortified breast milk is kept as breast milk with
a note saying so; solid food as solids, its unit-less amount in the note); sleep becomes
sleep; tummy time becomes play with the note "Tummy time" and its milestone; a child
becomes a baby named "first last", as Baby Buddy shows her (born at midnight, local
time, when Baby Buddy has no birth time; its slug and picture are not kept); a weight,
height or head circumference becomes a growth measurement on its day (Baby Buddy records no
unit: ``weight_unit`` kg, g, lb or oz, kg unless told; ``length_unit`` cm, mm or in, cm
unless told; the value as Baby Buddy had it stays in the note); a diaper change becomes a
nappy (wet and solid: both; neither: dry; its colour when brown, green or yellow, any other
colour and the unit-less amount in the note); a temperature becomes a temperature (Baby
Buddy keeps no unit: a reading above 45 is read as °F); a pumping entry becomes a pumping
session (its start, or an older export's ``time``; its length from ``end``; its unit-less
amount in ml unless ``amount_unit`` says oz; it is not put in the milk store, which Baby
Buddy does not keep). A medication ``name, dosage,
dosage_unit, time, next_dose_interval, notes`` (``core/migrations/0036_medication.py``)
becomes a dose of the medicine of that name, made on import with the interval as its
"no sooner than" gap when the baby has none. A note becomes a note moment at its time, its
words and tags in the moment's note (one with no words is Rejected). BMI is Skipped, with
its reason.
``external_id`` is ``babybuddy:<table>:<id>`` (the same from CSV and API, so importing both
creates nothing twice).

CSV options: ``model`` (which table, when neither the file name nor its columns tell),
``amount_unit``, ``weight_unit``, ``length_unit``, ``child_name`` ("full", the default:
"first last" as Baby Buddy shows a child, or "first": the first name only), ``children``
({child_id: name}, for files with ``child_id`` but no names), ``child`` (one name for every
row), ``date_format``, ``day_first``, ``file_name``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.transfer.importers.generic_csv import (
    US_FORMATS,
    Item,
    RowError,
    Table,
    amount_unit_option,
    cell,
    check_span,
    column_key,
    content_id,
    drive,
    join_note,
    label,
    moment,
    read_time,
    split_amount,
    stream_name,
    time_formats,
    to_ml,
)
from nestwell.transfer.records import Rejected, Row, Skipped

# Tables whose rows are left out, and why.
SKIPPED = {
    "bmi": gettext_lazy("Baby Buddy's BMI is not imported: for babies Nestwell reads weight "
                        "for length on the WHO standards instead, from the weights and lengths "
                        "it brings over."),
    "tag": gettext_lazy("Baby Buddy tags are not imported."),
    "timer": gettext_lazy("Baby Buddy timers are not imported; only finished entries are."),
}
MAPPED = ("feeding", "sleep", "tummytime", "child", "weight", "height", "headcircumference",
          "diaperchange", "temperature", "pumping",
          "medication", "note")
# Growth tables: the column with the value, and what it becomes (Baby Buddy records no unit:
# the weight_unit and length_unit options say which; kg and cm unless told).
GROWTH_VALUES = {"weight": ("weight", "weight_grams"), "height": ("height", "length_mm"),
                 "headcircumference": ("head_circumference", "head_mm")}
WEIGHT_UNITS = {"kg": 1000, "g": 1, "lb": 453.59237, "oz": 28.349523125}
LENGTH_UNITS = {"cm": 10, "mm": 1, "in": 25.4}
PLURAL = {"feeding": "feedings", "sleep": "sleep", "tummytime": "tummy times",
          "child": "children", "note": "notes", "diaperchange": "diaper changes",
          "pumping": "pumping"}

# Names a table goes by (in file names, option values and API paths), letters only.
ALIASES = {
    "feeding": "feeding", "feedings": "feeding",
    "sleep": "sleep", "sleeps": "sleep",
    "tummytime": "tummytime", "tummytimes": "tummytime",
    "child": "child", "children": "child",
    "note": "note", "notes": "note",
    "diaperchange": "diaperchange", "diaperchanges": "diaperchange", "changes": "diaperchange",
    "diaper": "diaperchange", "diapers": "diaperchange",
    "pumping": "pumping", "pumpings": "pumping",
    "temperature": "temperature", "temperatures": "temperature",
    "medication": "medication", "medications": "medication",
    "weight": "weight", "weights": "weight", "height": "height", "heights": "height",
    "headcircumference": "headcircumference", "headcircumferences": "headcircumference",
    "bmi": "bmi", "tag": "tag", "tags": "tag", "timer": "timer", "timers": "timer",
}

REQUIRED = {
    "feeding": ("start", "end", "type", "method"),
    "sleep": ("start", "end"),
    "tummytime": ("start", "end"),
    "child": ("first_name", "birth_date"),
    "weight": ("weight", "date"),
    "height": ("height", "date"),
    "headcircumference": ("head_circumference", "date"),
    "diaperchange": ("time",),
    "temperature": ("temperature", "time"),
    "pumping": ("amount",),
    "medication": ("name", "time"),
    "note": ("notes", "time"),
}
# Other headers a field may have (verbose names, in case an export uses them).
OTHER_NAMES = {"start": ("start time",), "end": ("end time",), "notes": ("note",),
               "first_name": ("first name",), "last_name": ("last name",),
               "birth_date": ("birth date",), "birth_time": ("birth time",)}
FIELDS = ("id", "child_id", "child", "child_first_name", "child_last_name", "start", "end",
          "type", "method", "amount", "amount_unit", "notes", "milestone", "first_name",
          "last_name", "birth_date", "birth_time", "nap", "tags", "weight", "height",
          "head_circumference", "date")
FIELDS += ("time", "wet", "solid", "color", "temperature")  # nappy changes, temperatures
FIELDS += ("name", "dosage", "dosage_unit", "next_dose_interval")  # medication
FIELDS += ("note",)  # a note, as the API names its text

SIDES = {"left breast": "left", "right breast": "right", "both breasts": "both"}
SOLID_METHODS = ("parent fed", "self fed")
MILKS = {"breast milk": "breast_milk", "formula": "formula",
         "fortified breast milk": "breast_milk"}
SPOONS_ML = {"tsp": 4.92892, "tbsp": 14.7868}


def read(stream: Iterable[str], *, time_zone: ZoneInfo,
         options: dict | None = None) -> Iterator[Item]:
    """Rows of one Baby Buddy CSV export. Which table it is comes from ``options["model"]``,
    else the file name, else its columns; the header is checked now (ValueError when a
    needed column is missing); rows are read as they are asked for."""
    options = dict(options or {})
    unit = amount_unit_option(options)
    units = growth_units(options)
    style = _name_style(options.get("child_name"))
    formats, fallbacks = time_formats(options, US_FORMATS)
    children = {str(k): v for k, v in dict(options.get("children") or {}).items()}
    fixed_child = str(options.get("child") or "").strip() or None

    table = Table(stream, what=_("a Baby Buddy export"), format_id="babybuddy-csv")
    model = _which_table(options, stream, table)
    table.what = _("a Baby Buddy %(table)s export") % {"table": PLURAL.get(model, model)}
    for field in REQUIRED.get(model, ()):
        table.require(field, *OTHER_NAMES.get(field, ()))
    positions = {field: table.index(field, *OTHER_NAMES.get(field, ())) for field in FIELDS}
    positions = {field: pos for field, pos in positions.items() if pos is not None}
    names = {field: table.name(pos) for field, pos in positions.items()}

    def handle(line: int, cells: list[str]) -> Item:
        if model in SKIPPED:
            return Skipped(line, str(SKIPPED[model]))
        record = {field: cell(cells, pos) for field, pos in positions.items()}
        if model == "child":
            return _child_row(line, record, names, style, time_zone)
        child = _csv_child(record, style, children, fixed_child)
        if record.get("id"):
            external_id = f"babybuddy:{model}:{record['id']}"
        else:
            external_id = content_id(f"babybuddy:{model}", cells)
        if model in GROWTH_VALUES:
            return _measurement(model, line, record, names, child, units, external_id)
        return _moment(model, line, record, names, child, time_zone, formats, fallbacks,
                       unit, external_id)

    return drive(table, handle)


def rows_from_api(kind: str, objects: Iterable[Mapping] | Mapping,
                  children_by_id: Mapping | None, time_zone: ZoneInfo, *,
                  amount_unit: str = "ml", child_name: str = "full",
                  weight_unit: str = "kg", length_unit: str = "cm") -> Iterator[Item]:
    """Rows from Baby Buddy REST API objects.

    ``kind`` is the API path or table ("feedings", "sleep", "tummy-times", "children", or
    any table that is Skipped such as "changes"); ``objects`` the ``results`` of a page (a
    whole page is accepted too); ``children_by_id`` maps a child's id to its name or to its
    /api/children/ object. Rows are numbered from 1 in the order given; times keep their
    offset (a time without one is read in ``time_zone``).
    """
    model = table_named(kind)
    if model is None:
        raise ValueError(_("“%(kind)s” is not a Baby Buddy table this importer knows.")
                         % {"kind": kind})
    unit = amount_unit_option({"amount_unit": amount_unit})
    units = growth_units({"weight_unit": weight_unit, "length_unit": length_unit})
    style = _name_style(child_name)
    children = {str(k): v for k, v in dict(children_by_id or {}).items()}
    if isinstance(objects, Mapping):
        objects = objects.get("results") or []
    names = {field: field for field in FIELDS}

    def generate() -> Iterator[Item]:
        for index, obj in enumerate(objects, start=1):
            if model in SKIPPED:
                yield Skipped(index, str(SKIPPED[model]))
                continue
            try:
                if not isinstance(obj, Mapping):
                    raise RowError(_("This item is not a Baby Buddy object."))
                record = {field: _text(obj.get(field)) for field in FIELDS if field in obj}
                if model == "child":
                    yield _child_row(index, record, names, style, time_zone)
                    continue
                child = _api_child(obj.get("child"), children, style)
                external_id = f"babybuddy:{model}:{obj['id']}" if obj.get("id") is not None \
                    else ""
                if model in GROWTH_VALUES:
                    yield _measurement(model, index, record, names, child, units,
                                       external_id)
                    continue
                yield _moment(model, index, record, names, child, time_zone, (), US_FORMATS,
                              unit, external_id)
            except RowError as exc:
                yield Rejected(index, str(exc))

    return generate()


# --- which table ----------------------------------------------------------------------

def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", str(text).lower())


def table_named(name: str) -> str | None:
    """The table a name (file name, option, API path) stands for, or None."""
    return ALIASES.get(_letters(name))


def _which_table(options: dict, stream: object, table: Table) -> str:
    if options.get("model"):
        model = table_named(options["model"])
        if model is None:
            raise ValueError(_("“%(value)s” is not a Baby Buddy table this importer knows "
                               "(feedings, sleep, tummy times, children, …).")
                             % {"value": options['model']})
        return model
    file_name = stream_name(stream, options)
    if file_name:
        letters = _letters(file_name.rsplit(".", 1)[0])
        for alias in sorted(ALIASES, key=len, reverse=True):
            if alias in letters:
                return ALIASES[alias]
    model = _table_from_columns({column_key(name) for name in table.names})
    if model is None:
        raise ValueError(_("This file cannot be imported: it is not clear which Baby Buddy "
                           "table it holds (feedings, sleep, tummy times …); keep the file's "
                           "name, or say which with the model option."))
    return model


def _table_from_columns(keys: set[str]) -> str | None:
    if {"type", "method"} <= keys:
        return "feeding"
    for column, model in (("milestone", "tummytime"), ("wet", "diaperchange"),
                          ("dosage", "medication"), ("dosage_unit", "medication"),
                          ("temperature", "temperature"), ("head_circumference",
                                                           "headcircumference"),
                          ("height", "height"), ("weight", "weight"), ("bmi", "bmi"),
                          ("birth_date", "child"), ("note", "note")):
        if column in keys:
            return model
    if "amount" in keys:
        return "pumping"
    if {"start", "end"} <= keys or {"start time", "end time"} <= keys:
        return "sleep"
    return None


# --- one record -----------------------------------------------------------------------

def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):  # the API's tags
        return ", ".join(_text(v) for v in value if v is not None)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _name_style(value: object) -> str:
    style = str(value or "full").lower()
    if style not in ("first", "full"):
        raise ValueError(_("child_name must be \"first\" or \"full\", not “%(value)s”.")
                         % {"value": value})
    return style


NAME_LIMIT = 60  # a Nestwell baby's name


def _name(first: str, last: str, style: str) -> str | None:
    """The baby's name as Baby Buddy shows it, "first last" (the loader also matches a
    baby added by hand under her first name only). A whole name longer than Nestwell
    keeps falls back to the first name."""
    whole = f"{first} {last}".strip()
    if style == "full" and last and len(whole) <= NAME_LIMIT:
        return whole or None
    return first or None


def _csv_child(record: dict, style: str, children: dict, fixed: str | None) -> str | None:
    if fixed:
        return fixed
    first = record.get("child_first_name", "")
    if first:
        return _name(first, record.get("child_last_name", ""), style)
    child_id = record.get("child_id", "")
    if child_id and child_id in children:
        return _named(children[child_id], style)
    shown = record.get("child", "")
    if shown and not shown.isdigit():
        return shown
    return None


def _named(value: object, style: str) -> str | None:
    if isinstance(value, Mapping):
        return _name(_text(value.get("first_name")), _text(value.get("last_name")), style)
    return _text(value) or None


def _api_child(child_id: object, children: dict, style: str) -> str | None:
    if child_id is None or not children:
        return None
    if str(child_id) not in children:
        raise RowError(_("Child %(child_id)s is not among the children given, so it is not "
                         "clear which baby this is for.") % {"child_id": child_id})
    return _named(children[str(child_id)], style)


def _moment(model: str, line: int, record: dict, names: dict, child: str | None,
            zone: ZoneInfo, formats: tuple, fallbacks: tuple, unit: str,
            external_id: str) -> Row:
    if model in CARE_DAY:
        return CARE_DAY[model](line, record, names, child, zone, formats, fallbacks,
                               external_id)
    if model == "pumping":
        return _pumping(line, record, names, child, zone, formats, fallbacks, unit,
                        external_id)
    start_text, end_text = record.get("start", ""), record.get("end", "")
    start_name, end_name = names.get("start", "start"), names.get("end", "end")
    start = read_time(start_text, start_name, zone, formats, fallbacks)
    end = read_time(end_text, end_name, zone, formats, fallbacks, required=False)
    check_span(start, end, start_name, start_text, end_name, end_text)
    notes = record.get("notes", "")
    if record.get("tags"):
        notes = join_note(notes, f"Tags: {record['tags']}")
    if model == "feeding":
        details, extra = _feeding(record, names, unit)
        return moment(line, child, "feeding", start, end, details, join_note(*extra, notes),
                      external_id)
    if model == "tummytime":
        milestone = record.get("milestone", "")
        heading = f"Tummy time: {milestone}" if milestone else "Tummy time"
        return moment(line, child, "play", start, end, {}, join_note(heading, notes),
                      external_id)
    nap = record.get("nap", "").lower() in ("1", "true", "yes")
    return moment(line, child, "sleep", start, end, {},
                  join_note("Nap" if nap else "", notes), external_id)


def growth_units(options: dict) -> tuple[str, str]:
    """The weight and length units the options name (kg and cm unless told)."""
    weight = str(options.get("weight_unit") or "kg").lower()
    length = str(options.get("length_unit") or "cm").lower()
    if weight not in WEIGHT_UNITS:
        raise ValueError(_("weight_unit must be one of %(units)s, not “%(weight)s”.")
                         % {"units": ', '.join(WEIGHT_UNITS), "weight": weight})
    if length not in LENGTH_UNITS:
        raise ValueError(_("length_unit must be one of %(units)s, not “%(length)s”.")
                         % {"units": ', '.join(LENGTH_UNITS), "length": length})
    return weight, length


def _measurement(model: str, line: int, record: dict, names: dict, child: str | None,
                 units: tuple[str, str], external_id: str) -> Row:
    """A weight, height or head circumference on its day, in grams or millimetres."""
    column, field_name = GROWTH_VALUES[model]
    text = record.get(column, "")
    value = _number(text, names.get(column, column))
    weight_unit, length_unit = units
    if model == "weight":
        converted, unit = round(value * WEIGHT_UNITS[weight_unit]), weight_unit
    else:
        converted, unit = round(value * LENGTH_UNITS[length_unit]), length_unit
    if value <= 0:
        raise RowError(_("The %(value)s is not more than zero.")
                       % {"value": label(names.get(column, column), text)})
    day_text = record.get("date", "")[:10]
    try:
        measured_on = date.fromisoformat(day_text)
    except ValueError:
        raise RowError(_("The %(value)s is not a date written year-month-day.")
                       % {"value": label(names.get('date', 'date'),
                                         record.get('date', ''))}) from None
    notes = record.get("notes", "")
    if record.get("tags"):
        notes = join_note(notes, f"Tags: {record['tags']}")
    return Row(line, "measurement", child, {
        "measured_on": measured_on, field_name: converted, "measured_by": "other",
        "note": join_note(f"From Baby Buddy: {text} {unit}", notes),
        "external_id": external_id})


def _feeding(record: dict, names: dict, unit: str) -> tuple[dict, list[str]]:
    kind = record.get("type", "").lower()
    method = record.get("method", "").lower()
    amount_text = record.get("amount", "")
    amount_name = names.get("amount", "amount")
    row_unit = record.get("amount_unit", "").lower()
    details: dict = {}
    extra: list[str] = []
    if kind == "solid food" or method in SOLID_METHODS:
        details["method"] = "solids"
        if method in SOLID_METHODS:
            extra.append(method.capitalize())
        if amount_text:
            if row_unit in ("ml", "oz") or row_unit in SPOONS_ML:
                number = _number(amount_text, amount_name)
                if row_unit in SPOONS_ML:
                    number, row_unit = number * SPOONS_ML[row_unit], "ml"
                millilitres = to_ml(number, row_unit, amount_name, amount_text)
                if millilitres:
                    details["amount_ml"] = millilitres
            else:
                extra.append(f"Amount: {amount_text}")
        return details, extra
    if method in SIDES:
        # Nestwell keeps no amount or milk on a breastfeed.
        return {"method": "breast", "side": SIDES[method]}, extra
    if method == "bottle":
        details["method"] = "bottle"
    elif method:
        extra.append(method.capitalize())
    if kind == "fortified breast milk":
        extra.insert(0, "Fortified breast milk")
    if kind in MILKS:
        details["milk"] = MILKS[kind]
    elif kind:
        extra.append(kind.capitalize())
    if amount_text:
        number = _number(amount_text, amount_name)
        millilitres = to_ml(number, row_unit if row_unit in ("ml", "oz") else unit,
                            amount_name, amount_text)
        if millilitres:
            details["amount_ml"] = millilitres
        elif number > 0:  # said, not silently dropped
            extra.append(f"Amount: {amount_text} (under 1 ml, so kept here, not as an "
                         "amount)")
    return details, extra


def _number(text: str, column: str) -> float:
    amount = split_amount(text)
    if amount is None:
        raise RowError(_("The %(value)s is not a number.") % {"value": label(column, text)})
    return amount[0]


def _child_row(line: int, record: dict, names: dict, style: str, zone: ZoneInfo) -> Row:
    name = _name(record.get("first_name", ""), record.get("last_name", ""), style)
    if not name:
        raise RowError(_("The '%(value)s' is empty.")
                       % {"value": names.get('first_name', 'first_name')})
    date_text = record.get("birth_date", "")
    time_text = record.get("birth_time", "")
    try:
        born_on = date.fromisoformat(date_text)
    except ValueError:
        raise RowError(_("The %(value)s is not a date written year-month-day.")
                       % {"value": label(names.get('birth_date', 'birth_date'),
                                         date_text)}) from None
    try:
        born_at = time.fromisoformat(time_text) if time_text else time(0, 0)
    except ValueError:
        raise RowError(_("The %(value)s is not a time of day.")
                       % {"value": label(names.get('birth_time', 'birth_time'),
                                         time_text)}) from None
    birth_at = datetime.combine(born_on, born_at.replace(tzinfo=None), tzinfo=zone)
    return Row(line, "child", name, {"name": name, "birth_at": birth_at})


# --- nappy changes and temperatures (the care day) ------------------------------------

# Baby Buddy's DiaperChange.color choices; "black" is left in the note rather than read as
# meconium, which only the first days' black-green stools are.
NAPPY_COLOURS = {"brown": "brown", "green": "green", "yellow": "yellow"}
TRUE = ("1", "true", "yes", "y", "t")


def _flag(record: dict, name: str) -> bool:
    return record.get(name, "").strip().lower() in TRUE


def _nappy(line: int, record: dict, names: dict, child: str | None, zone: ZoneInfo,
           formats: tuple, fallbacks: tuple, external_id: str) -> Row:
    at = read_time(record.get("time", ""), names.get("time", "time"), zone, formats,
                   fallbacks)
    wet, solid = _flag(record, "wet"), _flag(record, "solid")
    kind = "both" if wet and solid else "wet" if wet else "dirty" if solid else "dry"
    colour_text = record.get("color", "").strip().lower()
    extra = []
    colour = NAPPY_COLOURS.get(colour_text, "") if solid else ""
    if colour_text and not colour:
        extra.append(f"Colour: {colour_text}")
    if record.get("amount"):
        extra.append(f"Amount: {record['amount']}")
    notes = record.get("notes", "")
    if record.get("tags"):
        notes = join_note(notes, f"Tags: {record['tags']}")
    return Row(line, "nappy", child, {"changed_at": at, "kind": kind, "colour": colour,
                                      "note": join_note(*extra, notes),
                                      "external_id": external_id})


def _temperature(line: int, record: dict, names: dict, child: str | None, zone: ZoneInfo,
                 formats: tuple, fallbacks: tuple, external_id: str) -> Row:
    at = read_time(record.get("time", ""), names.get("time", "time"), zone, formats,
                   fallbacks)
    text = record.get("temperature", "")
    value = _number(text, names.get("temperature", "temperature"))
    # Baby Buddy keeps no unit: a reading above 45 can only be Fahrenheit.
    unit = "F" if value > 45 else "C"
    notes = record.get("notes", "")
    if record.get("tags"):
        notes = join_note(notes, f"Tags: {record['tags']}")
    return Row(line, "temperature", child, {"taken_at": at, "reading": text, "unit": unit,
                                            "note": notes, "external_id": external_id})


def _note(line: int, record: dict, names: dict, child: str | None, zone: ZoneInfo,
          formats: tuple, fallbacks: tuple, external_id: str) -> Row:
    """A Baby Buddy note: a note moment at its time, its words as they were."""
    at = read_time(record.get("time", ""), names.get("time", "time"), zone, formats,
                   fallbacks)
    text = record.get("note") or record.get("notes", "")
    if not text.strip():
        raise RowError(_("This note has no words."))
    if record.get("tags"):
        text = join_note(text, f"Tags: {record['tags']}")
    return moment(line, child, "note", at, None, {}, join_note(text), external_id)


# --- pumping (the milk app) -----------------------------------------------------------

LONGEST_PUMPING = 240  # minutes: longer is a timer left running; kept in the note


def _pumping(line: int, record: dict, names: dict, child: str | None, zone: ZoneInfo,
             formats: tuple, fallbacks: tuple, unit: str, external_id: str) -> Row:
    """A Baby Buddy pumping entry: ``start``/``end`` (an older export: ``time``) and an
    amount without a unit."""
    field = "start" if record.get("start") else "time"
    start = read_time(record.get(field, ""), names.get(field, field), zone, formats,
                      fallbacks)
    end = read_time(record.get("end", ""), names.get("end", "end"), zone, formats,
                    fallbacks, required=False)
    check_span(start, end, names.get(field, field), record.get(field, ""),
               names.get("end", "end"), record.get("end", ""))
    extra, minutes = [], None
    if end is not None:
        minutes = round((end - start).total_seconds() / 60)
        if minutes > LONGEST_PUMPING:
            extra.append(f"Lasted {minutes} minutes in Baby Buddy")
            minutes = None
    text = record.get("amount", "").strip()
    amount = None
    if text:
        number = _number(text, names.get("amount", "amount"))
        amount = to_ml(number, unit, names.get("amount", "amount"), text)
    notes = record.get("notes", "")
    if record.get("tags"):
        notes = join_note(notes, f"Tags: {record['tags']}")
    return Row(line, "pumping", child, {"started_at": start, "minutes": minutes,
                                        "amount_ml": amount, "note": join_note(*extra, notes),
                                        "external_id": external_id})


# Medication.dosage_unit choices -> Nestwell's units.
DOSAGE_UNITS = {"mg": "mg", "ml": "ml", "tablets": "tablet", "tablet": "tablet",
                "drops": "drops", "drop": "drops"}
# Medication.next_dose_interval: a DurationField, written "4:00:00" by the CSV export
# (str of a timedelta, "1 day, 4:00:00" past a day) and "04:00:00" or "1 04:00:00" by the
# API.
INTERVAL = re.compile(r"^(?:(\d+) (?:days?, )?)?(\d+):(\d{2}):(\d{2})(?:\.\d+)?$")


def _medication(line: int, record: dict, names: dict, child: str | None, zone: ZoneInfo,
                formats: tuple, fallbacks: tuple, external_id: str) -> Row:
    """A dose given: its medicine by name (made on import when the baby has none of that
    name, with Baby Buddy's "next dose interval" as its no-sooner-than gap); a unit
    Nestwell does not know goes into the note with the amount."""
    at = read_time(record.get("time", ""), names.get("time", "time"), zone, formats,
                   fallbacks)
    name = record.get("name", "").strip()
    if not name:
        raise RowError(_("The %(value)s is empty.")
                       % {"value": label(names.get('name', 'name'), '')})
    amount_text = record.get("dosage", "").strip()
    unit_text = record.get("dosage_unit", "").strip().lower()
    unit = DOSAGE_UNITS.get(unit_text, "")
    extra = []
    amount = None
    if amount_text:
        amount = _number(amount_text, names.get("dosage", "dosage"))
        if not unit:
            extra.append(f"Dose: {amount_text} {unit_text}".strip())
            amount = None
    hours = None
    found = INTERVAL.match(record.get("next_dose_interval", "").strip())
    if found:
        days, h, m, sec = (int(g or 0) for g in found.groups())
        hours = round(days * 24 + h + m / 60 + sec / 3600, 1) or None
    notes = record.get("notes", "")
    if record.get("tags"):
        notes = join_note(notes, f"Tags: {record['tags']}")
    return Row(line, "dose", child, {"given_at": at, "medicine": name,
                                     "amount": amount, "unit": unit if amount else "",
                                     "min_hours": hours, "note": join_note(*extra, notes),
                                     "external_id": external_id})


CARE_DAY = {"diaperchange": _nappy, "temperature": _temperature, "medication": _medication,
            "note": _note}

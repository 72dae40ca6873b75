"""How a person reads amounts, weights, lengths, times of day and weeks (issue 19, item 3).

Nestwell keeps one unit in the database (whole millilitres, grams, millimetres) and shows
them the way she reads them: her own choice, else the habit of the place she lives. The
habits (12- or 24-hour clock, the first day of the week) come from the Unicode CLDR through
Babel; US customary measures are used where CLDR says the place measures that way. What
Babel says for each offered language and place, and the country of each time zone, is
kept in ``data/habits.json`` (``scripts/cldr-habits.py`` writes it, a test holds it to
Babel), so that a worker reads a small table instead of loading CLDR: 4 MB of each
worker. Babel is asked only for a language or a place the table does not hold.

Pure functions, no Django: numbers come back as numbers, and the caller writes them in
her language.
"""

import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from pathlib import Path

HABITS_FILE = Path(__file__).resolve().parent / "data" / "habits.json"

ML_PER_FL_OZ = Decimal("29.5735295625")  # US fluid ounce
GRAMS_PER_OZ = Decimal("28.349523125")
MM_PER_INCH = Decimal("25.4")

# CLDR supplemental measurementData: the territories that measure in US customary units.
US_CUSTOMARY = frozenset({"US", "LR", "MM", "PR"})

# CLDR unitPreferenceData: the territories that read temperatures in degrees Fahrenheit.
FAHRENHEIT = frozenset({"US", "BS", "BZ", "KY", "PR", "PW"})

VOLUMES = ("ml", "oz")
TEMPERATURES = ("C", "F")
WEIGHTS = ("metric", "imperial")
CLOCKS = (24, 12)
WEEK_STARTS = (0, 5, 6)  # Monday, Saturday, Sunday (Python's weekday numbers)


@dataclass(frozen=True)
class Measures:
    volume: str = "ml"  # "ml" or "oz" (US fluid ounces)
    weight: str = "metric"  # "metric" (kg, g, cm) or "imperial" (lb and oz, inches)
    clock: int = 24  # 24 or 12
    week_start: int = 0  # 0 Monday ... 6 Sunday
    temperature: str = "C"  # "C" or "F"
    month_first: bool = False  # "Dec 3" where the place writes the month first (not chosen)

    def with_choices(self, volume="", weight="", clock="", week_start="",
                     temperature="") -> "Measures":
        """These habits with her own choices laid over them (empty: keep the habit)."""
        return Measures(
            volume=volume if volume in VOLUMES else self.volume,
            weight=weight if weight in WEIGHTS else self.weight,
            clock=int(clock) if str(clock) in {"24", "12"} else self.clock,
            week_start=int(week_start) if str(week_start) in {"0", "5", "6"}
            else self.week_start,
            temperature=temperature if temperature in TEMPERATURES else self.temperature,
            month_first=self.month_first,
        )


def _locale(language: str, country: str):
    """The CLDR locale of a place: the language there when CLDR knows it (fr_CA), else the
    place's own main language (und_CA), else the language alone."""
    from babel import Locale, UnknownLocaleError

    for tag in (f"{language}_{country}", f"und_{country}"):
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return None


def cldr_habits(language: str, country: str) -> tuple[int, int, bool] | None:
    """What CLDR says of a place in a language (``language`` lower case, ``country``
    upper case): the clock (12 or 24), the first day of the week (0 Monday … 6 Sunday)
    and whether a date writes the month first; None for a place CLDR does not know."""
    locale = _locale(language, country)
    if locale is None:
        return None
    # The letters of the pattern, without its quoted words (French Canada: HH 'h' mm).
    pattern = re.sub(r"'[^']*'", "", locale.time_formats["short"].pattern)
    twelve = "h" in pattern or "K" in pattern
    start = locale.first_week_day
    written = re.sub(r"'[^']*'", "", locale.date_formats["medium"].pattern)
    return (12 if twelve else 24, start if start in WEEK_STARTS else 0,
            written.find("M") < written.find("d"))


def cldr_zone_country(name: str) -> str:
    """The country of a time zone as CLDR has it ("America/Chicago": "US"), or ""."""
    from babel.core import get_global

    name = get_global("zone_aliases").get(name, name)
    country = get_global("zone_territories").get(name, "")
    return country if len(country) == 2 and country.isalpha() and country != "ZZ" else ""


# The languages the table holds: those Nestwell offers ("en-us" reads as "en").
TABLE_LANGUAGES = ("ar", "de", "en", "es", "fr")


def table_from_cldr() -> dict:
    """The table as Babel gives it now (scripts/cldr-habits.py writes it): each offered
    language's habits for every place CLDR names, and each zone's and alias's country."""
    from babel import Locale
    from babel.core import get_global

    places = sorted(code for code in Locale("en").territories
                    if len(code) == 2 and code.isalpha())
    names = sorted(set(get_global("zone_territories")) | set(get_global("zone_aliases")))
    return {
        "habits": {language: {place: cldr_habits(language, place) for place in places}
                   for language in TABLE_LANGUAGES},
        "zones": {name: country for name in names
                  if (country := cldr_zone_country(name))},
        "cities": {language: {name: cldr_zone_city(name, language) for name in names}
                   for language in TABLE_LANGUAGES},
    }


def cldr_zone_city(name: str, language: str) -> str:
    """The zone's city in ``language`` as CLDR has it ("Africa/Cairo": "Le Caire"); the
    name itself when CLDR has no city (UTC, Etc/GMT+5) or does not know the zone."""
    try:
        from babel.dates import get_timezone_location

        return get_timezone_location(name, locale=language, return_city=True) or name
    except Exception:  # an unknown zone or language: as it is written
        return name


@lru_cache(maxsize=256)
def zone_city(name: str, language: str) -> str:
    """``cldr_zone_city``, read from the table for the zones and languages it holds."""
    language = (language or "en").split("-")[0].lower()
    found = _table()["cities"].get(language, {}).get(name)
    return found if found is not None else cldr_zone_city(name, language)


@cache
def _table() -> dict:
    return json.loads(HABITS_FILE.read_text(encoding="utf-8"))


_NOT_KEPT = object()


@lru_cache(maxsize=512)
def country_of_time_zone(name: str) -> str:
    """The country a time zone lies in, as CLDR has it ("America/Chicago": "US"); "" for
    one in no country (UTC) or unknown. The table holds every zone and alias CLDR names."""
    return _table()["zones"].get(name, "")


@lru_cache(maxsize=256)
def habits(language: str, country: str) -> Measures:
    """What people use where she lives (country, ISO 3166 alpha-2) in her language.
    Without a country, Nestwell's own defaults: metric, a 24-hour clock, Monday first."""
    country = (country or "").upper()
    if not country:
        return Measures()
    language = (language or "en").split("-")[0].lower()
    found = _table()["habits"].get(language, {}).get(country, _NOT_KEPT)
    if found is _NOT_KEPT:
        found = cldr_habits(language, country)
    if found is None:
        return Measures()
    clock, start, month_first = found
    return Measures(
        volume="oz" if country in US_CUSTOMARY else "ml",
        weight="imperial" if country in US_CUSTOMARY else "metric",
        clock=clock, week_start=start,
        temperature="F" if country in FAHRENHEIT else "C",
        month_first=bool(month_first),
    )


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fl_oz(ml: int | Decimal) -> Decimal:
    """Millilitres as US fluid ounces to one decimal (120 ml: 4.1)."""
    return _round(Decimal(ml) / ML_PER_FL_OZ, 1)


def ml_from_fl_oz(oz: Decimal | int | str) -> int:
    """US fluid ounces as whole millilitres, rounded half up (4 fl oz: 118)."""
    return int(_round(Decimal(str(oz)) * ML_PER_FL_OZ, 0))


def pounds_ounces(grams: int) -> tuple[int, int]:
    """Grams as whole pounds and whole ounces (3450 g: 7 lb 10 oz)."""
    ounces = int(_round(Decimal(grams) / GRAMS_PER_OZ, 0))
    return divmod(ounces, 16)


def grams_from(pounds: int | Decimal, ounces: int | Decimal = 0) -> int:
    """Pounds and ounces as whole grams."""
    return int(_round((Decimal(pounds) * 16 + Decimal(ounces)) * GRAMS_PER_OZ, 0))


# A number as an Arabic or Persian keyboard types it: its own digits (٠–٩, ۰–۹), the Arabic
# decimal mark (٫) and thousands mark (٬), direction marks the phone may add, and the
# units written in Arabic ("3٫2 كغ").
_DIGITS = str.maketrans({**{chr(0x660 + i): str(i) for i in range(10)},
                         **{chr(0x6F0 + i): str(i) for i in range(10)},
                         "\u066b": ".", "\u066c": "", "\u200e": "", "\u200f": "",
                         "\u061c": ""})
_ARABIC_UNITS = {"كغ": "kg", "كجم": "kg", "كلغ": "kg", "كيلوغرام": "kg", "كيلوجرام": "kg",
                 "غرام": "g", "جرام": "g", "غم": "g", "جم": "g", "غ": "g", "مل": "ml"}
_ARABIC_UNIT = re.compile("|".join(sorted(_ARABIC_UNITS, key=len, reverse=True)))


def typed_number(text) -> str:
    """What she typed, with Arabic-script digits, marks and units as Latin ones; any other
    text is left as it was (so it is still refused where it is not a number)."""
    text = str(text if text is not None else "").translate(_DIGITS)
    return _ARABIC_UNIT.sub(lambda m: _ARABIC_UNITS[m[0]], text)


_GESTATION = re.compile(r"(?P<weeks>\d{1,2})(?:\s*\+\s*(?P<days>\d{1,2}))?", re.ASCII)


def gestation_typed(text: str) -> tuple[int, int | None] | None:
    """Weeks of pregnancy as a midwife writes them: "31", or weeks and days "31+2"
    (spaces allowed); (weeks, days or None), or None when it is neither."""
    match = _GESTATION.fullmatch(typed_number(text).strip())
    if match is None:
        return None
    days = match["days"]
    return int(match["weeks"]), int(days) if days is not None else None


_TYPED_WEIGHT = re.compile(r"(?P<whole>\d{1,6})(?:[.,](?P<part>\d{1,3}))?(?P<unit>kg|g)?",
                           re.ASCII | re.IGNORECASE)
_GROUPING = re.compile(r"[\s\u00a0\u202f']")


def grams_typed(text: str) -> int | None:
    """A metric weight as she types it, in whole grams; None when it is not one.

    Grams: "3450", "3 450", "3,450", "3450 g". Kilograms: "3.45 kg", "3,45kg", and a
    number with a decimal part and at most two digits before it ("4.2", "3,45"): no baby
    weighs 4.2 g. "3.450" reads the same either way (3450). A fraction of a gram is
    rounded. Only ASCII digits; at most six before the separator and three after it.
    A weight with its pounds or ounces written ("7 lb 10 oz") is read as such."""
    if _POUND_UNIT.search(typed_number(text).strip()):
        return grams_from_pounds_typed(text)
    found = _TYPED_WEIGHT.fullmatch(_GROUPING.sub("", typed_number(text)))
    if not found:
        return None
    whole, part = found["whole"], found["part"] or ""
    unit = (found["unit"] or "").lower()
    if unit == "kg" or (not unit and part and len(whole) <= 2):
        return int(whole) * 1000 + int(part.ljust(3, "0"))
    if part and len(part) == 3 and len(whole) <= 3:   # "3,450 g": a thousands separator
        return int(whole + part)
    return int(_round(Decimal(f"{whole}.{part or 0}"), 0))


# "7 lb 10 oz", "7lb10", "7 lb 10": pounds with their unit, then ounces; "7 10" and
# "7 10 oz": a space between them. Never digits run together: "3200" is not 32 lb 0 oz,
# nor "113 oz" 11 lb 3 oz.
_POUNDS_AND_OUNCES = (
    re.compile(r"(?P<lb>\d{1,2})\s*(?:lbs?|#)\s*(?P<oz>\d{1,2}(?:[.,]\d)?)\s*(?:oz)?",
               re.IGNORECASE | re.ASCII),
    re.compile(r"(?P<lb>\d{1,2})\s+(?P<oz>\d{1,2}(?:[.,]\d)?)\s*(?:oz)?",
               re.IGNORECASE | re.ASCII),
)
_POUNDS = re.compile(r"(?P<lb>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:lbs?|#)?", re.IGNORECASE | re.ASCII)
_OUNCES = re.compile(r"(?P<oz>\d{1,3}(?:[.,]\d)?)\s*oz", re.IGNORECASE | re.ASCII)
MOST_OUNCES = 640  # 40 lb, in ounces alone ("113 oz")


_METRIC_UNIT = re.compile(r"\d\s*(kg|g)\s*$", re.ASCII | re.IGNORECASE)
_POUND_UNIT = re.compile(r"\d\s*(lbs?|#|oz)\s*$", re.ASCII | re.IGNORECASE)


def grams_from_pounds_typed(text: str) -> int | None:
    """Pounds and ounces as she types them ("7 lb 10 oz", "7 10", "7.5", "7 lb"), or
    ounces alone ("113 oz"), in whole grams; None when it is not such a weight (16
    ounces or more beside pounds, or digits run together such as "3200"). A weight with
    its metric unit written ("4.6 kg", "4600 g", a clinic's figure) is read as such."""
    text = typed_number(text).strip()
    if _METRIC_UNIT.search(text):
        return grams_typed(text)
    for pattern in _POUNDS_AND_OUNCES:
        found = pattern.fullmatch(text)
        if found:
            ounces = Decimal(found["oz"].replace(",", "."))
            return grams_from(int(found["lb"]), ounces) if ounces < 16 else None
    found = _POUNDS.fullmatch(text)
    if found:
        return grams_from(Decimal(found["lb"].replace(",", ".")))
    found = _OUNCES.fullmatch(text)
    if found:
        ounces = Decimal(found["oz"].replace(",", "."))
        return grams_from(0, ounces) if 0 < ounces <= MOST_OUNCES else None
    return None


_LENGTH = re.compile(r"(?P<n>\d{1,3}(?:[.,]\d{1,2})?)(?:\s+(?P<a>\d)/(?P<b>[248]))?\s*"
                     r"(?P<unit>cm|in|inch|inches|\"|″)?", re.ASCII | re.IGNORECASE)


def length_typed(text: str, unit: str) -> tuple[Decimal | None, str]:
    """A length as she types it, and the unit it is in: ("57.8", "cm") from "57.8 cm"
    typed in inches' field, a fraction of an inch ("22 3/4") as a decimal; the field's own
    ``unit`` ("cm" or "in") when none is written. (None, unit) when it is not a length."""
    found = _LENGTH.fullmatch(typed_number(text).strip())
    if not found:
        return None, unit
    written = (found["unit"] or "").lower()
    unit = "cm" if written == "cm" else "in" if written else unit
    number = Decimal(found["n"].replace(",", "."))
    if found["a"]:
        if (unit != "in" or "." in found["n"] or "," in found["n"]
                or not 0 < int(found["a"]) < int(found["b"])):
            return None, unit
        number += Decimal(found["a"]) / Decimal(found["b"])
    return number, unit


def ml_per(volume: str) -> Decimal:
    """The millilitres in one of her units of volume ("ml" or "oz")."""
    return ML_PER_FL_OZ if volume == "oz" else Decimal(1)


# A unit typed after the number, whatever her household reads: a Canadian bottle is
# marked in both, and "4 oz" in a household of ml is 118 ml, never 4.
_VOLUME_UNITS = (("fl. oz", "oz"), ("fl.oz", "oz"), ("fl oz", "oz"), ("floz", "oz"),
                 ("oz", "oz"), ("ml", "ml"))


_OUNCE_FRACTION = re.compile(r"(?:(\d{1,2})\s+)?(\d{1,2})\s*/\s*(\d{1,2})", re.ASCII)


def split_volume_unit(text: str) -> tuple[str, str | None]:
    """An amount as typed, as (its number, "oz" or "ml" when a unit follows it, else
    None): "4 oz" is ("4", "oz"), "٩٠ مل" is ("90", "ml")."""
    text = typed_number(text).strip()
    lowered = text.lower()
    for suffix, unit in _VOLUME_UNITS:
        if lowered.endswith(suffix):
            return text[:-len(suffix)].strip(), unit
    return text, None


def ounces_as_decimal(text: str) -> str | None:
    """Ounces as a bottle's marks are read, "1 1/2", as a decimal, "1.50"; any other text
    as it is; None for a fraction no bottle shows ("3/0", "5/4")."""
    fraction = _OUNCE_FRACTION.fullmatch(text)
    if not fraction:
        return text
    whole, top, bottom = int(fraction[1] or 0), int(fraction[2]), int(fraction[3])
    if bottom == 0 or top >= bottom:
        return None
    return str(_round(whole + Decimal(top) / bottom, 2))


def names_volume_unit(text: str) -> str | None:
    """"oz" or "ml" when the amount typed ends in a unit of volume, else None."""
    return split_volume_unit(text)[1]


def fl_oz_exact(ml: int) -> Decimal:
    """Whole ml as fl oz to two decimals: enough to give the same whole ml back."""
    return (Decimal(ml) / ML_PER_FL_OZ).quantize(Decimal("0.01"), ROUND_HALF_UP)


def ml_typed(text: str, volume: str) -> int | None:
    """An amount of milk she typed in her unit ("90" ml, "3,5" fl oz), or in the other one
    when she says so ("4 oz", "120 ml"), as whole ml; None when it is not a number or not
    what a bottle holds (1 to 1000 ml)."""
    text, said = split_volume_unit(text)  # "٩٠ مل" is "90 ml"
    volume = said or volume
    if volume == "oz":
        text = ounces_as_decimal(text)
        if text is None:
            return None
    text = text.replace(",", ".")
    if not re.fullmatch(r"\d{1,4}(\.\d{1,2})?", text, re.ASCII):
        return None
    ml = int(_round(Decimal(text) * ml_per(volume), 0))
    return ml if 1 <= ml <= 1000 else None


def inches(mm: int) -> Decimal:
    """Millimetres as inches to one decimal (520 mm: 20.5)."""
    return _round(Decimal(mm) / MM_PER_INCH, 1)


def mm_from_inches(value: Decimal | int | str) -> int:
    return int(_round(Decimal(str(value)) * MM_PER_INCH, 0))


def fahrenheit(celsius: Decimal | int | str) -> Decimal:
    """Degrees Celsius as Fahrenheit to one decimal (38.0: 100.4)."""
    return _round(Decimal(str(celsius)) * 9 / 5 + 32, 1)


# Nestwell's day formats (Django's date letters), and how a place that writes the month
# first writes them.
MONTH_FIRST = {"j M": "M j", "D j M": "D, M j", "D j M Y": "D, M j, Y", "j M Y": "M j, Y",
               "j F Y": "F j, Y", "l j F": "l, F j", "j F": "F j", "d F Y": "F d, Y"}


# Languages that write a month's short name in lower case ("3 déc."): Django's "M" gives it
# a capital ("3 Déc"), its "b" leaves it as the language has it.
LOWER_CASE_MONTHS = frozenset({"fr", "es"})


def day_format(date_format: str, month_first: bool, language: str = "") -> str:
    written = MONTH_FIRST.get(date_format, date_format) if month_first else date_format
    language = language.split("-")[0]
    if language in LOWER_CASE_MONTHS:
        written = written.replace("M", "b")
    if language == "es":  # "jueves 3 de diciembre de 2026", not "3 diciembre 2026"
        written = written.replace("j F", "j \\d\\e F").replace("F Y", "F \\d\\e Y")
    if language == "de" and not month_first:  # "Sa., 5. Dez.", "Samstag, 5. Dezember"
        written = (written.replace("D j", "D., j.").replace("l j", "l, j.")
                   .replace("j M", "j. M").replace("j F", "j. F"))
    return written


def week_order(start: int) -> list[int]:
    """Python weekday numbers in the order her week runs (start 6: Sunday first)."""
    return [(start + i) % 7 for i in range(7)]

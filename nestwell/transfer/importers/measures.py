"""Weights, lengths and temperatures as trackers write them in a cell ("3.50kg", "7 lb 8 oz",
"50cm", "19.5 in", "37.6°C"), read into grams, millimetres and a reading with its unit.

A weight or length without a unit is refused, never guessed: a bare "3.5" could be kg or
lb, and a wrong guess would put the baby on the wrong line of the growth chart. A
temperature without a unit is read as Baby Buddy's is: above 45 it can only be Fahrenheit.
"""

from __future__ import annotations

import math
import re

from django.utils.translation import gettext as _

from nestwell.transfer.importers.generic_csv import RowError, label

GRAMS = {"kg": 1000.0, "kgs": 1000.0, "kilo": 1000.0, "kilos": 1000.0, "kilogram": 1000.0,
         "kilograms": 1000.0, "g": 1.0, "gr": 1.0, "gram": 1.0, "grams": 1.0,
         "lb": 453.59237, "lbs": 453.59237, "pound": 453.59237, "pounds": 453.59237,
         "oz": 28.349523125, "ounce": 28.349523125, "ounces": 28.349523125}
MILLIMETRES = {"cm": 10.0, "mm": 1.0, "in": 25.4, "inch": 25.4, "inches": 25.4, '"': 25.4,
               "m": 1000.0}

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_PART = re.compile(_NUMBER + r"\s*([a-z\"]+\.?)", re.IGNORECASE)
_BARE = re.compile(_NUMBER)
_TEMPERATURE = re.compile(_NUMBER + r"\s*(?:°|º|deg(?:rees?)?)?\s*([cf])?", re.IGNORECASE)


def _parts(text: str, units: dict[str, float]) -> list[tuple[float, float]] | None:
    """"7 lb 8 oz" -> [(7, 453.6), (8, 28.3)]; None unless the whole text is such parts."""
    cleaned = text.strip()
    found, end = [], 0
    for match in _PART.finditer(cleaned):
        if cleaned[end:match.start()].strip(" ,"):
            return None
        unit = match.group(2).lower().rstrip(".")
        if unit not in units:
            return None
        found.append((float(match.group(1).replace(",", ".")), units[unit]))
        end = match.end()
    if not found or cleaned[end:].strip(" ,"):
        return None
    return found


def _whole(text: str, column: str, units: dict[str, float]) -> int:
    parts = _parts(text, units)
    if parts is None:
        if _BARE.fullmatch(text.strip()):
            raise RowError(_("The %(value)s has no unit, and Nestwell does not guess one; "
                             "add the measurement on the Growth page instead.")
                           % {"value": label(column, text)})
        raise RowError(_("The %(value)s is not a measurement Nestwell can read.")
                       % {"value": label(column, text)})
    total = sum(number * factor for number, factor in parts)
    if not math.isfinite(total) or total <= 0:
        raise RowError(_("The %(value)s is not more than zero.")
                       % {"value": label(column, text)})
    return round(total)


def grams(text: str, column: str) -> int:
    """A weight in whole grams: "3.50kg", "3500 g", "7 lb 8 oz", "7.5 lbs"."""
    return _whole(text, column, GRAMS)


def millimetres(text: str, column: str) -> int:
    """A length in whole millimetres: "50cm", "500 mm", "19.5 in", "19.5\"" ."""
    return _whole(text, column, MILLIMETRES)


def temperature(text: str, column: str) -> tuple[str, str]:
    """A reading and its unit ("C" or "F"): "37°C", "37.6 °C", "99.5°F", "37.2"."""
    match = _TEMPERATURE.fullmatch(text.strip())
    if not match:
        raise RowError(_("The %(value)s is not a temperature Nestwell can read.")
                       % {"value": label(column, text)})
    reading = match.group(1).replace(",", ".")
    unit = (match.group(2) or "").upper() or ("F" if float(reading) > 45 else "C")
    return reading, unit


DOSE_UNITS = {"ml": "ml", "mg": "mg", "mcg": "mcg", "µg": "mcg", "ug": "mcg", "iu": "iu",
              "drop": "drops", "drops": "drops", "tablet": "tablet", "tablets": "tablet",
              "sachet": "sachet", "sachets": "sachet", "puff": "puff", "puffs": "puff",
              "dose": "dose", "doses": "dose"}
_DOSE = re.compile(r"(\d{1,5}(?:[.,]\d{1,2})?)\s*([a-zµ]+)", re.IGNORECASE)


def dose(text: str) -> tuple[str, str] | None:
    """"0.4ml", "2 drops", "5 mg": the amount (as text, up to two decimals) and Nestwell's
    unit; None when the text is not such a dose (it then belongs in the note)."""
    match = _DOSE.fullmatch(text.strip())
    if not match or match.group(2).lower() not in DOSE_UNITS:
        return None
    amount = match.group(1).replace(",", ".")
    if float(amount) <= 0:
        return None
    return amount, DOSE_UNITS[match.group(2).lower()]

"""Temperatures: the two rules for a young baby's temperature. Pure functions.

Sources:
- NICE guideline NG143, "Fever in under 5s: assessment and initial management"
  (https://www.nice.org.uk/guidance/ng143): a temperature of 38 °C or more in a baby under
  3 months is a high-risk sign, so she needs to be seen: call for advice now.
- NICE guideline NG51 (for under 16s now NG254), "Suspected sepsis", table 1, children
  under 5 (https://www.nice.org.uk/guidance/ng51): a temperature under 36 °C, at any age,
  is among the high-risk criteria. A baby who is cold needs to be seen as much as one who
  is hot.
We never diagnose; we say whom to call.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEVER_C = Decimal("38.0")
LOW_C = Decimal("36.0")  # under it: "low", call for advice now
LOWEST_C, HIGHEST_C = Decimal("30.0"), Decimal("45.0")  # outside: a mistyped number


def months_later(start: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    year = start.year + (start.month - 1 + months) // 12
    month = (start.month - 1 + months) % 12 + 1
    day = start.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def under_three_months(birth: date, on: date) -> bool:
    """Real age (never corrected) under 3 months on ``on``."""
    return on < months_later(birth, 3)


def to_celsius(value: Decimal, unit: str) -> Decimal:
    """A reading in °C: one typed in °C to one decimal, as a thermometer shows it (37.95
    is 38.0, a fever under three months); one typed in °F to two, so that it reads back
    as typed (101 °F kept as 38.3 °C had read back as 100.9 °F, and about half of all °F
    readings came back changed)."""
    if unit.upper() == "F":
        # To 0.1 °F first, as a thermometer shows it and as the page shows it back: 100.39
        # typed read "100.4 °F" without the call that 100.4 °F asks for.
        value = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return Decimal((value - 32) * 5 / 9).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def from_fahrenheit(celsius: Decimal) -> bool:
    """Whether a kept reading is one typed in °F (a tenth of a degree Fahrenheit, kept to
    0.01 °C), within the body temperatures taken."""
    if not LOWEST_C <= celsius <= HIGHEST_C:
        return False
    fahrenheit = (celsius * 9 / 5 + 32).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return to_celsius(fahrenheit, "F") == celsius


def as_typed(celsius: Decimal) -> Decimal:
    """A kept reading in °C as a person would type it again: 38.30 as 38.3, 38.33 as is."""
    try:
        one = celsius.quantize(Decimal("0.1"))
    except InvalidOperation:  # a number far beyond any reading (1E+999999): as it is
        return celsius
    return one if one == celsius else celsius


URGENT = ("call_now", "low")  # the readings that ask her to call for advice now


def reading(celsius: Decimal, birth: date | None, on: date) -> str | None:
    """``"call_now"`` for 38 °C or more under 3 months, ``"raised"`` for 38 °C or more
    later, ``"low"`` for under 36 °C at any age, else None."""
    if celsius < LOW_C:
        return "low"
    if celsius < FEVER_C:
        return None
    if birth is not None and under_three_months(birth, on):
        return "call_now"
    return "raised"

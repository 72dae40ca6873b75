"""Temperatures: the one rule for a fever in a young baby. Pure functions.

Source: NICE guideline NG143, "Fever in under 5s: assessment and initial management"
(https://www.nice.org.uk/guidance/ng143): a temperature of 38 °C or more in a baby under
3 months is a high-risk sign, so she needs to be seen: call for advice now. We never
diagnose; we say whom to call.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

FEVER_C = Decimal("38.0")
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
    """A reading in °C, to one decimal ('F' readings converted)."""
    if unit.upper() == "F":
        value = (value - 32) * 5 / 9
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def reading(celsius: Decimal, birth: date | None, on: date) -> str | None:
    """``"call_now"`` for 38 °C or more under 3 months, ``"raised"`` for 38 °C or more
    later, else None."""
    if celsius < FEVER_C:
        return None
    if birth is not None and under_three_months(birth, on):
        return "call_now"
    return "raised"

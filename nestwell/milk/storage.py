"""How long expressed breast milk keeps, by where it is kept. Pure functions (no Django).

Sources, read in December 2026:

- NHS, "Expressing and storing breast milk" (Start for Life,
  https://www.nhs.uk/start-for-life/baby/feeding-your-baby/breastfeeding/expressing-breast-milk/):
  in the fridge at 4 °C or lower for up to 8 days; in a freezer at -18 °C or lower for up
  to 6 months; milk that has been defrosted is never frozen again.
- The Breastfeeding Network, "Expressing and storing breastmilk"
  (https://www.breastfeedingnetwork.org.uk/breastfeeding-help/expressing-storing/): milk
  defrosted in the fridge is used within 12 hours of leaving the freezer.
- CDC, "Breast Milk Storage and Preparation"
  (https://www.cdc.gov/breastfeeding-special-circumstances/hcp/handling-breast-milk/):
  freshly expressed milk keeps up to 4 hours at room temperature (the more careful of the
  published figures; the Breastfeeding Network gives up to 6).

- CDC (the same page): in the fridge at 40 °F (4 °C) or lower for up to 4 days; in a
  freezer at 0 °F (-18 °C) or lower best within 6 months. A family in the US follows its
  own health service's figure (``guide_for``): 4 days in the fridge, not 8.

Milk only ever moves one way: room temperature -> fridge -> freezer -> thawed in the fridge
(any step may be skipped). Thawed milk never goes back to the freezer.

Hours (4 at room temperature, 12 once thawed) are real elapsed time, so a clock change in
between moves the time on the clock. Days and months (8 days in the fridge, 6 months in the
freezer) are counted on the household's calendar, as a label on a bag would be: the same
time of day, 8 days or 6 months later.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

ROOM, FRIDGE, FREEZER, THAWED = "room", "fridge", "freezer", "thawed"
PLACES = (ROOM, FRIDGE, FREEZER, THAWED)  # in the only order milk moves
ROOM_HOURS = 4
FRIDGE_DAYS = 8
FREEZER_MONTHS = 6
THAWED_HOURS = 12
# The sources by their titles only: the page shows this in every language, and the times
# themselves are in its translated list (which source gives which is said above).
SOURCE = ("NHS, “Expressing and storing breast milk”; The Breastfeeding Network, "
          "“Expressing and storing breastmilk”; CDC, “Breast Milk Storage and Preparation”")
US_FRIDGE_DAYS = 4
US_SOURCE = ("CDC, “Breast Milk Storage and Preparation”; The Breastfeeding Network, "
             "“Expressing and storing breastmilk”")


@dataclass(frozen=True)
class Guide:
    """The figures a household follows: its own health service's where they differ."""
    fridge_days: int
    source: str


def guide_for(country: str) -> Guide:
    """The CDC's 4 days in the fridge for a family in the US; the NHS's 8 elsewhere."""
    if country == "US":
        return Guide(US_FRIDGE_DAYS, US_SOURCE)
    return Guide(FRIDGE_DAYS, SOURCE)


def can_move(old: str, new: str) -> bool:
    """Milk moves only onwards: to the fridge, the freezer, or thawed from the freezer.
    Only frozen milk thaws, and thawed milk goes nowhere but to be used."""
    if old not in PLACES or new not in PLACES or old == new:
        return False
    if new == THAWED:
        return old == FREEZER
    return PLACES.index(new) > PLACES.index(old) and old != THAWED


def _months_later(local: datetime, months: int) -> datetime:
    """The same wall-clock time ``months`` later (the month's last day when it has none)."""
    month0 = local.month - 1 + months
    year, month = local.year + month0 // 12, month0 % 12 + 1
    day = local.day
    while True:
        try:
            return local.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


def _hours_later(at: datetime, hours: int) -> datetime:
    """Real elapsed hours (aware arithmetic in one zone would add wall-clock hours)."""
    return (at.astimezone(UTC) + timedelta(hours=hours)).astimezone(at.tzinfo)


def _calendar(at: datetime, zone: ZoneInfo, *, days: int = 0, months: int = 0) -> datetime:
    local = at.astimezone(zone).replace(tzinfo=None)
    if months:
        local = _months_later(local, months)
    local += timedelta(days=days)
    # A wall-clock time skipped by a clock change is read as the hour after (fold=0 gives
    # the offset before the change, which lands after it in real time).
    return local.replace(tzinfo=zone).astimezone(at.tzinfo)


def use_by(place: str, expressed_at: datetime, zone: ZoneInfo,
           thawed_at: datetime | None = None, fridge_days: int = FRIDGE_DAYS) -> datetime:
    """When milk expressed at ``expressed_at`` and kept at ``place`` is best used by.

    ``thawed_at`` (for thawed milk) is when it left the freezer; thawed milk keeps 12 hours
    from then, and never past its time in the freezer. Times are aware; the answer is in
    the time zone ``expressed_at`` was given in."""
    if expressed_at.tzinfo is None:
        raise ValueError("expressed_at must be an aware date-time")
    if place == ROOM:
        return _hours_later(expressed_at, ROOM_HOURS)
    if place == FRIDGE:
        return _calendar(expressed_at, zone, days=fridge_days)
    frozen_until = _calendar(expressed_at, zone, months=FREEZER_MONTHS)
    if place == FREEZER:
        return frozen_until
    if place == THAWED:
        if thawed_at is None or thawed_at.tzinfo is None:
            raise ValueError("thawed milk needs the aware time it left the freezer")
        return min(_hours_later(thawed_at.astimezone(expressed_at.tzinfo), THAWED_HOURS),
                   frozen_until)
    raise ValueError(f"unknown place: {place!r}")


def moved_use_by(old: str, new: str, expressed_at: datetime, zone: ZoneInfo,
                 moved_at: datetime, fridge_days: int = FRIDGE_DAYS) -> datetime:
    """The use-by after a move from ``old`` to ``new`` at ``moved_at``; ValueError when milk
    cannot move that way (backwards, or thawed milk into the freezer)."""
    if not can_move(old, new):
        raise ValueError(f"milk does not move from {old} to {new}")
    if moved_at < expressed_at:
        raise ValueError("milk cannot move before it was expressed")
    return use_by(new, expressed_at, zone, thawed_at=moved_at if new == THAWED else None,
                  fridge_days=fridge_days)


FL_OZ_ML = 29.5735295625  # a US fluid ounce, as bottle markings count it (1 oz ≈ 30 ml)


def to_ml(amount: float, unit: str = "ml") -> int:
    """An amount in ml or fl oz as whole millilitres (rounded half up)."""
    unit = unit.lower().replace(" ", "").replace(".", "")
    if unit in ("ml", ""):
        value = amount
    elif unit in ("oz", "floz", "fl_oz"):
        value = amount * FL_OZ_ML
    else:
        raise ValueError(f"unknown unit: {unit!r}")
    return int(value + 0.5)

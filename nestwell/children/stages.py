"""Life stages, derived from a child's dates and never stored. Pure functions."""

import calendar
from datetime import date

PREGNANCY = "pregnancy"
NEWBORN = "newborn"
EARLY_MONTHS = "early_months"
FIRST_YEAR = "first_year"
BEYOND = "beyond"
REMEMBERED = "remembered"  # a baby who has died: no stage counted on (Child.died_on)

PREGNANCY_DAYS = 280  # 40 weeks from the first day of the last period to the due date


def stage(birth: date | None, due: date | None, today: date) -> str:
    """The life stage on ``today``: pregnancy until born, then by age."""
    if birth is None:
        return PREGNANCY
    age = (today - birth).days
    if age < 42:
        return NEWBORN
    if age < _days_in_months(birth, 6):
        return EARLY_MONTHS
    if age < _days_in_months(birth, 12):
        return FIRST_YEAR
    return BEYOND


def _days_in_months(start: date, months: int) -> int:
    year = start.year + (start.month - 1 + months) // 12
    month = (start.month - 1 + months) % 12 + 1
    day = start.day
    while True:
        try:
            return (date(year, month, day) - start).days
        except ValueError:  # the 31st in a shorter month: use that month's last day
            day -= 1


def pregnancy_week(due: date, today: date) -> tuple[int, int]:
    """Completed weeks and days of pregnancy on ``today`` (e.g. (24, 3) is 24+3)."""
    elapsed = PREGNANCY_DAYS - (due - today).days
    elapsed = max(elapsed, 0)
    return divmod(elapsed, 7)



TERM_DAYS = 37 * 7  # born before 37 completed weeks: preterm (WHO)
LOW_BIRTH_WEIGHT_GRAMS = 2500  # under 2,500 g: low birth weight (WHO)


def gestation_on(due: date, day: date) -> int:
    """Days of pregnancy on ``day`` for a baby due on ``due`` (280 on the due date)."""
    return PREGNANCY_DAYS - (due - day).days


def early_or_small(gestation_days: int | None, weight_grams: int | None) -> bool:
    """Born before 37 weeks or under 2.5 kg: the babies WHO's preterm care covers."""
    return ((gestation_days is not None and gestation_days < TERM_DAYS)
            or (weight_grams is not None and weight_grams < LOW_BIRTH_WEIGHT_GRAMS))


def corrected_age_days(birth: date, gestation_days: int, today: date) -> int:
    """Age counted from the due date instead of the birth: the real age minus the days the
    baby came early. Negative while the due date is still ahead."""
    return (today - birth).days - (PREGNANCY_DAYS - gestation_days)


def calendar_months(born: date, on: date) -> int:
    """Whole months from ``born`` to ``on`` as a calendar counts them: six months on the
    same day six months on (9 December to 9 June), a month on the last day of a shorter
    month (31 January to 28 February)."""
    months = (on.year - born.year) * 12 + on.month - born.month
    last_day = calendar.monthrange(on.year, on.month)[1]
    if on.day < born.day and on.day < last_day:
        months -= 1
    return max(months, 0)


def birthday(birth: date, today: date) -> int:
    """The years a baby turns today (1 on the first birthday), else 0. Born on 29 February,
    the birthday is kept on the 28th in other years."""
    years = today.year - birth.year
    if years < 1:
        return 0
    day = birth.day
    if (birth.month, day) == (2, 29) and not calendar.isleap(today.year):
        day = 28
    return years if (today.month, today.day) == (birth.month, day) else 0


def age_words(days: int, born: date | None = None, on: date | None = None
              ) -> tuple[str, int]:
    """An age as ('days'|'weeks'|'months', n), the way parents usually say it. With the
    days it runs between (``born``, ``on``), months are counted on the calendar, as the
    book and a clinic count them (days × 12 ÷ 365 made six months to the day "5 months")."""
    if days < 14:
        return "days", max(days, 0)
    if days < 7 * 17:
        return "weeks", days // 7
    if born is not None and on is not None:
        return "months", calendar_months(born, on)
    return "months", days * 12 // 365

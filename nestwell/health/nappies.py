"""Nappies: the kinds, the stool-colour card and what is typical in the first weeks.
Pure functions (no Django models), tested day by day.

Sources (the wording here is our own):

- The stool-colour card: the Children's Liver Disease Foundation's "Yellow Alert" stool
  chart (https://childliverdisease.org/yellow-alert/), also used by the NHS: pale, chalky,
  white or grey stools can be a sign of a liver problem (such as biliary atresia) and are a
  reason to speak to the midwife, health visitor or GP the same day.
- Red or black: fresh blood makes a poo red or streaked, and digested blood makes it black
  once the black-green meconium of the first days has passed (NHS "Baby poo: what's
  normal", https://www.nhs.uk/baby/caring-for-a-newborn/baby-poo/, and the American
  Academy of Pediatrics' healthychildren.org): a reason to speak to a health professional
  the same day. Swallowed blood from a cracked nipple can do it too, which they can tell.
- What is typical: UNICEF UK Baby Friendly Initiative, breastfeeding assessment form
  (https://www.unicef.org.uk/babyfriendly/baby-friendly-resources/breastfeeding-resources/
  breastfeeding-assessment-tools/) and NHS "Breastfeeding: is my baby getting enough milk?"
  (https://www.nhs.uk/baby/breastfeeding-and-bottle-feeding/breastfeeding/
  is-my-baby-getting-enough-milk/): wet and dirty nappies as a sign of enough milk.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

WET, DIRTY, BOTH, DRY = "wet", "dirty", "both", "dry"
KINDS = {
    WET: (_("Wet"), "💧"),
    DIRTY: (_("Dirty"), "💩"),
    BOTH: (_("Wet and dirty"), "💧💩"),
    DRY: (_("Dry"), "○"),
}
KIND_CHOICES = [(code, label) for code, (label, _icon) in KINDS.items()]


@dataclass(frozen=True)
class StoolColour:
    code: str
    label: object
    swatch: str      # the colour shown beside its name (never the colour alone)
    pale: bool       # on the card's pale side: a reason to call the same day
    blood: bool = False  # red, or black after the first days: may be blood, call today


# In the order of the card: the pale ones first, and the colours of blood last.
STOOL_COLOURS = {c.code: c for c in (
    StoolColour("white", _("White"), "#f4f1ea", True),
    StoolColour("grey", _("Grey"), "#b9b6ad", True),
    StoolColour("pale", _("Pale, chalky or clay-like"), "#e8ddb5", True),
    StoolColour("yellow", _("Yellow or mustard"), "#d9a400", False),
    StoolColour("green", _("Green"), "#6b8e23", False),
    StoolColour("brown", _("Brown"), "#8b5a2b", False),
    StoolColour("meconium", _("Black-green and sticky (the first days)"), "#2f3320", False),
    StoolColour("red", _("Red, or with blood in it"), "#b3261e", False, blood=True),
    StoolColour("black", _("Black, after the first days"), "#141414", False, blood=True),
)}
COLOUR_CHOICES = [(c.code, c.label) for c in STOOL_COLOURS.values()]

CONSISTENCIES = {
    "watery": _("Runny"),
    "seedy": _("Soft and seedy"),
    "soft": _("Soft"),
    "formed": _("Formed"),
    "hard": _("Hard"),
}
CONSISTENCY_CHOICES = list(CONSISTENCIES.items())


def is_wet(kind: str) -> bool:
    return kind in (WET, BOTH)


def is_dirty(kind: str) -> bool:
    return kind in (DIRTY, BOTH)


PALE_COLOURS = tuple(code for code, spec in STOOL_COLOURS.items() if spec.pale)


def is_pale(colour: str) -> bool:
    """A colour from the pale side of the stool card."""
    spec = STOOL_COLOURS.get(colour or "")
    return bool(spec and spec.pale)


# Said where a pale stool's call is said: after saving, in its row, on the handover card.
BLOOD_CALL = _("A red poo, blood in the nappy, or a black poo after the first days is worth "
               "a call to your midwife, health visitor or GP today: tell them what you saw.")
BLOOD_ROW = _("red or black: call your midwife, health visitor or GP today")

BLOOD_COLOURS = tuple(code for code, spec in STOOL_COLOURS.items() if spec.blood)


def is_blood(colour: str) -> bool:
    """Red, or black after the first days: a colour that may be blood."""
    spec = STOOL_COLOURS.get(colour or "")
    return bool(spec and spec.blood)


@dataclass(frozen=True)
class Typical:
    wet: int     # at least this many wet nappies in the day
    dirty: int   # at least this many dirty ones


# Day of life (the birth day is day 1) -> what is typical, up to four weeks old.
_TYPICAL = (
    (2, Typical(wet=1, dirty=1)),    # days 1-2: one or two wet, at least one dark (meconium)
    (4, Typical(wet=3, dirty=2)),    # days 3-4: three or more wet, two or more changing
    (6, Typical(wet=5, dirty=2)),    # days 5-6: five or more heavy wet, two or more yellow
    (28, Typical(wet=6, dirty=2)),   # day 7 to four weeks: six or more wet, two or more
)


def day_of_life(birth: date, day: date) -> int:
    """1 on the day of the birth, 2 on the next day, and so on (0 or less: before)."""
    return (day - birth).days + 1


# A black poo in the first three days of life is the meconium, as expected: not the black
# of digested blood the card means "after the first days" (Anna chose it on day 2 and her
# report told her to call her midwife today).
MECONIUM_DAYS = 3


def black_is_meconium(birth: date, day: date) -> bool:
    """Whether a black poo on ``day`` falls in the days of the meconium."""
    return day_of_life(birth, day) <= MECONIUM_DAYS


def typical_for(day: int) -> Typical | None:
    """What is typical on a day of life, or None past four weeks (then poos vary a lot,
    and counts are only shown)."""
    if day < 1:
        return None
    for last, typical in _TYPICAL:
        if day <= last:
            return typical
    return None


REASSURE, MENTION = "reassure", "mention"


def day_reading(day: int, wet: int, dirty: int, *, complete: bool, kept: int) -> str | None:
    """How a day's counts read against what is typical: ``REASSURE`` (as expected),
    ``MENTION`` (fewer: worth mentioning to the midwife) or None (nothing to say: past four
    weeks, a day still going on, the birth day, which is only part of a day, or a day with
    no nappy kept at all, which says only that nobody wrote them down)."""
    typical = typical_for(day)
    if typical is None or day == 1 or kept == 0:
        return None
    if wet >= typical.wet and dirty >= typical.dirty:
        return REASSURE
    return MENTION if complete else None

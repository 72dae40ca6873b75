"""The measures of the person looking (her units, clock and week), for this request.

``HouseholdMiddleware`` activates them; templates use the ``measures`` filters and Python
code the functions below, so that an amount, a weight or a time of day reads the way she
reads it wherever it appears. Stored values never change: whole ml, grams, millimetres.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import time
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timesince, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, npgettext_lazy

from nestwell.lib import measures as pure
from nestwell.lib.measures import Measures
from nestwell.lib.printing import paper_for

DEFAULT = Measures()
_current: ContextVar[Measures | None] = ContextVar("nestwell_measures", default=None)


def household_country(household) -> str:
    """The household's country, else the one its time zone lies in (America/Chicago: US):
    a US family that never chose its country was asked for grams and millilitres."""
    if household is None:
        return ""
    return household.country or pure.country_of_time_zone(household.time_zone)


def paper(household) -> str:
    """"letter" or "a4": the paper of the household's country, chosen or guessed from its
    time zone as the units are (a US family that never chose its country had its PDFs
    on A4)."""
    return paper_for(household_country(household))


def for_person(user, household) -> Measures:
    """Her own choices over the habits of her household's country."""
    language = translation.get_language() or "en"
    base = pure.habits(language, household_country(household))
    if user is None or not getattr(user, "is_authenticated", False):
        return base
    return base.with_choices(user.volume_unit, user.weight_unit, user.clock, user.week_start,
                             user.temperature_unit)


def current() -> Measures:
    return _current.get() or DEFAULT


def activate(value: Measures):
    return _current.set(value)


def deactivate(token):
    _current.reset(token)


@contextmanager
def using(value: Measures):
    token = _current.set(value)
    try:
        yield value
    finally:
        _current.reset(token)


def _number(value: Decimal | int, places: int = 0) -> str:
    """Rounded half up to ``places`` (Django's number_format cuts a Decimal's extra
    digits off: 37.78 °C had read "37.7")."""
    if isinstance(value, Decimal) and value.is_finite():
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return formats.number_format(value, places, use_l10n=True)


def decimal(value, most: int = 3) -> str:
    """A number as her language writes it, without trailing zeros and with at most
    ``most`` decimals: "0.3", "0,3" in German; "2", never "2.0" or "2E+0"."""
    number = round(Decimal(str(value)), most).normalize()
    places = max(0, -number.as_tuple().exponent)
    return _number(number, places)


def volume(ml) -> str:
    """An amount of milk: "120 ml", "4.1 fl oz", or "3 fl oz" (never "3.0": Keisha)."""
    if ml is None or ml == "":
        return ""
    if current().volume == "oz":
        return _("%(n)s fl oz") % {"n": decimal(pure.fl_oz(int(ml)), 1)}
    return _("%(n)s ml") % {"n": _number(int(ml))}


def volume_unit() -> str:
    return _("fl oz") if current().volume == "oz" else _("ml")


def typed_volume(text) -> int | None:
    """An amount she typed in her unit, as whole ml (``lib.measures.ml_typed``)."""
    return pure.ml_typed(text, current().volume)


def weight(grams) -> str:
    """A baby's weight: "3.45 kg" or "7 lb 10 oz"."""
    if grams is None or grams == "":
        return ""
    if current().weight == "imperial":
        pounds, ounces = pure.pounds_ounces(int(grams))
        return _("%(lb)s lb %(oz)s oz") % {"lb": _number(pounds), "oz": _number(ounces)}
    return _("%(n)s kg") % {"n": decimal(Decimal(int(grams)) / 1000)}


def length(mm) -> str:
    """A length or head circumference: "52.5 cm" or "20.7 in"."""
    if mm is None or mm == "":
        return ""
    if current().weight == "imperial":
        return _("%(n)s in") % {"n": _number(pure.inches(int(mm)), 1)}
    cm = Decimal(int(mm)) / 10
    return _("%(n)s cm") % {"n": _number(cm, 0 if cm == cm.to_integral() else 1)}


def temperature(celsius) -> str:
    """A body temperature: "38.2 °C" or "100.8 °F" (kept in °C)."""
    if celsius is None or celsius == "":
        return ""
    if current().temperature == "F":
        return _("%(n)s °F") % {"n": _number(pure.fahrenheit(celsius), 1)}
    return _("%(n)s °C") % {"n": _number(Decimal(str(celsius)), 1)}


def clock(value, seconds: bool = False) -> str:
    """A time of day on her clock: "14:05" or "2:05 PM". Written as given: pass a local
    time (the template filters are given local times by Django)."""
    if value in (None, ""):
        return ""
    if current().clock == 12:
        return formats.time_format(value, "g:i:s A" if seconds else "g:i A")
    if hasattr(value, "strftime"):  # the same text as Django's "H:i", a seventh of the time
        return value.strftime("%H:%M:%S" if seconds else "%H:%M")
    return formats.time_format(value, "H:i:s" if seconds else "H:i")


def hour(h: int, short: bool = False) -> str:
    """An hour of the day on her clock: "17:00" or "5:00 PM"; ``short`` for an axis: the
    hour alone ("17") or "5 PM"."""
    if current().clock == 12:
        return formats.time_format(time(h), "g A") if short else clock(time(h))
    return str(h) if short else f"{h:02d}:00"


# Django writes the 12-hour clock's "AM" and "PM" through the catalogue: marked here so
# that each language gives the ones its readers write ("8:35 a. m." in Spanish, "8:35 ص" in
# Arabic), as the account page's own example of the clock does.
AM_PM = (gettext_noop("AM"), gettext_noop("PM"))

# Django's short month names, marked here so that Nestwell's catalogues give each language
# the ones its readers know: Django's French has "jui" and "jul" for juin and juillet,
# where French writes "juin" and "juil." (the CLDR's short names).
SHORT_MONTHS = (gettext_noop("jan"), gettext_noop("feb"), gettext_noop("mar"),
                gettext_noop("apr"), gettext_noop("may"), gettext_noop("jun"),
                gettext_noop("jul"), gettext_noop("aug"), gettext_noop("sep"),
                gettext_noop("oct"), gettext_noop("nov"), gettext_noop("dec"))


def day(value, date_format: str = "j M") -> str:
    """A day written the way her place writes it: "3 Dec" or "Dec 3" (``date_format`` is
    one of Nestwell's day-first formats, lib.measures.MONTH_FIRST)."""
    if value in (None, ""):
        return ""
    return formats.date_format(value, pure.day_format(date_format, current().month_first,
                                                      translation.get_language() or ""))


def at(value, date_format: str = "j M") -> str:
    """A day and a time of day: "3 Dec, 14:05" (the day written as ``date_format``), of a
    local time as ``clock``."""
    if value in (None, ""):
        return ""
    return _("%(day)s, %(time)s") % {"day": day(value, date_format), "time": clock(value)}


# How long ago, in the words that follow "ago" in her language: German needs the dative
# after "vor" ("vor 3 Tagen"), where Django's own words are those of "3 Tage" ("vor 1 Woche,
# 2 Tage" on the insights page).
AGO = {
    "year": npgettext_lazy("time ago", "%(num)d year", "%(num)d years", "num"),
    "month": npgettext_lazy("time ago", "%(num)d month", "%(num)d months", "num"),
    "week": npgettext_lazy("time ago", "%(num)d week", "%(num)d weeks", "num"),
    "day": npgettext_lazy("time ago", "%(num)d day", "%(num)d days", "num"),
    "hour": npgettext_lazy("time ago", "%(num)d hour", "%(num)d hours", "num"),
    "minute": npgettext_lazy("time ago", "%(num)d minute", "%(num)d minutes", "num"),
}


def since(value, now=None) -> str:
    """The time from ``value`` to ``now`` (or now) for "… ago": "1 week, 2 days"."""
    if value in (None, ""):
        return ""
    return timesince.timesince(value, now, time_strings=AGO)


def days_ago(days: int) -> str:
    """A number of whole days for "… ago"."""
    return AGO["day"] % {"num": days}


def week_order() -> list[int]:
    return pure.week_order(current().week_start)


__all__ = ["Measures", "activate", "at", "clock", "current", "day", "days_ago", "deactivate",
           "hour",
           "decimal", "for_person", "length", "paper", "since", "temperature", "typed_volume",
           "using", "volume", "volume_unit", "week_order", "weight"]

"""Amounts, weights, lengths and times of day the way the person looking reads them
(``nestwell.accounts.measures``). Built in: every template has these filters."""

from datetime import timedelta

from django import template
from django.utils import timezone

from nestwell.accounts import measures
from nestwell.lib import measures as pure

register = template.Library()


@register.filter
def volume(ml):
    """{{ bag.amount_ml|volume }}: "120 ml" or "4.1 fl oz"."""
    return measures.volume(ml)


@register.simple_tag
def volume_unit():
    """{% volume_unit %}: "ml" or "fl oz", the unit she types bottle amounts in."""
    return measures.volume_unit()


@register.simple_tag
def ml_per_volume_unit():
    """{% ml_per_volume_unit %}: the millilitres in one of her units, for a script that
    turns what she typed into ml as the server does ("1", or "29.57…" for fl oz)."""
    return str(pure.ml_per(measures.current().volume))


@register.filter
def weight(grams):
    """{{ m.weight_grams|weight }}: "3.45 kg" or "7 lb 10 oz"."""
    return measures.weight(grams)


@register.filter
def body_length(mm):
    """{{ m.length_mm|body_length }}: "52.5 cm" or "20.7 in" (not Django's |length)."""
    return measures.length(mm)


@register.filter
def temperature(celsius):
    """{{ t.celsius|temperature }}: "38.2 °C" or "100.8 °F"."""
    return measures.temperature(celsius)


@register.filter(expects_localtime=True)
def clock(value, seconds=False):
    """{{ moment.started_at|clock }}: "14:05" or "2:05 PM" in the household's zone."""
    return measures.clock(value, seconds=bool(seconds))


@register.filter
def hour(h, short=False):
    """{{ 17|hour }}: "17:00" or "5:00 PM"; {{ 17|hour:"short" }} for an axis: "17" or
    "5 PM"."""
    return measures.hour(int(h), short=bool(short))


@register.filter(expects_localtime=True)
def day(value, date_format="j M"):
    """{{ d|day:"D j M" }}: "Wed 3 Dec", or "Wed, Dec 3" where the month comes first."""
    return measures.day(value, date_format)


@register.filter(expects_localtime=True)
def at(value, date_format="j M"):
    """{{ moment.started_at|at:"D j M" }}: the day so written, then the time on her clock."""
    return measures.at(value, date_format)


@register.filter
def zone_city(name):
    """{{ household.time_zone|zone_city }}: the zone's city in her language ("القاهرة",
    "Le Caire") for "Nora's day, in Cairo time"; the name itself when CLDR has no city
    (UTC, Etc/GMT+5) or does not know the zone."""
    from django.utils import translation

    if not name:
        return ""
    return pure.zone_city(name, translation.get_language() or "en")


@register.filter
def since(value, now=None):
    """{% blocktranslate with ago=t|since:now %}{{ ago }} ago{% endblocktranslate %}: as
    Django's timesince, in the words "ago" takes in her language ("vor 3 Tagen")."""
    return measures.since(value, now)


@register.filter
def within_a_minute(moment, now=None):
    """Whether ``moment`` was less than a minute before ``now``: "just now", where
    Django's timesince would say "0 minutes" (and French "il y a 0 minute")."""
    if not moment:
        return False
    return (now or timezone.now()) - moment < timedelta(minutes=1)

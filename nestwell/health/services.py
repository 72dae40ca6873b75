"""Writing nappies and temperatures: the one place their rules are checked (forms, API,
command line and imports alike), each change in one transaction, an edit refused when
someone saved in between."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.children.records import moved_to
from nestwell.health import fever, nappies
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.versioned import STALE, save_if_current
from nestwell.lib import measures
from nestwell.lib.times import time_error


def _check_common(child, at, field, note, errors):
    if not child.is_born:
        errors[field] = _("This begins once your baby is here.")
    else:
        problem = time_error(at)
        if problem:
            errors[field] = problem
        elif at < child.birth_at - timedelta(hours=1):
            errors[field] = _("This is before the birth.")
    note = (note or "").strip()
    if "\x00" in note:
        errors["note"] = _("This text contains a character that cannot be saved.")
    elif len(note) > 2000:
        errors["note"] = _("A note can be up to 2000 characters.")
    return note


def _check_nappy(child, changed_at, kind, colour, consistency, note, kept_colour=""):
    """``kept_colour``: the colour an edited nappy has already (a black one kept before
    the meconium rule is not refused when only its note is corrected)."""
    errors = {}
    note = _check_common(child, changed_at, "changed_at", note, errors)
    if kind not in nappies.KINDS:
        errors["kind"] = _("Choose wet, dirty, both or dry.")
    colour, consistency = colour or "", consistency or ""
    if colour and colour not in nappies.STOOL_COLOURS:
        errors["colour"] = _("Choose one of the colours on the card.")
    if consistency and consistency not in nappies.CONSISTENCIES:
        errors["consistency"] = _("Choose one of the options offered.")
    if (colour or consistency) and kind in (nappies.WET, nappies.DRY) and not errors.get(
            "colour"):  # a colour not on the card is said first, as it is
        errors["colour"] = _("Colour and texture go with a dirty nappy.")
    elif colour == "black" != kept_colour and not errors and nappies.black_is_meconium(
            timezone.localdate(child.birth_at), timezone.localdate(changed_at)):
        errors["colour"] = _(
            "In the first three days a black, sticky poo is the meconium, as expected: "
            "choose “Black-green and sticky (the first days)”. If you saw blood, choose "
            "“Red, or with blood in it”.")
    if errors:
        raise ValidationError(errors)
    return note, colour, consistency


@transaction.atomic
def add_nappy(*, child, kind, user, changed_at=None, colour="", consistency="", note="",
              external_id=""):
    changed_at = changed_at or timezone.now()
    note, colour, consistency = _check_nappy(child, changed_at, kind, colour, consistency,
                                             note)
    return Nappy.objects.create(household=child.household, child=child, kind=kind,
                                changed_at=changed_at, colour=colour,
                                consistency=consistency, note=note, created_by=user,
                                external_id=external_id)


@transaction.atomic
def update_nappy(nappy, *, version, kind, changed_at, colour="", consistency="", note="",
                 child=None):
    """``child``, another baby of the household: logged for the wrong twin, it moves."""
    child = moved_to(nappy, child)
    note, colour, consistency = _check_nappy(child, changed_at, kind, colour,
                                             consistency, note, kept_colour=nappy.colour)
    save_if_current(Nappy.objects.all(), nappy.pk, version, STALE, kind=kind,
                    changed_at=changed_at, colour=colour, consistency=consistency,
                    note=note, child=child)
    nappy.refresh_from_db()
    return nappy


@transaction.atomic
def delete_nappy(nappy):
    Nappy.objects.filter(pk=nappy.pk).delete()


def read_temperature(value, unit="C", *, exported=False):
    """A temperature given as text or number, in °C or °F, as °C (``fever.to_celsius``);
    raises ValidationError on ``celsius`` when it is not a body temperature.

    ``exported``: the number is one Nestwell wrote out (an export, a reading sent back),
    so a °C number kept from a reading taken in °F (38.33 for 101 °F) stays to 0.01 °C
    and comes back as it went out; any other is read as typed (37.95 is 38.0)."""
    try:
        number = Decimal(measures.typed_number(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or unit.upper() not in ("C", "F"):
        raise ValidationError({"celsius": _("Enter the temperature as a number, like 37.2.")})
    # Far outside any body temperature (in either unit): refused before any arithmetic.
    celsius = fever.to_celsius(number, unit) if -1000 < number < 1000 else number
    if not fever.LOWEST_C <= celsius <= fever.HIGHEST_C:
        if unit.upper() == "F":
            # Said in the unit she typed: "38.2" in °F read "3.44 °C is not a body
            # temperature" (a reading from a °C thermometer, with °F chosen).
            raise ValidationError({"celsius": _(
                "%(f)s °F is not a body temperature. If your thermometer reads in °C, "
                "choose °C; otherwise, please check the number.") % {"f": number}})
        # The number she typed ("3.79", not a rounded "3.8").
        raise ValidationError({"celsius": _(
            "%(c)s °C is not a body temperature; please check the number.")
            % {"c": number}})
    if exported and unit.upper() == "C":
        exact = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if fever.from_fahrenheit(exact):
            return exact
    return celsius


def _check_temperature(child, taken_at, celsius, note):
    """``celsius`` as read (``read_temperature``): a Decimal is kept as it is, to 0.01 °C
    (a reading from °F, or one kept already, is not rounded again to 0.1: 100.2 °F is
    37.89 °C, and a note changed on it must not make it 37.9); anything else is read as
    typed in °C."""
    errors = {}
    note = _check_common(child, taken_at, "taken_at", note, errors)
    if errors:
        raise ValidationError(errors)
    if not isinstance(celsius, Decimal):
        return note, read_temperature(celsius)
    celsius = celsius.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not fever.LOWEST_C <= celsius <= fever.HIGHEST_C:
        raise ValidationError({"celsius": _(
            "%(c)s °C is not a body temperature; please check the number.")
            % {"c": fever.as_typed(celsius)}})
    return note, celsius


@transaction.atomic
def add_temperature(*, child, celsius, user, taken_at=None, note="", external_id=""):
    taken_at = taken_at or timezone.now()
    note, celsius = _check_temperature(child, taken_at, celsius, note)
    return Temperature.objects.create(household=child.household, child=child,
                                      taken_at=taken_at, celsius=celsius, note=note,
                                      created_by=user, external_id=external_id)


@transaction.atomic
def update_temperature(temperature, *, version, taken_at, celsius, note="", child=None):
    child = moved_to(temperature, child)
    note, celsius = _check_temperature(child, taken_at, celsius, note)
    save_if_current(Temperature.objects.all(), temperature.pk, version, STALE,
                    taken_at=taken_at, celsius=celsius, note=note, child=child)
    temperature.refresh_from_db()
    return temperature


@transaction.atomic
def delete_temperature(temperature):
    Temperature.objects.filter(pk=temperature.pk).delete()


def temperature_reading(temperature):
    """``"call_now"``, ``"raised"``, ``"low"`` or None for a kept temperature (see
    fever.reading)."""
    child = temperature.child
    tz = timezone.get_current_timezone()
    birth = timezone.localtime(child.birth_at, tz).date() if child.birth_at else None
    return fever.reading(temperature.celsius, birth,
                         timezone.localtime(temperature.taken_at, tz).date())


def nappy_days(child, days, today=None, read=None):
    """Counts for the last ``days`` local days (today first): one query, counted in Python,
    none when ``read`` holds those days' nappies already. Each day: date, day of life, wet,
    dirty, total, whether any was pale or red or black, and the reading."""
    from nestwell.journal.timeutil import day_bounds

    tz = timezone.get_current_timezone()
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    start, _end = day_bounds(first, tz)
    _start, end = day_bounds(today, tz)
    counts = {first + timedelta(days=i): {"wet": 0, "dirty": 0, "total": 0, "pale": False,
                                               "blood": False}
              for i in range(days)}
    if read is None:
        rows = Nappy.objects.filter(child=child, changed_at__gte=start, changed_at__lt=end)
        rows = rows.values_list("kind", "colour", "changed_at")
    else:
        rows = [(n.kind, n.colour, n.changed_at) for n in read]
    for kind, colour, at in rows:
        day = counts.get(timezone.localtime(at, tz).date())
        if day is None:
            continue
        day["total"] += 1
        day["wet"] += nappies.is_wet(kind)
        day["dirty"] += nappies.is_dirty(kind)
        day["pale"] = day["pale"] or nappies.is_pale(colour)
        day["blood"] = day["blood"] or nappies.is_blood(colour)
    birth = timezone.localtime(child.birth_at, tz).date() if child.birth_at else None
    out = []
    for day in sorted(counts, reverse=True):
        if birth is None or day < birth:
            continue
        n = counts[day]
        life = nappies.day_of_life(birth, day)
        out.append({"day": day, "day_of_life": life, **n,
                    "typical": nappies.typical_for(life),
                    "reading": nappies.day_reading(life, n["wet"], n["dirty"],
                                                   complete=day < today,
                                                   kept=n["total"])})
    return out


def nappies_today(child, read=None):
    """Today's counts; ``read``: ``(day, nappies)`` that Today has read already."""
    day, nappies_read = read or (None, None)
    days = nappy_days(child, 1, today=day, read=nappies_read)
    return days[0] if days else None

"""Writing medicines and doses: the one place their rules are checked (forms, API,
command line and imports alike), each change in one transaction, an edit refused when
someone saved in between. And reading a medicine's schedule back: when the next dose is
allowed, and whether today's daily dose was given."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.children.models import Child
from nestwell.health.services import STALE
from nestwell.journal.timeutil import day_bounds
from nestwell.journal.versioned import save_if_current
from nestwell.lib.statements import IDS, Statement
from nestwell.lib.times import time_error
from nestwell.medicines import schedule
from nestwell.medicines.models import (
    COUNTED,
    DAILY,
    FORMS,
    SCHEDULES,
    SPACED,
    UNITS,
    Dose,
    Medicine,
)

UNIT_CODES = {code for code, _label in UNITS}
FORM_CODES = {code for code, _label in FORMS}
SCHEDULE_CODES = {code for code, _label in SCHEDULES}
LONGEST_GAP = 72  # hours: a gap longer than three days is a typing slip
MOST_PER_DAY = 24


def read_amount(value, field="dose"):
    """A dose as text or number ('2,5' too), or None when left empty; raises
    ValidationError on ``field`` when it is not a positive number of sensible size."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d+[.,]\d{3}\s*", value):
        # "1,000" or "2.500": a thousand, or one? Never read as one (the review: "1,000
        # IU" of vitamin D was kept as 1).
        raise ValidationError({field: _(
            "Write the dose with at most two decimals, like 2.5, or as a whole number "
            "without a separator, like 1000.")})
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not 0 < number < 100000:
        raise ValidationError({field: _("Enter the dose as a number, like 2.5.")})
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError({field: _("A dose can have up to two decimals.")})
    return number


# A unit typed after the number ("5 ml", "3 gotas", "1 Tablette"): these spellings, and the
# unit's name in each language Nestwell speaks (singular and plural; ``_unit_words``), are
# read as that unit.
_UNIT_WORDS = {"ml": ("ml", "mls", "millilitre", "millilitres", "milliliter", "milliliters"),
               "mg": ("mg", "mgs", "milligram", "milligrams"),
               "mcg": ("mcg", "µg", "μg", "ug", "microgram", "micrograms"),
               "iu": ("iu", "ui", "ie", "units"),
               "drops": ("drop", "drops", "gota", "gotas", "goutte", "gouttes", "tropfen"),
               "tablet": ("tablet", "tablets", "tab", "tabs")}
_TYPED_UNIT = re.compile(r"^\s*(\d[\d.,]*)\s*([^\W\d_][\w.]*|[µμ]g)\s*$")


@cache
def _unit_words():
    """Every word that names a unit, in every language Nestwell speaks ("1 Tablette" is
    a tablet on an English page too); a word two units share names neither."""
    found = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in UNITS:
                names = {code, str(label), *_UNIT_WORDS.get(code, ())}
                if code in COUNTED:
                    names |= {COUNTED[code](1), COUNTED[code](2)}
                for name in names:
                    found.setdefault(name.casefold(), set()).add(code)
    return {word: codes.pop() for word, codes in found.items() if len(codes) == 1}


def _unit_named(word):
    return _unit_words().get(word.casefold().rstrip("."))


def amount_and_unit(value, unit, field="dose", unit_field="unit"):
    """A dose typed with its unit after the number ("5 ml") is that number in that unit:
    the unit chosen beside it, when there is one, must be the same. Anything else is
    left as it was, for ``read_amount`` to judge."""
    match = _TYPED_UNIT.match(value) if isinstance(value, str) else None
    typed = _unit_named(match.group(2)) if match else None
    if typed is None:
        return value, unit
    if unit and unit != typed:
        raise ValidationError({unit_field: _(
            "The dose is written in %(typed)s, and %(chosen)s is chosen as its unit: "
            "choose the one that is right.") % {"typed": dict(UNITS)[typed],
                                               "chosen": dict(UNITS).get(unit, unit)}})
    return match.group(1), typed


def _text(value, field, longest, errors, *, required=False):
    value = (value or "").strip()
    if "\x00" in value:
        errors[field] = _("This text contains a character that cannot be saved.")
    elif len(value) > longest:
        errors[field] = _("This can be up to %(n)s characters.") % {"n": longest}
    elif required and not value:
        errors[field] = _("Give it a name, as on the label.")
    return value


def _clock(value):
    """A time of day given as a time or as "08:00" text, else None."""
    if value is None:
        return None
    try:
        clock = value if isinstance(value, time) else time.fromisoformat(str(value).strip())
    except ValueError:
        return None
    # A zone ("08:00Z") is not a time of the household's day: refused, as unreadable.
    return None if clock.tzinfo is not None else clock.replace(second=0, microsecond=0)


def check_medicine(fields):
    """The medicine's fields, checked and cleaned (forms, API and imports alike); raises
    ValidationError by field."""
    errors = {}
    out = {"name": _text(fields.get("name"), "name", 80, errors, required=True),
           "note": _text(fields.get("note"), "note", 2000, errors)}
    out["dose"] = None
    dose, unit = fields.get("dose"), fields.get("unit")
    try:
        dose, unit = amount_and_unit(dose, unit)
        out["dose"] = read_amount(dose)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    fields = {**fields, "unit": unit}
    for field, codes, message in (
            ("unit", UNIT_CODES, _("Choose one of the units offered.")),
            ("form", FORM_CODES, _("Choose one of the forms offered.")),
            ("schedule", SCHEDULE_CODES, _("Choose one of the schedules offered."))):
        out[field] = fields.get(field) or ""
        if out[field] and out[field] not in codes:
            errors[field] = message
    if out["dose"] is not None and not out["unit"]:
        errors["unit"] = _("Choose the unit of the dose (ml, mg, drops…).")
    kind = out["schedule"]
    out["daily_at"] = _clock(fields.get("daily_at")) if kind == DAILY else None
    if kind == DAILY and out["daily_at"] is None:
        errors["daily_at"] = _("Give the time of day it is usually given, like 08:00.")
    out["min_hours"] = out["most_per_day"] = None
    if kind == SPACED:
        try:
            hours = read_amount(fields.get("min_hours"), "min_hours")
        except ValidationError:
            hours = Decimal(-1)
        if hours is None or not Decimal("0.5") <= hours <= LONGEST_GAP \
                or hours != hours.quantize(Decimal("0.1")):
            errors["min_hours"] = _("Give the hours as on the label or prescription, "
                                    "between 0.5 and 72.")
        else:
            out["min_hours"] = hours
        most = fields.get("most_per_day")
        if most not in (None, ""):
            try:
                most = int(most)
            except (TypeError, ValueError):
                most = 0
            if not 1 <= most <= MOST_PER_DAY:
                errors["most_per_day"] = _("Give a number of doses between 1 and 24, "
                                           "or leave it empty.")
            else:
                out["most_per_day"] = most
    out["remind"] = bool(fields.get("remind")) and kind in (DAILY, SPACED)
    out["stopped"] = bool(fields.get("stopped"))
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def add_medicine(*, child, user, external_id="", **fields):
    if not child.is_born:
        raise ValidationError({"name": _("This begins once your baby is here.")})
    out = check_medicine(fields)
    return Medicine.objects.create(household=child.household, child=child, created_by=user,
                                   remind_user=user if out["remind"] else None,
                                   external_id=external_id, **out)


@transaction.atomic
def update_medicine(medicine, *, version, user, **fields):
    current = {f: getattr(medicine, f) for f in (
        "name", "dose", "unit", "form", "schedule", "daily_at", "min_hours", "most_per_day",
        "remind", "stopped", "note")}
    out = check_medicine({**current, **fields})
    if out["remind"] and not medicine.remind:
        out["remind_user"] = user  # whoever turns the reminder on receives it
    elif not out["remind"]:
        out["remind_user"] = None
    save_if_current(Medicine.objects.all(), medicine.pk, version, STALE, **out)
    medicine.refresh_from_db()
    return medicine


@transaction.atomic
def delete_medicine(medicine):
    """The medicine and every dose of it."""
    Medicine.objects.filter(pk=medicine.pk).delete()


def _check_dose(medicine, given_at, amount, unit, note):
    errors = {}
    child = medicine.child
    if not child.is_born:
        errors["given_at"] = _("This begins once your baby is here.")
    else:
        problem = time_error(given_at)
        if problem:
            errors["given_at"] = problem
        elif given_at < child.birth_at - timedelta(hours=1):
            errors["given_at"] = _("This is before the birth.")
    note = _text(note, "note", 2000, errors)
    try:
        amount, unit = amount_and_unit(amount, unit, "amount")
        amount = read_amount(amount, "amount")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        amount = None
    unit = unit or ""
    if unit and unit not in UNIT_CODES:
        errors["unit"] = _("Choose one of the units offered.")
    elif amount is not None and not unit:
        errors["unit"] = _("Choose the unit of the dose (ml, mg, drops…).")
    if errors:
        raise ValidationError(errors)
    return amount, unit, note


@transaction.atomic
def give(*, medicine, user, given_at=None, amount=None, unit=None, note="",
         external_id="", usual_unit=False):
    """A dose given (now when no time is given; the usual dose when none is given; with
    ``usual_unit``, another amount with no unit is in the medicine's unit, as the form's
    "The usual one" says)."""
    given_at = given_at or timezone.now()
    amount, unit, note = checked_dose(medicine, given_at, amount, unit, note, usual_unit)
    return Dose.objects.create(household=medicine.household, child=medicine.child,
                               medicine=medicine, given_at=given_at, amount=amount,
                               unit=unit, note=note, created_by=user,
                               external_id=external_id)


def checked_dose(medicine, given_at, amount=None, unit=None, note="", usual_unit=False):
    """The amount, unit and note a dose of ``medicine`` is kept with (the usual dose when
    none is given), or a ValidationError: what ``give`` checks, for a page that asks a
    question first and must not ask it of a dose it would then refuse."""
    if amount in (None, "") and unit in (None, ""):
        amount, unit = medicine.dose, medicine.unit
    elif unit in (None, "") and usual_unit:
        # Another amount, with the unit left at "the usual one" (Rosa's walk: refused,
        # on a feverish night): the medicine's own unit, as the form's choice promises.
        # Only the form says so: the API still refuses an amount without its unit.
        amount, unit = amount_and_unit(amount, "", "amount")
        unit = unit or medicine.unit
    return _check_dose(medicine, given_at, amount, unit, note)


@transaction.atomic
def update_dose(dose, *, version, given_at, amount, unit, note=""):
    amount, unit, note = _check_dose(dose.medicine, given_at, amount, unit, note)
    save_if_current(Dose.objects.all(), dose.pk, version, STALE, given_at=given_at,
                    amount=amount, unit=unit, note=note)
    dose.refresh_from_db()
    return dose


@transaction.atomic
def delete_dose(dose):
    Dose.objects.filter(pk=dose.pk).delete()


# Reading the schedule back ----------------------------------------------------------------

@dataclass
class Status:
    """What the medicines page and Today show for one medicine, now."""

    medicine: Medicine
    last: object  # the latest Dose, or None
    given_today: int  # doses on the household's today (daily ones)
    next: schedule.NextDose | None  # spaced ones

    @property
    def allowed_now(self):
        return self.next is None or self.next.not_before is None

    @property
    def waiting_for_window(self):
        return self.next is not None and self.next.reason == schedule.MOST


_RECENT_DOSES = Statement(lambda ids, since: Dose.objects.filter(
    medicine__in=ids, given_at__gte=since).order_by("given_at", "pk"), ids=IDS, since=datetime)


def statuses(medicines, now=None):
    """The status of each medicine, now: one query for all their doses of the last three
    days (the longest gap a schedule may have, and more than the 24 hours a "most in a
    day" looks back). ``last`` is the latest of those, or None."""
    now = now or timezone.now()
    medicines = list(medicines)
    if not medicines:
        return []
    tz = timezone.get_current_timezone()
    start, _end = day_bounds(timezone.localdate(now, tz), tz)
    since = min(start, now - schedule.DAY, now - timedelta(hours=LONGEST_GAP))
    by_medicine = {m.pk: [] for m in medicines}
    for dose in _RECENT_DOSES(ids=list(by_medicine), since=since):
        by_medicine[dose.medicine_id].append(dose)
    out = []
    today = timezone.localdate(now, tz)
    for medicine in medicines:
        doses = by_medicine[medicine.pk]
        times = [d.given_at for d in doses]
        nxt = None
        if medicine.spaced:
            nxt = schedule.next_dose(times, now, min_hours=medicine.min_hours,
                                     most_per_day=medicine.most_per_day)
        out.append(Status(medicine, max(doses, key=lambda d: (d.given_at, d.pk))
                          if doses else None,
                          len(schedule.given_on(times, today, tz)), nxt))
    return out


JUST_GIVEN = timedelta(hours=1)


def ask_first(status, now) -> bool:
    """Whether one tap on "Given now" asks before it keeps a dose: one was given in the last
    hour (a second tap, or two people giving it), a daily one was given today, or a spaced
    one comes sooner than the schedule she entered."""
    if status.last is not None and now - status.last.given_at < JUST_GIVEN:
        return True
    if status.medicine.daily and status.given_today:
        return True
    return bool(status.medicine.spaced and not status.allowed_now)


def ask_before(medicine, at):
    """What a dose kept from the form (another amount, or another time) asks before it is
    kept, as one tap on "Given now" does: one given within an hour of it, a daily one
    given that day already, or a spaced one sooner than her schedule. "" when nothing."""
    given = list(medicine.doses.filter(given_at__gt=at - schedule.DAY,
                                       given_at__lt=at + JUST_GIVEN)
                 .values_list("given_at", flat=True))
    words = {"name": medicine.name}
    near = sorted((t for t in given if abs(t - at) < JUST_GIVEN), key=lambda t: abs(t - at))
    if near:
        return _("%(name)s was given at %(time)s. Keep this dose as well?") % {
            **words, "time": measures.clock(timezone.localtime(near[0]))}
    day = timezone.localtime(at).date()
    same_day = [t for t in given if timezone.localtime(t).date() == day]
    if medicine.daily and same_day:
        return _("%(name)s was given that day already, at %(time)s. Keep this dose as "
                 "well?") % {**words, "time": measures.clock(timezone.localtime(same_day[-1]))}
    if medicine.spaced:
        before = schedule.next_dose([t for t in given if t <= at], at,
                                    min_hours=medicine.min_hours,
                                    most_per_day=medicine.most_per_day)
        if not before.allowed(at):
            return _("By the schedule you entered, %(name)s fits again from %(time)s. If you "
                     "are unsure, check the label or ask your pharmacist, doctor or health "
                     "line.") % {**words, "time": when_words(before.not_before, at)}
    return ""


def when_words(at, now):
    """'14:30' today, 'tomorrow 02:30', else 'Tue 3 Mar 09:00', on the household's clock."""
    local, today = timezone.localtime(at), timezone.localtime(now).date()
    clock = measures.clock(local)
    if local.date() == today:
        return clock
    if (local.date() - today).days == 1:
        return _("tomorrow %(time)s") % {"time": clock}
    return measures.day(local, "D j M") + " " + clock


def shown(found, now):
    """Statuses with their words: the next dose's time, and the last one's."""
    for status in found:
        status.next_words = (when_words(status.next.not_before, now)
                             if status.next and status.next.not_before else "")
        status.last_words = when_words(status.last.given_at, now) if status.last else ""
    return found


_SCHEDULED = Statement(lambda child: Medicine.objects.filter(child=child, stopped=False)
                       .exclude(schedule=""), child=Child)


def glance(child, now=None):
    """Today at a glance: every medicine still given on a schedule, with where it stands
    (two queries; one when there is none)."""
    now = now or timezone.now()
    return shown(statuses(_SCHEDULED(child=child), now), now)

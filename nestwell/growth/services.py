"""Writing measurements: the one place their rules are checked (form, API, CLI and imports
alike), each change in one transaction, an edit refused when someone saved in between."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts import measures
from nestwell.growth import who
from nestwell.growth.models import MEASURED_BY, Measurement
from nestwell.journal.versioned import STALE, save_if_current

# Wide enough for any baby or toddler up to five years (the WHO tables' span), narrow
# enough to catch a slip of the finger (kilograms typed as grams, inches as centimetres).
WEIGHT_GRAMS = (300, 30_000)
LENGTH_MM = (250, 1250)
HEAD_MM = (200, 600)
MEASURERS = {key for key, _label in MEASURED_BY}
# Beyond this many standard deviations above the WHO median for her real age, a weight or
# a length is a slip, not a baby: far past the WHO's own flag for an implausible
# weight-for-age (+5), so that no real baby is refused (at birth, about 7.5 kg). Read on
# the boys' tables (the larger) at her real age (a baby born early is smaller still).
# 18,500 g for an 11-day-old was kept, and charted. A head is not checked: a very large
# one can be real, and is what a doctor needs to see.
IMPLAUSIBLE_Z = 8


def check_measurement(child, measured_on, weight_grams, length_mm, head_mm, measured_by,
                      note):
    born = timezone.localtime(child.birth_at).date() if child.birth_at else None
    return check_values(born, measured_on, weight_grams, length_mm, head_mm, measured_by,
                        note, timezone.localdate())


def check_values(born, measured_on, weight_grams, length_mm, head_mm, measured_by, note,
                 today):
    """The rules of a measurement, for a baby born on ``born`` (None: not yet): raises a
    ValidationError by field, else returns the note as kept. Imports call it too."""
    errors = {}
    if weight_grams is None and length_mm is None and head_mm is None:
        errors["weight_grams"] = _("Add at least one: the weight, the length or the head "
                                   "circumference.")
    imperial = measures.current().weight == "imperial"  # said in the units she uses
    if weight_grams is not None and not WEIGHT_GRAMS[0] <= weight_grams <= WEIGHT_GRAMS[1]:
        errors["weight_grams"] = _(
            "That weight looks unusual: we take about 11 oz to 66 lb. Write it in pounds and "
            "ounces, like 7 lb 10 oz.") if imperial else _(
            "That weight looks unusual: we take 300 g to 30,000 g. It is in grams, so "
            "3.4 kg is 3400.")
    if length_mm is not None and not LENGTH_MM[0] <= length_mm <= LENGTH_MM[1]:
        errors["length_mm"] = _(
            "That length looks unusual: we take about 10 to 49 in.") if imperial else _(
            "That length looks unusual: we take 25 to 125 cm. An inch is about 2.5 cm.")
    if head_mm is not None and not HEAD_MM[0] <= head_mm <= HEAD_MM[1]:
        errors["head_mm"] = _(
            "That head circumference looks unusual: we take about 8 to 23.5 in.") if imperial \
            else _("That head circumference looks unusual: we take 20 to 60 cm.")
    if born is not None and isinstance(measured_on, date) and not errors:
        errors.update(_far_above(measured_on - born, weight_grams, length_mm))
    if measured_by not in MEASURERS:
        errors["measured_by"] = _("Choose who measured, or “Someone else”.")
    note = (note or "").strip()
    if "\x00" in note:
        errors["note"] = _("This text contains a character that cannot be saved.")
    elif len(note) > 2000:
        errors["note"] = _("A note can be up to 2000 characters.")
    problem = date_problem(born, measured_on, today)
    if problem:
        errors["measured_on"] = problem
    if errors:
        raise ValidationError(errors)
    return note


def _far_above(age, weight_grams, length_mm) -> dict:
    """The values far above any baby's of that age (see IMPLAUSIBLE_Z), by field."""
    days = age.days
    if not 0 <= days <= who.LAST_DAY:
        return {}
    found = {}
    for field, value, indicator in (
            ("weight_grams", weight_grams and weight_grams / 1000, who.WEIGHT_FOR_AGE),
            ("length_mm", length_mm and length_mm / 10, who.LENGTH_FOR_AGE)):
        if not value:
            continue
        z = who.z_score(who.lms_for_age(indicator, who.MALE, days), value,
                        indicator in who.WEIGHT_BASED)
        if z > IMPLAUSIBLE_Z:
            found[field] = ngettext(
                "That is far more than any baby's at %(days)s day old: is a digit out of "
                "place?", "That is far more than any baby's at %(days)s days old: is a digit "
                "out of place?", days) % {"days": days}
    return found


def date_problem(born: date | None, measured_on, today: date):
    if not isinstance(measured_on, date):
        return _("Enter the day of the measurement.")
    if born is None:
        return _("Measurements begin once your baby is here.")
    if measured_on > today:
        return _("That day has not come yet.")
    if measured_on < born:
        return _("That day is before the birth.")
    return None


@transaction.atomic
def add_measurement(*, child, measured_on, user, weight_grams=None, length_mm=None,
                    head_mm=None, measured_by="parent", note="", external_id=""):
    note = check_measurement(child, measured_on, weight_grams, length_mm, head_mm,
                             measured_by, note)
    return Measurement.objects.create(
        household=child.household, child=child, measured_on=measured_on,
        weight_grams=weight_grams, length_mm=length_mm, head_mm=head_mm,
        measured_by=measured_by, note=note, created_by=user, external_id=external_id)


@transaction.atomic
def update_measurement(measurement, *, version, measured_on, weight_grams=None,
                       length_mm=None, head_mm=None, measured_by="parent", note=""):
    note = check_measurement(measurement.child, measured_on, weight_grams, length_mm,
                             head_mm, measured_by, note)
    save_if_current(
        Measurement.objects.all(), measurement.pk, version,
        STALE,
        measured_on=measured_on, weight_grams=weight_grams, length_mm=length_mm,
        head_mm=head_mm, measured_by=measured_by, note=note)
    measurement.refresh_from_db()
    return measurement


@transaction.atomic
def delete_measurement(measurement):
    Measurement.objects.filter(pk=measurement.pk).delete()

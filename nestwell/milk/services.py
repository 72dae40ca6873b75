"""Writing pumping sessions and the milk store: the one place their rules are checked
(forms, API, command line and imports alike), each action in one transaction, an edit
refused when someone saved in between."""

from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.journal.versioned import STALE, save_if_current
from nestwell.lib import measures as volumes
from nestwell.lib.times import time_error
from nestwell.milk import colostrum, storage
from nestwell.milk.models import MilkBag, Place, PumpingSession, Side, State

MOST_ML = 1000  # more than any one bag: a mistyped number
# More than one pumping session gives, both sides together, even with plenty of milk:
# "900" for 90 was kept and doubled the day's total in the report.
MOST_SESSION_ML = 500
MOST_MINUTES = 240


def guide(household) -> storage.Guide:
    """The storage figures of the household's country (or the country of its time zone)."""
    return storage.guide_for(measures.household_country(household))


def fridge_days(household) -> int:
    return guide(household).fridge_days


def read_amount(value, unit="ml", *, field="amount_ml", required=False):
    """An amount given as text or number in ml or fl oz, as whole ml (None when blank and
    not ``required``); raises ValidationError on ``field``."""
    # A unit typed after the number is read as said ("1,5 oz" with ml chosen was
    # refused as not a number).
    text, said = volumes.split_volume_unit("" if value is None else str(value))
    text, unit = text.replace(",", "."), said or unit
    if not text:
        if required:
            raise ValidationError({field: _("Enter how much, in ml or fl oz.")})
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not -100000 <= number <= 100000:
        raise ValidationError({field: _("Enter the amount as a number, like 90.")})
    try:
        ml = storage.to_ml(float(number), unit or "ml")
    except ValueError:
        raise ValidationError({field: _("Give the amount in ml or fl oz.")}) from None
    if not 0 < ml <= MOST_ML:
        raise ValidationError({field: _("An amount between 1 and %(most)s ml, please.")
                               % {"most": MOST_ML}})
    return ml


def earliest(child):
    """The first time milk is kept for this child: from 36 weeks of pregnancy when the due
    date is known (colostrum expressed before the birth), else from the birth."""
    times = []
    if child.birth_at is not None:
        times.append(child.birth_at - timedelta(hours=1))
    if child.due_date is not None:
        times.append(datetime.combine(colostrum.opens_on(child.due_date), time.min,
                                      tzinfo=timezone.get_current_timezone()))
    return min(times) if times else None


def too_early(child, at):
    """Why milk expressed at ``at`` is not kept for this child (before 36 weeks of
    pregnancy, or before the birth when there is no due date), else None. Also used by
    imports, whose children may not be saved yet."""
    first = earliest(child)
    if first is not None and at >= first:
        return None
    if child.due_date is not None:
        return _("Milk expressed before the birth is kept from 36 weeks of pregnancy, "
                 "%(day)s.") % {"day": measures.day(colostrum.opens_on(child.due_date),
                                                    "j M Y")}
    return _("This is before the birth.")


def _check_when(child, at, field, errors, now=None):
    problem = time_error(at, now) or too_early(child, at)
    if problem:
        errors[field] = problem


def _check_note(note, errors):
    note = (note or "").strip()
    if "\x00" in note:
        errors["note"] = _("This text contains a character that cannot be saved.")
    elif len(note) > 2000:
        errors["note"] = _("A note can be up to 2000 characters.")
    return note


def _check_session(child, started_at, minutes, side, amount_ml, note, kept_ml=None):
    errors = {}
    _check_when(child, started_at, "started_at", errors)
    if minutes is not None and not 0 <= minutes <= MOST_MINUTES:
        errors["minutes"] = _("Between 0 and %(most)s minutes, please.") % {
            "most": MOST_MINUTES}
    if side and side not in Side.values:
        errors["side"] = _("Choose left, right or both.")
    if amount_ml is not None and not 0 < amount_ml <= MOST_ML:
        errors["amount_ml"] = _("An amount between 1 and %(most)s ml, please.") % {
            "most": MOST_ML}
    elif amount_ml is not None and amount_ml > MOST_SESSION_ML and amount_ml != kept_ml:
        # (a session kept before this rule, or imported, keeps its amount when its note
        # or time changes)
        errors["amount_ml"] = _("That is more than one pumping session gives (up to "
                                "%(most)s): is a digit out of place?") % {
            "most": measures.volume(MOST_SESSION_ML)}
    note = _check_note(note, errors)
    if errors:
        raise ValidationError(errors)
    return note


@transaction.atomic
def add_session(*, child, user, started_at=None, minutes=None, side="", amount_ml=None,
                note="", external_id="", store=""):
    """Keep a pumping session; with ``store`` (a place), its milk goes into the store as
    one bag in the same step."""
    started_at = started_at or timezone.now()
    note = _check_session(child, started_at, minutes, side or "", amount_ml, note)
    if store and store not in (Place.ROOM, Place.FRIDGE, Place.FREEZER):
        raise ValidationError({"store": _("Fresh milk goes in the fridge, the freezer, or "
                                          "stays at room temperature.")})
    if store and not amount_ml:
        raise ValidationError({"amount_ml": _("Say how much to put it in the store.")})
    session = PumpingSession.objects.create(
        household=child.household, child=child, started_at=started_at, minutes=minutes,
        side=side or "", amount_ml=amount_ml, note=note, created_by=user,
        external_id=external_id)
    if store:
        add_bag(child=child, user=user, expressed_at=started_at, amount_ml=amount_ml,
                place=store, session=session)
    return session


@transaction.atomic
def update_session(session, *, version, started_at, minutes=None, side="", amount_ml=None,
                   note=""):
    note = _check_session(session.child, started_at, minutes, side or "", amount_ml, note,
                          kept_ml=session.amount_ml)
    save_if_current(PumpingSession.objects.all(), session.pk, version, STALE,
                    started_at=started_at, minutes=minutes, side=side or "",
                    amount_ml=amount_ml, note=note)
    session.refresh_from_db()
    return session


@transaction.atomic
def delete_session(session):
    """Removes the session; milk it put in the store stays there."""
    PumpingSession.objects.filter(pk=session.pk).delete()


# --- the milk store ------------------------------------------------------------------

def _zone():
    return timezone.get_current_timezone()


def _check_bag(child, expressed_at, amount_ml, note):
    errors = {}
    _check_when(child, expressed_at, "expressed_at", errors)
    if amount_ml is None or not 0 < amount_ml <= MOST_ML:
        errors["amount_ml"] = _("An amount between 1 and %(most)s ml, please.") % {
            "most": MOST_ML}
    note = _check_note(note, errors)
    if errors:
        raise ValidationError(errors)
    return note


@transaction.atomic
def add_bag(*, child, user, expressed_at, amount_ml, place, note="", session=None,
            thawed_at=None, state=State.KEPT, finished_at=None, external_id=""):
    """Keep a bag of milk. Thawed milk needs the time it left the freezer (imports and
    exports carry bags already used or poured away, with when)."""
    note = _check_bag(child, expressed_at, amount_ml, note)
    if place not in Place.values:
        raise ValidationError({"place": _("Choose where the milk is kept.")})
    if place == Place.THAWED and thawed_at is None:
        raise ValidationError({"place": _("Milk is thawed from the freezer: keep it in the "
                                          "freezer first, then move it.")})
    if thawed_at is not None and thawed_at < expressed_at:
        raise ValidationError({"thawed_at": _("This is before the milk was expressed.")})
    if state not in State.values or (state == State.KEPT) != (finished_at is None):
        raise ValidationError({"state": _("Kept, used or poured away (with when).")})
    return MilkBag.objects.create(
        household=child.household, child=child, session=session, expressed_at=expressed_at,
        amount_ml=amount_ml, place=place, thawed_at=thawed_at if place == Place.THAWED
        else None, use_by=storage.use_by(place, expressed_at, _zone(), thawed_at=thawed_at,
                                         fridge_days=fridge_days(child.household)),
        state=state, finished_at=finished_at, note=note, created_by=user,
        external_id=external_id)


@transaction.atomic
def update_bag(bag, *, version, expressed_at, amount_ml, note=""):
    """Change when it was expressed, how much, or the note; the use-by follows."""
    note = _check_bag(bag.child, expressed_at, amount_ml, note)
    if bag.thawed_at is not None and bag.thawed_at < expressed_at:
        raise ValidationError({"expressed_at": _("This is after the milk left the "
                                                 "freezer.")})
    save_if_current(MilkBag.objects.all(), bag.pk, version, STALE, expressed_at=expressed_at,
                    amount_ml=amount_ml, note=note,
                    use_by=storage.use_by(bag.place, expressed_at, _zone(),
                                          thawed_at=bag.thawed_at,
                                          fridge_days=fridge_days(bag.household)))
    bag.refresh_from_db()
    return bag


@transaction.atomic
def move_bag(bag, *, version, place, at=None):
    """Move a kept bag onwards (fridge, freezer, thawed); the use-by is worked out again.
    Milk never goes back, and thawed milk never goes back into the freezer."""
    at = at or timezone.now()
    if bag.state != State.KEPT:
        raise ValidationError({"place": _("This milk has already been used or poured "
                                          "away.")})
    if not storage.can_move(bag.place, place):
        if bag.place == Place.THAWED:
            message = _("Thawed milk is not frozen again; use it or pour it away.")
        elif place == Place.THAWED:
            message = _("Only milk from the freezer thaws.")
        else:
            message = _("Milk moves onwards only: from room temperature to the fridge, then "
                        "the freezer, then thawed.")
        raise ValidationError({"place": message})
    problem = time_error(at) or (_("This is before the milk was expressed.")
                                 if at < bag.expressed_at else None)
    if problem:
        raise ValidationError({"at": problem})
    if bag.use_by and at >= bag.use_by:
        # Moved on, it would start a new use-by (months, in the freezer) and its warning
        # would go: milk past its time stays past it.
        raise ValidationError({"place": _(
            "This milk is past the time the guidance gives where it was kept, so it is not "
            "moved on: use it or pour it away.")})
    use_by = storage.moved_use_by(bag.place, place, bag.expressed_at, _zone(), at,
                                  fridge_days=fridge_days(bag.household))
    save_if_current(MilkBag.objects.filter(state=State.KEPT), bag.pk, version, STALE,
                    place=place, use_by=use_by,
                    thawed_at=at if place == Place.THAWED else None)
    bag.refresh_from_db()
    return bag


@transaction.atomic
def finish_bag(bag, *, version, state, at=None):
    """Mark a kept bag used, poured away or taken to the unit; it leaves the store's
    list."""
    at = at or timezone.now()
    if state not in (State.USED, State.DISCARDED, State.TO_UNIT):
        raise ValidationError({"state": _("Used, poured away or taken to the unit?")})
    problem = time_error(at)
    if problem:
        raise ValidationError({"at": problem})
    save_if_current(MilkBag.objects.filter(state=State.KEPT), bag.pk, version, STALE,
                    state=state, finished_at=at)
    bag.refresh_from_db()
    return bag


# What one tap on a bag changes, and so what its Undo puts back.
STEP_FIELDS = ("state", "place", "use_by", "thawed_at", "finished_at")


def step_before(bag):
    """The bag as it is before a tap, in words a session can keep (times as ISO text)."""
    return {name: (value.isoformat() if isinstance(value, datetime) else value)
            for name in STEP_FIELDS for value in [getattr(bag, name)]}


@transaction.atomic
def undo_step(bag, *, version, before, at, now=None):
    """Take back a tap on a bag (moved on, thawed, used or poured away) within the short
    while a moment's Undo has: it is as it was before the tap, unless someone has
    changed it since. ``before`` is what ``step_before`` gave; ``at`` when she tapped."""
    from nestwell.journal.services import UNDO_WINDOW

    if (now or timezone.now()) - at > UNDO_WINDOW:
        raise ValidationError(_("It is too late to undo this; you can still change it from "
                                "the milk store."))
    fields = {name: (datetime.fromisoformat(value)
                     if name in ("use_by", "thawed_at", "finished_at") and value else value)
              for name, value in before.items() if name in STEP_FIELDS}
    save_if_current(MilkBag.objects.all(), bag.pk, version, STALE, **fields)
    bag.refresh_from_db()
    return bag


@transaction.atomic
def delete_bag(bag):
    MilkBag.objects.filter(pk=bag.pk).delete()


def kept_elsewhere(children):
    """``(child, bags, ml)`` for each of ``children`` with milk in the store: one query."""
    from django.db.models import Count, Sum

    found = {row["child"]: row for row in MilkBag.objects.filter(
        child__in=[c.pk for c in children], state=State.KEPT).values("child").annotate(
        n=Count("pk"), ml=Sum("amount_ml"))}
    return [(c, found[c.pk]["n"], found[c.pk]["ml"]) for c in children if c.pk in found]


def kept_bags(child):
    """What is in the store now, soonest use-by first (one query)."""
    return MilkBag.objects.filter(child=child, state=State.KEPT).order_by("use_by", "pk")


def day_totals(child, start, end):
    """Sessions and ml pumped between ``start`` and ``end`` (one query)."""
    from django.db.models import Count, Sum

    found = PumpingSession.objects.filter(child=child, started_at__gte=start,
                                          started_at__lt=end).aggregate(
        n=Count("pk"), ml=Sum("amount_ml"))
    return {"sessions": found["n"], "ml": found["ml"] or 0}


def pumping_days(child, start, end, first, days, zone):
    """Sessions and ml per local day from ``first`` for ``days`` days (one query), for the
    report a midwife or health visitor reads."""
    counts = [{"sessions": 0, "ml": 0} for _ in range(days)]
    for at, ml in PumpingSession.objects.filter(
            child=child, started_at__gte=start, started_at__lt=end).values_list(
            "started_at", "amount_ml"):
        index = (timezone.localtime(at, zone).date() - first).days
        if 0 <= index < days:
            counts[index]["sessions"] += 1
            counts[index]["ml"] += ml or 0
    return counts

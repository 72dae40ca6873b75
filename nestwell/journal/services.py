"""Journal operations: the one place moments are validated and written.

Web views, the API, the command line and imports all come through here, so the same
rules hold everywhere. Each function is one transaction: it saves everything or nothing.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.children.models import Child
from nestwell.journal import contributions
from nestwell.journal.kinds import KINDS, DetailsError, validate_details
from nestwell.journal.models import Moment, Source
from nestwell.journal.versioned import save_if_current
from nestwell.lib.times import (  # noqa: F401 (the rule, also offered here to callers)
    EARLIEST,
    FUTURE_SLACK,
    check_time,
    time_error,
)

LONGEST_MOMENT = timedelta(hours=24)
UNDO_WINDOW = timedelta(minutes=2)
# A timer stopped sooner than this was started by mistake: nothing is saved ("0 s").
SHORTEST_TIMER = timedelta(seconds=10)


def _kind(kind_code):
    if kind_code not in KINDS:
        raise ValidationError({"kind": _("This kind of moment does not exist.")})
    return KINDS[kind_code]


def checked_details(kind_code, details):
    try:
        return validate_details(kind_code, details)
    except DetailsError as exc:
        raise ValidationError(exc.errors) from exc


def check_note(note):
    """A NUL character cannot be stored (PostgreSQL refuses it) and is never typed."""
    if "\x00" in (note or ""):
        raise ValidationError({"note": _("The note holds an invisible control character; "
                                         "please retype it.")})


def check_times(started_at, ended_at, now=None):
    """Raise ValidationError for times that cannot be right: before 2000, in the future,
    an end before the start, or longer than a day."""
    now = now or timezone.now()
    errors = {}
    if started_at is None:
        errors["started_at"] = _("Please give a start time.")
    elif error := time_error(started_at, now):
        errors["started_at"] = error
    if ended_at is not None and started_at is not None and not errors:
        if ended_at < started_at:
            errors["ended_at"] = _("The end is before the start.")
        elif error := time_error(ended_at, now):
            errors["ended_at"] = error
        elif ended_at - started_at > LONGEST_MOMENT:
            errors["ended_at"] = _("A moment can last at most 24 hours.")
    if errors:
        raise ValidationError(errors)


def _running_conflict(child, kind):
    return ValidationError({"kind": ValidationError(
        _("A %(kind)s timer is already running for %(child)s.")
        % {"kind": str(kind.label).lower(), "child": child.name}, code="conflict")})


def _new_moment(child, **fields):
    """An unsaved moment of ``child`` in the child's household, without a query to load
    the household (it is only loaded, later, if someone asks for it)."""
    moment = Moment(household_id=child.household_id, child=child, **fields)
    if Child.household.is_cached(child):
        moment.household = child.household
    return moment


def _save_new(moment):
    try:
        with transaction.atomic():
            moment.save()
    except IntegrityError as exc:
        if moment.ended_at is None:
            raise _running_conflict(moment.child, KINDS[moment.kind]) from exc
        raise ValidationError(
            {"external_id": _("A moment with this import id already exists.")}) from exc
    return moment


@transaction.atomic
def start_timer(*, child, kind, user, details=None, started_at=None, source=Source.WEB,
                note=""):
    """Start a timer now (or at ``started_at``); one running timer per kind and child."""
    spec = _kind(kind)
    started_at = started_at or timezone.now()
    check_times(started_at, None)
    clean = checked_details(kind, details)
    if Moment.objects.running().filter(child=child, kind=kind).exists():
        raise _running_conflict(child, spec)
    moment = _save_new(Moment(
        household=child.household, child=child, kind=kind, started_at=started_at,
        actor=user, created_by=user, details=clean, source=source, note=note,
    ))
    _answers_crying(moment)
    return moment


def _answers_crying(moment):
    """A moment logged live may answer what another app holds open (a crying episode)."""
    for hook in contributions.moment_logged_hooks:
        hook(moment)


def forgotten(moment, now=None):
    """Has this running timer gone on past its kind's usual length (probably forgotten)?"""
    spec = KINDS.get(moment.kind)
    return (moment.ended_at is None and spec is not None
            and (now or timezone.now()) - moment.started_at > spec.usual_length)


def past_longest(moment, now=None):
    """Would stopping this timer now save more than one moment may last?"""
    return moment.ended_at is None and (now or timezone.now()) - moment.started_at > \
        LONGEST_MOMENT


@transaction.atomic
def stop_timer(*, moment, details=None, ended_at=None, drop_if_short=False):
    """Stop a running timer, merging any details given when it stopped.

    Never stores more than ``LONGEST_MOMENT``: a timer left running longer asks when it
    ended. With ``drop_if_short``, a timer stopped within ``SHORTEST_TIMER`` was a
    mistake: it is removed (restorable for the undo window) and returned removed."""
    locked = Moment.objects.select_for_update().get(pk=moment.pk)
    if locked.deleted_at is not None or locked.ended_at is not None:
        raise ValidationError(_("This timer has already been stopped."))
    now = timezone.now()
    if ended_at is None:
        ended_at = max(now, locked.started_at)
        if ended_at - locked.started_at > LONGEST_MOMENT:
            raise ValidationError({"ended_at": ValidationError(
                _("This timer has been running for more than 24 hours, longer than one "
                  "moment can last. When did it end?"), code="too_long")})
    else:
        check_times(locked.started_at, ended_at, now=now)
    if drop_if_short and ended_at - locked.started_at < SHORTEST_TIMER:
        locked.deleted_at = now
        locked.save(update_fields=["deleted_at"])
        return locked
    merged = {**locked.details, **{k: v for k, v in (details or {}).items()
                                   if v not in (None, "")}}
    locked.details = checked_details(locked.kind, merged)
    locked.ended_at = ended_at
    locked.version = F("version") + 1
    locked.save(update_fields=["ended_at", "details", "version", "updated_at"])
    locked.refresh_from_db()
    return locked


def log_moment(*, child, kind, user, started_at=None, ended_at=None, actor=None,
               details=None, note="", source=Source.WEB, external_id="", running=False):
    """Record a moment. Without an end it is instant, unless ``running`` asks for a timer.

    Everything that needs no database is checked before the transaction begins: on SQLite
    a transaction holds the one write lock, so it is kept to the writes themselves."""
    spec = _kind(kind)
    started_at = started_at or timezone.now()
    if ended_at is None and not running:
        ended_at = started_at
    check_times(started_at, ended_at)
    check_note(note)
    clean = checked_details(kind, details)
    moment = _new_moment(
        child, kind=kind, started_at=started_at, ended_at=ended_at, actor=actor or user,
        created_by=user, details=clean, note=note.strip(), source=source,
        external_id=external_id)
    with transaction.atomic():
        if ended_at is None and Moment.objects.running().filter(
                child=child, kind=kind).exists():
            raise _running_conflict(child, spec)
        _save_new(moment)
        if source == Source.WEB and started_at >= timezone.now() - FUTURE_SLACK:
            _answers_crying(moment)
    return moment


@transaction.atomic
def update_moment(moment, *, version, kind, started_at, ended_at, actor, details, note,
                  running=False):
    """Save an edit made from ``version``; refuse it when someone saved in between."""
    spec = _kind(kind)
    if ended_at is None and not running:
        ended_at = started_at
    check_times(started_at, ended_at)
    check_note(note)
    # Details set by their own screens (movement taps, "the first time") survive an edit.
    kept = {d.name: moment.details[d.name] for d in spec.details
            if not d.editable and d.name in moment.details and kind == moment.kind}
    clean = checked_details(kind, {**kept, **(details or {})})
    if ended_at is None and Moment.objects.running().filter(
            child=moment.child, kind=kind).exclude(pk=moment.pk).exists():
        raise _running_conflict(moment.child, spec)
    save_if_current(
        Moment.objects.alive(), moment.pk, version,
        _("Someone changed or removed this moment while you were editing. Here is the "
          "latest version; please make your change again."),
        kind=kind, started_at=started_at, ended_at=ended_at, actor=actor, details=clean,
        note=note.strip())
    moment.refresh_from_db()
    return moment


@transaction.atomic
def delete_moment(moment):
    """Remove a moment, keeping it restorable for a short while; older removals are purged."""
    now = timezone.now()
    Moment.objects.filter(household=moment.household, deleted_at__lt=now - UNDO_WINDOW).delete()
    Moment.objects.filter(pk=moment.pk).update(deleted_at=now)
    moment.deleted_at = now


@transaction.atomic
def restore_moment(moment):
    """Bring back a moment removed within the undo window."""
    locked = Moment.objects.select_for_update().get(pk=moment.pk)
    if locked.deleted_at is None:
        return locked
    if timezone.now() - locked.deleted_at > UNDO_WINDOW:
        raise ValidationError(_("It is too late to undo this."))
    if locked.ended_at is None and Moment.objects.running().filter(
            child=locked.child, kind=locked.kind).exists():
        raise _running_conflict(locked.child, KINDS[locked.kind])
    locked.deleted_at = None
    locked.save(update_fields=["deleted_at"])
    return locked

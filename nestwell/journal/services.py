"""Journal operations: the one place moments are validated and written.

Web views, the API, the command line and imports all come through here, so the same
rules hold everywhere. Each function is one transaction: it saves everything or nothing.
"""

from datetime import UTC, datetime, time, timedelta

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.children.models import Child
from nestwell.children.records import moved_to
from nestwell.journal import contributions
from nestwell.journal.kinds import BORN, KINDS, WRITTEN, DetailsError, validate_details
from nestwell.journal.models import Moment, Source
from nestwell.journal.versioned import STALE, save_if_current
from nestwell.lib.statements import Statement
from nestwell.lib.times import (  # noqa: F401 (the rule, also offered here to callers)
    EARLIEST,
    FUTURE_SLACK,
    check_time,
    time_error,
)
from nestwell.words import in_sentence

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


NOTE_LIMIT = 2000  # as the forms, the API and the import allow


def check_note(note):
    """A NUL character cannot be stored (PostgreSQL refuses it) and is never typed; a note
    is at most NOTE_LIMIT characters, whoever sends it (the command line too: a longer one
    made the household's own export refused on import)."""
    if "\x00" in (note or ""):
        raise ValidationError({"note": _("The note holds an invisible control character; "
                                         "please retype it.")})
    try:
        MaxLengthValidator(NOTE_LIMIT)(note or "")
    except ValidationError as exc:
        raise ValidationError({"note": exc.messages}) from exc


def check_written(kind, note, running):
    """A letter or a note is its words, written at one moment: never empty, never a timer."""
    if kind not in WRITTEN:
        return
    if running:
        raise ValidationError({"running": _("A letter or a note is written at one moment; "
                                            "it cannot run as a timer.")})
    if not (note or "").strip():
        raise ValidationError({"note": _("A letter or a note needs a few words.")})


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


# Nothing of a baby's life comes earlier than this before the due date (a pregnancy is
# about 40 weeks; the rest is room for a due date that moved).
BEFORE_DUE_DATE = timedelta(weeks=45)


def earliest_day(child):
    """The first day of a baby's story: the due date (or the birth) less 45 weeks."""
    reference = child.due_date or (child.birth_at.date() if child.birth_at else None)
    return reference - BEFORE_DUE_DATE if reference else None


def earliest_time(child, kind=None):
    """The earliest a moment of ``kind`` (a cue when None) may be for ``child``: the due
    date (or, without one, the birth) less 45 weeks; for what only a born baby does
    (every cue, feeds, baths …), the birth itself."""
    first_day = earliest_day(child)
    earliest = datetime.combine(first_day, time.min, tzinfo=UTC) if first_day else None
    spec = KINDS.get(kind) if kind else None
    born_only = spec is None or spec.stages == frozenset({BORN})
    if born_only and child.birth_at is not None:
        earliest = max(earliest, child.birth_at) if earliest else child.birth_at
    return earliest


def check_in_life(child, kind, started_at):
    """Refuse a time before the baby's story can begin (see ``earliest_time``): the same
    rule for the app, the API, the command line and imports."""
    earliest = earliest_time(child, kind)
    if earliest is None or started_at is None or started_at >= earliest:
        return
    spec = KINDS.get(kind) if kind else None
    if child.birth_at is not None and (spec is None or spec.stages == frozenset({BORN})):
        message = _("This is before %(name)s was born. Please check the date.")
    else:
        message = _("This is long before %(name)s's due date. Please check the date.")
    raise ValidationError({"started_at": message % {"name": child.name}})


def check_timer_allowed(child, started_at):
    """No timer starts after the day a baby died (``Child.died_on``): the app offers none,
    and the same rule holds for the API, the command line and the offline queue. One begun
    that day or before (a phone offline in the unit, its start and stop queued before the
    death was told) is kept, and a moment with its own times can still be added (a cuddle,
    the day after)."""
    if child.died_on is not None and timezone.localtime(started_at).date() > child.died_on:
        raise ValidationError({"running": _(
            "No timer can be started for %(name)s now. A moment with its times can still "
            "be added from the timeline.") % {"name": child.name}})


def check_not_after_death(child, at):
    """Refuse a baby's cue (a smile, a coo) on a day after the one they died."""
    if child.died_on is not None and at is not None and \
            timezone.localtime(at).date() > child.died_on:
        raise ValidationError({"started_at": _(
            "This is after the day %(name)s died. Please check the date.")
            % {"name": child.name}})


def _running_conflict(child, kind):
    return ValidationError({"kind": ValidationError(
        _("A %(kind)s timer is already running for %(child)s.")
        % {"kind": in_sentence(kind.label), "child": child.name}, code="conflict")})


def _new_moment(child, **fields):
    """An unsaved moment of ``child`` in the child's household, without a query to load
    the household (it is only loaded, later, if someone asks for it)."""
    moment = Moment(household_id=child.household_id, child=child, **fields)
    if Child.household.is_cached(child):
        moment.household = child.household
    return moment


def _save_new(moment):
    """Insert ``moment``; a running timer or an import id already there (another phone
    got in first) becomes a clear error. Every caller holds a transaction, and the error
    leaves it: a savepoint here would only cost two more statements on every log (round
    trips on PostgreSQL), so the refused insert marks the caller's block to roll back."""
    try:
        with transaction.atomic(savepoint=False):
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
    check_timer_allowed(child, started_at)
    check_times(started_at, None)
    check_in_life(child, kind, started_at)
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
    mistake: it is removed (restorable for the undo window) and returned removed, unless
    an amount came with it: a bottle started and stopped at once with "2 fl oz" typed was
    given, and is kept (it was thrown away, amount and all)."""
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
    if (drop_if_short and ended_at - locked.started_at < SHORTEST_TIMER
            and not (details or {}).get("amount_ml")):
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


@transaction.atomic
def keep_earlier_end(*, moment, ended_at, details=None):
    """A stop made offline arrives after another device stopped the same timer later.

    The timer really ended at the first stop: the second person saw it still running only
    because that stop had not reached the server yet. So the earlier end is kept, with any
    detail of the first stop (a bottle's amount) that the later one left empty. Returns the
    moment if it changed, else None (removed, still running, or the earlier end would make
    it a few seconds long or is not earlier at all)."""
    locked = Moment.objects.select_for_update().filter(pk=moment.pk).first()
    if (locked is None or locked.deleted_at is not None or locked.ended_at is None
            or ended_at is None or not locked.started_at + SHORTEST_TIMER <= ended_at
            < locked.ended_at):
        return None
    given = {k: v for k, v in (details or {}).items() if v not in (None, "")}
    locked.details = checked_details(locked.kind, {**given, **locked.details})
    locked.ended_at = ended_at
    locked.version = F("version") + 1
    locked.save(update_fields=["ended_at", "details", "version", "updated_at"])
    locked.refresh_from_db()
    return locked


OTHER_SIDE = {"left": "right", "right": "left"}


@transaction.atomic
def switch_side(*, moment, user, details=None):
    """Left to right (or back) on a running breastfeed in one tap: this side stops now and
    the other starts now, as two feeds one after the other; a crying episode answered by
    the first side follows the feed. A side switched within seconds was the wrong one: it
    is dropped, as any timer stopped at once."""
    locked = Moment.objects.select_for_update().get(pk=moment.pk)
    side = locked.details.get("side")
    if locked.deleted_at is not None or locked.ended_at is not None:
        raise ValidationError(_("This timer has already been stopped."))
    if locked.kind != "feeding" or side not in OTHER_SIDE:
        raise ValidationError(_("Only a breastfeed on one side can switch sides."))
    now = timezone.now()
    stopped = stop_timer(moment=locked, details=details,
                         ended_at=max(now, locked.started_at), drop_if_short=True)
    carried = {}
    if stopped.deleted_at is not None and (details or {}).get("eye_contact"):
        # The wrong side, switched within seconds: the eye contact she ticked belongs to
        # the feed that goes on (Chloé's walk: it was lost with the dropped side).
        carried = {"eye_contact": True}
    started = start_timer(child=locked.child, kind="feeding", user=user,
                          details={"method": "breast", "side": OTHER_SIDE[side], **carried},
                          started_at=max(now, locked.started_at))
    _follow_feed(locked, started)
    return started


def _follow_feed(old, new):
    for hook in contributions.moment_continued_hooks:
        hook(old, new)


FEEDS_READ = 8  # the newest feeds Today reads to know how this baby is fed
_RECENT_FEEDS = Statement(lambda child: Moment.objects.alive()
                          .filter(child=child, kind="feeding").order_by("-started_at")
                          .values_list("details__method", "details__side")[:FEEDS_READ],
                          child=Child)


def recent_feeds(child):
    """(method, side) of the newest feeds, newest first: one query on the (child, kind,
    time) index, read by ``feeding_habit``."""
    return _RECENT_FEEDS(child=child)


def feeding_habit(rows, born_to_another=False):
    """From the newest feeds' (method, side), newest first: the side of the newest
    breastfeed on one side among them (for "perhaps the other side next"), and whether
    this baby is fed from a bottle only (three or more bottles and no breastfeed among
    them), so that Today does not offer the breast first to a bottle-fed baby. A baby
    born to someone else (adopted, fostered) is offered the bottle from the start, until
    a breastfeed is logged. Pure."""
    # A side with no method is a breastfeed too (the API, the command line, an import).
    side = next((s for method, s in rows if method in (None, "breast") and s in OTHER_SIDE),
                None)
    methods = ["breast" if method is None and s in OTHER_SIDE else method
               for method, s in rows]
    methods = [method for method in methods if method in ("breast", "bottle")]
    bottle_only = "breast" not in methods and (born_to_another or methods.count("bottle") >= 3)
    return side, bottle_only


def log_moment(*, child, kind, user, started_at=None, ended_at=None, actor=None,
               details=None, note="", source=Source.WEB, external_id="", running=False,
               outside=False):
    """Record a moment. Without an end it is instant, unless ``running`` asks for a timer.
    ``actor`` is who did it (the one logging when not said); ``outside``: someone outside
    the household did (the unit's team, a friend), so no one is named.

    Everything that needs no database is checked before the transaction begins: on SQLite
    a transaction holds the one write lock, so it is kept to the writes themselves."""
    spec = _kind(kind)
    started_at = started_at or timezone.now()
    if ended_at is None and not running:
        ended_at = started_at
    if ended_at is None and not spec.timed:
        # A talk or a song is a moment, not a timer: one run from the API or the command
        # line sat on Today as a timer nobody could make sense of.
        raise ValidationError({"running": _("%(kind)s is logged in one tap, not timed, so "
                                            "it cannot run as a timer.")
                               % {"kind": spec.label}})
    if ended_at is None:
        check_timer_allowed(child, started_at)
    check_times(started_at, ended_at)
    check_in_life(child, kind, started_at)
    check_note(note)
    check_written(kind, note, running)
    clean = checked_details(kind, details)
    moment = _new_moment(
        child, kind=kind, started_at=started_at, ended_at=ended_at,
        actor=None if outside else (actor or user),
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
                  running=False, child=None):
    """Save an edit made from ``version``; refuse it when someone saved in between.

    ``child``, another baby of the same household, moves the moment to them: logged for
    the wrong twin. A cry it answered stays with the baby who cried (the link goes), and
    her wondering about it follows it."""
    spec = _kind(kind)
    child = moved_to(moment, child)
    if ended_at is None and not running:
        ended_at = started_at
    if ended_at is None and (moment.ended_at is not None or child.pk != moment.child_id):
        check_timer_allowed(child, started_at)  # one left running may be edited and ended
    check_times(started_at, ended_at)
    check_in_life(child, kind, started_at)
    check_note(note)
    check_written(kind, note, running)
    # Details set by their own screens (movement taps, "the first time") survive an edit.
    kept = {d.name: moment.details[d.name] for d in spec.details
            if not d.editable and d.name in moment.details and kind == moment.kind}
    clean = checked_details(kind, {**kept, **(details or {})})
    if ended_at is None and Moment.objects.running().filter(
            child=child, kind=kind).exclude(pk=moment.pk).exists():
        raise _running_conflict(child, spec)
    moved = child.pk != moment.child_id
    if version == moment.version and not moved and (
            kind, started_at, ended_at, actor, clean, note.strip()) == (
            moment.kind, moment.started_at, moment.ended_at, moment.actor, moment.details,
            moment.note):
        return moment  # nothing changed: no new version for others to trip over
    save_if_current(
        Moment.objects.alive(), moment.pk, version,
        STALE,
        kind=kind, started_at=started_at, ended_at=ended_at, actor=actor, details=clean,
        note=note.strip(), child=child)
    if moved:
        moment.answered_cues.exclude(child=child).update(moment=None)
        apps.get_model("wondering", "Wondering").objects.filter(moment=moment).update(
            child=child)
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


SIDE_WORDS = {"left": gettext_lazy("left"), "right": gettext_lazy("right")}


def dropped_words(moment):
    """What a timer stopped at once says. A side switched to and stopped straight away:
    the side before it is kept, and the words say so (Kayla read "nothing was saved" and
    thought her left side was lost)."""
    side = moment.details.get("side")
    if (moment.kind == "feeding" and side in SIDE_WORDS
            and Moment.objects.alive().filter(child_id=moment.child_id, kind="feeding",
                                              ended_at=moment.started_at).exists()):
        return _("The %(side)s side was stopped within a few seconds, so it was not kept; "
                 "the %(other)s side before it is saved.") % {
            "side": SIDE_WORDS[side], "other": SIDE_WORDS[OTHER_SIDE[side]]}
    return _("Stopped within a few seconds, so nothing was saved.")

"""Responsive care: crying episodes and positive cues, and how they were answered.

Like ``services`` for moments, every function here is one transaction and the single
place its rules are checked, whoever calls it (web, API, command line).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.care import cues
from nestwell.care.models import Cue, Outcome
from nestwell.journal import services
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment
from nestwell.journal.versioned import save_if_current

UNDO_WINDOW = services.UNDO_WINDOW
# After this long, the crying card offers a calm word and who to call.
LONG_CRYING = timedelta(minutes=20)
# The session key under which 'Settled' offers to stop the feed that answered the crying.
STOP_OFFER_KEY = "stop_offer"
STOP_OFFER_SETTLED_KEY = "stop_offer_settled"


def is_long(cue, now=None):
    """Has this open crying episode gone on long enough to offer the calm card?"""
    return cue.is_open and (now or timezone.now()) - cue.started_at >= LONG_CRYING


def _open_conflict(child):
    return ValidationError(_("%(child)s already has an open crying episode. Answer or close "
                             "that one first.") % {"child": child.name}, code="conflict")


@transaction.atomic
def start_episode(*, child, user, signal="cry", need="", at=None, source="", heard_by=""):
    """'Baby is crying': open a distress episode now (one open episode per child). A
    listening device opens one the same way, with ``source`` "detector" and its name."""
    if signal not in cues.DISTRESS:
        raise ValidationError({"signal": _("Only crying or fussing starts an episode.")})
    if child.died_on is not None:  # as the app, for the API and the offline queue
        raise ValidationError({"child": _("No crying episode can be opened for %(name)s "
                                          "now.") % {"name": child.name}})
    at = at or timezone.now()
    services.check_times(at, None)
    services.check_in_life(child, None, at)
    if Cue.objects.open_distress().filter(child=child).exists():
        raise _open_conflict(child)
    try:  # another phone first: the refused insert spoils this block, not a savepoint's
        with transaction.atomic(savepoint=False):  # (two statements fewer: round trips)
            return Cue.objects.create(household=child.household, child=child, signal=signal,
                                      need=need, started_at=at, created_by=user,
                                      source=source, heard_by=heard_by[:60])
    except IntegrityError as exc:
        raise _open_conflict(child) from exc


def _locked(cue):
    return Cue.objects.select_for_update().get(pk=cue.pk)


@transaction.atomic
def respond(*, cue, user, way, at=None):
    """'I'm responding': note how. The first response sets the response time; feeding or
    skin-to-skin also starts (or joins) that timer in the journal, linked to the cue."""
    if way not in cues.WAYS:
        raise ValidationError({"way": _("Choose one of the ways offered.")})
    cue = _locked(cue)
    if cue.signal in cues.DISTRESS and cue.closed_at is not None:
        raise ValidationError(_("This episode is already closed."))
    at = at or timezone.now()
    services.check_time(at, "responded_at")
    if at < cue.started_at:
        raise ValidationError({"responded_at": _("The answer is before the cue.")})
    if cue.responded_at is None:
        cue.responded_at = at
        cue.responder = user
    if way not in cue.ways:
        cue.ways = [*cue.ways, way]
    if way == "fed" and not cue.need:
        cue.need = "hunger"
    kind = cues.WAY_STARTS_MOMENT.get(way)
    # An answer noted long after (through the API, a cry of weeks ago answered with a
    # feed) starts no timer: one left running from then counted 22 hours of skin-to-skin
    # a day in Sofía's report. Its way is kept on the episode.
    if kind and cue.moment_id is None and timezone.now() - at <= KINDS[kind].usual_length:
        running = Moment.objects.running().filter(child=cue.child, kind=kind).first()
        details = _feed_method(cue.child, user) if kind == "feeding" else {}
        cue.moment = running or services.start_timer(
            child=cue.child, kind=kind, user=user, details=details, started_at=at)
    cue.version = F("version") + 1
    cue.save()
    cue.refresh_from_db()
    return cue


def _feed_method(child, user):
    """How this person fed this baby the last time (a bottle, or at the breast), for the
    feed a cry is answered with; nothing when they have not fed this baby before. It was
    always a breastfeed, whoever tapped: a father's bottle at 3 a.m. too."""
    last = (Moment.objects.alive().filter(child=child, kind="feeding", actor=user)
            .order_by("-started_at").values_list("details", flat=True).first())
    method = (last or {}).get("method")
    return {"method": method} if method else {}


@transaction.atomic
def settle(*, cue, user, outcome=Outcome.SETTLED, at=None):
    """Close a crying episode: settled, or still unsettled when the parent stops noting."""
    if outcome not in (Outcome.SETTLED, Outcome.UNSETTLED):
        raise ValidationError({"outcome": _("Choose settled or still unsettled.")})
    cue = _locked(cue)
    if cue.closed_at is not None:
        raise ValidationError(_("This episode is already closed."))
    at = at or timezone.now()
    services.check_time(at, "closed_at")
    if at < cue.started_at:
        raise ValidationError({"closed_at": _("Settling cannot be before the crying began.")})
    cue.closed_at = at
    cue.outcome = outcome
    cue.version = F("version") + 1
    cue.save()
    cue.refresh_from_db()
    return cue


@transaction.atomic
def note_quiet(*, cue, at=None):
    """The listening device hears the room quiet again: noted on the open episode (the
    first time only). It is not "settled": only a person says that."""
    cue = _locked(cue)
    if not cue.is_open or cue.quiet_at is not None:
        return cue
    cue.quiet_at = max(at or timezone.now(), cue.started_at)
    cue.version = F("version") + 1
    cue.save(update_fields=["quiet_at", "version", "updated_at"])
    cue.refresh_from_db()
    return cue


@transaction.atomic
def not_crying(*, cue, at=None):
    """One tap on a detected episode: it was not crying. The episode closes, leaves every
    chart and insight, and stays only as feedback for the detector."""
    cue = _locked(cue)
    if not cue.detected:
        raise ValidationError(_("Only an episode a listening device heard can be marked "
                                "as not crying."))
    if cue.false_alarm:
        return cue
    cue.false_alarm = True
    if cue.closed_at is None:
        cue.closed_at = max(at or timezone.now(), cue.started_at)
    cue.version = F("version") + 1
    cue.save(update_fields=["false_alarm", "closed_at", "version", "updated_at"])
    cue.refresh_from_db()
    return cue


@transaction.atomic
def set_need(*, cue, need):
    """What the baby seemed to need (hunger, comfort …), one optional tap on the card; the
    same need again clears it, so a wrong tap is undone by a second one."""
    if need not in cues.NEEDS:
        raise ValidationError({"need": _("Choose one of the needs offered.")})
    cue = _locked(cue)
    cue.need = "" if cue.need == need else need
    cue.version = F("version") + 1
    cue.save(update_fields=["need", "version", "updated_at"])
    cue.refresh_from_db()
    return cue


def can_take_back(cue, now=None):
    """A tap made by mistake can be taken back: any cue within the undo window, and an
    open crying episode nobody has answered yet, however long ago it was tapped."""
    now = now or timezone.now()
    if now - cue.created_at <= UNDO_WINDOW:
        return True
    return cue.is_open and cue.responded_at is None and cue.moment_id is None


@transaction.atomic
def take_back(cue):
    """Remove a cue tapped by mistake; refused once it is part of the record."""
    cue = _locked(cue)
    if not can_take_back(cue):
        raise ValidationError(_("It is too late to undo this; you can still delete it from "
                                "the timeline."))
    cue.delete()


@transaction.atomic
def log_positive(*, child, user, signal, at=None):
    """A smile, a coo, a reach: an instant, answered or not."""
    if signal not in cues.SIGNALS or signal in cues.DISTRESS:
        raise ValidationError({"signal": _("Choose one of the cues offered.")})
    at = at or timezone.now()
    services.check_times(at, None)
    services.check_in_life(child, None, at)
    services.check_not_after_death(child, at)
    return Cue.objects.create(household=child.household, child=child, signal=signal,
                              started_at=at, closed_at=at, created_by=user)


@transaction.atomic
def answer_in_kind(*, cue, user):
    """'You smiled back' (or cooed back, or cuddled) counts as a response."""
    cue = _locked(cue)
    way = cues.ANSWER_IN_KIND.get(cue.signal, "other")
    if cue.responded_at is None:
        cue.responded_at = max(timezone.now(), cue.started_at)
        cue.responder = user
    if way not in cue.ways:
        cue.ways = [*cue.ways, way]
    cue.save()
    return cue


def answer_open_episode(moment):
    """A feed, skin-to-skin, a song … logged while the baby's crying episode is open and
    unanswered is the answer: link it instead of asking the parent to log twice."""
    way = cues.MOMENT_ANSWERS.get(moment.kind)
    if way is None:
        return None
    cue = (Cue.objects.select_for_update().open_distress()
           .filter(child=moment.child, responded_at__isnull=True,
                   started_at__lte=moment.started_at + timedelta(minutes=1)).first())
    if cue is None:
        return None
    cue.responded_at = max(moment.started_at, cue.started_at)
    cue.responder = moment.actor
    cue.ways = [*cue.ways, way] if way not in cue.ways else cue.ways
    if moment.kind == "feeding" and not cue.need:
        cue.need = "hunger"
    cue.moment = moment
    cue.save()
    return cue


def follow_moment(old, new):
    """An open episode answered by ``old`` (a feed on one side) is now answered by ``new``
    (the other side), so 'Settled' still offers to stop the feed that runs."""
    Cue.objects.filter(moment=old, closed_at__isnull=True).update(moment=new)


@transaction.atomic
def update_cue(cue, *, version, started_at, responded_at, closed_at, outcome, need,
               intensity, ways, responder, note):
    """Correct an episode afterwards; refused when someone saved in between."""
    errors = {}
    now = timezone.now()
    try:
        services.check_in_life(cue.child, None, started_at)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if responded_at is not None and responded_at < started_at:
        errors["responded_at"] = _("The answer is before the cue.")
    if closed_at is not None and closed_at < started_at:
        errors["closed_at"] = _("Settling cannot be before the crying began.")
    for value, name in ((started_at, "started_at"), (responded_at, "responded_at"),
                        (closed_at, "closed_at")):
        if value is not None and (error := services.time_error(value, now)):
            errors[name] = error
    if "\x00" in (note or ""):
        errors["note"] = _("The note holds an invisible control character; please retype it.")
    unknown = [w for w in ways if w not in cues.WAYS]
    if unknown:
        errors["ways"] = _("Choose from the ways offered.")
    if cue.signal in cues.DISTRESS and closed_at is not None and not outcome:
        outcome = Outcome.SETTLED
    if closed_at is None:
        outcome = ""
        if cue.signal in cues.DISTRESS and Cue.objects.open_distress().filter(
                child=cue.child).exclude(pk=cue.pk).exists():
            errors["closed_at"] = _open_conflict(cue.child).messages[0]
    if errors:
        raise ValidationError(errors)
    if cue.signal not in cues.DISTRESS:
        closed_at = started_at
    save_if_current(
        Cue.objects.all(), cue.pk, version,
        _("Someone changed this while you were editing. Here is the latest version; please "
          "make your change again."),
        started_at=started_at, responded_at=responded_at, closed_at=closed_at,
        outcome=outcome, need=need, intensity=intensity, ways=list(ways),
        responder=responder, note=note.strip(), updated_at=now)
    cue.refresh_from_db()
    return cue

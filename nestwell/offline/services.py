"""The offline queue reaching the server: each entry a phone kept while it was offline is
applied through the same services as the app's own buttons (journal, care, wellbeing), in
its own transaction, and answered on its own: created, already there, or refused with the
reason. The device's id for each entry is kept (``SyncReceipt``), so a retry, or two tabs
sending the same queue at once, never saves anything twice.
"""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from nestwell.care import cues
from nestwell.care import services as care
from nestwell.care.models import Cue, Outcome
from nestwell.children.models import Child
from nestwell.journal import services as journal
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment
from nestwell.offline.models import SyncReceipt
from nestwell.wellbeing import services as wellbeing
from nestwell.wellbeing.models import signals_risk

# One request carries at most this many entries; a longer queue goes in several.
MAX_ENTRIES = 100
CREATED, ALREADY_THERE, REFUSED = "created", "already_there", "refused"
TYPES = ("quick", "stop", "crying", "respond", "settle", "positive", "checkin", "nappy")
SUPPORT_PATH = "/support/"


@dataclass
class Entry:
    """One thing she did on the phone, as the device kept it."""

    id: UUID
    type: str
    at: datetime
    child: int | None = None
    kind: str = ""
    details: dict = field(default_factory=dict)
    signal: str = ""
    moment: int | None = None  # a timer the server already knew, by its id
    timer: UUID | None = None  # a timer started on a device, by the device's id
    cue: int | None = None
    episode: UUID | None = None
    way: str = ""
    outcome: str = ""
    answers: dict = field(default_factory=dict)


class NotFound(Exception):
    """A child, timer or episode this household does not have."""


@dataclass
class Batch:
    """What every entry of one request may need, read once for the whole batch."""

    household: object
    person: object
    receipts: dict
    children: dict
    moments: dict
    cues: dict


def apply_batch(*, household, person, entries):
    """Apply ``entries`` in order, one transaction each; one answer per entry."""
    ids = [e.id for e in entries] + [ref for e in entries for ref in (e.timer, e.episode) if ref]
    batch = Batch(
        household=household, person=person,
        receipts={r.client_id: r for r in SyncReceipt.objects.filter(
            household=household, client_id__in=ids)},
        children={c.pk: c for c in Child.objects.filter(household=household)},
        moments={m.pk: m for m in Moment.objects.alive().readable_by(person).filter(
            household=household, pk__in=[e.moment for e in entries if e.moment])},
        cues={c.pk: c for c in Cue.objects.filter(
            household=household, pk__in=[e.cue for e in entries if e.cue])},
    )
    for child in batch.children.values():
        child.household = household
    return [_apply(batch, entry) for entry in entries]


def _answer(entry, status, receipt=None, reason="", fields=None, **extra):
    answer = {"id": str(entry.id), "status": status, "reason": reason, "fields": fields or {},
              "target": receipt.target if receipt else "",
              "target_id": receipt.target_id if receipt else None}
    answer.update(extra)
    return answer


def _already_there(entry, receipt, batch):
    if receipt.person_id != batch.person.pk or receipt.type != entry.type:
        return _answer(entry, REFUSED, reason=_("This entry's id is already taken by another "
                                                "one; it was not saved."), code="id_taken")
    extra = {}
    if entry.type == "checkin" and receipt.target == "checkin":
        # A check-in sent again (the answer to the first sending was lost on the way):
        # what it said is answered again, so that a retry that signals risk still leads
        # to the support page.
        checkin = wellbeing.checkin_of(batch.person, receipt.target_id)
        # Deleted since: what this sending says is read instead.
        if checkin:
            checkin.baby_names = _names(batch)
        extra = _checkin_support(checkin) if checkin else _support_for_refused(entry, batch)
    return _answer(entry, ALREADY_THERE, receipt, **extra)


def _apply(batch, entry):
    receipt = batch.receipts.get(entry.id)
    if receipt is not None:
        return _already_there(entry, receipt, batch)
    handler = HANDLERS.get(entry.type)
    if handler is None:
        return _answer(entry, REFUSED, reason=_("This kind of entry is not known."),
                       code="invalid")
    extra = {}
    try:
        with transaction.atomic():
            target, target_id, status, extra = handler(batch, entry)
            # The receipt last, with what the entry made, in the same transaction: a second
            # request with the same id (a retry, another tab) finds the id taken here and
            # is rolled back whole, so the entry is saved once.
            receipt = SyncReceipt.objects.create(household=batch.household,
                                                 person=batch.person, client_id=entry.id,
                                                 type=entry.type, target=target,
                                                 target_id=target_id)
    except IntegrityError:
        receipt = SyncReceipt.objects.filter(household=batch.household,
                                             client_id=entry.id).first()
        if receipt is None:
            return _answer(entry, REFUSED, code="conflict",
                           reason=_("This clashes with something already saved."))
        batch.receipts[entry.id] = receipt
        return _already_there(entry, receipt, batch)
    except NotFound as exc:
        return _answer(entry, REFUSED, reason=str(exc), code="not_found")
    except (DataError, OverflowError):
        return _answer(entry, REFUSED, code="invalid", reason=_(
            "A value cannot be stored: it is out of range or holds a control character."))
    except ValidationError as exc:
        fields = {name: [str(m) for e in errors for m in e.messages] for name, errors in
                  getattr(exc, "error_dict", {}).items()}
        return _answer(entry, REFUSED, reason=exc.messages[0] if exc.messages else "",
                       fields=fields, code="invalid",
                       **_support_for_refused(entry, batch))
    batch.receipts[entry.id] = receipt
    return _answer(entry, status, receipt, **extra)


def _names(batch):
    """The household's babies' names, which a check-in's note may use for the baby."""
    return [child.name for child in batch.children.values()]


def _support_for_refused(entry, batch):
    """A refused check-in that still says she may not be safe points to support."""
    if entry.type == "checkin" and signals_risk(entry.answers.get("kind"), entry.answers,
                                                _names(batch)):
        return {"support_url": SUPPORT_PATH, "offer_support": True}
    return {}


def _child(batch, entry):
    child = batch.children.get(entry.child)
    if child is None:
        raise NotFound(_("This baby is not in your household."))
    return child


NOT_FOUND = _lazy("This was not found: it may have been removed, or it never reached "
                  "the server.")
TIMER_REMOVED = _lazy("This timer was removed, so it cannot be stopped.")


def _referenced(batch, entry, server_id, device_id, model, found, target):
    """A timer or episode named by its server id, or by the id its device gave it. Named
    by the device's id, it is found through the batch's receipts (the household's own), by
    id only, without a query: the service that changes it reads it again, locked, and a
    row gone meanwhile raises ``DoesNotExist`` there (see ``_gone``)."""
    obj = None
    if server_id:
        obj = found.get(server_id)
    elif device_id:
        receipt = batch.receipts.get(device_id)
        if receipt is not None and receipt.target == target:
            obj = model(pk=receipt.target_id, household_id=batch.household.pk)
    if obj is None:
        raise NotFound(str(NOT_FOUND))
    return obj


def _quick(batch, entry):
    """A quick-log tile: a timer for a timed kind, an instant moment otherwise. A timer of
    the same kind already running for the baby (started on another phone) is joined."""
    child = _child(batch, entry)
    spec = KINDS.get(entry.kind)
    if spec is None:
        raise ValidationError({"kind": _("This kind of moment does not exist.")})
    details = {d.name: entry.details[d.name] for d in spec.details
               if d.editable and entry.details.get(d.name) not in (None, "")}
    if spec.timed:
        try:
            moment = journal.start_timer(child=child, kind=spec.code, user=batch.person,
                                         details=details, started_at=entry.at)
        except ValidationError as exc:
            running = Moment.objects.running().filter(child=child, kind=spec.code).first()
            if running is None or not _is_conflict(exc):
                raise
            return "moment", running.pk, ALREADY_THERE, {
                "reason": _("This timer was already running; your tap joined it.")}
    else:
        moment = journal.log_moment(child=child, kind=spec.code, user=batch.person,
                                    started_at=entry.at, details=details)
    return "moment", moment.pk, CREATED, {}


def _is_conflict(exc):
    errors = [e for es in getattr(exc, "error_dict", {}).values() for e in es]
    return any(e.code == "conflict" for e in errors or getattr(exc, "error_list", [exc]))


def _stop(batch, entry):
    moment = _referenced(batch, entry, entry.moment, entry.timer, Moment, batch.moments,
                         "moment")
    try:
        stopped = journal.stop_timer(moment=moment, details=entry.details, ended_at=entry.at,
                                     drop_if_short=True)
    except Moment.DoesNotExist:
        raise ValidationError(str(TIMER_REMOVED)) from None
    except ValidationError:
        current = Moment.objects.filter(pk=moment.pk).first()
        if current is not None and current.deleted_at is None and current.ended_at:
            # Stopped on another phone too: the timer is saved once, with the earlier end.
            if journal.keep_earlier_end(moment=current, ended_at=entry.at,
                                        details=entry.details):
                return "moment", moment.pk, ALREADY_THERE, {"reason": _(
                    "This timer was also stopped on another device, later: it keeps the "
                    "time you stopped it here.")}
            return "moment", moment.pk, ALREADY_THERE, {
                "reason": _("This timer had already been stopped on another device.")}
        raise
    if stopped.deleted_at is not None:
        return "moment", moment.pk, CREATED, {"reason": journal.dropped_words(stopped)}
    return "moment", moment.pk, CREATED, {}


def _crying(batch, entry):
    """'Baby is crying'. An episode already open for the baby (tapped on another phone)
    is the same crying: this tap joins it."""
    child = _child(batch, entry)
    try:
        cue = care.start_episode(child=child, user=batch.person, signal=entry.signal or "cry",
                                 at=entry.at)
    except ValidationError as exc:
        cue = Cue.objects.open_distress().filter(child=child).first()
        if cue is None or not _is_conflict(exc):
            raise
        return "cue", cue.pk, ALREADY_THERE, {
            "reason": _("This crying was already noted on another device.")}
    return "cue", cue.pk, CREATED, {}


def _respond(batch, entry):
    cue = _referenced(batch, entry, entry.cue, entry.episode, Cue, batch.cues, "cue")
    try:
        cue = care.respond(cue=cue, user=batch.person, way=entry.way, at=entry.at)
    except Cue.DoesNotExist:
        raise NotFound(str(NOT_FOUND)) from None
    return "cue", cue.pk, CREATED, {}


def _settle(batch, entry):
    cue = _referenced(batch, entry, entry.cue, entry.episode, Cue, batch.cues, "cue")
    outcome = entry.outcome or Outcome.SETTLED
    try:
        cue = care.settle(cue=cue, user=batch.person, outcome=outcome, at=entry.at)
    except Cue.DoesNotExist:
        raise NotFound(str(NOT_FOUND)) from None
    except ValidationError:
        # Closed on another device first: the episode is closed once, with that end.
        closed = Cue.objects.filter(pk=cue.pk).values_list("closed_at", flat=True).first()
        if closed is None:
            raise
        return "cue", cue.pk, ALREADY_THERE, {
            "reason": _("This crying had already been closed on another device.")}
    return "cue", cue.pk, CREATED, {}


def _positive(batch, entry):
    child = _child(batch, entry)
    if entry.signal in cues.DISTRESS:
        raise ValidationError({"signal": _("Choose one of the cues offered.")})
    cue = care.log_positive(child=child, user=batch.person, signal=entry.signal, at=entry.at)
    return "cue", cue.pk, CREATED, {}


def _checkin(batch, entry):
    checkin = wellbeing.record_checkin(household=batch.household, author=batch.person,
                                       answers=entry.answers, at=entry.at)
    checkin.baby_names = _names(batch)
    return "checkin", checkin.pk, CREATED, _checkin_support(checkin)


def _checkin_support(checkin):
    extra = {"support_url": SUPPORT_PATH} if checkin.needs_support else {}
    if checkin.needs_support or checkin.heavy:
        # As the check-in API says it: her page offers who she can reach.
        extra["offer_support"] = True
    return extra


def _nappy(batch, entry):
    """A nappy in one tap (``kind`` wet, dirty or both), at the time of the tap: a nappy
    changed with the Wi-Fi down had to be remembered till morning."""
    from nestwell.health import services as health

    nappy = health.add_nappy(child=_child(batch, entry), kind=entry.kind, user=batch.person,
                             changed_at=entry.at)
    return "nappy", nappy.pk, CREATED, {}


HANDLERS = {"quick": _quick, "stop": _stop, "crying": _crying, "respond": _respond,
            "settle": _settle, "positive": _positive, "checkin": _checkin, "nappy": _nappy}

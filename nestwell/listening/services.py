"""What a listening device's events do on the server: the one place their rules live.

A device is registered when the listening screen starts; every event it sends says it is
still there. "Crying started" opens a crying episode exactly as the *Baby is crying* button
does (care's ``start_episode``), marked as heard by the device; "crying stopped" notes the
room is quiet again (never settled: only a person says that); "laugh" changes nothing (the
screen may offer to log a happy cue); "stopped" ends the session.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.care import services as care
from nestwell.care.models import Cue
from nestwell.listening.models import Detection, ListeningDevice

HEARTBEAT = timedelta(seconds=10)  # how often a listening screen says it is still there
LOST_AFTER = timedelta(minutes=1)  # not heard for this long: shown as "not heard from"
SHOWN_FOR = timedelta(hours=12)  # a device not stopped but silent this long is let go
MAX_OFFSET = 30  # seconds: how long before its event a device may say the crying began
MAX_SCORES = 10
# "deaf": its microphone stopped hearing; "closed": its page was closed (not stopped).
KINDS = ("heartbeat", "cry_started", "cry_stopped", "laugh", "stopped", "deaf", "closed")


@dataclass(frozen=True)
class Answer:
    episode: int | None
    status: str


@transaction.atomic
def register(*, child, user, name, now=None) -> ListeningDevice:
    now = now or timezone.now()
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the device a name, such as Nursery phone.")})
    if child.is_remembered:
        raise ValidationError({"child": _("Choose a baby who is here to listen for.")})
    # Listening again for this baby (the page reloaded, started anew): the page closed
    # before is no longer one to warn of.
    ListeningDevice.objects.filter(household=child.household, child=child,
                                   closed=True).update(closed=False)
    return ListeningDevice.objects.create(household=child.household, child=child,
                                          name=name[:60], created_by=user, created_at=now,
                                          last_heard_at=now)


def _open_episode(device):
    return Cue.objects.open_distress().filter(child_id=device.child_id).first()


@transaction.atomic
def record(device, *, kind, user, confidence=None, scores=None, offset_seconds=0,
           now=None) -> Answer:
    """One event from a device, in one transaction. Every event says it is still there."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose one of: %(kinds)s.")
                               % {"kinds": ", ".join(KINDS)}})
    if confidence is not None and not 0 <= confidence <= 1:
        raise ValidationError({"confidence": _("A confidence is between 0 and 1.")})
    if scores and len(scores) > MAX_SCORES:
        raise ValidationError({"scores": _("At most %(n)s scores.") % {"n": MAX_SCORES}})
    if not 0 <= offset_seconds <= MAX_OFFSET:
        raise ValidationError({"offset_seconds": _("Between 0 and %(n)s seconds.")
                               % {"n": MAX_OFFSET}})
    now = now or timezone.now()
    device = (ListeningDevice.objects.select_for_update(of=("self",))
              .select_related("child__household").get(pk=device.pk))
    device.last_heard_at = now
    device.stopped_at = now if kind in ("stopped", "closed") else None
    device.closed = kind == "closed"
    # Deaf until it hears again: any other event from it says its microphone is back.
    device.deaf_at = (device.deaf_at or now) if kind == "deaf" else None
    device.save(update_fields=["last_heard_at", "stopped_at", "closed", "deaf_at"])
    if kind == "cry_started":
        return _cry_started(device, user, confidence, scores or [], now,
                            now - timedelta(seconds=offset_seconds))
    if kind == "cry_stopped":
        episode = _open_episode(device)
        if episode is None or not episode.detected:
            return Answer(episode.pk if episode else None, "no_episode")
        care.note_quiet(cue=episode, at=now)
        return Answer(episode.pk, "quiet")
    if kind == "laugh":
        return Answer(None, "laugh")
    if kind in ("stopped", "closed"):
        return Answer(None, kind)
    if kind == "deaf":
        return Answer(None, "deaf")
    episode = _open_episode(device)
    return Answer(episode.pk if episode else None, "listening")


def _cry_started(device, user, confidence, scores, now, started_at):
    if device.child.is_remembered:
        # A device left listening for a baby who has died: no episode, no "crying heard
        # in the nursery" in her name (it goes on answering as a device that is there).
        return Answer(None, "listening")
    existing = _open_episode(device)
    if existing is None:
        try:
            with transaction.atomic():
                born = device.child.birth_at
                existing = care.start_episode(child=device.child, user=user,
                                              at=max(started_at, born) if born else started_at,
                                              source="detector", heard_by=device.name)
        except ValidationError as exc:
            if exc.code != "conflict":
                raise
            existing = _open_episode(device)  # opened meanwhile by a tap or another device
        else:
            Detection.objects.create(cue=existing, device=device, confidence=confidence,
                                     scores=[float(s) for s in scores], created_at=now)
            return Answer(existing.pk, "opened")
    return Answer(existing.pk if existing else None, "already_open")


@transaction.atomic
def stop(device, now=None) -> ListeningDevice:
    """Someone in the household says this device is no longer listening."""
    now = now or timezone.now()
    ListeningDevice.objects.filter(pk=device.pk, stopped_at__isnull=True).update(stopped_at=now)
    device.refresh_from_db()
    return device


def status(household, now=None):
    """For the banner, in two queries: the devices to show (listening now; not stopped
    and gone silent or deaf within the last hours; or closed without being stopped) and the
    detected crying nobody has answered."""
    now = now or timezone.now()
    devices = list(ListeningDevice.objects.filter(
        Q(stopped_at__isnull=True) | Q(closed=True), household=household,
        last_heard_at__gte=now - SHOWN_FOR)
        .only("pk", "name", "last_heard_at", "child_id", "stopped_at", "deaf_at", "closed"))
    crying = list(Cue.objects.open_distress().filter(
        household=household, source="detector", responded_at__isnull=True)
        .select_related("child").only("pk", "started_at", "quiet_at", "heard_by", "child__name",
                                      "child_id", "signal").order_by("started_at"))
    running = [d for d in devices if d.stopped_at is None]
    listening = [d for d in running
                 if now - d.last_heard_at <= LOST_AFTER and d.deaf_at is None]
    lost = [d for d in running if now - d.last_heard_at > LOST_AFTER or d.deaf_at]
    for device in lost:
        device.silent_since = device.deaf_at or device.last_heard_at
    # A page closed at night is said until someone has seen it, or a device listens again
    # for the same baby (another room's device does not hear this one): the newest for each.
    heard_for = {d.child_id for d in listening}
    closed, seen = [], set()
    for device in sorted((d for d in devices if d.stopped_at is not None),
                         key=lambda d: d.stopped_at, reverse=True):
        if device.child_id not in heard_for and device.child_id not in seen:
            seen.add(device.child_id)
            closed.append(device)
    return {"listening": listening, "lost": lost, "closed": closed, "crying": crying}


@transaction.atomic
def seen_closed(device) -> None:
    """Someone has read that this device's page was closed: it is no longer said."""
    ListeningDevice.objects.filter(pk=device.pk).update(closed=False)

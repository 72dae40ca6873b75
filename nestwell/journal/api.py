"""Moments and timers over the API. The rules are the services' (the same ones the forms
use); these functions only translate."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import (
    Body,
    Id,
    MomentFilter,
    Paging,
    aware,
    filtered,
    member_user,
    page,
    paged,
    refuse_taken_id,
    writer,
)
from nestwell.children.api import household_child
from nestwell.journal import services
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Moment, Source
from nestwell.wellbeing.notes import support_url_after

# Tagged "journal" as before the apps were split, so the API document stays the same.
router = Router(tags=["journal"])


# --- Moments -------------------------------------------------------------------------

class MomentIn(Body):
    child: Id
    kind: str = Field(..., description="One of: " + ", ".join(KINDS))
    started_at: datetime | None = Field(None, description="Default: now")
    ended_at: datetime | None = Field(None, description="Leave out for an instant moment, "
                                      "or with running=true to start a timer")
    running: bool = False
    actor: Id | None = Field(None, description="Who did it (a member's id); default you")
    details: dict = Field(default_factory=dict)
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id, for idempotent "
                             "imports: the same id twice is a 409")


class MomentPatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    child: Id | None = Field(None, description="Another baby of the household: moves the "
                             "moment to them (logged for the wrong twin)")
    started_at: datetime | None = None
    ended_at: datetime | None = None
    running: bool | None = Field(None, description="true runs a stopped timer again (no "
                                 "end); false stops a running one now, unless ended_at "
                                 "is sent")
    actor: Id | None = None
    details: dict | None = Field(None, description="Merged into the moment's details: a key "
                                 "sent changes, a key sent as null is removed, the rest "
                                 "stays")
    note: str | None = Field(None, max_length=2000)


class MomentOut(Schema):
    id: int
    child: Id
    kind: str
    started_at: datetime
    ended_at: datetime | None
    running: bool
    actor: Id | None
    details: dict
    note: str
    source: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


class MomentWritten(MomentOut):
    support_url: str | None = Field(None, description=(
        "The support page's address when the note written in this request speaks of "
        "ending one's life, of self-harm or of harming the baby (the app opens it after "
        "saving); null otherwise"))


def moment_out(m):
    return {"id": m.pk, "child": m.child_id, "kind": m.kind, "started_at": m.started_at,
            "ended_at": m.ended_at, "running": m.ended_at is None, "actor": m.actor_id,
            "details": m.details, "note": m.note, "source": m.source,
            "external_id": m.external_id, "version": m.version, "created_at": m.created_at,
            "updated_at": m.updated_at}


def _moments(request):
    return Moment.objects.alive().readable_by(request.user).filter(household=request.household)


@router.get("/moments", summary="Moments, newest first, filtered by child, kind and time",
            **paged("MomentOut"))
def list_moments(request, filters: Query[MomentFilter], paging: Query[Paging]):
    rows = filtered(_moments(request), filters)
    return page(rows.order_by("-started_at", "-pk"), paging, moment_out)


@router.post("/moments", response={201: MomentWritten},
             summary="Log a moment or start a timer")
def create_moment(request, payload: MomentIn):
    writer(request)
    child = household_child(request, payload.child)
    if payload.kind not in KINDS:
        raise ValidationError({"kind": ["This kind of moment does not exist."]})
    refuse_taken_id(lambda: Moment.objects.filter(household=request.household).same_id_space(
        kind=payload.kind, user=request.user), payload.external_id, "moment")
    moment = services.log_moment(
        child=child, kind=payload.kind, user=request.user,
        started_at=aware(payload.started_at), ended_at=aware(payload.ended_at),
        actor=member_user(request, payload.actor), details=payload.details,
        note=payload.note, source=Source.API, external_id=payload.external_id,
        running=payload.running)
    return Status(201, {**moment_out(moment), "support_url": support_url_after(
        moment.note, household=request.household)})


@router.get("/moments/{int:moment_id}", response=MomentOut)
def get_moment(request, moment_id: int):
    return moment_out(get_object_or_404(_moments(request), pk=moment_id))


@router.patch("/moments/{int:moment_id}", response=MomentWritten,
              summary="Change a moment; send the version you read")
def update_moment(request, moment_id: int, payload: MomentPatch):
    moment = get_object_or_404(_moments(request).editable_by(request.user), pk=moment_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    note_before = moment.note
    running = given.get("running", moment.ended_at is None and moment.kind_spec.timed)
    ended_at = aware(given["ended_at"]) if "ended_at" in given else moment.ended_at
    if "ended_at" not in given and moment.is_instant and "started_at" in given:
        ended_at = None  # an instant moment moves with its start
    if given.get("running") is not None:
        ended_at = _running_patch(moment, given, ended_at)
    updated = services.update_moment(
        moment, version=payload.version, kind=moment.kind,
        started_at=aware(given.get("started_at")) or moment.started_at, ended_at=ended_at,
        actor=member_user(request, given["actor"]) if given.get("actor") else moment.actor,
        details=_merged(moment.details, given.get("details")),
        note=given["note"] if given.get("note") is not None else moment.note,
        running=bool(running),
        child=household_child(request, given["child"]) if given.get("child") else None)
    return {**moment_out(updated), "support_url": support_url_after(
        updated.note, note_before, household=request.household)}


def _merged(kept, sent):
    """A PATCH's details laid over the moment's own, as a JSON merge patch: what it names
    changes, what it sets to null goes, the rest stays. Sent alone, {"amount_ml": 100}
    had dropped a bottle's method."""
    if sent is None:
        return kept
    return {k: v for k, v in {**kept, **sent}.items() if v is not None}


def _running_patch(moment, given, ended_at):
    """The end a PATCH that sends ``running`` asks for: true runs the timer again (no end;
    a moment stopped by mistake), false stops a running one now unless an end is sent.
    Refused when it contradicts itself or the kind (a talk is not timed)."""
    if not given["running"]:
        if ended_at is None and moment.ended_at is None:
            return max(timezone.now(), moment.started_at)  # as POST …/stop does
        return ended_at
    if given.get("ended_at") is not None:
        raise ValidationError({"running": ["A moment still running has no end: leave out "
                                           "ended_at, or send running false."]})
    if not moment.kind_spec.timed:
        raise ValidationError({"running": [f"A {moment.kind_spec.code.replace('_', ' ')} "
                                           "is not timed, so it cannot run."]})
    return None


@router.delete("/moments/{int:moment_id}", response={204: None})
def delete_moment(request, moment_id: int):
    moment = get_object_or_404(_moments(request).editable_by(request.user), pk=moment_id)
    writer(request)
    services.delete_moment(moment)
    return Status(204, None)


class StopIn(Body):
    ended_at: datetime | None = None
    details: dict = Field(default_factory=dict)


@router.post("/moments/{int:moment_id}/stop", response=MomentOut, summary="Stop a running timer")
def stop_moment(request, moment_id: int, payload: StopIn = None):
    moment = get_object_or_404(_moments(request), pk=moment_id)
    writer(request)
    payload = payload or StopIn()  # no body at all: stop it now
    return moment_out(services.stop_timer(moment=moment, details=payload.details,
                                          ended_at=aware(payload.ended_at)))


@router.get("/timers", response=list[MomentOut], summary="Timers running now")
def list_timers(request):
    rows = (Moment.objects.running().readable_by(request.user)
            .filter(household=request.household).order_by("started_at"))
    return [moment_out(m) for m in rows[:100]]

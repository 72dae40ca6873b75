"""Cues and routines over the API. The rules are the services' (the same ones the forms
use); these functions only translate."""

from datetime import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import (
    Body,
    ClockTime,
    Id,
    MomentFilter,
    Paging,
    aware,
    filtered,
    member_user,
    page,
    paged,
    writer,
)
from nestwell.care import cues
from nestwell.care import services as care
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.children.api import household_child
from nestwell.journal.kinds import KINDS
from nestwell.wellbeing.notes import support_url_after

# Tagged "journal" as before the apps were split, so the API document stays the same.
router = Router(tags=["journal"])


# --- Cues ----------------------------------------------------------------------------

class CueIn(Body):
    child: Id
    signal: str = Field(..., description="One of: " + ", ".join(cues.SIGNALS))
    need: str = Field("", description="For crying: " + ", ".join(c for c, _ in
                                                                 cues.NEED_CHOICES))
    started_at: datetime | None = None


class CueOut(Schema):
    id: int
    child: Id
    signal: str
    need: str
    intensity: int | None
    started_at: datetime
    responded_at: datetime | None
    ways: list[str]
    responder: Id | None
    closed_at: datetime | None
    outcome: str
    note: str
    version: int
    source: str = Field(..., description="\"detector\" when a listening device heard it")
    heard_by: str = Field(..., description="The listening device that heard it")
    quiet_at: datetime | None = Field(..., description="When the device heard the room "
                                      "quiet again (the episode stays open)")
    false_alarm: bool = Field(..., description="Marked \"not crying\": left out of charts")


class CueWritten(CueOut):
    support_url: str | None = Field(None, description=(
        "The support page's address when the note written in this request speaks of "
        "ending one's life, of self-harm or of harming the baby; null otherwise"))


def cue_out(c):
    return {"id": c.pk, "child": c.child_id, "signal": c.signal, "need": c.need,
            "intensity": c.intensity, "started_at": c.started_at,
            "responded_at": c.responded_at, "ways": c.ways, "responder": c.responder_id,
            "closed_at": c.closed_at, "outcome": c.outcome, "note": c.note,
            "version": c.version, "source": c.source, "heard_by": c.heard_by,
            "quiet_at": c.quiet_at, "false_alarm": c.false_alarm}


def _cues(request):
    return Cue.objects.filter(household=request.household)


@router.get("/cues", summary="Cues, newest first",
            **paged("CueOut"))
def list_cues(request, filters: Query[MomentFilter], paging: Query[Paging]):
    rows = filtered(_cues(request), filters, kind="signal")
    return page(rows.order_by("-started_at", "-pk"), paging, cue_out)


@router.post("/cues", response={201: CueOut},
             summary="Note a cue: crying opens an episode, a smile is an instant")
def create_cue(request, payload: CueIn):
    writer(request)
    child = household_child(request, payload.child)
    from django.core.exceptions import ValidationError

    if payload.signal not in cues.SIGNALS:
        raise ValidationError({"signal": ["Choose one of the signals offered."]})
    if payload.need and payload.need not in dict(cues.NEED_CHOICES):
        raise ValidationError({"need": ["Choose one of the needs offered."]})
    at = aware(payload.started_at)
    if payload.signal in cues.DISTRESS:
        cue = care.start_episode(child=child, user=request.user, signal=payload.signal,
                                 need=payload.need, at=at)
    else:
        cue = care.log_positive(child=child, user=request.user, signal=payload.signal, at=at)
    return Status(201, cue_out(cue))


@router.get("/cues/{int:cue_id}", response=CueOut)
def get_cue(request, cue_id: int):
    return cue_out(get_object_or_404(_cues(request), pk=cue_id))


class RespondIn(Body):
    way: str = Field(..., description="One of: " + ", ".join(cues.WAYS))
    at: datetime | None = None


@router.post("/cues/{int:cue_id}/respond", response=CueOut, summary="How someone answered")
def respond_to_cue(request, cue_id: int, payload: RespondIn):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    if payload.way not in cues.WAYS:
        from django.core.exceptions import ValidationError

        raise ValidationError({"way": ["Choose one of the ways offered."]})
    return cue_out(care.respond(cue=cue, user=request.user, way=payload.way,
                                at=aware(payload.at)))


class SettleIn(Body):
    outcome: str = Field("settled", pattern="^(settled|unsettled)$")
    at: datetime | None = None


@router.post("/cues/{int:cue_id}/settle", response=CueOut, summary="The baby settled (or not)")
def settle_cue(request, cue_id: int, payload: SettleIn = None):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    payload = payload or SettleIn()  # no body at all: settled, now
    return cue_out(care.settle(cue=cue, user=request.user, outcome=payload.outcome,
                               at=aware(payload.at)))


class CuePatch(Body):
    version: int
    started_at: datetime | None = None
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = Field(None, pattern="^(|settled|unsettled)$")
    need: str | None = None
    intensity: int | None = Field(None, ge=1, le=3)
    ways: list[str] | None = None
    responder: Id | None = None
    note: str | None = Field(None, max_length=2000)


@router.patch("/cues/{int:cue_id}", response=CueWritten,
              summary="Correct a cue afterwards")
def update_cue(request, cue_id: int, payload: CuePatch):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    if "need" in given and given["need"] and given["need"] not in dict(cues.NEED_CHOICES):
        from django.core.exceptions import ValidationError

        raise ValidationError({"need": ["Choose one of the needs offered."]})

    def pick(name, convert=lambda v: v):
        return convert(given[name]) if name in given else getattr(cue, name)

    note_before = cue.note
    updated = care.update_cue(
        cue, version=payload.version, started_at=pick("started_at", aware),
        responded_at=pick("responded_at", aware), closed_at=pick("closed_at", aware),
        outcome=pick("outcome") or "", need=pick("need") or "",
        intensity=pick("intensity"), ways=pick("ways") or [],
        responder=(member_user(request, given["responder"]) if given.get("responder")
                   else (None if "responder" in given else cue.responder)),
        note=pick("note") or "")
    return {**cue_out(updated), "support_url": support_url_after(
        updated.note, note_before, household=request.household)}


@router.delete("/cues/{int:cue_id}", response={204: None})
def delete_cue(request, cue_id: int):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    cue.delete()
    return Status(204, None)


# --- Routines ------------------------------------------------------------------------

class StepIn(Body):
    kind: str
    at: ClockTime
    tolerance_minutes: int = Field(45, ge=5, le=180)


class RoutineIn(Body):
    child: Id
    name: str = Field(..., min_length=1, max_length=60, pattern=r"^[^\x00]*$")
    steps: list[StepIn] = Field(..., min_length=1, max_length=20)


class RoutinePatch(Body):
    name: str | None = Field(None, min_length=1, max_length=60, pattern=r"^[^\x00]*$")
    steps: list[StepIn] | None = Field(None, min_length=1, max_length=20)


class RoutineOut(Schema):
    id: int
    child: Id
    name: str
    steps: list[dict]


def routine_out(r):
    return {"id": r.pk, "child": r.child_id, "name": r.name,
            "steps": [{"kind": s.kind, "at": s.at.strftime("%H:%M"),
                       "tolerance_minutes": s.tolerance_minutes} for s in r.steps.all()]}


def _routines(request):
    return Routine.objects.filter(child__household=request.household).prefetch_related("steps")


def _set_steps(routine, steps):
    from django.core.exceptions import ValidationError

    unknown = [s.kind for s in steps if s.kind not in KINDS]
    if unknown:
        raise ValidationError({"steps": [f"Unknown kind: {', '.join(unknown)}."]})
    routine.steps.all().delete()
    RoutineStep.objects.bulk_create([
        RoutineStep(routine=routine, position=i, kind=s.kind, at=s.at,
                    tolerance_minutes=s.tolerance_minutes) for i, s in enumerate(steps)])


@router.get("/routines", response=list[RoutineOut])
def list_routines(request, child: int | None = None):
    rows = _routines(request)
    if child is not None:
        rows = rows.filter(child_id=child)
    return [routine_out(r) for r in rows[:200]]


@router.post("/routines", response={201: RoutineOut})
@transaction.atomic
def create_routine(request, payload: RoutineIn):
    writer(request)
    child = household_child(request, payload.child)
    routine = Routine.objects.create(household=request.household, child=child,
                                     name=payload.name.strip())
    _set_steps(routine, payload.steps)
    return Status(201, routine_out(_routines(request).get(pk=routine.pk)))


@router.get("/routines/{int:routine_id}", response=RoutineOut)
def get_routine(request, routine_id: int):
    return routine_out(get_object_or_404(_routines(request), pk=routine_id))


@router.patch("/routines/{int:routine_id}", response=RoutineOut)
@transaction.atomic
def update_routine(request, routine_id: int, payload: RoutinePatch):
    routine = get_object_or_404(_routines(request), pk=routine_id)
    writer(request)
    if payload.name is not None:
        routine.name = payload.name.strip()
        routine.save(update_fields=["name"])
    if payload.steps is not None:
        _set_steps(routine, payload.steps)
    return routine_out(_routines(request).get(pk=routine.pk))


@router.delete("/routines/{int:routine_id}", response={204: None})
def delete_routine(request, routine_id: int):
    routine = get_object_or_404(_routines(request), pk=routine_id)
    writer(request)
    routine.delete()
    return Status(204, None)

"""Children, moments, timers, cues, routines and milestones over the API. The rules are
the services' (the same ones the forms use); these functions only translate."""

from datetime import date, datetime, time

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import Paging, aware, page, parent, writer
from nestwell.api.errors import Conflict
from nestwell.journal import care, cues, milestone_services, services
from nestwell.journal import milestones as milestone_kinds
from nestwell.journal.forms import ChildForm
from nestwell.journal.kinds import KINDS
from nestwell.journal.models import Child, Cue, Milestone, Moment, Routine, RoutineStep, Source

router = Router(tags=["journal"])


def _member_user(request, user_id):
    if user_id is None:
        return request.user
    from django.contrib.auth import get_user_model

    return get_object_or_404(get_user_model(), pk=user_id,
                             memberships__household=request.household)


def _child(request, pk):
    return get_object_or_404(Child, pk=pk, household=request.household)


# --- Children ------------------------------------------------------------------------

class ChildIn(Schema):
    name: str = Field(..., min_length=1, max_length=60)
    birth_at: datetime | None = None
    due_date: str | None = Field(None, description="YYYY-MM-DD, for a baby not born yet")
    gestation_weeks: int | None = None
    gestation_days: int | None = None
    birth_weight_grams: int | None = None


class ChildOut(Schema):
    id: int
    name: str
    born: bool
    birth_at: datetime | None
    due_date: str | None
    gestation_weeks: int | None
    gestation_days: int | None
    birth_weight_grams: int | None


def child_out(child):
    return {"id": child.pk, "name": child.name, "born": child.is_born,
            "birth_at": child.birth_at,
            "due_date": child.due_date.isoformat() if child.due_date else None,
            "gestation_weeks": child.gestation_weeks, "gestation_days": child.gestation_days,
            "birth_weight_grams": child.birth_weight_grams}


def _save_child(request, payload, instance=None):
    data = payload.dict(exclude_unset=instance is not None)
    if instance is not None:
        data = {**child_out(instance), **data}
    born_at = aware(data.get("birth_at"))
    form = ChildForm({
        "name": data.get("name"), "born": "yes" if born_at else "no",
        "birth_at": timezone.localtime(born_at).strftime("%Y-%m-%dT%H:%M") if born_at else "",
        "due_date": data.get("due_date") or "",
        **{k: "" if data.get(k) is None else data[k]
           for k in ("gestation_weeks", "gestation_days", "birth_weight_grams")},
    }, instance=instance)
    if not form.is_valid():
        from django.core.exceptions import ValidationError

        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    with transaction.atomic():
        child = form.save(commit=False)
        child.household = request.household
        if born_at:
            child.birth_at = born_at  # keep seconds the form would drop
        child.save()
    return child


@router.get("/children", response=list[ChildOut], summary="The household's babies")
def list_children(request):
    return [child_out(c) for c in request.household.children.all()]


@router.post("/children", response={201: ChildOut}, summary="Add a baby (parents)")
def create_child(request, payload: ChildIn):
    parent(request)
    return Status(201, child_out(_save_child(request, payload)))


@router.get("/children/{child_id}", response=ChildOut)
def get_child(request, child_id: int):
    return child_out(_child(request, child_id))


class ChildPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=60)
    birth_at: datetime | None = None
    due_date: str | None = None
    gestation_weeks: int | None = None
    gestation_days: int | None = None
    birth_weight_grams: int | None = None


@router.patch("/children/{child_id}", response=ChildOut, summary="Change a baby's details "
              "(parents)")
def update_child(request, child_id: int, payload: ChildPatch):
    child = _child(request, child_id)
    parent(request)
    return child_out(_save_child(request, payload, instance=child))


@router.delete("/children/{child_id}", response={204: None},
               summary="Remove a baby and everything logged for them (parents)")
def delete_child(request, child_id: int):
    child = _child(request, child_id)
    parent(request)
    child.delete()
    return Status(204, None)


# --- Moments -------------------------------------------------------------------------

class MomentIn(Schema):
    child: int
    kind: str = Field(..., description="One of: " + ", ".join(KINDS))
    started_at: datetime | None = Field(None, description="Default: now")
    ended_at: datetime | None = Field(None, description="Leave out for an instant moment, "
                                      "or with running=true to start a timer")
    running: bool = False
    actor: int | None = Field(None, description="Who did it (a member's id); default you")
    details: dict = Field(default_factory=dict)
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id, for idempotent "
                             "imports: the same id twice is a 409")


class MomentPatch(Schema):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    started_at: datetime | None = None
    ended_at: datetime | None = None
    running: bool | None = None
    actor: int | None = None
    details: dict | None = None
    note: str | None = Field(None, max_length=2000)


class MomentOut(Schema):
    id: int
    child: int
    kind: str
    started_at: datetime
    ended_at: datetime | None
    running: bool
    actor: int | None
    details: dict
    note: str
    source: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def moment_out(m):
    return {"id": m.pk, "child": m.child_id, "kind": m.kind, "started_at": m.started_at,
            "ended_at": m.ended_at, "running": m.ended_at is None, "actor": m.actor_id,
            "details": m.details, "note": m.note, "source": m.source,
            "external_id": m.external_id, "version": m.version, "created_at": m.created_at,
            "updated_at": m.updated_at}


class MomentFilter(Schema):
    child: int | None = None
    kind: str | None = None
    since: datetime | None = Field(None, description="Started at or after")
    until: datetime | None = Field(None, description="Started before")


def _filtered(rows, filters, *, kind="kind", when="started_at", at=aware):
    """Rows narrowed by the usual filters: a child, a kind (or signal), a time window."""
    if filters.child is not None:
        rows = rows.filter(child_id=filters.child)
    if filters.kind:
        rows = rows.filter(**{kind: filters.kind})
    if filters.since:
        rows = rows.filter(**{f"{when}__gte": at(filters.since)})
    if filters.until:
        rows = rows.filter(**{f"{when}__lt": at(filters.until)})
    return rows


def _moments(request):
    return Moment.objects.alive().readable_by(request.user).filter(household=request.household)


@router.get("/moments", summary="Moments, newest first, filtered by child, kind and time")
def list_moments(request, filters: Query[MomentFilter], paging: Query[Paging]):
    rows = _filtered(_moments(request), filters)
    return page(rows.order_by("-started_at", "-pk"), paging, moment_out)


@router.post("/moments", response={201: MomentOut}, summary="Log a moment or start a timer")
def create_moment(request, payload: MomentIn):
    writer(request)
    child = _child(request, payload.child)
    if payload.kind not in KINDS:
        from django.core.exceptions import ValidationError

        raise ValidationError({"kind": ["This kind of moment does not exist."]})
    if payload.external_id and Moment.objects.filter(
            household=request.household, external_id=payload.external_id).exists():
        raise Conflict("A moment with this external_id already exists.")
    moment = services.log_moment(
        child=child, kind=payload.kind, user=request.user,
        started_at=aware(payload.started_at), ended_at=aware(payload.ended_at),
        actor=_member_user(request, payload.actor), details=payload.details,
        note=payload.note, source=Source.API, external_id=payload.external_id,
        running=payload.running)
    return Status(201, moment_out(moment))


@router.get("/moments/{moment_id}", response=MomentOut)
def get_moment(request, moment_id: int):
    return moment_out(get_object_or_404(_moments(request), pk=moment_id))


@router.patch("/moments/{moment_id}", response=MomentOut,
              summary="Change a moment; send the version you read")
def update_moment(request, moment_id: int, payload: MomentPatch):
    moment = get_object_or_404(_moments(request).editable_by(request.user), pk=moment_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    running = given.get("running", moment.ended_at is None and moment.kind_spec.timed)
    ended_at = aware(given["ended_at"]) if "ended_at" in given else moment.ended_at
    if "ended_at" not in given and moment.is_instant and "started_at" in given:
        ended_at = None  # an instant moment moves with its start
    updated = services.update_moment(
        moment, version=payload.version, kind=moment.kind,
        started_at=aware(given.get("started_at")) or moment.started_at, ended_at=ended_at,
        actor=_member_user(request, given["actor"]) if given.get("actor") else moment.actor,
        details=given["details"] if given.get("details") is not None else moment.details,
        note=given["note"] if given.get("note") is not None else moment.note,
        running=bool(running))
    return moment_out(updated)


@router.delete("/moments/{moment_id}", response={204: None})
def delete_moment(request, moment_id: int):
    moment = get_object_or_404(_moments(request).editable_by(request.user), pk=moment_id)
    writer(request)
    services.delete_moment(moment)
    return Status(204, None)


class StopIn(Schema):
    ended_at: datetime | None = None
    details: dict = Field(default_factory=dict)


@router.post("/moments/{moment_id}/stop", response=MomentOut, summary="Stop a running timer")
def stop_moment(request, moment_id: int, payload: StopIn):
    moment = get_object_or_404(_moments(request), pk=moment_id)
    writer(request)
    return moment_out(services.stop_timer(moment=moment, details=payload.details,
                                          ended_at=aware(payload.ended_at)))


@router.get("/timers", response=list[MomentOut], summary="Timers running now")
def list_timers(request):
    rows = Moment.objects.running().filter(household=request.household).order_by("started_at")
    return [moment_out(m) for m in rows[:100]]


# --- Cues ----------------------------------------------------------------------------

class CueIn(Schema):
    child: int
    signal: str = Field(..., description="One of: " + ", ".join(cues.SIGNALS))
    need: str = Field("", description="For crying: " + ", ".join(c for c, _ in
                                                                 cues.NEED_CHOICES))
    started_at: datetime | None = None


class CueOut(Schema):
    id: int
    child: int
    signal: str
    need: str
    intensity: int | None
    started_at: datetime
    responded_at: datetime | None
    ways: list[str]
    responder: int | None
    closed_at: datetime | None
    outcome: str
    note: str
    version: int


def cue_out(c):
    return {"id": c.pk, "child": c.child_id, "signal": c.signal, "need": c.need,
            "intensity": c.intensity, "started_at": c.started_at,
            "responded_at": c.responded_at, "ways": c.ways, "responder": c.responder_id,
            "closed_at": c.closed_at, "outcome": c.outcome, "note": c.note,
            "version": c.version}


def _cues(request):
    return Cue.objects.filter(household=request.household)


@router.get("/cues", summary="Cues, newest first")
def list_cues(request, filters: Query[MomentFilter], paging: Query[Paging]):
    rows = _filtered(_cues(request), filters, kind="signal")
    return page(rows.order_by("-started_at", "-pk"), paging, cue_out)


@router.post("/cues", response={201: CueOut},
             summary="Note a cue: crying opens an episode, a smile is an instant")
def create_cue(request, payload: CueIn):
    writer(request)
    child = _child(request, payload.child)
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


@router.get("/cues/{cue_id}", response=CueOut)
def get_cue(request, cue_id: int):
    return cue_out(get_object_or_404(_cues(request), pk=cue_id))


class RespondIn(Schema):
    way: str = Field(..., description="One of: " + ", ".join(cues.WAYS))
    at: datetime | None = None


@router.post("/cues/{cue_id}/respond", response=CueOut, summary="How someone answered")
def respond_to_cue(request, cue_id: int, payload: RespondIn):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    if payload.way not in cues.WAYS:
        from django.core.exceptions import ValidationError

        raise ValidationError({"way": ["Choose one of the ways offered."]})
    return cue_out(care.respond(cue=cue, user=request.user, way=payload.way,
                                at=aware(payload.at)))


class SettleIn(Schema):
    outcome: str = Field("settled", pattern="^(settled|unsettled)$")
    at: datetime | None = None


@router.post("/cues/{cue_id}/settle", response=CueOut, summary="The baby settled (or not)")
def settle_cue(request, cue_id: int, payload: SettleIn):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    return cue_out(care.settle(cue=cue, user=request.user, outcome=payload.outcome,
                               at=aware(payload.at)))


class CuePatch(Schema):
    version: int
    started_at: datetime | None = None
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = Field(None, pattern="^(|settled|unsettled)$")
    need: str | None = None
    intensity: int | None = Field(None, ge=1, le=3)
    ways: list[str] | None = None
    responder: int | None = None
    note: str | None = Field(None, max_length=2000)


@router.patch("/cues/{cue_id}", response=CueOut, summary="Correct a cue afterwards")
def update_cue(request, cue_id: int, payload: CuePatch):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    if "need" in given and given["need"] and given["need"] not in dict(cues.NEED_CHOICES):
        from django.core.exceptions import ValidationError

        raise ValidationError({"need": ["Choose one of the needs offered."]})

    def pick(name, convert=lambda v: v):
        return convert(given[name]) if name in given else getattr(cue, name)

    return cue_out(care.update_cue(
        cue, version=payload.version, started_at=pick("started_at", aware),
        responded_at=pick("responded_at", aware), closed_at=pick("closed_at", aware),
        outcome=pick("outcome") or "", need=pick("need") or "",
        intensity=pick("intensity"), ways=pick("ways") or [],
        responder=(_member_user(request, given["responder"]) if given.get("responder")
                   else (None if "responder" in given else cue.responder)),
        note=pick("note") or ""))


@router.delete("/cues/{cue_id}", response={204: None})
def delete_cue(request, cue_id: int):
    cue = get_object_or_404(_cues(request), pk=cue_id)
    writer(request)
    cue.delete()
    return Status(204, None)


# --- Routines ------------------------------------------------------------------------

class StepIn(Schema):
    kind: str
    at: time
    tolerance_minutes: int = Field(45, ge=5, le=180)


class RoutineIn(Schema):
    child: int
    name: str = Field(..., min_length=1, max_length=60)
    steps: list[StepIn] = Field(..., min_length=1, max_length=20)


class RoutinePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=60)
    steps: list[StepIn] | None = Field(None, min_length=1, max_length=20)


class RoutineOut(Schema):
    id: int
    child: int
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
    child = _child(request, payload.child)
    routine = Routine.objects.create(household=request.household, child=child,
                                     name=payload.name.strip())
    _set_steps(routine, payload.steps)
    return Status(201, routine_out(_routines(request).get(pk=routine.pk)))


@router.get("/routines/{routine_id}", response=RoutineOut)
def get_routine(request, routine_id: int):
    return routine_out(get_object_or_404(_routines(request), pk=routine_id))


@router.patch("/routines/{routine_id}", response=RoutineOut)
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


@router.delete("/routines/{routine_id}", response={204: None})
def delete_routine(request, routine_id: int):
    routine = get_object_or_404(_routines(request), pk=routine_id)
    writer(request)
    routine.delete()
    return Status(204, None)


# --- Milestones ----------------------------------------------------------------------

class MilestoneIn(Schema):
    child: int
    kind: str = Field(..., description="One of: " + ", ".join(milestone_kinds.KINDS))
    happened_on: date = Field(..., description="The day it happened (YYYY-MM-DD)")
    title: str = Field("", max_length=80, description="Needed for kind 'other'")
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class MilestonePatch(Schema):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    kind: str | None = None
    happened_on: date | None = None
    title: str | None = Field(None, max_length=80)
    note: str | None = Field(None, max_length=2000)


class MilestoneOut(Schema):
    id: int
    child: int
    kind: str
    label: str
    happened_on: date
    title: str
    note: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


class MilestoneFilter(Schema):
    child: int | None = None
    kind: str | None = None
    since: date | None = Field(None, description="On or after this day")
    until: date | None = Field(None, description="Before this day")


def milestone_out(m):
    return {"id": m.pk, "child": m.child_id, "kind": m.kind, "label": str(m.label),
            "happened_on": m.happened_on, "title": m.title, "note": m.note,
            "external_id": m.external_id, "version": m.version, "created_at": m.created_at,
            "updated_at": m.updated_at}


def _milestones(request):
    return Milestone.objects.filter(household=request.household).select_related("child")


@router.get("/milestones", summary="Firsts, newest first, filtered by child, kind and date")
def list_milestones(request, filters: Query[MilestoneFilter], paging: Query[Paging]):
    rows = _filtered(_milestones(request), filters, when="happened_on", at=lambda day: day)
    return page(rows.order_by("-happened_on", "-pk"), paging, milestone_out)


@router.post("/milestones", response={201: MilestoneOut}, summary="Keep a first")
def create_milestone(request, payload: MilestoneIn):
    writer(request)
    child = _child(request, payload.child)
    if payload.external_id and Milestone.objects.filter(
            household=request.household, external_id=payload.external_id).exists():
        raise Conflict("A milestone with this external_id already exists.")
    made = milestone_services.add_milestone(
        child=child, kind=payload.kind, happened_on=payload.happened_on, user=request.user,
        title=payload.title, note=payload.note, external_id=payload.external_id)
    return Status(201, milestone_out(made))


@router.get("/milestones/{milestone_id}", response=MilestoneOut)
def get_milestone(request, milestone_id: int):
    return milestone_out(get_object_or_404(_milestones(request), pk=milestone_id))


@router.patch("/milestones/{milestone_id}", response=MilestoneOut,
              summary="Change a first; send the version you read")
def update_milestone(request, milestone_id: int, payload: MilestonePatch):
    milestone = get_object_or_404(_milestones(request), pk=milestone_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    updated = milestone_services.update_milestone(
        milestone, version=payload.version, kind=given.get("kind") or milestone.kind,
        happened_on=given.get("happened_on") or milestone.happened_on,
        title=given["title"] if given.get("title") is not None else milestone.title,
        note=given["note"] if given.get("note") is not None else milestone.note)
    return milestone_out(updated)


@router.delete("/milestones/{milestone_id}", response={204: None})
def delete_milestone(request, milestone_id: int):
    milestone = get_object_or_404(_milestones(request), pk=milestone_id)
    writer(request)
    milestone_services.delete_milestone(milestone)
    return Status(204, None)

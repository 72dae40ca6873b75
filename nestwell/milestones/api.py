"""Firsts over the API. The rules are the services' (the same ones the forms use); these
functions only translate."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import (
    Body,
    Id,
    Paging,
    filtered,
    page,
    paged,
    refuse_taken_id,
    writer,
)
from nestwell.children.api import household_child
from nestwell.milestones import kinds as milestone_kinds
from nestwell.milestones import services as milestone_services
from nestwell.milestones.models import Milestone

# Tagged "journal" as before the apps were split, so the API document stays the same.
router = Router(tags=["journal"])


# --- Milestones ----------------------------------------------------------------------

class MilestoneIn(Body):
    child: Id
    kind: str = Field(..., description="One of: " + ", ".join(milestone_kinds.KINDS))
    happened_on: date = Field(..., description="The day it happened (YYYY-MM-DD)")
    title: str = Field("", max_length=80, description="Needed for kind 'other'")
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class MilestonePatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    kind: str | None = None
    happened_on: date | None = None
    title: str | None = Field(None, max_length=80)
    note: str | None = Field(None, max_length=2000)


class MilestoneOut(Schema):
    id: int
    child: Id
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
    child: Id | None = None
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


@router.get("/milestones", summary="Firsts, newest first, filtered by child, kind and date",
            **paged("MilestoneOut"))
def list_milestones(request, filters: Query[MilestoneFilter], paging: Query[Paging]):
    rows = filtered(_milestones(request), filters, when="happened_on", at=lambda day: day)
    return page(rows.order_by("-happened_on", "-pk"), paging, milestone_out)


@router.post("/milestones", response={201: MilestoneOut}, summary="Keep a first")
def create_milestone(request, payload: MilestoneIn):
    writer(request)
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: Milestone.objects.filter(household=request.household),
                    payload.external_id, "milestone")
    made = milestone_services.add_milestone(
        child=child, kind=payload.kind, happened_on=payload.happened_on, user=request.user,
        title=payload.title, note=payload.note, external_id=payload.external_id)
    return Status(201, milestone_out(made))


@router.get("/milestones/{int:milestone_id}", response=MilestoneOut)
def get_milestone(request, milestone_id: int):
    return milestone_out(get_object_or_404(_milestones(request), pk=milestone_id))


@router.patch("/milestones/{int:milestone_id}", response=MilestoneOut,
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


@router.delete("/milestones/{int:milestone_id}", response={204: None})
def delete_milestone(request, milestone_id: int):
    milestone = get_object_or_404(_milestones(request), pk=milestone_id)
    writer(request)
    milestone_services.delete_milestone(milestone)
    return Status(204, None)

"""Her wonderings over the API: each person reads, adds and removes only her own."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import Body, Id, Paging, page, paged
from nestwell.wondering import services

router = Router(tags=["wondering"])


class WonderingIn(Body):
    key: str = Field(..., max_length=40, description=(
        'What she was asked about: "moment:<id>" (a feed she gave), "cue:<id>" (a settled '
        'cry) or "daily:<YYYY-MM-DD>" (today or yesterday, with child)'))
    feelings: list[str] = Field(default_factory=list, max_length=20, description=(
        "Codes of the words offered for the baby's age (content, curious, tired, "
        "wanting_you …)"))
    note: str = Field("", max_length=500)
    child: Id | None = Field(None, description="The baby, for a daily question")


class WonderingOut(Schema):
    id: int
    key: str
    occasion: str
    child: Id | None
    about_at: datetime
    prompt: str
    feelings: list[str]
    note: str
    created_at: datetime


def wondering_out(w):
    return {"id": w.pk, "key": w.key, "occasion": w.occasion, "child": w.child_id,
            "about_at": w.about_at, "prompt": w.prompt, "feelings": w.feelings,
            "note": w.note, "created_at": w.created_at}


@router.get("/wonderings", summary="What you noticed, newest first (only your own)",
            **paged("WonderingOut"))
def list_wonderings(request, paging: Query[Paging], child: int | None = None):
    rows = services.mine(request.user, request.household)
    if child is not None:
        rows = rows.filter(child_id=child)
    return page(rows.order_by("-about_at", "-pk"), paging, wondering_out)


@router.post("/wonderings", response={201: WonderingOut},
             summary="Answer a wondering question (the same moment again is kept once)")
def create_wondering(request, payload: WonderingIn):
    child = (get_object_or_404(request.household.children, pk=payload.child)
             if payload.child is not None else None)
    saved = services.answer(user=request.user, household=request.household, key=payload.key,
                            feelings=payload.feelings, note=payload.note, child=child)
    if getattr(saved, "answered_before", False):
        request.form_sent_again = True  # its note is read as sent (wellbeing.notes)
    return Status(201, wondering_out(saved))


@router.get("/wonderings/{int:wondering_id}", response=WonderingOut)
def get_wondering(request, wondering_id: int):
    return wondering_out(get_object_or_404(services.mine(request.user, request.household),
                                           pk=wondering_id))


@router.delete("/wonderings/{int:wondering_id}", response={204: None})
def delete_wondering(request, wondering_id: int):
    services.delete(get_object_or_404(services.mine(request.user, request.household),
                                      pk=wondering_id))
    return Status(204, None)

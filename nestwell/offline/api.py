"""The offline queue's one endpoint: a batch of entries, keyed by the ids the device gave
them, each answered on its own. The rules are the services' (the same ones the buttons
use); this only translates."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from pydantic import Field

from nestwell.api.common import Id, aware, writer
from nestwell.offline import services

router = Router(tags=["offline"])


class EntryIn(Schema):
    id: UUID = Field(..., description="The id the device made for this entry (a UUID); "
                     "sending it again is answered already_there")
    type: Literal[services.TYPES] = Field(..., description=", ".join(services.TYPES))
    at: datetime = Field(..., description="When it happened, the device's time with its "
                         "offset (without one: the household's zone)")
    child: Id | None = None
    kind: str = Field("", max_length=32, description="quick: the kind of moment")
    details: dict = Field(default_factory=dict)
    signal: str = Field("", max_length=16, description="crying and positive: the cue")
    moment: Id | None = Field(None, description="stop: a timer by the server's id")
    timer: UUID | None = Field(None, description="stop: a timer by the id its device gave "
                               "its start")
    cue: Id | None = Field(None, description="respond, settle: an episode by the server's id")
    episode: UUID | None = Field(None, description="respond, settle: an episode by the id "
                                 "its device gave it")
    way: str = Field("", max_length=32)
    outcome: str = Field("", pattern="^(|settled|unsettled)$")
    answers: dict = Field(default_factory=dict, description="checkin: the check-in's fields")


class SyncIn(Schema):
    person: int | None = Field(None, description="Whose queue this is: refused (403) when "
                               "it is not the person signed in")
    entries: list[EntryIn] = Field(..., max_length=services.MAX_ENTRIES)


class EntryOut(Schema):
    id: str
    status: str = Field(..., description="created, already_there or refused")
    reason: str
    code: str | None = None
    fields: dict
    target: str
    target_id: int | None
    support_url: str | None = None
    # A check-in her page would offer support after (the check-in API's offer_support):
    # a risk (with support_url), or a hard time said in other words.
    offer_support: bool = False


class SyncOut(Schema):
    results: list[EntryOut]


@router.post("/sync", response=SyncOut,
             summary="Send what a device kept offline; each entry answered on its own")
def sync(request, payload: SyncIn):
    if payload.person is not None and payload.person != request.user.pk:
        raise PermissionDenied("These entries were made by another person; they are sent "
                               "only when that person is signed in.")
    writer(request)
    entries = [services.Entry(**{**e.dict(), "at": aware(e.at)}) for e in payload.entries]
    results = services.apply_batch(household=request.household, person=request.user,
                                   entries=entries)
    return {"results": results}

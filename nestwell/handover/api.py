"""Handover notes over the API: each person reads the notes written to them and by them,
writes one for another member, marks one for them read and takes back her own. The rules
are the services' (the same the pages use); these functions only translate."""

from datetime import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import Body, Id, Paging, page, paged, writer
from nestwell.handover import services
from nestwell.handover.models import NOTE_LIMIT
from nestwell.wellbeing.notes import support_url_after

router = Router(tags=["handover"])


class NoteIn(Body):
    addressee: Id = Field(..., description="The member it is for (an id from "
                           "/handover/people)")
    text: str = Field(..., max_length=NOTE_LIMIT)


class NoteOut(Schema):
    id: int
    author: Id
    author_name: str
    addressee: Id
    addressee_name: str
    text: str
    created_at: datetime
    read_at: datetime | None = Field(..., description="When the person it is for marked "
                                     "it read; null while it waits on their handover card")


class NoteMade(NoteOut):
    support_url: str | None = Field(
        None, description="Set when the note speaks of ending one's life, of self-harm or "
        "of harming the baby: the support page to show its writer, as the app does")


class PersonOut(Schema):
    id: int
    name: str
    role: str


class NoteFilter(Schema):
    box: Literal["for_me", "by_me"] | None = Field(
        None, description="Only the notes for you, or only the ones you wrote")
    unread: bool | None = Field(None, description="Only the unread (true) or read (false)")


def note_out(n):
    return {"id": n.pk, "author": n.author_id, "author_name": str(n.author),
            "addressee": n.addressee_id, "addressee_name": str(n.addressee), "text": n.text,
            "created_at": n.created_at, "read_at": n.read_at}


def _notes(request):
    return (services.visible_notes(request.household, request.user)
            .select_related("author", "addressee"))


@router.get("/handover/people", response=list[PersonOut],
            summary="The members you can write a note for (everyone in the household but you)")
def list_people(request):
    return [{"id": m.user_id, "name": str(m.user), "role": m.role}
            for m in services.members_to_write_to(request.household, request.user)]


@router.get("/handover/notes", summary="Notes written for you and by you, newest first",
            **paged("NoteOut"))
def list_notes(request, paging: Query[Paging], filters: Query[NoteFilter]):
    rows = _notes(request)
    if filters.box == "for_me":
        rows = rows.filter(addressee=request.user)
    elif filters.box == "by_me":
        rows = rows.filter(author=request.user)
    if filters.unread is not None:
        rows = rows.filter(read_at__isnull=filters.unread)
    return page(rows.order_by("-created_at", "-pk"), paging, note_out)


@router.post("/handover/notes", response={201: NoteMade},
             summary="Write a note for another member's handover card")
def create_note(request, payload: NoteIn):
    writer(request)
    note = services.write_note(household=request.household, author=request.user,
                               addressee_id=payload.addressee, text=payload.text)
    return Status(201, {**note_out(note), "support_url": support_url_after(
        note.text, household=request.household)})


@router.get("/handover/notes/{int:note_id}", response=NoteOut)
def get_note(request, note_id: int):
    return note_out(get_object_or_404(_notes(request), pk=note_id))


@router.post("/handover/notes/{int:note_id}/read", response=NoteOut,
             summary="Mark a note for you read (it leaves your handover card)")
def read_note(request, note_id: int):
    note = get_object_or_404(_notes(request).filter(addressee=request.user), pk=note_id)
    if note.read_at is None:
        services.mark_read(household=request.household, user=request.user, note_id=note.pk)
        note.refresh_from_db(fields=["read_at"])
    return note_out(note)


@router.delete("/handover/notes/{int:note_id}", response={204: None},
               summary="Take back a note you wrote")
def delete_note(request, note_id: int):
    writer(request)
    note = get_object_or_404(_notes(request).filter(author=request.user), pk=note_id)
    services.take_back(household=request.household, user=request.user, note_id=note.pk)
    return Status(204, None)

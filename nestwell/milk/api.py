"""Pumping sessions and the milk store over the API. The rules are the services' (the same
ones the forms use); these functions only translate."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import (
    Body,
    Id,
    Paging,
    aware,
    filtered,
    page,
    paged,
    patched,
    refuse_taken_id,
    writer,
)
from nestwell.children.api import household_child
from nestwell.milk import services as milk
from nestwell.milk.models import MilkBag, Place, PumpingSession, Side, State

router = Router(tags=["milk"])


def _amount(ml, oz, *, required=False):
    """ml or fl oz (one of them) as whole ml."""
    if ml is not None and oz is not None:
        raise ValidationError({"amount_ml": "Give amount_ml or amount_oz, not both."})
    if oz is not None:
        return milk.read_amount(oz, "oz", required=required)
    return milk.read_amount(ml, "ml", required=required)


# --- Pumping -------------------------------------------------------------------------

class PumpingIn(Body):
    child: Id
    started_at: datetime | None = Field(None, description="When it began (now if left out)")
    minutes: int | None = Field(None, ge=0, le=milk.MOST_MINUTES)
    side: str = Field("", description="One of: " + ", ".join(Side.values) + " (or empty)")
    amount_ml: Decimal | None = Field(None, description="In ml (or give amount_oz)")
    amount_oz: Decimal | None = Field(None, description="In fl oz, kept as whole ml")
    store: str = Field("", description="Put its milk in the store, in one step: "
                       "fridge, freezer or room")
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class PumpingPatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    started_at: datetime | None = None
    minutes: int | None = Field(None, ge=0, le=milk.MOST_MINUTES)
    side: str | None = None
    amount_ml: Decimal | None = None
    amount_oz: Decimal | None = None
    note: str | None = Field(None, max_length=2000)


class PumpingOut(Schema):
    id: int
    child: Id
    started_at: datetime
    minutes: int | None
    side: str
    amount_ml: int | None
    stored: list[int] = Field(..., description="Bags in the milk store from this session")
    note: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def pumping_out(s):
    return {"id": s.pk, "child": s.child_id, "started_at": s.started_at,
            "minutes": s.minutes, "side": s.side, "amount_ml": s.amount_ml,
            "stored": [b.pk for b in s.bags.all()], "note": s.note,
            "external_id": s.external_id, "version": s.version, "created_at": s.created_at,
            "updated_at": s.updated_at}


def _sessions(request):
    return (PumpingSession.objects.filter(household=request.household)
            .select_related("child").prefetch_related("bags"))


class PumpingFilter(Schema):
    child: Id | None = None
    side: str | None = Field(None, description="left, right or both")
    since: datetime | None = Field(None, description="At or after")
    until: datetime | None = Field(None, description="Before")

    @property
    def kind(self):  # the shared filter's "kind" is the side here
        return self.side


@router.get("/pumping", summary="Pumping sessions, newest first, by child, side and time",
            **paged("PumpingOut"))
def list_pumping(request, filters: Query[PumpingFilter], paging: Query[Paging]):
    rows = filtered(_sessions(request), filters, kind="side", when="started_at")
    return page(rows.order_by("-started_at", "-pk"), paging, pumping_out)


@router.post("/pumping", response={201: PumpingOut},
             summary="Keep a pumping session (and put its milk in the store)")
def create_pumping(request, payload: PumpingIn):
    writer(request)
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: PumpingSession.objects.filter(household=request.household),
                    payload.external_id, "pumping session")
    made = milk.add_session(child=child, user=request.user,
                            started_at=aware(payload.started_at), minutes=payload.minutes,
                            side=payload.side,
                            amount_ml=_amount(payload.amount_ml, payload.amount_oz),
                            note=payload.note, external_id=payload.external_id,
                            store=payload.store)
    return Status(201, pumping_out(_sessions(request).get(pk=made.pk)))


@router.get("/pumping/{int:pumping_id}", response=PumpingOut)
def get_pumping(request, pumping_id: int):
    return pumping_out(get_object_or_404(_sessions(request), pk=pumping_id))


@router.patch("/pumping/{int:pumping_id}", response=PumpingOut,
              summary="Change a pumping session; send the version you read")
def update_pumping(request, pumping_id: int, payload: PumpingPatch):
    session = get_object_or_404(_sessions(request), pk=pumping_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    amount = session.amount_ml
    if given.get("amount_ml") is not None or given.get("amount_oz") is not None:
        amount = _amount(given.get("amount_ml"), given.get("amount_oz"))
    milk.update_session(session, version=payload.version, amount_ml=amount, **patched(
        session, payload, ("started_at", "minutes", "side", "note"), times=("started_at",),
        clearable=("minutes",)))
    return pumping_out(_sessions(request).get(pk=session.pk))


@router.delete("/pumping/{int:pumping_id}", response={204: None},
               summary="Remove a pumping session (its milk stays in the store)")
def delete_pumping(request, pumping_id: int):
    session = get_object_or_404(_sessions(request), pk=pumping_id)
    writer(request)
    milk.delete_session(session)
    return Status(204, None)


# --- The milk store ------------------------------------------------------------------

class MilkIn(Body):
    child: Id
    expressed_at: datetime | None = Field(None, description="When (now if left out)")
    amount_ml: Decimal | None = Field(None, description="In ml (or give amount_oz)")
    amount_oz: Decimal | None = Field(None, description="In fl oz, kept as whole ml")
    place: str = Field(Place.FRIDGE, description="room, fridge or freezer (thawed milk "
                       "comes from the freezer: PATCH place=thawed)")
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100)


class MilkPatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    place: str | None = Field(None, description="Move it on: fridge, freezer or thawed "
                              "(never back; thawed milk is never frozen again)")
    state: str | None = Field(None, description="used, discarded or to_unit (taken to the "
                              "neonatal unit)")
    at: datetime | None = Field(None, description="When it moved or was used (now if "
                                "left out)")
    expressed_at: datetime | None = None
    amount_ml: Decimal | None = None
    amount_oz: Decimal | None = None
    note: str | None = Field(None, max_length=2000)


class MilkOut(Schema):
    id: int
    child: Id
    session: Id | None
    expressed_at: datetime
    amount_ml: int
    place: str
    thawed_at: datetime | None
    use_by: datetime = Field(..., description="Best used by, from the NHS storage guidance")
    state: str = Field(..., description="kept, used, discarded or to_unit")
    finished_at: datetime | None
    note: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def milk_out(b):
    return {"id": b.pk, "child": b.child_id, "session": b.session_id,
            "expressed_at": b.expressed_at, "amount_ml": b.amount_ml, "place": b.place,
            "thawed_at": b.thawed_at, "use_by": b.use_by, "state": b.state,
            "finished_at": b.finished_at, "note": b.note, "external_id": b.external_id,
            "version": b.version, "created_at": b.created_at, "updated_at": b.updated_at}


def _bags(request):
    return MilkBag.objects.filter(household=request.household).select_related("child")


class MilkFilter(Schema):
    child: Id | None = None
    place: str | None = Field(None, description="room, fridge, freezer or thawed")
    state: str | None = Field(State.KEPT, description="kept (the default), used, "
                              "discarded or to_unit")
    since: datetime | None = Field(None, description="Expressed at or after")
    until: datetime | None = Field(None, description="Expressed before")

    @property
    def kind(self):
        return self.place


@router.get("/milk", summary="The milk store, soonest use-by first, by child, place, "
            "state and when expressed", **paged("MilkOut"))
def list_milk(request, filters: Query[MilkFilter], paging: Query[Paging]):
    rows = filtered(_bags(request), filters, kind="place", when="expressed_at")
    if filters.state:
        rows = rows.filter(state=filters.state)
    return page(rows.order_by("use_by", "pk"), paging, milk_out)


@router.post("/milk", response={201: MilkOut}, summary="Put milk in the store")
def create_milk(request, payload: MilkIn):
    writer(request)
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: MilkBag.objects.filter(household=request.household),
                    payload.external_id, "bag of milk")
    from django.utils import timezone

    made = milk.add_bag(child=child, user=request.user,
                        expressed_at=aware(payload.expressed_at) or timezone.now(),
                        amount_ml=_amount(payload.amount_ml, payload.amount_oz,
                                          required=True),
                        place=payload.place, note=payload.note,
                        external_id=payload.external_id)
    return Status(201, milk_out(made))


@router.get("/milk/{int:bag_id}", response=MilkOut)
def get_milk(request, bag_id: int):
    return milk_out(get_object_or_404(_bags(request), pk=bag_id))


@router.patch("/milk/{int:bag_id}", response=MilkOut,
              summary="Move milk on, mark it used or poured away, or change it; send the "
                      "version you read")
def update_milk(request, bag_id: int, payload: MilkPatch):
    bag = get_object_or_404(_bags(request), pk=bag_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    at = aware(given.get("at"))
    if given.get("place") and given.get("state"):
        raise ValidationError({"place": "Move it or finish it, one at a time."})
    if given.get("place"):
        return milk_out(milk.move_bag(bag, version=payload.version, place=given["place"],
                                      at=at))
    if given.get("state"):
        return milk_out(milk.finish_bag(bag, version=payload.version, state=given["state"],
                                        at=at))
    amount = bag.amount_ml
    if given.get("amount_ml") is not None or given.get("amount_oz") is not None:
        amount = _amount(given.get("amount_ml"), given.get("amount_oz"), required=True)
    return milk_out(milk.update_bag(
        bag, version=payload.version,
        expressed_at=aware(given.get("expressed_at")) or bag.expressed_at,
        amount_ml=amount, note=given["note"] if given.get("note") is not None else bag.note))


@router.delete("/milk/{int:bag_id}", response={204: None})
def delete_milk(request, bag_id: int):
    bag = get_object_or_404(_bags(request), pk=bag_id)
    writer(request)
    milk.delete_bag(bag)
    return Status(204, None)

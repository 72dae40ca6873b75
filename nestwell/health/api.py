"""Nappies and temperatures over the API. The rules are the services' (the same ones the
forms use); these functions only translate."""

from datetime import datetime
from decimal import Decimal

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
from nestwell.health import fever, nappies
from nestwell.health import services as health
from nestwell.health.models import Nappy, Temperature

router = Router(tags=["health"])


class HealthFilter(Schema):
    child: Id | None = None
    kind: str | None = Field(None, description="Nappies only: wet, dirty, both or dry")
    since: datetime | None = Field(None, description="At or after")
    until: datetime | None = Field(None, description="Before")


# --- Nappies -------------------------------------------------------------------------

class NappyIn(Body):
    child: Id
    kind: str = Field(..., description="One of: " + ", ".join(nappies.KINDS))
    changed_at: datetime | None = Field(None, description="When (now if left out)")
    colour: str = Field("", description="One of: " + ", ".join(nappies.STOOL_COLOURS))
    consistency: str = Field("", description="One of: " + ", ".join(nappies.CONSISTENCIES))
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class NappyPatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    child: Id | None = Field(None, description="Another baby of the household: moves it to "
                             "them (logged for the wrong twin)")
    kind: str | None = None
    changed_at: datetime | None = None
    colour: str | None = None
    consistency: str | None = None
    note: str | None = Field(None, max_length=2000)


class NappyOut(Schema):
    id: int
    child: Id
    kind: str
    changed_at: datetime
    colour: str
    consistency: str
    pale: bool = Field(..., description="A pale stool colour: worth a call the same day")
    blood: bool = Field(..., description="Red, or black after the first days: it may be "
                        "blood, worth a call the same day")
    note: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def nappy_out(n):
    return {"id": n.pk, "child": n.child_id, "kind": n.kind, "changed_at": n.changed_at,
            "colour": n.colour, "consistency": n.consistency, "pale": n.pale,
            "blood": n.blood,
            "note": n.note, "external_id": n.external_id, "version": n.version,
            "created_at": n.created_at, "updated_at": n.updated_at}


def _nappies(request):
    return Nappy.objects.filter(household=request.household).select_related("child")


@router.get("/nappies", summary="Nappy changes, newest first, by child, kind and time",
            **paged("NappyOut"))
def list_nappies(request, filters: Query[HealthFilter], paging: Query[Paging]):
    rows = filtered(_nappies(request), filters, when="changed_at")
    return page(rows.order_by("-changed_at", "-pk"), paging, nappy_out)


@router.post("/nappies", response={201: NappyOut}, summary="Keep a nappy change")
def create_nappy(request, payload: NappyIn):
    writer(request)
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: Nappy.objects.filter(household=request.household),
                    payload.external_id, "nappy")
    made = health.add_nappy(child=child, kind=payload.kind, user=request.user,
                            changed_at=aware(payload.changed_at), colour=payload.colour,
                            consistency=payload.consistency, note=payload.note,
                            external_id=payload.external_id)
    return Status(201, nappy_out(made))


@router.get("/nappies/{int:nappy_id}", response=NappyOut)
def get_nappy(request, nappy_id: int):
    return nappy_out(get_object_or_404(_nappies(request), pk=nappy_id))


@router.patch("/nappies/{int:nappy_id}", response=NappyOut,
              summary="Change a nappy change; send the version you read")
def update_nappy(request, nappy_id: int, payload: NappyPatch):
    nappy = get_object_or_404(_nappies(request), pk=nappy_id)
    writer(request)
    updated = health.update_nappy(nappy, version=payload.version, **patched(
        nappy, payload, ("kind", "changed_at", "colour", "consistency", "note"),
        times=("changed_at",)), child=_moved_to(request, payload))
    return nappy_out(updated)


@router.delete("/nappies/{int:nappy_id}", response={204: None})
def delete_nappy(request, nappy_id: int):
    nappy = get_object_or_404(_nappies(request), pk=nappy_id)
    writer(request)
    health.delete_nappy(nappy)
    return Status(204, None)


# --- Temperatures --------------------------------------------------------------------

class TemperatureIn(Body):
    child: Id
    celsius: Decimal | None = Field(None, description="In °C (or give fahrenheit)")
    fahrenheit: Decimal | None = Field(None, description="In °F, kept as °C")
    taken_at: datetime | None = Field(None, description="When (now if left out)")
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100)


class TemperaturePatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    child: Id | None = Field(None, description="Another baby of the household: moves it to "
                             "them (logged for the wrong twin)")
    celsius: Decimal | None = None
    taken_at: datetime | None = None
    note: str | None = Field(None, max_length=2000)


class TemperatureOut(Schema):
    id: int
    child: Id
    taken_at: datetime
    celsius: Decimal
    reading: str | None = Field(..., description="'call_now' (38 °C or more under 3 "
                                "months: call for advice now), 'low' (under 36 °C at any "
                                "age: call for advice now), 'raised', or null")
    note: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def temperature_out(t):
    return {"id": t.pk, "child": t.child_id, "taken_at": t.taken_at,
            "celsius": fever.as_typed(t.celsius),
            "reading": health.temperature_reading(t), "note": t.note,
            "external_id": t.external_id, "version": t.version, "created_at": t.created_at,
            "updated_at": t.updated_at}


def _temperatures(request):
    return Temperature.objects.filter(household=request.household).select_related("child")


class TemperatureFilter(Schema):
    child: Id | None = None
    since: datetime | None = Field(None, description="At or after")
    until: datetime | None = Field(None, description="Before")


@router.get("/temperatures", summary="Temperatures, newest first, by child and time",
            **paged("TemperatureOut"))
def list_temperatures(request, filters: Query[TemperatureFilter], paging: Query[Paging]):
    rows = _temperatures(request)
    if filters.child is not None:
        rows = rows.filter(child_id=filters.child)
    if filters.since:
        rows = rows.filter(taken_at__gte=aware(filters.since))
    if filters.until:
        rows = rows.filter(taken_at__lt=aware(filters.until))
    return page(rows.order_by("-taken_at", "-pk"), paging, temperature_out)


@router.post("/temperatures", response={201: TemperatureOut}, summary="Keep a temperature")
def create_temperature(request, payload: TemperatureIn):
    writer(request)
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: Temperature.objects.filter(household=request.household),
                    payload.external_id, "temperature")
    if (payload.celsius is None) == (payload.fahrenheit is None):
        from django.core.exceptions import ValidationError

        raise ValidationError({"celsius": "Give celsius or fahrenheit (one of them)."})
    # Read as typed on a thermometer: °C to one decimal, °F to two (it reads back as sent).
    celsius = (health.read_temperature(payload.celsius, "C") if payload.celsius is not None
               else health.read_temperature(payload.fahrenheit, "F"))
    made = health.add_temperature(child=child, celsius=celsius, user=request.user,
                                  taken_at=aware(payload.taken_at), note=payload.note,
                                  external_id=payload.external_id)
    return Status(201, temperature_out(made))


@router.get("/temperatures/{int:temperature_id}", response=TemperatureOut)
def get_temperature(request, temperature_id: int):
    return temperature_out(get_object_or_404(_temperatures(request), pk=temperature_id))


@router.patch("/temperatures/{int:temperature_id}", response=TemperatureOut,
              summary="Change a temperature; send the version you read")
def update_temperature(request, temperature_id: int, payload: TemperaturePatch):
    temperature = get_object_or_404(_temperatures(request), pk=temperature_id)
    writer(request)
    values = patched(temperature, payload, ("taken_at", "celsius", "note"), times=("taken_at",))
    # Sent and changed: read as typed; left out, or sent back as read: kept exactly.
    if payload.celsius is not None and payload.celsius != temperature.celsius:
        values["celsius"] = health.read_temperature(payload.celsius, "C")
    updated = health.update_temperature(temperature, version=payload.version, **values,
                                        child=_moved_to(request, payload))
    return temperature_out(updated)


def _moved_to(request, payload):
    """The baby a PATCH moves a record to, or None (404 for one of another household)."""
    return household_child(request, payload.child) if payload.child else None


@router.delete("/temperatures/{int:temperature_id}", response={204: None})
def delete_temperature(request, temperature_id: int):
    temperature = get_object_or_404(_temperatures(request), pk=temperature_id)
    writer(request)
    health.delete_temperature(temperature)
    return Status(204, None)

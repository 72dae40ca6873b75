"""Medicines and doses over the API. The rules are the services' (the same ones the forms
use); these functions only translate."""

from datetime import datetime, time
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import (
    Body,
    ClockTime,
    Id,
    Paging,
    aware,
    page,
    paged,
    parent,
    patched,
    refuse_taken_id,
    writer,
)
from nestwell.children.api import household_child
from nestwell.medicines import services
from nestwell.medicines.models import FORMS, SCHEDULES, UNITS, Dose, Medicine

router = Router(tags=["medicines"])
MEDICINE_FIELDS = ("name", "dose", "unit", "form", "schedule", "daily_at", "min_hours",
                   "most_per_day", "remind", "stopped", "note")


def _codes(choices):
    return ", ".join(repr(code) for code, _label in choices)


# --- Medicines -----------------------------------------------------------------------

class MedicineIn(Body):
    child: Id
    name: str = Field(..., max_length=80, description="As on the label")
    dose: Decimal | None = Field(None, description="The usual dose, as the parent entered "
                                 "it (Nestwell never suggests one)")
    unit: str = Field("", description="One of: " + _codes(UNITS))
    form: str = Field("", description="One of: " + _codes(FORMS))
    schedule: str = Field("", description="One of: " + _codes(SCHEDULES))
    daily_at: ClockTime | None = Field(None, description="'daily': the usual time of day "
                                       "(without a zone: the household's clock)")
    min_hours: Decimal | None = Field(None, description="'spaced': no sooner than this many "
                                      "hours apart (0.5 to 72)")
    most_per_day: int | None = Field(None, description="'spaced': at most this many doses "
                                     "in 24 hours")
    remind: bool = Field(False, description="Remind the person asking (daily: at its time "
                         "if not given yet; spaced: when the next dose fits)")
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class MedicinePatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    name: str | None = Field(None, max_length=80)
    dose: Decimal | None = None
    unit: str | None = None
    form: str | None = None
    schedule: str | None = None
    daily_at: ClockTime | None = None
    min_hours: Decimal | None = None
    most_per_day: int | None = None
    remind: bool | None = None
    stopped: bool | None = None
    note: str | None = Field(None, max_length=2000)


class MedicineOut(Schema):
    id: int
    child: Id
    name: str
    dose: Decimal | None
    unit: str
    form: str
    schedule: str
    daily_at: time | None
    min_hours: Decimal | None
    most_per_day: int | None
    remind: bool
    stopped: bool
    note: str
    next_dose_not_before: datetime | None = Field(
        ..., description="'spaced': the earliest time the entered schedule allows the next "
        "dose, or null when nothing holds it back")
    given_today: int = Field(..., description="Doses given today on the household's clock")
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def medicine_out(m, status=None):
    status = status or services.statuses([m])[0]
    return {"id": m.pk, "child": m.child_id,
            **{f: getattr(m, f) for f in MEDICINE_FIELDS},
            "next_dose_not_before": status.next.not_before if status.next else None,
            "given_today": status.given_today, "external_id": m.external_id,
            "version": m.version, "created_at": m.created_at, "updated_at": m.updated_at}


def _medicines(request):
    return Medicine.objects.filter(household=request.household).select_related("child")


class MedicineFilter(Schema):
    child: Id | None = None
    stopped: bool | None = Field(None, description="Only those no longer given (true) or "
                                 "still given (false)")


@router.get("/medicines", summary="Medicines and supplements, by name",
            **paged("MedicineOut"))
def list_medicines(request, filters: Query[MedicineFilter], paging: Query[Paging]):
    rows = _medicines(request)
    if filters.child is not None:
        rows = rows.filter(child_id=filters.child)
    if filters.stopped is not None:
        rows = rows.filter(stopped=filters.stopped)
    found = page(rows.order_by("stopped", "name", "pk"), paging, lambda m: m)
    shown = {s.medicine.pk: s for s in services.statuses(found["items"])}
    found["items"] = [medicine_out(m, shown[m.pk]) for m in found["items"]]
    return found


@router.post("/medicines", response={201: MedicineOut}, summary="Add a medicine or supplement")
def create_medicine(request, payload: MedicineIn):
    parent(request)  # what is given and how often is a parent's to set
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: Medicine.objects.filter(household=request.household),
                    payload.external_id, "medicine")
    fields = payload.dict(exclude={"child", "external_id"})
    made = services.add_medicine(child=child, user=request.user,
                                 external_id=payload.external_id, **fields)
    return Status(201, medicine_out(made))


@router.get("/medicines/{int:medicine_id}", response=MedicineOut)
def get_medicine(request, medicine_id: int):
    return medicine_out(get_object_or_404(_medicines(request), pk=medicine_id))


@router.patch("/medicines/{int:medicine_id}", response=MedicineOut,
              summary="Change a medicine; send the version you read")
def update_medicine(request, medicine_id: int, payload: MedicinePatch):
    medicine = get_object_or_404(_medicines(request), pk=medicine_id)
    parent(request)
    given = payload.dict(exclude_unset=True)
    version = given.pop("version")
    updated = services.update_medicine(medicine, version=version, user=request.user, **given)
    return medicine_out(updated)


@router.delete("/medicines/{int:medicine_id}", response={204: None},
               summary="Remove a medicine and every dose of it")
def delete_medicine(request, medicine_id: int):
    medicine = get_object_or_404(_medicines(request), pk=medicine_id)
    parent(request)
    services.delete_medicine(medicine)
    return Status(204, None)


# --- Doses ---------------------------------------------------------------------------

class DoseIn(Body):
    medicine: Id
    given_at: datetime | None = Field(None, description="When (now if left out)")
    amount: Decimal | None = Field(None, description="The medicine's usual dose if left out "
                                   "(with unit)")
    unit: str = Field("", description="One of: " + _codes(UNITS))
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class DosePatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    given_at: datetime | None = None
    amount: Decimal | None = None
    unit: str | None = None
    note: str | None = Field(None, max_length=2000)


class DoseOut(Schema):
    id: int
    child: Id
    medicine: Id
    medicine_name: str
    given_at: datetime
    amount: Decimal | None
    unit: str
    given_by: int | None = Field(..., description="The member who logged it")
    note: str
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


def dose_out(d):
    return {"id": d.pk, "child": d.child_id, "medicine": d.medicine_id,
            "medicine_name": d.medicine.name, "given_at": d.given_at, "amount": d.amount,
            "unit": d.unit, "given_by": d.created_by_id, "note": d.note,
            "external_id": d.external_id, "version": d.version, "created_at": d.created_at,
            "updated_at": d.updated_at}


def _doses(request):
    return Dose.objects.filter(household=request.household).select_related("medicine")


class DoseFilter(Schema):
    child: Id | None = None
    medicine: Id | None = None
    since: datetime | None = Field(None, description="Given at or after")
    until: datetime | None = Field(None, description="Given before")


@router.get("/doses", summary="Doses given, newest first, by child, medicine and time",
            **paged("DoseOut"))
def list_doses(request, filters: Query[DoseFilter], paging: Query[Paging]):
    rows = _doses(request)
    for field, value in (("child_id", filters.child), ("medicine_id", filters.medicine),
                         ("given_at__gte", aware(filters.since)),
                         ("given_at__lt", aware(filters.until))):
        if value is not None:
            rows = rows.filter(**{field: value})
    return page(rows.order_by("-given_at", "-pk"), paging, dose_out)


@router.post("/doses", response={201: DoseOut}, summary="Keep a dose given")
def create_dose(request, payload: DoseIn):
    writer(request)
    medicine = get_object_or_404(Medicine.objects.select_related("child"),
                                 household=request.household, pk=payload.medicine)
    refuse_taken_id(lambda: Dose.objects.filter(household=request.household),
                    payload.external_id, "dose")
    made = services.give(medicine=medicine, user=request.user,
                         given_at=aware(payload.given_at), amount=payload.amount,
                         unit=payload.unit, note=payload.note,
                         external_id=payload.external_id)
    return Status(201, dose_out(made))


@router.get("/doses/{int:dose_id}", response=DoseOut)
def get_dose(request, dose_id: int):
    return dose_out(get_object_or_404(_doses(request), pk=dose_id))


@router.patch("/doses/{int:dose_id}", response=DoseOut,
              summary="Change a dose; send the version you read")
def update_dose(request, dose_id: int, payload: DosePatch):
    dose = get_object_or_404(_doses(request).select_related("child"), pk=dose_id)
    writer(request)
    values = patched(dose, payload, ("given_at", "amount", "unit", "note"),
                     times=("given_at",), clearable=("amount", "unit", "note"))
    updated = services.update_dose(dose, version=payload.version,
                                   **{**values, "note": values["note"] or ""})
    return dose_out(updated)


@router.delete("/doses/{int:dose_id}", response={204: None})
def delete_dose(request, dose_id: int):
    dose = get_object_or_404(_doses(request), pk=dose_id)
    writer(request)
    services.delete_dose(dose)
    return Status(204, None)

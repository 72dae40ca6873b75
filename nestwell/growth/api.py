"""Growth over the API. The rules are the services' (the same ones the form uses); the
scores are ``who``'s; these functions only translate."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api.common import Body, Id, Paging, page, paged, refuse_taken_id, writer
from nestwell.children.api import household_child
from nestwell.growth import progress, services
from nestwell.growth.models import MEASURED_BY, Measurement

router = Router(tags=["growth"])

_WHO_BY = ", ".join(key for key, _label in MEASURED_BY)


def _mm(cm):
    return None if cm is None else round(cm * 10)


class MeasurementIn(Body):
    child: Id
    measured_on: date = Field(..., description="The day of the measurement (YYYY-MM-DD)")
    weight_grams: int | None = Field(None, ge=0, le=10**6,
                                     description="Weight in grams (300 to 30000)")
    length_cm: float | None = Field(None, ge=0, le=1000,
                                    description="Length in cm, to 0.1 (25 to 125)")
    head_cm: float | None = Field(None, ge=0, le=1000, description="Head circumference in "
                                  "cm, to 0.1 (20 to 60)")
    measured_by: str = Field("parent", description="One of: " + _WHO_BY)
    note: str = Field("", max_length=2000)
    external_id: str = Field("", max_length=100, description="Your id: the same id twice "
                             "is a 409")


class MeasurementPatch(Body):
    version: int = Field(..., description="The version you read; a newer one gives 409")
    measured_on: date | None = None
    weight_grams: int | None = Field(None, ge=0, le=10**6,
                                     description="null removes the weight")
    length_cm: float | None = Field(None, ge=0, le=1000)
    head_cm: float | None = Field(None, ge=0, le=1000)
    measured_by: str | None = None
    note: str | None = Field(None, max_length=2000)


class ScoreOut(Schema):
    z: float
    centile: float


class MeasurementOut(Schema):
    id: int
    child: Id
    measured_on: date
    weight_grams: int | None
    length_cm: float | None
    head_cm: float | None
    measured_by: str
    note: str
    age_days: int = Field(..., description="Real age on the day, in days")
    who_age_days: int = Field(..., description="The age the WHO tables are read at "
                              "(corrected for a baby born before 37 weeks, until 2 years)")
    corrected: bool
    scores: dict[str, ScoreOut] = Field(..., description="WHO Child Growth Standards: wfa, "
                                        "lfa, hcfa, wfl (none when the child's sex is not "
                                        "given)")
    outside_tables: list[str] = Field(..., description="Indicators the WHO tables do not "
                                      "cover at this age or length")
    external_id: str
    version: int
    created_at: datetime
    updated_at: datetime


class MeasurementFilter(Schema):
    child: Id | None = None
    since: date | None = Field(None, description="On or after this day")
    until: date | None = Field(None, description="Before this day")


def measurement_out(m):
    row = progress.rows_for(m.child, [m])[0]
    return {"id": m.pk, "child": m.child_id, "measured_on": m.measured_on,
            "weight_grams": m.weight_grams, "length_cm": m.length_cm, "head_cm": m.head_cm,
            "measured_by": m.measured_by, "note": m.note, "age_days": row.age_days,
            "who_age_days": row.reading.age_days, "corrected": row.reading.corrected,
            "scores": {k: {"z": round(s.z, 3), "centile": round(s.centile, 2)}
                       for k, s in row.reading.scores.items()},
            "outside_tables": list(row.reading.outside), "external_id": m.external_id,
            "version": m.version, "created_at": m.created_at, "updated_at": m.updated_at}


def _measurements(request):
    return Measurement.objects.filter(household=request.household).select_related("child")


@router.get("/growth", summary="Measurements with their WHO centiles, newest first, "
            "filtered by child and day", **paged("MeasurementOut"))
def list_measurements(request, filters: Query[MeasurementFilter], paging: Query[Paging]):
    rows = _measurements(request)
    if filters.child is not None:
        rows = rows.filter(child_id=filters.child)
    if filters.since:
        rows = rows.filter(measured_on__gte=filters.since)
    if filters.until:
        rows = rows.filter(measured_on__lt=filters.until)
    return page(rows.order_by("-measured_on", "-pk"), paging, measurement_out)


@router.post("/growth", response={201: MeasurementOut}, summary="Keep a measurement")
def create_measurement(request, payload: MeasurementIn):
    writer(request)
    child = household_child(request, payload.child)
    refuse_taken_id(lambda: Measurement.objects.filter(household=request.household),
                    payload.external_id, "measurement")
    made = services.add_measurement(
        child=child, measured_on=payload.measured_on, user=request.user,
        weight_grams=payload.weight_grams, length_mm=_mm(payload.length_cm),
        head_mm=_mm(payload.head_cm), measured_by=payload.measured_by, note=payload.note,
        external_id=payload.external_id)
    made.child = child
    return Status(201, measurement_out(made))


@router.get("/growth/{int:measurement_id}", response=MeasurementOut)
def get_measurement(request, measurement_id: int):
    return measurement_out(get_object_or_404(_measurements(request), pk=measurement_id))


@router.patch("/growth/{int:measurement_id}", response=MeasurementOut,
              summary="Change a measurement; send the version you read")
def update_measurement(request, measurement_id: int, payload: MeasurementPatch):
    m = get_object_or_404(_measurements(request), pk=measurement_id)
    writer(request)
    given = payload.dict(exclude_unset=True)
    updated = services.update_measurement(
        m, version=payload.version,
        measured_on=given.get("measured_on") or m.measured_on,
        weight_grams=given.get("weight_grams", m.weight_grams),
        length_mm=_mm(given["length_cm"]) if "length_cm" in given else m.length_mm,
        head_mm=_mm(given["head_cm"]) if "head_cm" in given else m.head_mm,
        measured_by=given.get("measured_by") or m.measured_by,
        note=given["note"] if given.get("note") is not None else m.note)
    return measurement_out(updated)


@router.delete("/growth/{int:measurement_id}", response={204: None})
def delete_measurement(request, measurement_id: int):
    m = get_object_or_404(_measurements(request), pk=measurement_id)
    writer(request)
    services.delete_measurement(m)
    return Status(204, None)

"""The household's babies over the API. The rules are the form's (the same one the app
uses); these functions only translate."""

from datetime import date, datetime

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from nestwell.api.common import (
    Body,
    aware,
    parent,
)
from nestwell.children.forms import ChildForm, RememberedForm
from nestwell.children.models import Child
from nestwell.lib import prepared

# Tagged "journal" as before the apps were split, so the API document stays the same.
router = Router(tags=["journal"])


def household_child(request, pk):
    """The household's baby with this id, or a 404: one prepared statement, as every call
    that names a baby asks it (the ORM's building of it was a quarter of a quick-log)."""
    child = prepared.get(Child, pk=pk, household=request.household)
    if child is None:
        raise Http404("No such child.")
    return child


# --- Children ------------------------------------------------------------------------

class ChildIn(Body):
    name: str = Field(..., min_length=1, max_length=60)
    birth_at: datetime | None = None
    due_date: str | None = Field(None, description="YYYY-MM-DD, for a baby not born yet")
    gestation_weeks: int | None = None
    gestation_days: int | None = None
    birth_weight_grams: int | None = None
    sex: str = Field("", description="'female', 'male' or '' (not given): the WHO growth "
                     "charts need it")
    neonatal_care: bool = Field(False, description="cared for in a neonatal unit (now, or "
                                "after the birth)")
    in_unit: bool = Field(False, description="in a neonatal unit now: Today begins with "
                          "kangaroo care and pumping")
    home_on: str | None = Field(None, description="YYYY-MM-DD: the day the baby came home "
                                "(from a unit, or adopted or fostered)")
    born_to_another: bool = Field(False, description="adopted, fostered or born through "
                                  "surrogacy: nothing about recovering from the birth")


class ChildOut(Schema):
    id: int
    name: str
    born: bool
    birth_at: datetime | None
    due_date: str | None
    gestation_weeks: int | None
    gestation_days: int | None
    birth_weight_grams: int | None
    sex: str
    died_on: str | None = Field(None, description="YYYY-MM-DD: the day the baby died, when "
                                "a parent has said so; nothing then looks ahead for them")
    neonatal_care: bool = False
    in_unit: bool = False
    home_on: str | None = None
    born_to_another: bool = False


def child_out(child):
    return {"id": child.pk, "name": child.name, "born": child.is_born,
            "birth_at": child.birth_at,
            "due_date": child.due_date.isoformat() if child.due_date else None,
            "gestation_weeks": child.gestation_weeks, "gestation_days": child.gestation_days,
            "birth_weight_grams": child.birth_weight_grams, "sex": child.sex,
            "died_on": child.died_on.isoformat() if child.died_on else None,
            "neonatal_care": child.neonatal_care, "in_unit": child.in_unit,
            "home_on": child.home_on.isoformat() if child.home_on else None,
            "born_to_another": child.born_to_another}


def _save_child(request, payload, instance=None):
    told_in_unit = "in_unit" in payload.model_fields_set and payload.in_unit
    data = payload.dict(exclude_unset=instance is not None)
    if instance is not None:
        data = {**child_out(instance), **data}
    born_at = aware(data.get("birth_at"))
    # What the API does not carry stays as it was: a PATCH of the name had emptied the
    # birth and medical notes (the form took their absence for empty boxes).
    kept = {"birth_notes": instance.birth_notes, "medical_notes": instance.medical_notes} \
        if instance is not None else {}
    form = ChildForm({
        "name": data.get("name"), "born": "yes" if born_at else "no",
        "birth_at": timezone.localtime(born_at).strftime("%Y-%m-%dT%H:%M") if born_at else "",
        "due_date": data.get("due_date") or "", "sex": data.get("sex") or "",
        **{k: "" if data.get(k) is None else data[k]
           for k in ("gestation_weeks", "gestation_days", "birth_weight_grams", "home_on")},
        **{k: bool(data.get(k)) for k in ("neonatal_care", "in_unit", "born_to_another")},
        **kept,
        # In a unit now is in neonatal care (the form drops "in the unit" without it), when
        # this call says so; "neonatal_care": false alone ends both, as on the page.
        **({"neonatal_care": True} if told_in_unit else {}),
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


@router.get("/children/{int:child_id}", response=ChildOut)
def get_child(request, child_id: int):
    return child_out(household_child(request, child_id))


class ChildPatch(Body):
    name: str | None = Field(None, min_length=1, max_length=60)
    birth_at: datetime | None = None
    due_date: str | None = None
    gestation_weeks: int | None = None
    gestation_days: int | None = None
    birth_weight_grams: int | None = None
    sex: str | None = None
    neonatal_care: bool | None = None
    in_unit: bool | None = Field(None, description="false when the baby came home (set "
                                 "home_on too)")
    home_on: str | None = None
    born_to_another: bool | None = None
    died_on: str | None = Field(None, description="YYYY-MM-DD when the baby has died; null "
                                "if it was set by mistake")


def _died_on(child, payload):
    """The day of death a PATCH sets, checked as the page checks it (None clears it),
    against the birth the same PATCH gives, if it gives one."""
    value = payload.died_on
    if value is None:
        return None
    given = payload.model_fields_set
    born = aware(payload.birth_at) if "birth_at" in given else child.birth_at
    due = payload.due_date if "due_date" in given else child.due_date
    try:
        due = date.fromisoformat(due) if isinstance(due, str) else due
    except ValueError:
        due = None  # the baby's form says what is wrong with it
    form = RememberedForm({"died_on": value}, child=Child(birth_at=born, due_date=due))
    if not form.is_valid():
        from django.core.exceptions import ValidationError

        raise ValidationError({k: list(v) for k, v in form.errors.items()})
    return form.cleaned_data["died_on"]


@router.patch("/children/{int:child_id}", response=ChildOut, summary="Change a baby's details "
              "(parents)")
def update_child(request, child_id: int, payload: ChildPatch):
    child = household_child(request, child_id)
    parent(request)
    told = "died_on" in payload.model_fields_set
    died = _died_on(child, payload) if told else None
    if told:
        # Saved with the rest of the baby (the form checks the birth against it too).
        child.died_on = died
    return child_out(_save_child(request, payload, instance=child))


@router.delete("/children/{int:child_id}", response={204: None},
               summary="Remove a baby and everything logged for them (parents)")
def delete_child(request, child_id: int):
    child = household_child(request, child_id)
    parent(request)
    child.delete()
    return Status(204, None)

"""Her own data over the API: check-ins, screenings and support contacts. Each person
reads and changes only what she wrote; nothing here is visible to other members."""

import io
import json
from datetime import datetime
from decimal import Decimal
from typing import Literal

import ijson
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nestwell.api import errors
from nestwell.api.common import Body, Paging, aware, page, paged
from nestwell.forms import whole_number
from nestwell.wellbeing import questionnaires, services
from nestwell.wellbeing.forms import SupportContactForm, checkin_form
from nestwell.wellbeing.models import (
    CheckIn,
    ScreeningResponse,
    SupportContact,
    signals_risk,
)
from nestwell.wellbeing.names import baby_names

router = Router(tags=["wellbeing"])
SUPPORT_PATH = "/support/"


@errors.support_when
def _refused_but_at_risk(request) -> bool:
    """A check-in or questionnaire refused for another reason that still says she may not
    be safe: its error carries support_url too."""
    if request.method != "POST":
        return False
    path = request.path.rstrip("/")
    if not (path.endswith("/checkins") or path.endswith("/screenings")):
        return False
    try:
        data = _answers_in(request.body)
    except (ValueError, UnicodeDecodeError, RequestDataTooBig, ijson.JSONError):
        return False
    if not isinstance(data, dict):
        return False
    if path.endswith("/checkins"):
        return signals_risk(data.get("kind"), data, _names_if_readable(request))
    name = data.get("instrument")
    # "PHQ9", "phq-9": refused as a name, still read for what the answers say.
    instrument = questionnaires.get(name.lower().replace("-", "").strip()) \
        if isinstance(name, str) else None
    answers = data.get("answers")
    if isinstance(answers, str):  # "0,0,0,0,0,0,0,0,2"
        answers = [whole_number(a.strip(), max_digits=3) for a in answers.split(",")]
    return instrument is not None and isinstance(answers, list) and questionnaires.risk_in(
        instrument, answers)


def _answers_in(body):
    """The JSON object of a refused request. One nested too deeply for ``json.loads``
    (a RecursionError) is read without recursion, down to what an answer can be: each
    value at the top, and each item of a list there; anything deeper is None. A risk
    answer next to such a value still reaches the support page."""
    try:
        return json.loads(body)
    except RecursionError:
        pass
    data, key, depth, items = {}, None, 0, None
    for event, value in ijson.basic_parse(io.BytesIO(body)):  # no prefixes: they grow with depth
        opens, closes = event in ("start_map", "start_array"), event in ("end_map", "end_array")
        if depth == 0 and event != "start_map":
            return None
        if depth == 1 and event == "map_key":
            key = value
        elif depth == 1 and not (opens or closes):
            data[key] = value
        elif depth == 1 and opens:
            items = [] if event == "start_array" else None
            data[key] = items
        elif depth == 2 and items is not None and not closes:
            items.append(None if opens else value)
        depth += opens - closes
    return data


def _form_errors(form):
    raise ValidationError({name if name != "__all__" else "request": list(errors)
                           for name, errors in form.errors.items()})


# --- Check-ins -----------------------------------------------------------------------

class CheckInIn(Schema):
    kind: Literal["full", "short"] = Field(
        "full", description="short: mood, sleep, support, closeness and safety only "
                            "(no energy or stress); a very low mood then also sets support_url")
    mood: int = Field(..., ge=1, le=5)
    connection: int | None = Field(
        None, ge=1, le=5, description="how close she feels to her baby; required unless "
                                      "every baby of the household has died (then not asked)")
    sleep_hours: Decimal | None = Field(None, ge=0, le=24)
    energy: int | None = Field(None, ge=1, le=5, description="required in a full check-in")
    stress: int | None = Field(None, ge=1, le=5, description="required in a full check-in")
    support: int = Field(..., ge=1, le=5)
    safety: str = Field(..., description="safe, unsure or not_safe")
    note: str = Field("", max_length=2000)


class CheckInOut(Schema):
    id: int
    created_at: datetime
    kind: str
    mood: int
    connection: int | None
    sleep_hours: Decimal | None
    energy: int | None
    stress: int | None
    support: int
    safety: str
    note: str
    needs_support: bool
    support_url: str | None
    offer_support: bool


def _names_if_readable(request):
    """Her babies' names, for a refused check-in's note; none when they cannot be read
    (this also answers for a server failing before the API, the database down)."""
    try:
        return baby_names(getattr(request, "household", None))
    except Exception:  # the error's answer must never fail for this
        return []


def checkin_out(c, names=None):
    if names is not None:
        c.baby_names = names
    return {"id": c.pk, "created_at": c.created_at, "kind": c.kind, "mood": c.mood,
            "connection": c.connection, "sleep_hours": c.sleep_hours, "energy": c.energy,
            "stress": c.stress, "support": c.support, "safety": c.safety, "note": c.note,
            "needs_support": c.needs_support,
            "support_url": SUPPORT_PATH if c.needs_support else None,
            # A hard time without a safety answer (a very low mood; overwhelmed and alone):
            # her page offers who she can reach, as a script may (needs_support: go there).
            "offer_support": c.needs_support or c.heavy}


def _mine(model, request, owner="author"):
    return model.objects.filter(household=request.household, **{owner: request.user})


class Window(Schema):
    since: datetime | None = None
    until: datetime | None = None


def _window(rows, window):
    if window.since:
        rows = rows.filter(created_at__gte=aware(window.since))
    if window.until:
        rows = rows.filter(created_at__lt=aware(window.until))
    return rows


@router.get("/checkins", summary="Your check-ins, newest first",
            **paged("CheckInOut"))
def list_checkins(request, window: Query[Window], paging: Query[Paging]):
    names = baby_names(request.household)  # once, for every row's needs_support
    return page(_window(_mine(CheckIn, request), window).order_by("-created_at"), paging,
                lambda c: checkin_out(c, names))


@router.post("/checkins", response={201: CheckInOut},
             summary="A check-in; when she may not be safe, support_url is set: show it")
def create_checkin(request, payload: CheckInIn):
    data = payload.dict()
    data["sleep_hours"] = "" if data["sleep_hours"] is None else str(data["sleep_hours"])
    form = checkin_form(data.pop("kind"), {name: "" if value is None else value
                                           for name, value in data.items()},
                        closeness=services.answered_closeness(data, request.household))
    if not form.is_valid():
        _form_errors(form)
    entry = form.save(commit=False)
    entry.household, entry.author = request.household, request.user
    entry.save()
    entry.baby_names = baby_names(request.household)
    return Status(201, checkin_out(entry))


@router.get("/checkins/{int:checkin_id}", response=CheckInOut)
def get_checkin(request, checkin_id: int):
    return checkin_out(get_object_or_404(_mine(CheckIn, request), pk=checkin_id),
                       baby_names(request.household))


@router.delete("/checkins/{int:checkin_id}", response={204: None})
def delete_checkin(request, checkin_id: int):
    get_object_or_404(_mine(CheckIn, request), pk=checkin_id).delete()
    return Status(204, None)


# --- Screenings ----------------------------------------------------------------------

class ScreeningIn(Schema):
    instrument: str = Field(..., description="phq9, gad7, phq2, gad2, pbq, maas or epds "
                            "(epds needs an organisation's content pack)")
    answers: list[int] = Field(..., description="Option positions in published order, "
                               "0 = the first option")


class ScreeningOut(Schema):
    id: int
    instrument: str
    version: str
    created_at: datetime
    answers: list[int] | None
    total: int
    subscales: dict
    band: str
    band_label: str
    safety: list[int]
    # Safety questions whose score a paper total left out: unknown, never a 0.
    safety_unanswered: list[int]
    entry: str
    support_url: str | None


def screening_out(s):
    return {"id": s.pk, "instrument": s.instrument, "version": s.version,
            "created_at": s.created_at, "answers": s.answers, "total": s.total,
            "subscales": s.subscales, "band": s.band, "band_label": s.band_label,
            "safety": s.safety, "safety_unanswered": s.safety_unanswered or [],
            "entry": s.entry, "support_url": SUPPORT_PATH if s.safety else None}


@router.get("/screenings", summary="Your questionnaire results, newest first",
            **paged("ScreeningOut"))
def list_screenings(request, window: Query[Window], paging: Query[Paging],
                    instrument: str | None = None):
    rows = _window(_mine(ScreeningResponse, request), window)
    if instrument:
        rows = rows.filter(instrument=instrument)
    return page(rows.order_by("-created_at"), paging, screening_out)


@router.post("/screenings", response={201: ScreeningOut},
             summary="Score and keep a full set of answers; safety answers set support_url")
def create_screening(request, payload: ScreeningIn):
    instrument = questionnaires.get(payload.instrument)
    if instrument is None or not questionnaires.can_answer_in_app(instrument):
        raise ValidationError({"instrument": ["This questionnaire is not available here."]})
    try:
        saved = questionnaires.save(household=request.household, author=request.user,
                                    instrument=instrument, answers=payload.answers)
    except questionnaires.AnswersRejected as exc:
        raise ValidationError({"answers": [str(exc)]}) from exc
    return Status(201, screening_out(saved))


@router.get("/screenings/{int:screening_id}", response=ScreeningOut)
def get_screening(request, screening_id: int):
    return screening_out(get_object_or_404(_mine(ScreeningResponse, request), pk=screening_id))


@router.delete("/screenings/{int:screening_id}", response={204: None})
def delete_screening(request, screening_id: int):
    get_object_or_404(_mine(ScreeningResponse, request), pk=screening_id).delete()
    return Status(204, None)


# --- Support contacts ----------------------------------------------------------------

class ContactIn(Body):
    name: str = Field(..., min_length=1, max_length=80)
    role: str = Field(..., description="midwife, health_visitor, gp, counsellor, …")
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    note: str = Field("", max_length=200)
    for_household: bool = Field(False, description="everyone in the household can call "
                                "this number (for the baby's care team)")


class ContactPatch(Body):
    name: str | None = Field(None, min_length=1, max_length=80)
    role: str | None = None
    phone: str | None = Field(None, max_length=30)
    email: str | None = Field(None, max_length=254)
    note: str | None = Field(None, max_length=200)
    for_household: bool | None = None


class ContactOut(Schema):
    id: int
    name: str
    role: str
    phone: str
    email: str
    note: str
    for_household: bool


def contact_out(c):
    return {"id": c.pk, "name": c.name, "role": c.role, "phone": c.phone, "email": c.email,
            "note": c.note, "for_household": c.for_household}


def _save_contact(request, data, instance=None):
    form = SupportContactForm(data, instance=instance)
    if not form.is_valid():
        _form_errors(form)
    with transaction.atomic():
        contact = form.save(commit=False)
        contact.household, contact.owner = request.household, request.user
        contact.save()
    return contact


@router.get("/contacts", response=list[ContactOut], summary="Your support contacts")
def list_contacts(request):
    return [contact_out(c) for c in _mine(SupportContact, request, "owner")[:200]]


@router.post("/contacts", response={201: ContactOut})
def create_contact(request, payload: ContactIn):
    return Status(201, contact_out(_save_contact(request, payload.dict())))


@router.get("/contacts/{int:contact_id}", response=ContactOut)
def get_contact(request, contact_id: int):
    return contact_out(get_object_or_404(_mine(SupportContact, request, "owner"),
                                         pk=contact_id))


@router.patch("/contacts/{int:contact_id}", response=ContactOut)
def update_contact(request, contact_id: int, payload: ContactPatch):
    contact = get_object_or_404(_mine(SupportContact, request, "owner"), pk=contact_id)
    data = {**contact_out(contact), **payload.dict(exclude_unset=True)}
    return contact_out(_save_contact(request, data, instance=contact))


@router.delete("/contacts/{int:contact_id}", response={204: None})
def delete_contact(request, contact_id: int):
    get_object_or_404(_mine(SupportContact, request, "owner"), pk=contact_id).delete()
    return Status(204, None)

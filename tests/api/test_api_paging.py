"""Every list of the API pages the same way: ``items``, ``limit``, ``offset``,
``next_offset`` (null on the last page) and ``count`` (how many match in all, only with
``count=true``: it reads every match), and says so in the OpenAPI document."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.milestones.models import Milestone
from tests.api.test_api_authorization import OPERATIONS

LISTS = {"/api/v1/moments": "MomentOut", "/api/v1/cues": "CueOut",
         "/api/v1/milestones": "MilestoneOut", "/api/v1/checkins": "CheckInOut",
         "/api/v1/screenings": "ScreeningOut", "/api/v1/growth": "MeasurementOut",
         "/api/v1/nappies": "NappyOut", "/api/v1/temperatures": "TemperatureOut",
         "/api/v1/pumping": "PumpingOut", "/api/v1/milk": "MilkOut",
         "/api/v1/wonderings": "WonderingOut", "/api/v1/photos": "PhotoOut",
         "/api/v1/handover/notes": "NoteOut",
         "/api/v1/medicines": "MedicineOut", "/api/v1/doses": "DoseOut"}
SHAPE = {"items", "limit", "offset", "next_offset", "count"}


@pytest.fixture
def openapi(client):
    return client.get("/api/v1/openapi.json").json()


def test_every_list_is_described_as_a_page(openapi):
    paged = {path for path, operations in openapi["paths"].items()
             if "next_offset" in str(operations.get("get", {}).get("responses", {}))}
    assert paged == set(LISTS)
    for path, item in LISTS.items():
        operation = openapi["paths"][path]["get"]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert set(schema["required"]) == SHAPE
        assert schema["properties"]["items"]["items"]["$ref"].endswith(f"/{item}")
        assert item in openapi["components"]["schemas"]
        assert {p["name"] for p in operation["parameters"]} >= {"limit", "offset", "count"}
        assert "count=true" in operation["description"]


def test_the_lists_are_the_api_authorization_matrix_lists():
    listed = {path for method, path in OPERATIONS if method == "GET" and "{" not in path}
    assert set(LISTS) <= listed


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(LISTS))
def test_every_list_pages_alike(api_for, alice, nora, path):
    api = api_for(alice)
    answer = api.get(f"{path}?limit=1")
    assert answer.status_code == 200 and set(answer.data) == SHAPE
    assert answer.data["count"] is None and answer.data["limit"] == 1
    assert api.get(f"{path}?count=true").data["count"] == len(api.get(path).data["items"])


@pytest.mark.django_db
def test_next_offset_and_count_on_milestones(api_for, alice, nora, household):
    today = timezone.localdate()
    for kind in ("first_smile", "first_laugh", "rolled_over"):
        Milestone.objects.create(household=household, child=nora, kind=kind,
                                 happened_on=today, created_by=alice)
    api = api_for(alice)
    first = api.get("/api/v1/milestones?limit=2").data
    assert first["next_offset"] == 2 and len(first["items"]) == 2
    last = api.get(f"/api/v1/milestones?limit=2&offset={first['next_offset']}").data
    assert last["next_offset"] is None and len(last["items"]) == 1
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in last["items"]})
    with CaptureQueriesContext(connection) as plain:
        api.get("/api/v1/milestones?limit=2")
    with CaptureQueriesContext(connection) as counted:
        assert api.get("/api/v1/milestones?limit=2&count=true").data["count"] == 3
    assert len(counted) == len(plain) + 1  # the count is the one query more

"""Growth over the API: keep, list with WHO centiles, change with a version, remove; bad
input is a 422 and changes nothing; the list costs the same queries however long."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.growth.models import Measurement


def _day(ago=0):
    return (timezone.localdate() - timedelta(days=ago)).isoformat()


@pytest.fixture
def girl(nora):
    nora.sex = "female"
    nora.save()
    return nora


def test_the_api_keeps_lists_changes_and_removes_measurements(api_for, alice, girl):
    api = api_for(alice)
    made = api.call("POST", "/api/v1/growth", {
        "child": girl.pk, "measured_on": _day(), "weight_grams": 4200, "length_cm": 54.3,
        "measured_by": "health_visitor"})
    assert made.status_code == 201, made.data
    assert made.data["length_cm"] == 54.3 and made.data["age_days"] == 30
    assert set(made.data["scores"]) == {"wfa", "lfa", "wfl"}
    assert 0 < made.data["scores"]["wfa"]["centile"] < 100
    listed = api.call("GET", f"/api/v1/growth?child={girl.pk}&since={_day(1)}&count=true")
    assert listed.data["count"] == 1 and listed.data["items"][0]["weight_grams"] == 4200
    assert api.call("GET", f"/api/v1/growth?until={_day(1)}").data["items"] == []
    path = f"/api/v1/growth/{made.data['id']}"
    changed = api.call("PATCH", path, {"version": 1, "weight_grams": None, "head_cm": 37.2})
    assert changed.status_code == 200 and changed.data["version"] == 2
    assert changed.data["weight_grams"] is None and changed.data["head_cm"] == 37.2
    stale = api.call("PATCH", path, {"version": 1, "note": "older"})
    assert stale.status_code == 409 and stale.data["error"]["code"] == "stale"
    assert api.call("DELETE", path).status_code == 204
    assert api.call("GET", path).status_code == 404


def test_the_same_external_id_twice_is_a_conflict(api_for, alice, girl):
    body = {"child": girl.pk, "measured_on": _day(), "weight_grams": 4200,
            "external_id": "bb-weight-1"}
    assert api_for(alice).call("POST", "/api/v1/growth", body).status_code == 201
    assert api_for(alice).call("POST", "/api/v1/growth", body).status_code == 409
    assert Measurement.objects.count() == 1


@pytest.mark.parametrize(("body", "field"), [
    ({}, "weight_grams"),
    ({"weight_grams": 42}, "weight_grams"),
    ({"length_cm": 300.0}, "length_mm"),
    ({"head_cm": 5}, "head_mm"),
    ({"head_cm": 1e308}, "head_cm"),
    ({"weight_grams": 10**12}, "weight_grams"),
    ({"weight_grams": 4000, "measured_by": "neighbour"}, "measured_by"),
    ({"weight_grams": 4000, "measured_on": "2099-01-01"}, "measured_on"),
    ({"weight_grams": 4000, "measured_on": "not a date"}, "measured_on"),
])
def test_the_api_refuses_bad_measurements_clearly(api_for, alice, girl, body, field):
    response = api_for(alice).call("POST", "/api/v1/growth", {
        "child": girl.pk, "measured_on": _day(), **body})
    assert response.status_code == 422
    assert field in str(response.data["error"])
    assert not Measurement.objects.exists()


def test_the_list_costs_the_same_queries_however_long(api_for, alice, girl):
    api = api_for(alice)

    def queries():
        with CaptureQueriesContext(connection) as seen:
            assert api.call("GET", "/api/v1/growth").status_code == 200
        return len(seen)

    Measurement.objects.create(household=girl.household, child=girl,
                               measured_on=timezone.localdate(), weight_grams=4000)
    queries()  # the first call also notes when the token was used
    few = queries()
    Measurement.objects.bulk_create([
        Measurement(household=girl.household, child=girl,
                    measured_on=timezone.localdate() - timedelta(days=i % 29),
                    weight_grams=3300 + i * 10) for i in range(30)])
    assert queries() == few


def test_the_childs_sex_is_kept_by_a_patch_that_leaves_it_out(api_for, alice, girl):
    api = api_for(alice)
    assert api.call("GET", f"/api/v1/children/{girl.pk}").data["sex"] == "female"
    assert api.call("PATCH", f"/api/v1/children/{girl.pk}", {"name": "Nora Jane"}
                    ).status_code == 200
    girl.refresh_from_db()
    assert (girl.name, girl.sex) == ("Nora Jane", "female")
    assert api.call("PATCH", f"/api/v1/children/{girl.pk}", {"sex": "male"}).data["sex"] \
        == "male"
    bad = api.call("PATCH", f"/api/v1/children/{girl.pk}", {"sex": "unknown"})
    assert bad.status_code == 422 and "sex" in str(bad.data["error"])

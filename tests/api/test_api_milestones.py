"""Milestones over the API: keep, list, change with a version, remove; bad input is a 422."""

import pytest
from django.utils import timezone

from nestwell.milestones.models import Milestone


def _today():
    return timezone.localdate().isoformat()


def test_the_api_keeps_lists_changes_and_removes_firsts(api_for, alice, nora):
    api = api_for(alice)
    made = api.call("POST", "/api/v1/milestones", {
        "child": nora.pk, "kind": "first_laugh", "happened_on": _today(), "note": "Bath time"})
    assert made.status_code == 201, made.data
    assert made.data["label"] == "First laugh" and made.data["version"] == 1
    listed = api.call("GET", f"/api/v1/milestones?child={nora.pk}")
    assert len(listed.data["items"]) == 1 and listed.data["items"][0]["note"] == "Bath time"
    assert listed.data["next_offset"] is None
    path = f"/api/v1/milestones/{made.data['id']}"
    changed = api.call("PATCH", path, {"version": 1, "note": "Bath time, with Dad"})
    assert changed.status_code == 200 and changed.data["version"] == 2
    stale = api.call("PATCH", path, {"version": 1, "note": "older"})
    assert stale.status_code == 409 and stale.data["error"]["code"] == "stale"
    assert api.call("DELETE", path).status_code == 204
    assert api.call("GET", path).status_code == 404


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "dances"}, "kind"),
    ({"kind": "other"}, "title"),
    ({"kind": "first_smile", "happened_on": "2099-01-01"}, "happened_on"),
    ({"kind": "first_smile", "happened_on": "not a date"}, "happened_on"),
])
def test_the_api_refuses_bad_firsts_clearly(api_for, alice, nora, body, field):
    response = api_for(alice).call("POST", "/api/v1/milestones", {
        "child": nora.pk, "happened_on": _today(), **body})
    assert response.status_code == 422
    assert field in str(response.data["error"])
    assert not Milestone.objects.exists()


def test_the_same_external_id_twice_is_a_conflict(api_for, alice, nora):
    body = {"child": nora.pk, "kind": "waves", "happened_on": _today(), "external_id": "bb-7"}
    assert api_for(alice).call("POST", "/api/v1/milestones", body).status_code == 201
    assert api_for(alice).call("POST", "/api/v1/milestones", body).status_code == 409
    assert Milestone.objects.count() == 1


def test_the_same_external_id_is_refused_by_the_database_too(household, nora):
    from django.db import IntegrityError, transaction

    Milestone.objects.create(household=household, child=nora, kind="waves",
                             happened_on=timezone.localdate(), external_id="bb-8")
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(household=household, child=nora, kind="sits",
                                 happened_on=timezone.localdate(), external_id="bb-8")
    # Without an id, any number are fine.
    for kind in ("sits", "crawls"):
        Milestone.objects.create(household=household, child=nora, kind=kind,
                                 happened_on=timezone.localdate())


def test_firsts_are_filtered_by_kind_and_day(api_for, alice, nora):
    from datetime import timedelta

    api = api_for(alice)
    today = timezone.localdate()
    for kind, days_ago in (("first_smile", 10), ("first_laugh", 2)):
        assert api.call("POST", "/api/v1/milestones", {
            "child": nora.pk, "kind": kind,
            "happened_on": (today - timedelta(days=days_ago)).isoformat()}).status_code == 201
    week_ago = (today - timedelta(days=7)).isoformat()
    assert [m["kind"] for m in api.call(
        "GET", f"/api/v1/milestones?since={week_ago}").data["items"]] == ["first_laugh"]
    assert [m["kind"] for m in api.call(
        "GET", f"/api/v1/milestones?until={week_ago}").data["items"]] == ["first_smile"]
    assert api.call("GET", "/api/v1/milestones?kind=first_laugh&count=true").data["count"] == 1

"""PATCH with ``child`` moves a moment to another baby of the household (logged for the
wrong twin); a baby of another household is a 404 and changes nothing."""

from datetime import timedelta

from django.utils import timezone

from nestwell.children.models import Child
from nestwell.journal.models import Moment


def test_the_api_moves_it_with_child(api_for, alice, household, nora, sam):
    ben = Child.objects.create(household=household, name="Ben",
                               birth_at=timezone.now() - timedelta(days=30))
    feed = Moment.objects.create(household=household, child=nora, kind="talk",
                                 started_at=timezone.now() - timedelta(hours=1),
                                 actor=alice)
    api = api_for(alice)
    moved = api.patch(f"/api/v1/moments/{feed.pk}", {"version": 1, "child": ben.pk})
    assert moved.status_code == 200, moved.data
    assert (moved.data["child"], moved.data["version"]) == (ben.pk, 2)
    other = api.patch(f"/api/v1/moments/{feed.pk}", {"version": 2, "child": sam.pk})
    assert other.status_code == 404
    feed.refresh_from_db()
    assert (feed.child, feed.version) == (ben, 2)


def test_a_nappy_and_a_temperature_move_with_child(api_for, alice, household, nora, sam):
    ben = Child.objects.create(household=household, name="Ben",
                               birth_at=timezone.now() - timedelta(days=30))
    api = api_for(alice)
    nappy = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet"}).data
    warm = api.post("/api/v1/temperatures", {"child": nora.pk, "celsius": "37.2"}).data
    assert api.patch(f"/api/v1/nappies/{nappy['id']}",
                     {"version": 1, "child": sam.pk}).status_code == 404
    moved = api.patch(f"/api/v1/nappies/{nappy['id']}", {"version": 1, "child": ben.pk})
    assert (moved.status_code, moved.data["child"]) == (200, ben.pk), moved.data
    moved = api.patch(f"/api/v1/temperatures/{warm['id']}", {"version": 1, "child": ben.pk})
    assert (moved.status_code, moved.data["child"]) == (200, ben.pk), moved.data


def test_a_moment_of_one_tap_cannot_run_as_a_timer(api_for, alice, nora):
    # A talk started "running" sat on Today as a timer nobody could make sense of.
    api = api_for(alice)
    refused = api.post("/api/v1/moments", {"child": nora.pk, "kind": "talk", "running": True})
    assert refused.status_code == 422 and "running" in refused.data["error"]["fields"]
    assert not Moment.objects.exists()
    timer = api.post("/api/v1/moments", {"child": nora.pk, "kind": "skin_to_skin",
                                         "running": True})
    assert timer.status_code == 201 and timer.data["running"]


def test_a_patch_of_details_changes_what_it_names_and_keeps_the_rest(api_for, alice, nora):
    api = api_for(alice)
    now = timezone.now()
    feed = api.post("/api/v1/moments", {
        "child": nora.pk, "kind": "feeding", "started_at": (now - timedelta(hours=1)).isoformat(),
        "ended_at": (now - timedelta(minutes=40)).isoformat(),
        "details": {"method": "bottle", "amount_ml": 90, "milk": "formula"}}).data
    changed = api.patch(f"/api/v1/moments/{feed['id']}",
                        {"version": feed["version"], "details": {"amount_ml": 100,
                                                                  "milk": None}})
    assert changed.status_code == 200, changed.data
    assert changed.data["details"] == {"method": "bottle", "amount_ml": 100}


def test_every_answer_under_the_api_is_json(api_for, alice):
    api = api_for(alice)
    for path in ("/api/v1/moments/abc", "/api/v1/nope", "/api/v1/moments/"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.data["error"]["code"] == "not_found", path
    response = api.call("PUT", "/api/v1/moments", {})
    assert response.status_code == 405 and "GET" in response["Allow"]
    assert "does not take PUT" in response.data["error"]["message"]

"""Pumping and the milk store over the API: the services' rules, ml or fl oz, moves that
work out the use-by again, and 409 for a save from an older version."""

from datetime import timedelta

from django.utils import timezone

from nestwell.milk.models import MilkBag, PumpingSession


def _iso(**kw):
    return (timezone.now() - timedelta(**kw)).isoformat()


def test_a_session_in_fl_oz_goes_into_the_freezer_in_one_call(api_for, alice, nora):
    api = api_for(alice)
    response = api.post("/api/v1/pumping", {"child": nora.pk, "amount_oz": "3",
                                            "side": "left", "minutes": 15,
                                            "started_at": _iso(hours=1), "store": "freezer"})
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["amount_ml"] == 89 and len(made["stored"]) == 1
    bag = api.get(f"/api/v1/milk/{made['stored'][0]}").json()
    assert bag["place"] == "freezer" and bag["session"] == made["id"]
    listed = api.get(f"/api/v1/pumping?child={nora.pk}&side=left").json()
    assert [s["id"] for s in listed["items"]] == [made["id"]]
    assert api.get("/api/v1/pumping?side=right").json()["items"] == []


def test_moves_and_the_thawed_rule(api_for, bob, nora):
    api = api_for(bob)
    bag = api.post("/api/v1/milk", {"child": nora.pk, "amount_ml": 120,
                                    "expressed_at": _iso(days=3), "place": "fridge"}).json()
    moved = api.patch(f"/api/v1/milk/{bag['id']}", {"version": bag["version"],
                                                    "place": "freezer"}).json()
    assert moved["use_by"] > bag["use_by"]
    thawed = api.patch(f"/api/v1/milk/{bag['id']}", {"version": moved["version"],
                                                     "place": "thawed"}).json()
    assert thawed["place"] == "thawed" and thawed["thawed_at"]
    back = api.patch(f"/api/v1/milk/{bag['id']}", {"version": thawed["version"],
                                                   "place": "freezer"})
    assert back.status_code == 422 and "not frozen again" in back.content.decode()
    used = api.patch(f"/api/v1/milk/{bag['id']}", {"version": thawed["version"],
                                                   "state": "used"}).json()
    assert used["state"] == "used"
    assert api.get("/api/v1/milk").json()["items"] == []
    assert [b["id"] for b in api.get("/api/v1/milk?state=used").json()["items"]] == [
        bag["id"]]


def test_the_store_lists_soonest_use_by_first(api_for, alice, nora):
    api = api_for(alice)
    for place, days in (("freezer", 1), ("fridge", 2), ("room", 0)):
        api.post("/api/v1/milk", {"child": nora.pk, "amount_ml": 50, "place": place,
                                  "expressed_at": _iso(days=days, minutes=5)})
    assert [b["place"] for b in api.get("/api/v1/milk").json()["items"]] == [
        "room", "fridge", "freezer"]


def test_a_stale_save_is_409_and_changes_nothing(api_for, alice, nora):
    api = api_for(alice)
    made = api.post("/api/v1/pumping", {"child": nora.pk, "amount_ml": 60}).json()
    assert api.patch(f"/api/v1/pumping/{made['id']}", {"version": 1,
                                                       "amount_ml": 70}).status_code == 200
    late = api.patch(f"/api/v1/pumping/{made['id']}", {"version": 1, "amount_ml": 80})
    assert late.status_code == 409 and late.json()["error"]["code"] == "stale"
    assert PumpingSession.objects.get().amount_ml == 70
    bag = api.post("/api/v1/milk", {"child": nora.pk, "amount_ml": 60}).json()
    api.patch(f"/api/v1/milk/{bag['id']}", {"version": 1, "place": "freezer"})
    assert api.patch(f"/api/v1/milk/{bag['id']}", {"version": 1, "state": "discarded"}
                     ).status_code == 409
    assert MilkBag.objects.get().state == "kept"


def test_bad_input_is_422_and_keeps_nothing(api_for, alice, nora):
    api = api_for(alice)
    for body in ({"amount_ml": 5000}, {"amount_ml": 10, "amount_oz": 1}, {"side": "middle"},
                 {"store": "fridge"}, {"amount_ml": 10, "store": "thawed"},
                 {"started_at": (timezone.now() + timedelta(hours=3)).isoformat()}):
        assert api.post("/api/v1/pumping", {"child": nora.pk, **body}).status_code == 422, body
    for body in ({"amount_ml": 50, "place": "thawed"}, {}, {"amount_ml": 50, "place": "shed"}):
        assert api.post("/api/v1/milk", {"child": nora.pk, **body}).status_code == 422, body
    assert not PumpingSession.objects.exists() and not MilkBag.objects.exists()


def test_colostrum_before_the_birth_from_36_weeks(api_for, alice, household):
    from nestwell.children.models import Child

    today = timezone.localdate()
    bean = Child.objects.create(household=household, name="Bean",
                                due_date=today + timedelta(weeks=3))
    api = api_for(alice)
    made = api.post("/api/v1/pumping", {"child": bean.pk, "amount_ml": 1,
                                        "started_at": _iso(hours=1), "store": "freezer"})
    assert made.status_code == 201, made.content
    early = api.post("/api/v1/milk", {"child": bean.pk, "amount_ml": 1, "place": "freezer",
                                      "expressed_at": _iso(days=10)})  # 35+4
    assert early.status_code in (400, 422) and "36 weeks" in early.content.decode()
    assert MilkBag.objects.count() == 1

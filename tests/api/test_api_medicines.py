"""Medicines and doses over the API: the same conventions as the other endpoints (filters,
paging, 409 on a stale save or a repeated external_id, clear refusals, other households
kept out, viewers only reading)."""

from datetime import datetime, timedelta

from django.utils import timezone

from nestwell.medicines.models import Dose, Medicine


def _paracetamol(api, child):
    made = api.post("/api/v1/medicines", {
        "child": child.pk, "name": "Paracetamol", "dose": "2.5", "unit": "ml",
        "form": "liquid", "schedule": "spaced", "min_hours": "4", "most_per_day": 4})
    assert made.status_code == 201, made.data
    return made.data


def test_a_medicine_and_its_doses_kept_listed_and_read_back(api_for, alice, nora):
    api = api_for(alice)
    medicine = _paracetamol(api, nora)
    assert medicine["next_dose_not_before"] is None and medicine["given_today"] == 0
    given = (timezone.now() - timedelta(hours=1)).replace(microsecond=0)
    dose = api.post("/api/v1/doses", {"medicine": medicine["id"],
                                      "given_at": given.isoformat()})
    assert dose.status_code == 201, dose.data
    assert dose.data["amount"] in ("2.50", "2.5", 2.5) and dose.data["unit"] == "ml"
    assert dose.data["given_by"] == alice.pk and dose.data["medicine_name"] == "Paracetamol"
    read = api.get(f"/api/v1/medicines/{medicine['id']}").data
    assert datetime.fromisoformat(read["next_dose_not_before"]) == given + timedelta(hours=4)
    api.post("/api/v1/doses", {"medicine": medicine["id"], "amount": "5", "unit": "ml"})
    assert api.get("/api/v1/doses?count=true").data["count"] == 2
    assert api.get(f"/api/v1/doses?medicine={medicine['id']}&count=true").data["count"] == 2
    since = (timezone.now() - timedelta(minutes=30)).isoformat().replace("+", "%2B")
    assert len(api.get(f"/api/v1/doses?since={since}").data["items"]) == 1
    assert api.get("/api/v1/medicines?stopped=true").data["items"] == []


def test_stale_saves_are_a_409(api_for, alice, nora):
    api = api_for(alice)
    medicine = _paracetamol(api, nora)
    changed = api.patch(f"/api/v1/medicines/{medicine['id']}", {"version": 1,
                                                                "min_hours": "6"})
    assert changed.status_code == 200 and changed.data["version"] == 2
    stale = api.patch(f"/api/v1/medicines/{medicine['id']}", {"version": 1, "note": "x"})
    assert stale.status_code == 409 and stale.data["error"]["code"] == "stale"
    dose = api.post("/api/v1/doses", {"medicine": medicine["id"]}).data
    assert api.patch(f"/api/v1/doses/{dose['id']}", {"version": 1, "note": "a"}
                     ).status_code == 200
    stale = api.patch(f"/api/v1/doses/{dose['id']}", {"version": 1, "note": "b"})
    assert stale.status_code == 409 and stale.data["error"]["code"] == "stale"
    assert Dose.objects.get().note == "a"


def test_bad_input_is_refused_with_a_reason_and_nothing_kept(api_for, alice, nora):
    api = api_for(alice)
    refused = api.post("/api/v1/medicines", {"child": nora.pk, "name": "X",
                                             "schedule": "spaced"})
    assert refused.status_code == 422 and "min_hours" in refused.data["error"]["fields"]
    medicine = _paracetamol(api, nora)
    future = (timezone.now() + timedelta(hours=2)).isoformat()
    for body in ({"given_at": future}, {"amount": "-2", "unit": "ml"},
                 {"amount": "2", "unit": "spoon"}):
        refused = api.post("/api/v1/doses", {"medicine": medicine["id"], **body})
        assert refused.status_code == 422, body
    assert Medicine.objects.count() == 1 and not Dose.objects.exists()


def test_the_same_external_id_twice_is_a_conflict(api_for, alice, nora):
    api = api_for(alice)
    medicine = _paracetamol(api, nora)
    body = {"medicine": medicine["id"], "external_id": "bb-1"}
    assert api.post("/api/v1/doses", body).status_code == 201
    assert api.post("/api/v1/doses", body).status_code == 409


def test_another_household_cannot_give_our_medicine(api_for, alice, mallory, nora, sam):
    medicine = _paracetamol(api_for(alice), nora)
    refused = api_for(mallory).post("/api/v1/doses", {"medicine": medicine["id"]})
    assert refused.status_code == 404
    assert api_for(mallory).get("/api/v1/medicines").data["items"] == []
    assert api_for(mallory).get(f"/api/v1/medicines/{medicine['id']}").status_code == 404
    assert not Dose.objects.exists()


def test_a_viewer_reads_but_cannot_give(api_for, alice, carol, nora):
    medicine = _paracetamol(api_for(alice), nora)
    assert api_for(carol).get("/api/v1/medicines").status_code == 200
    assert api_for(carol).post("/api/v1/doses", {"medicine": medicine["id"]}
                               ).status_code == 403
    assert not Dose.objects.exists()


def test_an_amount_without_its_unit_is_refused_not_guessed(api_for, alice, nora):
    """Only the form's "The usual one" takes the medicine's unit: a script sending an
    amount with no unit is told, not guessed for (the review)."""
    api = api_for(alice)
    medicine = _paracetamol(api, nora)
    refused = api.post("/api/v1/doses", {"medicine": medicine["id"], "amount": "5",
                                         "unit": ""})
    assert refused.status_code == 422 and not Dose.objects.exists()
    assert "unit" in str(refused.data)

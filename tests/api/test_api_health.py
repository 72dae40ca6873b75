"""Nappies and temperatures over the API: the same conventions as the other endpoints
(filters, paging, 409 on a stale save or a repeated external_id, clear refusals)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from nestwell.health.models import Nappy, Temperature


def test_a_nappy_is_kept_listed_filtered_and_changed(api_for, alice, nora):
    api = api_for(alice)
    made = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "dirty", "colour": "pale",
                                        "consistency": "soft"})
    assert made.status_code == 201, made.data
    assert made.data["pale"] is True and made.data["version"] == 1
    api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet"})
    assert api.get("/api/v1/nappies?count=true").data["count"] == 2
    assert api.get("/api/v1/nappies?kind=wet&count=true").data["count"] == 1
    since = (timezone.now() + timedelta(minutes=1)).isoformat().replace("+", "%2B")
    assert api.get(f"/api/v1/nappies?since={since}").data["items"] == []
    changed = api.patch(f"/api/v1/nappies/{made.data['id']}", {"version": 1,
                                                                "colour": "yellow"})
    assert changed.status_code == 200 and changed.data["pale"] is False
    stale = api.patch(f"/api/v1/nappies/{made.data['id']}", {"version": 1, "note": "x"})
    assert stale.status_code == 409 and stale.data["error"]["code"] == "stale"
    assert api.delete(f"/api/v1/nappies/{made.data['id']}").status_code == 204
    assert Nappy.objects.count() == 1


def test_a_bad_nappy_is_refused_with_a_reason_and_nothing_kept(api_for, alice, nora):
    api = api_for(alice)
    refused = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "soggy"})
    assert refused.status_code == 422 and "kind" in refused.data["error"]["fields"]
    future = (timezone.now() + timedelta(hours=2)).isoformat()
    refused = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet",
                                           "changed_at": future})
    assert refused.status_code == 422
    # A colour not on the card is named as such, whatever the kind.
    refused = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet", "colour": "purple"})
    assert refused.data["error"]["fields"]["colour"] == ["Choose one of the colours on the card."]
    refused = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet", "colour": "green"})
    assert refused.data["error"]["fields"]["colour"] == [
        "Colour and texture go with a dirty nappy."]
    assert not Nappy.objects.exists()


def test_the_same_external_id_twice_is_a_conflict(api_for, alice, nora):
    api = api_for(alice)
    body = {"child": nora.pk, "kind": "wet", "external_id": "bb-1"}
    assert api.post("/api/v1/nappies", body).status_code == 201
    assert api.post("/api/v1/nappies", body).status_code == 409


def test_a_temperature_in_fahrenheit_is_kept_in_celsius_and_read(api_for, alice, nora):
    api = api_for(alice)
    made = api.post("/api/v1/temperatures", {"child": nora.pk, "fahrenheit": "100.4"})
    assert made.status_code == 201, made.data
    assert made.data["celsius"] in ("38.0", 38.0)
    assert made.data["reading"] == "call_now"  # Nora is 30 days old
    usual = api.post("/api/v1/temperatures", {"child": nora.pk, "celsius": "37.9"})
    assert usual.data["reading"] is None
    low = api.post("/api/v1/temperatures", {"child": nora.pk, "celsius": "35.8"})
    assert low.data["reading"] == "low"  # under 36 °C: a call now, at any age
    assert api.get(f"/api/v1/temperatures?child={nora.pk}&count=true").data["count"] == 3


def test_a_fahrenheit_reading_reads_back_as_sent_and_a_note_leaves_it_alone(
        api_for, alice, nora):
    """101 °F came back as 100.9 °F; changing the note of a reading from °F rounded it."""
    from nestwell.lib.measures import fahrenheit

    api = api_for(alice)
    made = api.post("/api/v1/temperatures", {"child": nora.pk, "fahrenheit": "101"}).data
    assert fahrenheit(Decimal(str(made["celsius"]))) == Decimal("101.0")
    changed = api.patch(f"/api/v1/temperatures/{made['id']}",
                        {"note": "after a bath", "version": made["version"]})
    assert changed.status_code == 200, changed.data
    assert Temperature.objects.get().celsius == Decimal("38.33")


def test_a_temperature_that_is_not_a_body_temperature_is_refused(api_for, alice, nora):
    api = api_for(alice)
    for body in ({"celsius": "3.7"}, {"celsius": "380"}, {}, {"celsius": "37",
                                                              "fahrenheit": "99"}):
        refused = api.post("/api/v1/temperatures", {"child": nora.pk, **body})
        assert refused.status_code == 422, body
    assert not Temperature.objects.exists()


def test_another_households_nappy_is_not_found(api_for, mallory, alice, nora):
    made = api_for(alice).post("/api/v1/nappies", {"child": nora.pk, "kind": "wet"})
    assert api_for(mallory).get(f"/api/v1/nappies/{made.data['id']}").status_code == 404
    assert api_for(mallory).get("/api/v1/nappies").data["items"] == []


def test_the_api_says_when_a_colour_may_be_blood(api_for, alice, nora):
    from nestwell.health import services as health

    health.add_nappy(child=nora, kind="dirty", colour="red", user=alice)
    health.add_nappy(child=nora, kind="dirty", colour="meconium", user=alice)
    rows = api_for(alice).get("/api/v1/nappies").json()["items"]
    assert sorted((r["colour"], r["blood"], r["pale"]) for r in rows) == [
        ("meconium", False, False), ("red", True, False)]

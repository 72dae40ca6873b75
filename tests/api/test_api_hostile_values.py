"""Values that once made the server fail (found by a sweep of hostile requests): each is
refused with a 422 and a reason, and nothing is kept or changed."""

import pytest

from nestwell.care.models import Routine, RoutineStep
from nestwell.health.models import Temperature
from nestwell.journal.models import Moment
from nestwell.medicines.models import Medicine
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.wellbeing.models import CheckIn

# Decimal's arithmetic overflows on these exponents (abs() raised decimal.Overflow).
HUGE = ["1E+1000000000", "-1E+1000000000", "9E+999999"]
# Times of day with a zone, or numbers (read as seconds with UTC attached).
ZONED = ["18:00+02:00", "18:00Z", 0, 1.5]


def _refused(response, field=None):
    assert response.status_code == 422, (response.status_code, response.content[:300])
    assert "error" in response.data
    if field:
        assert response.data["error"]["fields"].keys() >= {field}, response.data


@pytest.mark.parametrize("value", HUGE)
def test_amounts_and_temperatures_with_huge_exponents(api_for, alice, nora, value):
    api = api_for(alice)
    session = api.post("/api/v1/pumping", {"child": nora.pk, "amount_ml": 90}).data
    bag = api.post("/api/v1/milk", {"child": nora.pk, "amount_ml": 60, "place": "fridge"}).data
    taken = api.post("/api/v1/temperatures", {"child": nora.pk, "celsius": "37.1"}).data
    for field in ("amount_ml", "amount_oz"):
        _refused(api.post("/api/v1/pumping", {"child": nora.pk, field: value,
                                              "store": "fridge"}), "amount_ml")
        _refused(api.patch(f"/api/v1/pumping/{session['id']}",
                           {"version": session["version"], field: value}), "amount_ml")
        _refused(api.post("/api/v1/milk", {"child": nora.pk, field: value,
                                           "place": "fridge"}), "amount_ml")
        _refused(api.patch(f"/api/v1/milk/{bag['id']}",
                           {"version": bag["version"], field: value}), "amount_ml")
    for field in ("celsius", "fahrenheit"):
        _refused(api.post("/api/v1/temperatures", {"child": nora.pk, field: value}),
                 "celsius")
    _refused(api.patch(f"/api/v1/temperatures/{taken['id']}",
                       {"version": taken["version"], "celsius": value}), "celsius")
    assert [s.amount_ml for s in PumpingSession.objects.all()] == [90]
    assert [b.amount_ml for b in MilkBag.objects.all()] == [60]
    assert [float(t.celsius) for t in Temperature.objects.all()] == [37.1]


@pytest.mark.parametrize("value", ZONED)
def test_times_of_day_with_a_zone(api_for, alice, nora, value):
    api = api_for(alice)
    routine = api.post("/api/v1/routines", {"child": nora.pk, "name": "Bedtime",
                                            "steps": [{"kind": "bath", "at": "18:30"}]}).data
    medicine = api.post("/api/v1/medicines", {"child": nora.pk, "name": "Vitamin D",
                                              "schedule": "daily", "daily_at": "08:00"}).data
    _refused(api.post("/api/v1/routines", {"child": nora.pk, "name": "R",
                                           "steps": [{"kind": "bath", "at": value}]}))
    _refused(api.patch(f"/api/v1/routines/{routine['id']}",
                       {"steps": [{"kind": "bath", "at": value}]}))
    _refused(api.post("/api/v1/medicines", {"child": nora.pk, "name": "M",
                                            "schedule": "daily", "daily_at": value}))
    _refused(api.patch(f"/api/v1/medicines/{medicine['id']}",
                       {"version": medicine["version"], "daily_at": value}))
    assert [(s.kind, f"{s.at:%H:%M}") for s in RoutineStep.objects.all()] == [("bath", "18:30")]
    assert [f"{m.daily_at:%H:%M}" for m in Medicine.objects.all()] == ["08:00"]


def test_a_routine_name_with_a_nul_character(api_for, alice, nora):
    api = api_for(alice)
    routine = api.post("/api/v1/routines", {"child": nora.pk, "name": "Bedtime",
                                            "steps": [{"kind": "bath", "at": "18:30"}]}).data
    _refused(api.post("/api/v1/routines", {"child": nora.pk, "name": "a\x00b",
                                           "steps": [{"kind": "bath", "at": "18:00"}]}))
    _refused(api.patch(f"/api/v1/routines/{routine['id']}", {"name": "a\x00b"}))
    assert list(Routine.objects.values_list("name", flat=True)) == ["Bedtime"]


@pytest.mark.parametrize("value", HUGE)
def test_the_services_that_imports_share_refuse_them_too(nora, value):
    from django.core.exceptions import ValidationError

    from nestwell.health.services import read_temperature
    from nestwell.medicines.services import check_medicine
    from nestwell.milk.services import read_amount

    with pytest.raises(ValidationError):
        read_amount(value)
    with pytest.raises(ValidationError):
        read_temperature(value)
    for at in ("08:00Z", "08:00+05:00"):
        with pytest.raises(ValidationError) as refused:
            check_medicine({"name": "M", "schedule": "daily", "daily_at": at})
        assert "daily_at" in refused.value.message_dict


@pytest.mark.parametrize("written", ["%20{id}", "{id}%20", "+{id}", "{id}.0", "{wide}"])
def test_an_id_in_the_path_is_digits_only(api_for, alice, nora, written):
    """" 1", "+1" or a full-width "１" is no id: 404 (Django's int converter), never read as
    baby 1 by pydantic's lax numbers."""
    from urllib.parse import quote

    api = api_for(alice)
    assert api.get(f"/api/v1/children/{nora.pk}").status_code == 200
    wide = quote("".join(chr(0xFF10 + int(d)) for d in str(nora.pk)))
    path = "/api/v1/children/" + written.format(id=nora.pk, wide=wide)
    assert api.get(path).status_code == 404, path


@pytest.mark.parametrize("body", ["null", "[]", "[{}]", '"name"', "1", "true", "", "  "])
def test_a_body_that_is_not_a_json_object_is_refused_and_changes_nothing(api_for, alice,
                                                                          nora, body):
    """Read as no fields at all, a PATCH of [] answered 200 having changed nothing."""
    api = api_for(alice)
    before = api.get(f"/api/v1/children/{nora.pk}").data
    for method, path in (("patch", f"/api/v1/children/{nora.pk}"),
                         ("post", "/api/v1/moments"), ("post", "/api/v1/checkins")):
        response = getattr(api.client, method)(path, body, content_type="application/json",
                                               headers=api.headers)
        assert response.status_code == 400, (path, response.content[:200])
        message = response.json()["error"]["message"]
        assert ("not a JSON object" if body else "The body is empty") in message
    assert api.get(f"/api/v1/children/{nora.pk}").data == before
    assert not Moment.objects.exists() and not CheckIn.objects.exists()


@pytest.mark.parametrize("flag", [True, False])
def test_true_or_false_is_no_id(api_for, alice, nora, flag):
    """Pydantic's lax numbers read true as 1: a flag sent where the baby's id goes logged
    for baby 1."""
    api = api_for(alice)
    _refused(api.post("/api/v1/moments", {"child": flag, "kind": "talk"}), "child")
    _refused(api.post("/api/v1/moments", {"child": nora.pk, "kind": "talk", "actor": flag}),
             "actor")
    assert not Moment.objects.exists()

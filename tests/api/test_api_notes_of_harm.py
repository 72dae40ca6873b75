"""A note of harm written through the API anywhere (a nappy, a first, pumping, a dose, a
measurement, what she noticed), not only in the journal: the answer carries
``support_url``, as the pages open the support page (the last note's list: these
endpoints answered without it). A note left as it was asks nothing again."""

from datetime import timedelta

import pytest
from django.utils import timezone

HARM = "3 a.m. again. I want to die."


def _ago(hours):
    return (timezone.now() - timedelta(hours=hours)).replace(microsecond=0).isoformat()


def test_a_nappy_note_of_harm_is_kept_and_answered_with_support(api_for, alice, nora):
    api = api_for(alice)
    made = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet", "note": HARM})
    assert made.status_code == 201 and made.data["support_url"] == "/support/"
    assert made.data["note"] == HARM and made.data["kind"] == "wet"
    calm = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "wet", "note": "leaky"})
    assert calm.status_code == 201 and "support_url" not in calm.data
    path = f"/api/v1/nappies/{made.data['id']}"
    # Its time corrected, the same note sent back: asked once, not again.
    moved = api.patch(path, {"version": 1, "changed_at": _ago(2), "note": HARM})
    assert moved.status_code == 200 and "support_url" not in moved.data
    # A calm note changed to one of harm asks.
    changed = api.patch(f"/api/v1/nappies/{calm.data['id']}",
                        {"version": 1, "note": f"I'm scared I'll hurt {nora.name}"})
    assert changed.status_code == 200 and changed.data["support_url"] == "/support/"


def test_a_refused_write_keeps_nothing_and_still_answers_with_support(api_for, alice,
                                                                      nora):
    """Refused for another reason (a kind that does not exist, an external_id sent again
    after a lost answer): nothing saved, and her words still reach support."""
    api = api_for(alice)
    refused = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "soggy", "note": HARM})
    assert refused.status_code == 422 and refused.data["error"]["fields"]["kind"]
    assert refused.data["support_url"] == "/support/"
    assert not api.get("/api/v1/nappies").data["items"]
    calm = api.post("/api/v1/nappies", {"child": nora.pk, "kind": "soggy", "note": "leaky"})
    assert calm.status_code == 422 and "support_url" not in calm.data
    body = {"child": nora.pk, "kind": "wet", "note": HARM, "external_id": "phone-1"}
    assert api.post("/api/v1/nappies", body).data["support_url"] == "/support/"
    again = api.post("/api/v1/nappies", body)
    assert again.status_code == 409 and again.data["support_url"] == "/support/"


@pytest.mark.parametrize("path, body", [
    ("/api/v1/milestones", {"kind": "first_smile", "happened_on": "{today}"}),
    ("/api/v1/pumping", {"amount_ml": 60}),
    ("/api/v1/growth", {"measured_on": "{today}", "weight_grams": 4200}),
])
def test_every_kind_of_record_answers_a_note_of_harm(api_for, alice, nora, path, body):
    api = api_for(alice)
    body = {key: value.replace("{today}", timezone.localdate().isoformat())
            if isinstance(value, str) else value for key, value in body.items()}
    made = api.post(path, {"child": nora.pk, **body, "note": "je veux mourir"})
    assert made.status_code == 201, made.data
    assert made.data["support_url"] == "/support/"
    calm = api.patch(f"{path}/{made.data['id']}", {"version": 1, "note": "a good day"})
    assert calm.status_code == 200 and "support_url" not in calm.data


def test_a_dose_note_through_its_edit_asks_once(api_for, alice, nora):
    api = api_for(alice)
    medicine = api.post("/api/v1/medicines", {
        "child": nora.pk, "name": "Paracetamol", "dose": "2.5", "unit": "ml",
        "form": "liquid", "schedule": "spaced", "min_hours": "4", "most_per_day": 4}).data
    dose = api.post("/api/v1/doses", {"medicine": medicine["id"], "given_at": _ago(1)})
    assert dose.status_code == 201 and "support_url" not in dose.data
    path = f"/api/v1/doses/{dose.data['id']}"
    changed = api.patch(path, {"version": 1, "note": "I can't do this, I want to end it all"})
    assert changed.status_code == 200 and changed.data["support_url"] == "/support/"
    again = api.patch(path, {"version": 2, "given_at": _ago(2),
                             "note": "I can't do this, I want to end it all"})
    assert again.status_code == 200 and "support_url" not in again.data


def test_hostile_json_is_refused_as_before(api_for, alice, nora):
    """Nesting too deep for Python's reader: the refusal stands (a 4xx in JSON), with no
    500 from reading it for a note."""
    api = api_for(alice)
    nested = "[" * 50000 + "]" * 50000
    deep = f'{{"child": {nora.pk}, "kind": "wet", "note": {nested}}}'
    response = api.client.post("/api/v1/nappies", data=deep, content_type="application/json",
                               headers=api.headers)
    assert 400 <= response.status_code < 500 and response["Content-Type"].startswith(
        "application/json")


def test_what_she_noticed_answered_again_reads_the_words_sent(api_for, alice, nora):
    """The same moment answered twice: the first answer is kept, and the second's note of
    harm is read (it was dropped unread)."""
    from nestwell.journal import services as journal

    moment = journal.log_moment(child=nora, kind="feeding", user=alice,
                                started_at=timezone.now() - timedelta(hours=2),
                                ended_at=timezone.now() - timedelta(hours=2, minutes=-10),
                                details={"method": "breast", "side": "left"})
    api = api_for(alice)
    body = {"key": f"moment:{moment.pk}", "child": nora.pk, "feelings": ["content"]}
    first = api.post("/api/v1/wonderings", {**body, "note": "calm"})
    assert first.status_code == 201 and "support_url" not in first.data
    again = api.post("/api/v1/wonderings", {**body, "note": HARM})
    assert again.status_code == 201 and again.data["support_url"] == "/support/"
    assert again.data["note"] == "calm"

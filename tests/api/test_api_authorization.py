"""Every API operation, walked from the OpenAPI document, tried by people who must not
get in. A new operation without an entry in OPERATIONS fails the first test."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.api.main import api
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.growth.models import Measurement
from nestwell.handover.models import Note
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment
from nestwell.listening.models import ListeningDevice
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones.models import Milestone
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.photos import services as photos
from nestwell.wellbeing.models import CheckIn, ScreeningResponse, SupportContact
from nestwell.wondering.models import Wondering
from tests.photos.test_images import jpeg_with_exif

MEMBER, WRITER, PARENT, PERSONAL = "member", "writer", "parent", "personal"

# (method, path) -> (who, body for writes)
OPERATIONS = {
    ("GET", "/api/v1/me"): (MEMBER, None),
    ("GET", "/api/v1/children"): (MEMBER, None),
    ("POST", "/api/v1/children"): (PARENT, {"name": "Ivy", "due_date": "{due}"}),
    ("GET", "/api/v1/children/{child_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/children/{child_id}"): (PARENT, {"name": "Nora Jane"}),
    ("DELETE", "/api/v1/children/{child_id}"): (PARENT, None),
    ("GET", "/api/v1/moments"): (MEMBER, None),
    ("POST", "/api/v1/moments"): (WRITER, {"child": "{child}", "kind": "talk"}),
    ("GET", "/api/v1/moments/{moment_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/moments/{moment_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/moments/{moment_id}"): (WRITER, None),
    ("POST", "/api/v1/moments/{moment_id}/stop"): (WRITER, {}),
    ("GET", "/api/v1/timers"): (MEMBER, None),
    ("GET", "/api/v1/cues"): (MEMBER, None),
    ("POST", "/api/v1/cues"): (WRITER, {"child": "{child}", "signal": "smile"}),
    ("GET", "/api/v1/cues/{cue_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/cues/{cue_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/cues/{cue_id}"): (WRITER, None),
    ("POST", "/api/v1/cues/{cue_id}/respond"): (WRITER, {"way": "picked_up"}),
    ("POST", "/api/v1/cues/{cue_id}/settle"): (WRITER, {}),
    ("GET", "/api/v1/routines"): (MEMBER, None),
    ("POST", "/api/v1/routines"): (WRITER, {"child": "{child}", "name": "Bedtime",
                                            "steps": [{"kind": "bath", "at": "18:30"}]}),
    ("GET", "/api/v1/routines/{routine_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/routines/{routine_id}"): (WRITER, {"name": "Evening"}),
    ("DELETE", "/api/v1/routines/{routine_id}"): (WRITER, None),
    ("GET", "/api/v1/milestones"): (MEMBER, None),
    ("POST", "/api/v1/milestones"): (WRITER, {"child": "{child}", "kind": "first_smile",
                                              "happened_on": "{today}"}),
    ("GET", "/api/v1/milestones/{milestone_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/milestones/{milestone_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/milestones/{milestone_id}"): (WRITER, None),
    ("GET", "/api/v1/growth"): (MEMBER, None),
    ("POST", "/api/v1/growth"): (WRITER, {"child": "{child}", "measured_on": "{today}",
                                          "weight_grams": 4200}),
    ("GET", "/api/v1/growth/{measurement_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/growth/{measurement_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/growth/{measurement_id}"): (WRITER, None),
    ("GET", "/api/v1/nappies"): (MEMBER, None),
    ("POST", "/api/v1/nappies"): (WRITER, {"child": "{child}", "kind": "wet"}),
    ("GET", "/api/v1/nappies/{nappy_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/nappies/{nappy_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/nappies/{nappy_id}"): (WRITER, None),
    ("GET", "/api/v1/temperatures"): (MEMBER, None),
    ("POST", "/api/v1/temperatures"): (WRITER, {"child": "{child}", "celsius": "37.1"}),
    ("GET", "/api/v1/temperatures/{temperature_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/temperatures/{temperature_id}"): (WRITER, {"version": 1,
                                                                  "note": "hi"}),
    ("DELETE", "/api/v1/temperatures/{temperature_id}"): (WRITER, None),
    # Pumping and the milk store
    ("GET", "/api/v1/pumping"): (MEMBER, None),
    ("POST", "/api/v1/pumping"): (WRITER, {"child": "{child}", "amount_ml": 90}),
    ("GET", "/api/v1/pumping/{pumping_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/pumping/{pumping_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/pumping/{pumping_id}"): (WRITER, None),
    ("GET", "/api/v1/milk"): (MEMBER, None),
    ("POST", "/api/v1/milk"): (WRITER, {"child": "{child}", "amount_ml": 90}),
    ("GET", "/api/v1/milk/{bag_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/milk/{bag_id}"): (WRITER, {"version": 1, "place": "freezer"}),
    ("DELETE", "/api/v1/milk/{bag_id}"): (WRITER, None),
    ("GET", "/api/v1/medicines"): (MEMBER, None),
    ("POST", "/api/v1/medicines"): (PARENT, {"child": "{child}", "name": "Vitamin D",
                                             "dose": "0.5", "unit": "ml",
                                             "schedule": "daily", "daily_at": "08:00"}),
    ("GET", "/api/v1/medicines/{medicine_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/medicines/{medicine_id}"): (PARENT, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/medicines/{medicine_id}"): (PARENT, None),
    ("GET", "/api/v1/doses"): (MEMBER, None),
    ("POST", "/api/v1/doses"): (WRITER, {"medicine": "{medicine_id}"}),
    ("GET", "/api/v1/doses/{dose_id}"): (MEMBER, None),
    ("PATCH", "/api/v1/doses/{dose_id}"): (WRITER, {"version": 1, "note": "hi"}),
    ("DELETE", "/api/v1/doses/{dose_id}"): (WRITER, None),
    ("GET", "/api/v1/checkins"): (PERSONAL, None),
    ("POST", "/api/v1/checkins"): (PERSONAL, {"mood": 3, "connection": 3, "energy": 3,
                                              "stress": 3, "support": 3, "safety": "safe"}),
    ("GET", "/api/v1/checkins/{checkin_id}"): (PERSONAL, None),
    ("DELETE", "/api/v1/checkins/{checkin_id}"): (PERSONAL, None),
    ("GET", "/api/v1/screenings"): (PERSONAL, None),
    ("POST", "/api/v1/screenings"): (PERSONAL, {"instrument": "gad2", "answers": [0, 1]}),
    ("GET", "/api/v1/screenings/{screening_id}"): (PERSONAL, None),
    ("DELETE", "/api/v1/screenings/{screening_id}"): (PERSONAL, None),
    ("GET", "/api/v1/contacts"): (PERSONAL, None),
    ("POST", "/api/v1/contacts"): (PERSONAL, {"name": "Dr Quillfeather", "role": "gp",
                                              "phone": "0123 456"}),
    ("GET", "/api/v1/contacts/{contact_id}"): (PERSONAL, None),
    ("PATCH", "/api/v1/contacts/{contact_id}"): (PERSONAL, {"note": "Mondays"}),
    ("DELETE", "/api/v1/contacts/{contact_id}"): (PERSONAL, None),
    ("POST", "/api/v1/sync"): (WRITER, {"entries": []}),
    ("GET", "/api/v1/wonderings"): (PERSONAL, None),
    ("POST", "/api/v1/wonderings"): (PERSONAL, {"key": "{daily_key}", "child": "{child}",
                                                "feelings": ["content"]}),
    ("GET", "/api/v1/wonderings/{wondering_id}"): (PERSONAL, None),
    ("DELETE", "/api/v1/wonderings/{wondering_id}"): (PERSONAL, None),
    ("POST", "/api/v1/listening/devices"): (WRITER, {"child": "{child}",
                                                     "name": "Nursery phone"}),
    ("POST", "/api/v1/listening/devices/{device_id}/events"): (WRITER, {"kind": "heartbeat"}),
    # A body with bytes is sent as a multipart form (tests/api/conftest.py).
    ("GET", "/api/v1/photos"): (MEMBER, None),
    ("POST", "/api/v1/photos"): (WRITER, {"moment": "{moment_id}", "photo": "{jpeg}",
                                          "caption": "In the sun"}),
    ("GET", "/api/v1/photos/{photo_id}"): (MEMBER, None),
    ("GET", "/api/v1/photos/{photo_id}/file"): (MEMBER, None),
    ("PATCH", "/api/v1/photos/{photo_id}"): (WRITER, {"caption": "Her first smile"}),
    ("DELETE", "/api/v1/photos/{photo_id}"): (WRITER, None),
    ("GET", "/api/v1/handover/people"): (MEMBER, None),
    ("GET", "/api/v1/handover/notes"): (PERSONAL, None),
    ("POST", "/api/v1/handover/notes"): (WRITER, {"addressee": "{bob_id}",
                                                  "text": "The bottle is from 6 pm"}),
    ("GET", "/api/v1/handover/notes/{note_id}"): (PERSONAL, None),
    ("POST", "/api/v1/handover/notes/{note_id}/read"): (PERSONAL, {}),
    ("DELETE", "/api/v1/handover/notes/{note_id}"): (PERSONAL, None),
}


def operations_in_schema():
    schema = api.get_openapi_schema()
    return {(method.upper(), path) for path, ops in schema["paths"].items() for method in ops}


def test_every_operation_is_covered():
    found = operations_in_schema()
    assert found - set(OPERATIONS) == set(), "add the new operation to OPERATIONS"
    assert set(OPERATIONS) - found == set(), "OPERATIONS names an operation that is gone"


@pytest.fixture
def things(household, alice, bob, nora, settings, tmp_path):
    """Alice's household's things, one of each."""
    settings.STORAGES = {**settings.STORAGES, "photos": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "photos")}}}
    now = timezone.now()
    moment = Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                                   started_at=now - timedelta(minutes=20), created_by=alice)
    cue = Cue.objects.create(household=household, child=nora, signal="cry",
                             started_at=now - timedelta(minutes=5))
    routine = Routine.objects.create(household=household, child=nora, name="Bedtime")
    RoutineStep.objects.create(routine=routine, kind="bath", at="18:30")
    milestone = Milestone.objects.create(household=household, child=nora, kind="first_smile",
                                         happened_on=timezone.localdate())
    measurement = Measurement.objects.create(household=household, child=nora,
                                             measured_on=timezone.localdate(),
                                             weight_grams=4000)
    nappy = Nappy.objects.create(household=household, child=nora, kind="wet",
                                 changed_at=now - timedelta(minutes=2))
    temperature = Temperature.objects.create(household=household, child=nora, celsius=37,
                                             taken_at=now - timedelta(minutes=2))
    pumping = PumpingSession.objects.create(household=household, child=nora, amount_ml=90,
                                            started_at=now - timedelta(minutes=2))
    bag = MilkBag.objects.create(household=household, child=nora, amount_ml=90,
                                 expressed_at=now - timedelta(minutes=2), place="fridge",
                                 use_by=now + timedelta(days=8))
    medicine = Medicine.objects.create(household=household, child=nora, name="Vitamin D")
    dose = Dose.objects.create(household=household, child=nora, medicine=medicine,
                               given_at=now - timedelta(minutes=2))
    checkin = CheckIn.objects.create(household=household, author=alice, mood=3, connection=3,
                                     energy=3, stress=3, support=3, safety="safe")
    screening = ScreeningResponse.objects.create(household=household, author=alice,
                                                 instrument="phq9", version="1", total=4)
    contact = SupportContact.objects.create(household=household, owner=alice, name="Jo Quill",
                                            role="gp", phone="0123 456")
    device = ListeningDevice.objects.create(household=household, child=nora, name="Phone",
                                            created_by=alice, created_at=now,
                                            last_heard_at=now)
    wondering = Wondering.objects.create(
        household=household, author=alice, child=nora, occasion="daily",
        key="daily:2026-01-05", about_at=now - timedelta(days=1), feelings=["curious"],
        note="Jo Quill", prompt="What made Nora curious today?")
    photo = photos.attach(owner=milestone, data=jpeg_with_exif(), user=alice)
    # One note both written by and for Alice, so that she can read, mark and take back the
    # same one; Bob (neither) must find nothing.
    note = Note.objects.create(household=household, author=alice, addressee=alice,
                               text="Jo Quill rang")
    return {"wondering_id": wondering.pk, "photo_id": photo.pk, "jpeg": jpeg_with_exif(),
            "note_id": note.pk, "bob_id": bob.pk,
            "daily_key": f"daily:{timezone.localdate().isoformat()}",
            "child_id": nora.pk, "moment_id": moment.pk, "cue_id": cue.pk,
            "routine_id": routine.pk, "checkin_id": checkin.pk, "milestone_id": milestone.pk,
            "measurement_id": measurement.pk,
            "today": timezone.localdate().isoformat(), "nappy_id": nappy.pk,
            "temperature_id": temperature.pk, "pumping_id": pumping.pk, "bag_id": bag.pk,
            "medicine_id": medicine.pk, "dose_id": dose.pk,
            "screening_id": screening.pk, "contact_id": contact.pk, "child": nora.pk,
            "device_id": device.pk,
            "due": (timezone.localdate() + timedelta(weeks=10)).isoformat()}


def fill(path, body, things):
    path = path.format(**things)
    if body is not None:
        body = {k: (things[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v)
                for k, v in body.items()}
    return path, body


def cases(*whos, methods=None, with_object=None):
    for (method, path), (who, body) in OPERATIONS.items():
        if who not in whos or (methods and method not in methods):
            continue
        if with_object is not None and ("{" in path) != with_object:
            continue
        yield pytest.param(method, path, body, id=f"{method} {path}")


ALL = (MEMBER, WRITER, PARENT, PERSONAL)
WRITES = ("POST", "PATCH", "DELETE")


@pytest.mark.parametrize(("method", "path", "body"), list(cases(*ALL)))
def test_without_a_token_it_is_401(api_for, things, method, path, body):
    path, body = fill(path, body, things)
    response = api_for(None).call(method, path, body)
    assert response.status_code == 401
    assert response.data["error"]["code"] == "not_signed_in"


@pytest.mark.parametrize(("method", "path", "body"), list(cases(*ALL)))
def test_a_revoked_or_made_up_token_is_401(client, alice, household, things, method, path,
                                           body):
    from nestwell.accounts.models import ApiToken
    from tests.api.conftest import Api

    token = ApiToken.issue(alice, household, "old")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    path, body = fill(path, body, things)
    for value in (token.token, "nw_made_up", "not even a token"):
        assert Api(client, value).call(method, path, body).status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), list(cases(*ALL, with_object=True)))
def test_another_household_finds_nothing(api_for, mallory, things, method, path, body):
    path, body = fill(path, body, things)
    response = api_for(mallory).call(method, path, body)
    assert response.status_code == 404
    assert response.data["error"]["code"] == "not_found"


@pytest.mark.parametrize(("method", "path", "body"), [
    c for c in cases(WRITER, PARENT, methods=("POST",), with_object=False)
    if c.values[2] and "child" in c.values[2]])
def test_another_household_cannot_write_to_our_baby(api_for, mallory, things, method, path,
                                                    body):
    path, body = fill(path, body, things)
    assert api_for(mallory).call(method, path, body).status_code == 404


@pytest.mark.parametrize(("method", "path", "body"), list(cases(*ALL, methods=("GET",),
                                                                with_object=False)))
def test_another_household_lists_none_of_ours(api_for, mallory, sam, things, method, path,
                                              body):
    response = api_for(mallory).get(path)
    assert response.status_code == 200
    assert "Nora" not in response.content.decode()
    assert "Jo Quill" not in response.content.decode()


@pytest.mark.parametrize(("method", "path", "body"),
                         list(cases(MEMBER, WRITER, PARENT, methods=WRITES)))
def test_a_viewer_can_never_write(api_for, carol, things, method, path, body):
    path, body = fill(path, body, things)
    response = api_for(carol).call(method, path, body)
    assert response.status_code == 403
    assert response.data["error"]["code"] == "forbidden"


@pytest.mark.parametrize(("method", "path", "body"), list(cases(PARENT)))
def test_a_caregiver_cannot_do_a_parents_work(api_for, bob, things, method, path, body):
    if method == "GET":
        pytest.skip("reading is open to every member")
    path, body = fill(path, body, things)
    assert api_for(bob).call(method, path, body).status_code == 403


@pytest.mark.parametrize(("method", "path", "body"), list(cases(PERSONAL, with_object=True)))
def test_her_wellbeing_stays_hers_inside_the_household(api_for, bob, things, method, path,
                                                       body):
    path, body = fill(path, body, things)
    assert api_for(bob).call(method, path, body).status_code == 404


@pytest.mark.parametrize(("method", "path", "body"), list(cases(PERSONAL, methods=("GET",),
                                                                with_object=False)))
def test_her_partner_lists_none_of_her_wellbeing(api_for, bob, things, method, path, body):
    response = api_for(bob).get(path)
    assert response.status_code == 200
    data = response.data
    assert (data["items"] if isinstance(data, dict) else data) == []


@pytest.mark.parametrize(("method", "path", "body"), list(cases(*ALL)))
def test_each_operation_works_for_the_right_person(api_for, alice, things, method, path,
                                                   body):
    path, body = fill(path, body, things)
    response = api_for(alice).call(method, path, body)
    assert response.status_code in (200, 201, 204), response.content


def test_a_made_up_token_on_a_write_is_401_where_csrf_is_enforced(db, alice, household,
                                                                   nora):
    """As on the real server (the test client skips CSRF by default): a script whose token
    ended is told it is not signed in, not that a CSRF check failed; a signed-in session
    still needs its CSRF token for a write."""
    from django.test import Client

    from nestwell.accounts.models import ApiToken

    token = ApiToken.issue(alice, household, "old")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    script = Client(enforce_csrf_checks=True)
    for value in (token.token, "nw_made_up"):
        response = script.post("/api/v1/moments", {"child": nora.pk, "kind": "talk"},
                               content_type="application/json",
                               headers={"Authorization": f"Bearer {value}"})
        assert response.status_code == 401, response.content
        assert response.json()["error"]["code"] == "not_signed_in"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    response = browser.post("/api/v1/moments", {"child": nora.pk, "kind": "talk"},
                            content_type="application/json")
    assert response.status_code == 403

"""The listening devices' API: who may register a device and send its events, and what
each event does to the child's crying episode."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.care import services as care
from nestwell.care.models import Cue
from nestwell.listening.models import Detection, ListeningDevice

DEVICES = "/api/v1/listening/devices"


def events(device_id):
    return f"{DEVICES}/{device_id}/events"


@pytest.fixture
def device(bob, nora):
    return ListeningDevice.objects.create(household=nora.household, child=nora,
                                          name="Nursery phone", created_by=bob,
                                          created_at=timezone.now(),
                                          last_heard_at=timezone.now())


def test_a_caregiver_registers_a_device(api_for, bob, nora):
    response = api_for(bob).post(DEVICES, {"child": nora.pk, "name": "Nursery phone"})
    assert response.status_code == 201
    device = ListeningDevice.objects.get()
    assert response.data == {"id": device.pk, "name": "Nursery phone", "child": nora.pk,
                             "heartbeat_seconds": 10}
    assert device.household == nora.household and device.created_by == bob
    assert device.last_heard_at is not None and device.stopped_at is None


def test_a_viewer_may_not_register_or_send(api_for, carol, nora, device):
    api = api_for(carol)
    assert api.post(DEVICES, {"child": nora.pk, "name": "Mine"}).status_code == 403
    assert api.post(events(device.pk), {"kind": "cry_started"}).status_code == 403
    assert ListeningDevice.objects.count() == 1 and not Cue.objects.exists()


def test_another_household_finds_nothing(api_for, mallory, nora, sam, device):
    api = api_for(mallory)
    assert api.post(DEVICES, {"child": nora.pk, "name": "Spy"}).status_code == 404
    assert api.post(events(device.pk), {"kind": "cry_started"}).status_code == 404
    assert not Cue.objects.exists()


def test_bad_input_is_refused_and_changes_nothing(api_for, bob, nora, device):
    api = api_for(bob)
    heard = device.last_heard_at
    assert api.post(DEVICES, {"child": nora.pk, "name": ""}).status_code == 422
    for body in ({"kind": "shout"}, {"kind": "cry_started", "confidence": 2},
                 {"kind": "cry_started", "scores": [0.1] * 11},
                 {"kind": "cry_started", "offset_seconds": 31}):
        assert api.post(events(device.pk), body).status_code == 422, body
    device.refresh_from_db()
    assert device.last_heard_at == heard and not Cue.objects.exists()


def test_crying_started_opens_one_episode_like_the_button(api_for, bob, nora, device):
    api = api_for(bob)
    before = timezone.now()
    first = api.post(events(device.pk), {"kind": "cry_started", "confidence": 0.93,
                                         "offset_seconds": 4, "scores": [0.9, 0.8]})
    assert first.status_code == 200 and first.data["status"] == "opened"
    again = api.post(events(device.pk), {"kind": "cry_started", "confidence": 0.97})
    assert again.data == {"episode": first.data["episode"], "status": "already_open"}
    cue = Cue.objects.get()
    assert cue.pk == first.data["episode"] and cue.signal == "cry" and cue.is_open
    assert cue.source == "detector" and cue.heard_by == "Nursery phone"
    assert before - timedelta(seconds=5) <= cue.started_at <= before - timedelta(seconds=3)
    detection = Detection.objects.get()
    assert detection.cue == cue and detection.device == device
    assert detection.confidence == 0.93 and detection.scores == [0.9, 0.8]
    # The three-tap flow answers it as usual, timed from the detected start.
    answered = care.respond(cue=cue, user=bob, way="picked_up")
    assert answered.responded_at - answered.started_at >= timedelta(seconds=4)


def test_an_episode_already_tapped_is_not_opened_twice(api_for, bob, nora, device):
    tapped = care.start_episode(child=nora, user=bob)
    answer = api_for(bob).post(events(device.pk), {"kind": "cry_started"})
    assert answer.data == {"episode": tapped.pk, "status": "already_open"}
    assert Cue.objects.count() == 1 and not Detection.objects.exists()


def test_quiet_again_is_noted_and_never_settles(api_for, bob, nora, device):
    api = api_for(bob)
    opened = api.post(events(device.pk), {"kind": "cry_started"}).data["episode"]
    quiet = api.post(events(device.pk), {"kind": "cry_stopped"})
    assert quiet.data == {"episode": opened, "status": "quiet"}
    cue = Cue.objects.get()
    assert cue.quiet_at is not None and cue.is_open and cue.outcome == ""
    first_quiet = cue.quiet_at
    api.post(events(device.pk), {"kind": "cry_stopped"})
    cue.refresh_from_db()
    assert cue.quiet_at == first_quiet


def test_quiet_with_no_detected_episode_changes_nothing(api_for, bob, nora, device):
    tapped = care.start_episode(child=nora, user=bob)
    answer = api_for(bob).post(events(device.pk), {"kind": "cry_stopped"})
    assert answer.data == {"episode": tapped.pk, "status": "no_episode"}
    tapped.refresh_from_db()
    assert tapped.quiet_at is None


def test_heartbeat_laugh_and_stopped(api_for, bob, nora, device):
    api = api_for(bob)
    ListeningDevice.objects.filter(pk=device.pk).update(
        last_heard_at=timezone.now() - timedelta(minutes=5))
    assert api.post(events(device.pk), {"kind": "heartbeat"}).data == {
        "episode": None, "status": "listening"}
    device.refresh_from_db()
    assert timezone.now() - device.last_heard_at < timedelta(minutes=1)
    assert api.post(events(device.pk), {"kind": "laugh", "confidence": 0.8}).data == {
        "episode": None, "status": "laugh"}
    assert not Cue.objects.exists()
    assert api.post(events(device.pk), {"kind": "stopped"}).data["status"] == "stopped"
    device.refresh_from_db()
    assert device.stopped_at is not None


def test_the_app_session_needs_its_csrf_token(client, bob, nora, device):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    refused = strict.post(events(device.pk), {"kind": "heartbeat"},
                          content_type="application/json")
    assert refused.status_code in (401, 403)
    strict.get("/")  # sets the csrftoken cookie, as any page does
    token = strict.cookies["csrftoken"].value
    taken = strict.post(events(device.pk), {"kind": "heartbeat"},
                        content_type="application/json", headers={"X-CSRFToken": token})
    assert taken.status_code == 200


@pytest.mark.parametrize("kind", ["heartbeat", "cry_started", "cry_stopped", "laugh"])
def test_an_event_costs_few_queries(api_for, bob, nora, device, kind,
                                    django_assert_max_num_queries):
    api = api_for(bob)
    api.post(events(device.pk), {"kind": "heartbeat"})  # the token's "last used" is written
    if kind == "cry_stopped":
        api.post(events(device.pk), {"kind": "cry_started"})
    # The token and membership; the device, found, locked and saved; the open episode; for
    # a cry the check, the new episode and its detection; and six savepoints.
    with django_assert_max_num_queries(16):
        assert api.post(events(device.pk), {"kind": kind}).status_code == 200


def test_a_heard_episode_says_so_in_the_cues(api_for, bob, nora, device):
    api = api_for(bob)
    episode = api.post(events(device.pk), {"kind": "cry_started"}).data["episode"]
    api.post(events(device.pk), {"kind": "cry_stopped"})
    cue = api.get(f"/api/v1/cues/{episode}").data
    assert cue["source"] == "detector" and cue["heard_by"] == "Nursery phone"
    assert cue["quiet_at"] is not None and cue["false_alarm"] is False

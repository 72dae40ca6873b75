"""Sending: an encrypted message reaches a push service on loopback and says nothing
personal; quiet hours and her choices hold; a gone device is removed; a failing service
is not hammered; each reminder goes once."""

import json
from datetime import UTC, datetime, time, timedelta

import pytest
import requests
from django.utils import timezone

from nestwell.accounts import measures
from nestwell.journal.models import Moment
from nestwell.reminders import services
from nestwell.reminders.models import Occurrence, Preferences, PushSubscription
from tests.reminders.pushservice import FakeDevice, PushService

# 14:00 in London on a summer day: outside the default quiet hours.
NOON = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)


@pytest.fixture
def service():
    running = PushService()
    yield running
    running.close()


@pytest.fixture
def session():
    # Straight to loopback, whatever proxy the machine's environment names.
    s = requests.Session()
    s.trust_env = False
    return s


@pytest.fixture
def device(service, alice, household):
    fake = FakeDevice()
    sub = PushSubscription.objects.create(user=alice, household=household,
                                          endpoint=service.endpoint("alice-phone"),
                                          p256dh=fake.p256dh, auth=fake.auth, label="Phone")
    return fake, sub


def running_timer(nora, alice, started):
    return Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                 started_at=started, ended_at=None, actor=alice,
                                 created_by=alice, details={"method": "breast"})


def test_a_due_timer_reaches_her_device_encrypted_and_says_nothing_personal(
        service, session, device, nora, alice):
    fake, sub = device
    running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.send_due(now=NOON, session=session) == 1
    [(path, headers, body)] = service.received
    assert path == "/push/alice-phone"
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=")
    assert b"Nora" not in body and b"gentle" not in body  # encrypted on the wire
    message = json.loads(fake.decrypt(body))
    assert message == {"title": "Nestwell", "body": "A gentle reminder from Nestwell",
                       "url": "/reminders/", "tag": "nestwell-reminder"}
    text = json.dumps(message)
    for private in ("Nora", "Alice", "feed", "timer", "Garcia"):
        assert private not in text
    sub.refresh_from_db()
    assert sub.last_success_at == NOON and sub.failures == 0


def test_each_reminder_is_sent_once(service, session, device, nora, alice):
    running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.send_due(now=NOON, session=session) == 1
    assert services.send_due(now=NOON + timedelta(minutes=1), session=session) == 0
    assert len(service.received) == 1
    assert Occurrence.objects.get().pushed_at == NOON


def test_nothing_before_her_chosen_time(service, session, device, nora, alice):
    Preferences.objects.create(user=alice, household=nora.household, timer_minutes=150)
    running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.send_due(now=NOON, session=session) == 0
    assert services.send_due(now=NOON + timedelta(minutes=30), session=session) == 1


def test_quiet_hours_hold_it_until_morning(service, session, device, nora, alice):
    night = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)  # 02:00 in London
    running_timer(nora, alice, night - timedelta(hours=2))
    assert services.send_due(now=night, session=session) == 0
    assert service.received == []
    morning = datetime(2026, 6, 10, 6, 1, tzinfo=UTC)  # 07:01 in London
    assert services.send_due(now=morning, session=session) == 1


def test_a_reminder_she_turned_off_is_never_sent(service, session, device, nora, alice):
    Preferences.objects.create(user=alice, household=nora.household, timer_on=False)
    running_timer(nora, alice, NOON - timedelta(hours=5))
    assert services.send_due(now=NOON, session=session) == 0
    assert service.received == []


def test_a_reminder_she_put_away_is_never_sent(service, session, device, nora, alice):
    moment = running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.put_away(alice, nora.household, f"timer:{moment.pk}", now=NOON)
    assert services.send_due(now=NOON, session=session) == 0


def test_someone_elses_timer_is_not_her_reminder(service, session, device, nora, bob):
    running_timer(nora, bob, NOON - timedelta(hours=5))
    assert services.send_due(now=NOON, session=session) == 0


def test_a_gone_device_is_removed(service, session, device, nora, alice):
    service.status = 410
    running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.send_due(now=NOON, session=session) == 0
    assert not PushSubscription.objects.exists()
    assert not Occurrence.objects.exists()  # still shown in the app, never lost


def test_a_failing_service_is_tried_again_later_not_hammered(service, session, device, nora,
                                                             alice):
    _fake, sub = device
    service.status = 503
    running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.send_due(now=NOON, session=session) == 0
    sub.refresh_from_db()
    assert sub.failures == 1 and sub.retry_after == NOON + timedelta(minutes=2)
    assert not Occurrence.objects.exists()
    # A minute later the device is still resting: nothing is sent at all.
    assert services.send_due(now=NOON + timedelta(minutes=1), session=session) == 0
    assert len(service.received) == 1
    service.status = 201
    assert services.send_due(now=NOON + timedelta(minutes=2), session=session) == 1
    sub.refresh_from_db()
    assert sub.failures == 0 and sub.retry_after is None


def test_an_unreachable_service_rests_the_device(session, alice, household, nora):
    fake = FakeDevice()
    sub = PushSubscription.objects.create(user=alice, household=household,
                                          endpoint="http://127.0.0.1:9/push/closed",
                                          p256dh=fake.p256dh, auth=fake.auth)
    running_timer(nora, alice, NOON - timedelta(hours=2))
    assert services.send_due(now=NOON, session=session) == 0
    sub.refresh_from_db()
    assert sub.failures == 1


def test_the_test_notification_goes_now_and_says_it_is_a_test(service, session, device,
                                                               alice, household):
    fake, _sub = device
    Preferences.objects.create(user=alice, household=household, quiet_start=time(0),
                               quiet_end=time(23, 59))
    assert services.send_test(alice, household, now=NOON, session=session) == 1
    [(_path, _headers, body)] = service.received
    assert json.loads(fake.decrypt(body))["body"] == \
        "A test from Nestwell: notifications reach this device."


def test_a_partner_moment_only_when_she_asked_and_only_while_fresh(
        service, session, device, nora, alice, bob):
    fed = NOON - timedelta(minutes=5)
    Moment.objects.create(household=nora.household, child=nora, kind="talk", started_at=fed,
                          ended_at=fed, actor=bob, created_by=bob)
    Moment.objects.filter(created_by=bob).update(created_at=fed)
    assert services.send_due(now=NOON, session=session) == 0  # off by default
    Preferences.objects.create(user=alice, household=nora.household, partner_on=True)
    assert services.send_due(now=NOON, session=session) == 1
    fake, _sub = device
    assert "Bob" not in fake.decrypt(service.received[0][2]).decode()
    # In the app she reads who and what, after signing in.
    [reminder] = services.due_for(alice, nora.household, now=NOON)
    assert reminder.text.startswith("Bob logged talking with Nora at ")


def test_her_own_moments_never_notify_her(service, session, device, nora, alice):
    Preferences.objects.create(user=alice, household=nora.household, partner_on=True)
    Moment.objects.create(household=nora.household, child=nora, kind="talk", started_at=NOON,
                          ended_at=NOON, actor=alice, created_by=alice)
    Moment.objects.update(created_at=NOON - timedelta(minutes=1))
    assert services.send_due(now=NOON, session=session) == 0


def test_a_moment_bob_logs_reaches_alice_at_once(service, device, nora, alice, bob,
                                                 monkeypatch, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from nestwell.journal import services as journal

    cache.clear()
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    Preferences.objects.create(user=alice, household=nora.household, partner_on=True,
                               quiet_on=False, timer_on=False)
    with django_capture_on_commit_callbacks(execute=True):
        journal.log_moment(child=nora, kind="talk", user=bob)
    assert len(service.received) == 1
    with django_capture_on_commit_callbacks(execute=True):
        journal.log_moment(child=nora, kind="sing", user=alice)  # her own: nothing
    assert len(service.received) == 1


def test_finding_what_is_due_costs_the_same_for_many_people(session, household, nora):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_user

    def people(start, n):
        for i in range(start, start + n):
            user = make_user(f"p{i}@example.org", f"P{i}", household, "caregiver")
            Preferences.objects.create(user=user, household=household, partner_on=True,
                                       checkin_on=True, kangaroo_on=True,
                                       kangaroo_at=time(0), quiet_on=False)
            fake = FakeDevice()
            PushSubscription.objects.create(user=user, household=household,
                                            endpoint=f"https://push.example/{i}",
                                            p256dh=fake.p256dh, auth=fake.auth)
            # Each has checked in today: nothing is due, nothing is sent.
            from nestwell.wellbeing.models import CheckIn

            CheckIn.objects.create(household=household, author=user, mood=3, connection=4,
                                   energy=2, stress=3, support=4, safety="safe",
                                   created_at=NOON - timedelta(hours=1))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert services.send_due(now=NOON, session=session) == 0
        return len(queries)

    people(0, 2)
    few = count()
    people(2, 20)
    assert count() == few <= 10


def heard_crying(nora, bob, at):
    from nestwell.listening import services as listening
    from nestwell.listening.models import ListeningDevice

    device = ListeningDevice.objects.create(household=nora.household, child=nora,
                                            name="Nursery phone", created_by=bob,
                                            created_at=at, last_heard_at=at)
    return listening.record(device, kind="cry_started", user=bob, now=at).episode


def test_crying_heard_reaches_her_at_night_only_when_she_asked(service, session, device,
                                                               nora, alice, bob):
    from nestwell.care.models import Cue

    night = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)  # 02:00 in London, in quiet hours
    Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                          started_at=night - timedelta(hours=3), actor=alice,
                          created_by=alice, details={"method": "breast"})
    cue = Cue.objects.create(household=nora.household, child=nora, signal="cry",
                             started_at=night - timedelta(minutes=1), source="detector",
                             heard_by="Nursery phone")
    assert services.send_due(now=night, session=session) == 0  # off by default
    Preferences.objects.create(user=alice, household=nora.household, crying_on=True)
    assert services.send_due(now=night, session=session) == 1
    fake, _sub = device
    [(_path, _headers, body)] = service.received
    message = json.loads(fake.decrypt(body))
    assert message["body"] == "Crying heard in the nursery"
    assert "Nora" not in json.dumps(message)
    # Sent once; the timer still waits for the morning.
    assert services.send_due(now=night + timedelta(minutes=1), session=session) == 0
    assert [r.kind for r in services.due_for(alice, nora.household, now=night)] == [
        "timer", "crying"]
    Cue.objects.filter(pk=cue.pk).update(false_alarm=True)
    assert [r.kind for r in services.due_for(alice, nora.household, now=night)] == ["timer"]


def test_answered_or_tapped_crying_is_never_pushed(service, session, device, nora, alice,
                                                   bob):
    from nestwell.care.models import Cue

    Preferences.objects.create(user=alice, household=nora.household, crying_on=True)
    tapped = Cue.objects.create(household=nora.household, child=nora, signal="cry",
                                started_at=NOON - timedelta(minutes=1))
    assert services.send_due(now=NOON, session=session) == 0
    Cue.objects.filter(pk=tapped.pk).update(source="detector",
                                            responded_at=NOON - timedelta(seconds=30))
    assert services.send_due(now=NOON, session=session) == 0
    Cue.objects.filter(pk=tapped.pk).update(responded_at=None,
                                            started_at=NOON - timedelta(minutes=11))
    assert services.send_due(now=NOON, session=session) == 0  # no longer fresh


def test_a_detection_reaches_alice_at_once(service, device, nora, alice, bob, monkeypatch,
                                           django_capture_on_commit_callbacks):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    Preferences.objects.create(user=alice, household=nora.household, crying_on=True,
                               timer_on=False)
    with django_capture_on_commit_callbacks(execute=True):
        heard_crying(nora, bob, NOON)
    assert len(service.received) == 0  # NOON is long past: not fresh, not pushed
    from nestwell.care.models import Cue

    Cue.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        heard_crying(nora, bob, timezone.now())
    assert len(service.received) == 1  # crying is sent even in quiet hours
    fake, _sub = device
    assert json.loads(fake.decrypt(service.received[0][2]))["body"] == \
        "Crying heard in the nursery"


def test_a_partner_moment_from_another_day_says_its_day(session, nora, alice, bob):
    # Added now, but from two days before: "at 18:00" alone read as later today.
    before = NOON - timedelta(days=2)
    Moment.objects.create(household=nora.household, child=nora, kind="talk",
                          started_at=before, ended_at=before, actor=bob, created_by=bob)
    Moment.objects.filter(created_by=bob).update(created_at=NOON - timedelta(minutes=5))
    Preferences.objects.create(user=alice, household=nora.household, partner_on=True)
    [reminder] = services.due_for(alice, nora.household, now=NOON)
    day = measures.day(before.astimezone(nora.household.tz))
    assert reminder.text.startswith(f"Bob logged talking with Nora at {day}, ")

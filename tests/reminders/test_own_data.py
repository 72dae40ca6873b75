"""Her reminder settings travel with her own data: the download of her own check-ins and
questionnaires holds them (never a device's push address or keys), and no one else's."""

from datetime import UTC, datetime, time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from nestwell.reminders import services
from nestwell.reminders.models import Preferences, PushSubscription, Repeat

SECRET_ENDPOINT = "https://push.example/send/secret-endpoint"


def her_reminders(alice, household, other_household):
    Preferences.objects.create(user=alice, household=household, timer_minutes=45,
                               partner_on=True, quiet_start=time(21, 30))
    Repeat.objects.create(user=alice, household=household, instrument="phq9",
                          due_at=datetime(2026, 12, 16, 9, tzinfo=UTC))
    PushSubscription.objects.create(user=alice, household=household,
                                    endpoint=SECRET_ENDPOINT, p256dh="p" * 87,
                                    auth="secret-auth", label="Android phone")
    # Her settings in a second household are hers too.
    Preferences.objects.create(user=alice, household=other_household, checkin_on=True)


def test_her_download_holds_her_reminder_settings(client_for, alice, bob, household,
                                                  other_household):
    her_reminders(alice, household, other_household)
    Preferences.objects.create(user=bob, household=household, timer_minutes=10)
    download = client_for(alice).get("/account/mine/download/")
    assert download.status_code == 200
    places = {p["household"]: p for p in download.json()["reminders"]}
    assert set(places) == {"The Garcias", "The Smiths"}
    garcias = places["The Garcias"]
    assert garcias["preferences"]["timer_minutes"] == 45
    assert garcias["preferences"]["partner_on"] is True
    assert garcias["preferences"]["quiet_start"] == "21:30:00"
    assert garcias["repeats"] == [{"instrument": "phq9", "due_at": "2026-12-16T09:00:00+00:00"}]
    assert [d["label"] for d in garcias["devices"]] == ["Android phone"]
    assert places["The Smiths"]["preferences"]["checkin_on"] is True
    # A device's address and keys work as a password to it: never in a file.
    text = download.content.decode()
    assert SECRET_ENDPOINT not in text and "secret-auth" not in text
    assert "p" * 87 not in text


def test_nobody_elses_settings_are_in_her_download(client_for, alice, bob, household,
                                                   other_household):
    her_reminders(alice, household, other_household)
    assert client_for(bob).get("/account/mine/download/").json()["reminders"] == []


def test_her_settings_are_read_in_three_queries(alice, household, other_household):
    her_reminders(alice, household, other_household)
    with CaptureQueriesContext(connection) as ctx:
        services.own_settings(alice)
    assert len(ctx) == 3


def test_the_page_offers_the_download_with_settings_alone(client_for, alice, household):
    Preferences.objects.create(user=alice, household=household)
    page = client_for(alice).get("/account/mine/").content.decode()
    assert "/account/mine/download/" in page
    assert "reminder settings" in page

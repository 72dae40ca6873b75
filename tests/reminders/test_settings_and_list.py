"""Her reminders page, her devices, the list a notification opens, and what ends them."""

import json
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.accounts.models import Membership
from nestwell.journal.models import Moment
from nestwell.reminders import services
from nestwell.reminders.models import Occurrence, Preferences, PushSubscription, Repeat
from nestwell.wellbeing.models import CheckIn, ScreeningResponse

SUBSCRIPTION = {"endpoint": "https://push.example/send/abc",
                "keys": {"p256dh": "B" + "x" * 86, "auth": "y" * 22}}


def add_device(client, body=SUBSCRIPTION, agent="Mozilla/5.0 (Linux; Android 14) Chrome/130"):
    return client.post("/reminders/devices/", json.dumps(body),
                       content_type="application/json", HTTP_USER_AGENT=agent)


def test_the_page_shows_her_choices_and_the_public_key(client_for, alice):
    response = client_for(alice).get("/reminders/settings/")
    assert response.status_code == 200
    assert b"Quiet hours" in response.content
    assert b"clock, London)" in response.content  # the zone's city, in her language
    assert response.context["public_key"] in response.content.decode()


def test_she_saves_her_choices(client_for, alice, household):
    response = client_for(alice).post("/reminders/settings/", {
        "timer_on": "on", "timer_minutes": "45", "checkin_on": "on", "checkin_days": "3",
        "kangaroo_at": "18:30", "partner_on": "on", "quiet_on": "on",
        "quiet_start": "21:00", "quiet_end": "06:30"})
    assert response.status_code == 302
    prefs = Preferences.objects.get(user=alice, household=household)
    assert (prefs.timer_minutes, prefs.checkin_days, prefs.partner_on, prefs.repeat_on) == \
        (45, 3, True, False)
    assert prefs.quiet_start == time(21) and prefs.kangaroo_at == time(18, 30)


@pytest.mark.parametrize("minutes", ["0", "-5", "abc", "9" * 5000, "²"])
def test_a_strange_number_changes_nothing(client_for, alice, household, minutes):
    response = client_for(alice).post("/reminders/settings/", {
        "timer_on": "on", "timer_minutes": minutes, "checkin_days": "7",
        "kangaroo_at": "17:00", "quiet_start": "22:00", "quiet_end": "07:00"})
    assert response.status_code == 200
    assert not Preferences.objects.exists()


def test_a_device_is_added_named_and_removed(client_for, alice, household):
    client = client_for(alice)
    assert add_device(client).status_code == 201
    device = PushSubscription.objects.get()
    assert (device.user, device.household, device.label) == (alice, household,
                                                             "Chrome on Android")
    assert add_device(client).status_code == 201  # the same browser again replaces it
    assert PushSubscription.objects.count() == 1
    page = client.get("/reminders/settings/")
    assert b"Chrome on Android" in page.content
    device = PushSubscription.objects.get()
    assert client.post(f"/reminders/devices/{device.pk}/remove/").status_code == 302
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize("body", [
    {"endpoint": "http://push.example/x", "keys": SUBSCRIPTION["keys"]},
    {"endpoint": "https://push.example/x", "keys": {"p256dh": "short", "auth": "y" * 22}},
    {"endpoint": "https://push.example/x"},
    {"endpoint": "https://127.0.0.1/x", "keys": SUBSCRIPTION["keys"]},
    {"endpoint": "https://[::1]/x", "keys": SUBSCRIPTION["keys"]},
    {"endpoint": "https://localhost/x", "keys": SUBSCRIPTION["keys"]},
    {"endpoint": "https://printer.local/x", "keys": SUBSCRIPTION["keys"]},
    {"endpoint": "https://push.example/x", "keys": "not keys"},
    ["not", "an", "object"],
    "plain text",
])
def test_a_subscription_we_cannot_use_is_refused(client_for, alice, body):
    response = add_device(client_for(alice), body)
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_without_a_device_the_test_button_says_so(client_for, alice):
    response = client_for(alice).post("/reminders/test/", follow=True)
    assert b"No device took the test notification" in response.content


def test_leaving_the_household_ends_her_devices(alice, household):
    PushSubscription.objects.create(user=alice, household=household,
                                    endpoint=SUBSCRIPTION["endpoint"], p256dh="x", auth="y")
    Membership.objects.get(user=alice, household=household).delete()
    assert not PushSubscription.objects.exists()


def test_a_new_password_ends_her_devices(alice, household):
    PushSubscription.objects.create(user=alice, household=household,
                                    endpoint=SUBSCRIPTION["endpoint"], p256dh="x", auth="y")
    alice.display_name = "Ali"
    alice.save()
    assert PushSubscription.objects.count() == 1
    alice.set_password("a-new-calm-night-2026")
    alice.save()
    assert not PushSubscription.objects.exists()


def test_remind_me_in_two_weeks(client_for, alice, household):
    response = client_for(alice).post("/reminders/repeat/phq9/", {"back": "/you/"})
    assert response.status_code == 302 and response.url == "/you/"
    repeat = Repeat.objects.get()
    assert timedelta(days=13, hours=23) < repeat.due_at - timezone.now() <= timedelta(days=14)
    assert client_for(alice).post("/reminders/repeat/nope/").status_code == 404
    # Somewhere else is never where "back" leads.
    response = client_for(alice).post("/reminders/repeat/phq9/", {"back": "//evil.example"})
    assert response.url == "/reminders/settings/"


def test_the_screening_page_offers_the_reminder(client_for, alice, household):
    response = ScreeningResponse.objects.create(household=household, author=alice,
                                                instrument="phq9", version="1", total=4)
    page = client_for(alice).get(f"/you/screenings/{response.pk}/")
    assert b"Remind me in two weeks" in page.content


def test_a_repeat_is_due_until_she_answers_again(alice, household):
    now = datetime(2026, 6, 10, 13, tzinfo=UTC)
    services.ask_to_repeat(alice, household, "phq9", now=now - timedelta(days=15))
    [reminder] = services.due_for(alice, household, now=now)
    assert reminder.kind == "repeat" and "PHQ-9" in reminder.text
    assert reminder.link == "/you/questionnaires/phq9/"
    answered = ScreeningResponse.objects.create(household=household, author=alice,
                                                instrument="phq9", version="1", total=3)
    ScreeningResponse.objects.filter(pk=answered.pk).update(created_at=now - timedelta(hours=1))
    assert services.due_for(alice, household, now=now) == []


def test_a_checkin_reminder_after_the_days_she_chose(alice, household):
    now = datetime(2026, 6, 10, 13, tzinfo=UTC)
    prefs = Preferences.objects.create(user=alice, household=household, checkin_on=True,
                                       checkin_days=3, timer_on=False)
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=4,
                           energy=2, stress=3, support=4, safety="safe",
                           created_at=now - timedelta(days=2))
    assert services.due_for(alice, household, now=now) == []
    CheckIn.objects.update(created_at=now - timedelta(days=4))
    [reminder] = services.due_for(alice, household, now=now)
    assert reminder.kind == "checkin"
    assert prefs.pk


def test_kangaroo_care_for_a_baby_born_early(alice, household, nora):
    nora.gestation_weeks = 33
    nora.save()
    assert nora.born_early_or_small
    Preferences.objects.create(user=alice, household=household, kangaroo_on=True,
                               kangaroo_at=time(17))
    london = ZoneInfo("Europe/London")
    evening = datetime.combine(timezone.now().astimezone(london).date(), time(18), london)
    start = evening - timedelta(hours=3)
    Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                          started_at=start, ended_at=start + timedelta(minutes=90),
                          actor=alice, created_by=alice)
    [reminder] = services.due_for(alice, household, now=evening)
    assert reminder.kind == "kangaroo"
    assert "1 h 30 min" in reminder.text and "WHO" in reminder.text
    assert services.due_for(alice, household, now=evening - timedelta(hours=2)) == []


def test_putting_away_hides_it_and_only_her_due_keys_count(client_for, alice, household,
                                                           nora, bob):
    started = timezone.now() - timedelta(hours=3)
    moment = Moment.objects.create(household=household, child=nora, kind="feeding",
                                   started_at=started, actor=alice, created_by=alice,
                                   details={"method": "breast"})
    client = client_for(alice)
    page = client.get("/reminders/")
    assert b"The feed timer for Nora has been running since" in page.content
    banner = client.get("/reminders/banner/")
    assert b"A gentle reminder for you" in banner.content
    client.post("/reminders/put-away/", {"key": "timer:999999"})
    assert not Occurrence.objects.exists()
    client.post("/reminders/put-away/", {"key": f"timer:{moment.pk}"})
    assert Occurrence.objects.get().dismissed_at is not None
    assert b"Nothing is waiting for you" in client.get("/reminders/").content
    assert client.get("/reminders/banner/").content.strip() == b""
    # Bob is told nothing of Alice's timer.
    assert services.due_for(bob, household) == []


def test_the_list_costs_the_same_queries_with_much_more_to_show(client_for, alice, bob,
                                                                 household, nora):
    Preferences.objects.create(user=alice, household=household, partner_on=True,
                               checkin_on=True, kangaroo_on=True, kangaroo_at=time(0))
    client = client_for(alice)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/reminders/").status_code == 200
        return len(queries)

    def more(n):
        now = timezone.now()
        for i in range(n):
            Moment.objects.create(household=household, child=nora, kind="talk",
                                  started_at=now - timedelta(minutes=i + 1),
                                  ended_at=now - timedelta(minutes=i + 1), actor=bob,
                                  created_by=bob)
            services.ask_to_repeat(alice, household, ["phq9", "gad7", "phq2", "gad2"][i % 4],
                                   now=now - timedelta(days=20))

    more(1)
    few = count()
    more(30)
    assert count() == few


def test_pumping_some_hours_after_the_last_time(client_for, alice, bob, household, nora):
    """Lena pumped every three hours for her son in the unit, day and night."""
    from nestwell.milk import services as milk

    client = client_for(alice)
    page = client.get("/reminders/settings/").content.decode()
    assert 'name="pumping_on"' in page and 'name="pumping_hours"' in page
    prefs = Preferences.objects.create(user=alice, household=household, pumping_on=True,
                                       pumping_hours=3, timer_on=False)
    first = timezone.now().replace(microsecond=0) - timedelta(hours=10)
    assert services.due_for(alice, household, now=first) == []  # before her first session
    milk.add_session(child=nora, user=alice, started_at=first, amount_ml=40)
    assert services.due_for(alice, household, now=first + timedelta(hours=2)) == []
    [reminder] = services.due_for(alice, household, now=first + timedelta(hours=3, minutes=5))
    assert reminder.kind == "pumping" and "3 h 5 min ago" in reminder.text
    assert reminder.link == "/milk/pumping/"
    # Bob's sessions are not hers, and a new session of hers makes the next reminder.
    milk.add_session(child=nora, user=alice, started_at=first + timedelta(hours=4),
                     amount_ml=30)
    assert services.due_for(alice, household, now=first + timedelta(hours=4, minutes=5)) == []
    assert services.due_for(bob, household, now=first + timedelta(hours=9)) == []
    prefs.pumping_on = False
    prefs.save()
    assert services.due_for(alice, household, now=first + timedelta(hours=9)) == []


def test_no_pumping_reminder_after_a_loss(alice, household, nora):
    from nestwell.milk import services as milk

    Preferences.objects.create(user=alice, household=household, pumping_on=True,
                               pumping_hours=3, timer_on=False)
    now = timezone.now().replace(microsecond=0)
    milk.add_session(child=nora, user=alice, started_at=now - timedelta(hours=4),
                     amount_ml=40)
    assert [r.kind for r in services.due_for(alice, household, now=now)] == ["pumping"]
    nora.died_on = timezone.localdate()
    nora.save()
    assert services.due_for(alice, household, now=now) == []


def test_pumping_hours_out_of_range_change_nothing(client_for, alice, household):
    response = client_for(alice).post("/reminders/settings/", {
        "timer_minutes": "90", "checkin_days": "7", "pumping_on": "on", "pumping_hours": "0",
        "kangaroo_at": "17:00", "quiet_start": "22:00", "quiet_end": "07:00"})
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not Preferences.objects.filter(user=alice, pumping_on=True).exists()


def test_a_pumping_reminder_left_on_after_pumping_stopped_goes_quiet(alice, household, nora):
    """Review: "Your last pumping was at 11 Nov, 748 h ago", pushed again each month."""
    from nestwell.milk import services as milk

    Preferences.objects.create(user=alice, household=household, pumping_on=True,
                               pumping_hours=3, timer_on=False)
    last = timezone.now().replace(microsecond=0) - timedelta(days=3)
    milk.add_session(child=nora, user=alice, started_at=last, amount_ml=40)
    assert [r.kind for r in services.due_for(alice, household,
                                             now=last + timedelta(hours=20))] == ["pumping"]
    assert services.due_for(alice, household, now=last + timedelta(hours=25)) == []


def test_her_download_has_her_pumping_and_crying_choices(alice, household):
    Preferences.objects.create(user=alice, household=household, pumping_on=True,
                               pumping_hours=4, crying_on=True)
    [mine] = services.own_settings(alice)
    chosen = mine["preferences"]
    assert (chosen["pumping_on"], chosen["pumping_hours"], chosen["crying_on"]) == (True, 4,
                                                                                    True)

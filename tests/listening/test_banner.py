"""What every open page of the household shows: crying heard in the nursery, or a
listening device gone silent; and the one tap that says it was not crying."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.care import services as care
from nestwell.care.models import Cue
from nestwell.listening import services
from nestwell.listening.models import ListeningDevice

BANNER = "/listening/banner/"


def listening(child, user, name="Nursery phone", heard=timedelta(seconds=5)):
    now = timezone.now()
    return ListeningDevice.objects.create(household=child.household, child=child, name=name,
                                          created_by=user, created_at=now - heard,
                                          last_heard_at=now - heard)


def heard_crying(device, user):
    answer = services.record(device, kind="cry_started", user=user, confidence=0.9)
    return Cue.objects.get(pk=answer.episode)


def test_crying_heard_shows_on_another_members_page(client_for, alice, bob, nora):
    cue = heard_crying(listening(nora, bob), bob)
    response = client_for(alice).get(BANNER)
    page = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert "Crying heard in the nursery" in page and "Nora" in page
    assert "heard by Nursery phone" in page
    assert f'href="/?child={nora.pk}"' in page  # to the crying card, to answer it
    assert f"/cues/{cue.pk}/not-crying/" in page
    assert 'hx-trigger="every 2s"' in page


def test_on_the_night_screen_it_answers_from_the_night_screen(client_for, alice, bob, nora):
    heard_crying(listening(nora, bob), bob)
    page = client_for(alice).get(BANNER, headers={"HX-Current-URL": "http://x/night/"})
    assert f'href="/night/?child={nora.pk}"' in page.content.decode()


def test_an_unchanged_banner_is_not_sent_again(client_for, alice, bob, nora):
    heard_crying(listening(nora, bob), bob)
    client = client_for(alice)
    first = client.get(BANNER).content.decode()
    url = first.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    assert client.get(url).status_code == 204
    Cue.objects.update(quiet_at=timezone.now())  # the room went quiet: the banner changes
    changed = client.get(url)
    assert changed.status_code == 200 and "quiet again since" in changed.content.decode()


def test_without_devices_it_is_empty_and_asks_rarely(client_for, alice, nora):
    page = client_for(alice).get(BANNER).content.decode()
    assert 'hx-trigger="every 5s"' in page and "Crying" not in page
    body = page.split(">", 1)[1].rsplit("<", 1)[0]
    assert body == ""


def test_a_listening_device_makes_pages_ask_often(client_for, alice, bob, nora):
    listening(nora, bob)
    page = client_for(alice).get(BANNER).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Crying" not in page


def test_answered_or_not_crying_episodes_leave_the_banner(client_for, alice, bob, nora):
    device = listening(nora, bob)
    cue = heard_crying(device, bob)
    client = client_for(alice)
    care.respond(cue=cue, user=alice, way="picked_up")
    assert "Crying heard" not in client.get(BANNER).content.decode()
    care.settle(cue=Cue.objects.get(pk=cue.pk), user=alice)
    tapped = care.start_episode(child=nora, user=alice)
    assert "Crying heard" not in client.get(BANNER).content.decode()  # tapped: she knows
    care.take_back(tapped)
    cue = heard_crying(device, bob)
    care.not_crying(cue=cue)
    assert "Crying heard" not in client.get(BANNER).content.decode()


def test_a_device_gone_silent_is_shown_plainly(client_for, alice, bob, nora):
    listening(nora, bob, "Old tablet", heard=timedelta(minutes=3))
    stopped = listening(nora, bob, "Stopped phone", heard=timedelta(minutes=3))
    services.stop(stopped)
    ListeningDevice.objects.filter(pk=stopped.pk).update(
        last_heard_at=timezone.now() - timedelta(minutes=3))
    page = client_for(alice).get(BANNER).content.decode()
    assert "Old tablet: not heard from since" in page
    assert "Stopped phone" not in page
    assert 'hx-trigger="every 5s"' in page


def test_another_household_sees_nothing_of_ours(client_for, bob, mallory, nora, sam):
    heard_crying(listening(nora, bob), bob)
    listening(nora, bob, "Old tablet", heard=timedelta(minutes=3))
    page = client_for(mallory).get(BANNER).content.decode()
    assert "Crying" not in page and "Nora" not in page and "Old tablet" not in page


def test_a_viewer_sees_the_banner_without_the_not_crying_button(client_for, bob, carol,
                                                                 nora):
    heard_crying(listening(nora, bob), bob)
    page = client_for(carol).get(BANNER).content.decode()
    assert "Crying heard in the nursery" in page and "not-crying" not in page


def test_every_page_asks_for_the_banner(client_for, alice, nora):
    page = client_for(alice).get("/").content.decode()
    assert 'hx-get="/listening/banner/"' in page and 'aria-live="polite"' in page


@pytest.mark.parametrize("many", [1, 12])
def test_the_banner_costs_the_same_queries_however_many(client_for, alice, bob, household,
                                                       django_assert_max_num_queries, many):
    from nestwell.children.models import Child

    client = client_for(alice)
    client.get(BANNER)  # the session is warm
    for i in range(many):
        child = Child.objects.create(household=household, name=f"Baby {i}",
                                     birth_at=timezone.now() - timedelta(days=9))
        heard_crying(listening(child, bob, f"Phone {i}"), bob)
        listening(child, bob, f"Tablet {i}", heard=timedelta(minutes=5))
    # The session, its person, her membership; then the devices and the crying: two.
    with django_assert_max_num_queries(5):
        page = client.get(BANNER).content.decode()
    assert page.count('data-testid="listening-crying"') == many
    assert page.count("not heard from since") == many


# --- Not crying ----------------------------------------------------------------------

def test_not_crying_closes_the_episode_and_keeps_it_as_feedback(client_for, alice, bob, nora):
    cue = heard_crying(listening(nora, bob), bob)
    response = client_for(alice).post(f"/cues/{cue.pk}/not-crying/", {"next": "night"})
    assert response.status_code == 302 and response["Location"] == f"/night/?child={nora.pk}"
    cue.refresh_from_db()
    assert cue.false_alarm and cue.closed_at is not None and cue.detection.device.name
    assert not Cue.objects.open_distress().exists()  # the button is free again


def test_not_crying_leaves_every_chart(client_for, alice, bob, nora):
    client = client_for(alice)
    cue = heard_crying(listening(nora, bob), bob)
    care.respond(cue=cue, user=alice, way="picked_up")
    assert "chart-crying" in client.get("/insights/").content.decode()
    assert "No crying episodes in this period" not in client.get("/care/").content.decode()
    client.post(f"/cues/{cue.pk}/not-crying/")
    assert "chart-crying" not in client.get("/insights/").content.decode()
    assert "No crying episodes in this period" in client.get("/care/").content.decode()
    assert f"/cues/{cue.pk}/edit/" not in client.get("/timeline/").content.decode()
    assert Cue.objects.filter(pk=cue.pk, false_alarm=True).exists()


def test_only_a_detected_episode_can_be_not_crying(client_for, alice, nora):
    tapped = care.start_episode(child=nora, user=alice)
    client_for(alice).post(f"/cues/{tapped.pk}/not-crying/")
    tapped.refresh_from_db()
    assert not tapped.false_alarm and tapped.is_open


def test_not_crying_is_refused_to_a_viewer_and_another_household(client_for, bob, carol,
                                                                 mallory, nora, sam):
    cue = heard_crying(listening(nora, bob), bob)
    assert client_for(carol).post(f"/cues/{cue.pk}/not-crying/").status_code == 403
    assert client_for(mallory).post(f"/cues/{cue.pk}/not-crying/").status_code == 404
    cue.refresh_from_db()
    assert not cue.false_alarm and cue.is_open


def test_the_crying_card_says_who_heard_it(client_for, alice, bob, nora):
    device = listening(nora, bob)
    heard_crying(device, bob)
    services.record(device, kind="cry_stopped", user=bob)
    page = client_for(alice).get("/").content.decode()
    assert "Heard by Nursery phone" in page and "quiet again since" in page
    assert 'data-testid="not-crying"' in page


# --- The household's listening devices -----------------------------------------------

def test_the_devices_page_says_when_each_was_last_heard(client_for, alice, bob, nora):
    listening(nora, bob, "Nursery phone")
    listening(nora, bob, "Old tablet", heard=timedelta(minutes=3))
    services.stop(listening(nora, bob, "Laptop"))
    page = client_for(alice).get("/listening/devices/").content.decode()
    assert "Listening · last heard from at" in page
    assert page.count('data-testid="device-lost"') == 1 and "Not heard from since" in page
    assert "Stopped listening at" in page
    assert "not a safety monitor" in page


def test_a_device_gone_silent_can_be_put_away(client_for, alice, bob, carol, mallory, nora,
                                             sam):
    device = listening(nora, bob, "Old tablet", heard=timedelta(minutes=3))
    assert client_for(mallory).get("/listening/devices/").content.decode().count(
        "Old tablet") == 0
    assert client_for(mallory).post(f"/listening/devices/{device.pk}/stop/").status_code == 404
    assert client_for(carol).post(f"/listening/devices/{device.pk}/stop/").status_code == 403
    viewer_page = client_for(carol).get("/listening/devices/").content.decode()
    assert "Old tablet" in viewer_page and "no longer listening</button>" not in viewer_page
    device.refresh_from_db()
    assert device.stopped_at is None
    response = client_for(alice).post(f"/listening/devices/{device.pk}/stop/")
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.stopped_at is not None
    assert "not heard from" not in client_for(alice).get(BANNER).content.decode()


@pytest.mark.parametrize("many", [1, 30])
def test_the_devices_page_costs_the_same_queries(client_for, alice, bob, nora,
                                                 django_assert_max_num_queries, many):
    client = client_for(alice)
    for i in range(many):
        listening(nora, bob, f"Phone {i}", heard=timedelta(minutes=i))
    with django_assert_max_num_queries(6):
        assert client.get("/listening/devices/").status_code == 200


def test_deleting_the_household_takes_its_devices_and_detections(bob, nora):
    from nestwell.listening.models import Detection

    heard_crying(listening(nora, bob), bob)
    nora.household.delete()
    assert not ListeningDevice.objects.exists() and not Detection.objects.exists()


def test_a_microphone_lost_is_said_at_once_not_a_minute_later(client_for, alice, bob, nora):
    """Grace, who is Deaf: the nursery phone lost its microphone and her page said nothing
    for 69 seconds, then "quiet again" while her baby still cried."""
    device = listening(nora, bob)
    cue = heard_crying(device, bob)
    services.record(device, kind="deaf", user=bob)
    device.refresh_from_db()
    assert device.deaf_at is not None and device.stopped_at is None
    page = client_for(alice).get(BANNER).content.decode()
    assert "Nursery phone stopped hearing at" in page and "microphone is off or lost" in page
    assert "Crying heard in the nursery" in page and "quiet again" not in page
    cue.refresh_from_db()
    assert cue.quiet_at is None
    # Hearing again: it says so with its next event, and the line goes.
    services.record(device, kind="heartbeat", user=bob)
    device.refresh_from_db()
    assert device.deaf_at is None
    assert "stopped hearing" not in client_for(alice).get(BANNER).content.decode()


def test_a_page_closed_at_night_is_said_until_someone_has_seen_it(client_for, alice, bob,
                                                                  carol, mallory, nora):
    """Grace: the nursery phone's page was closed, and her page never said so."""
    device = listening(nora, bob)
    services.record(device, kind="closed", user=bob)
    device.refresh_from_db()
    assert device.stopped_at is not None and device.closed
    page = client_for(alice).get(BANNER).content.decode()
    assert "Nursery phone stopped listening at" in page and "its page was closed" in page
    assert 'hx-trigger="every 5s"' in page
    # Stopped with its own button: nothing to warn of.
    other = listening(nora, bob, "Tablet")
    services.record(other, kind="stopped", user=bob)
    assert "Tablet stopped listening" not in client_for(alice).get(BANNER).content.decode()
    # Another household cannot put it away, nor a viewer (it is put away for everyone).
    assert client_for(mallory).post(
        f"/listening/devices/{device.pk}/closed-seen/").status_code == 404
    assert client_for(carol).post(
        f"/listening/devices/{device.pk}/closed-seen/").status_code == 403
    assert "Got it" not in client_for(carol).get(BANNER).content.decode()
    response = client_for(alice).post(f"/listening/devices/{device.pk}/closed-seen/",
                                      {"next": "night"})
    assert response.status_code == 302 and response["Location"] == "/night/"
    assert "its page was closed" not in client_for(alice).get(BANNER).content.decode()


def test_a_device_listening_again_ends_the_closed_line(client_for, alice, bob, nora):
    device = listening(nora, bob)
    services.record(device, kind="closed", user=bob)
    listening(nora, bob, "Nursery phone again")
    assert "its page was closed" not in client_for(alice).get(BANNER).content.decode()


def test_a_closed_page_is_said_once_per_baby_and_not_after_listening_again(client_for,
                                                                          alice, bob,
                                                                          household, nora):
    """Review: each reload of the nursery page left a closed line that came back after the
    morning's stop; and a closed phone went unsaid while another room's device listened."""
    from nestwell.children.models import Child

    first = services.register(child=nora, user=bob, name="Nursery phone")
    services.record(first, kind="closed", user=bob)
    second = services.register(child=nora, user=bob, name="Nursery phone")  # reloaded
    first.refresh_from_db()
    assert not first.closed
    services.record(second, kind="stopped", user=bob)  # the morning's stop, by its button
    assert "its page was closed" not in client_for(alice).get(BANNER).content.decode()
    twin = Child.objects.create(household=household, name="Rose", birth_at=nora.birth_at)
    landing = services.register(child=twin, user=bob, name="Landing tablet")
    services.record(landing, kind="heartbeat", user=bob)
    nursery = services.register(child=nora, user=bob, name="Nursery phone")
    services.record(nursery, kind="closed", user=bob)
    page = client_for(alice).get(BANNER).content.decode()
    assert page.count("its page was closed") == 1 and "Nursery phone stopped listening" in page

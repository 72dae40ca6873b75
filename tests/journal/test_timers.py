from datetime import timedelta

from django.utils import timezone

from nestwell.journal.models import Moment


def start(child, user, kind="feeding", **details):
    return Moment.objects.create(household=child.household, child=child, kind=kind,
                                 started_at=timezone.now() - timedelta(minutes=14),
                                 actor=user, created_by=user, details=details)


def test_stopping_a_feed_keeps_its_side_and_adds_eye_contact(client_for, alice, nora):
    feed = start(nora, alice, method="breast", side="left")
    response = client_for(alice).post(f"/moments/{feed.pk}/stop/", {"eye_contact": "on"})
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.ended_at is not None
    assert timedelta(minutes=13) < feed.duration < timedelta(minutes=15)
    assert feed.details == {"method": "breast", "side": "left", "eye_contact": True}


def test_timers_show_on_every_device_of_the_household(client_for, alice, bob, nora):
    start(nora, alice, kind="skin_to_skin")
    fragment = client_for(bob).get("/timers/").content.decode()
    assert "Skin-to-skin" in fragment
    assert "Nora" in fragment


def test_a_timer_cannot_be_stopped_twice(client_for, alice, nora):
    feed = start(nora, alice)
    client = client_for(alice)
    client.post(f"/moments/{feed.pk}/stop/")
    first_end = Moment.objects.get().ended_at
    response = client.post(f"/moments/{feed.pk}/stop/", follow=True)
    assert "already been stopped" in response.content.decode()
    assert Moment.objects.get().ended_at == first_end


def test_another_household_cannot_see_or_stop_a_timer(client_for, mallory, alice, nora):
    feed = start(nora, alice)
    client = client_for(mallory)
    assert "Nora" not in client.get("/timers/").content.decode()
    assert client.post(f"/moments/{feed.pk}/stop/").status_code == 404
    assert Moment.objects.get().ended_at is None


def test_a_viewer_sees_timers_but_cannot_stop_them(client_for, carol, alice, nora):
    feed = start(nora, alice)
    client = client_for(carol)
    assert "Feed" in client.get("/timers/").content.decode()
    assert client.post(f"/moments/{feed.pk}/stop/").status_code == 403
    assert Moment.objects.get().ended_at is None

"""An entry logged for the wrong twin is moved to the other baby from its edit page (and
with ``child`` in the API's PATCH); a household of one baby is not offered the choice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.wondering.models import Wondering

from .test_moment_form import london


@pytest.fixture
def ben(household):
    return Child.objects.create(household=household, name="Ben",
                                birth_at=timezone.now() - timedelta(days=30))


@pytest.fixture
def feed(household, nora, alice):
    start = timezone.now() - timedelta(hours=2)
    return Moment.objects.create(household=household, child=nora, kind="feeding",
                                 started_at=start, ended_at=start + timedelta(minutes=15),
                                 actor=alice, created_by=alice,
                                 details={"method": "bottle", "amount_ml": 90})


def edit(client, feed, **overrides):
    data = {"started_at": london(feed.started_at), "ended_at": london(feed.ended_at),
            "actor": feed.actor_id, "method": "bottle", "amount_ml": "90",
            "version": feed.version, **overrides}
    return client.post(f"/moments/{feed.pk}/edit/", data)


def test_one_baby_is_not_offered_a_choice(client_for, alice, feed):
    page = client_for(alice).get(f"/moments/{feed.pk}/edit/").content.decode()
    assert 'name="child"' in page and 'type="hidden" name="child"' in page
    assert "<select name=\"child\"" not in page


def test_a_feed_for_the_wrong_twin_moves_to_the_other(client_for, alice, feed, nora, ben):
    client = client_for(alice)
    page = client.get(f"/moments/{feed.pk}/edit/").content.decode()
    assert '<select name="child"' in page and 'type="hidden" name="child"' not in page
    assert f'<option value="{nora.pk}" selected>Nora</option>' in page
    response = edit(client, feed, child=ben.pk)
    assert response.status_code == 302
    assert f"child={ben.pk}" in response["Location"]
    feed.refresh_from_db()
    assert (feed.child, feed.version, feed.details["amount_ml"]) == (ben, 2, 90)
    shown = client.get(response["Location"]).content.decode()
    assert "Saved, and moved to Ben." in shown


def test_an_edit_that_keeps_the_baby_says_saved(client_for, alice, feed, nora, ben):
    client = client_for(alice)
    response = edit(client, feed, child=nora.pk, note="Sleepy")
    feed.refresh_from_db()
    assert (feed.child, feed.note) == (nora, "Sleepy")
    shown = client.get(response["Location"]).content.decode()
    assert "Saved." in shown and "moved to" not in shown


def test_the_cry_it_answered_stays_with_the_baby_who_cried(client_for, alice, feed, nora,
                                                            ben, household):
    cue = Cue.objects.create(household=household, child=nora, signal="cry",
                             started_at=feed.started_at, ways=["fed"], moment=feed)
    wondering = Wondering.objects.create(household=household, author=alice, child=nora,
                                         occasion="feed", key=f"moment:{feed.pk}",
                                         moment=feed, about_at=feed.started_at)
    edit(client_for(alice), feed, child=ben.pk)
    cue.refresh_from_db()
    wondering.refresh_from_db()
    assert (cue.child, cue.moment, cue.ways) == (nora, None, ["fed"])
    assert (wondering.child, wondering.moment) == (ben, feed)


def test_a_baby_of_another_household_is_refused(client_for, alice, feed, nora, ben, sam):
    response = edit(client_for(alice), feed, child=sam.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    feed.refresh_from_db()
    assert (feed.child, feed.version) == (nora, 1)


def test_a_timer_the_other_twin_already_has_running_is_refused(client_for, alice, household,
                                                                 nora, ben):
    now = timezone.now()
    running = Moment.objects.create(household=household, child=nora, kind="skin_to_skin",
                                    started_at=now - timedelta(minutes=20), actor=alice)
    Moment.objects.create(household=household, child=ben, kind="skin_to_skin",
                          started_at=now - timedelta(minutes=10), actor=alice)
    response = client_for(alice).post(f"/moments/{running.pk}/edit/", {
        "started_at": london(running.started_at), "actor": alice.pk, "version": 1,
        "child": ben.pk})
    assert response.status_code == 200
    assert "timer is already running for Ben" in response.content.decode()
    running.refresh_from_db()
    assert (running.child, running.version) == (nora, 1)


def test_a_twin_born_after_it_cannot_have_it(client_for, alice, feed, household):
    late = Child.objects.create(household=household, name="Cal",
                                birth_at=timezone.now() - timedelta(minutes=30))
    response = edit(client_for(alice), feed, child=late.pk)
    assert "before Cal was born" in response.content.decode()
    feed.refresh_from_db()
    assert feed.child.name == "Nora"



def test_a_nappy_and_a_temperature_move_to_the_other_twin(client_for, alice, household,
                                                            nora, ben):
    from nestwell.health.models import Nappy, Temperature

    when = timezone.now() - timedelta(hours=1)
    nappy = Nappy.objects.create(household=household, child=nora, kind="wet", changed_at=when)
    warm = Temperature.objects.create(household=household, child=nora, celsius="37.4",
                                      taken_at=when)
    client = client_for(alice)
    page = client.get(f"/care-day/nappies/{nappy.pk}/").content.decode()
    assert f'<option value="{nora.pk}" selected>Nora</option>' in page
    response = client.post(f"/care-day/nappies/{nappy.pk}/", {
        "child": ben.pk, "kind": "dirty", "changed_at": london(when), "version": 1})
    assert response.status_code == 302 and f"child={ben.pk}" in response["Location"]
    assert "Saved, and moved to Ben." in client.get(response["Location"]).content.decode()
    response = client.post(f"/care-day/temperatures/{warm.pk}/", {
        "child": ben.pk, "celsius": "37.4", "unit": "C", "taken_at": london(when),
        "version": 1})
    assert response.status_code == 302 and f"child={ben.pk}" in response["Location"]
    nappy.refresh_from_db()
    warm.refresh_from_db()
    assert (nappy.child, nappy.kind, nappy.version) == (ben, "dirty", 2)
    assert (warm.child, warm.version) == (ben, 2)


def test_a_nappy_for_a_baby_not_yet_born_is_refused(client_for, alice, household, nora, ben):
    from nestwell.health.models import Nappy

    bump = Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=8))
    nappy = Nappy.objects.create(household=household, child=nora, kind="wet",
                                 changed_at=timezone.now() - timedelta(hours=1))
    response = client_for(alice).post(f"/care-day/nappies/{nappy.pk}/", {
        "child": bump.pk, "kind": "wet", "changed_at": london(nappy.changed_at),
        "version": 1})
    assert response.status_code == 200
    nappy.refresh_from_db()
    assert (nappy.child, nappy.version) == (nora, 1)


def test_the_services_refuse_a_baby_of_another_household(feed, sam, household, nora):
    from django.core.exceptions import ValidationError

    from nestwell.health import services as health
    from nestwell.health.models import Nappy
    from nestwell.journal import services as journal

    nappy = Nappy.objects.create(household=household, child=nora, kind="wet",
                                 changed_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        health.update_nappy(nappy, version=1, kind="wet", changed_at=nappy.changed_at,
                            child=sam)
    assert "child" in refused.value.error_dict
    with pytest.raises(ValidationError):
        journal.update_moment(feed, version=1, kind="feeding", started_at=feed.started_at,
                              ended_at=feed.ended_at, actor=feed.actor, details=feed.details,
                              note="", child=sam)
    nappy.refresh_from_db()
    feed.refresh_from_db()
    assert (nappy.child, feed.child) == (nora, nora)

"""The short check-in (for anyone in the household, or a day too full for more): a few
taps, private to its writer, and the same way to support as hers."""

import pytest

from nestwell.transfer import own_data
from nestwell.wellbeing import services
from nestwell.wellbeing.models import CheckIn, CheckInKind

URL = "/you/check-in/short/"


def answers(**overrides):
    data = {"mood": "3", "sleep_hours": "5", "support": "2", "connection": "4",
            "safety": "safe", "note": "Did the 3 am feed, felt good."}
    data.update(overrides)
    return data


def test_a_partner_checks_in_in_a_few_taps(client_for, bob, household):
    page = client_for(bob).get(URL).content.decode()
    assert "How close to your baby do you feel?" in page and 'name="energy"' not in page
    response = client_for(bob).post(URL, answers())
    assert (response.status_code, response.url) == (302, "/you/")
    entry = CheckIn.objects.get()
    assert (entry.author, entry.household, entry.kind) == (bob, household, CheckInKind.SHORT)
    assert (entry.mood, entry.support, entry.connection, entry.energy, entry.stress) == (
        3, 2, 4, None, None)
    history = client_for(bob).get("/you/check-ins/").content.decode()
    assert "support: a little" in history and "energy:" not in history


def test_sleep_and_note_can_be_left_out(client_for, bob):
    assert client_for(bob).post(URL, answers(sleep_hours="", note="")).status_code == 302
    assert CheckIn.objects.get().sleep_hours is None


@pytest.mark.parametrize("overrides", [{"mood": "1"}, {"safety": "unsure"},
                                       {"safety": "not_safe", "mood": "5"}])
def test_a_very_low_mood_or_not_feeling_safe_goes_straight_to_support(client_for, bob,
                                                                      overrides):
    response = client_for(bob).post(URL, answers(**overrides))
    assert (response.status_code, response.url) == (302, "/support/?from=checkin")
    assert CheckIn.objects.get().needs_support


def test_a_very_low_mood_reaches_support_even_when_the_rest_is_missing(client_for, bob):
    response = client_for(bob).post(URL, {"mood": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="continue-later"' in page
    assert f'action="{URL}"' in page and not CheckIn.objects.exists()
    # Back from support: what he entered, without error boxes.
    back = client_for(bob).post(URL, {"go": "continue", "mood": "1"}).content.decode()
    assert 'value="1"' in back and "checked" in back and 'class="errorlist' not in back


def test_a_low_mood_in_her_full_check_in_keeps_its_own_path(client_for, alice):
    client_for(alice).post("/you/check-in/", {
        "mood": "1", "connection": "3", "energy": "2", "stress": "3", "support": "3",
        "safety": "safe"})
    assert not CheckIn.objects.get().needs_support


@pytest.mark.parametrize("field,value", [("mood", "0"), ("support", ""), ("safety", "maybe"),
                                         ("sleep_hours", "25")])
def test_impossible_answers_are_explained_and_nothing_is_saved(client_for, bob, field,
                                                                 value):
    response = client_for(bob).post(URL, answers(**{field: value}))
    assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    assert not CheckIn.objects.exists()


def test_nobody_else_sees_his_check_in(client_for, alice, bob, carol, mallory, household):
    client_for(bob).post(URL, answers(note="only his"))
    entry = CheckIn.objects.get()
    for person in (alice, carol, mallory):
        client = client_for(person)
        for url in ("/you/", "/you/check-ins/", "/", f"/you/shared/{bob.pk}/"):
            assert "only his" not in client.get(url).content.decode()
        assert client.get(f"/api/v1/checkins/{entry.pk}").status_code == 404
        assert client.get(f"/you/shared/{bob.pk}/").status_code == 404
    assert "only his" in client_for(bob).get("/you/check-ins/").content.decode()


def test_a_viewer_may_keep_a_short_check_in_of_her_own(client_for, carol):
    assert client_for(carol).post(URL, answers()).status_code == 302
    assert CheckIn.objects.get().author == carol


def test_the_offline_path_keeps_the_kind(household, bob):
    entry = services.record_checkin(household=household, author=bob,
                                    answers={"kind": "short", **answers(mood="1")})
    assert entry.kind == "short" and entry.needs_support


def test_his_own_data_download_and_deletion_cover_it(household, bob):
    services.record_checkin(household=household, author=bob, answers={"kind": "short",
                                                                      **answers()})
    row = own_data.document(bob)["checkins"][0]
    assert (row["kind"], row["energy"], row["stress"], row["household"]) == (
        "short", None, None, "The Garcias")
    own_data.delete_all(bob)
    assert not CheckIn.objects.exists()

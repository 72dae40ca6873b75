from datetime import timedelta

from django.utils import timezone

from nestwell.children.models import Child


def born_data(**overrides):
    data = {"name": "Ivy", "born": "yes", "birth_at": "2026-11-01T04:30",
            "gestation_weeks": "35", "gestation_days": "2", "birth_weight_grams": "2300"}
    data.update(overrides)
    return data


def test_a_parent_adds_a_born_baby_in_the_household_time(client_for, alice, household):
    response = client_for(alice).post("/children/new/", born_data())
    assert response.status_code == 302
    ivy = Child.objects.get(name="Ivy")
    assert ivy.household == household
    # 04:30 in London on 1 November (GMT) is 04:30 UTC
    assert ivy.birth_at.isoformat() == "2026-11-01T04:30:00+00:00"
    assert (ivy.gestation_weeks, ivy.gestation_days, ivy.birth_weight_grams) == (35, 2, 2300)


def test_a_parent_adds_a_baby_on_the_way(client_for, alice):
    due = (timezone.localdate() + timedelta(weeks=12)).isoformat()
    response = client_for(alice).post("/children/new/", {"name": "Bump", "born": "no",
                                                          "due_date": due,
                                                          "gestation_weeks": "30"})
    assert response.status_code == 302
    bump = Child.objects.get(name="Bump")
    assert bump.birth_at is None
    assert bump.gestation_weeks is None  # only meaningful after birth


def test_twins_live_in_one_household(client_for, alice, household):
    client = client_for(alice)
    client.post("/children/new/", born_data(name="Ada"))
    client.post("/children/new/", born_data(name="Ben"))
    assert list(household.children.values_list("name", flat=True)) == ["Ada", "Ben"]
    page = client.get("/").content.decode()
    assert "Ada" in page and "Ben" in page


def test_a_birth_in_the_future_is_refused(client_for, alice):
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(alice).post("/children/new/", born_data(birth_at=future))
    assert response.status_code == 200
    assert "in the future" in response.content.decode()
    assert not Child.objects.exists()


def test_a_missing_date_is_asked_for(client_for, alice):
    response = client_for(alice).post("/children/new/", {"name": "X", "born": "no"})
    assert "When is your baby due?" in response.content.decode()
    assert not Child.objects.exists()


def test_impossible_birth_numbers_are_refused(client_for, alice):
    response = client_for(alice).post("/children/new/", born_data(gestation_weeks="60",
                                                                  birth_weight_grams="-3"))
    assert response.status_code == 200
    assert not Child.objects.exists()


def test_a_parent_edits_a_baby(client_for, alice, nora):
    response = client_for(alice).post(f"/children/{nora.pk}/edit/", born_data(name="Nora Rose"))
    assert response.status_code == 302
    nora.refresh_from_db()
    assert nora.name == "Nora Rose"


def test_another_household_cannot_see_or_edit_a_baby(client_for, mallory, nora):
    client = client_for(mallory)
    assert client.get(f"/children/{nora.pk}/edit/").status_code == 404
    assert client.post(f"/children/{nora.pk}/edit/", born_data(name="Mine")).status_code == 404
    assert client.post(f"/children/{nora.pk}/select/").status_code == 404
    nora.refresh_from_db()
    assert nora.name == "Nora"


def test_a_caregiver_cannot_add_or_edit_babies(client_for, bob, nora):
    client = client_for(bob)
    assert client.post("/children/new/", born_data()).status_code == 403
    assert client.post(f"/children/{nora.pk}/edit/", born_data(name="X")).status_code == 403
    assert Child.objects.count() == 1


def test_the_quick_switch_remembers_the_baby(client_for, alice, household, nora):
    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    client = client_for(alice)
    client.post(f"/children/{twin.pk}/select/", {"next": "home"})
    page = client.get("/").content.decode()
    assert '<h1 dir="auto">Nell</h1>' in page


def test_a_baby_added_twice_is_removed_in_one_tap(client_for, alice, household, nora):
    """A baby added twice by mistake ("✓ Alfie / Alfie") could only be removed from the
    command line or the API."""
    twin = Child.objects.create(household=household, name=nora.name,
                                birth_at=nora.birth_at)
    client = client_for(alice)
    assert f"/children/{twin.pk}/remove/" in client.get(
        f"/children/{twin.pk}/edit/").content.decode()
    page = client.get(f"/children/{twin.pk}/remove/").content.decode()
    assert "Nothing is logged for this baby yet" in page and "understood" not in page
    assert client.post(f"/children/{twin.pk}/remove/").status_code == 302
    assert list(Child.objects.filter(household=household)) == [nora]


def test_a_baby_with_entries_is_removed_only_once_she_ticks_what_goes(client_for, alice,
                                                                      nora):
    from nestwell.health.models import Nappy
    from nestwell.journal.models import Moment

    Moment.objects.create(household=nora.household, child=nora, kind="talk",
                          started_at=timezone.now(), created_by=alice)
    Nappy.objects.create(household=nora.household, child=nora, kind="wet",
                         changed_at=timezone.now())
    client = client_for(alice)
    page = client.post(f"/children/{nora.pk}/remove/").content.decode()
    assert "2 entries are logged for this baby" in page
    assert "errorlist" in page
    assert Child.objects.filter(pk=nora.pk).exists()
    assert client.post(f"/children/{nora.pk}/remove/", {"understood": "on"}).status_code == 302
    assert not Child.objects.filter(pk=nora.pk).exists() and not Nappy.objects.exists()


def test_weeks_and_days_typed_together_on_the_babys_page(client_for, alice):
    response = client_for(alice).post("/children/new/", born_data(gestation_weeks="31+2",
                                                                  gestation_days=""))
    assert response.status_code == 302
    ivy = Child.objects.get(name="Ivy")
    assert (ivy.gestation_weeks, ivy.gestation_days) == (31, 2)
    page = client_for(alice).get(f"/children/{ivy.pk}/edit/").content.decode()
    assert 'name="gestation_weeks" dir="auto" value="31"' in page and 'inputmode="tel"' in page
    response = client_for(alice).post(f"/children/{ivy.pk}/edit/",
                                      born_data(gestation_weeks="31+9"))
    assert "the days run from 0 to 6" in response.content.decode()
    ivy.refresh_from_db()
    assert (ivy.gestation_weeks, ivy.gestation_days) == (31, 2)


def test_a_baby_on_the_way_is_kept_whatever_the_hidden_birth_boxes_hold(client_for, alice):
    """The weeks, days and weight are hidden for a baby not yet born: what they hold is
    dropped, never refused with an error she cannot see."""
    due = (timezone.localdate() + timedelta(weeks=12)).isoformat()
    response = client_for(alice).post("/children/new/", {
        "name": "Bump", "born": "no", "due_date": due, "gestation_weeks": "45",
        "gestation_days": "9", "birth_weight_grams": "heavy"})
    assert response.status_code == 302
    bump = Child.objects.get(name="Bump")
    assert (bump.gestation_weeks, bump.gestation_days, bump.birth_weight_grams) == (
        None, None, None)


def test_days_after_the_plus_take_the_place_of_the_days_box_and_its_error(client_for, alice):
    response = client_for(alice).post("/children/new/", born_data(gestation_weeks="31+2",
                                                                  gestation_days="9"))
    assert response.status_code == 302
    ivy = Child.objects.get(name="Ivy")
    assert (ivy.gestation_weeks, ivy.gestation_days) == (31, 2)


def test_the_switch_stays_on_the_page_it_was_tapped_on(client_for, alice, household, nora):
    """Valeria's twins: the switch on the kangaroo page, the dashboard, the report and
    five more went back to Today; each page now names itself and the switch stays."""
    import re

    from django.urls import reverse

    from nestwell.children.current import BACK_TO

    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    client = client_for(alice)
    for url in ("/kangaroo/", "/letters/", "/care/", "/routines/", "/insights/",
                "/insights/report/", "/insights/week/", "/insights/protocol/"):
        page = client.get(f"{url}?child={nora.pk}").content.decode()
        named = re.search(r'<input type="hidden" name="next" value="([a-z]+)">', page)
        assert named and named[1] != "home", url
        response = client.post(f"/children/{twin.pk}/select/", {"next": named[1]})
        assert response.url == reverse(BACK_TO[named[1]]) == url, url

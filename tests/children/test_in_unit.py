"""A baby still in a neonatal unit (Lena: a son born at 31 weeks): Today begins with what
she can do there (kangaroo care, her milk), nothing offers to listen in a nursery at home,
the support page speaks of the unit's team, and one tap says the baby came home."""

from datetime import timedelta

from django.utils import timezone

from nestwell.children.models import Child
from nestwell.journal.models import Moment


def in_unit(child):
    child.neonatal_care = child.in_unit = True
    child.save(update_fields=["neonatal_care", "in_unit"])


def test_today_begins_with_the_unit(client_for, alice, nora):
    client = client_for(alice)
    before = client.get("/").content.decode()
    assert 'data-testid="in-unit"' not in before and 'data-testid="listen-link"' in before
    in_unit(nora)
    page = client.get("/").content.decode()
    assert "Nora is in the neonatal unit" in page
    assert page.index('data-testid="in-unit"') < page.index('id="crying-now"')
    assert 'data-testid="listen-link"' not in page
    assert "/milk/pumping/" in page and f"/kangaroo/?child={nora.pk}" in page
    assert 'data-testid="in-unit-kangaroo"' in page
    client.post("/moments/quick/", {"kind": "skin_to_skin", "child": nora.pk})
    assert Moment.objects.running().filter(child=nora, kind="skin_to_skin").exists()
    # While it runs, its own timer card has the Stop; the card does not offer a second.
    assert 'data-testid="in-unit-kangaroo"' not in client.get("/").content.decode()


def test_a_tube_feed_is_one_tap_from_the_units_card(client_for, alice, nora):
    # Fatima found tube feeds under "add something else"; the form opens with Tube chosen,
    # for this baby (a twin's pumping link named no baby and opened the other one's page).
    in_unit(nora)
    client = client_for(alice)
    page = client.get("/").content.decode()
    link = f"/moments/new/feeding/?child={nora.pk}&amp;method=tube"
    assert link in page and f"/milk/pumping/?child={nora.pk}" in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="tube" id="id_method_3" checked>' in form
    # Anything else asked for is ignored: the form opens as usual, and solids asked for in
    # the address are neither offered to a newborn nor kept.
    for method in ("teleport", "solids"):
        form = client.get(f"/moments/new/feeding/?child={nora.pk}&method={method}")
        assert form.status_code == 200
        assert 'value="" id="id_method_0" checked>' in form.content.decode()
        assert 'value="solids"' not in form.content.decode()
    start = timezone.localtime() - timedelta(hours=1)
    client.post(f"/moments/new/feeding/?child={nora.pk}&method=solids", {
        "child": nora.pk, "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": start.strftime("%Y-%m-%dT%H:%M"), "method": "solids",
        "actor": alice.pk})
    assert not Moment.objects.filter(child=nora, kind="feeding").exists()


def test_she_says_the_baby_came_home(client_for, alice, bob, nora):
    in_unit(nora)
    # A lower role reads the card but cannot say it.
    assert 'data-testid="in-unit-home"' not in client_for(bob).get("/").content.decode()
    assert client_for(bob).post(f"/children/{nora.pk}/home/").status_code == 403
    client = client_for(alice)
    assert 'data-testid="in-unit-home"' in client.get("/").content.decode()
    response = client.post(f"/children/{nora.pk}/home/", follow=True)
    page = response.content.decode()
    assert "Welcome home, Nora." in page and 'data-testid="in-unit"' not in page
    nora.refresh_from_db()
    assert (nora.in_unit, nora.neonatal_care, nora.home_on) == (
        False, True, timezone.localdate())


def test_a_day_home_still_to_come_or_before_the_birth_changes_nothing(client_for, alice,
                                                                       nora):
    in_unit(nora)
    client = client_for(alice)
    for day in (timezone.localdate() + timedelta(days=2), timezone.localdate()
                - timedelta(days=60)):
        page = client.post(f"/children/{nora.pk}/home/", {"home_on": day.isoformat()},
                           follow=True).content.decode()
        assert "choose" in page
        nora.refresh_from_db()
        assert nora.in_unit and nora.home_on is None


def test_another_household_cannot_say_it(client_for, mallory, nora):
    in_unit(nora)
    assert client_for(mallory).post(f"/children/{nora.pk}/home/").status_code == 404
    nora.refresh_from_db()
    assert nora.in_unit


def test_the_baby_page_sets_both(client_for, alice, nora):
    client = client_for(alice)
    form = client.get(f"/children/{nora.pk}/edit/").content.decode()
    assert 'name="in_unit"' in form and 'name="home_on"' in form
    data = {"name": "Nora", "born": "yes",
            "birth_at": timezone.localtime(nora.birth_at).strftime("%Y-%m-%dT%H:%M"),
            "neonatal_care": "on", "in_unit": "on"}
    assert client.post(f"/children/{nora.pk}/edit/", data).status_code == 302
    nora.refresh_from_db()
    assert nora.in_unit and nora.neonatal_care
    late = {**data, "home_on": (timezone.localdate() + timedelta(days=1)).isoformat()}
    assert client.post(f"/children/{nora.pk}/edit/", late).status_code == 200


def test_a_baby_on_the_way_keeps_neither(client_for, alice, household):
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=timezone.localdate() + timedelta(weeks=10))
    client = client_for(alice)
    client.post(f"/children/{bump.pk}/edit/", {
        "name": "Bean", "born": "no", "due_date": bump.due_date.isoformat(), "in_unit": "on",
        "home_on": timezone.localdate().isoformat()})
    bump.refresh_from_db()
    assert not bump.in_unit and bump.home_on is None
    assert 'data-testid="in-unit"' not in client.get(f"/?child={bump.pk}").content.decode()


def test_the_support_page_speaks_of_the_units_team(client_for, alice, household, nora):
    client = client_for(alice)
    home = client.get("/support/?from=checkin").content.decode()
    assert 'data-testid="unit-health"' not in home and 'data-testid="baby-health"' in home
    assert 'data-testid="step-away"' in home
    in_unit(nora)
    page = client.get("/support/?from=checkin").content.decode()
    assert "team is there day and night" in page
    assert page.index('data-testid="unit-health"') < page.index('data-testid="baby-health"')
    # The call-for-help line stays: a baby home with the box still ticked is kept safe.
    assert "floppy, or is hard to wake" in page and 'data-testid="step-away"' not in page
    assert 'data-testid="unit-step-away"' in page
    assert "If you or your baby are in danger right now" in page  # the lines are unchanged
    # A twin at home: both.
    Child.objects.create(household=household, name="Rose", birth_at=nora.birth_at)
    both = client.get("/support/").content.decode()
    assert 'data-testid="unit-health"' in both and 'data-testid="baby-health"' in both
    assert 'data-testid="step-away"' in both and 'data-testid="unit-step-away"' not in both


def test_the_birth_can_say_the_baby_is_still_in_the_unit(client_for, alice, household):
    bump = Child.objects.create(household=household, name="Jonas",
                                due_date=timezone.localdate() + timedelta(weeks=9))
    client = client_for(alice)
    form = client.get(f"/children/{bump.pk}/birth/").content.decode()
    assert 'name="in_unit"' in form and "Still in the unit now" in form
    born = timezone.localtime(timezone.now() - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/children/{bump.pk}/birth/", {"born_at": born, "gestation_weeks": "31",
                                                "gestation_days": "0", "neonatal_care": "on",
                                                "in_unit": "on"})
    bump.refresh_from_db()
    assert bump.is_born and bump.in_unit and bump.neonatal_care
    page = client.get(f"/?child={bump.pk}").content.decode()
    assert "Jonas is in the neonatal unit" in page


def test_the_report_says_where_the_baby_is(client_for, alice, nora):
    in_unit(nora)
    page = client_for(alice).get(f"/insights/report/?child={nora.pk}").content.decode()
    assert "Neonatal care · in a neonatal unit now" in page
    nora.in_unit, nora.home_on = False, timezone.localdate()
    nora.save()
    page = client_for(alice).get(f"/insights/report/?child={nora.pk}").content.decode()
    assert "Neonatal care · home since" in page


def test_unticking_neonatal_care_on_the_baby_page_takes_the_unit_with_it(client_for, alice,
                                                                          nora):
    in_unit(nora)
    client_for(alice).post(f"/children/{nora.pk}/edit/", {
        "name": "Nora", "born": "yes",
        "birth_at": timezone.localtime(nora.birth_at).strftime("%Y-%m-%dT%H:%M"),
        "in_unit": "on"})
    nora.refresh_from_db()
    assert not nora.neonatal_care and not nora.in_unit


def test_a_weight_in_the_unit_is_the_hospitals_by_default(client_for, alice, nora):
    in_unit(nora)
    page = client_for(alice).get(f"/growth/?child={nora.pk}").content.decode()
    assert 'value="hospital" checked' in page or 'value="hospital" selected' in page


def test_the_nappies_page_says_the_usual_numbers_are_for_home(client_for, alice, nora):
    client = client_for(alice)
    assert 'data-testid="nappies-in-unit"' not in client.get(
        f"/care-day/nappies/?child={nora.pk}").content.decode()
    in_unit(nora)
    assert 'data-testid="nappies-in-unit"' in client.get(
        f"/care-day/nappies/?child={nora.pk}").content.decode()


def test_a_tick_left_hidden_is_not_a_baby_in_a_unit(client_for, alice, household, nora):
    """Review: neonatal care ticked, then "in the unit now", then neonatal care unticked:
    the hidden box still went with the form, and the baby at home read as in a unit."""
    client = client_for(alice)
    client.post(f"/children/{nora.pk}/edit/", {
        "name": "Nora", "born": "yes",
        "birth_at": timezone.localtime(nora.birth_at).strftime("%Y-%m-%dT%H:%M"),
        "in_unit": "on"})
    nora.refresh_from_db()
    assert not nora.in_unit and not nora.neonatal_care
    bump = Child.objects.create(household=household, name="Bean",
                                due_date=timezone.localdate() + timedelta(days=10))
    born = timezone.localtime(timezone.now() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/children/{bump.pk}/birth/", {"born_at": born, "gestation_weeks": "39",
                                                "gestation_days": "0", "in_unit": "on"})
    bump.refresh_from_db()
    assert bump.is_born and not bump.in_unit


def test_the_day_home_given_on_the_baby_page_ends_the_stay(client_for, alice, nora):
    in_unit(nora)
    client_for(alice).post(f"/children/{nora.pk}/edit/", {
        "name": "Nora", "born": "yes",
        "birth_at": timezone.localtime(nora.birth_at).strftime("%Y-%m-%dT%H:%M"),
        "neonatal_care": "on", "in_unit": "on", "home_on": timezone.localdate().isoformat()})
    nora.refresh_from_db()
    assert not nora.in_unit and nora.home_on == timezone.localdate()
    # Back in the unit later (a readmission): ticked again, the day home stays.
    client_for(alice).post(f"/children/{nora.pk}/edit/", {
        "name": "Nora", "born": "yes",
        "birth_at": timezone.localtime(nora.birth_at).strftime("%Y-%m-%dT%H:%M"),
        "neonatal_care": "on", "in_unit": "on", "home_on": timezone.localdate().isoformat()})
    nora.refresh_from_db()
    assert nora.in_unit and nora.home_on == timezone.localdate()

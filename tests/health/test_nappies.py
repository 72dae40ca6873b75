"""Nappies: one tap from Today, the colour card's message, the days against what is
typical, editing with a version, the timeline, and other people kept out."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.health import services
from nestwell.health.models import Nappy

LONDON = ZoneInfo("Europe/London")


def test_one_tap_on_today_keeps_a_wet_nappy_now(client_for, alice, nora):
    client = client_for(alice)
    home = client.get("/")
    assert b'data-testid="nappy-wet"' in home.content
    response = client.post("/care-day/nappies/now/", {"child": nora.pk, "kind": "wet"})
    assert response.status_code == 302 and response.url == "/"
    nappy = Nappy.objects.get()
    assert (nappy.child, nappy.kind, nappy.created_by) == (nora, "wet", alice)
    assert timezone.now() - nappy.changed_at < timedelta(minutes=1)
    assert "Today so far: 1 nappy (1 wet, 0 dirty)." in client.get("/").content.decode()


def test_an_unknown_kind_keeps_nothing_and_says_why(client_for, alice, nora):
    response = client_for(alice).post("/care-day/nappies/now/",
                                      {"child": nora.pk, "kind": "soggy"}, follow=True)
    assert "Choose wet, dirty, both or dry." in response.content.decode()
    assert not Nappy.objects.exists()


def test_a_pale_poo_brings_the_same_day_message(client_for, alice, nora):
    client = client_for(alice)
    page = client.post("/care-day/nappies/", {
        "kind": "dirty", "changed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "colour": "grey", "consistency": "soft"}, follow=True).content.decode()
    assert "worth a call to your midwife, health visitor or GP today" in page
    assert Nappy.objects.get().colour == "grey"


def test_a_yellow_poo_brings_no_message(client_for, alice, nora):
    page = client_for(alice).post("/care-day/nappies/", {
        "kind": "both", "changed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "colour": "yellow"}, follow=True).content.decode()
    assert "worth a call" not in page
    assert Nappy.objects.get().colour == "yellow"


def test_colour_goes_with_a_dirty_nappy_only(nora, alice):
    with pytest.raises(ValidationError) as caught:
        services.add_nappy(child=nora, kind="wet", colour="yellow", user=alice)
    assert "colour" in caught.value.error_dict
    assert not Nappy.objects.exists()


def test_the_page_shows_the_card_with_names_beside_every_swatch(client_for, alice, nora):
    page = client_for(alice).get("/care-day/nappies/").content.decode()
    # Each day of the first four weeks says which day of life it is ("day 7" beside "6
    # days old" read as a slip); past them, as Nora is, none does.
    zone = ZoneInfo(nora.household.time_zone)  # the page's clock, never the machine's
    life = (timezone.localdate(timezone=zone) - timezone.localdate(nora.birth_at, zone)).days
    assert life + 1 > 28 and f"day {life + 1} of life" not in page and "day 29 " not in page
    assert 'data-testid="stool-card"' in page
    for name in ("White", "Grey", "Pale, chalky or clay-like", "Yellow or mustard"):
        assert name in page
    assert "Liver Disease Foundation, Yellow Alert" in page


def _at(day, hour):
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def newborn(household):
    # Born on 27 March 2026; the clocks go forward on the 29th in London.
    return Child.objects.create(household=household, name="Wren",
                                birth_at=datetime(2026, 3, 27, 10, tzinfo=LONDON))


def test_days_are_read_against_what_is_typical_day_by_day(newborn):
    born = date(2026, 3, 27)
    plan = {  # day -> (wet, dirty, both)
        born: (1, 1, 0),                          # day 1: never read
        born + timedelta(days=1): (0, 1, 0),      # day 2: no wet one: worth mentioning
        born + timedelta(days=2): (2, 0, 1),      # day 3 (DST day): 3 wet, 1 dirty
        born + timedelta(days=3): (2, 1, 1),      # day 4: 3 wet, 2 dirty
        born + timedelta(days=4): (5, 2, 0),      # day 5, today
    }
    for day, (wet, dirty, both) in plan.items():
        for i, kind in enumerate(["wet"] * wet + ["dirty"] * dirty + ["both"] * both):
            Nappy.objects.create(household=newborn.household, child=newborn, kind=kind,
                                 changed_at=_at(day, 1 + i))
    with timezone.override(LONDON):
        days = services.nappy_days(newborn, 7, today=born + timedelta(days=4))
    found = {d["day_of_life"]: (d["wet"], d["dirty"], d["reading"]) for d in days}
    assert found == {1: (1, 1, None), 2: (0, 1, "mention"), 3: (3, 1, "mention"),
                     4: (3, 2, "reassure"), 5: (5, 2, "reassure")}  # today, already usual


def test_a_nappy_just_after_midnight_counts_for_the_new_day(newborn):
    Nappy.objects.create(household=newborn.household, child=newborn, kind="wet",
                         changed_at=datetime(2026, 3, 29, 0, 5, tzinfo=LONDON))
    with timezone.override(LONDON):
        days = services.nappy_days(newborn, 3, today=date(2026, 3, 29))
    assert [(d["day"], d["wet"]) for d in days] == [
        (date(2026, 3, 29), 1), (date(2026, 3, 28), 0), (date(2026, 3, 27), 0)]


def test_nappies_are_on_the_timeline_with_the_pale_colour_named(client_for, alice, nora):
    Nappy.objects.create(household=nora.household, child=nora, kind="dirty", colour="white",
                         changed_at=timezone.now() - timedelta(minutes=3))
    page = client_for(alice).get(f"/timeline/?child={nora.pk}").content.decode()
    assert 'data-kind="nappy"' in page
    assert "Nappy: dirty" in page and "pale: call your midwife, health visitor or GP" in page


def test_an_edit_from_an_old_version_is_refused(client_for, alice, nora):
    nappy = services.add_nappy(child=nora, kind="wet", user=alice)
    services.update_nappy(nappy, version=1, kind="both", changed_at=nappy.changed_at)
    client = client_for(alice)
    response = client.post(f"/care-day/nappies/{nappy.pk}/", {
        "kind": "dry", "version": 1,
        "changed_at": timezone.localtime(nappy.changed_at).strftime("%Y-%m-%dT%H:%M")},
        follow=True)
    assert "This was changed since you opened it" in response.content.decode()
    assert Nappy.objects.get().kind == "both"


def test_an_edit_and_a_delete(client_for, alice, nora):
    nappy = services.add_nappy(child=nora, kind="wet", user=alice)
    client = client_for(alice)
    when = timezone.localtime(nappy.changed_at).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/care-day/nappies/{nappy.pk}/", {"kind": "dirty", "version": 1,
                                                   "changed_at": when, "colour": "green"})
    assert Nappy.objects.get().colour == "green"
    # Asked first: Delete sits beside Save, and a nappy went at one tap.
    asked = client.post(f"/care-day/nappies/{nappy.pk}/", {"delete": "1"}).content.decode()
    assert "Delete this for good?" in asked and Nappy.objects.exists()
    client.post(f"/care-day/nappies/{nappy.pk}/", {"delete": "1", "confirmed": "1"})
    assert not Nappy.objects.exists()


def test_a_viewer_sees_the_counts_but_no_buttons(client_for, carol, nora):
    page = client_for(carol).get("/care-day/nappies/").content.decode()
    assert "Day by day" in page and 'data-testid="nappy-wet"' not in page


def test_another_household_cannot_edit(client_for, mallory, alice, nora):
    nappy = services.add_nappy(child=nora, kind="wet", user=alice)
    assert client_for(mallory).get(f"/care-day/nappies/{nappy.pk}/").status_code == 404


def test_one_tap_on_the_night_screen_comes_back_to_it(client_for, alice, nora):
    client = client_for(alice)
    night = client.get(f"/night/?child={nora.pk}").content.decode()
    assert 'data-testid="nappy-dirty"' in night and 'value="night"' in night
    response = client.post("/care-day/nappies/now/", {"child": nora.pk, "kind": "dirty",
                                                      "next": "night"})
    assert response.status_code == 302 and response.url == "/night/"
    assert Nappy.objects.get().kind == "dirty"


def test_a_nappy_tapped_by_mistake_is_taken_back_with_undo(client_for, alice, bob, nora):
    client = client_for(alice)
    client.post("/care-day/nappies/now/", {"child": nora.pk, "kind": "wet"})
    nappy = Nappy.objects.get()
    home = client.get("/").content.decode()
    assert f'action="/care-day/nappies/{nappy.pk}/undo/"' in home
    # Only she takes back her own tap: her partner's is his to undo.
    assert client_for(bob).post(f"/care-day/nappies/{nappy.pk}/undo/").status_code == 404
    client = client_for(alice)
    response = client.post(f"/care-day/nappies/{nappy.pk}/undo/", {"next": "home"},
                           follow=True)
    assert "Taken back." in response.content.decode() and not Nappy.objects.exists()


def test_an_old_nappy_is_not_undone_but_can_be_deleted(client_for, alice, nora):
    nappy = Nappy.objects.create(household=nora.household, child=nora, kind="wet",
                                 changed_at=timezone.now(), created_by=alice)
    Nappy.objects.filter(pk=nappy.pk).update(created_at=timezone.now() - timedelta(hours=1))
    response = client_for(alice).post(f"/care-day/nappies/{nappy.pk}/undo/", follow=True)
    assert "too late to undo" in response.content.decode() and Nappy.objects.exists()


def test_a_red_or_black_poo_brings_its_own_same_day_message(client_for, alice, nora):
    client = client_for(alice)
    for colour in ("red", "black"):
        page = client.post("/care-day/nappies/", {
            "kind": "dirty", "changed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "colour": colour}, follow=True).content.decode()
        assert "a black poo after the first days is worth a call" in page
        assert "pale, white or grey" not in page.split("stool-card")[0]
    assert sorted(Nappy.objects.values_list("colour", flat=True)) == ["black", "red"]
    page = client.get(f"/timeline/?child={nora.pk}").content.decode()
    assert page.count("red or black: call your midwife, health visitor or GP today") == 2
    nappies_page = client.get(f"/care-day/nappies/?child={nora.pk}").content.decode()
    assert "(red or black)" in nappies_page
    card = nappies_page.split('data-testid="stool-card"')[1].split("</details>")[0]
    assert "Red, or with blood in it" in card and "Black, after the first days" in card
    assert card.count("call today") == 5  # white, grey, pale, red, black



def test_the_same_nappy_for_each_baby_is_kept_at_once(client_for, alice, nora, sam):
    """Bisi's triplets, changed one after the other: "Also for" keeps the same nappy for
    each baby ticked, all or none; a single baby's page offers nothing."""
    client = client_for(alice)
    single = client.get(f"/care-day/nappies/?child={nora.pk}").content.decode()
    assert "Also for" not in single
    kemi = Child.objects.create(household=nora.household, name="Kemi", birth_at=nora.birth_at)
    dayo = Child.objects.create(household=nora.household, name="Dayo", birth_at=nora.birth_at)
    Child.objects.create(household=nora.household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=90))
    page = client.get(f"/care-day/nappies/?child={nora.pk}").content.decode()
    also = page[page.index("field-also_for"):]
    also = also[:also.index("</fieldset>")]
    assert "Also for" in also and "Kemi" in also and "Dayo" in also
    assert "Bump" not in also and "Nora" not in also
    when = timezone.localtime(timezone.now() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    wet = {"kind": "wet", "changed_at": when, "colour": "", "consistency": ""}
    stranger = client.post(f"/care-day/nappies/?child={nora.pk}",
                           {**wet, "also_for": [kemi.pk, sam.pk]})
    assert stranger.status_code == 200 and not Nappy.objects.exists()
    bad = client.post(f"/care-day/nappies/?child={nora.pk}",
                      {**wet, "changed_at": "", "also_for": [kemi.pk, dayo.pk]})
    assert bad.status_code == 200 and not Nappy.objects.exists()
    assert f'name="also_for" value="{kemi.pk}" id="id_also_for_0" checked' in \
        bad.content.decode()
    made = client.post(f"/care-day/nappies/?child={nora.pk}",
                       {**wet, "also_for": [kemi.pk, dayo.pk]}, follow=True)
    assert "Wet nappy kept for Nora, Kemi, Dayo." in made.content.decode()
    assert sorted(Nappy.objects.values_list("child__name", "kind")) == [
        ("Dayo", "wet"), ("Kemi", "wet"), ("Nora", "wet")]
    assert len({n.changed_at for n in Nappy.objects.all()}) == 1


def test_a_nappy_refused_for_one_baby_is_kept_for_none(client_for, alice, nora):
    """Before the second baby's birth (a baby noted as born later): nothing is kept."""
    late = Child.objects.create(household=nora.household, name="Kemi",
                                birth_at=timezone.now() - timedelta(hours=2))
    client = client_for(alice)
    when = timezone.localtime(timezone.now() - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(f"/care-day/nappies/?child={nora.pk}", {
        "kind": "wet", "changed_at": when, "colour": "", "consistency": "",
        "also_for": [late.pk]})
    assert refused.status_code == 200 and not Nappy.objects.exists()


def _born_five_days_ago(household):
    """Mila, born five days ago at the first second of the household's day; her nappies
    are kept at noon of a day of her life, always in the past."""
    zone = ZoneInfo(household.time_zone)
    born = timezone.localtime(timezone=zone).replace(hour=0, minute=0, second=1,
                                                     microsecond=0) - timedelta(days=5)
    return Child.objects.create(household=household, name="Mila", birth_at=born)


def _noon_of_day(child, day):
    return child.birth_at.replace(hour=12, minute=0, second=0) + timedelta(days=day - 1)


def test_a_black_poo_on_day_two_is_not_kept_as_blood_but_shown_the_meconium(
        client_for, alice, household):
    """Anna chose "Black, after the first days" on Mila's second day, and the report asked
    her to call her midwife today: in the first three days a black poo is the meconium."""
    mila = _born_five_days_ago(household)
    client = client_for(alice)
    when = _noon_of_day(mila, 2).strftime("%Y-%m-%dT%H:%M")
    page = client.post("/care-day/nappies/", {"child": mila.pk, "kind": "dirty",
                                              "changed_at": when, "colour": "black"})
    text = page.content.decode()
    assert page.status_code == 200 and "the meconium, as expected" in text
    assert not Nappy.objects.exists()
    client.post("/care-day/nappies/", {"child": mila.pk, "kind": "dirty", "changed_at": when,
                                       "colour": "meconium"})
    assert list(Nappy.objects.values_list("colour", flat=True)) == ["meconium"]


def test_a_black_nappy_kept_before_the_rule_can_still_have_its_note_corrected(
        client_for, alice, household):
    mila = _born_five_days_ago(household)
    nappy = Nappy.objects.create(household=household, child=mila, kind="dirty",
                                 colour="black", changed_at=_noon_of_day(mila, 2))
    when = timezone.localtime(nappy.changed_at, ZoneInfo(household.time_zone))
    client_for(alice).post(f"/care-day/nappies/{nappy.pk}/", {
        "kind": "dirty", "colour": "black", "changed_at": when.strftime("%Y-%m-%dT%H:%M"),
        "note": "first poo", "version": nappy.version, "child": mila.pk})
    nappy.refresh_from_db()
    assert (nappy.note, nappy.colour) == ("first poo", "black")


def _black_on_days(household, mila, days):
    return [Nappy.objects.create(household=household, child=mila, kind="dirty",
                                 colour="black", changed_at=_noon_of_day(mila, day)).pk
            for day in days]


def test_black_nappies_kept_in_the_first_days_before_the_rule_become_the_meconium(
        household, other_household):
    """Kept before the form refused them, they read as blood in the nappies table, the
    report and the handover. The migration reads each in its household's calendar."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("nestwell.health.migrations.0006_black_first_days_are_meconium")
    mila = _born_five_days_ago(household)
    early = _black_on_days(household, mila, (1, 2, 3))
    later = _black_on_days(household, mila, (4, 5))
    red = Nappy.objects.create(household=household, child=mila, kind="dirty", colour="red",
                               changed_at=_noon_of_day(mila, 2))
    migration.black_to_meconium(apps, None)
    colours = dict(Nappy.objects.values_list("pk", "colour"))
    assert [colours[pk] for pk in early] == ["meconium"] * 3
    assert [colours[pk] for pk in later] == ["black"] * 2
    assert colours[red.pk] == "red"


def test_a_black_nappy_of_the_first_days_in_an_imported_file_comes_in_as_the_meconium(
        household, alice):
    import io

    from nestwell.accounts.models import Household
    from nestwell.transfer import export, load, nestwell_json
    from tests.conftest import make_user

    mila = _born_five_days_ago(household)
    _black_on_days(household, mila, (2, 5))
    out = io.StringIO()
    export.write_json(export.Scope(household, alice), out)
    target = Household.objects.create(name="Again", time_zone=household.time_zone)
    her = make_user("again@example.org", "Maya", target, "parent")
    with timezone.override(ZoneInfo(target.time_zone)):
        report = load.load(target, her, nestwell_json.read(
            io.BytesIO(out.getvalue().encode()), time_zone=timezone.get_current_timezone()),
            dry_run=False)
    assert report.applied and not report.rejected_count, report.lines()
    kept = Nappy.objects.filter(household=target).order_by("changed_at")
    assert list(kept.values_list("colour", flat=True)) == ["meconium", "black"]


def test_past_four_weeks_a_day_is_not_numbered_in_days_of_life(client_for, alice, household):
    """Rosa's walk: her daughter of two read "day 826 of life" on every row."""
    zone = ZoneInfo(household.time_zone)
    born = timezone.localtime(timezone=zone).replace(hour=0, minute=0, second=1,
                                                     microsecond=0) - timedelta(days=825)
    sofia = Child.objects.create(household=household, name="Sofía", birth_at=born)
    page = client_for(alice).get(f"/care-day/nappies/?child={sofia.pk}").content.decode()
    assert "of life" not in page
    mila = _born_five_days_ago(household)
    page = client_for(alice).get(f"/care-day/nappies/?child={mila.pk}").content.decode()
    assert "day 6 of life" in page


def test_a_household_whose_zone_the_machine_does_not_know_migrates_and_imports(
        household, alice):
    """The review: ZoneInfo of an unknown zone raised in the migration (blocking the
    upgrade) and in an import; both read it as UTC, as Household.tz does."""
    from importlib import import_module

    from django.apps import apps

    from nestwell.accounts.models import Household

    migration = import_module("nestwell.health.migrations.0006_black_first_days_are_meconium")
    mila = _born_five_days_ago(household)
    early = _black_on_days(household, mila, (2,))
    Household.objects.filter(pk=household.pk).update(time_zone="Mars/Olympus")
    migration.black_to_meconium(apps, None)
    assert Nappy.objects.get(pk=early[0]).colour == "meconium"

"""Medicines on the page and on Today: adding one with her schedule, "Given now", the next
time her schedule allows, given today or not yet, editing with a version, the timeline,
and the page's query budget."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.medicines import services
from nestwell.medicines.models import Dose, Medicine


def _local(at):
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def vitamin_d(nora, alice):
    return services.add_medicine(child=nora, user=alice, name="Vitamin D", dose="0.5",
                                 unit="ml", form="drops", schedule="daily", daily_at="08:00")


@pytest.fixture
def paracetamol(nora, alice):
    return services.add_medicine(child=nora, user=alice, name="Paracetamol", dose="2.5",
                                 unit="ml", form="liquid", schedule="spaced", min_hours="4",
                                 most_per_day=4)


def test_a_daily_supplement_added_from_the_form(client_for, alice, nora):
    client = client_for(alice)
    assert client.get(f"/care-day/medicines/new/?child={nora.pk}").status_code == 200
    response = client.post(f"/care-day/medicines/new/?child={nora.pk}", {
        "name": "Vitamin D", "dose": "0,5", "unit": "ml", "form": "drops",
        "schedule": "daily", "daily_at": "08:00", "remind": "on"})
    assert response.status_code == 302
    medicine = Medicine.objects.get()
    assert (medicine.name, medicine.dose, medicine.unit, medicine.daily_at.hour) == (
        "Vitamin D", Decimal("0.5"), "ml", 8)
    assert medicine.remind and medicine.remind_user == alice and medicine.created_by == alice


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": ""}, "name"), ({"name": "D", "dose": "lots", "unit": "ml"}, "dose"),
    ({"name": "D", "dose": "-1", "unit": "ml"}, "dose"), ({"name": "D", "dose": "1"}, "unit"),
    ({"name": "D", "schedule": "daily"}, "daily_at"),
    ({"name": "D", "schedule": "spaced"}, "min_hours"),
    ({"name": "D", "schedule": "spaced", "min_hours": "200"}, "min_hours"),
    ({"name": "D", "schedule": "spaced", "min_hours": "4", "most_per_day": 0}, "most_per_day"),
    ({"name": "D", "unit": "bucket"}, "unit"), ({"name": "D", "schedule": "hourly"}, "schedule"),
    ({"name": "D\x00"}, "name")])
def test_a_medicine_that_cannot_be_right_is_refused_with_a_reason(nora, alice, fields, field):
    with pytest.raises(ValidationError) as caught:
        services.add_medicine(child=nora, user=alice, **fields)
    assert field in caught.value.error_dict
    assert not Medicine.objects.exists()


def test_bad_input_on_the_form_keeps_nothing_and_says_why(client_for, alice, nora):
    response = client_for(alice).post(f"/care-day/medicines/new/?child={nora.pk}", {
        "name": "Ibuprofen", "schedule": "spaced", "min_hours": "soon"})
    assert response.status_code == 200
    assert "between 0.5 and 72" in response.content.decode()
    assert not Medicine.objects.exists()


def test_every_problem_on_the_form_is_said_at_once(client_for, alice, nora):
    """A field the form refuses (the dose count) does not hide the rules the service checks
    (the hours apart, the time of day): she mends them all in one go."""
    response = client_for(alice).post(f"/care-day/medicines/new/?child={nora.pk}", {
        "name": "Ibuprofen", "schedule": "spaced", "min_hours": "soon",
        "most_per_day": "many", "dose": "2.5"})
    page = response.content.decode()
    assert "Enter a whole number" in page          # the form's own field
    assert "between 0.5 and 72" in page             # the service's rule, in the same answer
    assert "Choose the unit of the dose" in page
    assert not Medicine.objects.exists()


def test_given_now_from_today_for_a_daily_supplement(client_for, alice, nora, vitamin_d):
    client = client_for(alice)
    home = client.get("/").content.decode()
    assert 'data-testid="medicines-today"' in home and "not yet today" in home
    response = client.post("/care-day/medicines/given/", {"child": nora.pk,
                                                          "medicine": vitamin_d.pk})
    assert response.status_code == 302 and response.url == "/"
    dose = Dose.objects.get()
    assert (dose.medicine, dose.amount, dose.unit, dose.created_by) == (
        vitamin_d, Decimal("0.50"), "ml", alice)
    home = client.get("/").content.decode()
    assert "given today" in home and "not yet today" not in home


def test_a_dose_given_now_by_mistake_is_taken_back_with_undo(client_for, alice, bob, nora,
                                                              vitamin_d):
    """Given now, tapped by mistake at night, had no way back but the dose's page: a nappy
    and a timer had Undo."""
    client = client_for(alice)
    client.post("/care-day/medicines/given/", {"child": nora.pk, "medicine": vitamin_d.pk})
    dose = Dose.objects.get()
    home = client.get("/").content.decode()
    toast = home.split('data-testid="undo"')[1].split("</div>")[0]
    assert "Vitamin D for Nora kept at" in toast and f"/doses/{dose.pk}/undo/" in toast
    # Only whoever tapped it takes it back, and only for a short while.
    assert client_for(bob).post(f"/care-day/medicines/doses/{dose.pk}/undo/").status_code \
        == 404
    client = client_for(alice)
    Dose.objects.filter(pk=dose.pk).update(created_at=timezone.now() - timedelta(hours=1))
    late = client.post(f"/care-day/medicines/doses/{dose.pk}/undo/")
    assert late.status_code == 302 and Dose.objects.exists(), late.status_code
    Dose.objects.filter(pk=dose.pk).update(created_at=timezone.now())
    assert client.post(f"/care-day/medicines/doses/{dose.pk}/undo/").status_code == 302
    assert not Dose.objects.exists()


def test_given_now_on_the_medicines_page_says_so_there_with_its_undo(client_for, alice,
                                                                     nora, vitamin_d):
    """The page showed only "given today"; its Undo turned up later, on Today."""
    client = client_for(alice)
    response = client.post("/care-day/medicines/given/", {
        "child": nora.pk, "medicine": vitamin_d.pk, "next": "medicines"})
    dose = Dose.objects.get()
    page = client.get(response.url).content.decode()
    toast = page.split('data-testid="undo"')[1].split("</div>")[0]
    assert "Vitamin D for Nora kept at" in toast and f"/doses/{dose.pk}/undo/" in toast
    assert 'name="next" value="medicines"' in toast
    assert 'data-testid="undo"' not in client.get("/").content.decode()


def test_today_shows_no_medicines_section_without_a_daily_one(client_for, alice, nora,
                                                              paracetamol):
    """Nor for a medicine not given in the last day."""
    assert 'data-testid="medicines-today"' not in client_for(alice).get("/").content.decode()


def test_the_next_dose_time_after_a_dose_on_the_page(client_for, alice, nora, paracetamol):
    client = client_for(alice)
    given = timezone.now() - timedelta(hours=1)
    services.give(medicine=paracetamol, user=alice, given_at=given)
    page = client.get(f"/care-day/medicines/?child={nora.pk}").content.decode()
    expected = timezone.localtime(given + timedelta(hours=4)).strftime("%H:%M")
    assert "Next dose not before" in page and expected in page
    assert 'data-reason="gap"' in page
    assert "never suggests a dose" in page


def test_the_most_in_24_hours_shows_when_the_window_frees(client_for, alice, nora,
                                                          paracetamol):
    now = timezone.now()
    for hours in (22, 17, 12, 7):
        services.give(medicine=paracetamol, user=alice, given_at=now - timedelta(hours=hours))
    page = client_for(alice).get(f"/care-day/medicines/?child={nora.pk}").content.decode()
    assert 'data-reason="most"' in page and "is reached" in page
    frees = timezone.localtime(now + timedelta(hours=2)).strftime("%H:%M")
    assert frees in page


def test_a_dose_sooner_than_her_schedule_is_kept_with_a_calm_word(client_for, alice, nora,
                                                                  paracetamol):
    client = client_for(alice)
    services.give(medicine=paracetamol, user=alice,
                  given_at=timezone.now() - timedelta(hours=1))
    page = client.post("/care-day/medicines/given/", {
        "child": nora.pk, "medicine": paracetamol.pk, "next": "medicines",
        "again": "yes"}, follow=True).content.decode()
    assert Dose.objects.count() == 2
    assert "sooner than the schedule you entered" in page and "pharmacist" in page


@pytest.mark.parametrize("since,asked", [
    (timedelta(minutes=1), True), (timedelta(minutes=59), True),
    (timedelta(hours=3), True),  # paracetamol: four hours apart in her schedule
    (timedelta(hours=5), False)])
def test_one_tap_asks_before_a_dose_soon_after_another(client_for, alice, bob, nora,
                                                       paracetamol, since, asked):
    """A second tap, or a partner's, within the hour or before her schedule allows: the
    page says when it was last given, and by whom, and keeps nothing until she says yes."""
    services.give(medicine=paracetamol, user=bob, given_at=timezone.now() - since)
    client = client_for(alice)
    tap = {"child": nora.pk, "medicine": paracetamol.pk, "next": "medicines"}
    response = client.post("/care-day/medicines/given/", tap)
    if not asked:
        assert response.status_code == 302 and Dose.objects.count() == 2
        return
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="give-again"' in page
    assert f", by {bob.display_name}." in page and Dose.objects.count() == 1
    assert f'href="/care-day/medicines/?child={nora.pk}" data-testid="not-again"' in page
    response = client.post("/care-day/medicines/given/", {**tap, "again": "yes"})
    assert response.status_code == 302 and Dose.objects.count() == 2


def at_noon(monkeypatch, nora):
    """The clock stopped at noon on a day of March, Nora a month old then."""
    noon = datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo(nora.household.time_zone))
    monkeypatch.setattr("django.utils.timezone.now", lambda: noon)
    nora.birth_at = noon - timedelta(days=30)
    nora.save(update_fields=["birth_at"])
    return noon


def test_one_tap_on_a_daily_supplement_given_today_asks_first(monkeypatch, client_for,
                                                              alice, nora, vitamin_d):
    noon = at_noon(monkeypatch, nora)
    services.give(medicine=vitamin_d, user=alice, given_at=noon - timedelta(hours=3))
    client = client_for(alice)
    tap = {"child": nora.pk, "medicine": vitamin_d.pk}
    page = client.post("/care-day/medicines/given/", tap).content.decode()
    assert "It has been given today already." in page and "Last given 09:00" in page
    assert 'href="/" data-testid="not-again"' in page and Dose.objects.count() == 1
    Dose.objects.update(given_at=noon - timedelta(hours=13))  # yesterday evening
    assert client.post("/care-day/medicines/given/", tap).status_code == 302
    assert Dose.objects.count() == 2


def test_a_dose_from_earlier_with_another_amount(client_for, alice, nora, paracetamol):
    when = timezone.now() - timedelta(hours=3)
    response = client_for(alice).post(f"/care-day/medicines/?child={nora.pk}", {
        "medicine": paracetamol.pk, "given_at": _local(when), "amount": "5", "unit": "ml",
        "note": "after the jab"})
    assert response.status_code == 302
    dose = Dose.objects.get()
    assert (dose.amount, dose.note) == (Decimal("5.00"), "after the jab")


def test_a_dose_in_the_future_is_refused(client_for, alice, nora, paracetamol):
    response = client_for(alice).post(f"/care-day/medicines/?child={nora.pk}", {
        "medicine": paracetamol.pk, "given_at": _local(timezone.now() + timedelta(hours=2))})
    assert response.status_code == 200 and "in the future" in response.content.decode()
    assert not Dose.objects.exists()


def test_a_stopped_medicine_cannot_be_given_in_one_tap(client_for, alice, nora, vitamin_d):
    Medicine.objects.filter(pk=vitamin_d.pk).update(stopped=True)
    response = client_for(alice).post("/care-day/medicines/given/", {
        "child": nora.pk, "medicine": vitamin_d.pk})
    assert response.status_code == 404 and not Dose.objects.exists()


def test_another_households_medicine_cannot_be_given(client_for, mallory, sam, nora,
                                                     vitamin_d):
    client = client_for(mallory)
    for child in (sam.pk, nora.pk):
        response = client.post("/care-day/medicines/given/", {"child": child,
                                                              "medicine": vitamin_d.pk})
        assert response.status_code == 404
    assert not Dose.objects.exists()


def test_doses_are_on_the_timeline_with_who_gave_them(client_for, alice, nora, vitamin_d):
    from tests.health.test_temperatures import yesterday_noon

    noon = yesterday_noon()  # never across a midnight, whatever the clock
    services.give(medicine=vitamin_d, user=alice, given_at=noon)
    page = client_for(alice).get(f"/timeline/?child={nora.pk}&day={noon.date()}").content.decode()
    assert "Gave Vitamin D" in page and "0.5\u00a0ml" in page and "by Alice" in page


def test_an_edit_with_a_version_a_stale_one_and_a_delete(client_for, alice, nora, vitamin_d):
    dose = services.give(medicine=vitamin_d, user=alice,
                         given_at=timezone.now() - timedelta(minutes=30))
    client = client_for(alice)
    url = f"/care-day/medicines/doses/{dose.pk}/"
    assert client.get(url).status_code == 200
    fields = {"given_at": _local(dose.given_at), "amount": "1", "unit": "ml", "version": 1}
    assert client.post(url, fields).status_code == 302
    assert Dose.objects.get().amount == Decimal("1.00")
    stale = client.post(url, {**fields, "amount": "2"}, follow=True).content.decode()
    assert "This was changed since you opened it" in stale
    assert Dose.objects.get().amount == Decimal("1.00")
    client.post(url, {"delete": "1", "confirmed": "1"})
    assert not Dose.objects.exists()


def test_a_medicine_edit_is_refused_when_stale_and_delete_takes_its_doses(
        client_for, alice, nora, vitamin_d):
    services.give(medicine=vitamin_d, user=alice)
    client = client_for(alice)
    url = f"/care-day/medicines/{vitamin_d.pk}/"
    assert "with its 1 dose" in client.get(url).content.decode()
    fields = {"name": "Vitamin D3", "dose": "0.5", "unit": "ml", "schedule": "daily",
              "daily_at": "09:00", "version": 1}
    assert client.post(url, fields).status_code == 302
    assert Medicine.objects.get().name == "Vitamin D3"
    stale = client.post(url, {**fields, "name": "Other"}, follow=True).content.decode()
    assert "This was changed since you opened it" in stale
    assert client.post(url, {**fields, "version": 2, "stopped": "on"}).status_code == 302
    page = client.get(f"/care-day/medicines/?child={nora.pk}").content.decode()
    assert 'data-testid="stopped-medicine"' in page
    client.post(url, {"delete": "1", "confirmed": "1"})
    assert not Medicine.objects.exists() and not Dose.objects.exists()


def test_a_viewer_reads_but_cannot_give(client_for, carol, nora, vitamin_d):
    client = client_for(carol)
    page = client.get(f"/care-day/medicines/?child={nora.pk}").content.decode()
    assert "Vitamin D" in page and 'data-testid="give-now"' not in page
    assert client.post("/care-day/medicines/given/", {
        "child": nora.pk, "medicine": vitamin_d.pk}).status_code == 403
    assert client.post(f"/care-day/medicines/?child={nora.pk}", {
        "medicine": vitamin_d.pk, "given_at": _local(timezone.now())}).status_code == 403
    assert not Dose.objects.exists()


@pytest.mark.parametrize("page", ["/care-day/medicines/", "/night/"])
def test_the_medicines_page_costs_the_same_queries_however_many(
        client_for, alice, nora, django_assert_max_num_queries, page):
    """The medicines page and the night screen, which lists them too."""
    client = client_for(alice)
    url = f"{page}?child={nora.pk}"
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    services.add_medicine(child=nora, user=alice, name="One", schedule="spaced", min_hours=4)
    few = count()
    now = timezone.now()
    for n in range(8):
        medicine = services.add_medicine(child=nora, user=alice, name=f"M{n}",
                                         schedule=("daily", "spaced", "")[n % 3],
                                         daily_at="08:00", min_hours=4, most_per_day=3)
        Dose.objects.bulk_create(Dose(household=nora.household, child=nora,
                                      medicine=medicine, created_by=alice,
                                      given_at=now - timedelta(hours=h)) for h in range(30))
    assert count() == few
    with django_assert_max_num_queries(few):
        client.get(url)


def test_medicines_and_doses_go_out_and_come_back_in_version_3(household, alice, nora,
                                                               vitamin_d, paracetamol,
                                                               other_household, mallory):
    import io
    import json
    from zoneinfo import ZoneInfo

    import jsonschema

    from nestwell.children.models import Child
    from nestwell.transfer import export, load, nestwell_json

    services.give(medicine=paracetamol, user=alice, given_at=timezone.now() - timedelta(hours=2),
                  amount="5", unit="ml", note="teething")
    services.give(medicine=vitamin_d, user=alice)
    out = io.StringIO()
    export.write_json(export.Scope(household, alice), out)
    document = json.loads(out.getvalue())
    assert document["version"] == 3
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert {m["name"] for m in document["medicines"]} == {"Vitamin D", "Paracetamol"}
    assert document["doses"][0]["medicine"] == "Paracetamol"
    Child.objects.create(household=other_household, name="Nora", birth_at=nora.birth_at)
    again = io.BytesIO(out.getvalue().encode())
    rows = nestwell_json.read(again, time_zone=ZoneInfo("Europe/London"))
    report = load.load(other_household, mallory, rows, dry_run=False)
    assert report.rejected_count == 0, report.rejected
    assert report.created["medicine"] == 2 and report.created["dose"] == 2
    moved = Medicine.objects.get(household=other_household, name="Paracetamol")
    assert (moved.schedule, moved.min_hours, moved.most_per_day, moved.dose) == (
        "spaced", Decimal("4.0"), 4, Decimal("2.50"))
    dose = Dose.objects.get(household=other_household, medicine=moved)
    assert (dose.amount, dose.note) == (Decimal("5.00"), "teething")
    # The same file again adds nothing.
    again.seek(0)
    rows = nestwell_json.read(again, time_zone=ZoneInfo("Europe/London"))
    report = load.load(other_household, mallory, rows, dry_run=False)
    assert not report.created and report.duplicates == 5  # the baby, 2 medicines, 2 doses


def test_a_version_2_file_still_imports(household, alice, nora):
    import io
    import json
    from zoneinfo import ZoneInfo

    from nestwell.transfer import load, nestwell_json

    when = (timezone.now() - timedelta(hours=2)).isoformat()
    old = {"format": "nestwell-export", "version": 2, "exported_at": "2026-01-01T00:00:00Z",
           "household": {"name": "Us"}, "children": [],
           "nappies": [{"child": "Nora", "kind": "wet", "changed_at": when}]}
    rows = nestwell_json.read(io.BytesIO(json.dumps(old).encode()),
                              time_zone=ZoneInfo("Europe/London"))
    report = load.load(household, alice, rows, dry_run=True)
    assert report.created["nappy"] == 1 and report.rejected_count == 0


def test_deleting_the_household_takes_its_medicines(household, alice, nora, vitamin_d):
    services.give(medicine=vitamin_d, user=alice)
    household.delete()
    assert not Medicine.objects.exists() and not Dose.objects.exists()


@pytest.mark.parametrize("number,unit,words", [
    ("1", "drops", "1 drop"), ("2", "drops", "2 drops"), ("1.0", "tablet", "1 tablet"),
    ("1.5", "tablet", "1.5 tablets"), ("1", "puff", "1 puff"), ("3", "sachet", "3 sachets"),
    ("1", "dose", "1 dose"), ("2.5", "ml", "2.5 ml"), ("400", "iu", "400 IU")])
def test_a_dose_reads_with_its_unit_in_the_right_number(number, unit, words):
    from nestwell.medicines.models import amount

    assert amount(Decimal(number), unit) == words.replace(" ", "\u00a0")


def test_the_night_screen_gives_a_dose_and_comes_back(client_for, alice, carol, nora,
                                                      paracetamol, vitamin_d):
    """A fever at 3 a.m.: every medicine still given is on the night screen, with where
    her schedule stands and "Given now", which comes back to the night screen; a second
    tap asks first, in the night's dim look; a stopped one is not there."""
    services.add_medicine(child=nora, user=alice, name="Old drops", schedule="daily",
                          daily_at="09:00")
    Medicine.objects.filter(name="Old drops").update(stopped=True)
    client = client_for(alice)
    page = client.get(f"/night/?child={nora.pk}").content.decode()
    section = page.split('data-testid="night-medicines"')[1].split("</section>")[0]
    assert "Paracetamol" in section and "Vitamin D" in section and "Old drops" not in section
    assert section.count('name="next" value="night"') == 2
    tap = {"child": nora.pk, "medicine": paracetamol.pk, "next": "night"}
    response = client.post("/care-day/medicines/given/", tap)
    assert response.status_code == 302 and response.url == "/night/"
    assert Dose.objects.filter(medicine=paracetamol).count() == 1
    page = client.get(f"/night/?child={nora.pk}").content.decode()
    section = page.split('data-testid="night-medicines"')[1].split("</section>")[0]
    assert 'data-reason="gap"' in section  # the next not before four hours from now
    asked = client.post("/care-day/medicines/given/", tap).content.decode()
    assert 'data-testid="give-again"' in asked and 'data-theme="night"' in asked
    assert "nestwell/night.css" in asked and 'href="/night/" data-testid="not-again"' in asked
    assert Dose.objects.filter(medicine=paracetamol).count() == 1
    # a viewer reads where things stand and has no button
    page = client_for(carol).get(f"/night/?child={nora.pk}").content.decode()
    assert "Paracetamol" in page and 'data-testid="give-now"' not in page


def test_the_night_screen_without_medicines_says_nothing_of_them(client_for, alice, nora):
    page = client_for(alice).get(f"/night/?child={nora.pk}").content.decode()
    assert 'data-testid="night-medicines"' not in page



def test_a_caregiver_gives_doses_but_a_parent_sets_the_schedule(client_for, alice, bob, nora,
                                                               paracetamol):
    """A caregiver could change the hours between doses of a painkiller (6 to 2), and
    everyone's 'next dose not before' moved with no word to the parents."""
    page = client_for(bob).get(f"/care-day/medicines/?child={nora.pk}").content.decode()
    assert 'data-testid="add-medicine"' not in page
    assert f"/care-day/medicines/{paracetamol.pk}/" not in page
    assert "Given now" in page or "given" in page.lower()
    assert client_for(bob).post(f"/care-day/medicines/{paracetamol.pk}/", {
        "name": "Paracetamol", "schedule": "spaced", "min_hours": "2"}).status_code == 403
    paracetamol.refresh_from_db()
    assert paracetamol.min_hours == 4
    parent_page = client_for(alice).get(f"/care-day/medicines/?child={nora.pk}").content.decode()
    assert 'data-testid="add-medicine"' in parent_page
    assert f"/care-day/medicines/{paracetamol.pk}/" in parent_page


@pytest.mark.parametrize("language,words", [("en", "0.3 ml"), ("de", "0,3 ml"),
                                            ("fr", "0,3 ml"), ("es", "0,3 ml")])
def test_a_dose_is_written_with_her_decimal_mark(language, words):
    from django.utils import translation

    from nestwell.medicines.models import amount

    with translation.override(language):
        assert amount(Decimal("0.30"), "ml") == words.replace(" ", "\u00a0")


@pytest.mark.parametrize("since,words", [
    (timedelta(minutes=20), "Paracetamol was given at"),
    (timedelta(hours=2, minutes=43), "By the schedule you entered, Paracetamol fits again")])
def test_a_dose_from_the_form_asks_first_as_one_tap_does(client_for, alice, bob, nora,
                                                          paracetamol, since, words):
    """Another amount, kept from the form near now, had gone straight in while "Given now"
    asked first: the third dose in four and a half hours against a four-hour schedule."""
    services.give(medicine=paracetamol, user=bob, given_at=timezone.now() - since)
    client = client_for(alice)
    dose = {"medicine": paracetamol.pk, "given_at": _local(timezone.now()), "amount": "1.5",
            "unit": "ml"}
    response = client.post(f"/care-day/medicines/?child={nora.pk}", dose)
    page = response.content.decode()
    assert response.status_code == 200 and words in page and Dose.objects.count() == 1
    assert 'data-testid="keep-anyway"' in page
    response = client.post(f"/care-day/medicines/?child={nora.pk}", {**dose, "again": "yes"})
    assert response.status_code == 302 and Dose.objects.count() == 2


def test_a_daily_supplement_from_the_form_asks_when_given_that_day(monkeypatch, client_for,
                                                                   alice, nora, vitamin_d):
    noon = at_noon(monkeypatch, nora)
    services.give(medicine=vitamin_d, user=alice, given_at=noon - timedelta(hours=4))
    client = client_for(alice)
    dose = {"medicine": vitamin_d.pk, "given_at": _local(noon - timedelta(hours=1))}
    page = client.post(f"/care-day/medicines/?child={nora.pk}", dose).content.decode()
    assert "Vitamin D was given that day already, at 08:00." in page
    assert Dose.objects.count() == 1
    # The day before is another day: kept at once.
    response = client.post(f"/care-day/medicines/?child={nora.pk}", {
        **dose, "given_at": _local(noon - timedelta(hours=20))})
    assert response.status_code == 302 and Dose.objects.count() == 2


def test_a_dose_that_would_be_refused_is_not_asked_about_first(client_for, alice, nora,
                                                               paracetamol):
    """An amount without its unit (a medicine with no usual unit) was asked "keep it
    anyway?" and only then refused."""
    drops = services.add_medicine(child=nora, user=alice, name="Drops", schedule="spaced",
                                  min_hours="4")
    services.give(medicine=drops, user=alice, given_at=timezone.now() - timedelta(hours=2))
    page = client_for(alice).post(f"/care-day/medicines/?child={nora.pk}", {
        "medicine": drops.pk, "given_at": _local(timezone.now()), "amount": "1.5"}
    ).content.decode()
    assert "Choose the unit" in page and "fits again" not in page
    assert 'data-testid="keep-anyway"' not in page and Dose.objects.count() == 1


def test_the_same_drops_for_each_baby_are_added_at_once(client_for, alice, nora, sam):
    """Bisi's triplets: vitamin D drops for each, added three times over. Now "Also for",
    for the household's other babies here; all or none kept."""
    from nestwell.children.models import Child

    client = client_for(alice)
    single = client.get(f"/care-day/medicines/new/?child={nora.pk}").content.decode()
    assert "Also for" not in single
    kemi = Child.objects.create(household=nora.household, name="Kemi", birth_at=nora.birth_at)
    dayo = Child.objects.create(household=nora.household, name="Dayo", birth_at=nora.birth_at)
    Child.objects.create(household=nora.household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=90))
    page = client.get(f"/care-day/medicines/new/?child={nora.pk}").content.decode()
    assert "Also for" in page and "Kemi" in page and "Dayo" in page and "Bump" not in page
    drops = {"name": "Vitamin D", "dose": "1", "unit": "drops", "form": "drops",
             "schedule": "daily", "daily_at": "09:00"}
    stranger = sam  # a baby of another household
    refused = client.post(f"/care-day/medicines/new/?child={nora.pk}",
                          {**drops, "also_for": [kemi.pk, stranger.pk]})
    assert refused.status_code == 200 and not Medicine.objects.exists()
    assert "Select a valid choice" in refused.content.decode()
    bad = client.post(f"/care-day/medicines/new/?child={nora.pk}",
                      {**drops, "daily_at": "", "also_for": [kemi.pk, dayo.pk]})
    assert bad.status_code == 200 and not Medicine.objects.exists()
    ticked = f'name="also_for" value="{kemi.pk}" id="id_also_for_0" checked'
    assert ticked in bad.content.decode()  # what she ticked stays ticked
    made = client.post(f"/care-day/medicines/new/?child={nora.pk}",
                       {**drops, "also_for": [kemi.pk, dayo.pk]}, follow=True)
    assert "Vitamin D added for Nora, Kemi, Dayo." in made.content.decode()
    assert sorted(Medicine.objects.values_list("child__name", flat=True)) == [
        "Dayo", "Kemi", "Nora"]
    assert {m.daily_at.hour for m in Medicine.objects.all()} == {9}


def test_today_shows_a_medicine_given_in_the_last_day(client_for, alice, nora, paracetamol):
    """Ben's walk: Gaviscon with every feed, and Today showed only the vitamin D; each
    dose needed the Medicines page. A medicine given in the last 24 hours is on Today
    with its next time; one given days ago is not."""
    client = client_for(alice)
    services.give(medicine=paracetamol, user=alice, given_at=timezone.now() - timedelta(days=2))
    home = client.get("/").content.decode()
    assert 'data-testid="medicines-today"' not in home
    services.add_medicine(child=nora, user=alice, name="Vitamin D", dose="1", unit="drops",
                          form="drops", schedule="daily", daily_at="08:00")
    home = client.get("/").content.decode()
    assert "Daily supplements" in home and "Paracetamol" not in home
    services.give(medicine=paracetamol, user=alice,
                  given_at=timezone.now() - timedelta(hours=1))
    home = client.get("/").content.decode()
    today = home[home.index('data-testid="medicines-today"'):]
    today = today[:today.index("</section>")]
    assert "Medicines today" in today and "Paracetamol" in today and "Vitamin D" in today
    assert 'data-reason="gap"' in today  # its next dose, by her schedule


def test_another_amount_with_the_unit_left_at_the_usual_one_is_in_that_unit(
        client_for, alice, nora, paracetamol):
    """Rosa's walk: "5" with "The usual one" was refused on a feverish night."""
    when = timezone.now() - timedelta(hours=3)
    response = client_for(alice).post(f"/care-day/medicines/?child={nora.pk}", {
        "medicine": paracetamol.pk, "given_at": _local(when), "amount": "5", "unit": ""})
    assert response.status_code == 302
    assert Dose.objects.values_list("amount", "unit").get() == (Decimal("5.00"), "ml")


@pytest.mark.parametrize(("amount", "unit", "kept"), [
    ("5 ml", "ml", (Decimal("5.00"), "ml")), ("5 ml", "", (Decimal("5.00"), "ml")),
    ("2,5mL", "", (Decimal("2.50"), "ml")), ("3 drops", "", (Decimal("3.00"), "drops"))])
def test_a_dose_typed_with_its_unit_is_read_as_that_unit(nora, alice, paracetamol, amount,
                                                         unit, kept):
    dose = services.give(medicine=paracetamol, user=alice, amount=amount, unit=unit,
                         given_at=timezone.now() - timedelta(hours=1))
    assert (dose.amount, dose.unit) == kept


def test_a_unit_typed_in_her_language_is_read_and_one_that_disagrees_is_refused(
        nora, alice, paracetamol):
    from django.utils import translation

    with translation.override("es"):
        dose = services.give(medicine=paracetamol, user=alice, amount="3 gotas",
                             given_at=timezone.now() - timedelta(hours=5))
        assert (dose.amount, dose.unit) == (Decimal("3.00"), "drops")
        with pytest.raises(ValidationError) as caught:
            services.give(medicine=paracetamol, user=alice, amount="5 ml", unit="drops",
                          given_at=timezone.now() - timedelta(hours=1))
    assert "ml" in caught.value.message_dict["unit"][0]
    assert "gotas" in caught.value.message_dict["unit"][0]
    assert Dose.objects.count() == 1


def test_a_usual_dose_typed_with_its_unit_needs_no_unit_chosen(nora, alice):
    medicine = services.add_medicine(child=nora, user=alice, name="Ibuprofen", dose="2,5 ml")
    assert (medicine.dose, medicine.unit) == (Decimal("2.50"), "ml")


@pytest.mark.parametrize("amount", ["1,000", "1.000 mg", "2.500", "1,000 IU"])
def test_a_number_that_may_be_a_thousand_is_asked_about_never_read_as_one(
        nora, alice, paracetamol, amount):
    """The review: "1,000 IU" of vitamin D was kept as 1."""
    with pytest.raises(ValidationError) as caught:
        services.give(medicine=paracetamol, user=alice, amount=amount, unit="",
                      given_at=timezone.now() - timedelta(hours=1))
    assert "without a separator" in caught.value.message_dict["amount"][0]
    assert not Dose.objects.exists()


def test_a_unit_is_read_in_any_language_nestwell_speaks(nora, alice, paracetamol):
    for amount, unit in (("1 Tablette", "tablet"), ("2 comprimidos", "tablet"),
                         ("2 puffs", "puff")):
        dose = services.give(medicine=paracetamol, user=alice, amount=amount,
                             given_at=timezone.now() - timedelta(hours=1))
        assert dose.unit == unit


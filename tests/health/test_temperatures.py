"""Temperatures: kept in °C (°F accepted), and the calm 'call for advice now' message for
38 °C or more under 3 months, exactly then and never otherwise."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.health.models import Temperature


def _now():
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(("reading", "unit", "kept", "call_now"), [
    ("37.9", "C", "37.9", False), ("38.0", "C", "38.0", True), ("38", "C", "38.0", True),
    ("100.4", "F", "38.0", True), ("100.2", "F", "37.89", False), ("37,9", "C", "37.9", False),
    # typed on an Arabic keyboard: ٣٧٫٩ and ٣٨
    ("\u0663\u0667\u066b\u0669", "C", "37.9", False), ("\u0663\u0668", "C", "38.0", True)])
def test_the_fever_message_for_a_baby_under_3_months(client_for, alice, nora, reading, unit,
                                                     kept, call_now):
    page = client_for(alice).post("/care-day/temperatures/", {
        "celsius": reading, "unit": unit, "taken_at": _now()}, follow=True).content.decode()
    assert Temperature.objects.get().celsius == Decimal(kept)
    assert ('data-testid="fever-call-now"' in page) is call_now
    assert ("NICE guideline NG143" in page) is call_now


def test_an_older_baby_gets_no_call_now_message(client_for, alice, household):
    older = Child.objects.create(household=household, name="Ada",
                                 birth_at=timezone.now() - timedelta(days=120))
    page = client_for(alice).post(f"/care-day/temperatures/?child={older.pk}", {
        "celsius": "38.4", "unit": "C", "taken_at": _now()}, follow=True).content.decode()
    assert 'data-testid="fever-call-now"' not in page
    assert 'data-testid="fever-raised"' in page


@pytest.mark.parametrize("reading", ["hot", "3.8", "380", "NaN", "1e400", ""])
def test_a_reading_that_is_not_a_temperature_keeps_nothing(client_for, alice, nora, reading):
    response = client_for(alice).post("/care-day/temperatures/", {
        "celsius": reading, "unit": "C", "taken_at": _now()})
    assert response.status_code == 200
    assert not Temperature.objects.exists()


def test_temperatures_are_on_the_timeline(client_for, alice, nora):
    noon = yesterday_noon()  # never across a midnight, whatever the clock
    Temperature.objects.create(household=nora.household, child=nora, celsius="38.2",
                               taken_at=noon)
    page = client_for(alice).get(f"/timeline/?child={nora.pk}&day={noon.date()}").content.decode()
    assert "Temperature 38.2\u00a0°C" in page and "call for advice now" in page


def test_an_edit_in_fahrenheit_and_a_delete(client_for, alice, nora):
    t = Temperature.objects.create(household=nora.household, child=nora, celsius="37.0",
                                   taken_at=timezone.now() - timedelta(minutes=5))
    client = client_for(alice)
    when = timezone.localtime(t.taken_at).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/care-day/temperatures/{t.pk}/", {"celsius": "99.5", "unit": "F",
                                                    "taken_at": when, "version": 1})
    assert Temperature.objects.get().celsius == Decimal("37.5")
    client.post(f"/care-day/temperatures/{t.pk}/", {"delete": "1", "confirmed": "1"})
    assert not Temperature.objects.exists()


def test_the_edit_page_opens_in_the_unit_she_reads(client_for, alice, nora):
    """A reading shown as 100.9 °F opened for editing as "38.3" with °C ticked: a tired
    parent could overwrite it thinking it was °F."""
    alice.temperature_unit = "F"
    alice.save(update_fields=["temperature_unit"])
    client = client_for(alice)
    client.post("/care-day/temperatures/", {"celsius": "101", "unit": "F", "taken_at": _now()})
    t = Temperature.objects.get()
    page = client.get(f"/care-day/temperatures/{t.pk}/").content.decode()
    assert 'value="101.0"' in page
    assert re.search(r'value="F"[^>]*checked', page)
    assert "101.0\u00a0°F" in client.get("/care-day/temperatures/").content.decode()


@pytest.mark.parametrize(("kept", "reader", "shown"), [
    ("37.89", "C", "37.89"), ("37.30", "F", "99.1"), ("35.99", "F", "96.8")])
def test_a_note_changed_leaves_the_reading_as_it_was(client_for, alice, nora, kept, reader,
                                                     shown):
    """The edit page reads the number again on every save: a reading from the other unit
    was rounded by a note's change, and 35.99 °C (from 96.78 °F) could become 36.0 and
    lose the call it asks for."""
    alice.temperature_unit = reader
    alice.save(update_fields=["temperature_unit"])
    t = Temperature.objects.create(household=nora.household, child=nora, celsius=kept,
                                   taken_at=timezone.now() - timedelta(minutes=5))
    client = client_for(alice)
    page = client.get(f"/care-day/temperatures/{t.pk}/").content.decode()
    assert f'value="{shown}"' in page
    when = timezone.localtime(t.taken_at).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/care-day/temperatures/{t.pk}/", {
        "celsius": shown, "unit": reader, "taken_at": when, "note": "after a bath",
        "version": 1})
    t.refresh_from_db()
    assert (t.note, t.celsius) == ("after a bath", Decimal(kept))


def test_a_reading_is_shown_rounded_not_cut(client_for, alice, nora):
    from nestwell.accounts import measures
    from nestwell.health import fever

    assert measures.temperature(Decimal("37.78")) == "37.8\u00a0°C"  # 100.0 °F
    # A tenth of a degree Fahrenheit, as a thermometer shows it: 100.39 is 100.4, a fever.
    assert fever.to_celsius(Decimal("100.39"), "F") == Decimal("38.00")


def test_a_number_that_is_not_a_temperature_is_said_as_typed(client_for, alice, nora):
    page = client_for(alice).post("/care-day/temperatures/", {
        "celsius": "3.79", "unit": "C", "taken_at": _now()}).content.decode()
    assert "3.79 °C is not a body temperature" in page.replace("\u00a0", " ")
    # In °F, in °F: "38.2" from a °C thermometer read "3.44 °C is not a body temperature"
    page = client_for(alice).post("/care-day/temperatures/", {
        "celsius": "38.2", "unit": "F", "taken_at": _now()}).content.decode()
    said = page.replace("\u00a0", " ")
    assert "38.2 °F is not a body temperature. If your thermometer reads in °C" in said
    assert "3.44" not in said


@pytest.mark.parametrize(("country", "zone", "number", "nhs"), [
    ("GB", "Europe/London", "999", True), ("US", "America/Chicago", "911", False),
    ("FR", "Europe/Paris", "15", False), ("", "UTC", "112", False)])
def test_the_fever_message_gives_the_emergency_number_of_her_country(
        client_for, alice, nora, household, country, zone, number, nhs):
    household.country, household.time_zone = country, zone
    household.save()
    taken = timezone.localtime(timezone.now() - timedelta(minutes=5), household.tz)
    page = client_for(alice).post("/care-day/temperatures/", {
        "celsius": "38.2", "unit": "C", "taken_at": taken.strftime("%Y-%m-%dT%H:%M")},
        follow=True).content.decode()
    assert 'data-testid="fever-call-now"' in page
    assert f'href="tel:{number}"' in page
    assert "call the emergency number:" in page and f"📞 {number}</a>" in page
    assert ("NHS 111" in page) is nhs
    # No other country's number (looked for as a number to call: a random token on the
    # page, an idempotency key or the CSRF token, may hold the digits "999").
    if number != "999":
        assert 'href="tel:999"' not in page and "📞 999" not in page


def yesterday_noon():
    """Noon yesterday, her time: a moment "five minutes ago" was yesterday's just after
    midnight, and a test reading today's timeline failed then."""
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1),
                                                time(12)))


# --- a low temperature (NICE NG51, children under 5: under 36 °C at any age) -----------

@pytest.mark.parametrize(("reading", "unit", "low"), [
    ("35.9", "C", True), ("36.0", "C", False), ("96.6", "F", True), ("96.8", "F", False),
    ("35,4", "C", True)])
def test_a_low_temperature_asks_for_a_call_now(client_for, alice, nora, reading, unit, low):
    page = client_for(alice).post("/care-day/temperatures/", {
        "celsius": reading, "unit": unit, "taken_at": _now()}, follow=True).content.decode()
    assert ('data-testid="fever-low"' in page) is low
    assert 'data-testid="fever-call-now"' not in page
    if low:
        card = page.split('data-testid="fever-low"')[1].split("</div>")[0]
        assert "is low: please call for advice now" in card
        assert "warm against your skin" in card and 'data-testid="fever-emergency"' in card
        assert "NG51" in card
        listed = page.split('data-testid="temperature"')[1].split("</li>")[0]
        assert "call for advice now" in listed


def test_a_low_temperature_is_low_at_any_age(client_for, alice, household):
    older = Child.objects.create(household=household, name="Ada",
                                 birth_at=timezone.now() - timedelta(days=300))
    page = client_for(alice).post(f"/care-day/temperatures/?child={older.pk}", {
        "celsius": "35.5", "unit": "C", "taken_at": _now()}, follow=True).content.decode()
    assert 'data-testid="fever-low"' in page and 'data-testid="fever-raised"' not in page


def test_a_low_temperature_on_the_timeline(client_for, alice, nora):
    noon = yesterday_noon()
    Temperature.objects.create(household=nora.household, child=nora, celsius="35.2",
                               taken_at=noon)
    page = client_for(alice).get(f"/timeline/?child={nora.pk}&day={noon.date()}").content.decode()
    assert "Temperature 35.2\u00a0°C" in page
    assert "under 36.0\u00a0°C: call for advice now" in page


@pytest.mark.parametrize("value, exported, kept", [
    (38.33, True, "38.33"),     # 101 °F, as an export writes it: back as it went out
    (38.33, False, "38.3"),     # typed in °C: to a tenth, as a thermometer shows
    ("38.33", True, "38.33"),
    (37.95, True, "38.0"),      # no °F reading is 37.95 °C: read as typed, a fever
    (38.0, True, "38.0"),       # 100.4 °F is exactly 38.00
    (35.99, True, "36.0"),      # not from °F (96.8 °F is 36.00): no low card from 0.01
])
def test_a_number_nestwell_wrote_out_is_read_back_exactly_only_when_it_came_from_f(
        value, exported, kept):
    from nestwell.health.services import read_temperature

    assert read_temperature(value, "C", exported=exported) == Decimal(kept)

"""Units, clock and week (issue 19, item 3): each person reads amounts, weights and times
her way (her choice, else the habit of the household's country), while the stored values
never change; bad choices change nothing; the choice is hers alone."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from nestwell.accounts.models import User
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.journal.models import Moment
from nestwell.milk.models import MilkBag

NBSP = "\u00a0"


@pytest.fixture
def in_us(household):
    household.country = "US"
    household.time_zone = "America/Chicago"
    household.save()
    return household


def _yesterday_at(household, hour, minute):
    zone = household.tz
    day = timezone.localdate(timezone.now(), zone) - timedelta(days=1)
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _timeline(client, child, at):
    return client.get(f"/timeline/?child={child.pk}&day={at.date().isoformat()}"
                      ).content.decode()


def _feed(child, user, at, ml):
    return Moment.objects.create(household=child.household, child=child, kind="feeding",
                                 started_at=at, ended_at=at + timedelta(minutes=20),
                                 actor=user, created_by=user,
                                 details={"method": "bottle", "amount_ml": ml})


def test_the_account_page_offers_the_habit_of_her_place(client_for, alice, in_us):
    page = client_for(alice).get("/account/").content.decode()
    assert 'data-testid="account-measures"' in page
    assert "Usual here: fl oz" in page
    assert "Usual here: 12-hour (2:30 PM)" in page
    assert "Usual here: Sunday" in page


def test_without_a_country_the_habit_is_metric_and_24_hour(client_for, alice, household):
    page = client_for(alice).get("/account/").content.decode()
    assert "Usual here: ml" in page
    assert "Usual here: 24-hour (14:30)" in page
    assert "Usual here: Monday" in page


def test_without_a_country_the_time_zone_tells_the_place(client_for, alice, household):
    """A family in Chicago that never chose its country was asked for grams: the time
    zone says where it is, as on the support page, until a parent chooses."""
    household.time_zone = "America/Chicago"
    household.save()
    page = client_for(alice).get("/account/").content.decode()
    assert "Usual here: fl oz" in page and "Usual here: Sunday" in page
    household.country = "GB"  # chosen: the choice wins over the time zone
    household.save()
    assert "Usual here: ml" in client_for(alice).get("/account/").content.decode()


def test_a_us_household_reads_ounces_and_a_12_hour_clock(client_for, alice, in_us, nora):
    at = _yesterday_at(in_us, 14, 5)
    moment = _feed(nora, alice, at, 120)
    page = client_for(alice).get(f"/moments/{moment.pk}/delete/").content.decode()
    assert "2:05 PM" in page and "14:05" not in page
    # The day as written there: "Tue, Dec 1, 2:05 PM", not "Tue 1 Dec".
    assert at.strftime("%a, %b ") + str(at.day) + ", 2:05 PM" in page
    page = _timeline(client_for(alice), nora, at)
    assert "2:05 PM" in page and "14:05" not in page
    assert f"4.1{NBSP}fl{NBSP}oz" in page and f"120{NBSP}ml" not in page


def test_her_choice_lies_over_the_habit_and_is_hers_alone(client_for, alice, bob, in_us, nora):
    at = _yesterday_at(in_us, 14, 5)
    _feed(nora, alice, at, 120)
    response = client_for(alice).post("/account/measures/", {
        "volume_unit": "ml", "weight_unit": "", "clock": "24", "week_start": ""})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.volume_unit, alice.weight_unit, alice.clock, alice.week_start) == (
        "ml", "", "24", "")
    page = _timeline(client_for(alice), nora, at)
    assert "14:05" in page and f"120{NBSP}ml" in page
    # Bob in the same household keeps the habit of the place.
    page = _timeline(client_for(bob), nora, at)
    assert "2:05 PM" in page and f"4.1{NBSP}fl{NBSP}oz" in page


@pytest.mark.parametrize("field, value", [("volume_unit", "litres"), ("clock", "13"),
                                          ("week_start", "3"), ("weight_unit", "stone"),
                                          ("temperature_unit", "K")])
def test_a_choice_that_is_not_offered_changes_nothing(client_for, alice, household, field,
                                                      value):
    data = {"volume_unit": "oz", "weight_unit": "imperial", "clock": "12", "week_start": "6",
            "temperature_unit": "F"}
    data[field] = value
    response = client_for(alice).post("/account/measures/", data)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert (alice.volume_unit, alice.weight_unit, alice.clock, alice.week_start,
            alice.temperature_unit) == ("", "", "", "", "")


def test_signed_out_nothing_is_kept(client, alice):
    response = client.post("/account/measures/", {"clock": "12"})
    assert response.status_code == 302 and "/login/" in response.url
    assert User.objects.get(pk=alice.pk).clock == ""


def test_a_feed_typed_in_fluid_ounces_is_kept_in_ml(client_for, alice, in_us, nora):
    client = client_for(alice)
    form = client.get(f"/moments/new/feeding/?child={nora.pk}").content.decode()
    assert "Amount (fl oz)" in form
    start = timezone.localtime(timezone.now() - timedelta(hours=1), in_us.tz)
    response = client.post(f"/moments/new/feeding/?child={nora.pk}", {
        "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (start + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M"),
        "actor": alice.pk, "method": "bottle", "amount_ml": "4"})
    assert response.status_code == 302
    assert Moment.objects.get().details["amount_ml"] == 118
    # 1.75 fl oz, a common amount, was refused ("no more than 1 decimal place")
    response = client.post(f"/moments/new/feeding/?child={nora.pk}", {
        "started_at": (start - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (start - timedelta(hours=2) + timedelta(minutes=15)).strftime(
            "%Y-%m-%dT%H:%M"),
        "actor": alice.pk, "method": "bottle", "amount_ml": "1.75"})
    assert response.status_code == 302
    assert Moment.objects.order_by("started_at").first().details["amount_ml"] == 52


def test_editing_another_detail_never_rounds_a_kept_amount(client_for, alice, in_us, nora):
    moment = _feed(nora, alice, _yesterday_at(in_us, 9, 0), 120)
    client = client_for(alice)
    page = client.get(f"/moments/{moment.pk}/edit/").content.decode()
    assert 'value="4.1"' in page
    local = timezone.localtime(moment.started_at, in_us.tz)
    data = {"started_at": local.strftime("%Y-%m-%dT%H:%M"),
            "ended_at": (local + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
            "actor": alice.pk, "method": "bottle", "amount_ml": "4.1", "note": "sleepy",
            "version": moment.version}
    assert client.post(f"/moments/{moment.pk}/edit/", data).status_code == 302
    moment.refresh_from_db()
    assert (moment.details["amount_ml"], moment.note) == (120, "sleepy")
    data.update(amount_ml="5", version=moment.version)
    assert client.post(f"/moments/{moment.pk}/edit/", data).status_code == 302
    moment.refresh_from_db()
    assert moment.details["amount_ml"] == 148


def test_too_many_ounces_are_refused_and_nothing_is_kept(client_for, alice, in_us, nora):
    start = timezone.localtime(timezone.now() - timedelta(hours=1), in_us.tz)
    response = client_for(alice).post(f"/moments/new/feeding/?child={nora.pk}", {
        "started_at": start.strftime("%Y-%m-%dT%H:%M"), "actor": alice.pk,
        "method": "bottle", "amount_ml": "40"})
    assert response.status_code == 200
    assert "at most 33.8 fl oz" in response.content.decode()
    assert not Moment.objects.exists()


def test_growth_in_pounds_ounces_and_inches(client_for, alice, in_us, nora):
    client = client_for(alice)
    day = timezone.localdate(timezone.now(), in_us.tz).isoformat()
    page = client.get(f"/growth/?child={nora.pk}").content.decode()
    assert "For example 7 lb 10 oz" in page and "Length (inches)" in page
    response = client.post(f"/growth/?child={nora.pk}", {
        "measured_on": day, "weight_grams": "7 lb 10 oz", "length_mm": "20.5",
        "head_mm": "14", "measured_by": "parent"})
    assert response.status_code == 302
    kept = Measurement.objects.get()
    assert (kept.weight_grams, kept.length_mm, kept.head_mm) == (3459, 521, 356)
    page = client.get(response.url).content.decode()
    assert f"7{NBSP}lb 10{NBSP}oz" in page and f"20.5{NBSP}in long" in page


def test_a_birth_weight_in_pounds_and_ounces(client_for, alice, in_us):
    client = client_for(alice)
    page = client.get("/children/new/").content.decode()
    assert "Optional. For example 7 lb 10 oz." in page
    response = client.post("/children/new/", {
        "name": "Ivy", "born": "yes", "birth_at": "2026-11-01T04:30",
        "birth_weight_grams": "7 lb 10 oz"})
    assert response.status_code == 302
    ivy = Child.objects.get(name="Ivy")
    assert ivy.birth_weight_grams == 3459
    page = client.get(f"/children/{ivy.pk}/edit/").content.decode()
    assert 'value="7 lb 10 oz"' in page


@pytest.mark.parametrize("typed", ["7 lb 16 oz", "heavy", "7 st", "1234"])
def test_a_weight_that_is_not_pounds_and_ounces_is_refused(client_for, alice, in_us, nora,
                                                           typed):
    day = timezone.localdate(timezone.now(), in_us.tz).isoformat()
    response = client_for(alice).post(f"/growth/?child={nora.pk}", {
        "measured_on": day, "weight_grams": typed, "measured_by": "parent"})
    assert response.status_code == 200
    assert "like 7 lb 10 oz" in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_milk_store_reads_in_her_unit(client_for, alice, in_us, nora):
    MilkBag.objects.create(household=in_us, child=nora, amount_ml=120, place="fridge",
                           expressed_at=timezone.now() - timedelta(hours=2),
                           use_by=timezone.now() + timedelta(days=2), created_by=alice)
    page = client_for(alice).get(f"/milk/store/?child={nora.pk}").content.decode()
    assert f"4.1{NBSP}fl{NBSP}oz" in page
    assert re.search(r'value="oz"[^>]*checked', page)


def test_a_us_household_reads_temperatures_in_fahrenheit(client_for, alice, in_us, nora):
    taken = timezone.localtime(timezone.now() - timedelta(minutes=5), in_us.tz)
    page = client_for(alice).post("/care-day/temperatures/", {
        "celsius": "100.8", "unit": "F", "taken_at": taken.strftime("%Y-%m-%dT%H:%M")},
        follow=True).content.decode()
    assert str(nora.temperatures.get().celsius) == "38.22"  # reads back as 100.8 °F
    assert f"100.8{NBSP}°F kept." in page
    assert f"A temperature of 100.4{NBSP}°F or more in a baby under 3 months" in page
    assert f"38.2{NBSP}°C" not in page
    assert re.search(r'value="F"[^>]*checked', page)
    client_for(alice).post("/account/measures/", {"temperature_unit": "C"})
    page = client_for(alice).get("/care-day/temperatures/").content.decode()
    assert f"38.2{NBSP}°C" in page and f"38{NBSP}°C or more" not in page
    assert f"38.0{NBSP}°C or more in a baby under 3 months" in page


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "ar"])
def test_the_24_hour_clock_reads_as_djangos_own_format_in_every_language(language):
    """``clock`` writes a 24-hour time with strftime (a seventh of the cost of Django's
    formatter, some fifty times a timeline page): the same text, every minute of a day and
    with seconds, in every language offered."""
    from django.utils import formats, translation

    from nestwell.accounts import measures

    start = datetime(2026, 3, 29, 0, 0, 0)
    with translation.override(language):
        for minute in range(0, 24 * 60, 7):
            value = start + timedelta(minutes=minute, seconds=minute % 60)
            for given in (value, value.time(), value.replace(tzinfo=UTC)):
                assert measures.clock(given) == formats.time_format(given, "H:i")
                assert measures.clock(given, seconds=True) == formats.time_format(
                    given, "H:i:s")


@pytest.mark.parametrize(("language", "june", "july", "december"), [
    ("en", "Wed 3 Jun", "Fri 3 Jul", "Thu 3 Dec"),
    # French writes a month in lower case and tells June from July ("Déc", "Jui", "Jul")
    ("fr", "mer. 3 juin", "ven. 3 juil.", "jeu. 3 déc."),
    ("es", "mié 3 jun", "vie 3 jul", "jue 3 dic"),
    # German puts a point after the day and a short name ("Do., 3. Dez."; CLDR)
    ("de", "Mi., 3. Juni", "Fr., 3. Juli", "Do., 3. Dez."),
])
def test_a_day_is_written_with_the_short_month_names_of_her_language(language, june, july,
                                                                      december):
    from datetime import date

    from django.utils import translation

    from nestwell.accounts import measures
    from nestwell.insights import drawing

    with translation.override(language):
        assert [measures.day(date(2026, m, 3), "D j M") for m in (6, 7, 12)] == [
            june, july, december]
        # the charts' day labels say the same
        assert drawing.day_labels(date(2026, 6, 30), 2) == [
            june.split(" ", 1)[1].replace("3", "30"), july.split(" ", 1)[1].replace("3", "1")]


def test_lower_case_months_are_a_pure_rule():
    from nestwell.lib import measures as pure

    # Spanish joins a day, its month and its year with "de"
    assert pure.day_format("l j F", False, "es") == "l j \\d\\e F"
    assert pure.day_format("j F Y", False, "es") == "j \\d\\e F \\d\\e Y"
    assert pure.day_format("j F Y", False, "fr") == "j F Y"

    assert pure.day_format("j M Y", False, "fr") == "j b Y"
    assert pure.day_format("j M", True, "es-mx") == "b j"
    assert pure.day_format("D j M", False, "de") == "D., j. M"
    assert pure.day_format("l j F", False, "de") == "l, j. F"
    assert pure.day_format("j M Y", False, "de") == "j. M Y"
    assert pure.day_format("j F Y", False, "de") == "j. F Y"
    assert pure.day_format("D j M", True, "de") == "D, M j"


@pytest.mark.parametrize(("language", "zone", "city"), [
    ("en", "Africa/Cairo", "Cairo"), ("ar", "Africa/Cairo", "القاهرة"),
    ("fr", "Africa/Cairo", "Le Caire"), ("de", "Europe/London", "London"),
    ("en", "UTC", "UTC"), ("en", "Not/AZone", "Not/AZone"), ("en", "", ""),
])
def test_a_time_zone_is_its_city_in_her_language(language, zone, city):
    """The timeline said "يوم نورا، بتوقيت Africa/Cairo": the zone's name as written in
    the database, in English letters, on an Arabic page."""
    from django.utils import translation

    from nestwell.accounts.templatetags.measures import zone_city

    with translation.override(language):
        assert zone_city(zone) == city


def test_a_12_hour_clock_in_spanish_writes_a_m_and_p_m(client_for, alice, in_us, nora):
    """Lucía chose "12 horas (2:30 p. m.)" and read "8:36 AM" on every page."""
    alice.language = "es"
    alice.save(update_fields=["language"])
    at = _yesterday_at(in_us, 14, 5)
    _feed(nora, alice, at, 120)
    page = _timeline(client_for(alice), nora, at)
    assert f"2:05 p.{NBSP}m." in page and "2:05 PM" not in page


def test_a_clinics_metric_figures_are_kept_in_a_household_reading_pounds(client_for, alice,
                                                                          in_us, nora):
    """"4.6 kg" and "57.8 cm" from a clinic's card were refused where a household reads
    pounds and inches, and "57.8 cm" was told to add a length."""
    day = timezone.localdate(timezone.now(), in_us.tz).isoformat()
    response = client_for(alice).post(f"/growth/?child={nora.pk}", {
        "measured_on": day, "weight_grams": "4.6 kg", "length_mm": "57.8 cm",
        "head_mm": "15 1/2", "measured_by": "clinic"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    kept = Measurement.objects.get()
    assert (kept.weight_grams, kept.length_mm, kept.head_mm) == (4600, 578, 394)

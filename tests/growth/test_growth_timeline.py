"""A measurement is a row on the one timeline, on its own day."""

from datetime import timedelta

from django.utils import timezone

from nestwell.growth.models import Measurement


def test_a_measurement_is_a_row_on_its_day(client_for, alice, carol, nora):
    day = timezone.localdate() - timedelta(days=3)
    kept = Measurement.objects.create(household=nora.household, child=nora, measured_on=day,
                                      weight_grams=4210, length_mm=541,
                                      measured_by="midwife", note="Home visit")
    page = client_for(alice).get(f"/timeline/?day={day.isoformat()}").content.decode()
    assert 'data-kind="measurement"' in page
    assert "4.21\u00a0kg · 54.1\u00a0cm long · Midwife" in page and "Home visit" in page
    assert f"/growth/{kept.pk}/" in page
    other_day = (day - timedelta(days=1)).isoformat()
    assert 'data-kind="measurement"' not in client_for(alice).get(
        f"/timeline/?day={other_day}").content.decode()
    as_viewer = client_for(carol).get(f"/timeline/?day={day.isoformat()}").content.decode()
    assert "4.21\u00a0kg" in as_viewer and f"/growth/{kept.pk}/" not in as_viewer


def test_todays_measurement_shows_on_the_home_page_with_its_time(client_for, alice, nora):
    Measurement.objects.create(household=nora.household, child=nora,
                               measured_on=timezone.localdate(), head_mm=372)
    page = client_for(alice).get("/").content.decode()
    assert 'data-kind="measurement"' in page and "head 37.2\u00a0cm" in page


def test_in_german_the_numbers_have_a_decimal_comma(client_for, alice, nora):
    # "1.845 kg" reads as one thousand eight hundred and forty-five kilos in German.
    from django.utils import timezone as tz

    Measurement.objects.create(household=nora.household, child=nora,
                               measured_on=tz.localdate(), weight_grams=1845, length_mm=425)
    client = client_for(alice)
    client.post("/language/", {"language": "de"})
    page = client.get("/").content.decode()
    assert "1,845\u00a0kg" in page and "42,5\u00a0cm" in page

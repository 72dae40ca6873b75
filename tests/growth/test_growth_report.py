"""Growth in the report for a visit: the page, the PDF and the CSV carry the measurements
with their WHO centiles, and the weight chart."""

import csv
import io
from datetime import timedelta

from django.utils import timezone

from nestwell.growth.models import Measurement
from tests.insights.test_report import pdf_text, period


def _measure(child):
    today = timezone.localdate()
    for ago, grams, length in ((20, 3400, 510), (6, 4050, 535), (1, 4230, None)):
        Measurement.objects.create(household=child.household, child=child,
                                   measured_on=today - timedelta(days=ago),
                                   weight_grams=grams, length_mm=length,
                                   measured_by="health_visitor")


def test_the_report_shows_weight_on_the_who_chart(client_for, alice, nora):
    nora.sex = "female"
    nora.save()
    _measure(nora)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert 'data-testid="chart-growth"' in page and 'data-testid="report-growth"' in page
    assert "4.23\u00a0kg (" in page and "centile" in page and "Health visitor" in page
    assert "WHO Child Growth Standards" in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "Growth" in text and "4.23" in text and "centile" in text
    body = client.get(f"/insights/report/?{period()}&download=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "Measured on")
    assert rows[header][4] == "Weight-for-age centile"
    growth = rows[header + 1:header + 4]
    assert [r[3] for r in growth] == ["4230", "4050", "3400"]
    assert all(r[4] for r in growth) and growth[1][12]  # weight-for-length with a length


def test_without_a_sex_the_report_says_why_there_are_no_centiles(client_for, alice, nora):
    _measure(nora)
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "4.23\u00a0kg" in page and "sex is not given" in page
    assert 'data-testid="chart-growth"' not in page


def test_a_report_with_no_measurements_says_so(client_for, alice, nora):
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "No measurements kept yet" in page


def test_in_pounds_the_report_and_the_timeline_say_her_units_with_the_metric(client_for,
                                                                           alice, nora):
    """A household reading lb, oz and inches saw '3.203 kg · 49 cm long' in its report and
    timeline: now hers first, and beside it in the report the metric a clinic reads."""
    nora.sex = "female"
    nora.save()
    _measure(nora)
    alice.weight_unit = "imperial"
    alice.save(update_fields=["weight_unit"])
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    nb = "\u00a0"  # a number and its unit never apart
    assert f"9{nb}lb 5{nb}oz (4.23{nb}kg) (" in page  # then its centile
    assert f"8{nb}lb 15{nb}oz (4.05{nb}kg)" in page and f"21.1{nb}in (53.5{nb}cm) long" in page
    day = (timezone.localdate() - timedelta(days=6)).isoformat()
    timeline = client.get(f"/timeline/?child={nora.pk}&day={day}").content.decode()
    assert f"8{nb}lb 15{nb}oz · 21.1{nb}in long" in timeline
    assert "kg" not in timeline.split(f"8{nb}lb 15{nb}oz", 1)[1][:40]


def test_the_birth_weight_is_the_first_line_and_point(client_for, alice, nora):
    nora.sex, nora.birth_weight_grams = "female", 3150
    nora.save()
    _measure(nora)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert "3.15\u00a0kg (" in page and "at birth" in page
    body = client.get(f"/insights/report/?{period()}&download=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "Measured on")
    growth = rows[header + 1:header + 5]
    assert [r[3] for r in growth] == ["4230", "4050", "3400", "3150"]
    assert (growth[-1][1], growth[-1][-1]) == ("0", "at birth")


def test_a_weighing_on_the_day_of_the_birth_is_not_kept_twice(client_for, alice, nora):
    nora.birth_weight_grams = 3150
    nora.save()
    Measurement.objects.create(household=nora.household, child=nora,
                               measured_on=timezone.localtime(nora.birth_at).date(),
                               weight_grams=3150, measured_by="midwife")
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "at birth" not in page and page.count("3.15\u00a0kg") == 1


def test_each_measurement_says_the_age_in_months_a_doctor_reads(client_for, alice, nora):
    """Elena's 12-month check: "day 360" for every measurement; a doctor reads months."""
    nora.sex = "female"
    nora.birth_at = timezone.now() - timedelta(days=200)
    nora.save()
    today = timezone.localdate()
    Measurement.objects.create(household=nora.household, child=nora,
                               measured_on=today - timedelta(days=1), weight_grams=7600)
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    age = (today - timedelta(days=1) - timezone.localtime(nora.birth_at).date()).days
    assert f"6 months (day {age})" in page  # 199 days: six months in any year


def test_a_newborns_measurement_says_how_many_days_old(client_for, alice, nora):
    """Anna's walk: "Tag 9" in the report where the nappies page said "Lebenstag 10"; a
    midwife read the ninth day of life. Now "9 days old", and the birth day says so."""
    nora.birth_at = timezone.now() - timedelta(days=12)
    nora.save()
    born = timezone.localtime(nora.birth_at).date()
    for days in (0, 1, 9):
        Measurement.objects.create(household=nora.household, child=nora,
                                   measured_on=born + timedelta(days=days),
                                   weight_grams=3400 + days * 10)
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "· 9 days old" in page and "· 1 day old" in page
    assert "· on the day of the birth" in page and "· day 9" not in page

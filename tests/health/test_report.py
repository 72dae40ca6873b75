"""The report for a visit carries the nappy counts and the temperatures, on the page, in
the PDF and in the CSV."""

from datetime import timedelta

from django.utils import timezone

from nestwell.health.models import Nappy, Temperature
from tests.insights.test_report import pdf_text, period


def _fill(nora):
    now = timezone.localtime()  # her wall clock: "2 days ago" is two of her days
    for day in range(1, 4):
        for kind in ("wet", "wet", "both", "dirty"):
            Nappy.objects.create(household=nora.household, child=nora, kind=kind,
                                 changed_at=now - timedelta(days=day))
    Nappy.objects.create(household=nora.household, child=nora, kind="dirty", colour="white",
                         changed_at=now - timedelta(days=1))
    Temperature.objects.create(household=nora.household, child=nora, celsius="38.3",
                               taken_at=now - timedelta(days=2))
    Temperature.objects.create(household=nora.household, child=nora, celsius="37.1",
                               taken_at=now - timedelta(days=1))


def test_the_report_counts_nappies_and_names_the_temperatures(client_for, alice, nora):
    _fill(nora)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert "wet 9, dirty 7, on 3 days with nappies noted" in page
    assert "Pale stools noted" in page
    assert "2 taken; the highest 38.3\u00a0°C" in page
    assert "38.3\u00a0°C, under 3 months" in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "Nappies and temperatures" in text and "wet 9, dirty 7" in text
    lines = client.get(f"/insights/report/?{period()}&download=csv").content.decode(
        "utf-8-sig").splitlines()
    header = lines.index("Date,Wet nappies,Dirty nappies,All nappies,Pale stools,"
                         "Red or black stools")
    days = lines[header + 1:header + 8]
    # a day without a nappy noted is empty, not 0 (nobody noted it)
    assert not any(line.endswith(",0,0,0,0,0") for line in days)
    assert [line.split(",")[1:] for line in days if not line.endswith(",,,,,")] == [
        ["3", "2", "4", "0", "0"], ["3", "2", "4", "0", "0"], ["3", "3", "5", "1", "0"]]
    assert "Temperature taken,°C" in lines


def test_a_few_temperatures_are_each_listed_many_only_those_that_ask_for_a_call(
        client_for, alice, nora):
    """Only the highest reading was named: a fever's course (37.9 in the evening, 38.4 at
    night, 37.6 by morning) could not be read from the report."""
    from nestwell.insights import visit

    _fill(nora)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert page.count("37.1\u00a0°C") == 1 and "Every reading is in the CSV." not in page
    now = timezone.now()
    for i in range(visit.TEMPERATURES_LISTED):
        Temperature.objects.create(household=nora.household, child=nora, celsius="36.9",
                                   taken_at=now - timedelta(hours=1, minutes=i))
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert "36.9\u00a0°C" not in page and "37.1\u00a0°C" not in page
    assert "38.3\u00a0°C, under 3 months" in page and "Every reading is in the CSV." in page


def test_a_report_without_nappies_says_so(client_for, alice, nora):
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    # Nappies, temperatures, medicines, and feeds, bottles and skin-to-skin (none here).
    assert page.count("none noted in this period") == 6


def test_the_dashboard_shows_nappies_per_day(client_for, alice, nora):
    client = client_for(alice)
    page = client.get(f"/insights/?child={nora.pk}").content.decode()
    assert 'data-testid="dashboard-nappies"' not in page  # none kept: nothing to show
    _fill(nora)
    page = client.get(f"/insights/?child={nora.pk}&days=7").content.decode()
    assert 'data-testid="dashboard-nappies"' in page
    assert page.count('data-testid="nappy-day"') == 7 and "(pale)" in page


def test_the_report_names_a_low_temperature(client_for, alice, nora):
    Temperature.objects.create(household=nora.household, child=nora, celsius="35.6",
                               taken_at=timezone.now() - timedelta(days=1))
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert "35.6\u00a0°C, low" in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "35.6\u00a0°C, low" in text or "35.6 °C, low" in text


def test_what_asks_for_a_call_comes_first_with_its_day(client_for, alice, nora, household):
    """A clinician with ten minutes: the fever, the low reading, the pale stool and her own
    safety answer were at the end, below crying; now they open the report, page and PDF."""
    from nestwell.wellbeing.models import CheckIn

    _fill(nora)
    Temperature.objects.create(household=nora.household, child=nora, celsius="35.6",
                               taken_at=timezone.now() - timedelta(days=1, hours=2))
    CheckIn.objects.create(household=household, author=alice, mood=2, connection=3, energy=2,
                           stress=4, support=2, safety="not_safe")
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}&wellbeing=on").content.decode()
    first = page.index('data-testid="baby-attention"')
    assert first < page.index('data-testid="safety-flag"') < page.index("Care and closeness")
    box = page[first:].split("</p>")[0]
    assert "38.3\u00a0°C, under 3 months" in box and "35.6\u00a0°C, low" in box
    assert "A pale stool noted:" in box
    text = pdf_text(client.get(f"/insights/report/?{period()}&wellbeing=on&download=pdf"
                               ).content)
    assert text.index("Worth attention first") < text.index("Care and closeness")
    assert text.index("Please note") < text.index("Care and closeness")


def test_a_report_with_nothing_to_flag_has_no_such_box(client_for, alice, nora):
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "Worth attention first" not in page


def test_a_red_or_black_stool_asks_for_a_call_in_the_report(client_for, alice, nora):
    Nappy.objects.create(household=nora.household, child=nora, kind="dirty", colour="red",
                         changed_at=timezone.now() - timedelta(days=1))
    Nappy.objects.create(household=nora.household, child=nora, kind="dirty",
                         colour="meconium", changed_at=timezone.now() - timedelta(days=2))
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    box = page[page.index('data-testid="baby-attention"'):].split("</p>")[0]
    assert "A red or black stool noted:" in box and "pale" not in box
    assert "Red or black stools noted" in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "A red or black stool noted:" in text


def test_red_or_black_stools_are_a_column_of_the_csv_and_a_mark_on_the_dashboard(
        client_for, alice, nora):
    Nappy.objects.create(household=nora.household, child=nora, kind="dirty", colour="black",
                         changed_at=timezone.now() - timedelta(days=1))
    client = client_for(alice)
    csv_text = client.get(f"/insights/report/?{period()}&download=csv").content.decode(
        "utf-8-sig")
    header = next(line for line in csv_text.splitlines() if line.startswith("Date,Wet"))
    assert header.endswith("Pale stools,Red or black stools")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    row = next(line for line in csv_text.splitlines()
               if line.startswith(yesterday) and line.count(",") == header.count(","))
    assert row.endswith(",0,1")
    dashboard = client.get(f"/insights/?child={nora.pk}").content.decode()
    table = dashboard.split('data-testid="dashboard-nappies"')[1].split("</table>")[0]
    assert "(red or black)" in table and "(pale)" not in table

"""The report for a visit shows pumping per day, on the page, in the PDF and in the CSV."""

import re
from datetime import datetime, time, timedelta

from django.utils import timezone

from nestwell.milk import services
from tests.insights.test_report import pdf_text, period


def test_the_report_shows_pumping_per_day(client_for, alice, nora):
    # At midday and an hour before, on days that are over: never across midnight.
    zone = timezone.get_current_timezone()
    for day, amounts in ((1, (100, 80)), (2, (120,))):
        noon = datetime.combine(timezone.localdate() - timedelta(days=day), time(12), zone)
        for hours, ml in enumerate(amounts):
            services.add_session(child=nora, user=alice, amount_ml=ml,
                                 started_at=noon - timedelta(hours=hours))
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert 'data-testid="report-pumping"' in page
    assert ("300\u00a0ml in all on 2 days (about 150\u00a0ml on each day pumped); "
            "sessions: 3") in page
    # In her unit where she reads fluid ounces (it was ml for everyone)
    alice.volume_unit = "oz"
    alice.save()
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert re.search(r"10\.1\sfl\soz in all on 2 days", page) and "300\u00a0ml" not in page
    alice.volume_unit = ""
    alice.save()
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "Pumping" in text and "sessions: 3" in text
    lines = client.get(f"/insights/report/?{period()}&download=csv").content.decode(
        "utf-8-sig").splitlines()
    header = lines.index("Date,Pumping sessions,Pumped (ml)")
    days = [line.split(",")[1:] for line in lines[header + 1:header + 8]]
    assert sorted(d for d in days if d != ["0", "0"]) == [["1", "120"], ["2", "180"]]


def test_no_pumping_no_section(client_for, alice, nora):
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert 'data-testid="report-pumping"' not in page

"""Medicines in the report for a visit (page, PDF, CSV) and today at a glance."""

import re
from datetime import timedelta

from django.utils import timezone

from nestwell.medicines import services
from tests.insights.test_report import pdf_text, period


def _fill(nora, alice):
    vitamin_d = services.add_medicine(child=nora, user=alice, name="Vitamin D", dose="0.5",
                                      unit="ml", schedule="daily", daily_at="08:00")
    paracetamol = services.add_medicine(child=nora, user=alice, name="Paracetamol",
                                        dose="2.5", unit="ml", schedule="spaced",
                                        min_hours="4", most_per_day=4)
    now = timezone.localtime()  # her wall clock: "2 days ago" is two of her days
    for day in range(1, 4):
        services.give(medicine=vitamin_d, user=alice, given_at=now - timedelta(days=day))
    for hours in (30, 25):
        services.give(medicine=paracetamol, user=alice, given_at=now - timedelta(hours=hours))
    return vitamin_d, paracetamol


def test_the_report_names_each_medicine_and_its_schedule(client_for, alice, nora):
    _fill(nora, alice)
    client = client_for(alice)
    page = client.get(f"/insights/report/?{period()}").content.decode()
    assert 'data-testid="report-medicines"' in page
    assert "Vitamin D · 0.5\u00a0ml" in page and "3 doses on 3 of" in page
    es = client.get(f"/insights/report/?{period()}&language=es").content.decode()
    assert "3 dosis en 3 de los " in es, re.findall(r"dosis en [^<]*", es)  # not "3 de 7 días"
    assert "schedule entered: once a day, usually at 08:00" in page
    assert "no sooner than 4\u00a0hours apart, at most 4 doses in 24 hours" in page
    text = pdf_text(client.get(f"/insights/report/?{period()}&download=pdf").content)
    assert "Medicines and supplements" in text and "Paracetamol" in text
    lines = client.get(f"/insights/report/?{period()}&download=csv").content.decode(
        "utf-8-sig").splitlines()
    header = lines.index("Dose given,Medicine,Dose")
    assert sum(1 for line in lines[header + 1:] if line.endswith(",0.5 ml")) == 3
    assert sum(1 for line in lines[header + 1:] if ",Paracetamol," in line) == 2


def test_days_before_the_birth_are_not_days_a_dose_was_missed(
        client_for, alice, household):
    """A baby born five days ago, given vitamin D every day of her life, read "6 doses on
    6 of 14 days" in a fortnight's report, as if eight days were missed."""
    from nestwell.children.models import Child

    now = timezone.localtime(timezone.now(), household.tz)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    # Early in each day, and never later than now (at 00:20 "2 a.m. today" was still to
    # come, and the dose was refused as in the future).
    early = min(timedelta(hours=2), (now - midnight) / 2)
    baby = Child.objects.create(household=household, name="Ivy",
                                birth_at=midnight + early / 2 - timedelta(days=5))
    vitamin_d = services.add_medicine(child=baby, user=alice, name="Vitamin D", dose="0.5",
                                      unit="ml", schedule="daily", daily_at="08:00")
    for day in range(6):
        services.give(medicine=vitamin_d, user=alice,
                      given_at=midnight + early - timedelta(days=day))
    today = now.date()
    page = client_for(alice).get(
        f"/insights/report/?child={baby.pk}&first={today - timedelta(days=13)}"
        f"&last={today}").content.decode()
    assert "6 doses on 6 of 6 days" in page, re.findall(r"doses? on [^<]*", page)


def test_a_report_without_medicines_says_so(client_for, alice, nora):
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    # Nappies, temperatures and medicines; feeds, bottles and skin-to-skin (none here).
    assert "Medicines and supplements" in page and page.count("none noted in this period") == 6


def test_today_at_a_glance_shows_where_each_schedule_stands(client_for, alice, nora):
    vitamin_d, paracetamol = _fill(nora, alice)
    client = client_for(alice)
    page = client.get(f"/insights/?child={nora.pk}").content.decode()
    assert page.count('data-testid="glance-medicine"') == 2
    assert "not yet today" in page and "last given" in page
    services.give(medicine=vitamin_d, user=alice)
    services.give(medicine=paracetamol, user=alice)
    page = client.get(f"/insights/?child={nora.pk}").content.decode()
    assert "given today" in page and "next not before" in page


def test_a_dose_outside_the_schedule_is_named(client_for, alice, nora):
    """Omeprazole given three hours after the last, when the schedule said twelve, showed
    only as "most in one day: 2"; the times were in the CSV alone."""
    _vitamin_d, paracetamol = _fill(nora, alice)
    services.give(medicine=paracetamol, user=alice,
                  given_at=timezone.localtime() - timedelta(hours=27))
    page = client_for(alice).get(f"/insights/report/?{period()}").content.decode()
    assert "given sooner than the schedule&#x27;s gap: 2 times" in page
    assert "more than the schedule" not in page


def test_outside_the_schedule_is_a_pure_count():
    from datetime import datetime

    from nestwell.medicines.report import outside_schedule

    hours = [datetime(2026, 12, 1, h) for h in (0, 6, 8, 12, 16, 20)]
    # 6 → 8 is two hours (8 → 12, four, is not sooner); at 16 and at 20 the 24 hours up to
    # the dose hold five and six doses.
    assert outside_schedule(hours, 4, 4) == (1, 2)
    assert outside_schedule([], 4, 4) == (0, 0)
    assert outside_schedule(hours, None, None) == (0, 0)


def test_a_dose_before_the_period_counts_for_the_gap_and_the_24_hours():
    """The first dose of a period, an hour after the last one of the day before, was read
    as on time: the doses before the period are the one before it, and in its 24 hours,
    but are not counted themselves."""
    from datetime import datetime

    from nestwell.medicines.report import outside_schedule

    earlier = [datetime(2026, 11, 30, h) for h in (8, 14, 20, 23)]
    times = [datetime(2026, 12, 1, h) for h in (0, 6)]
    # 23 → 0 is an hour (20 → 23, before the period, is not the period's to count); the
    # 24 hours up to 0:00 hold five doses, those up to 6:00 six.
    assert outside_schedule(times, 4, 4, earlier=earlier) == (1, 2)
    assert outside_schedule(times, 4, 4) == (0, 0)
    assert outside_schedule([], 4, 4, earlier=earlier) == (0, 0)


def test_the_report_measures_its_first_dose_against_the_one_before_it(
        client_for, alice, nora):
    paracetamol = services.add_medicine(child=nora, user=alice, name="Paracetamol",
                                        dose="2.5", unit="ml", schedule="spaced",
                                        min_hours="4", most_per_day=4)
    from datetime import datetime, time

    zone = nora.household.tz
    today = timezone.localdate(timezone=zone)
    first = today - timedelta(days=3)
    start = datetime.combine(first, time(0), tzinfo=zone)
    services.give(medicine=paracetamol, user=alice, given_at=start - timedelta(minutes=30))
    services.give(medicine=paracetamol, user=alice, given_at=start + timedelta(minutes=30))
    page = client_for(alice).get(
        f"/insights/report/?child={nora.pk}&first={first}&last={today}").content.decode()
    assert "1 dose on 1 of" in page  # the one before the period is not the period's
    assert "given sooner than the schedule&#x27;s gap: 1 time" in page

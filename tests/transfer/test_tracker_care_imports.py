"""Growth, temperatures and medicines from Huckleberry and Baby Tracker go through the
loader into Nestwell's own records (the same checks as the pages), counted, and a second
import adds nothing."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.health.models import Temperature
from nestwell.medicines.models import Dose, Medicine
from nestwell.transfer import load
from nestwell.transfer.importers import babytracker, huckleberry

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def baby(household):
    return Child.objects.create(household=household, name="Nora",
                                birth_at=datetime(2026, 1, 2, 3, 0, tzinfo=LONDON))


def _rows(reader, text, **options):
    return list(reader(io.StringIO(text), time_zone=LONDON, options=options))


HUCKLEBERRY = ("Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n"
               "Growth,2026-01-10 09:00,,,3.5kg,51cm,35cm,\n"
               "Temp,2026-01-10 22:00,,,37.6°C,,,\n"
               "Meds,2026-01-11 08:00,,,0.4ml,Vitamin D,,\n"
               "Meds,2026-01-12 08:00,,,0.4ml,Vitamin D,,\n")
BABY_TRACKER = {
    "growth.csv": "Baby,Time,Weight (lbs.),Length (inches),Head Size (inches),Note\n"
                  'Nora,"1/20/26, 10:15",8.5,21,14,\n',
    "temperature.csv": 'Baby,Time,Temperature (°C),Note\nNora,"1/20/26, 22:15",38.2,\n',
    "medication.csv": "Baby,Time,Medication name,Amount,,Min interval (minutes),"
                      'Max interval (minutes),Note\nNora,"1/20/26, 22:30",Paracetamol,2.5,'
                      "ml,240,,\n",
}


def test_huckleberry_care_rows_are_kept(household, alice, baby):
    rows = _rows(huckleberry.read, HUCKLEBERRY, child="Nora")
    report = load.load(household, alice, rows, dry_run=False)
    assert (report.created["measurement"], report.created["temperature"],
            report.created["dose"], report.created["medicine"]) == (1, 1, 2, 1)
    growth = Measurement.objects.get(child=baby)
    assert (growth.weight_grams, growth.length_mm, growth.head_mm) == (3500, 510, 350)
    assert Temperature.objects.get(child=baby).celsius == Decimal("37.6")
    vitamin = Medicine.objects.get(child=baby)  # made once for both doses
    assert vitamin.name == "Vitamin D"
    assert Dose.objects.filter(medicine=vitamin).count() == 2
    again = load.load(household, alice, _rows(huckleberry.read, HUCKLEBERRY, child="Nora"),
                      dry_run=False)
    assert not again.created and again.duplicates == 4


def test_baby_tracker_care_files_are_kept(household, alice, baby):
    made = {"growth.csv": {"measurement": 1}, "temperature.csv": {"temperature": 1},
            "medication.csv": {"dose": 1, "medicine": 1}}
    for name, text in BABY_TRACKER.items():
        report = load.load(household, alice, _rows(babytracker.read, text, file_name=name),
                           dry_run=False)
        assert dict(report.created) == made[name] and not report.rejected_count, name
    growth = Measurement.objects.get(child=baby)
    assert (growth.weight_grams, growth.length_mm, growth.head_mm) == (3856, 533, 356)
    assert Temperature.objects.get(child=baby).celsius == Decimal("38.2")
    dose = Dose.objects.get(child=baby)
    assert (dose.medicine.name, dose.amount, dose.unit) == ("Paracetamol", Decimal("2.5"), "ml")
    assert dose.medicine.min_hours == Decimal("4.0")


@pytest.mark.parametrize("day", ["2026-01-24", "01/24/2026", "1/24/26"])
def test_a_huckleberry_growth_row_with_a_date_alone_is_kept(household, alice, baby, day):
    """A measurement is kept by the day: a growth row written with its date and no time
    was refused as 'not a date and time'. A temperature still needs its time."""
    text = HUCKLEBERRY.split("\n", 1)[0] + f"\nGrowth,{day},,,4.1kg,,,\nTemp,{day},,,37.2°C,,,\n"
    rows = _rows(huckleberry.read, text, child="Nora")
    assert [type(r).__name__ for r in rows] == ["Row", "Rejected"]
    report = load.load(household, alice, rows[:1], dry_run=False)
    assert report.created["measurement"] == 1
    growth = Measurement.objects.get(child=baby)
    assert (str(growth.measured_on), growth.weight_grams) == ("2026-01-24", 4100)

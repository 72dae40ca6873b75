"""Baby Buddy pumping comes over as pumping sessions, counted; its older layout (amount and
time) too; a second import adds nothing."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nestwell.children.models import Child
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.transfer import load
from nestwell.transfer.importers import babybuddy

SAMPLES = Path(__file__).parents[1] / "transfer" / "samples" / "babybuddy"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def baby(household):
    return Child.objects.create(household=household, name="Nora Garcia",
                                birth_at=datetime(2024, 4, 20, tzinfo=LONDON))


def _read(path, **options):
    with path.open(encoding="utf-8") as stream:
        return list(babybuddy.read(stream, time_zone=LONDON,
                                   options={"file_name": path.name, **options}))


def test_baby_buddy_pumping_comes_over_counted(household, alice, baby):
    report = load.load(household, alice, _read(SAMPLES / "pumping.csv"), dry_run=False,
                       skip_rejected=True)
    assert report.created["pumping"] == 4 and report.rejected_count == 1  # ends first
    assert "before it starts" in report.rejected[0][1] or "end" in report.rejected[0][1]
    rows = {s.external_id: s for s in PumpingSession.objects.all()}
    first = rows["babybuddy:pumping:501"]
    assert (first.amount_ml, first.minutes, first.side) == (121, 20, "")
    assert first.started_at == datetime(2024, 5, 1, 5, 0, tzinfo=LONDON)
    assert rows["babybuddy:pumping:503"].amount_ml is None
    assert "Tags: evening" in rows["babybuddy:pumping:503"].note
    long = rows["babybuddy:pumping:504"]
    assert long.minutes is None and "Lasted 360 minutes" in long.note
    assert not MilkBag.objects.exists()  # Baby Buddy keeps no store
    again = load.load(household, alice, _read(SAMPLES / "pumping.csv"), dry_run=False,
                      skip_rejected=True)
    assert not again.created and again.duplicates == 4


def test_the_older_layout_and_ounces(household, alice, baby, tmp_path):
    path = tmp_path / "pumping.csv"
    path.write_text("child_id,amount,time\n1,4,2024-05-01 09:31:49\n1,3.5,2024-05-01 "
                    "14:02:00\n", encoding="utf-8")
    report = load.load(household, alice, _read(path, amount_unit="oz",
                                               children={"1": "Nora Garcia"}),
                       dry_run=False)
    assert report.created["pumping"] == 2
    assert sorted(PumpingSession.objects.values_list("amount_ml", flat=True)) == [104, 118]


def _read_babytracker(path):
    from nestwell.transfer.importers import babytracker

    with path.open(encoding="utf-8") as stream:
        return list(babytracker.read(stream, time_zone=LONDON,
                                     options={"file_name": path.name}))


def test_baby_tracker_pumping_comes_over_counted(household, alice, baby):
    path = SAMPLES.parent / "babytracker" / "pump.csv"
    report = load.load(household, alice, _read_babytracker(path), dry_run=False,
                       skip_rejected=True)
    assert report.created["pumping"] == 6 and report.rejected_count == 1  # "ten" minutes
    assert report.skipped_count == 1  # 0 minutes and no milk
    evening = PumpingSession.objects.get(started_at=datetime(2024, 5, 2, 21, 40, tzinfo=LONDON))
    assert (evening.side, evening.minutes, evening.amount_ml, evening.child) == (
        "both", 20, 104, baby)
    again = load.load(household, alice, _read_babytracker(path), dry_run=False,
                      skip_rejected=True)
    assert not again.created and again.duplicates == 6


def test_colostrum_from_before_the_birth_comes_over(household, alice, tmp_path):
    """A baby whose due date is known: milk from 36 weeks on is kept, earlier is refused
    with the day it opens."""
    Child.objects.create(household=household, name="Nora Garcia",
                         birth_at=datetime(2024, 5, 3, tzinfo=LONDON),
                         due_date=datetime(2024, 5, 20).date())  # 36+0: 22 April
    path = tmp_path / "pumping.csv"
    path.write_text("child_id,amount,time\n1,1,2024-04-25 09:00:00\n1,1,2024-04-20 "
                    "09:00:00\n", encoding="utf-8")
    report = load.load(household, alice, _read(path, children={"1": "Nora Garcia"}),
                       dry_run=False, skip_rejected=True)
    assert report.created["pumping"] == 1 and report.rejected_count == 1
    assert "36 weeks" in report.rejected[0][1]

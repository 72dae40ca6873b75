"""A Baby Buddy export brings its nappy changes and temperatures over, counted per kind,
and a second import of the same file adds nothing."""

from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nestwell.children.models import Child
from nestwell.health.models import Nappy, Temperature
from nestwell.transfer import load
from nestwell.transfer.importers import babybuddy

SAMPLES = Path(__file__).parents[1] / "transfer" / "samples" / "babybuddy"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def baby(household):
    return Child.objects.create(household=household, name="Nora",
                                birth_at=datetime(2024, 4, 20, tzinfo=LONDON))


def _read(path, **options):
    with path.open(encoding="utf-8") as stream:
        return list(babybuddy.read(stream, time_zone=LONDON,
                                   options={"file_name": path.name, **options}))


def test_baby_buddy_nappy_changes_come_over_counted_per_kind(household, alice, baby):
    report = load.load(household, alice, _read(SAMPLES / "diaper_changes.csv"),
                       dry_run=False, skip_rejected=True)
    assert report.created == Counter({"nappy": 9}) and report.rejected_count == 1
    assert Counter(Nappy.objects.values_list("kind", flat=True)) == {"wet": 5, "both": 3,
                                                                     "dirty": 1}
    assert Nappy.objects.get(external_id="babybuddy:diaperchange:404").note == "Big one"
    again = load.load(household, alice, _read(SAMPLES / "diaper_changes.csv"),
                      dry_run=False, skip_rejected=True)
    assert sum(again.created.values()) == 0 and again.duplicates == 9


def test_baby_buddy_temperatures_come_over_in_celsius(household, alice, baby, tmp_path):
    path = tmp_path / "temperature.csv"
    path.write_text("id,child_id,child_first_name,child_last_name,temperature,time,notes\n"
                    "1,1,Nora,G,37.2,2024-05-01 02:35:00,\n"
                    "2,1,Nora,G,100.4,2024-05-01 03:35:00,after bath\n"
                    "3,1,Nora,G,12,2024-05-01 04:35:00,\n", encoding="utf-8")
    report = load.load(household, alice, _read(path), dry_run=False, skip_rejected=True)
    assert report.created == Counter({"temperature": 2})
    assert "not a body temperature" in report.rejected[0][1]
    assert sorted(str(c) for c in Temperature.objects.values_list("celsius", flat=True)) == [
        "37.2", "38.0"]


def test_a_nappy_before_the_birth_is_refused(household, alice, baby, tmp_path):
    path = tmp_path / "diaper_changes.csv"
    path.write_text("id,child_first_name,time,wet,solid\n1,Nora,2024-04-01 10:00:00,1,0\n",
                    encoding="utf-8")
    report = load.load(household, alice, _read(path), dry_run=True)
    assert report.rejected_count == 1 and "before the birth" in report.rejected[0][1]

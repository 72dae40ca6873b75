"""A Baby Buddy export brings its nappy changes and temperatures over, counted per kind,
and a second import of the same file adds nothing."""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nestwell.children.models import Child
from nestwell.health import fever
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
    kept = Temperature.objects.values_list("celsius", flat=True)
    assert sorted(str(fever.as_typed(c)) for c in kept) == ["37.2", "38.0"]


def test_a_nappy_before_the_birth_is_refused(household, alice, baby, tmp_path):
    path = tmp_path / "diaper_changes.csv"
    path.write_text("id,child_first_name,time,wet,solid\n1,Nora,2024-04-01 10:00:00,1,0\n",
                    encoding="utf-8")
    report = load.load(household, alice, _read(path), dry_run=True)
    assert report.rejected_count == 1 and "before the birth" in report.rejected[0][1]


def test_nappies_and_temperatures_go_out_and_come_back_in_version_2(household, alice, nora,
                                                                    other_household, mallory):
    import io
    import json

    import jsonschema
    from django.utils import timezone

    from nestwell.transfer import export, nestwell_json

    now = timezone.now()
    Nappy.objects.create(household=household, child=nora, kind="dirty", colour="grey",
                         consistency="soft", changed_at=now, note="checked")
    Temperature.objects.create(household=household, child=nora, celsius="38.1", taken_at=now)
    out = io.StringIO()
    export.write_json(export.Scope(household, alice), out)
    document = json.loads(out.getvalue())
    assert document["version"] == 3
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert document["nappies"][0]["colour"] == "grey"
    assert document["temperatures"][0]["celsius"] == 38.1
    Child.objects.create(household=other_household, name="Nora", birth_at=nora.birth_at)
    rows = nestwell_json.read(io.BytesIO(out.getvalue().encode()), time_zone=LONDON)
    report = load.load(other_household, mallory, rows, dry_run=False)
    assert report.created["nappy"] == 1 and report.created["temperature"] == 1
    moved = Nappy.objects.get(household=other_household)
    assert (moved.kind, moved.colour, moved.consistency, moved.note) == (
        "dirty", "grey", "soft", "checked")
    assert Temperature.objects.get(household=other_household).celsius == Decimal("38.1")


def test_a_version_1_file_still_imports(household, alice, nora):
    import io
    import json

    from django.utils import timezone

    from nestwell.transfer import nestwell_json

    when = (timezone.now() - timedelta(days=2)).isoformat()
    old = {"format": "nestwell-export", "version": 1, "exported_at": "2026-01-01T00:00:00Z",
           "household": {"name": "Us"}, "children": [], "moments": [
               {"child": "Nora", "kind": "talk", "started_at": when}]}
    rows = nestwell_json.read(io.BytesIO(json.dumps(old).encode()), time_zone=LONDON)
    report = load.load(household, alice, rows, dry_run=True)
    assert report.created["moment"] == 1 and report.rejected_count == 0


def test_baby_buddy_medication_comes_over_as_doses_counted(household, alice, baby):
    from decimal import Decimal

    from nestwell.medicines.models import Dose, Medicine

    report = load.load(household, alice, _read(SAMPLES / "medication.csv"),
                       dry_run=False, skip_rejected=True)
    # Two rows cannot come: a dose that is not a number, a medicine without a name.
    assert report.created == Counter({"dose": 5, "medicine": 3})
    assert report.rejected_count == 2 and report.skipped_count == 0
    paracetamol = Medicine.objects.get(name="Paracetamol")
    assert (paracetamol.schedule, paracetamol.min_hours) == ("spaced", Decimal("4.0"))
    assert Medicine.objects.get(name="Vitamin D").schedule == ""
    first = Dose.objects.get(external_id="babybuddy:medication:503")
    assert (first.amount, first.unit, first.note) == (Decimal("2.50"), "ml",
                                                      "after jabs\nTags: jabs")
    # A unit Nestwell does not know stays in the note, with the amount.
    water = Dose.objects.get(medicine__name="Gripe water")
    assert (water.amount, water.note) == (None, "Dose: 1 spoon")
    again = load.load(household, alice, _read(SAMPLES / "medication.csv"),
                      dry_run=False, skip_rejected=True)
    assert sum(again.created.values()) == 0 and again.duplicates == 5
    assert Medicine.objects.count() == 3 and Dose.objects.count() == 5

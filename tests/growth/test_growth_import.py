"""Baby Buddy's weights, heights and head circumferences come over as growth measurements;
its BMI is left out with a note; a second import adds nothing."""

from datetime import UTC, datetime

from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.transfer import babybuddy_api
from nestwell.transfer.importers import babybuddy as babybuddy_importer
from nestwell.transfer.load import load
from nestwell.transfer.records import Row, Skipped
from tests.test_babybuddy_api_import import FakeBabyBuddy, babybuddy  # noqa: F401, F811 (fixture)
from tests.transfer.test_importers import LONDON, read_sample


def _growth_rows():
    rows = []
    for path in ("weight.csv", "height.csv", "head_circumference.csv", "bmi.csv"):
        rows += read_sample("babybuddy-csv", f"babybuddy/{path}")
    return rows


def test_baby_buddy_growth_tables_become_measurements():
    weights = read_sample("babybuddy-csv", "babybuddy/weight.csv")
    assert all(isinstance(r, Row) and r.type == "measurement" for r in weights)
    assert [r.data["weight_grams"] for r in weights] == [3420, 3250, 3510, 34200]
    assert weights[0].child == "Nora Garcia" and str(weights[0].data["measured_on"]) == "2026-03-02"
    assert weights[0].data["external_id"] == "babybuddy:weight:1"
    assert weights[2].data["note"] == "From Baby Buddy: 3.51 kg\nHealth visitor\nTags: clinic"
    (height, later) = read_sample("babybuddy-csv", "babybuddy/height.csv")
    assert (height.data["length_mm"], later.data["length_mm"]) == (505, 531)
    (head,) = read_sample("babybuddy-csv", "babybuddy/head_circumference.csv")
    assert head.data["head_mm"] == 346
    (bmi,) = read_sample("babybuddy-csv", "babybuddy/bmi.csv")
    assert isinstance(bmi, Skipped) and "BMI is not imported" in bmi.reason
    assert "weight for length" in bmi.reason


def test_the_weight_unit_can_be_pounds():
    weights = read_sample("babybuddy-csv", "babybuddy/weight.csv",
                          options={"weight_unit": "lb"})
    assert weights[0].data["weight_grams"] == 1551
    assert weights[0].data["note"].startswith("From Baby Buddy: 3.42 lb")


def test_the_api_objects_become_measurements_too():
    rows = list(babybuddy_importer.rows_from_api(
        "head-circumference", [{"id": 7, "child": 1, "head_circumference": 35.2,
                                "date": "2026-03-10", "notes": None, "tags": []}],
        {1: "Nora"}, LONDON))
    assert rows[0].type == "measurement" and rows[0].data["head_mm"] == 352
    assert rows[0].data["external_id"] == "babybuddy:headcircumference:7"


def test_measurements_are_loaded_checked_and_never_twice(household, alice):
    nora = Child.objects.create(household=household, name="Nora",
                                birth_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC), sex="female")
    report = load(household, alice, _growth_rows(), dry_run=False, skip_rejected=True)
    assert report.created["measurement"] == 6
    assert report.skipped_count == 1  # the BMI
    assert len(report.rejected) == 1 and "30,000 g" in report.rejected[0][1]
    kept = Measurement.objects.filter(child=nora).order_by("measured_on", "pk")
    assert [(m.weight_grams, m.length_mm, m.head_mm) for m in kept[:3]] == [
        (3420, None, None), (None, 505, None), (None, None, 346)]
    assert all(m.measured_by == "other" and m.created_by == alice for m in kept)
    again = load(household, alice, _growth_rows(), dry_run=False, skip_rejected=True)
    assert again.created["measurement"] == 0 and again.duplicates == 6
    assert Measurement.objects.count() == 6


def test_a_measurement_before_the_birth_is_refused_kindly(household, alice):
    Child.objects.create(household=household, name="Nora",
                         birth_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    report = load(household, alice, read_sample("babybuddy-csv", "babybuddy/height.csv"),
                  dry_run=True)
    assert report.created["measurement"] == 1
    assert "before the birth" in report.rejected[0][1]


def test_a_baby_buddy_server_brings_its_weights_over(babybuddy, household, alice):  # noqa: F811
    FakeBabyBuddy.tables = {**FakeBabyBuddy.tables, "weight": [
        {"id": 1, "child": 1, "weight": 3.3, "date": "2024-03-05", "notes": "", "tags": []},
        {"id": 2, "child": 2, "weight": 3.9, "date": "2024-03-20", "notes": "", "tags": []}],
        "bmi": [{"id": 1, "child": 1, "bmi": 13.0, "date": "2024-03-05"}]}
    rows = babybuddy_api.rows(babybuddy, "secret-key", time_zone=LONDON)
    report = load(household, alice, rows, dry_run=False, skip_rejected=True)
    assert report.created["measurement"] == 2
    assert any("BMI" in reason for _row, reason in report.skipped)
    assert sorted(Measurement.objects.values_list("weight_grams", flat=True)) == [3300, 3900]

"""Growth in the Nestwell export: measurements and the baby's sex go out and come back the
same; a file from before growth existed still imports; the export matches its schema."""

import io
import json
import zipfile
from datetime import UTC, date, datetime

from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.transfer import export
from tests.test_export_import import export_bytes, import_bytes, new_household

BORN = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _fill(household, user):
    mia = Child.objects.create(household=household, name="Mia", birth_at=BORN, sex="female",
                               gestation_weeks=34, birth_weight_grams=2300)
    for day, grams, length, head, who in ((date(2026, 3, 1), 2300, 450, 315, "hospital"),
                                          (date(2026, 3, 9), 2280, None, None, "midwife"),
                                          (date(2026, 4, 2), 3050, 488, None, "parent")):
        Measurement.objects.create(household=household, child=mia, measured_on=day,
                                   weight_grams=grams, length_mm=length, head_mm=head,
                                   measured_by=who, note=f"{who} scales", created_by=user)


def _snapshot(household):
    return (list(Child.objects.filter(household=household).values_list("name", "sex")),
            sorted(Measurement.objects.filter(household=household).values_list(
                "child__name", "measured_on", "weight_grams", "length_mm", "head_mm",
                "measured_by", "note")))


def test_measurements_go_out_and_come_back_the_same(db):
    source, alice = new_household("GrowthSource")
    _fill(source, alice)
    data = export_bytes(source, alice)
    document = json.loads(data)
    assert [m["weight_grams"] for m in document["measurements"]] == [2300, 2280, 3050]
    assert document["children"][0]["sex"] == "female"
    target, jess = new_household("GrowthTarget")
    report = import_bytes(target, jess, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert report.created["measurement"] == 3
    assert _snapshot(target) == _snapshot(source)
    again = import_bytes(target, jess, data)
    assert sum(again.created.values()) == 0 and _snapshot(target) == _snapshot(source)


def test_a_file_from_before_growth_still_imports(db):
    source, alice = new_household("OldSource")
    _fill(source, alice)
    document = json.loads(export_bytes(source, alice))
    del document["measurements"]
    for child in document["children"]:
        del child["sex"]
    target, jess = new_household("OldTarget")
    report = import_bytes(target, jess, json.dumps(document).encode())
    assert report.applied and report.rejected_count == 0
    assert Child.objects.get(household=target).sex == ""
    assert not Measurement.objects.filter(household=target).exists()


def test_the_export_with_measurements_matches_the_schema(db):
    import jsonschema

    source, alice = new_household("SchemaSource")
    _fill(source, alice)
    schema = json.loads(export.SCHEMA.read_text())
    jsonschema.validate(json.loads(export_bytes(source, alice)), schema)
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(source, alice), out)
    text = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("measurements.csv").decode(
        "utf-8-sig")
    assert text.splitlines()[0].startswith("id,child,measured_on,weight_grams")
    assert len(text.splitlines()) == 4

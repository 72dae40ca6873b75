"""Pumping and the milk store in the export (version 3) and back in; older files still
import; the use-by is worked out again, never taken from the file."""

import io
import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import jsonschema
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.milk import services
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.transfer import export, load, nestwell_json

LONDON = ZoneInfo("Europe/London")


def test_pumping_and_the_store_go_out_and_come_back_in(household, alice, nora,
                                                       other_household, mallory):
    now = timezone.now()
    services.add_session(child=nora, user=alice, started_at=now - timedelta(days=2),
                         minutes=20, side="both", amount_ml=120, store="freezer",
                         note="night")
    thawing = MilkBag.objects.get()
    services.move_bag(thawing, version=thawing.version, place="thawed",
                      at=now - timedelta(hours=1))
    used = services.add_bag(child=nora, user=alice, expressed_at=now - timedelta(days=1),
                            amount_ml=60, place="fridge")
    services.finish_bag(used, version=used.version, state="used")
    out = io.StringIO()
    export.write_json(export.Scope(household, alice), out)
    document = json.loads(out.getvalue())
    assert document["version"] == 3
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert document["pumping"][0]["amount_ml"] == 120
    assert [b["place"] for b in document["milk"]] == ["thawed", "fridge"]
    document["milk"][0]["use_by"] = "2099-01-01T00:00:00+00:00"  # never trusted
    Child.objects.create(household=other_household, name="Nora", birth_at=nora.birth_at)
    rows = nestwell_json.read(io.BytesIO(json.dumps(document).encode()), time_zone=LONDON)
    report = load.load(other_household, mallory, rows, dry_run=False)
    assert report.rejected_count == 0, report.lines()
    assert report.created["pumping"] == 1 and report.created["milk"] == 2
    session = PumpingSession.objects.get(household=other_household)
    assert (session.minutes, session.side, session.note) == (20, "both", "night")
    moved = MilkBag.objects.get(household=other_household, place="thawed")
    assert moved.use_by == thawing.use_by and moved.state == "kept"
    assert MilkBag.objects.get(household=other_household, place="fridge").state == "used"
    again = load.load(other_household, mallory, nestwell_json.read(
        io.BytesIO(json.dumps(document).encode()), time_zone=LONDON), dry_run=False)
    assert not again.created and again.duplicates >= 3


def test_a_version_2_file_still_imports(household, alice, nora):
    when = (timezone.now() - timedelta(days=2)).isoformat()
    old = {"format": "nestwell-export", "version": 2, "exported_at": "2026-01-01T00:00:00Z",
           "household": {"name": "Us"}, "children": [], "moments": [
               {"child": "Nora", "kind": "talk", "started_at": when}],
           "nappies": [{"child": "Nora", "kind": "wet", "changed_at": when}]}
    rows = nestwell_json.read(io.BytesIO(json.dumps(old).encode()), time_zone=LONDON)
    report = load.load(household, alice, rows, dry_run=True)
    assert dict(report.created) == {"moment": 1, "nappy": 1} and report.rejected_count == 0


def test_bad_milk_rows_are_refused_with_a_reason(household, alice, nora):
    when = (timezone.now() - timedelta(days=1)).isoformat()
    document = {"format": "nestwell-export", "version": 3, "exported_at": when,
                "household": {"name": "Us"}, "children": [], "milk": [
                    {"child": "Nora", "expressed_at": when, "amount_ml": 50,
                     "place": "thawed"},
                    {"child": "Nora", "expressed_at": when, "amount_ml": 5000,
                     "place": "fridge"},
                    {"child": "Nora", "expressed_at": when, "amount_ml": 50,
                     "place": "shelf"}],
                "pumping": [{"child": "Nora", "started_at": when, "side": "middle"}]}
    rows = nestwell_json.read(io.BytesIO(json.dumps(document).encode()), time_zone=LONDON)
    report = load.load(household, alice, rows, dry_run=False)
    reasons = " ".join(why for _row, why in report.rejected)
    assert report.rejected_count == 4 and not report.applied
    for words in ("thawed_at", "between 1 and 1000", "not room, fridge", "left, right"):
        assert words in reasons
    assert not MilkBag.objects.exists() and not PumpingSession.objects.exists()

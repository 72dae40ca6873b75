"""A short check-in travels out and back in with its kind, and its empty answers."""

import json
from datetime import timedelta

import jsonschema
from django.utils import timezone

from nestwell.transfer import export
from nestwell.wellbeing.models import CheckIn
from tests.test_export_import import export_bytes, import_bytes, new_household


def test_a_short_check_in_is_exported_to_the_schema_and_comes_back(db):
    source, dan = new_household("Source")
    at = timezone.now().replace(microsecond=0) - timedelta(hours=3)
    CheckIn.objects.create(household=source, author=dan, kind="short", mood=2, connection=4,
                           support=3, safety="safe", note="Night two", created_at=at)
    CheckIn.objects.create(household=source, author=dan, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe", created_at=at - timedelta(1))
    data = export_bytes(source, dan)
    document = json.loads(data)
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert [(c["kind"], c["energy"]) for c in document["checkins"]] == [("full", 3),
                                                                         ("short", None)]
    target, jo = new_household("Target")
    report = import_bytes(target, jo, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    short = CheckIn.objects.get(author=jo, kind="short")
    assert (short.created_at, short.mood, short.energy, short.stress, short.note) == (
        at, 2, None, None, "Night two")
    assert CheckIn.objects.get(author=jo, kind="full").energy == 3


def test_an_unknown_kind_or_a_full_check_in_without_energy_is_refused(db):
    source, dan = new_household("Source")
    CheckIn.objects.create(household=source, author=dan, kind="short", mood=2, connection=4,
                           support=3, safety="safe")
    document = json.loads(export_bytes(source, dan))
    row = document["checkins"][0]
    document["checkins"] = [{**row, "kind": "long"}, {**row, "kind": "full"},
                            {**row, "kind": ["short"]}]
    target, jo = new_household("Target")
    report = import_bytes(target, jo, json.dumps(document).encode())
    assert not report.applied and report.rejected_count == 3
    assert not CheckIn.objects.filter(author=jo).exists()

"""Handover notes travel in the export (the ones she wrote or that were for her, never
anyone else's) and come back into another household, each person found by e-mail."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import jsonschema
from django.utils import timezone

from nestwell.accounts.models import Membership, User
from nestwell.handover.models import Note
from nestwell.transfer import export
from tests.test_export_import import export_bytes, import_bytes, new_household


def member(household, name, role="caregiver"):
    user = User.objects.create_user(email=f"{name.lower()}@example.org", password=None,
                                    display_name=name)
    Membership.objects.create(user=user, household=household, role=role)
    return user


def notes(household, dan, eve, frank):
    at = timezone.now().replace(microsecond=0) - timedelta(hours=5)
    Note.objects.create(household=household, author=dan, addressee=eve, text="Bottle at 6",
                        created_at=at, read_at=at + timedelta(hours=1))
    Note.objects.create(household=household, author=eve, addressee=dan, text="Slept well",
                        created_at=at + timedelta(hours=2))
    Note.objects.create(household=household, author=eve, addressee=frank, text="Not Dan's",
                        created_at=at + timedelta(hours=3))
    return at


def test_notes_go_out_to_the_schema_and_come_back_with_their_people(db):
    source, dan = new_household("Source")
    eve, frank = member(source, "Eve"), member(source, "Frank")
    at = notes(source, dan, eve, frank)
    data = export_bytes(source, dan)
    document = json.loads(data)
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert [(n["author"], n["addressee"], n["text"]) for n in document["handover_notes"]] == [
        ("source@example.org", "eve@example.org", "Bottle at 6"),
        ("eve@example.org", "source@example.org", "Slept well")]

    # Eve is in the new household too; Dan is not, so Jo (importing) stands in for him.
    target, jo = new_household("Target")
    Membership.objects.create(user=eve, household=target, role="caregiver")
    report = import_bytes(target, jo, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert report.created["handover_note"] == 2
    came = list(Note.objects.filter(household=target).order_by("created_at")
                .values_list("author", "addressee", "text", "created_at", "read_at"))
    assert came == [(jo.pk, eve.pk, "Bottle at 6", at, at + timedelta(hours=1)),
                    (eve.pk, jo.pk, "Slept well", at + timedelta(hours=2), None)]
    # The same file again adds nothing.
    again = import_bytes(target, jo, data)
    assert again.duplicates >= 2 and Note.objects.filter(household=target).count() == 2


def test_a_note_between_two_others_or_with_bad_words_is_refused(db):
    source, dan = new_household("Source")
    eve = member(source, "Eve")
    document = json.loads(export_bytes(source, dan))
    when = (timezone.now() - timedelta(hours=1)).isoformat()
    document["handover_notes"] = [
        {"author": "eve@example.org", "addressee": "frank@example.org", "text": "Hi",
         "created_at": when},
        {"author": "eve@example.org", "addressee": "target@example.org", "text": "  ",
         "created_at": when},
        {"author": "eve@example.org", "addressee": "target@example.org", "text": "x" * 281,
         "created_at": when},
        {"author": "eve@example.org", "addressee": "target@example.org", "text": "Hi",
         "created_at": when, "read_at": "2001-01-01T00:00:00+00:00"},
    ]
    target, jo = new_household("Target")
    frank = member(target, "Frank")
    Membership.objects.create(user=eve, household=target, role="caregiver")
    report = import_bytes(target, jo, json.dumps(document).encode())
    assert not report.applied and report.rejected_count == 4, report.lines()
    reasons = " ".join(why for _row, why in report.rejected)
    assert "two other people" in reasons and "Write a few words" in reasons
    assert not Note.objects.filter(household=target).exists() and frank


def test_a_file_without_notes_still_imports(db):
    source, dan = new_household("Source")
    document = json.loads(export_bytes(source, dan))
    del document["handover_notes"]
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    target, jo = new_household("Target")
    assert import_bytes(target, jo, json.dumps(document).encode()).applied


def test_the_csv_export_lists_her_notes(db):
    source, dan = new_household("Source")
    eve, frank = member(source, "Eve"), member(source, "Frank")
    notes(source, dan, eve, frank)
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(source, eve), out)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    rows = list(csv.DictReader(io.StringIO(
        archive.read("handover_notes.csv").decode("utf-8-sig"))))
    assert [r["text"] for r in rows] == ["Bottle at 6", "Slept well", "Not Dan's"]
    assert rows[0]["read_at"] and not rows[1]["read_at"]

"""No CSV Nestwell writes can start a formula in a spreadsheet (issue 12, finding 12)."""

import csv
import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.journal.models import Moment
from nestwell.lib.spreadsheet import safe_cell
from nestwell.transfer import export
from nestwell.wellbeing.models import CheckIn, SupportContact

FORMULAS = ['=HYPERLINK("https://evil.example","Hi")', "+1+2", "-2+3", "@SUM(A1)",
            "\t=1", "\r=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_becomes_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Nora", "", "2026-01-01T10:00:00-05:00", -3, 2.5, None,
                                   "a=b", "-1.23", "-0,44", "+2"])  # a z-score is a number
def test_everything_else_is_left_alone(value):
    assert safe_cell(value) == value


def cells(content):
    return [cell for row in csv.reader(io.StringIO(content)) for cell in row]


def assert_no_formula(content, where):
    for cell in cells(content):
        assert safe_cell(cell) == cell or cell.startswith("'"), (where, cell)


def test_the_export_zip_holds_no_formula(household, alice, nora):
    now = timezone.now() - timedelta(hours=1)
    nora.name = "=cmd|' /C calc'!A0"
    nora.birth_notes = "+born"
    nora.save()
    for i, text in enumerate(FORMULAS):
        Moment.objects.create(household=household, child=nora, kind="talk",
                              started_at=now + timedelta(minutes=i),
                              ended_at=now + timedelta(minutes=i), note=text,
                              actor=alice, created_by=alice)
    Cue.objects.create(household=household, child=nora, signal="smile", started_at=now,
                       closed_at=now, note="@cue")
    CheckIn.objects.create(household=household, author=alice, mood=3, connection=3,
                           energy=3, stress=3, support=3, safety="safe", note="-tired")
    SupportContact.objects.create(household=household, owner=alice, name="=Jo", role="gp",
                                  phone="+44 1234 567")
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(household, alice), out)
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    for name in archive.namelist():
        if name.endswith(".csv"):
            assert_no_formula(archive.read(name).decode(), name)
    notes = [row["note"] for row in csv.DictReader(
        io.StringIO(archive.read("moments.csv").decode()))]
    assert notes[0] == "'" + FORMULAS[0]


def test_the_report_csv_holds_no_formula(client_for, alice, nora):
    nora.name = "=evil()"
    nora.save()
    today = timezone.localdate()
    body = client_for(alice).get(
        f"/insights/report/?first={today - timedelta(days=2)}&last={today}&download=csv")
    assert_no_formula(body.content.decode("utf-8-sig"), "report")

"""Importers of other trackers' exports: pure tests (no database) over the sample files in
samples/ and small files made here."""

import io
import itertools
import json
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nestwell.care import cues
from nestwell.health import nappies
from nestwell.health import services as health_services
from nestwell.journal.kinds import KINDS, validate_details
from nestwell.medicines import models as medicine_models
from nestwell.medicines import services as medicine_services
from nestwell.transfer.importers import (
    DESCRIPTIONS,
    FORMATS,
    babybuddy,
    babytracker,
    generic_csv,
    huckleberry,
    reader_for,
)
from nestwell.transfer.records import Rejected, Row, Skipped

SAMPLES = Path(__file__).parent / "samples"
LONDON = ZoneInfo("Europe/London")
HOUR = timedelta(hours=1)

GENERIC = {
    "kind": "Activity", "start": "Began", "end": "Finished", "child": "Baby",
    "note": "Comment", "external_id": "Ref", "details.method": "How", "details.side": "Side",
    "details.amount_ml": "Millilitres", "date_format": "%d/%m/%Y %H:%M",
    "kind_map": {"Breastfeed": "feeding", "Bottle": "feeding", "Nap": "sleep",
                 "Story": "read", "Cuddles": "cuddle", "Nappy": None, "Crying": "cue:cry",
                 "Massage": "massage"},
}
CHILDREN = {1: "Nora", 2: {"id": 2, "first_name": "Leo", "last_name": "Garcia"}}


def read_sample(fmt, path, options=None, encoding="utf-8"):
    with open(SAMPLES / path, encoding=encoding, newline="") as stream:
        return list(FORMATS[fmt](stream, time_zone=LONDON, options=options))


def read_text(reader, text, options=None, zone=LONDON):
    return list(reader(io.StringIO(text), time_zone=zone, options=options))


def tally(items):
    return (sum(isinstance(i, Row) for i in items), sum(isinstance(i, Skipped) for i in items),
            sum(isinstance(i, Rejected) for i in items))


def by_line(items):
    return {item.source_row: item for item in items}


def api_page():
    return json.loads((SAMPLES / "babybuddy_api" / "feedings.json").read_text("utf-8"))


SAMPLE_COUNTS = [
    ("babybuddy-csv", "babybuddy/feedings.csv", None, (11, 0, 4)),
    ("babybuddy-csv", "babybuddy/sleep.csv", None, (8, 0, 2)),
    ("babybuddy-csv", "babybuddy/tummy_times.csv", None, (7, 0, 1)),
    ("babybuddy-csv", "babybuddy/diaper_changes.csv", None, (9, 0, 1)),
    ("huckleberry-csv", "huckleberry.csv", None, (19, 3, 4)),
    ("babytracker-csv", "babytracker/nursing.csv", None, (6, 1, 3)),
    ("babytracker-csv", "babytracker/formula.csv", None, (5, 0, 3)),
    ("babytracker-csv", "babytracker/sleep.csv", None, (5, 1, 2)),
    ("babytracker-csv", "babytracker/diaper.csv", None, (3, 0, 1)),
    ("babytracker-csv", "babytracker/pump.csv", None, (6, 1, 1)),
    ("generic-csv", "generic.csv", GENERIC, (8, 1, 3)),
]


# --- every sample ---------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "path", "options", "expected"), SAMPLE_COUNTS)
def test_sample_counts(fmt, path, options, expected):
    assert tally(read_sample(fmt, path, options)) == expected


@pytest.mark.parametrize(("fmt", "path", "options", "expected"), SAMPLE_COUNTS)
def test_sample_rows_are_what_nestwell_accepts(fmt, path, options, expected):
    """Every row a reader makes passes Nestwell's own detail validation unchanged, with
    aware times, an end no earlier than the start and at most a day after it."""
    for item in read_sample(fmt, path, options):
        assert isinstance(item, Row | Skipped | Rejected)
        assert item.source_row >= 2
        if not isinstance(item, Row):
            assert item.reason
            continue
        data = item.data
        if item.type == "nappy":
            assert data["kind"] in nappies.KINDS and data["changed_at"].tzinfo is not None
            assert data["colour"] in ("", *nappies.STOOL_COLOURS)
            continue
        if item.type == "pumping":
            assert data["started_at"].tzinfo is not None and data["side"] in (
                "", "left", "right", "both")
            assert data["minutes"] is None or 0 <= data["minutes"] <= 240
            assert data["amount_ml"] is None or 0 < data["amount_ml"] <= 1000
            continue
        if item.type == "measurement":
            assert not isinstance(data["measured_on"], datetime)
            assert any(data.get(n) for n in ("weight_grams", "length_mm", "head_mm"))
            assert all(isinstance(data.get(n, 0), int) and data.get(n, 1) > 0
                       for n in ("weight_grams", "length_mm", "head_mm"))
            continue
        if item.type == "temperature":
            assert data["taken_at"].tzinfo is not None and data["unit"] in ("C", "F")
            assert health_services.read_temperature(data["reading"], data["unit"])
            continue
        if item.type == "dose":
            assert data["given_at"].tzinfo is not None and 0 < len(data["medicine"]) <= 80
            assert data["amount"] is None or medicine_services.read_amount(data["amount"])
            assert data["unit"] in ("", *dict(medicine_models.UNITS))
            continue
        if item.type == "cue":
            assert data["signal"] in cues.SIGNALS
            start, end = data["started_at"], data["closed_at"]
        else:
            assert item.type == "moment"
            assert data["kind"] in KINDS
            assert validate_details(data["kind"], data["details"]) == data["details"]
            start, end = data["started_at"], data["ended_at"]
        assert start.tzinfo is not None and end.tzinfo is not None
        assert timedelta(0) <= end - start <= timedelta(hours=24)
        assert len(data["note"]) <= 2000


def test_kind_and_signal_lists_match_the_journal():
    assert set(KINDS) == generic_csv.MOMENT_KINDS
    assert set(cues.SIGNALS) == generic_csv.CUE_SIGNALS


def test_registry():
    assert set(FORMATS) == {"babybuddy-csv", "huckleberry-csv", "babytracker-csv",
                            "generic-csv"}
    assert set(DESCRIPTIONS) == set(FORMATS)
    assert all(callable(reader) and DESCRIPTIONS[fid] for fid, reader in FORMATS.items())
    assert reader_for("huckleberry-csv") is huckleberry.read
    with pytest.raises(ValueError, match="Unknown import format"):
        reader_for("glow-csv")


# --- Baby Buddy -----------------------------------------------------------------------

def test_babybuddy_feedings_exact_rows():
    rows = by_line(read_sample("babybuddy-csv", "babybuddy/feedings.csv"))
    first = rows[2]
    assert (first.type, first.child) == ("moment", "Nora Garcia")
    assert first.data == {
        "kind": "feeding",
        "started_at": datetime(2024, 5, 1, 2, 10, tzinfo=LONDON),
        "ended_at": datetime(2024, 5, 1, 2, 32, tzinfo=LONDON),
        "details": {"method": "breast", "side": "left"},
        "note": "Sleepy latch\nTags: night",  # tags are kept in the note
        "external_id": "babybuddy:feeding:101",
    }
    assert first.data["started_at"].utcoffset() == HOUR  # British Summer Time
    assert rows[3].data["details"] == {"method": "breast", "side": "right"}
    assert rows[4].data["details"] == {"method": "breast", "side": "both"}
    assert rows[5].data["details"] == {"method": "bottle", "milk": "formula", "amount_ml": 90}
    assert rows[6].data["details"] == {"method": "bottle", "milk": "breast_milk",
                                       "amount_ml": 120}
    assert rows[7].data["details"] == {"method": "bottle", "milk": "breast_milk",
                                       "amount_ml": 60}
    assert rows[7].data["note"] == "Fortified breast milk"
    # A note over two lines: the row is numbered by its first line, the next by its own.
    assert rows[8].data["note"] == "Long, calm feed\nthen straight to sleep\nTags: night"
    assert rows[10].data["external_id"] == "babybuddy:feeding:108"
    assert 9 not in rows and 13 not in rows  # the note's second line; a blank line
    assert rows[11].data["details"] == {"method": "solids"}
    assert rows[11].data["note"] == "Parent fed\nAmount: 3\nFirst taste of pear"
    assert rows[11].data["started_at"].utcoffset() == timedelta(0)  # winter: GMT


def test_babybuddy_rejected_rows_name_column_and_value():
    rows = by_line(read_sample("babybuddy-csv", "babybuddy/feedings.csv"))
    assert isinstance(rows[14], Rejected)
    assert "'start'" in rows[14].reason and "yesterday morning" in rows[14].reason
    assert "before the start" in rows[15].reason and "2024-05-02 10:10:00" in rows[15].reason
    assert "more than 24 hours" in rows[16].reason and "2024-05-03 14:00:00" in rows[16].reason
    assert "'amount'" in rows[17].reason and "1500" in rows[17].reason


def test_babybuddy_sleep_tummy_time_and_diapers():
    sleep = by_line(read_sample("babybuddy-csv", "babybuddy/sleep.csv"))
    assert sleep[2].data["kind"] == "sleep"
    assert sleep[2].data["ended_at"] == datetime(2024, 5, 1, 2, 5, tzinfo=LONDON)
    assert sleep[5].data["note"] == "Nap\nIn the pram on a walk"  # the nap flag is kept
    assert sleep[2].data["external_id"] == "babybuddy:sleep:201"
    assert "'end'" in sleep[10].reason and "25:61" in sleep[10].reason
    tummy = by_line(read_sample("babybuddy-csv", "babybuddy/tummy_times.csv"))
    assert tummy[3].data["kind"] == "play"
    assert tummy[3].data["note"] == "Tummy time: Lifted her head for a moment"
    assert tummy[2].data["note"] == "Tummy time"
    assert tummy[3].data["external_id"] == "babybuddy:tummytime:302"
    assert tummy[6].reason == "The 'start' time is missing."
    nappies = by_line(read_sample("babybuddy-csv", "babybuddy/diaper_changes.csv"))
    assert [(n.type, n.data["kind"], n.data["colour"]) for line, n in sorted(nappies.items())
            if line in (2, 3, 5, 7)] == [("nappy", "wet", ""), ("nappy", "both", "yellow"),
                                        ("nappy", "dirty", "yellow"), ("nappy", "both", "green")]
    assert nappies[5].data["note"] == "Big one"
    assert nappies[2].data["external_id"] == "babybuddy:diaperchange:401"
    assert "not a date and time" in nappies[10].reason


def test_babybuddy_temperatures_in_celsius_or_fahrenheit_and_dry_nappies():
    text = ("id,child_id,child_first_name,child_last_name,temperature,time,notes,tags\n"
            "1,1,Nora,G,37.2,2024-05-01 02:35:00,,\n"
            "2,1,Nora,G,100.4,2024-05-01 03:35:00,after bath,\"warm, sleepy\"\n"
            "3,1,Nora,G,hot,2024-05-01 04:35:00,,\n")
    c, f, bad = read_text(babybuddy.read, text, {"file_name": "temperature.csv"})
    assert (c.type, c.data["reading"], c.data["unit"]) == ("temperature", "37.2", "C")
    assert (f.data["reading"], f.data["unit"]) == ("100.4", "F")
    assert f.data["note"] == "after bath\nTags: warm, sleepy"
    assert "not a number" in bad.reason
    dry = read_text(babybuddy.read, "id,child_id,time,wet,solid,color,amount,notes\n"
                    "9,1,2024-05-01 02:35:00,0,0,black,2,\n", {"children": {"1": "Nora"}})
    assert (dry[0].data["kind"], dry[0].data["colour"]) == ("dry", "")
    assert dry[0].data["note"] == "Colour: black\nAmount: 2"


def test_babybuddy_ounces_child_ids_and_fixture_layout():
    # The layout of Baby Buddy's own import fixtures: child_id only, no id column.
    text = ("child_id,start,end,type,method,amount,notes\n"
            "1,2020-02-16 23:10:16,2020-02-16 23:24:16,fortified breast milk,bottle,3.4,\n"
            "1,2020-02-16 06:53:01,2020-02-16 07:04:01,breast milk,right breast,,\n")
    items = read_text(babybuddy.read, text, {"amount_unit": "oz", "children": {"1": "Nora"}})
    bottle, breast = items
    assert bottle.child == "Nora"
    assert bottle.data["details"] == {"method": "bottle", "milk": "breast_milk",
                                      "amount_ml": 101}  # 3.4 oz
    assert bottle.data["external_id"].startswith("babybuddy:feeding:")
    assert bottle.data["started_at"].utcoffset() == timedelta(0)
    assert breast.data["details"] == {"method": "breast", "side": "right"}
    again = read_text(babybuddy.read, text, {"amount_unit": "oz"})
    assert again[0].data["external_id"] == bottle.data["external_id"]  # stable ids
    assert again[0].child is None  # no names and no mapping: the loader asks which baby
    full = read_text(babybuddy.read, text.replace("child_id", "child_first_name"),
                     {"child_name": "full"})
    assert full[0].child == "1"


def test_babybuddy_table_from_name_or_columns_and_missing_columns():
    feeding = "id,child_id,start,end,type,method,amount,notes\n"
    with pytest.raises(ValueError, match=r"no 'method' column; is this a Baby Buddy feedings"):
        babybuddy.read(io.StringIO("id,start,end,type\n"), time_zone=LONDON,
                       options={"file_name": "exports/Feeding-2024-05-01.csv"})
    with pytest.raises(ValueError, match="not clear which Baby Buddy table"):
        babybuddy.read(io.StringIO("id,when,what\n"), time_zone=LONDON)
    with pytest.raises(ValueError, match="not a Baby Buddy table"):
        babybuddy.read(io.StringIO(feeding), time_zone=LONDON, options={"model": "nappies"})
    with pytest.raises(ValueError, match="amount_unit"):
        babybuddy.read(io.StringIO(feeding), time_zone=LONDON, options={"amount_unit": "cup"})
    (pumping,) = read_text(babybuddy.read, "child_id,amount,time\n1,100.2,2020-02-17 09:31:49\n",
                           {"children": {"1": "Nora"}})
    assert (pumping.type, pumping.data["amount_ml"], pumping.data["minutes"]) == (
        "pumping", 100, None)
    assert pumping.data["started_at"] == datetime(2020, 2, 17, 9, 31, 49, tzinfo=LONDON)
    note, empty = read_text(babybuddy.read, "child_id,note,time,tags\n"
                            "1,Smiled at the cat,2020-02-17 06:37:12,morning\n"
                            "1,,2020-02-17 07:00:00,\n", {"children": {"1": "Nora"}})
    assert (note.type, note.child, note.data["kind"]) == ("moment", "Nora", "note")
    assert note.data["note"] == "Smiled at the cat\nTags: morning"
    assert note.data["started_at"] == note.data["ended_at"] == datetime(
        2020, 2, 17, 6, 37, 12, tzinfo=LONDON)
    assert note.data["external_id"].startswith("babybuddy:note:")
    assert isinstance(empty, Rejected) and "no words" in empty.reason


def test_babybuddy_children_become_babies():
    text = ("id,first_name,last_name,birth_date,birth_time\n"
            "1,Nora,Garcia,2024-04-20,03:12:00\n2,Leo,Garcia,2024-04-20,\n3,Ada,,20/04/2024,\n")
    nora, leo, bad = read_text(babybuddy.read, text, {"file_name": "children.csv"})
    assert (nora.type, nora.child, nora.data["name"]) == ("child", "Nora Garcia", "Nora Garcia")
    assert nora.data["birth_at"] == datetime(2024, 4, 20, 3, 12, tzinfo=LONDON)
    assert leo.data["birth_at"] == datetime(2024, 4, 20, 0, 0, tzinfo=LONDON)
    assert isinstance(bad, Rejected) and "20/04/2024" in bad.reason


def test_babybuddy_keeps_a_childs_last_name_in_her_name():
    """Baby Buddy shows a child as "first last": so does Nestwell after the move (issue 12,
    finding 5). A whole name longer than a Nestwell name keeps the first name."""
    text = ("id,first_name,last_name,birth_date,birth_time\n"
            f"1,Nora,Garcia,2024-04-20,\n2,Ada,{'x' * 60},2024-04-20,\n")
    nora, ada = read_text(babybuddy.read, text, {"file_name": "children.csv"})
    assert nora.data["name"] == "Nora Garcia" and ada.data["name"] == "Ada"
    feeds = read_sample("babybuddy-csv", "babybuddy/feedings.csv")
    assert {r.child for r in feeds if isinstance(r, Row)} == {"Nora Garcia"}
    first = read_text(babybuddy.read, text, {"file_name": "children.csv",
                                             "child_name": "first"})
    assert first[0].data["name"] == "Nora"


def test_babybuddy_api_objects():
    items = list(babybuddy.rows_from_api("feedings", api_page()["results"], CHILDREN, LONDON))
    assert tally(items) == (6, 0, 1)
    rows = by_line(items)
    assert rows[1].child == "Leo Garcia"
    assert rows[1].data["started_at"] == datetime(2024, 5, 2, 8, 0, tzinfo=UTC)
    assert rows[1].data["started_at"].utcoffset() == timedelta(0)  # aware times are kept
    assert rows[2].data["started_at"].utcoffset() == HOUR
    assert rows[2].data["details"] == {"method": "bottle", "milk": "formula", "amount_ml": 150}
    assert rows[2].data["external_id"] == "babybuddy:feeding:506"
    assert "before the start" in rows[3].reason
    assert rows[5].data["note"] == "Self fed\nAmount: 2\nAvocado"
    assert rows[7].child == "Nora"
    assert rows[7].data == {
        "kind": "feeding",
        "started_at": datetime(2024, 5, 1, 9, 0, tzinfo=LONDON),
        "ended_at": datetime(2024, 5, 1, 9, 22, tzinfo=LONDON),
        "details": {"method": "breast", "side": "left"}, "note": "Calm and cosy",
        "external_id": "babybuddy:feeding:501",
    }
    # The CSV export and the API name the same feeding the same way.
    csv_ids = {r.data["external_id"] for r in read_sample("babybuddy-csv",
                                                          "babybuddy/feedings.csv")
               if isinstance(r, Row)}
    assert all(i.startswith("babybuddy:feeding:") for i in csv_ids)


def test_babybuddy_api_other_kinds():
    page = {"count": 1, "next": None, "previous": None, "results": [
        {"id": 9, "child": 1, "start": "2024-05-01T10:00:00+01:00",
         "end": "2024-05-01T10:05:00+01:00", "milestone": "Rolled over", "tags": []}]}
    (tummy,) = babybuddy.rows_from_api("tummy-times", page, CHILDREN, LONDON)
    assert tummy.data["kind"] == "play" and tummy.data["note"] == "Tummy time: Rolled over"
    assert tummy.data["external_id"] == "babybuddy:tummytime:9"
    (sleep,) = babybuddy.rows_from_api("sleep", [{"id": 3, "child": 2,
                                                  "start": "2024-05-01T13:00:00",
                                                  "end": "2024-05-01T14:00:00", "nap": True}],
                                       CHILDREN, LONDON, child_name="full")
    assert sleep.child == "Leo Garcia"
    (first_only,) = babybuddy.rows_from_api("sleep", [{"id": 3, "child": 2,
                                                       "start": "2024-05-01T13:00:00",
                                                       "end": "2024-05-01T14:00:00"}],
                                            CHILDREN, LONDON, child_name="first")
    assert first_only.child == "Leo"
    assert sleep.data["started_at"] == datetime(2024, 5, 1, 13, 0, tzinfo=LONDON)
    (baby,) = babybuddy.rows_from_api("children", [{"id": 1, "first_name": "Nora",
                                                    "last_name": "Garcia",
                                                    "birth_date": "2024-04-20",
                                                    "birth_time": None}], {}, LONDON)
    assert baby.type == "child" and baby.data["name"] == "Nora Garcia"
    skipped = list(babybuddy.rows_from_api("bmi", [{"id": 1}, {"id": 2}], {}, LONDON))
    assert tally(skipped) == (0, 2, 0)
    change, warm = [*babybuddy.rows_from_api("changes", [
        {"id": 3, "child": 1, "time": "2024-05-01T02:35:00+01:00", "wet": True,
         "solid": True, "color": "yellow", "amount": None, "notes": "", "tags": ["night"]}],
        CHILDREN, LONDON), *babybuddy.rows_from_api("temperature", [
            {"id": 4, "child": 1, "time": "2024-05-01T03:00:00+01:00", "temperature": 37.8,
             "notes": None, "tags": []}], CHILDREN, LONDON)]
    assert (change.type, change.data["kind"], change.data["colour"]) == ("nappy", "both",
                                                                        "yellow")
    assert change.data["external_id"] == "babybuddy:diaperchange:3"
    assert change.data["note"] == "Tags: night"
    assert (warm.type, warm.data["reading"], warm.data["unit"]) == ("temperature", "37.8",
                                                                    "C")
    (stranger,) = babybuddy.rows_from_api("feedings", [{"id": 1, "child": 7}], CHILDREN,
                                          LONDON)
    assert isinstance(stranger, Rejected) and "Child 7" in stranger.reason
    with pytest.raises(ValueError, match="not a Baby Buddy table"):
        babybuddy.rows_from_api("nappy-stats", [], {}, LONDON)


# --- Huckleberry ----------------------------------------------------------------------

def test_huckleberry_exact_rows():
    rows = by_line(read_sample("huckleberry-csv", "huckleberry.csv", {"child": "Nora"}))
    sleep = rows[2]
    assert (sleep.child, sleep.data["kind"]) == ("Nora", "sleep")
    assert sleep.data["started_at"] == datetime(2024, 5, 1, 0, 40, tzinfo=LONDON)
    assert sleep.data["ended_at"] == datetime(2024, 5, 1, 4, 15, tzinfo=LONDON)
    assert sleep.data["details"] == {"place": "cot"}
    assert sleep.data["external_id"].startswith("huckleberry:")
    assert rows[3].data["details"] == {"method": "breast", "side": "both"}
    assert rows[3].data["note"] == "Both sides"
    bottle = rows[6]
    assert bottle.data["details"] == {"method": "bottle", "milk": "formula", "amount_ml": 118}
    assert bottle.data["ended_at"] == bottle.data["started_at"]  # logged at one instant
    assert rows[7].data["kind"] == "play"
    assert rows[7].data["note"] == "Tummy time\nLifted her head!"
    assert rows[8].data["details"] == {"method": "breast", "side": "left"}
    walk = rows[10]  # End worked out from the Duration
    assert walk.data["details"] == {"place": "pram"}
    assert walk.data["ended_at"] - walk.data["started_at"] == timedelta(hours=1, minutes=20)
    assert rows[11].data["details"] == {"method": "bottle", "milk": "breast_milk",
                                        "amount_ml": 120}
    assert rows[12].data["kind"] == "bath"
    assert rows[16].data["details"] == {"method": "solids"}
    assert rows[16].data["note"] == "Solids: Sweet potato\nPulled a face"
    assert rows[17].data["kind"] == "skin_to_skin"
    assert rows[18].data["kind"] == "read"


def test_huckleberry_diapers_become_nappies_with_their_colour():
    text = ("Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n"
            "Diaper,2024-05-01 04:50,,Yellow,Seedy,,\"Pee:small, Poo:large\",\n"
            "Diaper,2024-05-01 06:50,,Grey,Soft,,Poo:medium,call midwife\n"
            "Diaper,2024-05-01 07:50,,,,,Dry,\n"
            "Diaper,2024-05-01 08:50,,,,,,\n")
    both, grey, dry, unclear = read_text(huckleberry.read, text, {"child": "Nora"})
    assert (both.data["kind"], both.data["colour"], both.data["consistency"]) == (
        "both", "yellow", "seedy")
    assert (grey.data["kind"], grey.data["colour"]) == ("dirty", "grey")
    assert dry.data["kind"] == "dry" and dry.child == "Nora"
    assert "wet, dirty or dry" in unclear.reason


def test_huckleberry_skipped_and_rejected_reasons():
    rows = by_line(read_sample("huckleberry-csv", "huckleberry.csv"))
    assert (rows[4].type, rows[4].data["kind"]) == ("nappy", "wet")  # Pee:large
    assert (rows[9].type, rows[9].data["minutes"], rows[9].data["amount_ml"],
            rows[9].data["side"]) == ("pumping", 20, 120, "")
    assert "not potty training" in rows[19].reason and "keeps nappy" in rows[19].reason
    assert "'Start Condition' \u201c5.3\u201d has no unit" in rows[27].reason
    assert "\u201cHiccups\u201d" in rows[21].reason
    assert "'Start'" in rows[22].reason and "2024-05-02 25:10" in rows[22].reason
    assert "before the start" in rows[23].reason and "'End'" in rows[23].reason
    assert "'Duration'" in rows[24].reason and "26:00" in rows[24].reason


def test_huckleberry_growth_temperature_and_medicine_rows():
    rows = by_line(read_sample("huckleberry-csv", "huckleberry.csv", {"child": "Nora"}))
    vitamin = rows[13]
    assert (vitamin.type, vitamin.child, vitamin.data["medicine"], vitamin.data["amount"],
            vitamin.data["unit"]) == ("dose", "Nora", "Vitamin D", "0.4", "ml")
    assert vitamin.data["given_at"] == datetime(2024, 5, 1, 19, 0, tzinfo=LONDON)
    growth = rows[15]
    assert growth.type == "measurement" and growth.data["measured_on"] == date(2024, 5, 2)
    assert (growth.data["weight_grams"], growth.data["length_mm"], growth.data["head_mm"]) == (
        5200, 570, 385)
    assert growth.data["note"] == "From Huckleberry: 5.2kg, 57cm, 38.5cm\nClinic weigh-in"
    warm = rows[26]
    assert (warm.type, warm.data["reading"], warm.data["unit"], warm.data["note"]) == (
        "temperature", "37.4", "C", "Felt warm after the bath")


def test_huckleberry_care_rows_as_other_exports_write_them():
    text = ('"Type","Start","End","Duration","Start Condition","Start Location",'
            '"End Condition","Notes","Logged By"\n'
            '"Growth","2025-10-06 11:02",,,"0.99kg",,"23.9cm",,\n'
            '"Growth","2025-10-07 11:02",,,"7 lb 8 oz","19.5 in",,,\n'
            '"Growth","2025-10-08 11:02",,,,,,,\n'
            '"Growth","2025-10-09 11:02",,,"heavy",,,,\n'
            '"Temp","2025-12-29 23:40",,,"100.4°F",,,\n'
            '"Temp","2025-12-30 23:40",,,"37.6",,,\n'
            '"Temp","2025-12-31 23:40",,,"warm",,,\n'
            '"Meds","2026-02-25 09:47",,,"2 drops","Vitamin D",,\n'
            '"Meds","2026-01-01 08:00",,,,"Calpol",,"2.5"\n'
            '"Meds","2026-01-02 08:00",,,"2oz","Gripe water",,\n'
            '"Meds","2026-01-03 08:00",,,"1 ml",,,\n')
    (small, imperial, empty, heavy, fever, bare, warm, drops, calpol, gripe,
     unnamed) = read_text(huckleberry.read, text)
    assert (small.data["weight_grams"], small.data["head_mm"]) == (990, 239)
    assert "length_mm" not in small.data
    assert (imperial.data["weight_grams"], imperial.data["length_mm"]) == (3402, 495)
    assert "no weight, length or head" in empty.reason
    assert "not a measurement Nestwell can read" in heavy.reason
    assert (fever.data["reading"], fever.data["unit"]) == ("100.4", "F")
    assert (bare.data["reading"], bare.data["unit"]) == ("37.6", "C")
    assert "not a temperature" in warm.reason
    assert (drops.data["amount"], drops.data["unit"]) == ("2", "drops")
    assert (calpol.data["medicine"], calpol.data["amount"], calpol.data["note"]) == (
        "Calpol", None, "2.5")
    assert (gripe.data["amount"], gripe.data["note"]) == (None, "Dose: 2oz")
    assert "not clear which medicine" in unnamed.reason

def test_huckleberry_pumping_adds_both_amounts():
    text = ("Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes,"
            "Logged By\n"
            "Pump,2024-05-01 06:35,,,2oz,,40ml,,\n"
            "Pump,2024-05-01 12:01,,,0.25oz,,,morning,\n"
            "Pump,2024-05-01 15:00,2024-05-01 23:30,,lots,,,,\n")
    both, one, odd = read_text(huckleberry.read, text, {"child": "Nora"})
    assert (both.type, both.data["side"], both.data["amount_ml"]) == ("pumping", "both", 99)
    assert (one.data["side"], one.data["amount_ml"], one.data["note"]) == ("", 7, "morning")
    assert odd.data["amount_ml"] is None and odd.data["minutes"] is None
    assert "Start Condition: lots" in odd.data["note"] and "Lasted 510 minutes" in (
        odd.data["note"])


def test_huckleberry_bom_either_way():
    """The sample starts with a UTF-8 BOM; opened as plain UTF-8 it must still be read."""
    assert (SAMPLES / "huckleberry.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    plain = read_sample("huckleberry-csv", "huckleberry.csv", encoding="utf-8")
    sig = read_sample("huckleberry-csv", "huckleberry.csv", encoding="utf-8-sig")
    assert tally(plain) == tally(sig) == (19, 3, 4)
    assert [i.source_row for i in plain] == [i.source_row for i in sig]
    quoted = '\ufeff"Type","Start","End"\r\n"Bath","2024-05-01 18:30","2024-05-01 18:45"\r\n'
    (bath,) = read_text(huckleberry.read, quoted)
    assert bath.data["kind"] == "bath" and bath.source_row == 2


def test_huckleberry_variants_seen_in_the_wild():
    text = ("Type,Start,End,Duration,Start Conditions,Start Location,End Conditions,Notes\n"
            "sleep,2024-03-31 02:09,2024-03-31 08:29,6:20,,,,\n"
            "feed,2024-03-30 15:23,,,Bottle,bottle,5oz,\n"
            "feed,2024-03-30 12:52,,,Breast,,,\n"
            "meds,2024-03-30 08:41,2024-03-30 08:41,,1ml,Vitamin D,,\n"
            "Tummy Times,2024-03-30 09:00,2024-03-30 09:05,0:05,,,,\n")
    sleep, bottle, breast, meds, tummy = read_text(huckleberry.read, text)
    assert sleep.data["kind"] == "sleep" and sleep.data["details"] == {}
    assert bottle.data["details"] == {"method": "bottle", "amount_ml": 148}
    assert breast.data["details"] == {"method": "breast"}
    assert (meds.type, meds.data["medicine"], meds.data["amount"]) == ("dose", "Vitamin D", "1")
    assert tummy.data["kind"] == "play"


def test_huckleberry_missing_column_before_anything():
    with pytest.raises(ValueError) as error:
        huckleberry.read(io.StringIO("Type,Begin,End\nSleep,x,y\n"), time_zone=LONDON)
    assert "the file has no 'Start' column; is this a Huckleberry export?" in str(error.value)
    with pytest.raises(ValueError, match="empty"):
        huckleberry.read(io.StringIO("\n\n"), time_zone=LONDON)


# --- Baby Tracker ---------------------------------------------------------------------

def test_babytracker_nursing():
    rows = by_line(read_sample("babytracker-csv", "babytracker/nursing.csv"))
    both = rows[2]
    assert (both.child, both.data["kind"]) == ("Nora", "feeding")
    assert both.data["started_at"] == datetime(2024, 5, 1, 2, 10, tzinfo=LONDON)
    assert both.data["ended_at"] == datetime(2024, 5, 1, 2, 30, tzinfo=LONDON)
    assert both.data["details"] == {"method": "breast", "side": "both"}
    assert both.data["note"] == "Left 12 min, right 8 min"
    assert both.data["external_id"].startswith("babytracker:nursing:")
    assert rows[3].data["details"] == {"method": "breast", "side": "right"}
    assert rows[4].data["details"] == {"method": "breast", "side": "left"}
    assert rows[4].data["note"] == "Sleepy"
    assert isinstance(rows[6], Skipped) and "0 minutes" in rows[6].reason
    assert "'Time'" in rows[8].reason and "13/05/24, 21:00" in rows[8].reason
    assert "more than 24 hours" in rows[9].reason and "1500" in rows[9].reason
    assert "'Left duration (min)'" in rows[10].reason and "ten" in rows[10].reason


def test_babytracker_diapers_become_nappies():
    rows = by_line(read_sample("babytracker-csv", "babytracker/diaper.csv"))
    assert [rows[n].data["kind"] for n in (2, 3, 4)] == ["wet", "both", "dry"]
    assert rows[3].data["note"] == "big one"
    assert rows[2].data["external_id"].startswith("babytracker:diaper:")
    assert "not Wet, Dirty, Mixed or Dry" in rows[5].reason


def test_babytracker_bottles_and_sleep():
    formula = by_line(read_sample("babytracker-csv", "babytracker/formula.csv"))
    assert formula[2].data["details"] == {"method": "bottle", "milk": "formula",
                                          "amount_ml": 90}
    assert formula[3].data["note"] == "Grandma's turn"
    assert formula[6].data["details"] == {"method": "bottle", "milk": "formula"}
    assert "'Amount (ml)'" in formula[5].reason and "lots" in formula[5].reason
    assert "not a time" in formula[7].reason
    assert "2000" in formula[8].reason
    expressed = read_text(babytracker.read, 'Baby,Time,Amount (oz.),Note\n'
                                            'Nora,"2/3/25, 08:38",0.6\n',
                          {"file_name": "expressed.csv"})
    assert expressed[0].data["details"] == {"method": "bottle", "milk": "breast_milk",
                                            "amount_ml": 18}
    assert expressed[0].data["started_at"] == datetime(2025, 2, 3, 8, 38, tzinfo=LONDON)
    sleep = by_line(read_sample("babytracker-csv", "babytracker/sleep.csv"))
    assert "0 minutes" in sleep[2].reason
    assert sleep[3].data["ended_at"] == datetime(2024, 5, 2, 6, 54, tzinfo=LONDON)
    assert "'Duration(minutes)'" in sleep[6].reason
    assert sleep[9].data["started_at"] == datetime(2024, 4, 30, 6, 10, tzinfo=LONDON)


def test_babytracker_pumping_becomes_pumping_sessions():
    rows = by_line(read_sample("babytracker-csv", "babytracker/pump.csv"))
    both = rows[2]
    assert (both.type, both.child) == ("pumping", None)  # no Baby column: the import's baby
    assert both.data["started_at"] == datetime(2024, 5, 2, 21, 40, tzinfo=LONDON)
    assert (both.data["side"], both.data["minutes"], both.data["amount_ml"]) == (
        "both", 20, 104)  # 3.5 oz; both sides at once: the longer side
    assert both.data["note"] == "Left 18 min, right 20 min\nbefore bed"
    assert both.data["external_id"].startswith("babytracker:pump:")
    assert (rows[3].data["side"], rows[3].data["minutes"], rows[3].data["amount_ml"]) == (
        "left", 12, 30)
    assert (rows[4].data["amount_ml"], rows[4].data["minutes"]) == (None, 15)
    assert rows[5].data["amount_ml"] is None and "under 1 ml" in rows[5].data["note"]
    assert rows[5].data["side"] == "right"
    assert "0 minutes" in rows[6].reason
    assert rows[7].data["minutes"] is None and "Lasted 300 minutes" in rows[7].data["note"]
    assert rows[8].data["amount_ml"] == 60  # no total: the sides (30 ml each) added
    assert "ten" in rows[9].reason


def test_babytracker_activity_from_option_name_or_columns():
    pump = ("Time,Start Side,Left duration (min),Right duration (min),Total Duration (min),"
            "Left amount (oz.),Right amount (oz.),Total amount (oz.),Note\n"
            '"7/1/25, 15:55",,21,22,43,,,\n')
    (session,) = read_text(babytracker.read, pump)  # told by its columns
    assert (session.type, session.data["side"], session.data["minutes"]) == (
        "pumping", "both", 22)
    diaper = read_text(babytracker.read, 'Baby,Time,Status,Note\nNora,"1/13/26, 15:58",Mixed,\n',
                       {"file_name": "diaper.csv"})
    assert (diaper[0].type, diaper[0].data["kind"]) == ("nappy", "both")
    bath = read_text(babytracker.read, 'Baby,Time,Duration(minutes),Note\n'
                                       'Nora,"03/05/24, 18:30",15,Splashy\n',
                     {"activity": "bath", "day_first": True})
    assert bath[0].data["kind"] == "bath"
    assert bath[0].data["started_at"] == datetime(2024, 5, 3, 18, 30, tzinfo=LONDON)
    assert bath[0].data["ended_at"] - bath[0].data["started_at"] == timedelta(minutes=15)
    with pytest.raises(ValueError, match="not clear which Baby Tracker activity"):
        babytracker.read(io.StringIO("Baby,Time,Duration(minutes),Note\n"), time_zone=LONDON)
    with pytest.raises(ValueError, match="not a Baby Tracker activity"):
        babytracker.read(io.StringIO("Baby,Time\n"), time_zone=LONDON,
                         options={"activity": "karaoke"})
    with pytest.raises(ValueError, match="no 'Time' column; is this a Baby Tracker nursing"):
        babytracker.read(io.StringIO("Baby,When,Start Side\n"), time_zone=LONDON,
                         options={"file_name": "nursing.csv"})
    with pytest.raises(ValueError, match="no 'Duration"):
        babytracker.read(io.StringIO("Baby,Time,Note\n"), time_zone=LONDON,
                         options={"file_name": "sleep.csv"})



def test_babytracker_growth_in_the_units_its_header_names():
    text = ("Baby,Time,Weight (lbs.),Length (inches),Head Size (inches),Note\n"
            'Nora,"1/13/26, 10:15",7.5,19.5,13.75,At the clinic\n'
            'Nora,"1/20/26, 10:15",7 lb 12 oz,,,\n'
            'Nora,"1/27/26, 10:15",,,,\n'
            'Nora,"2/3/26, 10:15",heavy,,,\n')
    clinic, mixed, empty, odd = read_text(babytracker.read, text, {"file_name": "growth.csv"})
    assert clinic.type == "measurement" and clinic.child == "Nora"
    assert clinic.data["measured_on"] == date(2026, 1, 13)
    assert (clinic.data["weight_grams"], clinic.data["length_mm"], clinic.data["head_mm"]) == (
        3402, 495, 349)
    assert clinic.data["note"] == ("From Baby Tracker: Weight 7.5 lbs., Length 19.5 inches, "
                                   "Head Size 13.75 inches\nAt the clinic")
    assert mixed.data["weight_grams"] == 3515 and "length_mm" not in mixed.data
    assert "no weight, length or head" in empty.reason
    assert "not a measurement Nestwell can read" in odd.reason
    metric = ("Baby,Time,Weight (kg),Length (cm),Head Size (cm),Note\n"
              'Nora,"1/13/26, 10:15","3,4",50,35,\n')
    (row,) = read_text(babytracker.read, metric, {"file_name": "Nora_growth.csv"})
    assert (row.data["weight_grams"], row.data["length_mm"], row.data["head_mm"]) == (
        3400, 500, 350)
    no_unit = 'Baby,Time,Weight,Note\nNora,"1/13/26, 10:15",3.4,\n'
    (refused,) = read_text(babytracker.read, no_unit, {"file_name": "growth.csv"})
    assert "has no unit, and Nestwell does not guess one" in refused.reason
    with pytest.raises(ValueError, match="no 'Weight"):
        babytracker.read(io.StringIO("Baby,Time,Note\n"), time_zone=LONDON,
                         options={"file_name": "growth.csv"})

def test_babytracker_temperatures_and_medicines():
    text = ("Baby,Time,Temperature (°C),Note\n"
            'Nora,"1/13/26, 22:15",37.9,After the jab\n'
            'Nora,"1/13/26, 23:15",99.1 °F,\n'
            'Nora,"1/14/26, 01:15",,\n')
    warm, fahrenheit, empty = read_text(babytracker.read, text,
                                        {"file_name": "Nora_temperature.csv"})
    assert (warm.type, warm.data["reading"], warm.data["unit"], warm.data["note"]) == (
        "temperature", "37.9", "C", "After the jab")
    assert warm.data["taken_at"] == datetime(2026, 1, 13, 22, 15, tzinfo=LONDON)
    assert (fahrenheit.data["reading"], fahrenheit.data["unit"]) == ("99.1", "F")
    assert "is empty" in empty.reason
    meds = ("Baby,Time,Medication name,Amount,,Min interval (minutes),"
            "Max interval (minutes),Note\n"
            'Nora,"1/13/26, 22:30",Paracetamol,2.5,ml,240,360,After the jab\n'
            'Nora,"1/14/26, 08:00",Vitamin D,1,drops,,,\n'
            'Nora,"1/14/26, 09:00",Gripe water,1,spoon,x,,\n'
            'Nora,"1/14/26, 10:00",,1,ml,,,\n')
    paracetamol, vitamin, gripe, unnamed = read_text(babytracker.read, meds,
                                                     {"file_name": "Nora_medication.csv"})
    assert (paracetamol.type, paracetamol.data["medicine"], paracetamol.data["amount"],
            paracetamol.data["unit"], paracetamol.data["min_hours"]) == (
        "dose", "Paracetamol", "2.5", "ml", 4.0)
    assert paracetamol.data["note"] == "Max interval (minutes): 360\nAfter the jab"
    assert (vitamin.data["amount"], vitamin.data["unit"], vitamin.data["min_hours"]) == (
        "1", "drops", None)
    assert (gripe.data["amount"], gripe.data["note"]) == (
        None, "Dose: 1 spoon\nMin interval (minutes): x")
    assert "not clear which medicine" in unnamed.reason
    with pytest.raises(ValueError, match="no 'Temperature"):
        babytracker.read(io.StringIO("Baby,Time,Note\n"), time_zone=LONDON,
                         options={"file_name": "temperature.csv"})
    with pytest.raises(ValueError, match="no 'Medication name'"):
        babytracker.read(io.StringIO("Baby,Time,Note\n"), time_zone=LONDON,
                         options={"file_name": "medication.csv"})

def test_babytracker_what_it_cannot_read_yet_says_where_it_belongs():
    """Rows of a kind Nestwell keeps but cannot read from this export safely say so (and
    where to add them); kinds it does not keep are named as such."""
    rows = 'Baby,Time,Note\nNora,"1/13/26, 15:58",\n'
    for name, words in (("supplement.csv", "keeps medicines and temperatures"),
                        ("Nora_supplement.csv", "Medicines or Temperatures page"),
                        ("vaccine.csv", "does not keep vaccinations")):
        (item,) = read_text(babytracker.read, rows, {"file_name": name})
        assert isinstance(item, Skipped) and words in item.reason, (name, item)

# --- the generic reader ---------------------------------------------------------------

def test_generic_mapping():
    rows = by_line(read_sample("generic-csv", "generic.csv", GENERIC))
    feed = rows[2]
    assert (feed.type, feed.child) == ("moment", "Nora")
    assert feed.data == {
        "kind": "feeding",
        "started_at": datetime(2024, 5, 1, 2, 10, tzinfo=LONDON),
        "ended_at": datetime(2024, 5, 1, 2, 30, tzinfo=LONDON),
        "details": {"method": "breast", "side": "left"}, "note": "Quiet night feed",
        "external_id": "g1",
    }
    assert rows[3].data["details"] == {"method": "bottle", "amount_ml": 120}
    assert rows[5].data["kind"] == "read"
    assert rows[5].data["ended_at"] == rows[5].data["started_at"]
    assert isinstance(rows[7], Skipped) and "Nappy" in rows[7].reason
    cry = rows[8]
    assert cry.type == "cue" and cry.data["signal"] == "cry"
    assert cry.data["closed_at"] == datetime(2024, 5, 1, 17, 25, tzinfo=LONDON)
    assert rows[13].data["kind"] == "bath"  # a Nestwell kind needs no mapping


def test_generic_unknown_kind_is_rejected_with_its_row():
    rows = by_line(read_sample("generic-csv", "generic.csv", GENERIC))
    swim = rows[9]
    assert isinstance(swim, Rejected)
    assert swim.source_row == 9
    assert "\u201cSwimming\u201d" in swim.reason and "'Activity'" in swim.reason
    assert "before the start" in rows[10].reason
    assert "'Began'" in rows[11].reason and "32/05/2024 08:00" in rows[11].reason


def test_generic_fixed_kind_duration_and_aware_times():
    text = ("When,Minutes,Song\n"
            "2024-05-01T20:00:00-04:00,5,Twinkle Twinkle\n"
            "2024-05-01 21:00,,\n"
            "2024-05-01 21:30,1441,\n")
    options = {"kind_value": "sing", "start": "When", "duration_minutes": "Minutes",
               "details.song": "Song", "external_id_prefix": "x:"}
    song, plain, too_long = read_text(generic_csv.read, text, options)
    assert song.data["started_at"].utcoffset() == -4 * HOUR  # kept as written
    assert song.data["ended_at"] - song.data["started_at"] == timedelta(minutes=5)
    assert song.data["details"] == {"song": "Twinkle Twinkle"}
    assert song.data["external_id"] == ""
    assert plain.data["started_at"] == datetime(2024, 5, 1, 21, 0, tzinfo=LONDON)
    assert isinstance(too_long, Rejected) and "'Minutes'" in too_long.reason


@pytest.mark.parametrize(("options", "message"), [
    ({"kind": "Activity"}, "needs \"start\""),
    ({"kind": "Activity", "kind_value": "sleep", "start": "Began"}, "not both"),
    ({"kind_value": "nappy", "start": "Began"}, "not a kind of moment"),
    ({"kind": "Activity", "start": "Began", "kind_map": {"Nap": "snooze"}}, "unknown kinds"),
    ({"kind": "Activity", "start": "Began", "detail.side": "Side"}, "Unknown mapping option"),
    ({"kind": "Activity", "start": "Started"}, "no 'Started' column"),
    ({"kind": "Activity", "start": "Began", "details.side": "Which side"}, "no 'Which side'"),
])
def test_generic_mapping_errors_come_first(options, message):
    with pytest.raises(ValueError, match=message):
        generic_csv.read(io.StringIO("Activity,Began\nNap,2024-05-01 10:00\n"),
                         time_zone=LONDON, options=options)


# --- streaming ------------------------------------------------------------------------

class GeneratedStream(io.TextIOBase):
    """A text stream whose lines are made only as they are read; read() is refused, so a
    reader that slurps the file fails."""

    def __init__(self, header, row, rows):
        self.produced = 0
        self._lines = self._generate(header, row, rows)

    def _generate(self, header, row, rows):
        yield "\ufeff" + header + "\n"
        clock = [f" {hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60)]
        day = ""
        for number in range(rows):
            self.produced += 1
            days, minute_of_day = divmod(number, 1440)
            if not minute_of_day or not day:
                month, day_of_month = divmod(days, 28)
                day = f"{2000 + month // 12}-{month % 12 + 1:02d}-{day_of_month + 1:02d}"
            yield row.format(when=day + clock[minute_of_day], number=number) + "\n"

    def readable(self):
        return True

    def read(self, size=-1):
        raise AssertionError("the reader must stream, not read() the whole file")

    def readline(self, size=-1):
        return next(self._lines, "")

    def __iter__(self):
        return self

    def __next__(self):
        line = next(self._lines, None)
        if line is None:
            raise StopIteration
        return line


STREAMS = {
    "huckleberry-csv": ("Type,Start,End,Duration,Start Condition,Start Location,End Condition,"
                        "Notes", "Sleep,{when},,00:30,,Crib,,row {number}", None),
    "babybuddy-csv": ("id,child_id,child_first_name,child_last_name,start,end,type,method,"
                      "amount,notes", "{number},1,Nora,Garcia,{when},{when},formula,bottle,90,",
                      {"file_name": "feedings.csv"}),
    "babytracker-csv": ("Baby,Time,Duration(minutes),Note", "Nora,{when},30,",
                        {"activity": "sleep"}),
    "generic-csv": ("When,Minutes,Note", "{when},30,row {number}",
                    {"kind_value": "sleep", "start": "When", "duration_minutes": "Minutes",
                     "note": "Note"}),
}


@pytest.mark.parametrize("fmt", sorted(STREAMS))
def test_every_reader_streams_lazily(fmt):
    header, row, options = STREAMS[fmt]
    stream = GeneratedStream(header, row, 10_000_000)
    items = FORMATS[fmt](stream, time_zone=LONDON, options=options)
    assert stream.produced == 0  # only the header has been read
    first_three = [next(items) for _ in range(3)]
    assert [item.source_row for item in first_three] == [2, 3, 4]
    assert all(isinstance(item, Row) for item in first_three)
    assert stream.produced <= 3  # nothing read ahead


def test_200000_rows_in_bounded_memory():
    """A file of 200,000 rows goes through with memory that does not grow with the file:
    tracemalloc watches the last 10,000 rows (once everything is warm; watching all of them
    would make the test minutes long); anything kept per row (a list of rows, a growing
    cache) would show there as a megabyte or more."""
    total, watched = 200_000, 10_000
    header, row, options = STREAMS["generic-csv"]
    stream = GeneratedStream(header, row, total)
    items = generic_csv.read(stream, time_zone=LONDON, options=options)
    count, last = 0, None
    for item in itertools.islice(items, total - watched):
        count, last = count + 1, item
    tracemalloc.start()
    try:
        for item in items:
            count, last = count + 1, item
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == total and stream.produced == total
    assert isinstance(last, Row) and last.source_row == total + 1
    assert last.data["ended_at"] - last.data["started_at"] == timedelta(minutes=30)
    assert peak < 1024 * 1024, f"peak {peak} bytes over {watched} rows"
    assert current < 256 * 1024, f"{current} bytes still held after the last row"


def test_an_amount_under_one_ml_is_said_in_every_tracker():
    """Issue 12, finding 5: values under 0.5 ml vanished without a word from Huckleberry and
    Baby Tracker bottles (Baby Buddy's already said so)."""
    text = ("Type,Start,End,Duration,Start Conditions,Start Location,End Conditions,Notes\n"
            "feed,2024-03-30 15:23,,,Bottle,bottle,0.3ml,\n")
    (bottle,) = read_text(huckleberry.read, text)
    assert "amount_ml" not in bottle.data["details"]
    assert "Amount: 0.3ml (under 1 ml" in bottle.data["note"]
    (tracked,) = read_text(babytracker.read, 'Baby,Time,Amount (ml),Note\n'
                                             'Nora,"2/3/25, 08:38",0.4,Sleepy\n',
                           {"file_name": "formula.csv"})
    assert "amount_ml" not in tracked.data["details"]
    assert tracked.data["note"].startswith("Amount: 0.4 (under 1 ml")
    assert tracked.data["note"].endswith("Sleepy")


# --- a file imported as another tracker's ------------------------------------------------

TRACKER_SAMPLES = {
    "babybuddy-csv": ["babybuddy/feedings.csv", "babybuddy/sleep.csv",
                      "babybuddy/diaper_changes.csv", "babybuddy/pumping.csv",
                      "babybuddy/medication.csv", "babybuddy/weight.csv"],
    "huckleberry-csv": ["huckleberry.csv"],
    "babytracker-csv": ["babytracker/nursing.csv", "babytracker/formula.csv",
                        "babytracker/sleep.csv", "babytracker/diaper.csv",
                        "babytracker/pump.csv"],
}
TRACKER_NAMES = {"babybuddy-csv": "Baby Buddy", "huckleberry-csv": "Huckleberry",
                 "babytracker-csv": "Baby Tracker"}


@pytest.mark.parametrize(("real", "chosen"), [(r, c) for r in TRACKER_SAMPLES
                                              for c in TRACKER_SAMPLES if r != c])
def test_a_file_imported_as_another_tracker_s_is_refused_by_name(real, chosen):
    """A Huckleberry file imported as Baby Buddy's was read as Baby Buddy sleep, and a Baby
    Tracker nursing file as Baby Buddy notes: now the file is refused as a whole, saying
    which app it comes from."""
    for path in TRACKER_SAMPLES[real]:
        with pytest.raises(ValueError) as refused:
            read_sample(chosen, path)
        message = str(refused.value)
        assert f"looks like an export from {TRACKER_NAMES[real]}, not a" in message, path
        assert "Nothing was imported" in message


@pytest.mark.parametrize("fmt", sorted(TRACKER_SAMPLES))
def test_a_tracker_s_own_file_is_never_taken_for_another_s(fmt):
    for path in TRACKER_SAMPLES[fmt]:
        assert generic_csv.other_tracker(_header(path), fmt) is None, path
        assert read_sample(fmt, path)


def test_a_file_of_no_known_tracker_is_left_to_the_chosen_reader():
    assert generic_csv.other_tracker(["Activity", "Began", "Finished"], "babybuddy-csv") \
        is None
    assert read_sample("generic-csv", "huckleberry.csv", {"kind": "Type", "start": "Start"})


def _header(path):
    with open(SAMPLES / path, encoding="utf-8-sig", newline="") as stream:
        return stream.readline().strip().split(",")


def test_the_operator_guide_s_mapping_reads_a_file():
    """The generic CSV mapping shown in docs/operator-guide.md is one the reader takes."""
    import re

    guide = (Path(__file__).parents[2] / "docs" / "operator-guide.md").read_text("utf-8")
    block = re.search(r"\*\*A CSV from any other tracker\*\*.*?```json\n(.*?)```", guide,
                      re.S)
    mapping = json.loads(block.group(1))
    text = ("Activity,Began,Finished,Baby,Comment,Ref,How,Millilitres\n"
            "Bottle,01/05/2026 14:30,01/05/2026 14:45,Nora,,r1,bottle,90\n"
            "Crying,01/05/2026 15:00,,Nora,hungry,r2,,\n"
            "Nappy,01/05/2026 15:10,,Nora,,r3,,\n")
    items = read_text(generic_csv.read, text, mapping)
    assert tally(items) == (2, 1, 0), items
    feed = items[0].data
    assert feed["details"] == {"method": "bottle", "amount_ml": 90}
    assert feed["started_at"] == datetime(2026, 5, 1, 14, 30, tzinfo=LONDON)

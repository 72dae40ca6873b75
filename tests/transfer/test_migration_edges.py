"""Moving over from Baby Buddy, as a family would (issue 12, finding 5): every refusal is
one clear line and exit 2, nothing left behind goes unsaid, and the command line behaves
in a pipe and on a new data directory."""

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from nestwell.journal.models import Moment
from tests.cli.test_data import run
from tests.test_babybuddy_api_import import FakeBabyBuddy, babybuddy  # noqa: F401

HEADER = "id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes,tags\n"
ROW = "1,1,Nora,Garcia,2025-06-01 10:00:00,2025-06-01 10:10:00,formula,bottle,{amount},,\n"


@pytest.mark.parametrize(("content", "message"), [
    (b"start,end\n2025-06-01 10:00,2025-06-01 10:10\n", "no 'type' column"),
    (b"", "The file is empty"),
    (b'[{"model": "core.feeding", "pk": 1}]', "JSON file, not a CSV file"),
    ((HEADER + ROW.format(amount="")).replace("Nora", "N\u00f3ra").encode("latin-1"),
     "CSV UTF-8"),
    # A Huckleberry export imported as Baby Buddy's (it was read as Baby Buddy sleep).
    (b"Type,Start,End,Duration,Start Condition,Start Location,End Condition,Notes\n"
     b"Sleep,2025-06-01 10:00,2025-06-01 11:00,01:00,,,,\n",
     "This looks like an export from Huckleberry, not a Baby Buddy"),
    # A zip (an Excel workbook, or an app's zipped export) was "not plain text in UTF-8".
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "This is a zip archive (or an Excel"),
])
def test_a_file_level_refusal_is_one_line_and_exit_2(alice, nora, tmp_path, capsys, content,
                                                     message):
    path = tmp_path / "feedings.csv"
    path.write_bytes(content)
    assert run("import", str(path), "--format", "babybuddy-csv",
               "--as", "alice@example.org") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not Moment.objects.exists()


def test_a_nestwell_export_given_as_a_huckleberry_file_is_pointed_to_its_own_format(
        alice, nora, tmp_path, capsys):
    """The message named Baby Buddy for a Nestwell export given as Huckleberry's."""
    path = tmp_path / "export.json"
    path.write_text('{"format": "nestwell-export", "households": []}')
    assert run("import", str(path), "--format", "huckleberry-csv",
               "--as", "alice@example.org") == 2
    err = capsys.readouterr().err
    assert "JSON file, not a CSV file; is this a Huckleberry export?" in err
    assert "--format nestwell" in err and "Baby Buddy" not in err


def test_baby_buddy_tab_separated_files_are_read(alice, nora, tmp_path, capsys):
    path = tmp_path / "feedings.tsv"
    path.write_text((HEADER + ROW.format(amount="90")).replace(",", "\t"))
    assert run("import", str(path), "--format", "babybuddy-csv",
               "--as", "alice@example.org") == 0
    assert Moment.objects.get().details["amount_ml"] == 90


@pytest.mark.parametrize(("token", "message"), [("wrong", "refused the API key")])
def test_a_server_error_is_one_line_and_exit_2(alice, nora, babybuddy, capsys,  # noqa: F811
                                               token, message):
    assert run("import", "--format", "babybuddy-api", "--url", babybuddy, "--token", token,
               "--as", "alice@example.org") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_server_pull_honours_ounces_and_names_what_stays_behind(
        alice, household, babybuddy, capsys):  # noqa: F811
    feed = {"id": 9, "child": 1, "start": "2025-06-01T10:00:00+01:00",
            "end": "2025-06-01T10:10:00+01:00", "type": "formula", "method": "bottle",
            "amount": 3, "notes": "", "tags": ["night", "dad"]}
    FakeBabyBuddy.tables.update(feedings=[feed], bmi=[{"id": i} for i in range(4)],
                                notes=[{"id": 1, "child": 1, "note": "First bath went well",
                                        "time": "2025-06-01T18:00:00+01:00",
                                        "tags": ["bath"]}])
    assert run("import", "--format", "babybuddy-api", "--url", babybuddy, "--token",
               "secret-key", "--amount-unit", "oz", "--skip-rejected",
               "--as", "alice@example.org") == 0
    out = capsys.readouterr().out
    stored = Moment.objects.get(external_id="babybuddy:feeding:9")
    assert stored.details["amount_ml"] == 89  # 3 US fl oz
    assert "Tags: night, dad" in stored.note
    assert "Not kept by Nestwell (skipped): 4." in out
    assert "4 × Baby Buddy bmi:" in out and "notes:" not in out
    note = Moment.objects.get(external_id="babybuddy:note:1")
    assert (note.kind, note.note) == ("note", "First bath went well\nTags: bath")
    assert note.started_at == note.ended_at == datetime(2025, 6, 1, 17, tzinfo=UTC)
    assert "changes" not in out  # nappy changes now come over


def test_a_tiny_amount_is_said_not_dropped(alice, nora, tmp_path):
    path = tmp_path / "feedings.csv"
    path.write_text(HEADER + ROW.format(amount="0.3"))
    assert run("import", str(path), "--format", "babybuddy-csv",
               "--as", "alice@example.org") == 0
    assert "Amount: 0.3 (under 1 ml" in Moment.objects.get().note


def test_skip_reasons_show_in_the_normal_output(alice, nora, tmp_path, capsys):
    path = tmp_path / "bmi.csv"
    path.write_text("id,child_id,child_first_name,child_last_name,bmi,date\n"
                    "1,1,Nora,Garcia,14.2,2025-06-01\n")
    assert run("import", str(path), "--format", "babybuddy-csv", "--dry-run",
               "--as", "alice@example.org") == 0
    assert "1 × Baby Buddy's BMI is not imported" in capsys.readouterr().out


def nestwell(*args, data_dir, stdin=None, shell_tail=""):
    env = {**os.environ, "NESTWELL_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)  # a new data directory means its own SQLite file
    command = " ".join([sys.executable, "-m", "nestwell.cli", *args]) + shell_tail
    return subprocess.run(command, shell=True, env=env, capture_output=True, text=True,  # noqa: S602
                          input=stdin, timeout=120, check=False)


def test_createuser_prepares_a_new_data_directory_and_a_pipe_closing_is_quiet(tmp_path):
    data = tmp_path / "data"
    made = nestwell("createuser", "maya@example.org", "--household", "Home", data_dir=data,
                    stdin="a long enough password 42\n")
    assert made.returncode == 0, made.stderr
    assert "created" in made.stdout
    # The demo's accounts share a published password: not beside real ones unless asked.
    refused = nestwell("demo", data_dir=data)
    assert refused.returncode == 2 and "holds real accounts" in refused.stderr
    assert "Traceback" not in refused.stderr
    demo = nestwell("demo", "--alongside-real-accounts", data_dir=data)
    assert demo.returncode == 0, demo.stderr
    piped = nestwell("export", "--as", "maya@demo.nestwell.invalid", data_dir=data,
                     shell_tail=" | head -c 10")
    assert "Traceback" not in piped.stderr and "BrokenPipeError" not in piped.stderr, \
        piped.stderr


BABY_BUDDY_CHILDREN = "id,first_name,last_name,birth_date,birth_time\n1,Nora,Garcia,2024-01-01,\n"


def _load(household, user, text, file_name):
    import io
    from datetime import UTC

    from nestwell.transfer import load
    from nestwell.transfer.importers import babybuddy as baby_buddy

    rows = baby_buddy.read(io.StringIO(text), time_zone=UTC, options={"file_name": file_name})
    return load.load(household, user, rows, dry_run=False)


def test_a_babys_last_name_comes_over_and_her_rows_find_her(household, alice):
    """Baby Buddy's "Nora Garcia" becomes a baby called Nora Garcia, and her feeds (which
    name her first and last) land on her (issue 12, finding 5: the last name was dropped)."""
    from nestwell.children.models import Child

    assert _load(household, alice, BABY_BUDDY_CHILDREN, "children.csv").applied
    assert list(Child.objects.values_list("name", flat=True)) == ["Nora Garcia"]
    report = _load(household, alice, HEADER + ROW.format(amount="90"), "feedings.csv")
    assert report.applied and Moment.objects.get().child.name == "Nora Garcia"


def test_a_baby_added_by_hand_under_her_first_name_is_the_one_the_file_names(household,
                                                                            alice, nora):
    """Nora was added by hand before the move: no second baby, and her feeds are hers."""
    from nestwell.children.models import Child

    report = _load(household, alice, BABY_BUDDY_CHILDREN, "children.csv")
    assert report.duplicates == 1 and Child.objects.count() == 1
    report = _load(household, alice, HEADER + ROW.format(amount="90"), "feedings.csv")
    assert report.applied and Moment.objects.get().child == nora


def test_two_babies_who_could_both_be_the_one_named_are_not_guessed(household, alice, nora):
    from nestwell.children.models import Child

    Child.objects.create(household=household, name="Nora Garcia Lopez",
                         birth_at=nora.birth_at)
    Child.objects.filter(pk=nora.pk).update(name="Nora Garcia Smith")
    report = _load(household, alice, HEADER + ROW.format(amount="90"), "feedings.csv")
    assert report.rejected_count == 1 and "no baby called “Nora Garcia”" in str(
        report.rejected)

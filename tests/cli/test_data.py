"""The data commands: log, export, import, createuser — their output and exit codes."""

import argparse
import json
from datetime import UTC, datetime

import pytest

from nestwell.accounts.models import User
from nestwell.cli import data as cli_data
from nestwell.journal.models import Moment


def run(*argv, capsys=None):
    parser = argparse.ArgumentParser(prog="nestwell")
    cli_data.add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return cli_data.run(args.func, args)


def test_log_a_moment_as_json(alice, nora, capsys):
    code = run("log", "feeding", "--child", "nora", "--detail", "method=breast",
               "--detail", "side=left", "--as", "alice@example.org", "--json")
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["kind"] == "feeding" and out["details"] == {
        "method": "breast", "side": "left"}
    assert Moment.objects.get().source == "cli"


def test_a_note_of_harm_logged_here_comes_with_whom_to_call(alice, nora, capsys):
    """Aoife's walk: `nestwell log note … --note "I want to end my life"` said only
    "logged". It says whom to call, in the household's country, as the app opens its
    support page; the baby by name too."""
    nora.household.country = "IE"
    nora.household.save()
    code = run("log", "note", "--note", "I want to end my life", "--as", "alice@example.org")
    out = capsys.readouterr().out
    assert code == 0 and "logged for Nora" in out
    assert "call 112." in out and "Samaritans Ireland: 116 123" in out and "/support/" in out
    run("log", "letter", "--note", "I am scared I will hurt Nora", "--as",
        "alice@example.org", "--json")
    made = json.loads(capsys.readouterr().out)
    assert made["support"]["country"] == "IE" and made["support"]["emergency"] == "112"
    run("log", "talk", "--note", "Told her about the snow", "--as", "alice@example.org")
    assert "112" not in capsys.readouterr().out
    assert Moment.objects.count() == 3
    # The care day's records and a measurement too (the review found them silent).
    for argv in (("log", "nappy", "--detail", "kind=wet"),
                 ("log", "pump", "--detail", "amount=60", "--detail", "unit=ml"),
                 ("measure", "--weight", "4100")):
        assert run(*argv, "--note", "I want to end my life", "--as", "alice@example.org") == 0
        assert "Samaritans Ireland: 116 123" in capsys.readouterr().out, argv
    run("log", "nappy", "--detail", "kind=dirty", "--note", "I want to end my life", "--as",
        "alice@example.org", "--json")
    printed = capsys.readouterr()
    assert json.loads(printed.out)["kind"] == "nappy" and "116 123" in printed.err


def test_log_refuses_clearly_and_changes_nothing(alice, bob, carol, nora, capsys):
    cases = [
        (("log", "juggling", "--as", "alice@example.org"), "Unknown kind"),
        (("log", "talk", "--child", "Zed", "--as", "alice@example.org"), "no baby called"),
        (("log", "talk", "--as", "nobody@example.org"), "No active account"),
        (("log", "talk", "--as", "carol@example.org"), "viewer cannot log"),
        (("log", "talk", "--start", "soon", "--as", "alice@example.org"), "not a date"),
        (("log", "feeding", "--detail", "side", "--as", "alice@example.org"), "NAME=VALUE"),
        (("log", "feeding", "--detail", "side=up", "--as", "alice@example.org"),
         "Choose one of the options"),
        (("log", "talk", "--start", "2999-01-01T10:00", "--as", "alice@example.org"),
         "in the future"),
        # The same limits as the forms, the API and the import (a longer note made the
        # household's own export refused on import).
        (("log", "talk", "--note", "x" * 2001, "--as", "alice@example.org"),
         "at most 2000 characters"),
        (("log", "note", "--as", "alice@example.org"), "needs a few words"),
        (("log", "letter", "--note", "Dear Nora", "--running", "--as", "alice@example.org"),
         "cannot run as a timer"),
    ]
    for argv, message in cases:
        assert run(*argv) == 2, argv
        assert message in capsys.readouterr().err, argv
    assert not Moment.objects.exists()


def test_export_then_dry_run_import(alice, nora, moment, tmp_path, capsys):
    target = tmp_path / "out.json"
    assert run("export", "--as", "alice@example.org", "-o", str(target)) == 0
    assert json.loads(target.read_text())["format"] == "nestwell-export"
    assert target.stat().st_mode & 0o777 == 0o600  # it holds private things
    assert run("import", str(target), "--format", "nestwell", "--dry-run",
               "--as", "alice@example.org", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["duplicates"] == 2  # Nora and her moment
    assert report["created"] == {}
    # A row the real run would refuse: the dry run exits 2 too (it said 0).
    document = json.loads(target.read_text())
    document["moments"].append({**document["moments"][0], "id": "moment:999999",
                                "kind": "juggling"})
    target.write_text(json.dumps(document))
    assert run("import", str(target), "--format", "nestwell", "--dry-run",
               "--as", "alice@example.org") == 2
    assert run("import", str(target), "--format", "nestwell", "--dry-run", "--skip-rejected",
               "--as", "alice@example.org") == 0


def test_import_refuses_a_foreign_or_missing_file(alice, nora, tmp_path, capsys):
    foreign = tmp_path / "x.json"
    foreign.write_text('{"hello": 1}')
    assert run("import", str(foreign), "--format", "nestwell", "--as",
               "alice@example.org") == 2
    assert "not a Nestwell export" in capsys.readouterr().err
    assert run("import", str(tmp_path / "none.json"), "--format", "nestwell", "--as",
               "alice@example.org") == 2


def test_import_needs_a_parent(bob, nora, tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("{}")
    assert run("import", str(path), "--format", "nestwell", "--as", "bob@example.org") == 2
    assert "Only a parent" in capsys.readouterr().err


def test_createuser_with_a_household(db, tmp_path, capsys):
    secret = tmp_path / "pw"
    secret.write_text("a long and calm password 42\n")
    assert run("createuser", "jess@example.org", "--name", "Jess", "--password-file",
               str(secret), "--household", "The Browns") == 0
    user = User.objects.get(email="jess@example.org")
    assert user.check_password("a long and calm password 42")
    assert user.memberships.get().household.name == "The Browns"
    assert user.memberships.get().household.locale == "en"  # London: British English
    assert run("createuser", "jess@example.org", "--password-file", str(secret)) == 2
    assert "already an account" in capsys.readouterr().err
    # A password file that is not there, or not text: said plainly, no traceback.
    assert run("createuser", "kim@example.org", "--password-file",
               str(tmp_path / "nope")) == 2
    assert "There is no file at" in capsys.readouterr().err
    (tmp_path / "binary").write_bytes(b"\xff\xfe\x00")
    assert run("createuser", "kim@example.org", "--password-file",
               str(tmp_path / "binary")) == 2
    assert "could not be read" in capsys.readouterr().err
    assert not User.objects.filter(email="kim@example.org").exists()
    weak = tmp_path / "weak"
    weak.write_text("123")
    assert run("createuser", "kim@example.org", "--password-file", str(weak)) == 2


def test_createuser_refuses_a_time_zone_it_does_not_know(db, tmp_path, capsys):
    # Kept, it made every page of the household fail (its support page too).
    from nestwell.accounts.models import Household

    secret = tmp_path / "pw"
    secret.write_text("a long and calm password 42\n")
    for zone in ("Mars/Base", "europe/london"):
        assert run("createuser", "c@example.org", "--password-file", str(secret),
                   "--household", "Moon", "--time-zone", zone) == 2
        assert "not a time zone this machine knows" in capsys.readouterr().err
    assert not User.objects.exists() and not Household.objects.exists()


def test_createuser_says_when_it_joins_a_household_and_never_guesses_between_two(
        db, tmp_path, capsys):
    from nestwell.accounts.models import Household

    secret = tmp_path / "pw"
    secret.write_text("a long and calm password 42\n")
    assert run("createuser", "a@example.org", "--password-file", str(secret),
               "--household", "Our family") == 0
    assert "(a new household)" in capsys.readouterr().out
    assert run("createuser", "b@example.org", "--password-file", str(secret),
               "--household", "our family", "--role", "viewer") == 0
    assert "of the existing household Our family" in capsys.readouterr().out
    Household.objects.create(name="Our Family", time_zone="Europe/Paris")
    assert run("createuser", "c@example.org", "--password-file", str(secret),
               "--household", "Our family") == 2
    assert "More than one household" in capsys.readouterr().err
    assert not User.objects.filter(email="c@example.org").exists()


def test_a_household_with_an_unknown_zone_still_opens_its_pages(client_for, alice, household,
                                                                 nora):
    from nestwell.accounts.models import Household

    Household.objects.filter(pk=household.pk).update(time_zone="Mars/Base")
    client = client_for(alice)
    for path in ("/", "/support/", "/timeline/"):
        assert client.get(path).status_code == 200, path


def test_manage_passes_help_to_django(db, capsys):
    # "unrecognized arguments: --help", where every other command has its help.
    from nestwell.cli import main

    assert main(["manage", "--help"]) == 0
    assert "Available subcommands" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["log", "export", "import", "createuser"])
def test_each_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(command, "--help")
    assert exit_info.value.code == 0 and "usage:" in capsys.readouterr().out


def test_import_a_huckleberry_file_into_one_baby(alice, nora, capsys):
    from pathlib import Path

    sample = Path(__file__).parent.parent / "transfer" / "samples" / "huckleberry.csv"
    # The sample's rows are from May 2024: Nora was born just before them.
    nora.birth_at = datetime(2024, 4, 20, 3, 12, tzinfo=UTC)
    nora.save()
    code = run("import", str(sample), "--format", "huckleberry-csv", "--child", "Nora",
               "--skip-rejected", "--as", "alice@example.org", "--json")
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["applied"] and report["created"]["moment"] > 0
    assert Moment.objects.filter(child=nora).count() == report["created"]["moment"]
    # growth, a temperature and a medicine come over too (the growth row without a unit
    # is refused and skipped)
    created = report["created"]
    assert (created["measurement"], created["temperature"], created["dose"]) == (1, 1, 1)
    assert nora.measurements.get().weight_grams == 5200
    assert nora.doses.get().medicine.name == "Vitamin D"
    assert run("import", str(sample), "--format", "huckleberry-csv", "--child", "Nora",
               "--skip-rejected", "--as", "alice@example.org", "--json") == 0
    assert json.loads(capsys.readouterr().out)["created"] == {}


def test_the_commands_in_fresh_processes(tmp_path):
    """createuser, log and export through the installed ``nestwell`` command, on a new
    data directory, as an operator would type them."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NESTWELL_DATA_DIR": str(tmp_path), "NESTWELL_JOBS": "off"}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def nestwell(*argv, stdin=None):
        return subprocess.run([sys.executable, "-m", "nestwell.cli", *argv], env=env,
                              input=stdin, capture_output=True, text=True, timeout=120)

    assert nestwell("manage", "migrate", "--verbosity", "0").returncode == 0
    made = nestwell("createuser", "sam@example.org", "--household", "The Okafors",
                    stdin="a long and calm password 42\n")
    assert made.returncode == 0, made.stderr
    assert nestwell("log", "talk", "--as", "sam@example.org").returncode == 2  # no baby yet
    out = nestwell("export", "--as", "sam@example.org")
    assert out.returncode == 0 and json.loads(out.stdout)["household"]["name"] == "The Okafors"


def test_a_file_cut_short_is_refused_whole_even_skipping_rejected_rows(alice, nora, mallory,
                                                                      tmp_path, capsys):
    """What was read of a damaged file may be only part of it: nothing is saved, whatever
    --skip-rejected says (that option leaves out bad rows of a whole file)."""
    from nestwell.journal.services import log_moment

    for _ in range(30):
        log_moment(child=nora, kind="talk", user=alice)
    whole = tmp_path / "whole.json"
    assert run("export", "--as", "alice@example.org", "-o", str(whole)) == 0
    text = whole.read_text()
    cut = tmp_path / "cut.json"
    cut.write_text(text[:text.index('"moments"') + 600])
    capsys.readouterr()
    before = Moment.objects.count()
    assert run("import", str(cut), "--format", "nestwell", "--as", "mallory@example.org",
               "--skip-rejected") == 2
    out = capsys.readouterr()
    assert "damaged" in out.out + out.err and "--skip-rejected" not in out.out
    assert Moment.objects.count() == before


EVERYWHERE = "0.0.0." + "0"  # listening on every interface (only a name here)


@pytest.mark.parametrize(("host", "allowed", "https", "url"), [
    ("127.0.0.1", ["localhost", "127.0.0.1"], False, "http://localhost:8000/"),
    (EVERYWHERE, ["nest.home.arpa", "192.168.1.20"], False, "http://nest.home.arpa:8000/"),
    (EVERYWHERE, ["*"], False, "http://localhost:8000/"),
    ("192.168.1.20", ["192.168.1.20"], False, "http://192.168.1.20:8000/"),
    (EVERYWHERE, ["nest.example.org"], True, "https://nest.example.org/"),
    ("::1", ["[::1]"], False, "http://[::1]:8000/"),
])
def test_the_printed_address_is_one_the_server_answers(host, allowed, https, url):
    from nestwell.cli.server import public_url

    assert public_url(host, 8000, allowed, https) == url


def test_a_refusal_points_at_what_is_missing(alice, household, capsys):
    """With no baby yet, "Say which baby with --child NAME" sent the operator looking for
    a name; the guide's dose example, before any medicine was added, was told to give the
    --detail it gave."""
    assert run("log", "talk", "--as", "alice@example.org") == 2
    assert "no baby in this household yet" in capsys.readouterr().err
    from nestwell.children.models import Child

    Child.objects.create(household=household, name="Nora", birth_at=datetime(2026, 1, 1,
                                                                              tzinfo=UTC))
    assert run("log", "dose", "--detail", "medicine=Vitamin D",
               "--as", "alice@example.org") == 2
    err = capsys.readouterr().err
    assert "Nora has no medicine called “Vitamin D” yet" in err and "Medicines page" in err


def test_createuser_gives_a_new_household_the_english_of_its_place(db, tmp_path):
    """Daniel, in Toronto, had his report in British English ("Nappies", "centile")
    beside screens that said "Diapers"."""
    secret = tmp_path / "pw"
    secret.write_text("a long and calm password 42\n")
    for email, zone, extra, expected in (
            ("dan@example.org", "America/Toronto", (), "en-us"),
            ("ana@example.org", "America/Chicago", (), "en-us"),
            ("eve@example.org", "Europe/Dublin", (), "en"),
            ("lea@example.org", "America/Toronto", ("--language", "fr"), "fr")):
        assert run("createuser", email, "--password-file", str(secret), "--household",
                   email, "--time-zone", zone, *extra) == 0
        household = User.objects.get(email=email).memberships.get().household
        assert household.locale == expected, email

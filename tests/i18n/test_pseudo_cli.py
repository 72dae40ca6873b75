"""Every word the command line says goes through the catalogue (issue 19, item 1).

Representative commands run in the pseudo-language (tests/i18n/pseudo.py), where every
message comes back marked ⟦…⟧: the help of each command, successes, refusals (ours and
argparse's), a backup and its check. English left outside the marks never went through
gettext. What may stay: what the person typed, the interface itself (command names,
options, METAVARS, {choices}, file paths, e-mail addresses) and machine output (ids, the
backup's path, JSON).

``nestwell score`` too (its module also runs without Django, in English; within
``nestwell`` its sentences go through the catalogue, while the questionnaire's own words
come per language from its content files, so they count as typed here), the errors raised
by ops/backup.py (shared with the web and the jobs) and ``nestwell demo``.

Not here yet: ``nestwell manage`` (Django's own commands) and the import report.
"""

import io
import re
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.utils import timezone

from tests.cli_run import run_cli
from tests.i18n.pseudo import CLOSE, CODE, OPEN, pseudo_language

WORD = re.compile(r"[A-Za-z]{3,}")
MARKED = re.compile(re.escape(OPEN) + "[^" + OPEN + CLOSE + "]*" + re.escape(CLOSE))
COMMANDS = ("serve", "demo", "score", "manage", "backup", "restore", "jobs", "log",
            "measure", "export", "import", "createuser", "listen", "evaluate", "file")
# The interface's own names: positionals as argparse shows them, and the prog.
INTERFACE = {"nestwell", "kind", "email", "file", "rest", "instrument", "COMMAND"}


def english_left(text, typed=()):
    bare = text
    while MARKED.search(bare):  # a message within a message: innermost first
        bare = MARKED.sub(" ", bare)
    for word in sorted(typed, key=len, reverse=True):
        bare = bare.replace(word, " ")
    bare = re.sub(r"\{[^{}]*\}", " ", bare)  # argparse's {choice,choice}
    bare = re.sub(r"\S*[/@_=]\S*", " ", bare)  # paths, e-mail, snake_case, NAME=VALUE
    bare = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", bare)  # options
    bare = re.sub(r"\b[A-Z][A-Z0-9]+(\.[a-z]+)?\b", " ", bare)  # METAVARS, FILE.json
    left = [w for w in WORD.findall(bare) if w not in INTERFACE and w not in COMMANDS]
    return left


def run(*argv):
    return run_cli("--language", CODE, *argv)


@pytest.fixture
def in_pseudo(monkeypatch):
    for name in ("NESTWELL_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps the help to the terminal
    with pseudo_language():
        yield


HELP = [[], ["serve"], ["demo"], ["backup"], ["restore"], ["jobs"], ["log"], ["measure"],
        ["export"], ["import"], ["createuser"], ["listen"], ["listen", "evaluate"],
        ["listen", "file"]]


@pytest.mark.parametrize("argv", HELP, ids=lambda argv: " ".join(argv) or "nestwell")
def test_the_help_of_every_command_is_in_her_language(argv, in_pseudo):
    code, out, err = run(*argv, "--help")
    assert code == 0 and OPEN in out
    assert english_left(out + err) == []


AS = ("--as", "alice@example.org")
SAID = [
    ["log", "talk", *AS],
    ["log", "feeding", "--running", *AS],
    ["log", "nappy", "--detail", "kind=dirty", "--detail", "colour=white", *AS],
    ["log", "temperature", "--detail", "celsius=38.4", *AS],
    ["log", "pump", "--detail", "amount=120", "--detail", "store=fridge", *AS],
    ["measure", "--weight", "4250", *AS],
    ["createuser", "kim@example.org", "--household", "The Okafors"],
]


@pytest.mark.parametrize("argv", SAID, ids=lambda argv: " ".join(argv[:2]))
def test_what_a_command_did_is_said_in_her_language(argv, in_pseudo, alice, nora, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long and calm password 42\n"))
    code, out, err = run(*argv)
    assert code == 0, err
    assert OPEN in out and english_left(out + err, typed=["Nora", "The Okafors"]) == []


REFUSED = [
    ["log", "talk", "--child", "Zed", *AS],  # an unknown baby
    ["log", "talk", "--start", "yesterday", *AS],  # a bad value
    ["log", "hiccups", *AS],
    ["log", "talk", "--detail", "loud", *AS],
    ["log", "pump", "--detail", "colour=blue", *AS],
    ["log", "dose", "--detail", "medicine=Calpol", *AS],
    ["log", "talk", *AS[:1], "nobody@example.org"],
    ["export", "--format", "csv", *AS],
    ["import", "missing.csv", "--format", "generic-csv", *AS],
    ["measure", "--by", "aunt", *AS],  # argparse: a choice that is not offered
    ["log", "talk"],  # argparse: a required option missing
    ["backup", "--keep", "0"],  # argparse and our own check
    ["fly"],  # argparse: no such command
]


@pytest.mark.parametrize("argv", REFUSED, ids=lambda argv: " ".join(argv[:3]))
def test_a_refusal_is_in_her_language(argv, in_pseudo, alice, nora):
    code, out, err = run(*argv)
    assert code == 2
    typed = ["Nora", "Zed", "yesterday", "hiccups", "loud", "colour", "blue", "Calpol",
             "aunt", "fly", "missing.csv"]
    assert OPEN in err and english_left(out + err, typed=typed) == []


@pytest.mark.django_db(transaction=True)
def test_a_backup_and_its_check_are_in_her_language(in_pseudo, alice, nora, settings,
                                                    tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "secret_key").write_text("k" * 60 + "\n")
    settings.DATA_DIR, settings.NESTWELL_BACKUP_DIR = data, data / "backups"
    settings.NESTWELL_BACKUP_PASSPHRASE = None
    code, out, err = run("backup", "--to", str(tmp_path / "out"))
    assert code == 0 and english_left(out + err) == []
    path = out.strip()
    code, out, err = run("restore", path)
    assert code == 0 and OPEN in out
    assert english_left(out + err, typed=["SQLite", "PostgreSQL"]) == []


def test_the_guard_sees_english_that_skipped_the_catalogue():
    text = ("⟦Ţálkíñg lóggéd fór Nora (#3).···⟧\nusage: nestwell log [-h] [--child NAME]\n"
            "Saved to /tmp/x.json")
    assert english_left(text, typed=["Nora"]) == ["usage", "Saved"]


def test_machine_output_is_the_same_in_every_language(alice, nora, monkeypatch):
    """--json and the export's JSON: what scripts read does not change with the language."""
    for name in ("NESTWELL_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)

    def in_language(code, *argv):
        code, out, _ = run_cli("--language", code, *argv)
        assert code == 0
        return out

    # Yesterday (a fixed day fell before Nora's birth, thirty days ago, as the calendar
    # moved on, and a feed before a birth is refused).
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    log = ("log", "feeding", "--detail", "method=breast", "--start", f"{day}T10:00",
           "--end", f"{day}T10:20", "--json", *AS)
    with pseudo_language():
        pseudo = in_language(CODE, *log)
    said = [re.sub(r'^\{"id": \d+, ', "{", in_language(code, *log)) for code in ("en", "fr")]
    assert said[0] == said[1] == re.sub(r'^\{"id": \d+, ', "{", pseudo)
    assert said[0].startswith('{"child": "Nora", "kind": "feeding"')

    with mock.patch("django.utils.timezone.now", return_value=json_now()):
        exports = {code: in_language(code, "export", *AS) for code in ("en", "fr")}
        with pseudo_language():
            exports[CODE] = in_language(CODE, "export", *AS)
    assert exports["en"] == exports["fr"] == exports[CODE]


def json_now():
    from datetime import UTC, datetime

    return datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_a_refused_backup_is_in_her_language(in_pseudo, alice, nora, settings, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "secret_key").write_text("k" * 60 + "\n")
    settings.DATA_DIR, settings.NESTWELL_BACKUP_DIR = data, data / "backups"
    settings.NESTWELL_BACKUP_PASSPHRASE = None
    code, out, err = run("restore", str(tmp_path / "gone.nwbak"))  # missing
    assert code == 2 and OPEN in err and english_left(out + err) == []

    code, out, err = run("backup", "--to", str(tmp_path / "out"))
    assert code == 0, err
    path = tmp_path / "damaged.nwbak"
    whole = Path(out.strip()).read_bytes()
    path.write_bytes(whole[:len(whole) // 2])  # cut short while it was copied
    code, out, err = run("restore", str(path))
    assert code == 2 and OPEN in err and english_left(out + err) == []

    foreign = tmp_path / "notes.txt"
    foreign.write_text("shopping list\n")
    code, out, err = run("restore", str(foreign))
    assert code == 2 and OPEN in err
    assert english_left(out + err, typed=["nestwell-backup-20261122T030000Z.nwbak"]) == []


@pytest.mark.django_db
def test_the_demo_is_in_her_language(in_pseudo):
    code, out, err = run("demo")
    assert code == 0, err
    assert OPEN in out and english_left(out + err, typed=["Leo", "nestwell-demo"]) == []
    code, out, err = run("demo")  # already there
    assert code == 0 and english_left(out + err, typed=["nestwell-demo"]) == []


def questionnaire_words(instrument_id):
    """What comes from the questionnaire's own file, in its own language, not the catalogue."""
    from nestwell.wellbeing.instruments import IDS, load

    instrument = load(instrument_id)
    return [instrument.name, instrument.citation, *IDS,
            *(band.label for band in instrument.bands),
            *(subscale.code for subscale in instrument.subscales)]


SCORED = [
    # a band and the safety question, with help (a country with no entry: the general
    # emergency number, whatever this machine's time zone)
    ["phq9", "--answers", "1,1,2,3,1,0,0,0,1", "--country", "XX"],
    ["pbq", "--answers", ",".join(["5"] * 25)],  # subscales above the threshold
    ["epds", "--total", "11", "--safety-score", "2"],
]


@pytest.mark.parametrize("argv", SCORED, ids=lambda argv: argv[0])
def test_a_score_is_in_her_language(argv, in_pseudo):
    code, out, err = run("score", *argv)
    assert code == 0, err
    assert OPEN in out and english_left(out + err, typed=questionnaire_words(argv[0])) == []


SCORE_REFUSED = [
    ["phq9", "--answers", "1,2"],
    ["phq9", "--answers", "1,x,1,1,1,1,1,1,1"],
    ["phq9", "--answers", "1,1,1,1,1,1,1,1,9"],
    ["phq9"],
    ["phq9", "--answers", "1", "--total", "3"],
    ["epds", "--total", "99"],
    ["bdi", "--answers", "1"],
]


@pytest.mark.parametrize("argv", SCORE_REFUSED, ids=lambda argv: " ".join(argv))
def test_a_refused_score_is_in_her_language(argv, in_pseudo):
    code, out, err = run("score", *argv)
    assert code == 2 and OPEN in err
    assert english_left(out + err, typed=[*questionnaire_words("phq9"), "bdi"]) == []


def test_the_help_of_score_is_in_her_language(in_pseudo):
    code, out, err = run("score", "--help")
    assert code == 0 and OPEN in out
    assert english_left(out + err, typed=questionnaire_words("phq9")) == []


def test_score_on_its_own_speaks_english_without_django():
    """The module runs without Django: its sentences come back as written."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import sys; from nestwell.wellbeing.instruments import cli; "
         "sys.exit(cli.main(['phq9', '--answers', '1,2']))"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 2
    assert "PHQ-9 has 9 questions; 2 answers were given." in done.stderr

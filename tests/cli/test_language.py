"""Which language the command line speaks (issue 19): --language, else NESTWELL_LANGUAGE,
else the locale, else English; a language without a catalogue falls back to English."""


import pytest

from nestwell.cli.language import choose, from_arguments
from tests.cli_run import run_cli

OFFERED = {"en", "fr", "de"}


def test_the_option_comes_first():
    environ = {"NESTWELL_LANGUAGE": "de", "LANG": "en_GB.UTF-8"}
    assert choose(["--language", "fr", "log"], environ, OFFERED) == ("fr", None)
    assert choose(["--language=fr", "log"], environ, OFFERED) == ("fr", None)
    assert choose(["--lang", "fr", "log"], environ, OFFERED) == ("fr", None)


def test_then_the_nestwell_variable():
    environ = {"NESTWELL_LANGUAGE": "de", "LC_ALL": "fr_FR.UTF-8"}
    assert choose(["log"], environ, OFFERED) == ("de", None)


def test_then_the_first_locale_variable_that_is_set():
    assert choose([], {"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, OFFERED)[0] == "fr"
    assert choose([], {"LC_MESSAGES": "de_AT@euro", "LANG": "fr_FR"}, OFFERED)[0] == "de"
    assert choose([], {"LC_ALL": "", "LANG": "fr_CA.UTF-8"}, OFFERED)[0] == "fr"


def test_else_english():
    assert choose([], {}, OFFERED) == ("en", None)
    assert choose([], {"LANG": "C.UTF-8"}, OFFERED) == ("en", None)
    assert choose([], {"LANG": "POSIX"}, OFFERED) == ("en", None)


def test_a_language_without_a_catalogue_falls_back_to_english():
    assert choose(["--language", "xx"], {"LANG": "fr_FR.UTF-8"}, OFFERED) == ("en", "xx")
    assert choose([], {"NESTWELL_LANGUAGE": "klingon"}, OFFERED) == ("en", "klingon")
    assert choose([], {"LANG": "ja_JP.UTF-8"}, OFFERED) == ("en", None)


def test_only_the_options_before_the_command_are_ours():
    assert from_arguments(["manage", "shell", "--language", "fr"]) is None
    assert from_arguments(["log", "--language", "fr"]) is None
    assert from_arguments(["-h", "--language", "fr"]) == "fr"
    assert from_arguments(["--language"]) is None


def run(*argv):
    return run_cli(*argv)


@pytest.fixture
def no_language(monkeypatch):
    for name in ("NESTWELL_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def test_an_unknown_language_is_said_once_and_the_command_runs(no_language, alice, nora):
    code, out, err = run("--language", "xx", "log", "talk", "--as", "alice@example.org")
    assert code == 0
    assert "Talking logged for Nora" in out
    assert err == "Nestwell does not speak “xx” yet, so it answers in English.\n"


def test_a_broken_locale_is_english_without_a_word(no_language, monkeypatch, alice, nora):
    monkeypatch.setenv("LANG", "xx_YY.UTF-8")
    code, out, err = run("log", "talk", "--as", "alice@example.org")
    assert (code, err) == (0, "") and "Talking logged for Nora" in out


def test_the_language_does_not_outlast_the_command(no_language, alice, nora):
    from django.utils import translation

    before = translation.get_language()
    run("--language", "fr", "log", "talk", "--as", "alice@example.org")
    assert translation.get_language() == before


def test_a_fresh_process_reads_the_variable_before_its_help(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NESTWELL_DATA_DIR": str(tmp_path), "NESTWELL_LANGUAGE": "xx"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "nestwell.cli", "log", "--help"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and "usage: nestwell log" in done.stdout
    assert done.stderr == "Nestwell does not speak “xx” yet, so it answers in English.\n"


def test_the_jobs_do_not_take_the_terminals_language(no_language, monkeypatch):
    """Each job (a reminder, the daily backup) speaks its person's language, as the pages
    do; the command line's language ends where the jobs begin."""
    from django.core import management
    from django.utils import translation

    seen = []
    monkeypatch.setattr(management, "call_command",
                        lambda name, *a, **k: seen.append((name, translation.get_language())))
    assert run("--language", "fr", "jobs")[0] == 0
    assert seen == [("run_huey", "en")]

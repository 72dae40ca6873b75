"""`nestwell log nappy` and `nestwell log temperature`: the same rules as the app."""

import json

from nestwell.health.models import Nappy, Temperature
from tests.cli.test_data import run


def test_a_nappy_from_the_command_line(alice, nora, capsys):
    code = run("log", "nappy", "--detail", "kind=dirty", "--detail", "colour=white",
               "--as", "alice@example.org")
    out = capsys.readouterr().out
    assert code == 0 and "Dirty nappy kept for Nora" in out and "call to your midwife" in out
    assert Nappy.objects.get().colour == "white"


def test_a_temperature_in_fahrenheit_as_json(alice, nora, capsys):
    code = run("log", "temperature", "--detail", "fahrenheit=100.4", "--json",
               "--as", "alice@example.org")
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["celsius"] == "38.0" and out["reading"] == "call_now"
    assert Temperature.objects.count() == 1


def test_bad_care_day_input_is_refused_and_changes_nothing(alice, carol, nora, capsys):
    for argv, message in [
            (("log", "nappy", "--detail", "kind=soggy"), "wet, dirty, both or dry"),
            (("log", "nappy", "--detail", "kind=wet", "--detail", "smell=1"), "no detail"),
            (("log", "temperature", "--detail", "celsius=3.7"), "not a body temperature"),
            (("log", "temperature"), "one of them")]:
        assert run(*argv, "--as", "alice@example.org") == 2, argv
        assert message in capsys.readouterr().err, argv
    assert run("log", "nappy", "--detail", "kind=wet", "--as", "carol@example.org") == 2
    assert not Nappy.objects.exists() and not Temperature.objects.exists()


def test_a_low_temperature_from_the_command_line_asks_for_a_call(alice, nora, capsys):
    code = run("log", "temperature", "--detail", "celsius=35.6", "--as", "alice@example.org")
    out = capsys.readouterr().out
    assert code == 0 and "Under 36 °C in a baby" in out and "advice now" in out

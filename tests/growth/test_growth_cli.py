"""`nestwell measure`: a weigh-in from a terminal, through the growth app's rules."""

import json

from nestwell.growth.models import Measurement
from tests.cli.test_data import run


def test_a_weigh_in_from_the_terminal(alice, nora, capsys):
    nora.sex = "female"
    nora.save()
    code = run("measure", "--weight", "4250", "--length", "54,3", "--by", "health_visitor",
               "--as", "alice@example.org", "--json")
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["weight_grams"] == 4250 and out["length_cm"] == 54.3
    assert set(out["centiles"]) == {"wfa", "lfa", "wfl"}
    kept = Measurement.objects.get()
    assert (kept.length_mm, kept.measured_by, kept.created_by) == (543, "health_visitor",
                                                                   alice)


def test_measure_refuses_clearly_and_changes_nothing(alice, carol, nora, capsys):
    cases = [
        (("measure", "--as", "alice@example.org"), "at least one"),
        (("measure", "--weight", "42", "--as", "alice@example.org"), "3.4 kg is 3400"),
        (("measure", "--length", "long", "--as", "alice@example.org"), "not a number"),
        (("measure", "--weight", "4000", "--on", "2999-01-01", "--as", "alice@example.org"),
         "has not come yet"),
        (("measure", "--weight", "4000", "--on", "soon", "--as", "alice@example.org"),
         "not a date"),
        (("measure", "--weight", "4000", "--as", "carol@example.org"), "viewer cannot"),
    ]
    for argv, message in cases:
        assert run(*argv) == 2, argv
        assert message in capsys.readouterr().err, argv
    assert not Measurement.objects.exists()


def test_without_the_baby_s_sex_it_says_why_there_are_no_centiles(alice, nora, capsys):
    """`"centiles": {}` had said nothing; the guide promises centiles."""
    nora.sex = ""
    nora.save()
    assert run("measure", "--weight", "4250", "--as", "alice@example.org", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["centiles"] == {} and "girl or a boy" in out["centiles_note"]

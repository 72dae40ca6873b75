"""`nestwell log pump`: the same rules as the app, its milk into the store in one step."""

import json

from nestwell.milk.models import MilkBag, PumpingSession
from tests.cli.test_data import run


def test_a_pumping_session_in_ounces_into_the_fridge(alice, nora, capsys):
    code = run("log", "pump", "--detail", "amount=4", "--detail", "unit=oz", "--detail",
               "side=both", "--detail", "minutes=20", "--detail", "store=fridge", "--json",
               "--as", "alice@example.org")
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["amount_ml"] == 118 and out["side"] == "both"
    assert out["stored"][0]["place"] == "fridge"
    assert MilkBag.objects.get().session == PumpingSession.objects.get()


def test_bad_pumping_input_is_refused_and_changes_nothing(alice, carol, nora, capsys):
    for argv, message in [
            (("log", "pump", "--detail", "amount=lots"), "as a number"),
            (("log", "pump", "--detail", "colour=1"), "no detail"),
            (("log", "pump", "--detail", "side=middle"), "left, right or both"),
            (("log", "pump", "--detail", "store=fridge"), "how much"),
            (("log", "pump", "--detail", "minutes=ten"), "whole number")]:
        assert run(*argv, "--as", "alice@example.org") == 2, argv
        assert message in capsys.readouterr().err, argv
    assert run("log", "pump", "--as", "carol@example.org") == 2
    assert not PumpingSession.objects.exists() and not MilkBag.objects.exists()

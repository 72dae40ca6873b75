"""The scoring keys, checked against worked examples computed by hand from the published
keys. Pure: no database, no Django."""

import argparse
import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nestwell.wellbeing.instruments import (
    IDS,
    InvalidAnswers,
    InvalidInstrument,
    available,
    load,
    score,
    score_total,
)
from nestwell.wellbeing.instruments import cli as score_cli

SHIPPED = [i for i in IDS if i in available()]


# --- PHQ-9 -------------------------------------------------------------------------

def test_phq9_worked_example():
    # Several days (1) on items 1, 2, 5; more than half the days (2) on item 3; nearly
    # every day (3) on item 4; not at all elsewhere: 1+1+2+3+1 = 8 → mild, no safety flag.
    result = score(load("phq9"), [1, 1, 2, 3, 1, 0, 0, 0, 0])
    assert (result.total, result.band.code, result.safety) == (8, "mild", ())


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"),
    (27, "severe")])
def test_phq9_band_boundaries(total, band):
    answers = [0] * 9
    remaining = total
    for i in range(8):  # fill items 1–8 so item 9 stays 0
        answers[i] = min(3, remaining)
        remaining -= answers[i]
    answers[8] = remaining  # only for 25–27, which need item 9
    assert score(load("phq9"), answers).band.code == band


@pytest.mark.parametrize(("item9", "flagged"), [(0, False), (1, True), (2, True), (3, True)])
def test_phq9_item_9_is_a_safety_item(item9, flagged):
    result = score(load("phq9"), [0] * 8 + [item9])
    assert (9 in result.safety) is flagged


def test_phq9_all_maximum_is_27():
    assert score(load("phq9"), [3] * 9).total == 27


# --- GAD-7, PHQ-2, GAD-2 ----------------------------------------------------------------

@pytest.mark.parametrize(("answers", "total", "band"), [
    ([0] * 7, 0, "minimal"), ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
    ([1, 1, 1, 1, 1, 0, 0], 5, "mild"), ([2, 2, 2, 1, 1, 1, 0], 9, "mild"),
    ([2, 2, 2, 2, 1, 1, 0], 10, "moderate"), ([2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
    ([3, 3, 3, 2, 2, 1, 1], 15, "severe"), ([3] * 7, 21, "severe")])
def test_gad7_totals_and_bands(answers, total, band):
    result = score(load("gad7"), answers)
    assert (result.total, result.band.code) == (total, band)


@pytest.mark.parametrize("instrument", ["phq2", "gad2"])
@pytest.mark.parametrize(("answers", "band"), [
    ([0, 0], "below_cutoff"), ([1, 1], "below_cutoff"), ([2, 0], "below_cutoff"),
    ([2, 1], "at_or_above_cutoff"), ([3, 0], "at_or_above_cutoff"),
    ([3, 3], "at_or_above_cutoff")])
def test_two_item_screens_use_a_cutoff_of_three(instrument, answers, band):
    assert score(load(instrument), answers).band.code == band


def test_phq2_is_the_first_two_phq9_items():
    assert [i.text for i in load("phq2").items] == [i.text for i in load("phq9").items[:2]]
    assert [i.text for i in load("gad2").items] == [i.text for i in load("gad7").items[:2]]


# --- Postpartum Bonding Questionnaire ---------------------------------------------------

POSITIVE = {1, 4, 8, 9, 11, 16, 22, 25}  # positively worded, reverse scored


def test_pbq_negative_items_score_always_5_to_never_0_and_positive_ones_reversed():
    pbq = load("pbq")
    for item in pbq.items:
        scores = [o.score for o in item.options]
        if item.number in POSITIVE:
            assert scores == [0, 1, 2, 3, 4, 5], item.number
        else:
            assert scores == [5, 4, 3, 2, 1, 0], item.number


def test_pbq_worked_example_a_warm_bond():
    # 'Always' (0) on every positive item and 'Never' (5) on every negative one: all zero.
    answers = [0 if n in POSITIVE else 5 for n in range(1, 26)]
    result = score(load("pbq"), answers)
    assert result.total == 0
    assert result.subscales == {"impaired_bonding": 0, "rejection_anger": 0,
                                "infant_focused_anxiety": 0, "risk_of_abuse": 0}
    assert result.above_cutoff == () and result.safety == ()


def test_pbq_worked_example_with_scales_at_their_thresholds():
    # Scale 1 (items 1,2,6,7,8,9,10,12,13,15,16,17): item 2 'Very often' (4), item 7
    # 'Quite often' (3), item 12 'Very often' (4), item 1 'Sometimes' (3): 14 ≥ 12.
    # Scale 3 (19,20,22,25): item 19 'Very often' (4), item 22 'Rarely' (4), item 25
    # 'Sometimes' (3): 11 ≥ 10. Scale 2 and 4: all zero.
    answers = [0 if n in POSITIVE else 5 for n in range(1, 26)]
    answers[0] = 3   # item 1, positive: Sometimes → 3
    answers[1] = 1   # item 2: Very often → 4
    answers[6] = 2   # item 7: Quite often → 3
    answers[11] = 1  # item 12: Very often → 4
    answers[18] = 1  # item 19: Very often → 4
    answers[21] = 4  # item 22, positive: Rarely → 4
    answers[24] = 3  # item 25, positive: Sometimes → 3
    result = score(load("pbq"), answers)
    assert result.subscales == {"impaired_bonding": 14, "rejection_anger": 0,
                                "infant_focused_anxiety": 11, "risk_of_abuse": 0}
    assert result.total == 25
    assert result.above_cutoff == ("impaired_bonding", "infant_focused_anxiety")


@pytest.mark.parametrize("item", [18, 24])
@pytest.mark.parametrize(("position", "flagged"), [(0, True), (4, True), (5, False)])
def test_pbq_harm_items_flag_anything_but_never(item, position, flagged):
    answers = [0 if n in POSITIVE else 5 for n in range(1, 26)]
    answers[item - 1] = position
    result = score(load("pbq"), answers)
    assert (item in result.safety) is flagged
    if position == 4:  # 'Rarely' scores 1 on one item: below the scale 4 cut-off of 3
        assert "risk_of_abuse" not in result.above_cutoff


def test_pbq_subscales_partition_the_25_items():
    pbq = load("pbq")
    covered = sorted(n for s in pbq.subscales for n in s.items)
    assert covered == list(range(1, 26))
    assert {s.code: s.cutoff for s in pbq.subscales} == {
        "impaired_bonding": 12, "rejection_anger": 17, "infant_focused_anxiety": 10,
        "risk_of_abuse": 3}


# --- MAAS --------------------------------------------------------------------------

MAAS_PRINTED_HIGH_FIRST = {1, 3, 5, 6, 7, 9, 10, 12, 15, 16, 18}


def test_maas_key_scores_1_to_5_with_the_printed_order_reversed_on_eleven_items():
    maas = load("maas")
    assert len(maas.items) == 19
    for item in maas.items:
        scores = [o.score for o in item.options]
        expected = [5, 4, 3, 2, 1] if item.number in MAAS_PRINTED_HIGH_FIRST else [1, 2, 3, 4, 5]
        assert scores == expected, item.number


def test_maas_wording_matches_the_archived_instrument():
    maas = load("maas")
    first, second, third = maas.items[:3]
    assert first.text.startswith("Over the past two weeks I have thought about, or been "
                                 "preoccupied with the baby inside me")
    assert [o.label for o in first.options] == [
        "Almost all the time", "Very frequently", "Frequently", "Occasionally", "Not at all"]
    assert [o.label for o in second.options][3] == "Fairly strong"
    assert [o.label for o in third.options][1] == "Mainly positive"
    assert "CC BY 3.0 AU" in maas.licence and "2328/35292" in maas.citation


def test_maas_subscales_are_quality_10_items_and_intensity_8():
    maas = load("maas")
    subscales = {s.code: s.items for s in maas.subscales}
    assert subscales == {"quality": (3, 6, 9, 10, 11, 12, 13, 15, 16, 19),
                         "intensity": (1, 2, 4, 5, 8, 14, 17, 18)}
    assert all(s.cutoff is None for s in maas.subscales) and not maas.bands
    assert (maas.min_total, maas.max_total) == (19, 95)


def test_maas_worked_example_warmest_and_least_attached():
    warmest = [0 if n in MAAS_PRINTED_HIGH_FIRST else 4 for n in range(1, 20)]
    result = score(load("maas"), warmest)
    assert (result.total, result.subscales) == (95, {"quality": 50, "intensity": 40})
    least = [4 - a for a in warmest]
    result = score(load("maas"), least)
    assert (result.total, result.subscales) == (19, {"quality": 10, "intensity": 8})


def test_maas_worked_example_in_the_middle():
    # Every answer the third option: all score 3. Global 57, quality 30, intensity 24.
    result = score(load("maas"), [2] * 19)
    assert (result.total, result.subscales, result.band) == (
        57, {"quality": 30, "intensity": 24}, None)
    # Item 7 (dependence) belongs to neither subscale: only the global score moves.
    answers = [2] * 19
    answers[6] = 0
    result = score(load("maas"), answers)
    assert (result.total, result.subscales) == (59, {"quality": 30, "intensity": 24})


@pytest.mark.parametrize(("position", "flagged"), [(0, False), (1, False), (2, True),
                                                   (3, True), (4, True)])
def test_maas_item_12_opens_support_once_she_has_felt_like_hurting_the_baby(position, flagged):
    answers = [0] * 19
    answers[11] = position
    assert (12 in score(load("maas"), answers).safety) is flagged


# --- EPDS (key only) ---------------------------------------------------------------------

def test_epds_key_reverses_items_3_and_5_to_10():
    epds = load("epds")
    assert not epds.wording_included
    for item in epds.items:
        expected = [0, 1, 2, 3] if item.number in (1, 2, 4) else [3, 2, 1, 0]
        assert [o.score for o in item.options] == expected


def test_epds_worked_example():
    # Positions: item1 1→1, item2 0→0, item3 1→2, item4 2→2, item5 2→1, item6 1→2,
    # item7 3→0, item8 2→1, item9 3→0, item10 3→0 = 9; anxiety (3,4,5) = 2+2+1 = 5.
    result = score(load("epds"), [1, 0, 1, 2, 2, 1, 3, 2, 3, 3])
    assert result.total == 9 and result.subscales == {"anxiety": 5}
    assert result.band.code == "below_threshold" and result.safety == ()


@pytest.mark.parametrize(("total", "band"), [(9, "below_threshold"), (10, "possible"),
                                             (12, "possible"), (13, "probable"),
                                             (30, "probable")])
def test_epds_paper_total_bands(total, band):
    assert score_total(load("epds"), total).band.code == band


@pytest.mark.parametrize(("item10_score", "flagged"), [(0, False), (1, True), (3, True)])
def test_epds_item_10_on_paper(item10_score, flagged):
    result = score_total(load("epds"), 11, {10: item10_score})
    assert (10 in result.safety) is flagged


@pytest.mark.parametrize("bad", [-1, 31])
def test_epds_paper_total_must_be_possible(bad):
    with pytest.raises(InvalidAnswers, match="from 0 to 30"):
        score_total(load("epds"), bad)


# --- Invalid answers and files -----------------------------------------------------------

@pytest.mark.parametrize(("answers", "message"), [
    ([0] * 8, "9 questions; 8 answers"), ([0] * 10, "9 questions; 10 answers"),
    ([0] * 8 + [4], "Question 9: 4 is not an option"),
    ([0] * 8 + [-1], "Question 9: -1 is not an option"),
    ([0] * 7 + ["1", 0], "Question 8: the answer must be a whole number"),
    ([0] * 7 + [True, 0], "Question 8"), ("000000000", "must be a list")])
def test_invalid_answers_say_what_is_wrong(answers, message):
    with pytest.raises(InvalidAnswers, match=message):
        score(load("phq9"), answers)


def test_an_unknown_instrument_is_refused():
    with pytest.raises(KeyError):
        load("bdi")


def test_a_content_pack_replaces_the_built_in_file(tmp_path):
    data = json.loads((load.__globals__["BUILT_IN"] / "epds.json").read_text())
    data["wording_included"] = True
    data["items"][0]["text"] = "Organisation-supplied wording"
    (tmp_path / "epds.json").write_text(json.dumps(data))
    epds = load("epds", content_dir=tmp_path)
    assert epds.wording_included and epds.items[0].text == "Organisation-supplied wording"
    assert score(epds, [0] * 10).total == 21  # seven reversed items at their first option


@pytest.mark.parametrize("damage", [
    lambda d: d.update(items=d["items"][:-1] + [{**d["items"][-1], "number": 99}]),
    lambda d: d["bands"].pop(1),
    lambda d: d["items"][0].update(scores=[0, 1]),
    lambda d: d.pop("citation"),
    lambda d: d.update(safety=[{"item": 9, "positions": [7]}]),
    lambda d: d.update(version="v" * 161)])
def test_a_damaged_pack_is_refused_clearly(tmp_path, damage):
    data = json.loads((load.__globals__["BUILT_IN"] / "phq9.json").read_text())
    damage(data)
    (tmp_path / "phq9.json").write_text(json.dumps(data))
    with pytest.raises(InvalidInstrument):
        load("phq9", content_dir=tmp_path)


def test_every_shipped_file_cites_its_source():
    for instrument_id in SHIPPED:
        instrument = load(instrument_id)
        assert instrument.citation and instrument.version
        if instrument.bands:
            assert instrument.bands_source


# --- Properties --------------------------------------------------------------------------

@st.composite
def instrument_and_answers(draw):
    instrument = load(draw(st.sampled_from(SHIPPED)))
    answers = [draw(st.integers(0, len(item.options) - 1)) for item in instrument.items]
    return instrument, answers


@given(instrument_and_answers())
def test_totals_stay_in_range_and_match_the_key(case):
    instrument, answers = case
    result = score(instrument, answers)
    assert instrument.min_total <= result.total <= instrument.max_total
    assert result.total == sum(item.options[a].score for item, a in
                               zip(instrument.items, answers, strict=True))
    if instrument.bands:
        assert result.band is not None
    for sub in instrument.subscales:
        assert result.subscales[sub.code] == sum(
            instrument.items[n - 1].options[answers[n - 1]].score for n in sub.items)


@given(instrument_and_answers(), st.data())
def test_moving_one_answer_changes_the_total_by_that_items_key(case, data):
    instrument, answers = case
    index = data.draw(st.integers(0, len(answers) - 1))
    item = instrument.items[index]
    new = data.draw(st.integers(0, len(item.options) - 1))
    changed = [*answers[:index], new, *answers[index + 1:]]
    difference = score(instrument, changed).total - score(instrument, answers).total
    assert difference == item.options[new].score - item.options[answers[index]].score


# --- The command line --------------------------------------------------------------------

def run_cli(*argv):
    parser = __import__("argparse").ArgumentParser()
    score_cli.add_arguments(parser)
    out, err = StringIO(), StringIO()
    code = score_cli.run(parser.parse_args(list(argv)), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_prints_the_json_the_issue_names():
    code, out, _ = run_cli("phq9", "--answers", "1,1,2,3,1,0,0,0,1", "--json")
    data = json.loads(out)
    assert code == 0
    assert {k: data[k] for k in ("instrument", "total", "subscales", "band", "safety")} == {
        "instrument": "phq9", "total": 9, "subscales": {}, "band": "mild", "safety": [9]}


def test_cli_explains_bad_input_and_exits_non_zero():
    for argv, message in ((("phq9", "--answers", "1,2"), "9 questions; 2 answers"),
                          (("phq9", "--answers", "1,x,1,1,1,1,1,1,1"), "Question 2"),
                          (("bdi", "--answers", "1"), "Unknown questionnaire"),
                          (("phq9",), "Give the answers")):
        code, out, err = run_cli(*argv)
        assert code == 2 and message in err and out == ""


def test_the_nestwell_command_scores_in_a_fresh_process():
    done = subprocess.run([sys.executable, "-m", "nestwell.cli", "score", "pbq", "--answers",
                           ",".join(["5"] * 25), "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["total"], data["subscales"]["impaired_bonding"]) == (40, 20)
    failed = subprocess.run([sys.executable, "-m", "nestwell.cli", "score", "gad7",
                             "--answers", "9,9"], capture_output=True, text=True)
    assert failed.returncode == 2 and "7 questions" in failed.stderr


def test_paper_totals_on_the_command_line():
    code, out, _ = run_cli("epds", "--total", "11", "--safety-score", "2", "--json")
    assert code == 0 and json.loads(out)["safety"] == [10]
    # Without the safety question's score it is unknown, never an empty "no risk".
    code, out, _ = run_cli("phq9", "--total", "12", "--json")
    data = json.loads(out)
    assert code == 0 and data["safety"] == [] and data["safety_unknown"] == [9]
    code, out, _ = run_cli("phq9", "--total", "12")
    assert "question 9 was not given" in out




def test_risk_is_found_in_an_incomplete_or_partly_invalid_set_of_answers():
    from nestwell.wellbeing.instruments import paper_risk, risk_in

    phq9 = load("phq9")
    assert risk_in(phq9, [None, None, None, None, None, None, None, None, 1]) == (9,)
    assert risk_in(phq9, [0, "x", 99, None, 0, 0, 0, 0, 3, 5]) == (9,)
    assert risk_in(phq9, [0, 0]) == ()
    assert risk_in(phq9, [0] * 8 + [True]) == ()  # a bool is not an answer
    assert risk_in(phq9, "zz") == ()
    epds = load("epds")
    assert [paper_risk(epds, s) for s in (0, 1, 2, 3, 4, None, "2")] == [
        False, True, True, True, False, False, False]


def test_a_risky_answer_on_the_command_line_comes_with_whom_to_call():
    """As on the page, the safety signal is never printed alone: the emergency number and
    the support lines of her country come with it."""
    code, out, _ = run_cli("phq9", "--answers", "0,0,0,0,0,0,0,0,1", "--country", "GB")
    assert code == 0
    assert "Safety: question(s) 9 signal a possible risk of harm." in out
    assert "may be in danger now, call 999." in out
    assert "Samaritans: 116 123 (24/7)" in out and "/support/" in out
    code, out, _ = run_cli("epds", "--total", "11", "--safety-score", "1", "--country", "US",
                           "--json")
    support = json.loads(out)["support"]
    assert support["emergency"] == "911" and support["support_url"] == "/support/"
    assert "988" in [line["number"] for line in support["lines"]]


def test_the_country_is_the_machines_when_none_is_given(monkeypatch):
    # The zone `nestwell` kept before Django set $TZ (the command sets it once per process,
    # and another test may have run it here already).
    monkeypatch.setenv("NESTWELL_MACHINE_TZ", "America/Chicago")
    code, out, _ = run_cli("phq9", "--answers", "0,0,0,0,0,0,0,0,2")
    assert code == 0 and "call 911." in out
    monkeypatch.setenv("NESTWELL_MACHINE_TZ", "Nowhere/Special")  # unknown: the general
    code, out, _ = run_cli("phq9", "--answers", "0,0,0,0,0,0,0,0,2")
    assert "call 112." in out


@pytest.mark.django_db
def test_the_country_is_the_households_before_the_machines(monkeypatch, capsys, household):
    """Aoife's server kept UTC: `nestwell score` gave 112 alone. The households' country
    comes first, and the safety lines come above the total (its band had read "few or no
    signs" first), with the country's text lines."""
    from nestwell.cli import cmd_score

    monkeypatch.setenv("NESTWELL_MACHINE_TZ", "UTC")
    household.country = "IE"
    household.save()
    parser = argparse.ArgumentParser()
    score_cli.add_arguments(parser)
    assert cmd_score(parser.parse_args(["phq9", "--answers", "0,0,0,0,0,0,0,0,1"])) == 0
    out = capsys.readouterr().out
    assert "call 112." in out and "Samaritans Ireland: 116 123" in out
    assert "Text: HELP to 51444" in out and "50808: text TALK to 50808" in out
    assert out.index("Safety: question(s) 9") < out.index("PHQ-9: total 1 of 27")
    # Households in two countries: the machine's zone, as before.
    type(household).objects.create(name="Another", country="GB")
    monkeypatch.setenv("NESTWELL_MACHINE_TZ", "America/Chicago")
    cmd_score(parser.parse_args(["phq9", "--answers", "0,0,0,0,0,0,0,0,1"]))
    assert "call 911." in capsys.readouterr().out


def test_no_risk_no_support_lines():
    code, out, _ = run_cli("phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--country", "GB")
    assert code == 0 and "999" not in out and "Safety" not in out
    code, out, _ = run_cli("phq9", "--answers", "1,1,1,1,1,1,1,1,0", "--json")
    assert "support" not in json.loads(out)


def test_the_nestwell_command_uses_the_machines_zone_not_djangos(tmp_path):
    """Django sets $TZ to the project's UTC as it starts: the command had always read UTC,
    so every country got 112 and no lines."""
    env = {**os.environ, "TZ": "America/Chicago", "NESTWELL_DATA_DIR": str(tmp_path)}
    env.pop("NESTWELL_MACHINE_TZ", None)
    done = subprocess.run([sys.executable, "-m", "nestwell.cli", "score", "phq9", "--answers",
                           "0,0,0,0,0,0,0,0,1"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "call 911." in done.stdout and "988" in done.stdout

"""The detector's pure functions: framing, the rules file, per-frame probabilities and the
state machine on made-up probability sequences (no audio, no model)."""

import copy
import json
import math

import numpy as np
import pytest

from nestwell.listening import detector
from nestwell.listening.evaluation import roc_auc

SHIPPED = detector.load_rules()


def rules(**changes):
    made = copy.deepcopy(SHIPPED)
    made["hop_samples"] = 15_600
    made["rules"].update({"smooth_frames": 2, "alarm_threshold": 0.7, "alarm_frames": 3,
                          "release_threshold": 0.3, "quiet_seconds": 4.0,
                          "happy_threshold": 0.6, "happy_frames": 2, "happy_release": 0.3,
                          "happy_max_cry": 0.5})
    made["rules"].update(changes)
    return detector.check_rules(made)


def run(cry, happy=None, **changes):
    happy = [0.0] * len(cry) if happy is None else happy
    return detector.events_from_probabilities(np.array(cry, float), np.array(happy, float),
                                              rules(**changes))


HOP = 0.975


def test_the_shipped_rules_file_is_valid_and_versioned():
    assert SHIPPED["schema"] == 1 and SHIPPED["version"]
    assert SHIPPED["frame_samples"] == 15_600 and SHIPPED["sample_rate"] == 16_000
    assert SHIPPED["model"] == "yamnet.tflite"
    assert 0 < SHIPPED["rules"]["release_threshold"] < SHIPPED["rules"]["alarm_threshold"] < 1


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("version"),
    lambda d: d.update(schema=2),
    lambda d: d.update(hop_samples=0),
    lambda d: d.update(frame_samples=16000),
    lambda d: d["rules"].pop("alarm_frames"),
    lambda d: d["rules"].update(alarm_frames=True),
    lambda d: d["rules"].update(smooth_frames=0),
    lambda d: d["heads"]["cry"].update(indices=[521]),
    lambda d: d["heads"]["cry"].update(weights=[]),
    lambda d: d["heads"]["happy"].update(scale=[0.0] * len(d["heads"]["happy"]["scale"])),
    lambda d: d["heads"].pop("happy"),
])
def test_a_broken_rules_file_is_refused(breakage):
    data = copy.deepcopy(SHIPPED)
    breakage(data)
    with pytest.raises(detector.RulesError):
        detector.check_rules(data)


def test_an_unreadable_rules_file_is_refused(tmp_path):
    path = tmp_path / "detector.json"
    path.write_text("{not json")
    with pytest.raises(detector.RulesError):
        detector.load_rules(path)
    path.write_text(json.dumps(SHIPPED))
    assert detector.load_rules(path) == SHIPPED


@pytest.mark.parametrize(("samples", "frames"), [
    (0, 0), (1, 1), (15_599, 1), (15_600, 1), (15_601, 2), (80_000, 6), (112_000, 8)])
def test_a_clip_gives_one_frame_per_started_15600_samples(samples, frames):
    got, times = detector.frame_audio(np.ones(samples, np.float32))
    assert got.shape == (frames, 15_600)
    assert len(times) == frames == math.ceil(samples / 15_600)
    if frames:
        assert times[-1] == pytest.approx((frames - 1) * 0.975)
        tail = samples - (frames - 1) * 15_600
        assert got[-1, :tail].min() == 1.0 and got[-1, tail:].sum() == 0.0


def test_overlapping_frames_follow_the_hop():
    got, times = detector.frame_audio(np.arange(31_200, dtype=np.float32), hop_samples=7_800)
    assert list(times * 16_000) == [0, 7_800, 15_600, 23_400]
    assert got[1, 0] == 7_800 and got[2, -1] == 31_199 and got[3, 7_800:].sum() == 0


def test_the_probability_is_the_logistic_of_standardised_log_scores():
    head = {"indices": [20, 14], "mean": [-2.0, -3.0], "scale": [2.0, 1.0],
            "weights": [1.5, -0.5], "bias": 0.25}
    scores = np.zeros((2, 521))
    scores[0, 20], scores[0, 14] = 0.5, 0.1
    # the second row is all zero: the floor stands in for the log of 0
    z0 = 0.25 + 1.5 * (math.log(0.5) + 2) / 2 - 0.5 * (math.log(0.1) + 3)
    z1 = 0.25 + 1.5 * (math.log(1e-4) + 2) / 2 - 0.5 * (math.log(1e-4) + 3)
    got = detector.head_probability(scores, head, 1e-4)
    assert got == pytest.approx([1 / (1 + math.exp(-z0)), 1 / (1 + math.exp(-z1))])


def test_smoothing_is_the_mean_of_the_last_frames():
    assert list(detector.smooth([1, 0, 1, 1, 0], 2)) == [1, 0.5, 0.5, 1, 0.5]
    assert list(detector.smooth([0.3], 5)) == [0.3]


def test_crying_starts_after_k_frames_above_the_threshold_and_dates_from_the_first():
    events = run([0, 0, 0.9, 0.9, 0.9, 0.9, 0.9])
    # s: 0 0 .45 .9 .9 .9 .9 -> at or above 0.7 from frame 3; three frames end at frame 5
    assert events == [{"event": "crying_started", "t": round(3 * HOP, 3),
                       "at": round(5 * HOP + 0.975, 3), "confidence": 0.9}]


def test_short_blips_are_ignored():
    assert run([0, 0.95, 0.95, 0, 0, 0.95, 0.95, 0, 0.9, 0, 0, 0]) == []
    assert run([0.9, 0.9, 0.9]) != []  # three at the start do count


def test_quiet_again_after_q_seconds_below_the_release_threshold():
    cry = [0.9] * 4 + [0.5] * 3 + [0.0] * 10
    events = run(cry)
    assert [e["event"] for e in events] == ["crying_started", "crying_stopped"]
    # s: .9 .9 .9 .9 .7 .5 .5 .25 0 ...: below 0.3 from frame 7; 4 s is 5 frames
    stopped = events[1]
    assert stopped["t"] == round(7 * HOP, 3)
    assert stopped["at"] == round(11 * HOP + 0.975, 3)


def test_a_moment_of_quiet_inside_a_cry_does_not_end_it():
    cry = [0.9] * 4 + [0.0] * 3 + [0.9] * 3 + [0.0] * 3 + [0.9] * 2
    assert [e["event"] for e in run(cry)] == ["crying_started"]


def test_a_new_cry_after_quiet_again_raises_a_new_alarm():
    cry = [0.9] * 3 + [0.0] * 6 + [0.9] * 4
    assert [e["event"] for e in run(cry)] == ["crying_started", "crying_stopped",
                                              "crying_started"]


def test_happy_sounds_once_per_stretch_and_never_while_crying():
    happy = [0, 0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.9, 0.9, 0.9]
    # h: 0 .45 .9 .9 .9 .5 .1 .5 .9 .9 -> two frames at or above 0.6 from 2, and from 8
    events = run([0.0] * len(happy), happy)
    assert [(e["event"], e["t"]) for e in events] == [
        ("happy_sounds", round(2 * HOP, 3)), ("happy_sounds", round(8 * HOP, 3))]
    assert [e["event"] for e in run([0.9] * 6, [0.9] * 6)] == ["crying_started"]
    # a cry probability at or above happy_max_cry keeps it from counting as happy
    assert run([0.6] * 6, [0.9] * 6) == []
    assert [e["event"] for e in run([0.4] * 6, [0.9] * 6)] == ["happy_sounds"]


def test_the_clip_score_is_the_highest_smoothed_cry_probability():
    head = SHIPPED["heads"]["cry"]
    scores = np.zeros((4, 521))
    scores[:, head["indices"][0]] = [0.01, 0.9, 0.9, 0.01]
    cry, _happy = detector.frame_probabilities(scores, SHIPPED)
    expected = detector.smooth(cry, SHIPPED["rules"]["smooth_frames"]).max()
    assert detector.clip_score(scores, SHIPPED) == pytest.approx(expected)
    assert detector.clip_score(np.zeros((0, 521)), SHIPPED) == 0.0


def test_roc_auc_counts_ties_half():
    assert roc_auc([0.9, 0.8, 0.1], [1, 1, 0]) == 1.0
    assert roc_auc([0.5, 0.5], [1, 0]) == 0.5
    assert roc_auc([0.2, 0.9, 0.4, 0.3], [1, 0, 1, 0]) == 0.25
    assert roc_auc([0.2], [1]) is None


def test_a_long_cry_keeps_the_listener_small():
    listener = detector.Listener(rules())
    for _ in range(5_000):
        listener.step(0.9, 0.0)
    assert listener.crying and len(listener._above) == 3 and len(listener._cry_window) == 2


def test_the_detector_side_is_plain_python_and_numpy():
    import ast
    from pathlib import Path

    folder = Path(detector.__file__).parent
    for name in ("detector.py", "audio.py", "evaluation.py", "yamnet.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.Import) for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom)}
        assert "django" not in imported, name

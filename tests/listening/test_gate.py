"""The quiet gate: a frame far quieter than any cry is not given to YAMNet and counts as
"not crying" (detector.frame_levels, heard, frame_probabilities, gated_scores). No model:
a stand-in counts the frames it is asked to score."""

import copy
import json

import numpy as np
import pytest

from nestwell.listening import detector
from tests.listening.sounds import cry, hush

SHIPPED = detector.load_rules()
FLOOR = SHIPPED["gate"]["floor_dbfs"]
FRAME = detector.FRAME_SAMPLES


class CountingModel:
    """Scores every frame as YAMNet would score a loud cry, and remembers how many it saw."""

    def __init__(self):
        self.frames = 0

    def scores(self, frames):
        self.frames += len(frames)
        out = np.full((len(frames), 521), 1e-3, dtype=np.float32)
        out[:, [19, 20, 21]] = 0.99
        return out


def test_the_gate_is_read_from_detector_json():
    raw = json.loads(detector.RULES_PATH.read_text(encoding="utf-8"))
    assert raw["gate"] == {"floor_dbfs": FLOOR}
    # Far under the quietest crying frame of the development clips (-55.8 dBFS).
    assert FLOOR <= -75.0


@pytest.mark.parametrize("gate", [{"floor_dbfs": "low"}, {"floor_dbfs": 0.0},
                                  {"floor_dbfs": -130.0}, {"floor_dbfs": -60}, {}, []])
def test_a_broken_gate_is_refused(gate):
    data = copy.deepcopy(SHIPPED)
    data["gate"] = gate
    with pytest.raises(detector.RulesError, match="gate.floor_dbfs"):
        detector.check_rules(data)


def test_the_floor_comes_from_the_rules_not_the_code():
    frame = hush(FRAME / 16000, level=10 ** (-70 / 20))[:FRAME]  # about -70 dBFS
    level = detector.frame_levels(frame)
    assert not detector.heard(level, {**SHIPPED, "gate": {"floor_dbfs": -60.0}})[0]
    assert detector.heard(level, {**SHIPPED, "gate": {"floor_dbfs": -76.0}})[0]
    without = {k: v for k, v in SHIPPED.items() if k != "gate"}
    assert detector.heard(detector.frame_levels(np.zeros((3, FRAME))), without).all()


def test_a_frame_level_is_its_loudest_tenth_in_dbfs():
    t = np.arange(FRAME) / 16000
    sine = 0.5 * np.sin(2 * np.pi * 1000 * t)
    assert detector.frame_levels(sine)[0] == pytest.approx(20 * np.log10(0.5 / np.sqrt(2)),
                                                           abs=0.01)
    assert detector.frame_levels(np.zeros(FRAME))[0] == -120.0
    one_tenth = np.zeros(FRAME)
    one_tenth[1560 * 7:1560 * 8] = sine[:1560]  # a tenth of a second of sound in silence
    assert detector.frame_levels(one_tenth)[0] == pytest.approx(
        detector.frame_levels(sine)[0], abs=0.01)


def test_a_silent_or_quiet_room_frame_is_skipped():
    frames = np.stack([np.zeros(FRAME), hush(1, level=1e-4)[:FRAME]])  # silence, -80 dBFS
    model = CountingModel()
    scores, levels = detector.gated_scores(model, frames, SHIPPED)
    assert model.frames == 0 and (levels < FLOOR).all()
    cry_p, happy_p = detector.frame_probabilities(scores, SHIPPED, levels)
    assert cry_p.tolist() == [0.0, 0.0] and happy_p.tolist() == [0.0, 0.0]


@pytest.mark.parametrize("attenuation_db", [0, 20, 40, 60])
def test_a_cry_frame_is_never_skipped_even_far_quieter(attenuation_db):
    """The synthetic wail, and the same 60 dB quieter (a thousandth of its amplitude)."""
    samples = cry(8, seed=3) * 10 ** (-attenuation_db / 20)
    frames, _times = detector.frame_audio(samples, SHIPPED["hop_samples"])
    model = CountingModel()
    scores, levels = detector.gated_scores(model, frames, SHIPPED)
    crying = levels > -120  # every frame with any of the wail in it
    assert crying.sum() >= 8
    assert model.frames == crying.sum() and detector.heard(levels[crying], SHIPPED).all()
    cry_p, _happy = detector.frame_probabilities(scores, SHIPPED, levels)
    assert (cry_p[crying] > 0.9).all()


def test_skipped_frames_count_as_not_crying_in_the_smoothing():
    """Loud crying, then the room falls quiet: the frames the gate skips bring "quiet
    again" exactly as frames scored "not crying" would."""
    loud = cry(4, seed=1)[:4 * FRAME]
    samples = np.concatenate([loud, hush(12, level=1e-4)])
    frames, _times = detector.frame_audio(samples, SHIPPED["hop_samples"])
    scores, levels = detector.gated_scores(CountingModel(), frames, SHIPPED)
    gated = detector.events_for(scores, SHIPPED, levels)
    cry_p, happy_p = detector.frame_probabilities(scores, SHIPPED, levels)
    assert (cry_p[4:] == 0).all()
    by_hand = detector.events_from_probabilities(
        np.concatenate([cry_p[:4], np.zeros(len(cry_p) - 4)]), np.zeros(len(cry_p)), SHIPPED)
    assert [e["event"] for e in gated] == ["crying_started", "crying_stopped"]
    assert gated == by_hand and gated[1]["t"] == pytest.approx(4 * 0.975)


def test_without_levels_the_scores_alone_decide():
    scores = CountingModel().scores(np.zeros((3, FRAME)))
    cry_p, _happy = detector.frame_probabilities(scores, SHIPPED)
    assert (cry_p > 0.9).all()
    assert detector.clip_score(scores, SHIPPED, np.full(3, -120.0)) == 0.0

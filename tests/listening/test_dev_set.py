"""The shipped detector on the shared development clips, when they are on this machine
(``NESTWELL_CRY_DIR``, default ``../shared/cry`` next to the checkout or ``/work/shared/cry``).
The clips are read where they are; none is copied."""

import json
import os
from pathlib import Path

import pytest

from tests.listening.test_cli import run

ROOT = Path(__file__).resolve().parents[2]


def _cry_dir():
    if os.environ.get("NESTWELL_CRY_DIR"):
        return Path(os.environ["NESTWELL_CRY_DIR"])
    for candidate in (ROOT.parent / "shared" / "cry", Path("/work/shared/cry")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "cry"


MANIFEST = _cry_dir() / "dev" / "manifest.csv"


@pytest.mark.skipif(not MANIFEST.is_file(), reason="the cry development clips are not here")
def test_the_shipped_detector_on_the_development_clips():
    code, out, _err = run("listen", "evaluate", str(MANIFEST), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["clips"] == 299
    # The figures of docs/performance.md (trained on these clips: not a held-out measure).
    assert result["auc"] >= 0.98
    assert result["recall"] >= 0.72
    assert result["false_alarms_per_hour"] <= 5
    assert 0.2 < result["negative_hours"] < 0.25


@pytest.mark.skipif(not MANIFEST.is_file(), reason="the cry development clips are not here")
def test_the_quiet_gate_changes_no_alarm_on_the_development_clips():
    """Every clip raises the same events at the same times with the quiet gate as without
    it (every frame is scored here, then the gate applied or not): the floor costs no
    recall and moves no alarm."""
    from nestwell.listening import detector
    from nestwell.listening.audio import read_wav
    from nestwell.listening.evaluation import read_manifest
    from nestwell.listening.yamnet import Yamnet

    rules, model = detector.load_rules(), Yamnet()
    assert "gate" in rules
    quietest_alarm = 0.0
    for clip in read_manifest(MANIFEST):
        frames, _times = detector.frame_audio(read_wav(clip["audio"]), rules["hop_samples"])
        scores, levels = model.scores(frames), detector.frame_levels(frames)
        gated = detector.events_for(scores, rules, levels)
        assert gated == detector.events_for(scores, rules), clip["path"]
        for event in gated:
            if event["event"] == "crying_started" and clip["label"] == 1:
                first = round(event["t"] / 0.975)
                run = levels[first:first + rules["rules"]["alarm_frames"]]
                quietest_alarm = min(quietest_alarm, float(run.min()))
    # The floor's margin under the quietest frame that raises a crying clip's alarm.
    assert quietest_alarm - rules["gate"]["floor_dbfs"] >= 20

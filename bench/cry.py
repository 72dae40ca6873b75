"""The cry detector's benchmark: ``python -m bench.cry [--manifest M] [--repeats 5]``.

On the development clips (``$NESTWELL_CRY_DIR/dev/manifest.csv``, read where they are):
the figures of the shipped rules (ROC AUC of the per-clip score, recall, false alarms per
hour of non-crying audio — the same as ``nestwell listen evaluate``), and the CPU cost:
YAMNet (LiteRT, one thread) per 0.975 s frame and the detector's own step, as milliseconds
of one core per second of audio (target: at most 20 ms, 2 % of a core), with the quiet gate
(frames below ``gate.floor_dbfs`` are not classified) and, for comparison, without it
(``without_gate``: the same rules classifying every frame). Medians of
``--repeats`` runs. Writes ``artifacts/bench-cry.json``. The figures are those of a model
trained on these same clips; the honest, cross-validated ones come from
``scripts/train-cry-detector.py`` (see docs/performance.md).
"""

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

from bench.cry_data import cry_dir
from nestwell.listening import detector
from nestwell.listening.audio import SAMPLE_RATE, read_wav
from nestwell.listening.evaluation import figures, read_manifest
from nestwell.listening.yamnet import Yamnet

TARGET_MS_PER_AUDIO_SECOND = 20.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", default=str(cry_dir() / "dev" / "manifest.csv"))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", default="artifacts/bench-cry.json")
    args = parser.parse_args()
    rules = detector.load_rules()
    clips = read_manifest(args.manifest)
    audio = [read_wav(clip["audio"]) for clip in clips]
    model = Yamnet(threads=1)

    per_clip, frame_ms, step_ms, level_ms, seconds = [], [], [], [], 0.0
    for clip, samples in zip(clips, audio, strict=True):
        frames, _times = detector.frame_audio(samples, rules["hop_samples"])
        scores = model.scores(frames)  # every frame, so that both can be measured
        per_clip.append((clip["label"], len(samples) / SAMPLE_RATE, scores,
                         detector.frame_levels(frames)))
        seconds += len(samples) / SAMPLE_RATE
    result = figures(per_clip, rules)
    ungated = {key: value for key, value in rules.items() if key != "gate"}
    without_gate = figures([clip[:3] for clip in per_clip], ungated)
    levels = np.concatenate([clip[3] for clip in per_clip])
    classified = float(detector.heard(levels, rules).mean())

    frames = np.concatenate([detector.frame_audio(a, rules["hop_samples"])[0] for a in audio])
    sample = frames[:: max(1, len(frames) // 60)][:60]
    for _ in range(args.repeats):
        started = time.perf_counter()
        for frame in sample:
            model.frame_scores(frame)
        frame_ms.append(1000 * (time.perf_counter() - started) / len(sample))
        started = time.perf_counter()
        count = 0
        for _label, _s, scores, levels in per_clip:
            cry, happy = detector.frame_probabilities(scores, rules, levels)
            listener = detector.Listener(rules)
            for c, h in zip(cry, happy, strict=True):
                listener.step(c, h)
                count += 1
        step_ms.append(1000 * (time.perf_counter() - started) / count)
        started = time.perf_counter()
        for frame in sample:
            detector.heard(detector.frame_levels(frame), rules)
        level_ms.append(1000 * (time.perf_counter() - started) / len(sample))
    hop_seconds = rules["hop_samples"] / SAMPLE_RATE
    yamnet_ms, detector_ms = statistics.median(frame_ms), statistics.median(step_ms)
    gate_ms = statistics.median(level_ms)
    without_gate["ms_per_audio_second"] = round((yamnet_ms + detector_ms) / hop_seconds, 2)
    result.update({
        "rules_version": rules["version"],
        "audio_seconds": round(seconds, 1),
        "yamnet_ms_per_frame": round(yamnet_ms, 2),
        "detector_ms_per_frame": round(detector_ms, 4),
        "gate_ms_per_frame": round(gate_ms, 4),
        "gate_floor_dbfs": rules.get("gate", {}).get("floor_dbfs"),
        "frames_classified": round(classified, 4),
        "ms_per_audio_second": round(
            (classified * yamnet_ms + gate_ms + detector_ms) / hop_seconds, 2),
        "without_gate": without_gate,
        "target_ms_per_audio_second": TARGET_MS_PER_AUDIO_SECOND,
    })
    result["cpu_target_met"] = result["ms_per_audio_second"] <= TARGET_MS_PER_AUDIO_SECOND
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

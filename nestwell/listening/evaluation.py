"""Measuring the detector on labelled clips: the manifest, YAMNet's frame scores, and the
figures (ROC AUC of the per-clip score; recall and false alarms per hour at the shipped rules).
Pure Python and numpy; YAMNet itself only where frame scores are computed.

* recall: the share of crying clips (label 1) on which the rules raise ``crying_started``;
* false alarms per hour: the non-crying clips (label 0) on which they raise one, divided by
  the hours of non-crying audio;
* ms per audio second: the time of one core spent on framing, the quiet gate, YAMNet and
  the rules, per second of audio (reading the files left out).

Frames the quiet gate holds back (``gate`` in detector.json) are not classified and count
as "not crying", exactly as on the listening page.
"""

import csv
import time
from pathlib import Path

import numpy as np

from nestwell.lib.translation import gettext as _
from nestwell.listening import detector
from nestwell.listening.audio import SAMPLE_RATE, read_wav


class ManifestError(ValueError):
    """A manifest we cannot use; the message is one sentence for a person."""


def read_manifest(path):
    """The manifest's rows as dicts with ``audio`` (a Path) and ``label`` (0 or 1) added."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            rows = list(reader)
    except FileNotFoundError as error:
        raise ManifestError(_("%(path)s: no such manifest.") % {"path": path}) from error
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ManifestError(_("%(path)s: cannot read it as a CSV file (%(reason)s).")
                            % {"path": path, "reason": error}) from error
    missing = [name for name in ("path", "label") if name not in columns]
    if missing:
        raise ManifestError(_("%(path)s: the manifest needs the column(s) %(columns)s.")
                            % {"path": path, "columns": ", ".join(missing)})
    if not rows:
        raise ManifestError(_("%(path)s: the manifest lists no clips.") % {"path": path})
    folder = path.parent
    clips = []
    for line, row in enumerate(rows, start=2):
        label = (row.get("label") or "").strip()
        if label not in ("0", "1"):
            raise ManifestError(_("%(path)s, line %(line)s: label must be 1 (crying) or 0 "
                                  "(not), not %(label)s.")
                                % {"path": path, "line": line, "label": repr(label)})
        relative = (row.get("path") or "").strip()
        if not relative:
            raise ManifestError(_("%(path)s, line %(line)s: the path is empty.")
                                % {"path": path, "line": line})
        audio = folder / relative
        if not audio.is_file():
            raise ManifestError(_("%(path)s, line %(line)s: no such file %(file)s.")
                                % {"path": path, "line": line, "file": relative})
        clips.append({**row, "audio": audio, "label": int(label)})
    return clips


def roc_auc(scores, labels):
    """Area under the ROC curve (ties count half); None without both classes."""
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels)
    positives, negatives = scores[labels == 1], scores[labels == 0]
    if len(positives) == 0 or len(negatives) == 0:
        return None
    greater = (positives[:, None] > negatives[None, :]).sum()
    ties = (positives[:, None] == negatives[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(positives) * len(negatives)))


def clip_frame_scores(model, audio, rules):
    """A clip's (an array of 16 kHz samples) YAMNet scores (n, 521; zeros for the frames
    the quiet gate holds back), its frames' levels and its length in seconds."""
    frames, _times = detector.frame_audio(audio, rules["hop_samples"])
    scores, levels = detector.gated_scores(model, frames, rules)
    return scores, levels, len(audio) / SAMPLE_RATE


def figures(per_clip, rules):
    """The figures from ``per_clip``: a list of ``(label, seconds, frame_scores)`` or
    ``(label, seconds, frame_scores, frame_levels)`` (then with the quiet gate)."""
    per_clip = [(*clip, None) if len(clip) == 3 else tuple(clip) for clip in per_clip]
    labels = [label for label, *_rest in per_clip]
    scores = [detector.clip_score(frames, rules, levels) for _l, _s, frames, levels in per_clip]
    alarmed = [any(e["event"] == "crying_started"
                   for e in detector.events_for(frames, rules, levels))
               for _l, _s, frames, levels in per_clip]
    positives = sum(1 for label in labels if label == 1)
    negative_seconds = sum(seconds for label, seconds, *_rest in per_clip if label == 0)
    false_alarms = sum(1 for label, hit in zip(labels, alarmed, strict=True) if hit and not label)
    hits = sum(1 for label, hit in zip(labels, alarmed, strict=True) if hit and label)
    auc = roc_auc(scores, labels)
    return {
        "clips": len(per_clip),
        "auc": None if auc is None else round(auc, 4),
        "threshold": rules["rules"]["alarm_threshold"],
        "recall": round(hits / positives, 4) if positives else None,
        "false_alarms_per_hour": (round(false_alarms / (negative_seconds / 3600), 2)
                                  if negative_seconds else None),
        "negative_hours": round(negative_seconds / 3600, 4),
    }


def evaluate_manifest(manifest, rules=None, model=None):
    """Run YAMNet and the shipped rules on every clip of a manifest; the figures as a dict."""
    rules = rules or detector.load_rules()
    clips = read_manifest(manifest)
    audio = [read_wav(clip["audio"]) for clip in clips]  # every file checked before any work
    if model is None:
        from nestwell.listening.yamnet import Yamnet

        model = Yamnet()
    per_clip, busy, seconds = [], 0.0, 0.0
    for clip, samples in zip(clips, audio, strict=True):
        started = time.perf_counter()
        scores, levels, length = clip_frame_scores(model, samples, rules)
        detector.events_for(scores, rules, levels)
        busy += time.perf_counter() - started
        seconds += length
        per_clip.append((clip["label"], length, scores, levels))
    result = figures(per_clip, rules)
    result["ms_per_audio_second"] = round(1000 * busy / seconds, 2) if seconds else None
    return result

"""The cry detector: from YAMNet's per-frame scores to "crying started", "crying stopped" and
"happy sounds". Pure Python and numpy (no Django), written to be ported line for line to the
browser; every number it uses is in ``static/listening/detector.json`` (:func:`load_rules`),
which the listening page reads too, so both sides run identical rules.

Framing (how audio becomes frames)
----------------------------------
* Audio is mono, 16,000 Hz, float samples in [-1, 1] (the browser opens its AudioContext at
  16 kHz; Python reads WAV files with :mod:`nestwell.listening.audio`).
* A frame is ``frame_samples`` = 15,600 consecutive samples (0.975 s), YAMNet's fixed input.
  Frame ``i`` starts at sample ``i * hop_samples`` and its time is that start in seconds,
  ``i * hop_samples / 16000`` (MediaPipe's convention: a result's ``timestampMs`` is the
  start of its frame). ``hop_samples`` is in the JSON (15,600: frames follow each other
  without overlap, exactly as MediaPipe's Audio Classifier frames a clip — its
  AudioToTensorCalculator is configured with ``num_samples`` 15,600 and no overlap).
* A finished recording (a file) gives every whole frame, then, if samples remain after the
  last whole frame's hop, one last frame padded with zeros to 15,600 samples; so a clip of
  ``n > 0`` samples gives ``ceil(n / 15600)`` frames. This is what MediaPipe does for a clip.
  A live stream only ever classifies whole frames.
* In the browser, call ``AudioClassifier.classify(frame, 16000)`` on each 15,600-sample
  frame by itself (exactly one result comes back, no resampling, no padding) and read the
  score of every class by its ``index`` (``maxResults`` -1, no score threshold, no
  allow/deny list: the categories come back sorted by score, not by index).

Per-frame probabilities (two small logistic regressions)
--------------------------------------------------------
For each head (``cry``, ``happy``) in the JSON::

    x_j = ln(max(score[index_j], floor))         for j = 0 .. len(indices) - 1
    z   = bias + sum_j weights_j * (x_j - mean_j) / scale_j
    p   = 1 / (1 + exp(-z))

``floor`` is ``rules["log_floor"]``; ``indices``, ``mean``, ``scale``, ``weights`` and
``bias`` belong to the head.

Smoothing and events (a small state machine, one step per frame)
-----------------------------------------------------------------
``s_i`` = the mean of the cry probabilities of the last ``smooth_frames`` (N) frames,
frame ``i`` included (fewer at the very start: the mean of those there are). Likewise
``h_i`` for the happy probability with the same N.

* **crying_started**: while quiet, when ``s`` has been at or above ``alarm_threshold`` (T)
  for ``alarm_frames`` (K) frames in a row, ending at frame ``i``. The event's ``t`` is the
  time of the first of those K frames (the onset, what response times are measured from),
  ``at`` the end of frame ``i`` (``t_i + 0.975``: when the decision could be made), and
  ``confidence`` the highest ``s`` among those K frames, rounded to 3 decimals.
* **crying_stopped**: while crying, when ``s`` has been below ``release_threshold`` (R) for
  ``quiet_frames`` frames in a row (``quiet_frames = ceil(quiet_seconds * 16000 /
  hop_samples)``). ``t`` is the time of the first of those quiet frames; ``at`` as above.
  This is "quiet again", not "settled".
* **happy_sounds**: while not crying, and not already in a happy stretch, when ``h`` has been
  at or above ``happy_threshold`` for ``happy_frames`` frames in a row and ``s`` is below
  ``happy_max_cry`` on each of them. ``t`` and ``at`` as for crying_started. The happy
  stretch ends (and a new event may come) once ``h`` falls below ``happy_release``.

The per-clip score (for ROC AUC) is the highest ``s_i`` of the clip.

The quiet gate (skipping YAMNet on a quiet frame)
-------------------------------------------------
A frame's ``level`` is the loudness of its loudest tenth, in dBFS: the 15,600 samples in
ten blocks of 1,560, the root mean square of each, the highest of the ten, ``20 * log10``
of it (at least 1e-6, so -120 dBFS for digital silence). A frame whose level is below
``gate.floor_dbfs`` is not classified at all: its cry and happy probabilities are both 0,
and it goes through the smoothing and the state machine like any other frame (a quiet frame
is "not crying"; it counts towards "quiet again"). The floor sits far below any crying the
development clips hold (docs/performance.md says how it was chosen); without a ``gate`` in
the JSON every frame is classified.
"""

import json
import math
from pathlib import Path

import numpy as np

from nestwell.lib.translation import gettext as _

SAMPLE_RATE = 16_000
FRAME_SAMPLES = 15_600
RULES_PATH = Path(__file__).resolve().parent / "static" / "listening" / "detector.json"
SCHEMA_VERSION = 1
LEVEL_BLOCKS = 10  # a frame's level is that of its loudest tenth (1,560 samples)
SILENCE_DBFS = -120.0


class RulesError(ValueError):
    """The detector's JSON file is not one this code can run."""


# --- framing -------------------------------------------------------------------------------

def frame_audio(samples, hop_samples=FRAME_SAMPLES):
    """Split a finished recording into frames, as described in the module docstring.

    Returns ``(frames, times)``: an (n, 15600) float32 array and each frame's start in seconds.
    """
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    starts = []
    start = 0
    while start + FRAME_SAMPLES <= len(samples):
        starts.append(start)
        start += hop_samples
    if start < len(samples):
        starts.append(start)
    frames = np.zeros((len(starts), FRAME_SAMPLES), dtype=np.float32)
    for row, begin in enumerate(starts):
        chunk = samples[begin:begin + FRAME_SAMPLES]
        frames[row, :len(chunk)] = chunk
    return frames, np.array(starts, dtype=np.float64) / SAMPLE_RATE


# --- the rules file ------------------------------------------------------------------------

_HEAD_KEYS = ("indices", "mean", "scale", "weights", "bias")
_RULE_KEYS = {
    "smooth_frames": int, "alarm_threshold": float, "alarm_frames": int,
    "release_threshold": float, "quiet_seconds": float, "happy_threshold": float,
    "happy_frames": int, "happy_release": float, "happy_max_cry": float,
}


def load_rules(path=RULES_PATH):
    """Read and check the rules file; raises :class:`RulesError` with a clear message."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise RulesError(_("Cannot read the detector rules %(path)s: %(reason)s")
                         % {"path": path, "reason": error}) from error
    return check_rules(data)


def check_rules(data):
    """The rules, checked; the same dict back."""
    def need(condition, message):
        if not condition:
            raise RulesError(f"detector rules: {message}")

    need(isinstance(data, dict), "not a JSON object")
    need(data.get("schema") == SCHEMA_VERSION, f"schema is not {SCHEMA_VERSION}")
    need(isinstance(data.get("version"), str) and data["version"], "no version")
    need(data.get("sample_rate") == SAMPLE_RATE, "sample_rate is not 16000")
    need(data.get("frame_samples") == FRAME_SAMPLES, "frame_samples is not 15600")
    need(isinstance(data.get("hop_samples"), int) and 0 < data["hop_samples"] <= FRAME_SAMPLES,
         "hop_samples must be a whole number from 1 to 15600")
    need(isinstance(data.get("log_floor"), float) and 0 < data["log_floor"] < 1,
         "log_floor must be a number between 0 and 1")
    for key, kind in _RULE_KEYS.items():
        value = data.get("rules", {}).get(key) if isinstance(data.get("rules"), dict) else None
        need(isinstance(value, kind) and not isinstance(value, bool), f"rules.{key} missing")
        need(value > 0, f"rules.{key} must be above 0")
    for name in ("cry", "happy"):
        head = data.get("heads", {}).get(name) if isinstance(data.get("heads"), dict) else None
        need(isinstance(head, dict), f"heads.{name} missing")
        need(all(key in head for key in _HEAD_KEYS), f"heads.{name} lacks one of {_HEAD_KEYS}")
        size = len(head["indices"])
        need(size > 0, f"heads.{name}.indices is empty")
        need(all(isinstance(i, int) and 0 <= i < 521 for i in head["indices"]),
             f"heads.{name}.indices must be class numbers 0..520")
        for key in ("mean", "scale", "weights"):
            need(len(head[key]) == size, f"heads.{name}.{key} has the wrong length")
        need(all(s > 0 for s in head["scale"]), f"heads.{name}.scale must be above 0")
    if "gate" in data:
        floor = data["gate"].get("floor_dbfs") if isinstance(data["gate"], dict) else None
        need(isinstance(floor, float) and SILENCE_DBFS < floor < 0,
             "gate.floor_dbfs must be a number of dBFS between -120 and 0")
    return data


# --- per-frame probabilities ---------------------------------------------------------------

def head_probability(scores, head, log_floor):
    """The head's probability for each row of ``scores`` (n, 521) -> (n,)."""
    scores = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    x = np.log(np.maximum(scores[:, head["indices"]], log_floor))
    z = head["bias"] + ((x - np.asarray(head["mean"])) / np.asarray(head["scale"])) @ np.asarray(
        head["weights"], dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-z))


def frame_levels(frames):
    """Each frame's level in dBFS (its loudest tenth; see the module docstring): (n,)."""
    frames = np.atleast_2d(np.asarray(frames, dtype=np.float64))
    blocks = frames.reshape(len(frames), LEVEL_BLOCKS, FRAME_SAMPLES // LEVEL_BLOCKS)
    rms = np.sqrt((blocks * blocks).mean(axis=2)).max(axis=1)
    return 20 * np.log10(np.maximum(rms, 10 ** (SILENCE_DBFS / 20)))


def heard(levels, rules):
    """Which frames the quiet gate lets through to YAMNet (all of them without a gate)."""
    levels = np.asarray(levels, dtype=np.float64)
    if "gate" not in rules:
        return np.ones(len(levels), dtype=bool)
    return levels >= rules["gate"]["floor_dbfs"]


def frame_probabilities(scores, rules, levels=None):
    """``(cry, happy)``: two (n,) arrays of per-frame probabilities. With the frames'
    ``levels``, a frame the quiet gate holds back is 0 for both, whatever its scores (they
    are not computed for it)."""
    cry = head_probability(scores, rules["heads"]["cry"], rules["log_floor"])
    happy = head_probability(scores, rules["heads"]["happy"], rules["log_floor"])
    if levels is not None:
        loud = heard(levels, rules)
        cry, happy = np.where(loud, cry, 0.0), np.where(loud, happy, 0.0)
    return cry, happy


def gated_scores(model, frames, rules):
    """``(scores, levels)``: YAMNet's (n, 521) scores of the frames the quiet gate lets
    through (zeros for the others, which are never classified) and every frame's level."""
    frames = np.asarray(frames, dtype=np.float32)
    levels = frame_levels(frames)
    loud = heard(levels, rules)
    scores = np.zeros((len(frames), 521), dtype=np.float32)
    if loud.any():
        scores[loud] = model.scores(frames[loud])
    return scores, levels


def smooth(values, frames):
    """The running mean of the last ``frames`` values (fewer at the start)."""
    values = np.asarray(values, dtype=np.float64)
    sums = np.cumsum(np.concatenate([[0.0], values]))
    index = np.arange(1, len(values) + 1)
    first = np.maximum(index - frames, 0)
    return (sums[index] - sums[first]) / (index - first)


def clip_score(scores, rules, levels=None):
    """The per-clip score: the highest smoothed cry probability (0 for no frames)."""
    if len(scores) == 0:
        return 0.0
    cry, _happy = frame_probabilities(scores, rules, levels)
    return float(smooth(cry, rules["rules"]["smooth_frames"]).max())


# --- the state machine ---------------------------------------------------------------------

class Listener:
    """The smoothing state machine, fed one frame's two probabilities at a time.

    ``step(cry_p, happy_p)`` returns the list of events the frame causes (usually empty);
    each event is a dict ``{"event", "t", "at"}`` plus ``"confidence"`` for crying_started.
    """

    def __init__(self, rules):
        self.rules = rules["rules"]
        self.hop_seconds = rules["hop_samples"] / SAMPLE_RATE
        self.frame_seconds = FRAME_SAMPLES / SAMPLE_RATE
        self.quiet_frames = math.ceil(self.rules["quiet_seconds"] * SAMPLE_RATE
                                      / rules["hop_samples"])
        self.frame = -1
        self.crying = False
        self.happy = False
        self._cry_window, self._happy_window = [], []
        self._above = []  # (frame, s) of the current run at or above T
        self._quiet_run_start = None
        self._happy_run_start = None
        self._happy_run = 0

    def _time(self, frame):
        return round(frame * self.hop_seconds, 3)

    def step(self, cry_p, happy_p):
        rules = self.rules
        self.frame += 1
        frame = self.frame
        n = rules["smooth_frames"]
        self._cry_window = (self._cry_window + [float(cry_p)])[-n:]
        self._happy_window = (self._happy_window + [float(happy_p)])[-n:]
        s = sum(self._cry_window) / len(self._cry_window)
        h = sum(self._happy_window) / len(self._happy_window)
        at = round(frame * self.hop_seconds + self.frame_seconds, 3)
        events = []

        if s >= rules["alarm_threshold"]:  # the current run, at most K frames kept
            self._above = (self._above + [(frame, s)])[-rules["alarm_frames"]:]
        else:
            self._above = []
        if not self.crying:
            if len(self._above) >= rules["alarm_frames"]:
                run = self._above[-rules["alarm_frames"]:]
                self.crying = True
                self._quiet_run_start = None
                self.happy = False
                self._happy_run = 0
                events.append({"event": "crying_started", "t": self._time(run[0][0]), "at": at,
                               "confidence": round(max(v for _f, v in run), 3)})
        else:
            if s < rules["release_threshold"]:
                if self._quiet_run_start is None:
                    self._quiet_run_start = frame
                if frame - self._quiet_run_start + 1 >= self.quiet_frames:
                    self.crying = False
                    events.append({"event": "crying_stopped",
                                   "t": self._time(self._quiet_run_start), "at": at})
                    self._quiet_run_start = None
                    self._above = []
            else:
                self._quiet_run_start = None

        if self.crying:
            self._happy_run = 0
        elif self.happy and h < rules["happy_release"]:
            self.happy = False
            self._happy_run = 0
        if not self.crying and not self.happy:
            if h >= rules["happy_threshold"] and s < rules["happy_max_cry"]:
                if self._happy_run == 0:
                    self._happy_run_start = frame
                self._happy_run += 1
                if self._happy_run >= rules["happy_frames"]:
                    self.happy = True
                    events.append({"event": "happy_sounds",
                                   "t": self._time(self._happy_run_start), "at": at})
            else:
                self._happy_run = 0
        return events


def events_for(scores, rules, levels=None):
    """Every event a recording's frame scores (n, 521) raise, in order (with the frames'
    ``levels``, the quiet gate applied)."""
    if len(scores) == 0:
        return []
    cry, happy = frame_probabilities(scores, rules, levels)
    return events_from_probabilities(cry, happy, rules)


def events_from_probabilities(cry, happy, rules):
    """Every event the per-frame probabilities raise, in order."""
    listener = Listener(rules)
    events = []
    for cry_p, happy_p in zip(cry, happy, strict=True):
        events.extend(listener.step(cry_p, happy_p))
    return events

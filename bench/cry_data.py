"""The cry development set for the training script and the benchmark: where it is, and YAMNet's
frame scores of its clips, cached outside the repository (never the audio itself).

``NESTWELL_CRY_DIR`` points at the shared folder (with ``dev/manifest.csv``); by default the
checkout's ``../shared/cry``, else ``/work/shared/cry``. The cache lives in
``NESTWELL_CRY_CACHE`` (default ``~/.cache/nestwell/cry``), one ``.npy`` per clip and hop,
keyed by the model's hash.
"""

import hashlib
import os
from pathlib import Path

import numpy as np

from nestwell.listening import detector
from nestwell.listening.audio import read_wav
from nestwell.listening.evaluation import read_manifest
from nestwell.listening.yamnet import MODEL_SHA256

ROOT = Path(__file__).resolve().parent.parent


def cry_dir():
    if os.environ.get("NESTWELL_CRY_DIR"):
        return Path(os.environ["NESTWELL_CRY_DIR"])
    for candidate in (ROOT.parent / "shared" / "cry", Path("/work/shared/cry")):
        if (candidate / "dev" / "manifest.csv").is_file():
            return candidate
    return ROOT.parent / "shared" / "cry"


def cache_dir():
    return Path(os.environ.get("NESTWELL_CRY_CACHE", Path.home() / ".cache/nestwell/cry"))


def load_dev(hop_samples, model=None, manifest=None):
    """The dev clips as dicts (manifest row + ``scores`` (n, 521) + ``seconds`` + ``levels``,
    each frame's level in dBFS for the quiet gate, read from the audio every time)."""
    manifest = Path(manifest or cry_dir() / "dev" / "manifest.csv")
    clips = read_manifest(manifest)
    folder = cache_dir() / f"{MODEL_SHA256[:12]}-hop{hop_samples}"
    folder.mkdir(parents=True, exist_ok=True)
    for clip in clips:
        key = hashlib.sha256(str(clip["audio"].resolve()).encode()).hexdigest()[:20]
        stat = clip["audio"].stat()
        cached = folder / f"{key}-{stat.st_size}-{int(stat.st_mtime)}.npz"
        samples = read_wav(clip["audio"])
        frames, _times = detector.frame_audio(samples, hop_samples)
        clip["levels"] = detector.frame_levels(frames)
        if cached.is_file():
            with np.load(cached) as data:
                clip["scores"], clip["seconds"] = data["scores"], float(data["seconds"])
            continue
        if model is None:
            from nestwell.listening.yamnet import Yamnet

            model = Yamnet()
        clip["scores"], clip["seconds"] = model.scores(frames), len(samples) / 16000
        np.savez(cached, scores=clip["scores"], seconds=clip["seconds"])
    return clips

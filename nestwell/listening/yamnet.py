"""YAMNet on the Python side: the shipped ``static/listening/yamnet.tflite`` run by LiteRT
(``ai-edge-litert``, the optional ``listen`` extra), one 15,600-sample frame at a time.

It gives the same 521 scores (sigmoid probabilities, AudioSet order) that MediaPipe's Audio
Classifier gives in the browser for the same frame, up to float rounding between the two
XNNPACK builds.
"""

from pathlib import Path

import numpy as np

from nestwell.lib.translation import gettext as _
from nestwell.listening.detector import FRAME_SAMPLES

MODEL_PATH = Path(__file__).resolve().parent / "static" / "listening" / "yamnet.tflite"
MODEL_SHA256 = "10c95ea3eb9a7bb4cb8bddf6feb023250381008177ac162ce169694d05c317de"
CLASSES = 521


class ModelUnavailable(RuntimeError):
    """LiteRT is not installed (``pip install 'nestwell[listen]'``) or the model is missing."""


class Yamnet:
    def __init__(self, model_path=MODEL_PATH, threads=1):
        try:
            from ai_edge_litert.interpreter import Interpreter
        except ImportError as error:
            raise ModelUnavailable(
                _("Listening needs LiteRT: install it with %(command)s.")
                % {"command": "pip install 'nestwell[listen]'"}
            ) from error
        if not Path(model_path).is_file():
            raise ModelUnavailable(_("The YAMNet model is missing: %(path)s.")
                                   % {"path": model_path})
        self._interpreter = Interpreter(model_path=str(model_path), num_threads=threads)
        self._interpreter.allocate_tensors()
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]

    def frame_scores(self, frame):
        """The 521 scores of one frame of exactly 15,600 samples (float, -1..1)."""
        frame = np.asarray(frame, dtype=np.float32)
        if frame.shape != (FRAME_SAMPLES,):
            raise ValueError(f"a YAMNet frame is {FRAME_SAMPLES} samples, not {frame.shape}")
        self._interpreter.set_tensor(self._input, frame)
        self._interpreter.invoke()
        return self._interpreter.get_tensor(self._output)[0].copy()

    def scores(self, frames):
        """An (n, 521) float32 array: the scores of each row of ``frames``."""
        frames = np.asarray(frames, dtype=np.float32)
        out = np.empty((len(frames), CLASSES), dtype=np.float32)
        for row, frame in enumerate(frames):
            out[row] = self.frame_scores(frame)
        return out

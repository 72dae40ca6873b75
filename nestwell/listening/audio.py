"""Reading a WAV file into 16 kHz mono floats, with the standard library's ``wave`` and numpy.

Only uncompressed PCM WAV is read (8-bit unsigned, 16-, 24- or 32-bit signed integers); any
other file is refused with :class:`AudioError` and a sentence saying why. Several channels are
mixed down by their mean (as MediaPipe's audio tasks do). Another sample rate is converted to
16 kHz by :func:`resample`: a polyphase windowed-sinc filter (Kaiser window, beta 8.6,
16 zero crossings each side at the lower of the two rates), the textbook band-limited method,
written here in numpy because the project does not depend on scipy. The browser never needs
it: its AudioContext runs at 16 kHz.
"""

import math
import wave

import numpy as np

from nestwell.lib.translation import gettext as _

SAMPLE_RATE = 16_000


class AudioError(ValueError):
    """A file we cannot read as audio; the message is one sentence for a person."""


def read_wav(path, rate=SAMPLE_RATE):
    """The file's samples as float32 in [-1, 1], mono, at ``rate`` Hz."""
    try:
        with wave.open(str(path), "rb") as handle:
            channels = handle.getnchannels()
            width = handle.getsampwidth()
            source_rate = handle.getframerate()
            raw = handle.readframes(handle.getnframes())
    except FileNotFoundError as error:
        raise AudioError(_("%(path)s: no such file.") % {"path": path}) from error
    except IsADirectoryError as error:
        raise AudioError(_("%(path)s: is a folder, not a WAV file.") % {"path": path}) from error
    except (wave.Error, EOFError) as error:
        raise AudioError(_("%(path)s: not a PCM WAV file we can read (%(reason)s).")
                         % {"path": path, "reason": error}) from error
    except OSError as error:
        raise AudioError(_("%(path)s: could not be read (%(reason)s).")
                         % {"path": path, "reason": error.strerror or error}) from error
    if channels < 1 or source_rate < 1000:
        raise AudioError(_("%(path)s: a WAV file with %(channels)s channels at %(rate)s Hz.")
                         % {"path": path, "channels": channels, "rate": source_rate})
    samples = _decode(raw, width, path)
    usable = len(samples) - len(samples) % channels
    samples = samples[:usable].reshape(-1, channels).mean(axis=1, dtype=np.float64)
    if source_rate != rate:
        samples = resample(samples, source_rate, rate)
    return samples.astype(np.float32)


def _decode(raw, width, path):
    if width == 1:
        return (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) / 128.0
    if width == 2:
        return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    if width == 3:
        bytes3 = np.frombuffer(raw[: len(raw) - len(raw) % 3], dtype=np.uint8).reshape(-1, 3)
        values = (bytes3[:, 0].astype(np.int32) | (bytes3[:, 1].astype(np.int32) << 8)
                  | (bytes3[:, 2].astype(np.int32) << 16))
        values = np.where(values >= 1 << 23, values - (1 << 24), values)
        return values.astype(np.float64) / float(1 << 23)
    if width == 4:
        return np.frombuffer(raw, dtype="<i4").astype(np.float64) / float(1 << 31)
    raise AudioError(_("%(path)s: %(bits)s-bit samples are not supported.")
                     % {"path": path, "bits": 8 * width})


def resample(samples, source_rate, target_rate, zero_crossings=16, beta=8.6):
    """Band-limited rational resampling (polyphase windowed sinc) of a 1-D signal."""
    samples = np.asarray(samples, dtype=np.float64)
    if source_rate == target_rate or len(samples) == 0:
        return samples.copy()
    common = math.gcd(int(source_rate), int(target_rate))
    up, down = int(target_rate) // common, int(source_rate) // common
    cutoff = 1.0 / max(up, down)  # of the upsampled rate's Nyquist frequency
    half = int(math.ceil(zero_crossings / cutoff))  # taps each side, at the upsampled rate
    taps = np.arange(-half, half + 1)
    kernel = cutoff * np.sinc(cutoff * taps) * np.kaiser(2 * half + 1, beta) * up
    count = int(math.ceil(len(samples) * up / down))
    positions = np.arange(count, dtype=np.int64) * down  # on the upsampled grid
    out = np.empty(count)
    padded = np.concatenate([np.zeros(half // up + 2), samples, np.zeros(half // up + 2)])
    offset = half // up + 2
    # Output m is sum over input n of kernel[half + m*down - n*up]; only n with the
    # index inside the kernel count.
    reach = half // up + 1
    for start in range(0, count, 4096):
        pos = positions[start:start + 4096]
        first = pos // up - reach
        n = first[:, None] + np.arange(2 * reach + 2)[None, :]
        index = half + pos[:, None] - n * up
        valid = (index >= 0) & (index <= 2 * half) & (n >= 0) & (n < len(samples))
        weights = np.where(valid, kernel[np.clip(index, 0, 2 * half)], 0.0)
        out[start:start + 4096] = (weights * padded[np.clip(n, -offset, None) + offset]).sum(1)
    return out

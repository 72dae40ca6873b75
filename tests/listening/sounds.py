"""Made-up sounds for the listening tests, synthesised with numpy (no recording of anyone,
nothing copied from the shared clips): a cry-like wail that the shipped detector hears as
crying, a speech-like babble and a quiet room, all 16 kHz mono and the same on every run.
"""

import wave

import numpy as np

RATE = 16_000
VOWELS = [(730, 1090, 2440), (270, 2290, 3010), (300, 870, 2240), (530, 1840, 2480),
          (570, 840, 2410)]


def cry(seconds, seed=0, f0=350.0):
    """Wails of about a second with a breath between: a rising and falling pitch with
    vibrato, its harmonics shaped by two formant bumps."""
    rng = np.random.default_rng(seed)

    def wail(tt, dur):
        base = f0 * (1 + 0.15 * np.sin(np.pi * tt / dur)) * (1 + 0.02 * np.sin(2 * np.pi * 6 * tt))
        base *= (1 + 0.01 * rng.standard_normal(len(tt))).cumsum() / np.arange(1, len(tt) + 1)
        phase = 2 * np.pi * np.cumsum(base) / RATE
        out = np.zeros(len(tt))
        for k in range(1, 12):
            f = base * k
            gain = (np.exp(-((f - 1100) / 700) ** 2) + 0.6 * np.exp(-((f - 3000) / 900) ** 2)
                    + 0.3 / k)
            out += gain * np.sin(k * phase)
        envelope = np.clip(np.minimum(tt / 0.05, (dur - tt) / 0.1), 0, 1)
        return (out + 0.02 * rng.standard_normal(len(tt))) * envelope

    return _bursts(seconds, rng, (0.9, 1.4), lambda: rng.uniform(0.15, 0.35), wail, 0.6)


def speech(seconds, seed=0, f0=120.0):
    """Syllables of a fifth of a second on a few vowels, with short pauses: a voice talking."""
    rng = np.random.default_rng(seed)

    def syllable(tt, dur):
        base = f0 * (1 + 0.1 * rng.standard_normal()) * (1 - 0.2 * tt / dur)
        phase = 2 * np.pi * base * tt
        formants = VOWELS[rng.integers(len(VOWELS))]
        voiced = np.zeros(len(tt))
        for k in range(1, 40):
            f = base * k
            if f[0] > 7000:
                break
            gain = sum(np.exp(-((f - fk) / 120) ** 2) * 0.8 ** i
                       for i, fk in enumerate(formants)) + 0.02
            voiced += gain * np.sin(k * phase)
        return voiced * np.clip(np.minimum(tt / 0.02, (dur - tt) / 0.03), 0, 1)

    def pause():
        gap = rng.uniform(0.03, 0.12)
        return gap + (rng.uniform(0.2, 0.5) if rng.random() < 0.15 else 0)

    return _bursts(seconds, rng, (0.12, 0.3), pause, syllable, 0.4)


def _bursts(seconds, rng, lengths, pause, make, peak):
    """Sounds of random length one after another, each followed by a pause."""
    n = int(seconds * RATE)
    out = np.zeros(n)
    pos = 0.0
    while pos < seconds:
        dur = rng.uniform(*lengths)
        gap = pause()
        a, b = int(pos * RATE), min(n, int((pos + dur) * RATE))
        if b <= a:
            break
        out[a:b] += make(np.arange(b - a) / RATE, dur)
        pos += dur + gap
    return _scaled(out, peak)


def hush(seconds, seed=0, level=0.003):
    """A quiet room: faint noise."""
    rng = np.random.default_rng(seed)
    return (level * rng.standard_normal(int(seconds * RATE))).astype(np.float32)


def _scaled(signal, peak):
    return (peak * signal / (np.abs(signal).max() + 1e-9)).astype(np.float32)


def write_wav(path, samples, rate=RATE):
    """16-bit PCM mono, as Chromium's fake microphone reads it."""
    pcm = np.clip(np.asarray(samples) * 32767, -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(pcm.tobytes())
    return path

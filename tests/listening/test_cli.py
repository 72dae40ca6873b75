"""``nestwell listen``: the contract of evaluate and file, on audio made here with numpy
(tones and noise; never the development clips)."""

import csv
import json
import wave

import numpy as np
import pytest

from nestwell.listening.audio import AudioError, read_wav, resample
from tests.cli_run import run_cli


def write_wav(path, samples, rate=16_000, channels=1, width=2):
    samples = np.asarray(samples, dtype=np.float64)
    data = np.repeat(samples[:, None], channels, axis=1).reshape(-1)
    if width == 2:
        raw = (np.clip(data, -1, 1) * 32767).astype("<i2").tobytes()
    else:
        raw = (np.clip(data, -1, 1) * 127 + 128).astype(np.uint8).tobytes()
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(channels)
        handle.setsampwidth(width)
        handle.setframerate(rate)
        handle.writeframes(raw)
    return path


def tone(seconds, hz=440.0, rate=16_000, level=0.3):
    t = np.arange(int(seconds * rate)) / rate
    return level * np.sin(2 * np.pi * hz * t)


def noise(seconds, rate=16_000, level=0.1):
    return level * np.random.default_rng(7).standard_normal(int(seconds * rate))


def run(*argv):
    return run_cli(*argv)


def manifest(folder, rows, columns=("path", "label")):
    path = folder / "manifest.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def test_evaluate_prints_the_figures_as_json(tmp_path):
    write_wav(tmp_path / "a.wav", tone(3.0))
    (tmp_path / "sub").mkdir()
    write_wav(tmp_path / "sub" / "b.wav", noise(2.0))
    write_wav(tmp_path / "c.wav", tone(1.5, hz=880, rate=8_000), rate=8_000, channels=2)
    path = manifest(tmp_path, [("a.wav", "1"), ("sub/b.wav", "0"), ("c.wav", "0")])
    code, out, _err = run("listen", "evaluate", str(path), "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"clips", "auc", "threshold", "recall", "false_alarms_per_hour",
                           "negative_hours", "ms_per_audio_second"}
    assert result["clips"] == 3
    assert 0 <= result["auc"] <= 1 and 0 <= result["recall"] <= 1
    assert result["negative_hours"] == pytest.approx(3.5 / 3600, abs=1e-4)
    assert result["false_alarms_per_hour"] >= 0 and result["ms_per_audio_second"] > 0
    code, out, _err = run("listen", "evaluate", str(path))
    assert code == 0 and "3 clips" in out


@pytest.mark.parametrize(("rows", "columns", "words"), [
    ([("a.wav", "1")], ("file", "label"), "column(s) path"),
    ([("a.wav", "1")], ("path", "truth"), "column(s) label"),
    ([("a.wav", "yes")], ("path", "label"), "label must be 1"),
    ([("a.wav", "2")], ("path", "label"), "label must be 1"),
    ([("gone.wav", "0")], ("path", "label"), "no such file gone.wav"),
    ([("", "0")], ("path", "label"), "path is empty"),
    ([], ("path", "label"), "lists no clips"),
    ([("notes.txt", "0")], ("path", "label"), "not a PCM WAV file"),
])
def test_a_bad_manifest_is_refused_in_one_line(tmp_path, rows, columns, words):
    write_wav(tmp_path / "a.wav", tone(1.0))
    (tmp_path / "notes.txt").write_text("not audio")
    path = manifest(tmp_path, rows, columns)
    code, out, err = run("listen", "evaluate", str(path), "--json")
    assert code == 2 and out == ""
    assert words in err and err.count("\n") == 1


def test_a_missing_manifest_is_refused(tmp_path):
    code, _out, err = run("listen", "evaluate", str(tmp_path / "none.csv"))
    assert code == 2 and "no such manifest" in err


def test_file_prints_the_events_with_times(tmp_path):
    path = write_wav(tmp_path / "quiet.wav", tone(4.0, level=0.05))
    code, out, _err = run("listen", "file", str(path))
    assert code == 0 and out.strip().splitlines()[-1] == "No crying heard."
    code, out, _err = run("listen", "file", str(path), "--json")
    result = json.loads(out)
    assert code == 0 and result["seconds"] == 4.0 and result["events"] == []
    assert "frames" not in result
    code, out, _err = run("listen", "file", str(path), "--json", "--frames")
    frames = json.loads(out)["frames"]
    assert [f["t"] for f in frames] == [0.0, 0.975, 1.95, 2.925, 3.9]
    assert {"cry", "happy", "scores"} <= set(frames[0]) and "20" in frames[0]["scores"]


def test_file_shows_the_frames_the_quiet_gate_held_back(tmp_path):
    path = write_wav(tmp_path / "hush-then-tone.wav",
                     np.concatenate([np.zeros(15_600), tone(1.95, level=0.05)]))
    code, out, _err = run("listen", "file", str(path), "--json", "--frames")
    frames = json.loads(out)["frames"]
    assert code == 0 and [f["heard"] for f in frames] == [False, True, True]
    assert frames[0]["level"] == -120.0 and frames[0]["scores"] is None
    assert (frames[0]["cry"], frames[0]["happy"]) == (0.0, 0.0)
    assert frames[1]["level"] > -30 and "20" in frames[1]["scores"]


def test_file_refuses_what_is_not_a_wav(tmp_path):
    path = tmp_path / "song.mp3"
    path.write_bytes(b"ID3\x03\x00")
    code, out, err = run("listen", "file", str(path))
    assert code == 2 and out == "" and "not a PCM WAV file" in err
    code, _out, err = run("listen", "file", str(tmp_path / "none.wav"))
    assert code == 2 and "no such file" in err


def test_wav_reading_mixes_down_and_resamples(tmp_path):
    path = write_wav(tmp_path / "stereo8k.wav", tone(1.0, hz=440, rate=8_000), rate=8_000,
                     channels=2)
    samples = read_wav(path)
    assert samples.dtype == np.float32 and len(samples) == 16_000
    expected = tone(1.0, hz=440)
    assert np.abs(samples[200:-200] - expected[200:-200]).max() < 2e-3
    eight_bit = read_wav(write_wav(tmp_path / "u8.wav", tone(0.5), width=1))
    assert np.abs(eight_bit - tone(0.5)).max() < 2 / 128  # 8-bit steps, truncated


def test_resampling_keeps_a_tone_and_removes_what_cannot_be_kept():
    rate = 44_100
    t = np.arange(rate) / rate
    kept = resample(np.sin(2 * np.pi * 1000 * t), rate, 16_000)
    assert len(kept) == 16_000
    assert np.abs(kept[300:-300] - np.sin(2 * np.pi * 1000 * np.arange(16_000) / 16_000)[
        300:-300]).max() < 1e-3
    above_nyquist = resample(np.sin(2 * np.pi * 12_000 * t), rate, 16_000)
    assert np.abs(above_nyquist[300:-300]).max() < 1e-3


def test_an_empty_folder_named_as_audio_is_refused(tmp_path):
    with pytest.raises(AudioError):
        read_wav(tmp_path)

"""A measurement, not a check: the listening page's CPU in Chromium, with the quiet gate
(detector.json's ``gate``) and without it, in one run. Skipped unless asked for:

    NESTWELL_BENCH_LISTEN_CPU=1 .venv/bin/pytest tests/browser/test_listening_cpu.py -s

Each run launches Chromium with the fake microphone playing a synthesised sound in a loop,
starts listening, lets the first frames pass, then reads the CPU time (user + system, from
``/proc``) of every process of that Chromium over ``NESTWELL_BENCH_SECONDS`` (default 30)
seconds of listening. "Without the gate" serves the page the same detector.json minus its
``gate``. The runs alternate (off, on, off, on …) so that the machine's load falls on both
alike; the medians go to ``artifacts/bench-listen-page.json`` and are printed. Nothing is
asserted about the figures: a shared machine makes them noisy.
"""

import json
import os
import statistics
import time
from pathlib import Path

import numpy as np
import pytest

from nestwell.accounts.models import User
from nestwell.listening import detector
from tests.browser.conftest import Screen, chromium_path, wait_for_the_server
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_listening_page import HEARD, RUNTIME_INFO, start
from tests.browser.test_night_and_install import WAKE_LOCK_STUB
from tests.listening.sounds import cry, hush, speech, write_wav

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("NESTWELL_BENCH_LISTEN_CPU"),
                       reason="a measurement: NESTWELL_BENCH_LISTEN_CPU=1 runs it"),
]

TICKS = os.sysconf("SC_CLK_TCK")
ROOT = Path(__file__).resolve().parents[2]


def quiet_room(seconds, seed=0):
    """A quiet nursery as a phone's microphone hears it without automatic gain: faint noise
    at -80 dBFS (the tests' hush() is at -50, a room with a fan)."""
    return hush(seconds, seed=seed, level=1e-4)


SOUNDS = {
    "quiet room (-80 dBFS)": lambda: quiet_room(30),
    "mixed: 10 s speech, 10 s quiet room, 10 s crying": lambda: np.concatenate(
        [speech(10, seed=5), quiet_room(10, seed=6), cry(10, seed=7)]),
}


def _processes():
    """pid -> (ppid, cmdline, cpu seconds) of every process we can read."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
            cmdline = Path(f"/proc/{name}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        found[int(name)] = (int(fields[1]), cmdline,
                            (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def _chromium_of(wav):
    """The pids of the Chromium launched with this WAV file and of all its descendants."""
    table = _processes()
    roots = {pid for pid, (_pp, cmd, _c) in table.items()
             if f"--use-file-for-fake-audio-capture={wav}" in cmd and "--type=" not in cmd}
    family, grew = set(roots), True
    while grew:
        grew = False
        for pid, (ppid, _cmd, _c) in table.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    return family


def _cpu(pids):
    table = _processes()
    return {pid: (table[pid][1], table[pid][2]) for pid in pids if pid in table}


def _measure(browser, live_server, wav, gate, seconds):
    """One run in a Chromium of its own (closed afterwards, so that no other listens)."""
    own = browser.browser_type.launch(executable_path=chromium_path(), args=[
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}"])
    try:
        s = Screen(own, live_server, "phone", "listen-cpu")
        s.context.add_init_script(WAKE_LOCK_STUB)
        s.page.set_default_timeout(HEARD)
        s.user, s.household, s.child = signed_in_with_baby(s)
        s.go("/listen/")
        result = _listen(s, wav, gate, seconds)
        s.context.close()
        assert [e for e in s.errors if RUNTIME_INFO not in e] == []
    finally:
        own.close()
        wait_for_the_server()
    User.objects.all().delete()
    return result


def _listen(s, wav, gate, seconds):
    rules_url = s.page.get_by_test_id("listen").get_attribute("data-rules")
    if not gate:
        served = detector.load_rules()
        served.pop("gate", None)
        s.context.route(f"**{rules_url}", lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(served)))
    start(s)
    s.page.wait_for_function(
        "() => Number(document.getElementById('listen').dataset.frames) >= 3")
    data = s.page.evaluate("() => ({...document.getElementById('listen').dataset})")
    pids = _chromium_of(wav)
    before, began = _cpu(pids), time.monotonic()
    s.page.wait_for_timeout(seconds * 1000)
    after, wall = _cpu(pids), time.monotonic() - began
    later = s.page.evaluate("() => ({...document.getElementById('listen').dataset})")
    used = {pid: after[pid][1] - before[pid][1] for pid in after if pid in before}
    renderers = [pid for pid in used if "--type=renderer" in after[pid][0]]
    page = max(renderers, key=lambda pid: used[pid])
    audio = [pid for pid in used if "audio" in after[pid][0] and "--type=utility" in after[pid][0]]
    frames = int(later["frames"]) - int(data["frames"])
    skipped = int(later.get("skipped", 0)) - int(data.get("skipped", 0))
    busy = float(later.get("busyMs", 0)) - float(data.get("busyMs", 0))
    return {
        "seconds": round(wall, 2), "frames": frames, "skipped": skipped,
        "page_percent": round(100 * used[page] / wall, 2),
        "detector_ms_per_frame": round(busy / max(1, frames), 2),
        "detector_percent": round(100 * busy / 1000 / wall, 2),
        "audio_service_percent": round(100 * sum(used[p] for p in audio) / wall, 2),
        "chromium_percent": round(100 * sum(used.values()) / wall, 2),
    }


def test_the_listening_page_cpu_with_and_without_the_quiet_gate(browser, live_server,
                                                                tmp_path):
    seconds = int(os.environ.get("NESTWELL_BENCH_SECONDS", "30"))
    repeats = int(os.environ.get("NESTWELL_BENCH_REPEATS", "3"))
    results = {}
    for name, make in SOUNDS.items():
        wav = write_wav(tmp_path / f"sound-{len(results)}.wav", make())
        runs = {"without the gate": [], "with the gate": []}
        for _ in range(repeats):
            for label, gate in (("without the gate", False), ("with the gate", True)):
                runs[label].append(_measure(browser, live_server, wav, gate, seconds))
        results[name] = {
            label: {"median": {key: statistics.median(r[key] for r in got)
                               for key in got[0]}, "runs": got}
            for label, got in runs.items()}
    results["load_average"] = os.getloadavg()
    out = ROOT / "artifacts" / "bench-listen-page.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({name: {label: v["median"] for label, v in value.items()}
                      for name, value in results.items() if name != "load_average"}, indent=1))

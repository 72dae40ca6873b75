"""The listening page in Chromium, with a fake microphone fed from a WAV file
(``--use-file-for-fake-audio-capture``; each test launches its own browser with its sound).

The sounds are synthesised by tests/listening/sounds.py (nothing recorded, nothing copied
from the shared clips): a cry-like wail opens a crying episode on the server through the
listening API and notes "quiet again" after it; a voice talking and a quiet room open
nothing; the page asks nothing of any host but Nestwell; the scores MediaPipe gives each
frame in the browser match LiteRT's in Python for the same frames.
"""

import csv

import numpy as np
import pytest
from playwright.sync_api import expect

from nestwell.care.models import Cue
from nestwell.listening import detector
from nestwell.listening.models import ListeningDevice
from tests.browser.conftest import Screen, chromium_path, wait_for_the_server
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_night_and_install import WAKE_LOCK_STUB
from tests.listening.sounds import cry, hush, speech, write_wav
from tests.listening.test_dev_set import MANIFEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# MediaPipe's runtime writes this line to stderr, which reaches the console as an error.
RUNTIME_INFO = "Created TensorFlow Lite XNNPACK delegate for CPU"
HEARD = 120_000  # ms: the fake microphone plays in real time, slower on a busy machine


@pytest.fixture
def listening(browser, live_server, tmp_path):
    """open_page(samples, viewport): a Screen in a Chromium of its own whose microphone
    plays the samples (looped), signed in with a baby, on the listening page, every request
    to a host other than the live server blocked and recorded in ``screen.elsewhere``."""
    opened = []

    def open_page(samples, viewport="phone", prefix="listen"):
        wav = write_wav(tmp_path / f"sound-{len(opened)}.wav", samples)
        # Launched by the session's Playwright (the ``browser`` fixture's), with the sound.
        own = browser.browser_type.launch(executable_path=chromium_path(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}"])
        s = Screen(own, live_server, viewport, prefix)
        opened.append((own, s))
        s.elsewhere = []

        def only_nestwell(route):
            if route.request.url.startswith(live_server.url + "/"):
                route.continue_()
            else:
                s.elsewhere.append(route.request.url)
                route.abort()

        s.context.route("**/*", only_nestwell)
        s.context.add_init_script(WAKE_LOCK_STUB)
        s.page.set_default_timeout(HEARD)
        s.user, s.household, s.child = signed_in_with_baby(s)
        s.go("/listen/")
        return s

    yield open_page
    for own, s in opened:
        s.errors = [e for e in s.errors if RUNTIME_INFO not in e]
        try:
            s.close()
        finally:
            own.close()
    wait_for_the_server()


def start(s, name="Nursery"):
    s.page.get_by_label("Name this device").fill(name)
    s.page.get_by_test_id("listen-start").click()
    expect(s.page.get_by_test_id("listen")).to_have_attribute("data-state", "listening",
                                                            timeout=HEARD)


def eventually(s, check, seconds=30):
    """The page sends its events after it shows them: wait for the server to have one."""
    for _ in range(seconds * 10):
        if check():
            return True
        s.page.wait_for_timeout(100)
    return False


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_page_listens_and_asks_nothing_of_any_other_host(listening, viewport):
    s = listening(hush(20), viewport)
    expect(s.page.get_by_test_id("listen-state")).to_have_text("Not listening yet.")
    s.shoot("setup")
    start(s)
    device = ListeningDevice.objects.get(household=s.household)
    assert (device.name, device.child, device.stopped_at) == ("Nursery", s.child, None)
    assert s.page.evaluate("window.__wakeRequests") == ["screen"]
    expect(s.page.get_by_test_id("listen-heard")).to_contain_text("All quiet so far")
    s.page.wait_for_function(
        "() => Number(document.getElementById('listen').dataset.frames) >= 2")
    s.shoot("listening")
    expect(s.page.get_by_test_id("listen-alert")).to_be_hidden()

    s.page.get_by_test_id("listen-stop").click()
    expect(s.page.get_by_test_id("listen-state")).to_have_text(
        "Stopped. Nothing is being heard.")
    expect(s.page.get_by_test_id("listen-start")).to_be_visible()
    assert eventually(s, lambda: ListeningDevice.objects.get(pk=device.pk).stopped_at)
    assert s.elsewhere == []


def test_a_cry_opens_an_episode_heard_by_the_device_then_quiet_again(listening):
    s = listening(np.concatenate([hush(3), cry(12), hush(14)]))
    start(s, "Cot side")
    expect(s.page.get_by_test_id("listen")).to_have_attribute("data-state", "crying",
                                                            timeout=HEARD)
    expect(s.page.get_by_test_id("listen-heard")).to_contain_text("the household has been told")
    assert eventually(s, lambda: Cue.objects.filter(child=s.child).exists())
    episode = Cue.objects.get(child=s.child)
    assert (episode.source, episode.heard_by, episode.quiet_at) == ("detector", "Cot side", None)
    assert episode.detection.confidence >= 0.95
    assert episode.detection.scores == []  # she did not agree to keep them
    s.shoot("crying", both_schemes=False)

    expect(s.page.get_by_test_id("listen-heard")).to_contain_text("Quiet again", timeout=HEARD)
    expect(s.page.get_by_test_id("listen")).to_have_attribute("data-state", "listening",
                                                            timeout=HEARD)
    assert eventually(s, lambda: Cue.objects.get(pk=episode.pk).quiet_at is not None)
    episode.refresh_from_db()
    assert (episode.closed_at, episode.outcome) == (None, "")  # quiet, not "settled"
    assert s.elsewhere == []


def test_at_the_microphones_own_rate_the_page_resamples_and_still_hears_the_cry(listening):
    """Firefox will not join a microphone to a 16 kHz context: the page then runs the
    context at the device's rate and the worklet resamples. Forced here in Chromium."""
    s = listening(np.concatenate([hush(3), cry(12), hush(14)]))
    s.context.add_init_script("""
      const Native = window.AudioContext;
      window.AudioContext = class extends Native {
        constructor(options) { super({...options, sampleRate: undefined}); }
      };
    """)
    s.go("/listen/")
    start(s)
    assert s.page.evaluate("() => new AudioContext().sampleRate") != 16000
    expect(s.page.get_by_test_id("listen")).to_have_attribute("data-state", "crying",
                                                            timeout=HEARD)
    assert eventually(s, lambda: Cue.objects.filter(child=s.child, source="detector").exists())


def test_a_voice_talking_opens_nothing(listening):
    s = listening(speech(20, seed=1))
    start(s)
    s.page.wait_for_function(
        "() => Number(document.getElementById('listen').dataset.frames) >= 10",
        timeout=HEARD)
    assert s.page.get_by_test_id("listen").get_attribute("data-state") == "listening"
    assert not Cue.objects.filter(child=s.child).exists()
    assert ListeningDevice.objects.get(household=s.household).stopped_at is None


def test_it_says_loudly_when_nestwell_cannot_be_reached_and_when_the_microphone_stops(
        listening):
    s = listening(hush(20))
    s.context.add_init_script("""
      const asked = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => (window.__stream = await asked(c));
    """)
    s.go("/listen/")
    start(s)
    s.page.route("**/api/v1/listening/**", lambda route: route.abort())
    alert = s.page.get_by_test_id("listen-alert")
    expect(alert).to_contain_text("Nestwell cannot be reached", timeout=HEARD)
    s.page.unroute("**/api/v1/listening/**")
    expect(alert).to_be_hidden(timeout=HEARD)

    s.page.evaluate("window.__stream.getAudioTracks().forEach(t => t.stop())")
    expect(alert).to_contain_text("nothing is being heard", timeout=HEARD)
    expect(s.page.get_by_test_id("listen-state")).to_have_text("Not hearing anything")
    # Said to Nestwell at once, so every open page shows it (Grace: a minute later, before).
    assert eventually(s, lambda: ListeningDevice.objects.get(
        household=s.household).deaf_at is not None)
    s.shoot("microphone-lost")
    # The refused requests are the test's own doing; the page reported them as it should.
    s.errors = [e for e in s.errors if "ERR_FAILED" not in e]


@pytest.mark.database_independent  # the two detectors compared: no row is read
def test_the_browser_scores_each_frame_as_python_does(screen):
    """MediaPipe (WebAssembly) in the page and LiteRT in Python run the same YAMNet on the
    same frames; the two XNNPACK builds round differently, so a small tolerance."""
    from nestwell.listening.yamnet import Yamnet

    s = screen("desktop", "listen-scores")
    signed_in_with_baby(s)
    s.go("/listen/")
    rules = detector.load_rules()
    samples = np.concatenate([cry(4, seed=2), speech(3, seed=3), hush(1), hush(2, level=1e-4),
                              np.zeros(16000, dtype=np.float32)])
    frames, _times = detector.frame_audio(samples, rules["hop_samples"])
    browser = np.array(s.page.evaluate(BROWSER_SCORES, {
        "samples": samples.tolist(), "hop": rules["hop_samples"]}))
    python = Yamnet().scores(frames)
    assert browser.shape == python.shape == (len(frames), 521)
    assert np.abs(browser - python).max() < 0.02
    cry_b, happy_b = detector.frame_probabilities(browser, rules)
    cry_p, happy_p = detector.frame_probabilities(python, rules)
    assert np.abs(cry_b - cry_p).max() < 0.02 and np.abs(happy_b - happy_p).max() < 0.02
    # And the page's own port of the rules gives Python's probabilities for those scores.
    ported = np.array(s.page.evaluate(BROWSER_RULES, browser.tolist()))
    assert np.allclose(ported, np.stack([cry_b, happy_b], axis=1), atol=1e-9)
    # The quiet gate: the same level for each frame, the same frames held back (the quiet
    # room at -80 dBFS and the silence, never the cry, the voice or the -50 dBFS hush).
    levels, heard = zip(*s.page.evaluate(BROWSER_GATE, {
        "samples": samples.tolist(), "hop": rules["hop_samples"]}), strict=True)
    assert np.allclose(levels, detector.frame_levels(frames), atol=1e-6)
    assert list(heard) == detector.heard(detector.frame_levels(frames), rules).tolist()
    assert list(heard) == [True] * 9 + [False] * 3
    s.errors = [e for e in s.errors if RUNTIME_INFO not in e]


@pytest.mark.database_independent  # the two detectors compared: no row is read
@pytest.mark.skipif(not MANIFEST.is_file(), reason="the cry development clips are not here")
def test_on_shared_clips_the_browser_raises_what_python_raises(screen):
    """Real recordings (read where they are, never copied): two of each kind, crying,
    laughing, speech and music; the browser's scores give the same events as Python's."""
    from nestwell.listening.audio import read_wav
    from nestwell.listening.yamnet import Yamnet

    s = screen("desktop", "listen-clips")
    signed_in_with_baby(s)
    s.go("/listen/")
    rules, yamnet = detector.load_rules(), Yamnet()
    with MANIFEST.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for category in ("cry_esc50", "cry_giulbia_home", "baby_laugh", "speech", "music"):
        for row in [r for r in rows if r["category"] == category][:2]:
            samples = read_wav(MANIFEST.parent / row["path"])
            frames, _times = detector.frame_audio(samples, rules["hop_samples"])
            browser = np.array(s.page.evaluate(BROWSER_SCORES, {
                "samples": samples.tolist(), "hop": rules["hop_samples"]}))
            python = yamnet.scores(frames)
            assert np.abs(browser - python).max() < 0.02, row["path"]
            levels = detector.frame_levels(frames)  # the quiet gate, as the page applies it
            kinds = [[e["event"] for e in detector.events_for(scores, rules, levels)]
                     for scores in (browser, python)]
            assert kinds[0] == kinds[1], row["path"]
    s.errors = [e for e in s.errors if RUNTIME_INFO not in e]


BROWSER_SCORES = """async ({samples, hop}) => {
  const root = document.getElementById('listen');
  const d = await import(root.dataset.detector);
  const classifier = await d.loadClassifier(root.dataset);
  const frames = d.frameClip(Float32Array.from(samples), hop);
  const scores = frames.map(f => Array.from(d.frameScores(classifier, f)));
  classifier.close();
  return scores;
}"""

BROWSER_GATE = """async ({samples, hop}) => {
  const root = document.getElementById('listen');
  const d = await import(root.dataset.detector);
  const rules = d.checkRules(await (await fetch(root.dataset.rules)).json());
  return d.frameClip(Float32Array.from(samples), hop).map(f => {
    const level = d.frameLevel(f);
    return [level, d.heard(level, rules)];
  });
}"""

BROWSER_RULES = """async (scores) => {
  const root = document.getElementById('listen');
  const d = await import(root.dataset.detector);
  const rules = d.checkRules(await (await fetch(root.dataset.rules)).json());
  return scores.map(s => d.frameProbabilities(s, rules));
}"""


def test_a_microphone_not_allowed_is_said_as_loudly_as_one_lost(listening):
    """Rosa's walk: the refusal was a line of dim text under the heading."""
    s = listening(hush(5))
    s.page.evaluate("""() => { navigator.mediaDevices.getUserMedia =
        () => Promise.reject(new DOMException('refused', 'NotAllowedError')); }""")
    s.page.get_by_label("Name this device").fill("Nursery")
    s.page.get_by_test_id("listen-start").click()
    alert = s.page.get_by_test_id("listen-alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("The microphone was not allowed")
    expect(s.page.get_by_test_id("listen-state")).to_have_text(
        "Stopped. Nothing is being heard.")
    expect(s.page.get_by_test_id("listen-start")).to_be_visible()
    s.shoot("denied")
    assert s.elsewhere == []

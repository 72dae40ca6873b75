// The listening page: the microphone, the detector (detector.js) and what goes to Nestwell.
// Sound stays on this device: each tenth of a second is fed to the detector and let go; only
// events leave ("crying started", "crying stopped", happy sounds, a heartbeat), through
// POST /api/v1/listening/devices/{id}/events with the session's CSRF token.
// detector.js comes by the URL the page gives (a hashed name in production), not "./".
const root = document.getElementById("listen");
const words = JSON.parse(document.getElementById("listen-words").textContent);
const {Framer, Listener, QUIET, checkRules, frameLevel, frameProbabilities, frameScores, heard,
  loadClassifier} = await import(root.dataset.detector);
const $ = (id) => document.getElementById(id);
const KEEP_FRAMES = 10;  // the last ten seconds of cry probabilities, sent only if allowed
const SLEEP_GAP_MS = 15000;  // a watchdog tick this late means the device was asleep
const SILENT_MS = 4000;  // no samples from the microphone for this long: it is lost

const DEAF = ["mic", "silent", "audio"];  // problems that mean nothing is being heard

let session = null;

function csrf() {
  return document.querySelector("#listen-setup input[name=csrfmiddlewaretoken]").value;
}

function fill(text, values) {
  // A value that ends a sentence itself ("8:58 a. m.") takes the place of the full stop
  // after it: "desde las 8:58 a. m.." was Rosa's page.
  return text.replace(/%\((\w+)\)s(\.?)/g, (_, k, stop) => {
    const value = String(values[k]);
    return value.endsWith(".") ? value : value + stop;
  });
}

function clock(date) {
  // On her clock, as the pages write it: "5:49 AM" where the household reads 12 hours.
  const root = document.documentElement;
  if (root.dataset.clock === "12") {
    return date.toLocaleTimeString(root.lang || undefined,
                                   {hour: "numeric", minute: "2-digit", hour12: true});
  }
  return String(date.getHours()).padStart(2, "0") + ":" +
    String(date.getMinutes()).padStart(2, "0");
}

function setState(state, text) {
  root.dataset.state = state;
  $("listen-state").textContent = text;
}

// Problems are shown loudly and stay until they are over; several may be true at once.
const problems = new Map();
function problem(key, text) {
  if (text) problems.set(key, text); else problems.delete(key);
  const box = $("listen-alert");
  box.replaceChildren(...[...problems.values()].map((t) => {
    const p = document.createElement("p");
    p.textContent = t;
    return p;
  }));
  box.hidden = problems.size === 0;
  root.dataset.problems = [...problems.keys()].join(" ");
  // While nothing is heard, the state says so too, not "Listening".
  const deaf = DEAF.some((k) => problems.has(k));
  if (deaf && ["listening", "crying"].includes(root.dataset.state)) {
    setState("deaf", words.not_hearing);
  } else if (!deaf && root.dataset.state === "deaf" && session) {
    if (session.listener.crying) setState("crying", words.crying);
    else setState("listening", words.listening);
  }
  if (session) session.hearing(!deaf);
}

function clearProblems() {
  problems.clear();
  problem("", null);
}

async function post(url, body, keepalive = false) {
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin", keepalive,
    headers: {"Content-Type": "application/json", "X-CSRFToken": csrf()},
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = new Error(`status ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

class Session {
  constructor(choice) {
    this.choice = choice;
    this.rules = null;
    this.listener = null;
    this.device = null;
    this.outbox = [];  // events not yet answered by Nestwell, oldest first
    this.recent = [];  // the last cry probabilities (only sent when she allowed it)
    this.lastBlock = performance.now();
    this.lastTick = performance.now();
    this.stopped = false;
    this.deaf = false;  // told Nestwell its microphone stopped hearing
    this.timers = [];
    this.wakeLock = null;
  }

  async start() {
    setState("loading", words.loading);
    if (!window.isSecureContext) throw new Error(words.insecure);
    if (!navigator.mediaDevices || !window.AudioContext || !window.AudioWorkletNode) {
      throw new Error(words.unsupported);
    }
    const rulesResponse = await fetch(root.dataset.rules, {credentials: "same-origin"});
    this.rules = checkRules(await rulesResponse.json());
    try {
      this.classifier = await loadClassifier({
        bundle: root.dataset.bundle, loader: root.dataset.loader,
        wasm: root.dataset.wasm, model: root.dataset.model});
    } catch (error) {
      console.warn(error);
      throw new Error(words.unsupported);
    }
    this.listener = new Listener(this.rules);
    this.framer = new Framer(this.rules.hop_samples, (frame) => this.onFrame(frame));

    setState("asking", words.asking);
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({audio: {
        channelCount: 1, echoCancellation: false, noiseSuppression: false,
        autoGainControl: false}});
    } catch (error) {
      throw new Error(words.mic_denied);
    }
    // "playback": the largest buffers the device offers, so the audio threads wake rarely
    // (a tenth of a second late is nothing for a cry; CPU and battery matter all night).
    let source;
    try {
      this.audio = new AudioContext({sampleRate: 16000, latencyHint: "playback"});
      source = this.audio.createMediaStreamSource(this.stream);
    } catch (error) {  // Firefox: the microphone's own rate; the worklet resamples
      if (this.audio) this.audio.close().catch(() => {});
      this.audio = new AudioContext({latencyHint: "playback"});
      source = this.audio.createMediaStreamSource(this.stream);
    }
    await this.audio.audioWorklet.addModule(root.dataset.worklet);
    this.node = new AudioWorkletNode(this.audio, "listen-capture",
      {numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: "explicit"});
    this.node.port.onmessage = (message) => this.onBlock(message.data);
    source.connect(this.node);
    if (this.audio.state !== "running") await this.audio.resume();
    this.audio.onstatechange = () => this.onAudioState();
    for (const track of this.stream.getAudioTracks()) {
      track.onended = () => problem("mic", words.mic_lost);
      track.onmute = () => problem("mic", words.mic_muted);
      track.onunmute = () => problem("mic", null);
    }

    this.device = await this.register();
    this.keepAwake();
    document.addEventListener("visibilitychange", this.onVisible = () => this.visible());
    this.lastBlock = this.lastTick = performance.now();
    this.timers.push(setInterval(() => this.watch(), 1000));
    this.timers.push(setInterval(() => this.heartbeat(),
      Math.max(5, this.device.heartbeat_seconds || 30) * 1000));
    setState("listening", words.listening);
    $("listen-heard").textContent = fill(words.since, {time: clock(new Date())});
    this.send(this.deaf ? "deaf" : "heartbeat", {confidence: 0});
  }

  async register() {
    try {
      return await post(root.dataset.devices,
        {child: Number(this.choice.child), name: this.choice.name});
    } catch (error) {
      throw new Error(error.status ? words.refused : words.server);
    }
  }

  // --- sound in ------------------------------------------------------------------------
  onBlock({samples, rms}) {
    if (this.stopped) return;
    // A real microphone always hears a little noise: exact zeros mean none is connected.
    if (rms > 0) {
      this.lastBlock = performance.now();
      problem("silent", null);
    } else {
      return;  // nothing heard is not a quiet room: no frames ("quiet again") from it
    }
    // A calm meter: the level in decibels from -60 (nothing) to 0 (as loud as it goes), in
    // twentieths, drawn again only when it moves a step (a still room redraws nothing).
    const db = 20 * Math.log10(Math.max(rms, 1e-6));
    const level = Math.round(Math.max(0, Math.min(1, (db + 60) / 60)) * 20) / 20;
    if (level !== this.level) $("listen-level").value = this.level = level;
    this.framer.push(samples);
  }

  onFrame(frame) {
    const started = performance.now();
    // The quiet gate: a frame far quieter than any cry is "not crying" without YAMNet.
    const loud = heard(frameLevel(frame), this.rules);
    const [cry, happy] = loud ? frameProbabilities(frameScores(this.classifier, frame),
      this.rules) : QUIET;
    if (!loud) root.dataset.skipped = String(Number(root.dataset.skipped || 0) + 1);
    this.recent = this.recent.concat([Math.round(cry * 1000) / 1000]).slice(-KEEP_FRAMES);
    const frameEnd = performance.now();
    const events = this.listener.step(cry, happy);
    // For the tests and a curious eye: frames heard, and the time spent on them.
    root.dataset.frames = String(this.listener.frame + 1);
    root.dataset.busyMs = String(Math.round((Number(root.dataset.busyMs || 0) +
      (frameEnd - started)) * 10) / 10);
    for (const event of events) this.onEvent(event, frameEnd);
  }

  onEvent(event, frameEnd) {
    // How long ago it began, by the audio's own clock: the frames' times, plus the time
    // since the last frame ended (response times count from the onset).
    const onsetWall = frameEnd - (event.at - event.t) * 1000;
    const now = new Date();
    const shown = root.dataset.state !== "deaf";
    if (event.event === "crying_started") {
      if (shown) setState("crying", words.crying);
      $("listen-heard").textContent = fill(words.heard_crying, {time: clock(now)});
      this.send("cry_started", {confidence: event.confidence, onsetWall});
    } else if (event.event === "crying_stopped") {
      // A microphone lost while the baby cried is not a room gone quiet (Grace).
      if (this.deaf) return;
      if (shown) setState("listening", words.listening);
      $("listen-heard").textContent = fill(words.heard_quiet, {time: clock(now)});
      this.send("cry_stopped", {confidence: this.listener.s, onsetWall});
    } else if (event.event === "happy_sounds") {
      $("listen-heard").textContent = fill(words.heard_happy, {time: clock(now)});
      this.send("laugh", {confidence: this.listener.h, onsetWall});
    }
  }

  // --- events out ----------------------------------------------------------------------
  send(kind, {confidence, onsetWall = null}) {
    const event = {kind, confidence: Math.round(confidence * 1000) / 1000, onsetWall,
      scores: this.choice.keepScores && kind !== "heartbeat" ? this.recent.slice() : []};
    if (kind === "heartbeat") {
      // One waiting heartbeat is enough, but never one before a "deaf" it would undo.
      const last = this.outbox[this.outbox.length - 1];
      if (last && last.kind === "heartbeat") return this.flush();
    }
    this.outbox.push(event);
    return this.flush();
  }

  body(event) {
    const age = event.onsetWall === null ? 0 : (performance.now() - event.onsetWall) / 1000;
    return {kind: event.kind, confidence: event.confidence,
      offset_seconds: Math.round(Math.min(30, Math.max(0, age)) * 1000) / 1000,
      scores: event.scores};
  }

  async flush() {
    if (this.flushing || !this.device) return;
    this.flushing = true;
    try {
      while (this.outbox.length) {
        const event = this.outbox[0];
        const answer = await post(`${root.dataset.devices}/${this.device.id}/events`,
          this.body(event));
        this.outbox.shift();
        problem("server", null);
        root.dataset.sent = String(Number(root.dataset.sent || 0) + 1);
        root.dataset.lastStatus = answer && answer.status ? answer.status : "";
      }
    } catch (error) {
      problem("server", error.status === 403 || error.status === 401 ? words.refused
        : words.server);
    } finally {
      this.flushing = false;
    }
  }

  // Nestwell is told at once when the microphone stops hearing, and again when it hears:
  // every open page says so then, not a minute later (Grace).
  hearing(yes) {
    if (!this.device || this.stopped || this.deaf === !yes) return;
    this.deaf = !yes;
    this.send(yes ? "heartbeat" : "deaf", {confidence: 0});
  }

  heartbeat() {
    // Deaf, it says nothing: the household then sees it as not heard from.
    if (DEAF.some((k) => problems.has(k))) return;
    this.send("heartbeat", {confidence: this.listener ? this.listener.s : 0});
  }

  // --- keeping watch -------------------------------------------------------------------
  watch() {
    const now = performance.now();
    const gap = now - this.lastTick;
    this.lastTick = now;
    if (gap > SLEEP_GAP_MS) {
      problem("sleep", fill(words.slept, {minutes: Math.max(1, Math.round(gap / 60000)),
        time: clock(new Date())}));
    }
    if (this.stream.getAudioTracks().every((t) => t.readyState === "ended")) {
      problem("mic", words.mic_lost);
    } else if (now - this.lastBlock > SILENT_MS && !problems.has("mic")) {
      problem("silent", words.mic_silent);
    }
    if (this.outbox.length) this.flush();
  }

  onAudioState() {
    if (this.stopped) return;
    if (this.audio.state === "running") {
      problem("audio", null);
    } else {
      problem("audio", words.mic_lost);
      this.audio.resume().catch(() => {});
    }
  }

  visible() {
    if (document.visibilityState === "visible") {
      this.keepAwake();
      if (this.audio && this.audio.state !== "running") this.audio.resume().catch(() => {});
    } else {
      problem("sleep", words.hidden);
    }
  }

  keepAwake() {
    if (!("wakeLock" in navigator)) {
      problem("wake", words.no_wake);
      return;
    }
    navigator.wakeLock.request("screen").then((lock) => {
      this.wakeLock = lock;
      problem("wake", null);
      if (problems.get("sleep") === words.hidden) problem("sleep", null);
      lock.addEventListener("release", () => {
        if (!this.stopped && document.visibilityState === "visible") {
          problem("wake", words.no_wake);
        }
      });
    }).catch(() => problem("wake", words.no_wake));
  }

  // --- the end -------------------------------------------------------------------------
  stop(closing = false) {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.forEach(clearInterval);
    document.removeEventListener("visibilitychange", this.onVisible);
    if (this.device) {
      // Closed (not stopped with its button): every open page says so until seen.
      post(`${root.dataset.devices}/${this.device.id}/events`,
        {kind: closing ? "closed" : "stopped", confidence: 0, offset_seconds: 0, scores: []},
        closing)
        .catch(() => {});
    }
    if (this.stream) this.stream.getTracks().forEach((t) => t.stop());
    if (this.audio) this.audio.close().catch(() => {});
    if (this.wakeLock) this.wakeLock.release().catch(() => {});
    if (this.classifier) this.classifier.close();
  }
}

// The page's controls; a household with no baby born yet has none.
function wire() {
  function chosen() {
    const form = $("listen-setup");
    return {child: form.elements.child.value, name: form.elements.name.value.trim(),
      keepScores: form.elements.keep_scores.checked};
  }

  $("listen-setup").addEventListener("submit", async (e) => {
    e.preventDefault();
    const choice = chosen();
    if (!choice.name) {
      $("listen-setup").elements.name.focus();
      return;
    }
    try { localStorage.setItem("nestwell-listen", JSON.stringify(choice)); } catch (_) { /* */ }
    clearProblems();
    $("listen-setup").hidden = true;
    $("listen-live").hidden = false;
    session = new Session(choice);
    try {
      await session.start();
    } catch (error) {
      session.stop();
      session = null;
      // Said as loudly as a microphone lost while listening (Rosa's walk: dim text).
      setState("stopped", words.stopped);
      problem("start", fill(words.failed, {reason: error.message}));
      $("listen-live").hidden = true;
      $("listen-setup").hidden = false;
    }
  });

  function showStopped() {
    session = null;
    setState("stopped", words.stopped);
    clearProblems();
    $("listen-level").value = 0;
    $("listen-setup").hidden = false;
    $("listen-live").hidden = true;
  }

  $("listen-stop").addEventListener("click", () => {
    if (session) session.stop();
    showStopped();
  });

  // Back to a page the browser kept whole (the back-forward cache): its session ended as
  // the page was left, so it shows as stopped, not "Listening" (review).
  window.addEventListener("pageshow", (e) => {
    if (e.persisted && session && session.stopped) showStopped();
  });

  // Closing the page (or leaving it) ends listening, and says so to Nestwell.
  window.addEventListener("pagehide", () => { if (session) session.stop(true); });

  // The choice made last time on this device, if the baby is still offered.
  try {
    const last = JSON.parse(localStorage.getItem("nestwell-listen") || "null");
    const form = $("listen-setup");
    if (last && [...form.elements.child.options].some((o) => o.value === last.child)) {
      form.elements.child.value = last.child;
    }
    if (last && last.name) form.elements.name.value = last.name;
    if (last) form.elements.keep_scores.checked = !!last.keepScores;
  } catch (_) { /* a private window keeps nothing */ }
}

if ($("listen-setup")) wire();
root.dataset.ready = "true";

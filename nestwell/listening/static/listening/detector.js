// The cry detector in the browser: YAMNet (MediaPipe's Audio Classifier) for each frame, then
// the same rules as nestwell/listening/detector.py, read from the same detector.json. A line
// for line port: keep the two in step (tests/browser/test_listening.py compares them).
// No DOM here; listen.js is the page.

export const SAMPLE_RATE = 16000;
export const FRAME_SAMPLES = 15600;
const CLASSES = 521;
const LEVEL_BLOCKS = 10;  // a frame's level is that of its loudest tenth (1,560 samples)
const SILENCE_DBFS = -120;

// The rules file, checked as far as the browser needs (detector.py checks it fully).
export function checkRules(data) {
  const ok = data && data.schema === 1 && data.sample_rate === SAMPLE_RATE &&
    data.frame_samples === FRAME_SAMPLES && data.hop_samples > 0 &&
    data.hop_samples <= FRAME_SAMPLES && data.rules && data.heads &&
    data.heads.cry && data.heads.happy && (data.gate === undefined ||
      (data.gate && typeof data.gate.floor_dbfs === "number" &&
       data.gate.floor_dbfs > SILENCE_DBFS && data.gate.floor_dbfs < 0));
  if (!ok) throw new Error("detector rules: not a file this page can run");
  return data;
}

// MediaPipe's Audio Classifier with the shipped YAMNet, from Nestwell's own static files.
export async function loadClassifier(urls) {
  const tasks = await import(urls.bundle);
  if (!(await tasks.FilesetResolver.isSimdSupported())) {
    throw new Error("no WebAssembly SIMD");
  }
  const fileset = {wasmLoaderPath: urls.loader, wasmBinaryPath: urls.wasm};
  return tasks.AudioClassifier.createFromOptions(fileset, {
    baseOptions: {modelAssetPath: urls.model},
    maxResults: -1,
  });
}

// The frame's level in dBFS (detector.frame_levels): the root mean square of each tenth,
// the highest, 20 log10 of it, at least -120.
export function frameLevel(frame) {
  const block = FRAME_SAMPLES / LEVEL_BLOCKS;
  let loudest = 0;
  for (let b = 0; b < LEVEL_BLOCKS; b++) {
    let sum = 0;
    for (let i = b * block; i < (b + 1) * block; i++) sum += frame[i] * frame[i];
    loudest = Math.max(loudest, Math.sqrt(sum / block));
  }
  return 20 * Math.log10(Math.max(loudest, Math.pow(10, SILENCE_DBFS / 20)));
}

// The quiet gate (detector.heard): is the frame loud enough to be classified at all?
export function heard(level, rules) {
  return rules.gate === undefined || level >= rules.gate.floor_dbfs;
}

// The 521 scores of one frame of exactly 15,600 samples, by class index (the categories
// come back sorted by score).
export function frameScores(classifier, frame) {
  const results = classifier.classify(frame, SAMPLE_RATE);
  const scores = new Float32Array(CLASSES);
  const categories = results[0].classifications[0].categories;
  for (const c of categories) scores[c.index] = c.score;
  return scores;
}

// x_j = ln(max(score[index_j], floor)); z = bias + sum_j w_j (x_j - mean_j) / scale_j
export function headProbability(scores, head, floor) {
  let z = head.bias;
  for (let j = 0; j < head.indices.length; j++) {
    const x = Math.log(Math.max(scores[head.indices[j]], floor));
    z += head.weights[j] * (x - head.mean[j]) / head.scale[j];
  }
  return 1 / (1 + Math.exp(-z));
}

// [cry, happy] of a frame the quiet gate held back: "not crying", never classified.
export const QUIET = [0, 0];

export function frameProbabilities(scores, rules) {
  return [headProbability(scores, rules.heads.cry, rules.log_floor),
    headProbability(scores, rules.heads.happy, rules.log_floor)];
}

function round3(x) { return Math.round(x * 1000) / 1000; }

// The smoothing state machine (detector.py's Listener): step(cry, happy) returns the events
// one frame causes, each {event, t, at} (+ confidence for crying_started); s and h are the
// smoothed values of the last frame.
export class Listener {
  constructor(rules) {
    this.rules = rules.rules;
    this.hopSeconds = rules.hop_samples / SAMPLE_RATE;
    this.frameSeconds = FRAME_SAMPLES / SAMPLE_RATE;
    this.quietFrames = Math.ceil(this.rules.quiet_seconds * SAMPLE_RATE / rules.hop_samples);
    this.frame = -1;
    this.crying = false;
    this.happy = false;
    this.cryWindow = [];
    this.happyWindow = [];
    this.above = [];
    this.quietRunStart = null;
    this.happyRunStart = null;
    this.happyRun = 0;
    this.s = 0;
    this.h = 0;
  }

  time(frame) { return round3(frame * this.hopSeconds); }

  step(cryP, happyP) {
    const r = this.rules;
    this.frame += 1;
    const frame = this.frame;
    const n = r.smooth_frames;
    this.cryWindow = this.cryWindow.concat([cryP]).slice(-n);
    this.happyWindow = this.happyWindow.concat([happyP]).slice(-n);
    const s = this.cryWindow.reduce((a, b) => a + b, 0) / this.cryWindow.length;
    const h = this.happyWindow.reduce((a, b) => a + b, 0) / this.happyWindow.length;
    this.s = s;
    this.h = h;
    const at = round3(frame * this.hopSeconds + this.frameSeconds);
    const events = [];

    if (s >= r.alarm_threshold) {
      this.above = this.above.concat([[frame, s]]).slice(-r.alarm_frames);
    } else {
      this.above = [];
    }
    if (!this.crying) {
      if (this.above.length >= r.alarm_frames) {
        const run = this.above.slice(-r.alarm_frames);
        this.crying = true;
        this.quietRunStart = null;
        this.happy = false;
        this.happyRun = 0;
        events.push({event: "crying_started", t: this.time(run[0][0]), at,
          confidence: round3(Math.max(...run.map((v) => v[1])))});
      }
    } else if (s < r.release_threshold) {
      if (this.quietRunStart === null) this.quietRunStart = frame;
      if (frame - this.quietRunStart + 1 >= this.quietFrames) {
        this.crying = false;
        events.push({event: "crying_stopped", t: this.time(this.quietRunStart), at});
        this.quietRunStart = null;
        this.above = [];
      }
    } else {
      this.quietRunStart = null;
    }

    if (this.crying) {
      this.happyRun = 0;
    } else if (this.happy && h < r.happy_release) {
      this.happy = false;
      this.happyRun = 0;
    }
    if (!this.crying && !this.happy) {
      if (h >= r.happy_threshold && s < r.happy_max_cry) {
        if (this.happyRun === 0) this.happyRunStart = frame;
        this.happyRun += 1;
        if (this.happyRun >= r.happy_frames) {
          this.happy = true;
          events.push({event: "happy_sounds", t: this.time(this.happyRunStart), at});
        }
      } else {
        this.happyRun = 0;
      }
    }
    return events;
  }
}

// A live stream's frames: push() blocks of samples as they come; each whole frame of
// 15,600 samples is handed to onFrame, the next one starting hop_samples later.
export class Framer {
  constructor(hopSamples, onFrame) {
    this.hop = hopSamples;
    this.onFrame = onFrame;
    this.buffer = new Float32Array(FRAME_SAMPLES * 2);
    this.filled = 0;
  }

  push(block) {
    let offset = 0;
    while (offset < block.length) {
      const take = Math.min(block.length - offset, this.buffer.length - this.filled);
      this.buffer.set(block.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      while (this.filled >= FRAME_SAMPLES) {
        this.onFrame(this.buffer.slice(0, FRAME_SAMPLES));
        this.buffer.copyWithin(0, this.hop, this.filled);
        this.filled -= this.hop;
      }
    }
  }
}

// A finished recording's frames, as detector.frame_audio frames a file: every whole frame,
// then the rest padded with zeros (for comparing the two sides on the same clip).
export function frameClip(samples, hopSamples) {
  const frames = [];
  let start = 0;
  while (start + FRAME_SAMPLES <= samples.length) {
    frames.push(samples.slice(start, start + FRAME_SAMPLES));
    start += hopSamples;
  }
  if (start < samples.length) {
    const last = new Float32Array(FRAME_SAMPLES);
    last.set(samples.subarray(start));
    frames.push(last);
  }
  return frames;
}

// The microphone's samples at 16 kHz, sent to the page a tenth of a second at a time (1,600
// samples) with their level, so the page wakes ten times a second, not 125. Nothing leaves
// the device: the page runs the detector on them and lets them go.
//
// The page opens its AudioContext at 16 kHz, so the browser resamples and this passes the
// samples on. A browser that cannot (Firefox will not join a microphone to a context at
// another rate) runs the context at the device's rate; then each 16 kHz sample is the mean
// of the input samples it spans (a box filter: cruder than the browser's own resampler,
// enough to hear a cry).
const RATE = 16000;

class ListenCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(1600);
    this.filled = 0;
    this.step = sampleRate / RATE;  // input samples per output sample
    this.sum = 0;
    this.count = 0;
    this.edge = this.step;  // where, in input samples, the current output sample ends
    this.position = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    if (this.step === 1) {
      for (let i = 0; i < channel.length; i++) this.push(channel[i]);
      return true;
    }
    for (let i = 0; i < channel.length; i++) {
      this.sum += channel[i];
      this.count += 1;
      this.position += 1;
      if (this.position >= this.edge) {
        this.push(this.sum / this.count);
        this.sum = 0;
        this.count = 0;
        this.edge += this.step;
      }
    }
    return true;
  }

  push(sample) {
    this.block[this.filled++] = sample;
    if (this.filled < this.block.length) return;
    let sum = 0;
    for (let i = 0; i < this.block.length; i++) sum += this.block[i] * this.block[i];
    const samples = this.block;
    this.port.postMessage({samples, rms: Math.sqrt(sum / samples.length)}, [samples.buffer]);
    this.block = new Float32Array(1600);
    this.filled = 0;
  }
}

registerProcessor("listen-capture", ListenCapture);

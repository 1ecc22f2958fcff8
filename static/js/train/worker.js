// The in-page trainer's Web Worker: it owns the model's variables (vae-mlp.js), the Adam optimiser, the
// digits and the training loop, so the page's main thread stays free for sliders and drawing; the page
// only draws the snapshots it sends. TensorFlow.js runs here on WebGL (through OffscreenCanvas) where
// the GPU is real, else on WebAssembly, else on plain JavaScript.
//
// Page → worker: {type, id?, ...}. A message with an id is answered {type: 'reply', id, ...result} or
// {type: 'reply', id, error}.
//   init {urls: {tfjs, gradients, webgl, cpu, wasm: {file: url}}, backend: 'auto' | name, data, seed, flags}
//                              load TensorFlow.js (with the page's ?tfjsflags= `flags`) and the digits
//                              → {backend, float16 (WebGL was passed over: float16 only), train, test,
//                              labels}; an error's `code`: 'backend' or 'data'
//   start {beta, seconds?, steps?}   train until paused, or for `seconds` more seconds or `steps` more steps
//   pause                      stop after the step in flight (answered once stopped)
//   setBeta {beta}             the loss's β from the next step on
//   reset {seed}               fresh weights and optimiser, counters at 0
//   restore {weights, steps, seconds, beta}   go on from weights (a backend failed; Adam starts afresh)
//   weights                    → {weights: {name: Float32Array}, steps, beta}
//   gradients {weights, x, eps, beta}   one batch's figures and gradients for the given weights and draws
//                              ε, and the weights after one Adam step with them, without touching the
//                              training → {reconstruction, kl, loss, grads, stepped}
//   watch {index}              which held-out digit the snapshots reconstruct
// Worker → page, unasked: {type: 'progress', fraction} while the digits download; {type: 'snapshot',
// status, heldOut, codes, samples, reconstruction, weights?} every SNAPSHOT_MS or more of training and on
// every change; {type: 'stopped', reason: 'paused' | 'seconds' | 'steps' | 'failed', message?}.
/* global tf */

import { limitWasmThreads } from '../core/wasm-threads.js';
import { loadDigits } from './digits.js';
import { LATENT_DIM, decode, disposeWeights, encode, initialWeights, klPerImage, losses, pixelBce, decodeLogits,
  weightValues, weightsFrom } from './vae-mlp.js';

export const BATCH = 100;
const LEARNING_RATE = 2e-3;
const SNAPSHOT_MS = 400;        // a snapshot at most this often, and 8× its own time apart at least (SNAPSHOT_SHARE):
const SNAPSHOT_SHARE = 8;       // the held-out figures cost ~1/9 of the training time at most
const WEIGHTS_EVERY = 10;      // every 10th snapshot carries the weights: what the page keeps if a backend fails
const SYNC_EVERY = 10;         // wait for the backend every 10 steps (WebGL would otherwise queue without end)
const SAMPLE_GRID = 36;        // the fixed codes z ~ N(0, I) decoded in every snapshot (a 6 × 6 grid)
const FIXED_SEED = 20261206;   // the held-out digits' draws ε and the grid's codes: the same all run long

const run = { w: null, optimizer: null, beta: 1, steps: 0, seconds: 0, running: false, until: null, loop: null,
  untilSteps: null, order: null, at: 0, random: null, snapshots: 0, watch: 0, seed: 0, backend: null, data: null,
  train: null, tensors: null, timed: { count: 0, seconds: 0 } };
// timed: the snapshots taken while training since the last reset or restore, time that `seconds` includes
self.vaeTrainer = run;  // for tests and the curious (DevTools: the worker's console)

const post = (message, transfer = []) => self.postMessage(message, transfer);

// ---- TensorFlow.js in a worker ----

/** The renderer's name if this worker's WebGL is a software rasteriser or missing (then not worth using). */
function softwareOrNoWebGL() {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') || new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return 'none';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? renderer : null;
  } catch (e) {
    return 'none';
  }
}

/**
 * x·yᵀ or xᵀ·y (one of tx, ty) as a plain product: transpose the transposed operand first, or, where
 * that moves fewer numbers, the other one and the result: x·yᵀ = (y·xᵀ)ᵀ, xᵀ·y = (yᵀ·x)ᵀ.
 */
function plainProduct(x, y, tx, ty) {
  if (x.rank > 2 || tx === ty) return tf.matMul(x, y, tx, ty);
  const rows = tx ? x.shape[1] : x.shape[0];
  const cols = ty ? y.shape[0] : y.shape[1];
  const swapped = (tx ? y.size : x.size) + rows * cols;
  if ((tx ? x.size : y.size) <= swapped) return tf.matMul(tx ? tf.transpose(x) : x, ty ? tf.transpose(y) : y);
  return tf.transpose(tx ? tf.matMul(tf.transpose(y), x) : tf.matMul(y, tf.transpose(x)));
}

/**
 * The gradient of a matrix product, as plain products (plainProduct). tfjs 4.22's WASM backend runs a
 * product with a transposed operand ~10× slower than a plain one (it skips XNNPACK: 17–21 ms against
 * 1.7 ms for this model's 100 × 784 × 256 products), and the registered gradient asks for exactly
 * those. Same numbers, in a fraction of the time.
 */
function registerPlainMatMulGradient() {
  const product = plainProduct;
  tf.registerGradient({
    kernelName: 'BatchMatMul', inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b], { transposeA, transposeB }) => {
      if (!transposeA && !transposeB) {
        return { a: () => product(dy, b, false, true), b: () => product(a, dy, true, false) };
      }
      if (!transposeA) return { a: () => product(dy, b, false, false), b: () => product(dy, a, true, false) };
      if (!transposeB) return { a: () => product(b, dy, false, true), b: () => product(a, dy, false, false) };
      return { a: () => product(b, dy, true, true), b: () => product(dy, a, true, true) };
    },
  });
}

/**
 * The page's ?tfjsflags= ("NAME:VALUE,…"), which TensorFlow.js reads from the page's own URL only, never a
 * worker's: {NAME: value}, each value true, false or a number, as TensorFlow.js parses them.
 */
function parseFlags(text) {
  const flags = {};
  for (const part of text.split(',').filter((p) => p.trim())) {
    const [name, value, ...more] = part.split(':').map((p) => p.trim());
    if (!name || value === undefined || more.length) throw new Error(`tfjsflags: "${part}" is not NAME:VALUE`);
    if (/^(true|false)$/i.test(value)) flags[name] = value.toLowerCase() === 'true';
    else if (value !== '' && Number.isFinite(Number(value))) flags[name] = Number(value);
    else throw new Error(`tfjsflags: ${name}'s value "${value}" is not true, false or a number`);
  }
  return flags;
}

/** Set the flags that TensorFlow.js knows by now (a backend's flags exist once its script has run); the rest wait. */
function applyFlags(pending) {
  for (const [name, value] of Object.entries(pending)) {
    try {
      tf.env().set(name, value);
      delete pending[name];
    } catch (e) {
      // not registered yet: a backend's script not loaded so far registers it
    }
  }
}

/** An Error with a `code` the page can tell apart: 'backend' (no backend started), 'data' (the digits). */
const failure = (code, message) => Object.assign(new Error(message), { code });

/**
 * Whether the WebGL backend just started stores its textures in 16-bit floats (most phones' GPUs, or
 * ?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true): too coarse to train this model (its loss turned NaN within
 * 50 steps, bench/train_float16.py). Then the WebGL backend is removed and the next one is tried.
 * (Not tf.backend().floatPrecision(): TensorFlow.js 4.22 answers 16 on float32 textures and 32 on float16.)
 */
function float16Only() {
  if (tf.getBackend() !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED')) return false;
  tf.removeBackend('webgl');
  return true;
}

/** Load TensorFlow.js, set the page's flags and start the first backend that works → {name, float16}. */
async function initBackend(urls, wanted, flags) {
  importScripts(urls.tfjs, urls.gradients);  // the core script registers no gradients
  registerPlainMatMulGradient();
  tf.wasm.setWasmPaths(urls.wasm);
  const pending = { ...flags };
  applyFlags(pending);
  limitWasmThreads();
  const order = wanted !== 'auto' ? [wanted] : softwareOrNoWebGL() ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  const failures = [];
  let float16 = false;
  for (const name of order) {  // (a float16 GPU appends WASM and plain JavaScript to an explicit ?backend=webgl)
    try {
      if (!tf.findBackendFactory(name)) importScripts(urls[name]);
      applyFlags(pending);
      if (name === 'webgl' && wanted === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (!float16Only()) return { name, float16 };
        float16 = true;
        failures.push('webgl: float16 only');
        order.push(...['wasm', 'cpu'].filter((next) => !order.includes(next)));
      } else {
        failures.push(`${name}: not available`);
      }
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }
  throw failure('backend', `no TensorFlow.js backend could start in the worker (${failures.join('; ')})`);
}

// ---- data and model ----

function keepData(digits, seed) {
  const { train, test } = digits;
  run.data = { train: train.labels.length, test: test.labels.length };
  run.train = train.x;  // stays in JavaScript: nextBatch copies its rows (see step)
  run.tensors = {
    test: tf.tensor2d(test.x, [run.data.test, 784]),
    eps: tf.randomNormal([run.data.test, LATENT_DIM], 0, 1, 'float32', FIXED_SEED),
    grid: tf.randomNormal([SAMPLE_GRID, LATENT_DIM], 0, 1, 'float32', FIXED_SEED + 1),
  };
  run.seed = seed;
  return test.labels;
}

/**
 * The trainer's optimiser: Adam as `python -m train` compiles it (learning rate 2e-3, β₁ 0.9, β₂ 0.999,
 * ε 1e-7). ε given, not the backend's: TensorFlow.js's WebGL backend would give 1e-4 on float32 textures.
 * (Keras adds ε to √v, TensorFlow.js to the bias-corrected √v̂: the same step for gradients well above ε.)
 */
const optimizer = () => tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-7);

/**
 * A small seeded generator (mulberry32): numbers in [0, 1), the same run for the same seed. It shuffles
 * the digits and seeds each step's draws ε, so a run from the same seed takes the same batches and draws
 * on every backend (what a comparison of backends, and a test, needs).
 */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fresh weights from run.seed, or `weights`; a fresh optimiser; batches and draws from (run.seed, run.steps). */
function freshModel(weights = null) {
  disposeWeights(run.w);
  if (run.optimizer) run.optimizer.dispose();
  run.w = weights ? weightsFrom(weights) : initialWeights(run.seed);
  run.optimizer = optimizer();
  run.order = null;
  run.random = seeded(run.seed * 1000003 + run.steps);
}

/** The next batch's digits' indices: a fresh shuffle of the training digits at each epoch. */
function nextIndices() {
  const n = run.data.train;
  if (!run.order || run.at + BATCH > n) {
    run.order = new Int32Array(n).map((_, k) => k);
    for (let k = n - 1; k > 0; k -= 1) {
      const j = Math.floor(run.random() * (k + 1));
      [run.order[k], run.order[j]] = [run.order[j], run.order[k]];
    }
    run.at = 0;
  }
  run.at += BATCH;
  return run.order.subarray(run.at - BATCH, run.at);
}

/**
 * The next batch, (BATCH, 784): its rows copied here in JavaScript. tf.gather from a tensor of the
 * training digits took about 2.6 ms on the WASM backend, a tenth of a training step (a kernel profile
 * as bench/train_in_page.py takes, before this change).
 */
function nextBatch() {
  const rows = new Float32Array(BATCH * 784);
  nextIndices().forEach((digit, k) => rows.set(run.train.subarray(digit * 784, (digit + 1) * 784), k * 784));
  return tf.tensor2d(rows, [BATCH, 784]);
}
run.nextBatch = nextBatch;  // for tests

/** One Adam step on the next batch; returns the batch's loss tensor when `cost` (else null). */
function step(cost) {
  return tf.tidy(() => {
    const x = nextBatch();
    const eps = tf.randomNormal([BATCH, LATENT_DIM], 0, 1, 'float32', Math.floor(run.random() * 2 ** 31));
    return run.optimizer.minimize(() => losses(run.w, x, run.beta, eps).loss, cost, Object.values(run.w));
  });
}

// ---- snapshots ----

function status() {
  const images = run.steps * BATCH;
  return { running: run.running, steps: run.steps, epochs: run.data ? images / run.data.train : 0,
    seconds: run.seconds, imagesPerSecond: run.recentRate || 0, backend: run.backend, beta: run.beta,
    batch: BATCH, snapshotsWhileTraining: { ...run.timed } };
}

/** The held-out digits' figures (one fixed draw ε each), their codes μ, the grid and the watched digit. */
async function snapshot(withWeights = false) {
  const { test, eps, grid } = run.tensors;
  const parts = tf.tidy(() => {
    const { mu, logvar } = encode(run.w, test);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
    const watched = tf.slice(mu, [run.watch, 0], [1, LATENT_DIM]);
    return [tf.mean(pixelBce(decodeLogits(run.w, z), test)), tf.mean(klPerImage(mu, logvar)), mu,
      decode(run.w, grid), decode(run.w, watched), tf.slice(test, [run.watch, 0], [1, 784])];
  });
  let values;
  try {  // copies, to be transferred: on the CPU backend data() may be a view of another tensor's storage
    values = (await Promise.all(parts.map((t) => t.data()))).map((v) => v.slice());
  } finally {
    parts.forEach((t) => t.dispose());
  }
  const [[reconstruction], [kl], codes, samples, output, input] = values;
  run.snapshots += 1;
  const weights = withWeights || run.snapshots % WEIGHTS_EVERY === 0 ? await weightValues(run.w) : null;
  const message = { type: 'snapshot', status: status(), codes, samples, reconstruction: { index: run.watch, input,
    output }, heldOut: { images: run.data.test, reconstruction, kl, negElbo: reconstruction + kl }, weights };
  const transfer = [codes.buffer, samples.buffer, output.buffer, input.buffer];
  if (weights) transfer.push(...Object.values(weights).map((v) => v.buffer));
  post(message, transfer);
}

// ---- the loop ----

const channel = new MessageChannel();
/** Let the messages waiting (pause, setBeta…) in, without setTimeout's 4 ms clamp. */
const yieldToMessages = () => new Promise((resolve) => {
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(0);
});

async function loop() {
  let last = performance.now();
  let snapAt = last;
  let snapSteps = run.steps;
  let snapMs = 0;  // how long the last snapshot took
  let reason = 'paused';
  try {
    while (run.running) {
      const cost = step(run.steps % SYNC_EVERY === SYNC_EVERY - 1);
      if (cost) {
        await cost.data();
        cost.dispose();
      }
      run.steps += 1;
      const now = performance.now();
      run.seconds += (now - last) / 1000;
      last = now;
      const done = (run.until !== null && run.seconds >= run.until && 'seconds')
        || (run.untilSteps !== null && run.steps >= run.untilSteps && 'steps');
      if (done) {
        run.running = false;
        reason = done;
      }
      if (now - snapAt >= Math.max(SNAPSHOT_MS, SNAPSHOT_SHARE * snapMs)) {
        run.recentRate = ((run.steps - snapSteps) * BATCH) / ((now - snapAt) / 1000);
        await snapshot();
        snapAt = performance.now();
        snapMs = snapAt - now;
        snapSteps = run.steps;
        run.timed.count += 1;
        run.timed.seconds += snapMs / 1000;
      }
      await yieldToMessages();
    }
    await snapshot(true);  // where it stopped, weights included
    post({ type: 'stopped', reason });
  } catch (e) {
    run.running = false;
    post({ type: 'stopped', reason: 'failed', message: e.message || String(e) });
  }
}

function checkBeta(beta) {
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new Error(`β must be a number ≥ 0, not ${beta}`);
  }
  return beta;
}

// ---- the protocol ----

/**
 * One batch's figures and gradients for the weights given, and the weights after one step of a fresh
 * optimiser (the trainer's Adam) with those gradients, as a training step takes it; nothing of the
 * training changes.
 */
async function gradients({ weights, x, eps, beta }) {
  checkBeta(beta);
  const w = weightsFrom(weights);
  const adam = optimizer();
  try {
    const n = x.length / 784;
    const out = tf.tidy(() => {
      const xs = tf.tensor2d(x, [n, 784]);
      const noise = tf.tensor2d(eps, [n, LATENT_DIM]);
      const figures = losses(w, xs, beta, noise);  // ε is given: the same numbers the gradients are of
      const { value, grads } = tf.variableGrads(() => losses(w, xs, beta, noise).loss, Object.values(w));
      return { value, reconstruction: figures.reconstruction, kl: figures.kl, grads };
    });
    adam.applyGradients(out.grads);
    const names = Object.keys(w);
    const values = await Promise.all(names.map((name) => out.grads[w[name].name].data()));
    const [[loss], [reconstruction], [kl]] = await Promise.all([out.value.data(), out.reconstruction.data(),
      out.kl.data()]);
    const result = { loss, reconstruction, kl, grads: Object.fromEntries(names.map((name, k) => [name, values[k]])),
      stepped: await weightValues(w) };
    tf.dispose([out.value, out.reconstruction, out.kl, Object.values(out.grads)]);
    return result;
  } finally {
    disposeWeights(w);
    adam.dispose();
  }
}

const HANDLERS = {
  async init({ urls, backend, data, seed = 0, flags = '' }) {
    if (run.backend) throw new Error('the trainer is already set up');
    const { name, float16 } = await initBackend(urls, backend, parseFlags(flags));
    let digits;
    try {
      digits = await loadDigits(data, (fraction) => post({ type: 'progress', fraction }));
    } catch (e) {
      throw failure('data', e.message);
    }
    const labels = keepData(digits, seed);
    run.backend = name;
    freshModel();
    await snapshot(true);
    return { backend: name, float16, train: run.data.train, test: run.data.test, labels };
  },
  start({ beta, seconds = null, steps = null }) {
    if (run.running) throw new Error('the model is already training');
    run.beta = checkBeta(beta === undefined ? run.beta : beta);
    if (seconds !== null && !(seconds > 0)) throw new Error(`seconds must be a number > 0, not ${seconds}`);
    if (steps !== null && !(Number.isInteger(steps) && steps > 0)) {
      throw new Error(`steps must be a whole number > 0, not ${steps}`);
    }
    run.until = seconds === null ? null : run.seconds + seconds;
    run.untilSteps = steps === null ? null : run.steps + steps;
    run.running = true;
    run.loop = loop();
    return {};
  },
  async pause() {
    run.running = false;
    await run.loop;
    return {};
  },
  async setBeta({ beta }) {
    run.beta = checkBeta(beta);
    if (!run.running) await snapshot();
    return {};
  },
  async reset({ seed = run.seed }) {
    run.running = false;
    await run.loop;
    run.seed = seed;
    Object.assign(run, { steps: 0, seconds: 0, recentRate: 0, timed: { count: 0, seconds: 0 } });
    freshModel();
    await snapshot(true);
    return {};
  },
  async restore({ weights, steps, seconds, beta }) {
    Object.assign(run, { steps, seconds, beta: checkBeta(beta), recentRate: 0, timed: { count: 0, seconds: 0 } });
    freshModel(weights);
    await snapshot(true);
    return {};
  },
  async weights() {
    return { weights: await weightValues(run.w), steps: run.steps, beta: run.beta };
  },
  gradients,
  async watch({ index }) {
    if (!(index >= 0 && index < run.data.test)) throw new Error(`no held-out digit ${index}`);
    run.watch = index;
    if (!run.running) await snapshot();
    return {};
  },
};

self.onmessage = async ({ data }) => {
  const { type, id, ...args } = data;
  try {
    if (!HANDLERS[type]) throw new Error(`the trainer has no message ${type}`);
    if (type !== 'init' && !run.backend) throw new Error('the trainer is not set up yet');
    const result = await HANDLERS[type](args);
    if (id !== undefined) post({ type: 'reply', id, ...result });
  } catch (e) {
    if (id !== undefined) post({ type: 'reply', id, error: e.message || String(e), code: e.code });
    else post({ type: 'stopped', reason: 'failed', message: e.message || String(e) });
  }
};

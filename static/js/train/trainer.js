// The page's side of the in-page trainer: starts worker.js, speaks its protocol (requests answered by
// id; snapshots, progress and stops unasked), keeps the last snapshot and the last weights the worker
// sent, and, when the backend fails mid-run, starts a new worker on the next backend (WebGL →
// WebAssembly → JavaScript) from those weights, so a failure costs a few seconds of training, not the run.

import { assetUrl } from '../core/assets.js';

const FALLBACK = { webgl: 'wasm', wasm: 'cpu', cpu: null };
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/**
 * The URLs the worker loads TensorFlow.js from (the page's own hashed copies: already in the cache), absolute
 * (assetUrl's): the worker would resolve a relative one against its own script's URL.
 */
function tfjsUrls() {
  const url = (file) => assetUrl(`vendor/tfjs/${file}`);
  return {
    tfjs: url('tfjs.js'), webgl: url('tf-backend-webgl.es2017.min.js'), cpu: url('tf-backend-cpu.es2017.min.js'),
    gradients: url('tf-gradients.es2017.min.js'), wasm: Object.fromEntries(WASM_FILES.map((f) => [f, url(f)])),
  };
}

/** What the worker's restore takes of the weights kept. */
const restoreArgs = ({ weights, steps, seconds, beta }) => ({ weights, steps, seconds, beta });

export class Trainer {
  /**
   * data: the training manifest's "data" block with absolute imagesUrl and labelsUrl; backend: 'auto' or
   * a name; flags: the page's ?tfjsflags= (the worker's TensorFlow.js gets the same); on: {snapshot(s),
   * progress(fraction), stopped({reason, message}), fellBack({from, to, message, steps})}.
   */
  constructor({ data, backend = 'auto', seed = 0, flags = '', on }) {
    Object.assign(this, { data, wanted: backend, seed, flags, on });
    this.last = null;         // the last snapshot
    this.lastWeights = null;  // {weights, steps, seconds, beta, snapshot}: the newest weights the worker sent,
    //                           with the snapshot that carried them (its figures are those weights')
    this.info = null;         // the init reply: {backend, train, test, labels}
    this.pending = new Map();
    this.nextId = 1;
    this.worker = null;
  }

  /** Start the worker, let it load TensorFlow.js and the digits; resolves with {backend, train, test, labels}. */
  async open(backend = this.wanted) {
    const worker = new Worker(assetUrl('js/train/worker.js'));
    this.worker = worker;
    this.ready = false;
    worker.onmessage = ({ data }) => this.receive(data);
    const stopped = 'its worker stopped (its script did not load, or threw)';
    worker.onerror = (e) => this.crashed(worker, e.message || stopped);
    this.info = await this.request('init', { urls: tfjsUrls(), backend, data: this.data, seed: this.seed,
      flags: this.flags });
    this.ready = true;
    return this.info;
  }

  /**
   * The worker died (an uncaught error, or its script would not load): before it was set up, the open
   * fails; after, as a failed step (the next backend goes on from the last weights).
   */
  crashed(worker, message) {
    if (worker !== this.worker) return;  // one closed already
    if (this.ready) this.receive({ type: 'stopped', reason: 'failed', message });
    else this.failAll(new Error(message));
  }

  /**
   * A worker again after the last one stopped for good (every backend failed), on the backend first asked
   * for, going on from the last weights kept.
   */
  async revive() {
    const saved = this.lastWeights;
    try {
      await this.open(this.wanted);
      if (saved) await this.request('restore', restoreArgs(saved));
    } catch (e) {
      this.close();
      this.lastWeights = saved;  // not the new worker's fresh ones
      throw e;
    }
  }

  request(type, args = {}, transfer = []) {
    if (!this.worker) return Promise.reject(new Error('the trainer is not running'));
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...args }, transfer);
    });
  }

  /** Train (the worker's start); a pause asked for before is forgotten. */
  start(args) {
    this.pauseAsked = false;
    return this.request('start', args);
  }

  /** Pause, and stay paused: a worker taking over from a failed one (fallBack) then does not start. */
  pause() {
    this.pauseAsked = true;
    return this.request('pause');
  }

  failAll(error) {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  receive(message) {
    if (message.type === 'reply') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      const { error, code, ...result } = message;
      delete result.type;
      delete result.id;
      if (error) waiting.reject(Object.assign(new Error(error), { code }));
      else waiting.resolve(result);
    } else if (message.type === 'snapshot') {
      this.last = message;
      if (message.weights) {
        const { steps, seconds, beta } = message.status;
        this.lastWeights = { weights: message.weights, steps, seconds, beta, snapshot: message };
      }
      this.on.snapshot(message);
    } else if (message.type === 'progress') {
      this.on.progress(message.fraction);
    } else if (message.type === 'stopped') {
      if (message.reason === 'failed' && this.lastWeights) this.fallBack(message.message);
      else this.on.stopped(message);
    }
  }

  /** The backend failed mid-run: a new worker on the next backend goes on from the last weights. */
  async fallBack(message) {
    console.warn(`the trainer's ${this.info.backend} backend failed: ${message}`);
    const from = this.info.backend;
    const to = FALLBACK[from];
    const saved = this.lastWeights;
    this.close();
    if (!to) {
      this.on.stopped({ reason: 'failed', message, steps: saved.steps });
      return;
    }
    try {
      await this.open(to);
      await this.request('restore', restoreArgs(saved));
      this.on.fellBack({ from, to, message, steps: saved.steps });
      if (this.pauseAsked) this.on.stopped({ reason: 'paused' });  // paused while the new worker started
      else await this.request('start', { beta: saved.beta });
    } catch (e) {
      this.close();
      this.lastWeights = saved;  // not the new worker's fresh ones
      this.on.stopped({ reason: 'failed', message: `${message}; ${e.message}`, steps: saved.steps });
    }
  }

  close() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.failAll(new Error('the trainer was closed'));
  }
}

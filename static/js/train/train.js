// "Train your own VAE" (the #train panel): a small VAE (vae-mlp.js) trains in a Web Worker (worker.js,
// spoken to by trainer.js) on real MNIST digits while the page draws its snapshots: the held-out codes
// on a map (code-map.js), the held-out curves (curves.js), the same codes z ~ N(0, I) decoded, and one
// held-out digit with its reconstruction. β is a slider that changes the loss while it trains. The
// trained model can go behind the sliders, the latent map and the upload panel ("use"), or be saved
// ("download", trained-model.js, one ZIP). Beside it, Keras-trained models for five β (compare.js). Nothing is
// fetched until the panel comes near: then the worker starts and the digits download.

import { byIds } from '../core/dom.js';
import { count, fixed, shortest } from '../core/format.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { msg, setText, t } from '../core/i18n.js';
import { loadTrainingData } from '../core/models.js';
import { NEAR, whenNear } from '../core/near.js';
import { paintTiles } from '../core/tiles.js';
import { paintCodes, rangeFor } from './code-map.js';
import { mountComparison } from './compare.js';
import { addPoint, drawCurves } from './curves.js';
import { modelFiles, trainedModel } from './trained-model.js';
import { Trainer } from './trainer.js';
import { zipStore } from './zip.js';
import { HIDDEN, LATENT_DIM, PIXELS } from './vae-mlp.js';

/** The β slider's stops: fine near 0 and 1, where the pictures change most. */
export const BETAS = [0, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];
export const BETA_MAX = BETAS[BETAS.length - 1];
const MODEL_NAME = 'in-page';
const ARCHIVE = 'vae-in-page.zip';
const BACKEND_KEYS = { webgl: 'backend.webgl', wasm: 'backend.wasm', cpu: 'backend.cpu' };

const IDS = {
  start: 'train-start', pause: 'train-pause', reset: 'train-reset', beta: 'train-beta', betaOut: 'train-beta-out',
  progress: 'train-progress', status: 'train-status', note: 'train-note', message: 'train-message', map: 'train-map',
  range: 'train-map-range', curves: 'train-curves', figures: 'train-figures', samples: 'train-samples',
  input: 'train-input', output: 'train-output', another: 'train-another', use: 'train-use',
  download: 'train-download',
};

/** The stop of the β slider nearest to β. */
const nearestStop = (beta) => BETAS.reduce((best, b, k) => (Math.abs(b - beta) < Math.abs(BETAS[best] - beta) ? k
  : best), 0);

class TrainSection {
  constructor(root, state, manifest) {
    Object.assign(this, { root, state, n: byIds(root, IDS), trainer: null, opening: null, reviving: null,
      starting: false, points: [], range: 3, running: false, beta: 1, info: null });
    this.path = manifest && manifest.training_manifest;
    this.draw = createFrameScheduler(() => this.render());
    this.wire();
    this.setBetaSlider(this.beta);
    this.controls();
    if (!this.path) this.say('train.unavailable');
    else whenNear(root, () => this.open().catch(() => {}), NEAR.below);
    this.comparison = mountComparison(root, this.path);
    state.subscribe((what) => { if (what === 'lang') this.languageChanged(); });
  }

  wire() {
    const { n } = this;
    n.start.addEventListener('click', () => this.start().catch(() => {}));
    n.pause.addEventListener('click', () => this.pause().catch(() => {}));
    n.reset.addEventListener('click', () => this.reset().catch(() => {}));
    n.beta.addEventListener('input', () => this.setBeta(BETAS[Number(n.beta.value)]).catch(() => {}));
    n.another.addEventListener('click', () => this.watchAnother().catch(() => {}));
    n.use.addEventListener('click', () => this.use().catch(() => {}));
    n.download.addEventListener('click', () => this.download().catch(() => {}));
    document.addEventListener('visibilitychange', () => {
      if (document.hidden && this.running) this.pause().then(() => this.say('train.pausedHidden'), () => {});
    });
  }

  /** A sentence under the controls (a message key; null clears it); an error also rejects the caller. */
  say(key, params = {}) {
    this.n.message.hidden = !key;
    if (key) setText(this.n.message, key, params);
  }

  fail(key, params = {}) {
    this.say(key, params);
    return new Error(t(key, params));
  }

  controls() {
    const { n } = this;
    const open = Boolean(this.trainer && this.trainer.worker);
    const has = Boolean(this.trainer && this.trainer.last);
    n.start.disabled = !this.path || this.running || this.starting;
    setText(n.start, has && this.trainer.last.status.steps ? 'train.goOn' : 'train.start');
    n.pause.disabled = !this.running;
    n.reset.disabled = !open || this.running;
    n.another.disabled = !open;
    n.use.disabled = !has;
    n.download.disabled = !has;
  }

  // ---- the worker ----

  /** Start the worker and load the digits (once; a failed try can be retried). */
  open() {
    if (!this.opening) {
      this.opening = this.starts(this.openTrainer());
      this.opening.catch(() => { this.opening = null; });
    }
    return this.opening;
  }

  /** After every backend failed: a new worker, going on from the weights kept (Start). */
  revive() {
    if (!this.reviving) {
      this.reviving = this.starts(this.trainer.revive().catch((e) => {
        throw this.fail('train.openFailed', { detail: e.message || String(e) });
      }));
      this.reviving.then(() => { this.reviving = null; }, () => { this.reviving = null; });
    }
    return this.reviving;
  }

  /** `work`, with Start disabled until it settles. */
  starts(work) {
    this.starting = true;
    this.controls();
    const done = () => { this.starting = false; this.controls(); };
    work.then(done, done);
    return work;
  }

  async openTrainer() {
    const { n } = this;
    n.progress.hidden = false;
    n.progress.removeAttribute('value');
    this.say('train.loading');
    try {
      const data = await loadTrainingData(this.path);
      const query = new URLSearchParams(window.location.search);
      const backend = query.get('backend') || 'auto';
      this.trainer = new Trainer({ data, backend, flags: query.get('tfjsflags') || '', on: {
        snapshot: (s) => this.snapshot(s), progress: (f) => { n.progress.value = f; },
        stopped: (s) => this.stopped(s), fellBack: (f) => this.fellBack(f) } });
      this.info = await this.trainer.open();
      this.say(null);
      this.noteBackend();
      this.draw.request();
    } catch (e) {
      if (this.trainer) this.trainer.close();
      this.trainer = null;
      throw this.fail(e.code === 'data' ? 'train.dataFailed' : 'train.openFailed', { detail: e.message || String(e) });
    } finally {
      n.progress.hidden = true;
      this.controls();
    }
  }

  // Not running only once the worker says 'stopped' (or answers pause): a snapshot saying running: false
  // comes while its loop is still finishing, and a start sent then would meet the old loop's 'stopped'.
  snapshot(s) {
    addPoint(this.points, { step: s.status.steps, beta: s.status.beta, ...s.heldOut });
    this.range = 0.7 * this.range + 0.3 * rangeFor(s.codes);
    this.draw.request();
    this.controls();
  }

  stopped({ reason, message }) {
    this.running = false;
    const kept = this.trainer.lastWeights;
    if (reason === 'failed' && kept) this.say('train.failed', { detail: message, steps: count(kept.steps) });
    else if (reason === 'failed') this.say('train.openFailed', { detail: message });  // no weights: none to keep
    this.controls();
  }

  fellBack({ from, to, message, steps }) {
    this.say('train.fellBack', { from: msg(BACKEND_KEYS[from]), to: msg(BACKEND_KEYS[to]), detail: message,
      steps: count(steps) });
    this.info.backend = to;
    this.running = true;
    this.controls();
  }

  /** Say under the status line when the GPU was passed over for storing only 16-bit floats. */
  noteBackend() {
    const { n, info } = this;
    n.note.hidden = !info.float16;
    if (info.float16) setText(n.note, 'train.float16', { backend: msg(BACKEND_KEYS[info.backend]) });
  }

  // ---- actions (the buttons, the slider, and the handle) ----

  /** Train until paused, or for `seconds` more seconds, or `steps` more steps. */
  async start({ beta, seconds = null, steps = null } = {}) {
    if (beta !== undefined) this.checkBeta(beta);
    if (!this.path) throw this.fail('train.unavailable');
    await this.open();
    if (!this.trainer.worker || this.reviving) await this.revive();
    if (this.running) throw this.fail('train.already');
    if (beta !== undefined) this.setBetaSlider(beta);
    this.say(null);
    this.running = true;
    this.controls();
    try {
      await this.trainer.start({ beta: this.beta, seconds, steps });
    } catch (e) {
      this.running = false;
      this.controls();
      throw this.fail('train.failed', { detail: e.message, steps: count(this.status().steps) });
    }
  }

  async pause() {
    if (!this.running) return;
    try {
      await this.trainer.pause();
    } finally {
      this.running = false;
      this.controls();
    }
  }

  async reset() {
    if (!this.trainer || !this.trainer.worker) throw this.fail('train.notOpen');
    await this.pause();
    this.points = [];
    this.range = 3;
    await this.trainer.request('reset', {});
    this.say(null);
    this.controls();
  }

  checkBeta(beta) {
    if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0 || beta > BETA_MAX) {
      throw this.fail('train.badBeta', { beta: String(beta), max: shortest(BETA_MAX) });
    }
  }

  setBetaSlider(beta) {
    this.beta = beta;
    this.n.beta.value = String(nearestStop(beta));
    this.n.betaOut.value = shortest(beta);
    this.n.beta.setAttribute('aria-valuetext', `β = ${shortest(beta)}`);
  }

  async setBeta(beta) {
    this.checkBeta(beta);
    this.setBetaSlider(beta);
    if (this.trainer && this.trainer.worker) await this.trainer.request('setBeta', { beta });
  }

  async watchAnother() {
    if (!this.info) return;
    const next = ((this.trainer.last ? this.trainer.last.reconstruction.index : 0) + 1) % this.info.test;
    await this.trainer.request('watch', { index: next });
  }

  /**
   * {values, snapshot}: the newest weights, asked of the worker, with its last snapshot; or, once it has
   * stopped for good, the last weights it sent with the snapshot that carried them (whose figures are theirs).
   */
  async weights() {
    const { trainer } = this;
    if (!trainer || !trainer.last) throw this.fail('train.nothingYet');
    if (trainer.worker && trainer.ready) {
      return { values: (await trainer.request('weights')).weights, snapshot: trainer.last };
    }
    return { values: trainer.lastWeights.weights, snapshot: trainer.lastWeights.snapshot };
  }

  /** Put the trained model behind the sliders, the latent map and the upload panel. */
  async use() {
    const { values, snapshot } = await this.weights();
    const { status: s, heldOut, codes } = snapshot;
    const entry = {
      name: MODEL_NAME, title: t('train.modelTitle', { beta: shortest(s.beta), steps: count(s.steps) }),
      kind: 'vae', arch: 'mlp256', latent_dim: LATENT_DIM, encoder: 'in-page', encoder_output: 'mu_logvar',
      test: { images: heldOut.images, reconstruction: heldOut.reconstruction, kl: heldOut.kl,
        neg_elbo: heldOut.negElbo },
      training: { epochs: Number(s.epochs.toFixed(1)), train_images: this.info.train },
      bytes: { encoder: 4 * (PIXELS * HIDDEN + HIDDEN + HIDDEN * 2 * LATENT_DIM + 2 * LATENT_DIM),
        decoder: 4 * (LATENT_DIM * HIDDEN + HIDDEN + HIDDEN * PIXELS + PIXELS) },
      codes: { count: this.info.test, dim: LATENT_DIM, codes: Float32Array.from(codes), labels: this.info.labels },
    };
    entry.load = async () => trainedModel(entry, values);
    this.state.offerModel(entry);
    await this.state.requestModel(MODEL_NAME);
    this.say('train.inUse');
  }

  /** Save encoder, decoder and a JSON of the figures, in one ZIP; resolves with {archive, files} (names). */
  async download() {
    const { values, snapshot } = await this.weights();
    const { status: s, heldOut } = snapshot;
    const about = { model: 'VAE, 2-D code, 784-256-2 / 2-256-784 (train/models.py --arch mlp256)',
      encoder_output: 'mu_logvar: the encoder gives [μ | log σ²]', beta: s.beta, steps: s.steps,
      epochs: s.epochs, seconds: s.seconds, backend: s.backend, batch: s.batch, train_images: this.info.train,
      held_out: { images: heldOut.images, reconstruction: heldOut.reconstruction, kl: heldOut.kl,
        neg_elbo: heldOut.negElbo, units: 'nats per image (Σ-pixel binary cross-entropy, KL in nats)' } };
    const files = modelFiles(values, about);
    const url = URL.createObjectURL(zipStore(files));
    const a = document.createElement('a');
    a.href = url;
    a.download = ARCHIVE;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return { archive: ARCHIVE, files: files.map((f) => f.name) };
  }

  /** status() of the handle: the last snapshot's, or what is known before the worker starts. */
  status() {
    const last = this.trainer && this.trainer.last;
    const base = last ? { ...last.status } : { steps: 0, epochs: 0, seconds: 0, imagesPerSecond: 0,
      backend: this.info ? this.info.backend : null };
    return { ...base, running: this.running, beta: this.beta, heldOut: last ? { ...last.heldOut } : null };
  }

  // ---- drawing ----

  render() {
    const last = this.trainer && this.trainer.last;
    if (!last || !this.info) return;
    const { n } = this;
    const s = last.status;
    setText(n.status, 'train.status', { steps: count(s.steps), epochs: fixed(s.epochs, 1),
      rate: count(Math.round(s.imagesPerSecond)), backend: t(BACKEND_KEYS[s.backend]), seconds: fixed(s.seconds, 0) });
    const h = last.heldOut;
    n.figures.replaceChildren(...[['negElbo', 'train.negElbo', h.negElbo],
      ['reconstruction', 'train.reconstruction', h.reconstruction],
      ['kl', 'train.kl', h.kl]].flatMap(([series, key, v]) => {  // the rows are the curves' legend too
      const dt = document.createElement('dt');
      dt.className = `train-key train-key-${series}`;
      const dd = document.createElement('dd');
      setText(dt, key);
      const unit = document.createElement('span');
      unit.className = 'train-unit';
      setText(unit, 'train.unit');
      dd.replaceChildren(`${fixed(v, 1)} `, unit);
      return [dt, dd];
    }));
    paintCodes(n.map, last.codes, this.info.labels, this.range);
    setText(n.range, 'train.mapRange', { range: fixed(this.range, 1) });
    drawCurves(n.curves, this.points);
    paintTiles(n.samples, last.samples, 6);
    paintTiles(n.input, last.reconstruction.input);
    paintTiles(n.output, last.reconstruction.output);
  }

  languageChanged() {
    this.setBetaSlider(this.beta);
    this.controls();
    this.draw.request();
  }

  handle() {
    return {
      start: (options) => this.start(options),
      pause: () => this.pause(),
      reset: () => this.reset(),
      setBeta: (beta) => this.setBeta(beta),
      status: () => this.status(),
      use: () => this.use(),
      download: () => this.download(),
      open: () => this.open(),
      points: () => this.points.map((p) => ({ ...p })),
      compare: () => this.comparison.show(),
      get trainer() { return this.section.trainer; },
      section: this,
      idle: () => this.draw.idle(),
    };
  }
}

/** The feature contract's mount: the panel inside `root`; `manifest` names the training manifest. */
export function mount({ root, state, manifest }) {
  return new TrainSection(root, state, manifest).handle();
}

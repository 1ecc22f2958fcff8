// "Your own digit": a picture the person uploads (file picker or drag-and-drop), draws on the pad, or
// picks from a strip of real MNIST test digits is preprocessed like MNIST (preprocess.js), encoded in
// the page, and shown next to its reconstruction from μ and its code (μ, σ per dimension). The sliders
// move to μ (state.setZ) and the posterior goes into the shared state (state.setPosterior) for other
// features. Every input becomes a job for the frame scheduler: one analysis at a time, the newest input
// winning. The image never leaves the browser: the only requests are the encoder's model files and
// the sample strip, both fetched when the panel comes near the screen or on first use, not before.
// Test hooks: window.vaeDemo.upload (idle, strokes, and stats when probes are on).

import { byIds } from '../core/dom.js';
import { encodeImage } from '../core/encode.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { msg, setText } from '../core/i18n.js';
import { bceNats } from '../core/pixel-errors.js';
import { NEAR, whenNear } from '../core/near.js';
import { createProbe, pushLatency } from '../core/probes.js';
import { createProgressLine } from '../core/progress.js';
import { createDrawPad } from './draw-pad.js';
import { listenForFiles } from './file-drop.js';
import { preprocessFile } from './image-file.js';
import { PreprocessError, preprocessRGBA } from './preprocess.js';
import { showResults } from './results.js';
import { loadSampleStrip } from './sample-strip.js';
import { createSuggestion } from './suggestion.js';

const IDS = {
  alert: 'upload-alert', status: 'upload-status', file: 'upload-file', drop: 'upload-drop',
  pad: 'upload-pad', undo: 'upload-undo', clear: 'upload-clear', samples: 'upload-samples',
  results: 'upload-results', input: 'upload-input', recon: 'upload-recon', reconFigure: 'upload-recon-figure',
  code: 'upload-code', reading: 'upload-reading', suggest: 'upload-suggest', suggestText: 'upload-suggest-text',
  suggestButton: 'upload-suggest-button', loading: 'upload-loading', loadingText: 'upload-loading-text',
  progress: 'upload-progress',
};

class Upload {
  constructor(state, manifest, root) {
    const n = { panel: root, ...byIds(root, IDS) };
    this.nodes = n;
    this.state = state;
    this.stats = createProbe('upload', { runs: 0, drawRequests: 0, latenciesMs: [], last: null, errors: 0 });
    this.job = null;       // the newest input waiting for analysis: {source, image | read(), startedAt}
    this.current = null;   // the input shown: {image, source}
    this.encoders = new WeakSet();  // models whose encoder is loaded
    this.near = false;     // true once the panel came near the screen (or was used)
    this.downloads = createProgressLine(n.loading, n.loadingText, n.progress);
    this.scheduler = createFrameScheduler(() => this.run(), (e) => this.fail(e));
    this.updateSuggestion = createSuggestion(n, manifest, state);
    this.pad = createDrawPad(n.pad, n.undo, n.clear, () => this.drawn());
    listenForFiles(n.file, n.drop, {
      onFile: (file) => this.submit({ source: 'upload', read: () => this.readFile(file) }),
      onNoFile: () => this.showAlert(msg('upload.noFile')),
    });
    this.samplesLoaded = null;
    this.wake = whenNear(n.panel, () => this.approached(), NEAR.upperHalf);
    state.subscribe((what) => this.modelChanged(what));
    n.panel.dataset.ready = 'true';
  }

  /** The panel came near (or was used): fetch the sample strip and the current model's encoder. */
  approached() {
    this.near = true;
    this.samplesLoaded = loadSampleStrip(this.nodes.samples, (image) => this.submit({ source: 'sample', image }));
    this.prefetch();
  }

  /** Fetch the current model's encoder so the first upload is quick (errors show on use). */
  prefetch() {
    const model = this.state.model;
    if (model && model.entry.encoder) this.encoderOf(model, { quiet: true });
  }

  /** Say what is wrong: a msg(), or an error that carries one (PreprocessError, ModelError). */
  showAlert(message) {
    setText(this.nodes.alert, message);
    this.nodes.alert.hidden = false;
    if (this.stats) this.stats.errors += 1;
  }

  /** Show a msg() in the panel's status line, or hide it (null). */
  setStatus(message) {
    if (message) setText(this.nodes.status, message);
    this.nodes.status.hidden = !message;
  }

  fail(e) {
    const known = e instanceof PreprocessError;
    this.showAlert(known ? e : msg('upload.failed', { detail: e.message || String(e) }));
    if (!known) console.warn(e);
  }

  /** Queue an input for analysis; it replaces any input still waiting. */
  submit(job) {
    this.wake();
    const waiting = this.job && this.job.source === job.source ? this.job.startedAt : 0;
    const startedAt = this.stats ? waiting || performance.now() : 0;
    this.job = { ...job, startedAt };
    this.scheduler.request();
  }

  drawn() {
    if (this.stats) this.stats.drawRequests += 1;
    this.submit({ source: 'draw', read: () => this.readPad() });
  }

  readPad() {
    if (!this.pad.strokes.length) return null;
    try {
      return preprocessRGBA(this.pad.pixels(), this.nodes.pad.width, this.nodes.pad.height);
    } catch (e) {
      if (e instanceof PreprocessError) return null;  // a dot too small to be a digit: wait for more
      throw e;
    }
  }

  async readFile(file) {
    this.setStatus(file.name ? msg('upload.readingFile', { file: file.name }) : msg('upload.readingPicture'));
    try {
      return await preprocessFile(file);
    } finally {
      this.setStatus(null);
    }
  }

  /** The language changed: say the results shown and the suggestion again. */
  languageChanged() {
    if (this.shown) showResults(this.nodes, this.shown.shown, this.shown.entry);
    if (this.state.model) this.updateSuggestion(this.state.model);
  }

  modelChanged(what) {
    if (what === 'lang') this.languageChanged();
    if (what !== 'model') return;
    if (this.current) this.submit({ ...this.current });
    else if (this.state.model) this.updateSuggestion(this.state.model);
    if (!this.current && this.near) this.prefetch();
  }

  /**
   * The model's encoder, downloading it (with a progress bar) on first use; null if it fails, with the
   * reason shown unless `quiet` (a prefetch: the upload that needs it says why).
   */
  async encoderOf(model, { quiet = false } = {}) {
    try {
      const encoder = this.encoders.has(model) ? await model.encoder()
        : await this.downloads.track(msg('upload.downloadingEncoder'), (onProgress) => model.encoder(onProgress));
      this.encoders.add(model);
      return encoder;
    } catch (e) {
      if (!quiet) this.showAlert(e.key ? e : msg('errors.generic', { detail: e.message || String(e) }));
      return null;
    }
  }

  /** One analysis (run by the frame scheduler): read the newest input, encode it, show it. */
  async run() {
    const job = this.job;
    const model = this.state.model;
    this.job = null;
    if (!job || !model) return;
    const image = job.image || await job.read();
    const encoder = image && !this.job ? await this.encoderOf(model) : null;
    if (!encoder || this.job || this.state.model !== model) return;  // nothing to show, or superseded
    const code = await encodeImage(model, encoder, image);
    if (this.job || this.state.model !== model) return;
    const shown = { image, source: job.source, ...code, bce: code.recon ? bceNats(image, code.recon) : null };
    this.show(shown, model);
    if (this.stats) this.measure(job, shown, model);
  }

  show(shown, model) {
    this.current = { image: shown.image, source: shown.source };
    this.shown = { shown, entry: model.entry };
    showResults(this.nodes, shown, model.entry);
    this.updateSuggestion(model);
    this.nodes.alert.hidden = true;
    this.nodes.alert.textContent = '';
    this.state.setPosterior({ mu: shown.mu, sigma: shown.sigma, image: Float32Array.from(shown.image),
      source: shown.source }, shown.source);
    this.state.setZ(shown.mu, 'upload');
  }

  measure(job, { image, mu, sigma, recon, bce, source }, model) {
    const p = this.stats;
    p.runs += 1;
    pushLatency(p.latenciesMs, performance.now() - job.startedAt, 1000);
    p.last = { source, image: Array.from(image), mu: Array.from(mu), sigma: sigma && Array.from(sigma),
      recon: recon && Array.from(recon), bce, model: model.entry.name };
  }

  /** Resolves once no upload, drawing or sample is waiting or being analysed. */
  idle() {
    return this.scheduler.idle();
  }

  get strokes() {
    return this.pad.strokes;
  }
}

/**
 * The feature contract's mount: the "Your own digit" panel inside `root` (#upload); manifest: the
 * model list (for the bigger-model suggestion). Returns its handle.
 */
export function mount({ root, state, manifest }) {
  return new Upload(state, manifest, root);
}

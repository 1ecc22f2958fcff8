// "Your own digit": a picture the person uploads (file picker or drag-and-drop), draws on the pad, or
// picks from a strip of real MNIST test digits is preprocessed like MNIST (preprocess.js), encoded in
// the page, and shown next to its reconstruction from μ and its code (μ, σ per dimension). The sliders
// move to μ (state.setZ) and the posterior goes into the shared state (state.setPosterior) for other
// features. The image never leaves the browser: nothing here sends a request except the encoder's
// own model files and the sample strip.
/* global tf */

import { createFrameScheduler } from './core/frame-scheduler.js';
import { PreprocessError, preprocessFile, preprocessRGBA, SIZE } from './preprocess.js';

const PIXELS = SIZE * SIZE;
const PAD_STROKE = 24;          // px on the 280 px pad: strokes about as thick, relative to the digit, as MNIST's
const SAMPLES_URL = new URL('../data/mnist-samples.json', import.meta.url);
const EPS = 1e-7;

/** BCE summed over the pixels (nats): −Σ x log p + (1 − x) log(1 − p), p clipped to [1e-7, 1 − 1e-7]. */
export function bceNats(x, p) {
  let s = 0;
  for (let i = 0; i < x.length; i += 1) {
    const q = Math.min(Math.max(p[i], EPS), 1 - EPS);
    s -= x[i] * Math.log(q) + (1 - x[i]) * Math.log(1 - q);
  }
  return s;
}

/** A plain-words reading of a reconstruction error, against the model's test-set average (or null). */
export function readError(bce, average) {
  const nats = `${bce.toFixed(1)} nats`;
  if (!(average > 0)) return `Reconstruction error: ${nats} (lower is better; 0 would be a perfect copy).`;
  const r = bce / average;
  const base = `Reconstruction error: ${nats}, against ${average.toFixed(1)} nats on average for MNIST's ` +
    `test digits (${r.toFixed(1)}×). `;
  if (r < 0.8) return `${base}This digit is easier than usual for the model: it looks very much like what it learned.`;
  if (r < 1.25) return `${base}About as well as a typical MNIST digit: the model recognises this kind of digit.`;
  if (r < 2) return `${base}Harder than usual: the model finds a similar digit, but not quite this one ` +
    '(its shape, slant or stroke width is unusual for MNIST).';
  return `${base}Far from what the model learned: it redraws something MNIST-like instead ` +
    '(perhaps not a digit, or drawn very differently from MNIST).';
}

function paintGray(canvas, values) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(SIZE, SIZE);
  for (let i = 0; i < PIXELS; i += 1) {
    const g = Math.round(Math.min(Math.max(values[i], 0), 1) * 255);
    img.data[4 * i] = g;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = g;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

export function initUpload({ state, manifest = null, picker = null, root = document }) {
  const $ = (id) => root.getElementById(id);
  const panel = $('upload');
  const alertBox = $('upload-alert');
  const statusLine = $('upload-status');
  const fileInput = $('upload-file');
  const drop = $('upload-drop');
  const pad = $('upload-pad');
  const undoButton = $('upload-undo');
  const clearButton = $('upload-clear');
  const samplesBox = $('upload-samples');
  const results = $('upload-results');
  const inputCanvas = $('upload-input');
  const reconCanvas = $('upload-recon');
  const codeTable = $('upload-code');
  const reading = $('upload-reading');
  const suggest = $('upload-suggest');
  const suggestText = $('upload-suggest-text');
  const suggestButton = $('upload-suggest-button');

  const stats = { runs: 0, drawRequests: 0, latenciesMs: [], last: null, errors: 0 };
  let current = null;       // {image: Float32Array(784), source}
  let token = 0;            // the newest job wins
  let pending = 0;
  let idleWaiters = [];
  const encoderLoaded = new WeakSet();

  function showAlert(message) {
    alertBox.textContent = message;
    alertBox.hidden = false;
    stats.errors += 1;
  }
  function clearAlert() {
    alertBox.hidden = true;
    alertBox.textContent = '';
  }
  function setStatus(text) {
    statusLine.textContent = text;
    statusLine.hidden = !text;
  }
  function settle() {
    if (pending > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
  async function track(promise) {
    pending += 1;
    try {
      return await promise;
    } finally {
      pending -= 1;
      settle();
    }
  }

  /** Encode an input image with the current model, show everything, update the shared state. */
  async function analyse(image, source, startedAt = performance.now()) {
    const mine = ++token;
    const model = state.model;
    if (!model) return false;
    let encoder;
    try {
      if (!encoderLoaded.has(model)) setStatus('Downloading the encoder…');
      encoder = await model.encoder();
      encoderLoaded.add(model);
    } catch (e) {
      setStatus('');
      showAlert(e.message || String(e));
      return false;
    }
    setStatus('');
    if (mine !== token || state.model !== model) return false;  // a newer input or model took over
    const vae = model.entry.kind !== 'ae' && model.entry.encoder_output === 'mu_logvar';
    const [muT, sigmaT, reconT] = tf.tidy(() => {
      const x = tf.tensor4d(image, [1, SIZE, SIZE, 1]);
      const { mu, logvar } = model.encodeWith(encoder, x);
      const sigma = logvar ? tf.exp(tf.mul(logvar, 0.5)) : null;
      const recon = vae ? model.decode(mu) : null;
      return [mu, sigma, recon];
    });
    let mu;
    let sigma = null;
    let recon = null;
    try {
      mu = await muT.data();
      if (sigmaT) sigma = await sigmaT.data();
      if (reconT) recon = await reconT.data();
    } finally {
      [muT, sigmaT, reconT].forEach((t) => t && t.dispose());
    }
    if (mine !== token || state.model !== model) return false;
    mu = Float32Array.from(mu);
    sigma = sigma ? Float32Array.from(sigma) : null;
    recon = recon ? Float32Array.from(recon) : null;
    const bce = recon ? bceNats(image, recon) : null;
    current = { image, source };
    render({ image, mu, sigma, recon, bce, model });
    clearAlert();
    stats.runs += 1;
    stats.latenciesMs.push(performance.now() - startedAt);
    if (stats.latenciesMs.length > 1000) stats.latenciesMs.shift();
    stats.last = { source, image: Array.from(image), mu: Array.from(mu), sigma: sigma && Array.from(sigma),
      recon: recon && Array.from(recon), bce, model: model.entry.name };
    state.setPosterior({ mu, sigma, image: Float32Array.from(image), source }, source);
    state.setZ(mu, 'upload');
    return true;
  }

  function render({ image, mu, sigma, recon, bce, model }) {
    results.hidden = false;
    const vae = recon !== null;
    results.classList.toggle('upload-ae', !vae);
    paintGray(inputCanvas, image);
    if (vae) paintGray(reconCanvas, recon);
    $('upload-recon-figure').hidden = !vae;
    // The code: one row per dimension.
    const head = document.createElement('tr');
    for (const h of vae ? ['', 'μ', 'σ', ''] : ['', 'z']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      head.append(th);
    }
    const rows = Array.from(mu, (m, i) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = `z${i + 1}`;
      const tdMu = document.createElement('td');
      tdMu.className = 'mono';
      tdMu.textContent = m.toFixed(2).replace('-', '−');
      tr.append(th, tdMu);
      if (vae) {
        const tdSigma = document.createElement('td');
        tdSigma.className = 'mono';
        tdSigma.textContent = sigma[i].toFixed(2);
        const tdBar = document.createElement('td');
        tdBar.append(codeBar(m, sigma[i]));
        tr.append(tdSigma, tdBar);
      }
      return tr;
    });
    const caption = document.createElement('caption');
    caption.textContent = vae ? 'The code: μ ± σ per dimension (bars: −3 to 3)' : 'The code z';
    codeTable.replaceChildren(caption, head, ...rows);
    codeTable.setAttribute('aria-label', vae ? 'The code: mean μ and spread σ of each latent dimension'
      : 'The code z (a plain autoencoder has no σ)');
    reading.textContent = vae ? readError(bce, (model.entry.test || {}).reconstruction)
      : 'This is a plain autoencoder: it gives one code z per image, with no σ; pick a VAE to see ' +
        'the reconstruction and its error.';
    updateSuggestion(model);
  }

  /** A track from −3 to 3 with the band μ ± σ and a tick at μ. */
  function codeBar(m, s) {
    const track = document.createElement('span');
    track.className = 'upload-bar';
    track.setAttribute('aria-hidden', 'true');
    const pct = (v) => `${((Math.min(Math.max(v, -3), 3) + 3) / 6) * 100}%`;
    const band = document.createElement('span');
    band.className = 'upload-bar-band';
    band.style.left = pct(m - s);
    band.style.right = `calc(100% - ${pct(m + s)})`;
    const tick = document.createElement('span');
    tick.className = 'upload-bar-mu';
    tick.style.left = pct(m);
    track.append(band, tick);
    return track;
  }

  function biggerModel(model) {
    if (!manifest || !Array.isArray(manifest.models)) return null;
    const candidates = manifest.models.filter((m) => m.latent_dim > model.latentDim && m.kind !== 'ae');
    if (!candidates.length) return null;
    return candidates.reduce((a, b) => (b.latent_dim > a.latent_dim ? b : a));
  }

  function updateSuggestion(model) {
    const better = biggerModel(model);
    suggest.hidden = !better || !picker;
    if (!better || !picker) return;
    suggestText.textContent = `This model squeezes every digit into ${model.latentDim} numbers, so it ` +
      `redraws a typical digit rather than yours. “${better.title}” keeps ${better.latent_dim} numbers ` +
      'and reconstructs your own digit more faithfully.';
    suggestButton.textContent = `Use “${better.title}”`;
    suggestButton.dataset.model = better.name;
  }

  suggestButton.addEventListener('click', () => {
    const name = suggestButton.dataset.model;
    if (!picker || !name || picker.disabled) return;
    picker.value = name;
    picker.dispatchEvent(new Event('change'));
  });

  // A new model: redo the current input with it, so the comparison stays in view.
  state.subscribe((what) => {
    if (what !== 'model') return;
    if (current) track(analyse(current.image, current.source)).catch(fail);
    else if (state.model) updateSuggestion(state.model);
  });

  function fail(e) {
    showAlert(e instanceof PreprocessError ? e.message : `Something went wrong with this picture: ${e.message || e}`);
    if (!(e instanceof PreprocessError)) console.warn(e);
  }

  // ---------------------------------------------------------------------------------------------
  // Files: picker and drag-and-drop

  async function handleFile(file, startedAt) {
    if (!file) return;
    setStatus(`Reading “${file.name || 'the picture'}”…`);
    let image;
    try {
      image = await preprocessFile(file);
    } catch (e) {
      setStatus('');
      fail(e);
      return;
    }
    setStatus('');
    await analyse(image, 'upload', startedAt);
  }

  fileInput.addEventListener('change', () => {
    const startedAt = performance.now();
    const file = fileInput.files && fileInput.files[0];
    track(handleFile(file, startedAt)).catch(fail).finally(() => { fileInput.value = ''; });
  });

  const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files');
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      drop.classList.add('upload-drop-over');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('upload-drop-over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    drop.classList.remove('upload-drop-over');
    const startedAt = performance.now();
    const files = e.dataTransfer ? Array.from(e.dataTransfer.files || []) : [];
    if (!files.length) {
      showAlert('Drop a picture file (from your computer or phone), not a link or text.');
      return;
    }
    track(handleFile(files[0], startedAt)).catch(fail);
  });
  // A file dropped next to the drop zone must not make the browser navigate away from the page.
  for (const type of ['dragover', 'drop']) {
    document.addEventListener(type, (e) => {
      if (hasFiles(e) && !drop.contains(e.target)) {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The draw pad: pointer events (mouse, touch, pen), strokes kept for undo, analysis coalesced to
  // at most one at a time, the latest drawing winning.

  const ctx = pad.getContext('2d', { willReadFrequently: true });
  const strokes = [];
  let active = null;   // {pointerId, points}
  let drawStartedAt = null;

  function paintPad() {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, pad.width, pad.height);
    for (const s of strokes) paintStroke(s, 0);
  }
  function paintStroke(points, from) {
    ctx.strokeStyle = '#111';
    ctx.fillStyle = '#111';
    ctx.lineWidth = PAD_STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    if (points.length === 1) {
      ctx.beginPath();
      ctx.arc(points[0][0], points[0][1], PAD_STROKE / 2, 0, 2 * Math.PI);
      ctx.fill();
      return;
    }
    ctx.beginPath();
    const start = Math.max(0, from - 1);
    ctx.moveTo(points[start][0], points[start][1]);
    for (let i = start + 1; i < points.length; i += 1) ctx.lineTo(points[i][0], points[i][1]);
    ctx.stroke();
  }
  function padPoint(e) {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * (pad.width / r.width), (e.clientY - r.top) * (pad.height / r.height)];
  }
  function updateButtons() {
    undoButton.disabled = strokes.length === 0;
    clearButton.disabled = strokes.length === 0;
  }

  // The drawing is analysed at most once per animation frame, never twice at once (frame-scheduler.js).
  async function analyseDrawing() {
    const startedAt = drawStartedAt;
    drawStartedAt = null;
    if (!strokes.length) return;
    const { data } = ctx.getImageData(0, 0, pad.width, pad.height);
    let image = null;
    try {
      image = preprocessRGBA(data, pad.width, pad.height);
    } catch (e) {
      if (!(e instanceof PreprocessError)) throw e;  // a dot too small to be a digit: wait for more
    }
    if (image) await analyse(image, 'draw', startedAt);
  }
  const drawing = createFrameScheduler(analyseDrawing, fail);

  function requestDrawAnalysis() {
    stats.drawRequests += 1;
    if (drawStartedAt === null) drawStartedAt = performance.now();
    drawing.request();
  }

  pad.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (active) return;  // a second finger: ignore
    e.preventDefault();
    try {
      pad.setPointerCapture(e.pointerId);
    } catch (err) { /* synthetic or already-gone pointer: drawing still works without capture */ }
    active = { pointerId: e.pointerId, points: [padPoint(e)] };
    strokes.push(active.points);
    paintStroke(active.points, 0);
    updateButtons();
    requestDrawAnalysis();
  });
  pad.addEventListener('pointermove', (e) => {
    if (!active || e.pointerId !== active.pointerId) return;
    e.preventDefault();
    const from = active.points.length;
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of (events.length ? events : [e])) active.points.push(padPoint(ev));
    paintStroke(active.points, from);
    requestDrawAnalysis();
  });
  const endStroke = (e) => {
    if (!active || e.pointerId !== active.pointerId) return;
    active = null;
    requestDrawAnalysis();
  };
  pad.addEventListener('pointerup', endStroke);
  pad.addEventListener('pointercancel', endStroke);
  pad.addEventListener('lostpointercapture', endStroke);

  undoButton.addEventListener('click', () => {
    if (active) return;
    strokes.pop();
    paintPad();
    updateButtons();
    if (strokes.length) requestDrawAnalysis();
  });
  clearButton.addEventListener('click', () => {
    active = null;
    strokes.length = 0;
    paintPad();
    updateButtons();
  });
  paintPad();
  updateButtons();

  // ---------------------------------------------------------------------------------------------
  // Real MNIST test digits to click: already as MNIST made them, so they skip the preprocessing.

  async function loadSamples() {
    let payload;
    try {
      const response = await fetch(SAMPLES_URL);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      payload = await response.json();
    } catch (e) {
      samplesBox.textContent = `The sample digits could not be loaded (${e.message}).`;
      return;
    }
    const raw = atob(payload.pixels);
    const buttons = payload.labels.map((label, k) => {
      const image = new Float32Array(PIXELS);
      for (let i = 0; i < PIXELS; i += 1) image[i] = raw.charCodeAt(k * PIXELS + i) / 255;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'upload-sample';
      button.dataset.label = String(label);
      button.setAttribute('aria-label', `MNIST test digit ${label}`);
      button.title = `A real MNIST test digit (a ${label})`;
      const c = document.createElement('canvas');
      c.width = SIZE;
      c.height = SIZE;
      paintGray(c, image);
      button.append(c);
      button.addEventListener('click', () => {
        track(analyse(image, 'sample', performance.now())).catch(fail);
      });
      return button;
    });
    samplesBox.replaceChildren(...buttons);
  }
  const samplesLoaded = loadSamples();

  // Fetch the encoder in the background so the first upload is quick (errors show on first use).
  const first = state.model;
  if (first) first.encoder().then(() => encoderLoaded.add(first), () => {});
  panel.dataset.ready = 'true';

  return {
    stats,
    samplesLoaded,
    strokes,
    /** Analyse a Float32Array(784) input directly (tests, benchmarks). */
    analyse: (image, source = 'api') => track(analyse(Float32Array.from(image), source)),
    /** Resolves once no upload, drawing or sample is being processed. */
    async idle() {
      await drawing.idle();
      if (pending > 0) await new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

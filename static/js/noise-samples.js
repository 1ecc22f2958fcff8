// The noise lesson, part 2: the same noise on the real model. From the current code z (sliders, random,
// or an uploaded digit) it decodes a 4×4 grid of samples z + σ·ε live as σ moves (ε fixed per seed, so
// the samples spread out smoothly as σ grows), reports the pixel spread, draws the noise cloud on the
// latent plane for a 2-D model, and for an uploaded digit (state.posterior) sets the encoder's own σ per
// dimension beside the chosen σ and says what it means. Decodes are coalesced to one per animation frame,
// never overlap, and happen only while the grid is on screen; every tensor is disposed.
/* global tf */

import { createFrameScheduler } from './core/frame-scheduler.js';
import { gaussian, mulberry32 } from './core/random.js';

export const GRID = 4;
export const SAMPLES = GRID * GRID;
const PIXELS = 28 * 28;
const SVG_NS = 'http://www.w3.org/2000/svg';
const PLANE = 3;

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

/** Mean over pixels of the per-pixel standard deviation across samples: values (n·784) → number. */
export function pixelSpread(values, n = SAMPLES) {
  let total = 0;
  for (let j = 0; j < PIXELS; j += 1) {
    let mean = 0;
    for (let i = 0; i < n; i += 1) mean += values[i * PIXELS + j];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i += 1) v += (values[i * PIXELS + j] - mean) ** 2;
    total += Math.sqrt(v / n);
  }
  return total / PIXELS;
}

export function createNoiseSamples(root, state, { sigma = 0.5, seed = 1, onSigma = () => {}, onError = console.warn } = {}) {
  const $ = (id) => root.querySelector(`#${id}`);
  const canvas = $('noise-grid');
  const sigmaInput = $('noise-model-sigma');
  const sigmaOut = $('noise-model-sigma-out');
  const resampleButton = $('noise-resample');
  const spreadText = $('noise-spread');
  const planeFigure = $('noise-plane-figure');
  const plane = $('noise-plane');
  const encoderBox = $('noise-encoder');
  const encoderText = $('noise-encoder-text');
  const encoderBars = $('noise-encoder-bars');

  let rng = mulberry32(seed);
  let eps = new Float32Array(0);
  let current = sigma;
  const stats = { draws: 0, sigma: null, z: null, values: null, spread: null };

  function drawEps() {
    const dim = state.model ? state.model.latentDim : 0;
    eps = Float32Array.from({ length: SAMPLES * dim }, () => gaussian(rng));
  }

  /** The sample codes z + σ·ε as a flat Float32Array (SAMPLES · latentDim). */
  function codes() {
    const dim = state.model.latentDim;
    const out = new Float32Array(SAMPLES * dim);
    for (let i = 0; i < SAMPLES; i += 1) {
      for (let d = 0; d < dim; d += 1) out[i * dim + d] = state.z[d] + current * eps[i * dim + d];
    }
    return out;
  }

  async function render() {
    if (!state.model) return;
    const dim = state.model.latentDim;
    if (eps.length !== SAMPLES * dim) drawEps();
    const zs = codes();
    const sigmaNow = current;
    drawPlane(zs);
    const flat = tf.tidy(() => state.model.decode(tf.tensor2d(zs, [SAMPLES, dim])).reshape([SAMPLES, PIXELS]));
    const grid = tf.tidy(() => flat.reshape([GRID, GRID, 28, 28]).transpose([0, 2, 1, 3])
      .reshape([GRID * 28, GRID * 28, 1]));
    try {
      const [values] = await Promise.all([flat.data(), tf.browser.toPixels(grid, canvas)]);
      stats.values = values;
    } finally {
      flat.dispose();
      grid.dispose();
    }
    stats.draws += 1;
    stats.sigma = sigmaNow;
    stats.z = Array.from(state.z);
    stats.codes = Array.from(zs);
    stats.spread = pixelSpread(stats.values);
    spreadText.dataset.spread = String(stats.spread);
    spreadText.textContent = `Pixel spread: ${stats.spread.toFixed(3)} (mean per-pixel std)`;
  }

  const scheduler = createFrameScheduler(render, onError);
  // Decode only while the grid is on screen (16 decodes per change would otherwise slow every slider
  // move elsewhere on the page); a change made while it is off screen is drawn when it comes back.
  let visible = true;
  let stale = false;
  function request() {
    if (visible) scheduler.request(); else stale = true;
  }
  function catchUp() {
    if (stale) {
      stale = false;
      scheduler.request();
    }
  }
  if ('IntersectionObserver' in window) {
    new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible) catchUp();
    }).observe(canvas);
  }

  function drawPlane(zs) {
    const two = state.model && state.model.latentDim === 2;
    planeFigure.hidden = !two;
    if (!two) return;
    const g = svg('g', { transform: 'scale(1,-1)' });
    for (let v = -PLANE; v <= PLANE; v += 1) {
      g.append(svg('line', { class: v === 0 ? 'noise-plane-axis' : 'noise-plane-grid', x1: v, x2: v, y1: -PLANE, y2: PLANE }));
      g.append(svg('line', { class: v === 0 ? 'noise-plane-axis' : 'noise-plane-grid', y1: v, y2: v, x1: -PLANE, x2: PLANE }));
    }
    const post = state.posterior;
    if (post && post.sigma) {
      g.append(svg('ellipse', {
        class: 'noise-plane-encoder', cx: post.mu[0], cy: post.mu[1], rx: 2 * post.sigma[0], ry: 2 * post.sigma[1],
      }));
    }
    if (current > 0) g.append(svg('circle', { class: 'noise-plane-window', cx: state.z[0], cy: state.z[1], r: 2 * current }));
    for (let i = 0; i < SAMPLES; i += 1) {
      g.append(svg('circle', { class: 'noise-plane-sample', cx: zs[2 * i], cy: zs[2 * i + 1], r: 0.09 }));
    }
    g.append(svg('circle', { class: 'noise-plane-z', cx: state.z[0], cy: state.z[1], r: 0.13 }));
    plane.replaceChildren(
      g,
      svg('text', { class: 'noise-plane-label', x: PLANE - 0.05, y: -0.12, 'text-anchor': 'end' }, 'z1'),
      svg('text', { class: 'noise-plane-label', x: 0.12, y: -PLANE + 0.35 }, 'z2'),
    );
  }

  function describeEncoder() {
    const post = state.posterior;
    encoderBox.hidden = !post;
    if (!post) return;
    if (!post.sigma) {
      encoderText.textContent = 'This model is a plain autoencoder: its encoder gives one exact point and no σ. ' +
        'It was never taught that nearby codes should mean the same digit.';
      encoderBars.replaceChildren();
      return;
    }
    const s = Array.from(post.sigma);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    const lo = s.indexOf(Math.min(...s));
    const hi = s.indexOf(Math.max(...s));
    const ratio = current / mean;
    let verdict;
    if (current === 0) verdict = 'With σ = 0 every sample is z itself.';
    else if (ratio <= 1) verdict = `Your σ = ${current.toFixed(2)} is inside that doubt: every sample is a code the encoder could give this digit.`;
    else verdict = `Your σ = ${current.toFixed(2)} is ${ratio.toFixed(1)}× that: the samples wander beyond this digit.`;
    encoderText.dataset.meanSigma = String(mean);
    encoderText.textContent = `The encoder’s own σ for your digit: ${mean.toFixed(2)} on average ` +
      `(${s[lo].toFixed(2)} on z${lo + 1} to ${s[hi].toFixed(2)} on z${hi + 1}): it is sure where this digit ` +
      `lives to within about ±${(2 * mean).toFixed(2)} per number. ${verdict}`;
    drawBars(s);
  }

  function drawBars(s) {
    const w = 400;
    const h = 120;
    const labels = s.length <= 8;
    const base = labels ? h - 24 : h;
    const top = 1.5 * Math.max(current, ...s, 0.05);  // headroom for the label above the line
    const bw = w / s.length;
    const y = (v) => base - (v / top) * (base - 4);
    const nodes = s.flatMap((v, i) => {
      const bar = svg('rect', { class: 'noise-enc-bar', x: i * bw + bw * 0.2, width: bw * 0.6, y: y(v), height: base - y(v) });
      if (!labels) return [bar];
      return [bar, svg('text', { class: 'noise-enc-label', x: (i + 0.5) * bw, y: h - 3, 'text-anchor': 'middle' }, `z${i + 1}: ${v.toFixed(2)}`)];
    });
    nodes.push(svg('line', { class: 'noise-enc-chosen', x1: 0, x2: w, y1: y(current), y2: y(current) }));
    nodes.push(svg('text', { class: 'noise-enc-label noise-enc-chosen-label', x: w - 4, y: y(current) - 7, 'text-anchor': 'end' }, `your σ = ${current.toFixed(2)}`));
    encoderBars.replaceChildren(...nodes);
  }

  function setSigma(v, from = null) {
    const changed = v !== current;
    current = v;
    if (from !== sigmaInput) sigmaInput.value = String(v);
    sigmaOut.textContent = v.toFixed(2);
    if (changed) {
      describeEncoder();
      request();
    }
  }

  sigmaInput.addEventListener('input', () => onSigma(Number(sigmaInput.value), sigmaInput));
  resampleButton.addEventListener('click', () => resample());

  function resample() {
    drawEps();
    request();
  }

  state.subscribe((what) => {
    if (what === 'model') drawEps();
    if (what === 'model' || what === 'posterior') describeEncoder();
    request();
  });

  return {
    stats,
    setSigma,
    resample,
    /** Restart the ε draws from a seed (the lesson's seed control). */
    reseed(newSeed) {
      rng = mulberry32((newSeed ^ 0x5eed) >>> 0);
      drawEps();
      request();
    },
    /** Resolves once the grid shows the current z and σ (no decode pending). */
    /** Resolves once the grid shows the current z and σ (drawing it now if it was off screen). */
    idle() {
      catchUp();
      return scheduler.idle();
    },
  };
}

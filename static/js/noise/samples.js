// The noise lesson, part 2: the same noise on the real model. From the current code z (sliders, random,
// or an uploaded digit) it decodes a 4×4 grid of samples z + σ·ε live as σ moves (ε fixed per seed, so
// the samples spread out smoothly as σ grows) and reports their pixel spread; latent-plane.js draws the
// cloud for a 2-D model, encoder-sigma.js the encoder's own σ for an uploaded digit. Decodes go through
// the frame scheduler (one per frame, never overlapping) and happen only while the grid is on screen;
// the 16 samples are one batched decode and one canvas write.

import { PIXELS } from '../core/constants.js';
import { fixed } from '../core/format.js';
import { createFrameScheduler, onScreenOnly } from '../core/frame-scheduler.js';
import { setText } from '../core/i18n.js';
import { createProbe } from '../core/probes.js';
import { byIds } from '../core/dom.js';
import { gaussian, mulberry32 } from '../core/random.js';
import { paintTiles } from '../core/tiles.js';
import { describeEncoderSigma } from './encoder-sigma.js';
import { drawLatentPlane } from './latent-plane.js';

export const GRID = 4;
export const SAMPLES = GRID * GRID;

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

/** The sample codes z + σ·ε as a flat Float32Array (SAMPLES · dim). */
function noisyCodes(z, sigma, eps) {
  const dim = z.length;
  const out = new Float32Array(SAMPLES * dim);
  for (let i = 0; i < SAMPLES * dim; i += 1) out[i] = z[i % dim] + sigma * eps[i];
  return out;
}

/** Decode the codes, draw them as a 4×4 grid on `canvas`: resolves to the pixels (SAMPLES·784). */
async function decodeGrid(model, codes, canvas) {
  const values = await model.decodeValues(codes);
  paintTiles(canvas, values, GRID);
  return values;
}

export function createNoiseSamples(root, state,
  { sigma = 0.5, seed = 1, onSigma = () => {}, onError = console.warn } = {}) {
  const n = byIds(root, { canvas: 'noise-grid', sigmaInput: 'noise-model-sigma', spreadText: 'noise-spread',
    box: 'noise-encoder', text: 'noise-encoder-text', bars: 'noise-encoder-bars', plane: 'noise-plane',
    planeFigure: 'noise-plane-figure', sigmaOut: 'noise-model-sigma-out', resample: 'noise-resample' });
  const { canvas, sigmaInput, spreadText } = n;
  const encoderNodes = { box: n.box, text: n.text, bars: n.bars };
  const stats = createProbe('noiseSamples', { draws: 0 });  // null unless probes are on
  let rng = mulberry32(seed);
  let eps = new Float32Array(0);
  let current = sigma;

  const drawEps = () => {
    eps = Float32Array.from({ length: SAMPLES * (state.model ? state.model.latentDim : 0) }, () => gaussian(rng));
  };

  async function render() {
    if (!state.model) return;
    if (eps.length !== SAMPLES * state.model.latentDim) drawEps();
    const z = Float32Array.from(state.z);
    const codes = noisyCodes(z, current, eps);
    const sigmaNow = current;
    drawLatentPlane(n.plane, n.planeFigure,
      { z, codes, sigma: sigmaNow, posterior: state.posterior });
    const values = await decodeGrid(state.model, codes, canvas);
    const spread = pixelSpread(values);
    spreadText.dataset.spread = String(spread);
    setText(spreadText, 'noise.spread', { v: fixed(spread, 3) });  // said again on a switch, even off screen
    if (stats) Object.assign(stats, { draws: stats.draws + 1, sigma: sigmaNow, z: Array.from(z),
      codes: Array.from(codes), values: Array.from(values), spread });
  }

  const drawing = onScreenOnly(createFrameScheduler(render, onError), canvas);
  const describe = () => describeEncoderSigma(encoderNodes, state.posterior, current);

  function setSigma(v, from = null) {
    const changed = v !== current;
    current = v;
    if (from !== sigmaInput) sigmaInput.value = String(v);
    n.sigmaOut.textContent = fixed(v, 2);
    if (changed) {
      describe();
      drawing.request();
    }
  }
  function resample() {
    drawEps();
    drawing.request();
  }

  sigmaInput.addEventListener('input', () => onSigma(Number(sigmaInput.value), sigmaInput));
  n.resample.addEventListener('click', resample);
  state.subscribe((what) => {
    if (what === 'model') drawEps();
    if (what === 'model' || what === 'posterior' || what === 'lang') describe();
    drawing.request();
  });
  describe();  // for the model the page already shows, if any (the lesson may be built after it)
  drawing.request();

  return {
    stats,
    setSigma,
    resample,
    /** Restart the ε draws from a seed (the lesson's seed control). */
    reseed(newSeed) {
      rng = mulberry32((newSeed ^ 0x5eed) >>> 0);
      drawEps();
      drawing.request();
    },
    /** Resolves once the grid shows the current z and σ (drawing it now if it was off screen). */
    idle: drawing.idle,
  };
}

// The same trade-off at once: Keras-trained VAEs of the trainer's size for five values of β (the
// training manifest's models, made by `python -m train --arch mlp256 --beta B`), side by side: the test
// codes' map, each on its own scale with the prior's 1σ and 2σ circles (at β = 0 the codes spread tens of
// units, so one shared scale would shrink every other map to a dot; the circles' size shows the spread
// instead), the same codes z ~ N(0, I) decoded, real digits and their reconstructions, and each model's
// reconstruction and KL in nats. Loaded when asked (a button), not before.
/* global tf */

import { el } from '../core/dom.js';
import { fixed, shortest } from '../core/format.js';
import { msg, setText, t } from '../core/i18n.js';
import { loadMnistSamples } from '../core/mnist-samples.js';
import { LatentModel, loadLatentMap, loadManifest } from '../core/models.js';
import { mulberry32, gaussian } from '../core/random.js';
import { paintTiles } from '../core/tiles.js';
import { paintCodes, rangeFor } from './code-map.js';

const GRID = 16;        // samples per model (a 4 × 4 grid), the same codes for every model
const SHOWN_DIGITS = 4; // real digits reconstructed by every model
const SEED = 7;

/** The same codes for every model: GRID draws from N(0, I), seeded. */
function sampleCodes() {
  const uniform = mulberry32(SEED);
  return Float32Array.from({ length: GRID * 2 }, () => gaussian(uniform));
}

/** One model: its decoder, encoder and map loaded; → {entry, samples, reconstructions, map}. */
async function loadOne(entry, digits, codes) {
  const model = await LatentModel.load(entry);
  try {
    const [encoder, map] = await Promise.all([model.encoder(), loadLatentMap(entry)]);
    const recon = tf.tidy(() => {
      const images = tf.tensor4d(digits, [SHOWN_DIGITS, 28, 28, 1]);
      return model.decode(model.encodeWith(encoder, images).mu);
    });
    const reconstructions = await recon.data();
    recon.dispose();
    return { entry, samples: await model.decodeValues(codes), reconstructions, map };
  } finally {
    model.dispose();
  }
}

function column(item, digits) {
  const canvas = (width, cls) => el('canvas', { width, height: width, class: cls });
  const map = canvas(240, 'train-compare-map');
  paintCodes(map, item.map.codes, item.map.labels, item.range);
  const samples = el('canvas', { class: 'train-compare-samples' });
  paintTiles(samples, item.samples, 4);
  const pairs = el('canvas', { class: 'train-compare-recon' });
  const both = new Float32Array(2 * SHOWN_DIGITS * 784);
  both.set(digits);
  both.set(item.reconstructions, SHOWN_DIGITS * 784);
  paintTiles(pairs, both, SHOWN_DIGITS);
  const test = item.entry.test || {};
  return el('figure', { class: 'train-compare-model', dataset: { beta: String(item.entry.beta) } },
    el('figcaption', { class: 'train-compare-beta' }, `β = ${shortest(item.entry.beta)}`),
    map, el('p', { class: 'train-compare-scale', i18n: msg('train.compareScale', { range: fixed(item.range, 1) }) }),
    samples, pairs,
    el('dl', { class: 'train-compare-figures' },
      el('dt', { i18n: 'train.reconstruction' }), el('dd', { i18n: msg('units.natsPerImage',
        { v: fixed(test.reconstruction, 1) }) }),
      el('dt', { i18n: 'train.kl' }), el('dd', { i18n: msg('units.natsPerImage', { v: fixed(test.kl, 1) }) })));
}

/** The comparison inside `root` (#train-compare-load, #train-compare); `path`: the training manifest. */
export function mountComparison(root, path) {
  const button = root.querySelector('#train-compare-load');
  const box = root.querySelector('#train-compare');
  let shown = null;
  async function show() {
    if (!path) throw new Error(t('train.unavailable'));
    const manifest = await loadManifest(path);
    const models = [...manifest.models].sort((a, b) => a.beta - b.beta);
    const samples = await loadMnistSamples();
    const picks = [0, 1, 2, 3].map((d) => samples.labels.indexOf(d * 2 + 1));  // the digits 1, 3, 5, 7
    const digits = new Float32Array(SHOWN_DIGITS * 784);
    picks.forEach((k, i) => digits.set(samples.images[k], i * 784));
    const codes = sampleCodes();
    const items = [];
    for (const entry of models) {
      const item = await loadOne(entry, digits, codes);
      items.push({ ...item, range: rangeFor(item.map.codes) });
    }
    box.replaceChildren(...items.map((item) => column(item, digits)));
    setText(root.querySelector('#train-compare-note'), 'train.compareNote');
    return { codes: Array.from(codes), models: items.map((item) => ({ name: item.entry.name, beta: item.entry.beta,
      test: item.entry.test, range: item.range })) };
  }
  const once = () => {
    if (!shown) {
      button.disabled = true;
      shown = show();
      shown.catch((e) => {
        shown = null;
        button.disabled = false;
        setText(root.querySelector('#train-compare-note'), 'train.compareFailed', { detail: e.message });
      });
    }
    return shown;
  };
  button.addEventListener('click', () => once().catch(() => {}));
  button.disabled = !path;
  return { show: once };
}

// Story step 3: a decoder that stores many pictures under fixed random codes of 4 real numbers (the
// codes file shipped beside it). Pick two stored pictures A and B and walk from one code to the other:
// halfway is not a stored code, and decodes to no digit.

import { el } from '../core/dom.js';
import { lossChart } from './loss-chart.js';
import { FORMATS, article, canvasFor, fmtCode, numberRow, slider } from './parts.js';

/** A number input for a stored picture (1-based on screen, 0-based to onChange). */
function picker(id, label, value, total, onChange) {
  const input = el('input', { type: 'number', id, min: '1', max: String(total), step: '1', value: String(value + 1),
    class: 'story-pick' });
  input.addEventListener('change', () => {
    const v = Math.max(1, Math.min(total, Math.round(Number(input.value) || 1)));
    input.value = String(v);
    onChange(v - 1);
  });
  return { row: el('label', { for: id, class: 'story-pickrow' }, label, input), input };
}

function numbers(entry) {
  const n = entry.numbers;
  return [numberRow('stored', 'Pictures stored', n.stored, FORMATS.int),
    numberRow('weights', 'Weights', entry.weights, FORMATS.int),
    numberRow('pixels', 'Pixels stored', entry.pixels, FORMATS.int),
    numberRow('mse_stored', 'Error on stored codes (MSE)', n.mse_stored, FORMATS.mse),
    numberRow('mse_halfway', 'Error halfway, vs the blend', n.mse_halfway, FORMATS.mse),
    numberRow('confident_stored', 'Stored read as a digit', n.confident_stored, FORMATS.pct),
    numberRow('confident_halfway', 'Halfway read as a digit', n.confident_halfway, FORMATS.pct)];
}

/**
 * entry: the manifest's story step 3; request(): redraw the step. The view's setCodes(codes) gives it
 * the stored codes ({codes, labels, dim}) once they are read; until then it has no input.
 */
export function buildStep3(entry, { request }) {
  const canvas = canvasFor(3, 'The picture decoded from the code of step 3');
  const total = entry.codes.count;
  const pick = { a: 0, b: 1, t: 0 };
  let stored = null;
  const readout = el('p', { class: 'mono story-code' });
  function current() {
    if (!stored) return null;
    const { dim, codes } = stored;
    return Float32Array.from({ length: dim },
      (_, j) => (1 - pick.t) * codes[pick.a * dim + j] + pick.t * codes[pick.b * dim + j]);
  }
  function sync() {
    if (!stored) return;
    const { a, b, t } = pick;
    const what = t === 0 ? `stored #${a + 1} (a ${stored.labels[a]})`
      : t === 1 ? `stored #${b + 1} (a ${stored.labels[b]})`
        : `${Math.round((1 - t) * 100)}% A + ${Math.round(t * 100)}% B: not a stored code`;
    readout.textContent = `code = ${fmtCode(current())}, ${what}`;
    request();
  }
  const pa = picker('story-3-a', 'Stored picture A #', pick.a, total, (v) => { pick.a = v; sync(); });
  const pb = picker('story-3-b', 'B #', pick.b, total, (v) => { pick.b = v; sync(); });
  const mix = slider('story-3-mix', 'A → B', { min: 0, max: 1, step: 0.05, value: 0 }, (v) => { pick.t = v; sync(); });
  const half = el('button', { type: 'button', class: 'story-halfway',
    onclick: () => { pick.t = 0.5; mix.set(pick.t); sync(); } }, 'Halfway');
  const randomPair = el('button', { type: 'button', class: 'story-random-pair', onclick: () => {
    pick.a = Math.floor(Math.random() * total);
    pick.b = (pick.a + 1 + Math.floor(Math.random() * (total - 1))) % total;
    pa.input.value = String(pick.a + 1);
    pb.input.value = String(pick.b + 1);
    sync();
  } }, 'Random pair');
  const art = article(3, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, readout, el('div', { class: 'story-buttons' }, pa.row, pb.row),
      mix.row, el('div', { class: 'story-buttons' }, half, randomPair),
      lossChart(entry.training.curve, 'Step 3', entry.training.epochs))], { numbers: numbers(entry) });
  const setCodes = (codes) => { stored = codes; };
  return { ...art, canvas, code: current, enter: sync, setCodes };
}

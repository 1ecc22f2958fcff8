// Story step 3: a decoder that stores many pictures under fixed random codes of 4 real numbers (the
// codes file shipped beside it). Pick two stored pictures A and B and walk from one code to the other:
// halfway is not a stored code, and decodes to no digit.

import { el } from '../core/dom.js';
import { percent } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { lossChart } from './loss-chart.js';
import { FORMATS, article, canvasFor, fmtCode, numberRow, slider } from './parts.js';

/** A number input for a stored picture (1-based on screen, 0-based to onChange); label: a catalog key. */
function picker(id, label, value, total, onChange) {
  const input = el('input', { type: 'number', id, min: '1', max: String(total), step: '1', value: String(value + 1),
    class: 'story-pick' });
  input.addEventListener('change', () => {
    const v = Math.max(1, Math.min(total, Math.round(Number(input.value) || 1)));
    input.value = String(v);
    onChange(v - 1);
  });
  return { row: el('label', { for: id, class: 'story-pickrow' }, el('span', { i18n: label }), input), input };
}

function numbers(entry) {
  const n = entry.numbers;
  return [numberRow('stored', 'story.stored', n.stored, FORMATS.int),
    numberRow('weights', 'story.weights', entry.weights, FORMATS.int),
    numberRow('pixels', 'story.pixels', entry.pixels, FORMATS.int),
    numberRow('mse_stored', 'story.step3.mseStored', n.mse_stored, FORMATS.mse),
    numberRow('mse_halfway', 'story.step3.mseHalfway', n.mse_halfway, FORMATS.mse),
    numberRow('confident_stored', 'story.step3.storedRead', n.confident_stored, FORMATS.pct),
    numberRow('confident_halfway', 'story.step3.halfwayRead', n.confident_halfway, FORMATS.pct)];
}

/**
 * entry: the manifest's story step 3; request(): redraw the step. The view's setCodes(codes) gives it
 * the stored codes ({codes, labels, dim}) once they are read; until then it has no input.
 */
export function buildStep3(entry, { request }) {
  const canvas = canvasFor(3, 'story.step3.canvas');
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
    const what = t === 0 ? msg('story.step3.stored', { n: a + 1, digit: stored.labels[a] })
      : t === 1 ? msg('story.step3.stored', { n: b + 1, digit: stored.labels[b] })
        : msg('story.step3.between', { a: percent(1 - t, 0), b: percent(t, 0) });
    setText(readout, 'story.step3.code', { code: fmtCode(current()), what });
    request();
  }
  const pa = picker('story-3-a', 'story.step3.pickA', pick.a, total, (v) => { pick.a = v; sync(); });
  const pb = picker('story-3-b', 'story.step3.pickB', pick.b, total, (v) => { pick.b = v; sync(); });
  const mix = slider('story-3-mix', 'story.step3.mix', { min: 0, max: 1, step: 0.05, value: 0 },
    (v) => { pick.t = v; sync(); });
  const half = el('button', { type: 'button', class: 'story-halfway',
    onclick: () => { pick.t = 0.5; mix.set(pick.t); sync(); }, i18n: 'story.step3.halfway' });
  const randomPair = el('button', { type: 'button', class: 'story-random-pair', onclick: () => {
    pick.a = Math.floor(Math.random() * total);
    pick.b = (pick.a + 1 + Math.floor(Math.random() * (total - 1))) % total;
    pa.input.value = String(pick.a + 1);
    pb.input.value = String(pick.b + 1);
    sync();
  }, i18n: 'story.step3.randomPair' });
  const art = article(3, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, readout, el('div', { class: 'story-buttons' }, pa.row, pb.row),
      mix.row, el('div', { class: 'story-buttons' }, half, randomPair),
      lossChart(entry.training.curve, 3, entry.training.epochs))], { numbers: numbers(entry) });
  const setCodes = (codes) => { stored = codes; };
  return { ...art, canvas, code: current, enter: sync, setCodes };
}

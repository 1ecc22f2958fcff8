// Story step 2: the same kind of decoder fed one-hot codes, so it stores a few pictures; buttons pick
// a stored picture or a blend of two, sliders set any mix.

import { el } from '../core/dom.js';
import { FORMATS, article, canvasFor, fmtCode, numberRow, slider } from './parts.js';

function oneHotButtons(entry, code, sync) {
  const buttons = el('div', { class: 'story-buttons', role: 'group', 'aria-label': 'One-hot codes' });
  for (let i = 0; i < code.length; i += 1) {
    buttons.append(el('button', { type: 'button', dataset: { onehot: String(i) },
      onclick: () => { code.fill(0); code[i] = 1; sync(); } },
    `Picture ${i + 1}${entry.digits ? ` (a ${entry.digits[i]})` : ''}`));
  }
  buttons.append(el('button', { type: 'button', class: 'story-blend',
    onclick: () => { code.fill(0); code[0] = 0.5; code[1] = 0.5; sync(); } }, 'Blend 1 + 2'));
  return buttons;
}

/** entry: the manifest's story step 2; request(): redraw the step. */
export function buildStep2(entry, { request }) {
  const canvas = canvasFor(2, 'The picture decoded from the one-hot code of step 2');
  const code = new Float32Array(entry.input_dim);
  code[0] = 1;
  const readout = el('p', { class: 'mono story-code' });
  const show = () => {
    readout.textContent = `code = ${fmtCode(code)}`;
    request();
  };
  const sliders = Array.from(code, (c, i) => slider(`story-2-code-${i}`, `c${i + 1}`,
    { min: 0, max: 1, step: 0.05, value: c }, (v) => { code[i] = v; show(); }));
  const sync = () => {
    sliders.forEach((s, i) => s.set(code[i]));
    show();
  };
  sync();
  const n = entry.numbers;
  const a = article(2, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, readout, oneHotButtons(entry, code, sync),
      el('div', { class: 'story-sliders' }, ...sliders.map((s) => s.row)))], {
    numbers: [numberRow('stored', 'Pictures stored', n.stored, FORMATS.int),
      numberRow('weights', 'Weights', entry.weights, FORMATS.int),
      numberRow('pixels', 'Pixels stored', entry.pixels, FORMATS.int),
      numberRow('mse', 'Error on stored (MSE)', n.mse, FORMATS.mse),
      numberRow('confident_blend', 'Blends read as a digit', n.confident_blend, FORMATS.pct)],
  });
  return { ...a, canvas, code: () => Float32Array.from(code), enter() {} };
}

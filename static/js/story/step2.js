// Story step 2: the same kind of decoder fed one-hot codes, so it stores a few pictures; buttons pick
// a stored picture or a blend of two, sliders set any mix.

import { el } from '../core/dom.js';
import { msg, setText } from '../core/i18n.js';
import { FORMATS, article, canvasFor, fmtCode, numberRow, slider } from './parts.js';

function oneHotButtons(entry, code, sync) {
  const buttons = el('div',
    { class: 'story-buttons', role: 'group', i18nAttrs: { 'aria-label': 'story.step2.group' } });
  for (let i = 0; i < code.length; i += 1) {
    const name = entry.digits ? msg('story.step2.pictureOf', { n: i + 1, digit: entry.digits[i] })
      : msg('story.step2.picture', { n: i + 1 });
    buttons.append(el('button', { type: 'button', dataset: { onehot: String(i) },
      onclick: () => { code.fill(0); code[i] = 1; sync(); }, i18n: name }));
  }
  buttons.append(el('button', { type: 'button', class: 'story-blend',
    onclick: () => { code.fill(0); code[0] = 0.5; code[1] = 0.5; sync(); }, i18n: 'story.step2.blend' }));
  return buttons;
}

/** entry: the manifest's story step 2; request(): redraw the step. */
export function buildStep2(entry, { request }) {
  const canvas = canvasFor(2, 'story.step2.canvas');
  const code = new Float32Array(entry.input_dim);
  code[0] = 1;
  const readout = el('p', { class: 'mono story-code' });
  const show = () => {
    setText(readout, 'story.code', { code: fmtCode(code) });
    request();
  };
  const sliders = Array.from(code, (c, i) => slider(`story-2-code-${i}`, msg('story.step2.slider', { n: i + 1 }),
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
    numbers: [numberRow('stored', 'story.stored', n.stored, FORMATS.int),
      numberRow('weights', 'story.weights', entry.weights, FORMATS.int),
      numberRow('pixels', 'story.pixels', entry.pixels, FORMATS.int),
      numberRow('mse', 'story.step2.mse', n.mse, FORMATS.mse),
      numberRow('confident_blend', 'story.step2.blendsRead', n.confident_blend, FORMATS.pct)],
  });
  return { ...a, canvas, code: () => Float32Array.from(code), enter() {} };
}

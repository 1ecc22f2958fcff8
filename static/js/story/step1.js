// Story step 1: a decoder that always gets the same input, the number 1, and stores one picture in
// its weights. A slider moves the input away from 1 to show it means nothing else.

import { el } from '../core/dom.js';
import { shortest } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { lossChart } from './loss-chart.js';
import { FORMATS, article, canvasFor, numberRow, slider } from './parts.js';

/** entry: the manifest's story step 1; request(): redraw the step. */
export function buildStep1(entry, { request }) {
  const canvas = canvasFor(1, 'story.step1.canvas');
  let input = 1;
  const readout = el('p', { class: 'mono story-code', i18n: msg('story.step1.code', { v: shortest(1) }) });
  const s = slider('story-1-input', 'story.step1.input', { min: 0, max: 2, step: 0.05, value: 1 }, (v) => {
    input = v;
    setText(readout, 'story.step1.code', { v: shortest(v) });
    request();
  });
  const a = article(1, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, readout, s.row,
      lossChart(entry.training.curve, 1, entry.training.epochs))], {
    numbers: [numberRow('weights', 'story.weights', entry.weights, FORMATS.int),
      numberRow('pixels', 'story.pixels', entry.pixels, FORMATS.int),
      numberRow('mse', 'story.step1.mse', entry.numbers.mse, FORMATS.mse)],
  });
  return { ...a, canvas, code: () => Float32Array.of(input), enter() {} };
}

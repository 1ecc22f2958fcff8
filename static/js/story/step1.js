// Story step 1: a decoder that always gets the same input, the number 1, and stores one picture in
// its weights. A slider moves the input away from 1 to show it means nothing else.

import { el } from '../core/dom.js';
import { lossChart } from './loss-chart.js';
import { FORMATS, article, canvasFor, numberRow, slider } from './parts.js';

/** entry: the manifest's story step 1; request(): redraw the step. */
export function buildStep1(entry, { request }) {
  const canvas = canvasFor(1, 'The picture coming out of the weights of step 1');
  let input = 1;
  const readout = el('p', { class: 'mono story-code' }, 'input = [1]');
  const s = slider('story-1-input', 'Input', { min: 0, max: 2, step: 0.05, value: 1 }, (v) => {
    input = v;
    readout.textContent = `input = [${v}]`;
    request();
  });
  const a = article(1, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, readout, s.row,
      lossChart(entry.training.curve, 'Step 1', entry.training.epochs))], {
    numbers: [numberRow('weights', 'Weights', entry.weights, FORMATS.int),
      numberRow('pixels', 'Pixels stored', entry.pixels, FORMATS.int),
      numberRow('mse', 'Final error (MSE)', entry.numbers.mse, FORMATS.mse)],
  });
  return { ...a, canvas, code: () => Float32Array.of(input), enter() {} };
}

// A strip of real MNIST test digits to click (core/mnist-samples.js). They are already as MNIST made
// them, so they skip the preprocessing.

import { IMAGE_SIZE } from '../core/constants.js';
import { el } from '../core/dom.js';
import { msg, setText } from '../core/i18n.js';
import { loadMnistSamples } from '../core/mnist-samples.js';
import { paintGray } from './gray-canvas.js';

function sampleButton(label, image, onPick) {
  const canvas = el('canvas', { width: IMAGE_SIZE, height: IMAGE_SIZE });
  paintGray(canvas, image);
  return el('button', { type: 'button', class: 'upload-sample', dataset: { label: String(label) },
    i18nAttrs: {
      'aria-label': msg('upload.sampleLabel', { digit: label }), title: msg('upload.sampleTitle', { digit: label }),
    },
    onclick: () => onPick(image) }, canvas);
}

/** Fill `box` with the digits; onPick(Float32Array(784)) on a click. Resolves once shown (or explained). */
export async function loadSampleStrip(box, onPick) {
  let samples;
  try {
    samples = await loadMnistSamples();
  } catch (e) {
    setText(box, 'upload.samplesError', { detail: e.message });
    return;
  }
  box.replaceChildren(...samples.labels.map((label, k) => sampleButton(label, samples.images[k], onPick)));
}

// A strip of real MNIST test digits to click (static/data/mnist-samples.json: labels and base64
// pixels). They are already as MNIST made them, so they skip the preprocessing.

import { assetUrl } from '../core/assets.js';
import { PIXELS, IMAGE_SIZE } from '../core/constants.js';
import { el } from '../core/dom.js';
import { msg, setText } from '../core/i18n.js';
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
  let payload;
  try {
    const response = await fetch(assetUrl('data/mnist-samples.json'));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    payload = await response.json();
  } catch (e) {
    setText(box, 'upload.samplesError', { detail: e.message });
    return;
  }
  const raw = atob(payload.pixels);
  box.replaceChildren(...payload.labels.map((label, k) => {
    const image = Float32Array.from({ length: PIXELS }, (_, i) => raw.charCodeAt(k * PIXELS + i) / 255);
    return sampleButton(label, image, onPick);
  }));
}

// The twenty real MNIST test digits shipped with the page (static/data/mnist-samples.json: labels and
// base64 pixels, two of each digit), read once: the upload panel's strip and the β comparison use them.

import { assetUrl } from './assets.js';
import { PIXELS } from './constants.js';

let samples = null;

/** → {labels: number[], images: Float32Array(784)[] in [0, 1]}; a failed read is retried on the next call. */
export function loadMnistSamples() {
  if (!samples) {
    samples = (async () => {
      const response = await fetch(assetUrl('data/mnist-samples.json'));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const payload = await response.json();
      const raw = atob(payload.pixels);
      return { labels: payload.labels, images: payload.labels.map((_, k) =>
        Float32Array.from({ length: PIXELS }, (__, i) => raw.charCodeAt(k * PIXELS + i) / 255)) };
    })();
    samples.catch(() => { samples = null; });
  }
  return samples;
}

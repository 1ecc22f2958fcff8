// How far a reconstruction p is from an image x (both 784 values in [0, 1]), as the page reports it: the
// binary cross-entropy summed over the pixels, in nats (the VAE's own reconstruction loss), and the
// mean absolute difference per pixel.

const EPS = 1e-7;

/** BCE summed over the pixels (nats): −Σ x log p + (1 − x) log(1 − p), p clipped to [1e-7, 1 − 1e-7]. */
export function bceNats(x, p) {
  let s = 0;
  for (let i = 0; i < x.length; i += 1) {
    const q = Math.min(Math.max(p[i], EPS), 1 - EPS);
    s -= x[i] * Math.log(q) + (1 - x[i]) * Math.log(1 - q);
  }
  return s;
}

/** Mean absolute difference per pixel between two images of the same size. */
export function meanAbsError(x, p) {
  let s = 0;
  for (let i = 0; i < x.length; i += 1) s += Math.abs(x[i] - p[i]);
  return s / x.length;
}

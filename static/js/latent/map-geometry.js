// Where things sit on the latent map: a square canvas showing z[dims[0]] across and z[dims[1]] up,
// both from −range to +range (core/map-coords.js places a value). Pure functions of the view
// {dims, range} and the canvas size.

import { clip } from '../core/map-coords.js';

export const GRID = 20;  // the manifold is GRID × GRID decoded tiles

/** The code at the centre of manifold tile (row i from the top, column j from the left); other dims from `base`. */
export function tileZ(base, { dims, range }, i, j) {
  const z = Float32Array.from(base);
  const step = (2 * range) / GRID;
  z[dims[0]] = -range + (j + 0.5) * step;
  z[dims[1]] = range - (i + 0.5) * step;
  return z;
}

/** `z` with its two mapped numbers moved by (dx, dy), clipped to ±range. */
export function nudge(z, { dims, range }, dx, dy) {
  const out = Float32Array.from(z);
  out[dims[0]] = clip(out[dims[0]] + dx, range);
  out[dims[1]] = clip(out[dims[1]] + dy, range);
  return out;
}

/** `z` with its two mapped numbers set to (x, y), clipped to ±range. */
export function place(z, { dims, range }, x, y) {
  const out = Float32Array.from(z);
  out[dims[0]] = clip(x, range);
  out[dims[1]] = clip(y, range);
  return out;
}

/** The view a model's shipped codes need: ±3, widened for a plain autoencoder to hold 99% of its codes. */
export function rangeFor(codes, kind) {
  if (!codes || kind !== 'ae') return 3;
  const abs = Array.from(codes.codes, Math.abs).sort((a, b) => a - b);
  return Math.max(3, Math.ceil(abs[Math.floor(0.99 * (abs.length - 1))]));
}

/** Watches the numbers of z the view does not map: moved(z) is true when they differ from the last call's. */
export function unmappedTracker(view) {
  let last = null;
  return {
    moved(z) {
      const now = Array.from(z).filter((_, i) => !view.dims.includes(i)).join(',');
      const changed = now !== last;
      last = now;
      return changed;
    },
  };
}

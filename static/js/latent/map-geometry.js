// Where things sit on the latent map: a square canvas showing z[dims[0]] across and z[dims[1]] up,
// both from −range to +range. Pure functions of the view {dims, range} and the canvas size.

export const GRID = 20;  // the manifold is GRID × GRID decoded tiles

/** Canvas x of code value v along the horizontal axis. */
export const toPx = (v, range, size) => ((v + range) / (2 * range)) * size;
/** Canvas y of code value v along the vertical axis (up is positive). */
export const toPy = (v, range, size) => ((range - v) / (2 * range)) * size;
/** Code value at canvas x / y, clipped to ±range. */
export const fromPx = (px, range, size) => clip((px / size) * 2 * range - range, range);
export const fromPy = (py, range, size) => clip(range - (py / size) * 2 * range, range);

function clip(v, range) {
  return Math.max(-range, Math.min(range, v));
}

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

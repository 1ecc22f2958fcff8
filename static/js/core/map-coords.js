// Where a code sits on a square map of two code numbers: value v across (x) and up (y), both from
// −range to +range, on a canvas `size` pixels wide. Used by every map of codes that takes clicks:
// the latent map and the class map.

/** Canvas x of code value v along the horizontal axis. */
export const toPx = (v, range, size) => ((v + range) / (2 * range)) * size;
/** Canvas y of code value v along the vertical axis (up is positive). */
export const toPy = (v, range, size) => ((range - v) / (2 * range)) * size;
/** Code value at canvas x / y, clipped to ±range. */
export const fromPx = (px, range, size) => clip((px / size) * 2 * range - range, range);
export const fromPy = (py, range, size) => clip(range - (py / size) * 2 * range, range);

export function clip(v, range) {
  return Math.max(-range, Math.min(range, v));
}

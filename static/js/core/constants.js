// Sizes every feature shares: the MNIST image the models read and write, and the range of the code
// sliders (codes of a VAE live near N(0, I), so ±3 holds nearly all of them).

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const Z_RANGE = 3;

/** v clipped to the slider range [−Z_RANGE, Z_RANGE]. */
export function clampZ(v) {
  return Math.max(-Z_RANGE, Math.min(Z_RANGE, v));
}

// Many decoded digits on one canvas in one write: their gray values (floats in [0, 1], digit after
// digit, 784 each, as one batched decode returns them) composed into one ImageData in a grid and put
// with a single putImageData. The manifold, the noise samples, the interpolation strip and every
// single digit are drawn by it.

import { IMAGE_SIZE, PIXELS } from './constants.js';

const S = IMAGE_SIZE;

/**
 * Paint the digits of `values` (N·784) on `canvas`, `cols` to a row: digit k at row ⌊k / cols⌋,
 * column k mod cols, 8 bits of gray each. The canvas takes the grid's size.
 */
export function paintTiles(canvas, values, cols = 1) {
  const count = values.length / PIXELS;
  const rows = Math.ceil(count / cols);
  const width = cols * S;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== rows * S) canvas.height = rows * S;
  const image = new ImageData(width, rows * S);
  const px = image.data;  // Uint8ClampedArray: clips to 0…255 and rounds
  for (let k = 0; k < count; k += 1) {
    const x0 = (k % cols) * S;
    const y0 = Math.floor(k / cols) * S;
    for (let r = 0; r < S; r += 1) {
      let src = k * PIXELS + r * S;
      let dst = ((y0 + r) * width + x0) * 4;
      for (let c = 0; c < S; c += 1, src += 1, dst += 4) {
        const g = values[src] * 255;
        px[dst] = g;
        px[dst + 1] = g;
        px[dst + 2] = g;
        px[dst + 3] = 255;
      }
    }
  }
  canvas.getContext('2d').putImageData(image, 0, 0);
}

// Paint a 28×28 gray image (floats in [0, 1], row-major) on a canvas of that size, 8 bits per pixel:
// the person's digit as the model sees it, its reconstruction, and the sample strip's digits.

import { IMAGE_SIZE, PIXELS } from '../core/constants.js';

export function paintGray(canvas, values) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
  for (let i = 0; i < PIXELS; i += 1) {
    const g = Math.round(Math.min(Math.max(values[i], 0), 1) * 255);
    img.data.fill(g, 4 * i, 4 * i + 3);
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

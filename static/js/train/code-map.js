// A map of 2-D codes coloured by digit, with the prior N(0, I) drawn as its 1σ and 2σ circles: the
// trainer's held-out codes as they move, and the β comparison's maps side by side. The view is square
// and centred on 0; its half-width follows the codes (at least 3), so a code space that spreads apart
// is seen as the prior's circles shrinking, and one squeezed onto the prior fills them.

import { PALETTE } from '../core/digit-colours.js';

const MIN_RANGE = 3;

/** The half-width that holds 99% of the codes ({codes: Float32Array(2n)}), at least MIN_RANGE. */
export function rangeFor(codes) {
  const n = codes.length / 2;
  if (!n) return MIN_RANGE;
  const extent = new Float32Array(n);
  for (let k = 0; k < n; k += 1) extent[k] = Math.max(Math.abs(codes[2 * k]), Math.abs(codes[2 * k + 1]));
  extent.sort();
  const r = extent[Math.min(n - 1, Math.floor(0.99 * n))] * 1.1;
  return Math.max(MIN_RANGE, Number.isFinite(r) ? r : MIN_RANGE);
}

/** Paint codes (Float32Array 2n, row-major) with their labels on `canvas`, ±range on both axes. */
export function paintCodes(canvas, codes, labels, range) {
  const s = canvas.width;
  const ctx = canvas.getContext('2d');
  const px = (v) => ((v + range) / (2 * range)) * s;
  const py = (v) => ((range - v) / (2 * range)) * s;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, s, s);
  ctx.strokeStyle = '#ccc';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(px(0), 0);
  ctx.lineTo(px(0), s);
  ctx.moveTo(0, py(0));
  ctx.lineTo(s, py(0));
  ctx.stroke();
  const r = Math.max(1.5, s / 220);
  ctx.globalAlpha = 0.7;
  for (let k = 0; k < labels.length; k += 1) {
    ctx.fillStyle = PALETTE[labels[k]];
    ctx.fillRect(px(codes[2 * k]) - r, py(codes[2 * k + 1]) - r, 2 * r, 2 * r);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = '#222';
  ctx.lineWidth = Math.max(1, s / 300);
  ctx.setLineDash([s / 60, s / 80]);
  for (const sigma of [1, 2]) {
    ctx.beginPath();
    ctx.arc(px(0), py(0), (sigma / (2 * range)) * s, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

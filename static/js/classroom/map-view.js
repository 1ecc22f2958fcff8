// The class map's picture: the 2-D VAE's test digits faint behind (their codes, shipped with the
// model), every student's code as a dot coloured by the digit meant (dark gray when none was said),
// a ring around the dot picked and a double ring around this page's own last code. Codes beyond the
// view (±RANGE) are drawn at its edge. Pure drawing on a canvas; classroom.js decides when.

import { PALETTE } from '../core/digit-colours.js';
import { clip, toPx, toPy } from '../core/map-coords.js';

export const RANGE = 3;
const NO_DIGIT_COLOUR = '#333';

/** The dot radius of a student's code on a canvas `size` pixels wide. */
export const dotRadius = (size) => Math.max(4, size / 70);

/** Canvas position [x, y] of code z on a canvas `size` pixels wide. */
export const placeOf = (z, size) => [toPx(clip(z[0], RANGE), RANGE, size), toPy(clip(z[1], RANGE), RANGE, size)];

export const colourOf = (digit) => (digit === null || digit === undefined ? NO_DIGIT_COLOUR : PALETTE[digit]);

function background(ctx, s, testCodes) {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, s, s);
  if (testCodes) {
    const r = Math.max(1, s / 400);
    ctx.globalAlpha = 0.22;
    for (let k = 0; k < testCodes.count; k += 1) {
      ctx.fillStyle = PALETTE[testCodes.labels[k]];
      const [x, y] = placeOf([testCodes.codes[2 * k], testCodes.codes[2 * k + 1]], s);
      ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
    }
    ctx.globalAlpha = 1;
  }
  ctx.strokeStyle = '#bbb';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(s / 2, 0);
  ctx.lineTo(s / 2, s);
  ctx.moveTo(0, s / 2);
  ctx.lineTo(s, s / 2);
  ctx.stroke();
}

function ring(ctx, [x, y], radius, width) {
  for (const [colour, w] of [['#000', width + 2], ['#ffd400', width]]) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = w;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/**
 * Paint the class map. layers: {testCodes: {count, codes, labels} | null, codes: [{id, z, digit}],
 * picked: id | null, own: [z1, z2] | null}.
 */
export function paintClassMap(canvas, { testCodes, codes, picked, own }) {
  const ctx = canvas.getContext('2d');
  const s = canvas.width;
  const r = dotRadius(s);
  background(ctx, s, testCodes);
  ctx.lineWidth = Math.max(1, r / 4);
  ctx.strokeStyle = '#fff';
  for (const { z, digit } of codes) {
    const [x, y] = placeOf(z, s);
    ctx.fillStyle = colourOf(digit);
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  const chosen = codes.find((c) => c.id === picked);
  if (chosen) ring(ctx, placeOf(chosen.z, s), r * 1.9, Math.max(2, r / 3));
  if (own) {
    ring(ctx, placeOf(own, s), r * 2.6, Math.max(1.5, r / 4));
    ring(ctx, placeOf(own, s), r * 3.3, Math.max(1.5, r / 4));
  }
}

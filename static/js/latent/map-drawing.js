// Painting the latent map: white ground, the decoded manifold, the axes, the test set's codes as dots
// coloured by digit (core/digit-colours.js), and a ring at the current z, repainted through the frame
// scheduler.

import { PALETTE } from '../core/digit-colours.js';
import { count, plain } from '../core/format.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { msg, setAttr } from '../core/i18n.js';
import { toPx, toPy } from '../core/map-coords.js';

/** The dot radius on a map canvas `size` pixels wide, and the dots' opacity over white / the manifold. */
export const dotRadius = (size) => Math.max(1.5, size / 320);
export const DOT_ALPHA = { plain: 0.7, overManifold: 0.55 };

function axes(ctx, s, view, overManifold) {
  ctx.strokeStyle = overManifold ? 'rgba(255,255,255,0.35)' : '#ccc';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(toPx(0, view.range, s), 0);
  ctx.lineTo(toPx(0, view.range, s), s);
  ctx.moveTo(0, toPy(0, view.range, s));
  ctx.lineTo(s, toPy(0, view.range, s));
  ctx.stroke();
}

function dots(ctx, s, view, codes, overManifold) {
  const r = dotRadius(s);
  const [dx, dy] = view.dims;
  ctx.globalAlpha = overManifold ? DOT_ALPHA.overManifold : DOT_ALPHA.plain;
  for (let k = 0; k < codes.count; k += 1) {
    ctx.fillStyle = PALETTE[codes.labels[k]];
    const x = toPx(codes.codes[k * codes.dim + dx], view.range, s);
    const y = toPy(codes.codes[k * codes.dim + dy], view.range, s);
    ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  ctx.globalAlpha = 1;
}

function marker(ctx, s, view, z) {
  const x = toPx(z[view.dims[0]], view.range, s);
  const y = toPy(z[view.dims[1]], view.range, s);
  for (const [color, width] of [['#000', Math.max(2, s / 200)], ['#ffd400', Math.max(1, s / 400)]]) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(x, y, s / 45, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

/** Paint the map. layers: {manifold: canvas | null, codes: {count, dim, codes, labels} | null, z | null}. */
export function paintMap(canvas, view, { manifold, codes, z }) {
  const ctx = canvas.getContext('2d');
  const s = canvas.width;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, s, s);
  if (manifold) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(manifold, 0, 0, s, s);
  }
  axes(ctx, s, view, Boolean(manifold));
  if (codes) dots(ctx, s, view, codes, Boolean(manifold));
  if (z) marker(ctx, s, view, z);
}

/**
 * Repaint the map at most once per frame: layers() → {z, manifold, codes} as paintMap takes them.
 * Returns the frame scheduler ({request, idle}).
 */
export function createMapPainter(canvas, view, layers, onError) {
  return createFrameScheduler(async () => {
    const now = layers();
    paintMap(canvas, view, now);
    setAttr(canvas, 'aria-label', describeMap(view, now.z));
  }, onError);
}

/** The map's accessible name (a message): what is mapped and where the marker is. */
function describeMap(view, z) {
  if (!z) return msg('latent.mapLabel');
  const [dx, dy] = view.dims;
  return msg('latent.mapOf', { x: dx + 1, y: dy + 1, range: count(view.range), a: plain(z[dx]), b: plain(z[dy]) });
}

// The same code, drawn large: the VAE-GAN's 28 pixels scaled up (squares) beside what a CPPN distilled
// from that decoder draws for the same z at the canvas's own resolution, up to LARGE_MAX pixels a side
// (train/cppn.py; core/models.js LargeDecoder). It redraws when z changes, as the same-z trio does:
// through its own frame scheduler, only while on screen; a 1080-pixel digit is drawn in bands of rows
// and takes a moment on a CPU, so a burst of slider moves costs one or two draws.

import { IMAGE_SIZE } from '../core/constants.js';
import { el } from '../core/dom.js';
import { createFrameScheduler, onScreenOnly } from '../core/frame-scheduler.js';
import { msg, setText } from '../core/i18n.js';
import { createProbe } from '../core/probes.js';
import { digitFigure } from './figure.js';

export const LARGE_MAX = 1080;

/** The pixels to draw for a canvas shown `cssWidth` CSS pixels wide: its device pixels, 28…LARGE_MAX. */
export function largeSize(cssWidth, pixelRatio = window.devicePixelRatio || 1) {
  const size = Math.round((cssWidth || IMAGE_SIZE * 10) * pixelRatio);
  return Math.max(IMAGE_SIZE, Math.min(LARGE_MAX, size));
}

/** Paint gray values (size² floats in [0, 1], row after row) on `canvas`, which takes that size. */
function paintGray(canvas, values, size) {
  if (canvas.width !== size) canvas.width = size;
  if (canvas.height !== size) canvas.height = size;
  const image = new ImageData(size, size);
  const px = image.data;
  for (let k = 0, o = 0; k < values.length; k += 1, o += 4) {
    const g = values[k] * 255;
    px[o] = g;
    px[o + 1] = g;
    px[o + 2] = g;
    px[o + 3] = 255;
  }
  canvas.getContext('2d').putImageData(image, 0, 0);
}

/**
 * nodes: {large: the part's box}; vaegan: the loaded {role, who, entry, model} of the VAE-GAN; cppn: its
 * LargeDecoder; fits(): whether the state's z has the models' code size.
 */
export function createLarge(nodes, state, vaegan, cppn, fits, onError) {
  const stats = createProbe('blurLarge', { draws: 0, lastZ: null, size: 0, ms: 0 });  // tests only
  const small = digitFigure({ id: 'blur-large-small', caption: msg('blur.largeSmallCaption', { who: msg(vaegan.who) }),
    label: msg('blur.largeSmallLabel', { who: msg(vaegan.who) }) });
  const canvas = el('canvas', { id: 'blur-large-cppn', class: 'blur-large-canvas', width: IMAGE_SIZE,
    height: IMAGE_SIZE, role: 'img', i18nAttrs: { 'aria-label': msg('blur.largeLabel') } });
  const caption = el('figcaption', {});
  const big = el('figure', { class: 'blur-figure blur-large-figure' }, canvas, caption);
  nodes.large.append(small.figure, big);

  const scheduler = onScreenOnly(createFrameScheduler(async () => {
    if (!fits()) return;
    const z = Float32Array.from(state.z);
    const size = largeSize(canvas.clientWidth);
    const start = performance.now();
    await vaegan.model.draw(z, small.canvas);
    const values = await cppn.render(z, size);
    paintGray(canvas, values, size);
    const ms = performance.now() - start;
    setText(caption, 'blur.largeCaption', { size, ms: Math.round(ms) });
    if (stats) Object.assign(stats, { draws: stats.draws + 1, lastZ: Array.from(z), size, ms });
  }, onError), canvas);

  function update() {
    nodes.large.classList.toggle('blur-stale', !fits());
    scheduler.request();
  }

  state.subscribe((what) => { if (what === 'z' || what === 'model') update(); });
  update();
  return { idle: () => scheduler.idle() };
}

// A strip of random samples per compared model: the same COUNT codes z ~ N(0, I) for all three (from a
// seeded generator, so a rehearsed lesson repeats), each strip one batched decode and one canvas write
// (core/tiles.js), through one frame scheduler. "New samples" draws the next codes.

import { el } from '../core/dom.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { count } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { gaussian, mulberry32 } from '../core/random.js';
import { IMAGE_SIZE } from '../core/constants.js';
import { paintTiles } from '../core/tiles.js';
import { captionOf } from './figure.js';

export const COUNT = 8;
const SEED = 12;

/** nodes: {strips, note, button}; trio: the loaded models. */
export function createSamples(nodes, trio, onError) {
  const dim = trio[0].model.latentDim;
  const uniform = mulberry32(SEED);
  const draw = () => Float32Array.from({ length: COUNT * dim }, () => gaussian(uniform));
  let codes = draw();

  const canvases = trio.map((item) => {
    const canvas = el('canvas', { id: `blur-strip-${item.role}`, class: 'pixelated blur-strip',
      width: COUNT * IMAGE_SIZE, height: IMAGE_SIZE, role: 'img',
      i18nAttrs: { 'aria-label': msg('blur.stripLabel', { n: COUNT, who: msg(item.who) }) } });
    nodes.strips.append(el('p', { class: 'blur-strip-name', i18n: captionOf(item) }), canvas);
    return canvas;
  });
  setText(nodes.note, 'blur.samplesNote', { n: count(COUNT) });

  const scheduler = createFrameScheduler(async () => {
    const zs = codes;
    const values = await Promise.all(trio.map((item) => item.model.decodeValues(zs)));
    if (zs !== codes) return;  // newer codes: their own render follows
    values.forEach((v, i) => paintTiles(canvases[i], v, COUNT));
  }, onError);

  nodes.button.disabled = false;
  nodes.button.addEventListener('click', () => {
    codes = draw();
    scheduler.request();
  });
  scheduler.request();
  return {
    idle: scheduler.idle,
    /** The codes shown: COUNT arrays of `dim` numbers (tests). */
    get codes() { return Array.from({ length: COUNT }, (_, k) => Array.from(codes.subarray(k * dim, (k + 1) * dim))); },
  };
}

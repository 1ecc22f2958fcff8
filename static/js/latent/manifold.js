// The decoded manifold: GRID × GRID digits decoded over the mapped plane (the other numbers of z kept
// at their current values), in one batched decode and one canvas write, through the frame scheduler.

import { IMAGE_SIZE, PIXELS } from '../core/constants.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { createProbe } from '../core/probes.js';
import { paintTiles } from '../core/tiles.js';
import { GRID, tileZ } from './map-geometry.js';

const TILE = IMAGE_SIZE;

/** getView() → {dims, range}; onRendered() after each new image. */
export function createManifold(state, getView, { onRendered = () => {}, onError = () => {} } = {}) {
  const image = document.createElement('canvas');
  image.width = GRID * TILE;
  image.height = GRID * TILE;
  const stats = createProbe('manifold', { renders: 0, lastMs: null });  // benchmark only
  let shown = null;  // {values: Float32Array(GRID²·784), tile by tile, row by row; base, view} of the image drawn

  function codes(model, base, view) {
    const L = model.latentDim;
    const zs = new Float32Array(GRID * GRID * L);
    for (let i = 0; i < GRID; i += 1) {
      for (let j = 0; j < GRID; j += 1) zs.set(tileZ(base, view, i, j), (i * GRID + j) * L);
    }
    return zs;
  }

  async function render() {
    const model = state.model;
    if (!model) return;
    const t0 = stats ? performance.now() : 0;
    const view = getView();
    const base = Float32Array.from(state.z);
    const values = await model.decodeValues(codes(model, base, view));
    if (model !== state.model) return;  // the model changed meanwhile: a newer render follows
    paintTiles(image, values, GRID);
    shown = { values, base, view: { dims: [...view.dims], range: view.range } };
    if (stats) {
      stats.renders += 1;
      stats.lastMs = performance.now() - t0;
    }
    onRendered();
  }

  const scheduler = createFrameScheduler(render, onError);

  return {
    image,
    get ready() { return shown !== null; },
    request: scheduler.request,
    idle: scheduler.idle,
    /** Render now; resolves when done (with probes on, to the milliseconds it took). */
    async renderNow() {
      scheduler.request();
      await scheduler.idle();
      return stats ? stats.lastMs : null;
    },
    forget() { shown = null; },
    /** {z, values(784)} of tile (i, j) of the image shown. */
    tile(i, j) {
      if (!shown) return null;
      const k = i * GRID + j;
      return { z: Array.from(tileZ(shown.base, shown.view, i, j)),
        values: Array.from(shown.values.subarray(k * PIXELS, (k + 1) * PIXELS)) };
    },
  };
}

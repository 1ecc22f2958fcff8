// Draws the digit decoded from the shared code z on a 28×28 canvas (scaled up by CSS, crisp pixels).
// Every change of z requests a redraw; requests are coalesced to at most one decode per animation
// frame, and a decode never overlaps another (frame-scheduler.js).
/* global tf */

import { createFrameScheduler } from './frame-scheduler.js';

export function createDecoderView(canvas, state, { onError = () => {}, onDrawn = () => {} } = {}) {
  let requestedAt = null;
  const stats = { draws: 0, latenciesMs: [], lastZ: null };

  async function render() {
    if (!state.model) return;
    const z = Float32Array.from(state.z);
    const startedAt = requestedAt;
    requestedAt = null;
    const image = tf.tidy(() => state.model.decode(tf.tensor2d(z, [1, z.length])).squeeze([0]));
    try {
      await tf.browser.toPixels(image, canvas);
    } finally {
      image.dispose();
    }
    stats.draws += 1;
    stats.lastZ = Array.from(z);
    stats.latenciesMs.push(performance.now() - startedAt);
    if (stats.latenciesMs.length > 2000) stats.latenciesMs.shift();
    onDrawn(z);
  }

  const scheduler = createFrameScheduler(render, onError);

  state.subscribe((what) => {
    if (what === 'z' || what === 'model') {
      if (requestedAt === null) requestedAt = performance.now();
      scheduler.request();
    }
  });

  return {
    stats,
    /** Resolves once the canvas shows the current z (no decode pending). */
    idle: scheduler.idle,
  };
}

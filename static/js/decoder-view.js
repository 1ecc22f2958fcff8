// Draws the digit decoded from the shared code z on a 28×28 canvas (scaled up by CSS, crisp pixels).
// Every change of z requests a redraw; requests are coalesced to at most one decode per animation
// frame, and a decode never overlaps another.
/* global tf */

export function createDecoderView(canvas, state, { onError = () => {}, onDrawn = () => {} } = {}) {
  let scheduled = false;
  let busy = false;
  let dirty = false;
  let requestedAt = null;
  let idleWaiters = [];
  const stats = { draws: 0, latenciesMs: [], lastZ: null };

  function request() {
    dirty = true;
    if (requestedAt === null) requestedAt = performance.now();
    if (!scheduled && !busy) {
      scheduled = true;
      requestAnimationFrame(frame);
    }
  }

  async function frame() {
    scheduled = false;
    if (!state.model) return settle();
    dirty = false;
    busy = true;
    const z = Float32Array.from(state.z);
    const startedAt = requestedAt;
    requestedAt = null;
    try {
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
    } catch (e) {
      onError(e);
    } finally {
      busy = false;
    }
    if (dirty) {
      scheduled = true;
      requestAnimationFrame(frame);
    } else {
      settle();
    }
  }

  function settle() {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  state.subscribe((what) => {
    if (what === 'z' || what === 'model') request();
  });

  return {
    stats,
    /** Resolves once the canvas shows the current z (no decode pending). */
    idle() {
      if (!scheduled && !busy && !dirty) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

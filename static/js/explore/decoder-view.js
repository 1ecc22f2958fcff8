// Draws the digit decoded from the shared code z on a 28×28 canvas (scaled up by CSS, crisp pixels).
// Every change of z requests a redraw; requests are coalesced to at most one decode per animation
// frame, and a decode never overlaps another (core/frame-scheduler.js).

import { createFrameScheduler } from '../core/frame-scheduler.js';
import { createProbe, pushLatency } from '../core/probes.js';

export function createDecoderView(canvas, state, { onError = () => {} } = {}) {
  const stats = createProbe('view', { draws: 0, latenciesMs: [], lastZ: null });  // tests only
  let requestedAt = null;

  async function render() {
    if (!state.model) return;
    const z = Float32Array.from(state.z);
    const startedAt = requestedAt;
    requestedAt = null;
    await state.model.draw(z, canvas);
    if (stats) {
      stats.draws += 1;
      stats.lastZ = Array.from(z);
      pushLatency(stats.latenciesMs, performance.now() - startedAt);
    }
  }

  const scheduler = createFrameScheduler(render, onError);

  state.subscribe((what) => {
    if (what !== 'z' && what !== 'model') return;
    if (stats && requestedAt === null) requestedAt = performance.now();
    scheduler.request();
  });

  return {
    stats,
    /** Resolves once the canvas shows the current z (no decode pending). */
    idle: scheduler.idle,
  };
}

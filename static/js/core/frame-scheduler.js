// Coalesce "please redraw" requests into at most one render per animation frame, never two renders
// at once: a request during a render marks it dirty, and one more render follows. Used by every view
// that decodes on input (sliders, noise samples), so a burst of 1,000 moves costs a few decodes.
// onScreenOnly holds a view's requests while it is off screen (the noise samples, Why blurry?'s digits).

/**
 * render: async () => void, reads the current state itself. Errors go to onError.
 * Returns {request(), idle()}: idle() resolves once nothing is pending or running.
 */
export function createFrameScheduler(render, onError = console.warn) {
  let scheduled = false;
  let busy = false;
  let dirty = false;
  let idleWaiters = [];

  function request() {
    dirty = true;
    if (!scheduled && !busy) {
      scheduled = true;
      requestAnimationFrame(frame);
    }
  }

  async function frame() {
    scheduled = false;
    dirty = false;
    busy = true;
    try {
      await render();
    } catch (e) {
      onError(e);
    } finally {
      busy = false;
    }
    if (dirty) {
      scheduled = true;
      requestAnimationFrame(frame);
    } else {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  return {
    request,
    idle() {
      if (!scheduled && !busy && !dirty) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}

/** Resolves in a task of its own: long work split by it leaves the page free to answer in between. */
export function nextTask() {
  return new Promise((resolve) => { setTimeout(resolve, 0); });
}

/**
 * A scheduler's requests go through only while `target` is on screen; one made off screen waits until it
 * comes back. For views that redraw on every change of z but only matter while someone sees them.
 */
export function onScreenOnly(scheduler, target) {
  let visible = !('IntersectionObserver' in window);  // until the observer's first report says where it is
  let stale = false;
  const catchUp = () => {
    if (stale) {
      stale = false;
      scheduler.request();
    }
  };
  if ('IntersectionObserver' in window) {
    new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible) catchUp();
    }).observe(target);
  }
  return {
    request() { if (visible) scheduler.request(); else stale = true; },
    /** Resolves once what was asked for is drawn (drawing it now if it was off screen). */
    idle() { catchUp(); return scheduler.idle(); },
  };
}

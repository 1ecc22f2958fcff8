// Work that waits until the person comes near a panel: fetching a feature's model files when its panel
// scrolls close to the screen (an IntersectionObserver with a margin), or on first use, whichever
// comes first, and only once. So a visitor who only looks at the first digit downloads nothing else.

import { createProbe } from './probes.js';

// For tests: the ids of the targets whose work has run, in order (window.vaeDemo.probes.near.woken).
const probe = createProbe('near', { woken: [] });

/** Margins (CSS rootMargin) that say what "near" is. */
export const NEAR = {
  // within half a window below the bottom of the screen: the panel is one scroll away
  below: '0px 0px 50% 0px',
  // in the upper half of the window: for a panel that already peeks in at the bottom when the page opens
  upperHalf: '0px 0px -50% 0px',
};

/**
 * Run `run` once, when `target` comes within `margin` of the screen. Returns a function that runs it
 * now instead (first use); later calls, and the observer, then do nothing.
 */
export function whenNear(target, run, margin = NEAR.below) {
  let done = false;
  let observer = null;
  const now = () => {
    if (done) return;
    done = true;
    if (observer) observer.disconnect();
    if (probe) probe.woken.push(target.id);
    run();
  };
  if (!('IntersectionObserver' in window)) {
    now();
    return now;
  }
  observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) now();
  }, { rootMargin: margin });
  observer.observe(target);
  return now;
}

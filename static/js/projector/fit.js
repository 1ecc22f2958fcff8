// Scale the shown panel down (never up) if its content overflows the space the navigation bar
// leaves, from the top left corner, then centred in the width left over.

import { createFrameScheduler } from '../core/frame-scheduler.js';

/** Fit `panel` into its <main>; records the scale in data-projector-scale. */
export function fitPanel(panel) {
  panel.style.transform = '';
  const main = panel.parentElement;
  const cs = getComputedStyle(main);
  const box = main.getBoundingClientRect();
  const availH = box.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
  const availW = box.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const own = panel.getBoundingClientRect();  // fractional; scrollWidth is whole pixels
  const width = panel.scrollWidth - own.width >= 1 ? panel.scrollWidth : own.width;
  // (+0.25 px: layout rounds to 1/64 px, so a panel that exactly fills can measure a hair too big)
  const scale = Math.floor(Math.min(1, (availH + 0.25) / own.height, (availW + 0.25) / width) * 10000) / 10000;
  panel.dataset.projectorScale = String(scale);
  if (scale < 1) {
    panel.style.transformOrigin = 'top left';
    panel.style.transform = `translateX(${Math.max(0, (availW - width * scale) / 2).toFixed(1)}px) scale(${scale})`;
  }
}

/**
 * Keep the shown page fitted while projector mode is on: a resize of the window, of <main> or of a
 * panel, or a panel part shown or hidden, refits once on the next frame. current() → the page shown.
 * idle() resolves once no refit is pending.
 */
export function createFitter(current) {
  let watching = false;
  const fit = () => {
    const page = current();
    if (watching && page) fitPanel(page.panel);
  };
  const scheduler = createFrameScheduler(async () => fit());
  const queue = scheduler.request;
  const resizes = new ResizeObserver(queue);
  const mutations = new MutationObserver(queue);
  window.addEventListener('resize', queue);
  return {
    fit,
    idle: scheduler.idle,
    watch() {
      watching = true;
      const main = document.querySelector('main');
      resizes.observe(main);
      for (const p of main.querySelectorAll(':scope > section.panel')) resizes.observe(p);
      mutations.observe(main,
        { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'open'] });
    },
    unwatch() {
      watching = false;
      resizes.disconnect();
      mutations.disconnect();
    },
  };
}

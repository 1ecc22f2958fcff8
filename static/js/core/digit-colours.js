// The ten digits' colours (the same on every map of codes: the latent map, the trainer's map, the β
// comparison) and their legend.

import { el } from './dom.js';

export const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** One swatch per digit, 0 to 9. */
export function legend() {
  return PALETTE.map((color, digit) => el('span', { class: 'legend-item' },
    el('span', { class: 'swatch', style: { background: color } }), String(digit)));
}

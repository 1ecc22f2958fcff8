// Per digit (its colour under it), what the class sent: the class's average digit, the mean of
// (one batched decode for all ten), and how many codes; then how many came without a digit (their
// mean is no digit in particular, so they are only counted).

import { PALETTE } from '../core/digit-colours.js';
import { el } from '../core/dom.js';
import { msg, setText } from '../core/i18n.js';
import { paintTiles } from '../core/tiles.js';
import { PIXELS } from '../core/constants.js';
import { NO_DIGIT } from './class-codes.js';

/** Build the ten cells in `grid`; returns {cells: [{canvas, counted}] by digit, unsaid: <p>}. */
export function buildDigitsGrid(grid, unsaid) {
  const cells = Array.from({ length: NO_DIGIT }, (_, d) => {
    const canvas = el('canvas', { class: 'pixelated class-average', width: 28, height: 28, role: 'img',
      style: { borderBottomColor: PALETTE[d] }, i18nAttrs: { 'aria-label': msg('class.averageLabel', { digit: d }) } });
    const counted = el('span', { class: 'class-digit-count' });
    grid.append(el('figure', { class: 'class-digit', role: 'listitem' }, canvas,
      el('figcaption', {}, el('b', {}, `${d} `), counted)));
    return { canvas, counted };
  });
  return { cells, unsaid };
}

/**
 * Show `rows` (class-codes.js perDigit) in the grid, the averages decoded by `model` (null: not loaded
 * yet; the canvases stay blank).
 */
export async function showDigits({ cells, unsaid }, rows, model) {
  cells.forEach((cell, d) => {
    setText(cell.counted, msg('class.sentCount', { count: rows[d].count }));
    if (!rows[d].mean) cell.canvas.getContext('2d').clearRect(0, 0, 28, 28);
  });
  setText(unsaid, msg('class.unsaidCount', { count: rows[NO_DIGIT].count }));
  const present = cells.map((_, d) => d).filter((d) => rows[d].mean);
  if (!model || !present.length) return;
  const values = await model.decodeValues(Float32Array.from(present.flatMap((d) => rows[d].mean)));
  present.forEach((d, k) => paintTiles(cells[d].canvas, values.subarray(k * PIXELS, (k + 1) * PIXELS)));
}

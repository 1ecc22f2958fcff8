// Per digit, what the class sent: how many codes, and the class's average digit, the mean of that
// digit's codes decoded (one batched decode for all ten). A row for codes sent without a digit counts
// them only: their mean is no digit in particular.

import { PALETTE } from '../core/digit-colours.js';
import { el } from '../core/dom.js';
import { count as countText } from '../core/format.js';
import { paintTiles } from '../core/tiles.js';
import { PIXELS } from '../core/constants.js';
import { NO_DIGIT } from './class-codes.js';

/** Build the table's rows in `table` (a <table> with its head in the template); returns the canvases by digit. */
export function buildDigitsTable(table) {
  const body = el('tbody');
  const cells = [];
  for (let d = 0; d <= NO_DIGIT; d += 1) {
    const canvas = d < NO_DIGIT ? el('canvas', { class: 'pixelated class-average', width: 28, height: 28,
      i18nAttrs: { 'aria-label': { key: 'class.averageLabel', params: { digit: d } } }, role: 'img' }) : null;
    const counted = el('td', { class: 'mono' }, '0');
    const label = d < NO_DIGIT ? [el('span', { class: 'swatch', style: { background: PALETTE[d] } }), ` ${d}`]
      : el('span', { i18n: 'class.noDigit' });
    body.append(el('tr', {}, el('th', { scope: 'row' }, label), counted, el('td', {}, canvas)));
    cells.push({ counted, canvas });
  }
  table.querySelector('tbody')?.remove();
  table.append(body);
  return cells;
}

/**
 * Show `rows` (class-codes.js perDigit) in the table's `cells`, the averages decoded by `model` (null:
 * not loaded yet, the canvases stay blank).
 */
export async function showDigits(cells, rows, model) {
  rows.forEach((row, d) => {
    cells[d].counted.textContent = countText(row.count);
    if (!row.mean && cells[d].canvas) cells[d].canvas.getContext('2d').clearRect(0, 0, 28, 28);
  });
  const present = rows.map((row, d) => [row, d]).filter(([row, d]) => row.mean && d < NO_DIGIT);
  if (!model || !present.length) return;
  const values = await model.decodeValues(Float32Array.from(present.flatMap(([row]) => row.mean)));
  present.forEach(([, d], k) => paintTiles(cells[d].canvas, values.subarray(k * PIXELS, (k + 1) * PIXELS)));
}

// The measured figures of the compared models, from their manifest entries (written at export by
// train/metrics.py): sharpness against real digits, digit score and share decoded clearly of random
// samples, digit FID, and the reconstruction of the test images or why there is none. Numbers are
// written by core/format.js in the page's language; call again after a language switch.

import { el } from '../core/dom.js';
import { count, fixed, fixedOr, percent } from '../core/format.js';
import { msg, setText, t } from '../core/i18n.js';
import { captionOf } from './figure.js';

/** Why a reconstruction is not possible, in words (the manifest gives the reason in its own terms). */
const notPossible = (reason) => t(reason === 'no encoder' ? 'blur.table.noEncoder' : 'blur.table.notPossible');

function reconstructionCells(blur) {
  const r = blur.reconstruction;
  if (r && r.possible === false) return [{ col: 'reconstruction', text: notPossible(r.reason), span: 2 }];
  const ok = r && r.possible;
  return [
    { col: 'bce', text: ok ? t('units.nats', { v: fixed(r.bce, 1) }) : t('common.na') },
    { col: 'mae', text: ok ? fixed(r.mean_abs_error, 3) : t('common.na') },
  ];
}

function cells(entry) {
  const blur = entry.blur || {};
  const s = entry.samples || {};
  const na = t('common.na');
  return [
    { col: 'sharpness', text: fixedOr(blur.sharpness, 2, na) },
    { col: 'digit-score', text: fixedOr(s.digit_score, 2, na) },
    { col: 'clear', text: s.confident === undefined ? na : percent(s.confident) },
    { col: 'fid', text: fixedOr(blur.fid, 1, na) },
    ...reconstructionCells(blur),
  ];
}

/** The column headings as a phone shows them in each cell: {col: words}. */
function labels(table) {
  const [top, sub] = Array.from(table.tHead.rows, (row) => Array.from(row.cells, (c) => c.textContent));
  const group = top[top.length - 1];
  const part = (words) => t('blur.col.part', { group, part: words });
  return { sharpness: top[1], 'digit-score': top[2], clear: top[3], fid: top[4], bce: part(sub[0]), mae: part(sub[1]),
    reconstruction: group };
}

/** Fill the table's body (one row per model: [{role, who, entry}]) and its note, in the page's language. */
export function renderBlurTable(table, note, items) {
  const label = labels(table);
  table.tBodies[0].replaceChildren(...items.map((item) => el('tr', { dataset: { model: item.entry.name } },
    el('th', { scope: 'row', i18n: captionOf(item) }),
    cells(item.entry).map((c) => el('td', { dataset: { col: c.col, label: label[c.col] }, colSpan: c.span || 1 },
      c.text)))));
  const measured = items.map((i) => i.entry.blur).find(Boolean);
  if (measured) {
    setText(note, msg('blur.tableNote', { n: count(measured.samples), images: count(measured.real_images),
      reference: fixed(measured.fid_reference, 2) }));
  }
}

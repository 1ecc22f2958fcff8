// The pieces every story step is built from: the step's article (heading, words, figure, controls,
// the manifest's numbers), its 28×28 canvas, a labelled slider, and how codes and numbers are written.

import { el } from '../core/dom.js';
import { count, percent } from '../core/format.js';
import { TEXT } from './text.js';

/** How each kind of number from the manifest is written. */
export const FORMATS = {
  int: count,
  pct: (v) => percent(v, 0),
  mse: (v) => v.toFixed(4),
  nats: (v) => `${v.toFixed(1)} nats`,  // per image, summed over pixels
  score: (v) => v.toFixed(1),
};

/** A code as people read it: at most two decimals, no trailing zeros: [0.5, 0.5, 0, 0]. */
export const fmtCode = (code) => `[${Array.from(code, (v) => (Math.round(v * 100) / 100).toString()).join(', ')}]`;

/** A term/value pair; the value keeps the manifest's raw number in data-value for tests. */
export function numberRow(key, label, value, format) {
  const missing = value === null || value === undefined;
  const dd = el('dd', { dataset: missing ? { number: key } : { number: key, value: String(value) } },
    missing ? 'n/a' : format(value));
  return [el('dt', {}, label), dd];
}

/** Step n's article: heading, words (with its limit in bold), then the body beside its numbers. */
export function article(n, body, { numbers = [], note = '' } = {}) {
  const [title, text, limit] = TEXT[n];
  const heading = el('h3', { id: `story-${n}-title`, tabindex: '-1' }, `${n}. ${title}`);
  const noteEl = el('p', { class: 'story-note', role: 'status' }, note);
  const dl = el('dl', { class: 'story-numbers' }, ...numbers.flat());
  const art = el('article', { id: `story-${n}`, class: 'story-step', 'aria-labelledby': heading.id, hidden: true },
    heading, el('p', { class: 'story-text' }, text, limit ? ' ' : '', limit ? el('strong', {}, limit) : ''),
    el('div', { class: 'story-body' }, ...body, el('div', { class: 'story-facts' }, dl, noteEl)));
  return { article: art, heading, note: noteEl, numbers: dl };
}

/** Step n's 28×28 canvas (scaled up by CSS). */
export function canvasFor(n, label) {
  return el('canvas', { width: 28, height: 28, class: 'story-canvas', role: 'img', 'aria-label': label,
    id: `story-canvas-${n}` });
}

/** A labelled range input with its value shown; set(v) moves it without an input event. */
export function slider(id, label, { min, max, step, value }, onInput) {
  const input = el('input', { type: 'range', id, min: String(min), max: String(max), step: String(step),
    value: String(value) });
  const out = el('output', { for: id, class: 'mono' }, Number(value).toFixed(2));
  input.addEventListener('input', () => {
    out.textContent = Number(input.value).toFixed(2);
    onInput(Number(input.value));
  });
  const row = el('div', { class: 'story-slider' }, el('label', { for: id }, label), input, out);
  return { row, input, out, set(v) { input.value = String(v); out.textContent = Number(v).toFixed(2); } };
}

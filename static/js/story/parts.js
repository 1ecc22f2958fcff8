// The pieces every story step is built from: the step's article (heading, words, figure, controls,
// the manifest's numbers), its 28×28 canvas, a labelled slider, and how codes and numbers are written.
// Labels and words are catalog messages (core/i18n.js), marked so that a language switch re-translates
// them; what a step writes from its state it writes again on the state's 'lang' event (story.js).

import { el } from '../core/dom.js';
import { count, fixed, percent, shortest } from '../core/format.js';
import { msg } from '../core/i18n.js';
import { TEXT } from './text.js';

/** How each kind of number from the manifest is written (a string, or a message with its unit). */
export const FORMATS = {
  int: count,
  pct: (v) => percent(v, 0),
  mse: (v) => fixed(v, 4),
  nats: (v) => msg('units.nats', { v: fixed(v, 1) }),  // per image, summed over pixels
  score: (v) => fixed(v, 1),
};

/** A code as people read it: at most two decimals, no trailing zeros: [0.5, 0.5, 0, 0]. */
export const fmtCode = (code) => `[${Array.from(code, (v) => shortest(v, 2)).join(', ')}]`;

/**
 * A term/value pair; label: a catalog key or msg(); the value keeps the manifest's raw number in
 * data-value for tests.
 */
export function numberRow(key, label, value, format) {
  const missing = value === null || value === undefined;
  const shown = missing ? msg('common.na') : format(value);
  const dd = el('dd', { dataset: missing ? { number: key } : { number: key, value: String(value) },
    ...(typeof shown === 'string' ? { text: shown } : { i18n: shown }) });
  return [el('dt', { i18n: label }), dd];
}

/**
 * Step n's article: heading, words (with its limit in bold), then the body beside its numbers. note: a
 * message for the step's note line (or none).
 */
export function article(n, body, { numbers = [], note = null } = {}) {
  const [title, text, limit] = TEXT[n];
  const heading = el('h3',
    { id: `story-${n}-title`, tabindex: '-1', i18n: msg('story.heading', { n, title: msg(title) }) });
  const noteEl = el('p', { class: 'story-note', role: 'status', ...(note ? { i18n: note } : {}) });
  const dl = el('dl', { class: 'story-numbers' }, ...numbers.flat());
  const art = el('article', { id: `story-${n}`, class: 'story-step', 'aria-labelledby': heading.id, hidden: true },
    heading, el('p', { class: 'story-text' }, el('span', { i18n: text }), limit ? ' ' : '',
      limit ? el('strong', { i18n: limit }) : ''),
    el('div', { class: 'story-body' }, ...body, el('div', { class: 'story-facts' }, dl, noteEl)));
  return { article: art, heading, note: noteEl, numbers: dl };
}

/** Step n's 28×28 canvas (scaled up by CSS); label: its accessible name, a catalog key. */
export function canvasFor(n, label) {
  return el('canvas', { width: 28, height: 28, class: 'story-canvas', role: 'img', i18nAttrs: { 'aria-label': label },
    id: `story-canvas-${n}` });
}

/**
 * A labelled range input (label: a catalog key or msg()) with its value shown; set(v) moves it without an input
 * event.
 */
export function slider(id, label, { min, max, step, value }, onInput) {
  const input = el('input', { type: 'range', id, min: String(min), max: String(max), step: String(step),
    value: String(value) });
  const out = el('output', { for: id, class: 'mono' }, fixed(Number(value), 2));
  input.addEventListener('input', () => {
    out.textContent = fixed(Number(input.value), 2);
    onInput(Number(input.value));
  });
  const row = el('div', { class: 'story-slider' }, el('label', { for: id, i18n: label }), input, out);
  return { row, input, out, set(v) { input.value = String(v); out.textContent = fixed(Number(v), 2); } };
}

// Projector mode's own markup, built here so the page needs none: the navigation bar (back, where,
// next, the z readout, keys, exit) and the dialog that lists every keyboard shortcut. Its words come
// from the catalogs (core/i18n.js) and follow a language switch by themselves.

import { el } from '../core/dom.js';
import { count as formatCount } from '../core/format.js';

export function buildNav() {
  const button = (className, key, attrs = {}) =>
    el('button', { type: 'button', class: className, i18n: key, ...attrs });
  const parts = {
    prev: button('projector-prev', 'projector.back', { 'aria-keyshortcuts': 'PageUp' }),
    next: button('projector-next', 'projector.next', { 'aria-keyshortcuts': 'PageDown' }),
    where: el('span', { class: 'projector-where', 'aria-live': 'polite' }),
    readout: el('output', { class: 'projector-readout mono', 'aria-live': 'polite' }),
    help: button('projector-help-button', 'projector.keys',
      { 'aria-keyshortcuts': '?', i18nAttrs: { 'aria-label': 'projector.shortcuts' } }),
    exit: button('projector-exit', 'projector.exit', { 'aria-keyshortcuts': 'p' }),
  };
  parts.nav = el('nav', { class: 'projector-nav', i18nAttrs: { 'aria-label': 'projector.pages' }, hidden: true },
    parts.prev, parts.where, parts.next, parts.readout, parts.help, parts.exit);
  return parts;
}

/** A key's name on the keycap: a symbol as it is, or a catalog message for a named key (Page Down…). */
const keycap = (k) => el('kbd', typeof k === 'string' ? { text: k } : { i18n: k });

/** rows: [[keys…], what they do (a catalog key or msg())]; the dialog closes on its button or Esc. */
export function buildShortcutsDialog(rows) {
  const keys = (list) => list.flatMap((k, i) => (i ? [el('span', { i18n: 'projector.or' }), keycap(k)] : [keycap(k)]));
  const entries = rows.map(([list, label]) => [el('dt', {}, keys(list)), el('dd', { i18n: label })]);
  const dialog = el('dialog',
    { class: 'projector-dialog', id: 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' },
    el('h2', { id: 'shortcuts-title', i18n: 'projector.shortcuts' }),
    el('dl', { class: 'projector-keys' }, entries),
    el('p', { class: 'projector-keys-note', i18n: 'projector.keysNote' }),
    el('button', { type: 'button', onclick: () => dialog.close(), i18n: 'projector.close' }));
  return dialog;
}

/** Say in the nav bar which page is shown (i of count) and enable back / next as they apply. */
export function showWhere(ui, page, i, count) {
  const title = page.panel.querySelector('h2');
  ui.where.textContent = `${formatCount(i + 1)} / ${formatCount(count)}`;
  ui.where.title = [title ? title.textContent.trim() : '', page.sub ? page.sub.dataset.projectorPage : '']
    .filter(Boolean).join(': ');
  ui.prev.disabled = i === 0;
  ui.next.disabled = i === count - 1;
}

// Projector mode's own markup, built here so the page needs none: the navigation bar (back, where,
// next, the z readout, keys, exit) and the dialog that lists every keyboard shortcut.

import { el } from '../core/dom.js';

export function buildNav() {
  const button = (className, text, attrs = {}) => el('button', { type: 'button', class: className, text, ...attrs });
  const parts = {
    prev: button('projector-prev', '◀ Back', { 'aria-keyshortcuts': 'PageUp' }),
    next: button('projector-next', 'Next ▶', { 'aria-keyshortcuts': 'PageDown' }),
    where: el('span', { class: 'projector-where', 'aria-live': 'polite' }),
    readout: el('output', { class: 'projector-readout mono', 'aria-live': 'polite' }),
    help: button('projector-help-button', 'Keys ?', { 'aria-keyshortcuts': '?', 'aria-label': 'Keyboard shortcuts' }),
    exit: button('projector-exit', 'Exit (P)', { 'aria-keyshortcuts': 'p' }),
  };
  parts.nav = el('nav', { class: 'projector-nav', 'aria-label': 'Projector pages', hidden: true },
    parts.prev, parts.where, parts.next, parts.readout, parts.help, parts.exit);
  return parts;
}

/** rows: [[keys…], what they do]; the dialog closes on its button or Esc. */
export function buildShortcutsDialog(rows) {
  const keys = (list) => list.flatMap((k, i) => (i ? [' or ', el('kbd', {}, k)] : [el('kbd', {}, k)]));
  const dialog = el('dialog', { class: 'projector-dialog', id: 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' },
    el('h2', { id: 'shortcuts-title' }, 'Keyboard shortcuts'),
    el('dl', { class: 'projector-keys' }, rows.map(([list, label]) => [el('dt', {}, keys(list)), el('dd', {}, label)])),
    el('p', { class: 'projector-keys-note' }, 'All but P and ? work in projector mode; none while you type in a text box.'),
    el('button', { type: 'button', onclick: () => dialog.close() }, 'Close (Esc)'));
  return dialog;
}

/** Say in the nav bar which page is shown (i of count) and enable back / next as they apply. */
export function showWhere(ui, page, i, count) {
  const title = page.panel.querySelector('h2');
  ui.where.textContent = `${i + 1} / ${count}`;
  ui.where.title = [title ? title.textContent.trim() : '', page.sub ? page.sub.dataset.projectorPage : '']
    .filter(Boolean).join(': ');
  ui.prev.disabled = i === 0;
  ui.next.disabled = i === count - 1;
}

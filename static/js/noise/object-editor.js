// The noise lesson's objects: the table where they are named, placed (0–10), added and removed, and
// the menu of which one to send. It edits the lesson's list in place and calls `changed()` after each
// edit; the lesson decides what an edit resets. Names the page gives (the defaults, "thing 7") keep their
// catalog message in o.label and follow the language; a name the user types is kept as typed.

import { el } from '../core/dom.js';
import { fixed } from '../core/format.js';
import { msg, t } from '../core/i18n.js';
import { LINE_MAX, LINE_MIN } from './number-line.js';

export const MAX_OBJECTS = 9;

/** The middle of the widest free stretch of the line between the objects (two decimals). */
function freeSpot(positions) {
  const xs = [LINE_MIN, ...positions, LINE_MAX].sort((a, b) => a - b);
  let best = 0;
  for (let k = 1; k < xs.length; k += 1) if (xs[k] - xs[k - 1] > xs[best + 1] - xs[best]) best = k - 1;
  return Math.round(((xs[best] + xs[best + 1]) / 2) * 100) / 100;
}

/**
 * nodes: {editor (tbody), addButton, select}; lesson: {objects, sentId}; changed(rebuild) after an edit.
 * Returns {build(), fillSelect(), add(name, x), remove(id)}.
 */
export function createObjectEditor({ editor, addButton, select }, lesson, changed) {
  let nextId = Math.max(0, ...lesson.objects.map((o) => o.id)) + 1;

  function row(o, i) {
    const n = { n: i + 1 };
    const name = el('input', { type: 'text', value: o.name, maxLength: 12,
      i18nAttrs: { 'aria-label': msg('noise.nameOf', n) } });
    name.addEventListener('change', () => {
      const typed = name.value.trim();
      if (typed !== o.name) o.label = typed ? null : msg('noise.defaultName', n);
      o.name = typed || t('noise.defaultName', n);
      name.value = o.name;
      changed(false);
    });
    const pos = el('input', { type: 'number', min: LINE_MIN, max: LINE_MAX, step: 0.01, value: o.x,
      i18nAttrs: { 'aria-label': msg('noise.positionOf', n) } });
    pos.addEventListener('change', () => {
      const v = Number(pos.value);
      if (pos.value !== '' && Number.isFinite(v)) o.x = Math.max(LINE_MIN, Math.min(LINE_MAX, v));
      pos.value = String(o.x);
      changed(false);
    });
    const removeButton = el('button', { type: 'button', i18n: 'noise.remove',
      i18nAttrs: { 'aria-label': msg('noise.removeOf', n) }, disabled: lesson.objects.length <= 1,
      onclick: () => remove(o.id) });
    return el('tr', {}, el('td', {}, name), el('td', {}, pos), el('td', {}, removeButton));
  }

  function build() {
    editor.replaceChildren(...lesson.objects.map(row));
    addButton.disabled = lesson.objects.length >= MAX_OBJECTS;
  }

  function fillSelect() {
    select.replaceChildren(...lesson.objects.map((o, i) => new Option(
      t('noise.option', { i: i + 1, name: o.name, x: fixed(o.x, 2) }), String(o.id))));
    select.value = String(lesson.sentId);
  }

  function add(name = null, x = null) {
    if (lesson.objects.length >= MAX_OBJECTS) return null;
    const label = name ? null : msg('noise.newName', { n: lesson.objects.length + 1 });
    const o = { id: nextId++, name: name || t(label.key, label.params), label,
      x: x === null ? freeSpot(lesson.objects.map((p) => p.x)) : x };
    lesson.objects.push(o);
    changed(true);
    return o;
  }

  function remove(id) {
    if (lesson.objects.length <= 1) return;
    lesson.objects = lesson.objects.filter((o) => o.id !== id);
    changed(true);
    const first = editor.querySelector('input');
    if (first) first.focus();
    else addButton.focus();
  }

  addButton.addEventListener('click', () => {
    add();
    const inputs = editor.querySelectorAll('input[type=text]');
    inputs[inputs.length - 1].focus();
  });
  return { build, fillSelect, add, remove };
}

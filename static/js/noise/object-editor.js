// The noise lesson's objects: the table where they are named, placed (0–10), added and removed, and
// the menu of which one to send. It edits the lesson's list in place and calls `changed()` after each
// edit; the lesson decides what an edit resets.

import { el } from '../core/dom.js';
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
    const name = el('input', { type: 'text', value: o.name, maxLength: 12, 'aria-label': `Name of object ${i + 1}` });
    name.addEventListener('change', () => {
      o.name = name.value.trim() || `object ${i + 1}`;
      name.value = o.name;
      changed(false);
    });
    const pos = el('input', { type: 'number', min: LINE_MIN, max: LINE_MAX, step: 0.01, value: o.x,
      'aria-label': `Position of object ${i + 1}` });
    pos.addEventListener('change', () => {
      const v = Number(pos.value);
      if (pos.value !== '' && Number.isFinite(v)) o.x = Math.max(LINE_MIN, Math.min(LINE_MAX, v));
      pos.value = String(o.x);
      changed(false);
    });
    const removeButton = el('button', { type: 'button', text: 'Remove', 'aria-label': `Remove object ${i + 1}`,
      disabled: lesson.objects.length <= 1, onclick: () => remove(o.id) });
    return el('tr', {}, el('td', {}, name), el('td', {}, pos), el('td', {}, removeButton));
  }

  function build() {
    editor.replaceChildren(...lesson.objects.map(row));
    addButton.disabled = lesson.objects.length >= MAX_OBJECTS;
  }

  function fillSelect() {
    select.replaceChildren(...lesson.objects.map((o, i) => new Option(`${i + 1}. ${o.name} ${o.x.toFixed(2)}`,
      String(o.id))));
    select.value = String(lesson.sentId);
  }

  function add(name = null, x = null) {
    if (lesson.objects.length >= MAX_OBJECTS) return null;
    const o = { id: nextId++, name: name || `thing ${lesson.objects.length + 1}`,
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

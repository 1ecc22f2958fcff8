// The projector's keyboard: which key does what, and when a key is not ours to take. Keys are never
// taken from a text field or a select, nor from a range input or radio group that uses them (the z
// sliders excepted: the arrows drive them anyway).

import { clampZ } from '../core/constants.js';
import { signed } from '../core/format.js';
import { msg } from '../core/i18n.js';

export const STEP = 0.1;
export const BIG_STEP = 0.5;

const TYPING_TYPES = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'date', 'time']);

function isTyping(el) {
  if (!el || el === document.body) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && (TYPING_TYPES.has(el.type) || el.type === '');
}

/** True if the focused control uses the arrow and page keys itself. */
function ownsArrows(target) {
  const range = target instanceof HTMLInputElement && target.type === 'range';
  const radio = target instanceof HTMLInputElement && target.type === 'radio';
  return (range && !target.closest('#sliders')) || radio;
}

/**
 * The shortcut rows for the help dialog: [[keycaps…], what they do]; keycaps are symbols or catalog
 * messages (named keys), what they do a message; `shortcuts` are the features' own.
 */
export function shortcutRows(shortcuts) {
  return [
    [['P'], 'projector.key.toggle'],
    [['?'], 'projector.key.help'],
    [[msg('keys.pageDown'), '.'], 'projector.key.next'],
    [[msg('keys.pageUp'), ','], 'projector.key.previous'],
    [['↑', '↓'], 'projector.key.pick'],
    [['←', '→'], msg('projector.key.change', { step: STEP, big: BIG_STEP })],
    [['R'], 'projector.key.random'],
    ...shortcuts.map((s) => [[s.display || s.keys[0].toUpperCase()], s.label]),
    [[msg('keys.esc')], 'projector.key.exit'],
  ];
}

/**
 * The action for a keydown, or null if the key is not ours: actions is {toggle, help, exit, step(d),
 * pickDim(d), moveDim(d), random}; `on` says whether projector mode is on.
 */
function actionFor(e, on, actions, featureKeys) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return null;
  const { key } = e;
  if (key === 'p' || key === 'P') return actions.toggle;
  if (key === '?') return actions.help;
  if (!on) return null;
  const owned = ownsArrows(e.target);
  const by = e.shiftKey ? BIG_STEP : STEP;
  const table = {
    Escape: actions.exit,
    '.': () => actions.step(1),
    ',': () => actions.step(-1),
    r: actions.random,
    R: actions.random,
    ...(owned ? {} : {
      PageDown: () => actions.step(1),
      PageUp: () => actions.step(-1),
      ArrowUp: () => actions.pickDim(-1),
      ArrowDown: () => actions.pickDim(1),
      ArrowLeft: () => actions.moveDim(-by),
      ArrowRight: () => actions.moveDim(by),
    }),
  };
  if (table[key]) return table[key];
  if (featureKeys.has(key)) return () => featureKeys.get(key).run(key);
  return null;
}

/** The arrow keys' actions on z: pick a number (the state's selection) and change it; `readout` says which. */
export function zActions(state, readout) {
  const showDim = (i) => { readout.textContent = `z${i + 1} = ${signed(state.z[i])}`; };
  return {
    pickDim(delta) {
      if (!state.model) return;
      state.selectDim(state.selectedDim + delta, 'keyboard');
      showDim(state.selectedDim);
    },
    moveDim(delta) {
      if (!state.model) return;
      const i = state.selectedDim;
      state.setDim(i, clampZ(Math.round((state.z[i] + delta) * 100) / 100), 'keyboard');
      showDim(i);
    },
  };
}

/**
 * Listen for the projector's keys on the document. shortcuts(): the features' own ({keys, run, label}),
 * as they are now; isOn() says whether projector mode is on, listening() whether keys are taken at all
 * (not while the shortcuts dialog is open).
 */
export function bindKeys(actions, shortcuts, isOn, listening) {
  document.addEventListener('keydown', (e) => {
    const featureKeys = new Map(shortcuts().flatMap((s) => s.keys.map((k) => [k, s])));
    const action = listening() ? actionFor(e, isOn(), actions, featureKeys) : null;
    if (!action) return;
    action();
    e.preventDefault();
  });
}

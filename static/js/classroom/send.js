// "Send my code to the class map", in the "Your own digit" panel (#class-send-box, which the template
// puts there only with --classroom): the digit the student meant (optional) and the button. What is
// sent is the 2 numbers of the drawing's code, never the picture; classroom.js does the sending.

import { byIds, el } from '../core/dom.js';
import { msg, setText } from '../core/i18n.js';

const SOURCES = new Set(['upload', 'draw', 'sample']);  // the panel's inputs

/** True when the panel holds a digit to send (state.posterior from an upload, a drawing or a sample). */
export const hasDigit = (state) => Boolean(state.posterior && state.posterior.image
  && SOURCES.has(state.posterior.source));

/**
 * The send box in `doc`, or null where the page has none. send(digit) → Promise<{ok, count} | {ok:
 * false, error, message}> (message: the error as a msg()). Returns {send(digit)}: the same as choosing
 * `digit` and pressing the button.
 */
export function createSendBox(doc, state, send) {
  const n = byIds(doc, { box: 'class-send-box', digit: 'class-digit', button: 'class-send',
    status: 'class-send-status' });
  if (!n.box) return null;
  let busy = false;
  n.digit.replaceChildren(el('option', { value: '', i18n: 'class.digitNone' }),
    ...Array.from({ length: 10 }, (_, d) => el('option', { value: String(d) }, String(d))));
  const update = () => { n.button.disabled = busy || !hasDigit(state); };
  state.subscribe((what) => { if (what === 'posterior' || what === 'model') update(); });
  update();

  async function run(digit) {
    busy = true;
    update();
    setText(n.status, msg('class.sending'));
    try {
      const result = await send(digit);
      setText(n.status, result.ok ? msg('class.sent', { count: result.count }) : result.message);
      return result;
    } finally {
      busy = false;
      update();
    }
  }

  n.button.addEventListener('click', () => run(n.digit.value === '' ? null : Number(n.digit.value)));
  return {
    send(digit) {
      n.digit.value = digit === null || digit === undefined ? '' : String(digit);
      return run(digit === undefined ? null : digit);
    },
  };
}

// The presenter's controls under the class map, shown only on the laptop that runs the server (the
// server says so: a loopback address): Clear (a second press within a few seconds confirms), Stop /
// Resume accepting codes, and the CSV of every code (a plain link to the server's class/codes.csv).

import { msg, setText } from '../core/i18n.js';
import { clearCodes, setAccepting } from './api.js';
import { wording } from './refusals.js';

const CONFIRM_MS = 4000;

/** nodes: {clear, accepting, note}; map: the ClassMap (codes, accepting, poller, showNote). */
export function bindPresenter(nodes, map) {
  let armed = null;  // the timer while Clear waits for its confirming press

  const reword = () => {
    setText(nodes.clear, armed ? msg('class.clearConfirm', { count: map.count }) : msg('class.clear'));
    setText(nodes.accepting, map.accepting ? msg('class.stop') : msg('class.resume'));
    nodes.accepting.setAttribute('aria-pressed', String(!map.accepting));
  };

  async function act(request) {
    try {
      await request();
    } catch (e) {
      map.showNote(wording(e));
    }
    await map.poller.poll();
    reword();
  }

  const controls = {
    clear: () => act(clearCodes),
    setAccepting: (on) => act(() => setAccepting(on)),
    reword,
  };
  nodes.clear.addEventListener('click', () => {
    if (!armed) {
      armed = setTimeout(() => { armed = null; reword(); }, CONFIRM_MS);
      reword();
      return;
    }
    clearTimeout(armed);
    armed = null;
    controls.clear();
  });
  nodes.accepting.addEventListener('click', () => controls.setAccepting(!map.accepting));
  return controls;
}

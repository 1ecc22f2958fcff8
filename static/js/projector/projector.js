// Projector mode: a presentation layout for a classroom. One key ("p") or the header button switches it
// on; it shows one page at a time (pages.js), with next/previous navigation, large type and high
// contrast (css/projector.css), and scales a page down only if its content still does not fit the
// screen (fit.js). It also owns the keyboard (keys.js): arrows move the selected latent number, "r"
// samples a random z, "?" lists every shortcut in a dialog, and features add their own shortcuts
// through the shared state (state.addShortcuts).

import { buildNav, buildShortcutsDialog, showWhere } from './controls.js';
import { createFitter } from './fit.js';
import { bindKeys, shortcutRows, zActions } from './keys.js';
import { describePage, indexOf, isTitle, listPages } from './pages.js';

function clearMarks() {
  for (const el of document.querySelectorAll('.projector-current, .projector-current-page, .projector-off')) {
    el.classList.remove('projector-current', 'projector-current-page', 'projector-off');
    el.style.transform = '';
  }
}

/** Mark `page` as the one shown: its panel, its sub-page, and (for a chunk) which children stay. */
function mark(page) {
  clearMarks();
  page.panel.classList.add('projector-current');
  if (page.sub) page.sub.classList.add('projector-current-page');
  if (!page.els) return;
  const keep = new Set(page.els);
  for (const el of page.panel.children) {
    if (!keep.has(el) && !isTitle(el)) el.classList.add('projector-off');
  }
}

/** Take focus away from what the page shown hides, so keys do not act on something unseen. */
function blurHidden(page, nav) {
  const active = document.activeElement;
  if (!active || active === document.body || nav.contains(active)) return;
  if (!page.panel.contains(active) || (page.sub && !page.sub.contains(active))) active.blur();
}

/**
 * Projector mode for the page (the feature contract's mount: `root` is the document's body, where its
 * navigation bar and shortcuts dialog go; the header's #projector-toggle switches it, and ?projector
 * in the address starts with it on). Returns its handle.
 */
export function mount({ root, state }) {
  const toggleButton = document.getElementById('projector-toggle');
  const startOn = new URLSearchParams(window.location.search).has('projector');
  let on = false;
  let current = null;  // the page shown (see pages.js)
  const ui = buildNav();
  let dialog = buildShortcutsDialog(shortcutRows(state.shortcuts));
  root.append(ui.nav, dialog);
  // A feature that adds shortcuts later: the dialog lists them too.
  state.subscribe((what) => {
    if (what !== 'shortcuts') return;
    const fresh = buildShortcutsDialog(shortcutRows(state.shortcuts));
    dialog.replaceWith(fresh);
    dialog = fresh;
  });
  const pages = () => listPages(on);

  function show(index) {
    const list = pages();
    if (list.length === 0) return;
    const i = Math.max(0, Math.min(list.length - 1, index));
    current = list[i];
    mark(current);
    showWhere(ui, current, i, list.length);
    blurHidden(current, ui.nav);
    window.scrollTo(0, 0);
    fitter.fit();
  }

  function step(delta) {
    const i = indexOf(pages(), current);
    show(i === -1 ? 0 : i + delta);
  }

  const fitter = createFitter(() => current);

  function setOn(value) {
    on = Boolean(value);
    document.documentElement.classList.toggle('projector', on);
    ui.nav.hidden = !on;
    if (toggleButton) toggleButton.setAttribute('aria-pressed', String(on));
    if (!on) {
      fitter.unwatch();
      clearMarks();
      if (current) current.panel.scrollIntoView({ block: 'start' });
      return;
    }
    fitter.watch();
    show(Math.max(0, indexOf(pages(), current)));
    ui.readout.textContent = '';
  }

  const openHelp = () => { if (!dialog.open) dialog.showModal(); };
  const actions = {
    ...zActions(state, ui.readout),
    toggle: () => setOn(!on),
    help: openHelp,
    exit: () => setOn(false),
    step,
    random: () => state.randomZ(),
  };
  bindKeys(actions, () => state.shortcuts, () => on, () => !dialog.open);
  ui.prev.addEventListener('click', () => step(-1));
  ui.next.addEventListener('click', () => step(1));
  ui.help.addEventListener('click', openHelp);
  ui.exit.addEventListener('click', () => setOn(false));
  if (toggleButton) toggleButton.addEventListener('click', () => setOn(!on));
  // Another language changes every page's length: show the current page again (its name, its fit).
  state.subscribe((what) => { if (what === 'lang' && on) show(Math.max(0, indexOf(pages(), current))); });
  if (startOn) setOn(true);

  return {
    get on() { return on; },
    setOn,
    next: () => step(1),
    previous: () => step(-1),
    /** The page shown: {index, count, panelId, page (sub-page title or null), part (chunk or null)}. */
    get page() { return describePage(pages(), current); },
    show,
    fit: fitter.fit,
    get dialog() { return dialog; },
    idle: fitter.idle,  // it decodes nothing itself: resolves once the page shown is fitted
  };
}

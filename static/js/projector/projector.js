// Projector mode: a presentation layout for a classroom. One key ("p") or the header button switches it
// on; it shows one page at a time (each `main > section.panel`, or each `[data-projector-page]` inside a
// panel that declares sub-pages), with next/previous navigation, large type and high contrast (see
// css/projector.css), and scales a page down only if its content still does not fit the screen. It also
// owns the keyboard: arrows move the selected latent number, "r" samples a random z, "?" lists every
// shortcut in a dialog, and features add their own shortcuts. Keys are never taken from a text field,
// a select, or a range input that uses them (the z sliders excepted: the arrows drive them anyway).

import { Z_RANGE } from './sliders.js';

const TYPING_TYPES = new Set(['text', 'search', 'number', 'email', 'url', 'tel', 'password', 'date', 'time']);
const STEP = 0.1;
const BIG_STEP = 0.5;

function isTyping(el) {
  if (!el || el === document.body) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && (TYPING_TYPES.has(el.type) || el.type === '');
}

function make(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

export function createProjector({ state, sliders, shortcuts = [], toggleButton = null, startOn = false }) {
  const root = document.documentElement;
  let on = false;
  let current = null;  // {panel, sub}
  let fitQueued = false;

  // ---- the navigation bar and the shortcuts dialog (built here: no markup needed in the page) ----
  const prevButton = make('button', { type: 'button', className: 'projector-prev', textContent: '◀ Back' });
  const nextButton = make('button', { type: 'button', className: 'projector-next', textContent: 'Next ▶' });
  const where = make('span', { className: 'projector-where', 'aria-live': 'polite' });
  const readout = make('output', { className: 'projector-readout mono', 'aria-live': 'polite' });
  const helpButton = make('button', { type: 'button', className: 'projector-help-button', textContent: 'Keys ?', 'aria-keyshortcuts': '?', 'aria-label': 'Keyboard shortcuts' });
  const exitButton = make('button', { type: 'button', className: 'projector-exit', textContent: 'Exit (P)', 'aria-keyshortcuts': 'p' });
  prevButton.setAttribute('aria-keyshortcuts', 'PageUp');
  nextButton.setAttribute('aria-keyshortcuts', 'PageDown');
  const nav = make('nav', { className: 'projector-nav', 'aria-label': 'Projector pages', hidden: true },
    [prevButton, where, nextButton, readout, helpButton, exitButton]);
  document.body.append(nav);

  const rows = [
    [['P'], 'Projector mode on / off'],
    [['?'], 'Show these shortcuts'],
    [['Page Down', '.'], 'Next page'],
    [['Page Up', ','], 'Previous page'],
    [['↑', '↓'], 'Pick the latent number z1, z2, …'],
    [['←', '→'], `Change it by ${STEP} (with Shift: ${BIG_STEP})`],
    [['R'], 'Random z ~ N(0, I)'],
    ...shortcuts.map((s) => [[s.display || s.keys[0].toUpperCase()], s.label]),
    [['Esc'], 'Leave projector mode'],
  ];
  const list = make('dl', { className: 'projector-keys' }, rows.flatMap(([keys, label]) => [
    make('dt', {}, keys.flatMap((k, i) => (i ? [' or ', make('kbd', { textContent: k })] : [make('kbd', { textContent: k })]))),
    make('dd', { textContent: label }),
  ]));
  const closeButton = make('button', { type: 'button', textContent: 'Close (Esc)' });
  const dialog = make('dialog', { className: 'projector-dialog', id: 'shortcuts-dialog', 'aria-labelledby': 'shortcuts-title' }, [
    make('h2', { id: 'shortcuts-title', textContent: 'Keyboard shortcuts' }),
    list,
    make('p', { className: 'projector-keys-note', textContent: 'All but P and ? work in projector mode; none while you type in a text box.' }),
    closeButton,
  ]);
  document.body.append(dialog);
  closeButton.addEventListener('click', () => dialog.close());

  // ---- pages ----
  // A panel with `[data-projector-page]` parts is one page per part. Any other panel is one page, or, if
  // it is too tall for the screen, split between its direct children into several (its first heading
  // repeated on each; a heading stays with what follows it). What still does not fit is scaled by fit().
  function pages() {
    return [...document.querySelectorAll('main > section.panel')].filter((p) => !p.hidden).flatMap((panel) => {
      const subs = [...panel.querySelectorAll('[data-projector-page]')].filter((s) => !s.hidden);
      if (subs.length) return subs.map((sub) => ({ panel, sub, chunk: null }));
      const chunks = on ? autoChunks(panel) : [];
      if (chunks.length < 2) return [{ panel, sub: null, chunk: null }];
      return chunks.map((els, chunk) => ({ panel, sub: null, chunk, els }));
    });
  }

  function autoChunks(panel) {
    const main = panel.parentElement;
    const wasCurrent = panel.classList.contains('projector-current');
    const transform = panel.style.transform;
    const off = [...panel.querySelectorAll(':scope > .projector-off')];
    off.forEach((el) => el.classList.remove('projector-off'));
    panel.classList.add('projector-current');
    panel.style.transform = '';
    const kids = [...panel.children];
    const title = kids.find((el) => /^H[12]$/.test(el.tagName));
    const height = (el) => {
      if (!el.getClientRects().length) return 0;
      const cs = getComputedStyle(el);
      return el.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
    };
    const cs = getComputedStyle(main);
    const avail = main.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) - (title ? height(title) : 0);
    const rest = kids.filter((el) => el !== title);
    const units = [];
    for (let k = 0; k < rest.length; k += 1) {
      if (/^H[3-6]$/.test(rest[k].tagName) && k + 1 < rest.length) { units.push([rest[k], rest[k + 1]]); k += 1; } else units.push([rest[k]]);
    }
    const chunks = [];
    let chunk = [];
    let used = 0;
    for (const unit of units) {
      const h = unit.reduce((a, el) => a + height(el), 0);
      if (used > 0 && h > 0 && used + h > avail) { chunks.push(chunk); chunk = []; used = 0; }
      chunk.push(...unit);
      used += h;
    }
    if (chunk.length) chunks.push(chunk);
    if (!wasCurrent) panel.classList.remove('projector-current');
    panel.style.transform = transform;
    off.forEach((el) => el.classList.add('projector-off'));
    return chunks;
  }

  function indexOf(list, page) {
    if (!page) return -1;
    const exact = list.findIndex((p) => p.panel === page.panel && p.sub === page.sub && p.chunk === page.chunk);
    return exact !== -1 ? exact : list.findIndex((p) => p.panel === page.panel && p.sub === page.sub);
  }

  function show(index) {
    const list = pages();
    if (list.length === 0) return;
    const i = Math.max(0, Math.min(list.length - 1, index));
    clearMarks();
    current = list[i];
    current.panel.classList.add('projector-current');
    if (current.sub) current.sub.classList.add('projector-current-page');
    if (current.els) {
      const keep = new Set(current.els);
      for (const el of current.panel.children) {
        if (!keep.has(el) && !/^H[12]$/.test(el.tagName)) el.classList.add('projector-off');
      }
    }
    const title = current.panel.querySelector('h2');
    const sub = current.sub ? current.sub.dataset.projectorPage : '';
    where.textContent = `${i + 1} / ${list.length}`;
    where.title = [title ? title.textContent.trim() : '', sub].filter(Boolean).join(': ');
    prevButton.disabled = i === 0;
    nextButton.disabled = i === list.length - 1;
    const active = document.activeElement;
    if (active && active !== document.body && !nav.contains(active) && !current.panel.contains(active)) active.blur();
    if (active && current.sub && current.panel.contains(active) && !current.sub.contains(active)) active.blur();
    window.scrollTo(0, 0);
    fit();
  }

  function clearMarks() {
    for (const el of document.querySelectorAll('.projector-current, .projector-current-page, .projector-off')) {
      el.classList.remove('projector-current', 'projector-current-page', 'projector-off');
      el.style.transform = '';
    }
  }

  function step(delta) {
    const list = pages();
    const i = indexOf(list, current);
    show(i === -1 ? 0 : i + delta);
  }

  /** Scale the shown panel down (never up) if its content overflows the space left by the nav bar. */
  function fit() {
    fitQueued = false;
    if (!on || !current) return;
    const { panel } = current;
    panel.style.transform = '';
    const main = panel.parentElement;
    const cs = getComputedStyle(main);
    const box = main.getBoundingClientRect();
    const availH = box.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    const availW = box.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const own = panel.getBoundingClientRect();  // fractional; scrollWidth is whole pixels
    const width = panel.scrollWidth - own.width >= 1 ? panel.scrollWidth : own.width;
    // (+0.25 px: layout rounds to 1/64 px, so a panel that exactly fills can measure a hair too big)
    const scale = Math.floor(Math.min(1, (availH + 0.25) / own.height, (availW + 0.25) / width) * 10000) / 10000;
    panel.dataset.projectorScale = String(scale);
    if (scale < 1) {  // from the top left corner, then centred in the width left over
      panel.style.transformOrigin = 'top left';
      panel.style.transform = `translateX(${Math.max(0, (availW - width * scale) / 2).toFixed(1)}px) scale(${scale})`;
    }
  }
  function queueFit() {
    if (fitQueued) return;
    fitQueued = true;
    requestAnimationFrame(fit);
  }
  const observer = new ResizeObserver(queueFit);
  const mutations = new MutationObserver(queueFit);

  function setOn(value) {
    on = Boolean(value);
    root.classList.toggle('projector', on);
    nav.hidden = !on;
    if (toggleButton) toggleButton.setAttribute('aria-pressed', String(on));
    if (on) {
      show(Math.max(0, indexOf(pages(), current)));
      observer.observe(document.querySelector('main'));
      for (const p of document.querySelectorAll('main > section.panel')) observer.observe(p);
      mutations.observe(document.querySelector('main'), { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'open'] });
      readout.textContent = '';
    } else {
      observer.disconnect();
      mutations.disconnect();
      clearMarks();
      if (current) current.panel.scrollIntoView({ block: 'start' });
    }
  }

  function openHelp() {
    if (!dialog.open) dialog.showModal();
  }

  // ---- the latent code from the keyboard ----
  function showDim(i) {
    readout.textContent = `z${i + 1} = ${(state.z[i] < 0 ? '−' : '+')}${Math.abs(state.z[i]).toFixed(2)}`;
  }
  function pickDim(delta) {
    if (!state.model) return;
    sliders.select(sliders.selected + delta);
    showDim(sliders.selected);
  }
  function moveDim(delta) {
    if (!state.model) return;
    const i = sliders.selected;
    const v = Math.max(-Z_RANGE, Math.min(Z_RANGE, Math.round((state.z[i] + delta) * 100) / 100));
    state.setDim(i, v, 'keyboard');
    showDim(i);
  }

  const featureKeys = new Map();
  for (const s of shortcuts) for (const k of s.keys) featureKeys.set(k, s);

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || dialog.open) return;
    const target = e.target;
    if (isTyping(target)) return;
    const range = target instanceof HTMLInputElement && target.type === 'range';
    const zSlider = range && target.closest('#sliders');
    const radio = target instanceof HTMLInputElement && target.type === 'radio';
    const rangeOwnsKey = (range && !zSlider) || radio;  // other sliders and radio groups keep their keys
    const { key } = e;
    let handled = true;
    if (key === 'p' || key === 'P') setOn(!on);
    else if (key === '?') openHelp();
    else if (!on) handled = false;
    else if (key === 'Escape') setOn(false);
    else if ((key === 'PageDown' && !rangeOwnsKey) || key === '.') step(1);
    else if ((key === 'PageUp' && !rangeOwnsKey) || key === ',') step(-1);
    else if (rangeOwnsKey && key.startsWith('Arrow')) handled = false;
    else if (key === 'ArrowUp') pickDim(-1);
    else if (key === 'ArrowDown') pickDim(1);
    else if (key === 'ArrowLeft') moveDim(-(e.shiftKey ? BIG_STEP : STEP));
    else if (key === 'ArrowRight') moveDim(e.shiftKey ? BIG_STEP : STEP);
    else if (key === 'r' || key === 'R') {
      const random = document.getElementById('random');
      if (random && !random.disabled) random.click();
    } else if (featureKeys.has(key)) featureKeys.get(key).run(key);
    else handled = false;
    if (handled) e.preventDefault();
  }

  document.addEventListener('keydown', onKey);
  prevButton.addEventListener('click', () => step(-1));
  nextButton.addEventListener('click', () => step(1));
  helpButton.addEventListener('click', openHelp);
  exitButton.addEventListener('click', () => setOn(false));
  if (toggleButton) toggleButton.addEventListener('click', () => setOn(!on));
  window.addEventListener('resize', queueFit);
  if (startOn) setOn(true);

  return {
    get on() { return on; },
    setOn,
    next: () => step(1),
    previous: () => step(-1),
    /** The page shown: {index, count, panelId, page (sub-page title or null)}. */
    get page() {
      const list = pages();
      const i = indexOf(list, current);
      return {
        index: i, count: list.length, panelId: current ? current.panel.id : null,
        page: current && current.sub ? current.sub.dataset.projectorPage : null, part: current ? current.chunk : null,
      };
    },
    show,
    fit,
    dialog,
  };
}

// Moving through the story: the bar of buttons (previous, one per step, next, "Step n of 5"), the
// arrow keys inside the story, and the URL (#story-N or ?step=N opens a step; the hash follows).

import { el } from '../core/dom.js';
import { count } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { STEPS, TEXT } from './text.js';

/** The step the URL asks for (#story-N, else ?step=N), or null. */
export function stepFromUrl() {
  const hash = /^#story-(\d)$/.exec(window.location.hash);
  const param = new URLSearchParams(window.location.search).get('step');
  const n = Number(hash ? hash[1] : param);
  return Number.isInteger(n) && n >= 1 && n <= STEPS ? n : null;
}

/** Put #story-n in the address bar, unless the hash points elsewhere on the page. */
export function stepToUrl(n) {
  const h = window.location.hash;
  if (h === '' || /^#story-\d$/.test(h)) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#story-${n}`);
  }
}

/** The navigation bar; go(n) shows step n. Returns {bar, update(n)} (update marks step n current). */
export function createNavBar(go, current) {
  const step = (cls, by, key) =>
    el('button', { type: 'button', class: cls, onclick: () => go(current() + by), i18n: key });
  const prev = step('story-prev', -1, 'story.prev');
  const next = step('story-next', 1, 'story.next');
  const dots = Array.from({ length: STEPS }, (_, k) => el('button', { type: 'button', onclick: () => go(k + 1),
    i18nAttrs: { title: TEXT[k + 1][0],
      'aria-label': msg('story.stepLabel', { n: k + 1, title: msg(TEXT[k + 1][0]) }) } },
  count(k + 1)));
  const list = el('ol', { class: 'story-dots', i18nAttrs: { 'aria-label': 'story.stepsLabel' } },
    dots.map((b) => el('li', {}, b)));
  const where = el('span', { class: 'story-where', 'aria-live': 'polite' }, '');
  const bar = el('nav', { class: 'story-nav', i18nAttrs: { 'aria-label': 'story.navLabel' } }, prev, list, next, where);
  function update(n) {
    dots.forEach((dot, k) => {
      if (k + 1 === n) dot.setAttribute('aria-current', 'step');
      else dot.removeAttribute('aria-current');
    });
    prev.disabled = n === 1;
    next.disabled = n === STEPS;
    setText(where, 'story.where', { n, total: STEPS });
  }
  return { bar, update };
}

/** Arrow keys in the story (not inside a form field) and hash changes to #story-N move the story. */
export function listenForSteps(section, go, current) {
  section.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (ev.target.closest('input, select, textarea')) return;  // arrows move sliders there
    ev.preventDefault();
    go(current() + (ev.key === 'ArrowRight' ? 1 : -1));
  });
  window.addEventListener('hashchange', () => {
    const n = /^#story-(\d)$/.test(window.location.hash) ? stepFromUrl() : null;
    if (n) {
      go(n, { updateUrl: false });
      section.scrollIntoView();
    }
  });
}

// The noise lesson's words and figures beside the number line: what was received and guessed, the
// plausible objects with their posterior, the tally of right answers, and for the chosen σ the exact
// right-answer rate, how many objects stay distinguishable, and 2^I. Numbers come from math.js.

import { el } from '../core/dom.js';
import { count, fixed, percent, percentBounded } from '../core/format.js';
import { t } from '../core/i18n.js';
import { GAP_IN_SIGMAS, accuracy, distinguishableGroups, effectiveCount } from './math.js';

function posteriorItem(e, guessId) {
  return el('li', { dataset: { name: e.name, p: String(e.p) }, class: e.id === guessId ? 'is-guess' : '' },
    el('span', { class: 'noise-post-name' }, e.name),
    el('span', { class: 'noise-bar-track' },
      el('span', { class: 'noise-bar', style: { width: `${(100 * e.p).toFixed(1)}%` } })),
    el('span', { class: 'noise-post-p' }, percentBounded(e.p)));
}

/** Every object at 1% or more (at most three), most probable first, then a line for the rest. */
function posteriorItems(last) {
  const sorted = [...last.posterior].sort((a, b) => b.p - a.p);
  const shown = sorted.filter((e) => e.p >= 0.01).slice(0, 3);
  const items = shown.map((e) => posteriorItem(e, last.guessId));
  const hidden = sorted.length - shown.length;
  if (hidden > 0) {
    const next = sorted[shown.length].p;
    items.push(el('li', { class: 'noise-post-more' }, next < 0.001
      ? t('noise.moreUnder', { n: count(hidden), p: percent(0.001, 1) })
      : t('noise.moreAtMost', { n: count(hidden), p: percentBounded(next) })));
  }
  return items;
}

/** The last send (or a prompt) and the tally. nodes: {received, posterior, tally}. */
export function renderSend(nodes, { last, sending, tally }) {
  if (!last) {
    nodes.received.textContent = t(sending ? 'noise.sending' : 'noise.prompt');
    delete nodes.received.dataset.received;
    nodes.posterior.replaceChildren();
  } else {
    nodes.received.dataset.received = String(last.received);
    nodes.received.textContent = t('noise.result', { sent: last.sent, received: fixed(last.received),
      guess: last.guess, verdict: t(last.right ? 'noise.right' : 'noise.wrong') });
    nodes.posterior.replaceChildren(...posteriorItems(last));
  }
  const { sends, right } = tally;
  nodes.tally.dataset.sends = String(sends);
  nodes.tally.dataset.right = String(right);
  nodes.tally.textContent = sends
    ? t('noise.tally', { right: count(right), sends: count(sends), p: percentBounded(right / sends) })
    : t('noise.tallyNone');
}

/** What σ does to these objects: exact rate, distinguishable groups, 2^I. nodes: {expected, distinct, effective}. */
export function renderChannel(nodes, positions, sigma) {
  const acc = accuracy(positions, sigma);
  const groups = distinguishableGroups(positions, sigma).length;
  const eff = effectiveCount(positions, sigma);
  nodes.expected.dataset.accuracy = String(acc);
  nodes.expected.textContent = t('noise.expected', { sigma: fixed(sigma, 2), p: percentBounded(acc) });
  nodes.distinct.dataset.count = String(groups);
  nodes.distinct.textContent = t('noise.distinct', { groups: count(groups), n: count(positions.length),
    gap: fixed(GAP_IN_SIGMAS * sigma, 2) });
  nodes.effective.dataset.effective = String(eff);
  nodes.effective.textContent = t('noise.effective', { eff: fixed(eff, 2), bits: fixed(Math.log2(eff), 2) });
}

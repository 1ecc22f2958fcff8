// The noise lesson's words and figures beside the number line: what was received and guessed, the
// plausible objects with their posterior, the tally of right answers, and for the chosen σ the exact
// right-answer rate, how many objects stay distinguishable, and 2^I. Numbers come from math.js.

import { el } from '../core/dom.js';
import { count, fixed, percentBounded } from '../core/format.js';
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
    items.push(el('li', { class: 'noise-post-more' },
      `${hidden} more, ${next < 0.001 ? 'each under 0.1%' : `each ≤ ${percentBounded(next)}`}`));
  }
  return items;
}

/** The last send (or a prompt) and the tally. nodes: {received, posterior, tally}. */
export function renderSend(nodes, { last, sending, tally }) {
  if (!last) {
    nodes.received.textContent = sending ? 'Sending…' : 'Press “Send once”: the receiver hears a number.';
    delete nodes.received.dataset.received;
    nodes.posterior.replaceChildren();
  } else {
    nodes.received.dataset.received = String(last.received);
    nodes.received.textContent = `Sent ${last.sent}, received ${fixed(last.received)}: ` +
      `guess ${last.guess} ${last.right ? '✓ right' : '✗ wrong'}`;
    nodes.posterior.replaceChildren(...posteriorItems(last));
  }
  const { sends, right } = tally;
  nodes.tally.dataset.sends = String(sends);
  nodes.tally.dataset.right = String(right);
  nodes.tally.textContent = sends
    ? `Named right: ${count(right)} of ${count(sends)} = ${percentBounded(right / sends)}`
    : 'Named right: nothing sent yet';
}

/** What σ does to these objects: exact rate, distinguishable groups, 2^I. nodes: {expected, distinct, effective}. */
export function renderChannel(nodes, positions, sigma) {
  const acc = accuracy(positions, sigma);
  const groups = distinguishableGroups(positions, sigma).length;
  const eff = effectiveCount(positions, sigma);
  nodes.expected.dataset.accuracy = String(acc);
  nodes.expected.textContent = `Exact rate at σ = ${sigma.toFixed(2)}: ${percentBounded(acc)}`;
  nodes.distinct.dataset.count = String(groups);
  nodes.distinct.textContent = `Distinguishable: ${groups} of ${positions.length} ` +
    `(closer than 4σ = ${(GAP_IN_SIGMAS * sigma).toFixed(2)} counts as one)`;
  nodes.effective.dataset.effective = String(eff);
  nodes.effective.textContent = `2^I = ${eff.toFixed(2)} objects get through ` +
    `(I = ${Math.log2(eff).toFixed(2)} bits: mutual information)`;
}

// The code of the person's digit as a table, one row per latent dimension: μ, σ and a bar from −3 to 3
// with the band μ ± σ and a tick at μ (a VAE), or just z (a plain autoencoder).

import { Z_RANGE } from '../core/constants.js';
import { el } from '../core/dom.js';
import { fixed } from '../core/format.js';
import { t } from '../core/i18n.js';

/** Where v sits on the bar, as a CSS percentage (clipped to ±Z_RANGE). */
const barPercent = (v) => `${((Math.min(Math.max(v, -Z_RANGE), Z_RANGE) + Z_RANGE) / (2 * Z_RANGE)) * 100}%`;

function codeBar(m, s) {
  return el('span', { class: 'upload-bar', 'aria-hidden': 'true' },
    el('span', { class: 'upload-bar-band',
      style: { left: barPercent(m - s), right: `calc(100% - ${barPercent(m + s)})` } }),
    el('span', { class: 'upload-bar-mu', style: { left: barPercent(m) } }));
}

function row(i, m, s) {
  return el('tr', {},
    el('th', { scope: 'row' }, `z${i + 1}`),
    el('td', { class: 'mono' }, fixed(m)),
    s === null ? null : [el('td', { class: 'mono' }, fixed(s, 2)), el('td', {}, codeBar(m, s))]);
}

/** Fill `table` with the code: mu (and sigma, or null for a plain autoencoder). */
export function renderCodeTable(table, mu, sigma) {
  const head = el('tr', {}, (sigma ? ['', 'μ', 'σ', ''] : ['', 'z']).map((h) => el('th', { scope: 'col' }, h)));
  const rows = Array.from(mu, (m, i) => row(i, m, sigma ? sigma[i] : null));
  const caption = el('caption', {}, t(sigma ? 'upload.code.caption' : 'upload.code.captionAe'));
  table.replaceChildren(caption, head, ...rows);
  table.setAttribute('aria-label', t(sigma ? 'upload.code.label' : 'upload.code.labelAe'));
}

// The shipped models side by side, from the manifest: size of code, test scores, and how often
// decoded random codes look like a digit (the figure that shows why a plain autoencoder cannot
// generate and a VAE can).

import { el } from '../core/dom.js';
import { count, fixed, fixedOr, megabytes, percent } from '../core/format.js';
import { msg, setText, t } from '../core/i18n.js';

function noteText(judged) {
  const accuracy = judged.samples.classifier_accuracy;
  const n = count(judged.samples.samples);
  return accuracy ? msg('latent.table.samplesAcc', { n, p: percent(accuracy) }) : msg('latent.table.samples', { n });
}

const nats = (v) => (v === undefined || v === null ? t('common.na') : t('units.nats', { v: fixed(v, 1) }));

function cells(m) {
  const test = m.test || {};
  const s = m.samples || {};
  return [
    m.title,
    t('latent.table.code', { dim: count(m.latent_dim),
      kind: t(m.kind === 'vae' ? 'latent.table.variational' : 'latent.table.deterministic') }),
    test.neg_elbo !== undefined ? nats(test.neg_elbo) : t('latent.table.noKl'),
    nats(test.reconstruction),
    fixedOr(s.digit_score, 1, t('common.na')),
    m.samples ? percent(s.confident) : t('common.notMeasured'),
    megabytes(m.bytes.decoder + m.bytes.encoder, 1),
  ];
}

/** Fill the table (and its note) from the manifest, in the page's language (call again after a switch). */
export function renderModelTable(table, manifest, note) {
  const judged = manifest.models.find((m) => m.samples);
  if (note && judged) setText(note, noteText(judged));
  const heads = Array.from(table.tHead.rows[0].cells, (c) => c.textContent);  // a phone shows them in each cell
  table.tBodies[0].replaceChildren(...manifest.models.map((m) => el('tr', { dataset: { model: m.name } },
    cells(m).map((text, i) => (i === 0 ? el('th', { scope: 'row' }, text)
      : el('td', { dataset: { label: heads[i] } }, text))))));
}

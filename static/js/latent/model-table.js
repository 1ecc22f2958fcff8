// The shipped models side by side, from the manifest: size of code, test scores, and how often
// decoded random codes look like a digit (the figure that shows why a plain autoencoder cannot
// generate and a VAE can).

import { el } from '../core/dom.js';
import { count, fixedOr, megabytes, percent } from '../core/format.js';

const NOTE = '“Digit score”: how many distinct digits the random codes give, out of 10 (10: every sample clearly ' +
  'one digit and all ten equally common; 1: all alike). “Clear”: the share the classifier names with ' +
  'at least 90% confidence, whatever the digit: a model whose samples are all clear zeros would score ' +
  '100% there and 1 on the digit score. Computed when each model was exported.';

function noteText(judged) {
  const accuracy = judged.samples.classifier_accuracy;
  return `${count(judged.samples.samples)} random codes per model, decoded and read by a separate digit ` +
    `classifier${accuracy ? ` (${percent(accuracy)} accurate on real test digits)` : ''}. ${NOTE}`;
}

function cells(m) {
  const t = m.test || {};
  const s = m.samples || {};
  return [
    m.title,
    `${m.latent_dim}-D, ${m.kind === 'vae' ? 'variational' : 'deterministic'}`,
    t.neg_elbo !== undefined ? `${fixedOr(t.neg_elbo, 1, 'n/a')} nats` : 'n/a (no KL)',
    `${fixedOr(t.reconstruction, 1, 'n/a')} nats`,
    fixedOr(s.digit_score, 1, 'n/a'),
    m.samples ? percent(s.confident) : 'not measured',
    megabytes(m.bytes.decoder + m.bytes.encoder, 1),
  ];
}

export function renderModelTable(table, manifest, note) {
  const judged = manifest.models.find((m) => m.samples);
  if (note && judged) note.textContent = noteText(judged);
  table.tBodies[0].replaceChildren(...manifest.models.map((m) => el('tr', { dataset: { model: m.name } },
    cells(m).map((text, i) => (i === 0 ? el('th', { scope: 'row' }, text) : el('td', {}, text))))));
}

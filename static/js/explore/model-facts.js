// The current model's facts beside the sliders, from its manifest entry: code size, architecture,
// test scores, training, download size, digit score of random codes.

import { el } from '../core/dom.js';
import { count, megabytes } from '../core/format.js';

function facts(entry) {
  const t = entry.test || {};
  const s = entry.samples || {};
  return [
    ['Code size', `${entry.latent_dim} numbers`],
    ['Architecture', `${entry.arch}, ${entry.kind === 'vae' ? 'variational' : 'plain autoencoder'}`],
    ['Test −ELBO', t.neg_elbo !== undefined ? `${t.neg_elbo.toFixed(1)} nats/image` : 'n/a (no KL term)'],
    ['Test reconstruction', t.reconstruction !== undefined ? `${t.reconstruction.toFixed(1)} nats/image` : '?'],
    ['Trained', `${entry.training.epochs} epochs on ${count(entry.training.train_images)} images`],
    ['Download', `decoder ${megabytes(entry.bytes.decoder)}, encoder ${megabytes(entry.bytes.encoder)}`],
    ['Digit score of random codes', s.digit_score !== undefined ? `${s.digit_score.toFixed(1)} of 10` : 'not measured'],
  ];
}

/** Show the facts of the current model in `list` (a <dl>) whenever the model changes. */
export function initModelFacts(list, state) {
  state.subscribe((what, s) => {
    if (what !== 'model') return;
    list.replaceChildren(...facts(s.model.entry).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  });
}

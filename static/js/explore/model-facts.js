// The current model's facts beside the sliders, from its manifest entry: code size, architecture,
// test scores, how an image's code is made, training, download size, digit score of random codes.

import { el } from '../core/dom.js';
import { count, fixed, megabytes } from '../core/format.js';
import { t } from '../core/i18n.js';

const natsPerImage = (v) => t('units.natsPerImage', { v: fixed(v, 1) });

/** How an image's code is made: the encoder's guess, refined by gradient steps when the export says so. */
function codesFact(entry) {
  const refine = entry.encoder_refinement;
  if (!refine) return t('facts.codesEncoder');
  const without = (entry.test_keras || {}).neg_elbo;
  return t('facts.codesRefined', { steps: count(refine.steps),
    without: without !== undefined ? natsPerImage(without) : '?' });
}

function facts(entry) {
  const test = entry.test || {};
  const s = entry.samples || {};
  return [
    [t('facts.codeSize'), t('facts.numbers', { n: count(entry.latent_dim) })],
    [t('facts.architecture'), t('facts.archKind', { arch: entry.arch,
      kind: t(entry.kind === 'vae' ? 'facts.kindVae' : 'facts.kindAe') })],
    [t('facts.negElbo'), test.neg_elbo !== undefined ? natsPerImage(test.neg_elbo) : t('facts.noKl')],
    [t('facts.reconstruction'), test.reconstruction !== undefined ? natsPerImage(test.reconstruction) : '?'],
    ...(entry.encoder ? [[t('facts.codes'), codesFact(entry)]] : []),
    [t('facts.trained'), t('facts.epochsOn', { epochs: count(entry.training.epochs),
      images: count(entry.training.train_images) })],
    [t('facts.download'), t('facts.sizes', { decoder: megabytes(entry.bytes.decoder),
      encoder: megabytes(entry.bytes.encoder) })],
    [t('facts.digitScore'), s.digit_score !== undefined ? t('facts.ofTen', { v: fixed(s.digit_score, 1) })
      : t('common.notMeasured')],
  ];
}

/** Show the facts of the current model in `list` (a <dl>) whenever the model or the language changes. */
export function initModelFacts(list, state) {
  state.subscribe((what, s) => {
    if ((what !== 'model' && what !== 'lang') || !s.model) return;
    list.replaceChildren(...facts(s.model.entry).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  });
}

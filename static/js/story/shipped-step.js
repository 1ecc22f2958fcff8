// Story steps 4 and 5: the shipped plain autoencoder and VAE (manifest "models", by the name the story
// entry gives), each decoding a random code z ~ N(0, I). Both steps show the same figures for both
// models, so the comparison is on one screen; a model not exported yet says so.

import { el } from '../core/dom.js';
import { gaussian } from '../core/random.js';
import { FORMATS, article, canvasFor, fmtCode, numberRow } from './parts.js';

const WHO = { 4: 'Autoencoder', 5: 'VAE' };

/** The three figures of both shipped models (null where a model or figure is missing). */
function comparison(n, shippedOf) {
  return [4, 5].flatMap((m) => {
    const s = shippedOf(m);
    const mark = m === n ? ' (this step)' : '';
    return [
      numberRow(`reconstruction-${m}`, `${WHO[m]}: test reconstruction error${mark}`,
        s && s.test ? s.test.reconstruction : null, FORMATS.nats),
      numberRow(`confident-${m}`, `${WHO[m]}: random codes read as a digit${mark}`,
        s && s.samples ? s.samples.confident : null, FORMATS.pct),
      numberRow(`digit-score-${m}`, `${WHO[m]}: digit score of random codes, of 10${mark}`,
        s && s.samples ? s.samples.digit_score : null, FORMATS.score),
    ];
  });
}

/**
 * n: 4 or 5; entry: the manifest's story step; shippedOf(m): the manifest model of step m or null;
 * request(): redraw the step.
 */
export function buildShippedStep(n, entry, { shippedOf, request }) {
  const shipped = shippedOf(n);
  const canvas = canvasFor(n, `A digit decoded from a random code by the ${n === 4 ? 'autoencoder' : 'VAE'}`);
  const dim = shipped ? shipped.latent_dim : 0;
  let z = new Float32Array(dim);
  const readout = el('p', { class: 'mono story-code' }, shipped ? `z = ${fmtCode(z)}` : '');
  const sample = el('button', { type: 'button', class: 'story-sample', disabled: !shipped, onclick: () => {
    z = Float32Array.from({ length: dim }, () => gaussian());
    readout.textContent = `z = ${fmtCode(z)} ~ N(0, I)`;
    request();
  } }, 'Sample a random code');
  const controls = [readout, el('div', { class: 'story-buttons' }, sample)];
  if (n === 5) {
    controls.push(el('p', {}, el('a', { href: '#noise', class: 'story-noise-link' },
      'Why sample with noise? The noise lesson →')));
  }
  const note = shipped ? `Model: ${shipped.title}.` : `Not shipped yet: the ${n === 4 ? 'autoencoder' : 'VAE'} ` +
    `“${entry.model_name}” is not in the model list. Train and export it, then reload.`;
  const a = article(n, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, ...controls)], { numbers: comparison(n, shippedOf), note });
  if (!shipped) canvas.classList.add('story-missing');
  return { ...a, canvas, code: () => Float32Array.from(z), enter() {} };
}

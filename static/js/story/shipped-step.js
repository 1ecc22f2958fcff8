// Story steps 4 and 5: the shipped plain autoencoder and VAE (manifest "models", by the name the story
// entry gives), each decoding a random code z ~ N(0, I). Both steps show the same figures for both
// models, so the comparison is on one screen; a model not exported yet says so.

import { el } from '../core/dom.js';
import { msg } from '../core/i18n.js';
import { gaussian } from '../core/random.js';
import { FORMATS, article, canvasFor, fmtCode, numberRow } from './parts.js';

/** Per step: who it is, and the words that name its model and its canvas. */
const WHO = {
  4: { who: 'story.who.ae', canvas: 'story.step4.canvas', missing: 'story.step4.missing' },
  5: { who: 'story.who.vae', canvas: 'story.step5.canvas', missing: 'story.step5.missing' },
};

/** A figure's label: "<who>: <what>", marked "(this step)" on the step's own model. */
const figureLabel = (m, n, what) =>
  msg(m === n ? 'story.figureThis' : 'story.figure', { who: msg(WHO[m].who), what: msg(what) });

/** The three figures of both shipped models (null where a model or figure is missing). */
function comparison(n, shippedOf) {
  return [4, 5].flatMap((m) => {
    const s = shippedOf(m);
    return [
      numberRow(`reconstruction-${m}`, figureLabel(m, n, 'story.fig.reconstruction'),
        s && s.test ? s.test.reconstruction : null, FORMATS.nats),
      numberRow(`confident-${m}`, figureLabel(m, n, 'story.fig.confident'),
        s && s.samples ? s.samples.confident : null, FORMATS.pct),
      numberRow(`digit-score-${m}`, figureLabel(m, n, 'story.fig.digitScore'),
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
  const canvas = canvasFor(n, WHO[n].canvas);
  const dim = shipped ? shipped.latent_dim : 0;
  let z = new Float32Array(dim);
  const readout = el('p', { class: 'mono story-code' }, shipped ? `z = ${fmtCode(z)}` : '');
  const sample = el('button', { type: 'button', class: 'story-sample', disabled: !shipped, onclick: () => {
    z = Float32Array.from({ length: dim }, () => gaussian());
    readout.textContent = `z = ${fmtCode(z)} ~ N(0, I)`;
    request();
  }, i18n: 'story.sample' });
  const controls = [readout, el('div', { class: 'story-buttons' }, sample)];
  if (n === 5) {
    controls.push(el('p', {}, el('a', { href: '#noise', class: 'story-noise-link', i18n: 'story.noiseLink' })));
  }
  const note = shipped ? msg('story.modelNote', { title: shipped.title })
    : msg(WHO[n].missing, { name: entry.model_name });
  const a = article(n, [el('figure', { class: 'story-figure' }, canvas),
    el('div', { class: 'story-controls' }, ...controls)], { numbers: comparison(n, shippedOf), note });
  if (!shipped) canvas.classList.add('story-missing');
  return { ...a, canvas, code: () => Float32Array.from(z), enter() {} };
}

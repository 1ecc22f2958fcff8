// Your digit through the compared models: the image the upload panel prepared (it puts it in the shared
// state's posterior; nothing is preprocessed again here) encoded by each model that has an encoder,
// decoded from μ and shown with its error, computed here from the image and the reconstruction: mean
// |Δ| per pixel and the binary cross-entropy summed over the pixels. A model without an encoder (the
// GAN) gets a sentence instead: there is no code for your digit. Encoders download on first use.

import { el } from '../core/dom.js';
import { encodeImage } from '../core/encode.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { fixed } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { bceNats, meanAbsError } from '../core/pixel-errors.js';
import { createProbe } from '../core/probes.js';
import { paintTiles } from '../core/tiles.js';
import { captionOf, digitFigure } from './figure.js';

/** One slot per model: a canvas and its error line, or (no encoder) the sentence saying it cannot. */
function slot(item) {
  if (!item.model.hasEncoder) {
    const figure = el('figure', { class: 'blur-figure', dataset: { role: item.role } },
      el('p', { class: 'blur-cannot', id: `blur-cannot-${item.role}`, i18n: 'blur.ganCannot' }),
      el('figcaption', { i18n: captionOf(item) }));
    return { item, figure };
  }
  const error = el('p', { class: 'blur-error mono', id: `blur-error-${item.role}` });
  const { figure, canvas } = digitFigure({ id: `blur-recon-${item.role}`, caption: captionOf(item),
    label: msg('blur.reconLabel', { who: msg(item.who) }), dataset: { role: item.role } }, error);
  return { item, figure, canvas, error };
}

/** nodes: {recon, hint}; trio: the loaded models; downloads: a progress line (core/progress.js). */
export function createReconstruction(nodes, state, trio, downloads, onError) {
  const stats = createProbe('blurRecon', { runs: 0, last: null });  // tests only
  const input = digitFigure({ id: 'blur-input', label: 'blur.inputLabel', caption: 'blur.inputCaption' });
  const slots = trio.map(slot);
  nodes.recon.append(input.figure, ...slots.map((s) => s.figure));
  const fetched = new Set();  // models whose encoder download was shown
  let image = null;           // the digit to show (Float32Array(784)), the newest one

  function encoderOf(item) {
    if (fetched.has(item)) return item.model.encoder();
    fetched.add(item);
    return downloads.track(msg('blur.downloadingEncoder', { who: msg(item.who) }),
      (onProgress) => item.model.encoder(onProgress));
  }

  async function reconstruct(s, shown) {
    const code = await encodeImage(s.item.model, await encoderOf(s.item), shown);
    if (shown !== image) return null;  // a newer digit came meanwhile: its own run follows
    paintTiles(s.canvas, code.recon);
    const mae = meanAbsError(shown, code.recon);
    const bce = bceNats(shown, code.recon);
    setText(s.error, 'blur.reconError', { mae: fixed(mae, 3), bce: msg('units.nats', { v: fixed(bce, 1) }) });
    return { role: s.item.role, mu: Array.from(code.mu), recon: Array.from(code.recon), mae, bce };
  }

  const scheduler = createFrameScheduler(async () => {
    const shown = image;
    if (!shown) return;
    paintTiles(input.canvas, shown);
    nodes.recon.hidden = false;
    nodes.hint.hidden = true;
    const results = await Promise.all(slots.filter((s) => s.canvas).map((s) => reconstruct(s, shown)));
    if (stats && shown === image) {
      stats.runs += 1;
      stats.last = { image: Array.from(shown), results };
    }
  }, onError);

  function take(posterior) {
    if (!posterior || !posterior.image) return;
    image = Float32Array.from(posterior.image);
    scheduler.request();
  }

  state.subscribe((what, s) => { if (what === 'posterior') take(s.posterior); });
  take(state.posterior);
  return { idle: scheduler.idle };
}

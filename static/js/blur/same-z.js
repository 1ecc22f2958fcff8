// The same code z through the three decoders, side by side: each canvas redraws when the sliders, the
// latent map or anything else changes the shared z, through its own frame scheduler (at most one
// decode per frame per view, never overlapping), and only while it is on screen (a change made
// elsewhere is drawn when the canvas comes back). The three have one code size; when the current
// model has another, the views say so and offer the comparison's VAE in one click (the state's
// requestModel).

import { createFrameScheduler, onScreenOnly } from '../core/frame-scheduler.js';
import { vector } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { createProbe } from '../core/probes.js';
import { captionOf, digitFigure } from './figure.js';

/** nodes: {trio, z, not2d, not2dText, switchButton}; trio: the loaded [{role, who, entry, model}]. */
export function createSameZ(nodes, state, trio, onError) {
  const stats = createProbe('blurSameZ', { draws: {}, lastZ: {} });  // tests only
  const dim = trio[0].model.latentDim;
  const vae = trio.find((t) => t.role === 'vae');
  const fits = () => Boolean(state.model) && state.model.latentDim === dim;

  const views = trio.map((item) => {
    const { figure, canvas } = digitFigure({ id: `blur-z-${item.role}`, caption: captionOf(item),
      label: msg('blur.zLabel', { who: msg(item.who) }), dataset: { role: item.role } });
    nodes.trio.append(figure);
    const scheduler = onScreenOnly(createFrameScheduler(async () => {
      if (!fits()) return;
      const z = Float32Array.from(state.z);
      await item.model.draw(z, canvas);
      if (stats) {
        stats.draws[item.role] = (stats.draws[item.role] || 0) + 1;
        stats.lastZ[item.role] = Array.from(z);
      }
    }, onError), canvas);
    return scheduler;
  });

  nodes.switchButton.addEventListener('click', () => state.requestModel(vae.entry.name).catch(() => {}));

  function update() {
    const ok = fits();
    nodes.trio.classList.toggle('blur-stale', !ok);
    nodes.not2d.hidden = ok || !state.model;
    if (!ok && state.model) {
      setText(nodes.not2dText, 'blur.not2d', { dim, title: state.model.entry.title, current: state.model.latentDim });
      setText(nodes.switchButton, 'blur.switch', { title: vae.entry.title });
    }
    nodes.z.textContent = ok ? `z = ${vector(state.z)}` : '';
    if (ok) views.forEach((v) => v.request());
  }

  state.subscribe((what) => { if (what === 'z' || what === 'model') update(); });
  update();
  return { idle: () => Promise.all(views.map((v) => v.idle())) };
}

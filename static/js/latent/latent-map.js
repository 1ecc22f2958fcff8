// The whole latent space on one canvas: the test set's codes coloured by digit (shipped with the
// model), the decoded manifold (manifold.js), and a marker at the current z. Clicking or dragging on
// the map moves z (the sliders follow); moving the sliders moves the marker: one state, two views.
// For models with more than two dimensions the user picks the two to map; the other dimensions keep
// their current values. Drawing and decoding both go through the frame scheduler. The codes file and
// the manifold wait until the panel comes near the screen (or the manifold is asked for).

import { legend } from '../core/digit-colours.js';
import { byIds } from '../core/dom.js';
import { count } from '../core/format.js';
import { msg, setText } from '../core/i18n.js';
import { loadLatentMap } from '../core/models.js';
import { NEAR, whenNear } from '../core/near.js';
import { createManifold } from './manifold.js';
import { createMapPainter } from './map-drawing.js';
import { rangeFor, unmappedTracker } from './map-geometry.js';
import { bindDimPickers, bindLayerSwitches, bindMapInput } from './map-input.js';

/** What the map shows, as a message: how many digits, the view, and what the model did with its codes. */
function noteFor(codes, entry, range) {
  if (!codes) return msg('latent.noMap');
  const where = { n: count(codes.count), range: count(range) };
  return msg('latent.note', { points: msg(entry.kind === 'vae' ? 'latent.note.pointsMu' : 'latent.note.points', where),
    why: msg(entry.kind === 'ae' ? 'latent.note.ae' : 'latent.note.kl') });
}

export function initLatentMap({ state, root, onError = () => {} }) {
  const n = byIds(root, {
    canvas: 'latent-canvas', showPoints: 'latent-show-points', showManifold: 'latent-show-manifold',
    legend: 'latent-legend', x: 'latent-x', y: 'latent-y', dims: 'latent-dims', note: 'latent-note' });
  const { canvas, showPoints, showManifold } = n;
  const view = { dims: [0, 1], range: 3 };
  let codes = null;
  let loadToken = 0;
  let active = false;  // true once the panel came near the screen: codes and manifold follow the model
  let loading = Promise.resolve();  // the codes file being read for the current model
  const others = unmappedTracker(view);  // the manifold depends on the numbers of z not mapped

  const painter = createMapPainter(canvas, view, () => ({ z: state.model ? state.z : null,
    manifold: showManifold.checked && manifold.ready ? manifold.image : null,
    codes: showPoints.checked ? codes : null }), onError);
  const manifold = createManifold(state, () => view, { onRendered: painter.request, onError });
  n.legend.replaceChildren(...legend());
  bindMapInput(canvas, state, () => view);
  const pickers = bindDimPickers(n.x, n.y, () => view.dims, (x, y) => setDims(x, y));

  function setDims(x, y) {
    view.dims = [x, y];
    pickers.show(x, y);
    others.moved(state.z);
    if (showManifold.checked) manifold.request();
    painter.request();
  }

  async function onModel(model) {
    const token = ++loadToken;
    codes = null;
    manifold.forget();
    view.range = 3;
    pickers.offer(model.latentDim);
    n.dims.hidden = model.latentDim <= 2;
    try {
      const loaded = await loadLatentMap(model.entry);
      if (token !== loadToken) return;
      codes = loaded;
      view.range = rangeFor(codes, model.entry.kind);
      setText(n.note, noteFor(codes, model.entry, view.range));
    } catch (e) {
      onError(e);
    }
    setDims(0, Math.min(1, model.latentDim - 1));
  }

  /** With more than two dimensions the manifold depends on the unmapped ones: re-render when they change. */
  function onZ(z) {
    painter.request();
    if (others.moved(z) && active && showManifold.checked) manifold.request();
  }

  bindLayerSwitches(showPoints, showManifold, painter, manifold);
  const follow = (model) => { loading = onModel(model); };
  const wake = whenNear(root, () => {
    active = true;
    if (state.model) follow(state.model);
  }, NEAR.below);
  state.subscribe((what, s) => {
    if (what === 'model' && active) follow(s.model);
    if (what === 'z') onZ(s.z);
  });

  return {
    /** Render the manifold now; resolves when done (with probes on, to the milliseconds it took). */
    renderManifold() {
      wake();
      return manifold.renderNow();
    },
    tile: manifold.tile,
    get dims() { return [...view.dims]; },
    get range() { return view.range; },
    get active() { return active; },
    get codes() { return codes; },
    async idle() {
      await loading;
      await manifold.idle();
      await painter.idle();
    },
    setDims,
  };
}

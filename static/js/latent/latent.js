// The whole latent space (the #latent panel): the map of the test set's codes over the decoded
// manifold (latent-map.js), the interpolation between two codes (interpolation.js), and the models
// compared from the manifest (model-table.js).

import { initInterpolation } from './interpolation.js';
import { initLatentMap } from './latent-map.js';
import { renderModelTable } from './model-table.js';

/**
 * The feature contract's mount: build the panel inside `root`; `manifest` (null if none could be
 * read) fills the models' table. Returns {map, interpolation, renderManifold(), idle()}.
 */
export function mount({ root, state, manifest, onError }) {
  const map = initLatentMap({ state, root, onError });
  const interpolation = initInterpolation({ state, root, onError });
  if (manifest) {
    const table = () => renderModelTable(root.querySelector('#model-compare'), manifest,
      root.querySelector('#model-compare-note'));
    setTimeout(table, 0);  // after the first digit's work, in a task of its own
    state.subscribe((what) => { if (what === 'lang') table(); });
  }
  return {
    map,
    interpolation,
    renderManifold: () => map.renderManifold(),
    idle: () => Promise.all([map.idle(), interpolation.idle()]),
  };
}

// Switching the current model: download the decoder (progress in the status line), warm it up, make it
// current, free the previous one. main.js installs this as the state's requestModel action; if a model
// cannot load, the previous one stays current and the error says why.
/* global tf */

import { percent } from './format.js';
import { msg } from './i18n.js';
import { LatentModel, ModelError, findModel } from './models.js';
import { clearError, hideStatus, showStatus } from './status.js';

/** Download `entry`'s decoder and make it the current model. */
export async function switchModel(state, entry) {
  showStatus(msg('status.downloadDecoder', { title: entry.title, percent: '' }), 0);
  const model = await LatentModel.load(entry, (f) => showStatus(msg('status.downloadDecoder',
    { title: entry.title, percent: ` ${percent(f, 0)}` }), f));
  // Warm up (compiles the WebGL shaders) so the first slider move is not the slow one.
  tf.tidy(() => model.decode(tf.zeros([1, model.latentDim])).dataSync());
  const previous = state.model;
  state.setModel(model);
  if (previous) previous.dispose();
  hideStatus();
}

/** The state's requestModel(name): switch to the manifest's model `name`; `fail` shows an error. */
export function modelSwitcher(state, manifest, fail) {
  return async (name) => {
    clearError();
    try {
      const entry = findModel(manifest, name);
      if (!entry) throw new ModelError('errors.noSuchModel', { name });
      await switchModel(state, entry);
    } catch (e) {
      fail(e);
      throw e;
    }
  };
}

// Switching the current model: download the decoder (progress in the status line), warm it up, make it
// current, free the previous one. main.js installs this as the state's requestModel action; if a model
// cannot load, the previous one stays current and the error says why.
/* global tf */

import { percent } from './format.js';
import { nextTask } from './frame-scheduler.js';
import { msg } from './i18n.js';
import { LatentModel, ModelError, findModel } from './models.js';
import { clearError, hideStatus, showStatus } from './status.js';

/** Download `entry`'s decoder (or, for a model offered beside the manifest, make it) and make it current. */
export async function switchModel(state, entry) {
  showStatus(msg('status.downloadDecoder', { title: entry.title, percent: '' }), 0);
  const model = entry.load ? await entry.load() : await LatentModel.load(entry, (f) => showStatus(
    msg('status.downloadDecoder', { title: entry.title, percent: ` ${percent(f, 0)}` }), f));
  // Warm up (compiles the WebGL shaders) so the first slider move is not the slow one; each step in a
  // task of its own, so the page stays responsive while a model arrives.
  await nextTask();
  tf.tidy(() => model.decode(tf.zeros([1, model.latentDim])).dataSync());
  await nextTask();
  const previous = state.model;
  state.setModel(model);
  if (previous) previous.dispose();
  hideStatus();
}

/** The state's requestModel(name): switch to the model `name` (the manifest's or one offered); `fail` says why not. */
export function modelSwitcher(state, manifest, fail) {
  return async (name) => {
    clearError();
    try {
      const entry = findModel(manifest, name) || state.offered.get(name);
      if (!entry) throw new ModelError('errors.noSuchModel', { name });
      await switchModel(state, entry);
    } catch (e) {
      fail(e);
      throw e;
    }
  };
}

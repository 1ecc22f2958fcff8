// Offer the model that serves people's own digits best: the manifest's "upload_default" (the model
// whose reconstructions of test photos keep their digit most often, bench/bench_upload.py), else the
// VAE with the most latent dimensions; a sentence and a button that asks the shared state for it
// (state.requestModel). Nothing is offered while that model is the current one.

import { setText } from '../core/i18n.js';

/** The manifest's model for uploads ("upload_default", else the widest VAE), unless it is `model`. */
export function uploadModel(manifest, model) {
  const models = (manifest.models || []).filter((m) => m.encoder);
  const named = models.find((m) => m.name === manifest.upload_default);
  const widest = models.filter((m) => m.kind === 'vae')
    .reduce((a, b) => (!a || b.latent_dim > a.latent_dim ? b : a), null);
  const best = named || widest;
  return best && best.name !== model.entry.name ? best : null;
}

/** nodes: {suggest, suggestText, suggestButton}. Returns update(model), to call with the model shown. */
export function createSuggestion({ suggest, suggestText, suggestButton }, manifest, state) {
  suggestButton.addEventListener('click', () => {
    const name = suggestButton.dataset.model;
    if (name) state.requestModel(name).catch(() => {});  // a failed switch is reported by whoever switches
  });
  return function update(model) {
    const better = uploadModel(manifest, model);
    suggest.hidden = !better;
    if (!better) return;
    setText(suggestText, better.latent_dim > model.latentDim ? 'upload.suggest.wider' : 'upload.suggest.better',
      { n: model.latentDim, title: better.title, m: better.latent_dim });
    setText(suggestButton, 'upload.suggest.use', { title: better.title });
    suggestButton.dataset.model = better.name;
  };
}

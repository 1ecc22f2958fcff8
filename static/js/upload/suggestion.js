// When the current model squeezes digits into fewer numbers than another VAE in the manifest, offer
// that one: a sentence and a button that asks the shared state for it (state.requestModel).

import { setText } from '../core/i18n.js';

/** The manifest's VAE with the most latent dimensions above `model`'s, or null. */
export function biggerModel(manifest, model) {
  const candidates = (manifest.models || []).filter((m) => m.latent_dim > model.latentDim && m.kind !== 'ae');
  if (!candidates.length) return null;
  return candidates.reduce((a, b) => (b.latent_dim > a.latent_dim ? b : a));
}

/** nodes: {suggest, suggestText, suggestButton}. Returns update(model), to call with the model shown. */
export function createSuggestion({ suggest, suggestText, suggestButton }, manifest, state) {
  suggestButton.addEventListener('click', () => {
    const name = suggestButton.dataset.model;
    if (name) state.requestModel(name).catch(() => {});  // a failed switch is reported by whoever switches
  });
  return function update(model) {
    const better = biggerModel(manifest, model);
    suggest.hidden = !better;
    if (!better) return;
    setText(suggestText, 'upload.suggest.wider', { n: model.latentDim, title: better.title, m: better.latent_dim });
    setText(suggestButton, 'upload.suggest.use', { title: better.title });
    suggestButton.dataset.model = better.name;
  };
}

// When the current model squeezes digits into fewer numbers than another VAE in the manifest, offer
// that one: a sentence and a button that asks the shared state for it (state.requestModel).

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
    suggestText.textContent = `This model squeezes every digit into ${model.latentDim} numbers, so it ` +
      `redraws a typical digit rather than yours. “${better.title}” keeps ${better.latent_dim} numbers ` +
      'and reconstructs your own digit more faithfully.';
    suggestButton.textContent = `Use “${better.title}”`;
    suggestButton.dataset.model = better.name;
  };
}

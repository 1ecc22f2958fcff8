// Who is compared in the Why blurry? section: the VAE (from the page's model list), the GAN and the
// VAE-GAN (from the second manifest the list points to), each with the catalog word that names it.
// All three must share one code size, so that one z drives them.

/** The three roles, in the order they are shown. */
export const ROLES = [
  { role: 'vae', who: 'blur.who.vae' },
  { role: 'gan', who: 'blur.who.gan' },
  { role: 'vaegan', who: 'blur.who.vaegan' },
];

/**
 * [{role, who, entry}] for the three roles, or null if the manifests lack one: the GAN and the VAE-GAN
 * are the second manifest's first models of those kinds, the VAE is the page's VAE with their code size
 * (its default model first).
 */
export function pickEntries(manifest, second) {
  const gan = second.models.find((m) => m.kind === 'gan');
  const vaegan = second.models.find((m) => m.kind === 'vaegan');
  if (!gan || !vaegan || gan.latent_dim !== vaegan.latent_dim) return null;
  const vaes = manifest.models.filter((m) => m.kind === 'vae' && m.latent_dim === gan.latent_dim);
  const vae = vaes.find((m) => m.name === manifest.default) || vaes[0];
  if (!vae) return null;
  const entries = { vae, gan, vaegan };
  return ROLES.map((r) => ({ ...r, entry: entries[r.role] }));
}

// The analysis of one input image with a model: the encoder's code (μ and σ for a VAE, one
// z for a plain autoencoder) and, for a VAE, the reconstruction decoded from μ. Every tensor is
// disposed; the results come back as plain Float32Arrays.
/* global tf */

import { IMAGE_SIZE } from './constants.js';

/** True for a VAE whose encoder gives [μ | log σ²]; false for a plain autoencoder (one code z). */
export function hasSigma(model) {
  return model.entry.kind !== 'ae' && model.entry.encoder_output === 'mu_logvar';
}

/** image: Float32Array(784) → {mu, sigma | null, recon | null}, with the loaded `encoder` of `model`. */
export async function encodeImage(model, encoder, image) {
  const vae = hasSigma(model);
  const tensors = tf.tidy(() => {
    const { mu, logvar } = model.encodeWith(encoder, tf.tensor4d(image, [1, IMAGE_SIZE, IMAGE_SIZE, 1]));
    return [mu, logvar ? tf.exp(tf.mul(logvar, 0.5)) : null, vae ? model.decode(mu) : null];
  });
  try {
    const [mu, sigma, recon] = await Promise.all(tensors.map((t) => (t ? t.data() : null)));
    return {
      mu: Float32Array.from(mu), sigma: sigma && Float32Array.from(sigma), recon: recon && Float32Array.from(recon),
    };
  } finally {
    tensors.forEach((t) => t && t.dispose());
  }
}

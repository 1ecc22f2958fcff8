// The in-page trainer's model: a VAE with a 2-D code made of fully connected layers, which every
// TensorFlow.js backend can train (WASM has no gradient for convolution filters). Its weights are plain
// tf.variables, trained with tf.variableGrads and Adam (worker.js); the same layers as Keras's
// `--arch mlp256` (train/models.py), kernels stored (inputs, outputs) as Keras stores them.
//
//   encoder           x (784) → h = relu(x·W₁ + b₁) (256) → μ = h·W_μ + b_μ,  log σ² = h·W_v + b_v   (2 each)
//   reparameterization  z = μ + exp(½ log σ²) · ε,  ε ~ N(0, I)
//   decoder           z (2) → g = relu(z·W₂ + b₂) (256) → logits ℓ = g·W₃ + b₃ (784);  image = sigmoid(ℓ)
//   reconstruction    Σ over the 784 pixels of BCE(x, sigmoid(ℓ)) = Σ max(ℓ, 0) − ℓ·x + log(1 + e^−|ℓ|)
//   KL                ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1)
//   loss              mean over the batch of reconstruction + β·KL, in nats per image
//                     (β = 1: the negative ELBO; β = 0: a plain autoencoder's loss, the codes left free)
/* global tf */

export const LATENT_DIM = 2;
export const HIDDEN = 256;
export const PIXELS = 784;

/** The weights, in Keras's order (encoder: hidden, mu, logvar; decoder: hidden, logits): [name, shape]. */
export const WEIGHTS = [
  ['encoder.hidden.kernel', [PIXELS, HIDDEN]], ['encoder.hidden.bias', [HIDDEN]],
  ['encoder.mu.kernel', [HIDDEN, LATENT_DIM]], ['encoder.mu.bias', [LATENT_DIM]],
  ['encoder.logvar.kernel', [HIDDEN, LATENT_DIM]], ['encoder.logvar.bias', [LATENT_DIM]],
  ['decoder.hidden.kernel', [LATENT_DIM, HIDDEN]], ['decoder.hidden.bias', [HIDDEN]],
  ['decoder.logits.kernel', [HIDDEN, PIXELS]], ['decoder.logits.bias', [PIXELS]],
];

/** Fresh weights as Keras makes them: Glorot-uniform kernels (U(±√(6 / (in + out)))), zero biases. */
export function initialWeights(seed) {
  return Object.fromEntries(WEIGHTS.map(([name, shape], k) => {
    if (shape.length === 1) return [name, tf.variable(tf.zeros(shape))];
    const limit = Math.sqrt(6 / (shape[0] + shape[1]));
    return [name, tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed + k))];
  }));
}

/** Variables holding `values` ({name: Float32Array}, as weightValues gives them). */
export function weightsFrom(values) {
  return Object.fromEntries(WEIGHTS.map(([name, shape]) => {
    if (!values[name] || values[name].length !== shape.reduce((a, b) => a * b, 1)) {
      throw new Error(`the weights have no ${name} of shape [${shape}]`);
    }
    return [name, tf.variable(tf.tensor(values[name], shape))];
  }));
}

/**
 * The variables' values, {name: Float32Array}, read from the backend: copies of their own, free to be
 * transferred to the page (the CPU backend's data() is the tensor's storage itself).
 */
export async function weightValues(w) {
  const values = await Promise.all(WEIGHTS.map(([name]) => w[name].data()));
  return Object.fromEntries(WEIGHTS.map(([name], k) => [name, values[k].slice()]));
}

export function disposeWeights(w) {
  if (w) Object.values(w).forEach((v) => v.dispose());
}

const dense = (w, layer, x) => tf.add(tf.matMul(x, w[`${layer}.kernel`]), w[`${layer}.bias`]);

/** x (N, 784) in [0, 1] → {mu, logvar}, each (N, 2). */
export function encode(w, x) {
  const h = tf.relu(dense(w, 'encoder.hidden', x));
  return { mu: dense(w, 'encoder.mu', h), logvar: dense(w, 'encoder.logvar', h) };
}

/** z (N, 2) → logits (N, 784). */
export function decodeLogits(w, z) {
  return dense(w, 'decoder.logits', tf.relu(dense(w, 'decoder.hidden', z)));
}

/** z (N, 2) → pixel values (N, 784) in [0, 1]. */
export function decode(w, z) {
  return tf.sigmoid(decodeLogits(w, z));
}

/** Binary cross-entropy from logits, summed over each image's pixels: (N,) nats. */
export function pixelBce(logits, x) {
  const stable = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return tf.sum(stable, 1);
}

/** KL(N(μ, σ²) ‖ N(0, I)) per image: (N,) nats. */
export function klPerImage(mu, logvar) {
  return tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 1));
}

/**
 * The batch's figures (scalars, nats per image): {reconstruction, kl, loss = reconstruction + β·KL}.
 * `eps` (N, 2) is the draw ε; without it, a new one. Synchronous: call inside tf.tidy / variableGrads.
 */
export function losses(w, x, beta, eps = null) {
  const { mu, logvar } = encode(w, x);
  const noise = eps || tf.randomNormal(mu.shape);
  const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), noise));
  const reconstruction = tf.mean(pixelBce(decodeLogits(w, z), x));
  const kl = tf.mean(klPerImage(mu, logvar));
  return { reconstruction, kl, loss: tf.add(reconstruction, tf.mul(beta, kl)) };
}

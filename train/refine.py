"""Semi-amortized inference: the encoder's guess, then a few gradient steps on the ELBO.

An encoder is *amortized* inference: one network guesses q(z|x) = N(μ, σ²) for any image in one
pass. Its guess is not the best Gaussian for that image, and at 2-D the gap is large on images it
has not trained on: (μ, log σ²) optimised per test image, with the same decoder, score several nats
per image better than the encoder's codes (docs/models.md has the measurements,
`bench/amortization_gap.py` makes them). Refining the guess with the decoder it was trained for
closes most of that gap (Kim et al. 2018, "Semi-Amortized Variational Autoencoders"; Cremer et al.
2018, "Inference Suboptimality in VAEs").

Each step k uses its own S draws ε_k,1…ε_k,S ~ N(0, I), fixed when the encoder is built (the same
for every image, so the refined code is a deterministic function of x). Step k's objective is the
−ELBO estimate

    L_k(μ, log σ²) = (1/S) Σ_s BCE(x, decoder(μ + σ·ε_k,s)) + ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1)

and the step moves the code downhill on it:

    μ      ← μ − a · σ² · ∂L_k/∂μ          (σ²: a precise code takes small steps, a vague one larger)
    log σ² ← min(log σ² − a · ∂L_k/∂log σ², 2)    (the cap keeps a step from overshooting on odd input)

with ∂L_k/∂μ = (1/S) Σ_s g_s + μ and ∂L_k/∂log σ² = (1/S) Σ_s g_s·ε_k,s·σ/2 + ½(σ² − 1), where
g_s = ∂BCE/∂z at z = μ + σ·ε_k,s. That gradient through the decoder is written out here with plain
forward operations (matrix products, convolutions with flipped kernels, pooling for the
upsampling, a mask for ReLU), not with automatic differentiation: the refined encoder is exported
to TF.js as one graph model, and TF.js runs forward operations only. `decoder_gradient` is tested
against TensorFlow's own gradient.

New draws at every step make this stochastic gradient descent on the −ELBO itself. With the same
few draws at every step the code fits those draws instead (at 16-D, 50 such steps scored worse than
20). The draws come in antithetic pairs (ε, −ε): the pair's noise in ∂L/∂μ cancels to first order.

Training is unchanged (the encoder learns amortized); the refinement is part of the exported
encoder (`python -m train.export --refine-steps K`), so the page's uploads and the scores re-computed
from the shipped files both use it. It supports decoders made of Dense, Reshape, nearest
UpSampling2D and stride-1 "same" Conv2D layers with ReLU or no activation (the `conv`, `wide` and `mlp`
architectures); anything else is refused with the layer's name.
"""

import numpy as np

LOGVAR_CAP = 2.0  # log σ² ≤ 2 (σ ≤ 2.7) after each step


class RefineError(ValueError):
    """The decoder has a layer the hand-written gradient does not cover; the message names it."""


def decoder_layers(decoder_logits):
    """The decoder's layers in order (an input layer, then a chain), each checked to be supported."""
    import keras
    from keras import layers

    chain = [layer for layer in decoder_logits.layers if not isinstance(layer, keras.layers.InputLayer)]
    for layer in chain:
        kind = type(layer).__name__
        activation = getattr(getattr(layer, "activation", None), "__name__", "linear")
        ok = isinstance(layer, (layers.Dense, layers.Reshape, layers.UpSampling2D, layers.Conv2D))
        if isinstance(layer, layers.Conv2D):
            ok = (
                ok
                and type(layer) is layers.Conv2D
                and tuple(layer.strides) == (1, 1)
                and layer.padding == "same"
                and tuple(layer.dilation_rate) == (1, 1)
                and all(k % 2 == 1 for k in layer.kernel_size)
                and layer.data_format == "channels_last"
            )
        if isinstance(layer, layers.UpSampling2D):
            ok = ok and layer.interpolation == "nearest" and layer.data_format == "channels_last"
        if not ok or activation not in ("relu", "linear"):
            raise RefineError(
                f"cannot refine codes through the decoder layer {layer.name!r} ({kind}, activation "
                f"{activation}): only Dense, Reshape, nearest UpSampling2D and stride-1 'same' Conv2D "
                f"layers with ReLU or no activation are supported"
            )
    return chain


def _upsample(h, size):
    from keras import ops

    return ops.image.resize(h, (h.shape[1] * size[0], h.shape[2] * size[1]), interpolation="nearest")


def read_weights(chain):
    """Each layer's (kernel, bias, backward kernel) as tensors, None for layers without weights.

    Read once and reused by every step: each read of a variable becomes its own constant in the
    exported graph. A convolution's backward kernel is its kernel flipped in space with the in/out
    channels swapped (a plain convolution with it is the transposed convolution, which TF.js's WASM
    backend runs several times slower); a Dense layer needs none (see decoder_gradient)."""
    from keras import layers, ops

    weights = []
    for layer in chain:
        if not hasattr(layer, "kernel"):
            weights.append(None)
            continue
        kernel = ops.copy(layer.kernel)
        back = ops.transpose(ops.flip(kernel, axis=(0, 1)), (0, 1, 3, 2)) if isinstance(layer, layers.Conv2D) else None
        weights.append((kernel, ops.copy(layer.bias), back))
    return weights


def decoder_gradient(chain, z, x, weights=None):
    """∂/∂z of the Σ-pixel BCE between images x (N, 28, 28, 1) and decoder(z) (logits), for codes z (N, D).

    Forward through the chain keeping each layer's input and pre-activation, then back:
    ∂BCE/∂logits = sigmoid(logits) − x; ReLU passes the gradient where its input was > 0; Dense
    multiplies by Wᵀ; a stride-1 "same" convolution's transpose is the convolution with the kernel
    flipped in space and its in/out channels swapped; nearest upsampling's transpose sums each block."""
    from keras import layers, ops

    weights = weights or read_weights(chain)
    saved, h = [], z
    for layer, w in zip(chain, weights):
        if isinstance(layer, layers.Dense):
            pre = ops.matmul(h, w[0]) + w[1]
        elif isinstance(layer, layers.Conv2D):
            pre = ops.conv(h, w[0], strides=1, padding="same") + w[1]
        elif isinstance(layer, layers.Reshape):
            pre = ops.reshape(h, (-1, *layer.target_shape))
        else:
            pre = _upsample(h, layer.size)
        saved.append((layer, w, h, pre))
        h = ops.relu(pre) if getattr(getattr(layer, "activation", None), "__name__", "") == "relu" else pre
    g = ops.sigmoid(ops.reshape(h, ops.shape(x))) - x
    for layer, w, inp, pre in reversed(saved):
        g = ops.reshape(g, ops.shape(pre))
        if getattr(getattr(layer, "activation", None), "__name__", "") == "relu":
            g = g * ops.cast(pre > 0, g.dtype)
        if isinstance(layer, layers.Dense):  # g·Wᵀ as (W·gᵀ)ᵀ: the weights are used as stored, not copied
            g = ops.transpose(ops.matmul(w[0], ops.transpose(g)))
        elif isinstance(layer, layers.Conv2D):
            g = ops.conv(g, w[2], strides=1, padding="same")
        elif isinstance(layer, layers.UpSampling2D):
            area = layer.size[0] * layer.size[1]
            g = ops.average_pool(g, tuple(layer.size), strides=tuple(layer.size), padding="valid") * area
        g = ops.reshape(g, ops.shape(inp))
    return g


def refinement_draws(steps, samples, latent_dim, seed=0):
    """The fixed draws ε, (steps, samples, latent_dim): new ones at every step, in antithetic pairs
    (draw s + ⌊S/2⌋ is −draw s; with an odd S the last draw has no partner)."""
    eps = np.random.default_rng(seed).standard_normal((steps, samples, latent_dim)).astype(np.float32)
    half = samples // 2
    eps[:, half : 2 * half] = -eps[:, :half]
    return eps


def refine_codes(chain, x, mu, logvar, eps, step_size):
    """(μ, log σ²) after one step of the update in the module docstring per row of eps: (K, S, D)."""
    from keras import ops

    samples = eps.shape[1]
    n = ops.shape(x)[0]
    xs = ops.concatenate([x] * samples, axis=0)  # (S·N, 28, 28, 1): sample s of image i at row s·N + i
    weights = read_weights(chain)
    for step_eps in eps:
        step_eps = ops.convert_to_tensor(step_eps, "float32")
        sigma = ops.exp(0.5 * logvar)
        z = ops.concatenate([mu + sigma * step_eps[s] for s in range(samples)], axis=0)
        g = ops.reshape(decoder_gradient(chain, z, xs, weights), (samples, n, -1))  # g_s for every image
        grad_mu = ops.mean(g, axis=0) + mu
        grad_logvar = ops.mean(g * step_eps[:, None, :], axis=0) * sigma * 0.5 + 0.5 * (ops.exp(logvar) - 1.0)
        mu = mu - step_size * ops.exp(logvar) * grad_mu
        logvar = ops.minimum(logvar - step_size * grad_logvar, LOGVAR_CAP)
    return mu, logvar


def refined_encoder(encoder, decoder_logits, steps, step_size, samples=4, seed=0):
    """A Keras model image → [μ, log σ²]: `encoder`'s guess refined by `steps` steps through
    `decoder_logits`, each with its own `samples` fixed draws ε (`refinement_draws`, from `seed`)."""
    import keras

    chain = decoder_layers(decoder_logits)
    eps = refinement_draws(steps, samples, decoder_logits.input_shape[-1], seed)

    class RefineCode(keras.layers.Layer):
        """[image, μ, log σ²] → refined [μ, log σ²] (export only; it is not saved in checkpoints)."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.decoder_logits = decoder_logits  # tracked: its weights are this layer's too

        def call(self, inputs):
            x, mu, logvar = inputs
            return refine_codes(chain, x, mu, logvar, eps, step_size)

        def compute_output_shape(self, input_shape):
            return input_shape[1], input_shape[2]

    image = keras.Input(encoder.input_shape[1:], name="image")
    mu, logvar = encoder(image)
    mu, logvar = RefineCode(name="refine")([image, mu, logvar])
    return keras.Model(image, [mu, logvar], name="encoder")


def check_settings(steps, step_size, samples):
    """One-line errors for refinement settings no refinement can use."""
    if steps < 0:
        raise RefineError(f"--refine-steps must be 0 (no refinement) or more, not {steps}")
    if not (np.isfinite(step_size) and step_size > 0):
        raise RefineError(f"--refine-step-size must be a positive number, not {step_size}")
    if samples < 1:
        raise RefineError(f"--refine-samples must be at least 1, not {samples}")

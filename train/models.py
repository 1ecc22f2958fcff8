"""Encoders, decoders and the trainable models built from them.

Shapes: images are (N, 28, 28, 1) floats in [0, 1]; codes are (N, latent_dim).

    encoder          image → [μ, log σ²]          (kind "vae")      image → z  (kind "ae")
    decoder_logits   z → per-pixel logits          (what training uses: BCE on logits is stable)
    decoder          z → sigmoid(logits) in [0, 1] (what is exported and drawn)

The VAE training model chains encoder → KLDivergence → Sampling → decoder_logits and is compiled
with the reconstruction loss: binary cross-entropy summed over the 784 pixels (nats per image).
KLDivergence adds β·KL to the model's losses, so the optimiser minimises reconstruction + β·KL,
i.e. the negative ELBO when β = 1. The plain autoencoder (kind "ae") has the same layers but
a deterministic code and no KL term.

Architectures:
    conv  (default) in the spirit of the keras-io VAE example, wider: two stride-2 convolutions
          (32, 64 filters) and a 256-unit dense layer; the decoder mirrors it with transposed
          convolutions.
    mlp   784 → 512 → 256 → latent, mirrored.
"""

import keras
from keras import layers, ops

from train import ARCHITECTURES, KINDS
from train.layers import KLDivergence, Sampling
IMAGE_SHAPE = (28, 28, 1)


@keras.saving.register_keras_serializable(package="vae")
def pixel_bce_sum(y_true, logits):
    """Binary cross-entropy summed over all pixels: nats per image (targets in [0, 1])."""
    bce = ops.binary_crossentropy(y_true, logits, from_logits=True)
    return ops.sum(ops.reshape(bce, (ops.shape(bce)[0], -1)), axis=-1)


def build_encoder(latent_dim, arch="conv", kind="vae"):
    x_in = keras.Input(IMAGE_SHAPE, name="image")
    if arch == "conv":
        h = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(x_in)
        h = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(h)
        h = layers.Flatten()(h)
        h = layers.Dense(256, activation="relu")(h)
    elif arch == "mlp":
        h = layers.Flatten()(x_in)
        h = layers.Dense(512, activation="relu")(h)
        h = layers.Dense(256, activation="relu")(h)
    else:
        raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")
    if kind == "ae":
        z = layers.Dense(latent_dim, name="z")(h)
        return keras.Model(x_in, z, name="encoder")
    mu = layers.Dense(latent_dim, name="mu")(h)
    logvar = layers.Dense(latent_dim, name="logvar")(h)
    return keras.Model(x_in, [mu, logvar], name="encoder")


def build_decoder_logits(latent_dim, arch="conv"):
    z_in = keras.Input((latent_dim,), name="z")
    if arch == "conv":
        h = layers.Dense(256, activation="relu")(z_in)
        h = layers.Dense(7 * 7 * 64, activation="relu")(h)
        h = layers.Reshape((7, 7, 64))(h)
        h = layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu")(h)
        h = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(h)
        logits = layers.Conv2DTranspose(1, 3, padding="same", name="logits")(h)
    elif arch == "mlp":
        h = layers.Dense(256, activation="relu")(z_in)
        h = layers.Dense(512, activation="relu")(h)
        h = layers.Dense(28 * 28, name="logits_flat")(h)
        logits = layers.Reshape(IMAGE_SHAPE, name="logits")(h)
    else:
        raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")
    return keras.Model(z_in, logits, name="decoder_logits")


def build_model(latent_dim=2, arch="conv", kind="vae", beta=1.0, seed=None):
    """The trainable model (image → reconstruction logits), uncompiled."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    encoder = build_encoder(latent_dim, arch, kind)
    decoder_logits = build_decoder_logits(latent_dim, arch)
    x_in = keras.Input(IMAGE_SHAPE, name="image")
    if kind == "vae":
        mu, logvar = encoder(x_in)
        mu, logvar = KLDivergence(beta, name="kl_divergence")([mu, logvar])
        z = Sampling(seed=seed, name="sampling")([mu, logvar])
    else:
        z = encoder(x_in)
    logits = decoder_logits(z)
    return keras.Model(x_in, logits, name=kind)


def compile_model(model, optimizer):
    model.compile(
        optimizer=optimizer,
        loss=pixel_bce_sum,
        metrics=[keras.metrics.MeanMetricWrapper(pixel_bce_sum, name="reconstruction")],
    )
    return model


def parts(model):
    """(encoder, decoder_logits) sub-models of a model made by build_model (or loaded from disk)."""
    return model.get_layer("encoder"), model.get_layer("decoder_logits")


def decoder_from(decoder_logits):
    """The drawable decoder: z → pixel probabilities in [0, 1]."""
    z_in = keras.Input(decoder_logits.input_shape[1:], name="z")
    image = layers.Activation("sigmoid", name="image")(decoder_logits(z_in))
    return keras.Model(z_in, image, name="decoder")

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
    conv     (default) lean: the decoder is where the page spends its time and its download, so it
             is small and fast; the encoder runs once per uploaded digit, so it may be stronger.
             encoder  three stride-2 convolutions (32, 64, 128 filters) → dense 256
             decoder  dense 128 → dense 7·7·32 → [×2 nearest upsampling → 3×3 conv] twice
                      (32, 16 filters) → 3×3 conv to logits.  ~0.2 M weights.
             Upsampling + convolution instead of transposed convolutions: the same receptive
             field without the checkerboard pattern of strided transposed convolutions, and
             TF.js's WASM backend runs plain convolutions much faster than transposed ones.
    wide     the same encoder and a wider decoder, for the 16-D model, whose −ELBO target the
             lean decoder does not reach (docs/models.md): dense 256 → dense 7·7·64 → 3×3 conv 64 at 7×7
             → [×2 nearest upsampling → 3×3 conv] twice (48, 16 filters) → 3×3 conv to logits.
             0.88 M decoder weights, 2.4× the multiply-adds of conv's (13.6 M against 5.7 M).
    kerasio  the keras-io VAE example's layers (a benchmark baseline): two stride-2 convolutions
             (32, 64) → dense 16; decoder dense 7·7·64 → transposed convolutions 64, 32 → 1.
    mlp      784 → 512 → latent, mirrored (the classic MLP VAE; a benchmark baseline).
    mlp256   the page's trainer's model, static/js/train/ (small enough to train in a browser tab):
             encoder  flatten 784 → dense 256 relu → dense μ, dense log σ² (latent each)
             decoder  dense 256 relu → dense 784 logits → reshape 28×28×1.
             The JS side builds exactly these layers, so the Keras β models trained with it are
             the in-page model trained to convergence.
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


def _encoder_features(x_in, arch):
    if arch in ("conv", "wide"):
        h = x_in
        for filters in (32, 64, 128):
            h = layers.Conv2D(filters, 3, strides=2, padding="same", activation="relu")(h)
        return layers.Dense(256, activation="relu")(layers.Flatten()(h))
    if arch == "kerasio":
        h = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(x_in)
        h = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(h)
        return layers.Dense(16, activation="relu")(layers.Flatten()(h))
    if arch == "mlp":
        return layers.Dense(512, activation="relu")(layers.Flatten()(x_in))
    if arch == "mlp256":
        return layers.Dense(256, activation="relu")(layers.Flatten()(x_in))
    raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")


def build_encoder(latent_dim, arch="conv", kind="vae"):
    x_in = keras.Input(IMAGE_SHAPE, name="image")
    h = _encoder_features(x_in, arch)
    if kind == "ae":
        z = layers.Dense(latent_dim, name="z")(h)
        return keras.Model(x_in, z, name="encoder")
    mu = layers.Dense(latent_dim, name="mu")(h)
    logvar = layers.Dense(latent_dim, name="logvar")(h)
    return keras.Model(x_in, [mu, logvar], name="encoder")


def _resize_conv_decoder(z_in, dense, channels, at_7x7, upsampled):
    """dense → dense 7·7·channels → 3×3 convs at 7×7 → [×2 nearest upsampling → 3×3 conv] per
    entry of `upsampled` → 3×3 conv to logits (the `conv` and `wide` decoders)."""
    h = layers.Dense(dense, activation="relu")(z_in)
    h = layers.Dense(7 * 7 * channels, activation="relu")(h)
    h = layers.Reshape((7, 7, channels))(h)
    for filters in at_7x7:
        h = layers.Conv2D(filters, 3, padding="same", activation="relu")(h)
    for filters in upsampled:
        h = layers.UpSampling2D(2, interpolation="nearest")(h)
        h = layers.Conv2D(filters, 3, padding="same", activation="relu")(h)
    return layers.Conv2D(1, 3, padding="same", name="logits")(h)


def _decoder_logits(z_in, arch):
    if arch == "conv":
        return _resize_conv_decoder(z_in, dense=128, channels=32, at_7x7=(), upsampled=(32, 16))
    if arch == "wide":
        return _resize_conv_decoder(z_in, dense=256, channels=64, at_7x7=(64,), upsampled=(48, 16))
    if arch == "kerasio":
        h = layers.Dense(7 * 7 * 64, activation="relu")(z_in)
        h = layers.Reshape((7, 7, 64))(h)
        h = layers.Conv2DTranspose(64, 3, strides=2, padding="same", activation="relu")(h)
        h = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(h)
        return layers.Conv2DTranspose(1, 3, padding="same", name="logits")(h)
    if arch in ("mlp", "mlp256"):
        h = layers.Dense(512 if arch == "mlp" else 256, activation="relu")(z_in)
        h = layers.Dense(28 * 28, name="logits_flat")(h)
        return layers.Reshape(IMAGE_SHAPE, name="logits")(h)
    raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")


def build_decoder_logits(latent_dim, arch="conv"):
    z_in = keras.Input((latent_dim,), name="z")
    return keras.Model(z_in, _decoder_logits(z_in, arch), name="decoder_logits")


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

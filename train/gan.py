"""GAN: a generator z → image trained against a discriminator, with no encoder.

    generator        z → per-pixel logits (`build_generator`): the VAE's lean "conv" decoder
                     layout with batch normalisation after each hidden layer, the DCGAN recipe:
                     without it (the VAE's decoder as it is) the GAN collapses to a few broken shapes
                     at 2-D and to one at 16-D (docs/why-blurry.md). It is named decoder_logits like
                     a VAE's, and `decoder_from` turns it into the drawable z → image in [0, 1],
                     exported and drawn exactly like a VAE decoder (batch normalisation uses its
                     moving averages there, a fixed scale and shift).
    discriminator    image → [logit of "real", features]: two stride-2 convolutions with leaky
                     ReLU (DCGAN-style), then one logit. The features (the second convolution's
                     output, 7 × 7 × 64) are what the VAE-GAN (train/vaegan.py) measures
                     reconstructions in.

Training (`GAN.phases`, as in the keras-io DCGAN example, alternating updates; train/adversarial_step.py
runs them on TensorFlow or JAX):
    discriminator    minimises  BCE(D(x), 1) + BCE(D(G(z)), 0)            (real vs generated)
    generator        minimises  BCE(D(G(z)), 1) = −log D(G(z))             (non-saturating loss)
with z ~ N(0, I) drawn afresh for each update, the generator's update against the discriminator
just updated, and each network its own Adam optimiser (lr 2e-4, β₁ = 0.5, the DCGAN settings).
The logs: d_loss, g_loss, d_accuracy (the discriminator's share right on the real + generated
batch, 0.5 = guessing), and "loss" = d_loss + g_loss, only so that Keras' NaN stop has one number
to watch.
"""

import keras
from keras import layers, ops

from train.adversarial_step import images_of, jax_test_step, jax_train_step, tensorflow_train_step
from train.models import IMAGE_SHAPE

FEATURES = "features"  # the discriminator layer whose output the VAE-GAN compares images in


def build_generator(latent_dim, arch="conv"):
    """z → pixel logits (N, 28, 28, 1): dense 128 → dense 7·7·32 → [×2 upsampling → 3×3 conv]
    twice (32, 16 filters) → 3×3 conv, each hidden layer batch-normalised before its ReLU."""
    if arch != "conv":
        raise ValueError(f"the GAN's generator has one architecture, conv, not {arch!r}")
    z_in = keras.Input((latent_dim,), name="z")

    def normalised_relu(h):
        return layers.ReLU()(layers.BatchNormalization()(h))

    h = normalised_relu(layers.Dense(128, use_bias=False)(z_in))
    h = normalised_relu(layers.Dense(7 * 7 * 32, use_bias=False)(h))
    h = layers.Reshape((7, 7, 32))(h)
    for filters in (32, 16):
        h = layers.UpSampling2D(2, interpolation="nearest")(h)
        h = normalised_relu(layers.Conv2D(filters, 3, padding="same", use_bias=False)(h))
    logits = layers.Conv2D(1, 3, padding="same", name="logits")(h)
    return keras.Model(z_in, logits, name="decoder_logits")


def build_discriminator():
    """image (N, 28, 28, 1) in [0, 1] → [logit (N, 1), features (N, 7, 7, 64)]."""
    x_in = keras.Input(IMAGE_SHAPE, name="image")
    h = layers.Conv2D(32, 4, strides=2, padding="same")(x_in)
    h = layers.LeakyReLU(0.2)(h)
    h = layers.Conv2D(64, 4, strides=2, padding="same")(h)
    features = layers.LeakyReLU(0.2, name=FEATURES)(h)
    h = layers.Dropout(0.3)(layers.Flatten()(features))
    logit = layers.Dense(1, name="logit")(h)
    return keras.Model(x_in, [logit, features], name="discriminator")


def adam(learning_rate, decay_steps=None):
    """Adam with the DCGAN settings; with decay_steps, the rate decays along a cosine to 1% of
    learning_rate (the VAE's --schedule cosine), else it stays constant."""
    if decay_steps:
        learning_rate = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps, alpha=0.01)
    return keras.optimizers.Adam(learning_rate, beta_1=0.5)


def bce_logits(target, logits):
    """Mean binary cross-entropy of `logits` against a constant target (1 = real, 0 = generated)."""
    return ops.mean(ops.binary_crossentropy(ops.full_like(logits, target), logits, from_logits=True))


def share_right(real_logits, fake_logits):
    """The discriminator's accuracy: real called real (logit > 0) and generated called generated."""
    right = ops.concatenate([ops.cast(real_logits > 0, "float32"), ops.cast(fake_logits <= 0, "float32")], 0)
    return ops.mean(right)


class TwoPlayerModel(keras.Model):
    """What the GAN and the VAE-GAN share: networks with their own optimisers (`self.optimizers`,
    network attribute name → optimiser), a training step described as phases (`phases(x)`: see
    train/adversarial_step.py, which runs them on TensorFlow or JAX), the held-out losses
    (`held_out_losses(x)`) and loss trackers that `fit` prints and logs."""

    def build_optimizers(self):
        """Create each optimiser's slots now, so that a saved checkpoint restores them (a lazily
        built optimiser has no variables yet when `keras.saving.load_model` fills them)."""
        for part, optimizer in self.optimizers.items():
            optimizer.build(getattr(self, part).trainable_variables)
        self.built = True

    @property
    def non_trainable_variables(self):
        """The networks' non-trainable variables; on JAX also the optimisers' (their moments and step
        counts), so that Keras's JAX trainer carries them through its stateless steps."""
        own = super().non_trainable_variables
        if keras.backend.backend() != "jax":
            return own
        return own + [v for optimizer in getattr(self, "optimizers", {}).values() for v in optimizer.variables]

    def train_step(self, *args):
        """Keras calls train_step(data) on TensorFlow and train_step(state, data) on JAX."""
        if keras.backend.backend() == "jax":
            return jax_train_step(self, *args)
        return tensorflow_train_step(self, images_of(args[0]))

    def test_step(self, *args):
        """The held-out losses, updating nothing but the trackers."""
        if keras.backend.backend() == "jax":
            return jax_test_step(self, *args, self.held_out_losses)
        return self.track(**self.held_out_losses(images_of(args[0])))

    def logs_of(self, merged):
        """The trackers' values from the phases' merged results."""
        return {name: merged[name] for name in self.trackers}

    def track(self, **values):
        for name, value in values.items():
            self.trackers[name].update_state(value)
        return {name: tracker.result() for name, tracker in self.trackers.items()}

    @property
    def metrics(self):
        return list(self.trackers.values())

    def compile_from_config(self, config):
        self.compile()  # the optimisers that matter are attributes, restored with the weights


@keras.saving.register_keras_serializable(package="vae")
class GAN(TwoPlayerModel):
    """Generator + discriminator with their own optimisers; `fit` on images (no labels)."""

    def __init__(self, latent_dim=2, arch="conv", learning_rate=2e-4, decay_steps=None, seed=None, **kwargs):
        super().__init__(**{"name": "gan", **kwargs})
        self.latent_dim, self.arch, self.seed = int(latent_dim), arch, seed
        self.learning_rate, self.decay_steps = float(learning_rate), decay_steps
        self.decoder_logits = build_generator(self.latent_dim, arch)
        self.discriminator = build_discriminator()
        self.optimizers = {part: adam(self.learning_rate, decay_steps) for part in ("discriminator", "decoder_logits")}
        self.build_optimizers()
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.trackers = {name: keras.metrics.Mean(name=name) for name in ("loss", "d_loss", "g_loss", "d_accuracy")}

    def call(self, z, training=False):
        """Codes → pixel logits (the generator)."""
        return self.decoder_logits(z, training=training)

    def random_codes(self, n):
        return keras.random.normal((n, self.latent_dim), seed=self.seed_generator)

    def phases(self, x):
        """The discriminator's update, then the generator's against the updated discriminator."""
        n = ops.shape(x)[0]

        def discriminator():
            fake = ops.sigmoid(self.decoder_logits(self.random_codes(n), training=True))
            real_logits = self.discriminator(x, training=True)[0]
            fake_logits = self.discriminator(fake, training=True)[0]
            d_loss = bce_logits(1.0, real_logits) + bce_logits(0.0, fake_logits)
            return {"discriminator": d_loss, "d_loss": d_loss, "d_accuracy": share_right(real_logits, fake_logits)}

        def generator():
            fake = ops.sigmoid(self.decoder_logits(self.random_codes(n), training=True))
            g_loss = bce_logits(1.0, self.discriminator(fake, training=True)[0])
            return {"decoder_logits": g_loss, "g_loss": g_loss}

        return [(discriminator, ("discriminator",)), (generator, ("decoder_logits",))]

    def logs_of(self, merged):
        return {
            **{name: merged[name] for name in ("d_loss", "g_loss", "d_accuracy")},
            "loss": merged["d_loss"] + merged["g_loss"],
        }

    def held_out_losses(self, x):
        """The same losses on held-out images and fresh samples."""
        real_logits = self.discriminator(x)[0]
        fake_logits = self.discriminator(ops.sigmoid(self.decoder_logits(self.random_codes(ops.shape(x)[0]))))[0]
        d_loss = bce_logits(1.0, real_logits) + bce_logits(0.0, fake_logits)
        g_loss = bce_logits(1.0, fake_logits)
        return {
            "d_loss": d_loss,
            "g_loss": g_loss,
            "d_accuracy": share_right(real_logits, fake_logits),
            "loss": d_loss + g_loss,
        }

    def get_config(self):
        return {
            **super().get_config(),
            "latent_dim": self.latent_dim,
            "arch": self.arch,
            "learning_rate": self.learning_rate,
            "decay_steps": self.decay_steps,
            "seed": self.seed,
        }


def build_gan(latent_dim=2, arch="conv", learning_rate=2e-4, decay_steps=None, seed=None):
    """A compiled GAN ready for `fit(images)`."""
    model = GAN(latent_dim, arch, learning_rate, decay_steps, seed)
    model.compile()
    return model

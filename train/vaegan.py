"""VAE-GAN (Larsen et al. 2016, "Autoencoding beyond pixels using a learned similarity metric",
arXiv 1512.09300): a VAE whose decoder is also a GAN's generator, and whose reconstructions are
judged in the discriminator's feature space instead of pixel by pixel.

Networks (the VAE's own builders, so the decoder is the one the VAE and the GAN use):
    encoder          image → [μ, log σ²]          (`build_encoder(latent_dim, arch, "vae")`)
    decoder_logits   z → pixel logits              (`build_decoder_logits`; exported via `decoder_from`)
    discriminator    image → [logit, features]     (train/gan.py; features = Dis_l, 7 × 7 × 64)

Losses, per image, averaged over the batch (x an image, z = μ + σ·ε its code, x̃ = Dec(z) its
reconstruction, x_p = Dec(z_p) with z_p ~ N(0, I) a sample):
    L_prior   = KL(N(μ, σ²) ‖ N(0, I))                                   (as in the VAE)
    L_llike   = ½ Σ_features (Dis_l(x) − Dis_l(x̃))²    the negative log-likelihood of Dis_l(x)
                under a Gaussian with mean Dis_l(x̃) and identity covariance, less a constant
    L_dis     = BCE(D(x), 1) + BCE(D(x̃), 0) + BCE(D(x_p), 0)    the discriminator sees real images,
                reconstructions and samples from the prior
    L_adv     = BCE(D(x̃), 1) + BCE(D(x_p), 1)      the decoder's adversarial loss, non-saturating

The paper's separate updates (its Algorithm 1: one forward pass, three optimisers; `VAEGAN.phases`,
run on TensorFlow or JAX by train/adversarial_step.py):
    encoder        ← ∇ (β·L_prior + L_llike)         (no adversarial gradient reaches the encoder;
                                                        β = 1 as in the paper, --beta as for the VAE)
    decoder        ← ∇ (γ · L_llike + L_adv)
    discriminator  ← ∇ L_dis                           (never trained on L_llike)
γ weights reconstructing against fooling the discriminator; the paper writes the decoder's loss as
γ·L_llike − L_GAN, i.e. with the saturating generator loss, which we replace by the non-saturating
one (the same change every GAN makes, as in train/gan.py). We use γ = 1 (`DEFAULT_GAMMA` in
train/__init__.py; the CLI's --gamma sets it): in short runs at 2-D (bench/vaegan_gamma.py prints
their losses and draws their reconstructions), γ = 0.1 and 0.01 left the decoder barely
reconstructing, the adversarial loss drowning the feature loss; at γ = 1 both are felt.

Logged: loss (L_prior + L_llike + L_dis + L_adv, only so that Keras' NaN stop has one number to
watch), kl, feature_reconstruction (L_llike), d_loss, adversarial (L_adv), d_accuracy (the
discriminator's share right on real vs reconstructed + sampled, 0.5 = guessing) and
reconstruction: the pixel BCE summed over 784 pixels, *not* trained on, to compare with the VAE.
"""

import keras
from keras import ops

from train import DEFAULT_GAMMA
from train.gan import TwoPlayerModel, adam, bce_logits, build_discriminator, share_right
from train.layers import KLDivergence, Sampling
from train.models import build_decoder_logits, build_encoder, pixel_bce_sum


def feature_distance(real_features, fake_features):
    """½ Σ (a − b)² over all features of each image: (N, ...) pairs → (N,)."""
    diff = ops.reshape(real_features - fake_features, (ops.shape(real_features)[0], -1))
    return 0.5 * ops.sum(ops.square(diff), axis=-1)


@keras.saving.register_keras_serializable(package="vae")
class VAEGAN(TwoPlayerModel):
    """Encoder + decoder + discriminator with three optimisers; `fit` on images (no labels)."""

    def __init__(
        self,
        latent_dim=2,
        arch="conv",
        gamma=DEFAULT_GAMMA,
        beta=1.0,
        learning_rate=2e-4,
        decay_steps=None,
        seed=None,
        **kwargs,
    ):
        super().__init__(**{"name": "vaegan", **kwargs})
        self.latent_dim, self.arch, self.seed = int(latent_dim), arch, seed
        self.gamma, self.beta = float(gamma), float(beta)
        self.learning_rate, self.decay_steps = float(learning_rate), decay_steps
        self.encoder = build_encoder(self.latent_dim, arch, "vae")
        self.decoder_logits = build_decoder_logits(self.latent_dim, arch)
        self.discriminator = build_discriminator()
        self.sampling = Sampling(seed=seed, name="sampling")
        self.seed_generator = keras.random.SeedGenerator(None if seed is None else seed + 1)
        self.optimizers = {
            part: adam(self.learning_rate, decay_steps) for part in ("encoder", "decoder_logits", "discriminator")
        }
        self.build_optimizers()
        self.trackers = {
            name: keras.metrics.Mean(name=name)
            for name in (
                "loss",
                "kl",
                "feature_reconstruction",
                "d_loss",
                "adversarial",
                "d_accuracy",
                "reconstruction",
            )
        }

    def call(self, x, training=False):
        """Images → reconstruction logits through a sampled code."""
        mu, logvar = self.encoder(x, training=training)
        return self.decoder_logits(self.sampling([mu, logvar]), training=training)

    def losses_for(self, x, training=True):
        """One forward pass: every loss of the module docstring, plus what the logs show."""
        mu, logvar = self.encoder(x, training=training)
        logits = self.decoder_logits(self.sampling([mu, logvar]), training=training)
        z_p = keras.random.normal(ops.shape(mu), seed=self.seed_generator)
        sampled = ops.sigmoid(self.decoder_logits(z_p, training=training))
        real_logit, real_features = self.discriminator(x, training=training)
        rec_logit, rec_features = self.discriminator(ops.sigmoid(logits), training=training)
        sampled_logit = self.discriminator(sampled, training=training)[0]
        fake_logits = ops.concatenate([rec_logit, sampled_logit], 0)
        out = {
            "kl": ops.mean(KLDivergence.kl_per_example(mu, logvar)),
            "feature_reconstruction": ops.mean(feature_distance(real_features, rec_features)),
            "d_loss": bce_logits(1.0, real_logit) + 2.0 * bce_logits(0.0, fake_logits),
            "adversarial": 2.0 * bce_logits(1.0, fake_logits),
            "d_accuracy": share_right(real_logit, fake_logits),
            "reconstruction": ops.mean(pixel_bce_sum(x, logits)),
        }
        out["loss"] = out["kl"] + out["feature_reconstruction"] + out["d_loss"] + out["adversarial"]
        return out

    def phases(self, x):
        """One forward pass; each network steps on its own objective (the module docstring)."""

        def together():
            values = self.losses_for(x)
            return {
                **values,
                "encoder": self.beta * values["kl"] + values["feature_reconstruction"],
                "decoder_logits": self.gamma * values["feature_reconstruction"] + values["adversarial"],
                "discriminator": values["d_loss"],
            }

        return [(together, ("encoder", "decoder_logits", "discriminator"))]

    def held_out_losses(self, x):
        """The same losses on held-out images."""
        return self.losses_for(x, training=False)

    def get_config(self):
        return {
            **super().get_config(),
            "latent_dim": self.latent_dim,
            "arch": self.arch,
            "gamma": self.gamma,
            "beta": self.beta,
            "learning_rate": self.learning_rate,
            "decay_steps": self.decay_steps,
            "seed": self.seed,
        }


def build_vaegan(
    latent_dim=2, arch="conv", gamma=DEFAULT_GAMMA, beta=1.0, learning_rate=2e-4, decay_steps=None, seed=None
):
    """A compiled VAE-GAN ready for `fit(images)`."""
    model = VAEGAN(latent_dim, arch, gamma, beta, learning_rate, decay_steps, seed)
    model.compile()
    return model

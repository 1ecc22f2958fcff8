"""The two ideas that make an autoencoder variational, each as a Keras layer.

KLDivergence
    The encoder says "this image lives near μ, give or take σ" as a Gaussian q(z|x) = N(μ, σ²).
    We want those Gaussians to look like the prior p(z) = N(0, I) so that random codes decode to
    digits. Their distance, per image, in nats, has a closed form (one term per latent dimension):

        KL(N(μ, σ²) ‖ N(0, 1)) = ½ · Σ_j (μ_j² + σ_j² − log σ_j² − 1)

    The layer passes (μ, log σ²) through unchanged and adds β·KL (mean over the batch) to the
    model's losses, so training minimises reconstruction + KL, and tracks it as the metric "kl"
    (not on JAX: Keras runs layers statelessly there, with no metric state inside a layer's call, so
    the history has no "kl" column; it is loss − reconstruction when β = 1).

Sampling
    The reparameterization trick: instead of drawing z ~ N(μ, σ²) (not differentiable in μ, σ),
    draw ε ~ N(0, I) and compute z = μ + σ·ε, with σ = exp(½ · log σ²). Gradients flow to μ and σ.

The encoder predicts log σ² rather than σ so that any real output is a valid variance.
"""

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="vae")
class KLDivergence(keras.layers.Layer):
    """Identity on [μ, log σ²]; adds β · mean-over-batch KL(N(μ, σ²) ‖ N(0, I)) to the losses."""

    def __init__(self, beta=1.0, **kwargs):
        super().__init__(**kwargs)
        self.beta = float(beta)
        # (no tracker on JAX: see the module docstring; an unused one would log a KL of 0)
        self.kl_tracker = keras.metrics.Mean(name="kl") if keras.backend.backend() != "jax" else None

    @staticmethod
    def kl_per_example(mu, logvar):
        """KL in nats for each example: ½ Σ_j (μ² + σ² − log σ² − 1)."""
        return 0.5 * ops.sum(ops.square(mu) + ops.exp(logvar) - logvar - 1.0, axis=-1)

    def call(self, inputs):
        mu, logvar = inputs
        kl = ops.mean(self.kl_per_example(mu, logvar))
        self.add_loss(self.beta * kl)
        if self.kl_tracker is not None:
            self.kl_tracker.update_state(kl)
        return mu, logvar

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "beta": self.beta}


@keras.saving.register_keras_serializable(package="vae")
class Sampling(keras.layers.Layer):
    """z = μ + exp(½ log σ²) · ε with ε ~ N(0, I): a differentiable draw from N(μ, σ²)."""

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs):
        mu, logvar = inputs
        eps = keras.random.normal(ops.shape(mu), seed=self.seed_generator)
        return mu + ops.exp(0.5 * logvar) * eps

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}

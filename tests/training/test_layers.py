"""The two VAE layers: KL against its closed form, sampling statistics, serialization."""

import keras
import numpy as np
import pytest

from train.layers import KLDivergence, Sampling


def closed_form_kl(mu, logvar):
    var = np.exp(logvar)
    return 0.5 * np.sum(mu**2 + var - logvar - 1.0, axis=-1)


def test_kl_of_standard_normal_is_zero():
    mu = np.zeros((3, 4), np.float32)
    logvar = np.zeros((3, 4), np.float32)
    np.testing.assert_allclose(KLDivergence.kl_per_example(mu, logvar), 0.0, atol=1e-7)


def test_kl_matches_closed_form_on_known_values():
    # One dimension, μ = 1, σ² = e: ½(1 + e − 1 − 1) = ½(e − 1) by hand.
    mu = np.array([[1.0]], np.float32)
    logvar = np.array([[1.0]], np.float32)
    np.testing.assert_allclose(KLDivergence.kl_per_example(mu, logvar), [0.5 * (np.e - 1)], rtol=1e-6)
    rng = np.random.default_rng(0)
    mu = rng.normal(size=(5, 3)).astype(np.float32)
    logvar = rng.normal(size=(5, 3)).astype(np.float32)
    np.testing.assert_allclose(KLDivergence.kl_per_example(mu, logvar), closed_form_kl(mu, logvar), rtol=1e-5)


def test_kl_layer_passes_through_and_adds_beta_times_mean_kl_to_losses():
    rng = np.random.default_rng(1)
    mu = rng.normal(size=(4, 2)).astype(np.float32)
    logvar = rng.normal(size=(4, 2)).astype(np.float32)
    layer = KLDivergence(beta=0.5)
    out_mu, out_logvar = layer([mu, logvar])
    np.testing.assert_array_equal(np.asarray(out_mu), mu)
    np.testing.assert_array_equal(np.asarray(out_logvar), logvar)
    assert len(layer.losses) == 1
    expected = 0.5 * closed_form_kl(mu, logvar).mean()
    np.testing.assert_allclose(float(layer.losses[0]), expected, rtol=1e-5)
    np.testing.assert_allclose(float(layer.kl_tracker.result()), closed_form_kl(mu, logvar).mean(), rtol=1e-5)


def test_sampling_has_mean_mu_and_std_sigma():
    n = 200_000
    mu = np.tile(np.array([[2.0, -1.0, 0.0]], np.float32), (n, 1))
    sigma = np.array([0.5, 1.0, 3.0], np.float32)
    logvar = np.tile(np.log(sigma**2)[None], (n, 1))
    z = np.asarray(Sampling(seed=3)([mu, logvar]))
    # Standard error of the mean is σ/√n ≈ 0.007 at most; of the std σ/√(2n) ≈ 0.005.
    np.testing.assert_allclose(z.mean(axis=0), [2.0, -1.0, 0.0], atol=0.03)
    np.testing.assert_allclose(z.std(axis=0), sigma, rtol=0.01)


def test_sampling_draws_differ_and_seed_repeats():
    mu = np.zeros((1000, 2), np.float32)
    a = np.asarray(Sampling(seed=7)([mu, mu]))
    b = np.asarray(Sampling(seed=7)([mu, mu]))
    assert not np.allclose(a[:500], a[500:])
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("layer", [KLDivergence(beta=0.25, name="kl"), Sampling(seed=5, name="s")])
def test_layers_serialize(layer):
    config = keras.saving.serialize_keras_object(layer)
    clone = keras.saving.deserialize_keras_object(config)
    assert type(clone) is type(layer)
    assert clone.get_config() == layer.get_config()

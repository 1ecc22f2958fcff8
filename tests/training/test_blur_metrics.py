"""The "why blurry?" figures: sharpness, reconstruction from μ and the digit FID, against values
worked out by hand or by an independent computation (scipy's matrix square root)."""

import numpy as np
import pytest
import scipy.linalg

from tests.conftest import make_digits
from train.classifier import sample_plausibility
from train.data import to_model_input
from train.metrics import (
    blur_figures,
    digit_fid,
    frechet_distance,
    gaussian_fit,
    judge_features,
    laplacian_variance,
    prior_codes,
    reconstruction_errors,
    sharpness_ratio,
)


def test_laplacian_variance_by_hand():
    # One bright pixel at (1, 1) of a 4×4 image: the interior's Laplacians are -4, 1, 1, 0
    # (mean -0.5, variance (3.5² + 1.5² + 1.5² + 0.5²) / 4 = 4.25); a blank image has 0.
    images = np.zeros((2, 4, 4, 1))
    images[0, 1, 1, 0] = 1.0
    assert laplacian_variance(images) == pytest.approx((4.25 + 0.0) / 2)
    assert laplacian_variance(images[:, :, :, 0]) == pytest.approx(2.125)  # (N, H, W) too


def test_sharpness_ratio_falls_with_contrast_and_blur():
    real = to_model_input(make_digits(64)[0])
    assert sharpness_ratio(real, real) == pytest.approx(1.0)
    assert sharpness_ratio(0.5 * real, real) == pytest.approx(0.25)  # variance scales with the square
    padded = np.pad(real[..., 0], ((0, 0), (1, 1), (1, 1)))
    box = sum(padded[:, i : i + 28, j : j + 28] for i in range(3) for j in range(3)) / 9  # 3×3 box blur
    assert sharpness_ratio(box, real) < 0.5


def test_frechet_distance_of_diagonal_gaussians_in_closed_form():
    # Diagonal covariances: ‖m₁ − m₂‖² + Σ (σ₁ − σ₂)² = (1 + 4) + ((1 − 2)² + (2 − 3)²) = 7.
    m1, c1 = np.zeros(2), np.diag([1.0, 4.0])
    m2, c2 = np.array([1.0, 2.0]), np.diag([4.0, 9.0])
    assert frechet_distance(m1, c1, m2, c2) == pytest.approx(7.0)
    assert frechet_distance(m1, c1, m1, c1) == pytest.approx(0.0, abs=1e-9)
    r = np.array([[np.cos(0.7), -np.sin(0.7)], [np.sin(0.7), np.cos(0.7)]])  # a rotation changes nothing
    assert frechet_distance(r @ m1, r @ c1 @ r.T, r @ m2, r @ c2 @ r.T) == pytest.approx(7.0)


def test_frechet_distance_matches_scipy_sqrtm():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((2, 5, 5))
    c1, c2 = a @ a.T + 0.1 * np.eye(5), b @ b.T + 0.1 * np.eye(5)
    m1, m2 = rng.standard_normal((2, 5))
    expected = np.sum((m1 - m2) ** 2) + np.trace(c1 + c2 - 2 * scipy.linalg.sqrtm(c1 @ c2).real)
    assert frechet_distance(m1, c1, m2, c2) == pytest.approx(expected, rel=1e-6)


def test_digit_fid_of_samples_from_known_gaussians():
    rng = np.random.default_rng(0)
    a = rng.normal([0.0, 0.0], [1.0, 2.0], size=(200_000, 2))
    b = rng.normal([1.0, 2.0], [2.0, 3.0], size=(200_000, 2))
    assert digit_fid(a, b) == pytest.approx(7.0, rel=0.01)
    mean, cov = gaussian_fit(a[:3])
    np.testing.assert_allclose(cov, np.cov(a[:3].T))


def test_reconstruction_errors_use_mu_by_hand():
    # Flat grey images of value v; the encoder's μ is v and its σ is huge (a sampled code would be
    # far off); the decoder paints logit(z) everywhere, so from μ the image comes back exactly:
    # mean |Δ| = 0 and the BCE is 784 · H(v), H(v) = −v ln v − (1 − v) ln(1 − v).
    v = np.array([0.2, 0.7], np.float32)
    x = np.broadcast_to(v[:, None, None, None], (2, 28, 28, 1)).copy()

    def encoder(xb, training=False):
        mu = xb.reshape(len(xb), -1)[:, :1]
        return mu, np.full_like(mu, 20.0)

    def decoder_logits(z, training=False):
        z = np.asarray(z, np.float32)
        return np.broadcast_to(np.log(z / (1 - z))[:, :, None, None], (len(z), 28, 28, 1))

    out = reconstruction_errors(encoder, decoder_logits, x, batch_size=1)
    entropy = -(v * np.log(v) + (1 - v) * np.log(1 - v))
    assert out["bce"] == pytest.approx(784 * entropy.mean(), rel=1e-4)
    assert out["mean_abs_error"] == pytest.approx(0.0, abs=1e-5)
    assert out["images"] == 2 and out["code"] == "mu"


class Recorder:
    """A stand-in decoder / classifier that records what it is given."""

    def __init__(self, output):
        self.output, self.seen = output, []

    def predict(self, x, batch_size=None, verbose=0):
        self.seen.append(np.array(x))
        return self.output(x)


def test_figures_decode_the_same_codes_as_the_digit_score(tiny_classifier):
    """blur_figures' samples are decoded from the very codes the digit score's are (same n, same seed),
    so the two figures describe the same images."""
    from train.classifier import load_classifier

    digits = to_model_input(make_digits(50, seed=7)[0])  # 2,000 samples: each digit 40 times
    decoder = Recorder(lambda z: digits[np.arange(len(z)) % len(digits)])
    uniform = Recorder(lambda x: np.full((len(x), 10), 0.1))
    sample_plausibility(decoder, uniform, latent_dim=3)
    out = blur_figures(decoder, load_classifier(tiny_classifier), digits, latent_dim=3)
    assert len(decoder.seen) == 2 and (out["samples"], out["seed"]) == (2000, 0)
    np.testing.assert_array_equal(decoder.seen[0], prior_codes(2000, 3, seed=0))
    np.testing.assert_array_equal(decoder.seen[1], decoder.seen[0])
    # the decoded images are the 50 digits 40 times over: as sharp as the real ones
    assert out["sharpness"] == pytest.approx(1.0)


def test_judge_features_are_the_penultimate_layer(tiny_classifier):
    from train.classifier import load_classifier

    classifier = load_classifier(tiny_classifier)
    x = to_model_input(make_digits(8, seed=5)[0])
    h = x
    for layer in classifier.layers[:-1]:
        h = layer(h, training=False)
    features = judge_features(classifier, x)
    assert features.shape == (8, classifier.layers[-1].input.shape[-1])
    np.testing.assert_allclose(features, np.asarray(h), rtol=1e-5, atol=1e-5)


def test_blur_figures_for_a_model_without_encoder(tiny_classifier):
    from train.classifier import load_classifier

    classifier = load_classifier(tiny_classifier)
    real = to_model_input(make_digits(300, seed=6)[0])
    decoder = Recorder(lambda z: real[: len(z)])  # "generates" the real digits themselves
    out = blur_figures(decoder, classifier, real, latent_dim=2, n=300)
    assert out["reconstruction"] == {"possible": False, "reason": "no encoder"}
    assert out["sharpness"] == pytest.approx(1.0)
    assert out["fid"] == pytest.approx(0.0, abs=1e-6)
    assert out["fid_reference"] == pytest.approx(0.0, abs=1e-6)  # n = all of them: the same set

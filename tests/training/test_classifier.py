"""The figures the digit classifier gives: confident share and digit score, by hand."""

import numpy as np
import pytest

from train.classifier import digit_score, plausibility


class FixedClassifier:
    """Stands in for the Keras classifier: returns the given probabilities."""

    def __init__(self, probs):
        self.probs = np.asarray(probs, np.float32)

    def predict(self, x, batch_size=None, verbose=0):
        assert x.shape == (len(self.probs), 28, 28, 1)
        return self.probs


def one_hot(labels):
    return np.eye(10)[labels]


def test_digit_score_counts_distinct_clear_digits():
    assert digit_score(one_hot(np.arange(10).repeat(3))) == pytest.approx(10, rel=1e-6)
    assert digit_score(one_hot([0, 0, 0, 0])) == pytest.approx(1, rel=1e-6)
    assert digit_score(np.full((5, 10), 0.1)) == pytest.approx(1, rel=1e-6)  # nothing clear
    assert digit_score(one_hot([0, 1, 0, 1])) == pytest.approx(2, rel=1e-6)


def test_digit_score_matches_mutual_information_by_hand():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(10) * 0.3, size=50)
    marginal = p.mean(axis=0)
    entropy_marginal = -(marginal * np.log(marginal)).sum()
    mean_entropy = -(p * np.log(p)).sum(axis=1).mean()
    # I(x; y) = H(y) − H(y | x); the score is e^I.
    assert digit_score(p) == pytest.approx(np.exp(entropy_marginal - mean_entropy), rel=1e-6)


def test_plausibility_reports_confident_share_and_classes():
    probs = np.vstack([one_hot([3, 3, 7]) * 0.95 + 0.005, np.full((1, 10), 0.1)])
    out = plausibility(FixedClassifier(probs), np.zeros((4, 28, 28), np.float32))
    assert out["confident"] == 0.75
    assert out["classes"] == [0, 0, 0, 2, 0, 0, 0, 1, 0, 0]
    assert out["mean_confidence"] == pytest.approx((0.955 * 3 + 0.1) / 4, rel=1e-5)
    assert out["digit_score"] == pytest.approx(digit_score(probs), rel=1e-6)


def test_training_is_deterministic(mnist_like_npz):
    """Same seed, same data: the same weights, so the shipped judge can be re-made from the repo."""
    from train.classifier import train_classifier
    from train.data import load_npz

    (x, y), _ = load_npz(mnist_like_npz)
    first, second = (train_classifier(x[:256], y[:256], epochs=1, seed=3).get_weights() for _ in range(2))
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)
    other = train_classifier(x[:256], y[:256], epochs=1, seed=4).get_weights()
    assert not np.array_equal(first[0], other[0])

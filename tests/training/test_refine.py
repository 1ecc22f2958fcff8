"""Semi-amortized inference (train/refine.py): the hand-written gradient through the decoder against
TensorFlow's automatic one, each refinement step lowering the −ELBO it descends with its own draws,
and its export: the refined encoder's files give the Keras refined encoder's codes, the manifest
says so, and settings or models it cannot use are refused in one line."""

import json
import os
import shutil

import numpy as np
import pytest
import tensorflow as tf

import train.export as export
from tests.training.cli import cli_error
from train.artifacts import load_checkpoint, load_graph_model, read_codes
from train.data import load_npz, to_model_input
from train.layers import KLDivergence
from train.models import build_decoder_logits, build_encoder, parts
from train.refine import RefineError, decoder_gradient, decoder_layers, refine_codes, refined_encoder, refinement_draws


def random_images(n, seed=0):
    return np.random.default_rng(seed).uniform(0, 1, (n, 28, 28, 1)).astype(np.float32)


def randomised(model, seed=0):
    """The model with every weight redrawn (biases too, so no ReLU is dead by construction)."""
    rng = np.random.default_rng(seed)
    model.set_weights(
        [
            rng.normal(0, 1 / np.sqrt(np.prod(w.shape[:-1])) if w.ndim > 1 else 0.1, w.shape).astype(np.float32)
            for w in model.get_weights()
        ]
    )
    return model


@pytest.mark.parametrize("arch", ["conv", "wide", "mlp"])
def test_hand_written_gradient_is_tensorflows_gradient(arch):
    decoder_logits = randomised(build_decoder_logits(3, arch))
    z = tf.constant(np.random.default_rng(1).standard_normal((5, 3)).astype(np.float32))
    x = random_images(5)
    with tf.GradientTape() as tape:
        tape.watch(z)
        bce = tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=decoder_logits(z)))
    expected = tape.gradient(bce, z).numpy()
    got = np.asarray(decoder_gradient(decoder_layers(decoder_logits), z, x))
    assert np.abs(expected).max() > 1  # a gradient worth comparing
    assert np.abs(got - expected).max() <= 1e-4 * np.abs(expected).max()


def fixed_eps_objective(decoder_logits, x, mu, logvar, eps):
    """The refinement's objective per image, computed with the Keras decoder (not refine.py's code)."""
    sigma = np.exp(0.5 * logvar)
    bce = [
        np.asarray(
            tf.reduce_sum(
                tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=decoder_logits(mu + sigma * e)), axis=[1, 2, 3]
            )
        )
        for e in eps
    ]
    return np.mean(bce, axis=0) + np.asarray(KLDivergence.kl_per_example(mu, logvar))


def test_a_refinement_step_lowers_the_objective_it_descends():
    decoder_logits = randomised(build_decoder_logits(2, "conv"), seed=2)
    x = random_images(6, seed=3)
    rng = np.random.default_rng(4)
    mu, logvar = rng.standard_normal((6, 2)).astype(np.float32), np.full((6, 2), -1.0, np.float32)
    eps = rng.standard_normal((1, 3, 2)).astype(np.float32)
    before = fixed_eps_objective(decoder_logits, x, mu, logvar, eps[0])
    mu2, logvar2 = (
        np.asarray(a) for a in refine_codes(decoder_layers(decoder_logits), x, mu, logvar, eps, step_size=1e-3)
    )
    after = fixed_eps_objective(decoder_logits, x, mu2, logvar2, eps[0])
    assert not np.allclose(mu2, mu)
    assert (after < before).all(), (before, after)


def test_step_k_uses_the_kth_draws():
    chain = decoder_layers(randomised(build_decoder_logits(2, "conv"), seed=5))
    x = random_images(4, seed=6)
    mu, logvar = np.zeros((4, 2), np.float32), np.full((4, 2), -1.0, np.float32)
    eps = np.random.default_rng(7).standard_normal((2, 2, 2)).astype(np.float32)
    first = refine_codes(chain, x, mu, logvar, eps[:1], step_size=0.05)
    one_by_one = (np.asarray(a) for a in refine_codes(chain, x, *first, eps[1:], step_size=0.05))
    both = (np.asarray(a) for a in refine_codes(chain, x, mu, logvar, eps, step_size=0.05))
    swapped = (np.asarray(a) for a in refine_codes(chain, x, mu, logvar, eps[::-1], step_size=0.05))
    for a, b, c in zip(one_by_one, both, swapped):
        assert np.abs(a - b).max() <= 1e-5
        assert np.abs(a - c).max() > 1e-4  # the order of the draws matters: step k uses draws k


def test_refinement_draws_are_new_at_every_step_and_come_in_antithetic_pairs():
    eps = refinement_draws(steps=3, samples=5, latent_dim=16, seed=0)
    assert eps.shape == (3, 5, 16) and eps.dtype == np.float32
    np.testing.assert_array_equal(eps[:, 2:4], -eps[:, :2])
    assert not np.allclose(eps[:, 4], -eps[:, 0]) and not np.allclose(eps[:, 4], -eps[:, 1])  # odd S: alone
    assert not np.allclose(eps[0], eps[1]) and not np.allclose(eps[1], eps[2])
    np.testing.assert_array_equal(eps, refinement_draws(3, 5, 16, seed=0))  # fixed: the encoder is deterministic
    assert abs(float(eps.std()) - 1) < 0.2


def test_a_decoder_it_cannot_differentiate_by_hand_is_refused_by_name():
    with pytest.raises(RefineError, match=r"conv2d_transpose.*\(Conv2DTranspose"):
        decoder_layers(build_decoder_logits(2, "kerasio"))
    encoder = build_encoder(2, "kerasio")
    with pytest.raises(RefineError, match="Conv2DTranspose"):
        refined_encoder(encoder, build_decoder_logits(2, "kerasio"), steps=2, step_size=0.1)


def test_exported_refined_encoder_gives_the_keras_refined_codes(tmp_path, tiny_run, mnist_like_npz):
    refine = {"steps": 3, "step_size": 0.05, "samples": 2}
    root = str(tmp_path / "out")
    entry = export.export_run(
        tiny_run, root, name="r", data=mnist_like_npz, classifier="", quantize="float32", refine=refine
    )
    assert entry["encoder_refinement"] == refine
    with open(os.path.join(root, "manifest.json")) as f:
        assert json.load(f)["models"][0]["encoder_refinement"] == refine

    _, (x_test, _) = load_npz(mnist_like_npz)
    x = to_model_input(x_test[:16])
    encoder, decoder_logits = parts(load_checkpoint(tiny_run))
    keras_mu, keras_logvar = (np.asarray(a) for a in refined_encoder(encoder, decoder_logits, **refine)(x))
    plain_mu, _ = (np.asarray(a) for a in encoder(x))
    encode, _ = load_graph_model(os.path.join(root, "r", "encoder", "model.json"))
    code = encode(x)
    assert np.abs(code - np.concatenate([keras_mu, keras_logvar], axis=1)).max() <= 1e-4
    assert np.abs(keras_mu - plain_mu).max() > 1e-3  # the refinement moved the codes

    # the latent map holds the refined μ of the first test images
    mapped, _ = read_codes(os.path.join(root, "r", "latent_map.bin"), entry["map"]["points"], 2, entry["map"]["scale"])
    assert np.abs(mapped[:16] - keras_mu).max() <= 1e-3


def test_an_unrefined_export_says_so(exported):
    with open(os.path.join(exported, "manifest.json")) as f:
        assert json.load(f)["models"][0]["encoder_refinement"] is None


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--refine-steps", "-1"], "--refine-steps must be 0 (no refinement) or more, not -1"),
        (["--refine-steps", "2", "--refine-step-size", "0"], "--refine-step-size must be a positive number, not 0.0"),
        (["--refine-steps", "2", "--refine-samples", "0"], "--refine-samples must be at least 1, not 0"),
    ],
)
def test_bad_refinement_settings_are_refused_in_one_line(tmp_path, tiny_run, flags, message):
    line, _ = cli_error("train.export", tiny_run, "--out", tmp_path / "out", *flags)
    assert line == f"error: {message}"
    assert not os.path.exists(tmp_path / "out" / "manifest.json")


@pytest.mark.parametrize("kind, why", [("ae", "its code is deterministic"), ("gan", "it has no encoder")])
def test_refining_a_model_without_mu_and_sigma_is_refused(tmp_path, tiny_run, kind, why):
    run = shutil.copytree(tiny_run, tmp_path / kind)  # the refusal comes before the checkpoint is read
    with open(run / "config.json") as f:
        config = json.load(f)
    with open(run / "config.json", "w") as f:
        json.dump({**config, "kind": kind}, f)
    line, _ = cli_error("train.export", run, "--out", tmp_path / "out", "--refine-steps", "3")
    assert line == f"error: --refine-steps refines a VAE's (μ, log σ²); this run is a {kind}: {why}"

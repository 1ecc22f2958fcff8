"""GAN and VAE-GAN through `python -m train` and `python -m train.export`: the GAN ships a decoder
and no encoder, the VAE-GAN both; the shipped files compute what the Keras models compute; the
"blur" figures are in the manifest."""

import json
import os

import numpy as np
import pytest

from tests.conftest import keras_parts
from train.data import load_npz, to_model_input


@pytest.fixture(scope="module", params=["gan", "vaegan"])
def adversarial_export(request, tmp_path_factory, mnist_like_npz, tiny_classifier):
    """(kind, run folder, exported root) for a GAN or VAE-GAN trained one epoch by the real CLI."""
    from train.__main__ import parse_args, train
    from train.export import export_run

    kind = request.param
    run = str(tmp_path_factory.mktemp("runs") / kind)
    train(
        parse_args(
            [
                "--data",
                mnist_like_npz,
                "--kind",
                kind,
                "--epochs",
                "1",
                "--limit-train",
                "128",
                "--batch-size",
                "64",
                "--out",
                run,
            ]
        )
    )
    root = str(tmp_path_factory.mktemp("exported"))
    export_run(run, root, name=kind, classifier=tiny_classifier, data=mnist_like_npz, quantize="float32")
    return kind, run, root


def entry_of(root, name):
    with open(os.path.join(root, "manifest.json")) as f:
        [entry] = [m for m in json.load(f)["models"] if m["name"] == name]
    return entry


def test_manifest_entry(adversarial_export):
    kind, _, root = adversarial_export
    entry = entry_of(root, kind)
    assert entry["kind"] == kind and entry["latent_dim"] == 2
    if kind == "gan":
        assert entry["encoder"] is None and entry["encoder_output"] is None
        assert set(entry["bytes"]) == {"decoder"} and not os.path.exists(os.path.join(root, kind, "encoder"))
        assert "map" not in entry and entry["title"].startswith("GAN")
    else:
        assert entry["encoder"] == "vaegan/encoder/model.json" and entry["encoder_output"] == "mu_logvar"
        assert entry["gamma"] == 1.0 and entry["map"]["points"] == 128
        assert entry["test"]["neg_elbo"] == pytest.approx(
            entry["test"]["reconstruction"] + entry["test"]["kl"], abs=2e-3
        )
    assert entry["samples"]["samples"] == entry["blur"]["samples"] == 2000


def test_shipped_decoder_and_encoder_match_keras(adversarial_export, mnist_like_npz):
    from train.artifacts import load_graph_model

    kind, run, root = adversarial_export
    encoder, decoder = keras_parts(run)
    z = np.random.default_rng(1).standard_normal((16, 2)).astype(np.float32)
    decode, _ = load_graph_model(os.path.join(root, kind, "decoder", "model.json"))
    np.testing.assert_allclose(decode(z), np.asarray(decoder(z)), atol=1e-5)
    if encoder is not None:
        x = to_model_input(load_npz(mnist_like_npz)[1][0][:16])
        encode, _ = load_graph_model(os.path.join(root, kind, "encoder", "model.json"))
        mu, logvar = encoder(x)
        np.testing.assert_allclose(encode(x), np.concatenate([mu, logvar], axis=1), atol=1e-4)


def penultimate_features(classifier, images):
    """The classifier's activations before its last layer, layer by layer (not train.metrics)."""
    h = np.asarray(images, np.float32).reshape(-1, 28, 28, 1)
    for layer in classifier.layers[:-1]:
        h = layer(h, training=False)
    return np.asarray(h, np.float64)


def test_blur_figures(adversarial_export, mnist_like_npz, tiny_classifier):
    """Sharpness and digit FID recomputed from the Keras decoder's images of the 2,000 codes z ~ N(0, I)
    (seed 0) and the 128 test images (Laplacian by slicing, FID with scipy's matrix square root);
    reconstruction recomputed with NumPy from the Keras encoder's μ; the GAN says it cannot."""
    import keras
    import scipy.linalg

    kind, run, root = adversarial_export
    blur = entry_of(root, kind)["blur"]
    assert (blur["samples"], blur["seed"], blur["real_images"]) == (2000, 0, 128)
    _, decoder = keras_parts(run)
    real = to_model_input(load_npz(mnist_like_npz)[1][0])
    samples = np.asarray(decoder(np.random.default_rng(0).standard_normal((2000, 2)).astype(np.float32)), np.float64)

    def laplacian_variance(images):
        x = images[..., 0]
        lap = x[:, :-2, 1:-1] + x[:, 2:, 1:-1] + x[:, 1:-1, :-2] + x[:, 1:-1, 2:] - 4 * x[:, 1:-1, 1:-1]
        return lap.reshape(len(x), -1).var(axis=1).mean()

    assert blur["sharpness"] == pytest.approx(
        laplacian_variance(samples) / laplacian_variance(real), rel=1e-3, abs=5e-5
    )  # the manifest rounds to 4 places
    judge = keras.saving.load_model(tiny_classifier)
    a, b = penultimate_features(judge, samples), penultimate_features(judge, real)
    c1, c2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    fid = np.sum((a.mean(axis=0) - b.mean(axis=0)) ** 2) + np.trace(c1 + c2 - 2 * scipy.linalg.sqrtm(c1 @ c2).real)
    assert blur["fid"] == pytest.approx(fid, rel=1e-3, abs=1e-3)
    assert blur["fid_reference"] == pytest.approx(0.0, abs=1e-3)  # 128 real digits: all of them, the same set
    if kind == "gan":
        assert blur["reconstruction"] == {"possible": False, "reason": "no encoder"}
        return
    encoder, decoder = keras_parts(run)
    x = to_model_input(load_npz(mnist_like_npz)[1][0])
    mu = np.asarray(encoder(x)[0])
    p = np.clip(np.asarray(decoder(mu), np.float64), 1e-7, 1 - 1e-7)
    bce = -(x * np.log(p) + (1 - x) * np.log(1 - p)).reshape(len(x), -1).sum(axis=1).mean()
    rec = blur["reconstruction"]
    assert rec["possible"] and rec["code"] == "mu" and rec["images"] == 128
    assert rec["bce"] == pytest.approx(bce, rel=1e-3)
    assert rec["mean_abs_error"] == pytest.approx(np.abs(p - x).mean(), rel=1e-3)

"""The "Train your own VAE" section's Python side: the page trainer's architecture (mlp256), the export of
a run trained with β ≠ 1 (its β recorded, its test figures the true −ELBO), and the committed Keras β
models of exported_model/training/ (the manifest that exported_model/manifest.json's "training_manifest"
names). test_shipped_models.py re-scores these models from their files like every other shipped model."""

import json
import os

import numpy as np
import pytest

from tests.harness import EXPORTED
from train.artifacts import read_manifest

BETAS = (0, 0.5, 1, 2, 4)
NAMES = [f"beta-{b:g}" for b in BETAS]


def test_mlp256_is_the_page_trainers_model():
    """encoder: 784 → dense 256 relu → dense μ (2), dense log σ² (2); decoder: 2 → dense 256 relu → dense 784
    logits → 28×28×1 (static/js/train/ builds exactly these layers)."""
    import keras

    from train.models import build_decoder_logits, build_encoder

    encoder, decoder = build_encoder(2, "mlp256"), build_decoder_logits(2, "mlp256")
    assert [tuple(o.shape) for o in encoder.outputs] == [(None, 2), (None, 2)]
    dense = lambda m: [  # noqa: E731
        (tuple(layer.kernel.shape), layer.activation.__name__)
        for layer in m.layers
        if isinstance(layer, keras.layers.Dense)
    ]
    assert dense(encoder) == [((784, 256), "relu"), ((256, 2), "linear"), ((256, 2), "linear")]
    assert [layer.name for layer in encoder.layers if isinstance(layer, keras.layers.Dense)][1:] == ["mu", "logvar"]
    assert dense(decoder) == [((2, 256), "relu"), ((256, 784), "linear")]
    assert tuple(decoder.output.shape) == (None, 28, 28, 1)
    assert (encoder.count_params(), decoder.count_params()) == (201988, 202256)


def test_the_map_scale_holds_codes_beyond_the_int16_range():
    from train.export import map_per_unit

    assert [map_per_unit(v) for v in (3.0, 32.7, 32.8, 327.6, 400.0, 1e9)] == [1000, 1000, 100, 100, 10, 1]


@pytest.fixture(scope="module")
def beta_run(tmp_path_factory, mnist_like_npz):
    """A 2-D mlp256 VAE trained 2 epochs with β = 4 by the real CLI code."""
    from train.__main__ import parse_args, train

    out = str(tmp_path_factory.mktemp("runs") / "beta-4")
    args = ["--data", mnist_like_npz, "--arch", "mlp256", "--beta", "4", "--epochs", "2", "--batch-size", "64"]
    train(parse_args([*args, "--out", out]))
    return out


def test_a_beta_run_exports_its_beta_and_the_true_neg_elbo(beta_run, tmp_path, mnist_like_npz):
    """The entry says β; "test" is reconstruction + KL with the KL weighted 1 (the −ELBO), scored from the
    files, whatever β trained with; the manifest's other keys survive the rewrite."""
    from train.data import load_npz, to_model_input
    from train.export import export_run
    from train.quantize import score_files

    root = tmp_path / "exported"
    root.mkdir()
    kept = {"blur_manifest": "blur/manifest.json", "training_manifest": "training/manifest.json", "data": {"x": 1}}
    (root / "manifest.json").write_text(json.dumps({"version": 1, "default": None, "models": [], **kept}))
    entry = export_run(beta_run, str(root), name="beta-4", title="β = 4", classifier="", quantize="float32")
    assert (entry["beta"], entry["arch"], entry["title"]) == (4.0, "mlp256", "β = 4")
    test = entry["test"]
    assert test["neg_elbo"] == pytest.approx(test["reconstruction"] + test["kl"], abs=2e-3)
    _, (x_test, _) = load_npz(mnist_like_npz)
    rescored = score_files(str(root / "beta-4"), "vae", to_model_input(x_test))
    assert test["neg_elbo"] == pytest.approx(rescored["neg_elbo"], abs=2e-3)
    manifest = read_manifest(str(root))
    assert {k: manifest[k] for k in kept} == kept and [m["name"] for m in manifest["models"]] == ["beta-4"]
    assert "map" in entry


# --- the committed β models ----------------------------------------------------------------------------

MAIN = read_manifest(EXPORTED)
TRAINING_ROOT = os.path.join(EXPORTED, os.path.dirname(MAIN.get("training_manifest", "")))


def test_the_main_manifest_names_the_training_manifest():
    assert MAIN.get("training_manifest") == "training/manifest.json"
    assert os.path.isfile(os.path.join(EXPORTED, MAIN["training_manifest"]))


@pytest.fixture(scope="module")
def betas():
    return read_manifest(TRAINING_ROOT)["models"]


def test_the_five_beta_models_are_listed_in_order(betas):
    assert [m["name"] for m in betas] == NAMES
    for m, beta in zip(betas, BETAS, strict=True):
        assert (m["kind"], m["arch"], m["latent_dim"], m["beta"]) == ("vae", "mlp256", 2, beta)
        assert m["title"] == f"β = {beta:g}" and m["encoder_output"] == "mu_logvar"
        assert m["map"]["file"] == f"{m['name']}/latent_map.bin" and "samples" in m
        assert not m.get("encoder_refinement"), "the page's own model has no refinement: neither have these"
        for part in ("encoder", "decoder"):
            assert os.path.isfile(os.path.join(TRAINING_ROOT, m[part]))


def test_the_test_figures_are_the_elbo_whatever_beta(betas):
    for m in betas:
        test = m["test"]
        assert test["images"] == 10000
        assert test["neg_elbo"] == pytest.approx(test["reconstruction"] + test["kl"], abs=2e-3), m["name"]


def test_kl_falls_and_reconstruction_rises_with_beta(betas):
    kl = np.array([m["test"]["kl"] for m in betas])
    reconstruction = np.array([m["test"]["reconstruction"] for m in betas])
    assert np.all(np.diff(kl) < 0), kl
    assert np.all(np.diff(reconstruction) > 0), reconstruction

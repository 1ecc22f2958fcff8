"""Export: TF.js graph models + manifest entry + latent map, atomic replacement, clear errors."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

import train.export as export
from tests.conftest import ROOT
from train.data import load_npz, to_model_input


def manifest(root):
    with open(os.path.join(root, "manifest.json")) as f:
        return json.load(f)


def test_export_writes_graph_models_and_manifest_entry(exported, tiny_run):
    m = manifest(exported)
    assert m["default"] == "tiny"
    [entry] = m["models"]
    assert entry["name"] == "tiny" and entry["title"] == "Tiny test VAE"
    assert entry["latent_dim"] == 2 and entry["kind"] == "vae" and entry["arch"] == "conv"
    assert entry["encoder_output"] == "mu_logvar"
    for part in ("encoder", "decoder"):
        folder = os.path.join(exported, "tiny", part)
        with open(os.path.join(folder, "model.json")) as f:
            model_json = json.load(f)
        assert model_json["format"] == "graph-model"
        assert entry[part] == f"tiny/{part}/model.json"
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        assert entry["bytes"][part] == size
    with open(os.path.join(tiny_run, "metrics.json")) as f:
        metrics = json.load(f)
    assert entry["test"]["neg_elbo"] == pytest.approx(metrics["test"]["neg_elbo"], abs=1e-3)
    assert entry["training"]["epochs"] == 2 and entry["training"]["train_images"] == 512
    assert set(entry["versions"]) == {"tensorflow", "keras", "tensorflowjs"}
    assert entry["versions"]["tensorflowjs"] == "4.22.0"
    assert entry["exported"].endswith("Z")
    assert not [f for f in os.listdir(exported) if f.startswith(".")], "no temporary files left"


def test_latent_map_holds_the_encoders_means(exported, keras_tiny, mnist_like_npz):
    entry = manifest(exported)["models"][0]
    info = entry["map"]
    _, (x_test, y_test) = load_npz(mnist_like_npz)
    n, dim = info["points"], entry["latent_dim"]
    assert n == len(x_test) == 128  # fewer test images than MAP_POINTS: all of them
    raw = open(os.path.join(exported, info["file"]), "rb").read()
    assert len(raw) == n * dim * 2 + n
    codes = np.frombuffer(raw[:n * dim * 2], "<i2").reshape(n, dim) * info["scale"]
    labels = np.frombuffer(raw[n * dim * 2:], np.uint8)
    mu, _ = keras_tiny[0].predict(to_model_input(x_test), verbose=0)
    assert np.abs(codes - mu).max() <= 0.0005 + 1e-6
    np.testing.assert_array_equal(labels, y_test)


def test_samples_figure_is_in_the_manifest(exported):
    samples = manifest(exported)["models"][0]["samples"]
    assert samples["samples"] == 2000 and 0 <= samples["confident"] <= 1
    assert sum(samples["classes"]) == round(samples["confident"] * 2000)


def test_failed_export_leaves_the_previous_model_untouched(tmp_path, tiny_run, monkeypatch):
    root = str(tmp_path / "out")
    export.export_run(tiny_run, root, name="m", data="", classifier="")
    before = manifest(root)
    files_before = sorted(os.listdir(os.path.join(root, "m", "decoder")))

    def broken(model, out_dir, work_dir, quantize=None):
        os.makedirs(os.path.join(out_dir, "decoder"))
        open(os.path.join(out_dir, "decoder", "model.json"), "w").write("{half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "export_models", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        export.export_run(tiny_run, root, name="m", data="", classifier="")
    assert manifest(root) == before
    assert sorted(os.listdir(os.path.join(root, "m", "decoder"))) == files_before
    with open(os.path.join(root, "m", "decoder", "model.json")) as f:
        assert json.load(f)["format"] == "graph-model"
    assert sorted(os.listdir(root)) == ["m", "manifest.json"]


def test_reexport_replaces_the_entry_in_place(tmp_path, tiny_run):
    root = str(tmp_path / "out")
    for name in ("a", "b", "a"):
        export.export_run(tiny_run, root, name=name, data="", classifier="")
    m = manifest(root)
    assert [e["name"] for e in m["models"]] == ["a", "b"] and m["default"] == "a"
    export.export_run(tiny_run, root, name="b", data="", classifier="", make_default=True)
    assert manifest(root)["default"] == "b"


@pytest.mark.parametrize("setup, message", [
    (lambda p: None, "run folder not found"),
    (lambda p: p.mkdir(), "config.json is missing"),
])
def test_cli_errors_are_one_line(tmp_path, setup, message):
    run = tmp_path / "run"
    setup(run)
    r = subprocess.run([sys.executable, "-m", "train.export", str(run), "--out", str(tmp_path / "o")],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("error: ") and message in r.stderr

"""Export: TF.js graph models + manifest entry + latent map, atomic replacement, clear errors."""

import json
import os
import shutil

import numpy as np
import pytest

import train.classifier
import train.export as export
from tests.training.cli import cli_error
from train.artifacts import sha256
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
    assert entry["test_keras"]["neg_elbo"] == pytest.approx(metrics["test"]["neg_elbo"], abs=1e-3)
    assert entry["training"]["epochs"] == 2 and entry["training"]["train_images"] == 512
    assert entry["training"]["run"] == os.path.basename(tiny_run)  # the folder whose checkpoint it is
    assert set(entry["versions"]) == {"tensorflow", "keras", "tensorflowjs"}
    assert entry["versions"]["tensorflowjs"] == "4.22.0"
    assert entry["exported"].endswith("Z")
    assert not [f for f in os.listdir(exported) if f.startswith(".")], "no temporary files left"


def test_a_warm_restart_is_recorded_in_the_manifest(exported, tiny_run):
    """A run started with --init-from says how many of its epochs came before the restart; a plain
    run's entry has no such field."""
    from train.export import manifest_entry, read_run

    config, metrics = read_run(tiny_run)
    folder = os.path.join(exported, "tiny")
    assert "restarted_after" not in manifest_entry("tiny", config, metrics, folder)["training"]
    restarted = manifest_entry(
        "tiny", {**config, "lr": 5e-4}, {**metrics, "epochs": 60, "restarted_after": 30}, folder
    )["training"]
    assert (restarted["epochs"], restarted["restarted_after"], restarted["lr"]) == (60, 30, 5e-4)


def test_shipped_precision_is_the_smallest_within_tolerance_scored_from_the_files(exported, mnist_like_npz):
    """--quantize auto (the default) tried float32, float16 and uint8; the manifest's "test" is the
    score of the files that ship, recomputed here from those files; the choice follows the rule."""
    from train.quantize import TOLERANCE_NATS, score_files

    [entry] = manifest(exported)["models"]
    tried = entry["precision"]["tried"]
    assert set(tried) == {"float32", "float16", "uint8"}
    assert tried["uint8"]["bytes"] < tried["float16"]["bytes"] < tried["float32"]["bytes"]
    within = [
        s for s in ("uint8", "float16", "float32") if tried[s]["score"] <= tried["float32"]["score"] + TOLERANCE_NATS
    ]
    assert entry["weights"] == within[0]
    assert entry["bytes"]["encoder"] + entry["bytes"]["decoder"] == tried[entry["weights"]]["bytes"]
    _, (x_test, _) = load_npz(mnist_like_npz)
    again = score_files(os.path.join(exported, "tiny"), "vae", to_model_input(x_test))
    assert entry["test"]["neg_elbo"] == pytest.approx(again["neg_elbo"], abs=1e-3)
    assert entry["test"]["neg_elbo"] == pytest.approx(tried[entry["weights"]]["score"], abs=1e-3)


def test_latent_map_holds_the_shipped_encoders_means(exported, keras_tiny, mnist_like_npz):
    """The map holds what the shipped encoder files give (the page's own codes), close to Keras's."""
    from train.artifacts import load_graph_model

    entry = manifest(exported)["models"][0]
    info = entry["map"]
    _, (x_test, y_test) = load_npz(mnist_like_npz)
    n, dim = info["points"], entry["latent_dim"]
    assert n == len(x_test) == 128  # fewer test images than MAP_POINTS: all of them
    raw = open(os.path.join(exported, info["file"]), "rb").read()
    assert len(raw) == n * dim * 2 + n
    codes = np.frombuffer(raw[: n * dim * 2], "<i2").reshape(n, dim) * info["scale"]
    labels = np.frombuffer(raw[n * dim * 2 :], np.uint8)
    encode, _ = load_graph_model(os.path.join(exported, entry["encoder"]))
    shipped_mu = encode(to_model_input(x_test))[:, :dim]
    assert np.abs(codes - shipped_mu).max() <= 0.0005 + 1e-6
    mu, _ = keras_tiny[0].predict(to_model_input(x_test), verbose=0)
    assert np.abs(codes - mu).max() <= 0.0005 + 0.02 * (1 + np.abs(mu).max())  # float32 or a smaller precision
    np.testing.assert_array_equal(labels, y_test)


def test_samples_figure_is_in_the_manifest(exported, tiny_classifier, keras_tiny):
    """The figure recomputed here: the Keras decoder's images of the 2,000 codes z ~ N(0, I) (seed 0)
    read by the judge; confident = max probability ≥ 0.9, classes = their argmax counts, digit score
    = exp(H(y) − H(y|x)) with scipy's entropy."""
    import keras
    import scipy.stats

    samples = manifest(exported)["models"][0]["samples"]
    assert (samples["samples"], samples["seed"]) == (2000, 0)
    z = np.random.default_rng(0).standard_normal((2000, 2)).astype(np.float32)
    images = np.asarray(keras_tiny[1].predict(z, verbose=0))
    probs = np.asarray(keras.saving.load_model(tiny_classifier).predict(images, verbose=0), np.float64)
    top = probs.max(axis=1)
    near = np.abs(top - 0.9) < 1e-5  # float noise may put a sample either side of the threshold
    assert abs(samples["confident"] - (top >= 0.9).mean()) <= near.mean() + 1e-12
    assert samples["mean_confidence"] == pytest.approx(top.mean(), rel=1e-4)
    classes = np.bincount(probs.argmax(axis=1)[top >= 0.9], minlength=10)
    assert np.abs(np.array(samples["classes"]) - classes).sum() <= near.sum()
    assert sum(samples["classes"]) == round(samples["confident"] * 2000)
    score = np.exp(scipy.stats.entropy(probs.mean(axis=0)) - scipy.stats.entropy(probs, axis=1).mean())
    assert samples["digit_score"] == pytest.approx(score, rel=1e-4)
    assert samples["classifier_sha256"] == sha256(tiny_classifier)
    with open(os.path.join(os.path.dirname(tiny_classifier), "metrics.json")) as f:
        accuracy = json.load(f)["test_accuracy"]
    # The judge lives outside the exported folder here, so the manifest cannot name its file.
    assert manifest(exported)["judge"] == {"file": None, "sha256": sha256(tiny_classifier), "test_accuracy": accuracy}


def test_judge_shipped_in_the_exported_folder_is_named_by_path(tmp_path, tiny_run, tiny_classifier):
    root = tmp_path / "out"
    (root / "judge").mkdir(parents=True)
    shutil.copy(tiny_classifier, root / "judge" / "classifier.keras")
    export.export_run(
        tiny_run, str(root), name="m", data="", classifier=str(root / "judge" / "classifier.keras"), quantize="float32"
    )
    judge = manifest(str(root))["judge"]
    assert judge["file"] == "judge/classifier.keras" and judge["sha256"] == sha256(tiny_classifier)
    assert judge["test_accuracy"] is None  # no metrics.json beside this copy


class FixedJudge:
    """A classifier that reads the n-th image it is shown as self.probs[n]."""

    def __init__(self, probs):
        self.probs = probs

    def predict(self, x, batch_size=None, verbose=0):
        assert len(x) == len(self.probs)
        return self.probs


def test_digit_score_in_the_manifest_is_the_mutual_information(tmp_path, tiny_run, tiny_classifier, monkeypatch):
    """The export's samples figure for a judge that reads the 2,000 samples as: 500 sure 0s, 500 sure 1s
    and 1,000 that are uniform over the ten digits. By hand: p(y) = (0.3, 0.3, 0.05 × 8); H(y) =
    −0.6 ln 0.3 − 0.4 ln 0.05; H(y|x) = ½ ln 10; digit score = exp(H(y) − H(y|x))."""
    probs = np.vstack([np.eye(10)[[0] * 500 + [1] * 500], np.full((1000, 10), 0.1)])
    monkeypatch.setattr(train.classifier, "load_classifier", lambda path: FixedJudge(probs))
    entry = export.export_run(tiny_run, str(tmp_path / "out"), name="m", data="", classifier=tiny_classifier)
    score = np.exp(-0.6 * np.log(0.3) - 0.4 * np.log(0.05) - 0.5 * np.log(10))
    # the hand derivation against the definition computed from the judge's readings themselves: the
    # mean KL of each sample's p(y|x) from the marginal p(y) (scipy), whose exp is the digit score
    import scipy.stats

    marginal = probs.mean(axis=0)
    assert np.exp(np.mean([scipy.stats.entropy(p, marginal) for p in probs])) == pytest.approx(score, rel=1e-12)
    samples = entry["samples"]
    assert samples["digit_score"] == pytest.approx(score, rel=1e-6)
    assert samples["confident"] == 0.5 and samples["mean_confidence"] == pytest.approx(0.55)
    assert samples["classes"] == [500, 500] + [0] * 8


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


@pytest.fixture
def run_copy(tmp_path, tiny_run):
    """A copy of the tiny run's config and metrics with a stand-in checkpoint file (the CLI's checks all
    come before the checkpoint is loaded)."""
    run = tmp_path / "run"
    run.mkdir()
    for name in ("config.json", "metrics.json"):
        shutil.copy(os.path.join(tiny_run, name), run / name)
    (run / "checkpoint.keras").write_bytes(b"")
    return run


def drop_key(path, key):
    with open(path) as f:
        value = json.load(f)
    del value[key]
    with open(path, "w") as f:
        json.dump(value, f)


@pytest.mark.parametrize(
    "break_it, args, message",
    [
        (lambda run, tmp: shutil.rmtree(run), [], "run folder not found"),
        (lambda run, tmp: os.remove(run / "config.json"), [], "config.json is missing"),
        (
            lambda run, tmp: (run / "config.json").write_text('{"kind": "vae",'),
            [],
            "config.json cannot be read (JSONDecodeError",
        ),
        (lambda run, tmp: (run / "config.json").write_text("[1, 2]"), [], "config.json holds list, not a JSON object"),
        (lambda run, tmp: drop_key(run / "config.json", "latent_dim"), [], "config.json lacks the key(s) latent_dim"),
        (lambda run, tmp: drop_key(run / "metrics.json", "test"), [], "metrics.json lacks the key(s) test"),
        (lambda run, tmp: os.remove(run / "checkpoint.keras"), [], "no checkpoint.keras in"),
        (
            lambda run, tmp: None,
            ["--classifier", "nowhere/classifier.keras"],
            "--classifier nowhere/classifier.keras not found",
        ),
        (lambda run, tmp: None, ["--data", "nowhere.npz"], "--data nowhere.npz not found"),
        (
            lambda run, tmp: (tmp / "blocker").write_text("x"),
            ["--out", "{tmp}/blocker"],
            "blocker is a file, not a folder",
        ),
        (
            lambda run, tmp: (tmp / "blocker").write_text("x"),
            ["--out", "{tmp}/blocker/models"],
            "blocker/models cannot be written (Not a directory)",
        ),
        (lambda run, tmp: None, ["--name", ".hidden"], "bad model name '.hidden'"),
    ],
)
def test_cli_errors_are_one_line(tmp_path, run_copy, break_it, args, message):
    break_it(run_copy, tmp_path)
    args = [a.format(tmp=tmp_path) for a in args]
    out = [] if "--out" in args else ["--out", tmp_path / "o"]
    line, _ = cli_error("train.export", run_copy, *out, *args)
    assert line.startswith("error: ") and message in line


def test_unloadable_checkpoint_is_explained(run_copy, tmp_path):
    line, _ = cli_error("train.export", run_copy, "--out", tmp_path / "o", "--classifier", "")
    assert line.startswith(f"error: cannot load {run_copy}/checkpoint.keras (")
    assert not os.path.exists(tmp_path / "o" / "run")

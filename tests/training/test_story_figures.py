"""The story's figures (train/story.py) recomputed independently: each step's exported graph model is
run from its files (train.artifacts.load_graph_model), its pictures are picked from the data by hand,
and the MSEs and the judge's "confident" shares are computed here with NumPy, then compared with the
manifest's numbers (rounded there to 6 and 4 decimals)."""

import json
import os

import numpy as np
import pytest

from train import story
from train.artifacts import load_graph_model, read_codes, sha256

QUICK = [
    "step1.epochs=30",
    "step2.epochs=30",
    "step3.pictures=24",
    "step3.epochs=8",
    "step3.pairs=20",
    "step3.batch_size=8",
    "step3.hidden=32",
]


@pytest.fixture(scope="module")
def story_run(tmp_path_factory, mnist_like_npz, tiny_classifier):
    base = tmp_path_factory.mktemp("story_figures")
    root, runs = str(base / "exported_model"), str(base / "runs")
    config = story.merge_config(QUICK)
    story.train_story(mnist_like_npz, root, runs, config, classifier=tiny_classifier, log=lambda *a: None)
    with open(os.path.join(root, "manifest.json")) as f:
        manifest = json.load(f)
    data = np.load(mnist_like_npz)
    return {
        "root": root,
        "config": config,
        "steps": {e["step"]: e for e in manifest["story"]},
        "x": data["x_train"].astype(np.float64) / 255,
        "y": data["y_train"],
    }


@pytest.fixture(scope="module")
def judge(tiny_classifier):
    import keras

    return keras.saving.load_model(tiny_classifier)


def decode(run, step, codes):
    model, _ = load_graph_model(os.path.join(run["root"], run["steps"][step]["model"]))
    return model(np.asarray(codes, np.float32)).reshape(len(codes), 28, 28).astype(np.float64)


def mse(a, b):
    return np.mean((a - b) ** 2)


def confident_share(judge, images):
    """Share of images whose most likely digit has probability ≥ 0.9."""
    probs = judge.predict(images.reshape(-1, 28, 28, 1).astype(np.float32), verbose=0)
    return np.mean(probs.max(axis=1) >= 0.9)


def test_step1_mse(story_run):
    cfg, entry = story_run["config"]["step1"], story_run["steps"][1]
    first = next(i for i, label in enumerate(story_run["y"]) if label == cfg["digit"])
    out = decode(story_run, 1, [[1.0]])
    assert entry["digit"] == cfg["digit"]
    assert entry["numbers"]["mse"] == pytest.approx(mse(out[0], story_run["x"][first]), abs=2e-6)
    assert entry["weights"] > entry["pixels"] == 784


def test_step2_mse_and_blends(story_run, judge, tiny_classifier):
    cfg, entry = story_run["config"]["step2"], story_run["steps"][2]
    picks = [next(i for i, label in enumerate(story_run["y"]) if label == d) for d in cfg["digits"]]
    images = story_run["x"][picks]
    k = len(picks)
    out = decode(story_run, 2, np.eye(k))
    pairs = [(a, b) for a in range(k) for b in range(k) if a < b]
    blends = decode(story_run, 2, [(np.eye(k)[a] + np.eye(k)[b]) / 2 for a, b in pairs])
    targets = np.array([(images[a] + images[b]) / 2 for a, b in pairs])
    n = entry["numbers"]
    assert n["stored"] == k and n["blends"] == len(pairs) == k * (k - 1) // 2
    assert n["mse"] == pytest.approx(mse(out, images), abs=2e-6)
    assert n["blend_mse"] == pytest.approx(mse(blends, targets), abs=2e-6)
    assert n["confident_stored"] == round(confident_share(judge, out), 4)
    assert n["confident_blend"] == round(confident_share(judge, blends), 4)
    assert entry["classifier_sha256"] == sha256(tiny_classifier)


def test_step3_mse_and_halfway_codes(story_run, judge):
    cfg, entry = story_run["config"]["step3"], story_run["steps"][3]
    info, n = entry["codes"], entry["numbers"]
    codes, labels = read_codes(os.path.join(story_run["root"], info["file"]), info["count"], info["dim"], info["scale"])
    count = cfg["pictures"]
    assert info["count"] == count and np.array_equal(labels, story_run["y"][:count])
    assert np.all(codes >= 0) and np.all(codes < cfg["code_max"])
    assert np.allclose(codes * 10, np.round(codes * 10))  # one decimal, as the story says
    images = story_run["x"][:count]
    out = decode(story_run, 3, codes)
    pairs = story.step3_pairs(cfg)
    assert len(pairs) == n["pairs"] == cfg["pairs"] and np.all(pairs[:, 0] != pairs[:, 1])
    halfway = decode(story_run, 3, (codes[pairs[:, 0]] + codes[pairs[:, 1]]) / 2)
    blend = (images[pairs[:, 0]] + images[pairs[:, 1]]) / 2
    assert n["mse_stored"] == pytest.approx(mse(out, images), abs=2e-6)
    assert n["mse_halfway"] == pytest.approx(mse(halfway, blend), abs=2e-6)
    assert n["confident_stored"] == round(confident_share(judge, out), 4)
    assert n["confident_halfway"] == round(confident_share(judge, halfway), 4)

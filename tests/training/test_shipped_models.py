"""The committed exported_model/: every model its manifest lists, whatever they are, checked from the
files the page downloads (run in Python by train.artifacts.load_graph_model) against its manifest
entry: shapes and latent size, outputs in [0, 1], the test scores re-scored on a fixed random 500 of
the MNIST test images (tests/fixtures/mnist_test500.npz, scripts/build_scoring_subset.py), the latent
map's codes, and the random-samples figure re-derived with the shipped judge.

Tolerance for a score: the manifest's figure is a mean over all N = 10,000 test images, ours a mean
over a simple random sample of n = 500 of them, so the two differ by about the sample's standard error
s/√n·√(1 − n/N) (s: the per-image spread in our sample, one z draw per image included); we allow 4 of
them. Figures computed from the same inputs (map codes, samples) must agree up to float32 arithmetic,
or up to the weight precision the model ships with."""

import json
import os

import numpy as np
import pytest

from tests.conftest import ROOT
from train.artifacts import load_graph_model, read_codes, read_manifest, sha256

EXPORTED = os.path.join(ROOT, "exported_model")
JUDGE = os.path.join(EXPORTED, "judge", "classifier.keras")
SUBSET = os.path.join(ROOT, "tests", "fixtures", "mnist_test500.npz")
MANIFEST = read_manifest(EXPORTED)
MODELS = MANIFEST["models"]
STANDARD_ERRORS = 4


def shape(tensor_info):
    return [int(d["size"]) for d in tensor_info["tensorShape"]["dim"]]


@pytest.fixture(scope="module")
def subset():
    with np.load(SUBSET) as f:
        return {"x": f["x"].astype(np.float32)[..., None] / 255, "y": f["y"], "indices": f["indices"],
                "population": int(f["population"])}


@pytest.fixture(scope="module")
def judge():
    import keras
    return keras.saving.load_model(JUDGE)


@pytest.fixture(scope="module", params=MODELS, ids=[m["name"] for m in MODELS])
def shipped(request):
    """(entry, decoder run, decoder signature, encoder run and signature or None for a model without one)."""
    entry = request.param
    decode, dec_sig = load_graph_model(os.path.join(EXPORTED, entry["decoder"]))
    encode, enc_sig = (load_graph_model(os.path.join(EXPORTED, entry["encoder"])) if entry.get("encoder")
                       else (None, None))
    return {"entry": entry, "decode": decode, "dec_sig": dec_sig, "encode": encode, "enc_sig": enc_sig}


def test_the_manifest_lists_models_and_a_default():
    assert MODELS and MANIFEST["default"] in {m["name"] for m in MODELS}
    assert len({m["name"] for m in MODELS}) == len(MODELS)


def test_shapes_and_sizes_match_the_manifest(shipped):
    entry, dim = shipped["entry"], shipped["entry"]["latent_dim"]
    [dec_in], [dec_out] = shipped["dec_sig"]["inputs"].values(), shipped["dec_sig"]["outputs"].values()
    assert shape(dec_in) == [-1, dim] and shape(dec_out) == [-1, 28, 28, 1]
    parts = ["decoder"]
    if shipped["encode"] is not None:
        [enc_in], [enc_out] = shipped["enc_sig"]["inputs"].values(), shipped["enc_sig"]["outputs"].values()
        width = 2 * dim if entry["encoder_output"] == "mu_logvar" else dim
        assert shape(enc_in) == [-1, 28, 28, 1] and shape(enc_out) == [-1, width]
        parts.append("encoder")
    for part in parts:
        folder = os.path.dirname(os.path.join(EXPORTED, entry[part]))
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        assert entry["bytes"][part] == size, part


def test_decoded_images_are_in_0_1(shipped):
    dim = shipped["entry"]["latent_dim"]
    rng = np.random.default_rng(5)
    z = np.vstack([rng.standard_normal((64, dim)), 4 * rng.standard_normal((16, dim)),
                   np.full((1, dim), 8.0), np.full((1, dim), -8.0)])
    out = shipped["decode"](z)
    assert out.min() >= 0 and out.max() <= 1
    assert np.all(out.reshape(len(z), -1).max(axis=1) - out.reshape(len(z), -1).min(axis=1) > 0.3)  # not blank


def per_image_scores(shipped, x, seed=0):
    """Σ-pixel BCE and KL per image (nats), one z per image, computed here from the graph models."""
    code = shipped["encode"](x).astype(np.float64)
    scores = {}
    if shipped["entry"]["encoder_output"] == "mu_logvar":
        mu, logvar = np.split(code, 2, axis=1)
        z = mu + np.exp(0.5 * logvar) * np.random.default_rng(seed).standard_normal(mu.shape)
        scores["kl"] = 0.5 * np.sum(mu ** 2 + np.exp(logvar) - logvar - 1, axis=1)
    else:
        z = code
    p = np.clip(shipped["decode"](z).astype(np.float64), 1e-7, 1 - 1e-7)
    t = x.astype(np.float64)
    scores["reconstruction"] = -np.sum(t * np.log(p) + (1 - t) * np.log(1 - p), axis=(1, 2, 3))
    if "kl" in scores:
        scores["neg_elbo"] = scores["reconstruction"] + scores["kl"]
    return scores


def test_test_scores_re_score_on_500_images(shipped, subset):
    if shipped["encode"] is None:
        pytest.skip(f"{shipped['entry']['name']} has no encoder: no reconstruction to score")
    recorded = shipped["entry"]["test"]
    scores = per_image_scores(shipped, subset["x"])
    n, population = len(subset["x"]), subset["population"]
    checked = [k for k in ("reconstruction", "kl", "neg_elbo") if k in recorded]
    assert "reconstruction" in checked
    for key in checked:
        values = scores[key]
        se = values.std(ddof=1) / np.sqrt(n) * np.sqrt(1 - n / population)
        assert abs(values.mean() - recorded[key]) <= STANDARD_ERRORS * se, \
            (key, values.mean(), recorded[key], se)


def test_latent_map_holds_the_encoders_codes(shipped, subset):
    entry = shipped["entry"]
    if "map" not in entry:
        pytest.skip(f"{entry['name']} ships no latent map")
    info, dim = entry["map"], entry["latent_dim"]
    codes, labels = read_codes(os.path.join(EXPORTED, info["file"]), info["points"], dim, info["scale"])
    inside = subset["indices"] < info["points"]  # the map holds the first `points` test images
    assert inside.sum() > 50
    np.testing.assert_array_equal(labels[subset["indices"][inside]], subset["y"][inside])
    code = shipped["encode"](subset["x"][inside]).astype(np.float64)[:, :dim]  # μ, or z
    error = np.abs(codes[subset["indices"][inside]] - np.clip(code, -32.767, 32.767))
    # the map holds the codes of these very files (train/export.py write_latent_map): rounding only
    assert error.max() <= info["scale"] / 2 + 1e-4 * (1 + np.abs(code).max())


def precision_tolerance(entry, float32, quantized):
    """How far a figure re-derived from the shipped files may be from one the export computed with
    the Keras model: float32 rounding, or the error of the smaller weight precision it ships with."""
    return float32 if entry.get("weights", "float32") == "float32" else quantized


def test_samples_figure_re_derives_with_the_shipped_judge(shipped, judge):
    entry = shipped["entry"]
    samples = entry.get("samples")
    if samples is None:
        pytest.skip(f"{entry['name']} has no samples figure")
    assert samples.get("classifier_sha256") == sha256(JUDGE), \
        f"{entry['name']}'s samples figure was not computed by the shipped judge: re-export it"
    z = np.random.default_rng(samples["seed"]).standard_normal((samples["samples"], entry["latent_dim"]))
    images = shipped["decode"](z.astype(np.float32))
    probs = np.asarray(judge.predict(images, batch_size=500, verbose=0), np.float64)
    marginal = probs.mean(axis=0)
    entropy = lambda p: -np.sum(np.where(p > 0, p * np.log(np.maximum(p, 1e-300)), 0), axis=-1)  # noqa: E731
    score = np.exp(entropy(marginal) - entropy(probs).mean())  # exp(I(x; y)) = exp(H(y) − H(y|x))
    confident = probs.max(axis=1) >= 0.9
    tol = precision_tolerance(entry, 1e-3, 0.03)
    assert samples["digit_score"] == pytest.approx(score, rel=tol)
    assert samples["confident"] == pytest.approx(confident.mean(), abs=tol)
    assert sum(samples["classes"]) == round(samples["confident"] * samples["samples"])


def test_the_judge_is_the_one_recorded(subset, judge):
    with open(os.path.join(os.path.dirname(JUDGE), "metrics.json")) as f:
        metrics = json.load(f)
    assert metrics["sha256"] == sha256(JUDGE)
    if "judge" in MANIFEST:
        assert MANIFEST["judge"]["sha256"] == sha256(JUDGE)
        assert MANIFEST["judge"]["test_accuracy"] == metrics["test_accuracy"]
    probs = judge.predict(subset["x"], verbose=0)
    accuracy, n = np.mean(probs.argmax(axis=1) == subset["y"]), len(subset["y"])
    se = np.sqrt(metrics["test_accuracy"] * (1 - metrics["test_accuracy"]) / n * (1 - n / subset["population"]))
    assert abs(accuracy - metrics["test_accuracy"]) <= STANDARD_ERRORS * se + 1 / n

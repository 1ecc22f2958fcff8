"""bench/reconstructions_read.py on the first 100 of the 500 scoring digits (tests/fixtures/mnist_test500.npz,
6 to 18 of each digit): a row per shipped model with an encoder, and one row re-derived here from the
shipped files."""

import os
import re
import subprocess
import sys

import numpy as np
import pytest

from tests.harness import EXPORTED, ROOT
from train.artifacts import load_graph_model, read_manifest


def run(*args):
    return subprocess.run(
        [sys.executable, "bench/reconstructions_read.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )


@pytest.fixture(scope="module")
def digits(tmp_path_factory):
    """The first 100 scoring digits as the test set of a Keras-layout .npz: (path, x, y). The refining
    encoders' steps are most of the bench's time, so fewer digits keep the test short."""
    subset = np.load(os.path.join(ROOT, "tests", "fixtures", "mnist_test500.npz"))
    x, y = subset["x"][:100], subset["y"][:100]
    path = tmp_path_factory.mktemp("mnist") / "mnist.npz"
    np.savez(path, x_train=x[:50], y_train=y[:50], x_test=x, y_test=y)
    return path, x, y


def test_a_row_per_model_with_an_encoder_and_one_re_derived(digits):
    from train.classifier import load_classifier
    from train.data import to_model_input

    path, x, y = digits
    r = run("--data", path)
    assert r.returncode == 0, r.stderr[-3000:]
    rows = {m[0]: (float(m[1]), int(m[2])) for m in re.findall(r"\| `([\w-]+)` \|.*?\| ([\d.]+)% \| (\d) \(", r.stdout)}
    main = read_manifest(EXPORTED)
    blur = read_manifest(os.path.dirname(os.path.join(EXPORTED, main["blur_manifest"])))
    assert set(rows) == {m["name"] for m in main["models"] + blur["models"] if m.get("encoder")}
    assert rows["vae-16d"][0] >= 90  # 98.9% on all 10,000
    # ae-2d again, by hand: its code through the decoder, the judge's digit against the label
    entry = next(m for m in main["models"] if m["name"] == "ae-2d")
    encode, _ = load_graph_model(os.path.join(EXPORTED, entry["encoder"]))
    decode, _ = load_graph_model(os.path.join(EXPORTED, entry["decoder"]))
    judge = load_classifier(os.path.join(EXPORTED, "judge", "classifier.keras"))
    images = decode(encode(to_model_input(x))[:, :2]).reshape(-1, 28, 28, 1)
    read = judge.predict(images, verbose=0).argmax(axis=1) == y
    per_digit = [read[y == d].mean() for d in range(10)]
    assert rows["ae-2d"] == (pytest.approx(100 * read.mean(), abs=0.051), int(np.argmin(per_digit)))


def test_a_missing_data_file_is_one_line(tmp_path):
    r = run("--data", tmp_path / "nope.npz")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == f"error: data file not found: {tmp_path / 'nope.npz'}"


def test_a_models_folder_without_the_judge_is_one_line(tmp_path, digits):
    r = run("--data", digits[0], "--models", tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == (
        f"error: no classifier at {tmp_path / 'judge' / 'classifier.keras'}; "
        "train one with `python -m train.classifier`"
    )

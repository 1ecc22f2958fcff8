"""bench/amortization_gap.py: optimising each image's (μ, log σ²) with the decoder fixed scores better
than the encoder's guess (what the gap it prints means), and its flags are checked."""

import subprocess
import sys

import numpy as np

from bench.amortization_gap import gap
from tests.conftest import ROOT
from train.artifacts import load_checkpoint
from train.data import load_npz, to_model_input
from train.models import parts


def test_per_image_codes_beat_the_encoders_guess(tiny_run, mnist_like_npz):
    encoder, decoder_logits = parts(load_checkpoint(tiny_run))
    _, (x_test, _) = load_npz(mnist_like_npz)
    before, after = gap(encoder, decoder_logits, to_model_input(x_test[:16]))
    assert np.isfinite(before) and after < before - 1.0, (before, after)


def test_a_bad_refine_flag_is_refused_in_one_line(tiny_run, mnist_like_npz):
    r = subprocess.run(
        [sys.executable, "bench/amortization_gap.py", tiny_run, "--data", mnist_like_npz, "--refine", "20,0.1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and r.stderr.strip().splitlines()[-1].endswith("--refine takes K,A,S, e.g. 20,0.1,4")


def test_a_plain_autoencoder_run_is_refused_in_one_line(tmp_path, mnist_like_npz):
    from train.__main__ import parse_args, train

    run = str(tmp_path / "ae")
    train(
        parse_args(
            [
                "--data",
                mnist_like_npz,
                "--epochs",
                "1",
                "--kind",
                "ae",
                "--arch",
                "mlp",
                "--limit-train",
                "128",
                "--limit-test",
                "32",
                "--out",
                run,
            ]
        )
    )
    r = subprocess.run(
        [sys.executable, "bench/amortization_gap.py", run, "--data", mnist_like_npz],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == (
        f"error: {run} is not a VAE: its encoder gives one code, no (μ, log σ²) to optimise"
    )

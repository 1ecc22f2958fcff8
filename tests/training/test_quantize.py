"""Choosing the shipped weight precision: the scores of exported files, and the choice rule."""

import os

import numpy as np
import pytest

from train.quantize import choose_scheme, headline, score_files


def scores(neg_elbo):
    return {"neg_elbo": neg_elbo, "reconstruction": neg_elbo - 5, "kl": 5.0, "images": 10}


def test_choose_scheme_takes_the_smallest_within_tolerance():
    assert choose_scheme({"float32": scores(100.0), "float16": scores(100.01), "uint8": scores(100.29)}) == "uint8"
    assert choose_scheme({"float32": scores(100.0), "float16": scores(100.01), "uint8": scores(100.31)}) == "float16"
    assert choose_scheme({"float32": scores(100.0), "float16": scores(100.5), "uint8": scores(101.0)}) == "float32"
    # a plain autoencoder has no −ELBO: judged by its reconstruction
    assert headline({"reconstruction": 80.0, "images": 1}) == 80.0
    assert choose_scheme({"float32": {"reconstruction": 80.0}, "uint8": {"reconstruction": 80.2}}) == "uint8"
    with pytest.raises(ValueError, match="float32"):
        choose_scheme({"uint8": scores(1.0)})


def test_score_files_matches_the_keras_model(tmp_path, tiny_run, mnist_like_npz):
    """The exported float32 files score what the Keras model scores (same ε, same images)."""
    import keras

    from train.data import load_npz, to_model_input
    from train.export import export_run

    exported = str(tmp_path)
    export_run(tiny_run, exported, name="tiny", data="", classifier="", quantize="float32")
    from train.metrics import evaluate
    from train.models import parts

    _, (x_test, _) = load_npz(mnist_like_npz)
    x = to_model_input(x_test)
    encoder, decoder_logits = parts(keras.saving.load_model(os.path.join(tiny_run, "checkpoint.keras")))
    want = evaluate(encoder, decoder_logits, x, kind="vae", seed=3)
    got = score_files(os.path.join(exported, "tiny"), "vae", x, seed=3)
    assert got["images"] == len(x)
    for key in ("reconstruction", "kl", "neg_elbo"):
        np.testing.assert_allclose(got[key], want[key], rtol=1e-4, err_msg=key)

"""Fixtures for the page's feature tests beyond tests/conftest.py's tiny 2-D VAE: a tiny plain
autoencoder and a tiny 16-D VAE, trained on the synthetic data by the real training code and exported
beside "tiny" into one models folder served by the real app, and their Keras halves for reference."""

import os
import shutil

import pytest

from tests.conftest import LiveServer


def train_run(out, data, *options):
    """Train a run with the real CLI code (tiny: a few batches of synthetic digits); returns its folder."""
    from train.__main__ import parse_args, train
    train(parse_args(["--data", data, "--batch-size", "64", "--out", out, *options]))
    return out


def keras_parts(run_dir):
    """A run's Keras encoder and (sigmoid) decoder, as the export saw them."""
    import keras

    from train.models import decoder_from, parts
    model = keras.saving.load_model(os.path.join(run_dir, "checkpoint.keras"))
    encoder, decoder_logits = parts(model)
    return encoder, decoder_from(decoder_logits)


@pytest.fixture(scope="session")
def tiny_ae_run(tmp_path_factory, mnist_like_npz):
    """A 2-D conv plain autoencoder (no KL, encoder gives z), one epoch."""
    return train_run(str(tmp_path_factory.mktemp("runs") / "tiny-ae"), mnist_like_npz, "--kind", "ae",
                     "--epochs", "1")


@pytest.fixture(scope="session")
def tiny_wide_run(tmp_path_factory, mnist_like_npz):
    """A 16-D conv VAE, one epoch."""
    return train_run(str(tmp_path_factory.mktemp("runs") / "tiny-16d"), mnist_like_npz, "--latent-dim", "16",
                     "--epochs", "1")


@pytest.fixture(scope="session")
def three_models(tmp_path_factory, exported, tiny_ae_run, tiny_wide_run, tiny_classifier):
    """A models folder with "tiny" (2-D VAE, the default), "tiny-ae" (2-D AE) and "tiny-16d" (16-D VAE)."""
    from train.export import export_run
    root = str(tmp_path_factory.mktemp("three") / "exported_model")
    shutil.copytree(exported, root)
    export_run(tiny_ae_run, root, name="tiny-ae", title="Tiny test AE", classifier=tiny_classifier)
    export_run(tiny_wide_run, root, name="tiny-16d", title="Wide test VAE", classifier=tiny_classifier)
    return root


@pytest.fixture(scope="session")
def three_models_server(three_models):
    server = LiveServer(three_models)
    yield server
    server.close()

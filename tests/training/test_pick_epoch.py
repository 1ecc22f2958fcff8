"""`python -m train --keep-epochs` and `python -m train.pick_epoch`: every epoch's checkpoint kept,
each scored with the judge (checked here against NumPy), and one made into a run folder that
`python -m train.export` ships with the epoch it came from."""

import csv
import json
import os

import numpy as np
import pytest

from tests.markdown import table
from tests.training.checkpoints import checkpoint_weights


def train_kept(tmp_path_factory, data, kind, name):
    """A `kind` model trained 2 epochs by the real CLI, each epoch kept; returns its run folder."""
    from train.__main__ import parse_args, train

    out = str(tmp_path_factory.mktemp("runs") / name)
    flags = ["--data", data, "--kind", kind, "--epochs", "2", "--keep-epochs", "--out", out]
    train(parse_args(flags + ["--limit-train", "128", "--limit-test", "64", "--batch-size", "64"]))
    return out


@pytest.fixture(scope="module")
def kept_run(tmp_path_factory, mnist_like_npz):
    """A VAE-GAN (it has an encoder, so every column is scored) trained 2 epochs, each kept."""
    return train_kept(tmp_path_factory, mnist_like_npz, "vaegan", "kept")


@pytest.fixture(scope="module")
def kept_gan(tmp_path_factory, mnist_like_npz):
    """A GAN (no encoder: no "training digits read"), as the shipped GAN was picked, 2 epochs kept."""
    return train_kept(tmp_path_factory, mnist_like_npz, "gan", "kept-gan")


def kept_weights(run, epoch):
    import keras

    from train.__main__ import kept_epoch_path

    return keras.saving.load_model(kept_epoch_path(run, epoch))


def sigmoid(logits):
    return (1 / (1 + np.exp(-np.asarray(logits, np.float64)))).reshape(-1, 28, 28, 1).astype(np.float32)


def test_each_epoch_is_kept_and_the_last_is_the_checkpoint(kept_run):
    assert sorted(os.listdir(os.path.join(kept_run, "epochs"))) == ["epoch-01.keras", "epoch-02.keras"]
    last = [np.array(w) for w in kept_weights(kept_run, 2).get_weights()]
    first = [np.array(w) for w in kept_weights(kept_run, 1).get_weights()]
    final = checkpoint_weights(kept_run)
    assert all(np.array_equal(a, b) for a, b in zip(last, final, strict=True))
    assert not all(np.array_equal(a, b) for a, b in zip(first, final, strict=True))


def test_scores_match_numpy(kept_run, mnist_like_npz, tiny_classifier, capsys):
    """The table's digit score, confident share, fewest of a digit and training digits read, for each
    epoch, recomputed from the judge's probabilities on seed 1's codes."""
    import keras

    from train.data import load_npz, to_model_input
    from train.pick_epoch import main

    main([kept_run, "--classifier", tiny_classifier, "--samples", "60"])
    rows = table(capsys.readouterr().out, "| epoch |")
    assert [row[0] for row in rows] == ["1", "2"]
    judge = keras.saving.load_model(tiny_classifier)
    (x_train, y_train), _ = load_npz(mnist_like_npz)
    x = to_model_input(x_train[:60])
    z = np.random.default_rng(1).standard_normal((60, 2)).astype(np.float32)
    for row in rows:
        model = kept_weights(kept_run, int(row[0]))
        check_sample_figures(row, judge, sigmoid(model.decoder_logits(z)))
        mu = np.asarray(model.encoder(x)[0])
        read = np.mean(np.asarray(judge(sigmoid(model.decoder_logits(mu)))).argmax(axis=1) == y_train[:60])
        assert float(row[5].rstrip("%")) == pytest.approx(100 * read, abs=0.06)


def check_sample_figures(row, judge, samples):
    """A table row's digit score, confident share and fewest of a digit, recomputed with NumPy from the
    judge's probabilities on `samples`."""
    p = np.asarray(judge(samples), np.float64)
    score = np.exp(np.mean(np.sum(p * (np.log(p + 1e-12) - np.log(p.mean(axis=0) + 1e-12)), axis=1)))
    confident = p.max(axis=1) >= 0.9
    fewest = np.bincount(p.argmax(axis=1)[confident], minlength=10).min()
    assert float(row[1]) == pytest.approx(score, abs=0.006)
    assert float(row[2].rstrip("%")) == pytest.approx(100 * confident.mean(), abs=0.06)
    assert int(row[3]) == fewest


def laplacian_variance(images):
    """Mean over images of the variance of the 4-neighbour Laplacian inside each, with SciPy's filter."""
    from scipy import ndimage

    x = np.asarray(images, np.float64).reshape(-1, 28, 28)
    lap = np.stack([ndimage.laplace(image, mode="constant")[1:-1, 1:-1] for image in x])
    return lap.reshape(len(x), -1).var(axis=1).mean()


def test_a_gans_epochs_are_scored_without_an_encoder(kept_gan, mnist_like_npz, tiny_classifier, capsys):
    """The GAN's table: no "training digits read" column; the sample figures and the sharpness (against
    the test digits, with SciPy's Laplacian) recomputed here."""
    import keras

    from train.data import load_npz, to_model_input
    from train.pick_epoch import main

    main([kept_gan, "--classifier", tiny_classifier, "--samples", "60"])
    out = capsys.readouterr().out
    assert "| epoch | digit score | confident | fewest of a digit | sharpness |\n|---|---|---|---|---|\n" in out
    rows = table(out, "| epoch |")
    assert [row[0] for row in rows] == ["1", "2"] and {len(row) for row in rows} == {5}
    judge = keras.saving.load_model(tiny_classifier)
    _, (x_test, _) = load_npz(mnist_like_npz)
    z = np.random.default_rng(1).standard_normal((60, 2)).astype(np.float32)
    for row in rows:
        samples = sigmoid(kept_weights(kept_gan, int(row[0])).decoder_logits(z))
        check_sample_figures(row, judge, samples)
        sharpness = laplacian_variance(samples) / laplacian_variance(to_model_input(x_test))
        assert float(row[4]) == pytest.approx(sharpness, abs=0.006)


def test_a_chosen_gan_epoch_becomes_a_run_the_export_ships(kept_gan, tmp_path):
    """As the shipped GAN was made: epoch 1 of 2 as a run folder, scored anew (sharpness, no −ELBO: no
    encoder), exported as a decoder alone that says which epoch it came from."""
    from train.export import export_run
    from train.pick_epoch import main

    out = str(tmp_path / "gan-epoch-1")
    main([kept_gan, "--epoch", "1", "--out", out])
    first = [np.array(w) for w in kept_weights(kept_gan, 1).get_weights()]
    assert all(np.array_equal(a, b) for a, b in zip(first, checkpoint_weights(out), strict=True))
    with open(os.path.join(out, "metrics.json")) as f:
        metrics = json.load(f)
    assert metrics["epochs"] == 1 and metrics["chosen_from"] == {"run": "kept-gan", "epochs": 2, "seed": 1}
    assert "neg_elbo" not in metrics["test"] and metrics["test"]["sharpness"] > 0
    with open(os.path.join(kept_gan, "metrics.json")) as f:
        assert metrics["test"]["sharpness"] != json.load(f)["test"]["sharpness"]  # epoch 1's own
    entry = export_run(out, str(tmp_path / "models"), data="", classifier="", quantize="float32")
    assert entry["kind"] == "gan" and entry["encoder"] is None
    assert entry["training"]["epochs"] == 1 and entry["training"]["chosen_from"]["epochs"] == 2


def test_a_chosen_epoch_becomes_a_run_the_export_ships(kept_run, tmp_path, tiny_classifier):
    from train.export import export_run
    from train.pick_epoch import main

    out = str(tmp_path / "epoch-1")
    main([kept_run, "--epoch", "1", "--out", out])
    first = [np.array(w) for w in kept_weights(kept_run, 1).get_weights()]
    assert all(np.array_equal(a, b) for a, b in zip(first, checkpoint_weights(out), strict=True))
    with open(os.path.join(out, "state.json")) as f:
        assert json.load(f)["epoch"] == 1
    with open(os.path.join(kept_run, "history.csv")) as f, open(os.path.join(out, "history.csv")) as g:
        assert list(csv.DictReader(g)) == list(csv.DictReader(f))[:1]
    with open(os.path.join(out, "metrics.json")) as f:
        metrics = json.load(f)
    assert metrics["epochs"] == 1 and metrics["chosen_from"] == {"run": "kept", "epochs": 2, "seed": 1}
    with open(os.path.join(kept_run, "metrics.json")) as f:
        assert metrics["test"]["neg_elbo"] != json.load(f)["test"]["neg_elbo"]  # scored anew, epoch 1's own
    entry = export_run(out, str(tmp_path / "models"), data="", classifier="", quantize="float32")
    assert entry["training"]["epochs"] == 1 and entry["training"]["chosen_from"]["epochs"] == 2


def test_bad_requests_say_what_is_wrong(kept_run, tiny_run, tmp_path, capsys):
    from train.pick_epoch import main

    with pytest.raises(SystemExit, match=r"^error: .*kept no epoch 5 \(kept: 1, 2\)$"):
        main([kept_run, "--epoch", "5", "--out", str(tmp_path / "x")])
    with pytest.raises(SystemExit, match=r"^error: no kept epochs in .*--keep-epochs\)$"):
        main([tiny_run])
    with pytest.raises(SystemExit, match=r"^error: .*nowhere/config.json is missing; did `python -m train"):
        main([str(tmp_path / "nowhere")])
    with pytest.raises(SystemExit, match="^error: --out names the run itself"):
        main([kept_run, "--epoch", "1", "--out", kept_run])
    with pytest.raises(SystemExit) as e:
        main([kept_run, "--epoch", "1"])
    assert e.value.code == 2 and "--epoch and --out go together" in capsys.readouterr().err
    assert not os.path.exists(tmp_path / "x")

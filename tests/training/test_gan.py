"""GAN and VAE-GAN: their train steps on tiny data, their checkpoints, their drawable decoders."""

import math
import os

import numpy as np
import pytest

from tests.conftest import make_digits
from train import DEFAULT_GAMMA
from train.data import to_model_input


@pytest.fixture(scope="module")
def images():
    return to_model_input(make_digits(256, seed=3)[0])


def fit(model, images, epochs):
    return {
        k: [float(v) for v in vs]
        for k, vs in model.fit(images, batch_size=64, epochs=epochs, shuffle=True, verbose=0).history.items()
    }


def assert_finite(history):
    for name, values in history.items():
        assert all(math.isfinite(v) for v in values), (name, values)


def test_gan_train_step(images):
    import keras

    from train.gan import build_gan

    keras.utils.set_random_seed(0)
    model = build_gan(latent_dim=2, learning_rate=1e-3, seed=0)
    history = fit(model, images, epochs=4)
    assert set(history) == {"loss", "d_loss", "g_loss", "d_accuracy"}
    assert_finite(history)
    assert max(history["d_accuracy"]) > 0.65  # the discriminator tells real from generated: off 50%
    assert history["loss"][-1] == pytest.approx(history["d_loss"][-1] + history["g_loss"][-1], rel=1e-5)


def test_vaegan_train_step(images):
    import keras

    from train.vaegan import build_vaegan

    keras.utils.set_random_seed(0)
    model = build_vaegan(latent_dim=2, learning_rate=1e-3, seed=0)
    history = fit(model, images, epochs=4)
    assert set(history) == {
        "loss",
        "kl",
        "feature_reconstruction",
        "d_loss",
        "adversarial",
        "d_accuracy",
        "reconstruction",
    }
    assert_finite(history)
    assert max(history["d_accuracy"]) > 0.65
    assert history["kl"][-1] > 0 and history["feature_reconstruction"][-1] > 0
    parts = ("kl", "feature_reconstruction", "d_loss", "adversarial")
    assert history["loss"][-1] == pytest.approx(sum(history[p][-1] for p in parts), rel=1e-5)


@pytest.mark.parametrize(
    "term, moves",
    [
        ("kl", {"encoder"}),
        ("feature_reconstruction", {"encoder", "decoder_logits"}),
        ("adversarial", {"decoder_logits"}),
        ("d_loss", {"discriminator"}),
    ],
)
def test_vaegan_updates_each_network_on_its_own_losses(images, term, moves):
    """The paper's separate updates: drop one loss term and only the networks trained on it take a
    different first step (same seed, same batch, same draws otherwise)."""
    import keras

    from train.vaegan import VAEGAN

    class Without(VAEGAN):
        def losses_for(self, x):
            out = super().losses_for(x)
            return {**out, term: 0.0 * out[term]}

    after = []
    for cls in (VAEGAN, Without):
        keras.utils.set_random_seed(1)
        model = cls(latent_dim=2, gamma=1.0, seed=1)
        model.compile()
        model.train_step(images[:32])
        after.append({part: [w.numpy() for w in getattr(model, part).weights] for part in model.optimizers})
    changed = {
        part for part in after[0] if not all(np.array_equal(a, b) for a, b in zip(after[0][part], after[1][part]))
    }
    assert changed == moves


@pytest.mark.parametrize("kind", ["gan", "vaegan"])
def test_checkpoint_restores_weights_and_optimiser_state(tmp_path, images, kind):
    import keras

    from train.gan import build_gan
    from train.vaegan import build_vaegan

    keras.utils.set_random_seed(0)
    model = (build_gan if kind == "gan" else build_vaegan)(latent_dim=3, seed=0)
    fit(model, images[:128], epochs=1)
    path = str(tmp_path / "checkpoint.keras")
    model.save(path)
    loaded = keras.saving.load_model(path)
    assert type(loaded) is type(model) and loaded.latent_dim == 3
    assert list(loaded.optimizers) == list(model.optimizers)
    for part, optimizer in model.optimizers.items():
        for a, b in zip(getattr(model, part).weights, getattr(loaded, part).weights):
            np.testing.assert_array_equal(a.numpy(), b.numpy())
        assert int(optimizer.iterations.numpy()) == 2  # 128 images, batches of 64
        for a, b in zip(optimizer.variables, loaded.optimizers[part].variables):
            np.testing.assert_array_equal(a.numpy(), b.numpy())


@pytest.mark.parametrize("kind", ["gan", "vaegan"])
def test_decoder_draws_like_a_vae_decoder(kind):
    from train.gan import build_gan
    from train.models import decoder_from
    from train.vaegan import build_vaegan

    model = (build_gan if kind == "gan" else build_vaegan)(latent_dim=2, seed=0)
    decoder = decoder_from(model.decoder_logits)
    out = np.asarray(decoder(np.random.default_rng(0).standard_normal((5, 2)).astype(np.float32)))
    assert out.shape == (5, 28, 28, 1) and out.min() >= 0 and out.max() <= 1


@pytest.mark.parametrize("kind", ["gan", "vaegan"])
def test_cli_trains_scores_and_resumes(tmp_path, mnist_like_npz, kind, monkeypatch):
    """One epoch, then --resume to two: the resumed run starts from the saved networks' weights (not
    fresh ones), keeps one history, and the end-of-training sharpness is that of the checkpoint's
    samples, recomputed here."""
    import csv
    import json
    import os

    import keras

    from tests.training.checkpoints import assert_resumed_from_the_checkpoint, checkpoint_weights, record_fit_start
    from train.__main__ import parse_args, train
    from train.data import load_npz
    from train.metrics import laplacian_variance, prior_codes

    out = str(tmp_path / kind)
    common = [
        "--data",
        mnist_like_npz,
        "--kind",
        kind,
        "--limit-train",
        "128",
        "--limit-test",
        "64",
        "--batch-size",
        "64",
        "--out",
        out,
    ]
    starts = record_fit_start(monkeypatch)
    first = train(parse_args(common + ["--epochs", "1"]))
    saved = checkpoint_weights(out)
    metrics = train(parse_args(common + ["--epochs", "2", "--resume"]))
    assert_resumed_from_the_checkpoint(starts, saved)
    with open(os.path.join(out, "config.json")) as f:
        config = json.load(f)
    assert config["kind"] == kind and config["lr"] == 2e-4
    assert config.get("gamma") == (DEFAULT_GAMMA if kind == "vaegan" else None)
    with open(os.path.join(out, "history.csv")) as f:
        rows = list(csv.DictReader(f))
    assert [r["epoch"] for r in rows] == ["0", "1"] and "val_d_accuracy" in rows[0]
    assert metrics["epochs"] == 2 and first["epochs"] == 1
    test = metrics["test"]
    assert test["images"] == 64 and test["samples"] == 2000
    model = keras.saving.load_model(os.path.join(out, "checkpoint.keras"))
    logits = np.asarray(model.decoder_logits.predict(prior_codes(2000, 2, seed=0), verbose=0), np.float64)
    x_test = to_model_input(load_npz(mnist_like_npz)[1][0][:64])
    assert test["sharpness"] == pytest.approx(
        laplacian_variance(1 / (1 + np.exp(-logits))) / laplacian_variance(x_test), rel=1e-4
    )
    if kind == "gan":
        assert set(test) == {"images", "samples", "sharpness"}  # nothing to reconstruct
    else:
        assert test["neg_elbo"] == pytest.approx(test["reconstruction"] + test["kl"])


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kind", "gan", "--gamma", "0.1"], "--kind gan has no use for it"),
        (["--kind", "vae", "--gamma", "0.1"], "--kind vae has no use for it"),
        (["--kind", "vaegan", "--gamma", "-1"], "--gamma must be a number ≥ 0"),
        (["--kind", "gan", "--beta", "2"], "a GAN has no encoder and no KL term"),
        (
            ["--kind", "gan", "--arch", "wide"],
            "the GAN's generator has one architecture, conv (train/gan.py), not --arch wide",
        ),
    ],
)
def test_adversarial_flags_are_checked(capsys, args, message):
    from train.__main__ import parse_args

    with pytest.raises(SystemExit):
        parse_args(args)
    assert message in capsys.readouterr().err


def test_cli_stops_on_nan(tmp_path, mnist_like_npz):
    from train.__main__ import parse_args, train
    from train.data import DataError

    args = parse_args(
        [
            "--data",
            mnist_like_npz,
            "--kind",
            "gan",
            "--epochs",
            "3",
            "--lr",
            "1e30",
            "--schedule",
            "constant",
            "--limit-train",
            "128",
            "--out",
            str(tmp_path / "nan"),
        ]
    )
    with pytest.raises(DataError, match="training diverged"):
        train(args)


@pytest.mark.parametrize("kind", ["gan", "vaegan"])
def test_two_steps_train_alike_on_tensorflow_and_jax(tmp_path, kind):
    """The same start, batches and draws (tests/training/two_steps.py): TensorFlow's tape and JAX's
    stateless step (train/adversarial_step.py) reach the same weights, moving statistics and logs. A
    step that used the discriminator from before its update for the generator, or one network's
    objective for another, would differ by about a whole step, not by float rounding."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.training.cli import JAX_QUICK_COMPILE

    images = tmp_path / "images.npy"
    np.save(images, to_model_input(make_digits(64, seed=5)[0]))
    runs = {}
    for backend in ("tensorflow", "jax"):  # TensorFlow first: it writes the start weights
        out = tmp_path / f"{backend}.npz"
        env = {**os.environ, "KERAS_BACKEND": backend, "JAX_PLATFORMS": "cpu", "TF_CPP_MIN_LOG_LEVEL": "3"}
        env.update(JAX_QUICK_COMPILE if backend == "jax" else {})
        args = [sys.executable, "-m", "tests.training.two_steps", kind, tmp_path / "start.weights.h5", images, out]
        r = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-3000:]
        runs[backend] = dict(np.load(out))
    tf_run, jax_run = runs["tensorflow"], runs["jax"]
    assert tf_run.keys() == jax_run.keys()
    weights = [name for name in tf_run if name.startswith("w")]
    from train.gan import build_gan
    from train.vaegan import build_vaegan

    model = (build_gan if kind == "gan" else build_vaegan)(latent_dim=2)
    assert len(weights) == len(model.trainable_variables)
    networks = {}
    for name in weights:
        moved = tf_run[name] - tf_run["s" + name[1:]]
        networks.setdefault(str(tf_run["p" + name[1:]]), []).append((moved, jax_run[name] - tf_run[name]))
    assert len(networks) == (2 if kind == "gan" else 3)
    for network, pairs in networks.items():
        # Adam divides each gradient by its own size, so where one is ~0 float rounding (and TensorFlow's
        # threaded sums, which vary with the machine's load) can flip its step; over a whole network such
        # weights are few: the steps agree far within 1% on a quiet machine, 2% seen under load; a step that
        # trained the wrong thing is ~60% apart
        # two Adam steps of lr 1e-3 move a weight by up to ~2e-3
        assert np.mean(np.concatenate([np.abs(moved).ravel() for moved, _ in pairs])) > 2e-4, network
        step = np.sqrt(sum(np.sum(np.square(moved)) for moved, _ in pairs))
        apart = np.sqrt(sum(np.sum(np.square(diff)) for _, diff in pairs))
        assert apart <= 0.05 * step, (network, apart / step)
    # the batch norms' moving statistics: the first step's batch statistics come from the same weights,
    # the second's from weights a float-rounding apart, so they agree to well within 1% of how far they moved
    moving = [name for name in tf_run if name.startswith("n")]
    assert len(moving) == len([v for v in model.variables if "moving" in v.path])
    if moving:
        moved = np.sqrt(sum(np.sum(np.square(tf_run[n] - tf_run["m" + n[1:]])) for n in moving))
        apart = np.sqrt(sum(np.sum(np.square(jax_run[n] - tf_run[n])) for n in moving))
        assert moved > 0 and apart <= 0.01 * moved, apart / moved
    logs = {name: float(tf_run[name]) for name in tf_run if name.startswith("log_")}
    assert logs and {name: float(jax_run[name]) for name in logs} == pytest.approx(logs, rel=1e-4)


@pytest.mark.parametrize("kind", ["gan", "vaegan"])
def test_cli_trains_on_jax_without_tensorflow_and_tensorflow_resumes(tmp_path, mnist_like_npz, kind):
    """`python -m train --kind gan|vaegan` on JAX in a process where TensorFlow cannot be imported (a
    GPU machine without it): the checkpoint holds each network's optimiser state (two steps made),
    and TensorFlow resumes it, one history, the step counts going on; then `python -m train.export`, in
    a new process that has not imported train.gan or train.vaegan before loading the checkpoint, ships it."""
    import csv
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.training.cli import run_cli_on
    from train.__main__ import parse_args, train
    from train.artifacts import load_checkpoint

    out = str(tmp_path / kind)
    common = ["--data", mnist_like_npz, "--kind", kind, "--limit-train", "128", "--limit-test", "64"]
    common += ["--batch-size", "64", "--out", out]
    r = run_cli_on("jax", *common, "--epochs", "1")
    assert r.returncode == 0, r.stderr[-3000:]
    assert "training on the jax backend" in r.stdout and "sharpness of 2000 random samples" in r.stdout
    model = load_checkpoint(out)
    for part, optimizer in model.optimizers.items():
        assert int(optimizer.iterations.numpy()) == 2, part
        moments = [np.abs(v.numpy()).max() for v in optimizer.variables if "momentum" in v.path]
        assert len(moments) == len(getattr(model, part).trainable_variables) and min(moments) > 0, part
    metrics = train(parse_args(common + ["--epochs", "2", "--resume"]))
    assert metrics["epochs"] == 2
    with open(os.path.join(out, "history.csv")) as f:
        assert [row["epoch"] for row in csv.DictReader(f)] == ["0", "1"]
    resumed = load_checkpoint(out)
    assert all(int(optimizer.iterations.numpy()) == 4 for optimizer in resumed.optimizers.values())
    exported = tmp_path / "exported"
    export = [sys.executable, "-m", "train.export", out, "--out", exported, "--classifier", "", "--quantize", "float32"]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    r = subprocess.run(export, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    with open(exported / "manifest.json") as f:
        [entry] = json.load(f)["models"]
    assert (entry["name"], entry["kind"], entry["training"]["epochs"]) == (kind, kind, 2)
    assert (entry["encoder"] is None) == (kind == "gan")

"""Training: the CLI's outputs, the loss really being reconstruction + KL, metrics, resume, NaN stop,
and a one-line error for every bad argument."""

import csv
import json
import os

import numpy as np
import pytest

from tests.training.checkpoints import assert_resumed_from_the_checkpoint, checkpoint_weights, record_fit_start
from tests.training.cli import cli_error, run_cli_on
from train.__main__ import diverged_message, parse_args, run_paths, train
from train.data import DataError, load_npz, to_model_input


def read_history(run):
    with open(os.path.join(run, "history.csv")) as f:
        return list(csv.DictReader(f))


def test_training_run_writes_checkpoint_logs_and_metrics(tiny_run):
    for name in ("config.json", "checkpoint.keras", "state.json", "history.csv", "metrics.json"):
        assert os.path.exists(os.path.join(tiny_run, name)), name
    assert os.listdir(os.path.join(tiny_run, "logs")), "TensorBoard logs"
    with open(os.path.join(tiny_run, "metrics.json")) as f:
        metrics = json.load(f)
    assert metrics["epochs"] == 2 and metrics["train_images"] == 512
    test = metrics["test"]
    assert test["images"] == 128
    assert test["kl"] > 0


def test_loss_is_reconstruction_plus_kl(tiny_run):
    """The optimised loss is BCE + KL, not BCE alone: each epoch's loss equals their sum."""
    for row in read_history(tiny_run):
        loss, recon, kl = float(row["loss"]), float(row["reconstruction"]), float(row["kl"])
        assert kl > 0.01
        # Keras averages each metric over the epoch's batches the same way, so they add up.
        assert loss == pytest.approx(recon + kl, rel=1e-3)
    rows = read_history(tiny_run)
    assert float(rows[-1]["loss"]) < float(rows[0]["loss"])


def test_test_metrics_match_an_independent_computation(tiny_run, keras_tiny, mnist_like_npz):
    """Recompute the test scores with NumPy: BCE from sigmoid probabilities, KL by formula."""
    import keras

    from train.metrics import evaluate
    from train.models import parts

    encoder, decoder = keras_tiny
    _, (x_test, _) = load_npz(mnist_like_npz)
    x = to_model_input(x_test)
    model = keras.saving.load_model(os.path.join(tiny_run, "checkpoint.keras"))
    scores = evaluate(*parts(model), x, seed=11)
    mu, logvar = (np.asarray(a, np.float64) for a in encoder.predict(x, verbose=0))
    rng = np.random.default_rng(11)
    z = mu + np.exp(0.5 * logvar) * rng.standard_normal(mu.shape)
    p = np.asarray(decoder.predict(z.astype(np.float32), verbose=0), np.float64)
    p = np.clip(p, 1e-12, 1 - 1e-12)
    bce = -(x * np.log(p) + (1 - x) * np.log(1 - p)).reshape(len(x), -1).sum(axis=1)
    kl = 0.5 * (mu**2 + np.exp(logvar) - logvar - 1).sum(axis=1)
    assert scores["reconstruction"] == pytest.approx(bce.mean(), rel=2e-3)
    assert scores["kl"] == pytest.approx(kl.mean(), rel=1e-4)
    assert scores["neg_elbo"] == pytest.approx(bce.mean() + kl.mean(), rel=2e-3)


def test_resume_continues_from_the_last_epoch(tmp_path, mnist_like_npz, monkeypatch):
    """--resume trains on from the checkpoint: the weights and the optimizer state (Adam's step count)
    that the first run saved, the next epoch number, one history. A resume that built a fresh model
    instead would start from the first run's initial weights, at step 0, and (same seed, same data)
    repeat its first epoch's loss; the resumed epoch's loss is below it."""
    out = str(tmp_path / "run")
    common = [
        "--data",
        mnist_like_npz,
        "--batch-size",
        "64",
        "--limit-train",
        "256",
        "--limit-test",
        "64",
        "--out",
        out,
        "--latent-dim",
        "3",
        "--arch",
        "mlp",
        "--schedule",
        "constant",
    ]
    starts = record_fit_start(monkeypatch)
    train(parse_args(common + ["--epochs", "1"]))
    first = read_history(out)
    saved = checkpoint_weights(out)
    train(parse_args(common + ["--epochs", "2", "--resume"]))
    assert_resumed_from_the_checkpoint(starts, saved)
    assert (starts[0]["iterations"], starts[1]["iterations"]) == (0, 256 // 64)
    with open(os.path.join(out, "state.json")) as f:
        assert json.load(f)["epoch"] == 2
    rows = read_history(out)
    assert [r["epoch"] for r in rows] == ["0", "1"]
    assert rows[0] == first[0]
    assert float(rows[1]["loss"]) < float(rows[0]["loss"]) - 5.0, (rows[0]["loss"], rows[1]["loss"])
    with open(os.path.join(out, "config.json")) as f:
        assert json.load(f)["latent_dim"] == 3


def test_same_seed_same_result(tmp_path, mnist_like_npz):
    scores = []
    for name in ("a", "b"):
        args = parse_args(
            [
                "--data",
                mnist_like_npz,
                "--epochs",
                "1",
                "--limit-train",
                "128",
                "--limit-test",
                "32",
                "--arch",
                "mlp",
                "--seed",
                "4",
                "--out",
                str(tmp_path / name),
            ]
        )
        scores.append(train(args)["test"]["neg_elbo"])
    assert scores[0] == pytest.approx(scores[1], rel=1e-5)


def test_init_from_restarts_another_runs_weights_with_a_new_schedule(tmp_path, mnist_like_npz):
    """--init-from: the new run starts from the old one's trained weights (with a learning rate too
    small to move them it ends where the old run ended, and scores the same), takes the old run's
    model settings and counts both runs' epochs; the old run is left as it was."""
    import keras

    first, second = str(tmp_path / "first"), str(tmp_path / "second")
    common = ["--data", mnist_like_npz, "--limit-train", "256", "--limit-test", "64"]
    old_scores = train(parse_args(common + ["--epochs", "2", "--latent-dim", "3", "--arch", "mlp", "--out", first]))
    before = os.path.getmtime(os.path.join(first, "checkpoint.keras"))
    args = parse_args(
        common + ["--epochs", "1", "--lr", "1e-12", "--schedule", "constant", "--init-from", first, "--out", second]
    )
    metrics = train(args)
    assert metrics["epochs"] == 3 and metrics["restarted_after"] == 2
    with open(os.path.join(second, "config.json")) as f:
        config = json.load(f)
    assert (config["latent_dim"], config["arch"], config["init_from"], config["init_epochs"]) == (3, "mlp", first, 2)
    old = keras.saving.load_model(os.path.join(first, "checkpoint.keras"))
    new = keras.saving.load_model(os.path.join(second, "checkpoint.keras"))
    for a, b in zip(old.get_weights(), new.get_weights()):  # a learning rate of 1e-12 moves nothing
        np.testing.assert_allclose(a, b, atol=1e-6)
    assert os.path.getmtime(os.path.join(first, "checkpoint.keras")) == before
    assert metrics["test"]["neg_elbo"] == pytest.approx(old_scores["test"]["neg_elbo"], rel=1e-4)


def test_bad_init_from_is_a_one_line_error(tmp_path, mnist_like_npz, tiny_run):
    line, _ = cli_error("train", "--data", mnist_like_npz, "--init-from", tmp_path / "nowhere", "--out", tmp_path / "r")
    assert line == (
        f"error: --init-from: {tmp_path / 'nowhere'} is neither a run folder (no checkpoint.keras) "
        "nor a model its folder's manifest.json names"
    )
    line, _ = cli_error("train", "--init-from", tiny_run, "--resume", "--out", tmp_path / "r")
    assert line.endswith(
        "error: --init-from starts a new run from another one; --resume continues --out's own run: use one"
    )
    line, _ = cli_error("train", "--data", mnist_like_npz, "--init-from", tiny_run, "--out", tiny_run)
    assert line == "error: --init-from names --out itself; to continue a run use --resume"
    gan = tmp_path / "gan"  # a GAN's run folder: three networks, nothing to restart from
    gan.mkdir()
    (gan / "config.json").write_text(json.dumps({"latent_dim": 2, "arch": "conv", "kind": "gan"}))
    (gan / "state.json").write_text(json.dumps({"epoch": 8}))
    (gan / "checkpoint.keras").write_text("not read")
    line, _ = cli_error("train", "--data", mnist_like_npz, "--init-from", gan, "--out", tmp_path / "r")
    assert line == f"error: --init-from: {gan} is a gan; only a VAE or AE run can be restarted"


def vaegan_started_from(tmp_path, mnist_like_npz, source):
    """A VAE-GAN run of one epoch at a learning rate too small to move a weight, started from source."""
    import keras

    from train.vaegan import VAEGAN

    out = str(tmp_path / "vaegan")
    common = ["--data", mnist_like_npz, "--limit-train", "64", "--limit-test", "32", "--batch-size", "32"]
    flags = ["--kind", "vaegan", "--epochs", "1", "--lr", "1e-12", "--schedule", "constant"]
    metrics = train(parse_args(common + flags + ["--init-from", source, "--out", out]))
    model = keras.saving.load_model(os.path.join(out, "checkpoint.keras"))
    assert isinstance(model, VAEGAN)
    with open(os.path.join(out, "config.json")) as f:
        config = json.load(f)
    assert (config["kind"], config["latent_dim"], config["arch"], config["init_from"]) == ("vaegan", 2, "conv", source)
    assert metrics["epochs"] == 3 and metrics["restarted_after"] == 2  # the tiny VAE's 2, then 1
    return model


def test_a_vaegan_starts_from_a_vae_runs_encoder_and_decoder(tmp_path, mnist_like_npz, tiny_run):
    """--kind vaegan --init-from RUN: the VAE-GAN's encoder and decoder are the VAE's, weight for weight;
    the discriminator is new."""
    import keras

    from tests.conftest import keras_parts
    from train.models import parts

    model = vaegan_started_from(tmp_path, mnist_like_npz, tiny_run)
    vae_encoder, vae_decoder_logits = parts(keras.saving.load_model(os.path.join(tiny_run, "checkpoint.keras")))
    for mine, theirs in ((model.encoder, vae_encoder), (model.decoder_logits, vae_decoder_logits)):
        for a, b in zip(mine.get_weights(), theirs.get_weights(), strict=True):
            np.testing.assert_allclose(a, b, atol=1e-6)
    _, vae_decoder = keras_parts(tiny_run)
    z = np.random.default_rng(3).normal(size=(16, 2)).astype("float32")
    drawn = 1 / (1 + np.exp(-np.asarray(model.decoder_logits(z))))
    np.testing.assert_allclose(drawn, np.asarray(vae_decoder(z)), atol=1e-5)


def test_a_vaegan_starts_from_a_shipped_vaes_files(tmp_path, mnist_like_npz, exported, keras_tiny):
    """--init-from exported_model/NAME: the weights come from the TF.js files alone; the VAE-GAN's
    decoder draws what the shipped decoder draws (run in Python from the files), and its encoder's μ is
    the trained VAE's (the files hold its weights quantized)."""
    from train.artifacts import load_graph_model, read_manifest

    model = vaegan_started_from(tmp_path, mnist_like_npz, os.path.join(exported, "tiny"))
    [entry] = read_manifest(exported)["models"]
    decode, _ = load_graph_model(os.path.join(exported, entry["decoder"]))
    z = np.random.default_rng(4).normal(size=(32, 2)).astype("float32")
    drawn = 1 / (1 + np.exp(-np.asarray(model.decoder_logits(z))))
    np.testing.assert_allclose(drawn, decode(z), atol=1e-4)
    x = to_model_input(load_npz(mnist_like_npz)[1][0][:32])
    keras_encoder, _ = keras_tiny
    mu, _ = model.encoder(x)
    np.testing.assert_allclose(np.asarray(mu), np.asarray(keras_encoder(x)[0]), atol=0.05)


def test_a_vaegan_starts_from_a_shipped_refined_vaes_files(tmp_path, mnist_like_npz, tiny_run):
    """As the shipped VAE-GAN was made: --init-from a VAE exported with a refining encoder, whose files
    also carry the decoder's copy that the refinement runs through (train/refine.py). The VAE-GAN's
    encoder and decoder are the VAE's own, weight for weight (float32 files), not the copy's arrays."""
    import keras

    from train.export import export_run
    from train.models import parts

    refine = {"steps": 2, "step_size": 0.05, "samples": 2}
    root = str(tmp_path / "models")
    options = {"data": mnist_like_npz, "classifier": "", "quantize": "float32", "refine": refine}
    entry = export_run(tiny_run, root, name="refined", **options)
    assert entry["encoder_refinement"] == refine
    model = vaegan_started_from(tmp_path, mnist_like_npz, os.path.join(root, "refined"))
    vae_encoder, vae_decoder_logits = parts(keras.saving.load_model(os.path.join(tiny_run, "checkpoint.keras")))
    for mine, theirs in ((model.encoder, vae_encoder), (model.decoder_logits, vae_decoder_logits)):
        assert len(mine.get_weights()) == len(theirs.get_weights()) > 0
        for a, b in zip(mine.get_weights(), theirs.get_weights(), strict=True):
            np.testing.assert_allclose(a, b, atol=1e-6)


def test_graph_weights_into_refuses_another_architecture(exported):
    from train.artifacts import ArtifactError, graph_weights_into, read_manifest
    from train.models import build_decoder_logits

    [entry] = read_manifest(exported)["models"]
    wide = build_decoder_logits(2, "wide")
    with pytest.raises(ArtifactError, match=r"has no one array for decoder_logits's .*: not the same architecture$"):
        graph_weights_into(wide, os.path.join(exported, entry["decoder"]))


def test_a_vaegan_starts_only_from_a_vae(tmp_path, mnist_like_npz, capsys):
    ae = tmp_path / "ae"  # an autoencoder's run folder: no σ for the VAE-GAN's encoder to start from
    ae.mkdir()
    (ae / "config.json").write_text(json.dumps({"latent_dim": 2, "arch": "conv", "kind": "ae"}))
    (ae / "state.json").write_text(json.dumps({"epoch": 8}))
    (ae / "checkpoint.keras").write_text("not read")
    flags = ["--data", mnist_like_npz, "--kind", "vaegan", "--init-from", ae, "--out", tmp_path / "r"]
    line, _ = cli_error("train", *flags)
    assert line == f"error: --init-from: {ae} holds kind ae; a VAE-GAN starts from a VAE (kind vae)"
    with pytest.raises(SystemExit):
        parse_args(["--kind", "gan", "--init-from", str(ae)])
    message = "--init-from starts from a VAE or AE; a GAN has no encoder and trains from scratch"
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--init-from", "--resume"])
def test_a_damaged_checkpoint_is_a_one_line_error(tmp_path, mnist_like_npz, tiny_run, flag):
    import shutil

    damaged = tmp_path / "damaged"
    shutil.copytree(tiny_run, damaged)
    (damaged / "checkpoint.keras").write_bytes(b"truncated")
    out = damaged if flag == "--resume" else tmp_path / "r"
    args = [flag] if flag == "--resume" else [flag, damaged]
    line, _ = cli_error("train", "--data", mnist_like_npz, *args, "--out", out)
    assert line.startswith(f"error: cannot load {damaged}/checkpoint.keras (")


def test_training_stops_on_nan(tmp_path, mnist_like_npz):
    """Diverging in the first epoch saves no checkpoint, and the message says so."""
    out = tmp_path / "nan"
    args = parse_args(
        [
            "--data",
            mnist_like_npz,
            "--epochs",
            "3",
            "--lr",
            "1e30",
            "--schedule",
            "constant",
            "--arch",
            "mlp",
            "--limit-train",
            "256",
            "--out",
            str(out),
        ]
    )
    with pytest.raises(DataError, match=r"training diverged \(loss became nan\); no checkpoint was saved"):
        train(args)
    assert len(read_history(str(out))) < 3
    assert not (out / "checkpoint.keras").exists()


def test_resume_keeps_the_runs_own_settings(tmp_path, mnist_like_npz):
    """`--resume` with only --out and --epochs continues the run as it was made: config.json (which
    the export reads) still says its β, learning rate, schedule and batch size, not the defaults."""
    out = str(tmp_path / "run")
    common = ["--data", mnist_like_npz, "--limit-train", "128", "--limit-test", "32", "--out", out]
    made = ["--arch", "mlp", "--beta", "2", "--lr", "5e-4", "--schedule", "constant", "--batch-size", "32"]
    train(parse_args(common + made + ["--epochs", "1"]))
    with open(os.path.join(out, "config.json")) as f:
        before = json.load(f)
    train(parse_args(common + ["--epochs", "2", "--resume"]))
    with open(os.path.join(out, "config.json")) as f:
        after = json.load(f)
    assert {k: after[k] for k in ("arch", "beta", "lr", "schedule", "batch_size")} == {
        "arch": "mlp",
        "beta": 2.0,
        "lr": 5e-4,
        "schedule": "constant",
        "batch_size": 32,
    }
    assert after == {**before, "epochs": 2}
    assert len(read_history(out)) == 2


def test_nan_message_names_only_a_checkpoint_that_exists(tmp_path):
    paths = run_paths(str(tmp_path))
    fresh, resumed = parse_args(["--out", str(tmp_path)]), parse_args(["--out", str(tmp_path), "--resume"])
    message = diverged_message(float("nan"), fresh, paths, saved=[1, 2])
    assert f"the checkpoint after epoch 2 is {paths['checkpoint']}" in message
    assert "still holds the run it resumed" in diverged_message(float("nan"), resumed, paths, saved=[])
    assert "no checkpoint was saved" in diverged_message(float("inf"), fresh, paths, saved=[])


def test_plain_autoencoder_has_no_kl(tmp_path, mnist_like_npz):
    args = parse_args(
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
            str(tmp_path / "ae"),
        ]
    )
    test = train(args)["test"]
    assert set(test) == {"images", "reconstruction"}  # no KL, so no −ELBO either
    # the reconstruction recomputed with NumPy from the checkpoint: z = the encoder's code, no sampling
    from tests.conftest import keras_parts

    encoder, decoder = keras_parts(str(tmp_path / "ae"))
    _, (x_test, _) = load_npz(mnist_like_npz)
    x = to_model_input(x_test[:32])
    z = np.asarray(encoder.predict(x, verbose=0))
    assert z.shape == (32, 2)  # one deterministic code per image, not (μ, log σ²)
    p = np.clip(np.asarray(decoder.predict(z, verbose=0), np.float64), 1e-12, 1 - 1e-12)
    bce = -(x * np.log(p) + (1 - x) * np.log(1 - p)).reshape(len(x), -1).sum(axis=1)
    assert test["images"] == 32 and test["reconstruction"] == pytest.approx(bce.mean(), rel=2e-3)


def test_cli_help(capsys):
    with pytest.raises(SystemExit) as e:
        parse_args(["--help"])
    assert e.value.code == 0
    assert "--latent-dim" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--epochs", "0"], "--epochs must be at least 1, not 0"),
        (["--limit-train", "0"], "--limit-train must be at least 1, not 0"),
        (["--limit-train", "-1"], "--limit-train must be at least 1, not -1"),
        (["--limit-test", "0"], "--limit-test must be at least 1, not 0"),
        (["--lr", "nan"], "--lr must be a positive number, not nan"),
        (["--lr", "inf"], "--lr must be a positive number, not inf"),
        (["--beta", "-1"], "--beta must be a number ≥ 0, not -1.0"),
        (["--beta", "nan"], "--beta must be a number ≥ 0, not nan"),
    ],
)
def test_bad_arguments_are_one_line_errors(capsys, args, message):
    with pytest.raises(SystemExit) as e:
        parse_args(args)
    assert e.value.code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"python -m train: error: {message}"


def test_bad_argument_through_the_real_command():
    line, _ = cli_error("train", "--lr", "nan")
    assert line == "python -m train: error: --lr must be a positive number, not nan"


@pytest.mark.parametrize(
    "out, message",
    [
        ("blocker", "is a file, not a folder"),
        ("blocker/run", "cannot be written (Not a directory)"),
    ],
)
def test_unusable_out_fails_before_any_work(tmp_path, mnist_like_npz, out, message):
    (tmp_path / "blocker").write_text("a file where the run folder should be")
    line, result = cli_error("train", "--data", mnist_like_npz, "--out", tmp_path / out)
    assert line == f"error: --out {tmp_path / out} {message}"
    assert "training on" not in result.stdout  # TensorFlow never started


def test_a_vae_trains_on_jax_and_its_checkpoint_continues_on_tensorflow(tmp_path, mnist_like_npz):
    """On JAX the loop takes NumPy arrays (no tf.data), so the same CLI trains without TensorFlow:
    the loss falls, the history has no "kl" column there (no metric state inside a layer on JAX)
    rather than a false 0, and TensorFlow scores its checkpoint as JAX did and restarts from it."""
    import keras

    from train.metrics import evaluate
    from train.models import parts

    out = str(tmp_path / "jax")
    common = [
        "--data",
        mnist_like_npz,
        "--limit-train",
        "512",
        "--limit-test",
        "128",
        "--latent-dim",
        "2",
        "--out",
        out,
    ]
    r = run_cli_on("jax", *common, "--epochs", "2")
    assert r.returncode == 0, r.stderr
    assert "training on the jax backend" in r.stdout
    rows = read_history(out)
    assert len(rows) == 2 and "kl" not in rows[0]
    assert float(rows[1]["loss"]) < float(rows[0]["loss"])
    with open(os.path.join(out, "metrics.json")) as f:
        jax_scores = json.load(f)["test"]
    assert jax_scores["kl"] > 0 and jax_scores["neg_elbo"] == pytest.approx(
        jax_scores["reconstruction"] + jax_scores["kl"]
    )
    # TensorFlow (this process) reads the JAX checkpoint and scores it as JAX did (same seed, same ε)
    model = keras.saving.load_model(os.path.join(out, "checkpoint.keras"))
    _, (x_test, _) = load_npz(mnist_like_npz)
    tf_scores = evaluate(*parts(model), to_model_input(x_test[:128]), seed=0)
    assert tf_scores["neg_elbo"] == pytest.approx(jax_scores["neg_elbo"], rel=1e-4)
    metrics = train(parse_args(common[:-1] + [str(tmp_path / "tf"), "--init-from", out, "--epochs", "1"]))
    assert metrics["epochs"] == 3


def test_the_adversarial_kinds_are_refused_on_a_backend_they_cannot_train_on(tmp_path, mnist_like_npz):
    r = run_cli_on("numpy", "--data", mnist_like_npz, "--kind", "gan", "--epochs", "1", "--out", tmp_path / "gan")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == (
        "error: --kind gan trains on TensorFlow or JAX; run it with KERAS_BACKEND=tensorflow or jax (now numpy)"
    )


def test_a_backend_keras_cannot_load_is_refused_in_one_line(tmp_path, mnist_like_npz):
    r = run_cli_on("jaxx", "--data", mnist_like_npz, "--epochs", "1", "--out", tmp_path / "run")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == (
        "error: Keras cannot load the backend KERAS_BACKEND='jaxx' names (Unable to import backend : jaxx); "
        "leave KERAS_BACKEND unset for TensorFlow, or name one installed here, e.g. jax"
    )

"""`python -m train`: train a VAE (or an autoencoder, GAN, VAE-GAN) on MNIST and score it on the test set.

    python -m train --data ../shared/data/mnist.npz --latent-dim 2 --epochs 60 --out runs/vae-2d
    python -m train --data ../shared/data/mnist.npz --kind gan --latent-dim 2 --epochs 20 --out runs/gan-2d
    python -m train --data ../shared/data/mnist.npz --init-from runs/vae-16d --epochs 20 --lr 3e-4 \
        --out runs/vae-16d-more
    python -m train --data ../shared/data/mnist.npz --kind vaegan --init-from exported_model/vae-2d \
        --epochs 12 --out runs/vaegan-2d-warm

Writes into --out:
    config.json           the arguments, so `--resume` and `python -m train.export` know the model
    checkpoint.keras      the whole model + optimizer state, saved after every epoch
    state.json            the last finished epoch and seconds per epoch
    history.csv           per-epoch loss, reconstruction and KL (train and validation)
    logs/                 TensorBoard logs (`tensorboard --logdir runs`; TensorFlow backend only)
    metrics.json          test-set negative ELBO, reconstruction and KL in nats/image; for a GAN or
                          VAE-GAN also the sharpness of random samples (train/metrics.py)

Runs on the Keras backend that KERAS_BACKEND names (TensorFlow by default, fed by tf.data; on any
other backend training takes NumPy arrays, so every kind also trains on JAX, e.g. on a GPU machine
without TensorFlow; the checkpoint it writes resumes and exports here as usual). On TensorFlow: a
GPU when TensorFlow sees one, and tf.distribute.MirroredStrategy across several. The GAN and the
VAE-GAN train on TensorFlow or JAX (train/adversarial_step.py).
"""

import argparse
import json
import math
import os
import shutil
import sys
import time

from train import ADVERSARIAL_KINDS, ARCHITECTURES, DEFAULT_GAMMA, KINDS
from train.artifacts import (
    MANIFEST,
    ArtifactError,
    check_writable_folder,
    graph_weights_into,
    load_checkpoint,
    load_graph_model,
    read_manifest,
)
from train.data import DataError, load_mnist, to_model_input


def parse_args(argv=None):
    p = argparse.ArgumentParser(
        prog="python -m train",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument(
        "--data",
        help="MNIST-layout .npz (x_train, y_train, x_test, y_test); "
        "without it, keras.datasets.mnist (downloads; needs internet)",
    )
    p.add_argument("--out", default="runs/vae", help="run folder for checkpoints, logs and metrics")
    p.add_argument("--latent-dim", type=int, default=2, help="size of the code z")
    p.add_argument("--arch", choices=ARCHITECTURES, default="conv", help="encoder/decoder architecture")
    p.add_argument(
        "--kind",
        choices=KINDS + ADVERSARIAL_KINDS,
        default="vae",
        help="vae; ae: a plain autoencoder (deterministic code, no KL term); gan: a generator "
        "and a discriminator, no encoder; vaegan: a VAE whose decoder is also a GAN's generator",
    )
    p.add_argument("--beta", type=float, default=1.0, help="weight of the KL term (1 = the ELBO)")
    p.add_argument(
        "--gamma",
        type=float,
        help=f"vaegan: weight of the feature-space reconstruction in the decoder's loss (default {DEFAULT_GAMMA})",
    )
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128, help="global batch size")
    p.add_argument("--lr", type=float, help="Adam's peak learning rate (default 1e-3; 2e-4 for gan and vaegan)")
    p.add_argument(
        "--schedule",
        choices=("cosine", "constant"),
        default="cosine",
        help="learning rate: cosine decay to 1%% of --lr over all epochs, or constant",
    )
    p.add_argument("--seed", type=int, default=0, help="seed for weights, shuffling and sampling")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue from --out's last checkpoint, with the run's own settings; --epochs sets the new end",
    )
    p.add_argument(
        "--keep-epochs",
        action="store_true",
        help="also keep every epoch's checkpoint, as epochs/epoch-NN.keras in --out "
        "(python -m train.pick_epoch scores them and makes a run folder of the one chosen)",
    )
    p.add_argument(
        "--init-from",
        metavar="RUN",
        help="start from a trained VAE or AE with a new learning-rate schedule over --epochs (a warm "
        "restart): a run folder, or a shipped model's folder (e.g. exported_model/vae-2d, its weights read "
        "from its TF.js files); the model settings are RUN's, and the epochs reported count RUN's too. "
        "With --kind vaegan, RUN is a VAE whose encoder and decoder the VAE-GAN starts from (its "
        "discriminator starts new)",
    )
    p.add_argument("--limit-train", type=int, help="use only the first N training images")
    p.add_argument("--limit-test", type=int, help="score only the first N test images")
    args = p.parse_args(argv)
    adversarial_defaults(p, args)
    args.init_epochs = 0  # --init-from: the epochs of the run it starts from (set when that run is read)
    if args.init_from and args.resume:
        p.error("--init-from starts a new run from another one; --resume continues --out's own run: use one")
    if args.init_from and args.kind == "gan":
        p.error("--init-from starts from a VAE or AE; a GAN has no encoder and trains from scratch")
    for name in ("latent_dim", "epochs", "batch_size", "limit_train", "limit_test"):
        value = getattr(args, name)
        if value is not None and value < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1, not {value}")
    if not (math.isfinite(args.lr) and args.lr > 0):
        p.error(f"--lr must be a positive number, not {args.lr}")
    if not (math.isfinite(args.beta) and args.beta >= 0):
        p.error(f"--beta must be a number ≥ 0, not {args.beta}")
    return args


def adversarial_defaults(p, args):
    """Fill in --lr and --gamma for the kind; refuse the flags a kind has no use for."""
    if args.lr is None:
        args.lr = 2e-4 if args.kind in ADVERSARIAL_KINDS else 1e-3
    if args.gamma is not None and args.kind != "vaegan":
        p.error(f"--gamma weighs the VAE-GAN's losses; --kind {args.kind} has no use for it")
    if args.kind == "vaegan":
        args.gamma = DEFAULT_GAMMA if args.gamma is None else args.gamma
        if not (math.isfinite(args.gamma) and args.gamma >= 0):
            p.error(f"--gamma must be a number ≥ 0, not {args.gamma}")
    if args.kind == "gan" and args.beta != 1.0:
        p.error("--beta weighs the KL term; a GAN has no encoder and no KL term")
    if args.kind == "gan" and args.arch != "conv":
        p.error(f"the GAN's generator has one architecture, conv (train/gan.py), not --arch {args.arch}")


def import_keras():
    """Keras on the backend KERAS_BACKEND names, or a one-line DataError when it cannot load it
    (a misspelt name, or a backend whose package this machine lacks)."""
    try:
        import keras
    except (ImportError, ValueError) as e:
        backend = os.environ.get("KERAS_BACKEND")
        which = f"the backend KERAS_BACKEND={backend!r} names" if backend else "its default backend"
        raise DataError(
            f"Keras cannot load {which} ({e}); leave KERAS_BACKEND unset for TensorFlow, "
            "or name one installed here, e.g. jax"
        ) from None
    return keras


def check_backend(kind, backend):
    """The adversarial kinds' training step (train/adversarial_step.py) runs on TensorFlow and JAX:
    refuse them on another backend in one line."""
    from train.adversarial_step import BACKENDS

    if kind in ADVERSARIAL_KINDS and backend not in BACKENDS:
        raise DataError(
            f"--kind {kind} trains on TensorFlow or JAX; run it with KERAS_BACKEND=tensorflow or jax (now {backend})"
        )


def make_strategy(backend):
    """TensorFlow: MirroredStrategy across several GPUs, else the default one. Another backend: no
    strategy (Keras places the model on its first accelerator). A context manager either way."""
    import contextlib

    if backend != "tensorflow":
        print(f"training on the {backend} backend", flush=True)
        return contextlib.nullcontext()
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    if len(gpus) > 1:
        strategy = tf.distribute.MirroredStrategy()
    else:
        strategy = tf.distribute.get_strategy()
    where = f"{len(gpus)} GPU(s)" if gpus else "CPU (no GPU visible to TensorFlow)"
    print(f"training on {where}; {strategy.num_replicas_in_sync} replica(s)", flush=True)
    return strategy.scope()


def run_paths(out):
    return {
        name: os.path.join(out, file)
        for name, file in (
            ("checkpoint", "checkpoint.keras"),
            ("state", "state.json"),
            ("config", "config.json"),
            ("history", "history.csv"),
            ("logs", "logs"),
            ("metrics", "metrics.json"),
            ("epochs", "epochs"),
        )
    }


def kept_epoch_path(out, epoch):
    """Where --keep-epochs keeps the checkpoint after `epoch` (counted from 1, like state.json's)."""
    return os.path.join(run_paths(out)["epochs"], f"epoch-{epoch:02d}.keras")


# What --resume takes from the run's config.json, whatever the command line says: the checkpoint holds
# the model and optimisers these made, and config.json (rewritten by the resumed run) must describe them.
RESUMED_SETTINGS = ("beta", "gamma", "lr", "schedule", "batch_size", "seed", "limit_train", "limit_test")


def shipped_model(folder):
    """(models folder, manifest entry) when folder is a shipped model's (a models folder's NAME/, named
    by that folder's manifest.json), else None."""
    root, name = os.path.split(os.path.normpath(folder))
    if not os.path.exists(os.path.join(root, MANIFEST)):
        return None
    for entry in read_manifest(root)["models"]:
        if (entry.get("decoder") or "").startswith(name + "/"):
            return root, entry
    return None


def check_init_kind(args, folder, kind):
    """--init-from's source kind against --kind: a VAE-GAN starts from a VAE; otherwise the run takes
    the source's kind, a VAE or AE."""
    if args.kind == "vaegan":
        if kind != "vae":
            raise DataError(f"--init-from: {folder} holds kind {kind}; a VAE-GAN starts from a VAE (kind vae)")
        return
    if kind not in KINDS:
        raise DataError(f"--init-from: {folder} is a {kind}; only a VAE or AE run can be restarted")
    args.kind = kind


def read_init_source(args, folder):
    """--init-from: copy the source's model settings into args; returns its epochs (those of a run it
    was itself started from included). The source is a run folder or a shipped model's folder."""
    if not os.path.exists(run_paths(folder)["checkpoint"]) and (shipped := shipped_model(folder)):
        _, entry = shipped
        check_init_kind(args, folder, entry["kind"])
        args.latent_dim, args.arch = entry["latent_dim"], entry["arch"]
        return int(entry.get("training", {}).get("epochs", 0))  # (0 where the manifest does not say)
    if not os.path.exists(run_paths(folder)["checkpoint"]):
        raise DataError(
            f"--init-from: {folder} is neither a run folder (no checkpoint.keras) "
            "nor a model its folder's manifest.json names"
        )
    return read_run_state("--init-from", args, folder)


def read_run_state(flag, args, folder):
    """For --resume (folder = --out) and --init-from (folder = RUN): copy the run's model settings into
    args; returns the run's last finished epoch, counting the epochs of a run it was itself started from."""
    paths = run_paths(folder)
    for key in ("checkpoint", "config", "state"):
        if not os.path.exists(paths[key]):
            raise DataError(f"{flag}: no {os.path.basename(paths[key])} in {folder}")
    try:
        with open(paths["config"]) as f:
            saved = json.load(f)
        args.latent_dim, args.arch, kind = saved["latent_dim"], saved["arch"], saved["kind"]
        with open(paths["state"]) as f:
            epoch = int(json.load(f)["epoch"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise DataError(f"{flag}: cannot read the run in {folder} ({type(e).__name__}: {e})") from None
    if flag == "--init-from":
        check_init_kind(args, folder, kind)
    else:
        args.kind = kind
    if flag == "--resume":  # the run's own settings (a restarted run resumed stays one); --epochs is the new end
        for key in RESUMED_SETTINGS:
            if key in saved:
                setattr(args, key, saved[key])
        args.init_from, args.init_epochs = saved.get("init_from"), saved.get("init_epochs", 0)
        return epoch
    return epoch + saved.get("init_epochs", 0)


def build(args, paths, steps_per_epoch, keras):
    """(model, first epoch): a new compiled model, or the checkpoint to resume."""
    from train.models import build_model, compile_model

    if args.resume:
        initial_epoch = read_run_state("--resume", args, args.out)
        print(f"resuming {args.out} after epoch {initial_epoch}", flush=True)
        return load_checkpoint(args.out), initial_epoch
    if args.kind in ADVERSARIAL_KINDS:
        model = build_adversarial(args, steps_per_epoch)
        if args.init_from:
            start_from(model, args.init_from, args.init_epochs)
        return model, 0
    model = build_model(args.latent_dim, args.arch, args.kind, args.beta, seed=args.seed)
    if args.init_from:
        start_from(model, args.init_from, args.init_epochs)
    lr = args.lr
    if args.schedule == "cosine":
        lr = keras.optimizers.schedules.CosineDecay(args.lr, decay_steps=steps_per_epoch * args.epochs, alpha=0.01)
    compile_model(model, keras.optimizers.Adam(lr))
    return model, 0


def start_from(model, folder, epochs):
    """Give the new model's encoder and decoder the weights of --init-from's (a run's checkpoint, or a
    shipped model's TF.js files, checked to draw what the files draw); a VAE-GAN's discriminator
    keeps its new weights."""
    import numpy as np

    from train.models import parts

    networks = parts(model)
    if os.path.exists(run_paths(folder)["checkpoint"]):
        source = parts(load_checkpoint(folder))
        for network, trained in zip(networks, source):
            network.set_weights(trained.get_weights())
    else:
        root, entry = shipped_model(folder)
        encoder, decoder_logits = networks
        graph_weights_into(encoder, os.path.join(root, entry["encoder"]))
        graph_weights_into(decoder_logits, os.path.join(root, entry["decoder"]))
        decode, _ = load_graph_model(os.path.join(root, entry["decoder"]))
        z = np.random.default_rng(0).normal(size=(64, decoder_logits.input_shape[-1])).astype(np.float32)
        drawn = 1 / (1 + np.exp(-np.asarray(decoder_logits(z))))
        if not np.allclose(drawn, decode(z), atol=1e-3):
            raise ArtifactError(f"{folder}'s decoder read into Keras does not draw what its files draw")
    print(f"starting from {folder}'s weights ({epochs} epochs)", flush=True)


def build_adversarial(args, steps_per_epoch):
    """A new GAN or VAE-GAN; each network has its own Adam, all with --lr and --schedule."""
    from train.gan import build_gan
    from train.vaegan import build_vaegan

    decay_steps = steps_per_epoch * args.epochs if args.schedule == "cosine" else None
    common = {
        "latent_dim": args.latent_dim,
        "arch": args.arch,
        "learning_rate": args.lr,
        "decay_steps": decay_steps,
        "seed": args.seed,
    }
    if args.kind == "gan":
        return build_gan(**common)
    return build_vaegan(gamma=args.gamma, beta=args.beta, **common)


def fit(model, args, paths, x_train, x_test, initial_epoch):
    """Train with a checkpoint after every finite epoch; returns (Keras history, epochs saved by this run)."""
    import keras
    import numpy as np

    epoch_times, saved = [], []

    class EpochState(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t0 = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            epoch_times.append(time.perf_counter() - self.t0)
            if logs and not all(math.isfinite(v) for v in logs.values()):
                return  # TerminateOnNaN stops; keep the last good checkpoint
            self.model.save(paths["checkpoint"])
            if args.keep_epochs:
                os.makedirs(paths["epochs"], exist_ok=True)
                shutil.copyfile(paths["checkpoint"], kept_epoch_path(args.out, epoch + 1))
            with open(paths["state"], "w") as f:
                json.dump({"epoch": epoch + 1, "seconds_per_epoch": float(np.median(epoch_times))}, f)
            saved.append(epoch + 1)

    callbacks = [
        EpochState(),
        keras.callbacks.TerminateOnNaN(),
        keras.callbacks.CSVLogger(paths["history"], append=args.resume),
    ]
    if keras.backend.backend() == "tensorflow":  # Keras writes TensorBoard logs with tf.summary
        callbacks.append(keras.callbacks.TensorBoard(paths["logs"]))
    history = model.fit(
        **fit_data(args, x_train, x_test),
        epochs=args.epochs,
        initial_epoch=initial_epoch,
        callbacks=callbacks,
        verbose="auto",
    )
    return history, saved


def fit_data(args, x_train, x_test):
    """model.fit's data, shuffled every epoch. TensorFlow: a tf.data pipeline (faster on the CPU than
    Keras' own array batching; docs/models.md has the timing). Any other backend: the NumPy arrays, so
    that a machine without TensorFlow can train."""
    import keras

    if keras.backend.backend() != "tensorflow":
        return {
            "x": x_train,
            "y": x_train,
            "batch_size": args.batch_size,
            "shuffle": True,
            "validation_data": (x_test, x_test),
            "validation_batch_size": 500,
        }
    import tensorflow as tf

    train_ds = (
        tf.data.Dataset.from_tensor_slices((x_train, x_train))
        .shuffle(len(x_train), seed=args.seed, reshuffle_each_iteration=True)
        .batch(args.batch_size)
        .prefetch(tf.data.AUTOTUNE)
    )
    return {
        "x": train_ds,
        "shuffle": False,  # (the pipeline shuffles; Keras would warn it cannot)
        "validation_data": tf.data.Dataset.from_tensor_slices((x_test, x_test)).batch(500),
    }


def diverged_message(loss, args, paths, saved):
    """The NaN stop's message: it names a checkpoint only if one holds finite weights."""
    if saved:
        where = f"the checkpoint after epoch {saved[-1]} is {paths['checkpoint']}"
    elif args.resume:
        where = f"{paths['checkpoint']} still holds the run it resumed"
    else:
        where = "no checkpoint was saved (it diverged in the first epoch)"
    return f"training diverged (loss became {loss}); {where}; try a smaller --lr"


def train(args):
    check_writable_folder(args.out)  # before any work: a bad --out or --data fails in a second
    if args.init_from:
        if os.path.abspath(args.init_from) == os.path.abspath(args.out):
            raise DataError("--init-from names --out itself; to continue a run use --resume")
        args.init_epochs = read_init_source(args, args.init_from)
    (x_train, _), (x_test, _) = load_mnist(args.data)  # (before importing Keras and its backend)

    keras = import_keras()
    check_backend(args.kind, keras.backend.backend())

    from train.metrics import end_of_training_scores

    x_train = to_model_input(x_train[: args.limit_train])
    x_test = to_model_input(x_test[: args.limit_test])
    paths = run_paths(args.out)
    keras.utils.set_random_seed(args.seed)
    with make_strategy(keras.backend.backend()):
        model, initial_epoch = build(args, paths, math.ceil(len(x_train) / args.batch_size), keras)
    with open(paths["config"], "w") as f:
        json.dump({k: v for k, v in vars(args).items() if k != "resume"}, f, indent=2)
    history, saved = fit(model, args, paths, x_train, x_test, initial_epoch)
    losses = history.history.get("loss", [])
    if losses and not math.isfinite(losses[-1]):
        raise DataError(diverged_message(losses[-1], args, paths, saved))

    scores = end_of_training_scores(model, args.kind, x_test, seed=args.seed)
    with open(paths["state"]) as f:
        state = json.load(f)
    metrics = {
        "test": scores,
        "epochs": state["epoch"] + args.init_epochs,
        "train_images": int(len(x_train)),
        "seconds_per_epoch": state["seconds_per_epoch"],
        "data": os.path.basename(args.data) if args.data else "keras.datasets.mnist",
    }
    if args.init_from:  # a warm restart: how many of the epochs were the run it started from
        metrics["restarted_after"] = args.init_epochs
    with open(paths["metrics"], "w") as f:
        json.dump(metrics, f, indent=2)
    line = ", ".join(f"{k} {v:.2f}" for k, v in scores.items() if k in ("neg_elbo", "reconstruction", "kl"))
    print(f"test set ({scores['images']} images), nats/image: {line or 'none (no encoder)'}", flush=True)
    if "sharpness" in scores:
        print(f"sharpness of {scores['samples']} random samples: {scores['sharpness']:.2f} × real digits'")
    return metrics


def main(argv=None):
    args = parse_args(argv)
    try:
        train(args)
    except (DataError, ArtifactError) as e:
        sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()

"""`python -m train`: train a VAE (or a plain autoencoder) on MNIST and score it on the test set.

    python -m train --data ../shared/data/mnist.npz --latent-dim 2 --epochs 60 --out runs/vae-2d

Writes into --out:
    config.json           the arguments, so `--resume` and `python -m train.export` know the model
    checkpoint.keras      the whole model + optimizer state, saved after every epoch
    state.json            the last finished epoch and seconds per epoch
    history.csv           per-epoch loss, reconstruction and KL (train and validation)
    logs/                 TensorBoard logs (`tensorboard --logdir runs`)
    metrics.json          test-set negative ELBO, reconstruction and KL in nats/image

Uses a GPU when TensorFlow sees one, and tf.distribute.MirroredStrategy across several.
"""

import argparse
import json
import math
import os
import sys
import time

from train.data import DataError, load_mnist, to_model_input
from train import ARCHITECTURES, KINDS


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m train", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--data", help="MNIST-layout .npz (x_train, y_train, x_test, y_test); "
                                  "without it, keras.datasets.mnist (downloads; needs internet)")
    p.add_argument("--out", default="runs/vae", help="run folder for checkpoints, logs and metrics")
    p.add_argument("--latent-dim", type=int, default=2, help="size of the code z")
    p.add_argument("--arch", choices=ARCHITECTURES, default="conv", help="encoder/decoder architecture")
    p.add_argument("--kind", choices=KINDS, default="vae",
                   help="vae, or ae: a plain autoencoder (deterministic code, no KL term)")
    p.add_argument("--beta", type=float, default=1.0, help="weight of the KL term (1 = the ELBO)")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128, help="global batch size")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam's peak learning rate")
    p.add_argument("--schedule", choices=("cosine", "constant"), default="cosine",
                   help="learning rate: cosine decay to 1%% of --lr over all epochs, or constant")
    p.add_argument("--seed", type=int, default=0, help="seed for weights, shuffling and sampling")
    p.add_argument("--resume", action="store_true", help="continue from --out's last checkpoint")
    p.add_argument("--limit-train", type=int, help="use only the first N training images")
    p.add_argument("--limit-test", type=int, help="score only the first N test images")
    args = p.parse_args(argv)
    for name in ("latent_dim", "epochs", "batch_size"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if args.lr <= 0:
        p.error("--lr must be positive")
    return args


def make_strategy(tf):
    gpus = tf.config.list_physical_devices("GPU")
    if len(gpus) > 1:
        strategy = tf.distribute.MirroredStrategy()
    else:
        strategy = tf.distribute.get_strategy()
    where = f"{len(gpus)} GPU(s)" if gpus else "CPU (no GPU visible to TensorFlow)"
    print(f"training on {where}; {strategy.num_replicas_in_sync} replica(s)", flush=True)
    return strategy


def train(args):
    (x_train, _), (x_test, _) = load_mnist(args.data)  # before importing TensorFlow: fail fast

    import warnings

    import keras
    import numpy as np
    import tensorflow as tf
    warnings.filterwarnings("ignore", message=".*shuffle=True. was passed")  # we shuffle in tf.data

    from train.metrics import evaluate
    from train.models import build_model, compile_model, parts

    x_train = to_model_input(x_train[:args.limit_train])
    x_test = to_model_input(x_test[:args.limit_test])
    os.makedirs(args.out, exist_ok=True)
    ckpt_path = os.path.join(args.out, "checkpoint.keras")
    state_path = os.path.join(args.out, "state.json")
    config_path = os.path.join(args.out, "config.json")

    keras.utils.set_random_seed(args.seed)
    strategy = make_strategy(tf)
    steps_per_epoch = math.ceil(len(x_train) / args.batch_size)
    initial_epoch = 0
    with strategy.scope():
        if args.resume:
            if not os.path.exists(ckpt_path):
                raise DataError(f"--resume: no checkpoint at {ckpt_path}")
            with open(config_path) as f:
                saved = json.load(f)
            for key in ("latent_dim", "arch", "kind"):
                setattr(args, key, saved[key])
            model = keras.saving.load_model(ckpt_path)
            with open(state_path) as f:
                initial_epoch = json.load(f)["epoch"]
            print(f"resuming {args.out} after epoch {initial_epoch}", flush=True)
        else:
            model = build_model(args.latent_dim, args.arch, args.kind, args.beta, seed=args.seed)
            lr = args.lr
            if args.schedule == "cosine":
                lr = keras.optimizers.schedules.CosineDecay(
                    args.lr, decay_steps=steps_per_epoch * args.epochs, alpha=0.01)
            compile_model(model, keras.optimizers.Adam(lr))
    with open(config_path, "w") as f:
        json.dump({k: v for k, v in vars(args).items() if k != "resume"}, f, indent=2)

    train_ds = (tf.data.Dataset.from_tensor_slices((x_train, x_train))
                .shuffle(len(x_train), seed=args.seed, reshuffle_each_iteration=True)
                .batch(args.batch_size).prefetch(tf.data.AUTOTUNE))
    val_ds = tf.data.Dataset.from_tensor_slices((x_test, x_test)).batch(500)

    epoch_times = []

    class EpochState(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t0 = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            epoch_times.append(time.perf_counter() - self.t0)
            if logs and not all(math.isfinite(v) for v in logs.values()):
                return  # TerminateOnNaN stops; keep the last good checkpoint
            self.model.save(ckpt_path)
            with open(state_path, "w") as f:
                json.dump({"epoch": epoch + 1, "seconds_per_epoch": float(np.median(epoch_times))}, f)

    history = model.fit(
        train_ds, validation_data=val_ds, epochs=args.epochs, initial_epoch=initial_epoch,
        callbacks=[EpochState(), keras.callbacks.TerminateOnNaN(),
                   keras.callbacks.CSVLogger(os.path.join(args.out, "history.csv"), append=args.resume),
                   keras.callbacks.TensorBoard(os.path.join(args.out, "logs"))],
        verbose="auto")
    losses = history.history.get("loss", [])
    if losses and not math.isfinite(losses[-1]):
        raise DataError(f"training diverged (loss became {losses[-1]}); "
                        f"the last good checkpoint is {ckpt_path}; try a smaller --lr")

    encoder, decoder_logits = parts(model)
    scores = evaluate(encoder, decoder_logits, x_test, kind=args.kind, seed=args.seed)
    with open(state_path) as f:
        state = json.load(f)
    metrics = {"test": scores, "epochs": state["epoch"], "train_images": int(len(x_train)),
               "seconds_per_epoch": state["seconds_per_epoch"],
               "data": os.path.basename(args.data) if args.data else "keras.datasets.mnist"}
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    line = ", ".join(f"{k} {v:.2f}" for k, v in scores.items() if k != "images")
    print(f"test set ({scores['images']} images), nats/image: {line}", flush=True)
    return metrics


def main(argv=None):
    args = parse_args(argv)
    try:
        train(args)
    except DataError as e:
        sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()

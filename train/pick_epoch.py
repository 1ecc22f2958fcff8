"""Score the epochs a run kept, and make a run folder of the one chosen.

    python -m train.pick_epoch runs/gan-2d-keep                              # score each kept epoch
    python -m train.pick_epoch runs/gan-2d-keep --epoch 15 --out runs/gan-2d-e15  # a run of epoch 15

A GAN's samples do not improve steadily. From one epoch to the next the generator trades one digit
for another (mode hopping), so its last epoch is not always its best. `python -m train --keep-epochs`
keeps every epoch's checkpoint (epochs/epoch-NN.keras); this scores them the way the blur lesson's
figures do, with the shipped judge (train/classifier.py):

- digit score and confident share of --samples decoded codes z ~ N(0, I), and the fewest confident
  samples of any one digit (0: a digit missing). The codes are drawn with --seed, 1 by default: not
  seed 0's, which the export and bench/model_tables.py report, so a choice made here is not fitted
  to the figures the README shows;
- sharpness of those samples against the test digits (train/metrics.py `sharpness_ratio`);
- with an encoder (VAE-GAN): the share of --samples *training* digits whose reconstruction from μ the
  judge reads as their own label (the test set stays for the reported figure).

With --epoch N --out DIR it writes a run folder `python -m train.export` reads: the run's
config.json, epoch N's checkpoint as checkpoint.keras, state.json and history.csv up to epoch N, and
metrics.json scored on the test set as `python -m train` scores a finished run, with "chosen_from":
the run, its epochs and the choice's seed. The run's own folder is left as it is.
"""

import argparse
import csv
import glob
import json
import os
import re
import shutil
import sys

import numpy as np

from train.__main__ import kept_epoch_path, run_paths
from train.artifacts import ArtifactError, check_writable_folder, load_checkpoint
from train.data import DataError, load_mnist, to_model_input
from train.export import CONFIG_KEYS, METRICS_KEYS, ExportError, read_json


class PickError(Exception):
    """A run or epoch that cannot be scored or copied (one line)."""


def kept_epochs(run_dir):
    """The epochs `--keep-epochs` kept in run_dir, in order."""
    found = sorted(
        int(m.group(1))
        for path in glob.glob(os.path.join(run_paths(run_dir)["epochs"], "epoch-*.keras"))
        if (m := re.fullmatch(r"epoch-(\d+)\.keras", os.path.basename(path)))
    )
    if not found:
        raise PickError(f"no kept epochs in {run_dir} (train it with python -m train --keep-epochs)")
    return found


def load_epoch(run_dir, epoch):
    path = kept_epoch_path(run_dir, epoch)
    if not os.path.exists(path):
        raise PickError(f"{run_dir} kept no epoch {epoch} (kept: {', '.join(map(str, kept_epochs(run_dir)))})")
    return load_checkpoint(run_dir, path)


def score_epoch(model, kind, judge, x_test, x_train, y_train, n, seed):
    """The figures of one kept epoch (see the module docstring)."""
    from train.classifier import plausibility
    from train.metrics import prior_codes, sharpness_ratio, sigmoid
    from train.models import parts

    z = prior_codes(n, model.latent_dim, seed)
    samples = sigmoid(model.decoder_logits.predict(z, batch_size=500, verbose=0))
    judged = plausibility(judge, samples)
    row = {
        "digit_score": judged["digit_score"],
        "confident": judged["confident"],
        "fewest": min(judged["classes"]),
        "sharpness": sharpness_ratio(samples, x_test),
    }
    if kind != "gan":
        encoder, decoder_logits = parts(model)
        code = encoder.predict(x_train, batch_size=500, verbose=0)
        mu = code[0] if isinstance(code, (list, tuple)) else code  # (μ, log σ²)
        rebuilt = sigmoid(decoder_logits.predict(mu, batch_size=500, verbose=0))
        read = judge.predict(rebuilt.reshape(-1, 28, 28, 1), batch_size=500, verbose=0).argmax(axis=1)
        row["read"] = float(np.mean(read == y_train))
    return row


def score_all(run_dir, data, judge_path, n, seed):
    """Print a Markdown table of every kept epoch's figures; returns the rows."""
    from train.classifier import ClassifierError, load_classifier

    config = read_json(run_paths(run_dir)["config"], CONFIG_KEYS)
    epochs = kept_epochs(run_dir)
    try:
        judge = load_classifier(judge_path)
    except ClassifierError as e:
        raise PickError(str(e)) from None
    (x_train, y_train), (x_test, _) = load_mnist(data or config["data"])
    x_test = to_model_input(x_test)
    x_train, y_train = to_model_input(x_train[:n]), y_train[:n]
    has_encoder = config["kind"] != "gan"
    print(f"# Kept epochs of {run_dir} ({config['kind']}, {n:,} codes z ~ N(0, I) drawn with seed {seed})")
    read_column = " training digits read |" if has_encoder else ""
    print("| epoch | digit score | confident | fewest of a digit | sharpness |" + read_column)
    print("|---|---|---|---|---|" + ("---|" if has_encoder else ""))
    rows = {}
    for epoch in epochs:
        model = load_epoch(run_dir, epoch)
        row = rows[epoch] = score_epoch(model, config["kind"], judge, x_test, x_train, y_train, n, seed)
        read = f" {100 * row['read']:.1f}% |" if has_encoder else ""
        print(
            f"| {epoch} | {row['digit_score']:.2f} | {100 * row['confident']:.1f}% | {row['fewest']} | "
            f"{row['sharpness']:.2f} |{read}",
            flush=True,
        )
    return rows


def copy_epoch(run_dir, epoch, out, data, seed):
    """Write the run folder of epoch `epoch` (see the module docstring) into `out`; returns its metrics."""
    from train.metrics import end_of_training_scores

    paths, new = run_paths(run_dir), run_paths(out)
    if os.path.abspath(run_dir) == os.path.abspath(out):
        raise PickError("--out names the run itself; give a new folder")
    config = read_json(paths["config"], CONFIG_KEYS)
    state = read_json(paths["state"], ("seconds_per_epoch",))
    metrics = read_json(paths["metrics"], METRICS_KEYS)
    model = load_epoch(run_dir, epoch)
    _, (x_test, _) = load_mnist(data or config["data"])
    x_test = to_model_input(x_test[: config.get("limit_test")])
    check_writable_folder(out)
    os.makedirs(out, exist_ok=True)
    shutil.copyfile(kept_epoch_path(run_dir, epoch), new["checkpoint"])
    with open(new["config"], "w") as f:
        json.dump({**config, "out": out}, f, indent=2)
    with open(new["state"], "w") as f:
        json.dump({"epoch": epoch, "seconds_per_epoch": state["seconds_per_epoch"]}, f)
    with open(paths["history"], newline="") as f:
        history = [row for row in csv.DictReader(f) if int(row["epoch"]) < epoch]
    with open(new["history"], "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(history[0]) if history else ["epoch"])
        writer.writeheader()
        writer.writerows(history)
    restarted = metrics.get("restarted_after", 0)
    chosen = {
        **metrics,
        "test": end_of_training_scores(model, config["kind"], x_test, seed=config["seed"]),
        "epochs": epoch + restarted,
        "chosen_from": {"run": os.path.basename(os.path.normpath(run_dir)), "epochs": metrics["epochs"], "seed": seed},
    }
    with open(new["metrics"], "w") as f:
        json.dump(chosen, f, indent=2)
    return chosen


def main(argv=None):
    from train.classifier import DEFAULT_PATH

    p = argparse.ArgumentParser(prog="python -m train.pick_epoch", description=__doc__.split("\n\n")[0])
    p.add_argument("run", help="run folder trained with python -m train --keep-epochs")
    p.add_argument("--data", help="MNIST .npz (default: the one the run trained on)")
    p.add_argument("--classifier", default=DEFAULT_PATH, help="the digit judge")
    p.add_argument("--samples", type=int, default=2000, help="codes decoded (and training digits read) per epoch")
    p.add_argument("--seed", type=int, default=1, help="seed of the codes; 0 is the reported figures' own")
    p.add_argument("--epoch", type=int, help="the epoch to make a run folder of (with --out)")
    p.add_argument("--out", help="the new run folder (with --epoch)")
    args = p.parse_args(argv)
    if (args.epoch is None) != (args.out is None):
        p.error("--epoch and --out go together: the epoch to copy and where")
    if args.samples < 1:
        p.error(f"--samples must be at least 1, not {args.samples}")
    try:
        if args.epoch is None:
            score_all(args.run, args.data, args.classifier, args.samples, args.seed)
        else:
            metrics = copy_epoch(args.run, args.epoch, args.out, args.data, args.seed)
            print(f"wrote {args.out}: epoch {metrics['epochs']} of {args.run}'s {metrics['chosen_from']['epochs']}")
    except (PickError, DataError, ArtifactError, ExportError) as e:
        sys.exit(f"error: {e}")


if __name__ == "__main__":
    main()

"""What a training run starts from and saves, read for the tests of resuming and picking epochs
(tests/training/test_train.py, test_gan.py, test_pick_epoch.py)."""

import os

import numpy as np


def record_fit_start(monkeypatch):
    """Wrap train.__main__.fit so that each run records the model it is about to train: its weights,
    its optimizer's step count and its first epoch. Returns the list of records, one per run."""
    import train.__main__ as cli

    starts, original = [], cli.fit

    def fit(model, args, paths, x_train, x_test, initial_epoch):
        optimizer = getattr(model, "optimizer", None)
        starts.append(
            {
                "weights": [np.array(w) for w in model.get_weights()],
                "iterations": int(optimizer.iterations.numpy()) if optimizer is not None else None,
                "initial_epoch": initial_epoch,
            }
        )
        return original(model, args, paths, x_train, x_test, initial_epoch)

    monkeypatch.setattr(cli, "fit", fit)
    return starts


def checkpoint_weights(run):
    import keras

    return [np.array(w) for w in keras.saving.load_model(os.path.join(run, "checkpoint.keras")).get_weights()]


def assert_resumed_from_the_checkpoint(starts, saved):
    """The resumed run (starts[1]) began from the weights the first run saved (`saved`), not from
    fresh ones (starts[0]: what a new model of the same seed starts from, and training moved from)."""
    fresh, resumed = starts
    assert (fresh["initial_epoch"], resumed["initial_epoch"]) == (0, 1)
    assert len(resumed["weights"]) == len(saved) == len(fresh["weights"])
    for a, b in zip(resumed["weights"], saved, strict=True):
        np.testing.assert_array_equal(a, b)
    moved = max(float(np.abs(a - b).max()) for a, b in zip(saved, fresh["weights"], strict=True))
    assert moved > 1e-4, "one epoch did not move the weights: the check could not tell a fresh model"

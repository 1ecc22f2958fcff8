"""MNIST in Keras' `mnist.npz` layout: loading, validation, and scaling to the model's input.

A bad file stops with a `DataError` whose message names the problem in one line; the CLI prints it
without a traceback.
"""

import os
import zipfile

import numpy as np

KEYS = ("x_train", "y_train", "x_test", "y_test")


class DataError(ValueError):
    """The data file is missing or not in Keras' MNIST `.npz` layout."""


def load_npz(path):
    """Load and validate an MNIST-layout `.npz`: returns (x_train, y_train), (x_test, y_test).

    Images must be uint8 arrays of shape (N, 28, 28); labels integer arrays of shape (N,).
    """
    if not os.path.exists(path):
        raise DataError(f"data file not found: {path}")
    if os.path.isdir(path):
        raise DataError(f"data path is a folder, not an .npz file: {path}")
    try:
        loaded = np.load(path, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):  # a .npy file: one bare array
            raise DataError(f"{path} is a single .npy array, not an .npz archive; an MNIST .npz has {', '.join(KEYS)}")
        with loaded as f:
            missing = [k for k in KEYS if k not in f.files]
            if missing:
                raise DataError(
                    f"{path} lacks the key(s) {', '.join(missing)}; an MNIST .npz has "
                    f"{', '.join(KEYS)} (it has {', '.join(f.files) or 'none'})"
                )
            arrays = {k: f[k] for k in KEYS}
    except DataError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as e:
        raise DataError(f"{path} is not a readable .npz file ({type(e).__name__}: {e})") from None
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.ndim != 3 or x.shape[1:] != (28, 28):
            raise DataError(f"x_{split} has shape {x.shape}; expected (N, 28, 28)")
        if x.dtype != np.uint8:
            raise DataError(f"x_{split} has dtype {x.dtype}; expected uint8 pixels 0..255")
        if y.shape != (x.shape[0],):
            raise DataError(f"y_{split} has shape {y.shape}; expected ({x.shape[0]},), one label per image")
        if not np.issubdtype(y.dtype, np.integer):
            raise DataError(f"y_{split} has dtype {y.dtype}; expected integer labels")
        if x.shape[0] == 0:
            raise DataError(f"x_{split} holds no images")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def load_mnist(path=None):
    """MNIST from a local `.npz` (validated) or, without a path, from `keras.datasets.mnist`."""
    if path is not None:
        return load_npz(path)
    import keras

    try:
        return keras.datasets.mnist.load_data()
    except Exception as e:  # offline: the download fails
        raise DataError(f"could not download MNIST ({e}); pass --data PATH.npz") from None


def to_model_input(x):
    """uint8 (N, 28, 28) → float32 (N, 28, 28, 1) in [0, 1], the model's input and BCE target."""
    return (np.asarray(x, dtype=np.float32) / 255.0)[..., None]

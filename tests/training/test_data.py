"""Loading MNIST-layout .npz files, and the CLI's one-line errors for bad ones."""

import numpy as np
import pytest

from tests.conftest import make_digits
from tests.training.cli import cli_error
from train.data import DataError, load_npz, to_model_input


def write_npz(path, **arrays):
    np.savez(path, **arrays)
    return str(path)


def good_arrays():
    x, y = make_digits(8)
    return dict(x_train=x, y_train=y, x_test=x[:4], y_test=y[:4])


def test_loads_valid_file(tmp_path):
    (x_train, y_train), (x_test, y_test) = load_npz(write_npz(tmp_path / "ok.npz", **good_arrays()))
    assert x_train.shape == (8, 28, 28) and x_test.shape == (4, 28, 28)
    x = to_model_input(x_train)
    assert x.shape == (8, 28, 28, 1) and x.dtype == np.float32
    np.testing.assert_allclose(x[..., 0], x_train / 255.0)


BAD = {
    "missing": (None, "data file not found"),
    "wrong_keys": ({"images": np.zeros((2, 28, 28), np.uint8)}, "lacks the key(s) x_train, y_train, x_test, y_test"),
    "wrong_shape": ({**good_arrays(), "x_train": np.zeros((8, 32, 32), np.uint8)}, "x_train has shape (8, 32, 32)"),
    "wrong_dtype": ({**good_arrays(), "x_test": np.zeros((4, 28, 28), np.float64)}, "x_test has dtype float64"),
    "label_count": ({**good_arrays(), "y_train": np.zeros(3, np.uint8)}, "y_train has shape (3,)"),
    "not_npz": ("text", "is not a readable .npz file"),
}


def write_case(tmp_path, case):
    """The bad file for `case` (nothing for "missing") and the message it must produce."""
    arrays, message = BAD[case]
    path = tmp_path / f"{case}.npz"
    if isinstance(arrays, dict):
        write_npz(path, **arrays)
    elif arrays == "text":
        path.write_text("this is not numpy")
    return path, message


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_data_raises_named_problem(tmp_path, case):
    path, message = write_case(tmp_path, case)
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_npz(str(path))


@pytest.mark.parametrize("case", ["missing", "wrong_shape", "not_npz"])
def test_cli_prints_one_line_not_a_traceback(tmp_path, case):
    path, message = write_case(tmp_path, case)
    line, result = cli_error("train", "--data", path, "--out", tmp_path / "run")
    assert result.stderr.strip() == line and message in line


def test_npy_file_is_named_as_such(tmp_path):
    """np.load gives a bare array for .npy: say so instead of failing on its missing keys."""
    path = tmp_path / "x.npy"
    np.save(path, make_digits(4)[0])
    with pytest.raises(DataError, match=r"x.npy is a single .npy array, not an .npz archive"):
        load_npz(str(path))
    line, _ = cli_error("train", "--data", path, "--out", tmp_path / "run")
    assert line.startswith("error: ") and "is a single .npy array" in line

"""The page trainer's compact MNIST (train/page_data.py): one PNG of 28×28 tiles and a labels file that
decode back to exactly the source digits, the manifest's "data" block, its one-line errors; and the
committed exported_model/training/ copy, consistent with its manifest."""

import json
import math
import os

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ROOT, make_digits
from tests.training.cli import cli_error
from train import page_data
from train.data import DataError

SHIPPED = os.path.join(ROOT, "exported_model", "training")


@pytest.fixture
def source(tmp_path):
    x, y = make_digits(23)
    path = tmp_path / "mini.npz"
    np.savez(path, x_train=x[:17], y_train=y[:17], x_test=x[17:], y_test=y[17:])
    return str(path), x, y


def decode(folder, block):
    """(digits, labels) as the page reads them: tiles of digits.png row-major, then labels.bin."""
    with Image.open(os.path.join(folder, block["images"])) as im:
        assert im.mode == "L" and im.format == "PNG"
        assert "gamma" not in im.info and "icc_profile" not in im.info  # no gAMA / iCCP chunk
        picture = np.asarray(im)
    count = block["train"] + block["test"]
    tile, columns = block["tile"], block["columns"]
    assert picture.shape == (math.ceil(count / columns) * tile, columns * tile)
    digits = page_data.untile(picture, math.ceil(count / columns) * columns, columns)
    assert not digits[count:].any()  # the last row's padding is zero tiles
    with open(os.path.join(folder, block["labels"]), "rb") as f:
        labels = np.frombuffer(f.read(), np.uint8)
    assert len(labels) == count
    return digits[:count], labels


def png_chunks(path):
    with open(path, "rb") as f:
        raw = f.read()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(raw):
        length = int.from_bytes(raw[at : at + 4], "big")
        chunks.append(raw[at + 4 : at + 8].decode("ascii"))
        at += 12 + length
    return chunks


def test_the_png_and_labels_decode_to_the_source_digits_in_order(source, tmp_path):
    path, x, y = source
    out = tmp_path / "training"
    block = page_data.write_page_data(path, str(out), n_train=12, n_test=4, columns=5)
    digits, labels = decode(str(out), block)
    order = np.r_[0:12, 17:21]  # the first 12 training digits, then the first 4 test digits
    np.testing.assert_array_equal(digits, x[order])
    np.testing.assert_array_equal(labels, y[order])
    assert set(png_chunks(out / "digits.png")) <= {"IHDR", "IDAT", "IEND"}
    assert block == {
        "images": "digits.png",
        "labels": "labels.bin",
        "train": 12,
        "test": 4,
        "columns": 5,
        "tile": 28,
        "source": "mini.npz",
        "bytes": {"images": os.path.getsize(out / "digits.png"), "labels": 16},
    }
    with open(out / "manifest.json") as f:
        assert json.load(f)["data"] == block


def test_the_manifests_other_keys_survive(source, tmp_path):
    path, _, _ = source
    out = tmp_path / "training"
    out.mkdir()
    kept = {"version": 1, "default": "beta-1", "models": [{"name": "beta-1"}], "judge": {"sha256": "x"}}
    (out / "manifest.json").write_text(json.dumps({**kept, "data": {"old": True}}))
    block = page_data.write_page_data(path, str(out), n_train=3, n_test=2, columns=4)
    with open(out / "manifest.json") as f:
        assert json.load(f) == {**kept, "data": block}


def test_tile_and_untile_are_inverse():
    x, _ = make_digits(7)
    picture = page_data.tile(x, columns=3)
    assert picture.shape == (3 * 28, 3 * 28)
    np.testing.assert_array_equal(picture[28:56, 28:56], x[4])  # digit 4: row 1, column 1
    np.testing.assert_array_equal(page_data.untile(picture, 7, columns=3), x)


def test_the_layouts_are_measured():
    x, _ = make_digits(30)
    sizes = page_data.layout_bytes(x, columns=10)
    assert sizes["tiles"] == len(page_data.png_bytes(page_data.tile(x, 10))) and sizes["rows"] > 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--train", "0"], "error: --train must be at least 1, not 0"),
        (["--test", "-3"], "error: --test must be at least 1, not -3"),
        (["--train", "18"], "error: --train 18 is more than the 17 images {data} has"),
        (["--test", "7"], "error: --test 7 is more than the 6 images {data} has"),
        (["--columns", "0"], "error: --columns must be at least 1, not 0"),
    ],
    ids=["train-0", "test-negative", "train-too-many", "test-too-many", "columns-0"],
)
def test_bad_counts_are_one_line_errors(source, tmp_path, args, message):
    path, _, _ = source
    line, result = cli_error(
        "train.page_data", "--data", path, "--out", tmp_path / "out", "--train", "5", "--test", "2", *args
    )
    assert line == message.format(data=path) and result.returncode == 1
    assert result.stderr.strip() == line


def test_missing_data_and_unwritable_out_are_one_line_errors(source, tmp_path):
    path, _, _ = source
    line, result = cli_error("train.page_data", "--data", tmp_path / "nope.npz", "--out", tmp_path / "out")
    assert line == f"error: data file not found: {tmp_path / 'nope.npz'}" and result.returncode == 1
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    line, result = cli_error("train.page_data", "--data", path, "--out", blocker)
    assert line == f"error: --out {blocker} is a file, not a folder" and result.returncode == 1
    line, result = cli_error("train.page_data", "--data", path, "--out", blocker / "below")
    assert line.startswith(f"error: --out {blocker / 'below'} cannot be written") and result.returncode == 1


def test_bad_counts_raise_data_error_in_python(source, tmp_path):
    with pytest.raises(DataError, match="--train 100 is more than the 17 images"):
        page_data.write_page_data(source[0], str(tmp_path), n_train=100, n_test=1)


# --- the committed copy --------------------------------------------------------------------------------


def test_the_shipped_training_data_matches_its_manifest():
    with open(os.path.join(SHIPPED, "manifest.json")) as f:
        block = json.load(f)["data"]
    assert (block["images"], block["labels"], block["tile"], block["source"]) == (
        "digits.png",
        "labels.bin",
        28,
        "mnist.npz",
    )
    assert block["bytes"] == {
        "images": os.path.getsize(os.path.join(SHIPPED, "digits.png")),
        "labels": os.path.getsize(os.path.join(SHIPPED, "labels.bin")),
    }
    digits, labels = decode(SHIPPED, block)
    assert labels.max() <= 9 and set(np.unique(labels[: block["train"]])) == set(range(10))
    # the held-out digits are MNIST's first test digits: the scoring fixture holds some of them
    with np.load(os.path.join(ROOT, "tests", "fixtures", "mnist_test500.npz")) as f:
        inside = f["indices"] < block["test"]
        assert inside.sum() > 10
        held_out = digits[block["train"] :]
        np.testing.assert_array_equal(held_out[f["indices"][inside]], f["x"][inside])
        np.testing.assert_array_equal(labels[block["train"] :][f["indices"][inside]], f["y"][inside])

"""`python -m train.page_data`: the compact MNIST the page's trainer fetches (static/js/train/).

    python -m train.page_data --data ../shared/data/mnist.npz --out exported_model/training \
        --train 10000 --test 1000

Writes into --out:
    digits.png     ONE 8-bit grayscale PNG of N + M digits as 28×28 tiles, `columns` tiles a row,
                   row-major: the first N training digits (x_train[:N]), then the first M held-out
                   ones (x_test[:M]), pixels as they are (uint8 0..255, 0 = background). The last
                   row is padded with zero tiles. Digit i sits at rows 28·(i // columns) …, columns
                   28·(i % columns) … of the image; the picture is ceil((N + M) / columns)·28 pixels
                   high and columns·28 wide. No gAMA/iCCP chunk, so a browser decodes the bytes as
                   they are (no colour correction).
    labels.bin     N + M uint8 labels (0..9), in the same order.
    manifest.json  its "data" block: {"images", "labels", "train": N, "test": M, "columns", "tile": 28,
                   "source", "bytes": {"images", "labels"}}; the rest of the manifest (the "models"
                   the β models' export writes) is kept (train/artifacts.py `update_manifest`).

Why tiles: the page's trainer reads tiles (digit i at one drawImage offset, and the picture stays
near square: 2,800 × 3,080 pixels for 11,000 digits). One 784-pixel row per digit would be about 3%
smaller (1,770,897 against 1,818,067 bytes for the first 10,000 + 1,000 of mnist.npz, `layout_bytes`;
50 to 200 columns differ by 0.1%), too little to give up the tile layout for.
"""

import argparse
import io
import math
import os
import sys

import numpy as np

from train.artifacts import ArtifactError, check_writable_folder, update_manifest
from train.data import DataError, load_npz

TILE = 28
COLUMNS = 100
IMAGES = "digits.png"
LABELS = "labels.bin"


def tile(digits, columns=COLUMNS):
    """(K, 28, 28) uint8 digits → one (ceil(K / columns)·28, columns·28) uint8 picture, row-major,
    the last row padded with zero tiles."""
    digits = np.asarray(digits, np.uint8)
    rows = math.ceil(len(digits) / columns)
    padded = np.zeros((rows * columns, TILE, TILE), np.uint8)
    padded[: len(digits)] = digits
    return padded.reshape(rows, columns, TILE, TILE).transpose(0, 2, 1, 3).reshape(rows * TILE, columns * TILE)


def untile(picture, count, columns=COLUMNS):
    """The inverse of `tile`: the first `count` 28×28 tiles of the picture, row-major."""
    picture = np.asarray(picture)
    rows = picture.shape[0] // TILE
    tiles = picture.reshape(rows, TILE, columns, TILE).transpose(0, 2, 1, 3).reshape(rows * columns, TILE, TILE)
    return tiles[:count]


def png_bytes(picture):
    """An 8-bit grayscale PNG of a uint8 picture (Pillow, optimize=True: zlib at its smallest)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.asarray(picture, np.uint8), mode="L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def layout_bytes(digits, columns=COLUMNS):
    """PNG bytes of the two layouts: {"tiles": …, "rows": one 784-pixel row per digit}."""
    return {"tiles": len(png_bytes(tile(digits, columns))), "rows": len(png_bytes(digits.reshape(len(digits), -1)))}


def choose(data, n_train, n_test):
    """(digits, labels): the first n_train training digits, then the first n_test test digits;
    DataError if a count is below 1 or more than the file has."""
    for flag, n in (("--train", n_train), ("--test", n_test)):
        if n < 1:
            raise DataError(f"{flag} must be at least 1, not {n}")
    (x_train, y_train), (x_test, y_test) = load_npz(data)
    for flag, n, have in (("--train", n_train, len(x_train)), ("--test", n_test, len(x_test))):
        if n > have:
            raise DataError(f"{flag} {n} is more than the {have} images {data} has")
    digits = np.concatenate([x_train[:n_train], x_test[:n_test]])
    labels = np.concatenate([y_train[:n_train], y_test[:n_test]])
    if labels.min() < 0 or labels.max() > 255:
        raise DataError(f"{data}'s labels do not fit in uint8 (range {labels.min()}..{labels.max()})")
    return digits, labels.astype(np.uint8)


def _write_atomically(path, payload):
    tmp = f"{path}.tmp"
    with open(tmp, "wb") as f:
        f.write(payload)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def write_page_data(data, out, n_train=10000, n_test=1000, columns=COLUMNS):
    """Write digits.png, labels.bin and the manifest's "data" block into `out`; returns that block."""
    if columns < 1:
        raise DataError(f"--columns must be at least 1, not {columns}")
    check_writable_folder(out)
    digits, labels = choose(data, n_train, n_test)
    png = png_bytes(tile(digits, columns))
    _write_atomically(os.path.join(out, IMAGES), png)
    _write_atomically(os.path.join(out, LABELS), labels.tobytes())
    block = {
        "images": IMAGES,
        "labels": LABELS,
        "train": int(n_train),
        "test": int(n_test),
        "columns": int(columns),
        "tile": TILE,
        "source": os.path.basename(data),
        "bytes": {"images": len(png), "labels": int(len(labels))},
    }
    update_manifest(out, lambda manifest: {**manifest, "data": block})
    return block


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.page_data", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="MNIST-layout .npz (x_train, y_train, x_test, y_test)")
    p.add_argument("--out", default="exported_model/training", help="folder the page's training data goes in")
    p.add_argument("--train", type=int, default=10000, help="how many training digits (the first N)")
    p.add_argument("--test", type=int, default=1000, help="how many held-out test digits (the first M)")
    p.add_argument("--columns", type=int, default=COLUMNS, help="tiles per row of digits.png")
    args = p.parse_args(argv)
    try:
        block = write_page_data(args.data, args.out, args.train, args.test, args.columns)
    except (DataError, ArtifactError) as e:
        sys.exit(f"error: {e}")  # exit status 1, as python -m train and train.export; 2 is argparse's
    print(
        f"wrote {block['train']} + {block['test']} digits to {os.path.join(args.out, IMAGES)} "
        f"({block['bytes']['images']:,} bytes) and {os.path.join(args.out, LABELS)}"
    )


if __name__ == "__main__":
    main()

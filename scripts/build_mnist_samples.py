"""Build the small MNIST assets shipped with the project, from the MNIST test set (Keras .npz layout):

    static/data/mnist-samples.json   the page's strip of real test digits to click (uint8, base64)
    tests/fixtures/mnist10.npz       ten real test digits (one per class) for the upload tests

    .venv/bin/python scripts/build_mnist_samples.py [--data /work/shared/data/mnist.npz]

Deterministic: the first test images of each class, in test-set order. MNIST by LeCun, Cortes and
Burges (CC BY-SA 3.0).
"""

import argparse
import base64
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from train.data import load_npz  # noqa: E402

PER_CLASS_STRIP = 2


def first_of_each_class(y, per_class):
    picks = []
    for k in range(per_class):
        for digit in range(10):
            picks.append(int(np.flatnonzero(y == digit)[k]))
    return picks


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="/work/shared/data/mnist.npz")
    args = p.parse_args(argv)
    _, (x_test, y_test) = load_npz(args.data)

    strip = first_of_each_class(y_test, PER_CLASS_STRIP)
    payload = {
        "about": "Real MNIST test digits (LeCun, Cortes, Burges; CC BY-SA 3.0), built by "
        "scripts/build_mnist_samples.py. pixels: base64 of uint8, count × 28 × 28, white on black.",
        "size": 28,
        "count": len(strip),
        "indices": strip,
        "labels": [int(y_test[i]) for i in strip],
        "pixels": base64.b64encode(x_test[strip].astype(np.uint8).tobytes()).decode("ascii"),
    }
    out = os.path.join(ROOT, "static", "data", "mnist-samples.json")
    with open(out, "w") as f:
        json.dump(payload, f, separators=(",", ":"))
    print(f"wrote {out} ({os.path.getsize(out)} bytes, {len(strip)} digits)")

    ten = first_of_each_class(y_test, 1)
    fixture = os.path.join(ROOT, "tests", "fixtures", "mnist10.npz")
    np.savez_compressed(
        fixture, x=x_test[ten].astype(np.uint8), y=y_test[ten].astype(np.uint8), indices=np.asarray(ten)
    )
    print(f"wrote {fixture} ({os.path.getsize(fixture)} bytes)")


if __name__ == "__main__":
    main()

"""Build tests/fixtures/mnist_test500.npz: 500 MNIST test images drawn at random (seed 0, without
replacement, kept in test-set order) from the 10,000, for re-scoring the shipped models in the tests.

    .venv/bin/python scripts/build_scoring_subset.py [--data ../shared/data/mnist.npz]

A simple random sample, not the first 500: MNIST's test set puts its two writer populations one after
the other, so its first images are not typical of the whole. The tests compare a model's score on
these 500 with the manifest's score on all 10,000 within a few standard errors of the sample mean.
MNIST by LeCun, Cortes and Burges (CC BY-SA 3.0).
"""

import argparse
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from train.data import load_npz  # noqa: E402

COUNT = 500
SEED = 0
OUT = os.path.join(ROOT, "tests", "fixtures", "mnist_test500.npz")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "mnist.npz"))
    args = p.parse_args(argv)
    _, (x_test, y_test) = load_npz(args.data)
    indices = np.sort(np.random.default_rng(SEED).choice(len(x_test), COUNT, replace=False))
    np.savez_compressed(
        OUT, x=x_test[indices], y=y_test[indices].astype(np.uint8), indices=indices, population=np.int64(len(x_test))
    )
    print(
        f"wrote {OUT} ({os.path.getsize(OUT)} bytes): {COUNT} of {len(x_test)} test images, "
        f"{np.sum(indices < len(x_test) // 2)} from the first half"
    )


if __name__ == "__main__":
    main()

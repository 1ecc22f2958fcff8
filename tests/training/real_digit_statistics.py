"""Build tests/training/fixtures/real_digit_statistics.npz: what the "why blurry?" figures compare decoded
samples with, for all 10,000 MNIST test images, so that the tests can re-derive a manifest's sharpness and
digit FID from the shipped files without the test set (train/metrics.py blur_figures):

    mean, cov            Gaussian fit (gaussian_fit) of the shipped judge's penultimate features
    laplacian_variance   laplacian_variance of the test images (sharpness = samples' / this)
    images, judge_sha256, data_sha256

    .venv/bin/python -m tests.training.real_digit_statistics [--data ../shared/data/mnist.npz]

Rebuild it whenever the judge (exported_model/judge/classifier.keras) changes: the tests check its hash.
MNIST by LeCun, Cortes and Burges (CC BY-SA 3.0)."""

import argparse
import os

import numpy as np

from tests.conftest import ROOT

OUT = os.path.join(ROOT, "tests", "training", "fixtures", "real_digit_statistics.npz")
JUDGE = os.path.join(ROOT, "exported_model", "judge", "classifier.keras")


def main(argv=None):
    import keras

    from train.artifacts import sha256
    from train.data import load_npz, to_model_input
    from train.metrics import gaussian_fit, judge_features, laplacian_variance

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "mnist.npz"))
    args = p.parse_args(argv)
    _, (x_test, _) = load_npz(args.data)
    x = to_model_input(x_test)
    mean, cov = gaussian_fit(judge_features(keras.saving.load_model(JUDGE), x))
    np.savez_compressed(
        OUT,
        mean=mean,
        cov=cov,
        laplacian_variance=np.float64(laplacian_variance(x)),
        images=np.int64(len(x)),
        judge_sha256=sha256(JUDGE),
        data_sha256=sha256(args.data),
    )
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes) from {len(x)} test images")


if __name__ == "__main__":
    main()

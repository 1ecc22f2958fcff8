"""Benchmark: does a model's reconstruction still show the same digit? From the shipped files, for every
model with an encoder in the page's manifest and in the manifest its "blur_manifest" names:

    .venv/bin/python bench/reconstructions_read.py --data ../shared/data/mnist.npz [--models exported_model]

Each MNIST test image goes through the shipped encoder (TF.js graph model, run in Python by
train.artifacts.load_graph_model; its μ, or its refined code where the encoder refines) and the shipped
decoder; the shipped judge (exported_model/judge/classifier.keras) reads the reconstruction, and the
share it reads as the image's own label is printed, with the judge's accuracy on the images themselves
(the ceiling) and the worst-kept digit. Prints markdown; asserts nothing.
"""

import argparse
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import train  # noqa: E402, F401  (quiets TensorFlow's start-up logs)
from train.artifacts import ArtifactError, load_graph_model, read_manifest  # noqa: E402
from train.data import DataError, load_mnist, to_model_input  # noqa: E402


def models_with_encoders(models_dir):
    """[(root, entry)] of the page's manifest and its blur manifest, those with an encoder."""
    main = read_manifest(models_dir)
    roots = [(models_dir, main)]
    if main.get("blur_manifest"):
        blur_root = os.path.dirname(os.path.join(models_dir, main["blur_manifest"]))
        roots.append((blur_root, read_manifest(blur_root)))
    return [(root, m) for root, manifest in roots for m in manifest["models"] if m.get("encoder")]


def read_back(judge, root, entry, x):
    """The judge's digit for each reconstruction of x through the shipped encoder and decoder."""
    encode, _ = load_graph_model(os.path.join(root, entry["encoder"]))
    decode, _ = load_graph_model(os.path.join(root, entry["decoder"]))
    code = encode(x)[:, : entry["latent_dim"]]
    return judge.predict(decode(code).reshape(-1, 28, 28, 1), batch_size=500, verbose=0).argmax(axis=1)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True, help="MNIST .npz (Keras layout); its test images are read back")
    p.add_argument("--models", default=os.path.join(ROOT, "exported_model"), help="the models folder")
    args = p.parse_args(argv)
    from train.classifier import ClassifierError, load_classifier

    try:
        _, (x_test, y_test) = load_mnist(args.data)
        judge = load_classifier(os.path.join(args.models, "judge", "classifier.keras"))
        models = models_with_encoders(args.models)
    except (DataError, ClassifierError, ArtifactError) as e:
        sys.exit(f"error: {e}")
    x = to_model_input(x_test)
    ceiling = np.mean(judge.predict(x, batch_size=500, verbose=0).argmax(axis=1) == y_test)
    print(f"# Reconstructions read as their own digit ({len(x):,} MNIST test images, the shipped judge)")
    print(f"The judge reads the images themselves right {100 * ceiling:.1f}% of the time.\n")
    print("| model | kind | code | read as their digit | worst-kept digit |")
    print("|---|---|---|---|---|")
    for root, entry in models:
        read = read_back(judge, root, entry, x) == y_test
        per_digit = [read[y_test == d].mean() for d in range(10)]
        worst = int(np.argmin(per_digit))
        print(
            f"| `{entry['name']}` | {entry['kind']} | {entry['latent_dim']}-D | {100 * read.mean():.1f}% | "
            f"{worst} ({100 * per_digit[worst]:.1f}%) |"
        )


if __name__ == "__main__":
    main()

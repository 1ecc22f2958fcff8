"""A small digit classifier, used only to *judge* images the VAEs make, never by the page.

`python -m train.classifier --data PATH.npz --out runs/classifier` trains it (a two-convolution CNN;
about 99% test accuracy after a few epochs) and saves runs/classifier/classifier.keras.

The figures it serves, "can random codes be decoded into digits?": decode many z ~ N(0, I), then
    confident    the share of samples the classifier names with probability ≥ 0.9 (clear, but it
                 says nothing about variety: a model whose random codes all decode to clear 0s
                 scores 100%)
    digit_score  exp(I), I the mutual information between a sample and the classifier's label:
                 exp(mean_x KL(p(y|x) ‖ p(y))), the Inception score with a digit classifier. It
                 reads "how many distinct digits random codes give you, out of 10": 10 when every
                 sample is clearly one digit and the ten digits are equally common, 1 when all
                 samples look alike or like nothing. (The noise lesson's 2^I is the same idea.)
A VAE's prior covers the codes it uses, so its random samples are varied; a plain autoencoder's
codes sit where they please, so N(0, I) samples land in one corner of its code space and give
only a few digits (see the manifest's "classes").
"""

import argparse
import json
import os
import sys

import numpy as np

from train.data import DataError, load_mnist, to_model_input

DEFAULT_PATH = os.path.join("runs", "classifier", "classifier.keras")
CONFIDENT = 0.9


def build_classifier():
    import keras
    from keras import layers
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Flatten(),
        layers.Dropout(0.3),
        layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ], name="digit_classifier")


def load_classifier(path=DEFAULT_PATH):
    """The trained classifier: (N, 28, 28, 1) floats in [0, 1] → (N, 10) probabilities."""
    import keras
    if not os.path.exists(path):
        raise FileNotFoundError(f"no classifier at {path}; train one with `python -m train.classifier`")
    return keras.saving.load_model(path)


def plausibility(classifier, images):
    """How digit-like `images` (N, 28, 28[, 1]) are, by the classifier's confidence.

    Returns {"confident": fraction with max probability ≥ 0.9, "mean_confidence": mean max
    probability, "digit_score": see the module docstring, "classes": how many of each digit the
    confident ones were read as}.
    """
    x = np.asarray(images, np.float32).reshape(-1, 28, 28, 1)
    probs = np.asarray(classifier.predict(x, batch_size=500, verbose=0), np.float64)
    top = probs.max(axis=1)
    confident = top >= CONFIDENT
    return {"confident": float(confident.mean()), "mean_confidence": float(top.mean()),
            "digit_score": digit_score(probs),
            "classes": np.bincount(probs.argmax(axis=1)[confident], minlength=10).tolist()}


def digit_score(probs, eps=1e-12):
    """exp(mean over samples of KL(p(y|x) ‖ p(y))) for class probabilities `probs` (N, 10)."""
    probs = np.asarray(probs, np.float64)
    marginal = probs.mean(axis=0)
    kl = np.sum(probs * (np.log(probs + eps) - np.log(marginal + eps)), axis=1)
    return float(np.exp(kl.mean()))


def sample_plausibility(decoder, classifier, latent_dim, n=2000, seed=0):
    """Decode n codes z ~ N(0, I) (a fixed seed) and score them with `plausibility`."""
    z = np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)
    images = np.asarray(decoder.predict(z, batch_size=500, verbose=0))
    return {"samples": n, "seed": seed, **plausibility(classifier, images)}


def classifier_accuracy(path=DEFAULT_PATH):
    """The test accuracy recorded beside a trained classifier, or None."""
    try:
        with open(os.path.join(os.path.dirname(path), "metrics.json")) as f:
            return json.load(f)["test_accuracy"]
    except (OSError, ValueError, KeyError):
        return None


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.classifier", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", help="MNIST-layout .npz; without it, keras.datasets.mnist (downloads)")
    p.add_argument("--out", default=os.path.dirname(DEFAULT_PATH))
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit-train", type=int)
    args = p.parse_args(argv)
    try:
        (x_train, y_train), (x_test, y_test) = load_mnist(args.data)
    except DataError as e:
        sys.exit(f"error: {e}")
    import keras
    keras.utils.set_random_seed(args.seed)
    model = build_classifier()
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(to_model_input(x_train[:args.limit_train]), y_train[:args.limit_train],
              batch_size=128, epochs=args.epochs, validation_split=0.05, verbose="auto")
    _, accuracy = model.evaluate(to_model_input(x_test), y_test, verbose=0)
    os.makedirs(args.out, exist_ok=True)
    model.save(os.path.join(args.out, "classifier.keras"))
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump({"test_accuracy": float(accuracy), "epochs": args.epochs}, f, indent=2)
    print(f"classifier test accuracy {accuracy:.4f}; saved {os.path.join(args.out, 'classifier.keras')}")


if __name__ == "__main__":
    main()

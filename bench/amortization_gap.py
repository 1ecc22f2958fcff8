"""Where a VAE's test −ELBO is lost: the encoder's guess or the decoder. Prints figures; asserts nothing.

    .venv/bin/python bench/amortization_gap.py RUN [RUN…] --data ../shared/data/mnist.npz [--images 1000]

For each run folder (its float checkpoint, runs/NAME/checkpoint.keras), in nats/image, one sample of z
per image as everywhere else (train/metrics.py `evaluate`):

- −ELBO on all training images and all test images with the encoder's own codes: the difference is
  what the model does worse on images it has not trained on;
- on the first --images test images (and the first --images training images): −ELBO with the
  encoder's codes, then with (μ, log σ²) optimised for each image separately (the decoder fixed; 400
  Adam steps of 5e-3 on a 4-sample −ELBO estimate, started from the encoder's codes), each scored as
  the mean of 20 one-sample estimates; the gap is the most any better encoder could gain with this
  decoder (the amortization gap);
- the same test images with the codes of the encoder refined as `python -m train.export
  --refine-steps` would ship it (train/refine.py), for each --refine K,a,S given.
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def mean_neg_elbo(decoder_logits, x, mu, logvar, draws):
    """Mean over images of the −ELBO estimated with `draws` samples of z (1 = the usual one-sample score)."""
    import tensorflow as tf

    recon = 0.0
    for _ in range(draws):
        z = mu + tf.exp(0.5 * logvar) * tf.random.normal(tf.shape(mu))
        logits = decoder_logits(z, training=False)
        recon += tf.reduce_sum(tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=logits), axis=[1, 2, 3])
    kl = 0.5 * tf.reduce_sum(mu**2 + tf.exp(logvar) - logvar - 1.0, axis=1)
    return recon / draws + kl


def optimised_codes(decoder_logits, x, mu, logvar, steps=400, lr=5e-3, samples=4):
    """(μ, log σ²) per image minimising the −ELBO with the decoder fixed, started from (mu, logvar)."""
    import keras
    import tensorflow as tf

    mu, logvar = tf.Variable(mu), tf.Variable(logvar)
    x = tf.constant(x)
    opt = keras.optimizers.Adam(lr)
    opt.build([mu, logvar])

    @tf.function  # one traced graph for all the steps (eager steps are many times slower)
    def step():
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(mean_neg_elbo(decoder_logits, x, mu, logvar, samples))
        opt.apply_gradients(zip(tape.gradient(loss, [mu, logvar]), [mu, logvar]))

    for _ in range(steps):
        step()
    return mu, logvar


def gap(encoder, decoder_logits, x):
    """(−ELBO with the encoder's codes, −ELBO with per-image optimised codes), each a mean of 20 draws."""
    import numpy as np

    mu, logvar = (np.asarray(a) for a in encoder(x, training=False))
    before = float(np.mean(mean_neg_elbo(decoder_logits, x, mu, logvar, 20)))
    after = float(np.mean(mean_neg_elbo(decoder_logits, x, *optimised_codes(decoder_logits, x, mu, logvar), 20)))
    return before, after


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("runs", nargs="+", help="run folders written by `python -m train` (VAEs)")
    p.add_argument("--data", required=True, help="MNIST-layout .npz")
    p.add_argument("--images", type=int, default=1000, help="test (and training) images for the per-image optimisation")
    p.add_argument(
        "--refine",
        action="append",
        default=[],
        metavar="K,A,S",
        help="also score the encoder refined by K steps of size A over S draws (repeatable)",
    )
    args = p.parse_args()
    if args.images < 1:
        p.error("--images must be at least 1")
    try:
        refinements = [(int(k), float(a), int(s)) for k, a, s in (r.split(",") for r in args.refine)]
    except ValueError:
        p.error("--refine takes K,A,S, e.g. 20,0.1,4")

    import tensorflow as tf

    from train.artifacts import ArtifactError, load_checkpoint
    from train.data import DataError, load_mnist, to_model_input
    from train.metrics import evaluate
    from train.models import parts
    from train.refine import RefineError, refined_encoder

    try:
        (x_train, _), (x_test, _) = load_mnist(args.data)
    except DataError as e:
        sys.exit(f"error: {e}")
    x_train, x_test = to_model_input(x_train), to_model_input(x_test)
    n = args.images
    for run in args.runs:
        tf.random.set_seed(0)
        try:
            encoder, decoder_logits = parts(load_checkpoint(run))
        except (ArtifactError, ValueError) as e:
            sys.exit(f"error: {e}")
        if len(encoder.outputs) != 2:
            sys.exit(f"error: {run} is not a VAE: its encoder gives one code, no (μ, log σ²) to optimise")
        train_score = evaluate(encoder, decoder_logits, x_train)["neg_elbo"]
        test_score = evaluate(encoder, decoder_logits, x_test)["neg_elbo"]
        print(f"## {run}")
        print(
            f"−ELBO, encoder's codes: training images {train_score:.2f}, test images {test_score:.2f} "
            f"(difference {test_score - train_score:.2f})"
        )
        print("| images | encoder's codes | optimised per image | gap |")
        print("|---|---|---|---|")
        for label, x in ((f"first {n:,} test", x_test[:n]), (f"first {n:,} training", x_train[:n])):
            before, after = gap(encoder, decoder_logits, x)
            print(f"| {label} | {before:.2f} | {after:.2f} | {before - after:.2f} |", flush=True)
        for k, a, s in refinements:
            try:
                refined = refined_encoder(encoder, decoder_logits, k, a, s)
            except RefineError as e:
                sys.exit(f"error: {e}")
            score = evaluate(refined, decoder_logits, x_test[:n])["neg_elbo"]
            plain = evaluate(encoder, decoder_logits, x_test[:n])["neg_elbo"]
            print(
                f"refined ({k} steps of {a:g}, {s} draws), first {n:,} test images: {score:.2f} "
                f"(encoder's codes, same draw of ε: {plain:.2f})",
                flush=True,
            )


if __name__ == "__main__":
    main()

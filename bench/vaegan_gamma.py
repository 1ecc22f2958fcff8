"""How the VAE-GAN's γ was chosen: a short run per γ, the same data, seed and steps; prints the
losses and saves a picture (test digits, their reconstructions, samples) per γ to bench/out/.

    .venv/bin/python bench/vaegan_gamma.py --data ../shared/data/mnist.npz --gammas 0.01,0.1,1 --images 25600

Prints figures, asserts nothing.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

from train.data import load_npz, to_model_input  # noqa: E402


def picture(model, x, path, latent_dim):
    """Rows: 50 test digits, their reconstructions from μ, 50 samples z ~ N(0, I); 10 a row."""
    import keras
    from PIL import Image

    z = np.random.default_rng(0).standard_normal((50, latent_dim)).astype(np.float32)
    samples = np.asarray(keras.ops.sigmoid(model.decoder_logits(z)))
    recon = np.asarray(keras.ops.sigmoid(model.decoder_logits(model.encoder(x)[0])))
    grid = np.concatenate([x, recon, samples]).reshape(15, 10, 28, 28).transpose(0, 2, 1, 3).reshape(420, 280)
    Image.fromarray((grid * 255).round().astype(np.uint8)).save(path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--gammas", default="0.01,0.1,1")
    p.add_argument("--images", type=int, default=25600, help="training images (one pass, batch 128)")
    p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--out", default="bench/out")
    args = p.parse_args()
    (x_train, _), (x_test, _) = load_npz(args.data)
    import keras

    from train.vaegan import build_vaegan

    x, shown = to_model_input(x_train[: args.images]), to_model_input(x_test[:50])
    os.makedirs(args.out, exist_ok=True)
    for gamma in map(float, args.gammas.split(",")):
        keras.utils.set_random_seed(0)
        model = build_vaegan(args.latent_dim, gamma=gamma, seed=0)
        t0 = time.perf_counter()
        logs = model.fit(x, batch_size=128, epochs=1, verbose=0).history
        figures = ", ".join(f"{k} {v[-1]:.3f}" for k, v in sorted(logs.items()))
        print(f"gamma {gamma:g}: {time.perf_counter() - t0:.0f} s; {figures}", flush=True)
        picture(model, shown, os.path.join(args.out, f"vaegan-gamma-{gamma:g}.png"), args.latent_dim)


if __name__ == "__main__":
    main()

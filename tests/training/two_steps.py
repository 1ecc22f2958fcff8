"""Two training steps of a GAN or VAE-GAN on the Keras backend this process runs (KERAS_BACKEND), from
given weights, on given images, with every "random" draw fixed, written to a .npz; for
tests/training/test_gan.py's check that TensorFlow and JAX train alike.

    python -m tests.training.two_steps KIND WEIGHTS IMAGES OUT

KIND gan or vaegan; WEIGHTS a .weights.h5 to start from (made by this script when it does not
exist yet: the fresh model's, biases moved off zero); IMAGES a .npy of (N, 28, 28, 1) images, N = 2
batches of 32; OUT gets the trainable weights before and after the steps (s0, s1, … and w0, w1, …
in the model's order; p0, p1, …: the network each belongs to), the moving statistics of batch
normalisation after them (n0, n1, …) and the
epoch's logs (log_NAME). Fixed draws: keras.random.normal gives the same numbers for the same shape
on every backend (the codes z, the VAE-GAN's ε), and the discriminator's dropout is off; with the
biases off zero (see below), what is left to differ is each backend's own arithmetic.
"""

import os
import sys

import numpy as np


def fixed_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    from keras import ops

    shape = tuple(int(d) for d in shape)
    values = np.random.default_rng(sum(shape)).standard_normal(shape).astype(np.float32)
    return ops.convert_to_tensor(mean + stddev * values)


def main(kind, weights, images, out):
    import keras

    keras.random.normal = fixed_normal  # train/gan.py and train/layers.py call keras.random.normal
    from train.gan import build_gan
    from train.vaegan import build_vaegan

    model = (build_gan if kind == "gan" else build_vaegan)(latent_dim=2, learning_rate=1e-3, seed=0)
    if not os.path.exists(weights):
        # biases off zero: a fresh model's are 0, so on the digits' blank background every hidden
        # unit sits exactly on its activation's kink, where each backend picks its own subgradient
        rng = np.random.default_rng(1)
        for v in model.trainable_variables:
            if v.path.endswith("bias"):
                v.assign(rng.normal(0.0, 0.05, v.shape).astype(np.float32))
        model.save_weights(weights)
    model.load_weights(weights)
    for layer in model.discriminator.layers:
        if isinstance(layer, keras.layers.Dropout):
            layer.rate = 0.0
    start = {f"s{k}": np.array(v) for k, v in enumerate(model.trainable_variables)}
    moving = [v for v in model.variables if "moving" in v.path]
    start.update({f"m{k}": np.array(v) for k, v in enumerate(moving)})
    x = np.load(images)
    history = model.fit(x, batch_size=32, epochs=1, shuffle=False, verbose=0).history
    arrays = {**start, **{f"w{k}": np.asarray(v) for k, v in enumerate(model.trainable_variables)}}
    network = {id(v): part for part in model.optimizers for v in getattr(model, part).trainable_variables}
    arrays.update({f"p{k}": np.array(network[id(v)]) for k, v in enumerate(model.trainable_variables)})
    arrays.update({f"n{k}": np.asarray(v) for k, v in enumerate(moving)})
    arrays.update({f"log_{name}": np.float64(values[0]) for name, values in history.items()})
    np.savez(out, **arrays)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

"""A decoder that draws at any resolution: a CPPN distilled from a shipped 28 × 28 decoder.

A decoder maps a code z to 28 × 28 pixels. A CPPN (compositional pattern-producing network; otoro's
"Generating Large Images from Latent Vectors", 2016) maps a code *and one pixel's position* to that
pixel's value:

    p(z, x, y) = σ(f([z, x, y, r]))        r = √(x² + y²),   x, y ∈ (−1, 1) across the image

f is a small multilayer perceptron with tanh units, so p is a smooth function of the position. Asked
at the 28 × 28 pixel centres it draws the digit the decoder draws; asked on a 1080 × 1080 grid it
draws the same digit with smooth edges at that resolution (not 28 pixels scaled up).

Distillation: codes z (half from N(0, I), the samples' prior; half uniform over the sliders' square
[−3, 3]², where the sliders and the latent map can put them) go through the *shipped* teacher decoder
(its TF.js files, run in Python), and f learns, by binary cross-entropy against the teacher's pixel
probabilities at the 28 × 28 pixel centres, to draw what the teacher draws:

    L = mean over codes and pixels of BCE(teacher(z)[i, j], p(z, x_j, y_i))

Pixel (i, j) of an S × S grid sits at x = (2j + 1)/S − 1, y = (2i + 1)/S − 1 (`grid`), the same rule at
every S, so the 28-pixel image is the S-pixel one sampled at its pixel centres.

    .venv/bin/python -m train.cppn --models exported_model/blur --teacher vaegan-2d \\
        --data ../shared/data/mnist.npz

trains it, scores it like the teacher (train/metrics.py, on the same 2,000 codes: digit score,
sharpness, digit FID; and its mean |Δ| per pixel from the teacher), exports f as a TF.js graph model
(queries (N, latent_dim + 3) → logits (N, 1)) into MODELS/TEACHER-large/ and records it in the
teacher's manifest entry as "large". The page's Why blurry? section draws the current code with it
at up to 1080 pixels (static/js/blur/large.js). Re-exporting the teacher drops "large": distil again.
"""

import argparse
import os
import sys
import tempfile
import time

import numpy as np

from train.artifacts import ArtifactError, folder_bytes, load_graph_model, publish, read_manifest, to_graph_model
from train.data import DataError, load_mnist, to_model_input
from train.metrics import sigmoid

QUERY_EXTRA = 3  # x, y, r after the code's numbers


def grid(size):
    """(size², 3) float32: [x, y, r] of each pixel centre of a size × size image, row by row."""
    c = (2.0 * np.arange(size) + 1.0) / size - 1.0
    y, x = np.meshgrid(c, c, indexing="ij")
    r = np.sqrt(x**2 + y**2)
    return np.stack([x, y, r], axis=-1).reshape(-1, 3).astype(np.float32)


def queries(z, size):
    """(len(z)·size², latent_dim + 3): each code beside every pixel position of a size × size grid."""
    z = np.asarray(z, np.float32)
    g = grid(size)
    return np.concatenate([np.repeat(z, len(g), axis=0), np.tile(g, (len(z), 1))], axis=1)


def build_cppn(latent_dim, width=64, depth=4, frequencies=8):
    """f: (N, latent_dim + 3) queries [z, x, y, r] → (N, 1) logits.

    The position also enters as Fourier features sin(πkx), cos(πkx), sin(πky), cos(πky) for
    k = 1 … `frequencies` (computed inside the model, so the page sends only [z, x, y, r]); then
    `depth` layers of `width` SiLU units (x·σ(x): smooth, and every TF.js backend has it)."""
    import keras
    from keras import ops

    q = keras.Input((latent_dim + QUERY_EXTRA,), name="query")
    k = np.pi * np.arange(1, frequencies + 1, dtype=np.float32)

    def fourier(q):
        xy = q[:, latent_dim : latent_dim + 2]
        angles = ops.reshape(xy[:, :, None] * k, (-1, 2 * frequencies))
        return ops.concatenate([q, ops.sin(angles), ops.cos(angles)], axis=-1)

    h = keras.layers.Lambda(fourier, output_shape=(latent_dim + QUERY_EXTRA + 4 * frequencies,), name="fourier")(q)
    for i in range(depth):
        h = keras.layers.Dense(width, activation="silu", name=f"hidden_{i}")(h)
    return keras.Model(q, keras.layers.Dense(1, name="logit")(h), name="cppn")


def on_grid(cppn, size=28):
    """A Keras model z → (size, size, 1) logits: `cppn` asked at every pixel centre (for training)."""
    import keras
    from keras import ops

    g = grid(size)

    class AtEveryPixel(keras.layers.Layer):
        """z (B, d) → logits (B, size, size, 1): `cppn` at each pixel centre of each code."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.cppn = cppn  # tracked: its weights are this layer's

        def call(self, z):
            n, d = ops.shape(z)[0], z.shape[-1]
            pos = ops.tile(ops.convert_to_tensor(g)[None], (n, 1, 1))
            zz = ops.repeat(z[:, None, :], len(g), axis=1)
            q = ops.reshape(ops.concatenate([zz, pos], axis=-1), (-1, d + QUERY_EXTRA))
            return ops.reshape(self.cppn(q), (-1, size, size, 1))

        def compute_output_shape(self, input_shape):
            return (input_shape[0], size, size, 1)

    z = keras.Input((cppn.input_shape[-1] - QUERY_EXTRA,), name="z")
    return keras.Model(z, AtEveryPixel(name="at_every_pixel")(z), name="cppn_on_grid")


def distillation_codes(n, latent_dim, seed=0, z_range=3.0):
    """n codes: the first half from N(0, I), the rest uniform on [−z_range, z_range]^latent_dim."""
    rng = np.random.default_rng(seed)
    half = n // 2
    return np.concatenate(
        [rng.standard_normal((half, latent_dim)), rng.uniform(-z_range, z_range, (n - half, latent_dim))]
    ).astype(np.float32)


def distil(
    teacher, latent_dim, codes=20000, epochs=10, batch_size=32, lr=3e-3, width=64, depth=4, frequencies=8, seed=0
):
    """Train a CPPN to draw what `teacher` (z → (N, 28, 28, 1) probabilities) draws, by Adam on the
    module docstring's L with a cosine decay; returns (cppn, Keras history dict)."""
    import keras

    keras.utils.set_random_seed(seed)
    z = distillation_codes(codes, latent_dim, seed)
    target = np.asarray(teacher(z), np.float32).reshape(-1, 28, 28, 1)
    cppn = build_cppn(latent_dim, width, depth, frequencies)
    model = on_grid(cppn)
    steps = epochs * -(-codes // batch_size)
    schedule = keras.optimizers.schedules.CosineDecay(lr, steps, alpha=0.01)
    model.compile(keras.optimizers.Adam(schedule), keras.losses.BinaryCrossentropy(from_logits=True))
    history = model.fit(z, target, batch_size=batch_size, epochs=epochs, verbose=2)
    return cppn, history.history


class OnGrid:
    """A function queries → logits as a decoder z → (N, size, size, 1) probabilities, with the
    `predict` of a Keras model (what train/classifier.py and train/metrics.py score)."""

    def __init__(self, run, size=28):
        self.run, self.size = run, size

    def predict(self, z, batch_size=500, verbose=0):
        z = np.asarray(z, np.float32)
        logits = np.concatenate(
            [self.run(queries(z[i : i + batch_size], self.size)) for i in range(0, len(z), batch_size)]
        )
        return sigmoid(logits).reshape(len(z), self.size, self.size, 1).astype(np.float32)


class Teacher:
    """A shipped decoder (TF.js files run in Python) with a Keras-like `predict`."""

    def __init__(self, run):
        self.run = run

    def predict(self, z, batch_size=500, verbose=0):
        return self.run(z, batch_size)

    def __call__(self, z):
        return self.run(z)


def score(decoder, teacher, judge, x_test, latent_dim, n=2000, seed=0):
    """The teacher's figures for `decoder`, on the same n codes z ~ N(0, I) of `seed` (decoded once):
    digit score, share decoded clearly, digits among the clear ones, sharpness, digit FID, and the mean
    |Δ| per pixel from what the teacher draws for the same codes."""
    from train.classifier import plausibility
    from train.metrics import digit_fid, judge_features, prior_codes, sharpness_ratio

    z = prior_codes(n, latent_dim, seed)
    images = decoder.predict(z)
    judged = plausibility(judge, images)
    gap = np.abs(images - teacher.predict(z).reshape(-1, 28, 28, 1)).mean()
    return {
        "samples": n,
        "seed": seed,
        "digit_score": round(judged["digit_score"], 4),
        "confident": round(judged["confident"], 4),
        "classes": judged["classes"],
        "sharpness": round(sharpness_ratio(images, x_test), 4),
        "fid": round(digit_fid(judge_features(judge, images), judge_features(judge, x_test)), 4),
        "mean_abs_from_teacher": round(float(gap), 4),
    }


class CppnError(RuntimeError):
    """A one-line reason the CPPN cannot be made or shipped."""


def teacher_entry(models, name):
    """The manifest entry of the teacher model `name` in `models`, or CppnError."""
    manifest = read_manifest(models)
    names = [m["name"] for m in manifest["models"]]
    if name not in names:
        raise CppnError(f"{models}/manifest.json has no model {name!r} (it has: {', '.join(names) or 'none'})")
    entry = manifest["models"][names.index(name)]
    if not (entry.get("samples") or {}).get("digit_score"):
        raise CppnError(f"{name} has no digit score in its manifest entry: export it with the judge first")
    return entry


def make_large(models, teacher, data, settings, classifier=None, max_gap=0.5):
    """Distil `teacher`'s decoder with `settings` (every keyword of `distil` but the teacher's and the
    code size), score the exported files, and ship them as MODELS/TEACHER-large with the teacher's
    manifest entry's "large"; CppnError (nothing written) if it scores below the teacher's digit
    score − max_gap. Returns the "large" record."""
    from train.classifier import DEFAULT_PATH, ClassifierError, load_classifier

    entry = teacher_entry(models, teacher)
    latent_dim = entry["latent_dim"]
    try:
        judge = load_classifier(classifier or DEFAULT_PATH)
        x_test = to_model_input(load_mnist(data)[1][0])
    except (ClassifierError, DataError) as e:
        raise CppnError(str(e)) from None
    teach = Teacher(load_graph_model(os.path.join(models, entry["decoder"]))[0])
    started = time.time()
    cppn, history = distil(teach, latent_dim, **settings)
    seconds = time.time() - started
    folder = f"{teacher}-large"
    with publish(models, folder) as stage, tempfile.TemporaryDirectory() as work:
        to_graph_model(cppn, stage.folder, work)
        shipped, _ = load_graph_model(os.path.join(stage.folder, "model.json"))
        test = score(OnGrid(lambda q: shipped(q, 1 << 16)), teach, judge, x_test, latent_dim)
        floor = entry["samples"]["digit_score"] - max_gap
        if test["digit_score"] < floor:
            raise CppnError(
                f"the CPPN's digit score {test['digit_score']:.2f} is below {teacher}'s "
                f"{entry['samples']['digit_score']:.2f} − {max_gap}: not shipped (train longer or wider)"
            )
        large = {
            "decoder": f"{folder}/model.json",
            "query": ["z"] * latent_dim + ["x", "y", "r"],
            "width": settings["width"],
            "depth": settings["depth"],
            "frequencies": settings["frequencies"],
            "parameters": int(cppn.count_params()),
            "bytes": folder_bytes(stage.folder),
            "distilled": {
                "codes": settings["codes"],
                "epochs": settings["epochs"],
                "seconds": round(seconds, 1),
                "final_loss": round(float(history["loss"][-1]), 5),
                "teacher_exported": entry.get("exported"),
            },
            "test": test,
        }

        def change(manifest):
            models_ = [{**m, "large": large} if m["name"] == teacher else m for m in manifest["models"]]
            return {**manifest, "models": models_}

        stage.change = change
    return large


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.cppn", description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default="exported_model/blur", help="the models folder whose manifest lists the teacher")
    p.add_argument("--teacher", default="vaegan-2d", help="the model whose decoder is distilled")
    p.add_argument("--data", required=True, help="MNIST .npz (its test images: sharpness and digit FID)")
    p.add_argument("--classifier", help="the judge (default: exported_model/judge/classifier.keras)")
    p.add_argument("--codes", type=int, default=20000, help="codes the teacher draws for training")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=32, help="codes per step (each at 784 pixels)")
    p.add_argument("--lr", type=float, default=3e-3, help="Adam's learning rate, decayed along a cosine")
    p.add_argument("--width", type=int, default=64, help="units per hidden layer")
    p.add_argument("--depth", type=int, default=4, help="hidden layers")
    p.add_argument("--frequencies", type=int, default=8, help="Fourier features per axis")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-gap", type=float, default=0.5, help="ship only within this much of the teacher's digit score")
    args = p.parse_args(argv)
    for flag in ("codes", "epochs", "batch_size", "width", "depth", "frequencies"):
        if getattr(args, flag) < 1:
            p.error(f"--{flag.replace('_', '-')} must be at least 1")
    if not args.lr > 0:
        p.error("--lr must be above 0")
    settings = {
        k: getattr(args, k) for k in ("codes", "epochs", "batch_size", "lr", "width", "depth", "frequencies", "seed")
    }
    try:
        large = make_large(args.models, args.teacher, args.data, settings, args.classifier, args.max_gap)
    except (CppnError, ArtifactError) as e:
        sys.exit(f"error: {e}")
    t = large["test"]
    print(
        f"shipped {large['decoder']} ({large['bytes'] / 1e3:.0f} kB): digit score {t['digit_score']:.2f}, "
        f"sharpness {t['sharpness']:.2f}, digit FID {t['fid']:.1f}, "
        f"mean |Δ| from the teacher {t['mean_abs_from_teacher']:.3f}"
    )


if __name__ == "__main__":
    main()

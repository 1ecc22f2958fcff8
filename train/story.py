"""`python -m train.story`: the five-step story "why does a VAE look the way it does?", trained.

    python -m train.story --data ../shared/data/mnist.npz --out exported_model --runs runs/story

Each step is a small machine that fixes the previous one's limit:

    1  store-one   a decoder (dense → two transposed convolutions → sigmoid) gets a constant input
                   [1] and is trained with mean squared error to output ONE picture: the picture
                   lives in the weights.
    2  one-hot     the same decoder with a one-hot input of length k stores k pictures. Blending two
                   one-hot codes gives a ghostly overlay, not a new picture.
    3  real-codes  each of N pictures gets a fixed random real code (4 numbers in [0, 10), one
                   decimal); only the decoder is trained. Many pictures fit, but a code halfway
                   between two stored ones decodes to something that is no digit.
    4  ae          an encoder makes the codes: the shipped plain autoencoder (manifest `models`
                   entry, default name ae-2d). Nothing trained here.
    5  vae         the shipped VAE (default name vae-2d). Nothing trained here.

Steps 1–3 are trained here (seconds to a couple of minutes on a CPU), saved as Keras models in
--runs (stepN.keras, for tests and notebooks) and exported as TF.js graph models to
--out/story/stepN/model.json. Step 3 also ships its codes and labels in --out/story/step3/codes.bin:
int16 little-endian codes × 1/scale (N × dim, row-major), then N uint8 labels.

The numbers the page shows are computed here and written into the shared manifest under the
top-level key "story" (a list of five step entries, in order); "models" is never touched. Steps 4
and 5 name a `models` entry (the page reads that entry's own numbers, which stay current when the
model is re-exported); their "numbers" here are a copy taken when this ran, or null if the model
was not shipped yet. `--record-only` refreshes steps 4–5 without retraining 1–3.

Numbers (MSE is the mean over pixels of (output − target)², pixels in [0, 1]; "confident" is the
fraction of images the digit classifier (train/classifier.py) reads as some digit with p ≥ 0.9):
    step 1  final MSE, weights vs pixels
    step 2  final MSE, pictures stored = k, confident fraction of the 50/50 blends of all pairs
    step 3  MSE on the stored pictures; MSE of halfway codes against the 50/50 pixel blend of the
            two pictures; confident fraction of stored vs halfway decodes
Every step's config can be changed with --set stepN.KEY=VALUE (e.g. --set step3.epochs=50).

Export and manifest update are atomic and happen together (train/artifacts.py `publish`), like
train/export.py's: a failed run leaves the previous story folder and manifest as they were.
"""

import argparse
import copy
import datetime
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

from train.artifacts import (
    MANIFEST,
    ArtifactError,
    check_writable_folder,
    folder_bytes,
    publish,
    read_manifest,
    sha256,
    to_graph_model,
    update_manifest,
    write_codes,
)
from train.data import DataError, load_npz, to_model_input

STORY_DIR = "story"
CURVE_POINTS = 200  # the manifest keeps at most about this many points of each training curve
CODE_SCALE = 100  # step 3 codes as int16 = round(code × CODE_SCALE); codes have one decimal: exact

# One config per step. "channels" is the width of the transposed convolutions, "hidden" optional dense
# layers before them (a width or a list of widths).
DEFAULT_CONFIG = {
    "step1": {"digit": 3, "channels": 32, "hidden": 0, "epochs": 400, "lr": 0.01, "batch_size": 1, "seed": 1},
    "step2": {
        "digits": [0, 2, 5, 7],
        "channels": 32,
        "hidden": 0,
        "epochs": 600,
        "lr": 0.01,
        "batch_size": 4,
        "seed": 2,
    },
    "step3": {
        "pictures": 256,
        "code_dim": 4,
        "code_max": 10.0,
        "channels": 32,
        "hidden": [256, 128],
        "epochs": 1000,
        "lr": 0.002,
        "batch_size": 32,
        "seed": 3,
        "pairs": 256,
    },
    "step4": {"model": "ae-2d", "kind": "ae"},
    "step5": {"model": "vae-2d", "kind": "vae"},
}

TITLES = {
    1: "A network stores a picture",
    2: "One-hot codes store a few pictures",
    3: "Real-valued codes store many",
    4: "An encoder makes the codes: an autoencoder",
    5: "A VAE: codes pulled toward N(0, I)",
}


class StoryError(RuntimeError):
    """The story cannot be trained or recorded; the message says why."""


def build_story_decoder(input_dim, channels=8, hidden=0, name="story_decoder"):
    """code (input_dim) → [dense layers of widths `hidden` →] dense 7·7·channels → 2 × transposed conv
    (stride 2) → 28×28×1 in [0, 1]. `hidden`: 0, a width, or a list of widths."""
    import keras
    from keras import layers

    z = keras.Input((input_dim,), name="code")
    h = z
    for width in [hidden] if isinstance(hidden, int) else hidden:
        if width:
            h = layers.Dense(width, activation="relu")(h)
    h = layers.Dense(7 * 7 * channels, activation="relu")(h)
    h = layers.Reshape((7, 7, channels))(h)
    h = layers.Conv2DTranspose(channels, 3, strides=2, padding="same", activation="relu")(h)
    image = layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid", name="image")(h)
    return keras.Model(z, image, name=name)


def _fit(model, codes, images, cfg):
    """Train with MSE and Adam (a compiled step: tiny models, many epochs); returns (per-epoch losses, seconds)."""
    import keras
    import tensorflow as tf

    optimizer = keras.optimizers.Adam(cfg["lr"])
    optimizer.build(model.trainable_variables)
    codes, images = tf.constant(codes, tf.float32), tf.constant(images, tf.float32)

    @tf.function(reduce_retracing=True)
    def step(idx):
        xb, yb = tf.gather(codes, idx), tf.gather(images, idx)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(xb, training=True) - yb))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    rng = np.random.default_rng(cfg["seed"])
    n, bs = int(codes.shape[0]), int(cfg["batch_size"])
    losses = []
    t0 = time.perf_counter()
    for _ in range(cfg["epochs"]):
        order = rng.permutation(n).astype(np.int32)
        total = 0.0
        for i in range(0, n, bs):
            idx = order[i : i + bs]
            total += float(step(tf.constant(idx))) * len(idx)
        losses.append(total / n)
    return losses, time.perf_counter() - t0


def _mse(a, b):
    return float(np.mean((np.asarray(a, np.float64) - np.asarray(b, np.float64)) ** 2))


def _first_of_each(labels, digits):
    idx = []
    for d in digits:
        hits = np.flatnonzero(labels == d)
        if len(hits) == 0:
            raise StoryError(f"no training image of digit {d} in the data")
        idx.append(int(hits[0]))
    return idx


def _judge(classifier, images):
    if classifier is None:
        return None
    from train.classifier import plausibility

    p = plausibility(classifier, images)
    return {"confident": round(p["confident"], 4), "mean_confidence": round(p["mean_confidence"], 4)}


def _rounded(values, digits=5):
    return [float(f"{v:.{digits}g}") for v in values]


def _curve(losses, points=CURVE_POINTS):
    """(every, curve): the loss after epochs every, 2·every, … (and the last), at most ~`points` values."""
    every = max(1, -(-len(losses) // points))
    curve = losses[every - 1 :: every]
    if len(losses) % every:
        curve = curve + losses[-1:]
    return every, _rounded(curve)


def _base_entry(step, model, losses, seconds, cfg, pictures, train_images):
    every, curve = _curve(losses)
    return {
        "step": step,
        "title": TITLES[step],
        "model": f"{STORY_DIR}/step{step}/model.json",
        "input_dim": int(model.input_shape[-1]),
        "weights": int(model.count_params()),
        "pixels": int(pictures * 28 * 28),
        "pictures": int(pictures),
        "training": {
            "epochs": cfg["epochs"],
            "lr": cfg["lr"],
            "batch_size": cfg["batch_size"],
            "seed": cfg["seed"],
            "images": int(train_images),
            "loss": "mse",
            "seconds": round(seconds, 1),
            "final_loss": _rounded(losses[-1:])[0],
            "curve_every": every,
            "curve": curve,
        },
    }


def train_step1(x, y, cfg):
    import keras

    keras.utils.set_random_seed(cfg["seed"])
    [i] = _first_of_each(y, [cfg["digit"]])
    images = to_model_input(x[i : i + 1])
    codes = np.ones((1, 1), np.float32)
    model = build_story_decoder(1, cfg["channels"], cfg["hidden"], name="story_step1")
    losses, seconds = _fit(model, codes, images, cfg)
    out = model.predict(codes, verbose=0)
    entry = _base_entry(1, model, losses, seconds, cfg, 1, 1)
    entry.update({"digit": int(y[i]), "numbers": {"mse": round(_mse(out, images), 6)}})
    return model, entry


def train_step2(x, y, cfg, classifier):
    import keras

    keras.utils.set_random_seed(cfg["seed"])
    idx = _first_of_each(y, cfg["digits"])
    k = len(idx)
    images = to_model_input(x[idx])
    codes = np.eye(k, dtype=np.float32)
    model = build_story_decoder(k, cfg["channels"], cfg["hidden"], name="story_step2")
    losses, seconds = _fit(model, codes, images, cfg)
    out = model.predict(codes, verbose=0)
    pairs = [(a, b) for a in range(k) for b in range(a + 1, k)]
    blends = np.asarray([(codes[a] + codes[b]) / 2 for a, b in pairs], np.float32)
    blend_out = model.predict(blends, verbose=0)
    entry = _base_entry(2, model, losses, seconds, cfg, k, k)
    numbers = {
        "stored": k,
        "mse": round(_mse(out, images), 6),
        "blend_mse": round(_mse(blend_out, [(images[a] + images[b]) / 2 for a, b in pairs]), 6),
    }
    judged_stored, judged_blend = _judge(classifier, out), _judge(classifier, blend_out)
    if judged_blend:
        numbers.update(
            {
                "confident_stored": judged_stored["confident"],
                "confident_blend": judged_blend["confident"],
                "blends": len(pairs),
            }
        )
    entry.update({"digits": [int(v) for v in y[idx]], "numbers": numbers})
    return model, entry


def step3_codes(cfg):
    """The fixed random codes: N × code_dim, uniform in [0, code_max), one decimal (float32)."""
    rng = np.random.default_rng(cfg["seed"])
    codes = np.round(rng.uniform(0, cfg["code_max"], (cfg["pictures"], cfg["code_dim"])), 1)
    codes = np.minimum(codes, cfg["code_max"] - 0.1)
    return (np.round(codes * CODE_SCALE) / CODE_SCALE).astype(np.float32)


def step3_pairs(cfg):
    """Pairs (i, j), i ≠ j, whose halfway codes are judged (fixed seed)."""
    rng = np.random.default_rng(cfg["seed"] + 1000)
    n = cfg["pictures"]
    i = rng.integers(0, n, cfg["pairs"])
    j = (i + rng.integers(1, n, cfg["pairs"])) % n
    return np.stack([i, j], axis=1)


def train_step3(x, y, cfg, classifier):
    import keras

    keras.utils.set_random_seed(cfg["seed"])
    n = cfg["pictures"]
    if len(x) < n:
        raise StoryError(f"step 3 needs {n} training images; the data has {len(x)}")
    images = to_model_input(x[:n])
    codes = step3_codes(cfg)
    model = build_story_decoder(cfg["code_dim"], cfg["channels"], cfg["hidden"], name="story_step3")
    losses, seconds = _fit(model, codes, images, cfg)
    out = model.predict(codes, verbose=0)
    pairs = step3_pairs(cfg)
    half = (codes[pairs[:, 0]] + codes[pairs[:, 1]]) / 2
    half_out = model.predict(half, verbose=0)
    blend = (images[pairs[:, 0]] + images[pairs[:, 1]]) / 2
    numbers = {
        "stored": n,
        "mse_stored": round(_mse(out, images), 6),
        "mse_halfway": round(_mse(half_out, blend), 6),
        "pairs": int(len(pairs)),
    }
    judged_stored, judged_half = _judge(classifier, out), _judge(classifier, half_out)
    if judged_half:
        numbers.update({"confident_stored": judged_stored["confident"], "confident_halfway": judged_half["confident"]})
    entry = _base_entry(3, model, losses, seconds, cfg, n, n)
    entry.update(
        {
            "numbers": numbers,
            "codes": {
                "file": f"{STORY_DIR}/step3/codes.bin",
                "count": n,
                "dim": cfg["code_dim"],
                "max": cfg["code_max"],
            },
        }
    )  # + "scale" and "format" when written
    return model, entry, codes, y[:n]


def shipped_entry(step, cfg, manifest):
    """Steps 4–5: a reference to a `models` entry, with a copy of its numbers if it is shipped."""
    models = {m["name"]: m for m in manifest.get("models", [])}
    m = models.get(cfg["model"])
    numbers = None
    if m is not None:
        if m.get("kind") != cfg["kind"]:
            raise StoryError(
                f"step {step}: model {cfg['model']!r} has kind {m.get('kind')!r}, expected {cfg['kind']!r}"
            )
        numbers = {
            "test_reconstruction": (m.get("test") or {}).get("reconstruction"),
            "samples_confident": (m.get("samples") or {}).get("confident"),
            "samples_digit_score": (m.get("samples") or {}).get("digit_score"),
            "latent_dim": m.get("latent_dim"),
            "model_exported": m.get("exported"),
        }
    return {"step": step, "title": TITLES[step], "model_name": cfg["model"], "kind": cfg["kind"], "numbers": numbers}


def with_story(manifest, trained, cfg):
    """The manifest with "story" set to the trained steps 1–3 and steps 4–5 read from its `models`."""
    manifest = {**manifest, "models": manifest.get("models", []), "default": manifest.get("default")}
    manifest["story"] = list(trained) + [
        shipped_entry(4, cfg["step4"], manifest),
        shipped_entry(5, cfg["step5"], manifest),
    ]
    return manifest


def merge_config(overrides=()):
    """DEFAULT_CONFIG with "stepN.key=value" overrides (values parsed as JSON when they parse)."""
    cfg = copy.deepcopy(DEFAULT_CONFIG)
    for item in overrides:
        key, sep, raw = item.partition("=")
        step, dot, field = key.partition(".")
        if not sep or not dot or step not in cfg or field not in cfg[step]:
            raise StoryError(
                f"bad --set {item!r}: use stepN.KEY=VALUE with KEY one of "
                f"{', '.join(cfg.get(step, {})) or '(step1..step5 keys)'}"
            )
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        cfg[step][field] = value
    return cfg


def train_story(
    data, out_root="exported_model", runs="runs/story", config=None, classifier=None, record_only=False, log=print
):
    """Train and export steps 1–3 (unless record_only), record all five in the manifest; returns "story"."""
    cfg = config or merge_config()
    if record_only:
        old = {e["step"]: e for e in read_manifest(out_root).get("story", [])}
        if not all(s in old for s in (1, 2, 3)):
            raise StoryError(f"--record-only: {out_root}/{MANIFEST} has no story steps 1–3 to keep; train them")
        return update_manifest(out_root, lambda m: with_story(m, [old[1], old[2], old[3]], cfg))["story"]
    try:
        (x, y), _ = load_npz(data)
    except DataError as e:
        raise StoryError(str(e)) from None
    judge, judge_sha256 = load_judge(classifier, log)
    for folder in (out_root, runs):
        check_writable_folder(folder, "--out" if folder == out_root else "--runs")
    log("step 1: one picture in the weights")
    m1, e1 = train_step1(x, y, cfg["step1"])
    log("step 2: one-hot codes")
    m2, e2 = train_step2(x, y, cfg["step2"], judge)
    log("step 3: real-valued codes")
    m3, e3, codes, labels = train_step3(x, y, cfg["step3"], judge)
    if judge is not None:
        for entry in (e2, e3):
            entry["classifier_sha256"] = judge_sha256
    export_steps([(m1, e1), (m2, e2), (m3, e3)], codes, labels, out_root, runs, cfg)
    with open(os.path.join(runs, "config.json"), "w") as f:
        json.dump({"data": data, "config": cfg}, f, indent=2)
    return read_manifest(out_root)["story"]


def load_judge(classifier, log):
    """(the digit classifier, its file's SHA-256), by default the shipped judge; (None, None) without one."""
    from train.classifier import DEFAULT_PATH, ClassifierError, load_classifier

    if classifier is None and os.path.exists(DEFAULT_PATH):
        classifier = DEFAULT_PATH
    if not classifier:
        log("warning: no digit classifier; the plausibility numbers are left out")
        return None, None
    try:
        return load_classifier(classifier), sha256(classifier)
    except ClassifierError as e:
        raise StoryError(str(e)) from None


def export_steps(results, codes, labels, out_root, runs, cfg):
    """Save the Keras step models in `runs`; export them (and step 3's codes) into out_root/story/ and
    record the story in the manifest, together (artifacts.publish). Returns the step entries."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    work = tempfile.mkdtemp(prefix="story-export-")
    trained = []
    try:
        with publish(out_root, STORY_DIR) as stage:
            for model, entry in results:
                n = entry["step"]
                model.save(os.path.join(runs, f"step{n}.keras"))
                folder = os.path.join(stage.folder, f"step{n}")
                to_graph_model(model, folder, work)
                if n == 3:
                    entry["codes"].update(write_codes(os.path.join(folder, "codes.bin"), codes, labels, CODE_SCALE))
                entry["bytes"] = folder_bytes(folder)
                entry["exported"] = stamp
                trained.append(entry)
            stage.change = lambda manifest: with_story(manifest, trained, cfg)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return trained


def summary(story):
    """The figures, one line per step, for the terminal and docs/models.md."""
    lines = []
    for e in story:
        n, num = e["step"], e.get("numbers")
        if n <= 3:
            head = (
                f"step {n}: {e['pictures']} picture(s), {e['weights']:,} weights vs {e['pixels']:,} pixels, "
                f"{e['bytes'] / 1e3:.0f} kB, {e['training']['epochs']} epochs in {e['training']['seconds']} s"
            )
            lines.append(head + "; " + ", ".join(f"{k} {v}" for k, v in num.items()))
        elif num is None:
            lines.append(f"step {n}: {e['model_name']} ({e['kind']}) not shipped yet")
        else:
            lines.append(
                f"step {n}: {e['model_name']}: test reconstruction {num['test_reconstruction']} nats/image, "
                f"confident random samples {num['samples_confident']}, "
                f"digit score {num['samples_digit_score']} of 10"
            )
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.story", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", help="MNIST-layout .npz (steps 1–3 train on its first training images)")
    p.add_argument("--out", default="exported_model", help="folder the server serves models from")
    p.add_argument("--runs", default=os.path.join("runs", "story"), help="where the Keras step models go")
    p.add_argument(
        "--classifier",
        help="digit classifier for the plausibility numbers (default: the shipped "
        'judge, exported_model/judge/classifier.keras; "" for none)',
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="stepN.KEY=VALUE",
        help="change one step's config (repeatable), e.g. step3.pictures=512, step4.model=ae-2d",
    )
    p.add_argument(
        "--record-only",
        action="store_true",
        help="keep steps 1–3 as exported; refresh steps 4–5 from the manifest's models",
    )
    args = p.parse_args(argv)
    if not args.record_only and not args.data:
        p.error("--data is required (unless --record-only)")
    try:
        story = train_story(args.data, args.out, args.runs, merge_config(args.set), args.classifier, args.record_only)
    except (StoryError, ArtifactError) as e:
        sys.exit(f"error: {e}")
    print(summary(story))


if __name__ == "__main__":
    main()

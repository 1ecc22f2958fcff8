"""`python -m train.export runs/NAME`: turn a trained run into TF.js graph models the page loads.

Writes exported_model/NAME/encoder/ (image → [μ | log σ²]) and exported_model/NAME/decoder/
(z → image in [0, 1]) and adds or replaces NAME's entry in exported_model/manifest.json.

Why graph models: a Keras 3 model saved as a TF.js *layers* model does not load in tfjs 4.22, so
each part is exported as a TensorFlow SavedModel (`model.export`) and converted to a *graph* model.
The encoder's two outputs are concatenated into one tensor (N, 2·latent_dim), μ first, because the
converter drops output names; the manifest says so ("encoder_output": "mu_logvar").

Beside the models it writes the figures the page shows about them:
    latent_map.bin   the codes (μ, or z for a plain autoencoder) of the first 5,000 test images
                     as little-endian int16 (value × 1000, row-major N × latent_dim), then their
                     labels as uint8: the page's latent map (manifest "map")
    manifest "samples"  how digit-like decoded samples z ~ N(0, I) are, judged by the digit
                     classifier (train/classifier.py), when one has been trained

The export is atomic: everything is written into a temporary folder beside the target and renamed
into place at the end, and the manifest is replaced in one rename, so a failed export never leaves a
half-written model for the page to load.
"""

import argparse
import contextlib
import datetime
import json
import os
import shutil
import sys
import tempfile

MANIFEST = "manifest.json"
MAP_POINTS = 5000
MAP_SCALE = 1000  # int16 codes = round(value × MAP_SCALE): 0.001 resolution, range ±32.7


class ExportError(RuntimeError):
    """The run folder cannot be exported; the message says why."""


def read_run(run_dir):
    """The run's config and metrics (both written by `python -m train`)."""
    if not os.path.isdir(run_dir):
        raise ExportError(f"run folder not found: {run_dir}")
    out = {}
    for name in ("config", "metrics"):
        path = os.path.join(run_dir, f"{name}.json")
        if not os.path.exists(path):
            raise ExportError(f"{path} is missing; did `python -m train --out {run_dir}` finish?")
        with open(path) as f:
            out[name] = json.load(f)
    if not os.path.exists(os.path.join(run_dir, "checkpoint.keras")):
        raise ExportError(f"no checkpoint.keras in {run_dir}")
    return out["config"], out["metrics"]


def _folder_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def _to_graph_model(model, out_dir, work_dir):
    """Keras model → SavedModel → TF.js graph model in out_dir."""
    from tensorflowjs.converters import tf_saved_model_conversion_v2 as converter
    saved = os.path.join(work_dir, "saved_model_" + model.name)
    model.export(saved, format="tf_saved_model", verbose=False)
    converter.convert_tf_saved_model(saved, out_dir)


def export_models(model, out_dir, work_dir):
    """Write encoder/ and decoder/ graph models for a model made by train.models.build_model."""
    import keras

    from train.models import decoder_from, parts
    encoder, decoder_logits = parts(model)
    image = keras.Input(encoder.input_shape[1:], name="image")
    code = encoder(image)
    if isinstance(code, (list, tuple)):  # VAE: [μ, log σ²] → one tensor [μ | log σ²]
        code = keras.layers.Concatenate(name="mu_logvar")(list(code))
    _to_graph_model(keras.Model(image, code, name="encoder"), os.path.join(out_dir, "encoder"), work_dir)
    _to_graph_model(decoder_from(decoder_logits), os.path.join(out_dir, "decoder"), work_dir)


def write_latent_map(encoder, kind, x_test, y_test, path, points=MAP_POINTS):
    """The first `points` test images' codes and labels, in the compact format described above."""
    import numpy as np

    from train.data import to_model_input
    x = to_model_input(x_test[:points])
    code = encoder.predict(x, batch_size=500, verbose=0)
    mu = np.asarray(code[0] if kind == "vae" else code, np.float64)
    q = np.clip(np.round(mu * MAP_SCALE), -32767, 32767).astype("<i2")
    with open(path, "wb") as f:
        f.write(q.tobytes(order="C"))
        f.write(np.asarray(y_test[:points], np.uint8).tobytes())
    return {"file": os.path.basename(path), "points": int(len(x)), "scale": 1 / MAP_SCALE,
            "format": "int16 codes (points × latent_dim, little-endian), then uint8 labels"}


def manifest_entry(name, config, metrics, model_dir, title=None):
    import keras
    import tensorflow as tf
    import tensorflowjs
    kind = config["kind"]
    default_title = (f"{'VAE' if kind == 'vae' else 'Plain autoencoder'}, "
                     f"{config['latent_dim']}-D code ({config['arch']})")
    return {
        "name": name,
        "title": title or default_title,
        "kind": kind,
        "latent_dim": config["latent_dim"],
        "arch": config["arch"],
        "beta": config.get("beta", 1.0),
        "encoder": f"{name}/encoder/model.json",
        "encoder_output": "mu_logvar" if kind == "vae" else "z",
        "decoder": f"{name}/decoder/model.json",
        "bytes": {part: _folder_bytes(os.path.join(model_dir, part)) for part in ("encoder", "decoder")},
        "training": {"data": metrics["data"], "train_images": metrics["train_images"],
                     "epochs": metrics["epochs"], "batch_size": config["batch_size"],
                     "lr": config["lr"], "schedule": config["schedule"], "seed": config["seed"],
                     "seconds_per_epoch": round(metrics["seconds_per_epoch"], 2)},
        "test": {k: (round(v, 3) if isinstance(v, float) else v) for k, v in metrics["test"].items()},
        "versions": {"tensorflow": tf.__version__, "keras": keras.__version__,
                     "tensorflowjs": tensorflowjs.__version__},
        "exported": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def read_manifest(out_root):
    """out_root/manifest.json, or an empty one."""
    path = os.path.join(out_root, MANIFEST)
    if not os.path.exists(path):
        return {"version": 1, "default": None, "models": []}
    with open(path) as f:
        return json.load(f)


def write_manifest(out_root, manifest):
    """Replace out_root/manifest.json in one rename: readers see the old file or the new, never half."""
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=out_root)
    with os.fdopen(fd, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, os.path.join(out_root, MANIFEST))
    return manifest


def update_manifest(out_root, entry, make_default=False):
    """Add or replace `entry` (by name, keeping its place) in out_root/manifest.json."""
    manifest = read_manifest(out_root)
    old_names = [m["name"] for m in manifest["models"]]
    models = [m for m in manifest["models"] if m["name"] != entry["name"]]
    if entry["name"] in old_names:
        models.insert(old_names.index(entry["name"]), entry)
    else:
        models.append(entry)
    manifest["models"] = models
    if make_default or not manifest.get("default") or manifest["default"] not in {m["name"] for m in models}:
        manifest["default"] = entry["name"]
    return write_manifest(out_root, manifest)


@contextlib.contextmanager
def staged_folder(out_root, name):
    """Yield an empty temporary folder beside out_root/name; when the block succeeds, it replaces
    out_root/name by renames; when it fails, it is deleted and out_root/name is left as it was."""
    os.makedirs(out_root, exist_ok=True)
    final = os.path.join(out_root, name)
    staging = tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=out_root)
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    os.chmod(staging, 0o755)
    old = None
    if os.path.exists(final):
        old = tempfile.mkdtemp(prefix=f".{name}.old-", dir=out_root)
        os.rmdir(old)
        os.rename(final, old)
    os.rename(staging, final)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def export_run(run_dir, out_root="exported_model", name=None, title=None, make_default=False,
               data=None, classifier=None):
    """Export runs/NAME into out_root/NAME/ and its manifest entry; returns the entry.

    data: MNIST .npz for the latent map (default: the one the run trained on, if it exists).
    classifier: path of a trained digit classifier for the samples figure (default: the one
    `python -m train.classifier` writes, if it exists). Pass "" for either to leave it out.
    """
    from train.classifier import DEFAULT_PATH as CLASSIFIER_PATH
    from train.data import DataError, load_npz
    config, metrics = read_run(run_dir)
    if data is None:
        data = config.get("data")
    if data and not os.path.exists(data):
        print(f"warning: {data} not found: no latent map for this model", file=sys.stderr)
        data = None
    if classifier is None and os.path.exists(CLASSIFIER_PATH):
        classifier = CLASSIFIER_PATH
    name = name or os.path.basename(os.path.normpath(run_dir))
    if not name or name.startswith(".") or "/" in name or "\\" in name:
        raise ExportError(f"bad model name {name!r}")
    import keras

    from train.models import decoder_from, parts  # (also registers the custom layers and loss)
    try:
        model = keras.saving.load_model(os.path.join(run_dir, "checkpoint.keras"))
    except Exception as e:
        raise ExportError(f"cannot load {run_dir}/checkpoint.keras ({type(e).__name__}: {e})") from None
    work = tempfile.mkdtemp(prefix="vae-export-")
    try:
        with staged_folder(out_root, name) as staging:
            export_models(model, staging, work)
            entry = manifest_entry(name, config, metrics, staging, title)
            encoder, decoder_logits = parts(model)
            if data:
                try:
                    _, (x_test, y_test) = load_npz(data)
                except DataError as e:
                    raise ExportError(str(e)) from None
                entry["map"] = write_latent_map(encoder, config["kind"], x_test, y_test,
                                                os.path.join(staging, "latent_map.bin"))
                entry["map"]["file"] = f"{name}/latent_map.bin"
            if classifier:
                from train.classifier import classifier_accuracy, load_classifier, sample_plausibility
                entry["samples"] = sample_plausibility(decoder_from(decoder_logits), load_classifier(classifier),
                                                       config["latent_dim"])
                entry["samples"]["classifier_accuracy"] = classifier_accuracy(classifier)
        update_manifest(out_root, entry, make_default)
        return entry
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m train.export", description=__doc__.split("\n\n")[0])
    p.add_argument("run", help="run folder written by `python -m train --out`")
    p.add_argument("--out", default="exported_model", help="folder the server serves models from")
    p.add_argument("--name", help="model name in the manifest (default: the run folder's name)")
    p.add_argument("--title", help="human-readable title shown in the page")
    p.add_argument("--default", action="store_true", help="make this the model the page opens with")
    p.add_argument("--data", help="MNIST .npz for the latent map (default: the run's training data)")
    p.add_argument("--classifier", help="digit classifier for the samples figure "
                                        "(default: runs/classifier/classifier.keras if present)")
    args = p.parse_args(argv)
    try:
        entry = export_run(args.run, args.out, args.name, args.title, args.default, args.data, args.classifier)
    except ExportError as e:
        sys.exit(f"error: {e}")
    sizes = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in entry["bytes"].items())
    print(f"exported {entry['name']} to {os.path.join(args.out, entry['name'])} ({sizes})")


if __name__ == "__main__":
    main()

"""`python -m train.export runs/NAME`: turn a trained run into TF.js graph models the page loads.

Writes exported_model/NAME/encoder/ (image → [μ | log σ²]) and exported_model/NAME/decoder/
(z → image in [0, 1]) and adds or replaces NAME's entry in exported_model/manifest.json. A GAN has
no encoder: only its decoder (the generator) is written, and its entry says "encoder": null.

Why graph models: a Keras 3 model saved as a TF.js *layers* model does not load in tfjs 4.22, so
each part is exported as a TensorFlow SavedModel (`model.export`) and converted to a *graph* model.
The encoder's two outputs are concatenated into one tensor (N, 2·latent_dim), μ first, because the
converter drops output names; the manifest says so ("encoder_output": "mu_logvar").

Beside the models it writes the figures the page shows about them:
    latent_map.bin   the codes (μ, or z for a plain autoencoder) of the first 5,000 test images as the
                     shipped encoder files give them, stored as little-endian int16 (value × 1000, or
                     × 100 … for codes beyond ±32.7: the manifest's "map" "scale"; row-major N ×
                     latent_dim), then their labels as uint8: the page's latent map (manifest "map")
    manifest "samples"  how digit-like decoded samples z ~ N(0, I) are, judged by the digit
                     classifier (train/classifier.py), when one has been trained
    manifest "blur"  with the judge and test images: the sharpness of the same samples (as a ratio
                     to real test digits), their digit FID, and the reconstruction of the test
                     images from μ, or {"possible": false, "reason": "no encoder"} for a GAN
                     (train/metrics.py `blur_figures`)

The export is atomic (train/artifacts.py `publish`): the model folder and the new manifest are
written beside their targets and swapped in together at the end; whatever fails, the previous model
and its manifest entry stay as they were.
"""

import argparse
import datetime
import json
import os
import shutil
import sys
import tempfile

from train.artifacts import (
    ArtifactError,
    check_writable_folder,
    folder_bytes,
    load_checkpoint,
    publish,
    sha256,
    to_graph_model,
    with_model,
    write_codes,
)
from train.refine import RefineError, check_settings, refined_encoder

MAP_POINTS = 5000
MAP_SCALE = 1000  # int16 codes = round(value × MAP_SCALE): 0.001 resolution, range ±32.7

# What each kind's encoder gives the page: [μ | log σ²], z, or nothing (a GAN has no encoder).
ENCODER_OUTPUT = {"vae": "mu_logvar", "vaegan": "mu_logvar", "ae": "z", "gan": None}
TITLES = {"vae": "VAE", "ae": "Plain autoencoder", "gan": "GAN", "vaegan": "VAE-GAN"}

# What `python -m train` writes and the export reads (a run missing one cannot be exported).
CONFIG_KEYS = ("kind", "latent_dim", "arch", "batch_size", "lr", "schedule", "seed")
METRICS_KEYS = ("data", "train_images", "epochs", "seconds_per_epoch", "test")


class ExportError(RuntimeError):
    """The run folder cannot be exported; the message says why."""


def read_json(path, keys):
    """A run file's JSON object, checked for `keys`; a one-line ExportError if missing or unreadable."""
    try:
        with open(path) as f:
            value = json.load(f)
    except FileNotFoundError:
        raise ExportError(f"{path} is missing; did `python -m train --out {os.path.dirname(path)}` finish?") from None
    except (OSError, ValueError) as e:
        raise ExportError(f"{path} cannot be read ({type(e).__name__}: {e})") from None
    if not isinstance(value, dict):
        raise ExportError(f"{path} holds {type(value).__name__}, not a JSON object")
    missing = [k for k in keys if k not in value]
    if missing:
        raise ExportError(f"{path} lacks the key(s) {', '.join(missing)}")
    return value


def read_run(run_dir):
    """The run's config and metrics (both written by `python -m train`), checked for what export needs."""
    if not os.path.isdir(run_dir):
        raise ExportError(f"run folder not found: {run_dir}")
    config = read_json(os.path.join(run_dir, "config.json"), CONFIG_KEYS)
    metrics = read_json(os.path.join(run_dir, "metrics.json"), METRICS_KEYS)
    if not os.path.exists(os.path.join(run_dir, "checkpoint.keras")):
        raise ExportError(f"no checkpoint.keras in {run_dir}")
    return config, metrics


def networks(model, refine=None):
    """(encoder, decoder_logits) of any trained model; the encoder is None for a GAN. refine:
    None, or {"steps", "step_size", "samples"}: the encoder's codes refined by that many gradient
    steps through the decoder (train/refine.py); steps 0 means no refinement."""
    from train.models import parts

    if not any(layer.name == "encoder" for layer in model.layers):
        return None, model.get_layer("decoder_logits")
    encoder, decoder_logits = parts(model)
    if refine and refine["steps"]:
        encoder = refined_encoder(encoder, decoder_logits, refine["steps"], refine["step_size"], refine["samples"])
    return encoder, decoder_logits


def code_kind(kind):
    """How a kind's code reads: "vae" (μ, log σ²: the VAE and the VAE-GAN) or "ae" (z itself)."""
    return "vae" if ENCODER_OUTPUT[kind] == "mu_logvar" else "ae"


def export_models(nets, out_dir, work_dir, quantize=None):
    """Write encoder/ (if there is one) and decoder/ graph models for nets = networks(model)."""
    import keras

    from train.models import decoder_from

    encoder, decoder_logits = nets
    if encoder is not None:
        image = keras.Input(encoder.input_shape[1:], name="image")
        code = encoder(image)
        if isinstance(code, (list, tuple)):  # VAE: [μ, log σ²] → one tensor [μ | log σ²]
            code = keras.layers.Concatenate(name="mu_logvar")(list(code))
        to_graph_model(keras.Model(image, code, name="encoder"), os.path.join(out_dir, "encoder"), work_dir, quantize)
    to_graph_model(decoder_from(decoder_logits), os.path.join(out_dir, "decoder"), work_dir, quantize)


def exported_parts(folder):
    return [part for part in ("encoder", "decoder") if os.path.isdir(os.path.join(folder, part))]


def write_latent_map(encoder_json, latent_dim, x_test, y_test, path, points=MAP_POINTS):
    """The first `points` test images' codes and labels, in artifacts' codes format. The codes are those
    the shipped encoder files give (the page's own: their precision and any refinement included): μ, the
    first latent_dim columns of [μ | log σ²], or a plain autoencoder's z."""
    import numpy as np

    from train.artifacts import load_graph_model
    from train.data import to_model_input

    encode, _ = load_graph_model(encoder_json)
    x = to_model_input(x_test[:points])
    mu = np.asarray(encode(x), np.float64)[:, :latent_dim]
    per_unit = map_per_unit(np.abs(mu).max())
    return {"file": os.path.basename(path), "points": int(len(x)), **write_codes(path, mu, y_test[:points], per_unit)}


def map_per_unit(largest):
    """int16 steps per unit of code for the latent map: MAP_SCALE (0.001 resolution, range ±32.7), or
    for codes beyond that range (a VAE trained with β = 0, whose codes nothing pulls towards the prior)
    the largest power of ten below it that holds them all, so no code is clipped."""
    per_unit = MAP_SCALE
    while per_unit > 1 and largest * per_unit > 32767:
        per_unit //= 10
    return per_unit


def manifest_entry(name, config, metrics, model_dir, title=None, precision=None, refine=None):
    """The manifest entry; "test" holds the scores of the shipped files when they were scored
    (precision["scores"]), else the Keras model's scores from training."""
    import keras
    import tensorflow as tf
    import tensorflowjs

    kind = config["kind"]
    default_title = f"{TITLES[kind]}, {config['latent_dim']}-D code ({config['arch']})"
    has_encoder = ENCODER_OUTPUT[kind] is not None
    entry = {
        "name": name,
        "title": title or default_title,
        "kind": kind,
        "latent_dim": config["latent_dim"],
        "arch": config["arch"],
        "beta": config.get("beta", 1.0),
        "encoder": f"{name}/encoder/model.json" if has_encoder else None,
        "encoder_output": ENCODER_OUTPUT[kind],
        # the encoder's codes refined by gradient steps through the decoder (train/refine.py), or null
        "encoder_refinement": refine if has_encoder and refine and refine["steps"] else None,
        "decoder": f"{name}/decoder/model.json",
        "weights": precision["weights"] if precision else "float32",
        "precision": {k: v for k, v in (precision or {}).items() if k != "scores"},
        "bytes": {part: folder_bytes(os.path.join(model_dir, part)) for part in exported_parts(model_dir)},
        "training": {
            "data": metrics["data"],
            "train_images": metrics["train_images"],
            "epochs": metrics["epochs"],
            "batch_size": config["batch_size"],
            "lr": config["lr"],
            "schedule": config["schedule"],
            "seed": config["seed"],
            "seconds_per_epoch": round(metrics["seconds_per_epoch"], 2),
            # a warm restart (`--init-from`): the epochs before it, whose rate and schedule were
            # the earlier run's; lr and schedule above are those of the last run
            **({"restarted_after": metrics["restarted_after"]} if "restarted_after" in metrics else {}),
            # one kept epoch of a longer run (python -m train.pick_epoch): that run, its epochs, the
            # seed of the codes the epoch was chosen by
            **({"chosen_from": metrics["chosen_from"]} if "chosen_from" in metrics else {}),
        },
        "test": {
            k: (round(v, 3) if isinstance(v, float) else v)
            for k, v in ((precision or {}).get("scores") or metrics["test"]).items()
        },
        # the Keras model's scores at the end of training (its encoder's own codes, not refined)
        "test_keras": {k: (round(v, 3) if isinstance(v, float) else v) for k, v in metrics["test"].items()},
        "versions": {
            "tensorflow": tf.__version__,
            "keras": keras.__version__,
            "tensorflowjs": tensorflowjs.__version__,
        },
        "exported": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if kind == "vaegan":
        entry["gamma"] = config["gamma"]
    return entry


def samples_figure(decoder, classifier_path, latent_dim):
    """The manifest's "samples": how digit-like decoded z ~ N(0, I) are, and which judge said so."""
    from train.classifier import ClassifierError, classifier_accuracy, load_classifier, sample_plausibility

    try:
        judge = load_classifier(classifier_path)
    except ClassifierError as e:
        raise ExportError(str(e)) from None
    samples = sample_plausibility(decoder, judge, latent_dim)
    samples["classifier_accuracy"] = classifier_accuracy(classifier_path)
    samples["classifier_sha256"] = sha256(classifier_path)
    return samples


def judge_record(classifier_path, out_root):
    """The manifest's "judge": the classifier the latest samples figure was computed with (its file,
    relative to out_root when it ships there, its SHA-256 and test accuracy)."""
    from train.classifier import classifier_accuracy

    rel = os.path.relpath(os.path.abspath(classifier_path), os.path.abspath(out_root))
    return {
        "file": None if rel.startswith("..") else rel.replace(os.sep, "/"),
        "sha256": sha256(classifier_path),
        "test_accuracy": classifier_accuracy(classifier_path),
    }


def resolve_inputs(config, data, classifier):
    """(data, classifier) paths to use: None/"" means leave that figure out. The defaults are the
    run's training data and the shipped judge, each only if present; a path given must exist."""
    from train.classifier import DEFAULT_PATH

    if data is None:
        data = config.get("data")
        if data and not os.path.exists(data):
            print(f"warning: {data} not found: no latent map for this model", file=sys.stderr)
            data = None
    elif data and not os.path.isfile(data):
        raise ExportError(f"--data {data} not found")
    if classifier is None:
        classifier = DEFAULT_PATH if os.path.exists(DEFAULT_PATH) else None
    elif classifier and not os.path.isfile(classifier):
        raise ExportError(f"--classifier {classifier} not found")
    return data or None, classifier or None


def export_precision(nets, kind, folder, work, quantize, x_test):
    """Write the graph models into `folder` with the weight precision `quantize` ("float32",
    "float16", "uint8", or "auto": each is exported and scored from its files on the test images
    and the smallest within train.quantize.TOLERANCE_NATS of float32 ships; without test images
    there is nothing to judge a smaller precision by, so float32 ships). Returns the
    manifest's "precision": the one shipped, and the score and bytes of each one tried."""
    from train.quantize import SCHEMES, choose_scheme, headline, score_files

    if ENCODER_OUTPUT[kind] is None:
        x_test = None  # scores need an encoder
        if quantize == "auto":
            print("warning: a GAN has no encoder to score smaller precisions with: exporting float32", file=sys.stderr)
            quantize = "float32"
    if x_test is None and quantize == "auto":
        print("warning: no test images (--data) to score smaller precisions with: exporting float32", file=sys.stderr)
        quantize = "float32"
    schemes = SCHEMES if quantize == "auto" else (quantize,)
    tried = {}
    for scheme in schemes:
        staged = os.path.join(work, f"precision-{scheme}")
        os.makedirs(staged)
        export_models(nets, staged, staged, None if scheme == "float32" else scheme)
        tried[scheme] = {
            "folder": staged,
            "bytes": sum(folder_bytes(os.path.join(staged, p)) for p in exported_parts(staged)),
        }
        if x_test is not None:
            tried[scheme]["scores"] = score_files(staged, code_kind(kind), x_test)
    chosen = choose_scheme({k: v["scores"] for k, v in tried.items()}) if quantize == "auto" else quantize
    for part in exported_parts(tried[chosen]["folder"]):
        shutil.move(os.path.join(tried[chosen]["folder"], part), os.path.join(folder, part))
    return {
        "weights": chosen,
        "scores": tried[chosen].get("scores"),
        "tried": {
            k: {"bytes": v["bytes"], "score": round(headline(v["scores"]), 3) if "scores" in v else None}
            for k, v in tried.items()
        },
    }


def write_model(
    nets, config, metrics, name, folder, work, title=None, data=None, classifier=None, quantize="auto", refine=None
):
    """Everything for nets = networks(model, refine) into `folder`; returns its manifest entry."""
    from train.data import DataError, load_npz, to_model_input
    from train.models import decoder_from

    x_test = y_test = None
    if data:
        try:
            _, (x_test, y_test) = load_npz(data)
        except DataError as e:
            raise ExportError(str(e)) from None
    precision = export_precision(
        nets, config["kind"], folder, work, quantize, None if x_test is None else to_model_input(x_test)
    )
    entry = manifest_entry(name, config, metrics, folder, title, precision, refine)
    encoder, decoder_logits = nets
    if data and encoder is not None:
        entry["map"] = write_latent_map(
            os.path.join(folder, "encoder", "model.json"),
            config["latent_dim"],
            x_test,
            y_test,
            os.path.join(folder, "latent_map.bin"),
        )
        entry["map"]["file"] = f"{name}/latent_map.bin"
    if classifier:
        entry["samples"] = samples_figure(decoder_from(decoder_logits), classifier, config["latent_dim"])
    if classifier and data:
        entry["blur"] = blur_figure(nets, classifier, config["latent_dim"], to_model_input(x_test))
    return entry


def blur_figure(nets, classifier_path, latent_dim, x_test):
    """The manifest's "blur": sharpness, digit FID and reconstruction (train.metrics.blur_figures)."""
    from train.classifier import load_classifier
    from train.metrics import blur_figures
    from train.models import decoder_from

    encoder, decoder_logits = nets
    figures = blur_figures(
        decoder_from(decoder_logits),
        load_classifier(classifier_path),
        x_test,
        latent_dim,
        encoder=encoder,
        decoder_logits=decoder_logits,
    )
    return rounded(figures)


def rounded(value, digits=4):
    """Floats rounded to `digits` places, inside dicts too."""
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    return round(value, digits) if isinstance(value, float) else value


def check_refine(kind, refine):
    """The refinement settings to use (None for none), or a one-line ExportError."""
    if not refine or not refine.get("steps"):
        return None
    try:
        check_settings(refine["steps"], refine["step_size"], refine["samples"])
    except RefineError as e:
        raise ExportError(str(e)) from None
    if ENCODER_OUTPUT[kind] != "mu_logvar":
        why = "it has no encoder" if ENCODER_OUTPUT[kind] is None else "its code is deterministic"
        raise ExportError(f"--refine-steps refines a VAE's (μ, log σ²); this run is a {kind}: {why}")
    return {"steps": int(refine["steps"]), "step_size": float(refine["step_size"]), "samples": int(refine["samples"])}


def export_run(
    run_dir,
    out_root="exported_model",
    name=None,
    title=None,
    make_default=False,
    data=None,
    classifier=None,
    quantize="auto",
    refine=None,
):
    """Export runs/NAME into out_root/NAME/ and its manifest entry; returns the entry.

    data: MNIST .npz for the latent map (default: the one the run trained on, if it exists).
    classifier: the digit classifier for the samples figure (default: the shipped judge,
    train.classifier.DEFAULT_PATH). Pass "" for either to leave it out.
    quantize: "auto" (the smallest precision within 0.3 nats of float32, scored from the files on
    data's test images; float32 without data), or "float32", "float16", "uint8" (see export_precision).
    refine: None or {"steps", "step_size", "samples"} (see `networks`): a VAE's encoder then refines
    its codes; the scores, the latent map and the reconstructions are those of the refined encoder.
    """
    config, metrics = read_run(run_dir)
    name = name or os.path.basename(os.path.normpath(run_dir))
    if not name or name.startswith(".") or "/" in name or "\\" in name:
        raise ExportError(f"bad model name {name!r}")
    data, classifier = resolve_inputs(config, data, classifier)
    refine = check_refine(config["kind"], refine)
    check_writable_folder(out_root)
    model = load_checkpoint(run_dir)
    try:
        nets = networks(model, refine)
    except RefineError as e:
        raise ExportError(str(e)) from None
    work = tempfile.mkdtemp(prefix="vae-export-")
    try:
        with publish(out_root, name) as stage:
            entry = write_model(
                nets, config, metrics, name, stage.folder, work, title, data, classifier, quantize, refine
            )
            entry["training"]["run"] = os.path.basename(os.path.normpath(run_dir))  # whose checkpoint this is
            judge = {"judge": judge_record(classifier, out_root)} if classifier else {}
            stage.change = lambda manifest: {**with_model(manifest, entry, make_default), **judge}
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
    p.add_argument(
        "--classifier",
        help="digit classifier for the samples figure (default: the shipped "
        'judge, exported_model/judge/classifier.keras; "" for none)',
    )
    p.add_argument(
        "--quantize",
        choices=("auto", "float32", "float16", "uint8"),
        default="auto",
        help="weight precision; auto: export each, score each from its files on the test set, "
        "ship the smallest within 0.3 nats/image of float32",
    )
    p.add_argument(
        "--refine-steps",
        type=int,
        default=0,
        help="refine a VAE encoder's codes by this many gradient steps on the ELBO through the decoder, "
        "inside the exported encoder (train/refine.py); 0: the encoder's own codes",
    )
    p.add_argument("--refine-step-size", type=float, default=0.1, help="the refinement's step size a")
    p.add_argument("--refine-samples", type=int, default=4, help="fixed draws ε the refinement averages over")
    args = p.parse_args(argv)
    refine = {"steps": args.refine_steps, "step_size": args.refine_step_size, "samples": args.refine_samples}
    try:
        entry = export_run(
            args.run, args.out, args.name, args.title, args.default, args.data, args.classifier, args.quantize, refine
        )
    except (ExportError, ArtifactError) as e:
        sys.exit(f"error: {e}")
    sizes = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in entry["bytes"].items())
    print(f"exported {entry['name']} to {os.path.join(args.out, entry['name'])} ({sizes})")


if __name__ == "__main__":
    main()

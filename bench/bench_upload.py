"""Benchmark of "Your own digit" (static/js/upload/) in the real page: prints figures, asserts nothing.

Runs the real app (waitress) on the committed exported_model/ (or --models DIR) in headless Chromium,
WebAssembly backend, and measures:

1. Latency: time from a file chosen in the file picker to its reconstruction shown (p50, p95), for a
   phone-photo-like JPEG (800×600) and a 500×500 PNG.
2. Class kept, for every model in the manifest that has an encoder: synthetic photos of digits as
   people would upload them (bench/upload_photos.py: real handwritten MNIST test digits, printed digits
   in several fonts and pen-drawn stroke digits; pen colours, shaded paper, tilted, off-centre,
   300–4000 px JPEGs) go through the page's file picker once; the page's 28×28 inputs are then encoded
   and decoded from μ (z for a plain autoencoder, whose page shows no reconstruction) by each model in
   the page; the shipped judge (exported_model/judge/) reads each reconstruction, and the figure is the
   share read as the photo's true digit. The model with the highest share is the one the manifest's
   "upload_default" should name (the page offers it to people who upload).

With --write-manifest it also records them in the models folder's manifest.json: "upload_default"
(the best model) and, per measured model, "upload": {"class_kept": share, "photos": photos read}, in
one atomic replace that keeps every other key (train/artifacts.py `update_manifest`).

    .venv/bin/python bench/bench_upload.py [--per-kind 40] [--repeats 15] [--models exported_model]
                                           [--write-manifest]
"""

import argparse
import json
import logging
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import train  # noqa: E402,F401  (quiets TensorFlow's start-up logs before anything imports it)
from tests.harness import PROBES_ON, LiveServer, launch_chromium  # noqa: E402

logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" chatter

RECONSTRUCT = """async (images) => {
    const model = window.vaeDemo.state.model;
    const encoder = await model.encoder();
    const mu = tf.tidy(() => model.encodeWith(encoder, tf.tensor4d(images.flat(), [images.length, 28, 28, 1])).mu);
    try {
        return Array.from(await model.decodeValues(await mu.data()));
    } finally {
        mu.dispose();
    }
}"""


def upload(page, name, data, mime):
    """Choose a file in the picker; returns the panel's stats once it has answered (shown or refused)."""
    before = page.evaluate("() => window.vaeDemo.upload.stats.runs + window.vaeDemo.upload.stats.errors")
    page.set_input_files("#upload-file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.wait_for_function(
        "n => window.vaeDemo.upload.stats.runs + window.vaeDemo.upload.stats.errors > n", arg=before, timeout=120000
    )
    page.evaluate("() => window.vaeDemo.upload.idle()")
    return page.evaluate("() => window.vaeDemo.upload.stats")


def pct(values, q):
    return float(np.percentile(np.asarray(values), q))


def latency(page, x_test, repeats):
    from tests import digit_images as di

    photo = di.encode(di.photo(x_test[0]), "JPEG", quality=90)
    png = di.encode(di.dark_on_light(x_test[1]))
    upload(page, "warm.jpg", photo, "image/jpeg")  # the encoder is fetched and warmed
    for name, data, mime in (("photo 800×600 JPEG", photo, "image/jpeg"), ("500×500 PNG", png, "image/png")):
        start = len(page.evaluate("window.vaeDemo.upload.stats.latenciesMs"))
        t0 = time.perf_counter()
        for i in range(repeats):
            upload(page, f"f{i}", data, mime)
        wall = (time.perf_counter() - t0) / repeats * 1000
        lat = page.evaluate("window.vaeDemo.upload.stats.latenciesMs")[start:]
        print(
            f"latency, file chosen → reconstruction shown, {name}: p50 {pct(lat, 50):.0f} ms, "
            f"p95 {pct(lat, 95):.0f} ms (n={len(lat)}; incl. Playwright's file transfer: {wall:.0f} ms per upload)"
        )


def page_inputs(page, shots):
    """Upload every photo; returns (the page's 28×28 inputs, their labels, their kinds, refused count)."""
    inputs, labels, kinds, refused = [], [], [], 0
    for k, (label, kind, data, _) in enumerate(shots):
        runs = page.evaluate("window.vaeDemo.upload.stats.runs")
        stats = upload(page, f"photo{k}.jpg", data, "image/jpeg")
        if stats["runs"] == runs:
            refused += 1
            continue
        inputs.append(stats["last"]["image"])
        labels.append(label)
        kinds.append(kind)
    return np.asarray(inputs, np.float32), np.asarray(labels), np.asarray(kinds), refused


def reconstructions(page, models, inputs):
    """{model name: (N, 784) reconstructions decoded from μ in the page}, for models with an encoder."""
    out = {}
    for m in models:
        page.evaluate("(name) => window.vaeDemo.state.requestModel(name)", m["name"])
        flat = page.evaluate(RECONSTRUCT, inputs.reshape(len(inputs), 784).tolist())
        out[m["name"]] = np.asarray(flat, np.float32).reshape(len(inputs), 784)
    return out


def report(manifest, judge, inputs, labels, kinds, recons):
    read = lambda images: judge.predict(images.reshape(-1, 28, 28, 1), verbose=0).argmax(1)  # noqa: E731
    kind_names = sorted(set(kinds))
    by_kind = lambda hits: ", ".join(f"{k} {hits[kinds == k].mean():.1%}" for k in kind_names)  # noqa: E731
    inputs_right = read(inputs) == labels
    print(
        f"the judge reads the page's 28×28 inputs as their true digit: {inputs_right.mean():.1%} "
        f"({by_kind(inputs_right)})"
    )
    print("| model | kind | latent | class kept (reconstruction read as the photo's digit) | by kind |")
    print("|---|---|---|---|---|")
    rates = {}
    for m in manifest["models"]:
        if m["name"] not in recons:
            continue
        kept = read(recons[m["name"]]) == labels
        rates[m["name"]] = kept.mean()
        shown = "" if m["kind"] != "ae" else " (decoded from z; the page shows no reconstruction)"
        print(f"| {m['name']} | {m['kind']} | {m['latent_dim']} | {kept.mean():.1%}{shown} | {by_kind(kept)} |")
    best = max(rates, key=rates.get)
    print(
        f"best upload model: {best} ({rates[best]:.1%}); the manifest's upload_default: "
        f"{manifest.get('upload_default', 'not set')}"
    )
    return rates


def record_upload_figures(models_dir, rates, photos):
    """Set models_dir/manifest.json's "upload_default" to the model with the highest class-kept share in
    `rates` ({name: share}) and each of those models' "upload" to {"class_kept": share, "photos": photos};
    every other key stays as it is. The manifest is re-read and replaced in one rename; a model that is
    no longer in it is an ArtifactError, and the file is left unchanged. Returns the best model's name."""
    from train.artifacts import ArtifactError, update_manifest

    best = max(rates, key=rates.get)

    def change(manifest):
        missing = sorted(set(rates) - {m["name"] for m in manifest["models"]})
        if missing:
            raise ArtifactError(
                f"{os.path.join(models_dir, 'manifest.json')} no longer has "
                f"{', '.join(missing)}; run the benchmark again"
            )
        models = [
            {**m, "upload": {"class_kept": round(float(rates[m["name"]]), 4), "photos": int(photos)}}
            if m["name"] in rates
            else m
            for m in manifest["models"]
        ]
        return {**manifest, "models": models, "upload_default": best}

    update_manifest(models_dir, change)
    return best


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Benchmark the page's upload panel.")
    p.add_argument("--models", default=os.path.join(ROOT, "exported_model"))
    p.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "mnist.npz"))
    p.add_argument("--per-kind", type=int, default=40, help="photos of each kind (handwriting, font, strokes)")
    p.add_argument("--repeats", type=int, default=15, help="uploads per file for the latency figures")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--write-manifest",
        action="store_true",
        help="record upload_default and each model's class-kept share in the models' manifest.json",
    )
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    path = os.path.join(args.models, "manifest.json")
    if not os.path.exists(path):
        print(f"error: no exported model in {args.models} (no manifest.json): export one first")
        return 1
    with open(path) as f:
        manifest = json.load(f)
    if args.write_manifest:  # find out now, not after the run, that the manifest cannot be replaced
        from train.artifacts import ArtifactError, check_writable_folder

        try:
            check_writable_folder(args.models, "--models")
        except ArtifactError as e:
            print(f"error: {e}")
            return 1
    from playwright.sync_api import sync_playwright

    from bench.upload_photos import photos
    from train.classifier import load_classifier
    from train.data import load_npz

    _, (x_test, y_test) = load_npz(args.data)
    shots = photos(x_test, y_test, args.per_kind, args.seed)
    encoders = [m for m in manifest["models"] if m.get("encoder")]
    server = LiveServer(args.models)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(PROBES_ON)  # upload.stats: the page's own timings (off for visitors)
            page.goto(f"{server.url}?backend=wasm&model={encoders[0]['name']}")
            page.wait_for_function(
                "() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)", timeout=180000
            )
            if page.evaluate("window.vaeDemo.error"):
                print("error: the page failed:", page.evaluate("window.vaeDemo.error"))
                return 1
            print(
                f"backend: {page.evaluate('window.vaeDemo.backend')}, chromium {browser.version}, "
                f"load average {os.getloadavg()[0]:.1f}"
            )
            latency(page, x_test, args.repeats)
            inputs, labels, kinds, refused = page_inputs(page, shots)
            print(
                f"{len(shots)} photos ({args.per_kind} each of handwriting, font, strokes; 300–4000 px JPEG): "
                f"refused {refused}"
            )
            recons = reconstructions(page, encoders, inputs)
            browser.close()
    finally:
        server.close()
    cwd = os.getcwd()
    os.chdir(ROOT)  # load_classifier reads the shipped judge (exported_model/judge/) by its repo path
    try:
        judge = load_classifier()
    finally:
        os.chdir(cwd)
    rates = report(manifest, judge, inputs, labels, kinds, recons)
    if args.write_manifest:
        from train.artifacts import ArtifactError

        try:
            best = record_upload_figures(args.models, rates, len(labels))
        except ArtifactError as e:
            print(f"error: {e}")
            return 1
        print(f"wrote upload_default: {best} and each model's upload figures to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of "Your own digit" (static/js/upload.js) in the real page: prints figures, asserts nothing.

Runs the real app (waitress) on the committed exported_model/ (or --models DIR) in headless Chromium and
measures:

1. Latency: time from a file chosen in the file picker to its reconstruction shown (p50, p95), for a
   phone-photo-like JPEG (800×600) and for a 500×500 PNG.
2. Fidelity: MNIST test digits turned into dark-on-light "photos" (shaded paper, noise, dust, off-centre,
   large, JPEG) and uploaded: how closely the page's 28×28 input matches the original digit (mean |Δ|,
   raw and allowing a one-pixel shift), and how often a digit classifier (train/classifier.py) reads the
   reconstruction, and the page's input, as the right digit.

    .venv/bin/python bench/bench_upload.py [--n 100] [--repeats 30] [--models exported_model] [--backend wasm]
"""

import argparse
import logging
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import train  # noqa: E402,F401  (quiets TensorFlow's start-up logs before anything imports it)
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, PROBES_ON, LiveServer  # noqa: E402

logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" chatter

def upload(page, name, data, mime):
    before = page.evaluate("() => window.vaeDemo.upload.stats.runs + window.vaeDemo.upload.stats.errors")
    page.set_input_files("#upload-file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.wait_for_function("n => window.vaeDemo.upload.stats.runs + window.vaeDemo.upload.stats.errors > n",
                           arg=before, timeout=60000)
    page.evaluate("() => window.vaeDemo.upload.idle()")
    return page.evaluate("() => window.vaeDemo.upload.stats")


def shift_tolerant(a, b):
    return min(np.abs(np.roll(a, (dy, dx), (0, 1)) - b).mean() for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def pct(values, q):
    return float(np.percentile(np.asarray(values), q))


def main(argv=None):
    p = argparse.ArgumentParser(description="Benchmark the page's upload panel.")
    p.add_argument("--models", default=os.path.join(ROOT, "exported_model"))
    p.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "mnist.npz"))
    p.add_argument("--n", type=int, default=100, help="MNIST test digits for the fidelity figures")
    p.add_argument("--repeats", type=int, default=30, help="uploads per file for the latency figures")
    p.add_argument("--backend", default="", help="force a backend: webgl, wasm or cpu")
    p.add_argument("--model", default="", help="model name from the manifest (default: the default)")
    args = p.parse_args(argv)

    if not os.path.exists(os.path.join(args.models, "manifest.json")):
        print(f"no exported model in {args.models} (no manifest.json): export one first "
              "(python -m train.export runs/NAME)")
        return 0
    from playwright.sync_api import sync_playwright

    from tests import digit_images as di
    from train.data import load_npz

    _, (x_test, y_test) = load_npz(args.data)
    server = LiveServer(args.models)
    url = server.url
    query = "&".join(f"{k}={v}" for k, v in (("backend", args.backend), ("model", args.model)) if v)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(PROBES_ON)  # upload.stats: the page's own timings (off for visitors)
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url + (f"?{query}" if query else ""))
            page.wait_for_function("() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)",
                                   timeout=120000)
            if page.evaluate("window.vaeDemo.error"):
                print("the page failed:", page.evaluate("window.vaeDemo.error"))
                return 1
            page.wait_for_function("() => window.vaeDemo.upload")
            entry = page.evaluate("window.vaeDemo.state.model.entry")
            print(f"model: {entry['name']} ({entry['kind']}, {entry['latent_dim']}-D), "
                  f"backend: {page.evaluate('window.vaeDemo.backend')}, chromium {browser.version}")

            # 1. latency
            photo = di.encode(di.photo(x_test[0]), "JPEG", quality=90)
            png = di.encode(di.dark_on_light(x_test[1]))
            upload(page, "warm.jpg", photo, "image/jpeg")  # the encoder is fetched and warmed
            for name, data, mime in (("photo 800×600 JPEG", photo, "image/jpeg"),
                                     ("500×500 PNG", png, "image/png")):
                start = len(page.evaluate("window.vaeDemo.upload.stats.latenciesMs"))
                t0 = time.perf_counter()
                for i in range(args.repeats):
                    upload(page, f"f{i}", data, mime)
                wall = (time.perf_counter() - t0) / args.repeats * 1000
                lat = page.evaluate("window.vaeDemo.upload.stats.latenciesMs")[start:]
                print(f"latency, file chosen → reconstruction shown, {name}: p50 {pct(lat, 50):.0f} ms, "
                      f"p95 {pct(lat, 95):.0f} ms (n={len(lat)}; incl. Playwright's file transfer: "
                      f"{wall:.0f} ms per upload)")

            # 2. fidelity on photo-like uploads of MNIST test digits
            rng = np.random.default_rng(0)
            idx = rng.choice(len(x_test), args.n, replace=False)
            inputs, recons, labels, raw, tolerant, refused = [], [], [], [], [], 0
            for k, i in enumerate(idx):
                box = int(rng.integers(160, 420))
                w, h = 800, 600
                at = (int(rng.integers(0, w - box)), int(rng.integers(0, h - box)))
                data = di.encode(di.photo(x_test[i], w, h, seed=k, box=box, at=at), "JPEG", quality=88)
                runs = page.evaluate("window.vaeDemo.upload.stats.runs")
                stats = upload(page, f"mnist{i}.jpg", data, "image/jpeg")
                if stats["runs"] == runs:
                    refused += 1
                    continue
                last = stats["last"]
                labels.append(int(y_test[i]))
                image = np.asarray(last["image"]).reshape(28, 28)
                ref = x_test[i] / 255.0
                inputs.append(image)
                recons.append(np.asarray(last["recon"]).reshape(28, 28) if last["recon"] else None)
                raw.append(np.abs(image - ref).mean())
                tolerant.append(shift_tolerant(image, ref))
            print(f"fidelity over {args.n} photo-like uploads (800×600 JPEG, digit {160}–{420} px, shaded, "
                  f"noisy, off-centre): refused {refused}; page input vs original MNIST digit: mean |Δ| "
                  f"{np.mean(raw):.4f} (median {np.median(raw):.4f}; allowing a 1-px shift {np.mean(tolerant):.4f})")
            if errors:
                print("console errors:", errors[:5])
            browser.close()
    finally:
        server.close()

    classifier_path = os.path.join(ROOT, "exported_model", "judge", "classifier.keras")  # the shipped judge
    try:
        from train.classifier import load_classifier
    except ImportError:
        load_classifier = None
    if load_classifier is None or not os.path.exists(classifier_path):
        print("no judge at exported_model/judge/classifier.keras (python -m train.classifier): "
              "no digit-reading figure")
        return 0
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        clf = load_classifier()
    finally:
        os.chdir(cwd)
    kept = [j for j, r in enumerate(recons) if r is not None]
    labels = np.asarray(labels)
    orig = clf.predict(x_test[idx][..., None] / 255.0, verbose=0).argmax(1)
    page_in = clf.predict(np.asarray(inputs)[..., None], verbose=0).argmax(1)
    print(f"classifier reads the original MNIST digits right: {np.mean(orig == y_test[idx]):.1%}; "
          f"the page's 28×28 inputs: {np.mean(page_in == labels):.1%}", end="")
    if kept:
        rec = clf.predict(np.asarray([recons[j] for j in kept])[..., None], verbose=0).argmax(1)
        print(f"; their reconstructions (decoded from μ): {np.mean(rec == labels[kept]):.1%}")
    else:
        print("; no reconstructions (plain autoencoder)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

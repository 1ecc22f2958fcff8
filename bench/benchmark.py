"""Benchmark: the models' figures, in one run, for every shipped model and the two baselines. Prints
figures; asserts nothing.

    .venv/bin/python bench/benchmark.py [--models exported_model] [--baselines bench/out/models]
                                        [--loads 3] [--decodes 200] [--within 5]

For each model (the shipped ones from --models, the baselines that `bash bench/baselines.sh` exported
into --baselines, each folder served by its own instance of the real app, with the compressed copies
`python -m server` writes, in instance/compressed/):

- test −ELBO: from the manifest, which the export scored from the very files it shipped (a plain
  autoencoder has no KL term: its reconstruction is shown instead);
- bytes on the wire, as Chromium counted them (Resource Timing transferSize: headers plus the body as
  sent, compressed) for everything the page asked for before its first digit was drawn, and for
  everything it fetched by `--within` seconds after navigation once the network is quiet, without any
  scrolling; each with the part that is model files (/models/…);
- navigation → first digit on the canvas: the page's own boot probe (performance.now() when the first
  decoded digit is drawn), median of `--loads` fresh loads, each in a fresh browser context;
- one decode of one z: the time inside the decoder graph model's execute() for a [1, latent] code,
  median of `--decodes` calls after a warm-up;
- the 20×20 manifold: `vaeDemo.latent.renderManifold()` (one batched decode of 400 codes and one canvas
  write), median of 3 after a warm-up;
- one encode of one image (what an upload or a stroke on the draw pad costs): the encoder's code for
  one 28×28 image, read back, median of 20 after a warm-up; it includes the refinement steps of an
  encoder exported with --refine-steps (the manifest's "encoder_refinement", train/refine.py).

Then, for each shipped model whose float checkpoint is in --runs (runs/RUN/checkpoint.keras, RUN the run
folder the manifest says it was exported from, `training.run`; a folder trained again since is said so), how far
its shipped (possibly quantized) decoder files are from the float Keras decoder: max and mean |Δ| per
pixel over the 400 manifold codes and 400 codes z ~ N(0, I), the shipped files run in Python
(train.artifacts.load_graph_model; the page draws exactly what they compute, tests/page/test_batched_views.py).

Every page runs on the WebAssembly backend (?backend=wasm), in Debian's headless Chromium.
The upload figure (reconstructions that keep their digit) is bench/bench_upload.py's.
"""

import argparse
import json
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.harness import PROBES_ON, LiveServer, launch_chromium  # noqa: E402

READY = "() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)"
ENTRIES = """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .map((e) => [new URL(e.name).pathname, e.transferSize, e.startTime])"""
DECODE_TIMES = """async (n) => {
    const model = window.vaeDemo.state.model;
    const z = tf.randomNormal([1, model.latentDim], 0, 1, 'float32', 1);
    const times = [];
    for (let i = 0; i < n + 10; i += 1) {
        const t0 = performance.now();
        const out = model.decoder.execute(z);
        const t1 = performance.now();
        out.dataSync();
        out.dispose();
        if (i >= 10) times.push(t1 - t0);  // the first calls compile and allocate
    }
    z.dispose();
    return times;
}"""


def quiet_entries(page, settle_ms=1000):
    """The page's fetches once no new one has started for settle_ms."""
    entries = page.evaluate(ENTRIES)
    while True:
        page.wait_for_timeout(settle_ms)
        now = page.evaluate(ENTRIES)
        if len(now) == len(entries):
            return now
        entries = now


def wire_bytes(entries, until_ms=None):
    """(all bytes, model-file bytes) of the entries that started by until_ms (None: all)."""
    chosen = [(path, size) for path, size, start in entries if until_ms is None or start <= until_ms]
    return sum(size for _, size in chosen), sum(size for path, size in chosen if path.startswith("/models/"))


def fresh_load(browser, url, within_ms):
    """One load in a fresh context: {first_ms, before, within} or {error}; returns (figures, page, context)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBES_ON)  # the page's own boot probe (off for visitors)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(READY, timeout=180000)
    error = page.evaluate("window.vaeDemo.error")
    if error:
        return {"error": error}, page, context
    first = page.evaluate("window.vaeDemo.probes.boot.firstDigitMs")
    left = within_ms - page.evaluate("performance.now()")
    if left > 0:
        page.wait_for_timeout(left)
    entries = quiet_entries(page)
    return {"first_ms": first, "before": wire_bytes(entries, first), "within": wire_bytes(entries)}, page, context


ENCODE_TIMES = """async (n) => {
    const model = window.vaeDemo.state.model;
    if (!model.entry.encoder) return null;
    const encoder = await model.encoder();
    const image = tf.randomUniform([1, 28, 28, 1], 0, 1, 'float32', 1);
    const times = [];
    for (let i = 0; i < n + 3; i += 1) {
        const t0 = performance.now();
        const mu = tf.tidy(() => model.encodeWith(encoder, image).mu);
        mu.dataSync();
        mu.dispose();
        if (i >= 3) times.push(performance.now() - t0);  // the first calls compile and allocate
    }
    image.dispose();
    return times;
}"""


def in_page_speed(page, decodes):
    """(median ms of one decode of one z, median ms of the 20×20 manifold, median ms of one encode or None)."""
    decode = statistics.median(page.evaluate(DECODE_TIMES, decodes))
    page.evaluate("() => window.vaeDemo.latent.renderManifold()")  # warm-up: the map wakes, the kernels compile
    manifold = statistics.median(page.evaluate("() => window.vaeDemo.latent.renderManifold()") for _ in range(3))
    encodes = page.evaluate(ENCODE_TIMES, 20)
    return decode, manifold, statistics.median(encodes) if encodes else None


def measure(browser, server, name, args):
    """Every page figure of one model, or {error}."""
    loads = []
    for k in range(args.loads):
        figures, page, context = fresh_load(browser, f"{server.url}?backend=wasm&model={name}", args.within * 1000)
        try:
            if "error" in figures:
                return figures
            loads.append(figures)
            if k == args.loads - 1:
                figures["decode_ms"], figures["manifold_ms"], figures["encode_ms"] = in_page_speed(page, args.decodes)
        finally:
            context.close()
    out = loads[-1]
    out["first_ms"] = statistics.median(load["first_ms"] for load in loads)
    return out


def score(entry):
    """The manifest's test figure: −ELBO, or a plain autoencoder's reconstruction."""
    test = entry.get("test") or {}
    if "neg_elbo" in test:
        return f"{test['neg_elbo']:.1f}"
    if "reconstruction" in test:
        return f"n/a (recon. {test['reconstruction']:.1f})"
    return "n/a"


def kb(pair):
    return f"{pair[0] / 1e3:,.0f} / {pair[1] / 1e3:,.0f}"


def row(entry, group, r):
    head = (
        f"| {entry['name']} | {group} | {entry.get('weights', 'float32')} | "
        f"{(entry.get('training') or {}).get('epochs', '?')} | {score(entry)} |"
    )
    if "error" in r:
        return f"{head} error: {r['error']} | | | | | |"
    refine = (entry.get("encoder_refinement") or {}).get("steps")
    encode = (
        "no encoder" if r["encode_ms"] is None else f"{r['encode_ms']:,.1f}" + (f" ({refine} steps)" if refine else "")
    )
    return (
        f"{head} {kb(r['before'])} | {kb(r['within'])} | {r['first_ms']:,.0f} | {r['decode_ms']:.2f} | "
        f"{r['manifold_ms']:,.0f} | {encode} |"
    )


def model_sets(args):
    """[(group, models folder, manifest)] for the shipped models and the baselines that exist."""
    sets = []
    for group, folder in (("shipped", args.models), ("baseline", args.baselines)):
        path = os.path.join(folder, "manifest.json")
        if os.path.exists(path):
            with open(path) as f:
                sets.append((group, folder, json.load(f)))
        else:
            print(
                f"({group}: no {path}"
                + ("; train them with bash bench/baselines.sh MNIST.npz [EPOCHS])" if group == "baseline" else ")")
            )
    return sets


def same_run(run, entry):
    """Whether the run folder still holds the training the manifest entry was exported from (its test
    scores are the entry's "test_keras"; a folder trained again since scores otherwise)."""
    try:
        with open(os.path.join(run, "metrics.json")) as f:
            scores = json.load(f)["test"]
    except (OSError, ValueError, KeyError):
        return False
    return all(
        round(scores.get(k, float("nan")), 3) == v for k, v in entry["test_keras"].items() if isinstance(v, float)
    )


def quantization_gaps(folder, manifest, runs):
    """Print max and mean |Δ| per pixel, shipped decoder files vs the float Keras decoder of runs/NAME."""
    import keras
    import numpy as np

    import train  # noqa: F401  (quiets TensorFlow's start-up logs before keras imports it)
    from train.artifacts import load_graph_model
    from train.models import decoder_from, parts

    print("\n## Shipped decoder files vs the float Keras decoder (per pixel, 400 manifold + 400 N(0, I) codes)")
    print("| model | weights | max abs. difference | mean abs. difference |")
    print("|---|---|---|---|")
    grid = (np.arange(20) + 0.5) * 0.3 - 3
    for m in manifest["models"]:
        run = os.path.join(runs, m["training"].get("run", m["name"]))  # the run folder it was exported from
        checkpoint = os.path.join(run, "checkpoint.keras")
        if not os.path.exists(checkpoint):
            print(f"| {m['name']} | {m.get('weights', 'float32')} | no {checkpoint} | |")
            continue
        if not same_run(run, m):
            print(f"| {m['name']} | {m.get('weights', 'float32')} | {run} is not the run exported | |")
            continue
        decoder = decoder_from(parts(keras.saving.load_model(checkpoint))[1])
        zs = np.zeros((400, m["latent_dim"]), np.float32)
        zs[:, 0], zs[:, 1 % m["latent_dim"]] = np.tile(grid, 20), np.repeat(grid[::-1], 20)
        zs = np.concatenate([zs, np.random.default_rng(0).standard_normal(zs.shape).astype(np.float32)])
        shipped, _ = load_graph_model(os.path.join(folder, m["decoder"]))
        gap = np.abs(
            np.clip(shipped(zs), 0, 1).reshape(len(zs), -1) - decoder.predict(zs, verbose=0).reshape(len(zs), -1)
        )
        print(f"| {m['name']} | {m.get('weights', 'float32')} | {gap.max():.4f} | {gap.mean():.5f} |")


def serve(folder):
    """The real app on `folder`, with the compressed copies python -m server writes (instance/compressed/)."""
    return LiveServer(folder, compressed=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default=os.path.join(ROOT, "exported_model"))
    p.add_argument("--baselines", default=os.path.join(ROOT, "bench", "out", "models"))
    p.add_argument("--loads", type=int, default=3, help="fresh page loads per model (the median is shown)")
    p.add_argument("--decodes", type=int, default=200, help="timed decodes of one z per model")
    p.add_argument("--within", type=float, default=5, help="seconds after navigation for the second byte count")
    p.add_argument("--runs", default=os.path.join(ROOT, "runs"), help="float checkpoints (runs/NAME/)")
    args = p.parse_args()
    if args.loads < 1 or args.decodes < 1 or args.within < 0:
        p.error("--loads and --decodes must be at least 1, --within at least 0")
    import logging

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" chatter
    from playwright.sync_api import sync_playwright

    sets = model_sets(args)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        print(
            f"## Models in the page: headless Chromium {browser.version}, WebAssembly backend, "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start, "
            f"{time.strftime('%Y-%m-%d %H:%M')}"
        )
        print(
            f"kB on the wire: all / model files. First digit: median of {args.loads} fresh loads. "
            f"One decode: median of {args.decodes}. Manifold: median of 3. "
            "One encode: median of 20."
        )
        print(
            f"| model | group | weights | epochs | test −ELBO (nats) | kB before the first digit "
            f"| kB by {args.within:g} s, no scrolling | navigation → first digit (ms) "
            "| one decode of one z (ms) | 20×20 manifold (ms) | one encode of one image (ms) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for group, folder, manifest in sets:
            server = serve(folder)
            try:
                for entry in manifest["models"]:
                    print(row(entry, group, measure(browser, server, entry["name"], args)), flush=True)
            finally:
                server.close()
        browser.close()
    if any(group == "baseline" for group, _, _ in sets):
        print(
            "The baselines' −ELBO is that of their own training run (bench/baselines.sh; its epochs are in "
            "the table): a short run scores worse than the same architecture trained to the end."
        )
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    for group, folder, manifest in sets:
        if group == "shipped":
            quantization_gaps(folder, manifest, args.runs)


if __name__ == "__main__":
    main()

"""Benchmark: can the in-page trainer train on a GPU that stores only 16-bit floats (most phones' WebGL)?
The same run (the worker's seed: the same initial weights, batches and draws ε) on WebAssembly, on WebGL
with float32 textures and on WebGL forced to float16 (`?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true,
WEBGL_RENDER_FLOAT32_CAPABLE:false`, the flags the page passes on to its worker); prints the held-out
−ELBO at four points of --steps. Asserts nothing.

    .venv/bin/python bench/train_float16.py [--steps 200]

WebGL here is SwiftShader (software): the numbers are a GPU's, not its speed. The page itself passes a
float16 WebGL over (static/js/train/worker.js, float16Only) and trains on WebAssembly; to measure what
training on it would give, this script puts the WebGL backend back into that worker and resets the
model on it (weights, Adam's moments and the step's tensors then live in float16 textures).
"""

import argparse
import math
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import train  # noqa: E402, F401  (quiets TensorFlow's start-up logs; imports nothing else)
from tests.harness import TRAINING, LiveServer, launch_chromium, open_page, train_in_page  # noqa: E402

FLOAT16 = "tfjsflags=WEBGL_FORCE_F16_TEXTURES:true,WEBGL_RENDER_FLOAT32_CAPABLE:false"
RUNS = (
    ("WebAssembly", "?backend=wasm", False),
    ("WebGL, float32 textures", "?backend=webgl", False),
    ("WebGL, float16 textures", f"?backend=webgl&{FLOAT16}", True),
)
WEBGL_BACK = """async () => {
    tf.registerBackend('webgl', () => new tf.MathBackendWebGL());
    tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    await tf.setBackend('webgl');
    return tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}"""


def trainer_worker(page):
    return next(w for w in page.workers if w.url.rsplit("/", 1)[-1].startswith("worker."))


def one_run(browser, server, query, force_webgl, steps):
    """[(steps, held-out −ELBO)] at the start and after each quarter of `steps`; the backend; seconds."""
    context = browser.new_context()
    try:
        page = context.new_page()
        open_page(page, server, query)
        page.evaluate(f"{TRAINING}.open()")
        worker = trainer_worker(page)
        if force_webgl:
            assert worker.evaluate(WEBGL_BACK) is False, "the flags did not make WebGL float16"
            page.evaluate(f"{TRAINING}.reset()")  # fresh weights and Adam, now in WebGL's textures
        backend = worker.evaluate("tf.getBackend()")
        points = [(0, page.evaluate(f"{TRAINING}.status()")["heldOut"]["negElbo"])]
        t0 = time.perf_counter()
        for _ in range(4):
            s = train_in_page(page, steps=steps // 4, beta=1, timeout=1000 * (60 + 5 * steps))
            points.append((s["steps"], s["heldOut"]["negElbo"]))
        return points, backend, time.perf_counter() - t0
    finally:
        context.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=200, help="training steps per run (batch 100, β = 1)")
    args = p.parse_args()
    if args.steps < 4:
        p.error("--steps must be at least 4")
    from playwright.sync_api import sync_playwright

    server = LiveServer(os.path.join(ROOT, "exported_model"))
    rows = []
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            print(f"# Training on float16 WebGL: headless Chromium {browser.version}, {os.cpu_count()} CPUs")
            for name, query, force in RUNS:
                rows.append((name, *one_run(browser, server, query, force, args.steps)))
            browser.close()
    finally:
        server.close()
    marks = [step for step, _ in rows[0][1]]
    print("| run | backend | " + " | ".join(f"−ELBO at step {m}" for m in marks) + " | seconds |")
    print("|---|---|" + "---|" * len(marks) + "---|")
    for name, points, backend, seconds in rows:
        figures = " | ".join("NaN" if math.isnan(v) else f"{v:.2f}" for _, v in points)
        print(f"| {name} | {backend} | {figures} | {seconds:.0f} |")
    reference = rows[0][1][-1][1]
    for name, points, _, _ in rows[1:]:
        print(f"{name}: {points[-1][1] - reference:+.2f} nats against WebAssembly after {marks[-1]} steps")


if __name__ == "__main__":
    main()

"""Benchmark: prints the figures the README quotes. Asserts nothing; run it, read it, copy it.

    .venv/bin/python bench/benchmark.py [--models exported_model] [--moves 200] [--backends wasm webgl cpu]

For each shipped model: test negative ELBO, training seconds per epoch, model bytes (from the
manifest, which `python -m train.export` filled from measurements). Then, in headless Chromium
(Debian's, with SwiftShader for WebGL: a software renderer, so WebGL figures here are far below
a real GPU's), on each backend: time from navigation to the first decoded digit on the canvas,
decode-plus-draw latency per slider move (p50, p95: each move waits for its frame to be drawn),
and the time to render the latent-map manifold grid where the page has one.
"""

import argparse
import json
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, PROBES_ON, LiveServer  # noqa: E402


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def bench_page(browser, server, backend, model, moves):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(PROBES_ON)  # the page's own timings (off for visitors)
    try:
        page.goto(f"{server.url}?backend={backend}&model={model}")
        page.wait_for_function("() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)",
                               timeout=120000)
        error = page.evaluate("window.vaeDemo.error")
        if error:
            return {"error": error}
        first = page.evaluate("window.vaeDemo.probes.boot.firstDigitMs")
        latencies = page.evaluate("""async (moves) => {
            const d = window.vaeDemo;
            const slider = document.getElementById('z-slider-0');
            const out = [];
            for (let i = 0; i < moves; i += 1) {
                const t0 = performance.now();
                slider.value = String(-3 + 6 * ((i * 37) % 100) / 99);
                slider.dispatchEvent(new Event('input', { bubbles: true }));
                await d.view.idle();
                out.push(performance.now() - t0);
            }
            return out;
        }""", moves)
        result = {"first_digit_ms": first, "move_p50_ms": pct(latencies, 50), "move_p95_ms": pct(latencies, 95)}
        if page.evaluate("typeof window.vaeDemo.renderManifold === 'function'"):
            times = [page.evaluate("() => window.vaeDemo.renderManifold()") for _ in range(3)]
            result["manifold_ms"] = statistics.median(times)
        return result
    finally:
        page.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default=os.path.join(ROOT, "exported_model"))
    p.add_argument("--moves", type=int, default=200)
    p.add_argument("--backends", nargs="+", default=["wasm", "webgl", "cpu"])
    args = p.parse_args()
    with open(os.path.join(args.models, "manifest.json")) as f:
        manifest = json.load(f)

    print("## Models (from the manifest; measured at training and export)")
    print("| model | latent | test −ELBO | test recon. | KL | s/epoch (train) | decoder bytes | encoder bytes "
          "| digit score of samples | samples clear |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for m in manifest["models"]:
        t = m["test"]
        samples = m.get("samples", {}).get("confident")
        score = m.get("samples", {}).get("digit_score")
        print(f"| {m['name']} | {m['latent_dim']} | {t.get('neg_elbo', float('nan')):.1f} | "
              f"{t['reconstruction']:.1f} | {t.get('kl', float('nan')):.1f} | "
              f"{m['training']['seconds_per_epoch']:.1f} | {m['bytes']['decoder']:,} | {m['bytes']['encoder']:,} | "
              f"{'n/a' if score is None else f'{score:.2f}'} | {'n/a' if samples is None else f'{samples:.1%}'} |")

    from playwright.sync_api import sync_playwright
    server = LiveServer(args.models)
    print("\n## In the page (headless Chromium; WebGL is SwiftShader, i.e. software)")
    print("| model | backend | load → first digit (ms) | move p50 (ms) | move p95 (ms) | manifold grid (ms) |")
    print("|---|---|---|---|---|---|")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for m in manifest["models"]:
                for backend in args.backends:
                    moves = args.moves if backend != "cpu" else max(10, args.moves // 10)
                    r = bench_page(browser, server, backend, m["name"], moves)
                    if "error" in r:
                        print(f"| {m['name']} | {backend} | error: {r['error']} | | | |")
                        continue
                    manifold = f"{r['manifold_ms']:.0f}" if "manifold_ms" in r else "–"
                    print(f"| {m['name']} | {backend} | {r['first_digit_ms']:.0f} | {r['move_p50_ms']:.1f} | "
                          f"{r['move_p95_ms']:.1f} | {manifold} |", flush=True)
            browser.close()
    finally:
        server.close()


if __name__ == "__main__":
    main()

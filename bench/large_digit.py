"""Benchmark: how long the page takes to draw the VAE-GAN's digit large (the CPPN, train/cppn.py), by
the size it draws, on each backend this machine offers, through the real app in Chromium:

    .venv/bin/python bench/large_digit.py [--backends wasm,webgl] [--repeat 5] [--shot docs/large-digit.png]

For each backend the page opens on the committed models (?backend=…), the Why blurry? section loads, and
the "drawn large" canvas is given CSS widths whose device pixels are 28…1080; for each size the page
draws `--repeat` new codes and the median of its own timing (the probe large.js fills: both the
VAE-GAN's 28 pixels and the CPPN's drawing, from the new z to the painted canvas) is printed as a
markdown table; then, on WebAssembly, the size and time of the drawing on the part's own projector page
at 1920 × 1080. Headless WebGL here is SwiftShader (software), so its figures are a CPU's, not a GPU's.
--shot saves the part as the page shows it at 1280 × 900. Prints; asserts nothing.
"""

import argparse
import os
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.harness import LiveServer, launch_chromium  # noqa: E402

SIZES = (112, 280, 540, 1080)


def time_sizes(page, repeat):
    """{size: median ms} for the canvas at each of SIZES device pixels (device pixel ratio 1)."""
    out = {}
    for size in SIZES:
        page.evaluate("(w) => { document.querySelector('#blur-large-cppn').style.width = `${w}px`; }", size)
        times = []
        for k in range(repeat):
            z = [round(-2 + 4 * ((k * 0.37 + size * 0.001) % 1), 3), round(1.5 - k * 0.4, 3)]
            page.evaluate("(z) => window.vaeDemo.state.setZ(z)", z)
            page.evaluate("() => window.vaeDemo.blur.idle()")
            probe = page.evaluate("window.vaeDemo.probes.blurLarge")
            assert probe["size"] == size, (probe["size"], size)
            times.append(probe["ms"])
        out[size] = statistics.median(times)
    return out


def open_part(browser, url, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script("window.vaeDemoProbes = true")
    page.goto(url)
    page.wait_for_function("() => window.vaeDemo && window.vaeDemo.ready")
    page.locator("#blur").scroll_into_view_if_needed()
    page.evaluate("() => window.vaeDemo.blur.loaded")
    page.locator("#blur-large").scroll_into_view_if_needed()
    page.evaluate("() => window.vaeDemo.blur.idle()")
    return page


def on_projector(page):
    """(size, ms) of the drawing on the part's projector page (median ms of 3 codes)."""
    page.keyboard.press("p")
    for _ in range(40):
        if (
            page.evaluate("window.vaeDemo.projector.page.panelId") == "blur"
            and page.locator("#blur-large-cppn").is_visible()
        ):
            break
        page.keyboard.press("PageDown")
    times = []
    for z in ([0.3, -0.7], [1.1, 0.4], [-0.9, 1.6]):
        page.evaluate("(z) => window.vaeDemo.state.setZ(z)", z)
        page.evaluate("() => window.vaeDemo.blur.idle()")
        probe = page.evaluate("window.vaeDemo.probes.blurLarge")
        times.append(probe["ms"])
    return probe["size"], statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--backends", default="wasm,webgl")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--shot", help="save a screenshot of the part here (PNG)")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    server = LiveServer(os.path.join(ROOT, "exported_model"))
    rows = {}
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            for backend in args.backends.split(","):
                page = open_part(browser, f"{server.url}?backend={backend}")
                rows[backend] = time_sizes(page, args.repeat)
                page.close()
            page = open_part(browser, f"{server.url}?backend=wasm", 1920, 1080)
            projector = on_projector(page)
            page.close()
            if args.shot:
                page = open_part(browser, server.url)
                page.evaluate("() => window.vaeDemo.state.setZ([0.6, -0.9])")
                page.evaluate("() => window.vaeDemo.blur.idle()")
                page.locator("#blur-large").screenshot(path=args.shot)
            browser.close()
    finally:
        server.close()
    print("| backend | " + " | ".join(f"{s} × {s}" for s in SIZES) + " |")
    print("|---|" + "---|" * len(SIZES))
    for backend, times in rows.items():
        print(f"| {backend} | " + " | ".join(f"{times[s]:.0f} ms" for s in SIZES) + " |")
    print(
        f"\nProjector mode at 1920 × 1080 (wasm): drawn at {projector[0]} × {projector[0]} pixels "
        f"in {projector[1]:.0f} ms"
    )


if __name__ == "__main__":
    main()

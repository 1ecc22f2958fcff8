"""Re-take the README's screenshots (docs/screenshot.png, docs/latent.png) of the page serving exported_model/.

    .venv/bin/python bench/screenshot.py [--out docs/screenshot.png] [--query "?model=vae-2d"]
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, LiveServer  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshot.png"))
    p.add_argument("--query", default="")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright
    server = LiveServer(os.path.join(ROOT, "exported_model"))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(server.url + args.query)
            page.wait_for_function("() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)",
                                   timeout=120000)
            page.locator("#z-slider-0").fill("-0.8")
            page.locator("#z-slider-1").fill("1.1")
            page.evaluate("async () => { await window.vaeDemo.view.idle(); await window.vaeDemo.latentMap.idle(); }")
            page.locator("#explore").scroll_into_view_if_needed()
            page.screenshot(path=args.out, clip={"x": 0, "y": 0, "width": 1280, "height": 1000})
            page.locator("#latent .latent-body").screenshot(path=os.path.join(os.path.dirname(args.out), "latent.png"))
            browser.close()
    finally:
        server.close()
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()

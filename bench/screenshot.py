"""Re-take the README's screenshots of the page serving exported_model/: the page in English
(docs/screenshot.png), the same view in Simplified Chinese (docs/screenshot-zh.png, ?lang=zh-CN) and the
latent map (docs/latent.png).

    .venv/bin/python bench/screenshot.py [--out docs/screenshot.png] [--zh-out docs/screenshot-zh.png]
                                         [--query "?model=vae-2d"]
"""

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.harness import LiveServer, launch_chromium  # noqa: E402


def with_lang(query, lang):
    """The page's query with ?lang= added (or replaced)."""
    from urllib.parse import parse_qsl, urlencode

    params = [(k, v) for k, v in parse_qsl(query.lstrip("?")) if k != "lang"] + [("lang", lang)]
    return "?" + urlencode(params)


def shoot(browser, url, out, latent_out=None):
    """Open `url`, set z = (−0.8, 1.1), and save the first 1280×1000 pixels (and the latent map)."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.wait_for_function("() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)", timeout=120000)
    page.locator("#z-slider-0").fill("-0.8")
    page.locator("#z-slider-1").fill("1.1")
    page.evaluate("async () => { await window.vaeDemo.explore.view.idle(); await window.vaeDemo.latent.map.idle(); }")
    if latent_out:
        page.locator("#latent .latent-body").scroll_into_view_if_needed()
        page.wait_for_timeout(500)  # the map reads its codes once it comes near the screen
        page.evaluate("async () => { await window.vaeDemo.latent.map.idle(); }")
        page.locator("#latent .latent-body").screenshot(path=latent_out)
    page.locator("#explore").scroll_into_view_if_needed()
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.screenshot(path=out, clip={"x": 0, "y": 0, "width": 1280, "height": 1000})
    page.close()
    print(f"saved {out}" + (f" and {latent_out}" if latent_out else ""))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "screenshot.png"))
    p.add_argument("--zh-out", default=os.path.join(ROOT, "docs", "screenshot-zh.png"))
    p.add_argument("--query", default="")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    server = LiveServer(os.path.join(ROOT, "exported_model"))
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            shoot(
                browser,
                server.url + with_lang(args.query, "en"),
                args.out,
                os.path.join(os.path.dirname(args.out), "latent.png"),
            )
            shoot(browser, server.url + with_lang(args.query, "zh-CN"), args.zh_out)
            browser.close()
    finally:
        server.close()


if __name__ == "__main__":
    main()

"""Offline use, updates and installing (static/js/offline/, the service worker scripts/build-assets.mjs
makes, served at the page's folder by server/files.py and server.publish), in real Chromium on the
committed models: one visit that scrolls every section is enough for the whole page, training included,
to work once the server is gone; a returning visitor's browser asks the network only for the page and
the manifests before the first digit; a re-publish reaches the next visit, and a new service worker
waiting says so, Reload bringing it in; the static build under a sub-path registers for that path and
works offline; Chromium finds the page installable, its icons PNGs of their sizes; over plain http at a
LAN address no worker is registered and the page works as before.

Contexts here allow service workers (the other page tests' contexts block them: tests/conftest.py). The
servers are these tests' own: going offline is closing them (and Playwright's offline switch)."""

import io
import json
import re
import shutil

import pytest

from server import publish
from server.lan import lan_addresses
from tests.conftest import record_errors
from tests.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EXPORTED,
    READY,
    LiveServer,
    StaticHost,
    emulate_cores,
    trainer_worker,
)
from tests.page.conftest import visit_every_section

BASE = "/sub/path/"
CONTROLLED = "() => window.vaeDemo.offline.ready"


def sw_page(make_page):
    """A page in a context of its own that lets the page register its service worker."""
    return make_page(service_workers="allow")


def wait_ready(page):
    page.wait_for_function(READY, timeout=60000)
    assert page.evaluate("window.vaeDemo.error") is None
    page.evaluate("window.vaeDemo.explore.view.idle()")  # the first digit drawn


def first_visit(page, url):
    """Open the page; returns once its service worker controls it and holds what it fetched."""
    page.goto(url)
    wait_ready(page)
    assert page.evaluate(CONTROLLED) == "controlled"
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == url.split("?")[0] + "sw.js"


def visit_latent(page):
    page.locator("#latent-canvas").scroll_into_view_if_needed()  # the latent map reads its codes
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    page.evaluate("() => window.vaeDemo.latent.map.idle()")
    assert page.evaluate("window.vaeDemo.latent.map.codes.count") > 0


def go_offline(page, close):
    """The network gone: the server closed (`close`), and Chromium told it is offline; first the encoder
    loaded, which the upload panel starts loading as the page scrolls past it."""
    page.evaluate("window.vaeDemo.state.model.encoder().then(() => window.vaeDemo.upload.idle())")
    close()
    page.context.set_offline(True)
    # the browser's own lines for what the worker tried on the network first (the page, the manifests)
    page.allowed_errors += ["net::ERR_INTERNET_DISCONNECTED", "Failed to load resource", "ERR_CONNECTION_REFUSED"]


@pytest.mark.parametrize("cores", [None, 8], ids=["this-machine", "8-cores-threads"])
def test_one_visit_of_every_section_and_the_page_works_offline(make_page, cores):
    """Also on an emulated 8-core computer: what the worker serves from its caches keeps the server's
    headers, so the page offline is still cross-origin isolated and runs its WASM threads (the threaded
    binary cached when it loaded), in the page and in the trainer's worker."""
    server = LiveServer(EXPORTED)
    page = sw_page(make_page)
    if cores:
        emulate_cores(page, cores)
    try:
        first_visit(page, server.url.replace("127.0.0.1", "localhost"))
        visit_every_section(page)
    finally:
        go_offline(page, server.close)
    page.reload()
    wait_ready(page)
    assert page.evaluate("navigator.onLine") is False
    assert page.evaluate("fetch('healthz').then(() => 'reached', () => 'unreachable')") == "unreachable"
    visit_every_section(page)
    if cores:
        threads = "() => [self.crossOriginIsolated, tf.getBackend(), tf.wasm.getThreadsCount()]"
        assert page.evaluate(threads) == trainer_worker(page).evaluate(threads) == [True, "wasm", 4]


class CountingServer:
    """LiveServer's requests as they reach it (the network: what the service worker did not answer)."""

    def __init__(self, server):
        self.paths, inner = [], server.app.wsgi_app
        server.app.wsgi_app = lambda environ, start: self.paths.append(environ["PATH_INFO"]) or inner(environ, start)


def test_a_returning_visitor_asks_the_network_only_for_the_page_and_the_manifests(make_page):
    server = LiveServer(EXPORTED)
    counted = CountingServer(server)
    try:
        page = sw_page(make_page)
        first_visit(page, server.url)
        page.wait_for_function("() => window.vaeDemo.offline.ready")
        answered = []
        page.on("response", lambda r: answered.append((r.url, r.from_service_worker)))
        counted.paths.clear()
        page.reload()
        wait_ready(page)
        before_digit = list(counted.paths)
        page.evaluate(CONTROLLED)
    finally:
        server.close()
    # /sw.js: the registration's check for a newer worker, made after the first digit is drawn
    assert set(before_digit) - {"/sw.js"} == {"/", "/models/manifest.json"}, before_digit
    by_worker = {url for url, worker in answered if worker}
    assert len(by_worker) >= 5 and all(worker for _, worker in answered), answered  # every answer the worker's


def test_the_static_build_under_a_sub_path_registers_there_and_works_offline(make_page, tmp_path):
    out = tmp_path / "site" / "sub" / "path"
    publish.publish(str(out), BASE)
    site = StaticHost(tmp_path / "site", host="localhost")
    host, stop = site.url, site.close
    page = sw_page(make_page)
    try:
        first_visit(page, host + BASE)
        assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)") == host + BASE
        visit_latent(page)
    finally:
        go_offline(page, stop)
    page.reload()
    wait_ready(page)
    visit_latent(page)


def models_url(page):
    return page.evaluate("document.body.dataset.modelsUrl")


def test_a_new_publish_reaches_the_next_visit_and_a_waiting_worker_says_so(make_page, tmp_path):
    out = tmp_path / "site" / "sub" / "path"
    publish.publish(str(out), BASE)
    site = StaticHost(tmp_path / "site", host="localhost")
    host, stop = site.url, site.close
    try:
        page = sw_page(make_page)
        first_visit(page, host + BASE)
        assert page.is_hidden("#update")
        old = models_url(page)

        # Build B: other models (so another page) and another build of the page's files (another worker)
        models, static = tmp_path / "models-b", tmp_path / "static-b"
        shutil.copytree(EXPORTED, models)
        (models / "vae-2d" / "NOTE.txt").write_text("build B")
        shutil.copytree(publish.ROOT + "/static", static, ignore=shutil.ignore_patterns("*.gz", "*.br"))
        with open(static / "dist" / "sw.js", "a") as f:
            f.write("\n// build B\n")
        publish.publish(str(out), BASE, models_dir=str(models), static_dir=str(static))

        page.reload()
        wait_ready(page)
        assert models_url(page) != old  # the new page, at once: the page is asked of the network first
        page.wait_for_selector("#update", state="visible", timeout=60000)  # the new worker waits
        assert page.text_content("#update").strip() == "A new version is ready.Reload"
        page.evaluate(CONTROLLED)

        with page.expect_navigation():
            page.click("#update-reload")
        wait_ready(page)
        assert models_url(page) != old and page.is_hidden("#update")
        assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => !r.waiting && !r.installing)")
        script = page.evaluate("fetch(navigator.serviceWorker.controller.scriptURL).then((r) => r.text())")
        assert script.endswith("// build B\n")  # the new worker controls the page
    finally:
        stop()


def test_the_notice_speaks_the_pages_language(make_page, tmp_path):
    """The notice's words come from the catalogs: in Chinese too."""
    server = LiveServer(EXPORTED)
    try:
        page = sw_page(make_page)
        page.goto(server.url + "?lang=zh-CN&sw=off")
        wait_ready(page)
        assert page.evaluate(CONTROLLED) == "off"  # ?sw=off: nothing registered
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
        page.evaluate("document.getElementById('update').hidden = false")
        assert page.text_content("#update span") == "新版本已就绪。"
        assert page.text_content("#update-reload") == "重新加载"
    finally:
        server.close()


def png_size(data):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return f"{image.width}x{image.height}"


def test_chromium_finds_the_page_installable_and_its_icons_are_pngs_of_their_sizes(browser, tmp_path):
    """In a profile of its own (Chromium installs nothing from an incognito context, as the others are)."""
    server = LiveServer(EXPORTED)
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="en-US"
    )
    try:
        page = record_errors(context.pages[0] if context.pages else context.new_page())
        first_visit(page, server.url)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == server.url + "manifest.webmanifest" and manifest["errors"] == []
        answer = page.request.get(manifest["url"])
        assert answer.headers["content-type"] == "application/manifest+json"
        assert answer.headers["cache-control"] == "no-cache"
        data = json.loads(manifest["data"])
        assert data["start_url"] == data["scope"] == "./" and data["display"] == "standalone"
        assert data["name"] == page.evaluate("document.title")
        sizes = set()
        for icon in data["icons"]:
            got = page.request.get(server.url + icon["src"])
            assert got.ok and png_size(got.body()) == icon["sizes"], icon
            sizes.add((icon["sizes"], icon["purpose"]))
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
        worker = page.request.get(server.url + "sw.js")
        assert worker.headers["cache-control"] == "no-cache" and "javascript" in worker.headers["content-type"]
        assert page.errors == []
    finally:
        context.close()
        server.close()


@pytest.mark.skipif(not lan_addresses(), reason="this machine has no non-loopback IPv4 address")
def test_over_plain_http_at_a_lan_address_no_worker_is_registered_and_the_page_works(make_page):
    server = LiveServer(EXPORTED, host="0.0.0.0")
    try:
        page = sw_page(make_page)
        page.allowed_errors += ["Cross-Origin-Opener-Policy header has been ignored"]  # Chromium's, for plain http
        page.goto(re.sub(r"127\.0\.0\.1", lan_addresses()[0], server.url))
        wait_ready(page)
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate(CONTROLLED) == "off"
        assert page.evaluate("'serviceWorker' in navigator") is False
        visit_latent(page)
    finally:
        server.close()

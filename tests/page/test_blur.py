"""The "Why blurry?" section in the real page through the real app in real Chromium, on the committed
models (exported_model/manifest.json and the second manifest it names): nothing of it is fetched before
it comes near; then the same z drawn by the VAE, the GAN and the VAE-GAN equals each decoder's output
computed in Python from the same files (train.artifacts.load_graph_model), for z from the state, a slider
and the latent map, and so do the random-sample strips; a drawn digit is reconstructed by the VAE and the
VAE-GAN as Python reconstructs it from the image the upload panel prepared, with its error, and the GAN's
slot says it cannot; the table shows the manifests' numbers; another code size offers the 2-D VAE; the
section speaks Chinese, fits the projector page by page by keys alone and a phone; no tensor leaks. The
models are read from the manifests, never named here; their figures are never typed here."""

import json
import os
import re

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.conftest import canvas_gray, js_fixed, open_page
from tests.cppn_pixels import pixel_queries
from tests.harness import EXPORTED
from tests.page.catalogs import CJK, catalog, english_only, words
from tests.page.conftest import draw_seven, python_graph
from tests.page.phone_layout import PHONES, check_layout
from tests.page.projector_layout import LAYOUT as PROJECTOR_LAYOUT
from train.artifacts import load_graph_model

EXACT = 1e-3  # per pixel, the page against the same files in Python
CANVAS = 1 / 255 + EXACT  # a canvas holds 8 bits of gray
ROLES = ["vae", "gan", "vaegan"]
EN = catalog("en")

with open(os.path.join(EXPORTED, "manifest.json")) as _f:
    MANIFEST = json.load(_f)


def test_the_shipped_manifest_names_the_comparison_models():
    """The section's GAN and VAE-GAN come from the manifest "blur_manifest" names: without it the tests
    below fail (the page finds no comparison models), and this one says why."""
    assert MANIFEST.get("blur_manifest"), "exported_model/manifest.json names no blur_manifest"
    with open(os.path.join(EXPORTED, MANIFEST["blur_manifest"])) as f:
        kinds = {m["kind"] for m in json.load(f)["models"]}
    assert {"gan", "vaegan"} <= kinds


def entries(page):
    """The page's three compared models once loaded: {role: manifest entry (with the folder it lies in)}."""
    return page.evaluate("""async () => {
        const trio = await window.vaeDemo.blur.loaded;
        return Object.fromEntries(trio.map((t) => [t.role, t.entry])); }""")


def open_section(page, server, query="?backend=wasm"):
    """Open the app, scroll to the section and wait until its three models are in; returns their entries."""
    open_page(page, server, query)
    page.locator("#blur").scroll_into_view_if_needed()
    found = entries(page)
    assert found and sorted(found) == sorted(ROLES)
    idle(page)
    return found


def idle(page):
    page.evaluate("() => Promise.all([window.vaeDemo.blur.idle(), window.vaeDemo.explore.view.idle()])")


def frames(page, n):
    """Wait for n of the page's animation frames (what its frame schedulers run on)."""
    page.evaluate(
        """(n) => new Promise((resolve) => {
        const next = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => next(k - 1)));
        next(n); })""",
        n,
    )


def assert_trio_shows(page, decoders, z):
    for role in ROLES:
        expected = decoders[role](np.asarray([z], np.float32)).reshape(784)
        assert np.abs(canvas_gray(page, f"#blur-z-{role}") - expected).max() <= CANVAS, role


def test_loaded_when_near_and_the_same_z_draws_as_the_files(page, shipped_server):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, shipped_server, "?backend=wasm")
    second = MANIFEST["blur_manifest"]
    folder = second.split("/")[0]
    assert not [u for u in requests if f"/models/{folder}/" in u]  # nothing of it before it is near
    page.evaluate("""() => { const line = document.querySelector('#blur-loading'); window.__shown = [];
        new MutationObserver(() => { if (!line.hidden) window.__shown.push(line.textContent.trim()); })
            .observe(line, { attributes: true, childList: true, subtree: true }); }""")
    page.locator("#blur").scroll_into_view_if_needed()
    found = entries(page)
    idle(page)
    shown = page.evaluate("window.__shown")  # the downloads had their progress line (the newest shows), gone once in
    said = {EN["blur.downloading"].replace("{who}", EN[f"blur.who.{who}"]) for who in [*ROLES, "cppn"]}
    assert shown and set(shown) <= said
    assert page.locator("#blur-loading").is_hidden() and page.locator("#blur-status").is_hidden()
    assert any(u.split("?")[0].endswith(f"/models/{second}") for u in requests)
    for role in ("gan", "vaegan"):
        assert found[role]["folder"] == folder + "/"
        assert any(
            re.search(rf"/models/[0-9a-f]{{12}}/{folder}/{found[role]['name']}/decoder/model\.json$", u)
            for u in requests
        )
    decoders = {role: python_graph(found[role], "decoder") for role in ROLES}

    for z in ([0.0, 0.0], [1.25, -0.6], [-2.5, 2.9]):  # the state's action, as every feature sets z
        page.evaluate("(z) => window.vaeDemo.state.setZ(z)", z)
        idle(page)
        assert_trio_shows(page, decoders, z)
    page.locator("#z-slider-0").fill("-1.7")  # a slider
    idle(page)
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z[0] == pytest.approx(-1.7)
    assert_trio_shows(page, decoders, z)
    page.locator("#latent-canvas").scroll_into_view_if_needed()  # the latent map
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    box = page.locator("#latent-canvas").bounding_box()  # clicked once it stops moving (test_latent.py)
    page.locator("#latent-canvas").click(position={"x": box["width"] * 0.7, "y": box["height"] * 0.2})
    idle(page)
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z[0] > 0.5 and z[1] > 0.5
    assert_trio_shows(page, decoders, z)
    assert page.locator("#blur-z").inner_text() == f"z = [{js_fixed(z[0], 2)}, {js_fixed(z[1], 2)}]"

    # Off screen the three views wait (the explore digit alone follows the sliders); back on screen, or
    # asked for idle(), they draw the newest z once.
    page.locator("#explore").scroll_into_view_if_needed()
    # Playwright's own IntersectionObserver reports the three canvases off screen; the page's observers
    # (same-z.js onScreenOnly, made earlier) are told in the same rendering update, before it.
    for role in ROLES:
        expect(page.locator(f"#blur-z-{role}")).not_to_be_in_viewport()
    idle_blur_free = "() => window.vaeDemo.explore.view.idle()"  # not blur.idle(): that draws even off screen
    page.evaluate(idle_blur_free)
    # Count the GAN's and the VAE-GAN's same-z decodes as they start (only this section draws with them): a
    # frame scheduler starts its render, and so the draw, inside the animation frame after a request.
    page.evaluate("""async () => {
        window.__blurDrawsStarted = 0;
        for (const t of await window.vaeDemo.blur.loaded) {
            if (t.role === 'vae') continue;
            const draw = t.model.draw.bind(t.model);
            t.model.draw = (z, canvas) => {  // the same-z views' (the VAE-GAN also draws in large.js)
                if (canvas.id.startsWith('blur-z-')) window.__blurDrawsStarted += 1;
                return draw(z, canvas); };
        } }""")
    draws = page.evaluate("({ ...window.vaeDemo.probes.blurSameZ.draws })")
    for z in ([0.4, 0.4], [0.5, 0.6], [-1.0, 0.2]):
        page.evaluate("(z) => window.vaeDemo.state.setZ(z)", z)
        page.evaluate(idle_blur_free)
    # A request made on screen would have started its draw by the second frame after it: none did.
    frames(page, 3)
    assert page.evaluate("window.__blurDrawsStarted") == 0
    assert page.evaluate("({ ...window.vaeDemo.probes.blurSameZ.draws })") == draws
    page.locator("#blur").scroll_into_view_if_needed()
    idle(page)
    assert page.evaluate("({ ...window.vaeDemo.probes.blurSameZ.draws })") == {r: draws[r] + 1 for r in ROLES}
    assert page.evaluate("window.__blurDrawsStarted") == 2  # the newest z once, by the GAN and the VAE-GAN
    assert_trio_shows(page, decoders, [-1.0, 0.2])

    # The sample strips: the same codes for all three, each the decoder's output, and new ones on a click.
    for click in (False, True):
        before = page.evaluate("window.vaeDemo.blur.samples.codes")
        if click:
            page.get_by_role("button", name=EN["blur.newSamples"]).click()
            idle(page)
        codes = np.asarray(page.evaluate("window.vaeDemo.blur.samples.codes"), np.float32)
        assert codes.shape == (8, 2) and (not click or not np.allclose(codes, before))
        for role in ROLES:
            tiles = decoders[role](codes).reshape(8, 28, 28)
            expected = tiles.transpose(1, 0, 2).reshape(28, 8 * 28).reshape(-1)
            assert np.abs(canvas_gray(page, f"#blur-strip-{role}") - expected).max() <= CANVAS, role


def number(text):
    return float(re.search(r"[\d.]+", text.replace(",", "")).group())


def large_drawing(page):
    """(size, gray values size × size) of the CPPN's canvas."""
    size = page.evaluate("document.querySelector('#blur-large-cppn').width")
    return size, canvas_gray(page, "#blur-large-cppn").reshape(size, size)


def test_the_same_z_drawn_large_is_what_the_cppns_files_draw(page, shipped_server):
    """The VAE-GAN's CPPN (its manifest entry's "large") draws z at the canvas's own device pixels, as
    its files do in Python for the same pixel positions, beside the VAE-GAN's own 28 pixels; 1080 at
    most; a new z redraws both; the caption says the size, in both languages."""
    found = open_section(page, shipped_server)
    large = found["vaegan"]["large"]
    cppn, _ = load_graph_model(os.path.join(EXPORTED, found["vaegan"]["folder"], large["decoder"]))
    vaegan = python_graph(found["vaegan"], "decoder")
    page.locator("#blur-large").scroll_into_view_if_needed()
    for z in ([0.4, -1.3], [-2.0, 0.9]):
        page.evaluate("(z) => window.vaeDemo.state.setZ(z)", z)
        idle(page)
        size, drawn = large_drawing(page)
        shown = page.evaluate("(() => { const c = document.querySelector('#blur-large-cppn'); "
                              "return c.getBoundingClientRect().width * devicePixelRatio; })()")  # fmt: skip
        assert size == min(1080, max(28, round(shown))) and size > 28, (size, shown)
        z32 = np.asarray([z], np.float32)
        expected = 1 / (1 + np.exp(-cppn(pixel_queries(z32, size), 1 << 16).astype(np.float64).reshape(size, size)))
        assert np.abs(drawn - expected).max() <= CANVAS, z
        small = canvas_gray(page, "#blur-large-small")
        assert np.abs(small - vaegan(z32).reshape(784)).max() <= CANVAS
        assert page.evaluate("window.vaeDemo.probes.blurLarge.lastZ") == pytest.approx(z)
        caption = page.locator("#blur-large-pair .blur-large-figure figcaption").inner_text()
        assert caption.startswith(EN["blur.largeCaption"].split("{size}")[0] + f"{size} × {size}"), caption
    # on a projector (1920 × 1080), its page of the section: a digit most of the screen's height, drawn at
    # that many pixels
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.keyboard.press("p")
    for _ in range(40):
        if page.evaluate("window.vaeDemo.projector.page.page") == EN["blur.page.large"]:
            break
        page.keyboard.press("PageDown")
    frames(page, 3)
    page.evaluate("() => window.vaeDemo.state.setZ([0.1, 0.2])")
    idle(page)
    size = page.evaluate("document.querySelector('#blur-large-cppn').width")
    assert size == min(1080, round(page.evaluate("document.querySelector('#blur-large-cppn').clientWidth")))
    assert size >= 0.6 * 1080, size
    page.keyboard.press("p")  # out of projector mode, where the language picker is hidden
    page.locator("#lang-picker").select_option("zh-CN")
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")  # the catalog is in and applied
    idle(page)
    size = page.evaluate("window.vaeDemo.probes.blurLarge.size")
    caption = page.locator("#blur-large-pair .blur-large-figure figcaption").inner_text()
    assert f"{size} × {size}" in caption and CJK.search(caption), caption


def test_your_digit_is_reconstructed_by_the_two_with_an_encoder_and_the_gan_says_it_cannot(page, shipped_server):
    found = open_section(page, shipped_server)
    assert page.locator("#blur-recon").is_hidden()
    assert page.locator("#blur-yours-hint").is_visible()
    draw_seven(page)
    idle(page)
    assert page.evaluate("window.vaeDemo.state.posterior.source") == "draw"
    image = np.asarray(page.evaluate("Array.from(window.vaeDemo.state.posterior.image)"), np.float32)
    assert image.max() > 0.9 and (image > 0.5).sum() > 40  # a real stroke, prepared by the upload panel
    page.locator("#blur-recon").scroll_into_view_if_needed()
    assert np.abs(canvas_gray(page, "#blur-input") - image).max() <= 0.5 / 255 + 1e-6

    gan = page.locator("#blur-cannot-gan")
    assert gan.is_visible() and gan.inner_text() == EN["blur.ganCannot"]
    assert page.locator("#blur-recon-gan").count() == 0
    for role in ("vae", "vaegan"):
        entry = found[role]
        dim = entry["latent_dim"]
        mu = python_graph(entry, "encoder")(image.reshape(1, 28, 28, 1))[:, :dim]
        recon = python_graph(entry, "decoder")(mu).reshape(784)
        shown = canvas_gray(page, f"#blur-recon-{role}")
        assert np.abs(shown - recon).max() <= CANVAS, role
        mae = np.abs(image - recon).mean()
        p = np.clip(recon, 1e-7, 1 - 1e-7)
        bce = -(image * np.log(p) + (1 - image) * np.log(1 - p)).sum()
        mae_text, bce_text = page.locator(f"#blur-error-{role}").inner_text().split(",")
        assert number(mae_text) == pytest.approx(mae, abs=0.0006), role
        assert number(bce_text) == pytest.approx(bce, abs=0.1 + 0.002 * bce), role

    # Asked to encode, the GAN's model refuses in words (core/models.js), and loads no encoder.
    refusal = page.evaluate("""async () => {
        const gan = (await window.vaeDemo.blur.loaded).find((t) => t.role === 'gan');
        try { await gan.model.encoder(); return null; } catch (e) { return [e.constructor.name, e.message]; } }""")
    assert refusal == ["ModelError", EN["errors.noEncoder"].replace("{title}", found["gan"]["title"])]

    # Nothing leaks: moving z, new samples, another digit (the encoders are loaded by now).
    leak = page.evaluate("""async () => {
        const d = window.vaeDemo;
        const settle = () => Promise.all([d.blur.idle(), d.explore.view.idle(), d.upload.idle()]);
        await settle();
        const before = tf.memory().numTensors;
        for (let i = 0; i < 5; i += 1) { d.state.setZ([i / 2 - 1, 1 - i / 3]); await settle(); }
        document.querySelector('#blur-new-samples').click();
        const inverted = Float32Array.from(d.state.posterior.image, (v) => 1 - v);
        d.state.setPosterior({ ...d.state.posterior, image: inverted }, 'test');
        await settle();
        return tf.memory().numTensors - before; }""")
    assert leak == 0


def table_rows(page):
    return page.evaluate("""() => Array.from(document.querySelectorAll('#blur-table tbody tr'), (tr) => ({
        model: tr.dataset.model, head: tr.querySelector('th').textContent,
        cells: Object.fromEntries(Array.from(tr.querySelectorAll('td'),
            (td) => [td.dataset.col, [td.textContent, td.colSpan]])) }))""")


def check_table(rows, found):
    assert [r["model"] for r in rows] == [found[role]["name"] for role in ROLES]
    for role, row in zip(ROLES, rows):
        entry = found[role]
        blur, samples, cells = entry["blur"], entry["samples"], row["cells"]
        assert number(cells["sharpness"][0]) == pytest.approx(blur["sharpness"], abs=0.005 + 1e-9)
        assert number(cells["digit-score"][0]) == pytest.approx(samples["digit_score"], abs=0.005 + 1e-9)
        assert number(cells["clear"][0]) / 100 == pytest.approx(samples["confident"], abs=0.0005 + 1e-9)
        assert number(cells["fid"][0]) == pytest.approx(blur["fid"], abs=0.05 + 1e-9)
        recon = blur["reconstruction"]
        if recon["possible"]:
            assert number(cells["bce"][0]) == pytest.approx(recon["bce"], abs=0.05 + 1e-9)
            assert number(cells["mae"][0]) == pytest.approx(recon["mean_abs_error"], abs=0.0005 + 1e-9)
        else:
            assert recon["reason"] == "no encoder" and "bce" not in cells and "mae" not in cells
            assert cells["reconstruction"][1] == 2  # one cell across both reconstruction columns
    return rows


def test_the_table_shows_the_manifests_figures_in_english_and_chinese(page, shipped_server):
    found = open_section(page, shipped_server, "")
    rows = check_table(table_rows(page), found)
    gan = rows[ROLES.index("gan")]["cells"]["reconstruction"][0]
    assert gan == EN["blur.table.noEncoder"]
    note = page.locator("#blur-table-note").inner_text()
    assert f"{found['vae']['blur']['samples']:,}" in note and f"{found['vae']['blur']['real_images']:,}" in note

    zh = catalog("zh-CN")
    page.locator("#lang-picker").select_option("zh-CN")
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    draw_seven(page)
    idle(page)
    page.evaluate("(z) => window.vaeDemo.state.setZ(z)", [0.3, 0.3])
    idle(page)
    rows = check_table(table_rows(page), found)
    assert rows[ROLES.index("gan")]["cells"]["reconstruction"][0] == zh["blur.table.noEncoder"]
    section = page.locator("#blur")
    assert page.locator("#blur-title").inner_text() == zh["blur.title"]
    assert page.locator("#blur-cannot-gan").inner_text() == zh["blur.ganCannot"]
    assert CJK.search(page.locator("#blur-table-note").inner_text())
    # No word of the section (its text, labels and projector page names) is English only; model titles
    # and names are data, not words of the page.
    names = [n for e in found.values() for n in (e["title"], e["name"])]
    texts = section.evaluate("""(root) => [root.innerText, ...Array.from(root.querySelectorAll(
        '[aria-label], [data-projector-page]'), (el) => el.getAttribute('aria-label') || el.dataset.projectorPage)]""")
    assert len(texts) > 10 and CJK.search(texts[0])
    for name in names:
        texts = [t.replace(name, " ") for t in texts]
    english = sorted({w for t in texts for w in words(t) if w in english_only()})
    assert not english, english


def test_another_code_size_is_said_and_the_2d_vae_is_one_click_away(page, shipped_server):
    wide = next((m for m in MANIFEST["models"] if m["latent_dim"] != 2), None)
    if wide is None:
        pytest.skip("every shipped model has a 2-D code")
    found = open_section(page, shipped_server, f"?model={wide['name']}&backend=wasm")
    notice = page.locator("#blur-not2d")
    assert notice.is_visible()
    assert wide["title"] in notice.inner_text() and str(wide["latent_dim"]) in notice.inner_text()
    assert page.locator("#blur-trio").evaluate("(e) => e.classList.contains('blur-stale')")
    button = page.locator("#blur-switch")
    assert button.inner_text() == EN["blur.switch"].replace("{title}", found["vae"]["title"])
    button.click()
    page.wait_for_function("(n) => window.vaeDemo.state.model.entry.name === n", arg=found["vae"]["name"])
    idle(page)
    assert notice.is_hidden()
    assert not page.locator("#blur-trio").evaluate("(e) => e.classList.contains('blur-stale')")
    page.evaluate("(z) => window.vaeDemo.state.setZ(z)", [-0.8, 1.1])
    idle(page)
    assert_trio_shows(page, {r: python_graph(found[r], "decoder") for r in ROLES}, [-0.8, 1.1])


def test_projector_pages_fit_and_are_reached_by_keys(page, shipped_server):
    """At 1024 × 768 from the first projector page, then at 1920 × 1080 from the section's first page
    (the same page, its models loaded once): each of the section's pages fits, reached by keys alone."""
    open_section(page, shipped_server, "")
    draw_seven(page)
    idle(page)
    for size in ((1024, 768), (1920, 1080)):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        page.keyboard.press("p")
        assert page.evaluate("window.vaeDemo.projector.on")
        walk_the_sections_projector_pages(page, size)
        page.keyboard.press("p")  # off: the next size starts again from the section's first page
        assert not page.evaluate("window.vaeDemo.projector.on")


def walk_the_sections_projector_pages(page, size):
    """PageDown from the projector's page to its last: each of the section's pages fits the screen; then
    "," back to the section's first, where the arrows still drive z and its three digits follow."""
    seen = []
    for _ in range(40):
        where = page.evaluate("window.vaeDemo.projector.page")
        if where["panelId"] == "blur":
            # the page refits on the frame after a resize or a part shown or hidden (projector/fit.js)
            # is noticed: let those frames pass, then draw everything and fit once more ourselves
            frames(page, 3)
            idle(page)
            page.evaluate("() => window.vaeDemo.projector.fit()")
            info = page.evaluate(PROJECTOR_LAYOUT)
            assert info["scrollHeight"] <= info["innerHeight"] and info["scrollWidth"] <= info["innerWidth"], (
                size,
                info,
            )
            assert not info["outside"], (size, where, info["outside"][:10])
            assert not info["small"], (size, where, info["small"][:10])
            seen.append(where["page"])
        if where["index"] == where["count"] - 1:
            break
        page.keyboard.press("PageDown")
    parts = ["same", "large", "yours", "samples", "measured"]
    assert seen == [EN[f"blur.page.{part}"] for part in parts], size
    for _ in parts[1:]:
        page.keyboard.press(",")
    assert page.evaluate("window.vaeDemo.projector.page.page") == EN["blur.page.same"]
    before = page.evaluate("Array.from(window.vaeDemo.state.z)")
    page.keyboard.press("ArrowRight")
    idle(page)
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z[0] == pytest.approx(round(before[0] + 0.1, 2), abs=1e-6)  # the keys step by 0.1 to 2 decimals
    assert page.evaluate("window.vaeDemo.probes.blurSameZ.lastZ.gan") == pytest.approx(z)


def test_on_a_phone(make_page, shipped_server):
    width, height, scale = PHONES["360x640"]
    page = make_page(
        viewport={"width": width, "height": height}, device_scale_factor=scale, is_mobile=True, has_touch=True
    )
    page.width = width
    open_section(page, shipped_server)
    draw_seven(page)
    idle(page)
    page.locator("#blur-table").scroll_into_view_if_needed()
    check_layout(page, "blur")


def test_without_the_comparison_models_the_section_says_so_and_fetches_nothing(page, live_server):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, live_server)
    page.locator("#blur").scroll_into_view_if_needed()
    assert page.evaluate("window.vaeDemo.blur.loaded") is None
    assert page.locator("#blur-status").inner_text() == EN["blur.notExported"]
    assert page.locator("#blur .blur-part:visible").count() == 0
    assert not [
        u for u in requests if "/models/" in u and "manifest.json" in u and not u.endswith("/models/manifest.json")
    ]

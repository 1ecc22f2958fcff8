"""The latent space panel in the real page: map ↔ sliders, the test codes drawn where the shipped
codes file says, manifold tiles equal to Keras, interpolation, the model table, and no tensor leaks
over repeated use."""

import base64
import io
import json
import os
import re
import shutil

import numpy as np
import pytest
from PIL import Image

from tests.conftest import LiveServer, js_fixed, keras_decode, keras_parts, open_page, tensors_added
from train.artifacts import read_codes, write_codes
from train.data import load_npz, to_model_input


def idle(page):
    page.evaluate("async () => { await window.vaeDemo.explore.view.idle(); await window.vaeDemo.latent.map.idle(); }")


def open_map(page, server):
    """Open the page and scroll to the latent map, which then reads its codes and decodes its manifold."""
    open_page(page, server)
    page.locator("#latent-canvas").scroll_into_view_if_needed()
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    idle(page)


def test_click_on_map_sets_sliders_and_sliders_move_marker(page, live_server):
    open_page(page, live_server)
    idle(page)
    assert page.evaluate("window.vaeDemo.latent.map.range") == 3
    canvas = page.locator("#latent-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    # A quarter of the way across and a quarter down: z = (−1.5, +1.5) on a ±3 map. Clicked through
    # the locator, which waits until the canvas stops moving (panels above it that load as they come
    # near, such as the upload panel's sample strip, can shift it after it was measured).
    canvas.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.25})
    idle(page)
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z == pytest.approx([-1.5, 1.5], abs=0.03)
    assert float(page.locator("#z-slider-0").input_value()) == pytest.approx(z[0], abs=0.006)
    assert float(page.locator("#z-slider-1").input_value()) == pytest.approx(z[1], abs=0.006)
    assert page.evaluate("window.vaeDemo.explore.view.stats.lastZ") == pytest.approx(z, abs=1e-6)
    # Drag: the marker follows the pointer and z with it (the box measured again once the pointer
    # is on the canvas, for the same reason).
    canvas.hover(position={"x": box["width"] * 0.5, "y": box["height"] * 0.5})
    box = canvas.bounding_box()
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.5, steps=5)
    page.mouse.up()
    idle(page)
    assert page.evaluate("Array.from(window.vaeDemo.state.z)") == pytest.approx([1.5, 0.0], abs=0.03)
    # And back: the sliders move the marker.
    page.locator("#z-slider-0").fill("2")
    page.locator("#z-slider-1").fill("-1")
    idle(page)
    label = page.locator("#latent-canvas").get_attribute("aria-label")
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert re.search(r"marker at \((\S+), (\S+)\)", label).groups() == (js_fixed(z[0], 2), js_fixed(z[1], 2))
    assert z == pytest.approx([2, -1], abs=1e-6)


def test_manifold_tiles_equal_the_keras_decoder(page, live_server, keras_tiny):
    open_map(page, live_server)
    for i, j in [(0, 0), (7, 13), (19, 19)]:
        tile = page.evaluate("([i, j]) => window.vaeDemo.latent.map.tile(i, j)", [i, j])
        step = 6 / 20
        assert tile["z"] == pytest.approx([-3 + (j + 0.5) * step, 3 - (i + 0.5) * step], abs=1e-6)
        expected = keras_decode(keras_tiny[1], [tile["z"]])[0]
        assert np.abs(np.asarray(tile["values"]) - expected).max() <= 1e-3


def canvas_rgb(page, selector):
    """A canvas's backing pixels as uint8 RGB (height, width, 3), read losslessly through PNG."""
    url = page.evaluate("(sel) => document.querySelector(sel).toDataURL('image/png')", selector)
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB"))


@pytest.fixture(scope="module")
def spread_codes(tmp_path_factory, exported):
    """The tiny model with its latent map file rewritten: codes spread over the whole ±3 view (the tiny
    model's own codes huddle near 0), so that most dots stand alone and can be checked one by one."""
    root = tmp_path_factory.mktemp("spread")
    shutil.copytree(exported, root, dirs_exist_ok=True)
    entry = json.loads((root / "manifest.json").read_text())["models"][0]
    rng = np.random.default_rng(0)
    n = entry["map"]["points"]
    path = str(root / entry["map"]["file"])
    write_codes(path, rng.uniform(-2.8, 2.8, (n, 2)), rng.integers(0, 10, n), round(1 / entry["map"]["scale"]))
    server = LiveServer(str(root))
    yield server, read_codes(path, n, 2, entry["map"]["scale"])
    server.close()


def test_map_draws_each_code_where_the_codes_file_puts_it(page, spread_codes):
    server, (codes, labels) = spread_codes
    open_map(page, server)
    assert f"{len(codes)} test digits" in page.locator("#latent-note").inner_text()
    page.locator("#latent-show-manifold").uncheck()  # dots over plain white
    page.evaluate("() => window.vaeDemo.state.setZ([2.6, 2.6])")  # the marker out of the way
    idle(page)
    look = page.evaluate("""async () => {
        const m = await import('/static/js/latent/map-drawing.js');
        const colours = await import('/static/js/core/digit-colours.js');
        return { palette: colours.PALETTE, alpha: m.DOT_ALPHA.plain,
                 radius: m.dotRadius(document.getElementById('latent-canvas').width) };
    }""")
    img = canvas_rgb(page, "#latent-canvas").astype(float)
    size, r = img.shape[0], look["radius"]
    x = (codes[:, 0] + 3) / 6 * size  # the map's own ±3 view of a VAE
    y = (3 - codes[:, 1]) / 6 * size
    palette = np.array([[int(c[k : k + 2], 16) for k in (1, 3, 5)] for c in look["palette"]], float)
    blended = look["alpha"] * palette + (1 - look["alpha"]) * 255  # a dot's colour over white
    marker = ((2.6 + 3) / 6 * size, (3 - 2.6) / 6 * size)
    checked = 0
    for k in range(len(codes)):
        others = np.delete(np.arange(len(codes)), k)
        crowded = np.any((np.abs(x[others] - x[k]) < 2 * r + 2) & (np.abs(y[others] - y[k]) < 2 * r + 2))
        near_axis = min(abs(x[k] - size / 2), abs(y[k] - size / 2)) < r + 2
        near_marker = np.hypot(x[k] - marker[0], y[k] - marker[1]) < size / 45 + 8
        if crowded or near_axis or near_marker or not (r < x[k] < size - r and r < y[k] < size - r):
            continue
        pixel = img[int(y[k]), int(x[k])]
        assert np.abs(pixel - blended[labels[k]]).max() <= 2, (k, labels[k], pixel)
        checked += 1
    assert checked >= 20, checked
    # Nothing is drawn where no code is: away from the dots, the axes and the marker, the map is white.
    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    free = (np.abs(xx - size / 2) > 2) & (np.abs(yy - size / 2) > 2)
    free &= np.hypot(xx - marker[0], yy - marker[1]) > size / 45 + 4
    for cx, cy in zip(x, y):
        free &= (np.abs(xx - cx) > r + 1.5) | (np.abs(yy - cy) > r + 1.5)
    assert free.sum() > 0.5 * size * size
    assert (img[free] == 255).all()


def test_interpolation_ends_are_the_two_reconstructions(page, live_server, keras_tiny, mnist_like_npz):
    open_page(page, live_server)
    encoder, decoder = keras_tiny
    _, (x_test, _) = load_npz(mnist_like_npz)
    mu, _ = encoder.predict(to_model_input(x_test[:2]), verbose=0)
    page.evaluate("([a, b]) => window.vaeDemo.latent.interpolation.setEnds(a, b)", mu.tolist())
    frames = np.asarray(page.evaluate("() => window.vaeDemo.latent.interpolation.frames()"))
    assert frames.shape == (10, 784)
    recon = keras_decode(decoder, mu)
    assert np.abs(frames[0] - recon[0]).max() <= 1e-3
    assert np.abs(frames[-1] - recon[1]).max() <= 1e-3
    middle = keras_decode(decoder, [(mu[0] * 5 + mu[1] * 4) / 9])[0]
    assert np.abs(frames[4] - middle).max() <= 1e-3
    # The t slider moves z along the line.
    page.locator("#interp-t").fill("0.5")
    assert page.evaluate("Array.from(window.vaeDemo.state.z)") == pytest.approx((mu[0] + mu[1]) / 2, abs=1e-5)


def test_interpolation_buttons_take_the_current_code(page, live_server):
    open_page(page, live_server)
    page.locator("#z-slider-0").fill("-2")
    page.get_by_role("button", name="A ← current z").click()
    page.locator("#z-slider-0").fill("2")
    page.get_by_role("button", name="B ← current z").click()
    assert "A = [-2.00, 0.00]" in page.locator("#interp-ends").inner_text()
    assert "B = [2.00, 0.00]" in page.locator("#interp-ends").inner_text()
    assert page.locator("#interp-animate").is_enabled()
    page.locator("#interp-animate").click()
    page.wait_for_function("() => Math.abs(window.vaeDemo.state.z[0]) < 1.9")
    page.locator("#interp-animate").click()
    assert page.locator("#interp-animate").get_attribute("aria-pressed") == "false"


def test_model_table_shows_the_manifest_numbers(page, live_server, exported):
    with open(os.path.join(exported, "manifest.json")) as f:
        entry = json.load(f)["models"][0]
    open_page(page, live_server)
    row = page.locator("#model-compare tbody tr[data-model=tiny]")
    assert row.locator("th").inner_text() == "Tiny test VAE"
    cells = row.locator("td").all_inner_texts()
    t, s = entry["test"], entry["samples"]
    assert cells == [
        "2-D, variational",
        f"{js_fixed(t['neg_elbo'], 1)} nats",
        f"{js_fixed(t['reconstruction'], 1)} nats",
        js_fixed(s["digit_score"], 1),
        f"{js_fixed(100 * s['confident'], 1)}%",
        f"{js_fixed((entry['bytes']['decoder'] + entry['bytes']['encoder']) / 1e6, 1)} MB",
    ]


def test_the_map_leaks_no_tensors_over_repeated_use(page, live_server):
    open_page(page, live_server)
    use = tensors_added(
        page,
        """
        const renders = d.probes.manifold.renders;
        for (let k = 0; k < 5; k += 1) {
            d.state.setZ([-2 + k, 1 - k / 2], 'map');
            d.latent.map.setDims(k % 2, 1 - (k % 2));
            await d.latent.map.renderManifold();
        }
        return d.probes.manifold.renders - renders;
    """,
    )
    assert use["result"] >= 5
    assert use["added"] == 0


def test_interpolation_leaks_no_tensors_over_repeated_use(page, live_server):
    open_page(page, live_server)
    page.evaluate("() => window.vaeDemo.latent.interpolation.setEnds([0, 0], [1, 1])")
    use = tensors_added(
        page,
        """
        for (let k = 0; k < 8; k += 1) await d.latent.interpolation.setEnds([-k / 4, 1], [k / 4, -1]);
        return (await d.latent.interpolation.frames()).length;
    """,
    )
    assert use["result"] == 10
    assert use["added"] == 0


def test_a_wide_code_maps_two_numbers_and_the_manifold_follows_the_others(page, three_models_server, tiny_wide_run):
    open_page(page, three_models_server, "?model=tiny-16d")
    page.locator("#latent").scroll_into_view_if_needed()
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    idle(page)
    assert page.locator("#latent-dims").is_visible() and page.locator("#latent-x option").count() == 16
    renders = "window.vaeDemo.probes.manifold.renders"
    before = page.evaluate(renders)
    page.evaluate("() => window.vaeDemo.state.setDim(0, 1.5)")  # a mapped number: the marker moves
    idle(page)
    assert page.evaluate(renders) == before
    page.evaluate("() => window.vaeDemo.state.setDim(5, -1.2)")  # another number: the plane changes
    idle(page)
    assert page.evaluate(renders) == before + 1
    page.locator("#latent-x").select_option("2")  # map z3 across
    idle(page)
    assert page.evaluate("window.vaeDemo.latent.map.dims") == [2, 1]
    tile = page.evaluate("() => window.vaeDemo.latent.map.tile(4, 9)")
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    expected_z = list(z)
    expected_z[2], expected_z[1] = -3 + 9.5 * 0.3, 3 - 4.5 * 0.3
    assert tile["z"] == pytest.approx(expected_z, abs=1e-6)
    assert tile["z"][5] == pytest.approx(-1.2, abs=1e-6)
    expected = keras_decode(keras_parts(tiny_wide_run)[1], [tile["z"]])[0]
    assert np.abs(np.asarray(tile["values"]) - expected).max() <= 1e-3

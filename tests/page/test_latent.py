"""The latent space panel in the real page: map ↔ sliders, manifold tiles, interpolation, model table."""

import json
import os

import numpy as np
import pytest

from tests.conftest import keras_decode, open_page
from train.data import load_npz, to_model_input


def idle(page):
    page.evaluate("async () => { await window.vaeDemo.view.idle(); await window.vaeDemo.latentMap.idle(); }")


def test_click_on_map_sets_sliders_and_sliders_move_marker(page, live_server):
    open_page(page, live_server)
    idle(page)
    assert page.evaluate("window.vaeDemo.latentMap.range") == 3
    page.locator("#latent-canvas").scroll_into_view_if_needed()
    box = page.locator("#latent-canvas").bounding_box()
    # A quarter of the way across and a quarter down: z = (−1.5, +1.5) on a ±3 map.
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    idle(page)
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z == pytest.approx([-1.5, 1.5], abs=0.03)
    assert float(page.locator("#z-slider-0").input_value()) == pytest.approx(z[0], abs=0.006)
    assert float(page.locator("#z-slider-1").input_value()) == pytest.approx(z[1], abs=0.006)
    assert page.evaluate("window.vaeDemo.view.stats.lastZ") == pytest.approx(z, abs=1e-6)
    # Drag: the marker follows the pointer and z with it.
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
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
    assert "marker at (2.00, -1.00)" in label


def test_manifold_tiles_equal_the_keras_decoder(page, live_server, keras_tiny):
    open_page(page, live_server)
    idle(page)
    for i, j in [(0, 0), (7, 13), (19, 19)]:
        tile = page.evaluate("([i, j]) => window.vaeDemo.latentMap.tile(i, j)", [i, j])
        step = 6 / 20
        assert tile["z"] == pytest.approx([-3 + (j + 0.5) * step, 3 - (i + 0.5) * step], abs=1e-6)
        expected = keras_decode(keras_tiny[1], [tile["z"]])[0]
        assert np.abs(np.asarray(tile["values"]) - expected).max() <= 1e-3


def test_map_shows_the_shipped_codes(page, live_server, exported):
    open_page(page, live_server)
    idle(page)
    assert "128 test digits" in page.locator("#latent-note").inner_text()
    # The map canvas is not blank where the manifold is drawn.
    spread = page.evaluate("""() => {
        const c = document.getElementById('latent-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let lo = 255, hi = 0;
        for (let k = 0; k < d.length; k += 4 * 97) { lo = Math.min(lo, d[k]); hi = Math.max(hi, d[k]); }
        return hi - lo;
    }""")
    assert spread > 50


def test_interpolation_ends_are_the_two_reconstructions(page, live_server, keras_tiny, mnist_like_npz):
    open_page(page, live_server)
    encoder, decoder = keras_tiny
    _, (x_test, _) = load_npz(mnist_like_npz)
    mu, _ = encoder.predict(to_model_input(x_test[:2]), verbose=0)
    page.evaluate("([a, b]) => window.vaeDemo.interpolation.setEnds(a, b)", mu.tolist())
    frames = np.asarray(page.evaluate("() => window.vaeDemo.interpolation.frames()"))
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
    text = row.inner_text()
    assert f"{entry['test']['neg_elbo']:.1f} nats" in text
    assert f"{entry['test']['reconstruction']:.1f} nats" in text
    assert f"{100 * entry['samples']['confident']:.1f}%" in text
    assert f"{entry['samples']['digit_score']:.1f}" in text

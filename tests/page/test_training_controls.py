"""The in-page trainer's own controls, used as a person uses them (clicks, the keyboard, a mouse drag; no
handle calls to act): the β slider moved by the arrow keys and dragged, Start, Pause, Use, Download and
Reset, each checked by what it did to the worker, the page and the file saved."""

import json
import zipfile

import numpy as np
from playwright.sync_api import expect

from tests.harness import TRAINING, open_page, trainer_worker
from tests.page.trainer_page import WEIGHTS, numpy_decode, page_weights, status


def worker_beta(page):
    """β as the worker has it, read after a round trip to it (the slider's setBeta went before)."""
    page.evaluate(f"{TRAINING}.trainer.request('weights')")
    return trainer_worker(page).evaluate("self.vaeTrainer.beta")


def drag_slider_to_the_end(page, selector):
    box = page.locator(selector).bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)  # the thumb at the middle stop
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 20, y, steps=8)
    page.mouse.up()


def test_the_sections_buttons_and_slider(make_page, training_server, tmp_path):
    page = make_page(accept_downloads=True)
    open_page(page, training_server)
    page.locator("#train").scroll_into_view_if_needed()  # the trainer opens by itself
    start, pause, reset = page.locator("#train-start"), page.locator("#train-pause"), page.locator("#train-reset")
    expect(reset).to_be_enabled(timeout=60000)
    expect(start).to_have_text("Start")
    expect(pause).to_be_disabled()
    initial = status(page)

    slider, shown = page.locator("#train-beta"), page.locator("#train-beta-out")
    slider.focus()
    page.keyboard.press("ArrowRight")  # the stop after β = 1
    expect(shown).to_have_text("1.5")
    assert worker_beta(page) == 1.5
    page.keyboard.press("Home")
    expect(shown).to_have_text("0")
    assert worker_beta(page) == 0

    start.click()
    expect(pause).to_be_enabled()
    expect(start).to_be_disabled()
    page.wait_for_function(f"() => {TRAINING}.status().steps > 20", timeout=60000)
    drag_slider_to_the_end(page, "#train-beta")  # while it trains
    expect(shown).to_have_text("8")
    page.wait_for_function(f"() => {TRAINING}.points().some((p) => p.beta === 8)", timeout=60000)
    pause.click()
    page.wait_for_function(f"() => !{TRAINING}.status().running")
    expect(start).to_have_text("Go on")
    paused = status(page)
    assert worker_beta(page) == 8 and paused["beta"] == 8
    assert page.evaluate(f"{TRAINING}.trainer.request('weights').then((r) => r.steps)") == paused["steps"]
    assert trainer_worker(page).evaluate("self.vaeTrainer.running") is False
    assert {0, 8} <= {p["beta"] for p in page.evaluate(f"{TRAINING}.points()")}

    w = page_weights(page)
    page.locator("#train-use").click()
    expect(page.locator("#train-message")).to_have_text(
        "The sliders, the latent map and the upload panel now use the model trained here."
    )
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "in-page"
    assert page.locator("#model-picker").input_value() == "in-page"
    zs = [[0.0, 0.0], [1.0, -2.0]]
    decoded = np.asarray(page.evaluate("(zs) => window.vaeDemo.decode(zs)", zs))
    np.testing.assert_allclose(decoded, numpy_decode(w, np.asarray(zs, np.float32)), atol=1e-5)

    with page.expect_download() as download:
        page.locator("#train-download").click()
    assert download.value.suggested_filename == "vae-in-page.zip"
    download.value.save_as(tmp_path / "vae.zip")
    with zipfile.ZipFile(tmp_path / "vae.zip") as archive:
        about = json.loads(archive.read("vae-in-page.json"))
        encoder_bin = np.frombuffer(archive.read("vae-in-page-encoder.weights.bin"), "<f4")
    assert about["beta"] == 8 and about["steps"] == paused["steps"]
    expected = np.concatenate([w[name].ravel() for name, _ in WEIGHTS[:6]])
    np.testing.assert_array_equal(np.sort(encoder_bin), np.sort(expected))

    reset.click()
    expect(start).to_have_text("Start")
    fresh = status(page)
    assert fresh["steps"] == 0 and fresh["beta"] == 8  # β stays as the slider says
    # the same seed: the same fresh weights, the same held-out figures as when the trainer opened
    assert fresh["heldOut"]["negElbo"] == initial["heldOut"]["negElbo"]
    assert page.evaluate(f"{TRAINING}.points().length") == 1

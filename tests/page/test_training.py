"""Train your own VAE, in the real page, through its handle (window.vaeDemo.training): its digits decoded
exactly; training that lowers the held-out loss and snapshots that match the weights; β changed mid-run;
pause, go on and reset; the trained model behind the sliders, the map and the upload panel; the downloaded
ZIP's models read back by tensorflowjs; the bad inputs (β out of range, starting twice, a hidden tab, no
data); nothing fetched before the section comes near. Parity with Keras, backends and failures:
test_training_devices.py; the section's own buttons and slider: test_training_controls.py."""

import json
import os
import zipfile

import numpy as np
import pytest

from tests.conftest import open_page
from tests.digit_images import mnist10
from tests.harness import TRAINING, WASM_STATE, emulate_cores, observers_settled, trainer_worker
from tests.harness import train_in_page as train
from tests.page.trainer_page import (
    FLOAT32_BASE64,
    TEST,
    TRAIN,
    from_base64,
    held_out,
    numpy_decode,
    numpy_encode,
    numpy_kl,
    opened,
    page_weights,
    sheet_digits,
    status,
)


def test_the_worker_holds_the_digits_exactly_as_the_files(page, training_server, training_models):
    opened(page, training_server)
    worker = trainer_worker(page)
    expected = held_out(training_models)
    test = from_base64(worker.evaluate(f"async () => ({FLOAT32_BASE64})(await self.vaeTrainer.tensors.test.data())"))
    np.testing.assert_allclose(test.reshape(expected.shape), expected, atol=1e-7)
    train = from_base64(worker.evaluate(f"({FLOAT32_BASE64})(self.vaeTrainer.train)"), (-1, 784))
    np.testing.assert_allclose(train, sheet_digits(training_models, 0, TRAIN), atol=1e-7)
    assert page.evaluate(f"{TRAINING}.section.info.labels.length") == TEST
    # a training batch: 100 different training digits, each copied whole
    batch = np.asarray(
        worker.evaluate("""() => { const x = self.vaeTrainer.nextBatch();
        const rows = x.arraySync(); x.dispose(); return rows; }"""),
        np.float32,
    )
    assert batch.shape == (100, 784)
    which = [np.flatnonzero(np.all(np.abs(train - row) < 1e-7, axis=1)) for row in batch]
    assert all(len(found) >= 1 for found in which), "a batch row that is no training digit"
    assert len({int(found[0]) for found in which}) == 100


def the_snapshot_is_the_weights(page, training_models):
    """The last snapshot's held-out codes, KL, samples and reconstruction against NumPy on the worker's
    current weights; returns the snapshot ({codes, samples, output, heldOut})."""
    w = page_weights(page)
    mu, logvar = numpy_encode(w, held_out(training_models))
    snap = page.evaluate("""() => { const s = window.vaeDemo.training.trainer.last;
        return { codes: Array.from(s.codes), samples: Array.from(s.samples),
                 output: Array.from(s.reconstruction.output), heldOut: s.heldOut }; }""")
    np.testing.assert_allclose(np.reshape(snap["codes"], (TEST, 2)), mu, atol=1e-4)
    assert snap["heldOut"]["kl"] == pytest.approx(numpy_kl(mu, logvar).mean(), rel=1e-4)
    assert snap["heldOut"]["negElbo"] == pytest.approx(snap["heldOut"]["reconstruction"] + snap["heldOut"]["kl"])
    grid = np.asarray(trainer_worker(page).evaluate("self.vaeTrainer.tensors.grid.array()"), np.float32)
    np.testing.assert_allclose(np.reshape(snap["samples"], (36, 784)), numpy_decode(w, grid), atol=1e-4)
    np.testing.assert_allclose(snap["output"], numpy_decode(w, mu[:1])[0], atol=1e-4)
    return snap


def test_training_lowers_the_held_out_loss_and_every_view_shows_the_weights(page, training_server, training_models):
    opened(page, training_server)
    before = status(page)
    assert before["steps"] == 0 and before["heldOut"]["images"] == TEST
    after = train(page, steps=80)  # the same batches and draws every run (the worker's seed)
    assert after["steps"] == 80 and after["seconds"] > 0
    assert after["epochs"] == pytest.approx(after["steps"] * 100 / TRAIN)
    assert after["heldOut"]["negElbo"] < before["heldOut"]["negElbo"] - 50
    snap = the_snapshot_is_the_weights(page, training_models)
    # the sample grid's canvas shows those values
    pixels = page.evaluate("""() => { const c = document.getElementById('train-samples');
        return Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0)); }""")
    np.testing.assert_allclose(np.asarray(pixels) / 255, np.reshape(snap["samples"], (36, 784))[0], atol=1 / 255 + 1e-6)
    assert "Step" in page.locator("#train-status").inner_text()


def test_on_eight_cores_the_worker_trains_on_threads(page, training_server, training_models):
    """An emulated 8-core computer: the worker sees 8 cores and trains on 4 threads; the held-out loss
    falls and the snapshots are the weights, as on one thread."""
    emulate_cores(page, 8)
    opened(page, training_server, "?backend=wasm")
    assert trainer_worker(page).evaluate(WASM_STATE) == {"isolated": True, "cores": 8, "threads": 4}
    assert status(page)["backend"] == "wasm"
    before = status(page)
    after = train(page, steps=80)
    assert after["heldOut"]["negElbo"] < before["heldOut"]["negElbo"] - 50, (before["heldOut"], after["heldOut"])
    the_snapshot_is_the_weights(page, training_models)


def test_beta_changed_mid_run_changes_the_loss_being_trained(page, training_server):
    opened(page, training_server)
    page.evaluate("window.vaeDemo.training.start({beta: 1})")
    page.wait_for_function("() => window.vaeDemo.training.status().steps > 20", timeout=60000)
    page.evaluate("window.vaeDemo.training.setBeta(8)")
    at_change = status(page)
    assert at_change["running"] and at_change["beta"] == 8
    assert trainer_worker(page).evaluate("self.vaeTrainer.beta") == 8
    assert page.locator("#train-beta-out").inner_text() == "8"
    page.wait_for_function(f"() => window.vaeDemo.training.status().steps > {at_change['steps'] + 60}", timeout=60000)
    page.evaluate("window.vaeDemo.training.pause()")
    points = page.evaluate("window.vaeDemo.training.points()")
    assert {p["beta"] for p in points} == {1, 8}
    last_at_1 = [p for p in points if p["beta"] == 1][-1]
    assert points[-1]["kl"] < 0.6 * last_at_1["kl"]  # β = 8 squeezes the codes onto N(0, I)
    assert page.locator("#train-curves .train-curve-beta").count() == 1


def test_the_page_is_not_running_until_the_worker_has_stopped(page, training_server):
    """A run of `seconds` ends with snapshots that say running: false, then 'stopped'. The page reads
    "not running" only from 'stopped': a start sent after the snapshot but before 'stopped' would be
    answered "already training" (the bench met that)."""
    opened(page, training_server)
    page.evaluate("""() => {
        const section = window.vaeDemo.training.section;
        const on = section.trainer.on;
        window.seen = [];
        const snapshot = on.snapshot;
        on.snapshot = (s) => { snapshot(s); window.seen.push(['snapshot', s.status.running, section.running]); };
        const stopped = on.stopped;
        on.stopped = (s) => { stopped(s); window.seen.push(['stopped', s.reason, section.running]); };
    }""")
    for _ in range(3):  # back to back, as the bench runs its chunks
        before = status(page)["seconds"]
        after = train(page, seconds=0.6)
        # it stops at the first step that ends 0.6 s or more later; a snapshot 400 ms apart at most
        assert after["seconds"] >= before + 0.6 and after["steps"] > 0 and after["imagesPerSecond"] > 0
        timed = after["snapshotsWhileTraining"]
        assert 1 <= timed["count"] <= after["seconds"] / 0.4 and 0 < timed["seconds"] < after["seconds"], timed
    seen = page.evaluate("window.seen")
    assert [event for event in seen if event[0] == "stopped"] == [["stopped", "seconds", False]] * 3
    finishing = [event for event in seen if event[0] == "snapshot" and event[1] is False]
    assert finishing, "no snapshot said the worker had stopped"
    assert all(page_running for _, _, page_running in finishing), seen


def test_pause_go_on_and_reset(page, training_server):
    opened(page, training_server)
    page.evaluate("window.vaeDemo.training.start({beta: 1})")
    page.wait_for_function("() => window.vaeDemo.training.status().steps > 5", timeout=60000)
    page.evaluate("window.vaeDemo.training.pause()")
    paused = status(page)
    assert not paused["running"]
    # pause is answered once the loop has ended: nothing steps after it, whatever the wait
    worker = trainer_worker(page)
    assert worker.evaluate("self.vaeTrainer.running") is False
    assert page.evaluate(f"{TRAINING}.trainer.request('weights').then((r) => r.steps)") == paused["steps"]
    assert page.locator("#train-start").inner_text() == "Go on"
    after = train(page, steps=60)
    assert after["steps"] == paused["steps"] + 60
    fresh = page.evaluate("window.vaeDemo.training.reset().then(() => window.vaeDemo.training.status())")
    assert fresh["steps"] == 0 and fresh["seconds"] == 0
    assert fresh["heldOut"]["negElbo"] > after["heldOut"]["negElbo"] + 50
    assert page.evaluate("window.vaeDemo.training.points().length") == 1


def test_use_this_model_puts_it_behind_the_sliders_the_map_and_the_upload_panel(page, training_server, training_models):
    opened(page, training_server)
    train(page, steps=40)
    w = page_weights(page)
    page.evaluate("window.vaeDemo.training.use()")
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "in-page"
    assert page.locator("#model-picker").input_value() == "in-page"
    assert page.locator("#train-message").inner_text().startswith("The sliders")
    zs = [[0.5, -1.0], [2.0, 0.3]]
    decoded = np.asarray(page.evaluate("(zs) => window.vaeDemo.decode(zs)", zs))
    np.testing.assert_allclose(decoded, numpy_decode(w, np.asarray(zs, np.float32)), atol=1e-5)
    # the latent map shows the held-out codes of these weights
    page.locator("#latent-canvas").scroll_into_view_if_needed()
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    page.evaluate("window.vaeDemo.latent.map.idle()")
    codes = page.evaluate("window.vaeDemo.latent.map.codes && Array.from(window.vaeDemo.latent.map.codes.codes)")
    mu, logvar = numpy_encode(w, held_out(training_models))
    np.testing.assert_allclose(np.reshape(codes, (TEST, 2)), mu, atol=1e-4)
    # the upload panel's encoder is the trained one: [μ | log σ²] of an image
    x, _ = mnist10()
    image = x[:1].astype(np.float32) / 255
    got = page.evaluate(
        """async (pixels) => {
        const m = window.vaeDemo.state.model;
        const enc = await m.encoder();
        const out = tf.tidy(() => enc.execute(tf.tensor4d(pixels, [1, 28, 28, 1])));
        const v = Array.from(await out.data()); out.dispose(); return v; }""",
        image.ravel().tolist(),
    )
    mu1, lv1 = numpy_encode(w, image.reshape(1, 784))
    np.testing.assert_allclose(got, np.concatenate([mu1, lv1], axis=1)[0], atol=1e-4)


def test_download_saves_layers_models_that_tensorflowjs_reads(make_page, training_server, tmp_path):
    import tensorflowjs as tfjs

    page = make_page(accept_downloads=True)
    opened(page, training_server)
    done = train(page, steps=20, beta=0.5)
    w = page_weights(page)
    with page.expect_download() as download:
        saved = page.evaluate("window.vaeDemo.training.download()")
    assert download.value.suggested_filename == saved["archive"] == "vae-in-page.zip"
    download.value.save_as(tmp_path / "vae-in-page.zip")
    with zipfile.ZipFile(tmp_path / "vae-in-page.zip") as archive:
        assert archive.testzip() is None  # every CRC checks
        assert (
            archive.namelist()
            == saved["files"]
            == [
                "vae-in-page-encoder.json",
                "vae-in-page-encoder.weights.bin",
                "vae-in-page-decoder.json",
                "vae-in-page-decoder.weights.bin",
                "vae-in-page.json",
            ]
        )
        archive.extractall(tmp_path)
    about = json.loads((tmp_path / "vae-in-page.json").read_text())
    assert about["beta"] == 0.5 and about["steps"] == done["steps"]
    assert about["held_out"]["neg_elbo"] == pytest.approx(done["heldOut"]["negElbo"])
    decoder = tfjs.converters.load_keras_model(str(tmp_path / "vae-in-page-decoder.json"))
    zs = np.asarray([[0.0, 0.0], [1.5, -0.5]], np.float32)
    np.testing.assert_allclose(decoder.predict(zs, verbose=0).reshape(2, 784), numpy_decode(w, zs), atol=1e-5)
    encoder = tfjs.converters.load_keras_model(str(tmp_path / "vae-in-page-encoder.json"))
    x, _ = mnist10()
    images = x[:3].astype(np.float32) / 255
    mu, logvar = numpy_encode(w, images.reshape(3, 784))
    np.testing.assert_allclose(
        encoder.predict(images[..., None], verbose=0), np.concatenate([mu, logvar], 1), atol=1e-4
    )


def test_bad_inputs_get_a_clear_message_and_lose_nothing(page, training_server):
    opened(page, training_server)
    training = "window.vaeDemo.training"
    for bad in ("9", "-1", "NaN", "'two'"):
        error = page.evaluate(f"{training}.setBeta({bad}).then(() => null, (e) => e.message)")
        assert error.startswith("β must be a number from 0 to 8, not "), error
    assert status(page)["beta"] == 1
    page.evaluate(f"{training}.start({{beta: 2}})")
    error = page.evaluate(f"{training}.start({{beta: 2}}).then(() => null, (e) => e.message)")
    assert error == "The model is already training."
    assert status(page)["running"]
    # the tab hidden: training pauses, says so, and goes on from where it stopped
    page.evaluate("""() => { Object.defineProperty(document, 'hidden', { value: true, configurable: true });
        document.dispatchEvent(new Event('visibilitychange')); }""")
    page.wait_for_function(f"() => !{training}.status().running")
    page.wait_for_function("() => !document.getElementById('train-message').hidden")
    assert "paused while the page was hidden" in page.locator("#train-message").inner_text()
    steps = status(page)["steps"]
    page.evaluate("() => { delete document.hidden; }")
    after = train(page, steps=10, beta=2)
    assert after["steps"] == steps + 10


def test_without_training_data_the_section_says_so(page, live_server):
    open_page(page, live_server)
    assert page.locator("#train-message").inner_text().startswith("Training in the page is not available")
    assert page.locator("#train-start").is_disabled()
    error = page.evaluate("window.vaeDemo.training.start({beta: 1}).then(() => null, (e) => e.message)")
    assert error.startswith("Training in the page is not available")


def test_nothing_is_fetched_for_training_until_the_section_comes_near(page, training_server):
    urls = []
    page.context.on("request", lambda r: urls.append(r.url))  # the context's: a worker's requests too
    open_page(page, training_server)
    observers_settled(page)  # what coming near starts has started
    assert page.evaluate(f"{TRAINING}.section.opening") is None, "the trainer was started"
    training = [u for u in urls if "training/" in u or "/worker." in u or "tf-gradients" in u]
    assert training == []
    page.locator("#train").scroll_into_view_if_needed()
    page.wait_for_function("() => window.vaeDemo.training.section.info !== null", timeout=60000)
    fetched = " ".join(urls)
    for part in ("training/manifest.json", "training/digits.png", "training/labels.bin", "/worker.", "tf-gradients"):
        assert part in fetched, part


def test_the_section_in_chinese_on_a_phone(make_page, training_server):
    page = make_page(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    opened(page, training_server)
    train(page, steps=10)
    assert page.locator("#train-title").inner_text() == "自己训练一个 VAE"
    assert page.locator("#train-status").inner_text().startswith("第 ")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"
    box = page.locator("#train-map").bounding_box()
    assert 300 <= box["width"] <= 390


def map_half_width(folder, entry):
    """The comparison map's half-width for a model, from its latent-map file (the format its manifest
    entry states): 1.1 × the largest |code| coordinate of 99% of the points, at least 3."""
    with open(os.path.join(folder, entry["map"]["file"]), "rb") as f:
        raw = f.read()
    n = entry["map"]["points"]
    codes = np.frombuffer(raw[: n * 2 * 2], "<i2").reshape(n, 2) * entry["map"]["scale"]
    extent = np.sort(np.abs(codes).max(axis=1))
    return max(3.0, 1.1 * extent[min(n - 1, int(0.99 * n))])


def test_the_five_keras_models_side_by_side(page, shipped_server):
    """The training manifest's β models, loaded only when asked, in β order: each one's figures as its
    manifest says, and its samples decoded from the same codes as its decoder files give them in Python."""
    from tests.harness import EXPORTED
    from tests.page.conftest import python_graph

    with open(os.path.join(EXPORTED, "training", "manifest.json")) as f:
        models = sorted(json.load(f)["models"], key=lambda m: m["beta"])
    assert [m["beta"] for m in models] == [0, 0.5, 1, 2, 4]
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    open_page(page, shipped_server)
    page.locator("#train").scroll_into_view_if_needed()
    page.wait_for_function(f"() => {TRAINING}.section.info", timeout=60000)  # what coming near starts has run
    assert not any("/training/beta-" in u for u in urls), "a β model was fetched before it was asked for"
    shown = page.evaluate("window.vaeDemo.training.compare()")
    assert [m["name"] for m in shown["models"]] == [m["name"] for m in models]
    figures = page.locator("#train-compare .train-compare-model")
    assert figures.count() == 5
    ranges = [m["range"] for m in shown["models"]]
    assert ranges[0] > 3 * ranges[-1], f"β = 0's codes should spread far wider than β = 4's: {ranges}"
    codes = np.asarray(shown["codes"], np.float32).reshape(-1, 2)
    for k, entry in enumerate(models):
        figure = figures.nth(k)
        assert figure.get_attribute("data-beta") == str(entry["beta"]).removesuffix(".0")
        text = figure.inner_text()
        assert f"{entry['test']['reconstruction']:.1f} nats/image" in text
        assert f"{entry['test']['kl']:.1f} nats/image" in text
        # its map on its own scale: the half-width holding 99% of its codes, × 1.1, at least 3
        range_ = map_half_width(os.path.join(EXPORTED, "training"), entry)
        assert shown["models"][k]["range"] == pytest.approx(range_, rel=1e-5)
        assert f"both axes ±{range_:.1f}" in text
        expected = python_graph({**entry, "folder": "training/"}, "decoder")(codes).reshape(-1, 784)
        pixels = page.evaluate(
            """(k) => { const c = document.querySelectorAll('#train-compare .train-compare-samples')[k];
            const rgba = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            return Array.from(rgba.filter((_, i) => i % 4 === 0)); }""",
            k,
        )
        grid = np.asarray(pixels, np.float32).reshape(4, 28, 4, 28).transpose(0, 2, 1, 3).reshape(16, 784) / 255
        np.testing.assert_allclose(grid, expected, atol=1.5 / 255)

"""The page in WebKit (Safari's engine) and Firefox, not only Chromium: one journey per engine through the real
app serving the committed models (tests/engines.py drives the engines; docs/testing.md says how), over the
parts most likely to differ between engines: the page gets ready and draws the first digit, a slider moved
with the keyboard redraws it, an uploaded phone photo (JPEG, EXIF-rotated) is reconstructed, training in the
page for 10 s draws its map and curves, the trained model downloads as a ZIP, switching to Chinese changes
the words, and projector mode lays out one page that fits the window. Decodes are compared with the same
steps in Chromium (mean |Δ| per pixel < 0.01), the upload's 28×28 input with train/preprocess.py.

Each engine's tests share one page, in order (the download needs the training before it). They skip only
when the engine is not installed (scripts/test.sh installs both)."""

import base64
import io
import json
import zipfile

import numpy as np
import pytest
from PIL import Image

from tests import digit_images as di
from tests.conftest import canvas_gray
from tests.engines import Chromium, launch, missing, wait
from tests.harness import READY, catalog
from tests.page.projector_layout import LAYOUT
from train import preprocess as P

ENGINES = ["webkit", "firefox"]
SAME = 0.01  # mean |Δ| per pixel against Chromium's decode of the same code
ERRORS = """() => {
    window.engineErrors = [];
    const keep = (what) => window.engineErrors.push(String(what));
    addEventListener('error', (e) => keep(e.message));
    addEventListener('unhandledrejection', (e) => keep(e.reason && e.reason.stack || e.reason));
    const error = console.error.bind(console);
    console.error = (...args) => { keep(args.join(' ')); error(...args); };
}"""


def open_in(engine, server):
    """Open the app in the engine, wait for its first digit, and record its errors from then on."""
    engine.goto(server.url)
    wait(engine, READY, timeout=120)
    assert engine.evaluate("() => window.vaeDemo.error") is None
    engine.evaluate(ERRORS)
    return engine


def errors(engine):
    return engine.evaluate("() => window.engineErrors.splice(0)")


def photo_file(folder):
    """A phone photo of an MNIST 3 as a JPEG stored sideways with EXIF orientation 6; (path, upright image)."""
    x, _ = di.mnist10()
    upright = di.photo(x[3])
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    path = folder / "photo.jpg"
    path.write_bytes(di.encode(upright.transpose(Image.Transpose.ROTATE_90), "JPEG", quality=92, exif=exif))
    return path, upright


def digit_and_a_slider_move(engine):
    """The first digit (z = 0); then z1 moved 10 steps right and z2 to its end by keys: the code and digit."""
    first = canvas_gray(engine)
    engine.press("#z-slider-0", "ArrowRight", 10)
    engine.press("#z-slider-1", "End")
    engine.evaluate("() => window.vaeDemo.explore.view.idle()")
    z = engine.evaluate("() => Array.from(window.vaeDemo.state.z)")
    return {"first": first, "z": z, "moved": canvas_gray(engine), "backend": engine.evaluate("() => vaeDemo.backend")}


def upload(engine, path):
    """Choose the file in the upload panel; its 28×28 input, reconstruction and μ as shown."""
    engine.upload("#upload-file", path)
    wait(engine, "() => window.vaeDemo.state.posterior || !document.getElementById('upload-alert').hidden")
    engine.evaluate("() => window.vaeDemo.upload.idle()")
    alert = engine.evaluate("() => document.getElementById('upload-alert').textContent")
    assert engine.evaluate("() => document.getElementById('upload-alert').hidden"), alert
    return {
        "input": canvas_gray(engine, "#upload-input"),
        "recon": canvas_gray(engine, "#upload-recon"),
        "mu": engine.evaluate("() => Array.from(window.vaeDemo.state.posterior.mu)"),
    }


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    return photo_file(tmp_path_factory.mktemp("engines"))


@pytest.fixture(scope="module")
def chromium(browser, shipped_server, photo):
    """The same steps in Chromium: the reference."""
    engine = open_in(Chromium(browser), shipped_server)
    reference = {"explore": digit_and_a_slider_move(engine), "upload": upload(engine, photo[0])}
    assert errors(engine) == []
    engine.close()
    return reference


@pytest.fixture(scope="module", params=ENGINES)
def engine(request, shipped_server):
    reason = missing(request.param)
    if reason:
        pytest.skip(f"{request.param} is not installed: {reason} (scripts/test.sh installs it)")
    engine = launch(request.param)
    try:
        yield open_in(engine, shipped_server)
    finally:
        engine.close()


@pytest.fixture
def no_errors(engine):
    yield
    assert errors(engine) == []


def mean_gap(a, b):
    return float(np.abs(np.asarray(a) - np.asarray(b)).mean())


def test_first_digit_and_a_slider_move_decode_as_in_chromium(engine, chromium, no_errors):
    got, ref = digit_and_a_slider_move(engine), chromium["explore"]
    assert got["z"] == pytest.approx([0.1, 3.0], abs=1e-6) and ref["z"] == pytest.approx(got["z"], abs=1e-6)
    assert mean_gap(got["first"], ref["first"]) < SAME, (got["backend"], ref["backend"])
    assert mean_gap(got["moved"], ref["moved"]) < SAME, (got["backend"], ref["backend"])
    assert np.abs(np.asarray(got["moved"]) - got["first"]).max() > 0.2  # the slider moved the digit


def test_an_uploaded_photo_is_reconstructed_as_in_chromium(engine, chromium, photo, no_errors):
    path, upright = photo
    got, ref = upload(engine, path), chromium["upload"]
    expected = P.preprocess_image(np.asarray(upright)).reshape(784)  # upright: EXIF applied
    assert mean_gap(got["input"], expected) < 0.02
    assert mean_gap(got["recon"], ref["recon"]) < SAME
    np.testing.assert_allclose(got["mu"], ref["mu"], atol=0.05)


DRAWN = """() => {
    const training = window.vaeDemo.training, { codes } = training.trainer.last, range = training.section.range;
    const c = document.getElementById('train-map'), s = c.width;
    const px = c.getContext('2d').getImageData(0, 0, s, s).data;
    const ink = (x, y) => 765 - px[4 * (y * s + x)] - px[4 * (y * s + x) + 1] - px[4 * (y * s + x) + 2];
    let inked = 0, white = 0;
    for (let k = 0; k < codes.length; k += 2) {  // the pixel under each code (±range across the map)
        const x = Math.floor(((codes[k] + range) / (2 * range)) * s);
        const y = Math.floor(((range - codes[k + 1]) / (2 * range)) * s);
        if (x >= 0 && x < s && y >= 0 && y < s && ink(x, y) > 90) inked += 1;
    }
    for (let i = 0; i < s * s; i += 1) if (ink(i % s, Math.floor(i / s)) === 0) white += 1;
    const line = document.querySelector('#train-curves .train-curve-negElbo');
    return { inked: inked / (codes.length / 2), white: white / (s * s), series: training.points().length,
             points: line ? line.getAttribute('points').split(' ').length : 0, width: line ? line.getBBox().width : 0 };
}"""


def test_ten_seconds_of_training_draw_the_map_and_the_curves(engine, no_errors):
    engine.evaluate("() => document.getElementById('train').scrollIntoView()")
    wait(
        engine, "() => window.vaeDemo.training?.trainer?.info && window.vaeDemo.training.status().heldOut", timeout=120
    )
    before = engine.evaluate("() => window.vaeDemo.training.status()")
    engine.click("#train-start")
    wait(engine, "() => window.vaeDemo.training.status().seconds >= 10", timeout=120)
    engine.click("#train-pause")
    wait(engine, "() => !window.vaeDemo.training.status().running")
    engine.evaluate("() => window.vaeDemo.training.idle()")
    after = engine.evaluate("() => window.vaeDemo.training.status()")
    assert after["steps"] > 20 and after["heldOut"]["negElbo"] < before["heldOut"]["negElbo"] - 100
    drawn = engine.evaluate(DRAWN)
    assert drawn["inked"] > 0.95 and drawn["white"] > 0.3, drawn  # a dot at each held-out code, on white
    assert drawn["points"] == drawn["series"] >= 2 and drawn["width"] > 100, drawn


SAVED = """() => {
    const create = URL.createObjectURL, click = HTMLAnchorElement.prototype.click;
    window.saved = null;
    URL.createObjectURL = (blob) => { const url = create(blob); window.saved = { blob, url }; return url; };
    HTMLAnchorElement.prototype.click = function () {  // the download starts here: record it instead
        Object.assign(window.saved, { href: this.href, name: this.download });
        URL.createObjectURL = create;
        HTMLAnchorElement.prototype.click = click;
    };
}"""
READ_SAVED = """async () => {
    const bytes = new Uint8Array(await window.saved.blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const { weights } = await window.vaeDemo.training.trainer.request('weights');
    const decoder = ['hidden.kernel', 'hidden.bias', 'logits.kernel', 'logits.bias']
        .flatMap((k) => Array.from(weights[`decoder.${k}`]));
    return { ...window.saved, blob: btoa(text), decoder, status: window.vaeDemo.training.status() };
}"""


def test_download_saves_the_trained_model_as_a_zip(engine, no_errors):
    engine.evaluate(SAVED)
    engine.click("#train-download")
    wait(engine, "() => window.saved && window.saved.name")
    saved = engine.evaluate(READ_SAVED)
    assert saved["name"] == "vae-in-page.zip" and saved["href"] == saved["url"]
    with zipfile.ZipFile(io.BytesIO(base64.b64decode(saved["blob"]))) as archive:
        assert archive.testzip() is None  # every CRC checks
        assert archive.namelist()[-1] == "vae-in-page.json" and len(archive.namelist()) == 5
        about = json.loads(archive.read("vae-in-page.json"))
        decoder = np.frombuffer(archive.read("vae-in-page-decoder.weights.bin"), "<f4")
    assert about["steps"] == saved["status"]["steps"] and about["beta"] == saved["status"]["beta"]
    np.testing.assert_array_equal(decoder, np.asarray(saved["decoder"], np.float32))


def test_switching_to_chinese_changes_the_words(engine, no_errors):
    zh = catalog("zh-CN")
    engine.choose("#lang-picker", "zh-CN")
    wait(engine, "() => document.documentElement.lang === 'zh-CN' && !document.getElementById('lang-picker').disabled")
    shown = engine.evaluate(
        "() => Array.from(document.querySelectorAll('[data-i18n]'), (n) => [n.dataset.i18n, n.textContent])"
    )
    plain = [(key, text) for key, text in shown if "{" not in zh[key]]
    assert len(plain) > 50
    assert [(key, text) for key, text in plain if text != zh[key]] == []
    assert engine.evaluate("() => document.getElementById('train-status').textContent").startswith("第 ")


def test_projector_mode_shows_one_page_at_a_time_that_fits(engine, no_errors):
    """The first page (the digit) fits unscaled with large type; the next two (upload, with its results,
    and the latent map) fit, scaled down where the content needs it (fit.js)."""
    engine.press(None, "p")
    wait(engine, "() => document.documentElement.classList.contains('projector')")
    for index in range(3):
        assert engine.evaluate("() => window.vaeDemo.projector.page.index") == index
        engine.evaluate("() => new Promise((r) => requestAnimationFrame(() => r(window.vaeDemo.projector.fit())))")
        shown = engine.evaluate("""() => Array.from(document.querySelectorAll('main > section.panel'))
            .filter((p) => p.getClientRects().length > 0).map((p) => p.id)""")
        info = engine.evaluate(LAYOUT)
        assert shown == [info["panel"]]
        assert info["scrollHeight"] <= info["innerHeight"] and info["scrollWidth"] <= info["innerWidth"], info
        assert info["outside"] == [], info
        if index == 0:
            assert info["scale"] == 1 and info["small"] == [], info
        engine.press(None, "PageDown")
    engine.press(None, "p")
    wait(engine, "() => !document.documentElement.classList.contains('projector')")

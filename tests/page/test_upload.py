"""The "Your own digit" panel in the real page, in Chromium: uploading real image files (picker and
drag-and-drop, every accepted format, EXIF rotation, GIF's first frame), the draw pad (mouse and
touch), the strip of MNIST digits, the code and error shown, bad inputs refused in words with the
previous state kept, and no request carrying the image.

Tolerances: the page's 28×28 input vs train/preprocess.py on the same PNG ≤ 0.02 per pixel (see
test_preprocess.py); the page's reconstruction vs the Keras model's decoder(encoder(input).μ) ≤ 0.02
per pixel (float32 on another backend plus the preprocessing tolerance); μ within 0.02."""

import base64

import numpy as np
import pytest
from PIL import Image

from tests import digit_images as di
from tests.conftest import canvas_gray, canvas_rgba, keras_parts, open_page
from train import preprocess as P

TOL = 0.02


def keras_reference(keras_vae, image):
    """A VAE's μ, σ and reconstruction decoder(μ) for one 28×28 input, by Keras."""
    encoder, decoder = keras_vae
    mu, logvar = encoder.predict(np.asarray(image, np.float32).reshape(1, 28, 28, 1), verbose=0)
    recon = np.asarray(decoder.predict(mu, verbose=0)).reshape(784)
    return mu[0], np.exp(0.5 * logvar[0]), recon


def open_upload(page, server):
    """Open the page and scroll to the panel, which then fetches its sample strip (and the encoder)."""
    open_page(page, server)
    page.evaluate("() => document.getElementById('upload').scrollIntoView()")
    page.wait_for_function("() => window.vaeDemo.upload && document.querySelectorAll('.upload-sample').length > 0")
    return page


def outcome_count(page):
    return page.evaluate("() => window.vaeDemo.upload.stats.runs + window.vaeDemo.upload.stats.errors")


def wait_outcome(page, before):
    page.wait_for_function(
        "n => window.vaeDemo.upload.stats.runs + window.vaeDemo.upload.stats.errors > n", arg=before, timeout=30000
    )
    page.evaluate("() => window.vaeDemo.upload.idle()")


class Padded:
    """A file's bytes `head` followed by `zeros` zero bytes, made inside the page: sending 21 MB through
    Playwright takes minutes on a busy machine."""

    def __init__(self, head, zeros):
        self.head, self.zeros = head, zeros


IN_PAGE_FILE = """([b64, zeros, name, mime]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes, new Uint8Array(zeros)], name, { type: mime }));
    return dt;
}"""


def in_page_file(page, name, data, mime):
    """A DataTransfer holding the file (data: bytes or Padded), built in the page."""
    head, zeros = (data.head, data.zeros) if isinstance(data, Padded) else (data, 0)
    return page.evaluate_handle(IN_PAGE_FILE, [base64.b64encode(head).decode("ascii"), zeros, name, mime])


def upload(page, name, data, mime="image/png"):
    """Choose a file with the file picker."""
    before = outcome_count(page)
    if isinstance(data, Padded):
        page.evaluate(
            """(dt) => { const input = document.getElementById('upload-file');
            input.files = dt.files;
            input.dispatchEvent(new Event('change', { bubbles: true })); }""",
            in_page_file(page, name, data, mime),
        )
    else:
        page.set_input_files("#upload-file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    wait_outcome(page, before)


def drop(page, name, data, mime="image/png"):
    before = outcome_count(page)
    page.dispatch_event("#upload-drop", "drop", {"dataTransfer": in_page_file(page, name, data, mime)})
    wait_outcome(page, before)


def last(page):
    return page.evaluate("() => window.vaeDemo.upload.stats.last")


def alert_text(page):
    box = page.locator("#upload-alert")
    return box.inner_text() if box.is_visible() else ""


def check_against_keras(page, keras_vae, expected_input, tol_input=TOL):
    got = last(page)
    image = np.asarray(got["image"])
    assert np.abs(image - expected_input.reshape(784)).max() <= tol_input
    mu, sigma, recon = keras_reference(keras_vae, image)
    assert np.abs(np.asarray(got["mu"]) - mu).max() <= TOL
    assert np.abs(np.asarray(got["sigma"]) - sigma).max() <= TOL
    assert np.abs(np.asarray(got["recon"]) - recon).max() <= TOL
    return got


def test_upload_shows_input_reconstruction_code_and_error(page, live_server, keras_tiny, digits, tmp_path):
    x, _ = digits
    open_upload(page, live_server)
    data = di.encode(di.dark_on_light(x[2]))  # dark on light, 500×500, off-centre
    (tmp_path / "d.png").write_bytes(data)
    expected = P.preprocess_image(str(tmp_path / "d.png"))
    upload(page, "two.png", data)
    assert alert_text(page) == ""
    got = check_against_keras(page, keras_tiny, expected)
    # the canvases show the arrays (8-bit)
    assert np.abs(canvas_gray(page, "#upload-input") - np.asarray(got["image"])).max() <= 1.01 / 255
    assert np.abs(canvas_gray(page, "#upload-recon") - np.asarray(got["recon"])).max() <= 1.01 / 255
    # the sliders moved to μ, the posterior is shared
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z == pytest.approx(got["mu"], abs=1e-6)
    post = page.evaluate("""() => { const p = window.vaeDemo.state.posterior;
        return { source: p.source, mu: Array.from(p.mu), sigma: Array.from(p.sigma), n: p.image.length }; }""")
    assert post["source"] == "upload" and post["n"] == 784
    assert post["mu"] == pytest.approx(got["mu"], abs=1e-6)
    assert post["sigma"] == pytest.approx(got["sigma"], abs=1e-6)
    # the code: one row per dimension with μ and σ; the error in nats with a reading
    rows = page.locator("#upload-code tr")
    assert rows.count() == 1 + 2
    assert page.locator("#upload-code").inner_text().count("z") >= 2
    reading = page.locator("#upload-reading").inner_text()
    image, recon = np.asarray(got["image"]), np.clip(np.asarray(got["recon"]), 1e-7, 1 - 1e-7)
    bce = -(image * np.log(recon) + (1 - image) * np.log(1 - recon)).sum()
    assert got["bce"] == pytest.approx(bce, rel=1e-4)
    assert f"{bce:.1f} nats" in reading
    average = page.evaluate("window.vaeDemo.state.model.entry.test.reconstruction")
    assert f"{average:.1f} nats on average" in reading
    # the decoder view redrew from z = μ
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    assert np.abs(canvas_gray(page, "#digit") - np.asarray(got["recon"])).max() <= 1.01 / 255


def test_the_image_never_leaves_the_page(page, live_server, digits):
    x, _ = digits
    open_upload(page, live_server)
    requests = []
    page.on("request", lambda r: requests.append(r))
    upload(page, "photo.png", di.encode(di.photo(x[4])))
    drop(page, "photo.jpg", di.encode(di.photo(x[5]), "JPEG", quality=90), "image/jpeg")
    page.get_by_role("button", name="MNIST test digit 3").first.click()
    page.evaluate("() => window.vaeDemo.upload.idle()")
    assert page.evaluate("window.vaeDemo.upload.stats.runs") == 3
    for r in requests:  # at most the encoder's model files, fetched on first use
        assert r.method == "GET" and r.post_data_buffer is None, r.url
        assert r.url.startswith(live_server.url + "models/"), r.url


@pytest.mark.parametrize("fmt", ["JPEG", "GIF", "WEBP", "BMP"])
def test_every_accepted_format_by_drag_and_drop(page, live_server, keras_tiny, digits, fmt):
    x, _ = digits
    open_upload(page, live_server)
    sheet = di.dark_on_light(x[7], size=300, box=180, at=(100, 20))
    if fmt == "GIF":  # two frames: the first is the digit, the second another digit
        other = di.dark_on_light(x[1], size=300, box=180, at=(100, 20))
        data = di.encode(sheet, "GIF", save_all=True, append_images=[other], duration=100, loop=0)
    elif fmt == "WEBP":
        data = di.encode(sheet, "WEBP", lossless=True)
    elif fmt == "JPEG":
        data = di.encode(sheet.convert("RGB"), "JPEG", quality=92)
    else:
        data = di.encode(sheet.convert("RGB"), "BMP")
    mime = {"JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp", "BMP": "image/bmp"}[fmt]
    drop(page, f"digit.{fmt.lower()}", data, mime)
    assert alert_text(page) == ""
    expected = P.preprocess_image(data)  # Pillow decodes (JPEG decoders may differ slightly)
    check_against_keras(page, keras_tiny, expected, tol_input=0.05 if fmt == "JPEG" else TOL)
    assert last(page)["source"] == "upload"


def test_exif_rotation_is_applied(page, live_server, keras_tiny, digits):
    x, _ = digits
    open_upload(page, live_server)
    upright = di.dark_on_light(x[7], size=300, box=180, at=(100, 20)).convert("RGB")
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as a phone held sideways stores it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    data = di.encode(stored, "JPEG", quality=95, exif=exif)
    upload(page, "sideways.jpg", data, "image/jpeg")
    expected = P.preprocess_image(np.asarray(upright))
    assert np.abs(P.preprocess_image(data) - expected).mean() < 0.02  # Python applies EXIF too
    got = np.asarray(last(page)["image"]).reshape(28, 28)
    assert np.abs(got - expected).mean() < 0.02  # upright, not rotated


BAD_INPUTS = [
    ("empty.png", b"", "image/png", "empty"),
    ("notes.txt", b"just some words, not a picture\n", "text/plain", "not a picture"),
    ("digit.svg", di.SVG, "image/svg+xml", "SVG"),
    ("corrupt.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image/png", "damaged"),
    ("blank.png", None, "image/png", "blank"),
]


def test_bad_inputs_are_refused_in_words_and_the_page_keeps_working(page, live_server, digits, tmp_path):
    x, _ = digits
    open_upload(page, live_server)
    good = di.encode(di.dark_on_light(x[3]))
    upload(page, "good.png", good)
    before = last(page)
    z_before = page.evaluate("Array.from(window.vaeDemo.state.z)")
    canvas_before = canvas_gray(page, "#upload-input")
    truncated = good[: len(good) // 2]
    oversize = Padded(good, 21 * 1024 * 1024)
    cases = BAD_INPUTS + [
        ("cut.png", truncated, "image/png", "cut short"),
        ("cut.jpg", di.encode(di.photo(x[2]), "JPEG")[:5000], "image/jpeg", "cut short"),
        ("huge.png", di.huge_png(), "image/png", "megapixels"),
        ("big.png", oversize, "image/png", "limit is 20 MB"),
        ("photo.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "image/heic", "HEIC"),
    ]
    for name, data, mime, words in cases:
        if data is None:
            data = di.encode(di.blank())
        upload(page, name, data, mime)
        message = alert_text(page)
        assert words in message, (name, message)
        assert page.get_by_role("alert").filter(has_text=words).count() == 1
        assert last(page)["image"] == before["image"], name
        assert page.evaluate("Array.from(window.vaeDemo.state.z)") == z_before, name
        assert np.array_equal(canvas_gray(page, "#upload-input"), canvas_before), name
    # still working: a good file clears the message
    upload(page, "good2.png", di.encode(di.dark_on_light(x[8])))
    assert alert_text(page) == ""
    assert last(page)["image"] != before["image"]
    # a drop with no file in it
    page.dispatch_event("#upload-drop", "drop", {"dataTransfer": page.evaluate_handle("() => new DataTransfer()")})
    assert "picture file" in alert_text(page)


def test_sample_strip_feeds_real_mnist_digits_unchanged(page, live_server, keras_tiny):
    open_upload(page, live_server)
    samples = page.locator(".upload-sample")
    assert samples.count() >= 10
    labels = {samples.nth(i).get_attribute("data-label") for i in range(samples.count())}
    assert labels == {str(d) for d in range(10)}
    page.get_by_role("button", name="MNIST test digit 7").first.click()
    page.evaluate("() => window.vaeDemo.upload.idle()")
    got = last(page)
    assert got["source"] == "sample"
    x, y = di.mnist10()  # the strip starts with the first test digit of each class, like the fixture
    check_against_keras(page, keras_tiny, x[list(y).index(7)] / 255, tol_input=1e-6)


def pad_box(page):
    page.locator("#upload-pad").scroll_into_view_if_needed()
    return page.locator("#upload-pad").bounding_box()


def stroke_points(box, pts):
    return [(box["x"] + box["width"] * u, box["y"] + box["height"] * v) for u, v in pts]


SEVEN = di.SEVEN_STROKES


def test_draw_pad_with_the_mouse_updates_as_you_draw(page, live_server, keras_tiny):
    open_upload(page, live_server)
    box = pad_box(page)
    for stroke in SEVEN:
        pts = stroke_points(box, stroke)
        page.mouse.move(*pts[0])
        page.mouse.down()
        for b in pts[1:]:
            page.mouse.move(*b, steps=8)
        page.mouse.up()
    page.evaluate("() => window.vaeDemo.upload.idle()")
    stats = page.evaluate("window.vaeDemo.upload.stats")
    assert stats["last"]["source"] == "draw"
    assert stats["runs"] >= 1
    rgba = canvas_rgba(page, "#upload-pad")
    assert rgba.shape == (280, 280, 4)
    expected = P.preprocess_rgba(rgba)
    got = check_against_keras(page, keras_tiny, expected)
    image = np.asarray(got["image"]).reshape(28, 28)
    assert image.max() > 0.9 and (image > 0.5).sum() > 40  # a real stroke, MNIST-thick
    assert page.evaluate("window.vaeDemo.state.posterior.source") == "draw"
    # a burst of pointer events (as a fast hand or pen gives) is coalesced into one or two analyses
    burst = page.evaluate("""async () => {
        const pad = document.getElementById('upload-pad');
        const r = pad.getBoundingClientRect();
        const ev = (type, u, v) => pad.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true,
            pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: 1,
            clientX: r.left + u * r.width, clientY: r.top + v * r.height }));
        const s = window.vaeDemo.upload.stats;
        const runs = s.runs;
        const requests = s.drawRequests;
        ev('pointerdown', 0.3, 0.9);
        for (let i = 1; i <= 40; i += 1) ev('pointermove', 0.3 + 0.4 * i / 40, 0.9);
        ev('pointerup', 0.7, 0.9);
        await window.vaeDemo.upload.idle();
        return { runs: s.runs - runs, requests: s.drawRequests - requests };
    }""")
    assert burst["requests"] == 42 and 1 <= burst["runs"] <= 2, burst
    page.get_by_role("button", name="Undo stroke").click()
    # undo removes the crossbar, clear empties the pad
    page.get_by_role("button", name="Undo stroke").click()
    page.evaluate("() => window.vaeDemo.upload.idle()")
    assert page.evaluate("window.vaeDemo.upload.strokes.length") == 1
    assert np.abs(np.asarray(last(page)["image"]).reshape(28, 28) - image).max() > 0.3
    page.get_by_role("button", name="Clear").click()
    assert page.evaluate("window.vaeDemo.upload.strokes.length") == 0
    assert canvas_gray(page, "#upload-pad").min() == 1.0
    assert page.locator("#upload-undo").is_disabled()


def test_draw_pad_with_touch(make_page, live_server):
    page = make_page(has_touch=True)
    open_upload(page, live_server)
    box = pad_box(page)
    cdp = page.context.new_cdp_session(page)
    types = page.evaluate("""() => { window.__pointerTypes = new Set();
        document.getElementById('upload-pad').addEventListener('pointerdown',
            (e) => window.__pointerTypes.add(e.pointerType)); }""")
    for stroke in SEVEN:
        pts = stroke_points(box, stroke)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": pts[0][0], "y": pts[0][1]}]})
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            for t in np.linspace(0, 1, 6)[1:]:
                cdp.send(
                    "Input.dispatchTouchEvent",
                    {"type": "touchMove", "touchPoints": [{"x": ax + (bx - ax) * t, "y": ay + (by - ay) * t}]},
                )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.evaluate("() => window.vaeDemo.upload.idle()")
    assert page.evaluate("Array.from(window.__pointerTypes)") == ["touch"], types
    stats = page.evaluate("window.vaeDemo.upload.stats")
    assert stats["last"]["source"] == "draw" and page.evaluate("window.vaeDemo.upload.strokes.length") == 2
    image = np.asarray(stats["last"]["image"]).reshape(28, 28)
    assert image.max() > 0.9 and (image > 0.5).sum() > 40


def test_no_tensors_leak(page, live_server, digits):
    x, _ = digits
    open_upload(page, live_server)
    upload(page, "a.png", di.encode(di.dark_on_light(x[0])))  # also loads the encoder
    n = page.evaluate("tf.memory().numTensors")
    for i in range(3):
        upload(page, f"{i}.png", di.encode(di.photo(x[i])))
    upload(page, "blank.png", di.encode(di.blank()))
    assert page.evaluate("tf.memory().numTensors") == n


def test_plain_autoencoder_shows_only_the_code(page, three_models_server, tiny_ae_run, digits):
    open_upload(page, three_models_server)
    page.evaluate("() => window.vaeDemo.state.requestModel('tiny-ae')")
    assert page.evaluate("window.vaeDemo.state.model.entry.kind") == "ae"
    upload(page, "d.png", di.encode(di.dark_on_light(digits[0][9])))
    got = last(page)
    assert got["model"] == "tiny-ae"
    assert got["sigma"] is None and got["recon"] is None and len(got["mu"]) == 2
    encoder, _ = keras_parts(tiny_ae_run)  # a plain autoencoder's encoder gives the code z itself
    z = encoder.predict(np.asarray(got["image"], np.float32).reshape(1, 28, 28, 1), verbose=0)[0]
    assert np.abs(np.asarray(got["mu"]) - z).max() <= TOL
    assert not page.locator("#upload-recon-figure").is_visible()
    assert page.locator("#upload-input").is_visible()
    assert "σ" not in page.locator("#upload-code").inner_text()
    assert page.locator("#upload-code tr").count() == 1 + 2
    assert "plain autoencoder" in page.locator("#upload-reading").inner_text()
    assert page.evaluate("window.vaeDemo.state.posterior.sigma") is None
    assert page.evaluate("Array.from(window.vaeDemo.state.z)") == pytest.approx(got["mu"], abs=1e-6)


def test_a_model_with_more_dimensions_is_offered_and_loaded(page, three_models_server, tiny_wide_run, digits):
    open_upload(page, three_models_server)
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "tiny"
    upload(page, "d.png", di.encode(di.dark_on_light(digits[0][5])))
    note = page.locator("#upload-suggest")
    assert note.is_visible() and "2 numbers" in note.inner_text() and "16 numbers" in note.inner_text()
    before = outcome_count(page)
    page.get_by_role("button", name="Use “Wide test VAE”").click()
    # The 16-D model is downloaded and becomes the page's model; the same digit is analysed again with it.
    wait_outcome(page, before)
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "tiny-16d"
    assert page.locator("#model-picker").input_value() == "tiny-16d"
    got = last(page)
    assert got["model"] == "tiny-16d" and got["source"] == "upload" and len(got["mu"]) == 16
    check_against_keras(page, keras_parts(tiny_wide_run), np.asarray(got["image"]), tol_input=0)
    assert page.locator("#upload-code tr").count() == 1 + 16
    assert page.evaluate("window.vaeDemo.state.z.length") == 16
    assert not note.is_visible()  # nothing bigger to offer now (the plain autoencoder never is)

"""MNIST-style preprocessing of people's digit pictures: train/preprocess.py on its own, and the page's
static/js/upload/preprocess.js (with image-file.js reading the files) against it on the same PNG files,
decoded by Chromium and by Pillow.

Tolerance for JS vs Python: max |Δ| ≤ 0.02 per pixel on the 28×28 result (both run the same float64
arithmetic, so in practice they agree exactly; 0.02 leaves room for a threshold flipping on a rounding
difference). For MNIST-likeness: mean |Δ| against the original 28×28 MNIST digit."""

import base64

import numpy as np
import pytest
from PIL import Image

from tests import digit_images as di
from tests.conftest import open_page
from train import preprocess as P

PARITY_TOL = 0.02


def mnist_error(out, ref):
    """Mean |Δ| against the MNIST original, allowing a one-pixel shift (MNIST's own centring of
    individual digits varies by about that much: it centred before its final resampling)."""
    return min(np.abs(np.roll(out, (dy, dx), (0, 1)) - ref).mean() for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def test_mnist_digits_come_back_as_they_were(digits):
    x, _ = digits
    for d in x:
        out = P.preprocess_image(d)
        assert out.shape == (28, 28) and out.dtype == np.float32
        assert 0 <= out.min() and out.max() <= 1
        assert mnist_error(out, d / 255) < 0.035


@pytest.mark.parametrize("kind", ["dark_on_light", "photo", "transparent_strokes"])
def test_pictures_of_digits_become_mnist_like(digits, tmp_path, kind):
    x, _ = digits
    errors = []
    for i, d in enumerate(x):
        path = tmp_path / f"{i}.png"
        getattr(di, kind)(d).save(path)
        out = P.preprocess_image(str(path))
        errors.append(mnist_error(out, d / 255))
        # the digit sits where MNIST puts it: 20 px box, centre of mass near (14, 14)
        ys, xs = np.nonzero(out > 0.05)
        assert max(ys.max() - ys.min(), xs.max() - xs.min()) + 1 <= 21
        cy = (out.sum(1) * np.arange(28)).sum() / out.sum()
        cx = (out.sum(0) * np.arange(28)).sum() / out.sum()
        assert abs(cy - 14) <= 1 and abs(cx - 14) <= 1
    assert np.mean(errors) < 0.06, errors


def test_specks_and_shading_are_ignored(digits):
    d = digits[0][3]
    clean = P.preprocess_image(np.asarray(di.dark_on_light(d)))
    noisy = np.asarray(di.dark_on_light(d), np.float64)
    yy, xx = np.mgrid[0:500, 0:500]
    noisy = noisy * (1 - 0.4 * xx / 500)  # a shadow across the sheet
    for y, x in [(10, 10), (480, 30), (20, 470), (470, 470), (250, 480)]:
        noisy[y : y + 3, x : x + 3] = 0  # dust specks far from the digit
    out = P.preprocess_image(noisy / 255)
    assert mnist_error(out, clean) < 0.05  # the same digit, up to a pixel of cropping (5% of scale)
    assert out[:3].max() == 0 and out[-3:].max() == 0  # no specks pulled in at the edges


def test_a_small_digit_in_a_big_photo_is_found(digits):
    x, _ = digits
    for i in (0, 1, 8):  # 70 px tall in an 800×600 photo: 0.5% of the pixels are ink
        out = P.preprocess_image(np.asarray(di.photo(x[i], box=70, at=(500, 400), seed=i)))
        assert mnist_error(out, x[i] / 255) < 0.06


def test_blank_and_bad_inputs_are_refused(tmp_path):
    for image in (di.blank(), di.blank(shade=False)):
        with pytest.raises(P.PreprocessError, match="no ink"):
            P.preprocess_image(np.asarray(image))
    (tmp_path / "e.png").write_bytes(b"")
    (tmp_path / "t.txt").write_text("not an image")
    (tmp_path / "d.svg").write_bytes(di.SVG)
    for name, match in [("e.png", "empty"), ("t.txt", "not a readable image"), ("d.svg", "SVG")]:
        with pytest.raises(P.PreprocessError, match=match):
            P.preprocess_image(str(tmp_path / name))


def test_area_resize_keeps_the_mean_and_is_exact_on_blocks():
    rng = np.random.default_rng(0)
    a = rng.random((37, 91))
    small = P.area_resize(a, 13, 20)
    assert small.mean() == pytest.approx(a.mean(), abs=1e-12)
    blocks = rng.random((4, 6))
    big = np.kron(blocks, np.ones((5, 5)))
    assert np.allclose(P.area_resize(big, 4, 6), blocks)


def test_cli_writes_the_28x28_png(digits, tmp_path, capsys):
    src = tmp_path / "in.png"
    di.dark_on_light(digits[0][7]).save(src)
    out = tmp_path / "out.png"
    assert P.main([str(src), "--out", str(out)]) == 0
    assert Image.open(out).size == (28, 28)
    assert len(capsys.readouterr().out.splitlines()) == 28
    (tmp_path / "blank.png").write_bytes(di.encode(di.blank()))
    assert P.main([str(tmp_path / "blank.png")]) == 1


# ---------------------------------------------------------------------------------------------------
# The page's JavaScript against the Python, in Chromium

JS_PREPROCESS = """async ([b64]) => {
    await (await import('/static/js/core/i18n.js')).useLanguage('en');  // the refusals' sentences
    const files = await import('/static/js/upload/image-file.js');
    const pixels = await import('/static/js/upload/preprocess.js');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    try {
        const { type } = files.checkImageBytes(bytes);
        const { data, width, height } = await files.decodeImageBytes(bytes, type);
        return { out: Array.from(pixels.preprocessRGBA(data, width, height)) };
    } catch (e) {
        return { error: e.message, kind: e.constructor.name };
    }
}"""


def js_preprocess(page, data):
    return page.evaluate(JS_PREPROCESS, [base64.b64encode(data).decode("ascii")])


def parity_files(x):
    odd = Image.fromarray(255 - x[4], "L").resize((37, 91), Image.BILINEAR)  # odd, tall, tiny
    yield "mnist", di.encode(di.as_mnist(x[0]))
    yield "dark_on_light_500", di.encode(di.dark_on_light(x[1]))
    yield "photo_800x600", di.encode(di.photo(x[2]))
    yield "transparent", di.encode(di.transparent_strokes(x[3]))
    yield "odd_37x91", di.encode(odd)
    yield "rgb_dark_on_light", di.encode(di.dark_on_light(x[5], size=700, box=400, at=(250, 10)).convert("RGB"))
    yield "photo_2000", di.encode(di.photo(x[6], width=2000, height=1200, box=700, at=(1200, 300)))
    for i in range(7, 10):
        yield f"photo_{i}", di.encode(di.photo(x[i], seed=i))


@pytest.fixture
def static_page(page, empty_server):
    """The app's page without models (it says so), for importing its modules: they read the page's
    <body data-asset-urls> (the language catalogs)."""
    page.allowed_errors = ["404"]  # the browser logs the missing manifest's 404 itself
    open_page(page, empty_server, ready=False)
    return page


def test_javascript_and_python_agree_on_png_files(static_page, digits, tmp_path):
    x, _ = digits
    worst = {}
    for name, data in parity_files(x):
        path = tmp_path / f"{name}.png"
        path.write_bytes(data)
        expected = P.preprocess_image(str(path))
        got = js_preprocess(static_page, data)
        assert "out" in got, (name, got)
        diff = np.abs(np.asarray(got["out"], np.float32).reshape(28, 28) - expected).max()
        worst[name] = float(diff)
    assert max(worst.values()) <= PARITY_TOL, worst


def test_javascript_refuses_what_python_refuses(static_page):
    got = js_preprocess(static_page, di.encode(di.blank()))
    assert got["kind"] == "PreprocessError" and "blank" in got["error"]
    got = js_preprocess(static_page, di.SVG)
    assert "SVG" in got["error"]


JS_STEPS = """async ([b64, height, width]) => {
    // Float64 arrays travel as base64 of their little-endian bytes: a JSON list of millions of numbers
    // takes Playwright a minute to carry.
    const p = await import('/static/js/upload/preprocess.js');
    const unpack = (text) => new Float64Array(Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer);
    const pack = (values) => {
        const bytes = new Uint8Array(Float64Array.from(values).buffer);
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
    };
    const { g, h, w } = p.toWorkSize(unpack(b64), height, width);
    const { v, peak } = p.inkRelativeToPaper(g, h, w);
    const t = p.inkThreshold(v, peak);
    const components = p.inkComponents(v, t, h, w);
    const kept = components.labels.reduce((n, label) => n + components.keep[label], 0);
    const { crop, ch, cw } = p.cropInk(v, t, components, h, w);
    const out = p.centreByMass(crop, ch, cw);
    return { g: pack(g), shape: [h, w], v: pack(v), peak, t,
             mask: components.mask.reduce((n, m) => n + m, 0), kept, crop: pack(crop), cropShape: [ch, cw],
             out: pack(out) };
}"""


def float64s(text, shape):
    """A JS_STEPS array back from base64 of its little-endian float64 bytes."""
    return np.frombuffer(base64.b64decode(text), "<f8").reshape(shape)


def test_the_twins_agree_step_by_step(static_page, digits, tmp_path):
    """The same gray picture through each named step of train/preprocess.py and of
    static/js/upload/preprocess.js: the same numbers at every step, not only at the end."""
    x, _ = digits
    for name, data in parity_files(x):
        path = tmp_path / f"{name}.png"
        path.write_bytes(data)
        gray = P.rgba_to_gray(P.decode_rgba(str(path)))
        packed = base64.b64encode(np.ascontiguousarray(gray, "<f8").tobytes()).decode("ascii")
        js = static_page.evaluate(JS_STEPS, [packed, *gray.shape])
        g = P.to_work_size(np.asarray(gray, np.float64))
        assert list(g.shape) == js["shape"], name
        np.testing.assert_allclose(float64s(js["g"], g.shape), g, atol=1e-12, err_msg=name)
        v, peak = P.ink_relative_to_paper(g)
        np.testing.assert_allclose(float64s(js["v"], v.shape), v, atol=1e-9, err_msg=name)
        assert js["peak"] == pytest.approx(peak, abs=1e-9), name
        t = P.ink_threshold(v, peak)
        assert js["t"] == pytest.approx(t, abs=1e-9), name
        mask, labels, keep = P.ink_components(v, t)
        assert (js["mask"], js["kept"]) == (int(mask.sum()), int(keep[labels].sum())), name
        crop = P.crop_ink(v, t, (mask, labels, keep))
        assert js["cropShape"] == list(crop.shape), name
        np.testing.assert_allclose(float64s(js["crop"], crop.shape), crop, atol=1e-9, err_msg=name)
        np.testing.assert_allclose(float64s(js["out"], (28, 28)), P.centre_by_mass(crop), atol=1e-6, err_msg=name)

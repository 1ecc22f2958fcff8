"""Shared fixtures: small synthetic MNIST-layout data, a tiny trained and exported model, the real
app under waitress in a thread and Debian's Chromium driven by Playwright (both from tests/harness.py).
What is trained is trained once per run, however many pytest-xdist processes share it (built_once)."""

import base64
import fcntl
import os
import shutil

import numpy as np
import pytest

import train  # noqa: F401  (quiets TensorFlow's start-up logs before anything imports it)
from tests.harness import (  # noqa: F401  (fixtures' users)
    CHROMIUM,
    CHROMIUM_ARGS,
    PROBES_ON,
    ROOT,
    LiveServer,
    launch_chromium,
    open_page,
)


def make_digits(n, seed=0):
    """n MNIST-like 28×28 uint8 images: bright strokes (lines and rings) on black, with labels."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:28, 0:28]
    x = np.zeros((n, 28, 28), np.float32)
    y = rng.integers(0, 10, n).astype(np.uint8)
    for i in range(n):
        cy, cx = rng.uniform(10, 18, 2)
        if y[i] % 2:  # a slanted bar
            angle = rng.uniform(-0.6, 0.6)
            d = np.abs((xx - cx) * np.cos(angle) - (yy - cy) * np.sin(angle))
            x[i] = np.clip(2.0 - d, 0, 1) * (np.abs(yy - cy) < 9)
        else:  # a ring
            r = np.hypot(yy - cy, xx - cx)
            x[i] = np.clip(1.8 - np.abs(r - rng.uniform(4, 7)), 0, 1)
    return (x * 255).astype(np.uint8), y


def built_once(tmp_path_factory, name, build):
    """The folder NAME that build(folder) fills, built once per test run and read by every test after: by
    this process, or, where pytest-xdist runs several, by the first that asks (under a lock on the run's
    shared temporary folder) while the others wait for it. Tests copy such a folder before changing it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each process's own
    folder = base / f"once-{name}"
    with open(base / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (base / f"once-{name}.built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (base / f"once-{name}.built").touch()
    return folder


@pytest.fixture(scope="session")
def mnist_like_npz(tmp_path_factory):
    def build(folder):
        x_train, y_train = make_digits(512, seed=1)
        x_test, y_test = make_digits(128, seed=2)
        np.savez(folder / "mini_mnist.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)

    return str(built_once(tmp_path_factory, "data", build) / "mini_mnist.npz")


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory, mnist_like_npz):
    """A 2-D conv VAE trained 2 epochs on the synthetic data by the real CLI code."""
    from train.__main__ import parse_args
    from train.__main__ import train as run_training

    def build(folder):
        out = str(folder / "tiny")
        run_training(parse_args(["--data", mnist_like_npz, "--epochs", "2", "--batch-size", "64", "--out", out]))

    return str(built_once(tmp_path_factory, "tiny-run", build) / "tiny")


@pytest.fixture(scope="session")
def tiny_classifier(tmp_path_factory, mnist_like_npz):
    """A digit classifier trained one epoch on the synthetic data (exercises the code path only)."""
    from train.classifier import main

    def build(folder):
        main(["--data", mnist_like_npz, "--epochs", "1", "--out", str(folder)])

    return str(built_once(tmp_path_factory, "classifier", build) / "classifier.keras")


@pytest.fixture(scope="session")
def exported(tmp_path_factory, tiny_run, tiny_classifier):
    """exported_model-like folder holding the tiny run as model "tiny"."""
    from train.export import export_run

    def build(folder):
        export_run(tiny_run, str(folder), name="tiny", title="Tiny test VAE", classifier=tiny_classifier)

    return str(built_once(tmp_path_factory, "exported_model", build))


def keras_parts(run_dir):
    """A run's Keras encoder (None for a GAN) and (sigmoid) decoder, as the export saw them."""
    import keras

    from train.export import networks
    from train.models import decoder_from

    encoder, decoder_logits = networks(keras.saving.load_model(os.path.join(run_dir, "checkpoint.keras")))
    return encoder, decoder_from(decoder_logits)


@pytest.fixture(scope="session")
def keras_tiny(tiny_run):
    """The tiny run's Keras encoder and (sigmoid) decoder."""
    return keras_parts(tiny_run)


@pytest.fixture(scope="session")
def live_server(exported):
    server = LiveServer(exported)
    yield server
    server.close()


@pytest.fixture(scope="session")
def empty_server(tmp_path_factory):
    """The app serving a models folder with no manifest: the page must say so."""
    server = LiveServer(str(tmp_path_factory.mktemp("no_models")))
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        try:
            b = launch_chromium(p)
        except RuntimeError as e:
            pytest.fail(str(e))
        yield b
        b.close()


def record_errors(pg):
    """Record a page's uncaught exceptions and console errors in pg.errors; pg.allowed_errors lists
    substrings a test expects (e.g. the browser's own log line for a 404)."""
    pg.errors = []
    pg.allowed_errors = []
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    pg.on("console", lambda m: pg.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    return pg


@pytest.fixture
def make_page(browser):
    """make_page(probes=True, **context options) → a fresh page in its own context that records errors;
    the test fails at teardown on any it did not allow. The default viewport is 1280×900. probes=False
    opens the page as a visitor would, without the test/benchmark measurements. Service workers are
    blocked unless a test allows them (service_workers="allow": tests/page/test_offline.py), so that what a
    test routes, counts or serves afresh reaches the network as it asks."""
    made = []

    def make(probes=True, **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("service_workers", "block")
        options.setdefault("locale", "en-US")  # the page follows the browser's language: English unless a test asks
        context = browser.new_context(**options)
        if probes:
            context.add_init_script(PROBES_ON)
        pg = record_errors(context.new_page())
        made.append((context, pg))
        return pg

    yield make
    unexpected = []
    for context, pg in made:
        unexpected += [e for e in pg.errors if not any(a in e for a in pg.allowed_errors)]
        context.close()
    assert not unexpected, unexpected


@pytest.fixture
def page(make_page):
    """A fresh 1280×900 page that records console errors and uncaught exceptions; the test fails on any."""
    return make_page()


@pytest.fixture(scope="session")
def digits():
    """The ten MNIST test digits of tests/fixtures/mnist10.npz: (uint8 images (10, 28, 28), labels)."""
    from tests import digit_images

    return digit_images.mnist10()


CANVAS_BYTES = """([sel, red]) => {
    const c = document.querySelector(sel);
    const rgba = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const bytes = red ? rgba.filter((_, i) => i % 4 === 0) : rgba;
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 8192) chunks.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
    return [c.width, c.height, btoa(chunks.join(''))];
}"""


def canvas_rgba(page, selector):
    """A canvas's pixels as uint8, (height, width, 4). They travel as base64: a JSON list of a large
    canvas's numbers takes Playwright seconds."""
    width, height, data = page.evaluate(CANVAS_BYTES, [selector, False])
    return np.frombuffer(base64.b64decode(data), np.uint8).reshape(height, width, 4)


def canvas_gray(page, selector="#digit"):
    """A canvas's pixels as floats in [0, 1], row-major (the red channel: the digits are grayscale)."""
    _, _, data = page.evaluate(CANVAS_BYTES, [selector, True])
    return np.frombuffer(base64.b64decode(data), np.uint8).astype(np.float64) / 255.0


def keras_decode(decoder, zs):
    """A Keras decoder's output for codes zs, as (N, 784) floats."""
    return np.asarray(decoder.predict(np.asarray(zs, np.float32), verbose=0)).reshape(len(zs), 784)


def tensors_added(page, use):
    """Run `use`, the body of an async JavaScript function with `d` = window.vaeDemo; returns {"added":
    TF.js tensors left behind, "result": what `use` returned}. Before and after `use` the page is settled:
    the current model's encoder is loaded here (the page fetches it only when a panel first needs it, so
    its weights are in place before the first count instead of counted as left behind) and no decode is
    pending."""
    return page.evaluate(f"""async () => {{
        const d = window.vaeDemo;
        const settle = async () => {{
            await d.state.model.encoder();  // loaded on first need: load it now, outside the count
            await Promise.all([d.explore.view.idle(), d.latent.map.idle(), d.latent.interpolation.idle()]);
        }};
        await settle();
        const before = tf.memory().numTensors;
        const result = await (async () => {{ {use} }})();
        await settle();
        return {{ added: tf.memory().numTensors - before, result }};
    }}""")


def js_fixed(value, digits):
    """JavaScript's value.toFixed(digits): the exact binary value rounded, ties away from zero."""
    import decimal

    if value == 0:
        value = 0.0  # (-0).toFixed() has no sign
    q = decimal.Decimal(1).scaleb(-digits)
    return str(decimal.Decimal(value).quantize(q, rounding=decimal.ROUND_HALF_UP))

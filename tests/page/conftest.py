"""Fixtures for the page's feature tests beyond tests/conftest.py's tiny 2-D VAE: a tiny plain
autoencoder and a tiny 16-D VAE, trained on the synthetic data by the real training code and exported
beside "tiny" into one models folder served by the real app, and the story's tiny steps trained beside
them; the in-page trainer's digits beside the tiny models; fill_every_panel puts every panel of an open page
in a state that shows its computed words."""

import json
import os
import shutil

import pytest

from tests.conftest import built_once
from tests.harness import EXPORTED, LiveServer


def train_run(tmp_path_factory, name, data, *options):
    """A run named `name` trained once with the real CLI code (tiny: a few batches of synthetic digits);
    returns its folder."""
    from train.__main__ import parse_args, train

    def build(folder):
        train(parse_args(["--data", data, "--batch-size", "64", "--out", str(folder / name), *options]))

    return str(built_once(tmp_path_factory, f"run-{name}", build) / name)


@pytest.fixture(scope="session")
def tiny_ae_run(tmp_path_factory, mnist_like_npz):
    """A 2-D conv plain autoencoder (no KL, encoder gives z), one epoch."""
    return train_run(tmp_path_factory, "tiny-ae", mnist_like_npz, "--kind", "ae", "--epochs", "1")


@pytest.fixture(scope="session")
def tiny_wide_run(tmp_path_factory, mnist_like_npz):
    """A 16-D conv VAE, one epoch."""
    return train_run(tmp_path_factory, "tiny-16d", mnist_like_npz, "--latent-dim", "16", "--epochs", "1")


@pytest.fixture(scope="session")
def three_models(tmp_path_factory, exported, tiny_ae_run, tiny_wide_run, tiny_classifier):
    """A models folder with "tiny" (2-D VAE, the default), "tiny-ae" (2-D AE) and "tiny-16d" (16-D VAE)."""
    from train.export import export_run

    def build(folder):
        root = str(folder / "exported_model")
        shutil.copytree(exported, root)
        export_run(tiny_ae_run, root, name="tiny-ae", title="Tiny test AE", classifier=tiny_classifier)
        export_run(tiny_wide_run, root, name="tiny-16d", title="Wide test VAE", classifier=tiny_classifier)

    return str(built_once(tmp_path_factory, "three", build) / "exported_model")


@pytest.fixture(scope="session")
def three_models_server(three_models):
    server = LiveServer(three_models)
    yield server
    server.close()


QUICK = [
    "step1.epochs=20",
    "step2.epochs=20",
    "step3.pictures=32",
    "step3.epochs=5",
    "step3.pairs=16",
    "step3.batch_size=16",
    "step3.hidden=64",
    "step4.model=tiny-ae",
    "step5.model=tiny",
]


@pytest.fixture(scope="session")
def story_setup(tmp_path_factory, three_models, tiny_ae_run, mnist_like_npz, tiny_classifier):
    """(exported root, runs folder, config): the tiny VAE "tiny", the tiny AE "tiny-ae" (and the 16-D
    "tiny-16d"), and the story trained beside them."""
    from train import story

    config = story.merge_config(QUICK)

    def build(folder):
        root = str(folder / "exported_model")
        shutil.copytree(three_models, root)
        story.train_story(
            mnist_like_npz, root, str(folder / "runs"), config, classifier=tiny_classifier, log=lambda *a: None
        )

    base = built_once(tmp_path_factory, "story", build)
    with open(os.path.join(three_models, "manifest.json")) as f:
        before = json.load(f)  # the manifest the story was trained beside
    return {
        "root": str(base / "exported_model"),
        "runs": str(base / "runs"),
        "config": config,
        "ae_run": tiny_ae_run,
        "before": before,
    }


@pytest.fixture(scope="session")
def story_manifest(story_setup):
    with open(os.path.join(story_setup["root"], "manifest.json")) as f:
        return json.load(f)


@pytest.fixture(scope="session")
def story_server(story_setup):
    server = LiveServer(story_setup["root"])
    yield server
    server.close()


FILL_EVERY_PANEL = """async () => {
    const d = window.vaeDemo;
    await d.noise.send({ animated: false });
    const u = d.upload;
    if (u.wake) u.wake();
    await u.samplesLoaded;
    document.querySelector('#upload-samples button').click();
    await new Promise((r) => setTimeout(r, 50));
    await u.idle();
    const dim = d.state.model.latentDim;
    await d.latent.interpolation.setEnds(new Array(dim).fill(0), new Array(dim).fill(1));
    await d.story.ready;
    await Promise.all([d.latent.map.idle(), d.noise.samples.idle(), d.explore.view.idle()]);
}"""


def fill_every_panel(page):
    """Give every panel of an open page what it shows once used: one send of the noise lesson, an MNIST
    sample uploaded (its reconstruction and code table), an interpolation between z = 0 and z = 1, the
    story built; returns when the latent map, the noise samples and the digit are drawn."""
    page.evaluate(FILL_EVERY_PANEL)


@pytest.fixture(scope="session")
def training_models(tmp_path_factory, exported, mnist_like_npz):
    """The tiny models folder plus the trainer's digits (512 + 128 synthetic ones, 20 to a row: the
    sizes tests/page/trainer_page.py names) and its manifest."""
    from train.page_data import write_page_data

    def build(folder):
        root = str(folder / "exported_model")
        shutil.copytree(exported, root)
        write_page_data(mnist_like_npz, os.path.join(root, "training"), 512, 128, columns=20)
        with open(os.path.join(root, "manifest.json")) as f:
            manifest = json.load(f)
        with open(os.path.join(root, "manifest.json"), "w") as f:
            json.dump({**manifest, "training_manifest": "training/manifest.json"}, f)

    return str(built_once(tmp_path_factory, "training", build) / "exported_model")


@pytest.fixture(scope="session")
def training_server(training_models):
    server = LiveServer(training_models)
    yield server
    server.close()


@pytest.fixture(scope="module")
def shipped_server():
    """The app serving the committed models."""
    server = LiveServer(EXPORTED)
    yield server
    server.close()


def python_graph(entry, part):
    """A committed model's part ("decoder" / "encoder") run in Python from its files (folder: the manifest's)."""
    from train.artifacts import load_graph_model

    run, _ = load_graph_model(os.path.join(EXPORTED, entry.get("folder", ""), entry[part]))
    return run


def draw_seven(page):
    """Draw a 7 on the upload panel's pad with the mouse, as a person would (tests/digit_images.py's
    strokes); returns once the page analysed it."""
    from tests.digit_images import SEVEN_STROKES

    page.locator("#upload-pad").scroll_into_view_if_needed()
    box = page.locator("#upload-pad").bounding_box()
    for stroke in SEVEN_STROKES:
        pts = [(box["x"] + box["width"] * u, box["y"] + box["height"] * v) for u, v in stroke]
        page.mouse.move(*pts[0])
        page.mouse.down()
        for b in pts[1:]:
            page.mouse.move(*b, steps=6)
        page.mouse.up()
    page.evaluate("() => window.vaeDemo.upload.idle()")


def visit_every_section(page):
    """Scroll to each section of an open page and use what it loads, as a visitor would: the latent map
    (its codes), the noise lesson, training (the worker, its digits and TensorFlow.js, a second of
    steps; the five β models), the story (its models, step 1 drawn), Why blurry? (the trio, the CPPN)."""
    page.locator("#latent-canvas").scroll_into_view_if_needed()
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    page.evaluate("() => window.vaeDemo.latent.map.idle()")
    assert page.evaluate("window.vaeDemo.latent.map.codes.count") > 0

    page.locator("#noise").scroll_into_view_if_needed()
    page.wait_for_function("() => window.vaeDemo.noise")
    page.evaluate("window.vaeDemo.noise.send({ animated: false })")

    page.locator("#train").scroll_into_view_if_needed()  # the worker starts and fetches the digits
    page.wait_for_function("() => window.vaeDemo.training.trainer?.info", timeout=60000)
    assert page.evaluate("window.vaeDemo.training.trainer.info.train") > 0
    before = page.evaluate("window.vaeDemo.training.status().steps")
    page.evaluate("window.vaeDemo.training.start({beta: 1, seconds: 1})")
    page.wait_for_function("() => !window.vaeDemo.training.status().running", timeout=60000)
    assert page.evaluate("window.vaeDemo.training.status().steps") > before  # TensorFlow.js ran in the worker
    page.locator("#train-compare-load").click()  # the β models
    assert len(page.evaluate("window.vaeDemo.training.compare()")["models"]) == 5

    page.locator("#story").scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('#story .story-loading').hidden", timeout=60000)
    page.evaluate("window.vaeDemo.story.ready")
    assert page.evaluate("window.vaeDemo.story.error") is None
    assert page.locator("#story-canvas-1").get_attribute("data-drawn") == "1"

    page.locator("#blur").scroll_into_view_if_needed()
    roles = page.evaluate("window.vaeDemo.blur.loaded.then((trio) => trio && trio.map((t) => t.role))")
    assert sorted(roles or []) == ["gan", "vae", "vaegan"]
    page.evaluate("window.vaeDemo.blur.idle()")
    assert page.locator("#blur-large").is_visible()

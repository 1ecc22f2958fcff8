"""What the page downloads, and when, in real Chromium through the real app: before any scrolling only
the page itself, the manifest and the default model's decoder; the encoder when the upload panel comes
near (or on first use), the latent map's codes when the map does, the story's files when the story
does; each model download with its progress bar; and everything still works afterwards. Plus the
model the upload panel offers, read from the manifest's "upload_default"."""

import json
import os
import re
from urllib.parse import urlsplit

import pytest

from tests import digit_images as di
from tests.conftest import open_page
from tests.harness import observers_settled


def model_files(root, path):
    """A graph model's files as the page asks for them: model.json and its weight shards."""
    folder = os.path.dirname(path)
    with open(os.path.join(root, path)) as f:
        shards = [p for group in json.load(f)["weightsManifest"] for p in group["paths"]]
    return {path} | {f"{folder}/{shard}" for shard in shards}


def record(page):
    """Every request the page makes, as paths without the query, in a list that keeps growing."""
    seen = []
    page.on("request", lambda r: seen.append(urlsplit(r.url).path))
    return seen


def models_fetched(seen):
    """Paths in the models folder the page asked for (without the /models/<version>/ of model files)."""
    return {re.sub(r"^[0-9a-f]{12}/", "", p[len("/models/") :]) for p in seen if p.startswith("/models/")}


def settle(page):
    """The panels whose files the page has started to fetch (core/near.js's targets, in order), once
    its observers have seen the page as it is now: any other panel's files are not asked for."""
    observers_settled(page)
    return page.evaluate("window.vaeDemo.probes.near.woken")


def scroll_to(page, panel):
    page.evaluate("(id) => document.getElementById(id).scrollIntoView()", panel)
    return settle(page)


def test_each_feature_fetches_its_files_when_it_comes_near(make_page, story_server, story_setup, story_manifest):
    root = story_setup["root"]
    entries = {m["name"]: m for m in story_manifest["models"]}
    default = entries[story_manifest["default"]]
    page = make_page()
    seen = record(page)
    open_page(page, story_server)
    assert settle(page) == []  # no panel near yet
    # Before any scrolling: the page (its HTML and static assets), the manifest and the default decoder.
    assert models_fetched(seen) == {"manifest.json"} | model_files(root, default["decoder"])
    assert all(p == "/" or p.startswith("/static/") or p.startswith("/models/") for p in seen), seen
    assert page.locator("#upload-samples .upload-sample").count() == 0

    story_files = {story_manifest["story"][2]["codes"]["file"]}
    for step in story_manifest["story"][:3]:
        story_files |= model_files(root, step["model"])
    encoder, latent_map = model_files(root, default["encoder"]), {default["map"]["file"]}

    # the latent map is one scroll below: both wake in the same rendering update, in either order
    assert sorted(scroll_to(page, "upload")) == ["latent", "upload"]
    page.wait_for_function("() => document.getElementById('upload-loading').hidden")
    assert encoder <= models_fetched(seen) and not story_files & models_fetched(seen)
    assert page.evaluate("document.getElementById('upload-progress').value") == 1  # the bar ran to the end
    page.get_by_role("button", name="MNIST test digit 7").first.click()
    page.evaluate("() => window.vaeDemo.upload.idle()")
    assert page.evaluate("window.vaeDemo.upload.stats.last.model") == default["name"]

    assert sorted(scroll_to(page, "latent")) == ["latent", "upload"]
    page.evaluate("() => window.vaeDemo.latent.map.idle()")
    assert latent_map <= models_fetched(seen) and not story_files & models_fetched(seen)
    assert page.evaluate("window.vaeDemo.latent.map.tile(0, 0)") is not None  # the manifold is drawn

    assert scroll_to(page, "story")[2:] == ["story"]
    page.wait_for_function("() => document.querySelector('#story .story-loading').hidden")
    page.evaluate("() => window.vaeDemo.story.opening.then(() => window.vaeDemo.story.idle())")
    assert page.locator("#story-canvas-1").get_attribute("data-drawn") == "1"
    assert page.evaluate("document.querySelector('#story .story-loading progress').value") == 1
    # All in all: nothing fetched that the panels on the way did not need (steps 4 and 5 not shown yet).
    first = {"manifest.json"} | model_files(root, default["decoder"])
    assert models_fetched(seen) == first | encoder | latent_map | story_files
    page.locator("#story .story-next").click()
    page.evaluate("() => window.vaeDemo.story.idle()")
    assert page.evaluate("window.vaeDemo.story.stats.inputs[2]") == [1, 0, 0, 0]


FETCHES_BY_START = (
    """() => performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime])"""
)


def test_the_first_digit_takes_nine_requests_and_the_panels_come_built(page, live_server):
    """Before the first digit: the page, its stylesheet, TensorFlow.js, the page's bundle, the catalog,
    the manifest, the WASM binary, the decoder's model.json and its weights; nothing else. The panels
    below the first screen (upload, noise lesson, story, Why blurry?, projector) are built after it."""
    page.goto(live_server.url)
    page.wait_for_function("() => window.vaeDemo && window.vaeDemo.ready", timeout=60000)
    first = page.evaluate("window.vaeDemo.probes.boot.firstDigitMs")
    before = sorted(path for path, start in page.evaluate(FETCHES_BY_START) if start <= first)
    patterns = [
        r"/models/[0-9a-f]{12}/tiny/decoder/group1-shard1of1\.bin",
        r"/models/[0-9a-f]{12}/tiny/decoder/model\.json",
        r"/models/manifest\.json",
        r"/static/dist/i18n/en\.[0-9a-f]{10}\.json",
        r"/static/dist/main\.\w{8}\.js",
        r"/static/dist/page\.\w{8}\.css",
        r"/static/dist/vendor/tfjs\.[0-9a-f]{10}\.js",
        r"/static/dist/vendor/tfjs/tfjs-backend-wasm-simd\.[0-9a-f]{10}\.wasm",
    ]  # sorted, and "/" before them
    assert len(before) == len(patterns) and all(re.fullmatch(p, u) for p, u in zip(patterns, before)), before
    built = page.evaluate("['noise', 'projector', 'story', 'upload', 'blur'].filter((k) => !window.vaeDemo[k])")
    assert built == []  # and every one of them is built by the time the page says it is ready


def test_first_use_fetches_the_encoder_without_scrolling(page, live_server, exported, digits):
    with open(os.path.join(exported, "manifest.json")) as f:
        entry = json.load(f)["models"][0]
    seen = record(page)
    open_page(page, live_server)
    assert "upload" not in settle(page)
    assert not any("/encoder/" in p for p in seen)
    page.set_input_files(
        "#upload-file",
        files=[{"name": "d.png", "mimeType": "image/png", "buffer": di.encode(di.dark_on_light(digits[0][3]))}],
    )
    page.wait_for_function("() => window.vaeDemo.upload.stats.runs === 1", timeout=30000)
    assert model_files(exported, entry["encoder"]) <= models_fetched(seen)


def test_a_story_link_opens_the_story_at_once(page, story_server, story_manifest):
    seen = record(page)
    open_page(page, story_server, "#story-3")
    page.wait_for_function("() => window.vaeDemo.story && window.vaeDemo.story.settled")
    page.evaluate("() => window.vaeDemo.story.idle()")
    assert story_manifest["story"][2]["codes"]["file"] in models_fetched(seen)
    assert page.locator("#story-canvas-3").get_attribute("data-drawn") == "3"


@pytest.mark.parametrize(
    "upload_default, current, offered",
    [
        ("tiny", "tiny-16d", "tiny"),  # the manifest's choice, though it has fewer numbers
        (None, "tiny", "tiny-16d"),  # without one: the VAE with the most numbers
        ("tiny-16d", "tiny-16d", None),  # nothing while the choice is current
    ],
)
def test_the_upload_model_comes_from_the_manifest(page, three_models_server, digits, upload_default, current, offered):
    def edit(route):
        response = route.fetch()
        manifest = response.json()
        manifest.pop("upload_default", None)
        if upload_default:
            manifest["upload_default"] = upload_default
        route.fulfill(response=response, json=manifest)

    page.route("**/models/manifest.json", edit)
    open_page(page, three_models_server, f"?model={current}")
    page.evaluate("() => document.getElementById('upload').scrollIntoView()")
    page.set_input_files(
        "#upload-file",
        files=[{"name": "d.png", "mimeType": "image/png", "buffer": di.encode(di.dark_on_light(digits[0][2]))}],
    )
    page.wait_for_function("() => window.vaeDemo.upload.stats.runs === 1", timeout=30000)
    button = page.locator("#upload-suggest-button")
    if offered is None:
        assert page.locator("#upload-suggest").is_hidden()
        return
    assert page.locator("#upload-suggest").is_visible()
    assert button.get_attribute("data-model") == offered
    button.click()
    page.wait_for_function("(name) => window.vaeDemo.state.model.entry.name === name", arg=offered)
    page.wait_for_function("() => window.vaeDemo.upload.stats.runs === 2", timeout=30000)
    assert page.evaluate("window.vaeDemo.upload.stats.last.model") == offered

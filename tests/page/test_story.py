"""The story in five steps (train/story.py, static/js/story/): tiny step models trained on the
synthetic data and exported beside a tiny VAE and a tiny plain autoencoder, then the real page in
real Chromium: each step decodes like its Keras model, shows the manifest's numbers, navigates by
buttons, keys and URLs, and says "not shipped yet" when a shipped model is missing."""

import json
import os
import shutil

import numpy as np
import pytest

from tests.conftest import canvas_gray, js_fixed, keras_decode, keras_parts, open_page
from train import story


@pytest.fixture(scope="session")
def story_keras(story_setup, tiny_run):
    """Keras decoders for steps 1–5 (sigmoid outputs), as the export saw them."""
    import keras

    out = {n: keras.saving.load_model(os.path.join(story_setup["runs"], f"step{n}.keras")) for n in (1, 2, 3)}
    out[4] = keras_parts(story_setup["ae_run"])[1]
    out[5] = keras_parts(tiny_run)[1]
    return out


# --- training and manifest ---


def test_manifest_lists_five_steps_and_keeps_models(story_setup, story_manifest):
    before = story_setup["before"]
    assert story_manifest["models"] == before["models"]
    assert story_manifest["default"] == before["default"]
    steps = story_manifest["story"]
    assert [e["step"] for e in steps] == [1, 2, 3, 4, 5]
    root = story_setup["root"]
    for e in steps[:3]:
        folder = os.path.join(root, "story", f"step{e['step']}")
        with open(os.path.join(root, e["model"])) as f:
            assert json.load(f)["format"] == "graph-model"
        assert e["bytes"] == sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        curve, every, epochs = e["training"]["curve"], e["training"]["curve_every"], e["training"]["epochs"]
        assert len(curve) == -(-epochs // every) and curve[-1] == e["training"]["final_loss"]
        assert e["exported"].endswith("Z")
    assert not [f for f in os.listdir(root) if f.startswith(".")], "no temporary files left"


def test_step_numbers(story_setup, story_manifest, story_keras):
    s1, s2, s3, s4, s5 = story_manifest["story"]
    assert s1["input_dim"] == 1 and s1["pixels"] == 784 and s1["pictures"] == 1
    assert s1["weights"] == story_keras[1].count_params()
    assert s1["weights"] > s1["pixels"]  # the picture fits in the weights
    assert s2["input_dim"] == 4 and s2["numbers"]["stored"] == 4 and len(set(s2["digits"])) == 4
    assert s2["numbers"]["blends"] == 6
    n3 = s3["numbers"]
    assert n3["stored"] == 32 and n3["pairs"] == 16 and s3["pixels"] == 32 * 784
    assert s4["model_name"] == "tiny-ae" and s4["kind"] == "ae"
    assert s5["model_name"] == "tiny" and s5["kind"] == "vae"
    models = {m["name"]: m for m in story_manifest["models"]}
    assert s4["numbers"]["test_reconstruction"] == models["tiny-ae"]["test"]["reconstruction"]
    assert s5["numbers"]["samples_confident"] == models["tiny"]["samples"]["confident"]


def test_step3_codes_file(story_setup, story_manifest, mnist_like_npz):
    from train.data import load_npz

    info = story_manifest["story"][2]["codes"]
    raw = open(os.path.join(story_setup["root"], info["file"]), "rb").read()
    n, dim = info["count"], info["dim"]
    assert len(raw) == n * dim * 2 + n
    codes = np.frombuffer(raw[: n * dim * 2], "<i2").reshape(n, dim) * info["scale"]
    np.testing.assert_allclose(codes, story.step3_codes(story_setup["config"]["step3"]), atol=1e-6)
    assert codes.min() >= 0 and codes.max() < info["max"]
    (_, y), _ = load_npz(mnist_like_npz)
    np.testing.assert_array_equal(np.frombuffer(raw[n * dim * 2 :], np.uint8), y[:n])


def test_record_only_refreshes_steps_4_and_5(story_setup, tmp_path, capsys):
    root = str(tmp_path / "exported_model")
    shutil.copytree(story_setup["root"], root)
    with open(os.path.join(root, "manifest.json")) as f:
        before = json.load(f)
    story.main(["--record-only", "--out", root, "--set", "step4.model=ae-not-trained", "--set", "step5.model=tiny"])
    with open(os.path.join(root, "manifest.json")) as f:
        after = json.load(f)
    assert after["story"][:3] == before["story"][:3] and after["models"] == before["models"]
    assert after["story"][3]["numbers"] is None and after["story"][3]["model_name"] == "ae-not-trained"
    assert "not shipped yet" in capsys.readouterr().out


def test_curve_is_thinned_to_a_few_hundred_points():
    every, curve = story._curve([float(i) for i in range(1, 1001)])
    assert every == 5 and len(curve) == 200 and curve[0] == 5.0 and curve[-1] == 1000.0
    every, curve = story._curve([3.0, 2.0, 1.0], points=2)
    assert every == 2 and curve == [2.0, 1.0]
    assert story._curve([1.0, 0.5])[1] == [1.0, 0.5]


def test_bad_config_is_explained(tmp_path):
    with pytest.raises(story.StoryError, match="stepN.KEY=VALUE"):
        story.merge_config(["step9.epochs=3"])
    with pytest.raises(SystemExit, match="no story steps 1–3"):
        story.main(["--record-only", "--out", str(tmp_path)])
    assert story.merge_config(["step3.pictures=64"])["step3"]["pictures"] == 64


# --- the page ---


def open_story(page, server, query=""):
    open_page(page, server, query)
    page.wait_for_function("() => window.vaeDemo.story && window.vaeDemo.story.settled", timeout=60000)
    assert page.evaluate("window.vaeDemo.story.error") is None
    return page


def test_each_step_decodes_like_its_keras_model(page, story_server, story_setup, story_keras):
    open_story(page, story_server)
    codes = story.step3_codes(story_setup["config"]["step3"])
    fixed = {
        1: [[1.0], [0.5], [2.0]],
        2: [[1, 0, 0, 0], [0, 0, 0, 1], [0.5, 0.5, 0, 0]],
        3: [codes[0], codes[5], (codes[0] + codes[5]) / 2],
        4: [[0.0, 0.0], [1.5, -0.5], [-2.0, 2.5]],
        5: [[0.0, 0.0], [1.5, -0.5], [-2.0, 2.5]],
    }
    for n, inputs in fixed.items():
        inputs = np.asarray(inputs, np.float32).tolist()
        got = np.asarray(page.evaluate("([n, xs]) => window.vaeDemo.story.decode(n, xs)", [n, inputs]))
        assert got.shape == (len(inputs), 784)
        assert np.abs(got - keras_decode(story_keras[n], inputs)).max() <= 1e-3, f"step {n}"
    # What each step's canvas shows is its model's output for the step's current input.
    for n in range(1, 6):
        page.evaluate("(n) => window.vaeDemo.story.show(n)", n)
        if n >= 4:
            page.locator(f"#story-{n} .story-sample").click()
            page.evaluate("() => window.vaeDemo.story.idle()")
        shown = page.evaluate("(n) => window.vaeDemo.story.stats.inputs[n]", n)
        expected = keras_decode(story_keras[n], [shown])[0]
        assert np.abs(canvas_gray(page, f"#story-canvas-{n}") - expected).max() <= 1.01 / 255, f"step {n}"


def test_controls_change_the_input(page, story_server, story_setup):
    open_story(page, story_server, "#story-2")
    page.get_by_role("button", name="Blend 1 + 2").click()
    page.evaluate("() => window.vaeDemo.story.idle()")
    assert page.evaluate("window.vaeDemo.story.stats.inputs[2]") == [0.5, 0.5, 0, 0]
    page.locator("#story-2 [data-onehot='2']").click()
    page.evaluate("() => window.vaeDemo.story.idle()")
    assert page.evaluate("window.vaeDemo.story.stats.inputs[2]") == [0, 0, 1, 0]
    page.evaluate("() => window.vaeDemo.story.show(3)")
    page.locator("#story-3-b").fill("6")
    page.locator("#story-3-b").dispatch_event("change")
    page.get_by_role("button", name="Halfway").click()
    page.evaluate("() => window.vaeDemo.story.idle()")
    codes = story.step3_codes(story_setup["config"]["step3"])
    got = page.evaluate("window.vaeDemo.story.stats.inputs[3]")
    np.testing.assert_allclose(got, (codes[0] + codes[5]) / 2, atol=1e-5)
    assert "not a stored code" in page.locator("#story-3 .story-code").inner_text()


def test_page_numbers_are_the_manifests(page, story_server, story_manifest):
    open_story(page, story_server)
    s1, s2, s3, _, _ = story_manifest["story"]
    models = {m["name"]: m for m in story_manifest["models"]}
    expected = {
        1: {"weights": s1["weights"], "pixels": s1["pixels"], "mse": s1["numbers"]["mse"]},
        2: {
            "stored": 4,
            "weights": s2["weights"],
            "pixels": s2["pixels"],
            "mse": s2["numbers"]["mse"],
            "confident_blend": s2["numbers"]["confident_blend"],
        },
        3: {
            "weights": s3["weights"],
            "pixels": s3["pixels"],
            **{
                k: s3["numbers"][k]
                for k in ("stored", "mse_stored", "mse_halfway", "confident_stored", "confident_halfway")
            },
        },
    }
    shipped = {
        "reconstruction-4": models["tiny-ae"]["test"]["reconstruction"],
        "confident-4": models["tiny-ae"]["samples"]["confident"],
        "digit-score-4": models["tiny-ae"]["samples"]["digit_score"],
        "reconstruction-5": models["tiny"]["test"]["reconstruction"],
        "confident-5": models["tiny"]["samples"]["confident"],
        "digit-score-5": models["tiny"]["samples"]["digit_score"],
    }
    expected[4] = expected[5] = shipped
    for n, numbers in expected.items():
        page.evaluate("(n) => window.vaeDemo.story.show(n)", n)
        shown = page.evaluate(
            """(n) => Object.fromEntries(Array.from(
            document.querySelectorAll('#story-' + n + ' dd[data-number]'),
            (d) => [d.dataset.number, [d.dataset.value, d.textContent]]))""",
            n,
        )
        assert set(shown) == set(numbers), n
        for key, value in numbers.items():
            raw, text = shown[key]
            assert float(raw) == value, (n, key)
            if key.startswith("confident"):
                assert text == f"{js_fixed(value * 100, 0)}%"
            elif key.startswith("mse"):
                assert text == js_fixed(value, 4)
            elif key.startswith("digit-score"):
                assert text == js_fixed(value, 1)
            elif key.startswith("reconstruction"):
                assert text == f"{js_fixed(value, 1)} nats"
            else:
                assert text == f"{value:,}"
            assert page.locator(f"#story-{n} dd[data-number='{key}']").is_visible()
    page.evaluate("() => window.vaeDemo.story.show(1)")
    assert page.locator("#story-1 svg.story-chart polyline.story-curve").count() == 1


def test_navigation_by_buttons_keys_and_urls(page, story_server):
    open_story(page, story_server)
    assert page.locator("#story-1").is_visible() and not page.locator("#story-2").is_visible()
    assert page.locator("#story .story-prev").is_disabled()
    page.locator("#story .story-next").click()
    page.wait_for_function("() => window.vaeDemo.story.step === 2")
    assert page.locator("#story-2").is_visible() and not page.locator("#story-1").is_visible()
    assert page.evaluate("window.location.hash") == "#story-2"
    page.locator("#story .story-next").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.vaeDemo.story.step === 4")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => window.vaeDemo.story.step === 3")
    page.locator("#story-3-mix").focus()
    page.keyboard.press("ArrowRight")  # inside a slider the arrows move the slider, not the story
    assert page.evaluate("window.vaeDemo.story.step") == 3
    assert page.locator("#story-3-mix").input_value() == "0.05"
    page.locator("#story .story-dots button", has_text="5").click()
    page.wait_for_function("() => window.vaeDemo.story.step === 5")
    assert page.locator("#story .story-next").is_disabled()
    assert page.locator("#story-5 a[href='#noise']").count() == 1
    page.evaluate("() => { window.location.hash = '#story-1'; }")
    page.wait_for_function("() => window.vaeDemo.story.step === 1")


@pytest.mark.parametrize("query, step", [("#story-3", 3), ("?step=4", 4), ("?step=9", 1)])
def test_deep_links(page, story_server, query, step):
    open_story(page, story_server, query)
    assert page.evaluate("window.vaeDemo.story.step") == step
    assert page.locator(f"#story-{step}").is_visible()


def test_missing_shipped_model_says_not_shipped_yet(page, story_server):
    def drop_ae(route):
        response = route.fetch()
        manifest = response.json()
        manifest["models"] = [m for m in manifest["models"] if m["kind"] != "ae"]
        route.fulfill(response=response, json=manifest)

    page.route("**/models/manifest.json", drop_ae)
    open_story(page, story_server, "?step=4")
    text = page.locator("#story-4").inner_text()
    assert "Not shipped yet" in text and "tiny-ae" in text
    assert page.locator("#story-4 .story-sample").is_disabled()
    assert page.locator("#story-4 dd[data-number='reconstruction-4']").inner_text() == "n/a"
    page.locator("#story .story-next").click()
    page.locator("#story-5 .story-sample").click()
    page.evaluate("() => window.vaeDemo.story.idle()")
    assert page.evaluate("window.vaeDemo.story.stats.inputs[5]") is not None


@pytest.mark.parametrize("cut", [1, 2], ids=["odd length", "one number short"])
def test_damaged_codes_file_is_explained(page, story_server, story_manifest, cut):
    info = story_manifest["story"][2]["codes"]
    size = info["count"] * info["dim"] * 2 + info["count"]

    def damage(route):
        route.fulfill(status=200, body=route.fetch().body()[:-cut], content_type="application/octet-stream")

    page.route(f"**/models/*/{info['file']}", damage)  # /models/<version>/<file>
    open_story(page, story_server, "#story-3")
    note = page.locator("#story-3 .story-note").inner_text()
    assert "damaged" in note and f"({size - cut} bytes, expected {size})" in note and "re-export" in note
    assert page.evaluate("window.vaeDemo.story.stats.inputs[3]") is None  # nothing made up is drawn
    page.evaluate("() => window.vaeDemo.story.show(2)")  # the other steps keep working
    assert page.evaluate("window.vaeDemo.story.stats.inputs[2]") == [1, 0, 0, 0]


def test_page_without_story_explains(page, live_server):
    open_page(page, live_server)
    page.wait_for_function("() => window.vaeDemo.story && window.vaeDemo.story.settled", timeout=60000)
    assert "python -m train.story" in page.locator("#story-status").inner_text()


def test_every_step_fits_a_projector_screen(make_page, story_server):
    pg = make_page(viewport={"width": 1024, "height": 768})
    open_story(pg, story_server)
    for n in range(1, 6):
        pg.evaluate("(n) => window.vaeDemo.story.show(n)", n)
        box = pg.locator("#story").bounding_box()
        assert box["height"] <= 768 and box["width"] <= 1024, (n, box)


USE_EVERY_STEP = """async () => {
    const story = window.vaeDemo.story;
    const click = (sel) => document.querySelector(sel).click();
    const slide = (id, v) => {
        const s = document.getElementById(id);
        s.value = String(v);
        s.dispatchEvent(new Event('input', { bubbles: true }));
    };
    await story.show(1);
    for (let i = 0; i < 40; i += 1) slide('story-1-input', (i % 40) / 20);
    await story.show(2);
    for (let i = 0; i < 4; i += 1) click(`#story-2 [data-onehot='${i}']`);
    click('#story-2 .story-blend');
    for (let i = 0; i < 20; i += 1) slide('story-2-code-3', (i % 20) / 20);
    await story.show(3);
    click('#story-3 .story-random-pair');
    click('#story-3 .story-halfway');
    for (let i = 0; i < 20; i += 1) slide('story-3-mix', (i % 20) / 20);
    for (const n of [4, 5, 4, 5]) {
        await story.show(n);
        for (let i = 0; i < 10; i += 1) click(`#story-${n} .story-sample`);
    }
    await story.idle();
    await story.decode(3, [[0, 0, 0, 0], [1, 1, 1, 1]]);
    return JSON.stringify(story.stats.inputs);
}"""


def test_repeated_use_of_every_step_leaks_no_tensors(page, story_server):
    open_story(page, story_server)
    first = page.evaluate(USE_EVERY_STEP)  # loads every step's model and compiles its kernels
    before = page.evaluate("tf.memory().numTensors")
    inputs = [page.evaluate(USE_EVERY_STEP) for _ in range(3)]
    assert page.evaluate("tf.memory().numTensors") == before
    assert len(set([first] + inputs)) > 1  # the controls really changed what was drawn (random codes)

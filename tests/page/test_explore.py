"""The explore panel in the real page, in real Chromium, served by the real app: decoding matches
Keras, sliders redraw, no tensor leaks, a missing, damaged or unknown model is explained in words, and
without the test hook the page keeps no measurements."""

import re

import numpy as np
import pytest

from tests.conftest import canvas_gray, keras_decode, open_page, tensors_added

Z_FIXED = [[0.0, 0.0], [1.5, -0.5], [-2.0, 2.5], [3.0, 3.0]]


@pytest.mark.parametrize("backend", ["wasm", "webgl", "cpu"])
def test_page_decodes_like_keras(page, live_server, keras_tiny, backend):
    open_page(page, live_server, f"?backend={backend}")
    assert page.evaluate("window.vaeDemo.backend") == backend
    label = {"wasm": "WebAssembly", "webgl": "WebGL", "cpu": "JavaScript"}[backend]
    assert label in page.locator("#backend").inner_text()
    page_out = np.asarray(page.evaluate("zs => window.vaeDemo.decode(zs)", Z_FIXED))
    expected = keras_decode(keras_tiny[1], Z_FIXED)
    assert page_out.shape == (4, 784)
    assert np.abs(page_out - expected).max() <= 1e-3
    # The first digit drawn (z = 0) is the decoder's output, quantised to 8 bits.
    assert np.abs(canvas_gray(page) - expected[0]).max() <= 1.01 / 255


def test_slider_move_redraws_the_decoder_output(page, live_server, keras_tiny):
    open_page(page, live_server)
    before = canvas_gray(page)
    page.locator("#z-slider-0").fill("1.8")
    page.locator("#z-slider-1").fill("-2.2")
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    assert page.locator("output[for=z-slider-0]").inner_text() == "+1.80"
    assert page.locator("output[for=z-slider-1]").inner_text() == "−2.20"
    expected = keras_decode(keras_tiny[1], [[1.8, -2.2]])[0]
    after = canvas_gray(page)
    assert np.abs(after - expected).max() <= 1.01 / 255
    assert np.abs(after - before).max() > 0.05


def test_keyboard_moves_a_slider(page, live_server):
    open_page(page, live_server)
    page.locator("#z-slider-1").focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    assert page.evaluate("Array.from(window.vaeDemo.state.z)")[1] == pytest.approx(0.1, abs=1e-6)
    assert page.evaluate("window.vaeDemo.explore.view.stats.lastZ")[1] == pytest.approx(0.1, abs=1e-6)


def test_random_and_reset(page, live_server, keras_tiny):
    open_page(page, live_server)
    page.get_by_role("button", name="Random").click()
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert any(abs(v) > 1e-3 for v in z) and all(abs(v) <= 3 for v in z)
    sliders = [float(page.locator(f"#z-slider-{i}").input_value()) for i in range(2)]
    assert sliders == pytest.approx(z, abs=0.006)
    expected = keras_decode(keras_tiny[1], [z])[0]
    assert np.abs(canvas_gray(page) - expected).max() <= 1.01 / 255
    page.get_by_role("button", name="Reset to origin").click()
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    assert page.evaluate("Array.from(window.vaeDemo.state.z)") == [0, 0]
    assert page.locator("#z-slider-0").input_value() == "0"


def test_moves_are_coalesced_and_leak_no_tensors(page, live_server):
    open_page(page, live_server)
    use = tensors_added(
        page,
        """
        const draws = d.explore.view.stats.draws;
        const slider = document.getElementById('z-slider-0');
        for (let i = 0; i < 1000; i += 1) {
            slider.value = String(-3 + 6 * (i % 100) / 99);
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            if (i % 50 === 49) await new Promise((r) => requestAnimationFrame(r));
        }
        await d.explore.view.idle();
        return { draws: d.explore.view.stats.draws - draws, last: d.explore.view.stats.lastZ[0] };
    """,
    )
    assert use["added"] == 0
    assert 1 <= use["result"]["draws"] < 100  # coalesced: far fewer decodes than 1,000 moves
    assert use["result"]["last"] == pytest.approx(-3 + 6 * 99 / 99, abs=1e-6)


def test_canvas_has_accessible_name_and_sliders_are_labelled(page, live_server):
    open_page(page, live_server)
    assert page.get_by_role("img", name="Digit decoded from the current code z").count() == 1
    assert page.get_by_label("z1", exact=True).count() == 1 and page.get_by_label("z2", exact=True).count() == 1
    assert page.locator("#sliders input[type=range]").count() == 2
    assert page.locator("#z-slider-0").get_attribute("min") == "-3"


def test_software_webgl_falls_back_to_wasm_and_says_so(page, live_server):
    open_page(page, live_server)
    renderer = page.evaluate("""() => {
        const gl = document.createElement('canvas').getContext('webgl2');
        const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
        return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : '';
    }""")
    if "SwiftShader" not in renderer:
        pytest.skip(f"this Chromium has hardware WebGL ({renderer})")
    assert page.evaluate("window.vaeDemo.backend") == "wasm"
    assert "software-only" in page.locator("#backend").get_attribute("title")
    assert "WebAssembly" in page.locator("#backend").inner_text()


def vendored_scripts(page):
    """The TensorFlow.js scripts the page fetches, by file name, in a list that keeps growing."""
    seen = []
    page.on(
        "request",
        lambda r: seen.append(re.sub(r"\.[0-9a-f]{10}\.js$", ".js", r.url.rsplit("/", 1)[1]))
        if "/vendor/tfjs" in r.url and r.url.endswith(".js")
        else None,
    )
    return seen


@pytest.mark.parametrize("backend", ["wasm", "cpu", "webgl"])
def test_a_backend_script_is_fetched_only_when_that_backend_is_tried(page, live_server, backend):
    seen = vendored_scripts(page)
    open_page(page, live_server, f"?backend={backend}")
    on_page = ["tfjs.js"]  # core, converter and the WASM backend, joined (scripts/build-assets.mjs)
    tried = [] if backend == "wasm" else [f"tf-backend-{backend}.es2017.min.js"]
    assert seen == on_page + tried
    assert page.evaluate("window.vaeDemo.backend") == backend


@pytest.mark.parametrize(
    "backend, label, file",
    [
        ("cpu", "plain JavaScript (CPU, slow)", "**/tf-backend-cpu.es2017.min.*.js"),  # its script, fetched when tried
        ("wasm", "WebAssembly (CPU)", "**/tfjs-backend-wasm*.wasm"),  # its binary (the script comes with TF.js)
    ],
)
def test_a_backend_file_that_does_not_load_is_explained(page, live_server, backend, label, file):
    aborted = "console.error: Failed to load resource: net::ERR_FAILED"  # the browser's own line for the abort
    page.allowed_errors = [aborted]  # that line alone: any other error (e.g. from TF.js) fails the test
    page.route(file, lambda route: route.abort())
    open_page(page, live_server, f"?backend={backend}", ready=False)
    assert page.get_by_role("alert").inner_text() == (
        f"The {label} backend is not available in this browser; remove ?backend= from the URL."
    )
    assert page.errors == [aborted]


def test_missing_model_is_explained(page, empty_server):
    page.allowed_errors = ["404"]  # the browser logs the manifest's 404 itself
    open_page(page, empty_server, ready=False)
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    assert "No trained model is available" in alert.inner_text()
    assert page.locator("#random").is_disabled()


def test_unknown_backend_is_explained(page, live_server):
    open_page(page, live_server, "?backend=quantum", ready=False)
    assert 'Unknown backend "quantum"' in page.get_by_role("alert").inner_text()


@pytest.fixture(scope="module")
def damaged_server(tmp_path_factory, exported):
    """The tiny model plus a second entry whose decoder file is truncated."""
    import json
    import shutil

    from tests.conftest import LiveServer

    root = tmp_path_factory.mktemp("damaged")
    shutil.copytree(exported, root, dirs_exist_ok=True)
    shutil.copytree(root / "tiny", root / "broken")
    model_json = root / "broken" / "decoder" / "model.json"
    model_json.write_text(model_json.read_text()[:200])
    manifest = json.loads((root / "manifest.json").read_text())
    broken = {
        **manifest["models"][0],
        "name": "broken",
        "title": "Broken model",
        "decoder": "broken/decoder/model.json",
        "encoder": "broken/encoder/model.json",
    }
    manifest["models"].append(broken)
    (root / "manifest.json").write_text(json.dumps(manifest))
    server = LiveServer(str(root))
    yield server
    server.close()


def test_damaged_model_is_explained_and_the_previous_one_keeps_working(page, damaged_server, keras_tiny):
    open_page(page, damaged_server)
    page.locator("#model-picker").select_option("broken")
    alert = page.get_by_role("alert").filter(has_text="could not be loaded")
    alert.wait_for()
    assert "Broken model" in alert.inner_text() and "re-export" in alert.inner_text()
    assert page.locator("#model-picker").input_value() == "tiny"
    page.locator("#z-slider-0").fill("1.5")
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    expected = keras_decode(keras_tiny[1], [[1.5, 0.0]])[0]
    assert np.abs(canvas_gray(page) - expected).max() <= 1.01 / 255


def test_damaged_default_model_is_explained(page, damaged_server):
    open_page(page, damaged_server, "?model=broken", ready=False)
    assert "could not be loaded" in page.get_by_role("alert").first.inner_text()


def test_unknown_model_in_the_url_is_said_and_the_default_opens(page, live_server):
    open_page(page, live_server, "?model=nope")
    alert = page.get_by_role("alert")
    assert alert.is_visible()
    text = alert.inner_text()
    assert 'There is no model "nope"' in text and "Tiny test VAE" in text and "tiny" in text
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "tiny"
    assert page.locator("#model-picker").input_value() == "tiny"


def test_a_named_model_opens_without_a_message(page, live_server):
    open_page(page, live_server, "?model=tiny")
    assert page.locator("#error").is_hidden()
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "tiny"


def test_without_the_test_hook_the_page_keeps_no_measurements(make_page, live_server):
    page = open_page(make_page(probes=False), live_server)
    page.locator("#z-slider-0").fill("1")
    page.evaluate("() => window.vaeDemo.explore.view.idle()")
    assert page.evaluate("window.vaeDemo.explore.view.stats") is None
    assert page.evaluate("Object.keys(window.vaeDemo.probes)") == []

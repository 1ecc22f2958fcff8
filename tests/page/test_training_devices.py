"""The in-page trainer on every device: the page's ?tfjsflags= reach the worker's TensorFlow.js; a GPU that
stores only 16-bit floats (a phone's, emulated with those flags on SwiftShader) trains on WebAssembly and
says so; one batch's loss, gradients and Adam step against Keras on WebAssembly, WebGL (SwiftShader) and
plain JavaScript; a backend failing mid-run hands its very weights to the next; and the failures with
nothing to fall back on, each said in the page with nothing lost: the digits not downloading, the worker
failing before it sent any weights, the last backend failing (the model kept, used and downloaded after
its worker is gone, and trained on again)."""

import json
import zipfile

import numpy as np
import pytest
from playwright.sync_api import expect

from tests.digit_images import mnist10
from tests.harness import TRAINING, WASM_STATE, emulate_cores, observers_settled, open_page, trainer_worker
from tests.harness import train_in_page as train
from tests.page.trainer_page import (
    FLOAT16,
    LEARNING_RATE,
    READ_WEIGHTS,
    WEIGHTS,
    WEIGHTS_FROM,
    as_arrays,
    as_base64,
    held_out,
    keras_adam_step,
    keras_batch,
    numpy_decode,
    numpy_encode,
    opened,
    page_weights,
    status,
)


def test_a_float16_gpu_gets_the_pages_flags_and_trains_on_webassembly_saying_so(page, training_server):
    """With ?tfjsflags= making WebGL store float16 (a phone's GPU), WebGL asked for: the worker's
    TensorFlow.js has the flags, passes WebGL over (its loss turned NaN within 50 steps,
    bench/train_float16.py) and trains on WebAssembly, and the page says why."""
    opened(page, training_server, f"?backend=webgl&{FLOAT16}")
    flags = trainer_worker(page).evaluate(
        "['WEBGL_FORCE_F16_TEXTURES', 'WEBGL_RENDER_FLOAT32_CAPABLE', 'WEBGL_RENDER_FLOAT32_ENABLED']"
        ".map((name) => tf.env().getBool(name))"
    )
    assert flags == [True, False, False]
    before = status(page)
    assert before["backend"] == "wasm"
    expect(page.locator("#train-note")).to_have_text(
        "This device’s GPU (WebGL) stores numbers in 16 bits, too coarse to train this model (its loss turns "
        "to NaN), so it trains on WebAssembly (CPU) instead."
    )
    after = train(page, steps=50)
    assert np.isfinite(after["heldOut"]["negElbo"]) and after["heldOut"]["negElbo"] < before["heldOut"]["negElbo"] - 50
    assert "WebAssembly" in page.locator("#train-status").inner_text()


@pytest.fixture(scope="module")
def one_batch():
    """Weights (biases off zero, so no unit sits on ReLU's kink), ten MNIST digits, draws ε and β, and
    Keras's figures and gradients for them."""
    rng = np.random.default_rng(3)
    w = {
        name: rng.uniform(-1, 1, shape).astype(np.float32) * np.sqrt(6 / sum(shape if len(shape) == 2 else (1e4,)))
        for name, shape in WEIGHTS
    }
    x, _ = mnist10()
    x = x.reshape(10, 784).astype(np.float32) / 255
    eps = rng.standard_normal((10, 2)).astype(np.float32)
    beta = 0.7
    return {"w": w, "x": x, "eps": eps, "beta": beta, "keras": keras_batch(w, x, eps, beta)}


GRADIENTS = f"""async ({{weights, x, eps, beta}}) => {{
    const f32 = (v) => new Float32Array(v);
    const r = await {TRAINING}.trainer.request('gradients', {{ beta, x: f32(x), eps: f32(eps),
      weights: ({WEIGHTS_FROM})(weights) }});
    return {{ ...r, grads: ({READ_WEIGHTS})(r.grads), stepped: ({READ_WEIGHTS})(r.stepped) }};
}}"""


@pytest.mark.parametrize("backend", ["wasm", "webgl", "cpu", "wasm-threads"])
def test_loss_gradients_and_one_adam_step_equal_keras(page, training_server, one_batch, backend):
    """The worker's figures, gradients (tf.variableGrads) and one step of its Adam for one batch, on each
    backend (WebGL here is SwiftShader: float32 textures; wasm-threads: an emulated 8-core computer, where
    the worker runs tfjs's threaded WASM build on 4 threads), against Keras: the mlp256 layers with
    tf.GradientTape, and keras.optimizers.Adam given the page's own gradients."""
    threads = backend == "wasm-threads"
    if threads:
        emulate_cores(page, 8)
        backend = "wasm"
    opened(page, training_server, f"?backend={backend}")
    assert status(page)["backend"] == backend
    if threads:
        assert trainer_worker(page).evaluate(WASM_STATE) == {"isolated": True, "cores": 8, "threads": 4}
    b = one_batch
    got = page.evaluate(
        GRADIENTS,
        {
            "weights": as_base64(b["w"]),
            "x": b["x"].ravel().tolist(),
            "eps": b["eps"].ravel().tolist(),
            "beta": b["beta"],
        },
    )
    # sums of 784 float32 terms a digit, 10 digits: a few 1e-6 of the figure
    for figure in ("reconstruction", "kl", "loss"):
        assert got[figure] == pytest.approx(b["keras"][figure], rel=1e-5), figure
    grads = as_arrays(got["grads"])
    for name, _ in WEIGHTS:
        expected = b["keras"]["grads"][name]
        scale = np.abs(expected).max()
        assert scale > 0, name
        # each a sum over the batch of products through the layers: float32's 2⁻²⁴ times the terms' size
        np.testing.assert_allclose(grads[name], expected, atol=2e-5 * scale, rtol=1e-3, err_msg=name)
    stepped, keras = as_arrays(got["stepped"]), keras_adam_step(b["w"], grads)
    for name, _ in WEIGHTS:
        # |w| < 0.08, where float32's spacing is 7.5e-9: a few of those
        np.testing.assert_allclose(stepped[name], keras[name], rtol=0, atol=3e-8, err_msg=name)
    moved = max(np.abs(stepped[name] - b["w"][name]).max() for name, _ in WEIGHTS)
    assert moved == pytest.approx(LEARNING_RATE, rel=1e-3)  # Adam's first step: the learning rate, per weight
    if backend == "webgl":
        assert page.locator("#train-note").is_hidden()  # float32 textures: WebGL trains


RECORD_HANDOVER = f"""() => {{
    const trainer = {TRAINING}.trainer;
    const {{ snapshot, fellBack }} = trainer.on;
    const copy = (s) => ({{ backend: s.status.backend, steps: s.status.steps, codes: Array.from(s.codes),
      weights: ({READ_WEIGHTS})(s.weights) }});
    trainer.on.snapshot = (s) => {{ if (s.weights && s.status.backend === 'wasm') window.keptByWasm = copy(s);
      snapshot(s); }};
    trainer.on.fellBack = (f) => {{ window.restored = copy(trainer.last); fellBack(f); }};
}}"""


def test_a_backend_that_fails_mid_run_hands_its_weights_to_the_next(page, training_server, training_models):
    """The worker's backend breaks (every step throws, as a lost GPU would): the page starts a new worker
    on the next backend from the last weights it kept, says so, and training goes on from that step. The
    new worker holds those very weights (not fresh ones): its held-out codes are theirs."""
    page.allowed_errors.append("simulated")
    opened(page, training_server, "?backend=wasm")
    page.evaluate(RECORD_HANDOVER)
    page.evaluate(f"{TRAINING}.start({{beta: 1}})")
    page.wait_for_function(f"() => {TRAINING}.trainer.lastWeights?.steps > 0", timeout=60000)
    trainer_worker(page, "wasm").evaluate(
        "() => { self.vaeTrainer.optimizer.minimize = () => { throw new Error('simulated loss of the backend'); }; }"
    )
    page.wait_for_function("() => window.restored", timeout=60000)
    message = page.locator("#train-message")
    expect(message).to_contain_text("goes on")
    assert message.inner_text().startswith(
        "WebAssembly (CPU) failed (simulated loss of the backend); training goes on with plain JavaScript"
    )
    kept, restored = page.evaluate("window.keptByWasm"), page.evaluate("window.restored")
    assert restored["backend"] == "cpu" and restored["steps"] == kept["steps"] > 0
    kept_w, restored_w = as_arrays(kept["weights"]), as_arrays(restored["weights"])
    for name, _ in WEIGHTS:
        np.testing.assert_array_equal(restored_w[name], kept_w[name], err_msg=name)
    mu, _ = numpy_encode(kept_w, held_out(training_models))
    np.testing.assert_allclose(np.reshape(restored["codes"], mu.shape), mu, atol=1e-4)
    page.wait_for_function(f"() => {TRAINING}.status().steps > {kept['steps'] + 2}", timeout=60000)
    assert status(page)["running"] and status(page)["backend"] == "cpu"
    page.evaluate(f"{TRAINING}.pause()")


def test_digits_that_do_not_download_are_said_and_start_tries_again(page, training_server):
    page.allowed_errors.append("net::ERR_FAILED")  # the browser's own line for the aborted request
    page.context.route("**/training/digits.png", lambda route: route.abort())
    open_page(page, training_server)
    page.locator("#train").scroll_into_view_if_needed()  # the trainer opens by itself
    message = page.locator("#train-message")
    expect(message).to_contain_text("The training digits could not be downloaded", timeout=60000)
    assert message.inner_text().endswith("Check the connection and press Start to try again.")
    expect(page.locator("#train-start")).to_be_enabled()
    for button in ("#train-use", "#train-download", "#train-pause", "#train-reset"):
        expect(page.locator(button)).to_be_disabled()
    page.context.unroute("**/training/digits.png")
    page.locator("#train-start").click()
    page.wait_for_function(f"() => {TRAINING}.status().steps > 0", timeout=60000)
    expect(message).to_be_hidden()
    page.locator("#train-pause").click()
    page.wait_for_function(f"() => !{TRAINING}.status().running")


def test_a_worker_that_fails_before_sending_weights_is_said_and_start_tries_again(page, training_server):
    """The worker's script does not load (its first message never comes): no model, nothing to use or
    download, a clear message; Start tries again."""
    page.allowed_errors.append("net::ERR_FAILED")
    page.context.route("**/worker.*.js", lambda route: route.abort())
    open_page(page, training_server)
    error = page.evaluate(f"{TRAINING}.open().then(() => null, (e) => e.message)")
    assert error == (
        "The trainer could not start: its worker stopped (its script did not load, or threw). Press Start to try again."
    )
    expect(page.locator("#train-message")).to_have_text(error)
    expect(page.locator("#train-use")).to_be_disabled()
    expect(page.locator("#train-download")).to_be_disabled()
    assert page.evaluate(f"{TRAINING}.use().then(() => null, (e) => e.message)") == (
        "There is no trained model yet: start training first."
    )
    page.context.unroute("**/worker.*.js")
    page.locator("#train").scroll_into_view_if_needed()  # the panels near it load: then the layout holds
    page.wait_for_load_state("networkidle")
    page.locator("#train-start").click()
    page.wait_for_function(f"() => {TRAINING}.status().steps > 0", timeout=60000)
    page.locator("#train-pause").click()
    page.wait_for_function(f"() => !{TRAINING}.status().running")


def test_when_the_last_backend_fails_the_model_is_kept_used_downloaded_and_trained_on(
    make_page, training_server, training_models, tmp_path
):
    """WebAssembly fails, plain JavaScript (the last backend) takes over, then its worker dies (an uncaught
    error): the page says training stopped and the model is kept; Use and Download, with no worker left,
    give the weights it last sent (and their own codes); Start goes on from them in a new worker on the
    backend first asked for."""
    page = make_page(accept_downloads=True)
    page.allowed_errors.append("simulated")
    opened(page, training_server, "?backend=wasm")
    page.evaluate(f"{TRAINING}.start({{beta: 1}})")
    page.wait_for_function(f"() => {TRAINING}.trainer.lastWeights?.steps > 0", timeout=60000)
    trainer_worker(page, "wasm").evaluate(
        "() => { self.vaeTrainer.optimizer.minimize = () => { throw new Error('simulated loss of the backend'); }; }"
    )
    page.wait_for_function(f"() => {TRAINING}.status().backend === 'cpu'", timeout=60000)
    page.evaluate(f"{TRAINING}.pause()")  # its stop's snapshot sends the weights
    done, kept = status(page), page_weights(page)
    trainer_worker(page, "cpu").evaluate("() => { setTimeout(() => { throw new Error('simulated crash'); }); }")
    message = page.locator("#train-message")
    expect(message).to_contain_text("Training stopped", timeout=60000)
    assert "simulated crash" in message.inner_text()
    assert message.inner_text().endswith(
        f"The model as of step {done['steps']:,} is kept: you can still use or download it."
    )
    assert page.evaluate(f"{TRAINING}.trainer.worker === null")
    page.locator("#train-use").scroll_into_view_if_needed()
    observers_settled(page)  # coming near has had its chance to start a worker
    assert page.evaluate(f"{TRAINING}.trainer.worker === null"), "coming near again started a worker"
    page.locator("#train-use").click()
    expect(message).to_have_text("The sliders, the latent map and the upload panel now use the model trained here.")
    assert page.evaluate("window.vaeDemo.state.model.entry.name") == "in-page"
    zs = [[0.5, -1.0], [2.0, 0.3]]
    decoded = np.asarray(page.evaluate("(zs) => window.vaeDemo.decode(zs)", zs))
    np.testing.assert_allclose(decoded, numpy_decode(kept, np.asarray(zs, np.float32)), atol=1e-5)
    codes = page.evaluate("Array.from(window.vaeDemo.state.model.entry.codes.codes)")
    mu, _ = numpy_encode(kept, held_out(training_models))
    np.testing.assert_allclose(np.reshape(codes, mu.shape), mu, atol=1e-4)
    with page.expect_download() as download:
        page.locator("#train-download").click()
    download.value.save_as(tmp_path / "vae.zip")
    with zipfile.ZipFile(tmp_path / "vae.zip") as archive:
        about = json.loads(archive.read("vae-in-page.json"))
        decoder_bin = np.frombuffer(archive.read("vae-in-page-decoder.weights.bin"), "<f4")
    assert about["steps"] == done["steps"] and about["backend"] == "cpu"
    expected = np.concatenate([kept[name].ravel() for name, _ in WEIGHTS[6:]])
    np.testing.assert_array_equal(np.sort(decoder_bin), np.sort(expected))
    page.locator("#train-start").click()  # a new worker, from the weights kept
    page.wait_for_function(f"() => {TRAINING}.status().steps > {done['steps'] + 1}", timeout=60000)
    page.locator("#train-pause").click()
    page.wait_for_function(f"() => !{TRAINING}.status().running")
    assert status(page)["backend"] == "wasm"
    expect(message).to_be_hidden()

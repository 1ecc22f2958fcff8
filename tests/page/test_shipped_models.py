"""Every model in the committed exported_model/manifest.json, loaded by the real page through the real
app in real Chromium (?model=NAME): it opens without an error, shows one slider per latent dimension,
says how its codes are made (refined by gradient steps or the encoder's guess),
and its decoder and encoder give in the page what the same files give in Python
(train.artifacts.load_graph_model) on fixed codes and on real test digits. Generic: the models are
read from the manifest, never named here."""

import os

import numpy as np
import pytest

from tests.conftest import ROOT, open_page
from tests.harness import EXPORTED
from tests.page.conftest import python_graph
from train.artifacts import read_manifest

MODELS = read_manifest(EXPORTED)["models"]
SUBSET = os.path.join(ROOT, "tests", "fixtures", "mnist_test500.npz")
TOLERANCE = 1e-3  # float32 in WASM vs TensorFlow on the CPU, same weights


@pytest.fixture(scope="module")
def test_digits():
    with np.load(SUBSET) as f:
        return f["x"][:8].astype(np.float32)[..., None] / 255


@pytest.mark.parametrize("entry", MODELS, ids=[m["name"] for m in MODELS])
def test_shipped_model_runs_in_the_page_as_in_python(page, shipped_server, entry, test_digits):
    open_page(page, shipped_server, f"?model={entry['name']}&backend=wasm")
    shown = page.evaluate("""() => ({
        name: window.vaeDemo.state.model.entry.name,
        dim: window.vaeDemo.state.model.latentDim,
        sliders: document.querySelectorAll('input[id^="z-slider-"]').length,
    })""")
    dim = entry["latent_dim"]
    assert shown == {"name": entry["name"], "dim": dim, "sliders": dim}
    facts = page.locator("#model-facts").inner_text()
    refine = entry.get("encoder_refinement")
    if refine:  # the facts say the codes are refined, and what the encoder's guess alone scores
        without = f"{entry['test_keras']['neg_elbo']:.1f} nats/image"
        assert f"then {refine['steps']} gradient steps on the ELBO" in facts and without in facts, facts
    elif entry.get("encoder"):
        assert "the encoder's guess\n" in facts + "\n" and "gradient steps" not in facts, facts

    z = np.random.default_rng(1).standard_normal((6, dim)).astype(np.float32) * [[0.5], [1], [1], [2], [3], [3]]
    in_page = np.asarray(page.evaluate("zs => window.vaeDemo.decode(zs)", z.tolist()))
    in_python = python_graph(entry, "decoder")(z).reshape(len(z), 784)
    assert in_page.shape == (6, 784) and in_page.min() >= 0 and in_page.max() <= 1
    assert np.abs(in_page - in_python).max() <= TOLERANCE

    if entry.get("encoder"):
        codes = page.evaluate(
            """async (images) => {
            const model = window.vaeDemo.state.model;
            const encoder = await model.encoder();
            const mu = tf.tidy(() => model.encodeWith(encoder, tf.tensor4d(images, [images.length, 28, 28, 1])).mu);
            try { return await mu.array(); } finally { mu.dispose(); }
        }""",
            test_digits.tolist(),
        )
        expected = python_graph(entry, "encoder")(test_digits)[:, :dim]  # μ (first half of [μ | log σ²]) or z
        assert np.abs(np.asarray(codes) - expected).max() <= TOLERANCE * (1 + np.abs(expected).max())
    page.locator("#latent-canvas").scroll_into_view_if_needed()  # the map reads its codes when near
    page.wait_for_function("() => window.vaeDemo.latent.map.active")
    page.evaluate("() => window.vaeDemo.latent.map.idle()")  # its latent map loads without an error

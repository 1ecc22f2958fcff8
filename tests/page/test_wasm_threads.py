"""The WASM backend's threads in the real page: served cross-origin isolated, on an emulated 8-core
computer (tests/harness.py emulate_cores) the page runs tfjs's threaded build on 4 threads and decodes
exactly as on one thread and as Keras does; on 2 cores, where it would run one thread, it keeps its
single-threaded SIMD build and starts no thread workers; on 4 cores, 2 threads."""

import numpy as np
import pytest

from tests.conftest import canvas_gray, keras_decode, open_page
from tests.harness import emulate_cores

WASM_FILE = "tfjs-backend-wasm{}.wasm"
STATE = """() => ({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency,
    backend: tf.getBackend(), threads: tf.wasm.getThreadsCount() })"""


def zs(n, seed=0):
    return np.random.default_rng(seed).uniform(-3, 3, (n, 2)).round(3).tolist()


def wasm_fetched(page):
    """The names of the WASM binaries the page fetched, in a list that keeps growing."""
    seen = []
    page.on("request", lambda r: seen.append(r.url.rsplit("/", 1)[-1]) if ".wasm" in r.url else None)
    return seen


@pytest.mark.parametrize("cores, threads, build", [(2, 1, "-simd"), (4, 2, "-threaded-simd"), (8, 4, "-threaded-simd")])
def test_the_page_takes_threads_where_the_cores_are(page, live_server, cores, threads, build):
    emulate_cores(page, cores)
    fetched = wasm_fetched(page)
    open_page(page, live_server, "?backend=wasm")
    state = page.evaluate(STATE)
    assert state == {"isolated": True, "cores": cores, "backend": "wasm", "threads": threads}
    assert [f.split(".")[0] for f in fetched] == [WASM_FILE.format(build).split(".")[0]]  # (hashed names)
    thread_workers = [w for w in page.workers if w.url.startswith("blob:")]
    assert len(thread_workers) == (8 if threads > 1 else 0)  # tfjs's pool of 8, started with the module


def test_on_eight_cores_the_page_decodes_on_threads_as_on_one_and_as_keras(make_page, live_server, keras_tiny):
    """64 codes (one batch through the conv decoder) give the same numbers on 4 threads as on the
    single-threaded build, and Keras's; the first digit drawn is Keras's z = 0, quantised to 8 bits."""
    codes = zs(64)
    decoded = {}
    for cores, threads in ((8, 4), (2, 1)):
        page = make_page()
        emulate_cores(page, cores)
        open_page(page, live_server, "?backend=wasm")
        assert page.evaluate("tf.wasm.getThreadsCount()") == threads
        decoded[cores] = np.asarray(page.evaluate("zs => window.vaeDemo.decode(zs)", codes))
        if cores == 8:
            page.evaluate("window.vaeDemo.explore.view.idle()")
            digit = canvas_gray(page)
    expected = keras_decode(keras_tiny[1], codes + [[0, 0]])
    assert decoded[8].shape == (64, 784)
    np.testing.assert_allclose(decoded[8], decoded[2], atol=1e-6)
    # (on either build one value of the 50,176 is 1.02e-3 from TensorFlow's: float32 sums in another order)
    np.testing.assert_allclose(decoded[8], expected[:64], atol=1.5e-3)
    assert np.abs(digit - expected[64]).max() <= 1.01 / 255

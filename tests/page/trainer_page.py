"""Helpers shared by the in-page trainer's tests (test_training*.py): the page's weight names, the trainer's
worker found by its script, its weights read back, the model's arithmetic in NumPy, the digits as the
page's data files hold them, and the Keras reference (train/models.py's mlp256 layers) for one batch."""

import base64
import os

import numpy as np
from PIL import Image

from tests.harness import TRAINING, open_page

WEIGHTS = [  # the page's names (static/js/train/vae-mlp.js), in Keras's order
    ("encoder.hidden.kernel", (784, 256)),
    ("encoder.hidden.bias", (256,)),
    ("encoder.mu.kernel", (256, 2)),
    ("encoder.mu.bias", (2,)),
    ("encoder.logvar.kernel", (256, 2)),
    ("encoder.logvar.bias", (2,)),
    ("decoder.hidden.kernel", (2, 256)),
    ("decoder.hidden.bias", (256,)),
    ("decoder.logits.kernel", (256, 784)),
    ("decoder.logits.bias", (784,)),
]
TRAIN, TEST, COLUMNS = 512, 128, 20  # the digits tests/page/conftest.py's training_models writes
LEARNING_RATE = 2e-3  # the worker's Adam (static/js/train/worker.js), as `python -m train --arch mlp256` compiles it
FLOAT16 = "tfjsflags=WEBGL_FORCE_F16_TEXTURES:true,WEBGL_RENDER_FLOAT32_CAPABLE:false"  # a phone's GPU, emulated


def opened(page, server, query=""):
    """The app opened, its trainer started (worker, TensorFlow.js, digits)."""
    open_page(page, server, query)
    page.evaluate(f"{TRAINING}.open()")
    return page


def status(page):
    return page.evaluate(f"{TRAINING}.status()")


# Arrays of floats travel as base64 of their float32 bytes: as JSON lists, a model's 400,000 numbers take
# Playwright seconds each way.
FLOAT32_BASE64 = """(v) => {
    const bytes = new Uint8Array(Float32Array.from(v).buffer);
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 8192) chunks.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
    return btoa(chunks.join('')); }"""
READ_WEIGHTS = f"(w) => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, ({FLOAT32_BASE64})(v)]))"


def from_base64(text, shape=(-1,)):
    """What FLOAT32_BASE64 made → a float32 ndarray of `shape`."""
    return np.frombuffer(base64.b64decode(text), np.float32).reshape(shape)


def as_arrays(values):
    """{name: base64} (a weights object read out of the page by READ_WEIGHTS) → {name: ndarray of its shape}."""
    return {name: from_base64(values[name], shape) for name, shape in WEIGHTS}


def as_base64(weights):
    """{name: ndarray} → {name: base64 of its float32 bytes}, for the page's WEIGHTS_FROM."""
    return {
        name: base64.b64encode(np.ascontiguousarray(v, np.float32).tobytes()).decode() for name, v in weights.items()
    }


WEIGHTS_FROM = """(w) => Object.fromEntries(Object.entries(w).map(([k, v]) =>
    [k, new Float32Array(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)).buffer)]))"""


def page_weights(page):
    """The worker's current weights, {name: ndarray of its shape}."""
    values = page.evaluate(f"""async () => {{
        const {{ weights }} = await {TRAINING}.trainer.request('weights');
        return ({READ_WEIGHTS})(weights); }}""")
    return as_arrays(values)


def numpy_encode(w, x):
    h = np.maximum(x @ w["encoder.hidden.kernel"] + w["encoder.hidden.bias"], 0)
    return h @ w["encoder.mu.kernel"] + w["encoder.mu.bias"], h @ w["encoder.logvar.kernel"] + w["encoder.logvar.bias"]


def numpy_decode(w, z):
    g = np.maximum(z @ w["decoder.hidden.kernel"] + w["decoder.hidden.bias"], 0)
    return 1 / (1 + np.exp(-(g @ w["decoder.logits.kernel"] + w["decoder.logits.bias"])))


def numpy_kl(mu, logvar):
    return 0.5 * np.sum(mu**2 + np.exp(logvar) - logvar - 1, axis=1)


def sheet_digits(training_models, start, count):
    """Digits start … start + count − 1 as the page's data files hold them: (count, 784) in [0, 1]."""
    sheet = np.asarray(Image.open(os.path.join(training_models, "training", "digits.png")), np.float32) / 255
    tiles = [
        sheet[(k // COLUMNS) * 28 : (k // COLUMNS) * 28 + 28, (k % COLUMNS) * 28 : (k % COLUMNS) * 28 + 28]
        for k in range(start, start + count)
    ]
    return np.stack(tiles).reshape(count, 784)


def held_out(training_models):
    """The held-out digits (the sheet's last TEST): (128, 784)."""
    return sheet_digits(training_models, TRAIN, TEST)


def keras_batch(w, x, eps, beta):
    """Keras's figures for one batch: the mlp256 encoder and decoder (train/models.py) given the weights
    `w`, the images x (N, 784), the draws ε and β → {reconstruction, kl, loss, grads: {name: ndarray}}, the
    gradients by tf.GradientTape."""
    import tensorflow as tf

    from train.layers import KLDivergence
    from train.models import build_decoder_logits, build_encoder, pixel_bce_sum

    encoder, decoder = build_encoder(2, "mlp256"), build_decoder_logits(2, "mlp256")
    encoder.set_weights([w[name] for name, _ in WEIGHTS[:6]])
    decoder.set_weights([w[name] for name, _ in WEIGHTS[6:]])
    variables = encoder.trainable_weights + decoder.trainable_weights
    images = tf.constant(x.reshape(-1, 28, 28, 1))
    with tf.GradientTape() as tape:
        mu, logvar = encoder(images)
        logits = decoder(mu + tf.exp(0.5 * logvar) * eps)
        reconstruction = tf.reduce_mean(pixel_bce_sum(images, logits))
        kl = tf.reduce_mean(KLDivergence.kl_per_example(mu, logvar))
        loss = reconstruction + beta * kl
    grads = tape.gradient(loss, variables)
    return {
        "reconstruction": float(reconstruction),
        "kl": float(kl),
        "loss": float(loss),
        "grads": {name: g.numpy() for (name, _), g in zip(WEIGHTS, grads, strict=True)},
    }


def keras_adam_step(w, grads):
    """The weights after one step of Keras's Adam (the optimiser `python -m train` compiles: learning rate
    2e-3, β₁ 0.9, β₂ 0.999) from `w` with `grads`. Keras adds ε to √v, TensorFlow.js to the bias-corrected
    √v̂ = √v / √(1 − β₂) on the first step: the same step when Keras's ε is the page's 1e-7 × √(1 − β₂)."""
    import keras

    variables = [keras.Variable(w[name]) for name, _ in WEIGHTS]
    adam = keras.optimizers.Adam(learning_rate=LEARNING_RATE, beta_1=0.9, beta_2=0.999, epsilon=1e-7 * np.sqrt(1e-3))
    adam.apply_gradients([(grads[name], v) for (name, _), v in zip(WEIGHTS, variables, strict=True)])
    return {name: np.asarray(v) for (name, _), v in zip(WEIGHTS, variables, strict=True)}

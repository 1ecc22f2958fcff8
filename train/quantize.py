"""Which weight precision ships: each is exported, scored from its own files, and the smallest that
costs almost nothing wins.

The TF.js converter can store every weight tensor in fewer bytes (the page dequantizes on load):

    float32   4 bytes a weight, as trained
    float16   2 bytes: each weight rounded to the nearest half-precision number
    uint8     1 byte: per tensor, w ≈ min + scale·q with q in 0…255 (TF-Lite's affine scheme)

`score_files` runs an exported encoder/decoder pair from the files the page downloads
(`train.artifacts.load_graph_model`) and computes the test scores the same way `train.metrics`
does for the Keras model: reconstruction = Σ-pixel BCE, KL, −ELBO = reconstruction + KL, one draw of
z per image from a fixed seed, so two precisions see the same ε and differ only by their weights.
`choose_scheme` picks the smallest precision whose score is within TOLERANCE_NATS of float32's.
"""

import os

import numpy as np

SCHEMES = ("uint8", "float16", "float32")  # smallest first
TOLERANCE_NATS = 0.3  # how much worse than float32 (nats/image) a smaller precision may score
_EPS = 1e-7  # probabilities are clipped to [ε, 1 − ε] before taking logs (float32 sigmoid saturates)


def score_files(model_dir, kind, x, seed=0):
    """Test scores (nats/image) of the graph models in model_dir/{encoder,decoder}/ on images x.

    kind "vae": the encoder gives [μ | log σ²], z = μ + σ·ε; kind "ae": the encoder gives z.
    Returns {"reconstruction", "images"} plus {"kl", "neg_elbo"} for a VAE."""
    from train.artifacts import load_graph_model
    from train.layers import KLDivergence

    encode, _ = load_graph_model(os.path.join(model_dir, "encoder", "model.json"))
    decode, _ = load_graph_model(os.path.join(model_dir, "decoder", "model.json"))
    x = np.asarray(x, np.float32)
    code = encode(x).astype(np.float64)
    out = {"images": int(len(x))}
    if kind == "vae":
        mu, logvar = np.split(code, 2, axis=1)
        eps = np.random.default_rng(seed).standard_normal(mu.shape)
        z = mu + np.exp(0.5 * logvar) * eps
        out["kl"] = float(np.mean(KLDivergence.kl_per_example(mu, logvar)))
    else:
        z = code
    p = np.clip(decode(z.astype(np.float32)).astype(np.float64), _EPS, 1 - _EPS)
    t = x.astype(np.float64)
    bce = -(t * np.log(p) + (1 - t) * np.log1p(-p)).reshape(len(x), -1).sum(axis=1)
    out["reconstruction"] = float(bce.mean())
    if kind == "vae":
        out["neg_elbo"] = out["reconstruction"] + out["kl"]
    return out


def headline(scores):
    """The score a precision is judged by: −ELBO for a VAE, reconstruction otherwise."""
    return scores.get("neg_elbo", scores["reconstruction"])


def choose_scheme(scores, tolerance=TOLERANCE_NATS):
    """The smallest scheme whose headline score (lower is better) is within `tolerance` of float32's.

    `scores` maps scheme → scores dict (as score_files returns); float32 must be present."""
    if "float32" not in scores:
        raise ValueError("choose_scheme needs the float32 scores as the reference")
    reference = headline(scores["float32"])
    for scheme in SCHEMES:
        if scheme in scores and headline(scores[scheme]) <= reference + tolerance:
            return scheme
    return "float32"

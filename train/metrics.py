"""Test-set scores in nats per image, computed outside Keras' training loop.

    reconstruction = Σ over 784 pixels of BCE(x, p(x|z)),  z = μ + σ·ε (one draw per image)
    kl             = ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1)
    neg_elbo       = reconstruction + kl        (always with β = 1, whatever β trained with)

For a plain autoencoder the code is deterministic and there is no KL: neg_elbo is undefined and
only the reconstruction is reported.
"""

import numpy as np

from train.layers import KLDivergence
from train.models import pixel_bce_sum


def evaluate(encoder, decoder_logits, x, kind="vae", batch_size=500, seed=0):
    """Mean test scores over the images `x` (float (N, 28, 28, 1) in [0, 1])."""
    rng = np.random.default_rng(seed)
    recon, kl = [], []
    for i in range(0, len(x), batch_size):
        xb = x[i:i + batch_size]
        if kind == "vae":
            mu, logvar = (np.asarray(a, np.float64) for a in encoder(xb, training=False))
            z = mu + np.exp(0.5 * logvar) * rng.standard_normal(mu.shape)
            kl.append(np.asarray(KLDivergence.kl_per_example(mu, logvar)))
        else:
            z = np.asarray(encoder(xb, training=False))
        logits = decoder_logits(z.astype(np.float32), training=False)
        recon.append(np.asarray(pixel_bce_sum(xb, logits)))
    out = {"reconstruction": float(np.concatenate(recon).mean()), "images": int(len(x))}
    if kind == "vae":
        out["kl"] = float(np.concatenate(kl).mean())
        out["neg_elbo"] = out["reconstruction"] + out["kl"]
    return out

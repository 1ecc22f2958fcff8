"""Test-set scores in nats per image, computed outside Keras' training loop.

    reconstruction = Σ over 784 pixels of BCE(x, p(x|z)),  z = μ + σ·ε (one draw per image)
    kl             = ½ Σ_j (μ_j² + σ_j² − log σ_j² − 1)
    neg_elbo       = reconstruction + kl        (always with β = 1, whatever β trained with)

For a plain autoencoder the code is deterministic and there is no KL: neg_elbo is undefined and
only the reconstruction is reported.

Below `evaluate`, the figures that compare decoders with real digits (VAE, GAN, VAE-GAN):
sharpness, reconstruction from μ, and the digit FID; see the comment block there.
"""

import numpy as np

from train.layers import KLDivergence
from train.models import pixel_bce_sum


def evaluate(encoder, decoder_logits, x, kind="vae", batch_size=500, seed=0):
    """Mean test scores over the images `x` (float (N, 28, 28, 1) in [0, 1])."""
    rng = np.random.default_rng(seed)
    recon, kl = [], []
    for i in range(0, len(x), batch_size):
        xb = x[i : i + batch_size]
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


# --- How the decoders' images compare with real digits: the "why blurry?" figures -------------
#
#   sharpness        variance of the 4-neighbour Laplacian (the discrete ∂²/∂x² + ∂²/∂y², a
#                    classic blur measure: blurring flattens edges, so second differences shrink),
#                    averaged over images, for decoded samples as a ratio to real test digits:
#                    1.0 = as sharp as real digits, below = blurrier. Speckle noise also raises it,
#                    so a ratio above 1 means "more high-frequency detail than real", not "better".
#   reconstruction   Σ-pixel BCE and mean |x − x̂| of test images decoded from their μ (the code
#                    the page shows); only models with an encoder can do it.
#   digit FID        Fréchet distance between Gaussians fitted to the judge classifier's
#                    penultimate features (train/classifier.py) of decoded samples and of real
#                    test digits: ‖m₁ − m₂‖² + tr(C₁ + C₂ − 2 (C₁^½ C₂ C₁^½)^½). 0 = same statistics.
# Samples are decoded from `prior_codes`: the same codes as the digit score's samples.


def prior_codes(n, latent_dim, seed=0):
    """n codes z ~ N(0, I), float32; the same draw as classifier.sample_plausibility's."""
    return np.random.default_rng(seed).standard_normal((n, latent_dim)).astype(np.float32)


def sigmoid(logits):
    """1 / (1 + e^(−x)) without overflow warnings for large |x|."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(logits, np.float64)))


def laplacian_variance(images):
    """Mean over images of the variance of the 4-neighbour Laplacian on each image's interior."""
    x = np.asarray(images, np.float64).reshape(len(images), *np.shape(images)[1:3])
    lap = x[:, :-2, 1:-1] + x[:, 2:, 1:-1] + x[:, 1:-1, :-2] + x[:, 1:-1, 2:] - 4 * x[:, 1:-1, 1:-1]
    return float(lap.reshape(len(x), -1).var(axis=1).mean())


def sharpness_ratio(images, real_images):
    """laplacian_variance(images) / laplacian_variance(real_images): 1.0 = as sharp as real."""
    return laplacian_variance(images) / laplacian_variance(real_images)


def reconstruction_errors(encoder, decoder_logits, x, batch_size=500):
    """Test images decoded from their μ: mean Σ-pixel BCE (nats/image) and mean |x − x̂| per pixel."""
    bce, abs_err = [], []
    for i in range(0, len(x), batch_size):
        xb = x[i : i + batch_size]
        code = encoder(xb, training=False)
        mu = code[0] if isinstance(code, (list, tuple)) else code
        logits = decoder_logits(mu, training=False)
        bce.append(np.asarray(pixel_bce_sum(xb, logits)))
        p = sigmoid(np.asarray(logits, np.float64))
        abs_err.append(np.abs(p - xb).reshape(len(xb), -1).mean(axis=1))
    return {
        "bce": float(np.concatenate(bce).mean()),
        "mean_abs_error": float(np.concatenate(abs_err).mean()),
        "images": int(len(x)),
        "code": "mu",
    }


def frechet_distance(mean1, cov1, mean2, cov2):
    """Fréchet (2-Wasserstein) distance² between N(mean1, cov1) and N(mean2, cov2).

    tr((C₁ C₂)^½) is computed as Σ √λ over the eigenvalues λ of the symmetric C₁^½ C₂ C₁^½, which
    has the same eigenvalues as C₁C₂ and is stable to compute (no complex square roots)."""
    cov1, cov2 = np.asarray(cov1, np.float64), np.asarray(cov2, np.float64)
    w, v = np.linalg.eigh(cov1)
    root1 = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    cross = np.linalg.eigvalsh(root1 @ cov2 @ root1)
    diff = np.asarray(mean1, np.float64) - np.asarray(mean2, np.float64)
    return float(diff @ diff + np.trace(cov1) + np.trace(cov2) - 2 * np.sqrt(np.clip(cross, 0, None)).sum())


def gaussian_fit(features):
    """Mean and covariance (N − 1 normalised) of feature rows (N, D)."""
    f = np.asarray(features, np.float64)
    return f.mean(axis=0), np.cov(f, rowvar=False)


def judge_features(classifier, images, batch_size=500):
    """The judge classifier's penultimate-layer activations for images (N, 28, 28[, 1]) in [0, 1]."""
    import keras

    penultimate = keras.Model(classifier.inputs, classifier.layers[-2].output)
    x = np.asarray(images, np.float32).reshape(-1, 28, 28, 1)
    return np.asarray(penultimate.predict(x, batch_size=batch_size, verbose=0), np.float64)


def digit_fid(sample_features, real_features):
    """Fréchet distance between Gaussians fitted to two sets of judge features."""
    return frechet_distance(*gaussian_fit(sample_features), *gaussian_fit(real_features))


def blur_figures(decoder, classifier, x_test, latent_dim, encoder=None, decoder_logits=None, n=2000, seed=0):
    """Sharpness, digit FID and (with an encoder) reconstruction of one model, for the manifest.

    decoder: z → image in [0, 1]; x_test: float (N, 28, 28, 1) real test digits. "fid_reference"
    is the FID of n real test digits against all of them: the floor that finite samples give."""
    samples = np.asarray(decoder.predict(prior_codes(n, latent_dim, seed), batch_size=500, verbose=0))
    real = judge_features(classifier, x_test)
    pick = np.random.default_rng(seed).choice(len(x_test), size=min(n, len(x_test)), replace=False)
    out = {
        "samples": n,
        "seed": seed,
        "sharpness": sharpness_ratio(samples, x_test),
        "fid": digit_fid(judge_features(classifier, samples), real),
        "fid_reference": digit_fid(real[pick], real),
        "real_images": int(len(x_test)),
    }
    if encoder is None:
        out["reconstruction"] = {"possible": False, "reason": "no encoder"}
    else:
        out["reconstruction"] = {"possible": True, **reconstruction_errors(encoder, decoder_logits, x_test)}
    return out


def end_of_training_scores(model, kind, x_test, seed=0, n=2000):
    """What `python -m train` reports for a freshly trained model of any kind: `evaluate`'s scores
    (none for a GAN: it has no encoder), and for a GAN or VAE-GAN the sharpness of n samples."""
    from train import ADVERSARIAL_KINDS
    from train.models import parts

    scores = {"images": int(len(x_test))}
    if kind != "gan":
        encoder, decoder_logits = parts(model)
        scores = evaluate(encoder, decoder_logits, x_test, kind="ae" if kind == "ae" else "vae", seed=seed)
    if kind in ADVERSARIAL_KINDS:
        logits = np.asarray(model.decoder_logits.predict(prior_codes(n, model.latent_dim, seed), verbose=0))
        scores.update(samples=n, sharpness=sharpness_ratio(sigmoid(logits), x_test))
    return scores

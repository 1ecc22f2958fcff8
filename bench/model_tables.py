"""The model tables of docs/models.md and docs/why-blurry.md, from the manifests' measured figures (no model run):

    .venv/bin/python bench/model_tables.py [exported_model/manifest.json]

1. the shipped models: code size, architecture, epochs, the precision that ships, test scores of the
   shipped files (nats/image), how the encoder's codes are made (refined by gradient steps or not; a
   refined encoder's −ELBO without the refinement is the Keras model's, from training), training
   seconds per epoch, bytes of the decoder and the encoder;
2. each precision tried at export (`--quantize auto`): score and bytes, and which one ships;
3. random codes judged by the digit classifier (digit score, share decoded clearly, digits seen);
4. "Why blurry?": the models the page's section compares (the VAE of the main manifest with the GAN's
   code size, its default first, then the GAN and the VAE-GAN of the manifest that "blur_manifest"
   names): sharpness, digit score, share decoded clearly, digit FID, reconstruction of the test images;
   then any of them that a CPPN draws large (`python -m train.cppn`): its size, how it was distilled,
   the same figures and its mean |Δ| per pixel from the decoder it learned from;
5. "Train your own VAE": the Keras β models of the manifest that "training_manifest" names, by β: test
   reconstruction, KL and −ELBO (KL weighted 1 whatever β trained with), epochs, seconds per epoch,
   the precision and bytes that ship, digit score; and the page trainer's data (digits.png).
All of it was written by `python -m train.export` (the CPPN's by `python -m train.cppn`). Prints
markdown; asserts nothing.
"""

import argparse
import json
import os


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def epochs(training):
    """ "60 (30 + 30)" for a warm restart (`--init-from`) after 30 epochs; "15 of 24" for epoch 15 chosen
    from a 24-epoch run (`python -m train.pick_epoch`); else "30"."""
    before = training.get("restarted_after")
    total = training["epochs"]
    if "chosen_from" in training:
        return f"{total} of {training['chosen_from']['epochs']}"
    return f"{total} ({before} + {total - before})" if before else str(total)


def codes(m):
    """How the encoder's codes are made: "refined, 20 steps (without: 140.7)", "encoder", or "—"."""
    refine = m.get("encoder_refinement")
    if not m.get("encoder"):
        return "—"
    if not refine:
        return "encoder"
    without = (m.get("test_keras") or {}).get("neg_elbo")
    return f"refined, {refine['steps']} steps" + (f" (without: {without:.1f})" if without is not None else "")


def models_table(models):
    print(
        "| model | code | arch | epochs | weights | test −ELBO | reconstruction | KL | codes | s/epoch "
        "| decoder + encoder |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for m in models:
        test, b = m.get("test", {}), m["bytes"]
        encoder = f" + {b['encoder'] / 1e6:.2f} MB" if b.get("encoder") else " (no encoder)"
        print(
            f"| `{m['name']}` | {m['latent_dim']} | {m['arch']} | {epochs(m['training'])} | "
            f"{m.get('weights', 'float32')} | "
            f"**{fmt(test.get('neg_elbo'))}** | {fmt(test.get('reconstruction'))} | {fmt(test.get('kl'))} | "
            f"{codes(m)} | {fmt(m['training'].get('seconds_per_epoch'), 0)} | {b['decoder'] / 1e6:.2f}{encoder} |"
        )


def precision_table(models):
    print("| model | float32 | float16 | uint8 | ships |")
    print("|---|---|---|---|---|")
    for m in models:
        tried = m.get("precision", {}).get("tried")
        if not tried:
            continue
        cells = [
            f"{fmt(tried[s]['score'], 2)} nats, {tried[s]['bytes'] / 1e6:.2f} MB" if s in tried else "—"
            for s in ("float32", "float16", "uint8")
        ]
        print(f"| `{m['name']}` | " + " | ".join(cells) + f" | {m['weights']} |")


def samples_table(models):
    print("| model | digit score (of 10) | decoded clearly (≥ 90% sure) | clear samples read as 0…9 |")
    print("|---|---|---|---|")
    for m in models:
        s = m.get("samples")
        if s:
            print(
                f"| `{m['name']}` | **{s['digit_score']:.2f}** | {100 * s['confident']:.1f}% | "
                f"{' '.join(str(c) for c in s['classes'])} |"
            )


def blur_row(m):
    samples, blur = m["samples"], m["blur"]
    rec = blur["reconstruction"]
    recon = (
        f"{rec['bce']:.1f} | {rec['mean_abs_error']:.3f}" if rec["possible"] else f"not possible: {rec['reason']} | —"
    )
    return (
        f"| `{m['name']}` | {m['latent_dim']} | {epochs(m['training'])} | "
        f"{blur['sharpness']:.2f} | {samples['digit_score']:.2f} | {100 * samples['confident']:.1f}% | "
        f"{blur['fid']:.1f} | {recon} |"
    )


def blur_models(manifest, manifest_path):
    """The models the Why blurry? section compares, as the page picks them (static/js/blur/roles.js),
    or [] without a "blur_manifest": the main manifest's VAE with the GAN's code size (the default
    model first), then the blur manifest's models that have "blur" figures (the GAN, the VAE-GAN)."""
    if not manifest.get("blur_manifest"):
        return []
    with open(os.path.join(os.path.dirname(os.path.abspath(manifest_path)), manifest["blur_manifest"])) as f:
        compared = [m for m in json.load(f)["models"] if "blur" in m]
    gan = next((m for m in compared if m["kind"] == "gan"), None)
    dim = gan["latent_dim"] if gan else None
    vaes = [m for m in manifest["models"] if m["kind"] == "vae" and m["latent_dim"] == dim and "blur" in m]
    vaes.sort(key=lambda m: m["name"] != manifest.get("default"))
    return vaes[:1] + compared


def blur_table(models):
    if not models:
        print("(no blur_manifest in the manifest: no Why blurry? table)")
        return
    print(
        "| model | code | epochs | sharpness (real = 1) | digit score (of 10) | decoded clearly | digit FID | "
        "reconstruction BCE (nats) | mean abs error |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for m in models:
        print(blur_row(m))
    blur = models[0]["blur"]
    print(
        f"\nDigit FID of {blur['samples']:,} real test digits against all {blur['real_images']:,}: "
        f"{blur['fid_reference']:.1f} (the floor for this sample size)."
    )


def large_table(models):
    """The CPPNs that draw a compared model large (its entry's "large", train/cppn.py)."""
    rows = [m for m in models if m.get("large")]
    if not rows:
        return
    print(
        "\n| drawn large | parameters | files | distilled | sharpness (real = 1) | digit score (of 10) | "
        "decoded clearly | digit FID | mean abs from the teacher |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for m in rows:
        large, t = m["large"], m["large"]["test"]
        d = large["distilled"]
        print(
            f"| `{m['name']}` by a CPPN ({large['depth']} × {large['width']}) | {large['parameters']:,} | "
            f"{large['bytes'] / 1e3:.0f} kB | "
            f"{d['codes']:,} codes × {d['epochs']} epochs, {d['seconds'] / 60:.0f} min | "
            f"{t['sharpness']:.2f} | {t['digit_score']:.2f} | {100 * t['confident']:.1f}% | {t['fid']:.1f} | "
            f"{t['mean_abs_from_teacher']:.3f} |"
        )


def training_manifest(manifest, manifest_path):
    """The manifest that "training_manifest" names (the β models and the page trainer's data), or None."""
    if not manifest.get("training_manifest"):
        return None
    with open(os.path.join(os.path.dirname(os.path.abspath(manifest_path)), manifest["training_manifest"])) as f:
        return json.load(f)


def beta_table(training):
    if not training:
        print("(no training_manifest in the manifest: no β table)")
        return
    print(
        "| β | model | test −ELBO | reconstruction | KL | epochs | s/epoch | weights | decoder + encoder "
        "| digit score |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for m in sorted(training["models"], key=lambda m: m["beta"]):
        test, b, t = m["test"], m["bytes"], m["training"]
        score = m.get("samples", {}).get("digit_score")
        print(
            f"| {m['beta']:g} | `{m['name']}` | **{fmt(test['neg_elbo'])}** | {fmt(test['reconstruction'])} | "
            f"{fmt(test['kl'])} | {epochs(t)} | {fmt(t['seconds_per_epoch'], 1)} | {m['weights']} | "
            f"{b['decoder'] / 1e6:.2f} + {b['encoder'] / 1e6:.2f} MB | {fmt(score, 2)} |"
        )
    data = training.get("data")
    if data:
        print(
            f"\nThe page trainer's data: {data['train']:,} training + {data['test']:,} held-out digits of "
            f"{data['source']}, one PNG of {data['columns']} × {-(-(data['train'] + data['test']) // data['columns'])} "
            f"tiles ({data['bytes']['images']:,} bytes) and {data['bytes']['labels']:,} bytes of labels."
        )


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("manifest", nargs="?", default="exported_model/manifest.json")
    args = p.parse_args()
    with open(args.manifest) as f:
        manifest = json.load(f)
    models = manifest["models"]
    for table in (models_table, precision_table, samples_table):
        table(models)
        print()
    compared = blur_models(manifest, args.manifest)
    blur_table(compared)
    large_table(compared)
    print()
    beta_table(training_manifest(manifest, args.manifest))


if __name__ == "__main__":
    main()

"""The README's "why blurry?" table, printed from a manifest's measured figures (no model is run):

    .venv/bin/python bench/blur_table.py [exported_model/manifest.json] [--models vae-2d,gan-2d,vaegan-2d]

Each model needs the "samples" and "blur" figures that `python -m train.export` writes when it has
the judge classifier and the test images. Prints markdown; asserts nothing.
"""

import argparse
import json


def row(entry):
    samples, blur = entry["samples"], entry["blur"]
    rec = blur["reconstruction"]
    recon = (f"{rec['bce']:.1f} | {rec['mean_abs_error']:.3f}" if rec["possible"]
             else f"not possible: {rec['reason']} | —")
    return (f"| `{entry['name']}` | {entry['latent_dim']} | {entry['training']['epochs']} | "
            f"{blur['sharpness']:.2f} | {samples['digit_score']:.2f} | {100 * samples['confident']:.1f}% | "
            f"{blur['fid']:.1f} | {recon} |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("manifest", nargs="?", default="exported_model/manifest.json")
    p.add_argument("--models", help="comma-separated names (default: every model with the figures)")
    args = p.parse_args()
    with open(args.manifest) as f:
        models = {m["name"]: m for m in json.load(f)["models"]}
    names = args.models.split(",") if args.models else [n for n, m in models.items() if "blur" in m]
    print("| model | code | epochs | sharpness (real = 1) | digit score (of 10) | decoded clearly | digit FID | "
          "reconstruction BCE (nats) | mean abs error |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in names:
        print(row(models[name]))
    reference = next((models[n]["blur"]["fid_reference"] for n in names), None)
    if reference is not None:
        print(f"\nDigit FID of {models[names[0]]['blur']['samples']:,} real test digits against all "
              f"{models[names[0]]['blur']['real_images']:,}: {reference:.1f} (the floor for this sample size).")


if __name__ == "__main__":
    main()

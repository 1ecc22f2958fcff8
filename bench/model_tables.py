"""The README's model tables, printed from a manifest's measured figures (no model is run):

    .venv/bin/python bench/model_tables.py [exported_model/manifest.json]

1. the shipped models: code size, architecture, epochs, the precision that ships, test scores of the
   shipped files (nats/image), training seconds per epoch, bytes of the decoder and the encoder;
2. each precision tried at export (`--quantize auto`): score and bytes, and which one ships;
3. random codes judged by the digit classifier (digit score, share decoded clearly, digits seen).
All of it was written by `python -m train.export`. Prints markdown; asserts nothing.
"""

import argparse
import json


def fmt(value, digits=1):
    return "—" if value is None else f"{value:,.{digits}f}"


def models_table(models):
    print("| model | code | arch | epochs | weights | test −ELBO | reconstruction | KL | s/epoch | decoder + encoder |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for m in models:
        test, b = m.get("test", {}), m["bytes"]
        encoder = f" + {b['encoder'] / 1e6:.2f} MB" if b.get("encoder") else " (no encoder)"
        print(f"| `{m['name']}` | {m['latent_dim']} | {m['arch']} | {m['training']['epochs']} | {m.get('weights', 'float32')} | "
              f"**{fmt(test.get('neg_elbo'))}** | {fmt(test.get('reconstruction'))} | {fmt(test.get('kl'))} | "
              f"{fmt(m['training'].get('seconds_per_epoch'), 0)} | {b['decoder'] / 1e6:.2f}{encoder} |")


def precision_table(models):
    print("| model | float32 | float16 | uint8 | ships |")
    print("|---|---|---|---|---|")
    for m in models:
        tried = m.get("precision", {}).get("tried")
        if not tried:
            continue
        cells = [f"{fmt(tried[s]['score'], 2)} nats, {tried[s]['bytes'] / 1e6:.2f} MB" if s in tried else "—"
                 for s in ("float32", "float16", "uint8")]
        print(f"| `{m['name']}` | " + " | ".join(cells) + f" | {m['weights']} |")


def samples_table(models):
    print("| model | digit score (of 10) | decoded clearly (≥ 90% sure) | clear samples read as 0…9 |")
    print("|---|---|---|---|")
    for m in models:
        s = m.get("samples")
        if s:
            print(f"| `{m['name']}` | **{s['digit_score']:.2f}** | {100 * s['confident']:.1f}% | "
                  f"{' '.join(str(c) for c in s['classes'])} |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("manifest", nargs="?", default="exported_model/manifest.json")
    args = p.parse_args()
    with open(args.manifest) as f:
        models = json.load(f)["models"]
    for table in (models_table, precision_table, samples_table):
        table(models)
        print()


if __name__ == "__main__":
    main()

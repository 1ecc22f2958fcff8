"""The page's app icons (static/icons/), drawn from the real MNIST digits the page ships
(static/data/mnist-samples.json): a 3 × 3 grid of them, white on the page's dark ink, made once and
committed (scripts/build-assets.mjs copies them into static/dist/ under hashed names and names them in
the web app manifest).

    .venv/bin/python scripts/make_icons.py [--out static/icons]

Writes icon-192.png and icon-512.png (purpose "any": the grid fills the square but a margin) and
icon-maskable-512.png (purpose "maskable": the grid inside the central 80 % circle that every launcher
mask keeps). numpy + Pillow only; the output depends only on the samples file.
"""

import argparse
import base64
import json
import os

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "static", "data", "mnist-samples.json")
INK = (29, 29, 27)  # the page's --fg (static/css/app.css): the icon's background
DIGITS = [7, 2, 1, 0, 4, 1, 4, 9, 5]  # which labels, row by row (the first MNIST test digits' labels)
# name: (size, the grid's share of the side)
ICONS = {"icon-192.png": (192, 0.86), "icon-512.png": (512, 0.86), "icon-maskable-512.png": (512, 0.56)}


def sample_digits(path=SAMPLES):
    """The samples file's digits as (count, 28, 28) uint8 and their labels."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    size, count = data["size"], data["count"]
    pixels = np.frombuffer(base64.b64decode(data["pixels"]), np.uint8).reshape(count, size, size)
    return pixels, data["labels"]


def grid(pixels, labels):
    """DIGITS' first samples side by side, 3 × 3, as one (84, 84) uint8 image."""
    used, tiles = set(), []
    for label in DIGITS:
        index = next(i for i, lab in enumerate(labels) if lab == label and i not in used)
        used.add(index)
        tiles.append(pixels[index])
    rows = [np.concatenate(tiles[r * 3 : r * 3 + 3], axis=1) for r in range(3)]
    return np.concatenate(rows, axis=0)


def icon(digits, size, share):
    """digits (white on black) scaled to share × size, centred on an INK square of side size, RGB."""
    inner = round(size * share)
    scaled = np.asarray(Image.fromarray(digits).resize((inner, inner), Image.LANCZOS), np.float32) / 255
    alpha = np.zeros((size, size), np.float32)
    at = (size - inner) // 2
    alpha[at : at + inner, at : at + inner] = scaled
    ink, white = np.array(INK, np.float32), np.array([255, 255, 255], np.float32)
    rgb = ink + alpha[..., None] * (white - ink)
    return Image.fromarray(np.round(rgb).astype(np.uint8), "RGB")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=os.path.join(ROOT, "static", "icons"))
    args = p.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    digits = grid(*sample_digits())
    for name, (size, share) in ICONS.items():
        icon(digits, size, share).save(os.path.join(args.out, name), optimize=True)
    print(f"wrote {', '.join(ICONS)} to {args.out}")


if __name__ == "__main__":
    main()

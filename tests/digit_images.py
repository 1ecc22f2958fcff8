"""Image files of digits for the upload and preprocessing tests (and the benchmark): real MNIST test
digits from tests/fixtures/mnist10.npz, saved the ways people's pictures come: as MNIST (white on
black), inverted and scaled up off-centre, as a shaded "phone photo" with specks, as transparent strokes,
and in each accepted file format. Also the bad inputs the page must refuse."""

import io
import os
import struct
import zlib

import numpy as np
from PIL import Image

# A 7 drawn with the mouse or a finger: two strokes (the bar and the stem, then the cross-bar), as
# fractions of the pad's width and height.
SEVEN_STROKES = [
    [(0.25, 0.2), (0.5, 0.2), (0.75, 0.2), (0.65, 0.45), (0.55, 0.65), (0.48, 0.85)],
    [(0.35, 0.5), (0.7, 0.5)],
]


FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "mnist10.npz")


def mnist10():
    """Ten real MNIST test digits (uint8 (10, 28, 28), one per class) and their labels."""
    with np.load(FIXTURE) as f:
        return f["x"], f["y"]


def encode(image, fmt="PNG", **kw):
    buf = io.BytesIO()
    image.save(buf, fmt, **kw)
    return buf.getvalue()


def as_mnist(digit):
    """The digit as MNIST has it: 28×28 gray, white ink on black."""
    return Image.fromarray(digit, "L")


def dark_on_light(digit, size=500, box=260, at=(40, 190)):
    """Inverted (dark ink on white), scaled up to `box` px and placed off-centre on a size×size sheet."""
    big = Image.fromarray(255 - digit, "L").resize((box, box), Image.BICUBIC)
    sheet = Image.new("L", (size, size), 255)
    sheet.paste(big, at)
    return sheet


def photo(digit, width=800, height=600, seed=0, box=300, at=(420, 170)):
    """A phone-photo-like picture: dark ink on paper lit unevenly, sensor noise, dust specks, RGB."""
    rng = np.random.default_rng(seed)
    ink = np.zeros((height, width))
    big = np.asarray(Image.fromarray(digit, "L").resize((box, box), Image.BICUBIC), np.float64) / 255
    ink[at[1] : at[1] + box, at[0] : at[0] + box] = big
    yy, xx = np.mgrid[0:height, 0:width]
    light = 0.95 - 0.3 * xx / width - 0.15 * (yy / height) ** 2
    gray = light * (1 - 0.8 * ink) + rng.normal(0, 0.015, ink.shape)
    for _ in range(12):  # dust
        y, x = rng.integers(0, height - 3), rng.integers(0, width - 3)
        gray[y : y + 2, x : x + 2] *= 0.4
    rgb = np.clip(np.stack([gray * 1.0, gray * 0.97, gray * 0.9], -1), 0, 1)
    return Image.fromarray(np.round(rgb * 255).astype(np.uint8), "RGB")


def transparent_strokes(digit, size=200):
    """Black strokes on a transparent sheet (what drawing apps export): RGBA with ink in alpha."""
    alpha = np.asarray(Image.fromarray(digit, "L").resize((size, size), Image.BICUBIC))
    rgba = np.zeros((size, size, 4), np.uint8)
    rgba[..., 3] = alpha
    return Image.fromarray(rgba, "RGBA")


def blank(size=200, shade=True):
    """White paper with gentle shading and noise, and no ink."""
    rng = np.random.default_rng(5)
    yy, xx = np.mgrid[0:size, 0:size]
    g = 0.9 - 0.1 * xx / size + rng.normal(0, 0.01, (size, size)) if shade else np.full((size, size), 1.0)
    return Image.fromarray(np.round(np.clip(g, 0, 1) * 255).astype(np.uint8), "L")


def huge_png(width=20000, height=20000):
    """A real, valid, all-white PNG of enormous dimensions, compressed to a few hundred KB."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    parts = [comp.compress(row) for _ in range(height)]
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28">'
    b'<path d="M8 4 L20 24" stroke="black" stroke-width="3"/></svg>'
)

"""Synthetic photos of digits as people would upload them, for bench/bench_upload.py: dark ink on paper,
not MNIST's white on black. Three kinds of ink, each with its true label:

- "handwriting": a real handwritten MNIST test digit, scaled up smoothly as ink;
- "font": a printed digit in one of the machine's TrueType fonts (regular, bold, italic, serif, mono);
- "strokes": a pen-drawn digit from a stroke template with jittered points, random slant and width.

Each is photographed: a pen colour (black, blue, red, green, pencil), off-white paper lit unevenly
from a random side, the digit tilted up to ±15°, 20–60% of the short side, off-centre, on a picture of
300–4000 px on its long side (4:3, 3:4 or square), with sensor noise, saved as JPEG. Deterministic for
a seed."""

import glob
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

KINDS = ("handwriting", "font", "strokes")
PENS = {
    "black": (20, 20, 25),
    "blue": (25, 45, 140),
    "navy": (20, 30, 90),
    "red": (150, 30, 30),
    "green": (30, 90, 50),
    "pencil": (95, 95, 100),
}
FONT_GLOBS = ("/usr/share/fonts/truetype/dejavu/*.ttf", "/usr/share/fonts/truetype/liberation/*.ttf")

# Pen paths of each digit in a unit box (x right, y down): one or more strokes of points.
STROKES = {
    0: [[(0.5 + 0.3 * np.sin(a), 0.5 - 0.4 * np.cos(a)) for a in np.linspace(0, 2 * np.pi, 13)]],
    1: [[(0.35, 0.25), (0.55, 0.1), (0.55, 0.9)]],
    2: [[(0.2, 0.3), (0.35, 0.12), (0.65, 0.12), (0.78, 0.3), (0.7, 0.5), (0.2, 0.9), (0.82, 0.9)]],
    3: [
        [
            (0.22, 0.18),
            (0.5, 0.08),
            (0.75, 0.22),
            (0.7, 0.42),
            (0.45, 0.5),
            (0.72, 0.58),
            (0.78, 0.78),
            (0.5, 0.92),
            (0.2, 0.82),
        ]
    ],
    4: [[(0.6, 0.9), (0.6, 0.1), (0.15, 0.65), (0.85, 0.65)]],
    5: [[(0.75, 0.1), (0.3, 0.1), (0.25, 0.45), (0.55, 0.4), (0.75, 0.55), (0.75, 0.78), (0.5, 0.92), (0.22, 0.85)]],
    6: [
        [
            (0.7, 0.1),
            (0.4, 0.3),
            (0.25, 0.6),
            (0.3, 0.85),
            (0.55, 0.92),
            (0.75, 0.75),
            (0.65, 0.55),
            (0.4, 0.55),
            (0.27, 0.7),
        ]
    ],
    7: [[(0.2, 0.12), (0.8, 0.12), (0.45, 0.9)]],
    8: [
        [
            (0.5, 0.5),
            (0.3, 0.35),
            (0.35, 0.12),
            (0.65, 0.12),
            (0.7, 0.35),
            (0.5, 0.5),
            (0.25, 0.7),
            (0.35, 0.92),
            (0.65, 0.92),
            (0.75, 0.7),
            (0.5, 0.5),
        ]
    ],
    9: [[(0.72, 0.35), (0.55, 0.12), (0.3, 0.2), (0.3, 0.42), (0.55, 0.48), (0.72, 0.35), (0.7, 0.6), (0.6, 0.9)]],
}


def fonts():
    return sorted(p for pattern in FONT_GLOBS for p in glob.glob(pattern))


def ink_handwriting(digit):
    """An MNIST digit (uint8 28×28, white on black) as ink in [0, 1], 256 px."""
    return np.asarray(Image.fromarray(digit, "L").resize((256, 256), Image.BICUBIC), np.float32) / 255


def ink_font(label, rng, font_paths):
    """`label` printed in a random font, size and weight, as ink in [0, 1], 256 px."""
    font = ImageFont.truetype(font_paths[rng.integers(len(font_paths))], int(rng.integers(150, 220)))
    sheet = Image.new("L", (256, 256), 0)
    ImageDraw.Draw(sheet).text(
        (128, 128), str(label), fill=255, font=font, anchor="mm", stroke_width=int(rng.integers(0, 6)), stroke_fill=255
    )
    return np.asarray(sheet, np.float32) / 255


def _smooth(points, rounds=3):
    """Chaikin's corner cutting: a pen's curve through the template's points."""
    p = np.asarray(points, np.float64)
    for _ in range(rounds):
        q = 0.75 * p[:-1] + 0.25 * p[1:]
        r = 0.25 * p[:-1] + 0.75 * p[1:]
        p = np.concatenate([p[:1], np.stack([q, r], 1).reshape(-1, 2), p[-1:]])
    return p


def ink_strokes(label, rng):
    """`label` drawn with a pen: its template jittered, slanted and squeezed, 6–14% wide strokes."""
    sheet = Image.new("L", (256, 256), 0)
    draw = ImageDraw.Draw(sheet)
    slant, squeeze = rng.uniform(-0.3, 0.2), rng.uniform(0.7, 1.1)
    width = int(256 * rng.uniform(0.06, 0.14))
    for stroke in STROKES[label]:
        p = np.asarray(stroke) + rng.normal(0, 0.025, (len(stroke), 2))
        p[:, 0] = 0.5 + (p[:, 0] - 0.5) * squeeze + slant * (0.5 - p[:, 1])
        xy = [tuple(v) for v in _smooth(p) * 200 + 28]
        draw.line(xy, fill=255, width=width, joint="curve")
        for x, y in (xy[0], xy[-1]):  # round pen ends
            draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)
    return np.asarray(sheet, np.float32) / 255


def photograph(ink, rng):
    """The ink (square, [0, 1]) as a JPEG photo of paper: (bytes, {size, pen, tilt})."""
    long_side = int(np.exp(rng.uniform(np.log(300), np.log(4000))))
    aspect = (4 / 3, 3 / 4, 1.0)[rng.integers(3)]
    w, h = (long_side, int(long_side / aspect)) if aspect >= 1 else (int(long_side * aspect), long_side)
    tilt = rng.uniform(-15, 15)
    box = max(24, int(min(w, h) * rng.uniform(0.2, 0.6)))
    glyph = Image.fromarray(np.round(ink * 255).astype(np.uint8), "L").rotate(tilt, Image.BICUBIC, expand=True)
    glyph = np.asarray(glyph.resize((box, box), Image.BICUBIC), np.float32) / 255
    layer = np.zeros((h, w), np.float32)
    y0, x0 = (int(rng.integers(0, h - box + 1)), int(rng.integers(0, w - box + 1)))
    layer[y0 : y0 + box, x0 : x0 + box] = glyph * rng.uniform(0.8, 1.0)
    pen_name = list(PENS)[rng.integers(len(PENS))]
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    across = (xx / w - 0.5) * np.cos(angle) + (yy / h - 0.5) * np.sin(angle)
    light = 0.93 - rng.uniform(0.1, 0.45) * (across + 0.5)
    paper = np.asarray((245, 242, 230), np.float32) / 255 * rng.uniform(0.92, 1.0, 3).astype(np.float32)
    pen = np.asarray(PENS[pen_name], np.float32) / 255
    rgb = light[..., None] * (paper * (1 - layer[..., None]) + pen * layer[..., None])
    rgb += rng.normal(0, rng.uniform(0.005, 0.025), (h, w, 1)).astype(np.float32)
    image = Image.fromarray(np.round(np.clip(rgb, 0, 1) * 255).astype(np.uint8), "RGB")
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=int(rng.integers(75, 93)))
    return buf.getvalue(), {"size": (w, h), "pen": pen_name, "tilt": round(float(tilt), 1)}


def photos(x_test, y_test, per_kind, seed=0):
    """per_kind photos of each kind: [(label, kind, JPEG bytes, details)], the MNIST digits taken at
    random from the test set given, the labels of the other kinds cycling through 0–9."""
    rng = np.random.default_rng(seed)
    font_paths = fonts()
    out = []
    picks = rng.choice(len(x_test), per_kind, replace=False)
    for k in range(per_kind):
        inks = {"handwriting": (int(y_test[picks[k]]), ink_handwriting(x_test[picks[k]]))}
        if font_paths:
            inks["font"] = (k % 10, ink_font(k % 10, rng, font_paths))
        inks["strokes"] = ((k + 5) % 10, ink_strokes((k + 5) % 10, rng))
        for kind, (label, ink) in inks.items():
            data, details = photograph(ink, rng)
            out.append((label, kind, data, details))
    return out

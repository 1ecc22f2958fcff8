"""Turn a picture of a handwritten digit into a 28×28 MNIST-style input, as MNIST itself was made.

This is the Python twin of the page's `static/js/upload/preprocess.js`: the same steps, the same constants,
the same arithmetic (float64), so that for the same decoded pixels both give the same 28×28 array
(tests/page/test_preprocess.py checks max |Δ| ≤ 0.02 on PNG files; in practice they agree to ~1e-6).
numpy + Pillow only, no TensorFlow: use it to prepare your own data.

    from train.preprocess import preprocess_image
    x = preprocess_image("photo_of_a_seven.jpg")      # float32 (28, 28) in [0, 1], white ink on black

    python -m train.preprocess photo.jpg --out digit.png   # CLI: writes the 28×28 result (and prints it)

The steps (each constant is named below and mirrored in preprocess.js):

1. Decode: EXIF orientation applied, first frame of a GIF, any mode → RGBA uint8. Very large images
   (long side > PRE_REDUCE_SIDE) are first shrunk by the decoder (browser: createImageBitmap resize;
   here: Pillow BOX), the only step where the two sides may differ.
2. Gray = (0.299 R + 0.587 G + 0.114 B) / 255. Transparency is composited onto the paper colour:
   if some pixels are transparent, and the opaque ones are a minority (strokes on a transparent
   sheet) the paper is the opposite of their median; if they are the majority, the paper is their
   median.
3. Shrink (own area averaging) so the long side is at most WORK_SIDE px.
4. Polarity: if the median is light (> 0.5), the ink is dark on light paper → invert, so ink is bright.
5. Background (paper shading): per block (BLOCKS × BLOCKS grid) the median, then the minimum over the
   3×3 neighbouring blocks, bilinearly interpolated; v = (v − bg) / (1 − bg), clipped to [0, 1]:
   ink relative to its local paper, so shadows and uneven light fall out.
6. Ink mask: a noise floor (median + 6 robust σ, at least 0.1), then half of Otsu's threshold
   (256 bins) computed over the pixels above the floor only, so that a small digit in a big photo is
   not lost to Otsu splitting the paper's noise; half, to keep the strokes' soft edges. Nothing well
   above the floor → "no ink" (blank image).
7. Connected components (8-neighbour); components smaller than SPECK_REL × the largest or
   SPECK_ABS × the image area are specks and are erased.
8. Contrast: map [threshold/2, 90th percentile of the ink] to [0, 1] (MNIST strokes saturate).
9. Crop to the ink's bounding box; scale (own area averaging) so the longer side is 20 px, keeping the
   aspect ratio; paste into 28×28 with an integer shift that puts the centre of mass on pixel (14, 14)
   (row, column from 0), where MNIST's test digits have it on average (14.00, 14.01).
"""

import argparse
import io
import math
import os
import sys

import numpy as np

PRE_REDUCE_SIDE = 2048  # decoders shrink bigger images to this long side first
WORK_SIDE = 320  # working resolution (long side) for the ink analysis
BLOCKS = 8  # background grid: the long side is cut into this many blocks
NOISE_SIGMAS = 6  # ink must stand this many noise σ (robust: 1.4826 × MAD) above the median ...
MIN_FLOOR = 0.1  # ... and at least this much
OTSU_SCALE = 0.5  # the ink threshold: this × Otsu's threshold over the pixels above the floor
MIN_CONTRAST = 0.2  # the brightest pixel must be this far above that floor ...
MIN_PEAK = 0.25  # ... and at least this bright, else there is no ink
SPECK_REL = 0.05  # components smaller than this × the largest are specks
SPECK_ABS = 0.0002  # ... or smaller than this × the image area
INK_PERCENTILE = 0.9  # this percentile of the ink maps to 1
BOX = 20  # MNIST: the digit fits a 20×20 box ...
SIZE = 28  # ... centred by mass in a 28×28 field
MAX_PIXELS = 40_000_000  # bigger images are refused (the page does the same)
MAX_BYTES = 20 * 1024 * 1024


class PreprocessError(ValueError):
    """The image cannot be turned into a digit (no ink, not an image, too big); the message says why."""


# ---------------------------------------------------------------------------------------------------
# decoding (the only part that is not pure arithmetic)


def decode_rgba(path_or_bytes):
    """Read an image file (path, bytes or file object) → RGBA uint8 array (H, W, 4), as the page would."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    if isinstance(path_or_bytes, (bytes, bytearray)):
        source = io.BytesIO(path_or_bytes)
    else:
        source = path_or_bytes
    try:
        with Image.open(source) as im:
            if im.width * im.height > MAX_PIXELS:
                raise PreprocessError(f"the image is {im.width}×{im.height}, over {MAX_PIXELS // 10**6} megapixels")
            im.seek(0)  # first frame of an animation
            im = ImageOps.exif_transpose(im)
            if im.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit gray: Pillow's convert would clip
                a = np.asarray(im, dtype=np.float64)
                a = np.clip(np.floor(a / 257.0 + 0.5), 0, 255).astype(np.uint8)
                im = Image.fromarray(a, "L")
            im = im.convert("RGBA")
            if max(im.size) > PRE_REDUCE_SIDE:
                s = PRE_REDUCE_SIDE / max(im.size)
                im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.BOX)
            return np.asarray(im, dtype=np.uint8).copy()
    except PreprocessError:
        raise
    except Image.DecompressionBombError as e:
        raise PreprocessError(f"the image is too large ({e})") from None
    except (OSError, ValueError, SyntaxError) as e:
        raise PreprocessError(f"not a readable image ({type(e).__name__}: {e})") from None


# ---------------------------------------------------------------------------------------------------
# the arithmetic, mirrored line by line in static/js/upload/preprocess.js


def _round(x):
    """Round half up (JS Math.round for positives); Python's round() rounds half to even."""
    return int(math.floor(x + 0.5))


def _lower_median(values):
    s = np.sort(np.asarray(values, np.float64).ravel())
    return float(s[(s.size - 1) // 2])


def area_weights(n_in, n_out):
    """(n_out, n_in) matrix: each output cell averages the input cells it covers, by covered length."""
    w = np.zeros((n_out, n_in), np.float64)
    scale = n_in / n_out
    for j in range(n_out):
        a, b = j * scale, (j + 1) * scale
        k = int(math.floor(a))
        while k < n_in and k < b:
            cover = min(b, k + 1) - max(a, k)
            if cover > 0:
                w[j, k] = cover / scale
            k += 1
    return w


def area_resize(img, out_h, out_w):
    """Area-averaging resize of a float (H, W) array (exact fractional coverage, both directions)."""
    img = np.asarray(img, np.float64)
    h, w = img.shape
    rows = area_weights(h, out_h)
    cols = area_weights(w, out_w)
    return rows @ img @ cols.T


def rgba_to_gray(rgba):
    """RGBA uint8 (H, W, 4) → gray float64 (H, W) in [0, 1], transparency composited onto the paper."""
    rgba = np.asarray(rgba)
    if rgba.ndim == 2:
        return rgba.astype(np.float64) / 255.0
    r, g, b = (rgba[..., i].astype(np.float64) for i in range(3))
    lum = (0.299 * r + 0.587 * g + 0.114 * b) / 255.0
    if rgba.shape[-1] < 4:
        return lum
    alpha = rgba[..., 3].astype(np.float64) / 255.0
    if not (alpha < 0.99).any():
        return lum
    opaque = alpha >= 0.5
    n_opaque = int(opaque.sum())
    if n_opaque == 0:
        return np.ones_like(lum)  # nothing drawn at all: blank paper
    med = _lower_median(lum[opaque])
    if n_opaque < 0.5 * lum.size:
        paper = 1.0 if med < 0.5 else 0.0  # opaque strokes on a transparent sheet
    else:
        paper = med  # an opaque sheet with transparent margins
    return alpha * lum + (1.0 - alpha) * paper


def fit_long_side(h, w, side):
    """(h, w) scaled so the long side is `side` (never below 1 px)."""
    s = side / max(h, w)
    return max(1, _round(h * s)), max(1, _round(w * s))


def background(v):
    """Local paper level: block medians, min over 3×3 blocks, bilinear between block centres."""
    h, w = v.shape
    bs = int(math.ceil(max(h, w) / BLOCKS))
    gh, gw = int(math.ceil(h / bs)), int(math.ceil(w / bs))
    med = np.zeros((gh, gw), np.float64)
    for i in range(gh):
        for j in range(gw):
            med[i, j] = _lower_median(v[i * bs : (i + 1) * bs, j * bs : (j + 1) * bs])
    grid = np.zeros_like(med)
    for i in range(gh):
        for j in range(gw):
            grid[i, j] = med[max(0, i - 1) : i + 2, max(0, j - 1) : j + 2].min()

    def axis(n, g):
        f = np.clip((np.arange(n) + 0.5) / bs - 0.5, 0, g - 1)
        i0 = np.floor(f).astype(int)
        i1 = np.minimum(i0 + 1, g - 1)
        return i0, i1, f - i0

    y0, y1, ty = axis(h, gh)
    x0, x1, tx = axis(w, gw)
    top = grid[y0][:, x0] * (1 - tx) + grid[y0][:, x1] * tx
    bottom = grid[y1][:, x0] * (1 - tx) + grid[y1][:, x1] * tx
    return top * (1 - ty)[:, None] + bottom * ty[:, None]


def otsu(v):
    """Otsu's threshold on 256 bins of v in [0, 1] → (threshold, mean below, mean above)."""
    bins = np.minimum(255, np.floor(v * 256)).astype(np.int64)
    hist = np.bincount(bins.ravel(), minlength=256).tolist()
    total = float(v.size)
    sum_all = 0.0
    for k in range(256):
        sum_all += (k + 0.5) * hist[k]
    best, best_k = -1.0, 0
    w0 = 0.0
    s0 = 0.0
    for k in range(255):
        w0 += hist[k]
        s0 += (k + 0.5) * hist[k]
        w1 = total - w0
        if w0 == 0 or w1 == 0:
            continue
        m0 = s0 / w0
        m1 = (sum_all - s0) / w1
        between = w0 * w1 * (m0 - m1) * (m0 - m1)
        if between > best:
            best, best_k = between, k
    w0 = 0.0
    s0 = 0.0
    for k in range(best_k + 1):
        w0 += hist[k]
        s0 += (k + 0.5) * hist[k]
    w1 = total - w0
    m0 = s0 / w0 / 256 if w0 else 0.0
    m1 = (sum_all - s0) / w1 / 256 if w1 else 0.0
    return (best_k + 1) / 256, m0, m1


def label_components(mask):
    """8-connected components of a bool (H, W) mask → (labels int32 (H, W), 0 = background; areas)."""
    h, w = mask.shape
    parent = [0]

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    run_labels = np.zeros((h, w), np.int32)
    prev_runs = []
    for y in range(h):
        row = mask[y]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
        runs = []
        for s, e in zip(edges[0::2], edges[1::2]):  # run covers [s, e)
            lab = 0
            for ps, pe, pl in prev_runs:
                if ps <= e and pe >= s:  # touching, diagonals included: [ps-1, pe] overlaps [s, e)
                    if lab == 0:
                        lab = find(pl)
                    else:
                        a, b = find(lab), find(pl)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
                            lab = min(a, b)
            if lab == 0:
                lab = len(parent)
                parent.append(lab)
            run_labels[y, s:e] = lab
            runs.append((int(s), int(e), lab))
        prev_runs = runs
    roots = np.array([find(i) for i in range(len(parent))], np.int32)
    labels = roots[run_labels]
    areas = np.bincount(labels.ravel(), minlength=len(parent))
    areas[0] = 0
    return labels, areas


def to_work_size(g):
    """Shrink to WORK_SIDE (long side) if bigger."""
    h, w = g.shape
    if max(h, w) <= WORK_SIDE:
        return g
    h, w = fit_long_side(h, w, WORK_SIDE)
    return area_resize(g, h, w)


def ink_relative_to_paper(g):
    """Ink made bright (polarity from the median) and relative to its local paper, in [0, 1]: (v, peak)."""
    v = 1.0 - g if _lower_median(g) > 0.5 else g
    bg = background(v)
    v = np.clip((v - bg) / np.maximum(1.0 - bg, 0.05), 0.0, 1.0)
    return v, float(v.max())


def ink_threshold(v, peak):
    """The ink threshold: half Otsu's over the pixels above the noise floor. Raises when there is no ink."""
    med = _lower_median(v)
    floor = med + max(NOISE_SIGMAS * 1.4826 * _lower_median(np.abs(v - med)), MIN_FLOOR)
    if peak < max(MIN_PEAK, floor + MIN_CONTRAST):
        raise PreprocessError("no ink found: the image is blank")
    candidates = v[v > floor]
    if candidates.size < SPECK_ABS * v.size:
        raise PreprocessError("no ink found: the image is blank or too faint")
    return max(OTSU_SCALE * otsu(candidates)[0], floor)


def ink_components(v, t):
    """The ink mask and which of its components are kept (specks dropped): (mask, labels, keep)."""
    mask = v >= t
    labels, areas = label_components(mask)
    largest = int(areas.max())
    min_area = max(SPECK_REL * largest, SPECK_ABS * v.size)
    if largest < min_area or largest == 0:
        raise PreprocessError("no ink found: only specks")
    keep = areas >= min_area
    keep[0] = False
    return mask, labels, keep


def crop_ink(v, t, components):
    """Crop to the kept ink, contrast [t/2, 90th percentile] → [0, 1], specks erased."""
    mask, labels, keep = components
    kept = keep[labels]
    ink = np.sort(v[kept])
    lo = t / 2
    hi = max(float(ink[int(math.floor(INK_PERCENTILE * (ink.size - 1)))]), lo + 0.05)
    out = np.clip((v - lo) / (hi - lo), 0.0, 1.0)
    out[mask & ~kept] = 0.0
    ys = np.flatnonzero(kept.any(axis=1))
    xs = np.flatnonzero(kept.any(axis=0))
    return out[ys[0] : ys[-1] + 1, xs[0] : xs[-1] + 1]


def centre_by_mass(crop):
    """Scale the crop into BOX × BOX and paste it into SIZE × SIZE with its centre of mass at (14, 14)."""
    nh, nw = fit_long_side(crop.shape[0], crop.shape[1], BOX)
    small = area_resize(crop, nh, nw)
    mass = small.sum()
    if not mass > 0:
        raise PreprocessError("no ink found")
    cy = float((small.sum(axis=1) * np.arange(nh)).sum() / mass)
    cx = float((small.sum(axis=0) * np.arange(nw)).sum() / mass)
    oy = min(max(int(math.floor(SIZE / 2 + 0.5 - cy + 1e-9)), 0), SIZE - nh)
    ox = min(max(int(math.floor(SIZE / 2 + 0.5 - cx + 1e-9)), 0), SIZE - nw)
    result = np.zeros((SIZE, SIZE), np.float64)
    result[oy : oy + nh, ox : ox + nw] = small
    return np.clip(result, 0.0, 1.0).astype(np.float32)


def preprocess_gray(gray):
    """Gray float (H, W) in [0, 1] (any polarity) → float32 (28, 28), white ink on black, MNIST-style:
    the same named steps as static/js/upload/preprocess.js's preprocessGray.

    Raises PreprocessError when no ink is found.
    """
    g = np.asarray(gray, np.float64)
    if g.ndim != 2 or g.size == 0:
        raise PreprocessError("expected a non-empty 2-D gray image")
    v, peak = ink_relative_to_paper(to_work_size(g))
    t = ink_threshold(v, peak)
    return centre_by_mass(crop_ink(v, t, ink_components(v, t)))


def preprocess_rgba(rgba):
    """RGBA (or gray) uint8 array → float32 (28, 28) in [0, 1]."""
    return preprocess_gray(rgba_to_gray(rgba))


def preprocess_image(path_or_array):
    """An image file (path, bytes) or array (gray float in [0, 1], or uint8 gray/RGB/RGBA) → float32
    (28, 28) in [0, 1], white ink on black, the digit scaled into 20×20 and centred by mass."""
    if isinstance(path_or_array, np.ndarray):
        a = path_or_array
        if a.dtype == np.uint8:
            return preprocess_rgba(
                a
                if a.ndim == 2 or a.shape[-1] != 3
                else np.concatenate([a, np.full(a.shape[:2] + (1,), 255, np.uint8)], -1)
            )
        return preprocess_gray(a)
    if isinstance(path_or_array, (str, os.PathLike)):
        path = os.fspath(path_or_array)
        if not os.path.isfile(path):
            raise PreprocessError(f"no such file: {path}")
        size = os.path.getsize(path)
        if size == 0:
            raise PreprocessError("the file is empty")
        if size > MAX_BYTES:
            raise PreprocessError(f"the file is over {MAX_BYTES // 2**20} MB")
        with open(path, "rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"<?xml") or head.startswith(b"<svg") or path.lower().endswith(".svg"):
            raise PreprocessError("SVG is a drawing program, not pixels; export it as PNG first")
    return preprocess_rgba(decode_rgba(path_or_array))


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python -m train.preprocess", description="Turn a picture of a digit into a 28×28 MNIST-style image."
    )
    p.add_argument("image", help="PNG, JPEG, GIF, WebP or BMP file")
    p.add_argument("--out", help="write the 28×28 result here (PNG, white on black)")
    p.add_argument("--npy", help="write the float32 (28, 28) array here")
    args = p.parse_args(argv)
    try:
        x = preprocess_image(args.image)
    except PreprocessError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if args.out:
        from PIL import Image

        Image.fromarray(np.round(x * 255).astype(np.uint8), "L").save(args.out)
    if args.npy:
        np.save(args.npy, x)
    for row in x:
        print("".join(" .:-=+*#%@"[min(9, int(v * 10))] for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())

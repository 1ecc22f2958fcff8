// The pixel pipeline that turns a picture of a handwritten digit into the 28×28 input the model
// expects, as MNIST was made: grayscale, ink made bright on black, paper shading removed, specks
// ignored, cropped, scaled (own area averaging) so the long side is 20 px, and centred by mass. The
// JavaScript twin of train/preprocess.py: same steps, same constants, same float64 arithmetic
// (tests/page/test_preprocess.py compares them on files). Pure functions of arrays; reading and
// checking files is image-file.js.

import { MessageError } from '../core/errors.js';

export const WORK_SIDE = 320;
export const BLOCKS = 8;
export const NOISE_SIGMAS = 6;
export const MIN_FLOOR = 0.1;
export const OTSU_SCALE = 0.5;
export const MIN_CONTRAST = 0.2;
export const MIN_PEAK = 0.25;
export const SPECK_REL = 0.05;
export const SPECK_ABS = 0.0002;
export const INK_PERCENTILE = 0.9;
export const BOX = 20;
export const SIZE = 28;

/** A picture that cannot become a digit: new PreprocessError(key, params), a catalog sentence for the person. */
export class PreprocessError extends MessageError {}

const round = (x) => Math.floor(x + 0.5);

function lowerMedian(values) {
  const s = Float64Array.from(values).sort();
  return s[(s.length - 1) >> 1];
}

/** Area weights for n_in → n_out as rows of {start, w[]} (each output averages the cells it covers). */
export function areaWeights(nIn, nOut) {
  const scale = nIn / nOut;
  const rows = [];
  for (let j = 0; j < nOut; j += 1) {
    const a = j * scale;
    const b = (j + 1) * scale;
    const start = Math.floor(a);
    const w = [];
    for (let k = start; k < nIn && k < b; k += 1) {
      const cover = Math.min(b, k + 1) - Math.max(a, k);
      w.push(cover > 0 ? cover / scale : 0);
    }
    rows.push({ start, w });
  }
  return rows;
}

/** Area-averaging resize of a float (h × w, row-major) image → Float64Array (outH × outW). */
export function areaResize(src, h, w, outH, outW) {
  const cols = areaWeights(w, outW);
  const rows = areaWeights(h, outH);
  const tmp = new Float64Array(h * outW);  // rows first: (h × w) → (h × outW)
  for (let y = 0; y < h; y += 1) {
    for (let j = 0; j < outW; j += 1) {
      const { start, w: ws } = cols[j];
      let s = 0;
      for (let k = 0; k < ws.length; k += 1) s += ws[k] * src[y * w + start + k];
      tmp[y * outW + j] = s;
    }
  }
  const out = new Float64Array(outH * outW);
  for (let i = 0; i < outH; i += 1) {
    const { start, w: ws } = rows[i];
    for (let x = 0; x < outW; x += 1) {
      let s = 0;
      for (let k = 0; k < ws.length; k += 1) s += ws[k] * tmp[(start + k) * outW + x];
      out[i * outW + x] = s;
    }
  }
  return out;
}

/** RGBA bytes (w × h × 4) → gray Float64Array in [0, 1], transparency composited onto the paper. */
export function rgbaToGray(rgba, width, height) {
  const n = width * height;
  const lum = new Float64Array(n);
  const alpha = new Float64Array(n);
  let anyTransparent = false;
  let nOpaque = 0;
  for (let i = 0; i < n; i += 1) {
    lum[i] = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    alpha[i] = rgba[4 * i + 3] / 255;
    if (alpha[i] < 0.99) anyTransparent = true;
    if (alpha[i] >= 0.5) nOpaque += 1;
  }
  if (!anyTransparent) return lum;
  if (nOpaque === 0) return new Float64Array(n).fill(1);
  const opaqueLum = new Float64Array(nOpaque);
  for (let i = 0, k = 0; i < n; i += 1) if (alpha[i] >= 0.5) opaqueLum[k++] = lum[i];
  const med = lowerMedian(opaqueLum);
  let paper;
  if (nOpaque < 0.5 * n) paper = med < 0.5 ? 1 : 0;
  else paper = med;
  for (let i = 0; i < n; i += 1) lum[i] = alpha[i] * lum[i] + (1 - alpha[i]) * paper;
  return lum;
}

export function fitLongSide(h, w, side) {
  const s = side / Math.max(h, w);
  return [Math.max(1, round(h * s)), Math.max(1, round(w * s))];
}

/** Local paper level: block medians, min over 3×3 blocks, bilinear between block centres. */
export function background(v, h, w) {
  const bs = Math.ceil(Math.max(h, w) / BLOCKS);
  const gh = Math.ceil(h / bs);
  const gw = Math.ceil(w / bs);
  const med = new Float64Array(gh * gw);
  const buffer = new Float64Array(bs * bs);
  for (let i = 0; i < gh; i += 1) {
    for (let j = 0; j < gw; j += 1) {
      let k = 0;
      for (let y = i * bs; y < Math.min(h, (i + 1) * bs); y += 1) {
        for (let x = j * bs; x < Math.min(w, (j + 1) * bs); x += 1) buffer[k++] = v[y * w + x];
      }
      const block = buffer.subarray(0, k).sort();
      med[i * gw + j] = block[(k - 1) >> 1];
    }
  }
  const grid = new Float64Array(gh * gw);
  for (let i = 0; i < gh; i += 1) {
    for (let j = 0; j < gw; j += 1) {
      let m = Infinity;
      for (let a = Math.max(0, i - 1); a <= Math.min(gh - 1, i + 1); a += 1) {
        for (let b = Math.max(0, j - 1); b <= Math.min(gw - 1, j + 1); b += 1) m = Math.min(m, med[a * gw + b]);
      }
      grid[i * gw + j] = m;
    }
  }
  const axis = (n, g) => {
    const i0 = new Int32Array(n);
    const i1 = new Int32Array(n);
    const t = new Float64Array(n);
    for (let p = 0; p < n; p += 1) {
      const f = Math.min(Math.max((p + 0.5) / bs - 0.5, 0), g - 1);
      i0[p] = Math.floor(f);
      i1[p] = Math.min(i0[p] + 1, g - 1);
      t[p] = f - i0[p];
    }
    return [i0, i1, t];
  };
  const [y0, y1, ty] = axis(h, gh);
  const [x0, x1, tx] = axis(w, gw);
  const bg = new Float64Array(h * w);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const top = grid[y0[y] * gw + x0[x]] * (1 - tx[x]) + grid[y0[y] * gw + x1[x]] * tx[x];
      const bottom = grid[y1[y] * gw + x0[x]] * (1 - tx[x]) + grid[y1[y] * gw + x1[x]] * tx[x];
      bg[y * w + x] = top * (1 - ty[y]) + bottom * ty[y];
    }
  }
  return bg;
}

/** Otsu's threshold on 256 bins of v in [0, 1] → {t, m0, m1} (threshold, class means). */
export function otsu(v) {
  const hist = new Float64Array(256);
  for (let i = 0; i < v.length; i += 1) hist[Math.min(255, Math.floor(v[i] * 256))] += 1;
  const total = v.length;
  let sumAll = 0;
  for (let k = 0; k < 256; k += 1) sumAll += (k + 0.5) * hist[k];
  let best = -1;
  let bestK = 0;
  let w0 = 0;
  let s0 = 0;
  for (let k = 0; k < 255; k += 1) {
    w0 += hist[k];
    s0 += (k + 0.5) * hist[k];
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = s0 / w0;
    const m1 = (sumAll - s0) / w1;
    const between = w0 * w1 * (m0 - m1) * (m0 - m1);
    if (between > best) {
      best = between;
      bestK = k;
    }
  }
  w0 = 0;
  s0 = 0;
  for (let k = 0; k <= bestK; k += 1) {
    w0 += hist[k];
    s0 += (k + 0.5) * hist[k];
  }
  const w1 = total - w0;
  return { t: (bestK + 1) / 256, m0: w0 ? s0 / w0 / 256 : 0, m1: w1 ? (sumAll - s0) / w1 / 256 : 0 };
}

/** 8-connected components of a 0/1 mask (h × w) → {labels: Int32Array, areas: number[]} (label 0 = none). */
export function labelComponents(mask, h, w) {
  const labels = new Int32Array(h * w);
  const areas = [0];
  const stack = new Int32Array(h * w);
  for (let p = 0; p < h * w; p += 1) {
    if (!mask[p] || labels[p]) continue;
    const lab = areas.length;
    let area = 0;
    let top = 0;
    stack[top++] = p;
    labels[p] = lab;
    while (top > 0) {
      const q = stack[--top];
      area += 1;
      const qy = Math.floor(q / w);
      const qx = q - qy * w;
      for (let dy = -1; dy <= 1; dy += 1) {
        const y = qy + dy;
        if (y < 0 || y >= h) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const x = qx + dx;
          if (x < 0 || x >= w) continue;
          const r = y * w + x;
          if (mask[r] && !labels[r]) {
            labels[r] = lab;
            stack[top++] = r;
          }
        }
      }
    }
    areas.push(area);
  }
  return { labels, areas };
}


const NO_INK = 'upload.err.noInk';

/** Shrink to WORK_SIDE (long side) if bigger: {g, h, w}. */
export function toWorkSize(gray, h, w) {
  if (Math.max(h, w) <= WORK_SIDE) return { g: gray, h, w };
  const [nh, nw] = fitLongSide(h, w, WORK_SIDE);
  return { g: areaResize(gray, h, w, nh, nw), h: nh, w: nw };
}

/** Ink made bright (polarity from the median) and relative to its local paper, in [0, 1]: {v, peak}. */
export function inkRelativeToPaper(g, h, w) {
  const n = h * w;
  const invert = lowerMedian(g) > 0.5;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i += 1) v[i] = invert ? 1 - g[i] : g[i];
  const bg = background(v, h, w);
  let peak = 0;
  for (let i = 0; i < n; i += 1) {
    const x = (v[i] - bg[i]) / Math.max(1 - bg[i], 0.05);
    v[i] = Math.min(Math.max(x, 0), 1);
    if (v[i] > peak) peak = v[i];
  }
  return { v, peak };
}

/** The ink threshold: half Otsu's over the pixels above the noise floor. Throws when there is no ink. */
export function inkThreshold(v, peak) {
  const n = v.length;
  const med = lowerMedian(v);
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i += 1) deviations[i] = Math.abs(v[i] - med);
  const floor = med + Math.max(NOISE_SIGMAS * 1.4826 * lowerMedian(deviations), MIN_FLOOR);
  if (peak < Math.max(MIN_PEAK, floor + MIN_CONTRAST)) throw new PreprocessError(NO_INK);
  let nCandidates = 0;
  for (let i = 0; i < n; i += 1) if (v[i] > floor) nCandidates += 1;
  if (nCandidates < SPECK_ABS * n) throw new PreprocessError(NO_INK);
  const candidates = new Float64Array(nCandidates);
  for (let i = 0, k = 0; i < n; i += 1) if (v[i] > floor) candidates[k++] = v[i];
  return Math.max(OTSU_SCALE * otsu(candidates).t, floor);
}

/** The ink mask and which of its components are kept (specks dropped): {mask, labels, keep}. */
export function inkComponents(v, t, h, w) {
  const n = h * w;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) mask[i] = v[i] >= t ? 1 : 0;
  const { labels, areas } = labelComponents(mask, h, w);
  let largest = 0;
  for (const a of areas) if (a > largest) largest = a;
  const minArea = Math.max(SPECK_REL * largest, SPECK_ABS * n);
  if (largest === 0 || largest < minArea) {
    throw new PreprocessError('upload.err.specks');
  }
  const keep = Uint8Array.from(areas, (a, i) => (i > 0 && a >= minArea ? 1 : 0));
  return { mask, labels, keep };
}

/** The kept ink's bounding box and its values sorted: {top, bottom, left, right, ink}. */
function inkBox(v, labels, keep, h, w) {
  const values = new Float64Array(h * w);
  let count = 0;
  let top = h;
  let bottom = -1;
  let left = w;
  let right = -1;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      if (keep[labels[i]]) {
        values[count++] = v[i];
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return { top, bottom, left, right, ink: values.subarray(0, count).sort() };
}

/** Crop to the ink, contrast [t/2, 90th percentile] → [0, 1], specks erased: {crop, ch, cw}. */
export function cropInk(v, t, { mask, labels, keep }, h, w) {
  const { top, bottom, left, right, ink } = inkBox(v, labels, keep, h, w);
  const lo = t / 2;
  const hi = Math.max(ink[Math.floor(INK_PERCENTILE * (ink.length - 1))], lo + 0.05);
  const ch = bottom - top + 1;
  const cw = right - left + 1;
  const crop = new Float64Array(ch * cw);
  for (let y = 0; y < ch; y += 1) {
    for (let x = 0; x < cw; x += 1) {
      const i = (y + top) * w + (x + left);
      const speck = mask[i] && !keep[labels[i]];
      crop[y * cw + x] = speck ? 0 : Math.min(Math.max((v[i] - lo) / (hi - lo), 0), 1);
    }
  }
  return { crop, ch, cw };
}

/** Scale the crop into BOX × BOX and paste it into SIZE × SIZE with its centre of mass at (14, 14). */
export function centreByMass(crop, ch, cw) {
  const [nh, nw] = fitLongSide(ch, cw, BOX);
  const small = areaResize(crop, ch, cw, nh, nw);
  let mass = 0;
  let my = 0;
  let mx = 0;
  for (let y = 0; y < nh; y += 1) {
    for (let x = 0; x < nw; x += 1) {
      const p = small[y * nw + x];
      mass += p;
      my += y * p;
      mx += x * p;
    }
  }
  if (!(mass > 0)) throw new PreprocessError(NO_INK);
  const oy = Math.min(Math.max(Math.floor(SIZE / 2 + 0.5 - my / mass + 1e-9), 0), SIZE - nh);
  const ox = Math.min(Math.max(Math.floor(SIZE / 2 + 0.5 - mx / mass + 1e-9), 0), SIZE - nw);
  const out = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < nh; y += 1) {
    for (let x = 0; x < nw; x += 1) {
      out[(y + oy) * SIZE + (x + ox)] = Math.min(Math.max(small[y * nw + x], 0), 1);
    }
  }
  return out;
}

/**
 * Gray Float64Array (h × w, any polarity, [0, 1]) → Float32Array(784): white ink on black, the digit
 * scaled into 20×20 and centred by mass in 28×28. Throws PreprocessError when there is no ink.
 */
export function preprocessGray(gray, height, width) {
  if (!(height > 0 && width > 0)) throw new PreprocessError('upload.err.noPixels');
  const { g, h, w } = toWorkSize(gray, height, width);
  const { v, peak } = inkRelativeToPaper(g, h, w);
  const t = inkThreshold(v, peak);
  const { crop, ch, cw } = cropInk(v, t, inkComponents(v, t, h, w), h, w);
  return centreByMass(crop, ch, cw);
}

/** RGBA bytes (width × height × 4, e.g. ImageData.data) → Float32Array(784) (see preprocessGray). */
export function preprocessRGBA(rgba, width, height) {
  return preprocessGray(rgbaToGray(rgba, width, height), height, width);
}

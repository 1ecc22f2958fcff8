// Turns a picture of a handwritten digit into the 28×28 input the model expects, as MNIST was made:
// grayscale, ink made bright on black, paper shading removed, specks ignored, cropped, scaled (own area
// averaging) so the long side is 20 px, and centred by mass. The JavaScript twin of train/preprocess.py:
// same steps, same constants, same float64 arithmetic (tests/test_preprocess.py compares them on files).
// Also: checking a file before decoding it (type sniffing, dimensions from the header, size limits).
// Everything but decodeImageFile() is a pure function of arrays, so a test can call it.

export const PRE_REDUCE_SIDE = 2048;
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
export const MAX_PIXELS = 40e6;
export const MAX_BYTES = 20 * 1024 * 1024;

/** A picture that cannot become a digit; the message is a sentence for the person. */
export class PreprocessError extends Error {}

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

/**
 * Gray Float64Array (h × w, any polarity, [0, 1]) → Float32Array(784): white ink on black, the digit
 * scaled into 20×20 and centred by mass in 28×28. Throws PreprocessError when there is no ink.
 */
export function preprocessGray(gray, height, width) {
  let g = gray;
  let h = height;
  let w = width;
  if (!(h > 0 && w > 0)) throw new PreprocessError('The image has no pixels.');
  if (Math.max(h, w) > WORK_SIDE) {
    const [nh, nw] = fitLongSide(h, w, WORK_SIDE);
    g = areaResize(g, h, w, nh, nw);
    h = nh;
    w = nw;
  }
  const n = h * w;
  const invert = lowerMedian(g) > 0.5;
  let v = new Float64Array(n);
  for (let i = 0; i < n; i += 1) v[i] = invert ? 1 - g[i] : g[i];
  const bg = background(v, h, w);
  let peak = 0;
  for (let i = 0; i < n; i += 1) {
    const x = (v[i] - bg[i]) / Math.max(1 - bg[i], 0.05);
    v[i] = Math.min(Math.max(x, 0), 1);
    if (v[i] > peak) peak = v[i];
  }
  const noInk = 'No digit found: the image looks blank (no ink that stands out from the paper).';
  const med = lowerMedian(v);
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i += 1) deviations[i] = Math.abs(v[i] - med);
  const floor = med + Math.max(NOISE_SIGMAS * 1.4826 * lowerMedian(deviations), MIN_FLOOR);
  if (peak < Math.max(MIN_PEAK, floor + MIN_CONTRAST)) throw new PreprocessError(noInk);
  let nCandidates = 0;
  for (let i = 0; i < n; i += 1) if (v[i] > floor) nCandidates += 1;
  if (nCandidates < SPECK_ABS * n) throw new PreprocessError(noInk);
  const candidates = new Float64Array(nCandidates);
  for (let i = 0, k = 0; i < n; i += 1) if (v[i] > floor) candidates[k++] = v[i];
  const t = Math.max(OTSU_SCALE * otsu(candidates).t, floor);
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) mask[i] = v[i] >= t ? 1 : 0;
  const { labels, areas } = labelComponents(mask, h, w);
  let largest = 0;
  for (const a of areas) if (a > largest) largest = a;
  const minArea = Math.max(SPECK_REL * largest, SPECK_ABS * n);
  if (largest === 0 || largest < minArea) {
    throw new PreprocessError('No digit found: only a few tiny specks stand out from the paper.');
  }
  const keep = Uint8Array.from(areas, (a, i) => (i > 0 && a >= minArea ? 1 : 0));
  const inkValues = new Float64Array(n);
  let nInk = 0;
  let top = h;
  let bottom = -1;
  let left = w;
  let right = -1;
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i = y * w + x;
      if (keep[labels[i]]) {
        inkValues[nInk++] = v[i];
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  const ink = inkValues.subarray(0, nInk).sort();
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
  if (!(mass > 0)) throw new PreprocessError(noInk);
  const cy = my / mass;
  const cx = mx / mass;
  const oy = Math.min(Math.max(Math.floor(SIZE / 2 + 0.5 - cy + 1e-9), 0), SIZE - nh);
  const ox = Math.min(Math.max(Math.floor(SIZE / 2 + 0.5 - cx + 1e-9), 0), SIZE - nw);
  const out = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < nh; y += 1) {
    for (let x = 0; x < nw; x += 1) {
      out[(y + oy) * SIZE + (x + ox)] = Math.min(Math.max(small[y * nw + x], 0), 1);
    }
  }
  v = null;
  return out;
}

/** RGBA bytes (width × height × 4, e.g. ImageData.data) → Float32Array(784) (see preprocessGray). */
export function preprocessRGBA(rgba, width, height) {
  return preprocessGray(rgbaToGray(rgba, width, height), height, width);
}

// ------------------------------------------------------------------------------------------------
// Checking a file before decoding it

const FORMATS = 'PNG, JPEG, GIF, WebP or BMP';

function ascii(bytes, start, length) {
  let s = '';
  for (let i = start; i < Math.min(bytes.length, start + length); i += 1) s += String.fromCharCode(bytes[i]);
  return s;
}

/** What the bytes are: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'svg' | 'heic' | null. */
export function sniffType(bytes) {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) return 'bmp';
  if (ascii(b, 4, 4) === 'ftyp' && /hei[cfsx]|mif1|msf1/.test(ascii(b, 8, 4))) return 'heic';
  const text = ascii(b, 0, 1024).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg')) ||
      (text.startsWith('<!doctype svg'))) return 'svg';
  return null;
}

const u16be = (b, i) => (b[i] << 8) | b[i + 1];
const u16le = (b, i) => b[i] | (b[i + 1] << 8);
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b, i) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const i32le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

/** Width and height from the file's header, without decoding: {width, height} or null if unreadable. */
export function headerSize(bytes, type) {
  const b = bytes;
  if (type === 'png') {
    if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
    return { width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (type === 'gif') return b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : null;
  if (type === 'bmp') {
    const dib = b[14] | (b[15] << 8);
    if (dib === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
    return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  }
  if (type === 'webp') {
    const chunk = ascii(b, 12, 4);
    if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    if (chunk === 'VP8L' && b.length >= 25) {
      const bits = (b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    return null;
  }
  if (type === 'jpeg') {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) { i += 1; continue; }
      const marker = b[i + 1];
      if (marker === 0xff) { i += 1; continue; }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: u16be(b, i + 7), height: u16be(b, i + 5) };
      }
      if (marker === 0xd9 || marker === 0xda) return null;
      i += 2 + u16be(b, i + 2);
    }
    return null;
  }
  return null;
}

/** Where a JPEG's first start-of-scan (FFDA) segment begins, walking the segments; -1 if none. */
function jpegScanStart(b) {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) { i += 1; continue; }
    const marker = b[i + 1];
    if (marker === 0xff) { i += 1; continue; }
    if (marker === 0xda) return i;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    i += 2 + u16be(b, i + 2);
  }
  return -1;
}

/**
 * True when the file visibly ends early: a PNG without its IEND chunk, a JPEG with no end-of-image
 * marker after its image data (inside the data FF is always escaped, so FFD9 there is the real end;
 * cameras that append trailers after it are fine).
 */
export function looksTruncated(bytes, type) {
  if (type === 'png') return ascii(bytes, Math.max(0, bytes.length - 12), 12).indexOf('IEND') < 0;
  if (type === 'jpeg') {
    const sos = jpegScanStart(bytes);
    if (sos < 0) return true;
    for (let i = sos + 2; i + 1 < bytes.length; i += 1) {
      if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return false;
    }
    return true;
  }
  return false;
}

/**
 * Check a file's bytes before any decoding: size, type, dimensions. Returns {type, width, height};
 * throws PreprocessError with a sentence that says what is wrong.
 */
export function checkImageBytes(bytes, { name = '', mime = '' } = {}) {
  if (bytes.length === 0) throw new PreprocessError('That file is empty (0 bytes): there is no picture in it.');
  if (bytes.length > MAX_BYTES) {
    throw new PreprocessError(`That file is ${(bytes.length / 2 ** 20).toFixed(1)} MB; the limit is ` +
      `${MAX_BYTES / 2 ** 20} MB. A photo of one digit needs far less: crop it or save it smaller.`);
  }
  const type = sniffType(bytes);
  if (type === 'svg' || /svg/i.test(mime) || /\.svgz?$/i.test(name)) {
    throw new PreprocessError('SVG files are refused: an SVG is a drawing program (text that a browser ' +
      'runs to paint a picture, and that may fetch other files), not pixels. Export it as a PNG first.');
  }
  if (type === 'heic') {
    throw new PreprocessError('This is a HEIC photo (the iPhone default), which most browsers cannot decode. ' +
      `Save it as JPEG or PNG (phones can share photos as JPEG) and try again.`);
  }
  if (!type) {
    throw new PreprocessError(`That file is not a picture this page can read: it is not ${FORMATS}` +
      `${name ? ` (“${name}”)` : ''}.`);
  }
  const size = headerSize(bytes, type);
  if (!size || !(size.width > 0 && size.height > 0)) {
    throw new PreprocessError(`That ${type.toUpperCase()} file is damaged or cut short: its header ` +
      'does not say how big the picture is.');
  }
  if (size.width * size.height > MAX_PIXELS) {
    throw new PreprocessError(`That picture is ${size.width.toLocaleString('en')} × ` +
      `${size.height.toLocaleString('en')} pixels (${(size.width * size.height / 1e6).toFixed(0)} megapixels); ` +
      `the limit is ${MAX_PIXELS / 1e6} megapixels. Scale it down or crop it to the digit.`);
  }
  if (looksTruncated(bytes, type)) {
    throw new PreprocessError(`That ${type.toUpperCase()} file is cut short (its end is missing): ` +
      'it was probably not fully downloaded or copied.');
  }
  return { type, ...size };
}

/**
 * Decode checked bytes into RGBA pixels in the page (nothing leaves the browser): EXIF orientation
 * applied, first frame of a GIF, long side shrunk to PRE_REDUCE_SIDE by the browser if bigger.
 * Returns {data: Uint8ClampedArray, width, height}; throws PreprocessError.
 */
export async function decodeImageBytes(bytes, type) {
  const blob = new Blob([bytes], { type: `image/${type}` });
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', premultiplyAlpha: 'none',
      colorSpaceConversion: 'none' });
  } catch (e) {
    throw new PreprocessError(`That ${type.toUpperCase()} file could not be decoded: it is damaged, ` +
      'cut short, or not really a picture.');
  }
  try {
    let { width, height } = bitmap;
    if (!(width > 0 && height > 0) || width * height > MAX_PIXELS) {
      throw new PreprocessError(`That picture is ${width} × ${height} pixels; the limit is ` +
        `${MAX_PIXELS / 1e6} megapixels.`);
    }
    if (Math.max(width, height) > PRE_REDUCE_SIDE) {
      const [h, w] = fitLongSide(height, width, PRE_REDUCE_SIDE);
      const reduced = await createImageBitmap(bitmap, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
      bitmap.close();
      bitmap = reduced;
      width = w;
      height = h;
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

/** A File or Blob → Float32Array(784) model input. Throws PreprocessError with a sentence. */
export async function preprocessFile(file) {
  if (file.size > MAX_BYTES) checkImageBytes({ length: file.size });  // refuse before reading it
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw new PreprocessError('That file could not be read (it may have been moved or deleted).');
  }
  const { type } = checkImageBytes(bytes, { name: file.name || '', mime: file.type || '' });
  const { data, width, height } = await decodeImageBytes(bytes, type);
  return preprocessRGBA(data, width, height);
}

// Reading a picture file in the page, before the pixel pipeline (preprocess.js): checking its bytes
// (size, type sniffed from the content, dimensions from the header, a cut-short end) so that a bad
// file gets a sentence instead of a decoder error, then decoding it with the browser (EXIF orientation,
// first GIF frame). Nothing leaves the browser.

import { count, fixed } from '../core/format.js';
import { msg } from '../core/i18n.js';
import { PreprocessError, fitLongSide, preprocessRGBA } from './preprocess.js';

export const PRE_REDUCE_SIDE = 2048;
export const MAX_PIXELS = 40e6;
export const MAX_BYTES = 20 * 1024 * 1024;
const FORMATS = msg('upload.formats');
const MB = 2 ** 20;

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
    const sof = jpegMarker(b, (m) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc);
    return sof >= 0 && sof + 9 < b.length ? { width: u16be(b, sof + 7), height: u16be(b, sof + 5) } : null;
  }
  return null;
}

/**
 * Walk a JPEG's segments to the first marker `wanted(marker)` accepts: its index, or -1 if the image
 * data (FFDA) or the end (FFD9) comes first or the bytes run out.
 */
function jpegMarker(b, wanted) {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) { i += 1; continue; }
    const marker = b[i + 1];
    if (marker === 0xff) { i += 1; continue; }
    if (wanted(marker)) return i;
    if (marker === 0xd9 || marker === 0xda) return -1;
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
    const sos = jpegMarker(bytes, (m) => m === 0xda);
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
  if (bytes.length === 0) throw new PreprocessError('upload.err.empty');
  if (bytes.length > MAX_BYTES) {
    throw new PreprocessError('upload.err.tooBig', { size: fixed(bytes.length / MB, 1), limit: count(MAX_BYTES / MB) });
  }
  const type = sniffType(bytes);
  if (type === 'svg' || /svg/i.test(mime) || /\.svgz?$/i.test(name)) {
    throw new PreprocessError('upload.err.svg');
  }
  if (type === 'heic') {
    throw new PreprocessError('upload.err.heic');
  }
  if (!type) {
    throw new PreprocessError(name ? 'upload.err.notPictureNamed' : 'upload.err.notPicture',
      { formats: FORMATS, name });
  }
  const size = headerSize(bytes, type);
  if (!size || !(size.width > 0 && size.height > 0)) {
    throw new PreprocessError('upload.err.header', { type: type.toUpperCase() });
  }
  if (size.width * size.height > MAX_PIXELS) {
    throw new PreprocessError('upload.err.tooManyPixels', { width: count(size.width), height: count(size.height),
      mp: fixed(size.width * size.height / 1e6, 0), limit: count(MAX_PIXELS / 1e6) });
  }
  if (looksTruncated(bytes, type)) {
    throw new PreprocessError('upload.err.truncated', { type: type.toUpperCase() });
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
    throw new PreprocessError('upload.err.decode', { type: type.toUpperCase() });
  }
  try {
    let { width, height } = bitmap;
    if (!(width > 0 && height > 0) || width * height > MAX_PIXELS) {
      throw new PreprocessError('upload.err.bitmapSize', { width: count(width), height: count(height),
        limit: count(MAX_PIXELS / 1e6) });
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
    throw new PreprocessError('upload.err.read');
  }
  const { type } = checkImageBytes(bytes, { name: file.name || '', mime: file.type || '' });
  const { data, width, height } = await decodeImageBytes(bytes, type);
  return preprocessRGBA(data, width, height);
}

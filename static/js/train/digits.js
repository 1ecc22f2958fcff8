// The trainer's digits, read in its worker: one grayscale PNG of 28×28 tiles (training digits first,
// then the held-out ones, `columns` to a row; made by `python -m train.page_data`) and one byte per
// digit for its label. Fetched with a progress report, decoded by the browser's PNG decoder
// (createImageBitmap, no colour conversion), cut into rows of 784 values in [0, 1].

const TILE = 28;
const PIXELS = TILE * TILE;

/** The bytes at `url`, reporting (loaded, total) as they come; total is 0 when the server gives no length. */
async function fetchBytes(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('Content-Length')) || 0;
  const reader = response.body.getReader();
  const parts = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** The PNG's gray values (its red channel), row-major, and its width. */
async function pngGray(bytes) {
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }),
    { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  bitmap.close();
  const gray = new Uint8Array(rgba.length / 4);
  for (let k = 0; k < gray.length; k += 1) gray[k] = rgba[4 * k];
  return { gray, width: canvas.width };
}

/** Tile k of the sheet as 784 values in [0, 1], written into `out` at row `row`. */
function cutTile(sheet, columns, k, out, row) {
  const x0 = (k % columns) * TILE;
  const y0 = Math.floor(k / columns) * TILE;
  for (let r = 0; r < TILE; r += 1) {
    const from = (y0 + r) * sheet.width + x0;
    for (let c = 0; c < TILE; c += 1) out[row * PIXELS + r * TILE + c] = sheet.gray[from + c] / 255;
  }
}

/**
 * data: the training manifest's "data" block with its files' URLs ({imagesUrl, labelsUrl, train, test,
 * columns}). → {train: {x: Float32Array(train·784), labels}, test: {x, labels}}; onProgress(fraction).
 */
export async function loadDigits(data, onProgress) {
  const sizes = { images: 0, labels: 0 };
  const totals = { images: 0, labels: 0 };
  const report = (part) => (loaded, total) => {
    sizes[part] = loaded;
    totals[part] = total;
    const all = totals.images + totals.labels;
    if (all) onProgress(Math.min(1, (sizes.images + sizes.labels) / all));
  };
  const [png, labels] = await Promise.all([fetchBytes(data.imagesUrl, report('images')),
    fetchBytes(data.labelsUrl, report('labels'))]);
  const count = data.train + data.test;
  if (labels.length !== count) throw new Error(`${data.labelsUrl} holds ${labels.length} labels, not ${count}`);
  const sheet = await pngGray(png);
  if (sheet.width !== data.columns * TILE || sheet.gray.length < count * PIXELS) {
    throw new Error(`${data.imagesUrl} is not ${count} digits in ${data.columns} columns`);
  }
  const part = (from, n) => {
    const x = new Float32Array(n * PIXELS);
    for (let k = 0; k < n; k += 1) cutTile(sheet, data.columns, from + k, x, k);
    return { x, labels: labels.slice(from, from + n) };
  };
  return { train: part(0, data.train), test: part(data.train, data.test) };
}

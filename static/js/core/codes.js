// The one reader of the codes file that train/export.py and train/story.py write: int16 codes
// (count × dim, little-endian, each times `scale` gives the code), then one uint8 label per code.
// Used by the latent map (a model's test-set codes) and the story (step 3's stored codes).

import { ModelError } from './errors.js';
import { msg } from './i18n.js';

const CODES_FILE = msg('errors.what.codesFile');

/**
 * buffer: ArrayBuffer of the file; info: {count, dim, scale}; what: the file in an error message (a msg).
 * Returns {count, dim, codes: Float32Array(count·dim) row-major, labels: Uint8Array(count)}.
 */
function parseCodes(buffer, { count, dim, scale }, what = CODES_FILE) {
  const expected = count * dim * 2 + count;
  if (buffer.byteLength !== expected) {
    throw new ModelError('errors.codesDamaged', { what, bytes: buffer.byteLength, expected });
  }
  const raw = new DataView(buffer);
  const codes = new Float32Array(count * dim);
  for (let i = 0; i < count * dim; i += 1) codes[i] = raw.getInt16(2 * i, true) * scale;
  const labels = new Uint8Array(buffer, count * dim * 2, count);
  return { count, dim, codes, labels };
}

/** Fetch and parse a codes file; throws ModelError with a sentence on HTTP errors or a wrong size. */
export async function fetchCodes(url, info, what = CODES_FILE) {
  const response = await fetch(url);
  if (!response.ok) throw new ModelError('errors.codesMissing', { what, status: response.status });
  return parseCodes(await response.arrayBuffer(), info, what);
}

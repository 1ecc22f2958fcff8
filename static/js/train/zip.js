// A ZIP archive of a few files, stored without compression (the format every unzip tool and Python's
// zipfile read): so "download" saves one file, not five (browsers ask before letting a page start
// several downloads at once). Format: PKWARE APPNOTE 4.3, local headers + data, then the central
// directory and its end record; no compression, no data descriptors, UTF-8 names.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (the ZIP/PNG one) of the bytes. */
export function crc32(bytes) {
  let c = 0xFFFFFFFF;
  for (let k = 0; k < bytes.length; k += 1) c = CRC_TABLE[(c ^ bytes[k]) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

/** A little-endian record: fields as [bytes (2 or 4), value]. */
function record(fields) {
  const size = fields.reduce((a, [n]) => a + n, 0);
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  for (const [n, v] of fields) {
    if (n === 2) view.setUint16(at, v, true);
    else view.setUint32(at, v, true);
    at += n;
  }
  return new Uint8Array(view.buffer);
}

/** files: [{name, bytes: Uint8Array}] → a Blob holding the archive. */
export function zipStore(files) {
  const encoder = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, bytes } of files) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(bytes);
    // version 2.0, flags: UTF-8 names (bit 11), method 0 (stored), time and date 0 (1980-01-01)
    const common = [[2, 20], [2, 0x0800], [2, 0], [2, 0], [2, 0x21], [4, crc], [4, bytes.length], [4, bytes.length],
      [2, nameBytes.length], [2, 0]];
    const local = record([[4, 0x04034B50], ...common]);
    parts.push(local, nameBytes, bytes);
    central.push(record([[4, 0x02014B50], [2, 20], ...common, [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]]),
      nameBytes);
    offset += local.length + nameBytes.length + bytes.length;
  }
  const size = central.reduce((a, p) => a + p.length, 0);
  const end = record([[4, 0x06054B50], [2, 0], [2, 0], [2, files.length], [2, files.length], [4, size], [4, offset],
    [2, 0]]);
  return new Blob([...parts, ...central, end], { type: 'application/zip' });
}

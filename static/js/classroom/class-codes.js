// The class's codes as the page knows them, and what the map shows of them: pure functions, no DOM.
// Polls bring the codes after the last id seen; a clear on the server shows as a count that the known
// codes cannot add up to, and the page then reads them all again.

export const NO_DIGIT = 10;  // the row for codes sent without a digit

/**
 * Merge a poll's answer {count, accepting, codes} into `known` (codes by id order). Returns
 * {codes, complete}: complete is false when the answer does not continue `known` (the class was
 * cleared meanwhile), and the caller reads everything again (since = 0).
 */
export function merge(known, answer) {
  const codes = known.concat(answer.codes);
  return { codes, complete: codes.length === answer.count };
}

/**
 * Per digit (0–9, then NO_DIGIT for codes sent without one): how many codes, and their mean code
 * ([z1, z2], or null when none).
 */
export function perDigit(codes) {
  const rows = Array.from({ length: NO_DIGIT + 1 }, () => ({ count: 0, sum: [0, 0] }));
  for (const { z, digit } of codes) {
    const row = rows[digit === null || digit === undefined ? NO_DIGIT : digit];
    row.count += 1;
    row.sum[0] += z[0];
    row.sum[1] += z[1];
  }
  return rows.map(({ count, sum }) => ({ count, mean: count ? [sum[0] / count, sum[1] / count] : null }));
}

/** The code nearest canvas point (x, y), within `radius` pixels of its dot, or null. */
export function nearest(codes, x, y, where, radius) {
  let best = null;
  let bestD = radius * radius;
  for (const code of codes) {
    const [px, py] = where(code.z);
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestD) {
      best = code;
      bestD = d;
    }
  }
  return best;
}

// How numbers are written on the page: fixed decimals, the typographic minus "−" (U+2212) where a
// sign is shown to people, percentages, sizes and counts. One helper per habit, so every panel agrees.

const MINUS = '\u2212';

/** v with `digits` decimals and a typographic minus: −1.25, 0.50. */
export function minus(v, digits = 2) {
  return (v < 0 ? MINUS : '') + Math.abs(v).toFixed(digits);
}

/** v with `digits` decimals and always a sign: +1.80, −2.20. */
export function signed(v, digits = 2) {
  return (v < 0 ? MINUS : '+') + Math.abs(v).toFixed(digits);
}

/** A share p in [0, 1] as a percentage: 0.6925 → "69.3%". */
export function percent(p, digits = 1) {
  return `${(100 * p).toFixed(digits)}%`;
}

/** A probability that never reads as a certainty it is not: "<0.1%" and ">99.9%" at the ends. */
export function percentBounded(p) {
  if (p > 0 && p < 0.001) return '<0.1%';
  if (p < 1 && p > 0.9995) return '>99.9%';
  return percent(p, 1);
}

/** A number with `digits` decimals, or `missing` when there is none. */
export function fixedOr(v, digits = 1, missing = 'n/a') {
  return v === undefined || v === null ? missing : v.toFixed(digits);
}

/** Bytes as megabytes: 3475544 → "3.48 MB". */
export function megabytes(bytes, digits = 2) {
  return `${(bytes / 1e6).toFixed(digits)} MB`;
}

/** A whole number with thousands separators: 60000 → "60,000". */
export function count(n) {
  return n.toLocaleString('en');
}

/** A code as the console would print it (plain "-", two decimals): "[-2.00, 0.50]". */
export function vector(z, digits = 2) {
  return `[${Array.from(z, (v) => v.toFixed(digits)).join(', ')}]`;
}

// How numbers are written on the page, in the page's language (Intl.NumberFormat; the language is
// core/i18n.js's currentLanguage()): fixed decimals with the typographic minus "−" (U+2212) where a sign is shown to
// people, percentages, sizes and counts. One helper per habit, so every panel agrees. Values are
// rounded as JavaScript's toFixed rounds them (the exact binary value, ties away from zero), then
// written by Intl for the language.

import { currentLanguage } from './i18n.js';

const MINUS = '\u2212';
const formatters = new Map();

function formatter(options) {
  const language = currentLanguage();
  const key = `${language} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(language, options));
  return formatters.get(key);
}

const digitsOf = (digits) => ({ minimumFractionDigits: digits, maximumFractionDigits: digits });

/** |v| rounded to `digits` decimals as toFixed rounds, written for the language (no sign). */
function magnitude(v, digits, options = {}) {
  return formatter({ useGrouping: false, ...digitsOf(digits), ...options }).format(Number(Math.abs(v).toFixed(digits)));
}

/** v with `digits` decimals and a typographic minus: −1.25, 0.50. */
export function fixed(v, digits = 2) {
  return (v < 0 ? MINUS : '') + magnitude(v, digits);
}

/** v with `digits` decimals and always a sign: +1.80, −2.20. */
export function signed(v, digits = 2) {
  return (v < 0 ? MINUS : '+') + magnitude(v, digits);
}

/** A share p in [0, 1] as a percentage: 0.6925 → "69.3%". */
export function percent(p, digits = 1) {
  const rounded = Number((100 * p).toFixed(digits)) / 100;
  return formatter({ style: 'percent', ...digitsOf(digits) }).format(rounded);
}

/** A probability that never reads as a certainty it is not: "<0.1%" and ">99.9%" at the ends. */
export function percentBounded(p) {
  if (p > 0 && p < 0.001) return `<${percent(0.001, 1)}`;
  if (p < 1 && p > 0.9995) return `>${percent(0.999, 1)}`;
  return percent(p, 1);
}

/** A number with `digits` decimals, or `missing` (words for "no value") when there is none. */
export function fixedOr(v, digits, missing) {
  return v === undefined || v === null ? missing : fixed(v, digits);
}

/** Bytes as megabytes: 3475544 → "3.48 MB". */
export function megabytes(bytes, digits = 2) {
  return formatter({ style: 'unit', unit: 'megabyte', unitDisplay: 'short', ...digitsOf(digits) })
    .format(Number((bytes / 1e6).toFixed(digits)));
}

/** A whole number with the language's thousands separators: 60000 → "60,000". */
export function count(n) {
  return formatter({ maximumFractionDigits: 0 }).format(n);
}

/** v with at most `digits` decimals, trailing zeros dropped: 0.5, 0, -1.25 (plain "-"). */
export function shortest(v, digits = 2) {
  return formatter({ useGrouping: false, maximumFractionDigits: digits }).format(Number(v.toFixed(digits)) + 0);
}

/** v with `digits` significant digits: 0.0123, 1.23. */
export function significant(v, digits = 3) {
  return formatter({ useGrouping: false, maximumSignificantDigits: digits }).format(v);
}

/** v with `digits` decimals and a plain "-" for negatives, as code is written: -2.00, 0.50. */
export function plain(v, digits = 2) {
  return (v < 0 ? '-' : '') + magnitude(v, digits);
}

/** A code as the console would print it (plain "-", two decimals): "[-2.00, 0.50]". */
export function vector(z, digits = 2) {
  return `[${Array.from(z, (v) => plain(v, digits)).join(', ')}]`;
}

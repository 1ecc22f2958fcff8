// What a reconstruction's distance from the person's digit (in nats: core/pixel-errors.js bceNats)
// means in plain words against the model's test-set average.

import { fixed } from '../core/format.js';
import { t } from '../core/i18n.js';

/** What a ratio to the test-set average means, in words (a catalog key). */
function verdict(r) {
  if (r < 0.8) return 'upload.read.easy';
  if (r < 1.25) return 'upload.read.typical';
  if (r < 2) return 'upload.read.hard';
  return 'upload.read.far';
}

/** A plain-words reading of a reconstruction error, against the model's test-set average (or null). */
export function readError(bce, average) {
  const nats = t('units.nats', { v: fixed(bce, 1) });
  if (!(average > 0)) return t('upload.read.alone', { nats });
  const r = bce / average;
  return t('upload.read.against', { nats, average: t('units.nats', { v: fixed(average, 1) }), ratio: fixed(r, 1),
    verdict: t(verdict(r)) });
}

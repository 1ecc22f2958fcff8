// What the class map's server refused, or why it could not be reached, as a sentence in the page's
// language: the server's reason word (api.js ClassError) picks the catalog's sentence.

import { msg } from '../core/i18n.js';
import { ClassError } from './api.js';

const REFUSALS = { invalid: 'class.err.invalid', stopped: 'class.err.stopped', full: 'class.err.full',
  too_fast: 'class.err.too_fast', presenter: 'class.err.presenter', offline: 'class.err.offline' };

/** An error of a class map request as a msg(). */
export function wording(e) {
  if (e instanceof ClassError) return msg(REFUSALS[e.reason] || 'class.err.server', { detail: e.message });
  return msg('errors.generic', { detail: e.message || String(e) });
}

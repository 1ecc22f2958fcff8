// The error a person can act on: its message is a sentence from the message catalog (core/i18n.js),
// shown as it is (anything else is shown as "Something went wrong: …"). It keeps its key and params,
// so the page can say it again in another language.

import { t } from './i18n.js';

export class ModelError extends Error {
  /** key: the catalog's sentence; params: its placeholders (see i18n.js t()). */
  constructor(key, params = {}) {
    super(t(key, params));
    this.key = key;
    this.params = params;
  }
}

// Errors a person can act on: the message is a sentence from the message catalog (core/i18n.js), shown
// as it is (anything else is shown as "Something went wrong: …"). Each keeps its key and params, so the
// page can say it again in another language. ModelError: models, the model list, the backend;
// features derive their own (upload's PreprocessError: a picture that cannot be used).

import { t } from './i18n.js';

export class MessageError extends Error {
  /** key: the catalog's sentence; params: its placeholders (see i18n.js t()). */
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
    // Worded when read, in the page's language then (an error may be made before the catalog is in).
    Object.defineProperty(this, 'message', { get: () => t(this.key, this.params) });
  }
}

export class ModelError extends MessageError {}

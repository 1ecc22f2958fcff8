// A download's progress beside the feature that asked for it: a line of text and a <progress> bar,
// shown while files arrive and hidden when they are all in. One line may follow several downloads at
// once (it shows the newest); the page's own status line (status.js) stays for the current model.

import { setText } from './i18n.js';

/** line: the element to show and hide; text: where the words go; bar: a <progress max="1">. */
export function createProgressLine(line, text, bar) {
  let running = 0;
  return {
    /**
     * Run load(onProgress) → Promise, showing `what` (a msg(), core/i18n.js) and its progress (0…1)
     * until it settles; returns load's promise.
     */
    async track(what, load) {
      running += 1;
      line.hidden = false;
      setText(text, what);
      bar.value = 0;
      try {
        return await load((fraction) => { bar.value = fraction; });
      } finally {
        running -= 1;
        if (!running) line.hidden = true;
      }
    },
  };
}

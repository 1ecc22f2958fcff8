// The page's status line (with the download progress bar) and its error box. Both take messages
// ({key, params}, core/i18n.js msg()), so they are said again in the new language after a switch.
// The status line floats over the page (css/app.css), so showing and hiding it never moves the page;
// a message that stays (the backend's note) comes with a Close button.

import { setText } from './i18n.js';

const statusBox = () => document.getElementById('status');
const statusText = () => document.getElementById('status-text');
const progressBar = () => document.getElementById('load-progress');
const errorBox = () => document.getElementById('error');

/** Show `message`, with the progress bar at `progress` (0–1) unless null; closable: with a Close button. */
export function showStatus(message, progress = null, { closable = false } = {}) {
  statusBox().hidden = false;
  setText(statusText(), message);
  const bar = progressBar();
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
  const close = document.getElementById('status-close');
  close.hidden = !closable;
  close.onclick = closable ? hideStatus : null;
}

export function hideStatus() {
  statusBox().hidden = true;
}

/** Say what went wrong, in words (a message, or an error carrying one: a ModelError); the page keeps working. */
export function showError(message) {
  const box = errorBox();
  setText(box, message);
  box.hidden = false;
}

export function clearError() {
  const box = errorBox();
  box.hidden = true;
  box.textContent = '';
  delete box.dataset.i18n;
  delete box.dataset.i18nParams;
}

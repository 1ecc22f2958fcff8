// The page's status line (with the download progress bar) and its error box. Both take messages
// ({key, params}, core/i18n.js msg()), so they are said again in the new language after a switch.

import { setText } from './i18n.js';

const statusBox = () => document.getElementById('status');
const statusText = () => document.getElementById('status-text');
const progressBar = () => document.getElementById('load-progress');
const errorBox = () => document.getElementById('error');

export function showStatus(message, progress = null) {
  statusBox().hidden = false;
  setText(statusText(), message);
  const bar = progressBar();
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
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

// The page's status line (with the download progress bar) and its error box.

const statusBox = () => document.getElementById('status');
const statusText = () => document.getElementById('status-text');
const progressBar = () => document.getElementById('load-progress');
const errorBox = () => document.getElementById('error');

export function showStatus(text, progress = null) {
  statusBox().hidden = false;
  statusText().textContent = text;
  const bar = progressBar();
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
}

export function hideStatus() {
  statusBox().hidden = true;
}

/** Say what went wrong, in words; the page keeps working. */
export function showError(message) {
  const box = errorBox();
  box.textContent = message;
  box.hidden = false;
}

export function clearError() {
  errorBox().hidden = true;
  errorBox().textContent = '';
}

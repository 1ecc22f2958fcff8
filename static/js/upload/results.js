// What the panel shows for an analysed digit: the 28×28 input as the model sees it, the
// reconstruction (a VAE only), the code table and the reading of the reconstruction error.

import { t } from '../core/i18n.js';
import { renderCodeTable } from './code-table.js';
import { paintGray } from './gray-canvas.js';
import { readError } from './reading.js';

/**
 * nodes: {results, input, recon, reconFigure, code, reading}; shown: {image, mu, sigma, recon, bce}
 * (recon null for a plain autoencoder); entry: the model's manifest entry.
 */
export function showResults(nodes, { image, mu, sigma, recon, bce }, entry) {
  const vae = recon !== null;
  nodes.results.hidden = false;
  nodes.results.classList.toggle('upload-ae', !vae);
  paintGray(nodes.input, image);
  if (vae) paintGray(nodes.recon, recon);
  nodes.reconFigure.hidden = !vae;
  renderCodeTable(nodes.code, mu, vae ? sigma : null);
  nodes.reading.textContent = vae ? readError(bce, (entry.test || {}).reconstruction) : t('upload.aeReading');
}

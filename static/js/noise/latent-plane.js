// The noise on the latent plane (2-D models only): the plane from −3 to 3 with z, the 16 noisy
// sample codes, the 2σ circle of the chosen noise and, for an uploaded digit, the encoder's own 2σ
// ellipse. An SVG in latent units (y up).

import { svgEl } from '../core/dom.js';
import { Z_RANGE } from '../core/constants.js';

function grid() {
  const lines = [];
  for (let v = -Z_RANGE; v <= Z_RANGE; v += 1) {
    const cls = v === 0 ? 'noise-plane-axis' : 'noise-plane-grid';
    lines.push(svgEl('line', { class: cls, x1: v, x2: v, y1: -Z_RANGE, y2: Z_RANGE }));
    lines.push(svgEl('line', { class: cls, y1: v, y2: v, x1: -Z_RANGE, x2: Z_RANGE }));
  }
  return lines;
}

/**
 * Draw the plane, or hide its figure when the code is not 2-D. z: the current code; codes: the
 * samples, flat (16·2); sigma: the chosen noise; posterior: state.posterior or null.
 */
export function drawLatentPlane(plane, figure, { z, codes, sigma, posterior }) {
  const two = z.length === 2;
  figure.hidden = !two;
  if (!two) return;
  const g = svgEl('g', { transform: 'scale(1,-1)' }, grid());
  if (posterior && posterior.sigma) {
    g.append(svgEl('ellipse', { class: 'noise-plane-encoder', cx: posterior.mu[0], cy: posterior.mu[1],
      rx: 2 * posterior.sigma[0], ry: 2 * posterior.sigma[1] }));
  }
  if (sigma > 0) g.append(svgEl('circle', { class: 'noise-plane-window', cx: z[0], cy: z[1], r: 2 * sigma }));
  for (let i = 0; i < codes.length / 2; i += 1) {
    g.append(svgEl('circle', { class: 'noise-plane-sample', cx: codes[2 * i], cy: codes[2 * i + 1], r: 0.09 }));
  }
  g.append(svgEl('circle', { class: 'noise-plane-z', cx: z[0], cy: z[1], r: 0.13 }));
  plane.replaceChildren(
    g,
    svgEl('text', { class: 'noise-plane-label', x: Z_RANGE - 0.05, y: -0.12, 'text-anchor': 'end' }, 'z1'),
    svgEl('text', { class: 'noise-plane-label', x: 0.12, y: -Z_RANGE + 0.35 }, 'z2'),
  );
}

// For an uploaded digit (state.posterior), the encoder's own σ per dimension beside the chosen σ: a
// sentence that says what it means and a bar per dimension with the chosen σ as a line.

import { svgEl } from '../core/dom.js';
import { count, fixed } from '../core/format.js';
import { t } from '../core/i18n.js';

const W = 400;
const H = 120;

function verdict(sigma, meanSigma) {
  if (sigma === 0) return t('noise.enc.zero');
  const ratio = sigma / meanSigma;
  if (ratio <= 1) return t('noise.enc.inside', { sigma: fixed(sigma, 2) });
  return t('noise.enc.beyond', { sigma: fixed(sigma, 2), ratio: fixed(ratio, 1) });
}

function drawBars(svg, s, sigma) {
  const labels = s.length <= 8;
  const base = labels ? H - 24 : H;
  const top = 1.5 * Math.max(sigma, ...s, 0.05);  // headroom for the label above the line
  const bw = W / s.length;
  const y = (v) => base - (v / top) * (base - 4);
  const nodes = s.flatMap((v, i) => {
    const bar = svgEl('rect', { class: 'noise-enc-bar', x: i * bw + bw * 0.2, width: bw * 0.6, y: y(v),
      height: base - y(v) });
    if (!labels) return [bar];
    return [bar, svgEl('text', { class: 'noise-enc-label', x: (i + 0.5) * bw, y: H - 3, 'text-anchor': 'middle' },
      `z${count(i + 1)}: ${fixed(v, 2)}`)];
  });
  nodes.push(svgEl('line', { class: 'noise-enc-chosen', x1: 0, x2: W, y1: y(sigma), y2: y(sigma) }));
  nodes.push(svgEl('text', { class: 'noise-enc-label noise-enc-chosen-label', x: W - 4, y: y(sigma) - 7,
    'text-anchor': 'end' }, t('noise.enc.yours', { sigma: fixed(sigma, 2) })));
  svg.replaceChildren(...nodes);
}

/** nodes: {box, text, bars}; posterior: state.posterior or null; sigma: the chosen noise. */
export function describeEncoderSigma({ box, text, bars }, posterior, sigma) {
  box.hidden = !posterior;
  if (!posterior) return;
  if (!posterior.sigma) {
    text.textContent = t('noise.enc.ae');
    bars.replaceChildren();
    return;
  }
  const s = Array.from(posterior.sigma);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const lo = s.indexOf(Math.min(...s));
  const hi = s.indexOf(Math.max(...s));
  text.dataset.meanSigma = String(mean);
  text.textContent = t('noise.enc.summary', { mean: fixed(mean, 2), lo: fixed(s[lo], 2), loDim: count(lo + 1),
    hi: fixed(s[hi], 2), hiDim: count(hi + 1), two: fixed(2 * mean, 2), verdict: verdict(sigma, mean) });
  drawBars(bars, s, sigma);
}

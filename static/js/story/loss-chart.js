// A story step's training curve (loss per epoch, from the manifest) as a small SVG line chart with a
// log-scale y axis.

import { el, svgEl } from '../core/dom.js';
import { count, significant } from '../core/format.js';
import { msg } from '../core/i18n.js';

const W = 220;
const H = 80;
const PAD = 4;

/** The chart's polyline points for `curve` (log10 of each loss, scaled to fill the box). */
function points(curve) {
  const logs = curve.map((v) => Math.log10(Math.max(v, 1e-8)));
  const lo = Math.min(...logs);
  const span = Math.max(...logs) - lo || 1;
  return logs.map((v, i) => {
    const x = PAD + (W - 2 * PAD) * (curve.length > 1 ? i / (curve.length - 1) : 0);
    const y = PAD + (H - 2 * PAD) * (1 - (v - lo) / span);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  }).join(' ');
}

/** The training curve in a figure with its caption; `step` names the step for screen readers. */
export function lossChart(curve, step, epochs) {
  const label = msg('story.chartLabel',
    { step, from: significant(curve[0]), to: significant(curve[curve.length - 1]) });
  const svg = svgEl('svg',
    { viewBox: `0 0 ${W} ${H}`, class: 'story-chart', role: 'img', i18nAttrs: { 'aria-label': label } },
    svgEl('polyline', { points: `${PAD},${PAD} ${PAD},${H - PAD} ${W - PAD},${H - PAD}`, class: 'story-axis' }),
    svgEl('polyline', { points: points(curve), class: 'story-curve' }));
  return el('figure', { class: 'story-chart-figure' }, svg,
    el('figcaption', { i18n: msg('story.chartCaption', { epochs: count(epochs) }) }));
}

// The held-out curves as training goes: −ELBO and reconstruction on top, KL below (its own scale: it is
// a few nats where the others are over a hundred), in nats per image against training steps, with a
// mark where β changed. One SVG, redrawn from the list of points at each snapshot.

import { svgEl } from '../core/dom.js';
import { count, plain, shortest } from '../core/format.js';

const W = 480;
const H = 300;
const LEFT = 44;
const RIGHT = 8;
const PANELS = [{ top: 8, height: 170, series: ['negElbo', 'reconstruction'] },
  { top: 206, height: 80, series: ['kl'] }];
const MAX_POINTS = 600;

/** Keep at most MAX_POINTS points: when full, every other old point goes (the curve keeps its shape). */
export function addPoint(points, point) {
  points.push(point);
  if (points.length > MAX_POINTS) {
    const kept = points.filter((_, k) => k % 2 === 0 || k === points.length - 1);
    points.splice(0, points.length, ...kept);
  }
}

/** The y range: all values, but the top from the points after the first tenth of the steps (the first
 * steps start hundreds of nats higher and would flatten the rest; they run off the top). */
function scale(points, series) {
  const from = points[0].step + 0.1 * (points[points.length - 1].step - points[0].step);
  const later = points.filter((p) => p.step >= from);
  let lo = Math.min(...points.flatMap((p) => series.map((s) => p[s])));
  let hi = Math.max(...later.flatMap((p) => series.map((s) => p[s])));
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  return { lo, hi };
}

function panel(points, { top, height, series }, x) {
  const { lo, hi } = scale(points, series);
  const y = (v) => top + height * (1 - (Math.min(v, hi) - lo) / (hi - lo));
  const lines = series.map((s) => svgEl('polyline', { class: `train-curve train-curve-${s}`,
    points: points.map((p) => `${x(p.step).toFixed(1)},${y(p[s]).toFixed(1)}`).join(' ') }));
  const labels = [[hi, top + 10], [lo, top + height]].map(([v, at]) =>
    svgEl('text', { class: 'train-curve-tick', x: LEFT - 4, y: at, 'text-anchor': 'end' }, plain(v, 1)));
  return [svgEl('rect', { class: 'train-curve-frame', x: LEFT, y: top, width: W - LEFT - RIGHT, height }),
    ...lines, ...labels];
}

/** Where β changed: a dashed line and the new value, at the first point with it. */
function betaMarks(points, x) {
  return points.flatMap((p, k) => (k === 0 || p.beta === points[k - 1].beta ? [] : [
    svgEl('line', { class: 'train-curve-beta', x1: x(p.step), x2: x(p.step), y1: 8, y2: H - 14 }),
    svgEl('text', { class: 'train-curve-beta-label', x: x(p.step) + 3, y: H - 2 }, `β ${shortest(p.beta)}`)]));
}

/** Draw `points` ({step, reconstruction, kl, negElbo, beta}) into the <svg> `svg`. */
export function drawCurves(svg, points) {
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  if (points.length < 2) {
    svg.replaceChildren();
    return;
  }
  const first = points[0].step;
  const last = points[points.length - 1].step;
  const x = (step) => LEFT + (W - LEFT - RIGHT) * ((step - first) / Math.max(1, last - first));
  svg.replaceChildren(...PANELS.flatMap((p) => panel(points, p, x)), ...betaMarks(points, x),
    svgEl('text', { class: 'train-curve-tick', x: W - RIGHT, y: H - 2, 'text-anchor': 'end' }, count(last)));
}

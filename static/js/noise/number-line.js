// The noise lesson's number line (an SVG, viewBox 0 0 1000 200): the axis from 0 to 10, the named
// objects (labels staggered so close ones stay readable), the received value with the noise's bell
// curve and ±2σ window, and the packet flying from the sent object to the received value.

import { svgEl } from '../core/dom.js';
import { count, fixed } from '../core/format.js';
import { t } from '../core/i18n.js';

export const LINE_MIN = 0;
export const LINE_MAX = 10;

const AXIS_Y = 150;
const X0 = 40;
const X1 = 960;
const PEAK = 95;  // height of the bell curve's top above the axis
const toX = (v) => X0 + ((v - LINE_MIN) / (LINE_MAX - LINE_MIN)) * (X1 - X0);
const clampView = (v) => Math.max(LINE_MIN - 0.38, Math.min(LINE_MAX + 0.38, v));
/** A label's width in line units at 30 px type: about 17 per Latin letter, 30 per Chinese character. */
const labelWidth = (name) => Array.from(name, (c) => (c.charCodeAt(0) > 0x2e7f ? 30 : 17)).reduce((a, b) => a + b, 0);

/**
 * How much larger the type is drawn (1 at 500 px wide and more): the line shrinks with a phone's screen,
 * its labels should not shrink below a readable size.
 */
function typeScale(line) {
  const width = line.clientWidth;
  return width > 0 ? Math.min(1.6, Math.max(1, 500 / width)) : 1;
}

/** Label level (0–2) per object id: labels stagger upwards so apple 5.43 and banana 5.44 both show. */
function labelLevels(objects, k) {
  const ends = [];
  const levels = new Map();
  [...objects].sort((a, b) => a.x - b.x).forEach((o) => {
    const half = (labelWidth(o.name) * k + 16) / 2;
    const left = toX(o.x) - half;
    let level = ends.findIndex((end) => end < left);
    if (level === -1) { level = ends.length; ends.push(0); }
    ends[level] = toX(o.x) + half;
    levels.set(o.id, Math.min(level, 2));
  });
  return levels;
}

/** The bell curve N(received, σ²) and its ±2σ window; at σ = 0 a spike. */
function bell(received, sigma) {
  if (!(sigma > 0)) {
    const x = toX(clampView(received));
    return [svgEl('line', { class: 'noise-bell-spike', x1: x, x2: x, y1: AXIS_Y, y2: AXIS_Y - PEAK })];
  }
  const lo = clampView(received - 2 * sigma);
  const hi = clampView(received + 2 * sigma);
  const a = clampView(received - 4 * sigma);
  const b = clampView(received + 4 * sigma);
  const pts = [];
  for (let k = 0; k <= 160; k += 1) {
    const v = a + ((b - a) * k) / 160;
    const y = AXIS_Y - PEAK * Math.exp(-0.5 * ((v - received) / sigma) ** 2);
    pts.push(`${toX(v).toFixed(1)},${y.toFixed(1)}`);
  }
  return [
    svgEl('rect', { class: 'noise-window', x: toX(lo), y: AXIS_Y - PEAK - 10,
      width: Math.max(0, toX(hi) - toX(lo)), height: PEAK + 10 }),
    svgEl('polygon', { class: 'noise-bell',
      points: `${toX(a).toFixed(1)},${AXIS_Y} ${pts.join(' ')} ${toX(b).toFixed(1)},${AXIS_Y}` }),
  ];
}

function axis(k) {
  const nodes = [svgEl('line', { class: 'noise-axis', x1: X0, x2: X1, y1: AXIS_Y, y2: AXIS_Y })];
  for (let v = LINE_MIN; v <= LINE_MAX; v += 1) {
    nodes.push(svgEl('line', { class: 'noise-tick', x1: toX(v), x2: toX(v), y1: AXIS_Y, y2: AXIS_Y + 10 }));
    nodes.push(svgEl('text', { class: 'noise-tick-label', x: toX(v), y: Math.min(AXIS_Y + 10 + 28 * k, 198),
      'text-anchor': 'middle', style: { fontSize: `${28 * k}px` } }, count(v)));
  }
  return nodes;
}

function objectMarks(objects, sentId, guessId, k) {
  const levels = labelLevels(objects, k);
  return objects.map((o) => {
    const cls = ['noise-object'];
    if (o.id === sentId) cls.push('is-sent');
    if (o.id === guessId) cls.push('is-guess');
    const labelY = AXIS_Y - 22 - levels.get(o.id) * 31 * k;
    return svgEl('g', { class: cls.join(' '), 'data-name': o.name },
      svgEl('line', { class: 'noise-object-stem', x1: toX(o.x), x2: toX(o.x), y1: AXIS_Y, y2: labelY + 4 }),
      svgEl('circle', { cx: toX(o.x), cy: AXIS_Y, r: 7 }),
      svgEl('text', { x: toX(o.x), y: labelY, 'text-anchor': 'middle', style: { fontSize: `${30 * k}px` } }, o.name));
  });
}

function receivedMark(received, k) {
  const x = toX(clampView(received));
  const anchor = x < 140 ? 'start' : x > 860 ? 'end' : 'middle';
  return [
    svgEl('path', { class: 'noise-received-mark',
      d: `M${x - 10},${AXIS_Y + 30} L${x + 10},${AXIS_Y + 30} L${x},${AXIS_Y + 12} Z` }),
    svgEl('text', {
      class: 'noise-received-label', x, y: 4 + 26 * k, 'text-anchor': anchor, style: { fontSize: `${30 * k}px` },
    }, t('noise.receivedMark', { v: fixed(received) })),
  ];
}

/**
 * Redraw the line: `objects` [{id, name, x}], the object being sent, and the last send
 * ({received, sigma, guessId}) or null.
 */
export function drawNumberLine(line, { objects, sentId, last }) {
  const k = typeScale(line);
  line.replaceChildren(
    ...(last ? bell(last.received, last.sigma) : []),
    ...axis(k),
    ...objectMarks(objects, sentId, last ? last.guessId : null, k),
    ...(last ? receivedMark(last.received, k) : []),
  );
}

/** The packet in flight at value v, t ∈ [0, 1] of the way (it arcs up and lands). */
export function drawPacket(line, v, t) {
  let packet = line.querySelector('.noise-packet');
  if (!packet) {
    packet = svgEl('circle', { class: 'noise-packet', r: 11 });
    line.append(packet);
  }
  const arc = Math.sin(Math.PI * t) * 60;
  packet.setAttribute('cx', toX(clampView(v)).toFixed(1));
  packet.setAttribute('cy', (AXIS_Y - 8 - arc).toFixed(1));
}

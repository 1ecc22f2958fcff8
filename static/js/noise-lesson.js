// The noise lesson ("5.43: apple or banana?"), part 1: a number line from 0 to 10 with named objects;
// the presenter sends one, the receiver gets its number plus Gaussian noise N(0, σ²) and names the most
// probable object. Draws the bell curve and ±2σ window, lists the plausible objects with their
// posterior (Bayes' rule, equal priors), counts right answers over repeated sends, and says how many
// objects σ leaves distinguishable. Part 2 (the same noise on the real model) lives in noise-samples.js;
// both share one σ. All arithmetic comes from noise-math.js. Random draws are seeded (random.js) so a
// rehearsed demo repeats exactly.

import {
  GAP_IN_SIGMAS, accuracy, distinguishableGroups, effectiveCount, mapDecision, posterior, transmit,
} from './noise-math.js';
import { createNoiseSamples } from './noise-samples.js';
import { gaussian, mulberry32 } from './core/random.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const LINE_MIN = 0;
const LINE_MAX = 10;
const MAX_OBJECTS = 9;
const SIGMA_MAX = 2;
const DEFAULT_SEED = 543;
export const DEFAULT_OBJECTS = [
  { name: 'cat', x: 1.2 },
  { name: 'dog', x: 2.9 },
  { name: 'apple', x: 5.43 },
  { name: 'banana', x: 5.44 },
  { name: 'elephant', x: 7.6 },
  { name: 'kiwi', x: 9.3 },
];

// Number-line drawing geometry, in SVG user units (viewBox 0 0 1000 200).
const AXIS_Y = 150;
const X0 = 40;
const X1 = 960;
const PEAK = 95;  // height of the bell curve's top above the axis
const toX = (v) => X0 + ((v - LINE_MIN) / (LINE_MAX - LINE_MIN)) * (X1 - X0);
const clampView = (v) => Math.max(LINE_MIN - 0.38, Math.min(LINE_MAX + 0.38, v));

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function html(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node) node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

export function formatPercent(p) {
  if (p > 0 && p < 0.001) return '<0.1%';
  if (p < 1 && p > 0.9995) return '>99.9%';
  return `${(100 * p).toFixed(1)}%`;
}

const fmt = (v, digits = 2) => (v < 0 ? '−' : '') + Math.abs(v).toFixed(digits);

export function createNoiseLesson(root, state, { animate = !matchMedia('(prefers-reduced-motion: reduce)').matches } = {}) {
  const $ = (id) => root.querySelector(`#${id}`);
  const line = $('noise-line');
  const objectSelect = $('noise-object');
  const sigmaInput = $('noise-sigma');
  const sigmaOut = $('noise-sigma-out');
  const sendButton = $('noise-send');
  const autoButton = $('noise-auto');
  const manyButton = $('noise-send-many');
  const receivedText = $('noise-received');
  const postList = $('noise-posterior');
  const tallyText = $('noise-tally');
  const expectedText = $('noise-expected');
  const distinctText = $('noise-distinct');
  const effectiveText = $('noise-effective');
  const editor = $('noise-objects');
  const addButton = $('noise-add');
  const seedInput = $('noise-seed');
  const restartButton = $('noise-restart');

  let nextId = 1;
  const lesson = {
    objects: DEFAULT_OBJECTS.map((o) => ({ id: nextId++, ...o })),
    sigma: Number(sigmaInput.value),
    sentId: null,
    seed: DEFAULT_SEED,
    rng: null,
    tally: { sends: 0, right: 0 },
    last: null,         // {sentId, received, posterior: [{id, name, x, p}], guessId, right}
    animating: null,    // {from, to, start, duration, resolve}
    auto: false,
  };
  lesson.sentId = lesson.objects[2].id;
  let idleWaiters = [];
  let autoTimer = null;

  function restart() {
    lesson.rng = mulberry32(lesson.seed);
    lesson.tally = { sends: 0, right: 0 };
    lesson.last = null;
    samples.reseed(lesson.seed);
  }

  const positions = () => lesson.objects.map((o) => o.x);
  const byId = (id) => lesson.objects.find((o) => o.id === id);

  // ---- sending -------------------------------------------------------------------------------------

  /** One send: draw the noise, decide, count. Returns the record (also kept in lesson.last). */
  function sendOnce(countIt = true) {
    const sent = byId(lesson.sentId);
    const xs = positions();
    const received = transmit(sent.x, lesson.sigma, () => gaussian(lesson.rng));
    const p = posterior(xs, received, lesson.sigma);
    const guess = lesson.objects[mapDecision(xs, received)];
    const record = {
      sentId: sent.id, sent: sent.name, received, sigma: lesson.sigma,
      posterior: lesson.objects.map((o, i) => ({ id: o.id, name: o.name, x: o.x, p: p[i] })),
      guessId: guess.id, guess: guess.name, right: guess.id === sent.id,
    };
    if (countIt) {
      lesson.tally.sends += 1;
      if (record.right) lesson.tally.right += 1;
    }
    return record;
  }

  function send({ animated = animate } = {}) {
    if (lesson.animating) finishAnimation();
    const record = sendOnce();
    const from = byId(record.sentId).x;
    if (!animated) {
      lesson.last = record;
      render();
      return Promise.resolve(record);
    }
    return new Promise((resolve) => {
      lesson.animating = { record, from, to: record.received, start: performance.now(), duration: 650, resolve };
      lesson.last = null;
      render();
      requestAnimationFrame(step);
    });
  }

  function step(now) {
    const a = lesson.animating;
    if (!a) return;
    const t = Math.min(1, (now - a.start) / a.duration);
    drawPacket(a.from + (a.to - a.from) * t, t);
    if (t < 1) requestAnimationFrame(step);
    else finishAnimation();
  }

  function finishAnimation() {
    const a = lesson.animating;
    if (!a) return;
    lesson.animating = null;
    lesson.last = a.record;
    render();
    a.resolve(a.record);
    settle();
  }

  function sendMany(count = 1000) {
    stopAuto();
    if (lesson.animating) finishAnimation();
    let record = null;
    for (let k = 0; k < count; k += 1) record = sendOnce();
    lesson.last = record;
    render();
    return record;
  }

  function setAuto(on) {
    lesson.auto = on;
    autoButton.setAttribute('aria-pressed', String(on));
    autoButton.textContent = on ? 'Stop' : 'Keep sending';
    clearTimeout(autoTimer);
    if (on) loop();
  }
  function stopAuto() { if (lesson.auto) setAuto(false); }
  async function loop() {
    if (!lesson.auto) return;
    await send({ animated: animate });
    if (lesson.auto) autoTimer = setTimeout(loop, animate ? 350 : 60);
  }

  function settle() {
    if (lesson.animating) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  // ---- drawing -------------------------------------------------------------------------------------

  function drawPacket(v, t) {
    let packet = line.querySelector('.noise-packet');
    if (!packet) {
      packet = svg('circle', { class: 'noise-packet', r: 11 });
      line.append(packet);
    }
    const arc = Math.sin(Math.PI * t) * 60;
    packet.setAttribute('cx', toX(clampView(v)).toFixed(1));
    packet.setAttribute('cy', (AXIS_Y - 8 - arc).toFixed(1));
  }

  function labelLevels(objects) {
    // Stagger labels upwards so close objects (apple 5.43, banana 5.44) stay readable.
    const ends = [];
    const levels = new Map();
    [...objects].sort((a, b) => a.x - b.x).forEach((o) => {
      const half = (o.name.length * 17 + 16) / 2;
      const left = toX(o.x) - half;
      let level = ends.findIndex((end) => end < left);
      if (level === -1) { level = ends.length; ends.push(0); }
      ends[level] = toX(o.x) + half;
      levels.set(o.id, Math.min(level, 2));
    });
    return levels;
  }

  function drawLine() {
    const nodes = [];
    const last = lesson.last;
    const sigma = last ? last.sigma : lesson.sigma;
    if (last) {
      const r = last.received;
      if (sigma > 0) {
        const lo = clampView(r - 2 * sigma);
        const hi = clampView(r + 2 * sigma);
        nodes.push(svg('rect', { class: 'noise-window', x: toX(lo), y: AXIS_Y - PEAK - 10, width: Math.max(0, toX(hi) - toX(lo)), height: PEAK + 10 }));
        const pts = [];
        const a = clampView(r - 4 * sigma);
        const b = clampView(r + 4 * sigma);
        for (let k = 0; k <= 160; k += 1) {
          const v = a + ((b - a) * k) / 160;
          const y = AXIS_Y - PEAK * Math.exp(-0.5 * ((v - r) / sigma) ** 2);
          pts.push(`${toX(v).toFixed(1)},${y.toFixed(1)}`);
        }
        nodes.push(svg('polygon', { class: 'noise-bell', points: `${toX(a).toFixed(1)},${AXIS_Y} ${pts.join(' ')} ${toX(b).toFixed(1)},${AXIS_Y}` }));
      } else {
        nodes.push(svg('line', { class: 'noise-bell-spike', x1: toX(clampView(r)), x2: toX(clampView(r)), y1: AXIS_Y, y2: AXIS_Y - PEAK }));
      }
    }
    nodes.push(svg('line', { class: 'noise-axis', x1: X0, x2: X1, y1: AXIS_Y, y2: AXIS_Y }));
    for (let v = LINE_MIN; v <= LINE_MAX; v += 1) {
      nodes.push(svg('line', { class: 'noise-tick', x1: toX(v), x2: toX(v), y1: AXIS_Y, y2: AXIS_Y + 10 }));
      nodes.push(svg('text', { class: 'noise-tick-label', x: toX(v), y: AXIS_Y + 38, 'text-anchor': 'middle' }, String(v)));
    }
    const levels = labelLevels(lesson.objects);
    const sentId = lesson.animating ? lesson.animating.record.sentId : lesson.sentId;
    for (const o of lesson.objects) {
      const cls = ['noise-object'];
      if (o.id === sentId) cls.push('is-sent');
      if (last && o.id === last.guessId) cls.push('is-guess');
      const g = svg('g', { class: cls.join(' '), 'data-name': o.name });
      const level = levels.get(o.id);
      const labelY = AXIS_Y - 22 - level * 31;
      g.append(
        svg('line', { class: 'noise-object-stem', x1: toX(o.x), x2: toX(o.x), y1: AXIS_Y, y2: labelY + 4 }),
        svg('circle', { cx: toX(o.x), cy: AXIS_Y, r: 7 }),
        svg('text', { x: toX(o.x), y: labelY, 'text-anchor': 'middle' }, o.name),
      );
      nodes.push(g);
    }
    if (last) {
      const x = toX(clampView(last.received));
      nodes.push(svg('path', { class: 'noise-received-mark', d: `M${x - 10},${AXIS_Y + 30} L${x + 10},${AXIS_Y + 30} L${x},${AXIS_Y + 12} Z` }));
      const anchor = x < 140 ? 'start' : x > 860 ? 'end' : 'middle';
      nodes.push(svg('text', { class: 'noise-received-label', x, y: 30, 'text-anchor': anchor }, `received ${fmt(last.received)}`));
    }
    line.replaceChildren(...nodes);
  }

  function renderResults() {
    const last = lesson.last;
    if (!last) {
      receivedText.textContent = lesson.animating ? 'Sending…' : 'Press “Send once”: the receiver hears a number.';
      delete receivedText.dataset.received;
      postList.replaceChildren();
    } else {
      receivedText.dataset.received = String(last.received);
      receivedText.textContent = `Sent ${last.sent}, received ${fmt(last.received)}: ` +
        `guess ${last.guess} ${last.right ? '✓ right' : '✗ wrong'}`;
      const sorted = [...last.posterior].sort((a, b) => b.p - a.p);
      const shown = sorted.filter((e) => e.p >= 0.01).slice(0, 3);
      const items = shown.map((e) => {
        const bar = html('span', { className: 'noise-bar' });
        bar.style.width = `${(100 * e.p).toFixed(1)}%`;
        return html('li', { dataset: { name: e.name, p: String(e.p) }, className: e.id === last.guessId ? 'is-guess' : '' }, [
          html('span', { className: 'noise-post-name' }, [e.name]),
          html('span', { className: 'noise-bar-track' }, [bar]),
          html('span', { className: 'noise-post-p' }, [formatPercent(e.p)]),
        ]);
      });
      const hidden = sorted.length - shown.length;
      if (hidden > 0) {
        items.push(html('li', { className: 'noise-post-more' },
          [`${hidden} more, ${sorted[shown.length].p < 0.001 ? 'each under 0.1%' : `each ≤ ${formatPercent(sorted[shown.length].p)}`}`]));
      }
      postList.replaceChildren(...items);
    }
    const { sends, right } = lesson.tally;
    tallyText.dataset.sends = String(sends);
    tallyText.dataset.right = String(right);
    tallyText.textContent = sends
      ? `Named right: ${right.toLocaleString('en')} of ${sends.toLocaleString('en')} = ${formatPercent(right / sends)}`
      : 'Named right: nothing sent yet';
  }

  function renderStats() {
    const xs = positions();
    const acc = accuracy(xs, lesson.sigma);
    const groups = distinguishableGroups(xs, lesson.sigma);
    const eff = effectiveCount(xs, lesson.sigma);
    lesson.stats = { accuracy: acc, groups: groups.length, effective: eff };
    expectedText.dataset.accuracy = String(acc);
    expectedText.textContent = `Exact rate at σ = ${lesson.sigma.toFixed(2)}: ${formatPercent(acc)}`;
    distinctText.dataset.count = String(groups.length);
    distinctText.textContent = `Distinguishable: ${groups.length} of ${xs.length} ` +
      `(closer than 4σ = ${(GAP_IN_SIGMAS * lesson.sigma).toFixed(2)} counts as one)`;
    effectiveText.dataset.effective = String(eff);
    effectiveText.textContent = `2^I = ${eff.toFixed(2)} objects get through ` +
      `(I = ${Math.log2(eff).toFixed(2)} bits: mutual information)`;
  }

  function render() {
    drawLine();
    renderResults();
  }

  // ---- controls ------------------------------------------------------------------------------------

  function fillSelect() {
    objectSelect.replaceChildren(...lesson.objects.map((o, i) =>
      new Option(`${i + 1}. ${o.name} ${o.x.toFixed(2)}`, String(o.id))));
    objectSelect.value = String(lesson.sentId);
  }

  function buildEditor() {
    const rows = lesson.objects.map((o, i) => {
      const name = html('input', { type: 'text', value: o.name, maxLength: 12, 'aria-label': `Name of object ${i + 1}` });
      name.addEventListener('change', () => {
        o.name = name.value.trim() || `object ${i + 1}`;
        name.value = o.name;
        objectsChanged(false);
      });
      const pos = html('input', { type: 'number', min: LINE_MIN, max: LINE_MAX, step: 0.01, value: o.x, 'aria-label': `Position of object ${i + 1}` });
      pos.addEventListener('change', () => {
        const v = Number(pos.value);
        if (pos.value !== '' && Number.isFinite(v)) o.x = Math.max(LINE_MIN, Math.min(LINE_MAX, v));
        pos.value = String(o.x);
        objectsChanged(false);
      });
      const remove = html('button', { type: 'button', textContent: 'Remove', 'aria-label': `Remove object ${i + 1}` });
      remove.disabled = lesson.objects.length <= 1;
      remove.addEventListener('click', () => removeObject(o.id));
      return html('tr', {}, [html('td', {}, [name]), html('td', {}, [pos]), html('td', {}, [remove])]);
    });
    editor.replaceChildren(...rows);
    addButton.disabled = lesson.objects.length >= MAX_OBJECTS;
  }

  function objectsChanged(rebuild = true) {
    if (lesson.animating) finishAnimation();
    if (!byId(lesson.sentId)) lesson.sentId = lesson.objects[0].id;
    if (rebuild) buildEditor();
    stopAuto();
    lesson.tally = { sends: 0, right: 0 };
    lesson.last = null;
    fillSelect();
    renderStats();
    render();
  }

  function addObject(name = null, x = null) {
    if (lesson.objects.length >= MAX_OBJECTS) return null;
    if (x === null) {  // the middle of the widest free stretch of the line
      const xs = [LINE_MIN, ...positions(), LINE_MAX].sort((a, b) => a - b);
      let best = 0;
      for (let k = 1; k < xs.length; k += 1) if (xs[k] - xs[k - 1] > xs[best + 1] - xs[best]) best = k - 1;
      x = Math.round(((xs[best] + xs[best + 1]) / 2) * 100) / 100;
    }
    const o = { id: nextId++, name: name || `thing ${lesson.objects.length + 1}`, x };
    lesson.objects.push(o);
    objectsChanged();
    return o;
  }

  function removeObject(id) {
    if (lesson.objects.length <= 1) return;
    lesson.objects = lesson.objects.filter((o) => o.id !== id);
    objectsChanged();
    const first = editor.querySelector('input');
    if (first) first.focus();
    else addButton.focus();
  }

  function setSigma(value, from = null) {
    const v = Math.max(0, Math.min(SIGMA_MAX, Math.round(Number(value) * 100) / 100));
    if (!Number.isFinite(v)) return;
    const changed = v !== lesson.sigma;
    if (changed && lesson.animating) finishAnimation();
    lesson.sigma = v;
    if (from !== sigmaInput) sigmaInput.value = String(v);
    sigmaOut.textContent = v.toFixed(2);
    samples.setSigma(v, from);
    if (changed) {  // a new σ is a new experiment: clear the last send and the count
      lesson.tally = { sends: 0, right: 0 };
      lesson.last = null;
      renderStats();
      render();
    }
  }

  function setSeed(value) {
    const v = Math.trunc(Number(value));
    lesson.seed = Number.isFinite(v) ? v >>> 0 : DEFAULT_SEED;
    seedInput.value = String(lesson.seed);
    stopAuto();
    if (lesson.animating) finishAnimation();
    restart();
    render();
  }

  function choose(index) {
    const o = lesson.objects[index];
    if (!o) return;
    lesson.sentId = o.id;
    objectSelect.value = String(o.id);
    render();
  }

  const samples = createNoiseSamples(root, state, { sigma: lesson.sigma, seed: lesson.seed, onSigma: (v, from) => setSigma(v, from) });

  objectSelect.addEventListener('change', () => { lesson.sentId = Number(objectSelect.value); render(); });
  sigmaInput.addEventListener('input', () => setSigma(sigmaInput.value, sigmaInput));
  sendButton.addEventListener('click', () => { stopAuto(); send(); });
  autoButton.addEventListener('click', () => setAuto(!lesson.auto));
  manyButton.addEventListener('click', () => sendMany(1000));
  addButton.addEventListener('click', () => {
    addObject();
    const inputs = editor.querySelectorAll('input[type=text]');
    inputs[inputs.length - 1].focus();
  });
  seedInput.addEventListener('change', () => setSeed(seedInput.value));
  restartButton.addEventListener('click', () => setSeed(seedInput.value));

  seedInput.value = String(lesson.seed);
  restart();
  buildEditor();
  fillSelect();
  setSigma(lesson.sigma);
  renderStats();
  render();

  const nudge = (d) => setSigma(lesson.sigma + d);
  return {
    lesson,
    samples,
    send,
    sendMany,
    setSigma: (v) => setSigma(v),
    setSeed,
    choose,
    addObject,
    removeObject,
    setAuto,
    /** Resolves when no send animation is running. */
    idle() {
      if (!lesson.animating) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    /** Keyboard shortcuts for projector mode (projector.js shows and runs them). */
    shortcuts: [
      { keys: ['s'], label: 'Send the chosen object once', run: () => { stopAuto(); send(); } },
      { keys: ['a'], label: 'Keep sending / stop', run: () => setAuto(!lesson.auto) },
      { keys: ['k'], label: 'Send 1,000 times, fast', run: () => sendMany(1000) },
      { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: 'Choose object 1–9 to send', display: '1 – 9', run: (key) => choose(Number(key) - 1) },
      { keys: ['+', '='], label: 'More noise: σ + 0.1', display: '+', run: () => nudge(0.1) },
      { keys: ['-', '_'], label: 'Less noise: σ − 0.1', display: '−', run: () => nudge(-0.1) },
      { keys: ['0'], label: 'No noise: σ = 0', run: () => setSigma(0) },
      { keys: ['e'], label: 'New noise ε for the 16 model samples', run: () => samples.resample() },
    ],
  };
}

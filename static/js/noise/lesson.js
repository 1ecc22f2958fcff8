// The noise lesson ("5.43: apple or banana?"), part 1: a number line from 0 to 10 with named objects;
// the presenter sends one, the receiver gets its number plus Gaussian noise N(0, σ²) and names the most
// probable object. This module holds the lesson's model (objects, σ, seed, tally, last send) and wires
// its controls; the line is drawn by number-line.js, the words by readout.js, the sends by sending.js,
// the objects edited by object-editor.js. Part 2, the same σ on the real model, is samples.js.
// The default objects have names in each language (objects[i].label, a catalog message); an object the
// user names keeps the name as typed.

import { count, fixed } from '../core/format.js';
import { msg, setText, t } from '../core/i18n.js';
import { byIds } from '../core/dom.js';
import { mulberry32 } from '../core/random.js';
import { drawNumberLine } from './number-line.js';
import { createObjectEditor } from './object-editor.js';
import { renderChannel, renderSend } from './readout.js';
import { createNoiseSamples } from './samples.js';
import { createSender } from './sending.js';

const SIGMA_MAX = 2;
const DEFAULT_SEED = 543;
export const DEFAULT_OBJECTS = [
  { label: msg('noise.obj.cat'), x: 1.2 },
  { label: msg('noise.obj.dog'), x: 2.9 },
  { label: msg('noise.obj.apple'), x: 5.43 },
  { label: msg('noise.obj.banana'), x: 5.44 },
  { label: msg('noise.obj.elephant'), x: 7.6 },
  { label: msg('noise.obj.kiwi'), x: 9.3 },
];
const MANY = 1000;  // "Send 1,000"

/** Objects named by the page (not by the user) take their name in the current language. */
function nameObjects(objects) {
  for (const o of objects) if (o.label) o.name = t(o.label.key, o.label.params);
}

const IDS = {
  line: 'noise-line', select: 'noise-object', sigma: 'noise-sigma', sigmaOut: 'noise-sigma-out',
  send: 'noise-send', auto: 'noise-auto', many: 'noise-send-many', received: 'noise-received',
  posterior: 'noise-posterior', tally: 'noise-tally', expected: 'noise-expected', distinct: 'noise-distinct',
  effective: 'noise-effective', editor: 'noise-objects', addButton: 'noise-add', seed: 'noise-seed',
  restart: 'noise-restart',
};

class NoiseLesson {
  constructor(root, state, animate) {
    const n = byIds(root, IDS);
    this.nodes = n;
    this.lesson = {
      objects: DEFAULT_OBJECTS.map((o, i) => ({ id: i + 1, name: '', ...o })), sentId: 3, sigma: Number(n.sigma.value),
      seed: DEFAULT_SEED, rng: null, tally: { sends: 0, right: 0 }, last: null, animating: null, auto: false,
    };
    this.sender = createSender(this.lesson, { line: n.line, animate, render: () => this.render(),
      onAuto: (on) => {
        n.auto.setAttribute('aria-pressed', String(on));
        setText(n.auto, on ? 'noise.stop' : 'noise.keepSending');
      } });
    this.editor = createObjectEditor(n, this.lesson, (rebuild) => this.objectsChanged(rebuild));
    this.samples = createNoiseSamples(root, state, { sigma: this.lesson.sigma, seed: this.lesson.seed,
      onSigma: (v, from) => this.setSigma(v, from) });
    this.wire();
    nameObjects(this.lesson.objects);
    setText(n.many, 'noise.sendMany', { n: count(MANY) });
    state.subscribe((what) => { if (what === 'lang') this.languageChanged(); });
    n.seed.value = String(this.lesson.seed);
    this.restart();
    this.editor.build();
    this.editor.fillSelect();
    this.setSigma(this.lesson.sigma);
    this.renderChannel();
    this.render();
  }

  wire() {
    const { nodes: n, lesson, sender } = this;
    n.select.addEventListener('change', () => { lesson.sentId = Number(n.select.value); this.render(); });
    n.sigma.addEventListener('input', () => this.setSigma(n.sigma.value, n.sigma));
    n.send.addEventListener('click', () => { sender.stopAuto(); sender.send(); });
    n.auto.addEventListener('click', () => sender.setAuto(!lesson.auto));
    n.many.addEventListener('click', () => sender.sendMany(MANY));
    n.seed.addEventListener('change', () => this.setSeed(n.seed.value));
    n.restart.addEventListener('click', () => this.setSeed(n.seed.value));
  }

  render() {
    const { lesson, nodes } = this;
    const sentId = lesson.animating ? lesson.animating.record.sentId : lesson.sentId;
    drawNumberLine(nodes.line, { objects: lesson.objects, sentId, last: lesson.last });
    renderSend(nodes, { last: lesson.last, sending: Boolean(lesson.animating), tally: lesson.tally });
  }

  /** Say everything again in the new language: the default objects' names, the editor, the words. */
  languageChanged() {
    const { lesson } = this;
    nameObjects(lesson.objects);
    const nameOf = (id) => (lesson.objects.find((o) => o.id === id) || {}).name;
    for (const record of [lesson.last, lesson.animating && lesson.animating.record].filter(Boolean)) {
      record.sent = nameOf(record.sentId);
      record.guess = nameOf(record.guessId);
      record.posterior.forEach((e) => { e.name = nameOf(e.id); });
    }
    setText(this.nodes.many, 'noise.sendMany', { n: count(MANY) });
    this.editor.build();
    this.editor.fillSelect();
    this.renderChannel();
    this.render();
  }

  renderChannel() {
    renderChannel(this.nodes, this.lesson.objects.map((o) => o.x), this.lesson.sigma);
  }

  /** A new experiment (objects, σ or seed changed): no last send, nothing counted. */
  clearCount() {
    this.lesson.tally = { sends: 0, right: 0 };
    this.lesson.last = null;
  }

  restart() {
    this.lesson.rng = mulberry32(this.lesson.seed);
    this.clearCount();
    this.samples.reseed(this.lesson.seed);
  }

  objectsChanged(rebuild = true) {
    const { lesson } = this;
    this.sender.finish();
    if (!lesson.objects.some((o) => o.id === lesson.sentId)) lesson.sentId = lesson.objects[0].id;
    if (rebuild) this.editor.build();
    this.sender.stopAuto();
    this.clearCount();
    this.editor.fillSelect();
    this.renderChannel();
    this.render();
  }

  setSigma(value, from = null) {
    const v = Math.max(0, Math.min(SIGMA_MAX, Math.round(Number(value) * 100) / 100));
    if (!Number.isFinite(v)) return;
    const changed = v !== this.lesson.sigma;
    if (changed) this.sender.finish();
    this.lesson.sigma = v;
    if (from !== this.nodes.sigma) this.nodes.sigma.value = String(v);
    this.nodes.sigmaOut.textContent = fixed(v, 2);
    this.samples.setSigma(v, from);
    if (changed) {
      this.clearCount();
      this.renderChannel();
      this.render();
    }
  }

  setSeed(value) {
    const v = Math.trunc(Number(value));
    this.lesson.seed = Number.isFinite(v) ? v >>> 0 : DEFAULT_SEED;
    this.nodes.seed.value = String(this.lesson.seed);
    this.sender.stopAuto();
    this.sender.finish();
    this.restart();
    this.render();
  }

  choose(index) {
    const o = this.lesson.objects[index];
    if (!o) return;
    this.lesson.sentId = o.id;
    this.nodes.select.value = String(o.id);
    this.render();
  }

  send(options) { return this.sender.send(options); }

  sendMany(n = MANY) { return this.sender.sendMany(n); }

  setAuto(on) { this.sender.setAuto(on); }

  addObject(name = null, x = null) { return this.editor.add(name, x); }

  removeObject(id) { this.editor.remove(id); }

  /** Resolves when no send is in flight (and "keep sending" is off). */
  idle() { return this.sender.idle(); }

  /** Keyboard shortcuts for projector mode (the projector shows and runs them; labels are messages). */
  get shortcuts() {
    const nudge = (d) => this.setSigma(this.lesson.sigma + d);
    return [
      { keys: ['s'], label: msg('noise.key.send'), run: () => { this.sender.stopAuto(); this.send(); } },
      { keys: ['a'], label: msg('noise.key.auto'), run: () => this.setAuto(!this.lesson.auto) },
      { keys: ['k'], label: msg('noise.key.many', { n: count(MANY) }), run: () => this.sendMany(MANY) },
      { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: msg('noise.key.choose'), display: '1 – 9',
        run: (key) => this.choose(Number(key) - 1) },
      { keys: ['+', '='], label: msg('noise.key.more'), display: '+', run: () => nudge(0.1) },
      { keys: ['-', '_'], label: msg('noise.key.less'), display: '−', run: () => nudge(-0.1) },
      { keys: ['0'], label: msg('noise.key.zero'), run: () => this.setSigma(0) },
      { keys: ['e'], label: msg('noise.key.resample'), run: () => this.samples.resample() },
    ];
  }
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The feature contract's mount: the lesson inside `root` (the #noise section), sharing the page's state
 * for part 2; its keyboard shortcuts go to the state (projector mode runs them). Returns the lesson.
 */
export function mount({ root, state, animate = !reducedMotion() }) {
  const lesson = new NoiseLesson(root, state, animate);
  state.addShortcuts(lesson.shortcuts);
  return lesson;
}

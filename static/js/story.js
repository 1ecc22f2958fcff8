// The story in five steps (issue 7): why a VAE looks the way it does, told by five small machines
// that each fix the previous one's limit, every one running live here. Steps 1–3 are the tiny
// decoders trained by `python -m train.story` (manifest "story", files under story/stepN/); steps 4
// and 5 are the shipped autoencoder and VAE (manifest "models", by name). All numbers shown come
// from the manifest; nothing is computed for a figure here. Test hooks: window.vaeDemo.story.
/* global tf */

import { LatentModel, loadManifest, loadStoryCodes, loadStoryModel } from './core/models.js';
import { gaussian } from './core/random.js';

const STEPS = 5;
const SVG = 'http://www.w3.org/2000/svg';

// Each step's words: short and plain. `limit` is what the next step fixes.
const TEXT = {
  1: ['A network stores a picture',
    'This decoder always gets the same input, the number 1, and was trained until its output matched one ' +
    'picture. The picture now lives in its weights.',
    'Its limit: one input, one picture.'],
  2: ['One-hot codes store a few pictures',
    'Same decoder, but the input is a one-hot code: [1, 0, 0, 0] means picture 1, [0, 1, 0, 0] picture 2.',
    'Its limit: only k pictures, and a blend like [0.5, 0.5, 0, 0] is a ghostly overlay, not a new digit.'],
  3: ['Real-valued codes store many',
    'Now each training picture gets a fixed random code of 4 real numbers, and only the decoder learns. ' +
    'Many more pictures fit.',
    'Its limit: a code halfway between two stored ones decodes to something that is no digit.'],
  4: ['An encoder makes the codes: an autoencoder',
    'An encoder learns to give each image its code; the decoder learns to draw it back. It works for ' +
    'digits it never saw.',
    'Its limit: a random code decodes to junk, because the codes leave holes.'],
  5: ['A VAE',
    'The encoder gives a mean and a spread for each code; a KL term pulls the codes toward N(0, I) and the ' +
    'reparameterization trick samples from them. Now random codes decode to digits.',
    ''],
};

const pct = (v) => `${(v * 100).toFixed(0)}%`;
const mse = (v) => v.toFixed(4);
const int = (v) => v.toLocaleString('en');
const nats = (v) => `${v.toFixed(1)} nats`;  // per image, summed over pixels

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** A term/value pair; the value keeps the manifest's raw number in data-value for tests. */
function numberRow(key, label, value, format) {
  const dd = el('dd', { dataset: { number: key } });
  if (value === null || value === undefined) {
    dd.textContent = 'n/a';
  } else {
    dd.textContent = format(value);
    dd.dataset.value = String(value);
  }
  return [el('dt', {}, label), dd];
}

/** The training curve (loss per epoch) as a small SVG line chart with a log-scale y axis. */
export function lossChart(curve, label, epochs) {
  const w = 220;
  const h = 80;
  const pad = 4;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('class', 'story-chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${label}: training loss (MSE) per epoch, from ${curve[0].toPrecision(3)} ` +
    `down to ${curve[curve.length - 1].toPrecision(3)}`);
  const logs = curve.map((v) => Math.log10(Math.max(v, 1e-8)));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const span = hi - lo || 1;
  const points = logs.map((v, i) => {
    const x = pad + (w - 2 * pad) * (curve.length > 1 ? i / (curve.length - 1) : 0);
    const y = pad + (h - 2 * pad) * (1 - (v - lo) / span);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const axis = document.createElementNS(SVG, 'polyline');
  axis.setAttribute('points', `${pad},${pad} ${pad},${h - pad} ${w - pad},${h - pad}`);
  axis.setAttribute('class', 'story-axis');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('class', 'story-curve');
  svg.append(axis, line);
  return el('figure', { class: 'story-chart-figure' }, svg,
    el('figcaption', {}, `Training: error over ${epochs} epochs (log scale)`));
}

export function initStory(section) {
  const status = section.querySelector('#story-status') || section.appendChild(el('p', { id: 'story-status' }));
  const api = {
    step: 1,
    settled: false,   // true once the manifest is read and the first step drawn (or failed)
    error: null,
    manifest: null,
    show,
    decode,
    idle,
    inputs: {},       // each step's current input code (what the canvas shows), for tests
  };
  const models = {};        // step → Promise<LatentModel | null>
  const views = {};         // step → {article, canvas, code(), render()}
  let entries = {};         // step → manifest story entry
  let codes3 = null;        // {codes: Float32Array, labels: Uint8Array, count, dim}
  let drawing = false;
  let pending = false;
  let waiters = [];

  function stepFromUrl() {
    const hash = /^#story-(\d)$/.exec(window.location.hash);
    const param = new URLSearchParams(window.location.search).get('step');
    const n = Number(hash ? hash[1] : param);
    return Number.isInteger(n) && n >= 1 && n <= STEPS ? n : null;
  }

  function modelFor(n) {
    if (!models[n]) {
      const e = entries[n];
      let promise;
      if (n <= 3) {
        promise = loadStoryModel(e);
      } else {
        const shipped = shippedEntry(n);
        promise = shipped ? LatentModel.load(shipped) : Promise.resolve(null);
      }
      models[n] = promise;
      promise.catch(() => { delete models[n]; });
    }
    return models[n];
  }

  function shippedEntry(n) {
    const e = entries[n];
    return e && (api.manifest.models || []).find((m) => m.name === e.model_name && m.kind === e.kind) || null;
  }

  /** Decode inputs (N × input size) with step n's in-page model → N arrays of 784 floats (test hook). */
  async function decode(n, inputs) {
    const model = await modelFor(n);
    if (!model) throw new Error(`step ${n}'s model is not shipped yet`);
    const out = tf.tidy(() => model.decode(tf.tensor2d(inputs)).reshape([inputs.length, 784]));
    const values = await out.array();
    out.dispose();
    return values;
  }

  // --- drawing: at most one decode at a time; a request during a draw redraws once after it ---
  function request() {
    pending = true;
    if (!drawing) {
      drawing = true;
      drawLoop();
    }
  }

  async function drawLoop() {
    while (pending) {
      pending = false;
      const n = api.step;
      const view = views[n];
      try {
        const model = view ? await modelFor(n) : null;
        if (model && n === api.step) {
          const input = view.code();
          if (!input) continue;
          api.inputs[n] = Array.from(input);
          const image = tf.tidy(() => model.decode(tf.tensor2d(input, [1, input.length])).reshape([28, 28]));
          try {
            await tf.browser.toPixels(image, view.canvas);
          } finally {
            image.dispose();
          }
          view.canvas.dataset.drawn = String(n);
        }
      } catch (e) {
        failStep(n, e);
      }
    }
    drawing = false;
    const w = waiters;
    waiters = [];
    w.forEach((resolve) => resolve());
  }

  function idle() {
    return drawing ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve();
  }

  function failStep(n, e) {
    const view = views[n];
    const msg = `This step's model could not run (${e.message || e}).`;
    if (view) view.note.textContent = msg;
    console.warn(e);
  }

  // --- navigation ---
  let nav = null;
  async function show(n, { focus = false, updateUrl = true } = {}) {
    n = Math.max(1, Math.min(STEPS, Math.round(n)));
    api.step = n;
    for (let i = 1; i <= STEPS; i += 1) {
      if (views[i]) views[i].article.hidden = i !== n;
      const dot = nav && nav.dots[i - 1];
      if (dot) {
        if (i === n) dot.setAttribute('aria-current', 'step');
        else dot.removeAttribute('aria-current');
      }
    }
    if (nav) {
      nav.prev.disabled = n === 1;
      nav.next.disabled = n === STEPS;
      nav.where.textContent = `Step ${n} of ${STEPS}`;
    }
    if (updateUrl) {
      const h = window.location.hash;
      if (h === '' || /^#story-\d$/.test(h)) {
        window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#story-${n}`);
      }
    }
    if (focus && views[n]) views[n].heading.focus();
    if (views[n]) {
      views[n].enter();
      request();
    }
    await idle();
  }

  function buildNav() {
    const prev = el('button', { type: 'button', class: 'story-prev' }, '← Previous');
    const next = el('button', { type: 'button', class: 'story-next' }, 'Next →');
    const dots = [];
    const list = el('ol', { class: 'story-dots', 'aria-label': 'Steps' });
    for (let i = 1; i <= STEPS; i += 1) {
      const b = el('button', { type: 'button', title: TEXT[i][0], 'aria-label': `Step ${i}: ${TEXT[i][0]}` },
        String(i));
      b.addEventListener('click', () => show(i));
      dots.push(b);
      list.append(el('li', {}, b));
    }
    const where = el('span', { class: 'story-where', 'aria-live': 'polite' }, '');
    prev.addEventListener('click', () => show(api.step - 1));
    next.addEventListener('click', () => show(api.step + 1));
    const bar = el('nav', { class: 'story-nav', 'aria-label': 'Story steps' }, prev, list, next, where);
    return { bar, prev, next, dots, where };
  }

  function article(n, body, { numbers = [], note = '' } = {}) {
    const [title, text, limit] = TEXT[n];
    const heading = el('h3', { id: `story-${n}-title`, tabindex: '-1' }, `${n}. ${title}`);
    const noteEl = el('p', { class: 'story-note', role: 'status' }, note);
    const dl = el('dl', { class: 'story-numbers' }, ...numbers.flat());
    const art = el('article', { id: `story-${n}`, class: 'story-step', 'aria-labelledby': heading.id, hidden: true },
      heading, el('p', { class: 'story-text' }, text, limit ? ' ' : '', limit ? el('strong', {}, limit) : ''),
      el('div', { class: 'story-body' }, ...body, el('div', { class: 'story-facts' }, dl, noteEl)));
    return { article: art, heading, note: noteEl, numbers: dl };
  }

  function canvasFor(n, label) {
    return el('canvas', { width: 28, height: 28, class: 'story-canvas', role: 'img', 'aria-label': label,
      id: `story-canvas-${n}` });
  }

  function slider(id, label, { min, max, step, value }, onInput) {
    const input = el('input', { type: 'range', id, min: String(min), max: String(max), step: String(step),
      value: String(value) });
    const out = el('output', { for: id, class: 'mono' }, Number(value).toFixed(2));
    input.addEventListener('input', () => {
      out.textContent = Number(input.value).toFixed(2);
      onInput(Number(input.value));
    });
    const row = el('div', { class: 'story-slider' }, el('label', { for: id }, label), input, out);
    return { row, input, out, set(v) { input.value = String(v); out.textContent = Number(v).toFixed(2); } };
  }

  const fmtCode = (code) => `[${Array.from(code, (v) => (Math.round(v * 100) / 100).toString()).join(', ')}]`;

  // --- the five steps ---
  function buildStep1(e) {
    const canvas = canvasFor(1, 'The picture coming out of the weights of step 1');
    let input = 1;
    const readout = el('p', { class: 'mono story-code' }, 'input = [1]');
    const s = slider('story-1-input', 'Input', { min: 0, max: 2, step: 0.05, value: 1 }, (v) => {
      input = v;
      readout.textContent = `input = [${v}]`;
      request();
    });
    const a = article(1, [el('figure', { class: 'story-figure' }, canvas),
      el('div', { class: 'story-controls' }, readout, s.row,
        lossChart(e.training.curve, 'Step 1', e.training.epochs))], {
      numbers: [numberRow('weights', 'Weights', e.weights, int), numberRow('pixels', 'Pixels stored', e.pixels, int),
        numberRow('mse', 'Final error (MSE)', e.numbers.mse, mse)],
    });
    return { ...a, canvas, code: () => Float32Array.of(input), enter() {} };
  }

  function buildStep2(e) {
    const k = e.input_dim;
    const canvas = canvasFor(2, 'The picture decoded from the one-hot code of step 2');
    const code = new Float32Array(k);
    code[0] = 1;
    const readout = el('p', { class: 'mono story-code' });
    const sliders = [];
    const sync = () => {
      readout.textContent = `code = ${fmtCode(code)}`;
      sliders.forEach((s, i) => s.set(code[i]));
      request();
    };
    const buttons = el('div', { class: 'story-buttons', role: 'group', 'aria-label': 'One-hot codes' });
    for (let i = 0; i < k; i += 1) {
      const b = el('button', { type: 'button', dataset: { onehot: String(i) } },
        `Picture ${i + 1}${e.digits ? ` (a ${e.digits[i]})` : ''}`);
      b.addEventListener('click', () => { code.fill(0); code[i] = 1; sync(); });
      buttons.append(b);
    }
    const blend = el('button', { type: 'button', class: 'story-blend' }, 'Blend 1 + 2');
    blend.addEventListener('click', () => { code.fill(0); code[0] = 0.5; code[1] = 0.5; sync(); });
    buttons.append(blend);
    for (let i = 0; i < k; i += 1) {
      sliders.push(slider(`story-2-code-${i}`, `c${i + 1}`, { min: 0, max: 1, step: 0.05, value: code[i] }, (v) => {
        code[i] = v;
        readout.textContent = `code = ${fmtCode(code)}`;
        request();
      }));
    }
    sync();
    const n = e.numbers;
    const a = article(2, [el('figure', { class: 'story-figure' }, canvas),
      el('div', { class: 'story-controls' }, readout, buttons,
        el('div', { class: 'story-sliders' }, ...sliders.map((s) => s.row)))], {
      numbers: [numberRow('stored', 'Pictures stored', n.stored, int), numberRow('weights', 'Weights', e.weights, int),
        numberRow('pixels', 'Pixels stored', e.pixels, int), numberRow('mse', 'Error on stored (MSE)', n.mse, mse),
        numberRow('confident_blend', 'Blends read as a digit', n.confident_blend, pct)],
    });
    return { ...a, canvas, code: () => Float32Array.from(code), enter() {} };
  }

  function buildStep3(e) {
    const canvas = canvasFor(3, 'The picture decoded from the code of step 3');
    const count = e.codes.count;
    let a = 0;
    let b = 1;
    let t = 0;
    const readout = el('p', { class: 'mono story-code' });
    const pick = (id, label, value, onChange) => {
      const input = el('input', { type: 'number', id, min: '1', max: String(count), step: '1', value: String(value + 1),
        class: 'story-pick' });
      input.addEventListener('change', () => {
        const v = Math.max(1, Math.min(count, Math.round(Number(input.value) || 1)));
        input.value = String(v);
        onChange(v - 1);
      });
      return { row: el('label', { for: id, class: 'story-pickrow' }, label, input), input };
    };
    const pa = pick('story-3-a', 'Stored picture A #', a, (v) => { a = v; sync(); });
    const pb = pick('story-3-b', 'B #', b, (v) => { b = v; sync(); });
    const mix = slider('story-3-mix', 'A → B', { min: 0, max: 1, step: 0.05, value: 0 }, (v) => { t = v; sync(); });
    const half = el('button', { type: 'button', class: 'story-halfway' }, 'Halfway');
    half.addEventListener('click', () => { t = 0.5; mix.set(t); sync(); });
    const randomPair = el('button', { type: 'button', class: 'story-random-pair' }, 'Random pair');
    randomPair.addEventListener('click', () => {
      a = Math.floor(Math.random() * count);
      b = (a + 1 + Math.floor(Math.random() * (count - 1))) % count;
      pa.input.value = String(a + 1);
      pb.input.value = String(b + 1);
      sync();
    });
    function current() {
      if (!codes3) return null;
      const dim = codes3.dim;
      const out = new Float32Array(dim);
      for (let j = 0; j < dim; j += 1) {
        out[j] = (1 - t) * codes3.codes[a * dim + j] + t * codes3.codes[b * dim + j];
      }
      return out;
    }
    function sync() {
      if (!codes3) return;
      const what = t === 0 ? `stored #${a + 1} (a ${codes3.labels[a]})`
        : t === 1 ? `stored #${b + 1} (a ${codes3.labels[b]})`
          : `${Math.round((1 - t) * 100)}% A + ${Math.round(t * 100)}% B: not a stored code`;
      readout.textContent = `code = ${fmtCode(current())}, ${what}`;
      request();
    }
    const n = e.numbers;
    const art = article(3, [el('figure', { class: 'story-figure' }, canvas),
      el('div', { class: 'story-controls' }, readout, el('div', { class: 'story-buttons' }, pa.row, pb.row),
        mix.row, el('div', { class: 'story-buttons' }, half, randomPair),
        lossChart(e.training.curve, 'Step 3', e.training.epochs))], {
      numbers: [numberRow('stored', 'Pictures stored', n.stored, int),
        numberRow('weights', 'Weights', e.weights, int), numberRow('pixels', 'Pixels stored', e.pixels, int),
        numberRow('mse_stored', 'Error on stored codes (MSE)', n.mse_stored, mse),
        numberRow('mse_halfway', 'Error halfway, vs the blend', n.mse_halfway, mse),
        numberRow('confident_stored', 'Stored read as a digit', n.confident_stored, pct),
        numberRow('confident_halfway', 'Halfway read as a digit', n.confident_halfway, pct)],
    });
    return { ...art, canvas, code: current, enter: sync };
  }

  function buildShipped(n, e) {
    const shipped = shippedEntry(n);
    const canvas = canvasFor(n, `A digit decoded from a random code by the ${n === 4 ? 'autoencoder' : 'VAE'}`);
    const dim = shipped ? shipped.latent_dim : 0;
    let z = new Float32Array(dim);
    const readout = el('p', { class: 'mono story-code' }, shipped ? `z = ${fmtCode(z)}` : '');
    const sample = el('button', { type: 'button', class: 'story-sample', disabled: !shipped }, 'Sample a random code');
    sample.addEventListener('click', () => {
      z = Float32Array.from({ length: dim }, () => gaussian());
      readout.textContent = `z = ${fmtCode(z)} ~ N(0, I)`;
      request();
    });
    const controls = [readout, el('div', { class: 'story-buttons' }, sample)];
    if (n === 5) {
      controls.push(el('p', {}, el('a', { href: '#noise', class: 'story-noise-link' },
        'Why sample with noise? The noise lesson →')));
    }
    // Steps 4 and 5 side by side: the same two numbers for both shipped models.
    const numbers = [];
    for (const m of [4, 5]) {
      const s = shippedEntry(m);
      const who = m === 4 ? 'Autoencoder' : 'VAE';
      const mark = m === n ? ' (this step)' : '';
      numbers.push(numberRow(`reconstruction-${m}`, `${who}: test reconstruction error${mark}`,
        s && s.test ? s.test.reconstruction : null, nats));
      numbers.push(numberRow(`confident-${m}`, `${who}: random codes read as a digit${mark}`,
        s && s.samples ? s.samples.confident : null, pct));
      numbers.push(numberRow(`digit-score-${m}`, `${who}: digit score of random codes, of 10${mark}`,
        s && s.samples ? s.samples.digit_score : null, (v) => v.toFixed(1)));
    }
    const note = shipped ? `Model: ${shipped.title}.` : `Not shipped yet: the ${n === 4 ? 'autoencoder' : 'VAE'} ` +
      `“${e.model_name}” is not in the model list. Train and export it, then reload.`;
    const a = article(n, [el('figure', { class: 'story-figure' }, canvas), el('div', { class: 'story-controls' },
      ...controls)], { numbers, note });
    if (!shipped) canvas.classList.add('story-missing');
    return { ...a, canvas, code: () => Float32Array.from(z), enter() {} };
  }

  function missing(text) {
    status.hidden = false;
    status.textContent = text;
  }

  async function start() {
    let manifest;
    try {
      manifest = await loadManifest();
    } catch (e) {
      manifest = null;
    }
    const story = manifest && Array.isArray(manifest.story) ? manifest.story : [];
    entries = Object.fromEntries(story.map((e) => [e.step, e]));
    api.manifest = manifest;
    if (![1, 2, 3, 4, 5].every((n) => entries[n])) {
      missing('The story’s models are not exported yet: run python -m train.story --data PATH.npz ' +
        '--out exported_model, then reload.');
      return;
    }
    nav = buildNav();
    const built = [buildStep1(entries[1]), buildStep2(entries[2]), buildStep3(entries[3]),
      buildShipped(4, entries[4]), buildShipped(5, entries[5])];
    built.forEach((v, i) => { views[i + 1] = v; });
    status.remove();  // the section is now its title and one stage (projector mode shows it as one page)
    // One wrapper, so that projector mode keeps the buttons and the step on one page.
    section.append(el('div', { class: 'story-stage' }, nav.bar,
      el('div', { class: 'story-steps' }, ...built.map((v) => v.article))));
    section.addEventListener('keydown', (ev) => {
      if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
      if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      if (ev.target.closest('input, select, textarea')) return;  // arrows move sliders there
      ev.preventDefault();
      show(api.step + (ev.key === 'ArrowRight' ? 1 : -1));
    });
    window.addEventListener('hashchange', () => {
      const n = /^#story-(\d)$/.test(window.location.hash) ? stepFromUrl() : null;
      if (n) {
        show(n, { updateUrl: false });
        section.scrollIntoView();
      }
    });
    try {
      codes3 = await loadStoryCodes(entries[3]);
    } catch (e) {
      views[3].note.textContent = `The stored codes could not be read (${e.message}).`;
    }
    const first = stepFromUrl();
    await show(first || 1, { updateUrl: Boolean(first) });
    if (first) section.scrollIntoView();
    // Fetch the other steps' small models in the background so the next click is instant.
    [1, 2, 3].forEach((n) => modelFor(n).catch(() => {}));
  }

  api.ready = start().catch((e) => {
    api.error = `The story could not start (${e.message || e}).`;
    missing(api.error);
    console.warn(e);
  }).finally(() => { api.settled = true; });
  return api;
}

// The story in five steps: why a VAE looks the way it does, told by five small machines that each fix
// the previous one's limit, every one running live here. Steps 1–3 are the tiny decoders trained by
// `python -m train.story` (manifest "story"), steps 4 and 5 the shipped autoencoder and VAE (manifest
// "models", by name); the manifest, the models and step 3's codes come through core/models.js. All
// numbers shown come from the manifest. One step shows at a time; its canvas is redrawn through the
// frame scheduler. Nothing but the manifest is fetched until the story comes near the screen, is
// opened by the URL (#story-N, ?step=N) or is used; then step 3's codes and steps 1–3's models arrive,
// each model with a progress bar. Test hooks: window.vaeDemo.story (show, decode, idle, and stats when
// probes are on).

import { el } from '../core/dom.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { msg, setText, t } from '../core/i18n.js';
import { LatentModel, ModelError, loadManifest, loadStoryCodes, loadStoryModel } from '../core/models.js';
import { NEAR, whenNear } from '../core/near.js';
import { createProbe } from '../core/probes.js';
import { createProgressLine } from '../core/progress.js';
import { createNavBar, listenForSteps, stepFromUrl, stepToUrl } from './nav.js';
import { buildShippedStep } from './shipped-step.js';
import { buildStep1 } from './step1.js';
import { buildStep2 } from './step2.js';
import { buildStep3 } from './step3.js';
import { STEPS } from './text.js';

const NOT_EXPORTED = msg('story.notExported');

class Story {
  constructor(section) {
    this.section = section;
    this.status = section.querySelector('#story-status') || section.appendChild(el('p', { id: 'story-status' }));
    this.step = 1;
    this.settled = false;   // true once the manifest is read and the steps built (or failed)
    this.opening = null;    // Promise: step 3's codes read (set once the story is near or used)
    this.wake = () => {};   // fetch what the steps need now (set once the steps are built)
    this.error = null;
    this.manifest = null;
    this.entries = {};      // step → manifest story entry
    this.views = {};        // step → {article, heading, note, canvas, code(), enter()}
    this.models = {};       // step → Promise<LatentModel | null>
    this.stats = createProbe('story', { inputs: {} });  // each step's input as last drawn
    this.drawing = createFrameScheduler(() => this.draw());
    this.ready = this.start().catch((e) => {
      const message = msg('story.startError', { detail: e.message || String(e) });
      this.error = t(message.key, message.params);
      this.say(message);
      console.warn(e);
    }).finally(() => { this.settled = true; });
  }

  /** Say `message` (a msg()) where the story will be. */
  say(message) {
    this.status.hidden = false;
    setText(this.status, message);
  }

  /** The shipped model that story step n (4 or 5) names, or null if the manifest lacks it. */
  shippedEntry(n) {
    const e = this.entries[n];
    return (e && (this.manifest.models || []).find((m) => m.name === e.model_name && m.kind === e.kind)) || null;
  }

  /** Step n's decoder, loaded once (a failed load is retried next time); null for a missing shipped model. */
  modelFor(n) {
    if (!this.models[n]) {
      const shipped = n > 3 ? this.shippedEntry(n) : null;
      const promise = n > 3 && !shipped ? Promise.resolve(null)
        : this.downloads.track(msg('story.downloading', { n }),
          (onProgress) => (n <= 3 ? loadStoryModel(this.entries[n], onProgress)
            : LatentModel.load(shipped, onProgress)));
      this.models[n] = promise;
      promise.catch(() => { delete this.models[n]; });
    }
    return this.models[n];
  }

  /** Decode inputs (N × input size) with step n's in-page model → N arrays of 784 floats (test hook). */
  async decode(n, inputs) {
    const model = await this.modelFor(n);
    if (!model) throw new Error(`step ${n}'s model is not shipped yet`);
    return model.decodeArrays(inputs);
  }

  /** Draw the current step's input on its canvas (run by the frame scheduler). */
  async draw() {
    const n = this.step;
    const view = this.views[n];
    if (!view || !this.opening) return;  // nothing is drawn before the story is opened
    await this.opening;
    try {
      const model = await this.modelFor(n);
      const input = view.code();
      if (!model || n !== this.step || !input) return;  // a newer step asked for its own frame
      await model.draw(input, view.canvas);
      view.canvas.dataset.drawn = String(n);
      if (this.stats) this.stats.inputs[n] = Array.from(input);
    } catch (e) {
      setText(view.note, 'story.runError', { detail: e.message || String(e) });
      console.warn(e);
    }
  }

  request() {
    this.drawing.request();
  }

  /** Resolves once the current step's canvas shows its input. */
  idle() {
    return this.drawing.idle();
  }

  /** Make step n (clamped to 1–5) the one on show: its article, the bar, the URL. Returns the step. */
  select(n, updateUrl) {
    const step = Math.max(1, Math.min(STEPS, Math.round(n)));
    this.step = step;
    Object.entries(this.views).forEach(([k, v]) => { v.article.hidden = Number(k) !== step; });
    if (this.nav) this.nav.update(step);
    if (updateUrl) stepToUrl(step);
    return step;
  }

  /** Show step n (clamped to 1–5), opening the story if need be; resolves once it is drawn. */
  async show(n, { focus = false, updateUrl = true } = {}) {
    const step = this.select(n, updateUrl);
    this.wake();
    const view = this.views[step];
    if (view) {
      if (focus) view.heading.focus();
      view.enter();
      this.request();
    }
    await this.idle();
  }

  buildViews() {
    const e = this.entries;
    const context = { request: () => this.request(), shippedOf: (m) => this.shippedEntry(m) };
    this.views = { 1: buildStep1(e[1], context), 2: buildStep2(e[2], context), 3: buildStep3(e[3], context),
      4: buildShippedStep(4, e[4], context), 5: buildShippedStep(5, e[5], context) };
    const go = (n, options) => this.show(n, options);
    this.nav = createNavBar(go, () => this.step);
    this.status.remove();  // the section is now its title and one stage (projector mode shows it as one page)
    const loadingText = el('span');
    const bar = el('progress', { max: 1, value: 0, i18nAttrs: { 'aria-label': 'status.progressLabel' } });
    const loading = el('p', { class: 'story-loading', role: 'status', hidden: true }, loadingText, ' ', bar);
    this.downloads = createProgressLine(loading, loadingText, bar);
    // One wrapper, so that projector mode keeps the buttons and the step on one page.
    this.section.append(el('div', { class: 'story-stage' }, this.nav.bar, loading,
      el('div', { class: 'story-steps' }, Object.values(this.views).map((v) => v.article))));
    listenForSteps(this.section, go, () => this.step);
  }

  async start() {
    this.manifest = await loadManifest().catch(() => null);
    const story = this.manifest && Array.isArray(this.manifest.story) ? this.manifest.story : [];
    this.entries = Object.fromEntries(story.map((e) => [e.step, e]));
    if (![1, 2, 3, 4, 5].every((n) => this.entries[n])) {
      this.say(NOT_EXPORTED);
      return;
    }
    this.buildViews();
    this.wake = whenNear(this.section, () => { this.opening = this.open(); }, NEAR.below);
    const first = stepFromUrl();
    this.select(first || 1, false);
    if (!first) return;
    await this.show(first);
    this.section.scrollIntoView();
  }

  /** The story came near the screen, or was used: read step 3's codes, fetch steps 1–3's models. */
  async open() {
    try {
      this.views[3].setCodes(await loadStoryCodes(this.entries[3]));
    } catch (e) {
      const why = e instanceof ModelError ? e : msg('story.codesError', { detail: e.message || String(e) });
      setText(this.views[3].note, why);
    }
    this.request();
    // The other steps' small models arrive in the background, so the next click is instant.
    [1, 2, 3].forEach((n) => this.modelFor(n).catch(() => {}));
  }
}

/** The feature contract's mount: the story inside `root` (#story); returns its handle. */
export function mount({ root }) {
  return new Story(root);
}

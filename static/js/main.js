// Boots the page and wires the features to the shared state: backend, manifest, the first model, and
// each feature's panel. Features share one state (core/state.js) and never call each other. What the
// first digit needs is imported here (the server preloads exactly that); the panels below the first
// screen (upload, noise lesson, story, Why blurry?, projector mode) are imported once it is drawn.

import { chooseLanguage, msg, setAttr, setText, t, useLanguage } from './core/i18n.js';
import { modelSwitcher, switchModel } from './core/model-switch.js';
import { ModelError, findModel, initBackend, loadManifest } from './core/models.js';
import { createProbe, probes } from './core/probes.js';
import { createState } from './core/state.js';
import { hideStatus, showError, showStatus } from './core/status.js';
import { initExplore } from './explore/explore.js';
import { initModelPicker } from './explore/model-picker.js';
import { initLanguagePicker } from './language/language-picker.js';
import { initInterpolation } from './latent/interpolation.js';
import { initLatentMap } from './latent/latent-map.js';
import { renderModelTable } from './latent/model-table.js';

const params = new URLSearchParams(window.location.search);
const byId = (id) => document.getElementById(id);
const state = createState();
const demo = { state, ready: false, error: null, probes };
window.vaeDemo = demo;  // for tests, benchmarks and the curious (open the console)

function fail(e) {
  const message = e instanceof ModelError ? e : msg('errors.generic', { detail: e.message || String(e) });
  demo.error = e instanceof ModelError ? e.message : t('errors.generic', message.params);
  hideStatus();
  showError(message);
  console.warn(e);
}

/** The model the URL names (?model=NAME), else the manifest's default; an unknown name is said so. */
function firstModel(manifest) {
  const fallback = findModel(manifest, manifest.default) || manifest.models[0];
  const asked = params.get('model');
  const entry = asked === null ? fallback : findModel(manifest, asked);
  if (entry) return entry;
  showError(msg('errors.unknownUrlModel', { asked, title: fallback.title,
    names: manifest.models.map((m) => m.name).join(', ') }));
  return fallback;
}

function showBackend(backend) {
  const badge = byId('backend');
  setText(badge, 'header.runsOn', { backend: backend.label });
  if (backend.note) setAttr(badge, 'title', backend.note.key, backend.note.params);
}

/** The digit, its sliders, the latent map and the interpolation: they follow the model from the start. */
function initFeatures() {
  Object.assign(demo, initExplore(byId('explore'), state, { onError: fail }));
  demo.latentMap = initLatentMap({ state, root: byId('latent'), onError: fail });
  demo.renderManifold = () => demo.latentMap.renderManifold();
  demo.interpolation = initInterpolation({ state, root: byId('latent'), onError: fail });
}

/**
 * The panels below the first screen and projector mode, fetched and built once the first digit is drawn
 * (or has failed: the noise lesson needs no model); the story needs the backend, upload and Why blurry?
 * the manifest.
 */
async function initLaterFeatures({ backend = null, manifest = null }) {
  const [{ createNoiseLesson }, { createProjector }, { initStory }, { initUpload }, { initBlur }] = await Promise.all([
    import('./noise/lesson.js'), import('./projector/projector.js'), import('./story/story.js'),
    import('./upload/upload.js'), import('./blur/blur.js')]);
  demo.noise = createNoiseLesson(byId('noise'), state);
  demo.projector = createProjector({ state, sliders: demo.sliders, shortcuts: demo.noise.shortcuts,
    toggleButton: byId('projector-toggle'), startOn: params.has('projector') });
  if (backend) demo.story = initStory(byId('story'));
  if (manifest) {
    demo.upload = initUpload({ state, manifest });
    demo.blur = initBlur({ root: byId('blur'), state, manifest, onError: fail });
  }
}

/** Start what the first digit waits for at once, side by side: the words, the backend, the manifest. */
function startBoot() {
  const started = {
    language: useLanguage(chooseLanguage()),
    backend: initBackend(params.get('backend') || null),
    manifest: loadManifest(),
  };
  Object.values(started).forEach((p) => p.catch(() => {}));  // each failure is reported where it is awaited
  return started;
}

/** Backend, manifest, the first model and its digit on the canvas; `reached` keeps what is in. */
async function firstDigit(started, reached) {
  const backend = await started.backend;
  reached.backend = backend;
  demo.backend = backend.name;
  showBackend(backend);

  showStatus(msg('status.readingModels'));
  const manifest = await started.manifest;
  reached.manifest = manifest;
  demo.manifest = manifest;
  const modelTable = () => renderModelTable(byId('model-compare'), manifest, byId('model-compare-note'));
  modelTable();
  state.subscribe((what) => { if (what === 'lang') modelTable(); });
  state.setModelSwitcher(modelSwitcher(state, manifest, fail));
  initModelPicker(byId('model-picker'), state, manifest);
  await switchModel(state, firstModel(manifest));
  /** Decode z values with the page's own model and backend: (N, latentDim) → N arrays of 784 floats. */
  demo.decode = (zs) => state.model.decodeArrays(zs);
  await demo.view.idle();
  const boot = createProbe('boot');
  if (boot) boot.firstDigitMs = performance.now();  // since navigation started: the benchmark reads it
}

async function main() {
  const started = startBoot();
  state.setLang(await started.language);
  initLanguagePicker(byId('lang-picker'), state);
  initFeatures();
  const reached = {};
  try {
    await firstDigit(started, reached);
  } catch (e) {
    fail(e);
    await initLaterFeatures(reached);
    return;
  }
  await initLaterFeatures(reached);
  if (reached.backend.note) showStatus(reached.backend.note);
  demo.ready = true;
  document.body.dataset.ready = 'true';
}

main().catch(fail);

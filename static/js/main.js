// Boots the page: starts what the first digit waits for (the words, the backend, the manifest), mounts
// the features on one shared state (core/state.js), loads the first model, and mounts the panels below
// the first screen once its digit is drawn. Every feature folder has one entry point,
// mount({root, state, manifest, onError}), that builds its panel inside `root` and returns its handle
// ({idle(), …}); the handles are on window.vaeDemo under the features' names. Features never call
// each other: they meet in the state. The service worker (offline/) is registered with the panels below,
// after the first digit, so it never delays it.

import * as blur from './blur/blur.js';
import * as classroom from './classroom/classroom.js';
import { chooseLanguage, msg, setAttr, setText, t, useLanguage } from './core/i18n.js';
import { modelSwitcher, switchModel } from './core/model-switch.js';
import { ModelError, findModel, initBackend, loadManifest } from './core/models.js';
import { nextTask } from './core/frame-scheduler.js';
import { createProbe, probes } from './core/probes.js';
import { createState } from './core/state.js';
import { hideStatus, showError, showStatus } from './core/status.js';
import * as explore from './explore/explore.js';
import * as language from './language/language-picker.js';
import * as latent from './latent/latent.js';
import * as noise from './noise/lesson.js';
import * as offline from './offline/offline.js';
import * as projector from './projector/projector.js';
import * as story from './story/story.js';
import * as train from './train/train.js';
import * as upload from './upload/upload.js';

// [name, feature, where it mounts, what it needs besides the state]: the first screen, then the rest.
const FIRST = [['explore', explore, '#explore'], ['latent', latent, '#latent']];
const LATER = [['noise', noise, '#noise'], ['training', train, '#train', 'manifest'],
  ['story', story, '#story', 'backend'],
  ['upload', upload, '#upload', 'manifest'], ['classMap', classroom, '#classroom', 'manifest'],
  ['blur', blur, '#blur', 'manifest'], ['projector', projector, 'body'], ['offline', offline, 'body']];

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

/** Mount each feature of `list` whose needs `reached` has ({backend, manifest}), once. */
function mountAll(list, reached) {
  for (const [name, feature, where, needs] of list) {
    if (demo[name] || (needs && !reached[needs])) continue;
    const root = document.querySelector(where);
    demo[name] = feature.mount({ root, state, manifest: reached.manifest || null, onError: fail });
  }
}

/** mountAll, one feature a task: the page answers a tap or a slider between them, never held for all. */
async function mountEach(list, reached) {
  for (const item of list) {
    await nextTask();
    mountAll([item], reached);
  }
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

/** Backend, manifest, the first screen's features, the first model and its digit; `reached` keeps what is in. */
async function firstDigit(started, reached) {
  const backend = await started.backend;
  reached.backend = backend;
  demo.backend = backend.name;
  showBackend(backend);

  showStatus(msg('status.readingModels'));
  const manifest = await started.manifest;
  reached.manifest = manifest;
  demo.manifest = manifest;
  mountAll(FIRST, reached);
  state.setModelSwitcher(modelSwitcher(state, manifest, fail));
  await switchModel(state, firstModel(manifest));
  /** Decode z values with the page's own model and backend: (N, latentDim) → N arrays of 784 floats. */
  demo.decode = (zs) => state.model.decodeArrays(zs);
  await demo.explore.idle();
  const boot = createProbe('boot');
  if (boot) boot.firstDigitMs = performance.now();  // since navigation started: the benchmark reads it
}

async function main() {
  const started = startBoot();
  await started.language;
  mountAll([['language', language, 'header']], {});
  const reached = {};
  let failed = false;
  try {
    await firstDigit(started, reached);
  } catch (e) {
    fail(e);
    failed = true;
  }
  await mountEach([...FIRST, ...LATER], reached);  // the first screen too, if it failed before them
  if (failed) return;
  if (reached.backend.note) showStatus(reached.backend.note, null, { closable: true });
  demo.ready = true;
  document.body.dataset.ready = 'true';
}

main().catch(fail);

// Boots the page: backend, manifest, model picker, and the explore view (sliders + decoded digit).
// Features share one state (state.js) and never call each other.
/* global tf */

import { createDecoderView } from './decoder-view.js';
import { initInterpolation } from './interpolation.js';
import { initLatentMap } from './latent-map.js';
import { renderModelTable } from './model-table.js';
import { LatentModel, ModelError, findModel, initBackend, loadManifest } from './core/models.js';
import { createNoiseLesson } from './noise/lesson.js';
import { createProjector } from './projector.js';
import { createSliders } from './sliders.js';
import { createState } from './core/state.js';
import { initStory } from './story/story.js';
import { clearError, hideStatus, showError, showStatus } from './core/status.js';
import { initUpload } from './upload/upload.js';

const params = new URLSearchParams(window.location.search);
const { wasmUrl } = document.body.dataset;
const state = createState();
const demo = { state, ready: false, error: null };
window.vaeDemo = demo;  // for tests, benchmarks and the curious (open the console)

function describeError(e) {
  return e instanceof ModelError ? e.message : `Something went wrong: ${e.message || e}`;
}

function fail(e) {
  demo.error = describeError(e);
  hideStatus();
  showError(demo.error);
  console.warn(e);
}

function renderFacts(entry) {
  const facts = document.getElementById('model-facts');
  const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
  const t = entry.test || {};
  const rows = [
    ['Code size', `${entry.latent_dim} numbers`],
    ['Architecture', `${entry.arch}, ${entry.kind === 'vae' ? 'variational' : 'plain autoencoder'}`],
    ['Test −ELBO', t.neg_elbo !== undefined ? `${t.neg_elbo.toFixed(1)} nats/image` : 'n/a (no KL term)'],
    ['Test reconstruction', t.reconstruction !== undefined ? `${t.reconstruction.toFixed(1)} nats/image` : '?'],
    ['Trained', `${entry.training.epochs} epochs on ${entry.training.train_images.toLocaleString('en')} images`],
    ['Download', `decoder ${mb(entry.bytes.decoder)}, encoder ${mb(entry.bytes.encoder)}`],
    ['Digit score of random codes', entry.samples && entry.samples.digit_score !== undefined
      ? `${entry.samples.digit_score.toFixed(1)} of 10` : 'not measured'],
  ];
  facts.replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
}

async function switchModel(entry) {
  showStatus(`Downloading the decoder of “${entry.title}”…`, 0);
  const model = await LatentModel.load(entry, (f) => showStatus(
    `Downloading the decoder of “${entry.title}”… ${Math.round(f * 100)}%`, f));
  // Warm up (compiles the WebGL shaders) so the first slider move is not the slow one.
  tf.tidy(() => model.decode(tf.zeros([1, model.latentDim])).dataSync());
  const previous = state.model;
  state.setModel(model);
  if (previous) previous.dispose();
  renderFacts(entry);
  hideStatus();
}

async function main() {
  const view = createDecoderView(document.getElementById('digit'), state, { onError: fail });
  const sliders = createSliders(document.getElementById('sliders'), state);
  demo.view = view;
  demo.sliders = sliders;
  demo.noise = createNoiseLesson(document.getElementById('noise'), state);
  demo.projector = createProjector({ state, sliders, shortcuts: demo.noise.shortcuts,
    toggleButton: document.getElementById('projector-toggle'), startOn: params.has('projector') });
  const readout = document.getElementById('z-readout');
  state.subscribe(() => {
    readout.textContent = `z = [${Array.from(state.z, (v) => v.toFixed(2)).join(', ')}]`;
  });

  const latentRoot = document.getElementById('latent');
  demo.latentMap = initLatentMap({ state, root: latentRoot, onError: fail });
  demo.renderManifold = () => demo.latentMap.renderManifold();
  demo.interpolation = initInterpolation({ state, root: latentRoot, onError: fail });

  const backend = await initBackend(params.get('backend') || null, wasmUrl);
  demo.backend = backend.name;
  const badge = document.getElementById('backend');
  badge.textContent = `runs on: ${backend.label}`;
  if (backend.note) badge.title = backend.note;
  demo.story = initStory(document.getElementById('story'));  // runs beside the rest

  showStatus('Reading the model list…');
  const manifest = await loadManifest();
  demo.manifest = manifest;
  renderModelTable(document.getElementById('model-compare'), manifest,
    document.getElementById('model-compare-note'));
  const picker = document.getElementById('model-picker');
  picker.replaceChildren(...manifest.models.map((m) => new Option(m.title, m.name)));
  const wanted = params.get('model') || manifest.default || manifest.models[0].name;
  const entry = manifest.models.find((m) => m.name === wanted) || manifest.models[0];
  picker.value = entry.name;
  await switchModel(entry);
  demo.upload = initUpload({ state, manifest, picker: document.getElementById('model-picker') });

  state.setModelSwitcher(async (name) => {
    const next = findModel(manifest, name);
    clearError();
    picker.disabled = true;
    try {
      if (!next) throw new ModelError(`There is no model "${name}" in the model list.`);
      await switchModel(next);
    } catch (e) {
      fail(e);
      throw e;  // the previous model keeps running
    } finally {
      picker.disabled = manifest.models.length < 2;
      picker.value = state.model.entry.name;
    }
  });
  picker.disabled = manifest.models.length < 2;
  picker.addEventListener('change', () => state.requestModel(picker.value).catch(() => {}));

  const randomButton = document.getElementById('random');
  const resetButton = document.getElementById('reset');
  randomButton.addEventListener('click', () => state.randomZ());
  resetButton.addEventListener('click', () => state.resetZ());
  randomButton.disabled = false;
  resetButton.disabled = false;
  if (backend.note) showStatus(backend.note);

  /** Decode z values with the page's own model and backend: (N, latentDim) → N arrays of 784 floats. */
  demo.decode = async (zs) => {
    const out = tf.tidy(() => state.model.decode(tf.tensor2d(zs)).reshape([zs.length, 784]));
    const values = await out.array();
    out.dispose();
    return values;
  };
  await view.idle();
  demo.firstDigitMs = performance.now();  // since navigation started: the benchmark reads it
  demo.ready = true;
  document.body.dataset.ready = 'true';
}

main().catch(fail);

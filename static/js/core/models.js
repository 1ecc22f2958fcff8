// The only code that knows where models live and how they run: reading the manifests (the page's model
// list, and those it points to for the Why blurry? and training sections), choosing the TensorFlow.js
// backend, loading the graph models (the shipped AE/VAE decoders and encoders, a GAN's generator, the
// story's small decoders), the codes files shipped beside them, the in-page trainer's digits, and the
// encode/decode calls every feature uses. The page names where they are: <body data-manifests-url> for
// the manifests, which are read afresh on every visit, and <body data-models-url> for the model files, a
// folder whose name carries a hash of their bytes (server/files.py), so a browser keeps them until a
// re-export. Both are relative to the page; every URL made here is absolute (core/assets.js absoluteUrl).
/* global tf */

import { absoluteUrl, assetUrl } from './assets.js';
import { fetchCodes } from './codes.js';
import { PIXELS } from './constants.js';
import { ModelError } from './errors.js';
import { msg } from './i18n.js';
import { paintTiles } from './tiles.js';
import { limitWasmThreads } from './wasm-threads.js';

export { ModelError };

const modelsUrl = () => absoluteUrl(document.body.dataset.modelsUrl);
const manifestsUrl = () => absoluteUrl(document.body.dataset.manifestsUrl);
const manifests = new Map();  // path → Promise<manifest>

/**
 * A manifest, read once per page (a failed read is retried on the next call): the page's model list
 * (manifest.json), or another one in the models folder that it names (its "blur_manifest"); the
 * entries of one in a subfolder name their files from that folder, and loading them here knows it.
 */
export function loadManifest(path = 'manifest.json') {
  if (!manifests.has(path)) {
    const promise = fetchManifest(manifestsUrl(), path);
    manifests.set(path, promise);
    promise.catch(() => { manifests.delete(path); });
  }
  return manifests.get(path);
}

/** Fetch and check a manifest; throws ModelError with a sentence a person can act on. */
async function fetchManifest(url, path) {
  let response;
  try {
    response = await fetch(`${url}${path}`, { cache: 'no-cache' });
  } catch (e) {
    throw new ModelError('errors.manifestUnreachable', { detail: e.message });
  }
  if (response.status === 404) {
    throw new ModelError('errors.noManifest');
  }
  if (!response.ok) throw new ModelError('errors.manifestHttp', { status: response.status });
  let manifest;
  try {
    manifest = await response.json();
  } catch (e) {
    throw new ModelError('errors.manifestJson');
  }
  const folder = path.slice(0, path.lastIndexOf('/') + 1);  // '' for the page's own manifest
  // the page's own must list a model; another (the training one) may hold only data
  if (!manifest || !Array.isArray(manifest.models) || (!folder && manifest.models.length === 0)) {
    throw new ModelError('errors.manifestEmpty');
  }
  if (folder) manifest.models.forEach((m) => { m.folder = folder; });
  return manifest;
}

const BACKEND_NAMES = { webgl: msg('backend.webgl'), wasm: msg('backend.wasm'), cpu: msg('backend.cpu') };

/** Why the model runs on the CPU: WebGL missing or software-only, then WebAssembly or plain JavaScript. */
function cpuNote(software, name) {
  const renderer = software && (software.match(/swiftshader|llvmpipe|softpipe/i) || [software])[0];
  if (software) return msg(name === 'wasm' ? 'backend.softwareWasm' : 'backend.softwareCpu', { renderer });
  return msg(name === 'wasm' ? 'backend.missingWasm' : 'backend.missingCpu');
}

/**
 * Pick the backend: `forced` ('webgl' | 'wasm' | 'cpu', from ?backend=) or else WebGL, falling back to
 * WASM where WebGL is missing or software-only (tfjs refuses software WebGL unless told), then CPU.
 * Returns {name, label, note}: label and note are messages (core/i18n.js msg), note null on the GPU.
 */
export async function initBackend(forced) {
  if (forced && !(forced in BACKEND_NAMES)) {
    throw new ModelError('errors.unknownBackend', { name: forced });
  }
  if (tf.wasm) {
    tf.wasm.setWasmPaths(Object.fromEntries(WASM_FILES.map((f) => [f, assetUrl(`vendor/tfjs/${f}`)])));
    limitWasmThreads();
  }
  const software = forced ? null : softwareWebGL();
  const order = forced ? [forced] : software ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  const failed = software ? ['webgl'] : [];
  for (const name of order) {
    let ok;
    try {
      await registerBackend(name);
      // A test or benchmark asked for WebGL: take a software one too (the flag comes with the backend).
      if (name === 'webgl' && forced) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
      ok = await tf.setBackend(name);
      if (ok) await tf.ready();
    } catch (e) {
      ok = false;
    }
    if (ok && tf.getBackend() === name) {
      return { name, label: BACKEND_NAMES[name], note: failed.includes('webgl') ? cpuNote(software, name) : null };
    }
    failed.push(name);
  }
  throw new ModelError(forced ? 'errors.backendUnavailable' : 'errors.noBackend',
    forced ? { backend: BACKEND_NAMES[forced] } : {});
}

// The page's first <script> carries what every visit needs: TensorFlow.js core, the graph-model converter
// and the WASM backend (where a computer has no GPU). The WebGL and CPU backends are scripts of their
// own, fetched only when tried: 0.5 MB of JavaScript a WASM visit never parses. The WASM backend picks
// one of its three binaries for the browser (SIMD, threads) and fetches it by the name it knows.
const BACKEND_SCRIPTS = { webgl: 'tf-backend-webgl.es2017.min.js', cpu: 'tf-backend-cpu.es2017.min.js' };
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** Register backend `name` (load its script unless it is in already); rejects if it cannot. */
function registerBackend(name) {
  if (tf.findBackendFactory(name)) return Promise.resolve();
  if (!BACKEND_SCRIPTS[name]) return Promise.reject(new Error(`the ${name} backend's script did not load`));
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = assetUrl(`vendor/tfjs/${BACKEND_SCRIPTS[name]}`);
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${script.src} did not load`));
    document.head.appendChild(script);
  });
}

/** The renderer's name if WebGL exists but is a software rasteriser (no GPU), else null. */
function softwareWebGL() {
  try {
    const gl = document.createElement('canvas').getContext('webgl2') ||
      document.createElement('canvas').getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    const lose = gl.getExtension('WEBGL_lose_context');
    if (lose) lose.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? renderer : null;
  } catch (e) {
    return null;
  }
}

/** The manifest entry of the model called `name`, or null. */
export function findModel(manifest, name) {
  return manifest.models.find((m) => m.name === name) || null;
}

/**
 * A loaded graph decoder (and, for the shipped models, the encoder, fetched on first use): an AE,
 * a VAE, a VAE-GAN, a GAN's generator or a story step. `entry` is its manifest entry ({name, title,
 * latent_dim, decoder, encoder? (null for a GAN: it has none), encoder_output?, folder?}).
 */
export class LatentModel {
  constructor(entry, decoder) {
    this.entry = entry;
    this.latentDim = entry.latent_dim;
    this.decoder = decoder;
    this.encoderPromise = null;
  }

  static async load(entry, onProgress = () => {}) {
    const decoder = await loadGraph(entry.decoder, entry, onProgress);
    return new LatentModel(entry, decoder);
  }

  /** z: Tensor2D (N, latentDim) → Tensor4D (N, 28, 28, 1) in [0, 1]. Synchronous: use inside tf.tidy. */
  decode(z) {
    return tf.clipByValue(this.decoder.execute(z), 0, 1);
  }

  /**
   * zs: N codes (arrays, or one flat Float32Array of N·latentDim) → Float32Array(N·784), the N digits
   * one after the other: one batched decode, every tensor disposed.
   */
  async decodeValues(zs) {
    const n = zs.length / (ArrayBuffer.isView(zs) ? this.latentDim : 1);
    const out = tf.tidy(() => this.decode(tf.tensor2d(zs, [n, this.latentDim])));
    try {
      return await out.data();
    } finally {
      out.dispose();
    }
  }

  /** zs as decodeValues takes them → N arrays of 784 floats. */
  async decodeArrays(zs) {
    const values = await this.decodeValues(zs);
    return Array.from({ length: values.length / PIXELS },
      (_, k) => Array.from(values.subarray(k * PIXELS, (k + 1) * PIXELS)));
  }

  /** Decode one code z and draw it on a 28×28 canvas (gray, 8 bits). */
  async draw(z, canvas) {
    paintTiles(canvas, await this.decodeValues(Float32Array.from(z)));
  }

  /** True unless the model has no encoder (a GAN: its manifest entry says "encoder": null). */
  get hasEncoder() {
    return Boolean(this.entry.encoder);
  }

  /**
   * The encoder (image → μ, log σ² or z), downloaded on first use; a model without one rejects with
   * a ModelError that says so.
   */
  encoder(onProgress = () => {}) {
    if (!this.hasEncoder) {
      return Promise.reject(new ModelError('errors.noEncoder', { title: this.entry.title || this.entry.name }));
    }
    if (!this.encoderPromise) {
      this.encoderPromise = loadGraph(this.entry.encoder, this.entry, onProgress);
      this.encoderPromise.catch(() => { this.encoderPromise = null; });  // let a later call retry
    }
    return this.encoderPromise;
  }

  /**
   * images: Tensor4D (N, 28, 28, 1) in [0, 1] → {mu, logvar} Tensor2D (N, latentDim); for a plain
   * autoencoder logvar is null. Synchronous given the loaded encoder: use inside tf.tidy.
   */
  encodeWith(encoder, images) {
    const out = encoder.execute(images);
    if (this.entry.encoder_output === 'mu_logvar') {
      const [mu, logvar] = tf.split(out, 2, 1);
      return { mu, logvar };
    }
    return { mu: out, logvar: null };
  }

  dispose() {
    this.decoder.dispose();
    if (this.encoderPromise) this.encoderPromise.then((e) => e.dispose(), () => {});
  }
}

const LARGE_BAND = 1 << 16;  // queries per band of rows in LargeDecoder.render

/**
 * A decoder that draws at any resolution (a manifest entry's "large": a CPPN distilled from its 28×28
 * decoder by train/cppn.py). Its graph model maps queries [z…, x, y, r] to one logit per pixel, pixel
 * (i, j) of a size×size image at x = (2j + 1)/size − 1, y = (2i + 1)/size − 1, r = √(x² + y²).
 */
export class LargeDecoder {
  constructor(entry, model) {
    this.entry = entry;
    this.latentDim = entry.latent_dim;
    this.model = model;
  }

  static async load(entry, onProgress = () => {}) {
    return new LargeDecoder(entry, await loadGraph(entry.large.decoder, entry, onProgress));
  }

  /**
   * z (latentDim numbers) → Float32Array(size²) in [0, 1], row after row. Computed in bands of rows
   * (at most LARGE_BAND queries each, every tensor disposed), so a 1080-pixel digit needs a few MB.
   */
  async render(z, size) {
    const d = this.latentDim;
    const width = d + 3;
    const c = Float32Array.from({ length: size }, (_, k) => (2 * k + 1) / size - 1);
    const out = new Float32Array(size * size);
    const band = Math.max(1, Math.floor(LARGE_BAND / size));
    for (let r0 = 0; r0 < size; r0 += band) {
      const rows = Math.min(band, size - r0);
      const q = new Float32Array(rows * size * width);
      for (let i = 0; i < rows; i += 1) {
        const y = c[r0 + i];
        for (let j = 0; j < size; j += 1) {
          const o = (i * size + j) * width;
          for (let k = 0; k < d; k += 1) q[o + k] = z[k];
          q[o + d] = c[j];
          q[o + d + 1] = y;
          q[o + d + 2] = Math.sqrt(c[j] * c[j] + y * y);
        }
      }
      const pixels = tf.tidy(() => tf.sigmoid(this.model.execute(tf.tensor2d(q, [rows * size, width]))));
      try {
        out.set(await pixels.data(), r0 * size);
      } finally {
        pixels.dispose();
      }
    }
    return out;
  }

  dispose() {
    this.model.dispose();
  }
}

/** Story step 1–3's small decoder (manifest "story" entry: {step, model, input_dim}). */
export function loadStoryModel(step, onProgress = () => {}) {
  return LatentModel.load({ name: `story-step${step.step}`, title: msg('story.modelTitle', { step: step.step }),
    decoder: step.model, latent_dim: step.input_dim }, onProgress);
}

/**
 * The test set's codes shipped beside a model (manifest entry.map, written by train/export.py), or
 * held by the entry itself (entry.codes: a model trained in the page):
 * {count, dim, codes: Float32Array(count·dim) row-major, labels: Uint8Array(count)}, or null if none.
 */
export function loadLatentMap(entry) {
  if (entry.codes) return Promise.resolve(entry.codes);
  if (!entry.map) return Promise.resolve(null);
  return fetchCodes(fileUrl(entry.map.file, entry),
    { count: entry.map.points, dim: entry.latent_dim, scale: entry.map.scale },
    msg('errors.what.latentMap', { title: entry.title }));
}

/** Story step 3's stored codes (its entry.codes: {file, count, dim, scale}), as loadLatentMap. */
export function loadStoryCodes(step) {
  return fetchCodes(fileUrl(step.codes.file, step), step.codes, msg('errors.what.storyCodes'));
}

/**
 * The in-page trainer's digits: the "data" block of the manifest at `path` (the page's manifest names
 * it as "training_manifest"; made by `python -m train.page_data`), with its files' absolute URLs
 * (imagesUrl, labelsUrl: for the trainer's worker).
 */
export async function loadTrainingData(path) {
  const manifest = await loadManifest(path);
  const data = manifest.data;
  if (!data || !data.images || !data.labels || !(data.train > 0) || !(data.test > 0)) {
    throw new ModelError('errors.noTrainingData', { path });
  }
  const folder = { folder: path.slice(0, path.lastIndexOf('/') + 1) };
  return { ...data, imagesUrl: fileUrl(data.images, folder), labelsUrl: fileUrl(data.labels, folder) };
}

/** A file of the models folder (`path` from the folder of the manifest that lists `entry`): its absolute URL. */
function fileUrl(path, entry) {
  return `${modelsUrl()}${entry.folder || ''}${path}`;
}


async function loadGraph(path, entry, onProgress) {
  try {
    return await tf.loadGraphModel(fileUrl(path, entry), { onProgress });
  } catch (e) {
    throw new ModelError('errors.modelLoad', { title: entry.title || entry.name, detail: e.message });
  }
}

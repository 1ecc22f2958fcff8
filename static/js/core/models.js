// The only code that knows where models live and how they run: reading the manifest, choosing the
// TensorFlow.js backend, loading the graph models, and the encode/decode calls every feature uses.
/* global tf */

export const IMAGE_SIZE = 28;

export class ModelError extends Error {}

/** Fetch and check manifest.json; throws ModelError with a sentence a person can act on. */
export async function fetchManifest(modelsUrl) {
  let response;
  try {
    response = await fetch(`${modelsUrl}manifest.json`, { cache: 'no-cache' });
  } catch (e) {
    throw new ModelError(`Cannot reach the server to read the model list (${e.message}).`);
  }
  if (response.status === 404) {
    throw new ModelError('No trained model is available: the server has no manifest.json in its models ' +
      'folder. Train and export one (python -m train, then python -m train.export), or start the server ' +
      'with --models pointing at an exported_model folder.');
  }
  if (!response.ok) throw new ModelError(`The model list could not be read (HTTP ${response.status}).`);
  let manifest;
  try {
    manifest = await response.json();
  } catch (e) {
    throw new ModelError('The model list (manifest.json) is not valid JSON; re-run python -m train.export.');
  }
  if (!manifest || !Array.isArray(manifest.models) || manifest.models.length === 0) {
    throw new ModelError('The model list (manifest.json) lists no models; export one with python -m train.export.');
  }
  return manifest;
}

const BACKEND_NAMES = { webgl: 'WebGL (GPU)', wasm: 'WebAssembly (CPU)', cpu: 'plain JavaScript (CPU, slow)' };

/**
 * Pick the backend: `forced` ('webgl' | 'wasm' | 'cpu', from ?backend=) or else WebGL, falling back to
 * WASM where WebGL is missing or software-only (tfjs refuses software WebGL unless told), then CPU.
 * Returns {name, label, note}.
 */
export async function initBackend(forced, wasmUrl) {
  if (forced && !(forced in BACKEND_NAMES)) {
    throw new ModelError(`Unknown backend "${forced}" in the URL; use webgl, wasm or cpu.`);
  }
  if (tf.wasm) tf.wasm.setWasmPaths(wasmUrl);
  if (forced === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true);  // a test or benchmark asked
  const software = forced ? null : softwareWebGL();
  const order = forced ? [forced] : software ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  const failed = software ? ['webgl'] : [];
  for (const name of order) {
    let ok = false;
    try {
      ok = await tf.setBackend(name);
      if (ok) await tf.ready();
    } catch (e) {
      ok = false;
    }
    if (ok && tf.getBackend() === name) {
      let note = '';
      if (failed.includes('webgl')) {
        const renderer = software && (software.match(/swiftshader|llvmpipe|softpipe/i) || [software])[0];
        note = (software ? `WebGL here is software-only (${renderer}), ` : 'WebGL is not available here, ') +
          'so the model runs on the CPU' +
          (name === 'wasm' ? ' with WebAssembly.' : ' in plain JavaScript; it will be slow.');
      }
      return { name, label: BACKEND_NAMES[name], note };
    }
    failed.push(name);
  }
  throw new ModelError(forced
    ? `The ${BACKEND_NAMES[forced]} backend is not available in this browser; remove ?backend= from the URL.`
    : 'No TensorFlow.js backend could start in this browser (WebGL, WebAssembly and CPU all failed).');
}

/** The renderer's name if WebGL exists but is a software rasteriser (no GPU), else null. */
export function softwareWebGL() {
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

function versioned(url, entry) {
  return entry.exported ? `${url}?v=${encodeURIComponent(entry.exported)}` : url;
}

/** A loaded model: the manifest entry, the decoder, and the encoder (fetched on first use). */
export class VaeModel {
  constructor(entry, modelsUrl, decoder) {
    this.entry = entry;
    this.latentDim = entry.latent_dim;
    this.modelsUrl = modelsUrl;
    this.decoder = decoder;
    this.encoderPromise = null;
  }

  static async load(entry, modelsUrl, onProgress = () => {}) {
    const decoder = await loadGraph(versioned(`${modelsUrl}${entry.decoder}`, entry), onProgress, entry);
    return new VaeModel(entry, modelsUrl, decoder);
  }

  /** z: Tensor2D (N, latentDim) → Tensor4D (N, 28, 28, 1) in [0, 1]. Synchronous: use inside tf.tidy. */
  decode(z) {
    return tf.clipByValue(this.decoder.execute(z), 0, 1);
  }

  /** The encoder (image → μ, log σ² or z), downloaded on first use. */
  encoder(onProgress = () => {}) {
    if (!this.encoderPromise) {
      this.encoderPromise = loadGraph(versioned(`${this.modelsUrl}${this.entry.encoder}`, this.entry),
        onProgress, this.entry);
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

/**
 * The test set's codes shipped beside a model (manifest entry.map, written by train/export.py):
 * {n, dim, codes: Float32Array(n·dim) row-major, labels: Uint8Array(n)}, or null if none.
 */
export async function loadLatentMap(entry, modelsUrl) {
  if (!entry.map) return null;
  const response = await fetch(versioned(`${modelsUrl}${entry.map.file}`, entry));
  if (!response.ok) throw new ModelError(`The latent map of "${entry.title}" is missing (HTTP ${response.status}).`);
  const buffer = await response.arrayBuffer();
  const n = entry.map.points;
  const dim = entry.latent_dim;
  if (buffer.byteLength !== n * dim * 2 + n) {
    throw new ModelError(`The latent map of "${entry.title}" is damaged (wrong size); re-export the model.`);
  }
  const raw = new DataView(buffer);
  const codes = new Float32Array(n * dim);
  for (let i = 0; i < n * dim; i += 1) codes[i] = raw.getInt16(2 * i, true) * entry.map.scale;
  const labels = new Uint8Array(buffer, n * dim * 2, n);
  return { n, dim, codes, labels };
}

async function loadGraph(url, onProgress, entry) {
  try {
    return await tf.loadGraphModel(url, { onProgress });
  } catch (e) {
    throw new ModelError(`The model "${entry.title || entry.name}" could not be loaded (${e.message}). ` +
      'Its files may be missing or damaged; re-export it with python -m train.export.');
  }
}

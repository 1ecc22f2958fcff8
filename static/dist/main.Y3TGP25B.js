var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// static/js/blur/blur.js
var blur_exports = {};
__export(blur_exports, {
  mount: () => mount
});

// static/js/core/assets.js
var urls = null;
function absoluteUrl(url) {
  return new URL(url, document.baseURI).href;
}
function assetUrl(path) {
  if (!urls) urls = JSON.parse(document.body.dataset.assetUrls || "{}");
  if (!(path in urls)) throw new Error(`the page names no URL for ${path}`);
  return absoluteUrl(urls[path]);
}

// static/js/core/i18n.js
var LANGUAGES = ["en", "zh-CN"];
var FALLBACK = "en";
var STORAGE_KEY = "vae-demo-lang";
var MISSING = "[missing: ";
var loading = {};
var catalogs = {};
var current = FALLBACK;
function currentLanguage() {
  return current;
}
function matchLanguage(tag) {
  if (typeof tag !== "string" || !tag) return null;
  const lower = tag.toLowerCase();
  const exact = LANGUAGES.find((l2) => l2.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split(/[-_]/)[0];
  return LANGUAGES.find((l2) => l2.toLowerCase().split("-")[0] === primary) || null;
}
function remembered() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch (e2) {
    return null;
  }
}
function chooseLanguage({
  search = window.location.search,
  stored = remembered(),
  browser = navigator.languages || [navigator.language]
} = {}) {
  const asked = new URLSearchParams(search).get("lang");
  if (asked !== null) return matchLanguage(asked) || FALLBACK;
  return matchLanguage(stored) || browser.map(matchLanguage).find(Boolean) || FALLBACK;
}
function loadCatalog(lang) {
  if (!loading[lang]) {
    loading[lang] = fetch(assetUrl(`i18n/${lang}.json`)).then((r2) => {
      if (!r2.ok) throw new Error(`i18n/${lang}.json: HTTP ${r2.status}`);
      return r2.json();
    }).then((catalog) => {
      catalogs[lang] = catalog;
      return catalog;
    });
    loading[lang].catch(() => {
      delete loading[lang];
    });
  }
  return loading[lang];
}
function msg(key, params2 = {}) {
  return { key, params: params2 };
}
var paramText = (v2) => v2 && typeof v2 === "object" && v2.key ? t(v2.key, v2.params) : String(v2);
function t(key, params2 = {}) {
  const own = catalogs[current] && catalogs[current][key];
  const text = own || catalogs[FALLBACK] && catalogs[FALLBACK][key];
  if (!text) {
    console.error(`i18n: no text for "${key}" in ${current} or ${FALLBACK}`);
    return `${MISSING}${key}]`;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => name in params2 ? paramText(params2[name]) : whole);
}
function paramsOf(node) {
  return node.dataset.i18nParams ? JSON.parse(node.dataset.i18nParams) : {};
}
function attrPairs(node) {
  return node.dataset.i18nAttr.trim().split(/\s+/).map((pair) => {
    const at = pair.indexOf(":");
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}
function localize(root = document) {
  for (const node of root.querySelectorAll("[data-i18n]")) writeText(node, t(node.dataset.i18n, paramsOf(node)));
  for (const node of root.querySelectorAll("[data-i18n-attr]")) {
    const params2 = paramsOf(node);
    for (const [attr, key] of attrPairs(node)) node.setAttribute(attr, t(key, params2));
  }
}
function writeText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
function setText(node, key, params2 = null) {
  if (typeof key === "object") return setText(node, key.key, key.params);
  node.dataset.i18n = key;
  if (params2 && Object.keys(params2).length) node.dataset.i18nParams = JSON.stringify(params2);
  else delete node.dataset.i18nParams;
  writeText(node, t(key, params2 || {}));
  return node;
}
function setAttr(node, attr, key, params2 = null) {
  if (typeof key === "object") return setAttr(node, attr, key.key, key.params);
  const pairs = node.dataset.i18nAttr ? attrPairs(node).filter(([a2]) => a2 !== attr) : [];
  node.dataset.i18nAttr = [...pairs, [attr, key]].map((p) => p.join(":")).join(" ");
  if (params2 && Object.keys(params2).length) node.dataset.i18nParams = JSON.stringify(params2);
  node.setAttribute(attr, t(key, params2 || {}));
  return node;
}
async function useLanguage(lang) {
  const wanted2 = matchLanguage(lang) || FALLBACK;
  await Promise.all([loadCatalog(FALLBACK), loadCatalog(wanted2)]);
  current = wanted2;
  document.documentElement.lang = wanted2;
  localize(document);
  return wanted2;
}
async function switchLanguage(state2, lang) {
  const used = await useLanguage(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, used);
  } catch (e2) {
  }
  const url = new URL(window.location.href);
  if (url.searchParams.has("lang")) {
    url.searchParams.set("lang", used);
    window.history.replaceState(window.history.state, "", url);
  }
  state2.languageChanged();
  return used;
}

// static/js/core/dom.js
var SVG_NS = "http://www.w3.org/2000/svg";
function setAttributes(node, attrs, svg) {
  for (const [k, v2] of Object.entries(attrs)) {
    if (v2 === null || v2 === void 0 || v2 === false) continue;
    if (k === "class" || k === "className") node.setAttribute("class", v2);
    else if (k === "text" || k === "textContent") node.textContent = v2;
    else if (k === "dataset") Object.assign(node.dataset, v2);
    else if (k === "i18n") setText(node, v2);
    else if (k === "i18nAttrs") Object.entries(v2).forEach(([attr, m]) => setAttr(node, attr, m));
    else if (k === "style" && typeof v2 === "object") Object.assign(node.style, v2);
    else if (typeof v2 === "function" && k.startsWith("on")) node.addEventListener(k.slice(2), v2);
    else if (!svg && typeof v2 !== "string" && k in node) node[k] = v2;
    else node.setAttribute(k, String(v2));
  }
}
function build(node, attrs, children, svg) {
  setAttributes(node, attrs || {}, svg);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== void 0 && child !== false) node.append(child);
  }
  return node;
}
function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children, false);
}
function svgEl(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children, true);
}
function byIds(root, ids) {
  return Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, root.querySelector(`#${id}`)]));
}

// static/js/core/errors.js
var MessageError = class extends Error {
  /** key: the catalog's sentence; params: its placeholders (see i18n.js t()). */
  constructor(key, params2 = {}) {
    super(key);
    this.key = key;
    this.params = params2;
    Object.defineProperty(this, "message", { get: () => t(this.key, this.params) });
  }
};
var ModelError = class extends MessageError {
};

// static/js/core/codes.js
var CODES_FILE = msg("errors.what.codesFile");
function parseCodes(buffer, { count: count2, dim, scale: scale2 }, what = CODES_FILE) {
  const expected = count2 * dim * 2 + count2;
  if (buffer.byteLength !== expected) {
    throw new ModelError("errors.codesDamaged", { what, bytes: buffer.byteLength, expected });
  }
  const raw = new DataView(buffer);
  const codes = new Float32Array(count2 * dim);
  for (let i2 = 0; i2 < count2 * dim; i2 += 1) codes[i2] = raw.getInt16(2 * i2, true) * scale2;
  const labels2 = new Uint8Array(buffer, count2 * dim * 2, count2);
  return { count: count2, dim, codes, labels: labels2 };
}
async function fetchCodes(url, info, what = CODES_FILE) {
  const response = await fetch(url);
  if (!response.ok) throw new ModelError("errors.codesMissing", { what, status: response.status });
  return parseCodes(await response.arrayBuffer(), info, what);
}

// static/js/core/constants.js
var IMAGE_SIZE = 28;
var PIXELS = IMAGE_SIZE * IMAGE_SIZE;
var Z_RANGE = 3;
function clampZ(v2) {
  return Math.max(-Z_RANGE, Math.min(Z_RANGE, v2));
}

// static/js/core/tiles.js
var S = IMAGE_SIZE;
function paintTiles(canvas, values, cols = 1) {
  const count2 = values.length / PIXELS;
  const rows = Math.ceil(count2 / cols);
  const width = cols * S;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== rows * S) canvas.height = rows * S;
  const image = new ImageData(width, rows * S);
  const px = image.data;
  for (let k = 0; k < count2; k += 1) {
    const x0 = k % cols * S;
    const y0 = Math.floor(k / cols) * S;
    for (let r2 = 0; r2 < S; r2 += 1) {
      let src = k * PIXELS + r2 * S;
      let dst = ((y0 + r2) * width + x0) * 4;
      for (let c2 = 0; c2 < S; c2 += 1, src += 1, dst += 4) {
        const g = values[src] * 255;
        px[dst] = g;
        px[dst + 1] = g;
        px[dst + 2] = g;
        px[dst + 3] = 255;
      }
    }
  }
  canvas.getContext("2d").putImageData(image, 0, 0);
}

// static/js/core/wasm-threads.js
var MIN_CORES_FOR_THREADS = 4;
function limitWasmThreads() {
  if (!((navigator.hardwareConcurrency || 1) >= MIN_CORES_FOR_THREADS)) {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  }
}

// static/js/core/models.js
var modelsUrl = () => absoluteUrl(document.body.dataset.modelsUrl);
var manifestsUrl = () => absoluteUrl(document.body.dataset.manifestsUrl);
var manifests = /* @__PURE__ */ new Map();
function loadManifest(path = "manifest.json") {
  if (!manifests.has(path)) {
    const promise = fetchManifest(manifestsUrl(), path);
    manifests.set(path, promise);
    promise.catch(() => {
      manifests.delete(path);
    });
  }
  return manifests.get(path);
}
async function fetchManifest(url, path) {
  let response;
  try {
    response = await fetch(`${url}${path}`, { cache: "no-cache" });
  } catch (e2) {
    throw new ModelError("errors.manifestUnreachable", { detail: e2.message });
  }
  if (response.status === 404) {
    throw new ModelError("errors.noManifest");
  }
  if (!response.ok) throw new ModelError("errors.manifestHttp", { status: response.status });
  let manifest;
  try {
    manifest = await response.json();
  } catch (e2) {
    throw new ModelError("errors.manifestJson");
  }
  const folder = path.slice(0, path.lastIndexOf("/") + 1);
  if (!manifest || !Array.isArray(manifest.models) || !folder && manifest.models.length === 0) {
    throw new ModelError("errors.manifestEmpty");
  }
  if (folder) manifest.models.forEach((m) => {
    m.folder = folder;
  });
  return manifest;
}
var BACKEND_NAMES = { webgl: msg("backend.webgl"), wasm: msg("backend.wasm"), cpu: msg("backend.cpu") };
function cpuNote(software, name) {
  const renderer = software && (software.match(/swiftshader|llvmpipe|softpipe/i) || [software])[0];
  if (software) return msg(name === "wasm" ? "backend.softwareWasm" : "backend.softwareCpu", { renderer });
  return msg(name === "wasm" ? "backend.missingWasm" : "backend.missingCpu");
}
async function initBackend(forced) {
  if (forced && !(forced in BACKEND_NAMES)) {
    throw new ModelError("errors.unknownBackend", { name: forced });
  }
  if (tf.wasm) {
    tf.wasm.setWasmPaths(Object.fromEntries(WASM_FILES.map((f2) => [f2, assetUrl(`vendor/tfjs/${f2}`)])));
    limitWasmThreads();
  }
  const software = forced ? null : softwareWebGL();
  const order = forced ? [forced] : software ? ["wasm", "cpu"] : ["webgl", "wasm", "cpu"];
  const failed = software ? ["webgl"] : [];
  for (const name of order) {
    let ok;
    try {
      await registerBackend(name);
      if (name === "webgl" && forced) tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
      ok = await tf.setBackend(name);
      if (ok) await tf.ready();
    } catch (e2) {
      ok = false;
    }
    if (ok && tf.getBackend() === name) {
      return { name, label: BACKEND_NAMES[name], note: failed.includes("webgl") ? cpuNote(software, name) : null };
    }
    failed.push(name);
  }
  throw new ModelError(
    forced ? "errors.backendUnavailable" : "errors.noBackend",
    forced ? { backend: BACKEND_NAMES[forced] } : {}
  );
}
var BACKEND_SCRIPTS = { webgl: "tf-backend-webgl.es2017.min.js", cpu: "tf-backend-cpu.es2017.min.js" };
var WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
function registerBackend(name) {
  if (tf.findBackendFactory(name)) return Promise.resolve();
  if (!BACKEND_SCRIPTS[name]) return Promise.reject(new Error(`the ${name} backend's script did not load`));
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = assetUrl(`vendor/tfjs/${BACKEND_SCRIPTS[name]}`);
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${script.src} did not load`));
    document.head.appendChild(script);
  });
}
function softwareWebGL() {
  try {
    const gl = document.createElement("canvas").getContext("webgl2") || document.createElement("canvas").getContext("webgl");
    if (!gl) return null;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    const lose = gl.getExtension("WEBGL_lose_context");
    if (lose) lose.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? renderer : null;
  } catch (e2) {
    return null;
  }
}
function findModel(manifest, name) {
  return manifest.models.find((m) => m.name === name) || null;
}
var LatentModel = class _LatentModel {
  constructor(entry, decoder) {
    this.entry = entry;
    this.latentDim = entry.latent_dim;
    this.decoder = decoder;
    this.encoderPromise = null;
  }
  static async load(entry, onProgress = () => {
  }) {
    const decoder = await loadGraph(entry.decoder, entry, onProgress);
    return new _LatentModel(entry, decoder);
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
    const n2 = zs.length / (ArrayBuffer.isView(zs) ? this.latentDim : 1);
    const out = tf.tidy(() => this.decode(tf.tensor2d(zs, [n2, this.latentDim])));
    try {
      return await out.data();
    } finally {
      out.dispose();
    }
  }
  /** zs as decodeValues takes them → N arrays of 784 floats. */
  async decodeArrays(zs) {
    const values = await this.decodeValues(zs);
    return Array.from(
      { length: values.length / PIXELS },
      (_2, k) => Array.from(values.subarray(k * PIXELS, (k + 1) * PIXELS))
    );
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
  encoder(onProgress = () => {
  }) {
    if (!this.hasEncoder) {
      return Promise.reject(new ModelError("errors.noEncoder", { title: this.entry.title || this.entry.name }));
    }
    if (!this.encoderPromise) {
      this.encoderPromise = loadGraph(this.entry.encoder, this.entry, onProgress);
      this.encoderPromise.catch(() => {
        this.encoderPromise = null;
      });
    }
    return this.encoderPromise;
  }
  /**
   * images: Tensor4D (N, 28, 28, 1) in [0, 1] → {mu, logvar} Tensor2D (N, latentDim); for a plain
   * autoencoder logvar is null. Synchronous given the loaded encoder: use inside tf.tidy.
   */
  encodeWith(encoder, images) {
    const out = encoder.execute(images);
    if (this.entry.encoder_output === "mu_logvar") {
      const [mu, logvar] = tf.split(out, 2, 1);
      return { mu, logvar };
    }
    return { mu: out, logvar: null };
  }
  dispose() {
    this.decoder.dispose();
    if (this.encoderPromise) this.encoderPromise.then((e2) => e2.dispose(), () => {
    });
  }
};
var LARGE_BAND = 1 << 16;
var LargeDecoder = class _LargeDecoder {
  constructor(entry, model) {
    this.entry = entry;
    this.latentDim = entry.latent_dim;
    this.model = model;
  }
  static async load(entry, onProgress = () => {
  }) {
    return new _LargeDecoder(entry, await loadGraph(entry.large.decoder, entry, onProgress));
  }
  /**
   * z (latentDim numbers) → Float32Array(size²) in [0, 1], row after row. Computed in bands of rows
   * (at most LARGE_BAND queries each, every tensor disposed), so a 1080-pixel digit needs a few MB.
   */
  async render(z, size) {
    const d = this.latentDim;
    const width = d + 3;
    const c2 = Float32Array.from({ length: size }, (_2, k) => (2 * k + 1) / size - 1);
    const out = new Float32Array(size * size);
    const band = Math.max(1, Math.floor(LARGE_BAND / size));
    for (let r0 = 0; r0 < size; r0 += band) {
      const rows = Math.min(band, size - r0);
      const q = new Float32Array(rows * size * width);
      for (let i2 = 0; i2 < rows; i2 += 1) {
        const y = c2[r0 + i2];
        for (let j = 0; j < size; j += 1) {
          const o2 = (i2 * size + j) * width;
          for (let k = 0; k < d; k += 1) q[o2 + k] = z[k];
          q[o2 + d] = c2[j];
          q[o2 + d + 1] = y;
          q[o2 + d + 2] = Math.sqrt(c2[j] * c2[j] + y * y);
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
};
function loadStoryModel(step, onProgress = () => {
}) {
  return LatentModel.load({
    name: `story-step${step.step}`,
    title: msg("story.modelTitle", { step: step.step }),
    decoder: step.model,
    latent_dim: step.input_dim
  }, onProgress);
}
function loadLatentMap(entry) {
  if (entry.codes) return Promise.resolve(entry.codes);
  if (!entry.map) return Promise.resolve(null);
  return fetchCodes(
    fileUrl(entry.map.file, entry),
    { count: entry.map.points, dim: entry.latent_dim, scale: entry.map.scale },
    msg("errors.what.latentMap", { title: entry.title })
  );
}
function loadStoryCodes(step) {
  return fetchCodes(fileUrl(step.codes.file, step), step.codes, msg("errors.what.storyCodes"));
}
async function loadTrainingData(path) {
  const manifest = await loadManifest(path);
  const data = manifest.data;
  if (!data || !data.images || !data.labels || !(data.train > 0) || !(data.test > 0)) {
    throw new ModelError("errors.noTrainingData", { path });
  }
  const folder = { folder: path.slice(0, path.lastIndexOf("/") + 1) };
  return { ...data, imagesUrl: fileUrl(data.images, folder), labelsUrl: fileUrl(data.labels, folder) };
}
function fileUrl(path, entry) {
  return `${modelsUrl()}${entry.folder || ""}${path}`;
}
async function loadGraph(path, entry, onProgress) {
  try {
    return await tf.loadGraphModel(fileUrl(path, entry), { onProgress });
  } catch (e2) {
    throw new ModelError("errors.modelLoad", { title: entry.title || entry.name, detail: e2.message });
  }
}

// static/js/core/probes.js
var enabled = typeof window !== "undefined" && window.vaeDemoProbes === true;
var probes = {};
function createProbe(name, initial = {}) {
  if (!enabled) return null;
  probes[name] = { ...initial };
  return probes[name];
}
function pushLatency(list, ms, keep = 2e3) {
  list.push(ms);
  if (list.length > keep) list.shift();
}

// static/js/core/near.js
var probe = createProbe("near", { woken: [] });
var NEAR = {
  // within half a window below the bottom of the screen: the panel is one scroll away
  below: "0px 0px 50% 0px",
  // in the upper half of the window: for a panel that already peeks in at the bottom when the page opens
  upperHalf: "0px 0px -50% 0px"
};
function whenNear(target, run, margin = NEAR.below) {
  let done = false;
  let observer = null;
  const now = () => {
    if (done) return;
    done = true;
    if (observer) observer.disconnect();
    if (probe) probe.woken.push(target.id);
    run();
  };
  if (!("IntersectionObserver" in window)) {
    now();
    return now;
  }
  observer = new IntersectionObserver((entries) => {
    if (entries.some((e2) => e2.isIntersecting)) now();
  }, { rootMargin: margin });
  observer.observe(target);
  return now;
}

// static/js/core/progress.js
function createProgressLine(line, text, bar) {
  let running = 0;
  return {
    /**
     * Run load(onProgress) → Promise, showing `what` (a msg(), core/i18n.js) and its progress (0…1)
     * until it settles; returns load's promise.
     */
    async track(what, load) {
      running += 1;
      line.hidden = false;
      setText(text, what);
      bar.value = 0;
      try {
        return await load((fraction) => {
          bar.value = fraction;
        });
      } finally {
        running -= 1;
        if (!running) line.hidden = true;
      }
    }
  };
}

// static/js/core/frame-scheduler.js
function createFrameScheduler(render, onError = console.warn) {
  let scheduled = false;
  let busy = false;
  let dirty = false;
  let idleWaiters = [];
  function request() {
    dirty = true;
    if (!scheduled && !busy) {
      scheduled = true;
      requestAnimationFrame(frame);
    }
  }
  async function frame() {
    scheduled = false;
    dirty = false;
    busy = true;
    try {
      await render();
    } catch (e2) {
      onError(e2);
    } finally {
      busy = false;
    }
    if (dirty) {
      scheduled = true;
      requestAnimationFrame(frame);
    } else {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }
  return {
    request,
    idle() {
      if (!scheduled && !busy && !dirty) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    }
  };
}
function nextTask() {
  return new Promise((resolve) => {
    setTimeout(resolve, 0);
  });
}
function onScreenOnly(scheduler, target) {
  let visible = !("IntersectionObserver" in window);
  let stale = false;
  const catchUp = () => {
    if (stale) {
      stale = false;
      scheduler.request();
    }
  };
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      visible = entries.some((e2) => e2.isIntersecting);
      if (visible) catchUp();
    }).observe(target);
  }
  return {
    request() {
      if (visible) scheduler.request();
      else stale = true;
    },
    /** Resolves once what was asked for is drawn (drawing it now if it was off screen). */
    idle() {
      catchUp();
      return scheduler.idle();
    }
  };
}

// static/js/blur/figure.js
var captionOf = (item) => msg("blur.caption", { who: msg(item.who), name: item.entry.name });
function digitFigure({ id, label, caption, dataset = {} }, ...extra) {
  const canvas = el("canvas", {
    id,
    class: "pixelated blur-digit",
    width: IMAGE_SIZE,
    height: IMAGE_SIZE,
    role: "img",
    i18nAttrs: { "aria-label": label }
  });
  const figure = el("figure", { class: "blur-figure", dataset }, canvas, el("figcaption", { i18n: caption }), ...extra);
  return { figure, canvas };
}

// static/js/blur/large.js
var LARGE_MAX = 1080;
function largeSize(cssWidth, pixelRatio = window.devicePixelRatio || 1) {
  const size = Math.round((cssWidth || IMAGE_SIZE * 10) * pixelRatio);
  return Math.max(IMAGE_SIZE, Math.min(LARGE_MAX, size));
}
function paintGray(canvas, values, size) {
  if (canvas.width !== size) canvas.width = size;
  if (canvas.height !== size) canvas.height = size;
  const image = new ImageData(size, size);
  const px = image.data;
  for (let k = 0, o2 = 0; k < values.length; k += 1, o2 += 4) {
    const g = values[k] * 255;
    px[o2] = g;
    px[o2 + 1] = g;
    px[o2 + 2] = g;
    px[o2 + 3] = 255;
  }
  canvas.getContext("2d").putImageData(image, 0, 0);
}
function createLarge(nodes, state2, vaegan, cppn, fits, onError) {
  const stats = createProbe("blurLarge", { draws: 0, lastZ: null, size: 0, ms: 0 });
  const small = digitFigure({
    id: "blur-large-small",
    caption: msg("blur.largeSmallCaption", { who: msg(vaegan.who) }),
    label: msg("blur.largeSmallLabel", { who: msg(vaegan.who) })
  });
  const canvas = el("canvas", {
    id: "blur-large-cppn",
    class: "blur-large-canvas",
    width: IMAGE_SIZE,
    height: IMAGE_SIZE,
    role: "img",
    i18nAttrs: { "aria-label": msg("blur.largeLabel") }
  });
  const caption = el("figcaption", {});
  const big = el("figure", { class: "blur-figure blur-large-figure" }, canvas, caption);
  nodes.large.append(small.figure, big);
  const scheduler = onScreenOnly(createFrameScheduler(async () => {
    if (!fits()) return;
    const z = Float32Array.from(state2.z);
    const size = largeSize(canvas.clientWidth);
    const start = performance.now();
    await vaegan.model.draw(z, small.canvas);
    const values = await cppn.render(z, size);
    paintGray(canvas, values, size);
    const ms = performance.now() - start;
    setText(caption, "blur.largeCaption", { size, ms: Math.round(ms) });
    if (stats) Object.assign(stats, { draws: stats.draws + 1, lastZ: Array.from(z), size, ms });
  }, onError), canvas);
  function update() {
    nodes.large.classList.toggle("blur-stale", !fits());
    scheduler.request();
  }
  state2.subscribe((what) => {
    if (what === "z" || what === "model") update();
  });
  update();
  return { idle: () => scheduler.idle() };
}

// static/js/core/encode.js
function hasSigma(model) {
  return model.entry.kind !== "ae" && model.entry.encoder_output === "mu_logvar";
}
async function encodeImage(model, encoder, image) {
  const vae = hasSigma(model);
  const tensors = tf.tidy(() => {
    const { mu, logvar } = model.encodeWith(encoder, tf.tensor4d(image, [1, IMAGE_SIZE, IMAGE_SIZE, 1]));
    return [mu, logvar ? tf.exp(tf.mul(logvar, 0.5)) : null, vae ? model.decode(mu) : null];
  });
  try {
    const [mu, sigma, recon] = await Promise.all(tensors.map((t3) => t3 ? t3.data() : null));
    return {
      mu: Float32Array.from(mu),
      sigma: sigma && Float32Array.from(sigma),
      recon: recon && Float32Array.from(recon)
    };
  } finally {
    tensors.forEach((t3) => t3 && t3.dispose());
  }
}

// static/js/core/format.js
var MINUS = "−";
var formatters = /* @__PURE__ */ new Map();
function formatter(options) {
  const language = currentLanguage();
  const key = `${language} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(language, options));
  return formatters.get(key);
}
var digitsOf = (digits) => ({ minimumFractionDigits: digits, maximumFractionDigits: digits });
function magnitude(v2, digits, options = {}) {
  return formatter({ useGrouping: false, ...digitsOf(digits), ...options }).format(Number(Math.abs(v2).toFixed(digits)));
}
function fixed(v2, digits = 2) {
  return (v2 < 0 ? MINUS : "") + magnitude(v2, digits);
}
function signed(v2, digits = 2) {
  return (v2 < 0 ? MINUS : "+") + magnitude(v2, digits);
}
function percent(p, digits = 1) {
  const rounded = Number((100 * p).toFixed(digits)) / 100;
  return formatter({ style: "percent", ...digitsOf(digits) }).format(rounded);
}
function percentBounded(p) {
  if (p > 0 && p < 1e-3) return `<${percent(1e-3, 1)}`;
  if (p < 1 && p > 0.9995) return `>${percent(0.999, 1)}`;
  return percent(p, 1);
}
function fixedOr(v2, digits, missing) {
  return v2 === void 0 || v2 === null ? missing : fixed(v2, digits);
}
function megabytes(bytes, digits = 2) {
  return formatter({ style: "unit", unit: "megabyte", unitDisplay: "short", ...digitsOf(digits) }).format(Number((bytes / 1e6).toFixed(digits)));
}
function count(n2) {
  return formatter({ maximumFractionDigits: 0 }).format(n2);
}
function shortest(v2, digits = 2) {
  return formatter({ useGrouping: false, maximumFractionDigits: digits }).format(Number(v2.toFixed(digits)) + 0);
}
function significant(v2, digits = 3) {
  return formatter({ useGrouping: false, maximumSignificantDigits: digits }).format(v2);
}
function plain(v2, digits = 2) {
  return (v2 < 0 ? "-" : "") + magnitude(v2, digits);
}
function vector(z, digits = 2) {
  return `[${Array.from(z, (v2) => plain(v2, digits)).join(", ")}]`;
}

// static/js/core/pixel-errors.js
var EPS = 1e-7;
function bceNats(x, p) {
  let s2 = 0;
  for (let i2 = 0; i2 < x.length; i2 += 1) {
    const q = Math.min(Math.max(p[i2], EPS), 1 - EPS);
    s2 -= x[i2] * Math.log(q) + (1 - x[i2]) * Math.log(1 - q);
  }
  return s2;
}
function meanAbsError(x, p) {
  let s2 = 0;
  for (let i2 = 0; i2 < x.length; i2 += 1) s2 += Math.abs(x[i2] - p[i2]);
  return s2 / x.length;
}

// static/js/blur/reconstruction.js
function slot(item) {
  if (!item.model.hasEncoder) {
    const figure2 = el(
      "figure",
      { class: "blur-figure", dataset: { role: item.role } },
      el("p", { class: "blur-cannot", id: `blur-cannot-${item.role}`, i18n: "blur.ganCannot" }),
      el("figcaption", { i18n: captionOf(item) })
    );
    return { item, figure: figure2 };
  }
  const error = el("p", { class: "blur-error mono", id: `blur-error-${item.role}` });
  const { figure, canvas } = digitFigure({
    id: `blur-recon-${item.role}`,
    caption: captionOf(item),
    label: msg("blur.reconLabel", { who: msg(item.who) }),
    dataset: { role: item.role }
  }, error);
  return { item, figure, canvas, error };
}
function createReconstruction(nodes, state2, trio, downloads, onError) {
  const stats = createProbe("blurRecon", { runs: 0, last: null });
  const input = digitFigure({ id: "blur-input", label: "blur.inputLabel", caption: "blur.inputCaption" });
  const slots = trio.map(slot);
  nodes.recon.append(input.figure, ...slots.map((s2) => s2.figure));
  const fetched = /* @__PURE__ */ new Set();
  let image = null;
  function encoderOf(item) {
    if (fetched.has(item)) return item.model.encoder();
    fetched.add(item);
    return downloads.track(
      msg("blur.downloadingEncoder", { who: msg(item.who) }),
      (onProgress) => item.model.encoder(onProgress)
    );
  }
  async function reconstruct(s2, shown) {
    const code = await encodeImage(s2.item.model, await encoderOf(s2.item), shown);
    if (shown !== image) return null;
    paintTiles(s2.canvas, code.recon);
    const mae = meanAbsError(shown, code.recon);
    const bce = bceNats(shown, code.recon);
    setText(s2.error, "blur.reconError", { mae: fixed(mae, 3), bce: msg("units.nats", { v: fixed(bce, 1) }) });
    return { role: s2.item.role, mu: Array.from(code.mu), recon: Array.from(code.recon), mae, bce };
  }
  const scheduler = createFrameScheduler(async () => {
    const shown = image;
    if (!shown) return;
    paintTiles(input.canvas, shown);
    nodes.recon.hidden = false;
    nodes.hint.hidden = true;
    const results = await Promise.all(slots.filter((s2) => s2.canvas).map((s2) => reconstruct(s2, shown)));
    if (stats && shown === image) {
      stats.runs += 1;
      stats.last = { image: Array.from(shown), results };
    }
  }, onError);
  function take(posterior2) {
    if (!posterior2 || !posterior2.image) return;
    image = Float32Array.from(posterior2.image);
    scheduler.request();
  }
  state2.subscribe((what, s2) => {
    if (what === "posterior") take(s2.posterior);
  });
  take(state2.posterior);
  return { idle: scheduler.idle };
}

// static/js/blur/roles.js
var ROLES = [
  { role: "vae", who: "blur.who.vae" },
  { role: "gan", who: "blur.who.gan" },
  { role: "vaegan", who: "blur.who.vaegan" }
];
function pickEntries(manifest, second) {
  const gan = second.models.find((m) => m.kind === "gan");
  const vaegan = second.models.find((m) => m.kind === "vaegan");
  if (!gan || !vaegan || gan.latent_dim !== vaegan.latent_dim) return null;
  const vaes = manifest.models.filter((m) => m.kind === "vae" && m.latent_dim === gan.latent_dim);
  const vae = vaes.find((m) => m.name === manifest.default) || vaes[0];
  if (!vae) return null;
  const entries = { vae, gan, vaegan };
  return ROLES.map((r2) => ({ ...r2, entry: entries[r2.role] }));
}

// static/js/blur/same-z.js
function createSameZ(nodes, state2, trio, onError) {
  const stats = createProbe("blurSameZ", { draws: {}, lastZ: {} });
  const dim = trio[0].model.latentDim;
  const vae = trio.find((t3) => t3.role === "vae");
  const fits = () => Boolean(state2.model) && state2.model.latentDim === dim;
  const views = trio.map((item) => {
    const { figure, canvas } = digitFigure({
      id: `blur-z-${item.role}`,
      caption: captionOf(item),
      label: msg("blur.zLabel", { who: msg(item.who) }),
      dataset: { role: item.role }
    });
    nodes.trio.append(figure);
    const scheduler = onScreenOnly(createFrameScheduler(async () => {
      if (!fits()) return;
      const z = Float32Array.from(state2.z);
      await item.model.draw(z, canvas);
      if (stats) {
        stats.draws[item.role] = (stats.draws[item.role] || 0) + 1;
        stats.lastZ[item.role] = Array.from(z);
      }
    }, onError), canvas);
    return scheduler;
  });
  nodes.switchButton.addEventListener("click", () => state2.requestModel(vae.entry.name).catch(() => {
  }));
  function update() {
    const ok = fits();
    nodes.trio.classList.toggle("blur-stale", !ok);
    nodes.not2d.hidden = ok || !state2.model;
    if (!ok && state2.model) {
      setText(nodes.not2dText, "blur.not2d", { dim, title: state2.model.entry.title, current: state2.model.latentDim });
      setText(nodes.switchButton, "blur.switch", { title: vae.entry.title });
    }
    nodes.z.textContent = ok ? `z = ${vector(state2.z)}` : "";
    if (ok) views.forEach((v2) => v2.request());
  }
  state2.subscribe((what) => {
    if (what === "z" || what === "model") update();
  });
  update();
  return { idle: () => Promise.all(views.map((v2) => v2.idle())) };
}

// static/js/core/random.js
function mulberry32(seed) {
  let a2 = seed >>> 0;
  return function next() {
    a2 = a2 + 1831565813 >>> 0;
    let t3 = a2;
    t3 = Math.imul(t3 ^ t3 >>> 15, t3 | 1);
    t3 ^= t3 + Math.imul(t3 ^ t3 >>> 7, t3 | 61);
    return ((t3 ^ t3 >>> 14) >>> 0) / 4294967296;
  };
}
function gaussian(uniform = Math.random) {
  let u2 = 0;
  while (u2 === 0) u2 = uniform();
  const v2 = uniform();
  return Math.sqrt(-2 * Math.log(u2)) * Math.cos(2 * Math.PI * v2);
}

// static/js/blur/samples.js
var COUNT = 8;
var SEED = 12;
function createSamples(nodes, trio, onError) {
  const dim = trio[0].model.latentDim;
  const uniform = mulberry32(SEED);
  const draw = () => Float32Array.from({ length: COUNT * dim }, () => gaussian(uniform));
  let codes = draw();
  const canvases = trio.map((item) => {
    const canvas = el("canvas", {
      id: `blur-strip-${item.role}`,
      class: "pixelated blur-strip",
      width: COUNT * IMAGE_SIZE,
      height: IMAGE_SIZE,
      role: "img",
      i18nAttrs: { "aria-label": msg("blur.stripLabel", { n: COUNT, who: msg(item.who) }) }
    });
    nodes.strips.append(el("p", { class: "blur-strip-name", i18n: captionOf(item) }), canvas);
    return canvas;
  });
  setText(nodes.note, "blur.samplesNote", { n: count(COUNT) });
  const scheduler = createFrameScheduler(async () => {
    const zs = codes;
    const values = await Promise.all(trio.map((item) => item.model.decodeValues(zs)));
    if (zs !== codes) return;
    values.forEach((v2, i2) => paintTiles(canvases[i2], v2, COUNT));
  }, onError);
  nodes.button.disabled = false;
  nodes.button.addEventListener("click", () => {
    codes = draw();
    scheduler.request();
  });
  scheduler.request();
  return {
    idle: scheduler.idle,
    /** The codes shown: COUNT arrays of `dim` numbers (tests). */
    get codes() {
      return Array.from({ length: COUNT }, (_2, k) => Array.from(codes.subarray(k * dim, (k + 1) * dim)));
    }
  };
}

// static/js/blur/table.js
var notPossible = (reason) => t(reason === "no encoder" ? "blur.table.noEncoder" : "blur.table.notPossible");
function reconstructionCells(blur) {
  const r2 = blur.reconstruction;
  if (r2 && r2.possible === false) return [{ col: "reconstruction", text: notPossible(r2.reason), span: 2 }];
  const ok = r2 && r2.possible;
  return [
    { col: "bce", text: ok ? t("units.nats", { v: fixed(r2.bce, 1) }) : t("common.na") },
    { col: "mae", text: ok ? fixed(r2.mean_abs_error, 3) : t("common.na") }
  ];
}
function cells(entry) {
  const blur = entry.blur || {};
  const s2 = entry.samples || {};
  const na = t("common.na");
  return [
    { col: "sharpness", text: fixedOr(blur.sharpness, 2, na) },
    { col: "digit-score", text: fixedOr(s2.digit_score, 2, na) },
    { col: "clear", text: s2.confident === void 0 ? na : percent(s2.confident) },
    { col: "fid", text: fixedOr(blur.fid, 1, na) },
    ...reconstructionCells(blur)
  ];
}
function labels(table) {
  const [top, sub] = Array.from(table.tHead.rows, (row2) => Array.from(row2.cells, (c2) => c2.textContent));
  const group = top[top.length - 1];
  const part = (words) => t("blur.col.part", { group, part: words });
  return {
    sharpness: top[1],
    "digit-score": top[2],
    clear: top[3],
    fid: top[4],
    bce: part(sub[0]),
    mae: part(sub[1]),
    reconstruction: group
  };
}
function renderBlurTable(table, note, items) {
  const label = labels(table);
  table.tBodies[0].replaceChildren(...items.map((item) => el(
    "tr",
    { dataset: { model: item.entry.name } },
    el("th", { scope: "row", i18n: captionOf(item) }),
    cells(item.entry).map((c2) => el(
      "td",
      { dataset: { col: c2.col, label: label[c2.col] }, colSpan: c2.span || 1 },
      c2.text
    ))
  )));
  const measured = items.map((i2) => i2.entry.blur).find(Boolean);
  if (measured) {
    setText(note, msg("blur.tableNote", {
      n: count(measured.samples),
      images: count(measured.real_images),
      reference: fixed(measured.fid_reference, 2)
    }));
  }
}

// static/js/blur/blur.js
var IDS = {
  status: "blur-status",
  loading: "blur-loading",
  loadingText: "blur-loading-text",
  progress: "blur-progress",
  same: "blur-same",
  yours: "blur-yours",
  samples: "blur-samples",
  measured: "blur-measured",
  trio: "blur-trio",
  z: "blur-z",
  not2d: "blur-not2d",
  not2dText: "blur-not2d-text",
  switchButton: "blur-switch",
  recon: "blur-recon",
  hint: "blur-yours-hint",
  strips: "blur-strips",
  samplesNote: "blur-samples-note",
  newSamples: "blur-new-samples",
  table: "blur-table",
  tableNote: "blur-table-note",
  largePart: "blur-large",
  large: "blur-large-pair"
};
var PARTS = ["same", "yours", "samples", "measured"];
var Blur = class {
  constructor(root, state2, manifest, onError) {
    this.nodes = byIds(root, IDS);
    this.state = state2;
    this.onError = onError;
    this.views = [];
    this.samples = null;
    this.opened = false;
    if (!manifest.blur_manifest) {
      setText(this.nodes.status, "blur.notExported");
      this.loaded = Promise.resolve(null);
      this.wake = () => {
      };
      return;
    }
    PARTS.forEach((p) => {
      this.nodes[p].hidden = false;
    });
    const n2 = this.nodes;
    this.downloads = createProgressLine(n2.loading, n2.loadingText, n2.progress);
    let start;
    this.loaded = new Promise((resolve) => {
      start = resolve;
    });
    this.wake = whenNear(root, () => {
      this.opened = true;
      start(this.open(manifest));
    }, NEAR.below);
  }
  /** Say `message` (a msg()) in the section's status line. */
  say(message) {
    setText(this.nodes.status, message);
    this.nodes.status.hidden = false;
  }
  /** The section came near (or was used): read the second manifest, load the decoders, build the parts. */
  async open(manifest) {
    try {
      const items = pickEntries(manifest, await loadManifest(manifest.blur_manifest));
      if (!items) {
        PARTS.forEach((p) => {
          this.nodes[p].hidden = true;
        });
        this.nodes.largePart.hidden = true;
        this.say(msg("blur.notExported"));
        return null;
      }
      this.renderTable = () => renderBlurTable(this.nodes.table, this.nodes.tableNote, items);
      this.renderTable();
      this.state.subscribe((what) => {
        if (what === "lang") this.renderTable();
      });
      const load = (item) => this.downloads.track(
        msg("blur.downloading", { who: msg(item.who) }),
        (onProgress) => LatentModel.load(item.entry, onProgress)
      );
      const trio = await Promise.all(items.map((item) => load(item).then((model) => ({ ...item, model }))));
      const vaegan = trio.find((t3) => t3.role === "vaegan");
      const loadLarge = (onProgress) => LargeDecoder.load(vaegan.entry, onProgress);
      const cppn = vaegan.entry.large ? await this.downloads.track(msg("blur.downloading", { who: msg("blur.who.cppn") }), loadLarge) : null;
      this.build(trio, cppn);
      this.nodes.status.hidden = true;
      return trio;
    } catch (e2) {
      this.say(msg("blur.loadError", { detail: e2.message || String(e2) }));
      console.warn(e2);
      return null;
    }
  }
  build(trio, cppn) {
    const n2 = this.nodes;
    this.views.push(createSameZ(n2, this.state, trio, this.onError));
    if (cppn) {
      n2.largePart.hidden = false;
      const dim = trio[0].model.latentDim;
      const fits = () => Boolean(this.state.model) && this.state.model.latentDim === dim;
      this.views.push(createLarge(n2, this.state, trio.find((t3) => t3.role === "vaegan"), cppn, fits, this.onError));
    }
    this.views.push(createReconstruction(
      { recon: n2.recon, hint: n2.hint },
      this.state,
      trio,
      this.downloads,
      this.onError
    ));
    this.samples = createSamples({ strips: n2.strips, note: n2.samplesNote, button: n2.newSamples }, trio, this.onError);
    this.views.push(this.samples);
  }
  /** Resolves once every part shows the current z, digit and samples (nothing pending, or never opened). */
  async idle() {
    if (!this.opened) return;
    await this.loaded;
    await Promise.all(this.views.map((v2) => v2.idle()));
  }
};
function mount({ root, state: state2, manifest, onError }) {
  return new Blur(root, state2, manifest, onError);
}

// static/js/classroom/classroom.js
var classroom_exports = {};
__export(classroom_exports, {
  MODEL: () => MODEL,
  mount: () => mount2
});

// static/js/core/digit-colours.js
var PALETTE = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf"
];
function legend() {
  return PALETTE.map((color, digit) => el(
    "span",
    { class: "legend-item" },
    el("span", { class: "swatch", style: { background: color } }),
    String(digit)
  ));
}

// static/js/classroom/api.js
var PATHS = { join: "class/join", codes: "class/codes", accepting: "class/accepting" };
var ClassError = class extends Error {
  constructor(reason, detail) {
    super(detail);
    this.reason = reason;
  }
};
async function call(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { cache: "no-cache", ...options });
  } catch (e2) {
    throw new ClassError("offline", e2.message);
  }
  if (response.status === 304) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ClassError(body && body.reason || "http", body && body.error || `HTTP ${response.status}`);
  }
  return { body, etag: response.headers.get("ETag") };
}
var json = (method, body) => ({
  method,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body)
});
async function join() {
  return (await call(PATHS.join)).body;
}
function codesAfter(since, etag) {
  return call(`${PATHS.codes}?since=${since}`, etag ? { headers: { "If-None-Match": etag } } : {});
}
async function sendCode(model, z, digit) {
  return (await call(PATHS.codes, json("POST", { model, z, digit }))).body;
}
async function clearCodes() {
  return (await call(PATHS.codes, { method: "DELETE" })).body;
}
async function setAccepting(accepting) {
  return (await call(PATHS.accepting, json("POST", { accepting }))).body;
}

// static/js/classroom/class-codes.js
var NO_DIGIT = 10;
function merge(known, answer) {
  const codes = known.concat(answer.codes);
  return { codes, complete: codes.length === answer.count };
}
function perDigit(codes) {
  const rows = Array.from({ length: NO_DIGIT + 1 }, () => ({ count: 0, sum: [0, 0] }));
  for (const { z, digit } of codes) {
    const row2 = rows[digit === null || digit === void 0 ? NO_DIGIT : digit];
    row2.count += 1;
    row2.sum[0] += z[0];
    row2.sum[1] += z[1];
  }
  return rows.map(({ count: count2, sum }) => ({ count: count2, mean: count2 ? [sum[0] / count2, sum[1] / count2] : null }));
}
function nearest(codes, x, y, where, radius) {
  let best = null;
  let bestD = radius * radius;
  for (const code of codes) {
    const [px, py] = where(code.z);
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestD) {
      best = code;
      bestD = d;
    }
  }
  return best;
}

// static/js/classroom/digits-grid.js
function buildDigitsGrid(grid2, unsaid) {
  const cells3 = Array.from({ length: NO_DIGIT }, (_2, d) => {
    const canvas = el("canvas", {
      class: "pixelated class-average",
      width: 28,
      height: 28,
      role: "img",
      style: { borderBottomColor: PALETTE[d] },
      i18nAttrs: { "aria-label": msg("class.averageLabel", { digit: d }) }
    });
    const counted = el("span", { class: "class-digit-count" });
    grid2.append(el(
      "figure",
      { class: "class-digit", role: "listitem" },
      canvas,
      el("figcaption", {}, el("b", {}, `${d} `), counted)
    ));
    return { canvas, counted };
  });
  return { cells: cells3, unsaid };
}
async function showDigits({ cells: cells3, unsaid }, rows, model) {
  cells3.forEach((cell, d) => {
    setText(cell.counted, msg("class.sentCount", { count: rows[d].count }));
    if (!rows[d].mean) cell.canvas.getContext("2d").clearRect(0, 0, 28, 28);
  });
  setText(unsaid, msg("class.unsaidCount", { count: rows[NO_DIGIT].count }));
  const present = cells3.map((_2, d) => d).filter((d) => rows[d].mean);
  if (!model || !present.length) return;
  const values = await model.decodeValues(Float32Array.from(present.flatMap((d) => rows[d].mean)));
  present.forEach((d, k) => paintTiles(cells3[d].canvas, values.subarray(k * PIXELS, (k + 1) * PIXELS)));
}

// static/js/core/map-coords.js
var toPx = (v2, range, size) => (v2 + range) / (2 * range) * size;
var toPy = (v2, range, size) => (range - v2) / (2 * range) * size;
var fromPx = (px, range, size) => clip(px / size * 2 * range - range, range);
var fromPy = (py, range, size) => clip(range - py / size * 2 * range, range);
function clip(v2, range) {
  return Math.max(-range, Math.min(range, v2));
}

// static/js/classroom/map-view.js
var RANGE = 3;
var NO_DIGIT_COLOUR = "#333";
var dotRadius = (size) => Math.max(4, size / 70);
var placeOf = (z, size) => [toPx(clip(z[0], RANGE), RANGE, size), toPy(clip(z[1], RANGE), RANGE, size)];
var colourOf = (digit) => digit === null || digit === void 0 ? NO_DIGIT_COLOUR : PALETTE[digit];
function background(ctx, s2, testCodes) {
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, s2, s2);
  if (testCodes) {
    const r2 = Math.max(1, s2 / 400);
    ctx.globalAlpha = 0.22;
    for (let k = 0; k < testCodes.count; k += 1) {
      ctx.fillStyle = PALETTE[testCodes.labels[k]];
      const [x, y] = placeOf([testCodes.codes[2 * k], testCodes.codes[2 * k + 1]], s2);
      ctx.fillRect(x - r2, y - r2, 2 * r2, 2 * r2);
    }
    ctx.globalAlpha = 1;
  }
  ctx.strokeStyle = "#bbb";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(s2 / 2, 0);
  ctx.lineTo(s2 / 2, s2);
  ctx.moveTo(0, s2 / 2);
  ctx.lineTo(s2, s2 / 2);
  ctx.stroke();
}
function ring(ctx, [x, y], radius, width) {
  for (const [colour, w] of [["#000", width + 2], ["#ffd400", width]]) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = w;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
function paintClassMap(canvas, { testCodes, codes, picked, own }) {
  const ctx = canvas.getContext("2d");
  const s2 = canvas.width;
  const r2 = dotRadius(s2);
  background(ctx, s2, testCodes);
  ctx.lineWidth = Math.max(1, r2 / 4);
  ctx.strokeStyle = "#fff";
  for (const { z, digit } of codes) {
    const [x, y] = placeOf(z, s2);
    ctx.fillStyle = colourOf(digit);
    ctx.beginPath();
    ctx.arc(x, y, r2, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  const chosen = codes.find((c2) => c2.id === picked);
  if (chosen) ring(ctx, placeOf(chosen.z, s2), r2 * 1.9, Math.max(2, r2 / 3));
  if (own) {
    ring(ctx, placeOf(own, s2), r2 * 2.6, Math.max(1.5, r2 / 4));
    ring(ctx, placeOf(own, s2), r2 * 3.3, Math.max(1.5, r2 / 4));
  }
}

// static/js/classroom/poller.js
function createPoller(root, read, onError) {
  let pace = [1e3, 1e3];
  let wait = pace[0];
  let timer = null;
  let onScreen = false;
  let running = Promise.resolve();
  const visible = () => onScreen && document.visibilityState !== "hidden";
  function schedule() {
    clearTimeout(timer);
    timer = visible() ? setTimeout(poll, wait) : null;
  }
  function poll() {
    clearTimeout(timer);
    running = running.then(read).then((changed) => {
      wait = changed ? pace[0] : Math.min(pace[1], wait * 2);
    }, (e2) => {
      wait = pace[1];
      onError(e2);
    }).then(schedule);
    return running;
  }
  const observer = new IntersectionObserver((entries) => {
    const was = visible();
    onScreen = entries.some((e2) => e2.isIntersecting);
    if (visible() && !was) poll();
    else if (!visible()) schedule();
  });
  observer.observe(root);
  document.addEventListener("visibilitychange", () => visible() ? poll() : schedule());
  return {
    poll,
    setPace(ms) {
      pace = ms;
      wait = pace[0];
    },
    get onScreen() {
      return visible();
    },
    idle: () => running
  };
}

// static/js/classroom/send.js
var SOURCES = /* @__PURE__ */ new Set(["upload", "draw", "sample"]);
var hasDigit = (state2) => Boolean(state2.posterior && state2.posterior.image && SOURCES.has(state2.posterior.source));
function createSendBox(doc, state2, send) {
  const n2 = byIds(doc, {
    box: "class-send-box",
    digit: "class-digit",
    button: "class-send",
    status: "class-send-status"
  });
  if (!n2.box) return null;
  let busy = false;
  n2.digit.replaceChildren(
    el("option", { value: "", i18n: "class.digitNone" }),
    ...Array.from({ length: 10 }, (_2, d) => el("option", { value: String(d) }, String(d)))
  );
  const update = () => {
    n2.button.disabled = busy || !hasDigit(state2);
  };
  state2.subscribe((what) => {
    if (what === "posterior" || what === "model") update();
  });
  update();
  async function run(digit) {
    busy = true;
    update();
    setText(n2.status, msg("class.sending"));
    try {
      const result = await send(digit);
      setText(n2.status, result.ok ? msg("class.sent", { count: result.count }) : result.message);
      return result;
    } finally {
      busy = false;
      update();
    }
  }
  n2.button.addEventListener("click", () => run(n2.digit.value === "" ? null : Number(n2.digit.value)));
  return {
    send(digit) {
      n2.digit.value = digit === null || digit === void 0 ? "" : String(digit);
      return run(digit === void 0 ? null : digit);
    }
  };
}

// static/js/classroom/refusals.js
var REFUSALS = {
  invalid: "class.err.invalid",
  stopped: "class.err.stopped",
  full: "class.err.full",
  too_fast: "class.err.too_fast",
  presenter: "class.err.presenter",
  offline: "class.err.offline"
};
function wording(e2) {
  if (e2 instanceof ClassError) return msg(REFUSALS[e2.reason] || "class.err.server", { detail: e2.message });
  return msg("errors.generic", { detail: e2.message || String(e2) });
}

// static/js/classroom/presenter.js
var CONFIRM_MS = 4e3;
function bindPresenter(nodes, map) {
  let armed = null;
  const reword = () => {
    setText(nodes.clear, armed ? msg("class.clearConfirm", { count: map.count }) : msg("class.clear"));
    setText(nodes.accepting, map.accepting ? msg("class.stop") : msg("class.resume"));
    nodes.accepting.setAttribute("aria-pressed", String(!map.accepting));
  };
  async function act(request) {
    try {
      await request();
    } catch (e2) {
      map.showNote(wording(e2));
    }
    await map.poller.poll();
    reword();
  }
  const controls = {
    clear: () => act(clearCodes),
    setAccepting: (on) => act(() => setAccepting(on)),
    reword
  };
  nodes.clear.addEventListener("click", () => {
    if (!armed) {
      armed = setTimeout(() => {
        armed = null;
        reword();
      }, CONFIRM_MS);
      reword();
      return;
    }
    clearTimeout(armed);
    armed = null;
    controls.clear();
  });
  nodes.accepting.addEventListener("click", () => controls.setAccepting(!map.accepting));
  return controls;
}

// static/js/classroom/classroom.js
var MODEL = "vae-2d";
var DECIMALS = 4;
var IDS2 = {
  qr: "class-qr",
  url: "class-url",
  count: "class-count",
  canvas: "class-canvas",
  legend: "class-legend",
  picked: "class-picked",
  pickedCaption: "class-picked-caption",
  digits: "class-digits",
  unsaid: "class-unsaid",
  note: "class-note",
  presenter: "class-presenter",
  clear: "class-clear",
  accepting: "class-accepting"
};
var round = (v2) => Number(v2.toFixed(DECIMALS));
var refused = (message) => ({ ok: false, error: t(message.key, message.params), message });
var ClassMap = class {
  constructor(root, state2, entry, onError) {
    this.n = byIds(root, IDS2);
    this.state = state2;
    this.entry = entry;
    this.onError = onError;
    this.codes = [];
    this.count = 0;
    this.accepting = true;
    this.lastSent = null;
    this.joinUrl = null;
    this.presenter = false;
    this.etag = null;
    this.picked = null;
    this.testCodes = null;
    this.loaded = null;
    this.digits = buildDigitsGrid(this.n.digits, this.n.unsaid);
    this.n.legend.replaceChildren(...legend());
    this.painter = createFrameScheduler(() => this.render(), onError);
    this.poller = createPoller(root, () => this.read(), (e2) => this.showNote(wording(e2)));
    this.sendBox = createSendBox(document, state2, (digit) => this.send(digit));
    this.controls = bindPresenter(this.n, this);
    this.joined = this.join();
    whenNear(root, () => this.model().catch(onError), NEAR.below);
    this.bindMap();
    state2.subscribe((what) => {
      if (what === "lang") this.reword();
    });
  }
  async join() {
    try {
      const answer = await join();
      this.joinUrl = answer.url;
      this.presenter = answer.presenter;
      this.poller.setPace(answer.poll_ms);
      this.n.url.textContent = answer.url;
      this.n.qr.src = "class/join.svg";
      this.n.presenter.hidden = !answer.presenter;
    } catch (e2) {
      this.showNote(wording(e2));
    }
    this.reword();
  }
  /** The 2-D VAE (its decoder now, its encoder on first send) and its test digits' codes. */
  model() {
    if (!this.loaded) {
      this.loaded = LatentModel.load(this.entry).then(async (model) => {
        this.testCodes = await loadLatentMap(this.entry);
        this.painter.request();
        return model;
      });
      this.loaded.catch(() => {
        this.loaded = null;
      });
    }
    return this.loaded;
  }
  /** One poll: the codes after the last id seen; true when something changed. */
  async read() {
    const last = this.codes.length ? this.codes[this.codes.length - 1].id : 0;
    let answer = await codesAfter(last, this.etag);
    if (!answer) return false;
    const merged = merge(this.codes, answer.body);
    if (!merged.complete) {
      answer = await codesAfter(0, null);
      merged.codes = answer.body.codes;
    }
    this.codes = merged.codes;
    this.count = answer.body.count;
    this.accepting = answer.body.accepting;
    this.etag = answer.etag;
    if (this.picked !== null && !this.codes.some((c2) => c2.id === this.picked)) this.picked = null;
    this.reword();
    this.painter.request();
    return true;
  }
  /** Encode the panel's digit with the 2-D VAE and send its code: {ok, count} or {ok: false, error}. */
  async send(digit) {
    if (!hasDigit(this.state)) return refused(msg("class.err.noDigit"));
    const posterior2 = this.state.posterior;
    try {
      const model = await this.model();
      const { mu } = await encodeImage(model, await model.encoder(), posterior2.image);
      const z = [round(mu[0]), round(mu[1])];
      const { count: count2 } = await sendCode(MODEL, z, digit);
      this.lastSent = { z, digit };
      this.count = count2;
      this.reword();
      await this.poller.poll();
      return { ok: true, count: count2 };
    } catch (e2) {
      return refused(wording(e2));
    }
  }
  bindMap() {
    const { canvas } = this.n;
    canvas.addEventListener("click", (event) => {
      const box = canvas.getBoundingClientRect();
      const scale2 = canvas.width / box.width;
      const x = (event.clientX - box.left) * scale2;
      const y = (event.clientY - box.top) * scale2;
      const hit = nearest(this.codes, x, y, (z) => placeOf(z, canvas.width), 2.5 * dotRadius(canvas.width));
      if (hit) this.pick(hit.id);
    });
    canvas.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step || !this.codes.length) return;
      event.preventDefault();
      const at = this.codes.findIndex((c2) => c2.id === this.picked);
      const next = at === -1 ? step > 0 ? 0 : this.codes.length - 1 : (at + step + this.codes.length) % this.codes.length;
      this.pick(this.codes[next].id);
    });
  }
  /** Decode the code `id` beside the map. */
  pick(id) {
    this.picked = this.codes.some((c2) => c2.id === id) ? id : null;
    this.reword();
    this.painter.request();
    return this.painter.idle();
  }
  async render() {
    const { codes, picked } = this;
    const own = this.lastSent && this.lastSent.z;
    const ownShown = own && codes.some((c2) => c2.z[0] === own[0] && c2.z[1] === own[1]);
    paintClassMap(this.n.canvas, { testCodes: this.testCodes, codes, picked, own: ownShown ? own : null });
    const model = this.loaded ? await this.loaded : null;
    await showDigits(this.digits, perDigit(codes), model);
    const chosen = codes.find((c2) => c2.id === picked);
    this.n.picked.hidden = !chosen;
    if (chosen && model) await model.draw(chosen.z, this.n.picked);
  }
  /** Say again what the section shows: the count, the state, the picked code, the map's name. */
  reword() {
    setText(this.n.count, msg("class.count", { count: this.count }));
    this.showNote(this.accepting ? null : msg("class.stopped"));
    const chosen = this.codes.find((c2) => c2.id === this.picked);
    const where = chosen && { a: plain(chosen.z[0]), b: plain(chosen.z[1]) };
    if (!chosen) setText(this.n.pickedCaption, msg("class.pickHint"));
    else if (chosen.digit === null) setText(this.n.pickedCaption, msg("class.pickedNoDigit", where));
    else setText(this.n.pickedCaption, msg("class.picked", { ...where, digit: chosen.digit }));
    this.n.canvas.setAttribute("aria-label", t("class.mapLabel", { count: this.codes.length }));
    if (this.controls) this.controls.reword();
  }
  showNote(message) {
    if (message) setText(this.n.note, message);
    else this.n.note.textContent = "";
  }
  async idle() {
    await this.joined;
    await this.poller.idle();
    if (this.loaded) await this.loaded.catch(() => {
    });
    await this.painter.idle();
  }
};
var ABSENT = {
  status: () => ({ enabled: false, joinUrl: null, count: 0, accepting: false, lastSent: null }),
  send: async () => ({ ok: false, error: t("class.err.absent") }),
  codes: () => [],
  idle: async () => {
  }
};
function mount2({ root, state: state2, manifest, onError }) {
  if (!root) return ABSENT;
  const entry = findModel(manifest, MODEL);
  if (!entry) {
    setText(root.querySelector("#class-note"), msg("class.err.noModel", { name: MODEL }));
    document.getElementById("class-send-box").hidden = true;
    return ABSENT;
  }
  const map = new ClassMap(root, state2, entry, onError);
  return {
    status: () => ({
      enabled: true,
      joinUrl: map.joinUrl,
      count: map.count,
      accepting: map.accepting,
      lastSent: map.lastSent && { z: [...map.lastSent.z], digit: map.lastSent.digit }
    }),
    send: async ({ digit = null } = {}) => {
      const { ok, count: count2, error } = await (map.sendBox ? map.sendBox.send(digit) : map.send(digit));
      return ok ? { ok, count: count2 } : { ok, error };
    },
    codes: () => map.codes.map((c2) => ({ id: c2.id, z: [...c2.z], digit: c2.digit })),
    pick: (id) => map.pick(id),
    get picked() {
      return map.picked;
    },
    get presenter() {
      return map.presenter;
    },
    clear: () => map.controls.clear(),
    setAccepting: (on) => map.controls.setAccepting(on),
    poll: () => map.poller.poll(),
    idle: () => map.idle()
  };
}

// static/js/core/status.js
var statusBox = () => document.getElementById("status");
var statusText = () => document.getElementById("status-text");
var progressBar = () => document.getElementById("load-progress");
var errorBox = () => document.getElementById("error");
function showStatus(message, progress = null, { closable = false } = {}) {
  statusBox().hidden = false;
  setText(statusText(), message);
  const bar = progressBar();
  bar.hidden = progress === null;
  if (progress !== null) bar.value = progress;
  const close = document.getElementById("status-close");
  close.hidden = !closable;
  close.onclick = closable ? hideStatus : null;
}
function hideStatus() {
  statusBox().hidden = true;
}
function showError(message) {
  const box = errorBox();
  setText(box, message);
  box.hidden = false;
}
function clearError() {
  const box = errorBox();
  box.hidden = true;
  box.textContent = "";
  delete box.dataset.i18n;
  delete box.dataset.i18nParams;
}

// static/js/core/model-switch.js
async function switchModel(state2, entry) {
  showStatus(msg("status.downloadDecoder", { title: entry.title, percent: "" }), 0);
  const model = entry.load ? await entry.load() : await LatentModel.load(entry, (f2) => showStatus(
    msg("status.downloadDecoder", { title: entry.title, percent: ` ${percent(f2, 0)}` }),
    f2
  ));
  await nextTask();
  tf.tidy(() => model.decode(tf.zeros([1, model.latentDim])).dataSync());
  await nextTask();
  const previous = state2.model;
  state2.setModel(model);
  if (previous) previous.dispose();
  hideStatus();
}
function modelSwitcher(state2, manifest, fail2) {
  return async (name) => {
    clearError();
    try {
      const entry = findModel(manifest, name) || state2.offered.get(name);
      if (!entry) throw new ModelError("errors.noSuchModel", { name });
      await switchModel(state2, entry);
    } catch (e2) {
      fail2(e2);
      throw e2;
    }
  };
}

// static/js/core/state.js
function createState() {
  const listeners = /* @__PURE__ */ new Set();
  let modelSwitcher2 = null;
  const state2 = {
    model: null,
    // a LatentModel (models.js)
    z: new Float32Array(0),
    // The encoder's answer for the user's own digit (upload or drawing), or null:
    // {mu: Float32Array, sigma: Float32Array | null, image: Float32Array(784), source: 'upload' | 'draw' | ...}
    posterior: null,
    selectedDim: 0,
    // the number of z the arrow keys move (a focused slider picks it too)
    // Keys features offer: {keys: ['s'], label: msg(...), run(key), display?}; projector mode runs them.
    shortcuts: [],
    // Models that are not in the manifest (the one trained in the page): name → entry with load().
    offered: /* @__PURE__ */ new Map(),
    setModel(model) {
      state2.model = model;
      state2.z = new Float32Array(model.latentDim);
      state2.selectedDim = 0;
      state2.posterior = null;
      emit("model");
    },
    setPosterior(posterior2, source = "unknown") {
      state2.posterior = posterior2;
      emit("posterior", source);
    },
    /** The page's language changed (core/i18n.js only; it holds the language): features re-render their words. */
    languageChanged() {
      emit("lang");
    },
    /** Pick number i of z (wrapping around) for the keyboard; `source` names who picked it. */
    selectDim(i2, source = "unknown") {
      if (!state2.model) return;
      state2.selectedDim = (i2 + state2.model.latentDim) % state2.model.latentDim;
      emit("select", source);
    },
    /** A feature offers keyboard shortcuts (projector mode lists them in its help and runs them). */
    addShortcuts(list) {
      state2.shortcuts = [...state2.shortcuts, ...list];
      emit("shortcuts");
    },
    /** Set the whole code (array-like of latentDim numbers); `source` names who changed it. */
    setZ(z, source = "unknown") {
      if (!state2.model || z.length !== state2.model.latentDim) return;
      state2.z = Float32Array.from(z);
      emit("z", source);
    },
    setDim(i2, value, source = "unknown") {
      const z = Float32Array.from(state2.z);
      z[i2] = value;
      state2.setZ(z, source);
    },
    /** z ~ N(0, I), each number clipped to the slider range. */
    randomZ(source = "random") {
      if (!state2.model) return;
      state2.setZ(Array.from({ length: state2.model.latentDim }, () => clampZ(gaussian())), source);
    },
    /** z = 0, the origin of the code space. */
    resetZ(source = "reset") {
      if (state2.model) state2.setZ(new Float32Array(state2.model.latentDim), source);
    },
    /**
     * Ask for the manifest's model `name`; resolves once it is the current model (rejects, with the
     * previous model still current, if it cannot load). main.js installs who does the switching.
     */
    requestModel(name) {
      if (!modelSwitcher2) return Promise.reject(new Error("no model can be loaded yet"));
      return modelSwitcher2(name);
    },
    /**
     * Offer a model the manifest does not list (the one trained in the page): `entry` as a manifest entry
     * plus `load()` → Promise<LatentModel>; requestModel(entry.name) then switches to it.
     */
    offerModel(entry) {
      state2.offered.set(entry.name, entry);
      emit("models");
    },
    /** main.js only: the function that downloads and switches to a model by name. */
    setModelSwitcher(fn) {
      modelSwitcher2 = fn;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    }
  };
  function emit(what, source) {
    for (const fn of listeners) fn(what, state2, source);
  }
  return state2;
}

// static/js/explore/explore.js
var explore_exports = {};
__export(explore_exports, {
  mount: () => mount3
});

// static/js/explore/decoder-view.js
function createDecoderView(canvas, state2, { onError = () => {
} } = {}) {
  const stats = createProbe("view", { draws: 0, latenciesMs: [], lastZ: null });
  let requestedAt = null;
  async function render() {
    if (!state2.model) return;
    const z = Float32Array.from(state2.z);
    const startedAt = requestedAt;
    requestedAt = null;
    await state2.model.draw(z, canvas);
    if (stats) {
      stats.draws += 1;
      stats.lastZ = Array.from(z);
      pushLatency(stats.latenciesMs, performance.now() - startedAt);
    }
  }
  const scheduler = createFrameScheduler(render, onError);
  state2.subscribe((what) => {
    if (what !== "z" && what !== "model") return;
    if (stats && requestedAt === null) requestedAt = performance.now();
    scheduler.request();
  });
  return {
    stats,
    /** Resolves once the canvas shows the current z (no decode pending). */
    idle: scheduler.idle
  };
}

// static/js/explore/model-facts.js
var natsPerImage = (v2) => t("units.natsPerImage", { v: fixed(v2, 1) });
function codesFact(entry) {
  const refine = entry.encoder_refinement;
  if (!refine) return t("facts.codesEncoder");
  const without = (entry.test_keras || {}).neg_elbo;
  return t("facts.codesRefined", {
    steps: count(refine.steps),
    without: without !== void 0 ? natsPerImage(without) : "?"
  });
}
function facts(entry) {
  const test = entry.test || {};
  const s2 = entry.samples || {};
  return [
    [t("facts.codeSize"), t("facts.numbers", { n: count(entry.latent_dim) })],
    [t("facts.architecture"), t("facts.archKind", {
      arch: entry.arch,
      kind: t(entry.kind === "vae" ? "facts.kindVae" : "facts.kindAe")
    })],
    [t("facts.negElbo"), test.neg_elbo !== void 0 ? natsPerImage(test.neg_elbo) : t("facts.noKl")],
    [t("facts.reconstruction"), test.reconstruction !== void 0 ? natsPerImage(test.reconstruction) : "?"],
    ...entry.encoder ? [[t("facts.codes"), codesFact(entry)]] : [],
    [t("facts.trained"), t("facts.epochsOn", {
      epochs: count(entry.training.epochs),
      images: count(entry.training.train_images)
    })],
    [t("facts.download"), t("facts.sizes", {
      decoder: megabytes(entry.bytes.decoder),
      encoder: megabytes(entry.bytes.encoder)
    })],
    [t("facts.digitScore"), s2.digit_score !== void 0 ? t("facts.ofTen", { v: fixed(s2.digit_score, 1) }) : t("common.notMeasured")]
  ];
}
function initModelFacts(list, state2) {
  state2.subscribe((what, s2) => {
    if (what !== "model" && what !== "lang" || !s2.model) return;
    list.replaceChildren(...facts(s2.model.entry).flatMap(([k, v2]) => [el("dt", {}, k), el("dd", {}, v2)]));
  });
}

// static/js/explore/model-picker.js
function initModelPicker(picker2, state2, manifest) {
  const usable = () => picker2.options.length > 1;
  const list = () => picker2.replaceChildren(...[...manifest.models, ...state2.offered.values()].map((m) => new Option(m.title, m.name)));
  list();
  picker2.disabled = !usable();
  picker2.addEventListener("change", () => {
    picker2.disabled = true;
    state2.requestModel(picker2.value).catch(() => {
    }).finally(() => {
      picker2.disabled = !usable();
      picker2.value = state2.model.entry.name;
    });
  });
  state2.subscribe((what, s2) => {
    if (what === "models") {
      list();
      picker2.disabled = !usable();
    }
    if ((what === "model" || what === "models") && s2.model) picker2.value = s2.model.entry.name;
  });
}

// static/js/explore/sliders.js
function createSliders(container, state2) {
  let inputs = [];
  let outputs = [];
  function row2(i2) {
    const id = `z-slider-${i2}`;
    const input = el("input", {
      type: "range",
      id,
      min: -Z_RANGE,
      max: Z_RANGE,
      step: 0.01,
      value: 0,
      dataset: { dim: String(i2) },
      oninput: () => state2.setDim(i2, Number(input.value), "slider"),
      onfocus: () => {
        if (state2.selectedDim !== i2) state2.selectDim(i2, "slider");
      }
    });
    const output = el("output", { for: id, class: "mono" }, signed(0));
    inputs.push(input);
    outputs.push(output);
    return el("div", { class: "slider-row" }, el("label", { for: id }, `z${i2 + 1}`), input, output);
  }
  function build2(latentDim) {
    inputs = [];
    outputs = [];
    container.replaceChildren(...Array.from({ length: latentDim }, (_2, i2) => row2(i2)));
  }
  function sync(z, source) {
    z.forEach((v2, i2) => {
      if (!inputs[i2]) return;
      if (source !== "slider") inputs[i2].value = String(clampZ(v2));
      outputs[i2].textContent = signed(v2);
    });
  }
  state2.subscribe((what, s2, source) => {
    if (what === "model") build2(s2.model.latentDim);
    if (what === "select" && source !== "slider" && inputs[s2.selectedDim]) inputs[s2.selectedDim].focus();
    sync(s2.z, source);
  });
}

// static/js/explore/explore.js
function mount3({ root, state: state2, manifest, onError }) {
  const view = createDecoderView(root.querySelector("#digit"), state2, { onError });
  createSliders(root.querySelector("#sliders"), state2);
  initModelFacts(root.querySelector("#model-facts"), state2);
  if (manifest) initModelPicker(document.getElementById("model-picker"), state2, manifest);
  const readout = root.querySelector("#z-readout");
  const random = root.querySelector("#random");
  const reset = root.querySelector("#reset");
  random.addEventListener("click", () => state2.randomZ());
  reset.addEventListener("click", () => state2.resetZ());
  state2.subscribe((what, s2) => {
    if (!s2.model) return;
    readout.textContent = `z = ${vector(s2.z)}`;
    random.disabled = false;
    reset.disabled = false;
  });
  return { view, idle: () => view.idle() };
}

// static/js/language/language-picker.js
var language_picker_exports = {};
__export(language_picker_exports, {
  mount: () => mount4
});
var NAME_KEYS = { en: "language.en", "zh-CN": "language.zh-CN" };
function mount4({ root, state: state2 }) {
  const picker2 = root.querySelector("#lang-picker");
  picker2.replaceChildren(...LANGUAGES.map((lang) => el("option", { value: lang, lang, text: t(NAME_KEYS[lang]) })));
  picker2.value = currentLanguage();
  picker2.disabled = false;
  picker2.addEventListener("change", () => {
    picker2.disabled = true;
    switchLanguage(state2, picker2.value).catch((e2) => console.warn(e2)).finally(() => {
      picker2.disabled = false;
      picker2.value = currentLanguage();
    });
  });
  return { idle: () => Promise.resolve() };
}

// static/js/latent/latent.js
var latent_exports = {};
__export(latent_exports, {
  mount: () => mount5
});

// static/js/latent/interpolation.js
var FRAMES = 10;
var S2 = IMAGE_SIZE;
var SWEEP_MS = 3e3;
var lerp = (a2, b, t3) => a2.map((v2, i2) => (1 - t3) * v2 + t3 * b[i2]);
function lineCodes(a2, b) {
  const zs = new Float32Array(FRAMES * a2.length);
  for (let k = 0; k < FRAMES; k += 1) zs.set(lerp(a2, b, k / (FRAMES - 1)), k * a2.length);
  return zs;
}
async function drawStrip(model, a2, b, canvas) {
  const frames = await model.decodeValues(lineCodes(a2, b));
  paintTiles(canvas, frames, FRAMES);
  return frames;
}
function createSweep(button, goTo) {
  let animation = null;
  function stop() {
    if (animation) cancelAnimationFrame(animation);
    animation = null;
    setText(button, "latent.animate");
    button.setAttribute("aria-pressed", "false");
  }
  function start() {
    const t0 = performance.now();
    setText(button, "latent.stop");
    button.setAttribute("aria-pressed", "true");
    const step = (now) => {
      const phase = (now - t0) / SWEEP_MS % 2;
      goTo(Math.round((phase <= 1 ? phase : 2 - phase) * 100) / 100);
      animation = requestAnimationFrame(step);
    };
    animation = requestAnimationFrame(step);
  }
  button.addEventListener("click", () => animation ? stop() : start());
  return { stop };
}
function initInterpolation({ state: state2, root, onError = () => {
} }) {
  const n2 = byIds(root, {
    strip: "interp-strip",
    tSlider: "interp-t",
    tOut: "interp-t-value",
    animate: "interp-animate",
    readout: "interp-ends",
    setA: "interp-set-a",
    setB: "interp-set-b"
  });
  const { strip, tSlider, tOut, animate, readout } = n2;
  strip.width = FRAMES * S2;
  strip.height = S2;
  let a2 = null;
  let b = null;
  let frames = null;
  const scheduler = createFrameScheduler(async () => {
    if (a2 && b && state2.model) frames = await drawStrip(state2.model, a2, b, strip);
  }, onError);
  function describe() {
    const end = (z) => z ? vector(z) : msg("latent.notSet");
    setText(readout, "latent.ends", { a: end(a2), b: end(b) });
    tSlider.disabled = !(a2 && b);
    animate.disabled = !(a2 && b);
  }
  function setEnds(za, zb) {
    a2 = za && Float32Array.from(za);
    b = zb && Float32Array.from(zb);
    describe();
    scheduler.request();
  }
  function goTo(t3) {
    tSlider.value = String(t3);
    tOut.textContent = fixed(t3, 2);
    if (a2 && b) state2.setZ(lerp(a2, b, t3), "interpolation");
  }
  const sweep = createSweep(animate, goTo);
  n2.setA.addEventListener("click", () => state2.model && setEnds(state2.z, b));
  n2.setB.addEventListener("click", () => state2.model && setEnds(a2, state2.z));
  tSlider.addEventListener("input", () => goTo(Number(tSlider.value)));
  state2.subscribe((what) => {
    if (what !== "model") return;
    sweep.stop();
    frames = null;
    setEnds(null, null);
    strip.getContext("2d").clearRect(0, 0, strip.width, strip.height);
  });
  describe();
  return {
    /** Set both ends; resolves once the strip shows them. */
    setEnds(za, zb) {
      setEnds(za, zb);
      return scheduler.idle();
    },
    /** The decoded frames as arrays of 784 floats (after the current render). */
    async frames() {
      await scheduler.idle();
      if (!frames) return null;
      return Array.from({ length: FRAMES }, (_2, k) => Array.from(frames.slice(k * PIXELS, (k + 1) * PIXELS)));
    },
    idle: scheduler.idle,
    goTo,
    stop: sweep.stop
  };
}

// static/js/latent/map-geometry.js
var GRID = 20;
function tileZ(base, { dims, range }, i2, j) {
  const z = Float32Array.from(base);
  const step = 2 * range / GRID;
  z[dims[0]] = -range + (j + 0.5) * step;
  z[dims[1]] = range - (i2 + 0.5) * step;
  return z;
}
function nudge(z, { dims, range }, dx, dy) {
  const out = Float32Array.from(z);
  out[dims[0]] = clip(out[dims[0]] + dx, range);
  out[dims[1]] = clip(out[dims[1]] + dy, range);
  return out;
}
function place(z, { dims, range }, x, y) {
  const out = Float32Array.from(z);
  out[dims[0]] = clip(x, range);
  out[dims[1]] = clip(y, range);
  return out;
}
function rangeFor(codes, kind) {
  if (!codes || kind !== "ae") return 3;
  const abs = Array.from(codes.codes, Math.abs).sort((a2, b) => a2 - b);
  return Math.max(3, Math.ceil(abs[Math.floor(0.99 * (abs.length - 1))]));
}
function unmappedTracker(view) {
  let last = null;
  return {
    moved(z) {
      const now = Array.from(z).filter((_2, i2) => !view.dims.includes(i2)).join(",");
      const changed = now !== last;
      last = now;
      return changed;
    }
  };
}

// static/js/latent/manifold.js
var TILE = IMAGE_SIZE;
function createManifold(state2, getView, { onRendered = () => {
}, onError = () => {
} } = {}) {
  const image = document.createElement("canvas");
  image.width = GRID * TILE;
  image.height = GRID * TILE;
  const stats = createProbe("manifold", { renders: 0, lastMs: null });
  let shown = null;
  function codes(model, base, view) {
    const L = model.latentDim;
    const zs = new Float32Array(GRID * GRID * L);
    for (let i2 = 0; i2 < GRID; i2 += 1) {
      for (let j = 0; j < GRID; j += 1) zs.set(tileZ(base, view, i2, j), (i2 * GRID + j) * L);
    }
    return zs;
  }
  async function render() {
    const model = state2.model;
    if (!model) return;
    const t0 = stats ? performance.now() : 0;
    const view = getView();
    const base = Float32Array.from(state2.z);
    const values = await model.decodeValues(codes(model, base, view));
    if (model !== state2.model) return;
    paintTiles(image, values, GRID);
    shown = { values, base, view: { dims: [...view.dims], range: view.range } };
    if (stats) {
      stats.renders += 1;
      stats.lastMs = performance.now() - t0;
    }
    onRendered();
  }
  const scheduler = createFrameScheduler(render, onError);
  return {
    image,
    get ready() {
      return shown !== null;
    },
    request: scheduler.request,
    idle: scheduler.idle,
    /** Render now; resolves when done (with probes on, to the milliseconds it took). */
    async renderNow() {
      scheduler.request();
      await scheduler.idle();
      return stats ? stats.lastMs : null;
    },
    forget() {
      shown = null;
    },
    /** {z, values(784)} of tile (i, j) of the image shown. */
    tile(i2, j) {
      if (!shown) return null;
      const k = i2 * GRID + j;
      return {
        z: Array.from(tileZ(shown.base, shown.view, i2, j)),
        values: Array.from(shown.values.subarray(k * PIXELS, (k + 1) * PIXELS))
      };
    }
  };
}

// static/js/latent/map-drawing.js
var dotRadius2 = (size) => Math.max(1.5, size / 320);
var DOT_ALPHA = { plain: 0.7, overManifold: 0.55 };
function axes(ctx, s2, view, overManifold) {
  ctx.strokeStyle = overManifold ? "rgba(255,255,255,0.35)" : "#ccc";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(toPx(0, view.range, s2), 0);
  ctx.lineTo(toPx(0, view.range, s2), s2);
  ctx.moveTo(0, toPy(0, view.range, s2));
  ctx.lineTo(s2, toPy(0, view.range, s2));
  ctx.stroke();
}
function dots(ctx, s2, view, codes, overManifold) {
  const r2 = dotRadius2(s2);
  const [dx, dy] = view.dims;
  ctx.globalAlpha = overManifold ? DOT_ALPHA.overManifold : DOT_ALPHA.plain;
  for (let k = 0; k < codes.count; k += 1) {
    ctx.fillStyle = PALETTE[codes.labels[k]];
    const x = toPx(codes.codes[k * codes.dim + dx], view.range, s2);
    const y = toPy(codes.codes[k * codes.dim + dy], view.range, s2);
    ctx.fillRect(x - r2, y - r2, 2 * r2, 2 * r2);
  }
  ctx.globalAlpha = 1;
}
function marker(ctx, s2, view, z) {
  const x = toPx(z[view.dims[0]], view.range, s2);
  const y = toPy(z[view.dims[1]], view.range, s2);
  for (const [color, width] of [["#000", Math.max(2, s2 / 200)], ["#ffd400", Math.max(1, s2 / 400)]]) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.arc(x, y, s2 / 45, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
function paintMap(canvas, view, { manifold, codes, z }) {
  const ctx = canvas.getContext("2d");
  const s2 = canvas.width;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, s2, s2);
  if (manifold) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(manifold, 0, 0, s2, s2);
  }
  axes(ctx, s2, view, Boolean(manifold));
  if (codes) dots(ctx, s2, view, codes, Boolean(manifold));
  if (z) marker(ctx, s2, view, z);
}
function createMapPainter(canvas, view, layers, onError) {
  return createFrameScheduler(async () => {
    const now = layers();
    paintMap(canvas, view, now);
    setAttr(canvas, "aria-label", describeMap(view, now.z));
  }, onError);
}
function describeMap(view, z) {
  if (!z) return msg("latent.mapLabel");
  const [dx, dy] = view.dims;
  return msg("latent.mapOf", { x: dx + 1, y: dy + 1, range: count(view.range), a: plain(z[dx]), b: plain(z[dy]) });
}

// static/js/latent/map-input.js
var KEY_MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
function bindMapInput(canvas, state2, getView) {
  function moveTo(event) {
    const rect = canvas.getBoundingClientRect();
    const s2 = canvas.width;
    const { range } = getView();
    const x = fromPx((event.clientX - rect.left) / rect.width * s2, range, s2);
    const y = fromPy((event.clientY - rect.top) / rect.height * s2, range, s2);
    state2.setZ(place(state2.z, getView(), x, y), "map");
  }
  canvas.addEventListener("pointerdown", (e2) => {
    if (!state2.model) return;
    canvas.setPointerCapture(e2.pointerId);
    moveTo(e2);
  });
  canvas.addEventListener("pointermove", (e2) => {
    if (canvas.hasPointerCapture(e2.pointerId)) moveTo(e2);
  });
  canvas.addEventListener("keydown", (e2) => {
    const move = KEY_MOVES[e2.key];
    if (!move || !state2.model) return;
    e2.preventDefault();
    e2.stopPropagation();
    const step = e2.shiftKey ? 0.5 : 0.1;
    state2.setZ(nudge(state2.z, getView(), move[0] * step, move[1] * step), "map");
  });
}
function bindDimPickers(xPick, yPick, getDims, setDims) {
  xPick.addEventListener("change", () => {
    const x = Number(xPick.value);
    const [dx, dy] = getDims();
    setDims(x, dy === x ? dx : dy);
  });
  yPick.addEventListener("change", () => {
    const y = Number(yPick.value);
    const [dx, dy] = getDims();
    setDims(dx === y ? dy : dx, y);
  });
  return {
    offer(latentDim) {
      for (const picker2 of [xPick, yPick]) {
        picker2.replaceChildren(...Array.from({ length: latentDim }, (_2, i2) => new Option(`z${i2 + 1}`, String(i2))));
      }
    },
    show(x, y) {
      xPick.value = String(x);
      yPick.value = String(y);
    }
  };
}
function bindLayerSwitches(showPoints, showManifold, painter, manifold) {
  showPoints.addEventListener("change", painter.request);
  showManifold.addEventListener("change", () => {
    if (showManifold.checked && !manifold.ready) manifold.request();
    painter.request();
  });
}

// static/js/latent/latent-map.js
function noteFor(codes, entry, range) {
  if (!codes) return msg("latent.noMap");
  const where = { n: count(codes.count), range: count(range) };
  return msg("latent.note", {
    points: msg(entry.kind === "vae" ? "latent.note.pointsMu" : "latent.note.points", where),
    why: msg(entry.kind === "ae" ? "latent.note.ae" : "latent.note.kl")
  });
}
function initLatentMap({ state: state2, root, onError = () => {
} }) {
  const n2 = byIds(root, {
    canvas: "latent-canvas",
    showPoints: "latent-show-points",
    showManifold: "latent-show-manifold",
    legend: "latent-legend",
    x: "latent-x",
    y: "latent-y",
    dims: "latent-dims",
    note: "latent-note"
  });
  const { canvas, showPoints, showManifold } = n2;
  const view = { dims: [0, 1], range: 3 };
  let codes = null;
  let loadToken = 0;
  let active = false;
  let loading2 = Promise.resolve();
  const others = unmappedTracker(view);
  const painter = createMapPainter(canvas, view, () => ({
    z: state2.model ? state2.z : null,
    manifold: showManifold.checked && manifold.ready ? manifold.image : null,
    codes: showPoints.checked ? codes : null
  }), onError);
  const manifold = createManifold(state2, () => view, { onRendered: painter.request, onError });
  n2.legend.replaceChildren(...legend());
  bindMapInput(canvas, state2, () => view);
  const pickers = bindDimPickers(n2.x, n2.y, () => view.dims, (x, y) => setDims(x, y));
  function setDims(x, y) {
    view.dims = [x, y];
    pickers.show(x, y);
    others.moved(state2.z);
    if (showManifold.checked) manifold.request();
    painter.request();
  }
  async function onModel(model) {
    const token = ++loadToken;
    codes = null;
    manifold.forget();
    view.range = 3;
    pickers.offer(model.latentDim);
    n2.dims.hidden = model.latentDim <= 2;
    try {
      const loaded = await loadLatentMap(model.entry);
      if (token !== loadToken) return;
      codes = loaded;
      view.range = rangeFor(codes, model.entry.kind);
      setText(n2.note, noteFor(codes, model.entry, view.range));
    } catch (e2) {
      onError(e2);
    }
    setDims(0, Math.min(1, model.latentDim - 1));
  }
  function onZ(z) {
    painter.request();
    if (others.moved(z) && active && showManifold.checked) manifold.request();
  }
  bindLayerSwitches(showPoints, showManifold, painter, manifold);
  const follow = (model) => {
    loading2 = onModel(model);
  };
  const wake = whenNear(root, () => {
    active = true;
    if (state2.model) follow(state2.model);
  }, NEAR.below);
  state2.subscribe((what, s2) => {
    if (what === "model" && active) follow(s2.model);
    if (what === "z") onZ(s2.z);
  });
  return {
    /** Render the manifold now; resolves when done (with probes on, to the milliseconds it took). */
    renderManifold() {
      wake();
      return manifold.renderNow();
    },
    tile: manifold.tile,
    get dims() {
      return [...view.dims];
    },
    get range() {
      return view.range;
    },
    get active() {
      return active;
    },
    get codes() {
      return codes;
    },
    async idle() {
      await loading2;
      await manifold.idle();
      await painter.idle();
    },
    setDims
  };
}

// static/js/latent/model-table.js
function noteText(judged) {
  const accuracy2 = judged.samples.classifier_accuracy;
  const n2 = count(judged.samples.samples);
  return accuracy2 ? msg("latent.table.samplesAcc", { n: n2, p: percent(accuracy2) }) : msg("latent.table.samples", { n: n2 });
}
var nats = (v2) => v2 === void 0 || v2 === null ? t("common.na") : t("units.nats", { v: fixed(v2, 1) });
function cells2(m) {
  const test = m.test || {};
  const s2 = m.samples || {};
  return [
    m.title,
    t("latent.table.code", {
      dim: count(m.latent_dim),
      kind: t(m.kind === "vae" ? "latent.table.variational" : "latent.table.deterministic")
    }),
    test.neg_elbo !== void 0 ? nats(test.neg_elbo) : t("latent.table.noKl"),
    nats(test.reconstruction),
    fixedOr(s2.digit_score, 1, t("common.na")),
    m.samples ? percent(s2.confident) : t("common.notMeasured"),
    megabytes(m.bytes.decoder + m.bytes.encoder, 1)
  ];
}
function renderModelTable(table, manifest, note) {
  const judged = manifest.models.find((m) => m.samples);
  if (note && judged) setText(note, noteText(judged));
  const heads = Array.from(table.tHead.rows[0].cells, (c2) => c2.textContent);
  table.tBodies[0].replaceChildren(...manifest.models.map((m) => el(
    "tr",
    { dataset: { model: m.name } },
    cells2(m).map((text, i2) => i2 === 0 ? el("th", { scope: "row" }, text) : el("td", { dataset: { label: heads[i2] } }, text))
  )));
}

// static/js/latent/latent.js
function mount5({ root, state: state2, manifest, onError }) {
  const map = initLatentMap({ state: state2, root, onError });
  const interpolation = initInterpolation({ state: state2, root, onError });
  if (manifest) {
    const table = () => renderModelTable(
      root.querySelector("#model-compare"),
      manifest,
      root.querySelector("#model-compare-note")
    );
    setTimeout(table, 0);
    state2.subscribe((what) => {
      if (what === "lang") table();
    });
  }
  return {
    map,
    interpolation,
    renderManifold: () => map.renderManifold(),
    idle: () => Promise.all([map.idle(), interpolation.idle()])
  };
}

// static/js/noise/lesson.js
var lesson_exports = {};
__export(lesson_exports, {
  DEFAULT_OBJECTS: () => DEFAULT_OBJECTS,
  mount: () => mount6
});

// static/js/noise/number-line.js
var LINE_MIN = 0;
var LINE_MAX = 10;
var AXIS_Y = 150;
var X0 = 40;
var X1 = 960;
var PEAK = 95;
var toX = (v2) => X0 + (v2 - LINE_MIN) / (LINE_MAX - LINE_MIN) * (X1 - X0);
var clampView = (v2) => Math.max(LINE_MIN - 0.38, Math.min(LINE_MAX + 0.38, v2));
var labelWidth = (name) => Array.from(name, (c2) => c2.charCodeAt(0) > 11903 ? 30 : 17).reduce((a2, b) => a2 + b, 0);
function typeScale(line) {
  const width = line.clientWidth;
  return width > 0 ? Math.min(1.6, Math.max(1, 500 / width)) : 1;
}
function labelLevels(objects, k) {
  const ends = [];
  const levels = /* @__PURE__ */ new Map();
  [...objects].sort((a2, b) => a2.x - b.x).forEach((o2) => {
    const half = (labelWidth(o2.name) * k + 16) / 2;
    const left = toX(o2.x) - half;
    let level = ends.findIndex((end) => end < left);
    if (level === -1) {
      level = ends.length;
      ends.push(0);
    }
    ends[level] = toX(o2.x) + half;
    levels.set(o2.id, Math.min(level, 2));
  });
  return levels;
}
function bell(received, sigma) {
  if (!(sigma > 0)) {
    const x = toX(clampView(received));
    return [svgEl("line", { class: "noise-bell-spike", x1: x, x2: x, y1: AXIS_Y, y2: AXIS_Y - PEAK })];
  }
  const lo = clampView(received - 2 * sigma);
  const hi = clampView(received + 2 * sigma);
  const a2 = clampView(received - 4 * sigma);
  const b = clampView(received + 4 * sigma);
  const pts = [];
  for (let k = 0; k <= 160; k += 1) {
    const v2 = a2 + (b - a2) * k / 160;
    const y = AXIS_Y - PEAK * Math.exp(-0.5 * ((v2 - received) / sigma) ** 2);
    pts.push(`${toX(v2).toFixed(1)},${y.toFixed(1)}`);
  }
  return [
    svgEl("rect", {
      class: "noise-window",
      x: toX(lo),
      y: AXIS_Y - PEAK - 10,
      width: Math.max(0, toX(hi) - toX(lo)),
      height: PEAK + 10
    }),
    svgEl("polygon", {
      class: "noise-bell",
      points: `${toX(a2).toFixed(1)},${AXIS_Y} ${pts.join(" ")} ${toX(b).toFixed(1)},${AXIS_Y}`
    })
  ];
}
function axis(k) {
  const nodes = [svgEl("line", { class: "noise-axis", x1: X0, x2: X1, y1: AXIS_Y, y2: AXIS_Y })];
  for (let v2 = LINE_MIN; v2 <= LINE_MAX; v2 += 1) {
    nodes.push(svgEl("line", { class: "noise-tick", x1: toX(v2), x2: toX(v2), y1: AXIS_Y, y2: AXIS_Y + 10 }));
    nodes.push(svgEl("text", {
      class: "noise-tick-label",
      x: toX(v2),
      y: Math.min(AXIS_Y + 10 + 28 * k, 198),
      "text-anchor": "middle",
      style: { fontSize: `${28 * k}px` }
    }, count(v2)));
  }
  return nodes;
}
function objectMarks(objects, sentId, guessId, k) {
  const levels = labelLevels(objects, k);
  return objects.map((o2) => {
    const cls = ["noise-object"];
    if (o2.id === sentId) cls.push("is-sent");
    if (o2.id === guessId) cls.push("is-guess");
    const labelY = AXIS_Y - 22 - levels.get(o2.id) * 31 * k;
    return svgEl(
      "g",
      { class: cls.join(" "), "data-name": o2.name },
      svgEl("line", { class: "noise-object-stem", x1: toX(o2.x), x2: toX(o2.x), y1: AXIS_Y, y2: labelY + 4 }),
      svgEl("circle", { cx: toX(o2.x), cy: AXIS_Y, r: 7 }),
      svgEl("text", { x: toX(o2.x), y: labelY, "text-anchor": "middle", style: { fontSize: `${30 * k}px` } }, o2.name)
    );
  });
}
function receivedMark(received, k) {
  const x = toX(clampView(received));
  const anchor = x < 140 ? "start" : x > 860 ? "end" : "middle";
  return [
    svgEl("path", {
      class: "noise-received-mark",
      d: `M${x - 10},${AXIS_Y + 30} L${x + 10},${AXIS_Y + 30} L${x},${AXIS_Y + 12} Z`
    }),
    svgEl("text", {
      class: "noise-received-label",
      x,
      y: 4 + 26 * k,
      "text-anchor": anchor,
      style: { fontSize: `${30 * k}px` }
    }, t("noise.receivedMark", { v: fixed(received) }))
  ];
}
function drawNumberLine(line, { objects, sentId, last }) {
  const k = typeScale(line);
  line.replaceChildren(
    ...last ? bell(last.received, last.sigma) : [],
    ...axis(k),
    ...objectMarks(objects, sentId, last ? last.guessId : null, k),
    ...last ? receivedMark(last.received, k) : []
  );
}
function drawPacket(line, v2, t3) {
  let packet = line.querySelector(".noise-packet");
  if (!packet) {
    packet = svgEl("circle", { class: "noise-packet", r: 11 });
    line.append(packet);
  }
  const arc = Math.sin(Math.PI * t3) * 60;
  packet.setAttribute("cx", toX(clampView(v2)).toFixed(1));
  packet.setAttribute("cy", (AXIS_Y - 8 - arc).toFixed(1));
}

// static/js/noise/object-editor.js
var MAX_OBJECTS = 9;
function freeSpot(positions) {
  const xs = [LINE_MIN, ...positions, LINE_MAX].sort((a2, b) => a2 - b);
  let best = 0;
  for (let k = 1; k < xs.length; k += 1) if (xs[k] - xs[k - 1] > xs[best + 1] - xs[best]) best = k - 1;
  return Math.round((xs[best] + xs[best + 1]) / 2 * 100) / 100;
}
function createObjectEditor({ editor, addButton, select }, lesson, changed) {
  let nextId = Math.max(0, ...lesson.objects.map((o2) => o2.id)) + 1;
  function row2(o2, i2) {
    const n2 = { n: i2 + 1 };
    const name = el("input", {
      type: "text",
      value: o2.name,
      maxLength: 12,
      i18nAttrs: { "aria-label": msg("noise.nameOf", n2) }
    });
    name.addEventListener("change", () => {
      const typed = name.value.trim();
      if (typed !== o2.name) o2.label = typed ? null : msg("noise.defaultName", n2);
      o2.name = typed || t("noise.defaultName", n2);
      name.value = o2.name;
      changed(false);
    });
    const pos = el("input", {
      type: "number",
      min: LINE_MIN,
      max: LINE_MAX,
      step: 0.01,
      value: o2.x,
      i18nAttrs: { "aria-label": msg("noise.positionOf", n2) }
    });
    pos.addEventListener("change", () => {
      const v2 = Number(pos.value);
      if (pos.value !== "" && Number.isFinite(v2)) o2.x = Math.max(LINE_MIN, Math.min(LINE_MAX, v2));
      pos.value = String(o2.x);
      changed(false);
    });
    const removeButton = el("button", {
      type: "button",
      i18n: "noise.remove",
      i18nAttrs: { "aria-label": msg("noise.removeOf", n2) },
      disabled: lesson.objects.length <= 1,
      onclick: () => remove(o2.id)
    });
    return el("tr", {}, el("td", {}, name), el("td", {}, pos), el("td", {}, removeButton));
  }
  function build2() {
    editor.replaceChildren(...lesson.objects.map(row2));
    addButton.disabled = lesson.objects.length >= MAX_OBJECTS;
  }
  function fillSelect() {
    select.replaceChildren(...lesson.objects.map((o2, i2) => new Option(
      t("noise.option", { i: i2 + 1, name: o2.name, x: fixed(o2.x, 2) }),
      String(o2.id)
    )));
    select.value = String(lesson.sentId);
  }
  function add(name = null, x = null) {
    if (lesson.objects.length >= MAX_OBJECTS) return null;
    const label = name ? null : msg("noise.newName", { n: lesson.objects.length + 1 });
    const o2 = {
      id: nextId++,
      name: name || t(label.key, label.params),
      label,
      x: x === null ? freeSpot(lesson.objects.map((p) => p.x)) : x
    };
    lesson.objects.push(o2);
    changed(true);
    return o2;
  }
  function remove(id) {
    if (lesson.objects.length <= 1) return;
    lesson.objects = lesson.objects.filter((o2) => o2.id !== id);
    changed(true);
    const first = editor.querySelector("input");
    if (first) first.focus();
    else addButton.focus();
  }
  addButton.addEventListener("click", () => {
    add();
    const inputs = editor.querySelectorAll("input[type=text]");
    inputs[inputs.length - 1].focus();
  });
  return { build: build2, fillSelect, add, remove };
}

// static/js/noise/math.js
function posterior(positions, received, sigma) {
  const n2 = positions.length;
  if (n2 === 0) return [];
  if (!(sigma > 0)) {
    const d = positions.map((x) => Math.abs(x - received));
    const best = Math.min(...d);
    const winners = d.filter((v2) => v2 === best).length;
    return d.map((v2) => v2 === best ? 1 / winners : 0);
  }
  const logw = positions.map((x) => -((received - x) ** 2) / (2 * sigma * sigma));
  const top = Math.max(...logw);
  const w = logw.map((v2) => Math.exp(v2 - top));
  const total = w.reduce((a2, b) => a2 + b, 0);
  return w.map((v2) => v2 / total);
}
function mapDecision(positions, received) {
  let best = -1;
  let bestD = Infinity;
  positions.forEach((x, i2) => {
    const d = Math.abs(x - received);
    if (d < bestD) {
      best = i2;
      bestD = d;
    }
  });
  return best;
}
function erfc(x) {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    let sum = x;
    let term = x;
    const x2 = x * x;
    for (let k = 1; k < 200; k += 1) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - 2 / Math.sqrt(Math.PI) * sum;
  }
  const tiny = 1e-300;
  let f2 = x;
  let c2 = x;
  let d = 0;
  for (let k = 1; k < 500; k += 1) {
    const a2 = k / 2;
    d = x + a2 * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c2 = x + a2 / c2;
    c2 = Math.abs(c2) < tiny ? tiny : c2;
    d = 1 / d;
    const delta = c2 * d;
    f2 *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f2);
}
function normalCdf(u2) {
  if (u2 === Infinity) return 1;
  if (u2 === -Infinity) return 0;
  return 0.5 * erfc(-u2 / Math.SQRT2);
}
function normalInterval(a2, b) {
  if (a2 >= b) return 0;
  if (a2 >= 0) return 0.5 * (erfc(a2 / Math.SQRT2) - erfc(b / Math.SQRT2));
  if (b <= 0) return 0.5 * (erfc(-b / Math.SQRT2) - erfc(-a2 / Math.SQRT2));
  return 1 - normalCdf(a2) - (1 - normalCdf(b));
}
function accuracy(positions, sigma) {
  const n2 = positions.length;
  if (n2 === 0) return 0;
  const distinct = [...new Set(positions)].sort((a2, b) => a2 - b);
  if (!(sigma > 0)) return distinct.length / n2;
  let total = 0;
  distinct.forEach((x, k) => {
    const lo = k === 0 ? -Infinity : (distinct[k - 1] + x) / 2;
    const hi = k === distinct.length - 1 ? Infinity : (x + distinct[k + 1]) / 2;
    total += normalInterval((lo - x) / sigma, (hi - x) / sigma);
  });
  return total / n2;
}
var GAP_IN_SIGMAS = 4;
function distinguishableGroups(positions, sigma) {
  const order = positions.map((x, i2) => i2).sort((a2, b) => positions[a2] - positions[b]);
  const groups = [];
  order.forEach((i2, k) => {
    const gap = k === 0 ? Infinity : positions[i2] - positions[order[k - 1]];
    if (gap > GAP_IN_SIGMAS * sigma) groups.push([i2]);
    else groups[groups.length - 1].push(i2);
  });
  return groups;
}
function entropy(p) {
  return p.reduce((h2, v2) => v2 > 0 ? h2 - v2 * Math.log(v2) : h2, 0);
}
function mutualInformation(positions, sigma, intervals = 1600) {
  const n2 = positions.length;
  if (n2 === 0) return 0;
  if (!(sigma > 0)) return Math.log(new Set(positions).size);
  const span = 8;
  const h2 = 2 * span / intervals;
  let expected = 0;
  for (const x of positions) {
    let acc = 0;
    for (let k = 0; k <= intervals; k += 1) {
      const u2 = -span + k * h2;
      const weight = k === 0 || k === intervals ? 1 : k % 2 ? 4 : 2;
      const density = Math.exp(-0.5 * u2 * u2) / Math.sqrt(2 * Math.PI);
      acc += weight * density * entropy(posterior(positions, x + sigma * u2, sigma));
    }
    expected += acc * h2 / 3;
  }
  return Math.max(0, Math.log(n2) - expected / n2);
}
function effectiveCount(positions, sigma) {
  return Math.exp(mutualInformation(positions, sigma));
}
function transmit(position, sigma, gaussianDraw) {
  return position + sigma * gaussianDraw();
}

// static/js/noise/readout.js
function posteriorItem(e2, guessId) {
  return el(
    "li",
    { dataset: { name: e2.name, p: String(e2.p) }, class: e2.id === guessId ? "is-guess" : "" },
    el("span", { class: "noise-post-name" }, e2.name),
    el(
      "span",
      { class: "noise-bar-track" },
      el("span", { class: "noise-bar", style: { width: `${(100 * e2.p).toFixed(1)}%` } })
    ),
    el("span", { class: "noise-post-p" }, percentBounded(e2.p))
  );
}
function posteriorItems(last) {
  const sorted = [...last.posterior].sort((a2, b) => b.p - a2.p);
  const shown = sorted.filter((e2) => e2.p >= 0.01).slice(0, 3);
  const items = shown.map((e2) => posteriorItem(e2, last.guessId));
  const hidden = sorted.length - shown.length;
  if (hidden > 0) {
    const next = sorted[shown.length].p;
    items.push(el("li", { class: "noise-post-more" }, next < 1e-3 ? t("noise.moreUnder", { n: count(hidden), p: percent(1e-3, 1) }) : t("noise.moreAtMost", { n: count(hidden), p: percentBounded(next) })));
  }
  return items;
}
function renderSend(nodes, { last, sending, tally }) {
  if (!last) {
    nodes.received.textContent = t(sending ? "noise.sending" : "noise.prompt");
    delete nodes.received.dataset.received;
    nodes.posterior.replaceChildren();
  } else {
    nodes.received.dataset.received = String(last.received);
    nodes.received.textContent = t("noise.result", {
      sent: last.sent,
      received: fixed(last.received),
      guess: last.guess,
      verdict: t(last.right ? "noise.right" : "noise.wrong")
    });
    nodes.posterior.replaceChildren(...posteriorItems(last));
  }
  const { sends, right } = tally;
  nodes.tally.dataset.sends = String(sends);
  nodes.tally.dataset.right = String(right);
  nodes.tally.textContent = sends ? t("noise.tally", { right: count(right), sends: count(sends), p: percentBounded(right / sends) }) : t("noise.tallyNone");
}
function renderChannel(nodes, positions, sigma) {
  const acc = accuracy(positions, sigma);
  const groups = distinguishableGroups(positions, sigma).length;
  const eff = effectiveCount(positions, sigma);
  nodes.expected.dataset.accuracy = String(acc);
  nodes.expected.textContent = t("noise.expected", { sigma: fixed(sigma, 2), p: percentBounded(acc) });
  nodes.distinct.dataset.count = String(groups);
  nodes.distinct.textContent = t("noise.distinct", {
    groups: count(groups),
    n: count(positions.length),
    gap: fixed(GAP_IN_SIGMAS * sigma, 2)
  });
  nodes.effective.dataset.effective = String(eff);
  nodes.effective.textContent = t("noise.effective", { eff: fixed(eff, 2), bits: fixed(Math.log2(eff), 2) });
}

// static/js/noise/encoder-sigma.js
var W = 400;
var H = 120;
function verdict(sigma, meanSigma) {
  if (sigma === 0) return t("noise.enc.zero");
  const ratio = sigma / meanSigma;
  if (ratio <= 1) return t("noise.enc.inside", { sigma: fixed(sigma, 2) });
  return t("noise.enc.beyond", { sigma: fixed(sigma, 2), ratio: fixed(ratio, 1) });
}
function drawBars(svg, s2, sigma) {
  const labels2 = s2.length <= 8;
  const base = labels2 ? H - 24 : H;
  const top = 1.5 * Math.max(sigma, ...s2, 0.05);
  const bw = W / s2.length;
  const y = (v2) => base - v2 / top * (base - 4);
  const nodes = s2.flatMap((v2, i2) => {
    const bar = svgEl("rect", {
      class: "noise-enc-bar",
      x: i2 * bw + bw * 0.2,
      width: bw * 0.6,
      y: y(v2),
      height: base - y(v2)
    });
    if (!labels2) return [bar];
    return [bar, svgEl(
      "text",
      { class: "noise-enc-label", x: (i2 + 0.5) * bw, y: H - 3, "text-anchor": "middle" },
      `z${count(i2 + 1)}: ${fixed(v2, 2)}`
    )];
  });
  nodes.push(svgEl("line", { class: "noise-enc-chosen", x1: 0, x2: W, y1: y(sigma), y2: y(sigma) }));
  nodes.push(svgEl("text", {
    class: "noise-enc-label noise-enc-chosen-label",
    x: W - 4,
    y: y(sigma) - 7,
    "text-anchor": "end"
  }, t("noise.enc.yours", { sigma: fixed(sigma, 2) })));
  svg.replaceChildren(...nodes);
}
function describeEncoderSigma({ box, text, bars }, posterior2, sigma) {
  box.hidden = !posterior2;
  if (!posterior2) return;
  if (!posterior2.sigma) {
    text.textContent = t("noise.enc.ae");
    bars.replaceChildren();
    return;
  }
  const s2 = Array.from(posterior2.sigma);
  const mean = s2.reduce((a2, b) => a2 + b, 0) / s2.length;
  const lo = s2.indexOf(Math.min(...s2));
  const hi = s2.indexOf(Math.max(...s2));
  text.dataset.meanSigma = String(mean);
  text.textContent = t("noise.enc.summary", {
    mean: fixed(mean, 2),
    lo: fixed(s2[lo], 2),
    loDim: count(lo + 1),
    hi: fixed(s2[hi], 2),
    hiDim: count(hi + 1),
    two: fixed(2 * mean, 2),
    verdict: verdict(sigma, mean)
  });
  drawBars(bars, s2, sigma);
}

// static/js/noise/latent-plane.js
function grid() {
  const lines = [];
  for (let v2 = -Z_RANGE; v2 <= Z_RANGE; v2 += 1) {
    const cls = v2 === 0 ? "noise-plane-axis" : "noise-plane-grid";
    lines.push(svgEl("line", { class: cls, x1: v2, x2: v2, y1: -Z_RANGE, y2: Z_RANGE }));
    lines.push(svgEl("line", { class: cls, y1: v2, y2: v2, x1: -Z_RANGE, x2: Z_RANGE }));
  }
  return lines;
}
function drawLatentPlane(plane, figure, { z, codes, sigma, posterior: posterior2 }) {
  const two = z.length === 2;
  figure.hidden = !two;
  if (!two) return;
  const g = svgEl("g", { transform: "scale(1,-1)" }, grid());
  if (posterior2 && posterior2.sigma) {
    g.append(svgEl("ellipse", {
      class: "noise-plane-encoder",
      cx: posterior2.mu[0],
      cy: posterior2.mu[1],
      rx: 2 * posterior2.sigma[0],
      ry: 2 * posterior2.sigma[1]
    }));
  }
  if (sigma > 0) g.append(svgEl("circle", { class: "noise-plane-window", cx: z[0], cy: z[1], r: 2 * sigma }));
  for (let i2 = 0; i2 < codes.length / 2; i2 += 1) {
    g.append(svgEl("circle", { class: "noise-plane-sample", cx: codes[2 * i2], cy: codes[2 * i2 + 1], r: 0.09 }));
  }
  g.append(svgEl("circle", { class: "noise-plane-z", cx: z[0], cy: z[1], r: 0.13 }));
  plane.replaceChildren(
    g,
    svgEl("text", { class: "noise-plane-label", x: Z_RANGE - 0.05, y: -0.12, "text-anchor": "end" }, "z1"),
    svgEl("text", { class: "noise-plane-label", x: 0.12, y: -Z_RANGE + 0.35 }, "z2")
  );
}

// static/js/noise/samples.js
var GRID2 = 4;
var SAMPLES = GRID2 * GRID2;
function pixelSpread(values, n2 = SAMPLES) {
  let total = 0;
  for (let j = 0; j < PIXELS; j += 1) {
    let mean = 0;
    for (let i2 = 0; i2 < n2; i2 += 1) mean += values[i2 * PIXELS + j];
    mean /= n2;
    let v2 = 0;
    for (let i2 = 0; i2 < n2; i2 += 1) v2 += (values[i2 * PIXELS + j] - mean) ** 2;
    total += Math.sqrt(v2 / n2);
  }
  return total / PIXELS;
}
function noisyCodes(z, sigma, eps) {
  const dim = z.length;
  const out = new Float32Array(SAMPLES * dim);
  for (let i2 = 0; i2 < SAMPLES * dim; i2 += 1) out[i2] = z[i2 % dim] + sigma * eps[i2];
  return out;
}
async function decodeGrid(model, codes, canvas) {
  const values = await model.decodeValues(codes);
  paintTiles(canvas, values, GRID2);
  return values;
}
function createNoiseSamples(root, state2, { sigma = 0.5, seed = 1, onSigma = () => {
}, onError = console.warn } = {}) {
  const n2 = byIds(root, {
    canvas: "noise-grid",
    sigmaInput: "noise-model-sigma",
    spreadText: "noise-spread",
    box: "noise-encoder",
    text: "noise-encoder-text",
    bars: "noise-encoder-bars",
    plane: "noise-plane",
    planeFigure: "noise-plane-figure",
    sigmaOut: "noise-model-sigma-out",
    resample: "noise-resample"
  });
  const { canvas, sigmaInput, spreadText } = n2;
  const encoderNodes = { box: n2.box, text: n2.text, bars: n2.bars };
  const stats = createProbe("noiseSamples", { draws: 0 });
  let rng = mulberry32(seed);
  let eps = new Float32Array(0);
  let current2 = sigma;
  const drawEps = () => {
    eps = Float32Array.from({ length: SAMPLES * (state2.model ? state2.model.latentDim : 0) }, () => gaussian(rng));
  };
  async function render() {
    if (!state2.model) return;
    if (eps.length !== SAMPLES * state2.model.latentDim) drawEps();
    const z = Float32Array.from(state2.z);
    const codes = noisyCodes(z, current2, eps);
    const sigmaNow = current2;
    drawLatentPlane(
      n2.plane,
      n2.planeFigure,
      { z, codes, sigma: sigmaNow, posterior: state2.posterior }
    );
    const values = await decodeGrid(state2.model, codes, canvas);
    const spread = pixelSpread(values);
    spreadText.dataset.spread = String(spread);
    setText(spreadText, "noise.spread", { v: fixed(spread, 3) });
    if (stats) Object.assign(stats, {
      draws: stats.draws + 1,
      sigma: sigmaNow,
      z: Array.from(z),
      codes: Array.from(codes),
      values: Array.from(values),
      spread
    });
  }
  const drawing = onScreenOnly(createFrameScheduler(render, onError), canvas);
  const describe = () => describeEncoderSigma(encoderNodes, state2.posterior, current2);
  function setSigma(v2, from = null) {
    const changed = v2 !== current2;
    current2 = v2;
    if (from !== sigmaInput) sigmaInput.value = String(v2);
    n2.sigmaOut.textContent = fixed(v2, 2);
    if (changed) {
      describe();
      drawing.request();
    }
  }
  function resample() {
    drawEps();
    drawing.request();
  }
  sigmaInput.addEventListener("input", () => onSigma(Number(sigmaInput.value), sigmaInput));
  n2.resample.addEventListener("click", resample);
  state2.subscribe((what) => {
    if (what === "model") drawEps();
    if (what === "model" || what === "posterior" || what === "lang") describe();
    drawing.request();
  });
  describe();
  drawing.request();
  return {
    stats,
    setSigma,
    resample,
    /** Restart the ε draws from a seed (the lesson's seed control). */
    reseed(newSeed) {
      rng = mulberry32((newSeed ^ 24301) >>> 0);
      drawEps();
      drawing.request();
    },
    /** Resolves once the grid shows the current z and σ (drawing it now if it was off screen). */
    idle: drawing.idle
  };
}

// static/js/noise/sending.js
var FLIGHT_MS = 650;
var PAUSE_MS = { animated: 350, instant: 60 };
function sendOnce(lesson) {
  const sent = lesson.objects.find((o2) => o2.id === lesson.sentId);
  const xs = lesson.objects.map((o2) => o2.x);
  const received = transmit(sent.x, lesson.sigma, () => gaussian(lesson.rng));
  const p = posterior(xs, received, lesson.sigma);
  const guess = lesson.objects[mapDecision(xs, received)];
  lesson.tally.sends += 1;
  if (guess.id === sent.id) lesson.tally.right += 1;
  return {
    sentId: sent.id,
    sent: sent.name,
    from: sent.x,
    received,
    sigma: lesson.sigma,
    posterior: lesson.objects.map((o2, i2) => ({ id: o2.id, name: o2.name, x: o2.x, p: p[i2] })),
    guessId: guess.id,
    guess: guess.name,
    right: guess.id === sent.id
  };
}
function createSender(lesson, { line, animate, render, onAuto }) {
  let nextAutoAt = 0;
  const frames = createFrameScheduler(frame);
  function frame() {
    const now = performance.now();
    const a2 = lesson.animating;
    if (a2) {
      const t3 = Math.min(1, (now - a2.start) / FLIGHT_MS);
      drawPacket(line, a2.record.from + (a2.record.received - a2.record.from) * t3, t3);
      if (t3 < 1) {
        frames.request();
        return;
      }
      finish();
    }
    if (!lesson.auto) return;
    if (!lesson.animating && now >= nextAutoAt) send();
    frames.request();
  }
  function finish() {
    const a2 = lesson.animating;
    if (!a2) return;
    lesson.animating = null;
    lesson.last = a2.record;
    nextAutoAt = performance.now() + PAUSE_MS.animated;
    render();
  }
  function send({ animated = animate } = {}) {
    finish();
    const record2 = sendOnce(lesson);
    if (animated) {
      lesson.animating = { record: record2, start: performance.now() };
      lesson.last = null;
      frames.request();
    } else {
      lesson.last = record2;
      nextAutoAt = performance.now() + PAUSE_MS.instant;
    }
    render();
    return animated ? frames.idle().then(() => record2) : Promise.resolve(record2);
  }
  function sendMany(n2 = 1e3) {
    stopAuto();
    finish();
    let record2 = null;
    for (let k = 0; k < n2; k += 1) record2 = sendOnce(lesson);
    lesson.last = record2;
    render();
    return record2;
  }
  function setAuto(on) {
    lesson.auto = on;
    onAuto(on);
    if (on) {
      nextAutoAt = 0;
      frames.request();
    }
  }
  function stopAuto() {
    if (lesson.auto) setAuto(false);
  }
  return { send, sendMany, setAuto, stopAuto, finish, idle: frames.idle };
}

// static/js/noise/lesson.js
var SIGMA_MAX = 2;
var DEFAULT_SEED = 543;
var DEFAULT_OBJECTS = [
  { label: msg("noise.obj.cat"), x: 1.2 },
  { label: msg("noise.obj.dog"), x: 2.9 },
  { label: msg("noise.obj.apple"), x: 5.43 },
  { label: msg("noise.obj.banana"), x: 5.44 },
  { label: msg("noise.obj.elephant"), x: 7.6 },
  { label: msg("noise.obj.kiwi"), x: 9.3 }
];
var MANY = 1e3;
function nameObjects(objects) {
  for (const o2 of objects) if (o2.label) o2.name = t(o2.label.key, o2.label.params);
}
var IDS3 = {
  line: "noise-line",
  select: "noise-object",
  sigma: "noise-sigma",
  sigmaOut: "noise-sigma-out",
  send: "noise-send",
  auto: "noise-auto",
  many: "noise-send-many",
  received: "noise-received",
  posterior: "noise-posterior",
  tally: "noise-tally",
  expected: "noise-expected",
  distinct: "noise-distinct",
  effective: "noise-effective",
  editor: "noise-objects",
  addButton: "noise-add",
  seed: "noise-seed",
  restart: "noise-restart"
};
var NoiseLesson = class {
  constructor(root, state2, animate) {
    const n2 = byIds(root, IDS3);
    this.nodes = n2;
    this.lesson = {
      objects: DEFAULT_OBJECTS.map((o2, i2) => ({ id: i2 + 1, name: "", ...o2 })),
      sentId: 3,
      sigma: Number(n2.sigma.value),
      seed: DEFAULT_SEED,
      rng: null,
      tally: { sends: 0, right: 0 },
      last: null,
      animating: null,
      auto: false
    };
    this.sender = createSender(this.lesson, {
      line: n2.line,
      animate,
      render: () => this.render(),
      onAuto: (on) => {
        n2.auto.setAttribute("aria-pressed", String(on));
        setText(n2.auto, on ? "noise.stop" : "noise.keepSending");
      }
    });
    this.editor = createObjectEditor(n2, this.lesson, (rebuild) => this.objectsChanged(rebuild));
    this.samples = createNoiseSamples(root, state2, {
      sigma: this.lesson.sigma,
      seed: this.lesson.seed,
      onSigma: (v2, from) => this.setSigma(v2, from)
    });
    this.wire();
    nameObjects(this.lesson.objects);
    setText(n2.many, "noise.sendMany", { n: count(MANY) });
    state2.subscribe((what) => {
      if (what === "lang") this.languageChanged();
    });
    n2.seed.value = String(this.lesson.seed);
    this.restart();
    this.editor.build();
    this.editor.fillSelect();
    this.setSigma(this.lesson.sigma);
    this.renderChannel();
    this.render();
  }
  wire() {
    const { nodes: n2, lesson, sender } = this;
    n2.select.addEventListener("change", () => {
      lesson.sentId = Number(n2.select.value);
      this.render();
    });
    n2.sigma.addEventListener("input", () => this.setSigma(n2.sigma.value, n2.sigma));
    n2.send.addEventListener("click", () => {
      sender.stopAuto();
      sender.send();
    });
    n2.auto.addEventListener("click", () => sender.setAuto(!lesson.auto));
    n2.many.addEventListener("click", () => sender.sendMany(MANY));
    n2.seed.addEventListener("change", () => this.setSeed(n2.seed.value));
    n2.restart.addEventListener("click", () => this.setSeed(n2.seed.value));
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
    const nameOf = (id) => (lesson.objects.find((o2) => o2.id === id) || {}).name;
    for (const record2 of [lesson.last, lesson.animating && lesson.animating.record].filter(Boolean)) {
      record2.sent = nameOf(record2.sentId);
      record2.guess = nameOf(record2.guessId);
      record2.posterior.forEach((e2) => {
        e2.name = nameOf(e2.id);
      });
    }
    setText(this.nodes.many, "noise.sendMany", { n: count(MANY) });
    this.editor.build();
    this.editor.fillSelect();
    this.renderChannel();
    this.render();
  }
  renderChannel() {
    renderChannel(this.nodes, this.lesson.objects.map((o2) => o2.x), this.lesson.sigma);
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
    if (!lesson.objects.some((o2) => o2.id === lesson.sentId)) lesson.sentId = lesson.objects[0].id;
    if (rebuild) this.editor.build();
    this.sender.stopAuto();
    this.clearCount();
    this.editor.fillSelect();
    this.renderChannel();
    this.render();
  }
  setSigma(value, from = null) {
    const v2 = Math.max(0, Math.min(SIGMA_MAX, Math.round(Number(value) * 100) / 100));
    if (!Number.isFinite(v2)) return;
    const changed = v2 !== this.lesson.sigma;
    if (changed) this.sender.finish();
    this.lesson.sigma = v2;
    if (from !== this.nodes.sigma) this.nodes.sigma.value = String(v2);
    this.nodes.sigmaOut.textContent = fixed(v2, 2);
    this.samples.setSigma(v2, from);
    if (changed) {
      this.clearCount();
      this.renderChannel();
      this.render();
    }
  }
  setSeed(value) {
    const v2 = Math.trunc(Number(value));
    this.lesson.seed = Number.isFinite(v2) ? v2 >>> 0 : DEFAULT_SEED;
    this.nodes.seed.value = String(this.lesson.seed);
    this.sender.stopAuto();
    this.sender.finish();
    this.restart();
    this.render();
  }
  choose(index) {
    const o2 = this.lesson.objects[index];
    if (!o2) return;
    this.lesson.sentId = o2.id;
    this.nodes.select.value = String(o2.id);
    this.render();
  }
  send(options) {
    return this.sender.send(options);
  }
  sendMany(n2 = MANY) {
    return this.sender.sendMany(n2);
  }
  setAuto(on) {
    this.sender.setAuto(on);
  }
  addObject(name = null, x = null) {
    return this.editor.add(name, x);
  }
  removeObject(id) {
    this.editor.remove(id);
  }
  /** Resolves when no send is in flight (and "keep sending" is off). */
  idle() {
    return this.sender.idle();
  }
  /** Keyboard shortcuts for projector mode (the projector shows and runs them; labels are messages). */
  get shortcuts() {
    const nudge2 = (d) => this.setSigma(this.lesson.sigma + d);
    return [
      { keys: ["s"], label: msg("noise.key.send"), run: () => {
        this.sender.stopAuto();
        this.send();
      } },
      { keys: ["a"], label: msg("noise.key.auto"), run: () => this.setAuto(!this.lesson.auto) },
      { keys: ["k"], label: msg("noise.key.many", { n: count(MANY) }), run: () => this.sendMany(MANY) },
      {
        keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
        label: msg("noise.key.choose"),
        display: "1 – 9",
        run: (key) => this.choose(Number(key) - 1)
      },
      { keys: ["+", "="], label: msg("noise.key.more"), display: "+", run: () => nudge2(0.1) },
      { keys: ["-", "_"], label: msg("noise.key.less"), display: "−", run: () => nudge2(-0.1) },
      { keys: ["0"], label: msg("noise.key.zero"), run: () => this.setSigma(0) },
      { keys: ["e"], label: msg("noise.key.resample"), run: () => this.samples.resample() }
    ];
  }
};
var reducedMotion = () => matchMedia("(prefers-reduced-motion: reduce)").matches;
function mount6({ root, state: state2, animate = !reducedMotion() }) {
  const lesson = new NoiseLesson(root, state2, animate);
  state2.addShortcuts(lesson.shortcuts);
  return lesson;
}

// static/js/offline/offline.js
var offline_exports = {};
__export(offline_exports, {
  mount: () => mount7,
  wanted: () => wanted
});

// node_modules/workbox-window/build/workbox-window.prod.es5.mjs
try {
  self["workbox:window:7.4.0"] && _();
} catch (n2) {
}
function n(n2, t3) {
  return new Promise((function(r2) {
    var e2 = new MessageChannel();
    e2.port1.onmessage = function(n3) {
      r2(n3.data);
    }, n2.postMessage(t3, [e2.port2]);
  }));
}
function t2(n2, t3) {
  (null == t3 || t3 > n2.length) && (t3 = n2.length);
  for (var r2 = 0, e2 = Array(t3); r2 < t3; r2++) e2[r2] = n2[r2];
  return e2;
}
function r(n2, t3, r2) {
  return t3 && (function(n3, t4) {
    for (var r3 = 0; r3 < t4.length; r3++) {
      var e2 = t4[r3];
      e2.enumerable = e2.enumerable || false, e2.configurable = true, "value" in e2 && (e2.writable = true), Object.defineProperty(n3, o(e2.key), e2);
    }
  })(n2.prototype, t3), Object.defineProperty(n2, "prototype", { writable: false }), n2;
}
function e(n2, r2) {
  var e2 = "undefined" != typeof Symbol && n2[Symbol.iterator] || n2["@@iterator"];
  if (e2) return (e2 = e2.call(n2)).next.bind(e2);
  if (Array.isArray(n2) || (e2 = (function(n3, r3) {
    if (n3) {
      if ("string" == typeof n3) return t2(n3, r3);
      var e3 = {}.toString.call(n3).slice(8, -1);
      return "Object" === e3 && n3.constructor && (e3 = n3.constructor.name), "Map" === e3 || "Set" === e3 ? Array.from(n3) : "Arguments" === e3 || /^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(e3) ? t2(n3, r3) : void 0;
    }
  })(n2)) || r2) {
    e2 && (n2 = e2);
    var i2 = 0;
    return function() {
      return i2 >= n2.length ? { done: true } : { done: false, value: n2[i2++] };
    };
  }
  throw new TypeError("Invalid attempt to iterate non-iterable instance.\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.");
}
function i(n2, t3) {
  return i = Object.setPrototypeOf ? Object.setPrototypeOf.bind() : function(n3, t4) {
    return n3.__proto__ = t4, n3;
  }, i(n2, t3);
}
function o(n2) {
  var t3 = (function(n3, t4) {
    if ("object" != typeof n3 || !n3) return n3;
    var r2 = n3[Symbol.toPrimitive];
    if (void 0 !== r2) {
      var e2 = r2.call(n3, t4);
      if ("object" != typeof e2) return e2;
      throw new TypeError("@@toPrimitive must return a primitive value.");
    }
    return String(n3);
  })(n2, "string");
  return "symbol" == typeof t3 ? t3 : t3 + "";
}
try {
  self["workbox:core:7.4.0"] && _();
} catch (n2) {
}
var u = function() {
  var n2 = this;
  this.promise = new Promise((function(t3, r2) {
    n2.resolve = t3, n2.reject = r2;
  }));
};
function a(n2, t3) {
  var r2 = location.href;
  return new URL(n2, r2).href === new URL(t3, r2).href;
}
var c = function(n2, t3) {
  this.type = n2, Object.assign(this, t3);
};
function f(n2, t3, r2) {
  return n2 && n2.then || (n2 = Promise.resolve(n2)), t3 ? n2.then(t3) : n2;
}
function s() {
}
var v = { type: "SKIP_WAITING" };
function h(n2, t3) {
  return n2 && n2.then ? n2.then(s) : Promise.resolve();
}
var l = (function(t3) {
  function e2(n2, r2) {
    var e3, i2;
    return void 0 === r2 && (r2 = {}), (e3 = t3.call(this) || this).nn = {}, e3.tn = 0, e3.rn = new u(), e3.en = new u(), e3.on = new u(), e3.un = 0, e3.an = /* @__PURE__ */ new Set(), e3.cn = function() {
      var n3 = e3.fn, t4 = n3.installing;
      e3.tn > 0 || !a(t4.scriptURL, e3.sn.toString()) || performance.now() > e3.un + 6e4 ? (e3.vn = t4, n3.removeEventListener("updatefound", e3.cn)) : (e3.hn = t4, e3.an.add(t4), e3.rn.resolve(t4)), ++e3.tn, t4.addEventListener("statechange", e3.ln);
    }, e3.ln = function(n3) {
      var t4 = e3.fn, r3 = n3.target, i3 = r3.state, o3 = r3 === e3.vn, u2 = { sw: r3, isExternal: o3, originalEvent: n3 };
      !o3 && e3.mn && (u2.isUpdate = true), e3.dispatchEvent(new c(i3, u2)), "installed" === i3 ? e3.wn = self.setTimeout((function() {
        "installed" === i3 && t4.waiting === r3 && e3.dispatchEvent(new c("waiting", u2));
      }), 200) : "activating" === i3 && (clearTimeout(e3.wn), o3 || e3.en.resolve(r3));
    }, e3.yn = function(n3) {
      var t4 = e3.hn, r3 = t4 !== navigator.serviceWorker.controller;
      e3.dispatchEvent(new c("controlling", { isExternal: r3, originalEvent: n3, sw: t4, isUpdate: e3.mn })), r3 || e3.on.resolve(t4);
    }, e3.gn = (i2 = function(n3) {
      var t4 = n3.data, r3 = n3.ports, i3 = n3.source;
      return f(e3.getSW(), (function() {
        e3.an.has(i3) && e3.dispatchEvent(new c("message", { data: t4, originalEvent: n3, ports: r3, sw: i3 }));
      }));
    }, function() {
      for (var n3 = [], t4 = 0; t4 < arguments.length; t4++) n3[t4] = arguments[t4];
      try {
        return Promise.resolve(i2.apply(this, n3));
      } catch (n4) {
        return Promise.reject(n4);
      }
    }), e3.sn = n2, e3.nn = r2, navigator.serviceWorker.addEventListener("message", e3.gn), e3;
  }
  var o2, s2;
  s2 = t3, (o2 = e2).prototype = Object.create(s2.prototype), o2.prototype.constructor = o2, i(o2, s2);
  var l2 = e2.prototype;
  return l2.register = function(n2) {
    var t4 = (void 0 === n2 ? {} : n2).immediate, r2 = void 0 !== t4 && t4;
    try {
      var e3 = this;
      return f((function(n3, t5) {
        var r3 = n3();
        if (r3 && r3.then) return r3.then(t5);
        return t5(r3);
      })((function() {
        if (!r2 && "complete" !== document.readyState) return h(new Promise((function(n3) {
          return window.addEventListener("load", n3);
        })));
      }), (function() {
        return e3.mn = Boolean(navigator.serviceWorker.controller), e3.dn = e3.pn(), f(e3.bn(), (function(n3) {
          e3.fn = n3, e3.dn && (e3.hn = e3.dn, e3.en.resolve(e3.dn), e3.on.resolve(e3.dn), e3.dn.addEventListener("statechange", e3.ln, { once: true }));
          var t5 = e3.fn.waiting;
          return t5 && a(t5.scriptURL, e3.sn.toString()) && (e3.hn = t5, Promise.resolve().then((function() {
            e3.dispatchEvent(new c("waiting", { sw: t5, wasWaitingBeforeRegister: true }));
          })).then((function() {
          }))), e3.hn && (e3.rn.resolve(e3.hn), e3.an.add(e3.hn)), e3.fn.addEventListener("updatefound", e3.cn), navigator.serviceWorker.addEventListener("controllerchange", e3.yn), e3.fn;
        }));
      })));
    } catch (n3) {
      return Promise.reject(n3);
    }
  }, l2.update = function() {
    try {
      return this.fn ? f(h(this.fn.update())) : f();
    } catch (n2) {
      return Promise.reject(n2);
    }
  }, l2.getSW = function() {
    return void 0 !== this.hn ? Promise.resolve(this.hn) : this.rn.promise;
  }, l2.messageSW = function(t4) {
    try {
      return f(this.getSW(), (function(r2) {
        return n(r2, t4);
      }));
    } catch (n2) {
      return Promise.reject(n2);
    }
  }, l2.messageSkipWaiting = function() {
    this.fn && this.fn.waiting && n(this.fn.waiting, v);
  }, l2.pn = function() {
    var n2 = navigator.serviceWorker.controller;
    return n2 && a(n2.scriptURL, this.sn.toString()) ? n2 : void 0;
  }, l2.bn = function() {
    try {
      var n2 = this;
      return f((function(n3, t4) {
        try {
          var r2 = n3();
        } catch (n4) {
          return t4(n4);
        }
        if (r2 && r2.then) return r2.then(void 0, t4);
        return r2;
      })((function() {
        return f(navigator.serviceWorker.register(n2.sn, n2.nn), (function(t4) {
          return n2.un = performance.now(), t4;
        }));
      }), (function(n3) {
        throw n3;
      })));
    } catch (n3) {
      return Promise.reject(n3);
    }
  }, r(e2, [{ key: "active", get: function() {
    return this.en.promise;
  } }, { key: "controlling", get: function() {
    return this.on.promise;
  } }]);
})((function() {
  function n2() {
    this.Pn = /* @__PURE__ */ new Map();
  }
  var t3 = n2.prototype;
  return t3.addEventListener = function(n3, t4) {
    this.jn(n3).add(t4);
  }, t3.removeEventListener = function(n3, t4) {
    this.jn(n3).delete(t4);
  }, t3.dispatchEvent = function(n3) {
    n3.target = this;
    for (var t4, r2 = e(this.jn(n3.type)); !(t4 = r2()).done; ) {
      (0, t4.value)(n3);
    }
  }, t3.jn = function(n3) {
    return this.Pn.has(n3) || this.Pn.set(n3, /* @__PURE__ */ new Set()), this.Pn.get(n3);
  }, n2;
})());

// static/js/offline/offline.js
var MODELS_CACHE = "vae-models";
var ASSETS_CACHE = "vae-assets";
function wanted(search = window.location.search) {
  return "serviceWorker" in navigator && window.isSecureContext && new URLSearchParams(search).get("sw") !== "off";
}
function fetchedSoFar() {
  const folder = new URL("./", document.baseURI).href;
  const urls2 = performance.getEntriesByType("resource").map((e2) => e2.name).filter((u2) => u2.startsWith(folder));
  return [window.location.href, ...new Set(urls2)];
}
async function prune() {
  const body = document.body.dataset;
  const models = new URL(body.modelsUrl, document.baseURI).href;
  const named = new Set(Object.values(JSON.parse(body.assetUrls || "{}")).map((u2) => new URL(u2, document.baseURI).href));
  const keep = { [MODELS_CACHE]: (url) => url.startsWith(models), [ASSETS_CACHE]: (url) => named.has(url) };
  for (const [name, kept] of Object.entries(keep)) {
    if (!await caches.has(name)) continue;
    const cache = await caches.open(name);
    const stale = (await cache.keys()).filter((request) => !kept(request.url));
    await Promise.all(stale.map((request) => cache.delete(request)));
  }
}
var controlled = () => navigator.serviceWorker.controller ? Promise.resolve() : new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
function mount7({ root }) {
  const handle = { ready: Promise.resolve("off"), waiting: false, idle: () => handle.ready };
  const reload = el("button", { type: "button", id: "update-reload", i18n: "offline.reload" });
  const notice = el(
    "div",
    { id: "update", class: "update", role: "status", hidden: true },
    el("span", { i18n: "offline.updateReady" }),
    reload
  );
  root.append(notice);
  if (!wanted()) return handle;
  const wb = new l(new URL("sw.js", document.baseURI).href);
  wb.addEventListener("waiting", () => {
    handle.waiting = true;
    notice.hidden = false;
  });
  reload.addEventListener("click", () => {
    reload.disabled = true;
    navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
    wb.messageSkipWaiting();
  });
  const first = !navigator.serviceWorker.controller;
  handle.ready = wb.register({ immediate: true }).then(async () => {
    await controlled();
    if (first) await wb.messageSW({ type: "CACHE_URLS", payload: { urlsToCache: fetchedSoFar() } });
    await prune();
    return "controlled";
  }).catch((e2) => {
    console.warn("the service worker did not register:", e2);
    return "off";
  });
  return handle;
}

// static/js/projector/projector.js
var projector_exports = {};
__export(projector_exports, {
  mount: () => mount8
});

// static/js/projector/controls.js
function buildNav() {
  const button = (className, key, attrs = {}) => el("button", { type: "button", class: className, i18n: key, ...attrs });
  const parts = {
    prev: button("projector-prev", "projector.back", { "aria-keyshortcuts": "PageUp" }),
    next: button("projector-next", "projector.next", { "aria-keyshortcuts": "PageDown" }),
    where: el("span", { class: "projector-where", "aria-live": "polite" }),
    readout: el("output", { class: "projector-readout mono", "aria-live": "polite" }),
    help: button(
      "projector-help-button",
      "projector.keys",
      { "aria-keyshortcuts": "?", i18nAttrs: { "aria-label": "projector.shortcuts" } }
    ),
    exit: button("projector-exit", "projector.exit", { "aria-keyshortcuts": "p" })
  };
  parts.nav = el(
    "nav",
    { class: "projector-nav", i18nAttrs: { "aria-label": "projector.pages" }, hidden: true },
    parts.prev,
    parts.where,
    parts.next,
    parts.readout,
    parts.help,
    parts.exit
  );
  return parts;
}
var keycap = (k) => el("kbd", typeof k === "string" ? { text: k } : { i18n: k });
function buildShortcutsDialog(rows) {
  const keys = (list) => list.flatMap((k, i2) => i2 ? [el("span", { i18n: "projector.or" }), keycap(k)] : [keycap(k)]);
  const entries = rows.map(([list, label]) => [el("dt", {}, keys(list)), el("dd", { i18n: label })]);
  const dialog = el(
    "dialog",
    { class: "projector-dialog", id: "shortcuts-dialog", "aria-labelledby": "shortcuts-title" },
    el("h2", { id: "shortcuts-title", i18n: "projector.shortcuts" }),
    el("dl", { class: "projector-keys" }, entries),
    el("p", { class: "projector-keys-note", i18n: "projector.keysNote" }),
    el("button", { type: "button", onclick: () => dialog.close(), i18n: "projector.close" })
  );
  return dialog;
}
function showWhere(ui, page, i2, count2) {
  const title = page.panel.querySelector("h2");
  ui.where.textContent = `${count(i2 + 1)} / ${count(count2)}`;
  ui.where.title = [title ? title.textContent.trim() : "", page.sub ? page.sub.dataset.projectorPage : ""].filter(Boolean).join(": ");
  ui.prev.disabled = i2 === 0;
  ui.next.disabled = i2 === count2 - 1;
}

// static/js/projector/fit.js
function fitPanel(panel2) {
  panel2.style.transform = "";
  const main2 = panel2.parentElement;
  const cs = getComputedStyle(main2);
  const box = main2.getBoundingClientRect();
  const availH = box.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
  const availW = box.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const own = panel2.getBoundingClientRect();
  const width = panel2.scrollWidth - own.width >= 1 ? panel2.scrollWidth : own.width;
  const scale2 = Math.floor(Math.min(1, (availH + 0.25) / own.height, (availW + 0.25) / width) * 1e4) / 1e4;
  panel2.dataset.projectorScale = String(scale2);
  if (scale2 < 1) {
    panel2.style.transformOrigin = "top left";
    panel2.style.transform = `translateX(${Math.max(0, (availW - width * scale2) / 2).toFixed(1)}px) scale(${scale2})`;
  }
}
function createFitter(current2) {
  let watching = false;
  const fit = () => {
    const page = current2();
    if (watching && page) fitPanel(page.panel);
  };
  const scheduler = createFrameScheduler(async () => fit());
  const queue = scheduler.request;
  const resizes = new ResizeObserver(queue);
  const mutations = new MutationObserver(queue);
  window.addEventListener("resize", queue);
  return {
    fit,
    idle: scheduler.idle,
    watch() {
      watching = true;
      const main2 = document.querySelector("main");
      resizes.observe(main2);
      for (const p of main2.querySelectorAll(":scope > section.panel")) resizes.observe(p);
      mutations.observe(
        main2,
        { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "open"] }
      );
    },
    unwatch() {
      watching = false;
      resizes.disconnect();
      mutations.disconnect();
    }
  };
}

// static/js/projector/keys.js
var STEP = 0.1;
var BIG_STEP = 0.5;
var TYPING_TYPES = /* @__PURE__ */ new Set(["text", "search", "number", "email", "url", "tel", "password", "date", "time"]);
function isTyping(el2) {
  if (!el2 || el2 === document.body) return false;
  if (el2.isContentEditable) return true;
  if (el2 instanceof HTMLTextAreaElement || el2 instanceof HTMLSelectElement) return true;
  return el2 instanceof HTMLInputElement && (TYPING_TYPES.has(el2.type) || el2.type === "");
}
function ownsArrows(target) {
  const range = target instanceof HTMLInputElement && target.type === "range";
  const radio = target instanceof HTMLInputElement && target.type === "radio";
  return range && !target.closest("#sliders") || radio;
}
function shortcutRows(shortcuts) {
  return [
    [["P"], "projector.key.toggle"],
    [["?"], "projector.key.help"],
    [[msg("keys.pageDown"), "."], "projector.key.next"],
    [[msg("keys.pageUp"), ","], "projector.key.previous"],
    [["↑", "↓"], "projector.key.pick"],
    [["←", "→"], msg("projector.key.change", { step: STEP, big: BIG_STEP })],
    [["R"], "projector.key.random"],
    ...shortcuts.map((s2) => [[s2.display || s2.keys[0].toUpperCase()], s2.label]),
    [[msg("keys.esc")], "projector.key.exit"]
  ];
}
function actionFor(e2, on, actions, featureKeys) {
  if (e2.defaultPrevented || e2.ctrlKey || e2.metaKey || e2.altKey || isTyping(e2.target)) return null;
  const { key } = e2;
  if (key === "p" || key === "P") return actions.toggle;
  if (key === "?") return actions.help;
  if (!on) return null;
  const owned = ownsArrows(e2.target);
  const by = e2.shiftKey ? BIG_STEP : STEP;
  const table = {
    Escape: actions.exit,
    ".": () => actions.step(1),
    ",": () => actions.step(-1),
    r: actions.random,
    R: actions.random,
    ...owned ? {} : {
      PageDown: () => actions.step(1),
      PageUp: () => actions.step(-1),
      ArrowUp: () => actions.pickDim(-1),
      ArrowDown: () => actions.pickDim(1),
      ArrowLeft: () => actions.moveDim(-by),
      ArrowRight: () => actions.moveDim(by)
    }
  };
  if (table[key]) return table[key];
  if (featureKeys.has(key)) return () => featureKeys.get(key).run(key);
  return null;
}
function zActions(state2, readout) {
  const showDim = (i2) => {
    readout.textContent = `z${i2 + 1} = ${signed(state2.z[i2])}`;
  };
  return {
    pickDim(delta) {
      if (!state2.model) return;
      state2.selectDim(state2.selectedDim + delta, "keyboard");
      showDim(state2.selectedDim);
    },
    moveDim(delta) {
      if (!state2.model) return;
      const i2 = state2.selectedDim;
      state2.setDim(i2, clampZ(Math.round((state2.z[i2] + delta) * 100) / 100), "keyboard");
      showDim(i2);
    }
  };
}
function bindKeys(actions, shortcuts, isOn, listening) {
  document.addEventListener("keydown", (e2) => {
    const featureKeys = new Map(shortcuts().flatMap((s2) => s2.keys.map((k) => [k, s2])));
    const action = listening() ? actionFor(e2, isOn(), actions, featureKeys) : null;
    if (!action) return;
    action();
    e2.preventDefault();
  });
}

// static/js/projector/pages.js
var TITLE = /^H[12]$/;
var HEADING = /^H[3-6]$/;
var isTitle = (node) => TITLE.test(node.tagName);
function listPages(split) {
  return [...document.querySelectorAll("main > section.panel")].filter((p) => !p.hidden).flatMap((panel2) => {
    const subs = [...panel2.querySelectorAll("[data-projector-page]")].filter((s2) => !s2.hidden);
    if (subs.length) return subs.map((sub) => ({ panel: panel2, sub, chunk: null }));
    const chunks = split ? autoChunks(panel2) : [];
    if (chunks.length < 2) return [{ panel: panel2, sub: null, chunk: null }];
    return chunks.map((els, chunk) => ({ panel: panel2, sub: null, chunk, els }));
  });
}
function indexOf(list, page) {
  if (!page) return -1;
  const exact = list.findIndex((p) => p.panel === page.panel && p.sub === page.sub && p.chunk === page.chunk);
  return exact !== -1 ? exact : list.findIndex((p) => p.panel === page.panel && p.sub === page.sub);
}
function describePage(list, page) {
  return {
    index: indexOf(list, page),
    count: list.length,
    panelId: page ? page.panel.id : null,
    page: page && page.sub ? page.sub.dataset.projectorPage : null,
    part: page ? page.chunk : null
  };
}
function outerHeight(el2) {
  if (!el2.getClientRects().length) return 0;
  const cs = getComputedStyle(el2);
  return el2.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
}
function units(kids) {
  const out = [];
  for (let k = 0; k < kids.length; k += 1) {
    if (HEADING.test(kids[k].tagName) && k + 1 < kids.length) {
      out.push([kids[k], kids[k + 1]]);
      k += 1;
    } else out.push([kids[k]]);
  }
  return out;
}
function pack(groups, avail) {
  const chunks = [];
  let chunk = [];
  let used = 0;
  for (const unit of groups) {
    const h2 = unit.reduce((sum, el2) => sum + outerHeight(el2), 0);
    if (used > 0 && h2 > 0 && used + h2 > avail) {
      chunks.push(chunk);
      chunk = [];
      used = 0;
    }
    chunk.push(...unit);
    used += h2;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}
function autoChunks(panel2) {
  const main2 = panel2.parentElement;
  const wasCurrent = panel2.classList.contains("projector-current");
  const transform = panel2.style.transform;
  const off = [...panel2.querySelectorAll(":scope > .projector-off")];
  off.forEach((el2) => el2.classList.remove("projector-off"));
  panel2.classList.add("projector-current");
  panel2.style.transform = "";
  const kids = [...panel2.children];
  const title = kids.find(isTitle);
  const cs = getComputedStyle(main2);
  const avail = main2.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) - (title ? outerHeight(title) : 0);
  const chunks = pack(units(kids.filter((el2) => el2 !== title)), avail);
  if (!wasCurrent) panel2.classList.remove("projector-current");
  panel2.style.transform = transform;
  off.forEach((el2) => el2.classList.add("projector-off"));
  return chunks;
}

// static/js/projector/projector.js
function clearMarks() {
  for (const el2 of document.querySelectorAll(".projector-current, .projector-current-page, .projector-off")) {
    el2.classList.remove("projector-current", "projector-current-page", "projector-off");
    el2.style.transform = "";
  }
}
function mark(page) {
  clearMarks();
  page.panel.classList.add("projector-current");
  if (page.sub) page.sub.classList.add("projector-current-page");
  if (!page.els) return;
  const keep = new Set(page.els);
  for (const el2 of page.panel.children) {
    if (!keep.has(el2) && !isTitle(el2)) el2.classList.add("projector-off");
  }
}
function blurHidden(page, nav) {
  const active = document.activeElement;
  if (!active || active === document.body || nav.contains(active)) return;
  if (!page.panel.contains(active) || page.sub && !page.sub.contains(active)) active.blur();
}
function mount8({ root, state: state2 }) {
  const toggleButton = document.getElementById("projector-toggle");
  const startOn = new URLSearchParams(window.location.search).has("projector");
  let on = false;
  let current2 = null;
  const ui = buildNav();
  let dialog = buildShortcutsDialog(shortcutRows(state2.shortcuts));
  root.append(ui.nav, dialog);
  state2.subscribe((what) => {
    if (what !== "shortcuts") return;
    const fresh = buildShortcutsDialog(shortcutRows(state2.shortcuts));
    dialog.replaceWith(fresh);
    dialog = fresh;
  });
  const pages = () => listPages(on);
  function show(index) {
    const list = pages();
    if (list.length === 0) return;
    const i2 = Math.max(0, Math.min(list.length - 1, index));
    current2 = list[i2];
    mark(current2);
    showWhere(ui, current2, i2, list.length);
    blurHidden(current2, ui.nav);
    window.scrollTo(0, 0);
    fitter.fit();
  }
  function step(delta) {
    const i2 = indexOf(pages(), current2);
    show(i2 === -1 ? 0 : i2 + delta);
  }
  const fitter = createFitter(() => current2);
  function setOn(value) {
    on = Boolean(value);
    document.documentElement.classList.toggle("projector", on);
    ui.nav.hidden = !on;
    if (toggleButton) toggleButton.setAttribute("aria-pressed", String(on));
    if (!on) {
      fitter.unwatch();
      clearMarks();
      if (current2) current2.panel.scrollIntoView({ block: "start" });
      return;
    }
    fitter.watch();
    show(Math.max(0, indexOf(pages(), current2)));
    ui.readout.textContent = "";
  }
  const openHelp = () => {
    if (!dialog.open) dialog.showModal();
  };
  const actions = {
    ...zActions(state2, ui.readout),
    toggle: () => setOn(!on),
    help: openHelp,
    exit: () => setOn(false),
    step,
    random: () => state2.randomZ()
  };
  bindKeys(actions, () => state2.shortcuts, () => on, () => !dialog.open);
  ui.prev.addEventListener("click", () => step(-1));
  ui.next.addEventListener("click", () => step(1));
  ui.help.addEventListener("click", openHelp);
  ui.exit.addEventListener("click", () => setOn(false));
  if (toggleButton) toggleButton.addEventListener("click", () => setOn(!on));
  state2.subscribe((what) => {
    if (what === "lang" && on) show(Math.max(0, indexOf(pages(), current2)));
  });
  if (startOn) setOn(true);
  return {
    get on() {
      return on;
    },
    setOn,
    next: () => step(1),
    previous: () => step(-1),
    /** The page shown: {index, count, panelId, page (sub-page title or null), part (chunk or null)}. */
    get page() {
      return describePage(pages(), current2);
    },
    show,
    fit: fitter.fit,
    get dialog() {
      return dialog;
    },
    idle: fitter.idle
    // it decodes nothing itself: resolves once the page shown is fitted
  };
}

// static/js/story/story.js
var story_exports = {};
__export(story_exports, {
  mount: () => mount9
});

// static/js/story/text.js
var STEPS = 5;
var TEXT = {
  1: ["story.step1.title", "story.step1.text", "story.step1.limit"],
  2: ["story.step2.title", "story.step2.text", "story.step2.limit"],
  3: ["story.step3.title", "story.step3.text", "story.step3.limit"],
  4: ["story.step4.title", "story.step4.text", "story.step4.limit"],
  5: ["story.step5.title", "story.step5.text", null]
};

// static/js/story/nav.js
function stepFromUrl() {
  const hash = /^#story-(\d)$/.exec(window.location.hash);
  const param = new URLSearchParams(window.location.search).get("step");
  const n2 = Number(hash ? hash[1] : param);
  return Number.isInteger(n2) && n2 >= 1 && n2 <= STEPS ? n2 : null;
}
function stepToUrl(n2) {
  const h2 = window.location.hash;
  if (h2 === "" || /^#story-\d$/.test(h2)) {
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#story-${n2}`);
  }
}
function createNavBar(go, current2) {
  const step = (cls, by, key) => el("button", { type: "button", class: cls, onclick: () => go(current2() + by), i18n: key });
  const prev = step("story-prev", -1, "story.prev");
  const next = step("story-next", 1, "story.next");
  const dots2 = Array.from({ length: STEPS }, (_2, k) => el(
    "button",
    {
      type: "button",
      onclick: () => go(k + 1),
      i18nAttrs: {
        title: TEXT[k + 1][0],
        "aria-label": msg("story.stepLabel", { n: k + 1, title: msg(TEXT[k + 1][0]) })
      }
    },
    count(k + 1)
  ));
  const list = el(
    "ol",
    { class: "story-dots", i18nAttrs: { "aria-label": "story.stepsLabel" } },
    dots2.map((b) => el("li", {}, b))
  );
  const where = el("span", { class: "story-where", "aria-live": "polite" }, "");
  const bar = el("nav", { class: "story-nav", i18nAttrs: { "aria-label": "story.navLabel" } }, prev, list, next, where);
  function update(n2) {
    dots2.forEach((dot, k) => {
      if (k + 1 === n2) dot.setAttribute("aria-current", "step");
      else dot.removeAttribute("aria-current");
    });
    prev.disabled = n2 === 1;
    next.disabled = n2 === STEPS;
    setText(where, "story.where", { n: n2, total: STEPS });
  }
  return { bar, update };
}
function listenForSteps(section, go, current2) {
  section.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowLeft" && ev.key !== "ArrowRight") return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (ev.target.closest("input, select, textarea")) return;
    ev.preventDefault();
    go(current2() + (ev.key === "ArrowRight" ? 1 : -1));
  });
  window.addEventListener("hashchange", () => {
    const n2 = /^#story-(\d)$/.test(window.location.hash) ? stepFromUrl() : null;
    if (n2) {
      go(n2, { updateUrl: false });
      section.scrollIntoView();
    }
  });
}

// static/js/story/parts.js
var FORMATS = {
  int: count,
  pct: (v2) => percent(v2, 0),
  mse: (v2) => fixed(v2, 4),
  nats: (v2) => msg("units.nats", { v: fixed(v2, 1) }),
  // per image, summed over pixels
  score: (v2) => fixed(v2, 1)
};
var fmtCode = (code) => `[${Array.from(code, (v2) => shortest(v2, 2)).join(", ")}]`;
function numberRow(key, label, value, format) {
  const missing = value === null || value === void 0;
  const shown = missing ? msg("common.na") : format(value);
  const dd = el("dd", {
    dataset: missing ? { number: key } : { number: key, value: String(value) },
    ...typeof shown === "string" ? { text: shown } : { i18n: shown }
  });
  return [el("dt", { i18n: label }), dd];
}
function article(n2, body, { numbers: numbers2 = [], note = null } = {}) {
  const [title, text, limit] = TEXT[n2];
  const heading = el(
    "h3",
    { id: `story-${n2}-title`, tabindex: "-1", i18n: msg("story.heading", { n: n2, title: msg(title) }) }
  );
  const noteEl = el("p", { class: "story-note", role: "status", ...note ? { i18n: note } : {} });
  const dl = el("dl", { class: "story-numbers" }, ...numbers2.flat());
  const art = el(
    "article",
    { id: `story-${n2}`, class: "story-step", "aria-labelledby": heading.id, hidden: true },
    heading,
    el(
      "p",
      { class: "story-text" },
      el("span", { i18n: text }),
      limit ? " " : "",
      limit ? el("strong", { i18n: limit }) : ""
    ),
    el("div", { class: "story-body" }, ...body, el("div", { class: "story-facts" }, dl, noteEl))
  );
  return { article: art, heading, note: noteEl, numbers: dl };
}
function canvasFor(n2, label) {
  return el("canvas", {
    width: 28,
    height: 28,
    class: "story-canvas",
    role: "img",
    i18nAttrs: { "aria-label": label },
    id: `story-canvas-${n2}`
  });
}
function slider(id, label, { min, max, step, value }, onInput) {
  const input = el("input", {
    type: "range",
    id,
    min: String(min),
    max: String(max),
    step: String(step),
    value: String(value)
  });
  const out = el("output", { for: id, class: "mono" }, fixed(Number(value), 2));
  input.addEventListener("input", () => {
    out.textContent = fixed(Number(input.value), 2);
    onInput(Number(input.value));
  });
  const row2 = el("div", { class: "story-slider" }, el("label", { for: id, i18n: label }), input, out);
  return { row: row2, input, out, set(v2) {
    input.value = String(v2);
    out.textContent = fixed(Number(v2), 2);
  } };
}

// static/js/story/shipped-step.js
var WHO = {
  4: { who: "story.who.ae", canvas: "story.step4.canvas", missing: "story.step4.missing" },
  5: { who: "story.who.vae", canvas: "story.step5.canvas", missing: "story.step5.missing" }
};
var figureLabel = (m, n2, what) => msg(m === n2 ? "story.figureThis" : "story.figure", { who: msg(WHO[m].who), what: msg(what) });
function comparison(n2, shippedOf) {
  return [4, 5].flatMap((m) => {
    const s2 = shippedOf(m);
    return [
      numberRow(
        `reconstruction-${m}`,
        figureLabel(m, n2, "story.fig.reconstruction"),
        s2 && s2.test ? s2.test.reconstruction : null,
        FORMATS.nats
      ),
      numberRow(
        `confident-${m}`,
        figureLabel(m, n2, "story.fig.confident"),
        s2 && s2.samples ? s2.samples.confident : null,
        FORMATS.pct
      ),
      numberRow(
        `digit-score-${m}`,
        figureLabel(m, n2, "story.fig.digitScore"),
        s2 && s2.samples ? s2.samples.digit_score : null,
        FORMATS.score
      )
    ];
  });
}
function buildShippedStep(n2, entry, { shippedOf, request }) {
  const shipped = shippedOf(n2);
  const canvas = canvasFor(n2, WHO[n2].canvas);
  const dim = shipped ? shipped.latent_dim : 0;
  let z = new Float32Array(dim);
  const readout = el("p", { class: "mono story-code" }, shipped ? `z = ${fmtCode(z)}` : "");
  const sample = el("button", { type: "button", class: "story-sample", disabled: !shipped, onclick: () => {
    z = Float32Array.from({ length: dim }, () => gaussian());
    readout.textContent = `z = ${fmtCode(z)} ~ N(0, I)`;
    request();
  }, i18n: "story.sample" });
  const controls = [readout, el("div", { class: "story-buttons" }, sample)];
  if (n2 === 5) {
    controls.push(el("p", {}, el("a", { href: "#noise", class: "story-noise-link", i18n: "story.noiseLink" })));
  }
  const note = shipped ? msg("story.modelNote", { title: shipped.title }) : msg(WHO[n2].missing, { name: entry.model_name });
  const a2 = article(n2, [
    el("figure", { class: "story-figure" }, canvas),
    el("div", { class: "story-controls" }, ...controls)
  ], { numbers: comparison(n2, shippedOf), note });
  if (!shipped) canvas.classList.add("story-missing");
  return { ...a2, canvas, code: () => Float32Array.from(z), enter() {
  } };
}

// static/js/story/loss-chart.js
var W2 = 220;
var H2 = 80;
var PAD = 4;
function points(curve) {
  const logs = curve.map((v2) => Math.log10(Math.max(v2, 1e-8)));
  const lo = Math.min(...logs);
  const span = Math.max(...logs) - lo || 1;
  return logs.map((v2, i2) => {
    const x = PAD + (W2 - 2 * PAD) * (curve.length > 1 ? i2 / (curve.length - 1) : 0);
    const y = PAD + (H2 - 2 * PAD) * (1 - (v2 - lo) / span);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  }).join(" ");
}
function lossChart(curve, step, epochs) {
  const label = msg(
    "story.chartLabel",
    { step, from: significant(curve[0]), to: significant(curve[curve.length - 1]) }
  );
  const svg = svgEl(
    "svg",
    { viewBox: `0 0 ${W2} ${H2}`, class: "story-chart", role: "img", i18nAttrs: { "aria-label": label } },
    svgEl("polyline", { points: `${PAD},${PAD} ${PAD},${H2 - PAD} ${W2 - PAD},${H2 - PAD}`, class: "story-axis" }),
    svgEl("polyline", { points: points(curve), class: "story-curve" })
  );
  return el(
    "figure",
    { class: "story-chart-figure" },
    svg,
    el("figcaption", { i18n: msg("story.chartCaption", { epochs: count(epochs) }) })
  );
}

// static/js/story/step1.js
function buildStep1(entry, { request }) {
  const canvas = canvasFor(1, "story.step1.canvas");
  let input = 1;
  const readout = el("p", { class: "mono story-code", i18n: msg("story.step1.code", { v: shortest(1) }) });
  const s2 = slider("story-1-input", "story.step1.input", { min: 0, max: 2, step: 0.05, value: 1 }, (v2) => {
    input = v2;
    setText(readout, "story.step1.code", { v: shortest(v2) });
    request();
  });
  const a2 = article(1, [
    el("figure", { class: "story-figure" }, canvas),
    el(
      "div",
      { class: "story-controls" },
      readout,
      s2.row,
      lossChart(entry.training.curve, 1, entry.training.epochs)
    )
  ], {
    numbers: [
      numberRow("weights", "story.weights", entry.weights, FORMATS.int),
      numberRow("pixels", "story.pixels", entry.pixels, FORMATS.int),
      numberRow("mse", "story.step1.mse", entry.numbers.mse, FORMATS.mse)
    ]
  });
  return { ...a2, canvas, code: () => Float32Array.of(input), enter() {
  } };
}

// static/js/story/step2.js
function oneHotButtons(entry, code, sync) {
  const buttons = el(
    "div",
    { class: "story-buttons", role: "group", i18nAttrs: { "aria-label": "story.step2.group" } }
  );
  for (let i2 = 0; i2 < code.length; i2 += 1) {
    const name = entry.digits ? msg("story.step2.pictureOf", { n: i2 + 1, digit: entry.digits[i2] }) : msg("story.step2.picture", { n: i2 + 1 });
    buttons.append(el("button", {
      type: "button",
      dataset: { onehot: String(i2) },
      onclick: () => {
        code.fill(0);
        code[i2] = 1;
        sync();
      },
      i18n: name
    }));
  }
  buttons.append(el("button", {
    type: "button",
    class: "story-blend",
    onclick: () => {
      code.fill(0);
      code[0] = 0.5;
      code[1] = 0.5;
      sync();
    },
    i18n: "story.step2.blend"
  }));
  return buttons;
}
function buildStep2(entry, { request }) {
  const canvas = canvasFor(2, "story.step2.canvas");
  const code = new Float32Array(entry.input_dim);
  code[0] = 1;
  const readout = el("p", { class: "mono story-code" });
  const show = () => {
    setText(readout, "story.code", { code: fmtCode(code) });
    request();
  };
  const sliders = Array.from(code, (c2, i2) => slider(
    `story-2-code-${i2}`,
    msg("story.step2.slider", { n: i2 + 1 }),
    { min: 0, max: 1, step: 0.05, value: c2 },
    (v2) => {
      code[i2] = v2;
      show();
    }
  ));
  const sync = () => {
    sliders.forEach((s2, i2) => s2.set(code[i2]));
    show();
  };
  sync();
  const n2 = entry.numbers;
  const a2 = article(2, [
    el("figure", { class: "story-figure" }, canvas),
    el(
      "div",
      { class: "story-controls" },
      readout,
      oneHotButtons(entry, code, sync),
      el("div", { class: "story-sliders" }, ...sliders.map((s2) => s2.row))
    )
  ], {
    numbers: [
      numberRow("stored", "story.stored", n2.stored, FORMATS.int),
      numberRow("weights", "story.weights", entry.weights, FORMATS.int),
      numberRow("pixels", "story.pixels", entry.pixels, FORMATS.int),
      numberRow("mse", "story.step2.mse", n2.mse, FORMATS.mse),
      numberRow("confident_blend", "story.step2.blendsRead", n2.confident_blend, FORMATS.pct)
    ]
  });
  return { ...a2, canvas, code: () => Float32Array.from(code), enter() {
  } };
}

// static/js/story/step3.js
function picker(id, label, value, total, onChange) {
  const input = el("input", {
    type: "number",
    id,
    min: "1",
    max: String(total),
    step: "1",
    value: String(value + 1),
    class: "story-pick"
  });
  input.addEventListener("change", () => {
    const v2 = Math.max(1, Math.min(total, Math.round(Number(input.value) || 1)));
    input.value = String(v2);
    onChange(v2 - 1);
  });
  return { row: el("label", { for: id, class: "story-pickrow" }, el("span", { i18n: label }), input), input };
}
function numbers(entry) {
  const n2 = entry.numbers;
  return [
    numberRow("stored", "story.stored", n2.stored, FORMATS.int),
    numberRow("weights", "story.weights", entry.weights, FORMATS.int),
    numberRow("pixels", "story.pixels", entry.pixels, FORMATS.int),
    numberRow("mse_stored", "story.step3.mseStored", n2.mse_stored, FORMATS.mse),
    numberRow("mse_halfway", "story.step3.mseHalfway", n2.mse_halfway, FORMATS.mse),
    numberRow("confident_stored", "story.step3.storedRead", n2.confident_stored, FORMATS.pct),
    numberRow("confident_halfway", "story.step3.halfwayRead", n2.confident_halfway, FORMATS.pct)
  ];
}
function buildStep3(entry, { request }) {
  const canvas = canvasFor(3, "story.step3.canvas");
  const total = entry.codes.count;
  const pick = { a: 0, b: 1, t: 0 };
  let stored = null;
  const readout = el("p", { class: "mono story-code" });
  function current2() {
    if (!stored) return null;
    const { dim, codes } = stored;
    return Float32Array.from(
      { length: dim },
      (_2, j) => (1 - pick.t) * codes[pick.a * dim + j] + pick.t * codes[pick.b * dim + j]
    );
  }
  function sync() {
    if (!stored) return;
    const { a: a2, b, t: t3 } = pick;
    const what = t3 === 0 ? msg("story.step3.stored", { n: a2 + 1, digit: stored.labels[a2] }) : t3 === 1 ? msg("story.step3.stored", { n: b + 1, digit: stored.labels[b] }) : msg("story.step3.between", { a: percent(1 - t3, 0), b: percent(t3, 0) });
    setText(readout, "story.step3.code", { code: fmtCode(current2()), what });
    request();
  }
  const pa = picker("story-3-a", "story.step3.pickA", pick.a, total, (v2) => {
    pick.a = v2;
    sync();
  });
  const pb = picker("story-3-b", "story.step3.pickB", pick.b, total, (v2) => {
    pick.b = v2;
    sync();
  });
  const mix = slider(
    "story-3-mix",
    "story.step3.mix",
    { min: 0, max: 1, step: 0.05, value: 0 },
    (v2) => {
      pick.t = v2;
      sync();
    }
  );
  const half = el("button", {
    type: "button",
    class: "story-halfway",
    onclick: () => {
      pick.t = 0.5;
      mix.set(pick.t);
      sync();
    },
    i18n: "story.step3.halfway"
  });
  const randomPair = el("button", { type: "button", class: "story-random-pair", onclick: () => {
    pick.a = Math.floor(Math.random() * total);
    pick.b = (pick.a + 1 + Math.floor(Math.random() * (total - 1))) % total;
    pa.input.value = String(pick.a + 1);
    pb.input.value = String(pick.b + 1);
    sync();
  }, i18n: "story.step3.randomPair" });
  const art = article(3, [
    el("figure", { class: "story-figure" }, canvas),
    el(
      "div",
      { class: "story-controls" },
      readout,
      el("div", { class: "story-buttons" }, pa.row, pb.row),
      mix.row,
      el("div", { class: "story-buttons" }, half, randomPair),
      lossChart(entry.training.curve, 3, entry.training.epochs)
    )
  ], { numbers: numbers(entry) });
  const setCodes = (codes) => {
    stored = codes;
  };
  return { ...art, canvas, code: current2, enter: sync, setCodes };
}

// static/js/story/story.js
var NOT_EXPORTED = msg("story.notExported");
var Story = class {
  constructor(section) {
    this.section = section;
    this.status = section.querySelector("#story-status") || section.appendChild(el("p", { id: "story-status" }));
    this.step = 1;
    this.settled = false;
    this.opening = null;
    this.wake = () => {
    };
    this.error = null;
    this.manifest = null;
    this.entries = {};
    this.views = {};
    this.models = {};
    this.stats = createProbe("story", { inputs: {} });
    this.drawing = createFrameScheduler(() => this.draw());
    this.ready = this.start().catch((e2) => {
      const message = msg("story.startError", { detail: e2.message || String(e2) });
      this.error = t(message.key, message.params);
      this.say(message);
      console.warn(e2);
    }).finally(() => {
      this.settled = true;
    });
  }
  /** Say `message` (a msg()) where the story will be. */
  say(message) {
    this.status.hidden = false;
    setText(this.status, message);
  }
  /** The shipped model that story step n (4 or 5) names, or null if the manifest lacks it. */
  shippedEntry(n2) {
    const e2 = this.entries[n2];
    return e2 && (this.manifest.models || []).find((m) => m.name === e2.model_name && m.kind === e2.kind) || null;
  }
  /** Step n's decoder, loaded once (a failed load is retried next time); null for a missing shipped model. */
  modelFor(n2) {
    if (!this.models[n2]) {
      const shipped = n2 > 3 ? this.shippedEntry(n2) : null;
      const promise = n2 > 3 && !shipped ? Promise.resolve(null) : this.downloads.track(
        msg("story.downloading", { n: n2 }),
        (onProgress) => n2 <= 3 ? loadStoryModel(this.entries[n2], onProgress) : LatentModel.load(shipped, onProgress)
      );
      this.models[n2] = promise;
      promise.catch(() => {
        delete this.models[n2];
      });
    }
    return this.models[n2];
  }
  /** Decode inputs (N × input size) with step n's in-page model → N arrays of 784 floats (test hook). */
  async decode(n2, inputs) {
    const model = await this.modelFor(n2);
    if (!model) throw new Error(`step ${n2}'s model is not shipped yet`);
    return model.decodeArrays(inputs);
  }
  /** Draw the current step's input on its canvas (run by the frame scheduler). */
  async draw() {
    const n2 = this.step;
    const view = this.views[n2];
    if (!view || !this.opening) return;
    await this.opening;
    try {
      const model = await this.modelFor(n2);
      const input = view.code();
      if (!model || n2 !== this.step || !input) return;
      await model.draw(input, view.canvas);
      view.canvas.dataset.drawn = String(n2);
      if (this.stats) this.stats.inputs[n2] = Array.from(input);
    } catch (e2) {
      setText(view.note, "story.runError", { detail: e2.message || String(e2) });
      console.warn(e2);
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
  select(n2, updateUrl) {
    const step = Math.max(1, Math.min(STEPS, Math.round(n2)));
    this.step = step;
    Object.entries(this.views).forEach(([k, v2]) => {
      v2.article.hidden = Number(k) !== step;
    });
    if (this.nav) this.nav.update(step);
    if (updateUrl) stepToUrl(step);
    return step;
  }
  /** Show step n (clamped to 1–5), opening the story if need be; resolves once it is drawn. */
  async show(n2, { focus = false, updateUrl = true } = {}) {
    const step = this.select(n2, updateUrl);
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
    const e2 = this.entries;
    const context = { request: () => this.request(), shippedOf: (m) => this.shippedEntry(m) };
    this.views = {
      1: buildStep1(e2[1], context),
      2: buildStep2(e2[2], context),
      3: buildStep3(e2[3], context),
      4: buildShippedStep(4, e2[4], context),
      5: buildShippedStep(5, e2[5], context)
    };
    const go = (n2, options) => this.show(n2, options);
    this.nav = createNavBar(go, () => this.step);
    this.status.remove();
    const loadingText = el("span");
    const bar = el("progress", { max: 1, value: 0, i18nAttrs: { "aria-label": "status.progressLabel" } });
    const loading2 = el("p", { class: "story-loading", role: "status", hidden: true }, loadingText, " ", bar);
    this.downloads = createProgressLine(loading2, loadingText, bar);
    this.section.append(el(
      "div",
      { class: "story-stage" },
      this.nav.bar,
      loading2,
      el("div", { class: "story-steps" }, Object.values(this.views).map((v2) => v2.article))
    ));
    listenForSteps(this.section, go, () => this.step);
  }
  async start() {
    this.manifest = await loadManifest().catch(() => null);
    const story = this.manifest && Array.isArray(this.manifest.story) ? this.manifest.story : [];
    this.entries = Object.fromEntries(story.map((e2) => [e2.step, e2]));
    if (![1, 2, 3, 4, 5].every((n2) => this.entries[n2])) {
      this.say(NOT_EXPORTED);
      return;
    }
    this.buildViews();
    this.wake = whenNear(this.section, () => {
      this.opening = this.open();
    }, NEAR.below);
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
    } catch (e2) {
      const why = e2 instanceof ModelError ? e2 : msg("story.codesError", { detail: e2.message || String(e2) });
      setText(this.views[3].note, why);
    }
    this.request();
    [1, 2, 3].forEach((n2) => this.modelFor(n2).catch(() => {
    }));
  }
};
function mount9({ root }) {
  return new Story(root);
}

// static/js/train/train.js
var train_exports = {};
__export(train_exports, {
  BETAS: () => BETAS,
  BETA_MAX: () => BETA_MAX,
  mount: () => mount10
});

// static/js/train/code-map.js
var MIN_RANGE = 3;
function rangeFor2(codes) {
  const n2 = codes.length / 2;
  if (!n2) return MIN_RANGE;
  const extent = new Float32Array(n2);
  for (let k = 0; k < n2; k += 1) extent[k] = Math.max(Math.abs(codes[2 * k]), Math.abs(codes[2 * k + 1]));
  extent.sort();
  const r2 = extent[Math.min(n2 - 1, Math.floor(0.99 * n2))] * 1.1;
  return Math.max(MIN_RANGE, Number.isFinite(r2) ? r2 : MIN_RANGE);
}
function paintCodes(canvas, codes, labels2, range) {
  const s2 = canvas.width;
  const ctx = canvas.getContext("2d");
  const px = (v2) => (v2 + range) / (2 * range) * s2;
  const py = (v2) => (range - v2) / (2 * range) * s2;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, s2, s2);
  ctx.strokeStyle = "#ccc";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(px(0), 0);
  ctx.lineTo(px(0), s2);
  ctx.moveTo(0, py(0));
  ctx.lineTo(s2, py(0));
  ctx.stroke();
  const r2 = Math.max(1.5, s2 / 220);
  ctx.globalAlpha = 0.7;
  for (let k = 0; k < labels2.length; k += 1) {
    ctx.fillStyle = PALETTE[labels2[k]];
    ctx.fillRect(px(codes[2 * k]) - r2, py(codes[2 * k + 1]) - r2, 2 * r2, 2 * r2);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = "#222";
  ctx.lineWidth = Math.max(1, s2 / 300);
  ctx.setLineDash([s2 / 60, s2 / 80]);
  for (const sigma of [1, 2]) {
    ctx.beginPath();
    ctx.arc(px(0), py(0), sigma / (2 * range) * s2, 0, 2 * Math.PI);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

// static/js/core/mnist-samples.js
var samples = null;
function loadMnistSamples() {
  if (!samples) {
    samples = (async () => {
      const response = await fetch(assetUrl("data/mnist-samples.json"));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const payload = await response.json();
      const raw = atob(payload.pixels);
      return { labels: payload.labels, images: payload.labels.map((_2, k) => Float32Array.from({ length: PIXELS }, (__, i2) => raw.charCodeAt(k * PIXELS + i2) / 255)) };
    })();
    samples.catch(() => {
      samples = null;
    });
  }
  return samples;
}

// static/js/train/compare.js
var GRID3 = 16;
var SHOWN_DIGITS = 4;
var SEED2 = 7;
function sampleCodes() {
  const uniform = mulberry32(SEED2);
  return Float32Array.from({ length: GRID3 * 2 }, () => gaussian(uniform));
}
async function loadOne(entry, digits, codes) {
  const model = await LatentModel.load(entry);
  try {
    const [encoder, map] = await Promise.all([model.encoder(), loadLatentMap(entry)]);
    const recon = tf.tidy(() => {
      const images = tf.tensor4d(digits, [SHOWN_DIGITS, 28, 28, 1]);
      return model.decode(model.encodeWith(encoder, images).mu);
    });
    const reconstructions = await recon.data();
    recon.dispose();
    return { entry, samples: await model.decodeValues(codes), reconstructions, map };
  } finally {
    model.dispose();
  }
}
function column(item, digits) {
  const canvas = (width, cls) => el("canvas", { width, height: width, class: cls });
  const map = canvas(240, "train-compare-map");
  paintCodes(map, item.map.codes, item.map.labels, item.range);
  const samples2 = el("canvas", { class: "train-compare-samples" });
  paintTiles(samples2, item.samples, 4);
  const pairs = el("canvas", { class: "train-compare-recon" });
  const both = new Float32Array(2 * SHOWN_DIGITS * 784);
  both.set(digits);
  both.set(item.reconstructions, SHOWN_DIGITS * 784);
  paintTiles(pairs, both, SHOWN_DIGITS);
  const test = item.entry.test || {};
  return el(
    "figure",
    { class: "train-compare-model", dataset: { beta: String(item.entry.beta) } },
    el("figcaption", { class: "train-compare-beta" }, `β = ${shortest(item.entry.beta)}`),
    map,
    el("p", { class: "train-compare-scale", i18n: msg("train.compareScale", { range: fixed(item.range, 1) }) }),
    samples2,
    pairs,
    el(
      "dl",
      { class: "train-compare-figures" },
      el("dt", { i18n: "train.reconstruction" }),
      el("dd", { i18n: msg(
        "units.natsPerImage",
        { v: fixed(test.reconstruction, 1) }
      ) }),
      el("dt", { i18n: "train.kl" }),
      el("dd", { i18n: msg("units.natsPerImage", { v: fixed(test.kl, 1) }) })
    )
  );
}
function mountComparison(root, path) {
  const button = root.querySelector("#train-compare-load");
  const box = root.querySelector("#train-compare");
  let shown = null;
  async function show() {
    if (!path) throw new Error(t("train.unavailable"));
    const manifest = await loadManifest(path);
    const models = [...manifest.models].sort((a2, b) => a2.beta - b.beta);
    const samples2 = await loadMnistSamples();
    const picks = [0, 1, 2, 3].map((d) => samples2.labels.indexOf(d * 2 + 1));
    const digits = new Float32Array(SHOWN_DIGITS * 784);
    picks.forEach((k, i2) => digits.set(samples2.images[k], i2 * 784));
    const codes = sampleCodes();
    const items = [];
    for (const entry of models) {
      const item = await loadOne(entry, digits, codes);
      items.push({ ...item, range: rangeFor2(item.map.codes) });
    }
    box.replaceChildren(...items.map((item) => column(item, digits)));
    setText(root.querySelector("#train-compare-note"), "train.compareNote");
    return { codes: Array.from(codes), models: items.map((item) => ({
      name: item.entry.name,
      beta: item.entry.beta,
      test: item.entry.test,
      range: item.range
    })) };
  }
  const once = () => {
    if (!shown) {
      button.disabled = true;
      shown = show();
      shown.catch((e2) => {
        shown = null;
        button.disabled = false;
        setText(root.querySelector("#train-compare-note"), "train.compareFailed", { detail: e2.message });
      });
    }
    return shown;
  };
  button.addEventListener("click", () => once().catch(() => {
  }));
  button.disabled = !path;
  return { show: once };
}

// static/js/train/curves.js
var W3 = 480;
var H3 = 300;
var LEFT = 44;
var RIGHT = 8;
var PANELS = [
  { top: 8, height: 170, series: ["negElbo", "reconstruction"] },
  { top: 206, height: 80, series: ["kl"] }
];
var MAX_POINTS = 600;
function addPoint(points2, point) {
  points2.push(point);
  if (points2.length > MAX_POINTS) {
    const kept = points2.filter((_2, k) => k % 2 === 0 || k === points2.length - 1);
    points2.splice(0, points2.length, ...kept);
  }
}
function scale(points2, series) {
  const from = points2[0].step + 0.1 * (points2[points2.length - 1].step - points2[0].step);
  const later = points2.filter((p) => p.step >= from);
  let lo = Math.min(...points2.flatMap((p) => series.map((s2) => p[s2])));
  let hi = Math.max(...later.flatMap((p) => series.map((s2) => p[s2])));
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  return { lo, hi };
}
function panel(points2, { top, height, series }, x) {
  const { lo, hi } = scale(points2, series);
  const y = (v2) => top + height * (1 - (Math.min(v2, hi) - lo) / (hi - lo));
  const lines = series.map((s2) => svgEl("polyline", {
    class: `train-curve train-curve-${s2}`,
    points: points2.map((p) => `${x(p.step).toFixed(1)},${y(p[s2]).toFixed(1)}`).join(" ")
  }));
  const labels2 = [[hi, top + 10], [lo, top + height]].map(([v2, at]) => svgEl("text", { class: "train-curve-tick", x: LEFT - 4, y: at, "text-anchor": "end" }, plain(v2, 1)));
  return [
    svgEl("rect", { class: "train-curve-frame", x: LEFT, y: top, width: W3 - LEFT - RIGHT, height }),
    ...lines,
    ...labels2
  ];
}
function betaMarks(points2, x) {
  return points2.flatMap((p, k) => k === 0 || p.beta === points2[k - 1].beta ? [] : [
    svgEl("line", { class: "train-curve-beta", x1: x(p.step), x2: x(p.step), y1: 8, y2: H3 - 14 }),
    svgEl("text", { class: "train-curve-beta-label", x: x(p.step) + 3, y: H3 - 2 }, `β ${shortest(p.beta)}`)
  ]);
}
function drawCurves(svg, points2) {
  svg.setAttribute("viewBox", `0 0 ${W3} ${H3}`);
  if (points2.length < 2) {
    svg.replaceChildren();
    return;
  }
  const first = points2[0].step;
  const last = points2[points2.length - 1].step;
  const x = (step) => LEFT + (W3 - LEFT - RIGHT) * ((step - first) / Math.max(1, last - first));
  svg.replaceChildren(
    ...PANELS.flatMap((p) => panel(points2, p, x)),
    ...betaMarks(points2, x),
    svgEl("text", { class: "train-curve-tick", x: W3 - RIGHT, y: H3 - 2, "text-anchor": "end" }, count(last))
  );
}

// static/js/train/vae-mlp.js
var LATENT_DIM = 2;
var HIDDEN = 256;
var PIXELS2 = 784;
var WEIGHTS = [
  ["encoder.hidden.kernel", [PIXELS2, HIDDEN]],
  ["encoder.hidden.bias", [HIDDEN]],
  ["encoder.mu.kernel", [HIDDEN, LATENT_DIM]],
  ["encoder.mu.bias", [LATENT_DIM]],
  ["encoder.logvar.kernel", [HIDDEN, LATENT_DIM]],
  ["encoder.logvar.bias", [LATENT_DIM]],
  ["decoder.hidden.kernel", [LATENT_DIM, HIDDEN]],
  ["decoder.hidden.bias", [HIDDEN]],
  ["decoder.logits.kernel", [HIDDEN, PIXELS2]],
  ["decoder.logits.bias", [PIXELS2]]
];
function weightsFrom(values) {
  return Object.fromEntries(WEIGHTS.map(([name, shape]) => {
    if (!values[name] || values[name].length !== shape.reduce((a2, b) => a2 * b, 1)) {
      throw new Error(`the weights have no ${name} of shape [${shape}]`);
    }
    return [name, tf.variable(tf.tensor(values[name], shape))];
  }));
}
function disposeWeights(w) {
  if (w) Object.values(w).forEach((v2) => v2.dispose());
}
var dense = (w, layer, x) => tf.add(tf.matMul(x, w[`${layer}.kernel`]), w[`${layer}.bias`]);
function encode(w, x) {
  const h2 = tf.relu(dense(w, "encoder.hidden", x));
  return { mu: dense(w, "encoder.mu", h2), logvar: dense(w, "encoder.logvar", h2) };
}
function decodeLogits(w, z) {
  return dense(w, "decoder.logits", tf.relu(dense(w, "decoder.hidden", z)));
}
function decode(w, z) {
  return tf.sigmoid(decodeLogits(w, z));
}

// static/js/train/trained-model.js
function trainedModel(entry, values) {
  const w = weightsFrom(values);
  const decoder = {
    execute: (z) => tf.reshape(decode(w, z), [-1, IMAGE_SIZE, IMAGE_SIZE, 1]),
    dispose: () => disposeWeights(w)
  };
  const encoder = {
    execute: (images) => {
      const { mu, logvar } = encode(w, tf.reshape(images, [-1, PIXELS]));
      return tf.concat([mu, logvar], 1);
    },
    dispose: () => {
    }
  };
  const model = new LatentModel(entry, decoder);
  model.encoderPromise = Promise.resolve(encoder);
  return model;
}
var dense2 = (name, units2, activation, inputShape) => ({ class_name: "Dense", config: {
  name,
  units: units2,
  activation,
  use_bias: true,
  trainable: true,
  dtype: "float32",
  ...inputShape ? { batch_input_shape: [null, ...inputShape] } : {}
} });
function layersModels(v2) {
  const cat = (a2, b, rows) => {
    const out = new Float32Array(rows * 2 * LATENT_DIM);
    for (let r2 = 0; r2 < rows; r2 += 1) {
      out.set(a2.subarray(r2 * LATENT_DIM, (r2 + 1) * LATENT_DIM), r2 * 2 * LATENT_DIM);
      out.set(b.subarray(r2 * LATENT_DIM, (r2 + 1) * LATENT_DIM), r2 * 2 * LATENT_DIM + LATENT_DIM);
    }
    return out;
  };
  return {
    encoder: {
      layers: [{ class_name: "Flatten", config: {
        name: "flatten",
        batch_input_shape: [null, IMAGE_SIZE, IMAGE_SIZE, 1],
        dtype: "float32"
      } }, dense2("hidden", HIDDEN, "relu"), dense2("mu_logvar", 2 * LATENT_DIM, "linear")],
      weights: [
        ["hidden/kernel", [PIXELS, HIDDEN], v2["encoder.hidden.kernel"]],
        ["hidden/bias", [HIDDEN], v2["encoder.hidden.bias"]],
        ["mu_logvar/kernel", [HIDDEN, 2 * LATENT_DIM], cat(v2["encoder.mu.kernel"], v2["encoder.logvar.kernel"], HIDDEN)],
        ["mu_logvar/bias", [2 * LATENT_DIM], cat(v2["encoder.mu.bias"], v2["encoder.logvar.bias"], 1)]
      ]
    },
    decoder: {
      layers: [
        dense2("hidden", HIDDEN, "relu", [LATENT_DIM]),
        dense2("image", PIXELS, "sigmoid"),
        { class_name: "Reshape", config: { name: "reshape", target_shape: [IMAGE_SIZE, IMAGE_SIZE, 1] } }
      ],
      weights: [
        ["hidden/kernel", [LATENT_DIM, HIDDEN], v2["decoder.hidden.kernel"]],
        ["hidden/bias", [HIDDEN], v2["decoder.hidden.bias"]],
        ["image/kernel", [HIDDEN, PIXELS], v2["decoder.logits.kernel"]],
        ["image/bias", [PIXELS], v2["decoder.logits.bias"]]
      ]
    }
  };
}
function layersModelFiles(prefix, part, { layers, weights }) {
  const bin = `${prefix}-${part}.weights.bin`;
  const json2 = {
    format: "layers-model",
    generatedBy: "VAE you can touch (static/js/train/trained-model.js)",
    convertedBy: null,
    modelTopology: {
      class_name: "Sequential",
      config: { name: part, layers },
      keras_version: "2.15.0",
      backend: "tensorflow"
    },
    weightsManifest: [{ paths: [bin], weights: weights.map(([name, shape]) => ({ name, shape, dtype: "float32" })) }]
  };
  const values = new Float32Array(weights.reduce((a2, [, , v2]) => a2 + v2.length, 0));
  weights.reduce((at, [, , v2]) => {
    values.set(v2, at);
    return at + v2.length;
  }, 0);
  return [
    { name: `${prefix}-${part}.json`, bytes: new TextEncoder().encode(JSON.stringify(json2)) },
    { name: bin, bytes: new Uint8Array(values.buffer) }
  ];
}
function modelFiles(values, about, prefix = "vae-in-page") {
  const models = layersModels(values);
  return [
    ...layersModelFiles(prefix, "encoder", models.encoder),
    ...layersModelFiles(prefix, "decoder", models.decoder),
    { name: `${prefix}.json`, bytes: new TextEncoder().encode(JSON.stringify(about, null, 2)) }
  ];
}

// static/js/train/trainer.js
var FALLBACK2 = { webgl: "wasm", wasm: "cpu", cpu: null };
var WASM_FILES2 = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
function tfjsUrls() {
  const url = (file) => assetUrl(`vendor/tfjs/${file}`);
  return {
    tfjs: url("tfjs.js"),
    webgl: url("tf-backend-webgl.es2017.min.js"),
    cpu: url("tf-backend-cpu.es2017.min.js"),
    gradients: url("tf-gradients.es2017.min.js"),
    wasm: Object.fromEntries(WASM_FILES2.map((f2) => [f2, url(f2)]))
  };
}
var restoreArgs = ({ weights, steps, seconds, beta }) => ({ weights, steps, seconds, beta });
var Trainer = class {
  /**
   * data: the training manifest's "data" block with absolute imagesUrl and labelsUrl; backend: 'auto' or
   * a name; flags: the page's ?tfjsflags= (the worker's TensorFlow.js gets the same); on: {snapshot(s),
   * progress(fraction), stopped({reason, message}), fellBack({from, to, message, steps})}.
   */
  constructor({ data, backend = "auto", seed = 0, flags = "", on }) {
    Object.assign(this, { data, wanted: backend, seed, flags, on });
    this.last = null;
    this.lastWeights = null;
    this.info = null;
    this.pending = /* @__PURE__ */ new Map();
    this.nextId = 1;
    this.worker = null;
  }
  /** Start the worker, let it load TensorFlow.js and the digits; resolves with {backend, train, test, labels}. */
  async open(backend = this.wanted) {
    const worker = new Worker(assetUrl("js/train/worker.js"));
    this.worker = worker;
    this.ready = false;
    worker.onmessage = ({ data }) => this.receive(data);
    const stopped = "its worker stopped (its script did not load, or threw)";
    worker.onerror = (e2) => this.crashed(worker, e2.message || stopped);
    this.info = await this.request("init", {
      urls: tfjsUrls(),
      backend,
      data: this.data,
      seed: this.seed,
      flags: this.flags
    });
    this.ready = true;
    return this.info;
  }
  /**
   * The worker died (an uncaught error, or its script would not load): before it was set up, the open
   * fails; after, as a failed step (the next backend goes on from the last weights).
   */
  crashed(worker, message) {
    if (worker !== this.worker) return;
    if (this.ready) this.receive({ type: "stopped", reason: "failed", message });
    else this.failAll(new Error(message));
  }
  /**
   * A worker again after the last one stopped for good (every backend failed), on the backend first asked
   * for, going on from the last weights kept.
   */
  async revive() {
    const saved = this.lastWeights;
    try {
      await this.open(this.wanted);
      if (saved) await this.request("restore", restoreArgs(saved));
    } catch (e2) {
      this.close();
      this.lastWeights = saved;
      throw e2;
    }
  }
  request(type, args = {}, transfer = []) {
    if (!this.worker) return Promise.reject(new Error("the trainer is not running"));
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...args }, transfer);
    });
  }
  /** Train (the worker's start); a pause asked for before is forgotten. */
  start(args) {
    this.pauseAsked = false;
    return this.request("start", args);
  }
  /** Pause, and stay paused: a worker taking over from a failed one (fallBack) then does not start. */
  pause() {
    this.pauseAsked = true;
    return this.request("pause");
  }
  failAll(error) {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
  receive(message) {
    if (message.type === "reply") {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiting) return;
      const { error, code, ...result } = message;
      delete result.type;
      delete result.id;
      if (error) waiting.reject(Object.assign(new Error(error), { code }));
      else waiting.resolve(result);
    } else if (message.type === "snapshot") {
      this.last = message;
      if (message.weights) {
        const { steps, seconds, beta } = message.status;
        this.lastWeights = { weights: message.weights, steps, seconds, beta, snapshot: message };
      }
      this.on.snapshot(message);
    } else if (message.type === "progress") {
      this.on.progress(message.fraction);
    } else if (message.type === "stopped") {
      if (message.reason === "failed" && this.lastWeights) this.fallBack(message.message);
      else this.on.stopped(message);
    }
  }
  /** The backend failed mid-run: a new worker on the next backend goes on from the last weights. */
  async fallBack(message) {
    console.warn(`the trainer's ${this.info.backend} backend failed: ${message}`);
    const from = this.info.backend;
    const to = FALLBACK2[from];
    const saved = this.lastWeights;
    this.close();
    if (!to) {
      this.on.stopped({ reason: "failed", message, steps: saved.steps });
      return;
    }
    try {
      await this.open(to);
      await this.request("restore", restoreArgs(saved));
      this.on.fellBack({ from, to, message, steps: saved.steps });
      if (this.pauseAsked) this.on.stopped({ reason: "paused" });
      else await this.request("start", { beta: saved.beta });
    } catch (e2) {
      this.close();
      this.lastWeights = saved;
      this.on.stopped({ reason: "failed", message: `${message}; ${e2.message}`, steps: saved.steps });
    }
  }
  close() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.failAll(new Error("the trainer was closed"));
  }
};

// static/js/train/zip.js
var CRC_TABLE = Array.from({ length: 256 }, (_2, n2) => {
  let c2 = n2;
  for (let k = 0; k < 8; k += 1) c2 = c2 & 1 ? 3988292384 ^ c2 >>> 1 : c2 >>> 1;
  return c2 >>> 0;
});
function crc32(bytes) {
  let c2 = 4294967295;
  for (let k = 0; k < bytes.length; k += 1) c2 = CRC_TABLE[(c2 ^ bytes[k]) & 255] ^ c2 >>> 8;
  return (c2 ^ 4294967295) >>> 0;
}
function record(fields) {
  const size = fields.reduce((a2, [n2]) => a2 + n2, 0);
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  for (const [n2, v2] of fields) {
    if (n2 === 2) view.setUint16(at, v2, true);
    else view.setUint32(at, v2, true);
    at += n2;
  }
  return new Uint8Array(view.buffer);
}
function zipStore(files) {
  const encoder = new TextEncoder();
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, bytes } of files) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(bytes);
    const common = [
      [2, 20],
      [2, 2048],
      [2, 0],
      [2, 0],
      [2, 33],
      [4, crc],
      [4, bytes.length],
      [4, bytes.length],
      [2, nameBytes.length],
      [2, 0]
    ];
    const local = record([[4, 67324752], ...common]);
    parts.push(local, nameBytes, bytes);
    central.push(
      record([[4, 33639248], [2, 20], ...common, [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]]),
      nameBytes
    );
    offset += local.length + nameBytes.length + bytes.length;
  }
  const size = central.reduce((a2, p) => a2 + p.length, 0);
  const end = record([
    [4, 101010256],
    [2, 0],
    [2, 0],
    [2, files.length],
    [2, files.length],
    [4, size],
    [4, offset],
    [2, 0]
  ]);
  return new Blob([...parts, ...central, end], { type: "application/zip" });
}

// static/js/train/train.js
var BETAS = [0, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];
var BETA_MAX = BETAS[BETAS.length - 1];
var MODEL_NAME = "in-page";
var ARCHIVE = "vae-in-page.zip";
var BACKEND_KEYS = { webgl: "backend.webgl", wasm: "backend.wasm", cpu: "backend.cpu" };
var IDS4 = {
  start: "train-start",
  pause: "train-pause",
  reset: "train-reset",
  beta: "train-beta",
  betaOut: "train-beta-out",
  progress: "train-progress",
  status: "train-status",
  note: "train-note",
  message: "train-message",
  map: "train-map",
  range: "train-map-range",
  curves: "train-curves",
  figures: "train-figures",
  samples: "train-samples",
  input: "train-input",
  output: "train-output",
  another: "train-another",
  use: "train-use",
  download: "train-download"
};
var nearestStop = (beta) => BETAS.reduce((best, b, k) => Math.abs(b - beta) < Math.abs(BETAS[best] - beta) ? k : best, 0);
var TrainSection = class {
  constructor(root, state2, manifest) {
    Object.assign(this, {
      root,
      state: state2,
      n: byIds(root, IDS4),
      trainer: null,
      opening: null,
      reviving: null,
      starting: false,
      points: [],
      range: 3,
      running: false,
      beta: 1,
      info: null
    });
    this.path = manifest && manifest.training_manifest;
    this.draw = createFrameScheduler(() => this.render());
    this.wire();
    this.setBetaSlider(this.beta);
    this.controls();
    if (!this.path) this.say("train.unavailable");
    else whenNear(root, () => this.open().catch(() => {
    }), NEAR.below);
    this.comparison = mountComparison(root, this.path);
    state2.subscribe((what) => {
      if (what === "lang") this.languageChanged();
    });
  }
  wire() {
    const { n: n2 } = this;
    n2.start.addEventListener("click", () => this.start().catch(() => {
    }));
    n2.pause.addEventListener("click", () => this.pause().catch(() => {
    }));
    n2.reset.addEventListener("click", () => this.reset().catch(() => {
    }));
    n2.beta.addEventListener("input", () => this.setBeta(BETAS[Number(n2.beta.value)]).catch(() => {
    }));
    n2.another.addEventListener("click", () => this.watchAnother().catch(() => {
    }));
    n2.use.addEventListener("click", () => this.use().catch(() => {
    }));
    n2.download.addEventListener("click", () => this.download().catch(() => {
    }));
    document.addEventListener("visibilitychange", () => {
      if (document.hidden && this.running) this.pause().then(() => this.say("train.pausedHidden"), () => {
      });
    });
  }
  /** A sentence under the controls (a message key; null clears it); an error also rejects the caller. */
  say(key, params2 = {}) {
    this.n.message.hidden = !key;
    if (key) setText(this.n.message, key, params2);
  }
  fail(key, params2 = {}) {
    this.say(key, params2);
    return new Error(t(key, params2));
  }
  controls() {
    const { n: n2 } = this;
    const open = Boolean(this.trainer && this.trainer.worker);
    const has = Boolean(this.trainer && this.trainer.last);
    n2.start.disabled = !this.path || this.running || this.starting;
    setText(n2.start, has && this.trainer.last.status.steps ? "train.goOn" : "train.start");
    n2.pause.disabled = !this.running;
    n2.reset.disabled = !open || this.running;
    n2.another.disabled = !open;
    n2.use.disabled = !has;
    n2.download.disabled = !has;
  }
  // ---- the worker ----
  /** Start the worker and load the digits (once; a failed try can be retried). */
  open() {
    if (!this.opening) {
      this.opening = this.starts(this.openTrainer());
      this.opening.catch(() => {
        this.opening = null;
      });
    }
    return this.opening;
  }
  /** After every backend failed: a new worker, going on from the weights kept (Start). */
  revive() {
    if (!this.reviving) {
      this.reviving = this.starts(this.trainer.revive().catch((e2) => {
        throw this.fail("train.openFailed", { detail: e2.message || String(e2) });
      }));
      this.reviving.then(() => {
        this.reviving = null;
      }, () => {
        this.reviving = null;
      });
    }
    return this.reviving;
  }
  /** `work`, with Start disabled until it settles. */
  starts(work) {
    this.starting = true;
    this.controls();
    const done = () => {
      this.starting = false;
      this.controls();
    };
    work.then(done, done);
    return work;
  }
  async openTrainer() {
    const { n: n2 } = this;
    n2.progress.hidden = false;
    n2.progress.removeAttribute("value");
    this.say("train.loading");
    try {
      const data = await loadTrainingData(this.path);
      const query = new URLSearchParams(window.location.search);
      const backend = query.get("backend") || "auto";
      this.trainer = new Trainer({ data, backend, flags: query.get("tfjsflags") || "", on: {
        snapshot: (s2) => this.snapshot(s2),
        progress: (f2) => {
          n2.progress.value = f2;
        },
        stopped: (s2) => this.stopped(s2),
        fellBack: (f2) => this.fellBack(f2)
      } });
      this.info = await this.trainer.open();
      this.say(null);
      this.noteBackend();
      this.draw.request();
    } catch (e2) {
      if (this.trainer) this.trainer.close();
      this.trainer = null;
      throw this.fail(e2.code === "data" ? "train.dataFailed" : "train.openFailed", { detail: e2.message || String(e2) });
    } finally {
      n2.progress.hidden = true;
      this.controls();
    }
  }
  // Not running only once the worker says 'stopped' (or answers pause): a snapshot saying running: false
  // comes while its loop is still finishing, and a start sent then would meet the old loop's 'stopped'.
  snapshot(s2) {
    addPoint(this.points, { step: s2.status.steps, beta: s2.status.beta, ...s2.heldOut });
    this.range = 0.7 * this.range + 0.3 * rangeFor2(s2.codes);
    this.draw.request();
    this.controls();
  }
  stopped({ reason, message }) {
    this.running = false;
    const kept = this.trainer.lastWeights;
    if (reason === "failed" && kept) this.say("train.failed", { detail: message, steps: count(kept.steps) });
    else if (reason === "failed") this.say("train.openFailed", { detail: message });
    this.controls();
  }
  fellBack({ from, to, message, steps }) {
    this.say("train.fellBack", {
      from: msg(BACKEND_KEYS[from]),
      to: msg(BACKEND_KEYS[to]),
      detail: message,
      steps: count(steps)
    });
    this.info.backend = to;
    this.running = true;
    this.controls();
  }
  /** Say under the status line when the GPU was passed over for storing only 16-bit floats. */
  noteBackend() {
    const { n: n2, info } = this;
    n2.note.hidden = !info.float16;
    if (info.float16) setText(n2.note, "train.float16", { backend: msg(BACKEND_KEYS[info.backend]) });
  }
  // ---- actions (the buttons, the slider, and the handle) ----
  /** Train until paused, or for `seconds` more seconds, or `steps` more steps. */
  async start({ beta, seconds = null, steps = null } = {}) {
    if (beta !== void 0) this.checkBeta(beta);
    if (!this.path) throw this.fail("train.unavailable");
    await this.open();
    if (!this.trainer.worker || this.reviving) await this.revive();
    if (this.running) throw this.fail("train.already");
    if (beta !== void 0) this.setBetaSlider(beta);
    this.say(null);
    this.running = true;
    this.controls();
    try {
      await this.trainer.start({ beta: this.beta, seconds, steps });
    } catch (e2) {
      this.running = false;
      this.controls();
      throw this.fail("train.failed", { detail: e2.message, steps: count(this.status().steps) });
    }
  }
  async pause() {
    if (!this.running) return;
    try {
      await this.trainer.pause();
    } finally {
      this.running = false;
      this.controls();
    }
  }
  async reset() {
    if (!this.trainer || !this.trainer.worker) throw this.fail("train.notOpen");
    await this.pause();
    this.points = [];
    this.range = 3;
    await this.trainer.request("reset", {});
    this.say(null);
    this.controls();
  }
  checkBeta(beta) {
    if (typeof beta !== "number" || !Number.isFinite(beta) || beta < 0 || beta > BETA_MAX) {
      throw this.fail("train.badBeta", { beta: String(beta), max: shortest(BETA_MAX) });
    }
  }
  setBetaSlider(beta) {
    this.beta = beta;
    this.n.beta.value = String(nearestStop(beta));
    this.n.betaOut.value = shortest(beta);
    this.n.beta.setAttribute("aria-valuetext", `β = ${shortest(beta)}`);
  }
  async setBeta(beta) {
    this.checkBeta(beta);
    this.setBetaSlider(beta);
    if (this.trainer && this.trainer.worker) await this.trainer.request("setBeta", { beta });
  }
  async watchAnother() {
    if (!this.info) return;
    const next = ((this.trainer.last ? this.trainer.last.reconstruction.index : 0) + 1) % this.info.test;
    await this.trainer.request("watch", { index: next });
  }
  /**
   * {values, snapshot}: the newest weights, asked of the worker, with its last snapshot; or, once it has
   * stopped for good, the last weights it sent with the snapshot that carried them (whose figures are theirs).
   */
  async weights() {
    const { trainer } = this;
    if (!trainer || !trainer.last) throw this.fail("train.nothingYet");
    if (trainer.worker && trainer.ready) {
      return { values: (await trainer.request("weights")).weights, snapshot: trainer.last };
    }
    return { values: trainer.lastWeights.weights, snapshot: trainer.lastWeights.snapshot };
  }
  /** Put the trained model behind the sliders, the latent map and the upload panel. */
  async use() {
    const { values, snapshot } = await this.weights();
    const { status: s2, heldOut, codes } = snapshot;
    const entry = {
      name: MODEL_NAME,
      title: t("train.modelTitle", { beta: shortest(s2.beta), steps: count(s2.steps) }),
      kind: "vae",
      arch: "mlp256",
      latent_dim: LATENT_DIM,
      encoder: "in-page",
      encoder_output: "mu_logvar",
      test: {
        images: heldOut.images,
        reconstruction: heldOut.reconstruction,
        kl: heldOut.kl,
        neg_elbo: heldOut.negElbo
      },
      training: { epochs: Number(s2.epochs.toFixed(1)), train_images: this.info.train },
      bytes: {
        encoder: 4 * (PIXELS2 * HIDDEN + HIDDEN + HIDDEN * 2 * LATENT_DIM + 2 * LATENT_DIM),
        decoder: 4 * (LATENT_DIM * HIDDEN + HIDDEN + HIDDEN * PIXELS2 + PIXELS2)
      },
      codes: { count: this.info.test, dim: LATENT_DIM, codes: Float32Array.from(codes), labels: this.info.labels }
    };
    entry.load = async () => trainedModel(entry, values);
    this.state.offerModel(entry);
    await this.state.requestModel(MODEL_NAME);
    this.say("train.inUse");
  }
  /** Save encoder, decoder and a JSON of the figures, in one ZIP; resolves with {archive, files} (names). */
  async download() {
    const { values, snapshot } = await this.weights();
    const { status: s2, heldOut } = snapshot;
    const about = {
      model: "VAE, 2-D code, 784-256-2 / 2-256-784 (train/models.py --arch mlp256)",
      encoder_output: "mu_logvar: the encoder gives [μ | log σ²]",
      beta: s2.beta,
      steps: s2.steps,
      epochs: s2.epochs,
      seconds: s2.seconds,
      backend: s2.backend,
      batch: s2.batch,
      train_images: this.info.train,
      held_out: {
        images: heldOut.images,
        reconstruction: heldOut.reconstruction,
        kl: heldOut.kl,
        neg_elbo: heldOut.negElbo,
        units: "nats per image (Σ-pixel binary cross-entropy, KL in nats)"
      }
    };
    const files = modelFiles(values, about);
    const url = URL.createObjectURL(zipStore(files));
    const a2 = document.createElement("a");
    a2.href = url;
    a2.download = ARCHIVE;
    a2.click();
    setTimeout(() => URL.revokeObjectURL(url), 6e4);
    return { archive: ARCHIVE, files: files.map((f2) => f2.name) };
  }
  /** status() of the handle: the last snapshot's, or what is known before the worker starts. */
  status() {
    const last = this.trainer && this.trainer.last;
    const base = last ? { ...last.status } : {
      steps: 0,
      epochs: 0,
      seconds: 0,
      imagesPerSecond: 0,
      backend: this.info ? this.info.backend : null
    };
    return { ...base, running: this.running, beta: this.beta, heldOut: last ? { ...last.heldOut } : null };
  }
  // ---- drawing ----
  render() {
    const last = this.trainer && this.trainer.last;
    if (!last || !this.info) return;
    const { n: n2 } = this;
    const s2 = last.status;
    setText(n2.status, "train.status", {
      steps: count(s2.steps),
      epochs: fixed(s2.epochs, 1),
      rate: count(Math.round(s2.imagesPerSecond)),
      backend: t(BACKEND_KEYS[s2.backend]),
      seconds: fixed(s2.seconds, 0)
    });
    const h2 = last.heldOut;
    n2.figures.replaceChildren(...[
      ["negElbo", "train.negElbo", h2.negElbo],
      ["reconstruction", "train.reconstruction", h2.reconstruction],
      ["kl", "train.kl", h2.kl]
    ].flatMap(([series, key, v2]) => {
      const dt = document.createElement("dt");
      dt.className = `train-key train-key-${series}`;
      const dd = document.createElement("dd");
      setText(dt, key);
      const unit = document.createElement("span");
      unit.className = "train-unit";
      setText(unit, "train.unit");
      dd.replaceChildren(`${fixed(v2, 1)} `, unit);
      return [dt, dd];
    }));
    paintCodes(n2.map, last.codes, this.info.labels, this.range);
    setText(n2.range, "train.mapRange", { range: fixed(this.range, 1) });
    drawCurves(n2.curves, this.points);
    paintTiles(n2.samples, last.samples, 6);
    paintTiles(n2.input, last.reconstruction.input);
    paintTiles(n2.output, last.reconstruction.output);
  }
  languageChanged() {
    this.setBetaSlider(this.beta);
    this.controls();
    this.draw.request();
  }
  handle() {
    return {
      start: (options) => this.start(options),
      pause: () => this.pause(),
      reset: () => this.reset(),
      setBeta: (beta) => this.setBeta(beta),
      status: () => this.status(),
      use: () => this.use(),
      download: () => this.download(),
      open: () => this.open(),
      points: () => this.points.map((p) => ({ ...p })),
      compare: () => this.comparison.show(),
      get trainer() {
        return this.section.trainer;
      },
      section: this,
      idle: () => this.draw.idle()
    };
  }
};
function mount10({ root, state: state2, manifest }) {
  return new TrainSection(root, state2, manifest).handle();
}

// static/js/upload/upload.js
var upload_exports = {};
__export(upload_exports, {
  mount: () => mount11
});

// static/js/upload/draw-pad.js
var PAD_STROKE = 24;
function paintStroke(ctx, points2, from) {
  ctx.strokeStyle = "#111";
  ctx.fillStyle = "#111";
  ctx.lineWidth = PAD_STROKE;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.beginPath();
  if (points2.length === 1) {
    ctx.arc(points2[0][0], points2[0][1], PAD_STROKE / 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  const start = Math.max(0, from - 1);
  ctx.moveTo(points2[start][0], points2[start][1]);
  for (let i2 = start + 1; i2 < points2.length; i2 += 1) ctx.lineTo(points2[i2][0], points2[i2][1]);
  ctx.stroke();
}
function listen(pad, { begin, extend, end }) {
  const point = (e2) => {
    const r2 = pad.getBoundingClientRect();
    return [(e2.clientX - r2.left) * (pad.width / r2.width), (e2.clientY - r2.top) * (pad.height / r2.height)];
  };
  pad.addEventListener("pointerdown", (e2) => {
    if (e2.pointerType === "mouse" && e2.button !== 0) return;
    if (!begin(e2.pointerId, point(e2))) return;
    e2.preventDefault();
    try {
      pad.setPointerCapture(e2.pointerId);
    } catch (err) {
    }
  });
  pad.addEventListener("pointermove", (e2) => {
    const points2 = () => {
      const events = typeof e2.getCoalescedEvents === "function" ? e2.getCoalescedEvents() : [];
      return (events.length ? events : [e2]).map(point);
    };
    if (extend(e2.pointerId, points2)) e2.preventDefault();
  });
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    pad.addEventListener(type, (e2) => end(e2.pointerId));
  }
}
function createDrawPad(pad, undo, clear, onDraw) {
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  const strokes = [];
  let active = null;
  const repaint = () => {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, pad.width, pad.height);
    for (const s2 of strokes) paintStroke(ctx, s2, 0);
    undo.disabled = strokes.length === 0;
    clear.disabled = strokes.length === 0;
  };
  listen(pad, {
    begin(pointerId, p) {
      if (active) return false;
      active = { pointerId, points: [p] };
      strokes.push(active.points);
      repaint();
      onDraw();
      return true;
    },
    extend(pointerId, points2) {
      if (!active || pointerId !== active.pointerId) return false;
      const from = active.points.length;
      active.points.push(...points2());
      paintStroke(ctx, active.points, from);
      onDraw();
      return true;
    },
    end(pointerId) {
      if (!active || pointerId !== active.pointerId) return;
      active = null;
      onDraw();
    }
  });
  undo.addEventListener("click", () => {
    if (active) return;
    strokes.pop();
    repaint();
    if (strokes.length) onDraw();
  });
  clear.addEventListener("click", () => {
    active = null;
    strokes.length = 0;
    repaint();
  });
  repaint();
  return { strokes, pixels: () => ctx.getImageData(0, 0, pad.width, pad.height).data };
}

// static/js/upload/file-drop.js
var hasFiles = (e2) => e2.dataTransfer && Array.from(e2.dataTransfer.types || []).includes("Files");
function listenForFiles(fileInput, drop, { onFile, onNoFile }) {
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    if (file) onFile(file);
    fileInput.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e2) => {
      e2.preventDefault();
      if (e2.dataTransfer) e2.dataTransfer.dropEffect = "copy";
      drop.classList.add("upload-drop-over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("upload-drop-over"));
  drop.addEventListener("drop", (e2) => {
    e2.preventDefault();
    e2.stopPropagation();
    drop.classList.remove("upload-drop-over");
    const files = e2.dataTransfer ? Array.from(e2.dataTransfer.files || []) : [];
    if (files.length) onFile(files[0]);
    else onNoFile();
  });
  for (const type of ["dragover", "drop"]) {
    document.addEventListener(type, (e2) => {
      if (hasFiles(e2) && !drop.contains(e2.target)) {
        e2.preventDefault();
        if (e2.dataTransfer) e2.dataTransfer.dropEffect = "none";
      }
    });
  }
}

// static/js/upload/preprocess.js
var WORK_SIDE = 320;
var BLOCKS = 8;
var NOISE_SIGMAS = 6;
var MIN_FLOOR = 0.1;
var OTSU_SCALE = 0.5;
var MIN_CONTRAST = 0.2;
var MIN_PEAK = 0.25;
var SPECK_REL = 0.05;
var SPECK_ABS = 2e-4;
var INK_PERCENTILE = 0.9;
var BOX = 20;
var SIZE = 28;
var PreprocessError = class extends MessageError {
};
var round2 = (x) => Math.floor(x + 0.5);
function lowerMedian(values) {
  const s2 = Float64Array.from(values).sort();
  return s2[s2.length - 1 >> 1];
}
function areaWeights(nIn, nOut) {
  const scale2 = nIn / nOut;
  const rows = [];
  for (let j = 0; j < nOut; j += 1) {
    const a2 = j * scale2;
    const b = (j + 1) * scale2;
    const start = Math.floor(a2);
    const w = [];
    for (let k = start; k < nIn && k < b; k += 1) {
      const cover = Math.min(b, k + 1) - Math.max(a2, k);
      w.push(cover > 0 ? cover / scale2 : 0);
    }
    rows.push({ start, w });
  }
  return rows;
}
function areaResize(src, h2, w, outH, outW) {
  const cols = areaWeights(w, outW);
  const rows = areaWeights(h2, outH);
  const tmp = new Float64Array(h2 * outW);
  for (let y = 0; y < h2; y += 1) {
    for (let j = 0; j < outW; j += 1) {
      const { start, w: ws } = cols[j];
      let s2 = 0;
      for (let k = 0; k < ws.length; k += 1) s2 += ws[k] * src[y * w + start + k];
      tmp[y * outW + j] = s2;
    }
  }
  const out = new Float64Array(outH * outW);
  for (let i2 = 0; i2 < outH; i2 += 1) {
    const { start, w: ws } = rows[i2];
    for (let x = 0; x < outW; x += 1) {
      let s2 = 0;
      for (let k = 0; k < ws.length; k += 1) s2 += ws[k] * tmp[(start + k) * outW + x];
      out[i2 * outW + x] = s2;
    }
  }
  return out;
}
function rgbaToGray(rgba, width, height) {
  const n2 = width * height;
  const lum = new Float64Array(n2);
  const alpha = new Float64Array(n2);
  let anyTransparent = false;
  let nOpaque = 0;
  for (let i2 = 0; i2 < n2; i2 += 1) {
    lum[i2] = (0.299 * rgba[4 * i2] + 0.587 * rgba[4 * i2 + 1] + 0.114 * rgba[4 * i2 + 2]) / 255;
    alpha[i2] = rgba[4 * i2 + 3] / 255;
    if (alpha[i2] < 0.99) anyTransparent = true;
    if (alpha[i2] >= 0.5) nOpaque += 1;
  }
  if (!anyTransparent) return lum;
  if (nOpaque === 0) return new Float64Array(n2).fill(1);
  const opaqueLum = new Float64Array(nOpaque);
  for (let i2 = 0, k = 0; i2 < n2; i2 += 1) if (alpha[i2] >= 0.5) opaqueLum[k++] = lum[i2];
  const med = lowerMedian(opaqueLum);
  let paper;
  if (nOpaque < 0.5 * n2) paper = med < 0.5 ? 1 : 0;
  else paper = med;
  for (let i2 = 0; i2 < n2; i2 += 1) lum[i2] = alpha[i2] * lum[i2] + (1 - alpha[i2]) * paper;
  return lum;
}
function fitLongSide(h2, w, side) {
  const s2 = side / Math.max(h2, w);
  return [Math.max(1, round2(h2 * s2)), Math.max(1, round2(w * s2))];
}
function background2(v2, h2, w) {
  const bs = Math.ceil(Math.max(h2, w) / BLOCKS);
  const gh = Math.ceil(h2 / bs);
  const gw = Math.ceil(w / bs);
  const med = new Float64Array(gh * gw);
  const buffer = new Float64Array(bs * bs);
  for (let i2 = 0; i2 < gh; i2 += 1) {
    for (let j = 0; j < gw; j += 1) {
      let k = 0;
      for (let y = i2 * bs; y < Math.min(h2, (i2 + 1) * bs); y += 1) {
        for (let x = j * bs; x < Math.min(w, (j + 1) * bs); x += 1) buffer[k++] = v2[y * w + x];
      }
      const block = buffer.subarray(0, k).sort();
      med[i2 * gw + j] = block[k - 1 >> 1];
    }
  }
  const grid2 = new Float64Array(gh * gw);
  for (let i2 = 0; i2 < gh; i2 += 1) {
    for (let j = 0; j < gw; j += 1) {
      let m = Infinity;
      for (let a2 = Math.max(0, i2 - 1); a2 <= Math.min(gh - 1, i2 + 1); a2 += 1) {
        for (let b = Math.max(0, j - 1); b <= Math.min(gw - 1, j + 1); b += 1) m = Math.min(m, med[a2 * gw + b]);
      }
      grid2[i2 * gw + j] = m;
    }
  }
  const axis2 = (n2, g) => {
    const i0 = new Int32Array(n2);
    const i1 = new Int32Array(n2);
    const t3 = new Float64Array(n2);
    for (let p = 0; p < n2; p += 1) {
      const f2 = Math.min(Math.max((p + 0.5) / bs - 0.5, 0), g - 1);
      i0[p] = Math.floor(f2);
      i1[p] = Math.min(i0[p] + 1, g - 1);
      t3[p] = f2 - i0[p];
    }
    return [i0, i1, t3];
  };
  const [y0, y1, ty] = axis2(h2, gh);
  const [x0, x1, tx] = axis2(w, gw);
  const bg = new Float64Array(h2 * w);
  for (let y = 0; y < h2; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const top = grid2[y0[y] * gw + x0[x]] * (1 - tx[x]) + grid2[y0[y] * gw + x1[x]] * tx[x];
      const bottom = grid2[y1[y] * gw + x0[x]] * (1 - tx[x]) + grid2[y1[y] * gw + x1[x]] * tx[x];
      bg[y * w + x] = top * (1 - ty[y]) + bottom * ty[y];
    }
  }
  return bg;
}
function otsu(v2) {
  const hist = new Float64Array(256);
  for (let i2 = 0; i2 < v2.length; i2 += 1) hist[Math.min(255, Math.floor(v2[i2] * 256))] += 1;
  const total = v2.length;
  let sumAll = 0;
  for (let k = 0; k < 256; k += 1) sumAll += (k + 0.5) * hist[k];
  let best = -1;
  let bestK = 0;
  let w0 = 0;
  let s0 = 0;
  for (let k = 0; k < 255; k += 1) {
    w0 += hist[k];
    s0 += (k + 0.5) * hist[k];
    const w12 = total - w0;
    if (w0 === 0 || w12 === 0) continue;
    const m0 = s0 / w0;
    const m1 = (sumAll - s0) / w12;
    const between = w0 * w12 * (m0 - m1) * (m0 - m1);
    if (between > best) {
      best = between;
      bestK = k;
    }
  }
  w0 = 0;
  s0 = 0;
  for (let k = 0; k <= bestK; k += 1) {
    w0 += hist[k];
    s0 += (k + 0.5) * hist[k];
  }
  const w1 = total - w0;
  return { t: (bestK + 1) / 256, m0: w0 ? s0 / w0 / 256 : 0, m1: w1 ? (sumAll - s0) / w1 / 256 : 0 };
}
function labelComponents(mask, h2, w) {
  const labels2 = new Int32Array(h2 * w);
  const areas = [0];
  const stack = new Int32Array(h2 * w);
  for (let p = 0; p < h2 * w; p += 1) {
    if (!mask[p] || labels2[p]) continue;
    const lab = areas.length;
    let area = 0;
    let top = 0;
    stack[top++] = p;
    labels2[p] = lab;
    while (top > 0) {
      const q = stack[--top];
      area += 1;
      const qy = Math.floor(q / w);
      const qx = q - qy * w;
      for (let dy = -1; dy <= 1; dy += 1) {
        const y = qy + dy;
        if (y < 0 || y >= h2) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const x = qx + dx;
          if (x < 0 || x >= w) continue;
          const r2 = y * w + x;
          if (mask[r2] && !labels2[r2]) {
            labels2[r2] = lab;
            stack[top++] = r2;
          }
        }
      }
    }
    areas.push(area);
  }
  return { labels: labels2, areas };
}
var NO_INK = "upload.err.noInk";
function toWorkSize(gray, h2, w) {
  if (Math.max(h2, w) <= WORK_SIDE) return { g: gray, h: h2, w };
  const [nh, nw] = fitLongSide(h2, w, WORK_SIDE);
  return { g: areaResize(gray, h2, w, nh, nw), h: nh, w: nw };
}
function inkRelativeToPaper(g, h2, w) {
  const n2 = h2 * w;
  const invert = lowerMedian(g) > 0.5;
  const v2 = new Float64Array(n2);
  for (let i2 = 0; i2 < n2; i2 += 1) v2[i2] = invert ? 1 - g[i2] : g[i2];
  const bg = background2(v2, h2, w);
  let peak = 0;
  for (let i2 = 0; i2 < n2; i2 += 1) {
    const x = (v2[i2] - bg[i2]) / Math.max(1 - bg[i2], 0.05);
    v2[i2] = Math.min(Math.max(x, 0), 1);
    if (v2[i2] > peak) peak = v2[i2];
  }
  return { v: v2, peak };
}
function inkThreshold(v2, peak) {
  const n2 = v2.length;
  const med = lowerMedian(v2);
  const deviations = new Float64Array(n2);
  for (let i2 = 0; i2 < n2; i2 += 1) deviations[i2] = Math.abs(v2[i2] - med);
  const floor = med + Math.max(NOISE_SIGMAS * 1.4826 * lowerMedian(deviations), MIN_FLOOR);
  if (peak < Math.max(MIN_PEAK, floor + MIN_CONTRAST)) throw new PreprocessError(NO_INK);
  let nCandidates = 0;
  for (let i2 = 0; i2 < n2; i2 += 1) if (v2[i2] > floor) nCandidates += 1;
  if (nCandidates < SPECK_ABS * n2) throw new PreprocessError(NO_INK);
  const candidates = new Float64Array(nCandidates);
  for (let i2 = 0, k = 0; i2 < n2; i2 += 1) if (v2[i2] > floor) candidates[k++] = v2[i2];
  return Math.max(OTSU_SCALE * otsu(candidates).t, floor);
}
function inkComponents(v2, t3, h2, w) {
  const n2 = h2 * w;
  const mask = new Uint8Array(n2);
  for (let i2 = 0; i2 < n2; i2 += 1) mask[i2] = v2[i2] >= t3 ? 1 : 0;
  const { labels: labels2, areas } = labelComponents(mask, h2, w);
  let largest = 0;
  for (const a2 of areas) if (a2 > largest) largest = a2;
  const minArea = Math.max(SPECK_REL * largest, SPECK_ABS * n2);
  if (largest === 0 || largest < minArea) {
    throw new PreprocessError("upload.err.specks");
  }
  const keep = Uint8Array.from(areas, (a2, i2) => i2 > 0 && a2 >= minArea ? 1 : 0);
  return { mask, labels: labels2, keep };
}
function inkBox(v2, labels2, keep, h2, w) {
  const values = new Float64Array(h2 * w);
  let count2 = 0;
  let top = h2;
  let bottom = -1;
  let left = w;
  let right = -1;
  for (let y = 0; y < h2; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const i2 = y * w + x;
      if (keep[labels2[i2]]) {
        values[count2++] = v2[i2];
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return { top, bottom, left, right, ink: values.subarray(0, count2).sort() };
}
function cropInk(v2, t3, { mask, labels: labels2, keep }, h2, w) {
  const { top, bottom, left, right, ink } = inkBox(v2, labels2, keep, h2, w);
  const lo = t3 / 2;
  const hi = Math.max(ink[Math.floor(INK_PERCENTILE * (ink.length - 1))], lo + 0.05);
  const ch = bottom - top + 1;
  const cw = right - left + 1;
  const crop = new Float64Array(ch * cw);
  for (let y = 0; y < ch; y += 1) {
    for (let x = 0; x < cw; x += 1) {
      const i2 = (y + top) * w + (x + left);
      const speck = mask[i2] && !keep[labels2[i2]];
      crop[y * cw + x] = speck ? 0 : Math.min(Math.max((v2[i2] - lo) / (hi - lo), 0), 1);
    }
  }
  return { crop, ch, cw };
}
function centreByMass(crop, ch, cw) {
  const [nh, nw] = fitLongSide(ch, cw, BOX);
  const small = areaResize(crop, ch, cw, nh, nw);
  let mass = 0;
  let my = 0;
  let mx = 0;
  for (let y = 0; y < nh; y += 1) {
    for (let x = 0; x < nw; x += 1) {
      const p = small[y * nw + x];
      mass += p;
      my += y * p;
      mx += x * p;
    }
  }
  if (!(mass > 0)) throw new PreprocessError(NO_INK);
  const oy = Math.min(Math.max(Math.floor(SIZE / 2 + 0.5 - my / mass + 1e-9), 0), SIZE - nh);
  const ox = Math.min(Math.max(Math.floor(SIZE / 2 + 0.5 - mx / mass + 1e-9), 0), SIZE - nw);
  const out = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < nh; y += 1) {
    for (let x = 0; x < nw; x += 1) {
      out[(y + oy) * SIZE + (x + ox)] = Math.min(Math.max(small[y * nw + x], 0), 1);
    }
  }
  return out;
}
function preprocessGray(gray, height, width) {
  if (!(height > 0 && width > 0)) throw new PreprocessError("upload.err.noPixels");
  const { g, h: h2, w } = toWorkSize(gray, height, width);
  const { v: v2, peak } = inkRelativeToPaper(g, h2, w);
  const t3 = inkThreshold(v2, peak);
  const { crop, ch, cw } = cropInk(v2, t3, inkComponents(v2, t3, h2, w), h2, w);
  return centreByMass(crop, ch, cw);
}
function preprocessRGBA(rgba, width, height) {
  return preprocessGray(rgbaToGray(rgba, width, height), height, width);
}

// static/js/upload/image-file.js
var PRE_REDUCE_SIDE = 2048;
var MAX_PIXELS = 4e7;
var MAX_BYTES = 20 * 1024 * 1024;
var FORMATS2 = msg("upload.formats");
var MB = 2 ** 20;
function ascii(bytes, start, length) {
  let s2 = "";
  for (let i2 = start; i2 < Math.min(bytes.length, start + length); i2 += 1) s2 += String.fromCharCode(bytes[i2]);
  return s2;
}
function sniffType(bytes) {
  const b = bytes;
  if (b.length >= 8 && b[0] === 137 && ascii(b, 1, 3) === "PNG" && b[4] === 13 && b[5] === 10) return "png";
  if (b.length >= 3 && b[0] === 255 && b[1] === 216 && b[2] === 255) return "jpeg";
  if (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a") return "gif";
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "webp";
  if (ascii(b, 0, 2) === "BM" && b.length >= 26) return "bmp";
  if (ascii(b, 4, 4) === "ftyp" && /hei[cfsx]|mif1|msf1/.test(ascii(b, 8, 4))) return "heic";
  const text = ascii(b, 0, 1024).replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().toLowerCase();
  if (text.startsWith("<svg") || text.startsWith("<?xml") && text.includes("<svg") || text.startsWith("<!doctype svg")) return "svg";
  return null;
}
var u16be = (b, i2) => b[i2] << 8 | b[i2 + 1];
var u16le = (b, i2) => b[i2] | b[i2 + 1] << 8;
var u24le = (b, i2) => b[i2] | b[i2 + 1] << 8 | b[i2 + 2] << 16;
var u32be = (b, i2) => (b[i2] << 24 >>> 0) + (b[i2 + 1] << 16 | b[i2 + 2] << 8 | b[i2 + 3]);
var i32le = (b, i2) => b[i2] | b[i2 + 1] << 8 | b[i2 + 2] << 16 | b[i2 + 3] << 24;
function headerSize(bytes, type) {
  const b = bytes;
  if (type === "png") {
    if (b.length < 24 || ascii(b, 12, 4) !== "IHDR") return null;
    return { width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (type === "gif") return b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : null;
  if (type === "bmp") {
    const dib = b[14] | b[15] << 8;
    if (dib === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
    return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  }
  if (type === "webp") {
    const chunk = ascii(b, 12, 4);
    if (chunk === "VP8X" && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    if (chunk === "VP8L" && b.length >= 25) {
      const bits = (b[21] | b[22] << 8 | b[23] << 16 | b[24] << 24) >>> 0;
      return { width: (bits & 16383) + 1, height: (bits >>> 14 & 16383) + 1 };
    }
    if (chunk === "VP8 " && b.length >= 30) return { width: u16le(b, 26) & 16383, height: u16le(b, 28) & 16383 };
    return null;
  }
  if (type === "jpeg") {
    const sof = jpegMarker(b, (m) => m >= 192 && m <= 207 && m !== 196 && m !== 200 && m !== 204);
    return sof >= 0 && sof + 9 < b.length ? { width: u16be(b, sof + 7), height: u16be(b, sof + 5) } : null;
  }
  return null;
}
function jpegMarker(b, wanted2) {
  let i2 = 2;
  while (i2 + 3 < b.length) {
    if (b[i2] !== 255) {
      i2 += 1;
      continue;
    }
    const marker2 = b[i2 + 1];
    if (marker2 === 255) {
      i2 += 1;
      continue;
    }
    if (wanted2(marker2)) return i2;
    if (marker2 === 217 || marker2 === 218) return -1;
    if (marker2 === 216 || marker2 === 1 || marker2 >= 208 && marker2 <= 215) {
      i2 += 2;
      continue;
    }
    i2 += 2 + u16be(b, i2 + 2);
  }
  return -1;
}
function looksTruncated(bytes, type) {
  if (type === "png") return ascii(bytes, Math.max(0, bytes.length - 12), 12).indexOf("IEND") < 0;
  if (type === "jpeg") {
    const sos = jpegMarker(bytes, (m) => m === 218);
    if (sos < 0) return true;
    for (let i2 = sos + 2; i2 + 1 < bytes.length; i2 += 1) {
      if (bytes[i2] === 255 && bytes[i2 + 1] === 217) return false;
    }
    return true;
  }
  return false;
}
function checkImageBytes(bytes, { name = "", mime = "" } = {}) {
  if (bytes.length === 0) throw new PreprocessError("upload.err.empty");
  if (bytes.length > MAX_BYTES) {
    throw new PreprocessError("upload.err.tooBig", { size: fixed(bytes.length / MB, 1), limit: count(MAX_BYTES / MB) });
  }
  const type = sniffType(bytes);
  if (type === "svg" || /svg/i.test(mime) || /\.svgz?$/i.test(name)) {
    throw new PreprocessError("upload.err.svg");
  }
  if (type === "heic") {
    throw new PreprocessError("upload.err.heic");
  }
  if (!type) {
    throw new PreprocessError(
      name ? "upload.err.notPictureNamed" : "upload.err.notPicture",
      { formats: FORMATS2, name }
    );
  }
  const size = headerSize(bytes, type);
  if (!size || !(size.width > 0 && size.height > 0)) {
    throw new PreprocessError("upload.err.header", { type: type.toUpperCase() });
  }
  if (size.width * size.height > MAX_PIXELS) {
    throw new PreprocessError("upload.err.tooManyPixels", {
      width: count(size.width),
      height: count(size.height),
      mp: fixed(size.width * size.height / 1e6, 0),
      limit: count(MAX_PIXELS / 1e6)
    });
  }
  if (looksTruncated(bytes, type)) {
    throw new PreprocessError("upload.err.truncated", { type: type.toUpperCase() });
  }
  return { type, ...size };
}
async function decodeImageBytes(bytes, type) {
  const blob = new Blob([bytes], { type: `image/${type}` });
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: "from-image",
      premultiplyAlpha: "none",
      colorSpaceConversion: "none"
    });
  } catch (e2) {
    throw new PreprocessError("upload.err.decode", { type: type.toUpperCase() });
  }
  try {
    let { width, height } = bitmap;
    if (!(width > 0 && height > 0) || width * height > MAX_PIXELS) {
      throw new PreprocessError("upload.err.bitmapSize", {
        width: count(width),
        height: count(height),
        limit: count(MAX_PIXELS / 1e6)
      });
    }
    if (Math.max(width, height) > PRE_REDUCE_SIDE) {
      const [h2, w] = fitLongSide(height, width, PRE_REDUCE_SIDE);
      const reduced = await createImageBitmap(bitmap, { resizeWidth: w, resizeHeight: h2, resizeQuality: "high" });
      bitmap.close();
      bitmap = reduced;
      width = w;
      height = h2;
    }
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, width, height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}
async function preprocessFile(file) {
  if (file.size > MAX_BYTES) checkImageBytes({ length: file.size });
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e2) {
    throw new PreprocessError("upload.err.read");
  }
  const { type } = checkImageBytes(bytes, { name: file.name || "", mime: file.type || "" });
  const { data, width, height } = await decodeImageBytes(bytes, type);
  return preprocessRGBA(data, width, height);
}

// static/js/upload/code-table.js
var barPercent = (v2) => `${(Math.min(Math.max(v2, -Z_RANGE), Z_RANGE) + Z_RANGE) / (2 * Z_RANGE) * 100}%`;
function codeBar(m, s2) {
  return el(
    "span",
    { class: "upload-bar", "aria-hidden": "true" },
    el("span", {
      class: "upload-bar-band",
      style: { left: barPercent(m - s2), right: `calc(100% - ${barPercent(m + s2)})` }
    }),
    el("span", { class: "upload-bar-mu", style: { left: barPercent(m) } })
  );
}
function row(i2, m, s2) {
  return el(
    "tr",
    {},
    el("th", { scope: "row" }, `z${i2 + 1}`),
    el("td", { class: "mono" }, fixed(m)),
    s2 === null ? null : [el("td", { class: "mono" }, fixed(s2, 2)), el("td", {}, codeBar(m, s2))]
  );
}
function renderCodeTable(table, mu, sigma) {
  const head = el("tr", {}, (sigma ? ["", "μ", "σ", ""] : ["", "z"]).map((h2) => el("th", { scope: "col" }, h2)));
  const rows = Array.from(mu, (m, i2) => row(i2, m, sigma ? sigma[i2] : null));
  const caption = el("caption", {}, t(sigma ? "upload.code.caption" : "upload.code.captionAe"));
  table.replaceChildren(caption, head, ...rows);
  table.setAttribute("aria-label", t(sigma ? "upload.code.label" : "upload.code.labelAe"));
}

// static/js/upload/gray-canvas.js
function paintGray2(canvas, values) {
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
  for (let i2 = 0; i2 < PIXELS; i2 += 1) {
    const g = Math.round(Math.min(Math.max(values[i2], 0), 1) * 255);
    img.data.fill(g, 4 * i2, 4 * i2 + 3);
    img.data[4 * i2 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

// static/js/upload/reading.js
function verdict2(r2) {
  if (r2 < 0.8) return "upload.read.easy";
  if (r2 < 1.25) return "upload.read.typical";
  if (r2 < 2) return "upload.read.hard";
  return "upload.read.far";
}
function readError(bce, average) {
  const nats2 = t("units.nats", { v: fixed(bce, 1) });
  if (!(average > 0)) return t("upload.read.alone", { nats: nats2 });
  const r2 = bce / average;
  return t("upload.read.against", {
    nats: nats2,
    average: t("units.nats", { v: fixed(average, 1) }),
    ratio: fixed(r2, 1),
    verdict: t(verdict2(r2))
  });
}

// static/js/upload/results.js
function showResults(nodes, { image, mu, sigma, recon, bce }, entry) {
  const vae = recon !== null;
  nodes.results.hidden = false;
  nodes.results.classList.toggle("upload-ae", !vae);
  paintGray2(nodes.input, image);
  if (vae) paintGray2(nodes.recon, recon);
  nodes.reconFigure.hidden = !vae;
  renderCodeTable(nodes.code, mu, vae ? sigma : null);
  nodes.reading.textContent = vae ? readError(bce, (entry.test || {}).reconstruction) : t("upload.aeReading");
}

// static/js/upload/sample-strip.js
function sampleButton(label, image, onPick) {
  const canvas = el("canvas", { width: IMAGE_SIZE, height: IMAGE_SIZE });
  paintGray2(canvas, image);
  return el("button", {
    type: "button",
    class: "upload-sample",
    dataset: { label: String(label) },
    i18nAttrs: {
      "aria-label": msg("upload.sampleLabel", { digit: label }),
      title: msg("upload.sampleTitle", { digit: label })
    },
    onclick: () => onPick(image)
  }, canvas);
}
async function loadSampleStrip(box, onPick) {
  let samples2;
  try {
    samples2 = await loadMnistSamples();
  } catch (e2) {
    setText(box, "upload.samplesError", { detail: e2.message });
    return;
  }
  box.replaceChildren(...samples2.labels.map((label, k) => sampleButton(label, samples2.images[k], onPick)));
}

// static/js/upload/suggestion.js
function uploadModel(manifest, model) {
  const models = (manifest.models || []).filter((m) => m.encoder);
  const named = models.find((m) => m.name === manifest.upload_default);
  const widest = models.filter((m) => m.kind === "vae").reduce((a2, b) => !a2 || b.latent_dim > a2.latent_dim ? b : a2, null);
  const best = named || widest;
  return best && best.name !== model.entry.name ? best : null;
}
function createSuggestion({ suggest, suggestText, suggestButton }, manifest, state2) {
  suggestButton.addEventListener("click", () => {
    const name = suggestButton.dataset.model;
    if (name) state2.requestModel(name).catch(() => {
    });
  });
  return function update(model) {
    const better = uploadModel(manifest, model);
    suggest.hidden = !better;
    if (!better) return;
    setText(
      suggestText,
      better.latent_dim > model.latentDim ? "upload.suggest.wider" : "upload.suggest.better",
      { n: model.latentDim, title: better.title, m: better.latent_dim }
    );
    setText(suggestButton, "upload.suggest.use", { title: better.title });
    suggestButton.dataset.model = better.name;
  };
}

// static/js/upload/upload.js
var IDS5 = {
  alert: "upload-alert",
  status: "upload-status",
  file: "upload-file",
  drop: "upload-drop",
  pad: "upload-pad",
  undo: "upload-undo",
  clear: "upload-clear",
  samples: "upload-samples",
  results: "upload-results",
  input: "upload-input",
  recon: "upload-recon",
  reconFigure: "upload-recon-figure",
  code: "upload-code",
  reading: "upload-reading",
  suggest: "upload-suggest",
  suggestText: "upload-suggest-text",
  suggestButton: "upload-suggest-button",
  loading: "upload-loading",
  loadingText: "upload-loading-text",
  progress: "upload-progress"
};
var Upload = class {
  constructor(state2, manifest, root) {
    const n2 = { panel: root, ...byIds(root, IDS5) };
    this.nodes = n2;
    this.state = state2;
    this.stats = createProbe("upload", { runs: 0, drawRequests: 0, latenciesMs: [], last: null, errors: 0 });
    this.job = null;
    this.current = null;
    this.encoders = /* @__PURE__ */ new WeakSet();
    this.near = false;
    this.downloads = createProgressLine(n2.loading, n2.loadingText, n2.progress);
    this.scheduler = createFrameScheduler(() => this.run(), (e2) => this.fail(e2));
    this.updateSuggestion = createSuggestion(n2, manifest, state2);
    this.pad = createDrawPad(n2.pad, n2.undo, n2.clear, () => this.drawn());
    listenForFiles(n2.file, n2.drop, {
      onFile: (file) => this.submit({ source: "upload", read: () => this.readFile(file) }),
      onNoFile: () => this.showAlert(msg("upload.noFile"))
    });
    this.samplesLoaded = null;
    this.wake = whenNear(n2.panel, () => this.approached(), NEAR.upperHalf);
    state2.subscribe((what) => this.modelChanged(what));
    n2.panel.dataset.ready = "true";
  }
  /** The panel came near (or was used): fetch the sample strip and the current model's encoder. */
  approached() {
    this.near = true;
    this.samplesLoaded = loadSampleStrip(this.nodes.samples, (image) => this.submit({ source: "sample", image }));
    this.prefetch();
  }
  /** Fetch the current model's encoder so the first upload is quick (errors show on use). */
  prefetch() {
    const model = this.state.model;
    if (model && model.entry.encoder) this.encoderOf(model, { quiet: true });
  }
  /** Say what is wrong: a msg(), or an error that carries one (PreprocessError, ModelError). */
  showAlert(message) {
    setText(this.nodes.alert, message);
    this.nodes.alert.hidden = false;
    if (this.stats) this.stats.errors += 1;
  }
  /** Show a msg() in the panel's status line, or hide it (null). */
  setStatus(message) {
    if (message) setText(this.nodes.status, message);
    this.nodes.status.hidden = !message;
  }
  fail(e2) {
    const known = e2 instanceof PreprocessError;
    this.showAlert(known ? e2 : msg("upload.failed", { detail: e2.message || String(e2) }));
    if (!known) console.warn(e2);
  }
  /** Queue an input for analysis; it replaces any input still waiting. */
  submit(job) {
    this.wake();
    const waiting = this.job && this.job.source === job.source ? this.job.startedAt : 0;
    const startedAt = this.stats ? waiting || performance.now() : 0;
    this.job = { ...job, startedAt };
    this.scheduler.request();
  }
  drawn() {
    if (this.stats) this.stats.drawRequests += 1;
    this.submit({ source: "draw", read: () => this.readPad() });
  }
  readPad() {
    if (!this.pad.strokes.length) return null;
    try {
      return preprocessRGBA(this.pad.pixels(), this.nodes.pad.width, this.nodes.pad.height);
    } catch (e2) {
      if (e2 instanceof PreprocessError) return null;
      throw e2;
    }
  }
  async readFile(file) {
    this.setStatus(file.name ? msg("upload.readingFile", { file: file.name }) : msg("upload.readingPicture"));
    try {
      return await preprocessFile(file);
    } finally {
      this.setStatus(null);
    }
  }
  /** The language changed: say the results shown and the suggestion again. */
  languageChanged() {
    if (this.shown) showResults(this.nodes, this.shown.shown, this.shown.entry);
    if (this.state.model) this.updateSuggestion(this.state.model);
  }
  modelChanged(what) {
    if (what === "lang") this.languageChanged();
    if (what !== "model") return;
    if (this.current) this.submit({ ...this.current });
    else if (this.state.model) this.updateSuggestion(this.state.model);
    if (!this.current && this.near) this.prefetch();
  }
  /**
   * The model's encoder, downloading it (with a progress bar) on first use; null if it fails, with the
   * reason shown unless `quiet` (a prefetch: the upload that needs it says why).
   */
  async encoderOf(model, { quiet = false } = {}) {
    try {
      const encoder = this.encoders.has(model) ? await model.encoder() : await this.downloads.track(msg("upload.downloadingEncoder"), (onProgress) => model.encoder(onProgress));
      this.encoders.add(model);
      return encoder;
    } catch (e2) {
      if (!quiet) this.showAlert(e2.key ? e2 : msg("errors.generic", { detail: e2.message || String(e2) }));
      return null;
    }
  }
  /** One analysis (run by the frame scheduler): read the newest input, encode it, show it. */
  async run() {
    const job = this.job;
    const model = this.state.model;
    this.job = null;
    if (!job || !model) return;
    const image = job.image || await job.read();
    const encoder = image && !this.job ? await this.encoderOf(model) : null;
    if (!encoder || this.job || this.state.model !== model) return;
    const code = await encodeImage(model, encoder, image);
    if (this.job || this.state.model !== model) return;
    const shown = { image, source: job.source, ...code, bce: code.recon ? bceNats(image, code.recon) : null };
    this.show(shown, model);
    if (this.stats) this.measure(job, shown, model);
  }
  show(shown, model) {
    this.current = { image: shown.image, source: shown.source };
    this.shown = { shown, entry: model.entry };
    showResults(this.nodes, shown, model.entry);
    this.updateSuggestion(model);
    this.nodes.alert.hidden = true;
    this.nodes.alert.textContent = "";
    this.state.setPosterior({
      mu: shown.mu,
      sigma: shown.sigma,
      image: Float32Array.from(shown.image),
      source: shown.source
    }, shown.source);
    this.state.setZ(shown.mu, "upload");
  }
  measure(job, { image, mu, sigma, recon, bce, source }, model) {
    const p = this.stats;
    p.runs += 1;
    pushLatency(p.latenciesMs, performance.now() - job.startedAt, 1e3);
    p.last = {
      source,
      image: Array.from(image),
      mu: Array.from(mu),
      sigma: sigma && Array.from(sigma),
      recon: recon && Array.from(recon),
      bce,
      model: model.entry.name
    };
  }
  /** Resolves once no upload, drawing or sample is waiting or being analysed. */
  idle() {
    return this.scheduler.idle();
  }
  get strokes() {
    return this.pad.strokes;
  }
};
function mount11({ root, state: state2, manifest }) {
  return new Upload(state2, manifest, root);
}

// static/js/main.js
var FIRST = [["explore", explore_exports, "#explore"], ["latent", latent_exports, "#latent"]];
var LATER = [
  ["noise", lesson_exports, "#noise"],
  ["training", train_exports, "#train", "manifest"],
  ["story", story_exports, "#story", "backend"],
  ["upload", upload_exports, "#upload", "manifest"],
  ["classMap", classroom_exports, "#classroom", "manifest"],
  ["blur", blur_exports, "#blur", "manifest"],
  ["projector", projector_exports, "body"],
  ["offline", offline_exports, "body"]
];
var params = new URLSearchParams(window.location.search);
var byId = (id) => document.getElementById(id);
var state = createState();
var demo = { state, ready: false, error: null, probes };
window.vaeDemo = demo;
function fail(e2) {
  const message = e2 instanceof ModelError ? e2 : msg("errors.generic", { detail: e2.message || String(e2) });
  demo.error = e2 instanceof ModelError ? e2.message : t("errors.generic", message.params);
  hideStatus();
  showError(message);
  console.warn(e2);
}
function mountAll(list, reached) {
  for (const [name, feature, where, needs] of list) {
    if (demo[name] || needs && !reached[needs]) continue;
    const root = document.querySelector(where);
    demo[name] = feature.mount({ root, state, manifest: reached.manifest || null, onError: fail });
  }
}
async function mountEach(list, reached) {
  for (const item of list) {
    await nextTask();
    mountAll([item], reached);
  }
}
function firstModel(manifest) {
  const fallback = findModel(manifest, manifest.default) || manifest.models[0];
  const asked = params.get("model");
  const entry = asked === null ? fallback : findModel(manifest, asked);
  if (entry) return entry;
  showError(msg("errors.unknownUrlModel", {
    asked,
    title: fallback.title,
    names: manifest.models.map((m) => m.name).join(", ")
  }));
  return fallback;
}
function showBackend(backend) {
  const badge = byId("backend");
  setText(badge, "header.runsOn", { backend: backend.label });
  if (backend.note) setAttr(badge, "title", backend.note.key, backend.note.params);
}
function startBoot() {
  const started = {
    language: useLanguage(chooseLanguage()),
    backend: initBackend(params.get("backend") || null),
    manifest: loadManifest()
  };
  Object.values(started).forEach((p) => p.catch(() => {
  }));
  return started;
}
async function firstDigit(started, reached) {
  const backend = await started.backend;
  reached.backend = backend;
  demo.backend = backend.name;
  showBackend(backend);
  showStatus(msg("status.readingModels"));
  const manifest = await started.manifest;
  reached.manifest = manifest;
  demo.manifest = manifest;
  mountAll(FIRST, reached);
  state.setModelSwitcher(modelSwitcher(state, manifest, fail));
  await switchModel(state, firstModel(manifest));
  demo.decode = (zs) => state.model.decodeArrays(zs);
  await demo.explore.idle();
  const boot = createProbe("boot");
  if (boot) boot.firstDigitMs = performance.now();
}
async function main() {
  const started = startBoot();
  await started.language;
  mountAll([["language", language_picker_exports, "header"]], {});
  const reached = {};
  let failed = false;
  try {
    await firstDigit(started, reached);
  } catch (e2) {
    fail(e2);
    failed = true;
  }
  await mountEach([...FIRST, ...LATER], reached);
  if (failed) return;
  if (reached.backend.note) showStatus(reached.backend.note, null, { closable: true });
  demo.ready = true;
  document.body.dataset.ready = "true";
}
main().catch(fail);

(() => {
  // static/js/core/wasm-threads.js
  var MIN_CORES_FOR_THREADS = 4;
  function limitWasmThreads() {
    if (!((navigator.hardwareConcurrency || 1) >= MIN_CORES_FOR_THREADS)) {
      tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    }
  }

  // static/js/train/digits.js
  var TILE = 28;
  var PIXELS = TILE * TILE;
  async function fetchBytes(url, onProgress) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get("Content-Length")) || 0;
    const reader = response.body.getReader();
    const parts = [];
    let loaded = 0;
    for (; ; ) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.length;
      onProgress(loaded, total);
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }
  async function pngGray(bytes) {
    const bitmap = await createImageBitmap(
      new Blob([bytes], { type: "image/png" }),
      { colorSpaceConversion: "none", premultiplyAlpha: "none" }
    );
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    bitmap.close();
    const gray = new Uint8Array(rgba.length / 4);
    for (let k = 0; k < gray.length; k += 1) gray[k] = rgba[4 * k];
    return { gray, width: canvas.width };
  }
  function cutTile(sheet, columns, k, out, row) {
    const x0 = k % columns * TILE;
    const y0 = Math.floor(k / columns) * TILE;
    for (let r = 0; r < TILE; r += 1) {
      const from = (y0 + r) * sheet.width + x0;
      for (let c = 0; c < TILE; c += 1) out[row * PIXELS + r * TILE + c] = sheet.gray[from + c] / 255;
    }
  }
  async function loadDigits(data, onProgress) {
    const sizes = { images: 0, labels: 0 };
    const totals = { images: 0, labels: 0 };
    const report = (part2) => (loaded, total) => {
      sizes[part2] = loaded;
      totals[part2] = total;
      const all = totals.images + totals.labels;
      if (all) onProgress(Math.min(1, (sizes.images + sizes.labels) / all));
    };
    const [png, labels] = await Promise.all([
      fetchBytes(data.imagesUrl, report("images")),
      fetchBytes(data.labelsUrl, report("labels"))
    ]);
    const count = data.train + data.test;
    if (labels.length !== count) throw new Error(`${data.labelsUrl} holds ${labels.length} labels, not ${count}`);
    const sheet = await pngGray(png);
    if (sheet.width !== data.columns * TILE || sheet.gray.length < count * PIXELS) {
      throw new Error(`${data.imagesUrl} is not ${count} digits in ${data.columns} columns`);
    }
    const part = (from, n) => {
      const x = new Float32Array(n * PIXELS);
      for (let k = 0; k < n; k += 1) cutTile(sheet, data.columns, from + k, x, k);
      return { x, labels: labels.slice(from, from + n) };
    };
    return { train: part(0, data.train), test: part(data.train, data.test) };
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
  function initialWeights(seed) {
    return Object.fromEntries(WEIGHTS.map(([name, shape], k) => {
      if (shape.length === 1) return [name, tf.variable(tf.zeros(shape))];
      const limit = Math.sqrt(6 / (shape[0] + shape[1]));
      return [name, tf.variable(tf.randomUniform(shape, -limit, limit, "float32", seed + k))];
    }));
  }
  function weightsFrom(values) {
    return Object.fromEntries(WEIGHTS.map(([name, shape]) => {
      if (!values[name] || values[name].length !== shape.reduce((a, b) => a * b, 1)) {
        throw new Error(`the weights have no ${name} of shape [${shape}]`);
      }
      return [name, tf.variable(tf.tensor(values[name], shape))];
    }));
  }
  async function weightValues(w) {
    const values = await Promise.all(WEIGHTS.map(([name]) => w[name].data()));
    return Object.fromEntries(WEIGHTS.map(([name], k) => [name, values[k].slice()]));
  }
  function disposeWeights(w) {
    if (w) Object.values(w).forEach((v) => v.dispose());
  }
  var dense = (w, layer, x) => tf.add(tf.matMul(x, w[`${layer}.kernel`]), w[`${layer}.bias`]);
  function encode(w, x) {
    const h = tf.relu(dense(w, "encoder.hidden", x));
    return { mu: dense(w, "encoder.mu", h), logvar: dense(w, "encoder.logvar", h) };
  }
  function decodeLogits(w, z) {
    return dense(w, "decoder.logits", tf.relu(dense(w, "decoder.hidden", z)));
  }
  function decode(w, z) {
    return tf.sigmoid(decodeLogits(w, z));
  }
  function pixelBce(logits, x) {
    const stable = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.sum(stable, 1);
  }
  function klPerImage(mu, logvar) {
    return tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 1));
  }
  function losses(w, x, beta, eps = null) {
    const { mu, logvar } = encode(w, x);
    const noise = eps || tf.randomNormal(mu.shape);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), noise));
    const reconstruction = tf.mean(pixelBce(decodeLogits(w, z), x));
    const kl = tf.mean(klPerImage(mu, logvar));
    return { reconstruction, kl, loss: tf.add(reconstruction, tf.mul(beta, kl)) };
  }

  // static/js/train/worker.js
  var BATCH = 100;
  var LEARNING_RATE = 2e-3;
  var SNAPSHOT_MS = 400;
  var SNAPSHOT_SHARE = 8;
  var WEIGHTS_EVERY = 10;
  var SYNC_EVERY = 10;
  var SAMPLE_GRID = 36;
  var FIXED_SEED = 20261206;
  var run = {
    w: null,
    optimizer: null,
    beta: 1,
    steps: 0,
    seconds: 0,
    running: false,
    until: null,
    loop: null,
    untilSteps: null,
    order: null,
    at: 0,
    random: null,
    snapshots: 0,
    watch: 0,
    seed: 0,
    backend: null,
    data: null,
    train: null,
    tensors: null,
    timed: { count: 0, seconds: 0 }
  };
  self.vaeTrainer = run;
  var post = (message, transfer = []) => self.postMessage(message, transfer);
  function softwareOrNoWebGL() {
    try {
      const gl = new OffscreenCanvas(1, 1).getContext("webgl2") || new OffscreenCanvas(1, 1).getContext("webgl");
      if (!gl) return "none";
      const info = gl.getExtension("WEBGL_debug_renderer_info");
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? renderer : null;
    } catch (e) {
      return "none";
    }
  }
  function plainProduct(x, y, tx, ty) {
    if (x.rank > 2 || tx === ty) return tf.matMul(x, y, tx, ty);
    const rows = tx ? x.shape[1] : x.shape[0];
    const cols = ty ? y.shape[0] : y.shape[1];
    const swapped = (tx ? y.size : x.size) + rows * cols;
    if ((tx ? x.size : y.size) <= swapped) return tf.matMul(tx ? tf.transpose(x) : x, ty ? tf.transpose(y) : y);
    return tf.transpose(tx ? tf.matMul(tf.transpose(y), x) : tf.matMul(y, tf.transpose(x)));
  }
  function registerPlainMatMulGradient() {
    const product = plainProduct;
    tf.registerGradient({
      kernelName: "BatchMatMul",
      inputsToSave: ["a", "b"],
      gradFunc: (dy, [a, b], { transposeA, transposeB }) => {
        if (!transposeA && !transposeB) {
          return { a: () => product(dy, b, false, true), b: () => product(a, dy, true, false) };
        }
        if (!transposeA) return { a: () => product(dy, b, false, false), b: () => product(dy, a, true, false) };
        if (!transposeB) return { a: () => product(b, dy, false, true), b: () => product(a, dy, false, false) };
        return { a: () => product(b, dy, true, true), b: () => product(dy, a, true, true) };
      }
    });
  }
  function parseFlags(text) {
    const flags = {};
    for (const part of text.split(",").filter((p) => p.trim())) {
      const [name, value, ...more] = part.split(":").map((p) => p.trim());
      if (!name || value === void 0 || more.length) throw new Error(`tfjsflags: "${part}" is not NAME:VALUE`);
      if (/^(true|false)$/i.test(value)) flags[name] = value.toLowerCase() === "true";
      else if (value !== "" && Number.isFinite(Number(value))) flags[name] = Number(value);
      else throw new Error(`tfjsflags: ${name}'s value "${value}" is not true, false or a number`);
    }
    return flags;
  }
  function applyFlags(pending) {
    for (const [name, value] of Object.entries(pending)) {
      try {
        tf.env().set(name, value);
        delete pending[name];
      } catch (e) {
      }
    }
  }
  var failure = (code, message) => Object.assign(new Error(message), { code });
  function float16Only() {
    if (tf.getBackend() !== "webgl" || tf.env().getBool("WEBGL_RENDER_FLOAT32_ENABLED")) return false;
    tf.removeBackend("webgl");
    return true;
  }
  async function initBackend(urls, wanted, flags) {
    importScripts(urls.tfjs, urls.gradients);
    registerPlainMatMulGradient();
    tf.wasm.setWasmPaths(urls.wasm);
    const pending = { ...flags };
    applyFlags(pending);
    limitWasmThreads();
    const order = wanted !== "auto" ? [wanted] : softwareOrNoWebGL() ? ["wasm", "cpu"] : ["webgl", "wasm", "cpu"];
    const failures = [];
    let float16 = false;
    for (const name of order) {
      try {
        if (!tf.findBackendFactory(name)) importScripts(urls[name]);
        applyFlags(pending);
        if (name === "webgl" && wanted === "webgl") tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
        if (await tf.setBackend(name)) {
          await tf.ready();
          if (!float16Only()) return { name, float16 };
          float16 = true;
          failures.push("webgl: float16 only");
          order.push(...["wasm", "cpu"].filter((next) => !order.includes(next)));
        } else {
          failures.push(`${name}: not available`);
        }
      } catch (e) {
        failures.push(`${name}: ${e.message}`);
      }
    }
    throw failure("backend", `no TensorFlow.js backend could start in the worker (${failures.join("; ")})`);
  }
  function keepData(digits, seed) {
    const { train, test } = digits;
    run.data = { train: train.labels.length, test: test.labels.length };
    run.train = train.x;
    run.tensors = {
      test: tf.tensor2d(test.x, [run.data.test, 784]),
      eps: tf.randomNormal([run.data.test, LATENT_DIM], 0, 1, "float32", FIXED_SEED),
      grid: tf.randomNormal([SAMPLE_GRID, LATENT_DIM], 0, 1, "float32", FIXED_SEED + 1)
    };
    run.seed = seed;
    return test.labels;
  }
  var optimizer = () => tf.train.adam(LEARNING_RATE, 0.9, 0.999, 1e-7);
  function seeded(seed) {
    let a = seed >>> 0;
    return () => {
      a = a + 1831565813 >>> 0;
      let t = Math.imul(a ^ a >>> 15, a | 1);
      t ^= t + Math.imul(t ^ t >>> 7, t | 61);
      return ((t ^ t >>> 14) >>> 0) / 4294967296;
    };
  }
  function freshModel(weights = null) {
    disposeWeights(run.w);
    if (run.optimizer) run.optimizer.dispose();
    run.w = weights ? weightsFrom(weights) : initialWeights(run.seed);
    run.optimizer = optimizer();
    run.order = null;
    run.random = seeded(run.seed * 1000003 + run.steps);
  }
  function nextIndices() {
    const n = run.data.train;
    if (!run.order || run.at + BATCH > n) {
      run.order = new Int32Array(n).map((_, k) => k);
      for (let k = n - 1; k > 0; k -= 1) {
        const j = Math.floor(run.random() * (k + 1));
        [run.order[k], run.order[j]] = [run.order[j], run.order[k]];
      }
      run.at = 0;
    }
    run.at += BATCH;
    return run.order.subarray(run.at - BATCH, run.at);
  }
  function nextBatch() {
    const rows = new Float32Array(BATCH * 784);
    nextIndices().forEach((digit, k) => rows.set(run.train.subarray(digit * 784, (digit + 1) * 784), k * 784));
    return tf.tensor2d(rows, [BATCH, 784]);
  }
  run.nextBatch = nextBatch;
  function step(cost) {
    return tf.tidy(() => {
      const x = nextBatch();
      const eps = tf.randomNormal([BATCH, LATENT_DIM], 0, 1, "float32", Math.floor(run.random() * 2 ** 31));
      return run.optimizer.minimize(() => losses(run.w, x, run.beta, eps).loss, cost, Object.values(run.w));
    });
  }
  function status() {
    const images = run.steps * BATCH;
    return {
      running: run.running,
      steps: run.steps,
      epochs: run.data ? images / run.data.train : 0,
      seconds: run.seconds,
      imagesPerSecond: run.recentRate || 0,
      backend: run.backend,
      beta: run.beta,
      batch: BATCH,
      snapshotsWhileTraining: { ...run.timed }
    };
  }
  async function snapshot(withWeights = false) {
    const { test, eps, grid } = run.tensors;
    const parts = tf.tidy(() => {
      const { mu, logvar } = encode(run.w, test);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
      const watched = tf.slice(mu, [run.watch, 0], [1, LATENT_DIM]);
      return [
        tf.mean(pixelBce(decodeLogits(run.w, z), test)),
        tf.mean(klPerImage(mu, logvar)),
        mu,
        decode(run.w, grid),
        decode(run.w, watched),
        tf.slice(test, [run.watch, 0], [1, 784])
      ];
    });
    let values;
    try {
      values = (await Promise.all(parts.map((t) => t.data()))).map((v) => v.slice());
    } finally {
      parts.forEach((t) => t.dispose());
    }
    const [[reconstruction], [kl], codes, samples, output, input] = values;
    run.snapshots += 1;
    const weights = withWeights || run.snapshots % WEIGHTS_EVERY === 0 ? await weightValues(run.w) : null;
    const message = { type: "snapshot", status: status(), codes, samples, reconstruction: {
      index: run.watch,
      input,
      output
    }, heldOut: { images: run.data.test, reconstruction, kl, negElbo: reconstruction + kl }, weights };
    const transfer = [codes.buffer, samples.buffer, output.buffer, input.buffer];
    if (weights) transfer.push(...Object.values(weights).map((v) => v.buffer));
    post(message, transfer);
  }
  var channel = new MessageChannel();
  var yieldToMessages = () => new Promise((resolve) => {
    channel.port1.onmessage = resolve;
    channel.port2.postMessage(0);
  });
  async function loop() {
    let last = performance.now();
    let snapAt = last;
    let snapSteps = run.steps;
    let snapMs = 0;
    let reason = "paused";
    try {
      while (run.running) {
        const cost = step(run.steps % SYNC_EVERY === SYNC_EVERY - 1);
        if (cost) {
          await cost.data();
          cost.dispose();
        }
        run.steps += 1;
        const now = performance.now();
        run.seconds += (now - last) / 1e3;
        last = now;
        const done = run.until !== null && run.seconds >= run.until && "seconds" || run.untilSteps !== null && run.steps >= run.untilSteps && "steps";
        if (done) {
          run.running = false;
          reason = done;
        }
        if (now - snapAt >= Math.max(SNAPSHOT_MS, SNAPSHOT_SHARE * snapMs)) {
          run.recentRate = (run.steps - snapSteps) * BATCH / ((now - snapAt) / 1e3);
          await snapshot();
          snapAt = performance.now();
          snapMs = snapAt - now;
          snapSteps = run.steps;
          run.timed.count += 1;
          run.timed.seconds += snapMs / 1e3;
        }
        await yieldToMessages();
      }
      await snapshot(true);
      post({ type: "stopped", reason });
    } catch (e) {
      run.running = false;
      post({ type: "stopped", reason: "failed", message: e.message || String(e) });
    }
  }
  function checkBeta(beta) {
    if (typeof beta !== "number" || !Number.isFinite(beta) || beta < 0) {
      throw new Error(`β must be a number ≥ 0, not ${beta}`);
    }
    return beta;
  }
  async function gradients({ weights, x, eps, beta }) {
    checkBeta(beta);
    const w = weightsFrom(weights);
    const adam = optimizer();
    try {
      const n = x.length / 784;
      const out = tf.tidy(() => {
        const xs = tf.tensor2d(x, [n, 784]);
        const noise = tf.tensor2d(eps, [n, LATENT_DIM]);
        const figures = losses(w, xs, beta, noise);
        const { value, grads } = tf.variableGrads(() => losses(w, xs, beta, noise).loss, Object.values(w));
        return { value, reconstruction: figures.reconstruction, kl: figures.kl, grads };
      });
      adam.applyGradients(out.grads);
      const names = Object.keys(w);
      const values = await Promise.all(names.map((name) => out.grads[w[name].name].data()));
      const [[loss], [reconstruction], [kl]] = await Promise.all([
        out.value.data(),
        out.reconstruction.data(),
        out.kl.data()
      ]);
      const result = {
        loss,
        reconstruction,
        kl,
        grads: Object.fromEntries(names.map((name, k) => [name, values[k]])),
        stepped: await weightValues(w)
      };
      tf.dispose([out.value, out.reconstruction, out.kl, Object.values(out.grads)]);
      return result;
    } finally {
      disposeWeights(w);
      adam.dispose();
    }
  }
  var HANDLERS = {
    async init({ urls, backend, data, seed = 0, flags = "" }) {
      if (run.backend) throw new Error("the trainer is already set up");
      const { name, float16 } = await initBackend(urls, backend, parseFlags(flags));
      let digits;
      try {
        digits = await loadDigits(data, (fraction) => post({ type: "progress", fraction }));
      } catch (e) {
        throw failure("data", e.message);
      }
      const labels = keepData(digits, seed);
      run.backend = name;
      freshModel();
      await snapshot(true);
      return { backend: name, float16, train: run.data.train, test: run.data.test, labels };
    },
    start({ beta, seconds = null, steps = null }) {
      if (run.running) throw new Error("the model is already training");
      run.beta = checkBeta(beta === void 0 ? run.beta : beta);
      if (seconds !== null && !(seconds > 0)) throw new Error(`seconds must be a number > 0, not ${seconds}`);
      if (steps !== null && !(Number.isInteger(steps) && steps > 0)) {
        throw new Error(`steps must be a whole number > 0, not ${steps}`);
      }
      run.until = seconds === null ? null : run.seconds + seconds;
      run.untilSteps = steps === null ? null : run.steps + steps;
      run.running = true;
      run.loop = loop();
      return {};
    },
    async pause() {
      run.running = false;
      await run.loop;
      return {};
    },
    async setBeta({ beta }) {
      run.beta = checkBeta(beta);
      if (!run.running) await snapshot();
      return {};
    },
    async reset({ seed = run.seed }) {
      run.running = false;
      await run.loop;
      run.seed = seed;
      Object.assign(run, { steps: 0, seconds: 0, recentRate: 0, timed: { count: 0, seconds: 0 } });
      freshModel();
      await snapshot(true);
      return {};
    },
    async restore({ weights, steps, seconds, beta }) {
      Object.assign(run, { steps, seconds, beta: checkBeta(beta), recentRate: 0, timed: { count: 0, seconds: 0 } });
      freshModel(weights);
      await snapshot(true);
      return {};
    },
    async weights() {
      return { weights: await weightValues(run.w), steps: run.steps, beta: run.beta };
    },
    gradients,
    async watch({ index }) {
      if (!(index >= 0 && index < run.data.test)) throw new Error(`no held-out digit ${index}`);
      run.watch = index;
      if (!run.running) await snapshot();
      return {};
    }
  };
  self.onmessage = async ({ data }) => {
    const { type, id, ...args } = data;
    try {
      if (!HANDLERS[type]) throw new Error(`the trainer has no message ${type}`);
      if (type !== "init" && !run.backend) throw new Error("the trainer is not set up yet");
      const result = await HANDLERS[type](args);
      if (id !== void 0) post({ type: "reply", id, ...result });
    } catch (e) {
      if (id !== void 0) post({ type: "reply", id, error: e.message || String(e), code: e.code });
      else post({ type: "stopped", reason: "failed", message: e.message || String(e) });
    }
  };
})();

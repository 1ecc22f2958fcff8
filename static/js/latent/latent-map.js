// The whole latent space on one canvas: the test set's codes coloured by digit (shipped with the
// model), the decoded manifold (a 20×20 grid of digits decoded over the plane, rendered here with
// the model's decoder), and a marker at the current z. Clicking or dragging on the map moves z
// (the sliders follow); moving the sliders moves the marker: one state, two views.
// For models with more than two dimensions the user picks the two to map; the other dimensions
// keep their current values.
/* global tf */

import { loadLatentMap } from './core/models.js';

export const GRID = 20;
const TILE = 28;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function initLatentMap({ state, root, onError = () => {} }) {
  const canvas = root.querySelector('#latent-canvas');
  const ctx = canvas.getContext('2d');
  const xPick = root.querySelector('#latent-x');
  const yPick = root.querySelector('#latent-y');
  const dimsRow = root.querySelector('#latent-dims');
  const showPoints = root.querySelector('#latent-show-points');
  const showManifold = root.querySelector('#latent-show-manifold');
  const note = root.querySelector('#latent-note');
  const legend = root.querySelector('#latent-legend');
  const manifoldCanvas = document.createElement('canvas');
  manifoldCanvas.width = GRID * TILE;
  manifoldCanvas.height = GRID * TILE;

  let map = null;
  let dims = [0, 1];
  let range = 3;
  let manifold = null;  // {values: Float32Array(G·G·784) as laid out on the big image, zs, dims, base}
  let manifoldPending = null;
  let manifoldTimer = null;
  let drawScheduled = false;
  let loadToken = 0;

  legend.replaceChildren(...PALETTE.map((color, digit) => {
    const item = document.createElement('span');
    item.className = 'legend-item';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    item.append(swatch, String(digit));
    return item;
  }));

  const size = () => canvas.width;
  const toPx = (v) => ((v + range) / (2 * range)) * size();
  const toPy = (v) => ((range - v) / (2 * range)) * size();
  const fromPx = (px) => (px / size()) * 2 * range - range;
  const fromPy = (py) => range - (py / size()) * 2 * range;

  /** The code of tile (row i from the top, column j from the left) given the other dims `base`. */
  function tileZ(i, j, base = state.z) {
    const z = Float32Array.from(base);
    const step = (2 * range) / GRID;
    z[dims[0]] = -range + (j + 0.5) * step;
    z[dims[1]] = range - (i + 0.5) * step;
    return z;
  }

  async function renderManifold() {
    if (!state.model) return 0;
    const model = state.model;
    const L = model.latentDim;
    const base = Float32Array.from(state.z);
    const zs = new Float32Array(GRID * GRID * L);
    for (let i = 0; i < GRID; i += 1) {
      for (let j = 0; j < GRID; j += 1) zs.set(tileZ(i, j, base), (i * GRID + j) * L);
    }
    const t0 = performance.now();
    const big = tf.tidy(() => model.decode(tf.tensor2d(zs, [GRID * GRID, L]))
      .reshape([GRID, GRID, TILE, TILE]).transpose([0, 2, 1, 3]).reshape([GRID * TILE, GRID * TILE]));
    try {
      await tf.browser.toPixels(big, manifoldCanvas);
      const values = await big.data();
      if (model !== state.model) return 0;  // the model changed meanwhile
      manifold = { values, dims: [...dims], base, range };
    } finally {
      big.dispose();
    }
    const ms = performance.now() - t0;
    scheduleDraw();
    return ms;
  }

  let manifoldWanted = false;

  function requestManifold(delay = 0) {
    clearTimeout(manifoldTimer);
    manifoldWanted = true;
    manifoldTimer = setTimeout(flushManifold, delay);
  }

  /** Start a wanted render now (renders never overlap); resolves when the last one is done. */
  function flushManifold() {
    clearTimeout(manifoldTimer);
    if (manifoldWanted) {
      manifoldWanted = false;
      manifoldPending = (manifoldPending || Promise.resolve()).then(() => renderManifold()).catch(onError);
    }
    return manifoldPending || Promise.resolve();
  }

  function scheduleDraw() {
    if (drawScheduled) return;
    drawScheduled = true;
    requestAnimationFrame(() => {
      drawScheduled = false;
      draw();
    });
  }

  function draw() {
    const s = size();
    ctx.clearRect(0, 0, s, s);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, s, s);
    if (showManifold.checked && manifold) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(manifoldCanvas, 0, 0, s, s);
    }
    ctx.strokeStyle = showManifold.checked && manifold ? 'rgba(255,255,255,0.35)' : '#ccc';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(toPx(0), 0); ctx.lineTo(toPx(0), s);
    ctx.moveTo(0, toPy(0)); ctx.lineTo(s, toPy(0));
    ctx.stroke();
    if (showPoints.checked && map) {
      const r = Math.max(1.5, s / 320);
      ctx.globalAlpha = showManifold.checked && manifold ? 0.55 : 0.7;
      for (let k = 0; k < map.count; k += 1) {
        ctx.fillStyle = PALETTE[map.labels[k]];
        ctx.fillRect(toPx(map.codes[k * map.dim + dims[0]]) - r, toPy(map.codes[k * map.dim + dims[1]]) - r, 2 * r, 2 * r);
      }
      ctx.globalAlpha = 1;
    }
    if (state.model) {
      const x = toPx(state.z[dims[0]]);
      const y = toPy(state.z[dims[1]]);
      ctx.lineWidth = Math.max(2, s / 200);
      ctx.strokeStyle = '#000';
      ctx.beginPath(); ctx.arc(x, y, s / 45, 0, 2 * Math.PI); ctx.stroke();
      ctx.strokeStyle = '#ffd400';
      ctx.lineWidth = Math.max(1, s / 400);
      ctx.beginPath(); ctx.arc(x, y, s / 45, 0, 2 * Math.PI); ctx.stroke();
    }
    canvas.setAttribute('aria-label', state.model
      ? `Latent map of z${dims[0] + 1} (across) and z${dims[1] + 1} (up), range ±${range}; ` +
        `marker at (${state.z[dims[0]].toFixed(2)}, ${state.z[dims[1]].toFixed(2)})`
      : 'Latent map');
  }

  function setDims(x, y) {
    dims = [x, y];
    xPick.value = String(x);
    yPick.value = String(y);
    requestManifold();
    scheduleDraw();
  }

  function moveTo(event) {
    const rect = canvas.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * size();
    const py = ((event.clientY - rect.top) / rect.height) * size();
    const z = Float32Array.from(state.z);
    z[dims[0]] = Math.max(-range, Math.min(range, fromPx(px)));
    z[dims[1]] = Math.max(-range, Math.min(range, fromPy(py)));
    state.setZ(z, 'map');
  }

  canvas.addEventListener('pointerdown', (e) => {
    if (!state.model) return;
    canvas.setPointerCapture(e.pointerId);
    moveTo(e);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (canvas.hasPointerCapture(e.pointerId)) moveTo(e);
  });
  canvas.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 0.5 : 0.1;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (!moves[e.key] || !state.model) return;
    e.preventDefault();
    e.stopPropagation();
    const z = Float32Array.from(state.z);
    z[dims[0]] = Math.max(-range, Math.min(range, z[dims[0]] + moves[e.key][0]));
    z[dims[1]] = Math.max(-range, Math.min(range, z[dims[1]] + moves[e.key][1]));
    state.setZ(z, 'map');
  });
  xPick.addEventListener('change', () => setDims(Number(xPick.value), dims[1] === Number(xPick.value) ? dims[0] : dims[1]));
  yPick.addEventListener('change', () => setDims(dims[0] === Number(yPick.value) ? dims[1] : dims[0], Number(yPick.value)));
  showPoints.addEventListener('change', scheduleDraw);
  showManifold.addEventListener('change', () => {
    if (showManifold.checked && !manifold) requestManifold();
    scheduleDraw();
  });

  async function onModel(model) {
    const token = ++loadToken;
    map = null;
    manifold = null;
    const L = model.latentDim;
    const options = Array.from({ length: L }, (_, i) => new Option(`z${i + 1}`, String(i)));
    xPick.replaceChildren(...options.map((o) => o.cloneNode(true)));
    yPick.replaceChildren(...options.map((o) => o.cloneNode(true)));
    dimsRow.hidden = L <= 2;
    dims = [0, Math.min(1, L - 1)];
    range = 3;
    try {
      const loaded = await loadLatentMap(model.entry);
      if (token !== loadToken) return;
      map = loaded;
      if (map && model.entry.kind === 'ae') {
        // A plain autoencoder's codes sit where they please: widen the view to hold nearly all.
        const abs = Array.from(map.codes, Math.abs).sort((a, b) => a - b);
        range = Math.max(3, Math.ceil(abs[Math.floor(0.99 * (abs.length - 1))]));
      }
      note.textContent = map
        ? `${map.count.toLocaleString('en')} test digits, each at its code${model.entry.kind === 'vae' ? ' μ' : ''}; ` +
          `view ±${range}.` + (model.entry.kind === 'ae'
          ? ' A plain autoencoder puts codes wherever it likes: note the empty gaps between digits and the ' +
            'spread far beyond ±3. Decode a code from a gap and you get no digit.'
          : ' The KL term pulls the codes into a standard normal blob around 0, without holes, so every ' +
            'point decodes to something digit-like.')
        : 'This model was exported without a latent map.';
    } catch (e) {
      onError(e);
    }
    setDims(dims[0], dims[1]);
  }

  let lastBase = null;
  state.subscribe((what, s) => {
    if (what === 'model') onModel(s.model);
    if (what === 'z') {
      scheduleDraw();
      // With more than two dimensions the manifold depends on the others: re-render when they change.
      if (s.model && s.model.latentDim > 2) {
        const others = Array.from(s.z).filter((_, i) => !dims.includes(i)).join(',');
        if (others !== lastBase) {
          lastBase = others;
          if (showManifold.checked) requestManifold(150);
        }
      }
    }
  });

  return {
    /** Render the manifold now; resolves to the milliseconds decode + draw took. */
    renderManifold,
    /** {z, values(784)} of tile (i, j) of the last rendered manifold. */
    tile(i, j) {
      if (!manifold) return null;
      const values = [];
      for (let r = 0; r < TILE; r += 1) {
        const start = (i * TILE + r) * GRID * TILE + j * TILE;
        values.push(...manifold.values.slice(start, start + TILE));
      }
      return { z: Array.from(tileZ(i, j, manifold.base)), values };
    },
    get dims() { return [...dims]; },
    get range() { return range; },
    async idle() {
      await flushManifold();
      while (manifoldWanted) await flushManifold();
    },
    setDims,
  };
}

// Walk the straight line between two codes A and B: a strip of decoded frames, a slider for t,
// and an "animate" control. A and B are snapshots of the current code, so they can come from
// anything that sets z: a click on the latent map, an uploaded or drawn digit, the sliders.
//   z(t) = (1 − t)·A + t·B
// The strip is one batched decode and one canvas write, through the frame scheduler.

import { IMAGE_SIZE, PIXELS } from '../core/constants.js';
import { byIds } from '../core/dom.js';
import { fixed, vector } from '../core/format.js';
import { createFrameScheduler } from '../core/frame-scheduler.js';
import { msg, setText } from '../core/i18n.js';
import { paintTiles } from '../core/tiles.js';

export const FRAMES = 10;
const S = IMAGE_SIZE;
const SWEEP_MS = 3000;  // animation: A to B in 3 s, then back

const lerp = (a, b, t) => a.map((v, i) => (1 - t) * v + t * b[i]);

/** FRAMES codes on the line from a to b, flat (FRAMES · latentDim). */
function lineCodes(a, b) {
  const zs = new Float32Array(FRAMES * a.length);
  for (let k = 0; k < FRAMES; k += 1) zs.set(lerp(a, b, k / (FRAMES - 1)), k * a.length);
  return zs;
}

/** Decode the line into the strip canvas; resolves to the frames' pixels, Float32Array(FRAMES·784). */
async function drawStrip(model, a, b, canvas) {
  const frames = await model.decodeValues(lineCodes(a, b));
  paintTiles(canvas, frames, FRAMES);
  return frames;
}

/** The Animate button: sweeps t from 0 to 1 and back (goTo(t) each frame) until pressed again. */
function createSweep(button, goTo) {
  let animation = null;
  function stop() {
    if (animation) cancelAnimationFrame(animation);
    animation = null;
    setText(button, 'latent.animate');
    button.setAttribute('aria-pressed', 'false');
  }
  function start() {
    const t0 = performance.now();
    setText(button, 'latent.stop');
    button.setAttribute('aria-pressed', 'true');
    const step = (now) => {
      const phase = ((now - t0) / SWEEP_MS) % 2;
      goTo(Math.round((phase <= 1 ? phase : 2 - phase) * 100) / 100);
      animation = requestAnimationFrame(step);
    };
    animation = requestAnimationFrame(step);
  }
  button.addEventListener('click', () => (animation ? stop() : start()));
  return { stop };
}

export function initInterpolation({ state, root, onError = () => {} }) {
  const n = byIds(root, { strip: 'interp-strip', tSlider: 'interp-t', tOut: 'interp-t-value', animate: 'interp-animate',
    readout: 'interp-ends', setA: 'interp-set-a', setB: 'interp-set-b' });
  const { strip, tSlider, tOut, animate, readout } = n;
  strip.width = FRAMES * S;
  strip.height = S;
  let a = null;
  let b = null;
  let frames = null;  // Float32Array(FRAMES·784), frame k at t = k / (FRAMES − 1)

  const scheduler = createFrameScheduler(async () => {
    if (a && b && state.model) frames = await drawStrip(state.model, a, b, strip);
  }, onError);

  function describe() {
    const end = (z) => (z ? vector(z) : msg('latent.notSet'));
    setText(readout, 'latent.ends', { a: end(a), b: end(b) });
    tSlider.disabled = !(a && b);
    animate.disabled = !(a && b);
  }

  function setEnds(za, zb) {
    a = za && Float32Array.from(za);
    b = zb && Float32Array.from(zb);
    describe();
    scheduler.request();
  }

  function goTo(t) {
    tSlider.value = String(t);
    tOut.textContent = fixed(t, 2);
    if (a && b) state.setZ(lerp(a, b, t), 'interpolation');
  }

  const sweep = createSweep(animate, goTo);

  n.setA.addEventListener('click', () => state.model && setEnds(state.z, b));
  n.setB.addEventListener('click', () => state.model && setEnds(a, state.z));
  tSlider.addEventListener('input', () => goTo(Number(tSlider.value)));
  state.subscribe((what) => {
    if (what !== 'model') return;
    sweep.stop();
    frames = null;
    setEnds(null, null);
    strip.getContext('2d').clearRect(0, 0, strip.width, strip.height);
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
      return Array.from({ length: FRAMES }, (_, k) => Array.from(frames.slice(k * PIXELS, (k + 1) * PIXELS)));
    },
    idle: scheduler.idle,
    goTo,
    stop: sweep.stop,
  };
}

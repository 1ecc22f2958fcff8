// Walk the straight line between two codes A and B: a strip of decoded frames, a slider for t,
// and an "animate" control. A and B are snapshots of the current code, so they can come from
// anything that sets z: a click on the latent map, an uploaded or drawn digit, the sliders.
//   z(t) = (1 − t)·A + t·B
/* global tf */

export const FRAMES = 10;

export function initInterpolation({ state, root, onError = () => {} }) {
  const strip = root.querySelector('#interp-strip');
  const tSlider = root.querySelector('#interp-t');
  const tOut = root.querySelector('#interp-t-value');
  const setA = root.querySelector('#interp-set-a');
  const setB = root.querySelector('#interp-set-b');
  const animate = root.querySelector('#interp-animate');
  const readout = root.querySelector('#interp-ends');
  strip.width = FRAMES * 28;
  strip.height = 28;
  let a = null;
  let b = null;
  let frames = null;  // Float32Array(FRAMES·784), frame k at t = k / (FRAMES − 1)
  let rendering = Promise.resolve();
  let animation = null;

  const lerp = (t) => a.map((v, i) => (1 - t) * v + t * b[i]);

  function describe() {
    const fmt = (z) => (z ? `[${Array.from(z, (v) => v.toFixed(2)).join(', ')}]` : 'not set');
    readout.textContent = `A = ${fmt(a)}   B = ${fmt(b)}`;
    const ready = Boolean(a && b);
    tSlider.disabled = !ready;
    animate.disabled = !ready;
  }

  function render() {
    rendering = rendering.then(async () => {
      if (!a || !b || !state.model) return;
      const L = a.length;
      const zs = new Float32Array(FRAMES * L);
      for (let k = 0; k < FRAMES; k += 1) zs.set(lerp(k / (FRAMES - 1)), k * L);
      const row = tf.tidy(() => state.model.decode(tf.tensor2d(zs, [FRAMES, L]))
        .reshape([FRAMES, 28, 28]).transpose([1, 0, 2]).reshape([28, FRAMES * 28]));
      try {
        await tf.browser.toPixels(row, strip);
        const flat = await tf.tidy(() => row.reshape([28, FRAMES, 28]).transpose([1, 0, 2])).data();
        frames = flat;
      } finally {
        row.dispose();
      }
    }).catch(onError);
    return rendering;
  }

  function setEnd(which) {
    if (!state.model) return;
    const z = Float32Array.from(state.z);
    if (which === 'a') a = z; else b = z;
    describe();
    render();
  }

  function goTo(t) {
    tSlider.value = String(t);
    tOut.textContent = t.toFixed(2);
    if (a && b) state.setZ(lerp(t), 'interpolation');
  }

  function stopAnimation() {
    if (animation) cancelAnimationFrame(animation);
    animation = null;
    animate.textContent = 'Animate';
    animate.setAttribute('aria-pressed', 'false');
  }

  setA.addEventListener('click', () => setEnd('a'));
  setB.addEventListener('click', () => setEnd('b'));
  tSlider.addEventListener('input', () => goTo(Number(tSlider.value)));
  animate.addEventListener('click', () => {
    if (animation) return stopAnimation();
    const start = performance.now();
    animate.textContent = 'Stop';
    animate.setAttribute('aria-pressed', 'true');
    const step = (now) => {
      const phase = ((now - start) / 3000) % 2;  // 3 s from A to B, then back
      goTo(Math.round((phase <= 1 ? phase : 2 - phase) * 100) / 100);
      animation = requestAnimationFrame(step);
    };
    animation = requestAnimationFrame(step);
  });

  state.subscribe((what) => {
    if (what === 'model') {
      stopAnimation();
      a = null;
      b = null;
      frames = null;
      const ctx = strip.getContext('2d');
      ctx.clearRect(0, 0, strip.width, strip.height);
      describe();
    }
  });
  describe();

  return {
    setEnds(za, zb) {
      a = Float32Array.from(za);
      b = Float32Array.from(zb);
      describe();
      return render();
    },
    /** The decoded frames as arrays of 784 floats (after the current render). */
    async frames() {
      await rendering;
      if (!frames) return null;
      return Array.from({ length: FRAMES }, (_, k) => Array.from(frames.slice(k * 784, (k + 1) * 784)));
    },
    goTo,
    stop: stopAnimation,
  };
}

// One native range slider per latent dimension (z1…zN, ±3), kept in step with the shared state:
// moving a slider sets z; any other change of z (random, reset, upload, map) moves the sliders.

import { Z_RANGE, clampZ } from '../core/constants.js';
import { el } from '../core/dom.js';
import { signed } from '../core/format.js';

export function createSliders(container, state) {
  let inputs = [];
  let outputs = [];
  let selected = 0;

  function row(i) {
    const id = `z-slider-${i}`;
    const input = el('input', { type: 'range', id, min: -Z_RANGE, max: Z_RANGE, step: 0.01, value: 0,
      dataset: { dim: String(i) },
      oninput: () => state.setDim(i, Number(input.value), 'slider'),
      onfocus: () => { selected = i; } });
    const output = el('output', { for: id, class: 'mono' }, signed(0));
    inputs.push(input);
    outputs.push(output);
    return el('div', { class: 'slider-row' }, el('label', { for: id }, `z${i + 1}`), input, output);
  }

  function build(latentDim) {
    inputs = [];
    outputs = [];
    container.replaceChildren(...Array.from({ length: latentDim }, (_, i) => row(i)));
    selected = 0;
  }

  function sync(z, source) {
    z.forEach((v, i) => {
      if (!inputs[i]) return;
      if (source !== 'slider') inputs[i].value = String(clampZ(v));
      outputs[i].textContent = signed(v);
    });
  }

  state.subscribe((what, s, source) => {
    if (what === 'model') build(s.model.latentDim);
    sync(s.z, source);
  });

  return {
    /** The dimension picked last (focused slider, or the projector's arrow keys). */
    get selected() { return selected; },
    select(i) {
      selected = (i + inputs.length) % inputs.length;
      inputs[selected].focus();
    },
  };
}

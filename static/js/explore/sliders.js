// One native range slider per latent dimension (z1…zN, ±3), kept in step with the shared state:
// moving a slider sets z; any other change of z (random, reset, upload, map) moves the sliders. A
// focused slider is the state's selected number of z; one selected elsewhere (the arrow keys) takes focus.

import { Z_RANGE, clampZ } from '../core/constants.js';
import { el } from '../core/dom.js';
import { signed } from '../core/format.js';

export function createSliders(container, state) {
  let inputs = [];
  let outputs = [];

  function row(i) {
    const id = `z-slider-${i}`;
    const input = el('input', { type: 'range', id, min: -Z_RANGE, max: Z_RANGE, step: 0.01, value: 0,
      dataset: { dim: String(i) },
      oninput: () => state.setDim(i, Number(input.value), 'slider'),
      onfocus: () => { if (state.selectedDim !== i) state.selectDim(i, 'slider'); } });
    const output = el('output', { for: id, class: 'mono' }, signed(0));
    inputs.push(input);
    outputs.push(output);
    return el('div', { class: 'slider-row' }, el('label', { for: id }, `z${i + 1}`), input, output);
  }

  function build(latentDim) {
    inputs = [];
    outputs = [];
    container.replaceChildren(...Array.from({ length: latentDim }, (_, i) => row(i)));
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
    if (what === 'select' && source !== 'slider' && inputs[s.selectedDim]) inputs[s.selectedDim].focus();
    sync(s.z, source);
  });
}

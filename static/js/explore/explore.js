// The explore panel: the digit decoded from z, one slider per number of z, Random and Reset, the code
// as text, and the model's facts. Everything reads and writes the shared state.

import { vector } from '../core/format.js';
import { createDecoderView } from './decoder-view.js';
import { initModelFacts } from './model-facts.js';
import { createSliders } from './sliders.js';

export function initExplore(root, state, { onError }) {
  const view = createDecoderView(root.querySelector('#digit'), state, { onError });
  const sliders = createSliders(root.querySelector('#sliders'), state);
  initModelFacts(root.querySelector('#model-facts'), state);
  const readout = root.querySelector('#z-readout');
  const random = root.querySelector('#random');
  const reset = root.querySelector('#reset');
  random.addEventListener('click', () => state.randomZ());
  reset.addEventListener('click', () => state.resetZ());
  state.subscribe((what, s) => {
    if (!s.model) return;  // (a language switch before the first model)
    readout.textContent = `z = ${vector(s.z)}`;
    random.disabled = false;
    reset.disabled = false;
  });
  return { view, sliders };
}

// The explore panel: the digit decoded from z, one slider per number of z, Random and Reset, the code
// as text, the model's facts, and the header's model picker. Everything reads and writes the shared state.

import { vector } from '../core/format.js';
import { createDecoderView } from './decoder-view.js';
import { initModelFacts } from './model-facts.js';
import { initModelPicker } from './model-picker.js';
import { createSliders } from './sliders.js';

/**
 * The feature contract (every folder's entry point is a mount like this one): build the panel inside
 * `root` (#explore); `manifest` (null if none could be read) fills the model picker. Returns the
 * handle: {view (the decoded digit: its idle() waits for the newest z drawn), idle()}.
 */
export function mount({ root, state, manifest, onError }) {
  const view = createDecoderView(root.querySelector('#digit'), state, { onError });
  createSliders(root.querySelector('#sliders'), state);
  initModelFacts(root.querySelector('#model-facts'), state);
  if (manifest) initModelPicker(document.getElementById('model-picker'), state, manifest);
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
  return { view, idle: () => view.idle() };
}

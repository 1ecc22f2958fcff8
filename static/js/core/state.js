// The one shared state every feature reads and writes: the current model, the current code z and the
// number of z picked for the keyboard, the encoder's answer for the user's own digit, the keyboard
// shortcuts features offer (projector mode lists and runs them), and the models offered beside the
// manifest's (the one trained in the page). Features subscribe to changes ('model', 'z', 'select',
// 'posterior', 'shortcuts', 'models', and 'lang' when core/i18n.js switched the page's language)
// and act through the state's actions (setZ, randomZ, selectDim, requestModel…); none of them talks to
// another or touches another's markup.

import { clampZ } from './constants.js';
import { gaussian } from './random.js';

export function createState() {
  const listeners = new Set();
  let modelSwitcher = null;
  const state = {
    model: null,          // a LatentModel (models.js)
    z: new Float32Array(0),
    // The encoder's answer for the user's own digit (upload or drawing), or null:
    // {mu: Float32Array, sigma: Float32Array | null, image: Float32Array(784), source: 'upload' | 'draw' | ...}
    posterior: null,
    selectedDim: 0,       // the number of z the arrow keys move (a focused slider picks it too)
    // Keys features offer: {keys: ['s'], label: msg(...), run(key), display?}; projector mode runs them.
    shortcuts: [],
    // Models that are not in the manifest (the one trained in the page): name → entry with load().
    offered: new Map(),
    setModel(model) {
      state.model = model;
      state.z = new Float32Array(model.latentDim);
      state.selectedDim = 0;
      state.posterior = null;
      emit('model');
    },
    setPosterior(posterior, source = 'unknown') {
      state.posterior = posterior;
      emit('posterior', source);
    },
    /** The page's language changed (core/i18n.js only; it holds the language): features re-render their words. */
    languageChanged() {
      emit('lang');
    },
    /** Pick number i of z (wrapping around) for the keyboard; `source` names who picked it. */
    selectDim(i, source = 'unknown') {
      if (!state.model) return;
      state.selectedDim = (i + state.model.latentDim) % state.model.latentDim;
      emit('select', source);
    },
    /** A feature offers keyboard shortcuts (projector mode lists them in its help and runs them). */
    addShortcuts(list) {
      state.shortcuts = [...state.shortcuts, ...list];
      emit('shortcuts');
    },
    /** Set the whole code (array-like of latentDim numbers); `source` names who changed it. */
    setZ(z, source = 'unknown') {
      if (!state.model || z.length !== state.model.latentDim) return;
      state.z = Float32Array.from(z);
      emit('z', source);
    },
    setDim(i, value, source = 'unknown') {
      const z = Float32Array.from(state.z);
      z[i] = value;
      state.setZ(z, source);
    },
    /** z ~ N(0, I), each number clipped to the slider range. */
    randomZ(source = 'random') {
      if (!state.model) return;
      state.setZ(Array.from({ length: state.model.latentDim }, () => clampZ(gaussian())), source);
    },
    /** z = 0, the origin of the code space. */
    resetZ(source = 'reset') {
      if (state.model) state.setZ(new Float32Array(state.model.latentDim), source);
    },
    /**
     * Ask for the manifest's model `name`; resolves once it is the current model (rejects, with the
     * previous model still current, if it cannot load). main.js installs who does the switching.
     */
    requestModel(name) {
      if (!modelSwitcher) return Promise.reject(new Error('no model can be loaded yet'));
      return modelSwitcher(name);
    },
    /**
     * Offer a model the manifest does not list (the one trained in the page): `entry` as a manifest entry
     * plus `load()` → Promise<LatentModel>; requestModel(entry.name) then switches to it.
     */
    offerModel(entry) {
      state.offered.set(entry.name, entry);
      emit('models');
    },
    /** main.js only: the function that downloads and switches to a model by name. */
    setModelSwitcher(fn) {
      modelSwitcher = fn;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
  function emit(what, source) {
    for (const fn of listeners) fn(what, state, source);
  }
  return state;
}

// The one shared state every feature reads and writes: the current model, the current code z, the
// encoder's answer for the user's own digit and the page's language. Features subscribe to changes
// ('model', 'z', 'posterior', 'lang') and act through the state's actions (setZ, randomZ,
// requestModel…); none of them talks to another or touches another's markup.

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
    lang: 'en',           // the page's language (core/i18n.js switchLanguage sets it)
    setModel(model) {
      state.model = model;
      state.z = new Float32Array(model.latentDim);
      state.posterior = null;
      emit('model');
    },
    setPosterior(posterior, source = 'unknown') {
      state.posterior = posterior;
      emit('posterior', source);
    },
    /** The page's language changed (core/i18n.js only): features re-render their words on 'lang'. */
    setLang(lang) {
      state.lang = lang;
      emit('lang');
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

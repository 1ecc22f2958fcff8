// The one shared state every feature reads and writes: the current model and the current code z.
// Features subscribe to changes; none of them talks to another directly.

export function createState() {
  const listeners = new Set();
  const state = {
    model: null,          // a VaeModel (models.js)
    z: new Float32Array(0),
    // The encoder's answer for the user's own digit (upload or drawing), or null:
    // {mu: Float32Array, sigma: Float32Array | null, image: Float32Array(784), source: 'upload' | 'draw' | ...}
    posterior: null,
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

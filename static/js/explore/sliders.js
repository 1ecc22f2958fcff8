// One native range slider per latent dimension (z1…zN, ±3), kept in step with the shared state:
// moving a slider sets z; any other change of z (random, reset, upload, map) moves the sliders.

export const Z_RANGE = 3;

export function createSliders(container, state) {
  let inputs = [];
  let outputs = [];
  let selected = 0;

  function build(latentDim) {
    container.replaceChildren();
    inputs = [];
    outputs = [];
    for (let i = 0; i < latentDim; i += 1) {
      const row = document.createElement('div');
      row.className = 'slider-row';
      const id = `z-slider-${i}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = `z${i + 1}`;
      const input = document.createElement('input');
      Object.assign(input, { type: 'range', id, min: -Z_RANGE, max: Z_RANGE, step: 0.01, value: 0 });
      input.dataset.dim = String(i);
      const output = document.createElement('output');
      output.htmlFor = id;
      output.className = 'mono';
      output.textContent = format(0);
      input.addEventListener('input', () => state.setDim(i, Number(input.value), 'slider'));
      input.addEventListener('focus', () => { selected = i; });
      row.append(label, input, output);
      container.append(row);
      inputs.push(input);
      outputs.push(output);
    }
    selected = 0;
  }

  function sync(z, source) {
    z.forEach((v, i) => {
      if (!inputs[i]) return;
      if (source !== 'slider') inputs[i].value = String(clamp(v));
      outputs[i].textContent = format(v);
    });
  }

  state.subscribe((what, s, source) => {
    if (what === 'model') build(s.model.latentDim);
    sync(s.z, source);
  });

  return {
    get selected() { return selected; },
    select(i) {
      selected = (i + inputs.length) % inputs.length;
      inputs[selected].focus();
    },
  };
}

export function clamp(v) {
  return Math.max(-Z_RANGE, Math.min(Z_RANGE, v));
}

function format(v) {
  return (v < 0 ? '−' : '+') + Math.abs(v).toFixed(2);
}

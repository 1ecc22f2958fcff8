// The header's model picker: lists the manifest's models and those offered beside it (the one trained
// in the page), asks the state for the one picked, and follows whatever model is current (picked here
// or requested by another feature).

export function initModelPicker(picker, state, manifest) {
  const usable = () => picker.options.length > 1;
  const list = () => picker.replaceChildren(...[...manifest.models, ...state.offered.values()]
    .map((m) => new Option(m.title, m.name)));
  list();
  picker.disabled = !usable();
  picker.addEventListener('change', () => {
    picker.disabled = true;
    state.requestModel(picker.value)
      .catch(() => {})  // the page shows why; the previous model keeps running
      .finally(() => {
        picker.disabled = !usable();
        picker.value = state.model.entry.name;
      });
  });
  state.subscribe((what, s) => {
    if (what === 'models') {
      list();
      picker.disabled = !usable();
    }
    if ((what === 'model' || what === 'models') && s.model) picker.value = s.model.entry.name;
  });
}

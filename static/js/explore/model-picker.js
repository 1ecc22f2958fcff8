// The header's model picker: lists the manifest's models, asks the state for the one picked, and
// follows whatever model is current (picked here or requested by another feature).

export function initModelPicker(picker, state, manifest) {
  const usable = () => manifest.models.length > 1;
  picker.replaceChildren(...manifest.models.map((m) => new Option(m.title, m.name)));
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
    if (what === 'model') picker.value = s.model.entry.name;
  });
}

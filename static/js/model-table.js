// The shipped models side by side, from the manifest: size of code, test scores, and how often
// decoded random codes look like a digit (the figure that shows why a plain autoencoder cannot
// generate and a VAE can).

export function renderModelTable(table, manifest, note) {
  const judged = manifest.models.find((m) => m.samples);
  if (note && judged) {
    const accuracy = judged.samples.classifier_accuracy;
    note.textContent = `“Read as a digit”: the share of ${judged.samples.samples.toLocaleString('en')} decoded ` +
      'random codes that a separate digit classifier' +
      (accuracy ? ` (${(100 * accuracy).toFixed(1)}% accurate on real test digits)` : '') +
      ' names with at least 90% confidence. Computed when each model was exported.';
  }
  const body = table.tBodies[0];
  const fmt = (v, digits = 1) => (v === undefined || v === null ? 'n/a' : v.toFixed(digits));
  body.replaceChildren(...manifest.models.map((m) => {
    const row = document.createElement('tr');
    const t = m.test || {};
    const samples = m.samples ? `${(100 * m.samples.confident).toFixed(1)}%` : 'not measured';
    const cells = [
      m.title,
      `${m.latent_dim}-D, ${m.kind === 'vae' ? 'variational' : 'deterministic'}`,
      t.neg_elbo !== undefined ? `${fmt(t.neg_elbo)} nats` : 'n/a (no KL)',
      `${fmt(t.reconstruction)} nats`,
      samples,
      `${((m.bytes.decoder + m.bytes.encoder) / 1e6).toFixed(1)} MB`,
    ];
    row.dataset.model = m.name;
    row.replaceChildren(...cells.map((text, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) cell.scope = 'row';
      cell.textContent = text;
      return cell;
    }));
    return row;
  }));
}

// The shipped models side by side, from the manifest: size of code, test scores, and how often
// decoded random codes look like a digit (the figure that shows why a plain autoencoder cannot
// generate and a VAE can).

export function renderModelTable(table, manifest, note) {
  const judged = manifest.models.find((m) => m.samples);
  if (note && judged) {
    const accuracy = judged.samples.classifier_accuracy;
    note.textContent = `${judged.samples.samples.toLocaleString('en')} random codes per model, decoded and ` +
      'read by a separate digit classifier' +
      (accuracy ? ` (${(100 * accuracy).toFixed(1)}% accurate on real test digits)` : '') + '. ' +
      '“Digit score”: how many distinct digits the random codes give, out of 10 (10: every sample clearly ' +
      'one digit and all ten equally common; 1: all alike). “Clear”: the share the classifier names with ' +
      'at least 90% confidence, whatever the digit: a model whose samples are all clear zeros would score ' +
      '100% there and 1 on the digit score. Computed when each model was exported.';
  }
  const body = table.tBodies[0];
  const fmt = (v, digits = 1) => (v === undefined || v === null ? 'n/a' : v.toFixed(digits));
  body.replaceChildren(...manifest.models.map((m) => {
    const row = document.createElement('tr');
    const t = m.test || {};
    const samples = m.samples ? `${(100 * m.samples.confident).toFixed(1)}%` : 'not measured';
    const score = m.samples && m.samples.digit_score !== undefined ? m.samples.digit_score.toFixed(1) : 'n/a';
    const cells = [
      m.title,
      `${m.latent_dim}-D, ${m.kind === 'vae' ? 'variational' : 'deterministic'}`,
      t.neg_elbo !== undefined ? `${fmt(t.neg_elbo)} nats` : 'n/a (no KL)',
      `${fmt(t.reconstruction)} nats`,
      score,
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

// How far a reconstruction is from the person's digit, in nats (the model's own loss: binary
// cross-entropy summed over the pixels), and what that means in plain words against the model's
// test-set average.

const EPS = 1e-7;

/** BCE summed over the pixels (nats): −Σ x log p + (1 − x) log(1 − p), p clipped to [1e-7, 1 − 1e-7]. */
export function bceNats(x, p) {
  let s = 0;
  for (let i = 0; i < x.length; i += 1) {
    const q = Math.min(Math.max(p[i], EPS), 1 - EPS);
    s -= x[i] * Math.log(q) + (1 - x[i]) * Math.log(1 - q);
  }
  return s;
}

/** A plain-words reading of a reconstruction error, against the model's test-set average (or null). */
export function readError(bce, average) {
  const nats = `${bce.toFixed(1)} nats`;
  if (!(average > 0)) return `Reconstruction error: ${nats} (lower is better; 0 would be a perfect copy).`;
  const r = bce / average;
  const base = `Reconstruction error: ${nats}, against ${average.toFixed(1)} nats on average for MNIST's ` +
    `test digits (${r.toFixed(1)}×). `;
  if (r < 0.8) return `${base}This digit is easier than usual for the model: it looks very much like what it learned.`;
  if (r < 1.25) return `${base}About as well as a typical MNIST digit: the model recognises this kind of digit.`;
  if (r < 2) return `${base}Harder than usual: the model finds a similar digit, but not quite this one ` +
    '(its shape, slant or stroke width is unusual for MNIST).';
  return `${base}Far from what the model learned: it redraws something MNIST-like instead ` +
    '(perhaps not a digit, or drawn very differently from MNIST).';
}

// Measurement for tests and benchmarks, kept out of the product path: a feature asks for a probe
// record and fills it only if it got one. Records exist only when the page was opened with probes
// on, which a test or benchmark does before the page's scripts run:
//   context.add_init_script("window.vaeDemoProbes = true")
// Without it createProbe returns null and no feature keeps any bookkeeping.

const enabled = typeof window !== 'undefined' && window.vaeDemoProbes === true;

/** Every record created, by name (window.vaeDemo.probes). */
export const probes = {};

/** A fresh record {…initial} under `name` when probes are on, else null. */
export function createProbe(name, initial = {}) {
  if (!enabled) return null;
  probes[name] = { ...initial };
  return probes[name];
}

/** Append a latency to a probe's list, keeping at most `keep` of the newest. */
export function pushLatency(list, ms, keep = 2000) {
  list.push(ms);
  if (list.length > keep) list.shift();
}

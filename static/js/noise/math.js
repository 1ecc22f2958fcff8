// The noise lesson's arithmetic, pure and testable: objects sit at numbers on a line, the receiver gets
// the sent number plus Gaussian noise N(0, σ²) and must say which object was sent. Everything the page
// shows about it (posterior, right-answer rate, how many objects stay distinguishable) comes from here.
// No DOM, no tfjs: tests import this module in the page and compare it with scipy.

/** log of the Gaussian density N(x; mu, sigma²), sigma > 0. */
export function logNormalPdf(x, mu, sigma) {
  const u = (x - mu) / sigma;
  return -0.5 * u * u - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
}

/**
 * Posterior P(object i | received) by Bayes' rule with equal priors: proportional to the likelihood
 * N(received; x_i, σ²). Computed in log space (no underflow far from every object). At σ = 0 the limit
 * is exact: the object(s) nearest the received value share probability 1 (the one at the received
 * value gets 1).
 */
export function posterior(positions, received, sigma) {
  const n = positions.length;
  if (n === 0) return [];
  if (!(sigma > 0)) {
    const d = positions.map((x) => Math.abs(x - received));
    const best = Math.min(...d);
    const winners = d.filter((v) => v === best).length;
    return d.map((v) => (v === best ? 1 / winners : 0));
  }
  const logw = positions.map((x) => -((received - x) ** 2) / (2 * sigma * sigma));
  const top = Math.max(...logw);
  const w = logw.map((v) => Math.exp(v - top));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

/** The receiver's MAP guess: index of the largest posterior (with equal priors: the nearest object;
 * ties go to the first in the list). */
export function mapDecision(positions, received) {
  let best = -1;
  let bestD = Infinity;
  positions.forEach((x, i) => {
    const d = Math.abs(x - received);
    if (d < bestD) { best = i; bestD = d; }
  });
  return best;
}

/** erfc(x) to ~1e-15 relative: continued fraction for large |x|, series for small |x|. */
export function erfc(x) {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf by its Maclaurin series (converges fast for small x).
    let sum = x;
    let term = x;
    const x2 = x * x;
    for (let k = 1; k < 200; k += 1) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Lentz's continued fraction: erfc(x) = exp(-x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k += 1) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

/** Standard normal CDF Φ(u). */
export function normalCdf(u) {
  if (u === Infinity) return 1;
  if (u === -Infinity) return 0;
  return 0.5 * erfc(-u / Math.SQRT2);
}

/** P(a < X < b) for X ~ N(0, 1), accurate in both tails. */
function normalInterval(a, b) {
  if (a >= b) return 0;
  if (a >= 0) return 0.5 * (erfc(a / Math.SQRT2) - erfc(b / Math.SQRT2));
  if (b <= 0) return 0.5 * (erfc(-b / Math.SQRT2) - erfc(-a / Math.SQRT2));
  return 1 - normalCdf(a) - (1 - normalCdf(b));
}

/**
 * Exact probability that the MAP receiver names the right object, averaged over objects sent with
 * equal probability: each object is named when the received value falls nearer to it than to any other
 * (midpoint boundaries). Objects at the same number cannot be told apart: only one of them can win.
 */
export function accuracy(positions, sigma) {
  const n = positions.length;
  if (n === 0) return 0;
  const distinct = [...new Set(positions)].sort((a, b) => a - b);
  if (!(sigma > 0)) return distinct.length / n;
  let total = 0;
  distinct.forEach((x, k) => {
    const lo = k === 0 ? -Infinity : (distinct[k - 1] + x) / 2;
    const hi = k === distinct.length - 1 ? Infinity : (x + distinct[k + 1]) / 2;
    total += normalInterval((lo - x) / sigma, (hi - x) / sigma);
  });
  return total / n;
}

/** The gap rule of thumb: objects closer than this many σ are lumped together. */
export const GAP_IN_SIGMAS = 4;

/**
 * How many groups of objects σ leaves apart: sort the numbers and start a new group wherever the gap
 * to the previous object is more than 4σ (their ±2σ windows do not overlap). At σ = 0 every distinct
 * number is its own group. Returns the groups as lists of indices into `positions`.
 */
export function distinguishableGroups(positions, sigma) {
  const order = positions.map((x, i) => i).sort((a, b) => positions[a] - positions[b]);
  const groups = [];
  order.forEach((i, k) => {
    const gap = k === 0 ? Infinity : positions[i] - positions[order[k - 1]];
    if (gap > GAP_IN_SIGMAS * sigma) groups.push([i]);  // at σ = 0: any gap at all
    else groups[groups.length - 1].push(i);
  });
  return groups;
}

export function distinguishableCount(positions, sigma) {
  return distinguishableGroups(positions, sigma).length;
}

/** Entropy (nats) of a probability vector. */
function entropy(p) {
  return p.reduce((h, v) => (v > 0 ? h - v * Math.log(v) : h), 0);
}

/**
 * Mutual information I(sent; received) in nats, objects sent with equal probability:
 * I = log n − E[H(posterior)], the expectation over sent object and noise, integrated numerically
 * (Simpson's rule over ±8σ around each object, 1,600 intervals). At σ = 0: log(number of distinct
 * numbers). e^I is the effective number of objects the channel can tell apart.
 */
export function mutualInformation(positions, sigma, intervals = 1600) {
  const n = positions.length;
  if (n === 0) return 0;
  if (!(sigma > 0)) return Math.log(new Set(positions).size);
  const span = 8;
  const h = (2 * span) / intervals;
  let expected = 0;
  for (const x of positions) {
    let acc = 0;
    for (let k = 0; k <= intervals; k += 1) {
      const u = -span + k * h;
      const weight = k === 0 || k === intervals ? 1 : k % 2 ? 4 : 2;
      const density = Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
      acc += weight * density * entropy(posterior(positions, x + sigma * u, sigma));
    }
    expected += (acc * h) / 3;
  }
  return Math.max(0, Math.log(n) - expected / n);
}

/** e^I: the effective number of distinguishable objects (1 when nothing gets through, n when all do). */
export function effectiveCount(positions, sigma) {
  return Math.exp(mutualInformation(positions, sigma));
}

/** Received value for one send: position + σ·ε with ε ~ N(0, 1) from the caller's `gaussianDraw`. */
export function transmit(position, sigma, gaussianDraw) {
  return position + sigma * gaussianDraw();
}

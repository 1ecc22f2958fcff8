// The class map's server side (server/classroom.py): the only requests the page makes after it loaded
// that are not files. Paths are relative to the page. A refusal is a ClassError carrying the server's
// reason word (invalid, stopped, full, too_fast, presenter), which the page words in its language.

const PATHS = { join: 'class/join', codes: 'class/codes', accepting: 'class/accepting' };

export class ClassError extends Error {
  constructor(reason, detail) {
    super(detail);
    this.reason = reason;
  }
}

async function call(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-cache', ...options });
  } catch (e) {
    throw new ClassError('offline', e.message);
  }
  if (response.status === 304) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ClassError((body && body.reason) || 'http', (body && body.error) || `HTTP ${response.status}`);
  }
  return { body, etag: response.headers.get('ETag') };
}

const json = (method, body) => ({ method, headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body) });

/** {url, presenter, poll_ms: [fastest, slowest]}: where students join, and whether this page presents. */
export async function join() {
  return (await call(PATHS.join)).body;
}

/**
 * The codes after id `since`: {count, accepting, codes: [{id, z, digit}]}, and the answer's ETag; null
 * when nothing changed since the answer tagged `etag` (a 304).
 */
export function codesAfter(since, etag) {
  return call(`${PATHS.codes}?since=${since}`, etag ? { headers: { 'If-None-Match': etag } } : {});
}

/** Send one code: z (2 numbers of the 2-D VAE's code), digit 0–9 or null → {count}. */
export async function sendCode(model, z, digit) {
  return (await call(PATHS.codes, json('POST', { model, z, digit }))).body;
}

/** Presenter only: empty the map. */
export async function clearCodes() {
  return (await call(PATHS.codes, { method: 'DELETE' })).body;
}

/** Presenter only: stop (false) or resume (true) accepting codes. */
export async function setAccepting(accepting) {
  return (await call(PATHS.accepting, json('POST', { accepting }))).body;
}

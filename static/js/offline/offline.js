// Offline use and updates. Once the first digit is drawn, the page registers its service worker, sw.js
// (made by scripts/build-assets.mjs with Workbox; served beside the page, so its scope is the page's
// folder), where the browser has service workers and the page is on a secure origin (https, or
// localhost): on plain http across a LAN the page works as before, without one. ?sw=off registers none.
// The worker precaches the hashed files and keeps the models and the page as they load; on the first
// visit it takes control of the open page at once, and the page hands it the URLs fetched before then
// (the first digit's model, the manifest, the page), so one visit that scrolls every section is enough
// for the page to work with the network off. A newer build's worker waits while a page of the older
// one is open: the page then says so quietly, and Reload lets the new worker take over and reloads.

import { Workbox } from 'workbox-window';
import { el } from '../core/dom.js';

// The worker's caches of what it keeps as it loads (the names: scripts/build-assets.mjs SW_RULES)
const MODELS_CACHE = 'vae-models';
const ASSETS_CACHE = 'vae-assets';

/** Whether to register: a browser with service workers, a secure origin, and no ?sw=off. */
export function wanted(search = window.location.search) {
  return 'serviceWorker' in navigator && window.isSecureContext && new URLSearchParams(search).get('sw') !== 'off';
}

/** The same-origin URLs under the page's folder that the page has fetched so far, the page first. */
function fetchedSoFar() {
  const folder = new URL('./', document.baseURI).href;
  const urls = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => u.startsWith(folder));
  return [window.location.href, ...new Set(urls)];
}

/** Drop what the worker kept for an earlier publish: model files of another models folder, hashed
 * files the page no longer names (the precache cleans its own). */
async function prune() {
  const body = document.body.dataset;
  const models = new URL(body.modelsUrl, document.baseURI).href;
  const named = new Set(Object.values(JSON.parse(body.assetUrls || '{}'))
    .map((u) => new URL(u, document.baseURI).href));
  const keep = { [MODELS_CACHE]: (url) => url.startsWith(models), [ASSETS_CACHE]: (url) => named.has(url) };
  for (const [name, kept] of Object.entries(keep)) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    const stale = (await cache.keys()).filter((request) => !kept(request.url));
    await Promise.all(stale.map((request) => cache.delete(request)));
  }
}

const controlled = () => (navigator.serviceWorker.controller ? Promise.resolve()
  : new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })));

/** The "new version" notice in `root` (the body) and the registration; the handle's `ready` resolves to
 * 'off' (not registered) or 'controlled' (the worker controls the page and holds what it fetched). */
export function mount({ root }) {
  const handle = { ready: Promise.resolve('off'), waiting: false, idle: () => handle.ready };
  const reload = el('button', { type: 'button', id: 'update-reload', i18n: 'offline.reload' });
  const notice = el('div', { id: 'update', class: 'update', role: 'status', hidden: true },
    el('span', { i18n: 'offline.updateReady' }), reload);
  root.append(notice);
  if (!wanted()) return handle;

  const wb = new Workbox(new URL('sw.js', document.baseURI).href);
  wb.addEventListener('waiting', () => {
    handle.waiting = true;
    notice.hidden = false;
  });
  reload.addEventListener('click', () => {
    reload.disabled = true;
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    wb.messageSkipWaiting();
  });
  const first = !navigator.serviceWorker.controller;
  handle.ready = wb.register({ immediate: true }).then(async () => {
    await controlled();
    if (first) await wb.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache: fetchedSoFar() } });
    await prune();
    return 'controlled';
  }).catch((e) => {
    console.warn('the service worker did not register:', e);  // the page works on, online only
    return 'off';
  });
  return handle;
}

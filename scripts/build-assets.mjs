// Builds static/dist/, what the page loads, each file under a name that carries a hash of its bytes,
// so the server can let browsers keep them for a year (a changed file is a new name), and
// static/dist/assets.json, the map from source paths to those names that the server reads.
//
//   npm run build          (node scripts/build-assets.mjs [--out DIR]; DIR defaults to static/dist)
//
// What goes in, all from static/:
// - js/main.js and every module it imports, also with import(), bundled by esbuild into one script
//   (readable, not minified): one request instead of ~80 modules. The panels below the first screen
//   are still built only once the first digit is drawn; their models and data still come when they
//   come near. (Code splitting would give the first digit 5 shared chunks to fetch: 14 requests.)
// - css/page.css and the feature stylesheets it @imports: one stylesheet;
// - TensorFlow.js as the first digit needs it: core, converter and WASM backend, one script (the
//   vendored files, joined in that order);
// - the in-page trainer's Web Worker: js/train/worker.js and what it imports, one classic script (it
//   loads TensorFlow.js with importScripts: the same joined file as the page, then the gradients);
// - the files the page's modules fetch by URL (core/assets.js): the language catalogs, the sample
//   digits, the WASM binaries, the WebGL and CPU backends and the gradients, copied under hashed names.
// - the app icons (icons/, made by scripts/make_icons.py), copied under hashed names and named in
//   manifest.webmanifest, the web app manifest (name from the English catalog);
// - sw.js, the service worker (Workbox's generateSW): it precaches the files the first digit needs
//   (FIRST_DIGIT below), and caches the rest, the models and the page as they load (SW_RULES;
//   docs/publishing.md).
// assets.json: {entries: {source: built name} for what is bundled, fetched: {source: name} for copies};
// the page is told where every one of them is (server/routes.py). sw.js and manifest.webmanifest keep
// their names: the server serves them at the page's own folder (server/files.py, PAGE_FOLDER).
// The output depends only on the sources and esbuild's and Workbox's versions (tests/serving/test_assets.py
// rebuilds it and compares).

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { generateSW } from 'workbox-build';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATIC = join(ROOT, 'static');
const TFJS_FIRST = ['tf-core', 'tf-converter', 'tf-backend-wasm'].map((n) => `vendor/tfjs/${n}.es2017.min.js`);
const FETCHED = ['i18n/en.json', 'i18n/zh-CN.json', 'data/mnist-samples.json',
  'vendor/tfjs/tfjs-backend-wasm.wasm', 'vendor/tfjs/tfjs-backend-wasm-simd.wasm',
  'vendor/tfjs/tfjs-backend-wasm-threaded-simd.wasm',
  'vendor/tfjs/tf-backend-webgl.es2017.min.js', 'vendor/tfjs/tf-backend-cpu.es2017.min.js',
  'vendor/tfjs/tf-gradients.es2017.min.js'];

const ICONS = [['icons/icon-192.png', '192x192', 'any'], ['icons/icon-512.png', '512x512', 'any'],
  ['icons/icon-maskable-512.png', '512x512', 'maskable']];
const THEME = '#1d1d1b';  // the page's ink (css/app.css --fg), the icons' background
const BACKGROUND = '#f7f7f4';  // the page's --bg

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

/** `name.ext` → `name.HASH.ext` (of the bytes), written under out; returns the path from out. */
function writeHashed(out, path, bytes) {
  const ext = extname(path);
  const named = join(dirname(path), `${basename(path, ext)}.${hash(bytes)}${ext}`);
  mkdirSync(join(out, dirname(named)), { recursive: true });
  writeFileSync(join(out, named), bytes);
  return named;
}

/** The vendored scripts joined into one, without their source-map comments (the maps are not vendored). */
function tfjsScript() {
  const parts = TFJS_FIRST.map((path) => readFileSync(join(STATIC, path), 'utf8')
    .replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  const names = TFJS_FIRST.map((p) => basename(p)).join(' + ');
  return `// ${names} (static/vendor/tfjs/: license there)\n${parts.join(';\n')}`;
}

async function bundle(out, entry, options = {}) {
  const result = await esbuild.build({
    entryPoints: [join(STATIC, entry)], outdir: out, bundle: true, metafile: true, write: true,
    entryNames: '[name].[hash]', charset: 'utf8',
    target: 'es2020', logLevel: 'warning', absWorkingDir: ROOT, ...options });
  const [file] = Object.keys(result.metafile.outputs);
  return relative(out, join(ROOT, file));
}

async function build(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // workbox-window (js/offline/) reads process.env.NODE_ENV: its production build, without the dev logs
  const main = await bundle(out, 'js/main.js', { format: 'esm', define: { 'process.env.NODE_ENV': '"production"' } });
  const css = await bundle(out, 'css/page.css');
  const assets = {
    entries: { 'js/main.js': main, 'css/page.css': css,
      'vendor/tfjs/tfjs.js': writeHashed(out, 'vendor/tfjs.js', tfjsScript()) },
    fetched: Object.fromEntries(FETCHED.map((path) =>
      [path, writeHashed(out, path, readFileSync(join(STATIC, path)))])),
  };
  assets.entries['js/train/worker.js'] = await bundle(out, 'js/train/worker.js', { format: 'iife' });
  writeFileSync(join(out, 'assets.json'), `${JSON.stringify(assets, null, 2)}\n`);
  writeFileSync(join(out, 'manifest.webmanifest'), `${JSON.stringify(webManifest(out), null, 2)}\n`);
  assets.precached = await serviceWorker(out);
  return assets;
}

/** The web app manifest (its URLs relative to it, at the page's folder), the icons copied beside. */
function webManifest(out) {
  const title = JSON.parse(readFileSync(join(STATIC, 'i18n/en.json'), 'utf8'))['page.title'];
  const icons = ICONS.map(([path, sizes, purpose]) =>
    ({ src: `static/dist/${writeHashed(out, path, readFileSync(join(STATIC, path)))}`, sizes, type: 'image/png',
      purpose }));
  return { name: title, short_name: 'VAE', start_url: './', scope: './', display: 'standalone',
    theme_color: THEME, background_color: BACKGROUND, icons };
}

// What the service worker does with each request it sees (the functions are copied into sw.js as
// source, so they use only their arguments and the worker's globals): the page itself and the
// manifests from the network first, so a new publish is seen on the next visit, and from the cache
// when the network fails; the model files (models/<hash>/: a re-export changes <hash>) and the hashed
// files that are not precached (a newer build's, until its worker takes over) from the cache first.
// The page also hands the worker, once, the URLs it fetched before the worker took control (its
// first digit's model): Workbox's CACHE_URLS message puts each through the same rules.
/* global self -- the rules' functions run in the service worker */
const SW_RULES = [
  { urlPattern: ({ request, url }) => request.mode === 'navigate' ||
      url.href.split('?')[0] === self.registration.scope,
  handler: 'NetworkFirst', options: { cacheName: 'vae-page', matchOptions: { ignoreSearch: true } } },
  { urlPattern: ({ url }) => url.origin === self.location.origin &&
      /\/(models\/([^/]+\/)*manifest\.json|manifest\.webmanifest)$/.test(url.pathname),
  handler: 'NetworkFirst', options: { cacheName: 'vae-manifests' } },
  { urlPattern: ({ url }) => url.origin === self.location.origin && /\/models\/[0-9a-f]{12}\//.test(url.pathname),
    handler: 'CacheFirst', options: { cacheName: 'vae-models' } },
  { urlPattern: ({ url }) => url.origin === self.location.origin && url.pathname.includes('/static/dist/'),
    handler: 'CacheFirst', options: { cacheName: 'vae-assets' } },
];

// What the service worker precaches: what the first digit needs, on a GPU (WebGL) or without one (the
// WASM binaries), in either language, and the installed app's icons. The rest (the trainer's worker and
// gradients, the CPU backend, the sample digits, every model) is cached by SW_RULES when it first loads,
// so a visitor who only looks at the first digit downloads nothing more than before.
const FIRST_DIGIT = ['main.*.js', 'page.*.css', 'vendor/tfjs.*.js', 'vendor/tfjs/tfjs-backend-wasm.*.wasm',
  'vendor/tfjs/tfjs-backend-wasm-simd.*.wasm', 'vendor/tfjs/tf-backend-webgl.*.js', 'i18n/*.json', 'icons/*.png'];

/** sw.js: precaches FIRST_DIGIT (named relative to the page's folder, where sw.js is served), with
 * SW_RULES for the rest. A new waiting worker takes over when the page asks (SKIP_WAITING:
 * the page's "new version" notice); the first one takes control of the open page at once. */
async function serviceWorker(out) {
  const { count, size, warnings } = await generateSW({
    swDest: join(out, 'sw.js'), globDirectory: out, globPatterns: FIRST_DIGIT,
    modifyURLPrefix: { '': 'static/dist/' },
    dontCacheBustURLsMatching: /\.([0-9A-Z]{8}|[0-9a-f]{10})\.[a-z]+$/,  // esbuild's hashes and ours
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    manifestTransforms: [(entries) => ({ manifest: entries.sort((a, b) => (a.url < b.url ? -1 : 1)), warnings: [] })],
    clientsClaim: true, skipWaiting: false, cleanupOutdatedCaches: true,
    inlineWorkboxRuntime: true, mode: 'production', sourcemap: false, disableDevLogs: true,
    runtimeCaching: SW_RULES,
  });
  if (warnings.length) throw new Error(`sw.js: ${warnings.join('; ')}`);
  return `${count} files, ${(size / 1e6).toFixed(1)} MB`;
}

const { values } = parseArgs({ options: { out: { type: 'string', default: join(STATIC, 'dist') } } });
const assets = await build(values.out);
console.log(`built ${relative(process.cwd(), values.out) || '.'}: ${Object.values(assets.entries).join(', ')} ` +
  `and ${Object.keys(assets.fetched).length} files the page fetches; sw.js precaches ${assets.precached}`);

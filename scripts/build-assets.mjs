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
// assets.json: {entries: {source: built name} for what is bundled, fetched: {source: name} for copies};
// the page is told where every one of them is (server/routes.py).
// The output depends only on the sources and esbuild's version (tests/serving/test_assets.py rebuilds
// it and compares).

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATIC = join(ROOT, 'static');
const TFJS_FIRST = ['tf-core', 'tf-converter', 'tf-backend-wasm'].map((n) => `vendor/tfjs/${n}.es2017.min.js`);
const FETCHED = ['i18n/en.json', 'i18n/zh-CN.json', 'data/mnist-samples.json',
  'vendor/tfjs/tfjs-backend-wasm.wasm', 'vendor/tfjs/tfjs-backend-wasm-simd.wasm',
  'vendor/tfjs/tfjs-backend-wasm-threaded-simd.wasm',
  'vendor/tfjs/tf-backend-webgl.es2017.min.js', 'vendor/tfjs/tf-backend-cpu.es2017.min.js',
  'vendor/tfjs/tf-gradients.es2017.min.js'];

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
  const main = await bundle(out, 'js/main.js', { format: 'esm' });
  const css = await bundle(out, 'css/page.css');
  const assets = {
    entries: { 'js/main.js': main, 'css/page.css': css,
      'vendor/tfjs/tfjs.js': writeHashed(out, 'vendor/tfjs.js', tfjsScript()) },
    fetched: Object.fromEntries(FETCHED.map((path) =>
      [path, writeHashed(out, path, readFileSync(join(STATIC, path)))])),
  };
  assets.entries['js/train/worker.js'] = await bundle(out, 'js/train/worker.js', { format: 'iife' });
  writeFileSync(join(out, 'assets.json'), `${JSON.stringify(assets, null, 2)}\n`);
  return assets;
}

const { values } = parseArgs({ options: { out: { type: 'string', default: join(STATIC, 'dist') } } });
const assets = await build(values.out);
console.log(`built ${relative(process.cwd(), values.out) || '.'}: ${Object.values(assets.entries).join(', ')} ` +
  `and ${Object.keys(assets.fetched).length} files the page fetches`);

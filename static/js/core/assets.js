// Where the files the page fetches by URL live: the language catalogs, the sample digits, the WASM
// binaries and the WebGL/CPU backends. The server names each one's content-hashed copy in
// <body data-asset-urls> (from static/dist/assets.json, made by scripts/build-assets.mjs), so a
// browser may keep them for a year and a changed file is fetched under its new name. The page names them
// relative to itself (it may be served at / or under any path); they are handed out absolute, so a Web
// Worker, which resolves URLs against its own script, gets the same files.

let urls = null;

/** `url` (relative to the page, as every URL the page names) made absolute. */
export function absoluteUrl(url) {
  return new URL(url, document.baseURI).href;
}

/** The absolute URL of `path` (as under static/, e.g. 'i18n/en.json'); throws if the page does not name it. */
export function assetUrl(path) {
  if (!urls) urls = JSON.parse(document.body.dataset.assetUrls || '{}');
  if (!(path in urls)) throw new Error(`the page names no URL for ${path}`);
  return absoluteUrl(urls[path]);
}

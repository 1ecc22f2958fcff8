// The page's words in the reader's language. Every visible string, label, title and error sentence
// comes from a message catalog per language (static/i18n/<lang>.json: flat "feature.what" keys), never
// from a literal in the code or the template:
//   t('explore.random')                       → "Random z ~ N(0, I)" / "随机 z ~ N(0, I)"
//   t('upload.readingFile', { file: 'a.png' }) → "Reading “a.png”…"   ({name} placeholders)
//   msg(key, params): a message to show later or again ({key, params}); a param may be a msg itself.
// The template marks its strings with data-i18n="key" (the text) and data-i18n-attr="attr:key …"
// (attributes); localize() fills them, and fills them again when the language changes. A key missing
// from the current catalog falls back to English; one missing from both shows "[missing: key]" and
// logs an error, so tests catch it. The language: ?lang=, else the choice remembered in localStorage,
// else the browser's, else English. Features re-render their own computed text on the state's 'lang'
// event (state.languageChanged, called by switchLanguage). The language itself lives here only:
// currentLanguage().

import { assetUrl } from './assets.js';

export const LANGUAGES = ['en', 'zh-CN'];
export const FALLBACK = 'en';
const STORAGE_KEY = 'vae-demo-lang';
export const MISSING = '[missing: ';

const loading = {};   // lang → Promise<catalog>
const catalogs = {};  // lang → catalog, once loaded
let current = FALLBACK;

/** The language of the page now ('en' | 'zh-CN'). */
export function currentLanguage() {
  return current;
}

/** One of LANGUAGES for a language tag ('zh', 'zh-Hans-CN', 'EN-gb' …), or null. */
export function matchLanguage(tag) {
  if (typeof tag !== 'string' || !tag) return null;
  const lower = tag.toLowerCase();
  const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split(/[-_]/)[0];
  return LANGUAGES.find((l) => l.toLowerCase().split('-')[0] === primary) || null;
}

function remembered() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch (e) {
    return null;  // storage blocked (private mode, file://): nothing remembered
  }
}

/** ?lang= (an unknown one means English), else the remembered choice, else the browser's, else English. */
export function chooseLanguage({ search = window.location.search, stored = remembered(),
  browser = navigator.languages || [navigator.language] } = {}) {
  const asked = new URLSearchParams(search).get('lang');
  if (asked !== null) return matchLanguage(asked) || FALLBACK;
  return matchLanguage(stored) || browser.map(matchLanguage).find(Boolean) || FALLBACK;
}

function loadCatalog(lang) {
  if (!loading[lang]) {
    loading[lang] = fetch(assetUrl(`i18n/${lang}.json`)).then((r) => {
      if (!r.ok) throw new Error(`i18n/${lang}.json: HTTP ${r.status}`);
      return r.json();
    }).then((catalog) => {
      catalogs[lang] = catalog;
      return catalog;
    });
    loading[lang].catch(() => { delete loading[lang]; });  // a later switch retries
  }
  return loading[lang];
}

/** A message to translate when shown (and again after a language switch): {key, params}. */
export function msg(key, params = {}) {
  return { key, params };
}

const paramText = (v) => (v && typeof v === 'object' && v.key ? t(v.key, v.params) : String(v));

/**
 * The text of `key` in the current language (English if it has none), each {name} replaced by
 * params[name]: a string or number as it is, a msg() translated.
 */
export function t(key, params = {}) {
  const own = catalogs[current] && catalogs[current][key];
  const text = own || (catalogs[FALLBACK] && catalogs[FALLBACK][key]);
  if (!text) {
    console.error(`i18n: no text for "${key}" in ${current} or ${FALLBACK}`);
    return `${MISSING}${key}]`;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? paramText(params[name]) : whole));
}

function paramsOf(node) {
  return node.dataset.i18nParams ? JSON.parse(node.dataset.i18nParams) : {};
}

/** The attribute/key pairs of data-i18n-attr="aria-label:key title:key2". */
function attrPairs(node) {
  return node.dataset.i18nAttr.trim().split(/\s+/).map((pair) => {
    const at = pair.indexOf(':');
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

/** Fill every [data-i18n] text and [data-i18n-attr] attribute under `root` in the current language. */
export function localize(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) writeText(node, t(node.dataset.i18n, paramsOf(node)));
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    const params = paramsOf(node);
    for (const [attr, key] of attrPairs(node)) node.setAttribute(attr, t(key, params));
  }
}

/** node's text made `text`, leaving it untouched if it is already (the words the server put in the HTML
 *  stay the nodes first painted: nothing is laid out or painted again). */
function writeText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Give `node` the text of `key` (or of a msg()) and mark it (data-i18n), so that a language switch
 * re-translates it by itself. `params` are kept with it: numbers, words that read the same in every
 * language (names, file names), or msg()s.
 */
export function setText(node, key, params = null) {
  if (typeof key === 'object') return setText(node, key.key, key.params);
  node.dataset.i18n = key;
  if (params && Object.keys(params).length) node.dataset.i18nParams = JSON.stringify(params);
  else delete node.dataset.i18nParams;
  writeText(node, t(key, params || {}));
  return node;
}

/** Give `node`'s attribute `attr` the text of `key` (or of a msg()), marked (data-i18n-attr) like setText's text. */
export function setAttr(node, attr, key, params = null) {
  if (typeof key === 'object') return setAttr(node, attr, key.key, key.params);
  const pairs = node.dataset.i18nAttr ? attrPairs(node).filter(([a]) => a !== attr) : [];
  node.dataset.i18nAttr = [...pairs, [attr, key]].map((p) => p.join(':')).join(' ');
  if (params && Object.keys(params).length) node.dataset.i18nParams = JSON.stringify(params);
  node.setAttribute(attr, t(key, params || {}));
  return node;
}

/**
 * Make `lang` the page's language: read its catalog (and the English one, the fallback), translate
 * the marked markup, set <html lang> (numbers follow: core/format.js asks currentLanguage()). Resolves
 * to the language used; an unknown one means English.
 */
export async function useLanguage(lang) {
  const wanted = matchLanguage(lang) || FALLBACK;
  await Promise.all([loadCatalog(FALLBACK), loadCatalog(wanted)]);
  current = wanted;
  document.documentElement.lang = wanted;
  localize(document);
  return wanted;
}

/**
 * The language switch: change the language at once (nothing reloads; models, z and every panel's
 * state stay), remember the choice, keep a ?lang= in the address bar in step, and tell the features
 * (state 'lang' event) to re-render their computed words.
 */
export async function switchLanguage(state, lang) {
  const used = await useLanguage(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, used);
  } catch (e) { /* storage blocked: the choice lasts for this page only */ }
  const url = new URL(window.location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', used);
    window.history.replaceState(window.history.state, '', url);
  }
  state.languageChanged();
  return used;
}

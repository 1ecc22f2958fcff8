// A small element builder, so that features build their markup in one readable expression:
//   el('button', { type: 'button', class: 'go', onclick: run, i18n: 'feature.go' })
// Attributes: `class`/`className`, `text`/`textContent`, `dataset` and `style` (objects), `onX`
// functions become listeners, booleans and numbers set the DOM property, strings the attribute.
// Words from the message catalog (core/i18n.js), said again by themselves after a language switch:
// `i18n` (the text: a key or a msg()) and `i18nAttrs` ({attribute: key or msg()}).
// Children: nodes or strings, arrays flattened; null, undefined and false are skipped.

import { setAttr, setText } from './i18n.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttributes(node, attrs, svg) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class' || k === 'className') node.setAttribute('class', v);
    else if (k === 'text' || k === 'textContent') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'i18n') setText(node, v);
    else if (k === 'i18nAttrs') Object.entries(v).forEach(([attr, m]) => setAttr(node, attr, m));
    else if (k === 'style' && typeof v === 'object') Object.assign(node.style, v);
    else if (typeof v === 'function' && k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (!svg && typeof v !== 'string' && k in node) node[k] = v;
    else node.setAttribute(k, String(v));
  }
}

function build(node, attrs, children, svg) {
  setAttributes(node, attrs || {}, svg);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/** An HTML element: el(tag, attrs, ...children). */
export function el(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children, false);
}

/** An SVG element (every attribute set as an attribute): svgEl(tag, attrs, ...children). */
export function svgEl(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children, true);
}

/** Elements by id under `root`: byIds(root, { send: 'noise-send' }) → { send: <the element> }. */
export function byIds(root, ids) {
  return Object.fromEntries(Object.entries(ids).map(([key, id]) => [key, root.querySelector(`#${id}`)]));
}

// A decoded digit with its caption, as every part of the Why blurry? section shows one: a 28×28 canvas
// scaled up with crisp pixels and the words under it.

import { IMAGE_SIZE } from '../core/constants.js';
import { el } from '../core/dom.js';
import { msg } from '../core/i18n.js';

/** Caption "WHO (name)" of one of the compared models (roles.js). */
export const captionOf = (item) => msg('blur.caption', { who: msg(item.who), name: item.entry.name });

/**
 * {figure, canvas}: a figure holding a canvas (id, aria-label `label`, a msg()), the caption `caption`
 * (a msg()) and then any `extra` nodes.
 */
export function digitFigure({ id, label, caption, dataset = {} }, ...extra) {
  const canvas = el('canvas', { id, class: 'pixelated blur-digit', width: IMAGE_SIZE, height: IMAGE_SIZE,
    role: 'img', i18nAttrs: { 'aria-label': label } });
  const figure = el('figure', { class: 'blur-figure', dataset }, canvas, el('figcaption', { i18n: caption }), ...extra);
  return { figure, canvas };
}

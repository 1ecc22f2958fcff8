// What projector mode shows as pages. A panel (`main > section.panel`) with `[data-projector-page]`
// parts is one page per part. Any other panel is one page or, if it is too tall for the screen, split
// between its direct children into several (its first heading repeated on each; a heading stays with
// what follows it). What still does not fit is scaled down by fit.js.

const TITLE = /^H[12]$/;
const HEADING = /^H[3-6]$/;

export const isTitle = (node) => TITLE.test(node.tagName);

/** The pages in order: {panel, sub (element or null), chunk (index or null), els (chunk's elements)}. */
export function listPages(split) {
  return [...document.querySelectorAll('main > section.panel')].filter((p) => !p.hidden).flatMap((panel) => {
    const subs = [...panel.querySelectorAll('[data-projector-page]')].filter((s) => !s.hidden);
    if (subs.length) return subs.map((sub) => ({ panel, sub, chunk: null }));
    const chunks = split ? autoChunks(panel) : [];
    if (chunks.length < 2) return [{ panel, sub: null, chunk: null }];
    return chunks.map((els, chunk) => ({ panel, sub: null, chunk, els }));
  });
}

/** Where `page` is in `list` (the same chunk, else the same panel and sub-page), or −1. */
export function indexOf(list, page) {
  if (!page) return -1;
  const exact = list.findIndex((p) => p.panel === page.panel && p.sub === page.sub && p.chunk === page.chunk);
  return exact !== -1 ? exact : list.findIndex((p) => p.panel === page.panel && p.sub === page.sub);
}

/** The page shown, for tests: {index, count, panelId, page (sub-page title or null), part (chunk or null)}. */
export function describePage(list, page) {
  return {
    index: indexOf(list, page), count: list.length, panelId: page ? page.panel.id : null,
    page: page && page.sub ? page.sub.dataset.projectorPage : null, part: page ? page.chunk : null,
  };
}

function outerHeight(el) {
  if (!el.getClientRects().length) return 0;
  const cs = getComputedStyle(el);
  return el.getBoundingClientRect().height + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
}

/** The panel's children (title left out) grouped so that a heading stays with what follows it. */
function units(kids) {
  const out = [];
  for (let k = 0; k < kids.length; k += 1) {
    if (HEADING.test(kids[k].tagName) && k + 1 < kids.length) {
      out.push([kids[k], kids[k + 1]]);
      k += 1;
    } else out.push([kids[k]]);
  }
  return out;
}

/** Fill chunks up to `avail` pixels high, unit by unit. */
function pack(groups, avail) {
  const chunks = [];
  let chunk = [];
  let used = 0;
  for (const unit of groups) {
    const h = unit.reduce((sum, el) => sum + outerHeight(el), 0);
    if (used > 0 && h > 0 && used + h > avail) {
      chunks.push(chunk);
      chunk = [];
      used = 0;
    }
    chunk.push(...unit);
    used += h;
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/** Split a panel into screen-high chunks, measuring it as shown in projector mode. */
function autoChunks(panel) {
  const main = panel.parentElement;
  const wasCurrent = panel.classList.contains('projector-current');
  const transform = panel.style.transform;
  const off = [...panel.querySelectorAll(':scope > .projector-off')];
  off.forEach((el) => el.classList.remove('projector-off'));
  panel.classList.add('projector-current');
  panel.style.transform = '';
  const kids = [...panel.children];
  const title = kids.find(isTitle);
  const cs = getComputedStyle(main);
  const avail = main.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) -
    (title ? outerHeight(title) : 0);
  const chunks = pack(units(kids.filter((el) => el !== title)), avail);
  if (!wasCurrent) panel.classList.remove('projector-current');
  panel.style.transform = transform;
  off.forEach((el) => el.classList.add('projector-off'));
  return chunks;
}

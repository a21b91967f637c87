// Finds the article in a page the way Firefox Reader View does, off the
// page's main thread. build.sh bundles this file with linkedom and
// @mozilla/readability into extension/vendor/article.js for the background
// script: Readability needs a DOM, a Chrome service worker has none, and
// running it in the content script costs 30–170 ms of main-thread time on
// ordinary news pages (measured on saved real pages), over the 50 ms
// budget. The content script sends a skeleton of the visible page in which
// every element carries `data-wsi="N"`; this returns the N of the elements
// Readability keeps.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

// Real articles nest a few dozen elements deep. A script can nest them
// thousands deep (the HTML parser stops at 512, the DOM does not), and
// Readability on linkedom then costs far more than linearly in the depth
// (seconds at 1,500 levels) while every other tab waits for the one
// background. Deeper elements are lifted to be children of their ancestor
// at this depth, in document order, each keeping its own text and id.
const MAX_DEPTH = 64;

/** Lifts what is deeper than MAX_DEPTH; returns the depth left (for the background's diagnostics). */
function flatten(root) {
  const stack = [[root, 0]];
  let deepest = 0;
  while (stack.length) {
    const [el, depth] = stack.pop();
    deepest = Math.max(deepest, depth);
    if (depth === MAX_DEPTH) {
      const below = el.querySelectorAll('*');
      for (const d of below) el.append(d);
      if (below.length) deepest = MAX_DEPTH + 1;
      continue;
    }
    for (const child of el.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Readability's article in a skeleton: the data-wsi numbers it keeps, and how deep the tree it read was. */
export function articleElementIds(html) {
  const { document } = parseHTML(html);
  const depth = flatten(document.documentElement);
  return { ids: readabilityIds(document), depth };
}

function readabilityIds(document) {
  const article = new Readability(document, {
    serializer: (el) => el,
    keepClasses: true,
    disableJSONLD: true,
  }).parse();
  if (!article || !article.content) return null;
  const ids = [];
  const add = (el) => {
    const v = el.getAttribute && el.getAttribute('data-wsi');
    if (v !== null && v !== undefined && v !== '') ids.push(Number(v));
  };
  add(article.content);
  for (const el of article.content.querySelectorAll('[data-wsi]')) add(el);
  return ids;
}

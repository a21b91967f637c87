// Finds the article in a page the way Firefox Reader View does, off the
// page's main thread. build.sh bundles this file with linkedom and
// @mozilla/readability into extension/vendor/article.js for the background
// script: Readability needs a DOM, a Chrome service worker has none, and
// running it in the content script costs 30–170 ms of main-thread time on
// ordinary news pages (measured on ../shared/data/pages), over the 50 ms
// budget. The content script sends a skeleton of the visible page in which
// every element carries `data-wsi="N"`; this returns the N of the elements
// Readability keeps.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

export function articleElementIds(html) {
  const { document } = parseHTML(html);
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

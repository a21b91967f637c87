// A document for the content script's modules to run against in Node
// (linkedom): the globals they use are set to its window's.
import { parseHTML } from 'linkedom';

/** Parses `body` as a page's <body> and makes it the global document. */
export function page(body) {
  const w = parseHTML(`<!DOCTYPE html><html><head><title>test</title></head><body>${body}</body></html>`);
  globalThis.document = w.document;
  globalThis.Node = w.Node;
  allTags(w.document);
  return w.document;
}

// linkedom's getElementsByTagName finds nothing for '*', which in a browser
// means every element.
function allTags(doc) {
  for (const proto of [Object.getPrototypeOf(doc), Object.getPrototypeOf(doc.documentElement)]) {
    const own = proto.getElementsByTagName;
    if (own.patched) continue;
    const patched = function getElementsByTagName(name) {
      return name === '*' ? this.querySelectorAll('*') : own.call(this, name);
    };
    patched.patched = true;
    proto.getElementsByTagName = patched;
  }
}

/** The text nodes under `root`, in document order. */
export function textNodes(root) {
  const out = [];
  const visit = (n) => {
    if (n.nodeType === 3) out.push(n);
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(root);
  return out;
}

/**
 * The text the DOM holds between two points [node, offset] (text nodes
 * only, in document order): what a Range between them would read.
 */
export function textBetween(root, [startNode, startOffset], [endNode, endOffset]) {
  let out = '';
  let on = false;
  for (const n of textNodes(root)) {
    const from = n === startNode ? startOffset : 0;
    if (n === startNode) on = true;
    if (!on) continue;
    if (n === endNode) return out + n.data.slice(from, endOffset);
    out += n.data.slice(from);
  }
  throw new Error('the end point is not after the start point');
}

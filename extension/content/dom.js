// Small DOM helpers. Our own UI is built from elements and textContent
// only: page text never reaches the DOM as markup.

/**
 * An element with `class`, `text`, `on…` listeners (for the reader's own
 * input only: events a page script makes are ignored), `style` properties
 * and other attributes, and its children.
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), (ev) => ev.isTrusted && v(ev));
    else if (k === 'style') for (const [p, val] of Object.entries(v)) node.style.setProperty(p, val);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// A category's colours for a swatch, a dot or a chip (palette.css names them).
export const catVars = (c) => ({ '--bg': `var(--whosays-${c})`, '--line': `var(--whosays-${c}-line)` });

/** Page words as the UI quotes them: whitespace folded, in curly quotes. */
export const quote = (s) => `“${String(s).replace(/\s+/g, ' ').trim()}”`;

/** The host chain: is `node` inside `root`, crossing shadow boundaries? */
export function composedContains(root, node) {
  for (let n = node; n; ) {
    if (n === root) return true;
    n = n.parentNode || n.host || null;
  }
  return false;
}

/**
 * The lowest element holding them all, shadow hosts crossed. Each node is
 * climbed past once (thousands of elements, each tested from the bottom,
 * took Firefox 28 ms in one task on the wiki-like bench page).
 */
export function commonAncestor(elements) {
  if (!elements.length) return document.body;
  const up = (n) => n.parentNode || n.host || null;
  // The first element's ancestors, bottom up; the answer is one of them.
  const chain = [];
  for (let n = elements[0]; n; n = up(n)) chain.push(n);
  const height = new Map(chain.map((n, i) => [n, i]));
  const climbed = new Set();
  let top = 0;
  for (const el of elements) {
    let n = el;
    while (n && !height.has(n) && !climbed.has(n)) {
      climbed.add(n);
      n = up(n);
    }
    // A node climbed past before leads where it led then.
    if (!n) return document.body;
    if (height.has(n)) top = Math.max(top, height.get(n));
  }
  return chain[top] || document.body;
}

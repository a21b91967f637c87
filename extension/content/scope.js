// Which part of the page our ::highlight rules apply to, and what adding
// them costs. Adding (or removing) a style sheet makes the browser restyle,
// in one step, every element its rules could style: Chromium every element
// they match and, since highlight styles inherit there, everything inside;
// Firefox every element sharing the id, class or tag of the rule's subject,
// and everything inside. Rules for the whole page restyle the whole page
// (150-250 ms for a wiki article on a 2-core machine), so they are written
// for the article's root alone, named by a selector both engines target
// precisely: an id, a class or a tag that no other element has. Open shadow
// roots, which page styles do not reach, get a copy of the rules.

/**
 * The scope for rules covering `root` (the article): `{ id }`, `{ cls }`,
 * `{ tag }` or `{ root: true }` (the whole document), and `elements`, how
 * many elements restyling it touches. Climbs from `root` to the nearest
 * element a unique id, class or tag names; out of shadow trees first,
 * which the page's sheets do not reach.
 */
export function styleScope(root) {
  let el = root?.nodeType === 1 ? root : root?.host || null;
  while (el && el.getRootNode() !== document) el = el.getRootNode().host || null;
  for (; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
    const scope = uniqueName(el);
    if (scope) return { ...scope, elements: el.getElementsByTagName('*').length + 1 };
  }
  return { root: true, elements: document.getElementsByTagName('*').length };
}

function uniqueName(el) {
  if (el.id && document.getElementById(el.id) === el && countById(el.id) === 1) return { id: el.id };
  for (const cls of el.classList) {
    if (document.getElementsByClassName(cls).length === 1) return { cls };
  }
  if (document.getElementsByTagName(el.localName).length === 1) return { tag: el.localName };
  return null;
}

// getElementById finds the first of several; the rule would style them all.
function countById(id) {
  let n = 0;
  for (const el of document.querySelectorAll('[id]')) if (el.id === id && ++n > 1) break;
  return n;
}

// The ::highlight rules (palette written in), for open shadow roots, and
// the roots given them.
let highlightCss = '';
const adopted = new Map();

export function setHighlightCss(css) {
  highlightCss = css;
}

/** Page styles do not reach into shadow trees: give each open root our ::highlight rules. */
export function styleShadowRootOf(range) {
  if (!range || !highlightCss) return;
  const root = range.startContainer.getRootNode();
  if (!(root instanceof ShadowRoot) || adopted.has(root)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(highlightCss);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    adopted.set(root, sheet);
  } catch {
    // A root that refuses the sheet still works, unpainted but explained.
  }
}

/** Toggled off: the shadow roots' copies of the rules go. */
export function unstyleShadowRoots() {
  for (const [root, sheet] of adopted) {
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets].filter((s) => s !== sheet);
    } catch {
      // The root is gone with its page part; nothing to restore.
    }
  }
  adopted.clear();
}

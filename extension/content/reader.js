// Reading the page: the rules → a walk of the rendered tree → the article
// (Readability's choice, made in the background, or the rules' selectors)
// → blocks of text with roles, mapped back to their text nodes.
import { commonAncestor, composedContains } from './dom.js';
import { compileRules, isSkipped, isVisible, namesMatch, roleOf } from './rules.js';
import { sendLong, slicer } from './runtime.js';
import { session } from './state.js';
import { blockBuilder, isSpace } from './text-map.js';

// Nodes walked between two looks at the clock.
const WALK_STRIDE = 64;
// Above these the page is not sent to Readability (its cost grows faster
// than the page) and the article is found from the rules' selectors.
const ARTICLE_MAX_ELEMENTS = 25000;
const ARTICLE_MAX_HTML = 2_000_000;
const NON_SPACE = /[^ \t\n\r\f]/;

// The compiled rules, asked for once per page; the article once found
// (kind, root, and Readability's verdicts); the open shadow roots walked.
let rules = null;
let pageArticle = null;
export const shadowRoots = new Set();

const escText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const VOID = new Set(['br', 'hr', 'wbr', 'img', 'input', 'area', 'col', 'embed', 'source', 'track']);

/**
 * Walk the rendered tree under `root` (open shadow roots and slots
 * included; `skip`, our UI's host, left out), in slices.
 *
 * With the article already known (`article`: pages too big for
 * Readability, and rescans), the article's text goes straight into blocks
 * and nothing else is kept. Otherwise it returns the text nodes in
 * reading order with, in parallel arrays, their block number, the element
 * they sit in (an index into `els`) and whether a teaser-like container
 * holds them; and, with `skeleton`, an HTML skeleton of the visible
 * elements (each tagged data-wsi="N") for Readability.
 *
 * Nothing is allocated per node beyond array slots: on a 5 MB page, what
 * survives the walk is what the garbage collector copies, in pauses of
 * 50 ms and more.
 */
async function walk(root, run, { skeleton: withSkeleton = false, article = null, skip = null } = {}) {
  const R = rules;
  const slice = slicer();
  const builder = article ? blockBuilder() : null;
  const nodes = [];
  const blockOf = [];
  const containerOf = [];
  const unlikelyOf = [];
  const els = [];
  const blockRoles = [];
  const html = [];
  let htmlSize = 0;
  let skeleton = withSkeleton;
  let block = 0;
  let blockHasText = false;
  let visible = 0;
  // One frame per open element, reused from walk to walk depth. With the
  // article known, `inside` says the element is within its root and
  // `member` that its own text belongs to the article.
  const frames = [];
  let depth = 0;
  const enter = (next, list, role, container, unlikely, tag, isBlock, inside, member) => {
    let f = frames[depth];
    if (!f) f = frames[depth] = { next: null, list: null, i: 0, role: '', container: -1, unlikely: 0, tag: '', block: false, inside: false, member: false };
    f.next = next;
    f.list = list;
    f.i = 0;
    f.role = role;
    f.container = container;
    f.unlikely = unlikely;
    f.tag = tag;
    f.block = isBlock;
    f.inside = inside;
    f.member = member;
    depth++;
  };
  enter(null, [root], 'paragraph', -1, 0, '', false, false, false);
  let stride = 0;
  while (depth > 0) {
    if (++stride === WALK_STRIDE) {
      stride = 0;
      await slice.check();
      if (run !== session.run) return null;
    }
    const f = frames[depth - 1];
    let node = null;
    if (f.list) {
      if (f.i < f.list.length) node = f.list[f.i++];
    } else if (f.next) {
      node = f.next;
      f.next = node.nextSibling;
    }
    if (!node) {
      depth--;
      if (f.block && blockHasText) {
        block++;
        blockHasText = false;
      }
      if (skeleton && f.tag && !VOID.has(f.tag)) html.push(`</${f.tag}>`);
      f.list = null;
      f.next = null;
      continue;
    }
    const type = node.nodeType;
    if (type === Node.TEXT_NODE) {
      const text = node.data;
      if (!text) continue;
      // Past the limit, in text as in tags, no skeleton: the article is
      // found by the rules' selectors (one text node can be megabytes).
      if (skeleton && htmlSize + text.length > ARTICLE_MAX_HTML) {
        skeleton = false;
        html.length = 0;
      } else if (skeleton) {
        const s = escText(text);
        html.push(s);
        htmlSize += s.length;
      }
      const blank = !NON_SPACE.test(text);
      if (blank && !blockHasText) continue;
      if (!blank) {
        if (!blockHasText) blockRoles[block] = f.role;
        blockHasText = true;
      }
      if (builder) {
        const rest = f.member ? builder.add(node, block, blockRoles[block]) : -1;
        if (rest >= 0 && !(await addRest(builder, node, block, blockRoles[block], rest, slice, run))) return null;
        continue;
      }
      nodes.push(node);
      blockOf.push(block);
      containerOf.push(f.container);
      unlikelyOf.push(f.unlikely);
      continue;
    }
    if (type !== Node.ELEMENT_NODE) {
      // A shadow root or document fragment given as the root: read in place.
      if (type === Node.DOCUMENT_FRAGMENT_NODE) enter(node.firstChild, null, f.role, f.container, f.unlikely, '', false, f.inside, f.member);
      continue;
    }
    const el = node;
    if (el === skip) continue;
    const tag = el.localName;
    if (isSkipped(el, tag, R) || !isVisible(el)) continue;
    visible++;
    const id = builder ? -1 : els.length;
    if (!builder) els.push(el);
    const isBlock = R.blockTags.has(tag);
    if (isBlock && blockHasText) {
      block++;
      blockHasText = false;
    }
    const cls = el.getAttribute('class');
    const elId = el.id;
    const role = roleOf(el, tag, R, f.role, cls, elId);
    let unlikely = f.unlikely;
    if (!unlikely && tag !== 'body' && tag !== 'a' && tag !== 'main' && tag !== 'article') {
      if (namesMatch(R.unlikely, cls, elId) && !namesMatch(R.maybe, cls, elId) && !el.closest('table,code')) unlikely = 1;
    }
    if (skeleton) {
      let s = `<${tag} data-wsi="${id}"`;
      for (const name of ['id', 'class', 'role', 'itemprop', 'rel']) {
        const v = el.getAttribute(name);
        if (v) s += ` ${name}="${escAttr(v)}"`;
      }
      const href = el.getAttribute('href');
      if (href && href.startsWith('#')) s += ` href="${escAttr(href)}"`;
      s += '>';
      html.push(s);
      htmlSize += s.length;
      if (htmlSize > ARTICLE_MAX_HTML || els.length > ARTICLE_MAX_ELEMENTS) {
        skeleton = false;
        html.length = 0;
      }
    }
    let inside = false;
    let member = false;
    if (article) {
      inside = f.inside || el === article.root;
      // Readability's verdict where it saw the element; otherwise (added
      // since, or no Readability) inside the root and not a teaser.
      member = article.known?.has(el) ? article.kept.has(el) : inside && !unlikely;
    }
    if (el.shadowRoot) {
      shadowRoots.add(el.shadowRoot);
      enter(el.shadowRoot.firstChild, null, role, id, unlikely, tag, isBlock, inside, member);
    } else if (tag === 'slot' && typeof el.assignedNodes === 'function') {
      const assigned = el.assignedNodes({ flatten: true });
      if (assigned.length) enter(null, assigned, role, id, unlikely, tag, isBlock, inside, member);
      else enter(el.firstChild, null, role, id, unlikely, tag, isBlock, inside, member);
    } else {
      enter(el.firstChild, null, role, id, unlikely, tag, isBlock, inside, member);
    }
  }
  if (builder) return { blocks: builder.done(), visible };
  return {
    visible,
    nodes,
    blockOf,
    containerOf,
    unlikelyOf,
    els,
    blockRoles,
    skeleton: skeleton ? `<html><head><title>${escText(document.title || '')}</title></head>${html.join('')}</html>` : null,
  };
}

/**
 * Which elements hold the article: Readability's choice (in the
 * background) when the page is small enough to send, else the first
 * element matching the rules' article selectors with enough text, else the
 * whole body.
 */
async function findArticle(read, run) {
  if (read.skeleton) {
    const reply = await sendLong('article', read.skeleton);
    if (run !== session.run) return null;
    if (reply && Array.isArray(reply.ids) && reply.ids.length) {
      const kept = new Set();
      for (const i of reply.ids) if (read.els[i]) kept.add(read.els[i]);
      return { kind: 'readability', kept, root: commonAncestor([...kept]), known: new WeakSet(read.els) };
    }
  }
  return articleBySelector();
}

function articleBySelector() {
  const R = rules;
  for (const sel of R.articleSelectors) {
    for (const el of document.querySelectorAll(sel)) {
      if (hasText(el, R.minArticleChars)) return { kind: 'selector', kept: null, root: el, known: null };
    }
  }
  return { kind: 'body', kept: null, root: document.body, known: null };
}

/**
 * At least `min` non-space characters under `el`; stops as soon as it
 * knows, inside a text node too (one can be megabytes).
 */
function hasText(el, min) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let n = 0;
  while (n < min && walker.nextNode()) {
    const data = walker.currentNode.data;
    for (let i = 0; i < data.length && n < min; i++) if (!isSpace(data.charCodeAt(i))) n++;
  }
  return n >= min;
}

function inArticle(i, read) {
  const A = pageArticle;
  const el = read.els[read.containerOf[i]];
  if (!el) return false;
  if (A.kind === 'readability' && A.known.has(el)) return A.kept.has(el);
  // Elements added after Readability ran (live pages), or no Readability.
  return !read.unlikelyOf[i] && composedContains(A.root, el);
}

/** The two-pass way, after Readability: blocks from what walk() kept. */
async function buildBlocks(read, run) {
  const slice = slicer();
  const builder = blockBuilder();
  const { nodes, blockOf } = read;
  for (let i = 0; i < nodes.length; i++) {
    if ((i & (WALK_STRIDE - 1)) === 0) {
      await slice.check();
      if (run !== session.run) return null;
    }
    if (!inArticle(i, read)) continue;
    const role = read.blockRoles[blockOf[i]];
    const rest = builder.add(nodes[i], blockOf[i], role);
    if (rest >= 0 && !(await addRest(builder, nodes[i], blockOf[i], role, rest, slice, run))) return null;
  }
  return builder.done();
}

/** The rest of a text node too long to read at once (from `at`), a stretch a slice; false once `run` is stale. */
async function addRest(builder, node, block, role, at, slice, run) {
  for (; at >= 0; at = builder.add(node, block, role, at)) {
    await slice.check();
    if (run !== session.run) return false;
  }
  return true;
}

export const hasRules = () => !!rules;

export function setRules(raw) {
  rules = compileRules(raw);
}

/** Whether an element is in a part of the page the rules never read (a mutation there changes nothing). */
export const inSkipped = (el) => !!rules.skipSelector && !!el.closest(rules.skipSelector);

/** Whether `node` is outside the article, while the article is still in the page. */
export const outsideArticle = (node) => !!pageArticle?.root?.isConnected && !composedContains(pageArticle.root, node);

/** The article itself was taken out of the page (single-page navigation). */
export const articleGone = () => !!pageArticle?.root && !pageArticle.root.isConnected;

export function forgetArticle() {
  pageArticle = null;
}

export function forgetShadowRoots() {
  shadowRoots.clear();
}

/**
 * The page's article as blocks, or null once `run` is stale. `found` is
 * given the article's root element once it is known, and awaited.
 */
export async function readPage(run, skip, found) {
  // Counting elements is cheap; building a skeleton only to throw it away
  // at the limit is not. A page too big for Readability is read in one
  // pass, its article found by the rules' selectors first.
  const small = document.getElementsByTagName('*').length <= ARTICLE_MAX_ELEMENTS;
  if (!small) pageArticle = articleBySelector();
  const read = await walk(document.body, run, small ? { skeleton: true, skip } : { article: pageArticle, skip });
  if (!read) return null;
  if (small) {
    pageArticle = await findArticle(read, run);
    if (!pageArticle) return null;
  }
  await found(pageArticle.root);
  if (run !== session.run) return null;
  if (small) read.blocks = await buildBlocks(read, run);
  return read.blocks;
}

/** The known article's blocks read again (live pages), or null once `run` is stale. */
export async function rereadArticle(run, skip) {
  const read = await walk(document.body, run, { article: pageArticle, skip });
  return read && read.blocks;
}

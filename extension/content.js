// Who Says? content script: reads the page's visible text, asks the
// background (which runs the Rust core) for findings, and paints them with
// the CSS Custom Highlight API. The page's DOM is never modified: the only
// node added is one host for a closed shadow root (the tooltip, the panel and
// the live region), attached outside <body> and removed on toggle-off.
//
// Injected on demand (toolbar button, shortcut, or a site the reader chose);
// a second injection into the same page toggles the running instance.
(() => {
  'use strict';

  if (globalThis.__whosays) {
    globalThis.__whosays.toggle();
    return;
  }

  const api = globalThis.browser ?? globalThis.chrome;
  // getMessage is not free in every browser; plain strings are looked up once.
  const plain = new Map();
  const t = (name, subs) => {
    if (subs) return api.i18n.getMessage(name, subs) || name;
    if (!plain.has(name)) plain.set(name, api.i18n.getMessage(name) || name);
    return plain.get(name);
  };

  const CATEGORIES = ['named', 'anonymous', 'vague', 'pronoun', 'unsourced'];
  const CATEGORY_LABEL = {
    named: 'categoryNamed',
    anonymous: 'categoryAnonymous',
    vague: 'categoryVague',
    pronoun: 'categoryPronoun',
    unsourced: 'categoryUnsourced',
  };
  // Highlight names, in the registry the page also sees. Later = on top.
  const PRIORITY = {
    'whosays-unsourced-sentence': 0,
    'whosays-unsourced': 2,
    'whosays-named': 3,
    'whosays-anonymous': 3,
    'whosays-vague': 3,
    'whosays-pronoun': 3,
    'whosays-cue': 4,
    'whosays-cue-loaded': 4,
    'whosays-focus': 10,
  };
  const HIGHLIGHT_API = typeof Highlight === 'function' && !!globalThis.CSS?.highlights;

  // Main-thread budget per slice of work; the whole toggle must never block
  // the page for 50 ms, so everything long yields between slices.
  const SLICE_MS = 8;
  // Above these the page is not sent to Readability (its cost grows faster
  // than the page) and the article is found from the rules' selectors.
  const ARTICLE_MAX_ELEMENTS = 25000;
  const ARTICLE_MAX_HTML = 3_000_000;
  // Adding any style sheet makes the browser restyle the whole document: on
  // a 5 MB page that is seconds of frozen page (measured in Chromium). Above
  // this many elements the ::highlight rules are not injected; the ranges are
  // still registered (for hit-testing) and painted as boxes in our shadow
  // root, only for the part of the page near the viewport.
  const STYLE_MAX_ELEMENTS = 15000;
  const FIRST_CHUNK_CHARS = 6000;
  const CHUNK_CHARS = 30000;
  const LIST_LIMIT = 300;
  // Live pages: wait for a quiet moment, and back off while the page keeps
  // changing so a page that mutates constantly cannot keep us busy.
  const RESCAN_QUIET_MS = 400;
  const RESCAN_MIN_INTERVAL_MS = 1000;
  const RESCAN_MAX_INTERVAL_MS = 16000;

  const ASCII_SPACE = /[ \t\n\r\f]+/g;

  // Yield with an ordinary task (a private MessageChannel, which the page
  // cannot see): the page's own timers and input run in between.
  // scheduler.yield() would resume ahead of them, and setTimeout(0) is
  // clamped to 4 ms.
  const channel = new MessageChannel();
  const waiting = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  const yieldToPage = () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });

  /** A deadline-based slicer: `await slice.check()` yields once the slice is spent. */
  function slicer() {
    let end = performance.now() + SLICE_MS;
    return {
      async check() {
        if (performance.now() < end) return;
        await yieldToPage();
        end = performance.now() + SLICE_MS;
      },
    };
  }

  const send = (message) => api.runtime.sendMessage(message);

  const S = {
    on: false,
    run: 0,
    rules: null,
    highlightCss: '',
    paletteCss: '',
    enabled: Object.fromEntries(CATEGORIES.map((c) => [c, true])),
    collapsed: false,
    listOpen: false,
    blocks: [],
    entries: [],
    rangeEntry: new Map(),
    nodeBlock: new WeakMap(),
    highlights: new Map(),
    shadowRoots: new Set(),
    adopted: new Map(),
    article: null,
    host: null,
    ui: null,
    tipEntry: null,
    tipPinned: false,
    hideTimer: 0,
    flashTimer: 0,
    focusIndex: -1,
    pointer: null,
    moveQueued: false,
    observer: null,
    rescan: { timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false },
    overlayQueued: false,
    overlay: !HIGHLIGHT_API,
    styled: false,
    counts: Object.fromEntries(CATEGORIES.map((c) => [c, 0])),

    status: 'idle',
  };

  // ---------------------------------------------------------------- rules

  function compileRules(raw) {
    const lower = (xs) => new Set((xs || []).map((x) => String(x).toLowerCase()));
    const roleTags = new Map(Object.entries(raw.role_tags || {}));
    const roleAttr = new Map();
    for (const [role, values] of Object.entries(raw.role_attributes || {})) {
      for (const v of values) roleAttr.set(String(v).toLowerCase(), role);
    }
    const rolePatterns = Object.entries(raw.role_patterns || {}).map(([role, p]) => [role, new RegExp(p, 'i')]);
    const skipAttributes = Object.entries(raw.skip_attributes || {}).map(([name, values]) => [name, lower(values)]);
    const skipTags = lower(raw.skip_tags);
    const skipSelector = [
      ...skipTags,
      ...skipAttributes.map(([name, values]) =>
        values.size ? [...values].map((v) => `[${name}="${v}" i]`).join(',') : `[${name}]`,
      ),
    ].join(',');
    return {
      skipTags,
      skipRoles: lower(raw.skip_roles),
      skipAttributes,
      skipSelector,
      blockTags: lower(raw.block_tags),
      roleTags,
      roleAttr,
      rolePatterns,
      unlikely: new RegExp(raw.unlikely_pattern, 'i'),
      maybe: new RegExp(raw.maybe_pattern, 'i'),
      articleSelectors: raw.article_selectors || [],
      minArticleChars: raw.min_article_chars || 0,
    };
  }

  function isSkipped(el, tag, R) {
    if (R.skipTags.has(tag)) return true;
    const role = el.getAttribute('role');
    if (role && R.skipRoles.has(role.toLowerCase())) return true;
    for (const [name, values] of R.skipAttributes) {
      const v = el.getAttribute(name);
      if (v === null) continue;
      if (values.size === 0 || values.has(v.toLowerCase())) return true;
    }
    return false;
  }

  function isVisible(el) {
    if (typeof el.checkVisibility !== 'function') return true;
    if (el.checkVisibility({ visibilityProperty: true })) return true;
    // display: contents has no box of its own, but its children render.
    return getComputedStyle(el).display === 'contents';
  }

  function roleOf(el, tag, R, inherited) {
    const byTag = R.roleTags.get(tag);
    if (byTag) return byTag;
    const aria = el.getAttribute('role');
    if (aria && R.roleAttr.has(aria.toLowerCase())) return R.roleAttr.get(aria.toLowerCase());
    const names = `${el.getAttribute('class') || ''} ${el.id || ''}`;
    if (names.length > 1) {
      for (const [role, re] of R.rolePatterns) if (re.test(names)) return role;
    }
    return inherited;
  }

  // ---------------------------------------------------------------- reading

  const escText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const escAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const VOID = new Set(['br', 'hr', 'wbr', 'img', 'input', 'area', 'col', 'embed', 'source', 'track']);

  /**
   * Walk the rendered tree under `root` (open shadow roots and slots
   * included), in slices. Returns the text items in reading order, each with
   * its block number, block role and the element it sits in, plus an HTML
   * skeleton of the visible elements (each tagged data-wsi="N") for
   * Readability.
   */
  async function walk(root, run, withSkeleton) {
    const R = S.rules;
    const slice = slicer();
    const items = [];
    const els = [];
    const blockRoles = [];
    const html = [];
    let htmlSize = 0;
    let skeleton = withSkeleton;
    let block = 0;
    let blockHasText = false;
    const newBlock = () => {
      if (blockHasText) {
        block++;
        blockHasText = false;
      }
    };
    // Frames: [node, role, container, unlikely] to enter, or an exit marker.
    const stack = [{ node: root, role: 'paragraph', container: -1, unlikely: false }];
    while (stack.length) {
      await slice.check();
      if (run !== S.run) return null;
      const f = stack.pop();
      if (f.exit) {
        if (f.block) newBlock();
        if (skeleton && !VOID.has(f.tag)) html.push(`</${f.tag}>`);
        continue;
      }
      const node = f.node;
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.data;
        if (!text) continue;
        if (skeleton) {
          const s = escText(text);
          html.push(s);
          htmlSize += s.length;
        }
        const blank = !/[^ \t\n\r\f]/.test(text);
        if (blank && !blockHasText) continue;
        if (!blank) {
          if (!blockHasText) blockRoles[block] = f.role;
          blockHasText = true;
        }
        items.push({ node, block, container: f.container, unlikely: f.unlikely });
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) {
        // A shadow root or document fragment: walk its children in place.
        pushChildren(stack, node.childNodes, f.role, f.container, f.unlikely);
        continue;
      }
      const el = node;
      if (el === S.host) continue;
      const tag = el.localName;
      if (isSkipped(el, tag, R) || !isVisible(el)) continue;
      const id = els.length;
      els.push(el);
      const isBlock = R.blockTags.has(tag);
      if (isBlock) newBlock();
      const role = roleOf(el, tag, R, f.role);
      let unlikely = f.unlikely;
      if (!unlikely && tag !== 'body' && tag !== 'a' && tag !== 'main' && tag !== 'article') {
        const names = `${el.getAttribute('class') || ''} ${el.id || ''}`;
        if (names.length > 1 && R.unlikely.test(names) && !R.maybe.test(names) && !el.closest('table,code')) unlikely = true;
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
      stack.push({ exit: true, tag, block: isBlock });
      let children = el.childNodes;
      if (el.shadowRoot) {
        S.shadowRoots.add(el.shadowRoot);
        children = el.shadowRoot.childNodes;
      } else if (tag === 'slot' && typeof el.assignedNodes === 'function') {
        const assigned = el.assignedNodes({ flatten: true });
        if (assigned.length) children = assigned;
      }
      pushChildren(stack, children, role, id, unlikely);
    }
    newBlock();
    return {
      items,
      els,
      blockRoles,
      skeleton: skeleton ? `<html><head><title>${escText(document.title || '')}</title></head>${html.join('')}</html>` : null,
    };
  }

  function pushChildren(stack, children, role, container, unlikely) {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], role, container, unlikely });
  }

  /** The host chain: is `node` inside `root`, crossing shadow boundaries? */
  function composedContains(root, node) {
    for (let n = node; n; ) {
      if (n === root) return true;
      n = n.parentNode || n.host || null;
    }
    return false;
  }

  /**
   * Which elements hold the article: Readability's choice (in the
   * background) when the page is small enough to send, else the first
   * element matching the rules' article selectors with enough text, else the
   * whole body.
   */
  async function findArticle(read, run) {
    if (read.skeleton) {
      let reply = null;
      try {
        reply = await send({ type: 'article', html: read.skeleton });
      } catch {
        reply = null;
      }
      if (run !== S.run) return null;
      if (reply && Array.isArray(reply.ids) && reply.ids.length) {
        const kept = new Set();
        for (const i of reply.ids) if (read.els[i]) kept.add(read.els[i]);
        return { kind: 'readability', kept, root: commonAncestor([...kept]), known: new WeakSet(read.els) };
      }
    }
    const R = S.rules;
    for (const sel of R.articleSelectors) {
      for (const el of document.querySelectorAll(sel)) {
        if (hasText(el, R.minArticleChars)) return { kind: 'selector', kept: null, root: el, known: null };
      }
    }
    return { kind: 'body', kept: null, root: document.body, known: null };
  }

  /** At least `min` non-space characters under `el`; stops as soon as it knows. */
  function hasText(el, min) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let n = 0;
    while (n < min && walker.nextNode()) n += walker.currentNode.data.replace(ASCII_SPACE, '').length;
    return n >= min;
  }

  function commonAncestor(elements) {
    if (!elements.length) return document.body;
    let root = elements[0];
    for (const el of elements) {
      while (root && !composedContains(root, el)) root = root.parentNode || root.host || null;
    }
    return root || document.body;
  }

  function inArticle(item, read) {
    const A = S.article;
    const el = read.els[item.container];
    if (!el) return false;
    if (A.kind === 'readability' && A.known.has(el)) return A.kept.has(el);
    // Elements added after Readability ran (live pages), or no Readability.
    return !item.unlikely && composedContains(A.root, el);
  }

  /**
   * Turn the article's text items into blocks: ASCII whitespace collapsed,
   * block text trimmed, and for every block a list of segments mapping its
   * text back to (text node, offset).
   */
  async function buildBlocks(read, run) {
    const slice = slicer();
    const blocks = [];
    let cur = null;
    let curNo = -1;
    // The first whitespace after a word, emitted as one space only if
    // another word follows in the same block.
    let pending = null;
    const addRun = (seg, flat, nodeOffset, len) => {
      const last = seg.runs[seg.runs.length - 1];
      if (last && last.flat + last.len === flat && last.node + last.len === nodeOffset) last.len += len;
      else seg.runs.push({ flat, node: nodeOffset, len });
    };
    const finish = () => {
      if (cur && cur.text.length) {
        cur.segs = cur.segs.filter((s) => s.runs.length);
        cur.key = `${cur.role}\u0001${cur.text}`;
        blocks.push(cur);
      }
      cur = null;
    };
    for (const item of read.items) {
      await slice.check();
      if (run !== S.run) return null;
      if (!inArticle(item, read)) continue;
      if (item.block !== curNo) {
        finish();
        curNo = item.block;
        cur = { text: '', role: read.blockRoles[item.block] || 'paragraph', segs: [], entries: [], key: '' };
        pending = null;
      }
      const data = item.node.data;
      const seg = { node: item.node, runs: [] };
      cur.segs.push(seg);
      S.nodeBlock.set(item.node, cur);
      let text = cur.text;
      let at = 0;
      ASCII_SPACE.lastIndex = 0;
      for (;;) {
        const m = ASCII_SPACE.exec(data);
        const wordEnd = m ? m.index : data.length;
        if (wordEnd > at) {
          if (pending) {
            addRun(pending.seg, text.length, pending.offset, 1);
            text += ' ';
            pending = null;
          }
          addRun(seg, text.length, at, wordEnd - at);
          text += data.slice(at, wordEnd);
        }
        if (!m) break;
        if (text.length && !pending) pending = { seg, offset: m.index };
        at = m.index + m[0].length;
      }
      cur.text = text;
    }
    finish();
    return blocks;
  }

  /** Flat offset in a block → a DOM point. `end` prefers the segment ending there. */
  function pointAt(block, offset, end) {
    const segs = block.segs;
    let lo = 0;
    let hi = segs.length - 1;
    let best = segs[0];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const from = segs[mid].runs[0].flat;
      if (end ? from < offset : from <= offset) {
        best = segs[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let run = best.runs[0];
    for (const r of best.runs) {
      if (end ? r.flat < offset : r.flat <= offset) run = r;
      else break;
    }
    const within = Math.max(0, Math.min(offset - run.flat, run.len));
    return [best.node, run.node + within];
  }

  function rangeFor(block, start, end) {
    if (!block || end <= start) return null;
    const [sn, so] = pointAt(block, start, false);
    const [en, eo] = pointAt(block, end, true);
    try {
      const r = document.createRange();
      r.setStart(sn, Math.min(so, sn.length));
      r.setEnd(en, Math.min(eo, en.length));
      return r.collapsed ? null : r;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- scanning

  /** Scan blocks in chunks (joined by "\n\n" like the core), painting as results arrive. */
  async function scanBlocks(blocks, run) {
    let i = 0;
    let first = true;
    while (i < blocks.length) {
      const limit = first ? FIRST_CHUNK_CHARS : CHUNK_CHARS;
      first = false;
      const chunk = [];
      let size = 0;
      while (i < blocks.length && (chunk.length === 0 || size + blocks[i].text.length <= limit)) {
        chunk.push(blocks[i]);
        size += blocks[i].text.length + 2;
        i++;
      }
      const reply = await send({ type: 'scan', blocks: chunk.map((b) => ({ text: b.text, role: b.role })) });
      if (run !== S.run) return false;
      if (!reply || reply.error) throw new Error(reply?.error || 'no answer from the background');
      await placeFindings(chunk, reply.findings || [], run);
      if (run !== S.run) return false;
      // Later chunks of a long page usually lie below the screen: no redraw.
      if (S.overlay && blockTop(chunk[0]) < 2 * innerHeight) queueOverlay();
      updateSummary();
    }
    return true;
  }

  async function placeFindings(chunk, findings, run) {
    const starts = [];
    let at = 0;
    for (const b of chunk) {
      starts.push(at);
      at += b.text.length + 2;
    }
    const locate = (offset) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const slice = slicer();
    for (const f of findings) {
      await slice.check();
      if (run !== S.run) return;
      const bi = locate(f.start);
      const block = chunk[bi];
      const base = starts[bi];
      const span = (s) => (s ? rangeFor(block, s.start - base, Math.min(s.end - base, block.text.length)) : null);
      const entry = {
        f,
        category: CATEGORIES.includes(f.category) ? f.category : f.kind === 'unsourced' ? 'unsourced' : 'vague',
        block,
        source: span(f.source),
        cue: span(f.cue),
        signals: (f.signals || []).map(span).filter(Boolean),
        sentence: f.kind === 'unsourced' ? span(f) : null,
      };
      entry.main = entry.source || entry.cue || entry.signals[0] || entry.sentence || span(f);
      if (!entry.main) continue;
      for (const r of rangesOf(entry)) S.rangeEntry.set(r, entry);
      block.entries.push(entry);
      S.entries.push(entry);
      tally(entry, 1);
      if (S.enabled[entry.category]) paintEntry(entry);
    }
  }

  function rangesOf(e) {
    const out = [];
    if (e.source) out.push(e.source);
    if (e.cue) out.push(e.cue);
    out.push(...e.signals);
    if (e.sentence) out.push(e.sentence);
    if (!out.length && e.main) out.push(e.main);
    return out;
  }

  // ---------------------------------------------------------------- painting

  function highlight(name) {
    let h = S.highlights.get(name);
    if (!h) {
      h = HIGHLIGHT_API ? new Highlight() : new Set();
      if (HIGHLIGHT_API) {
        h.priority = PRIORITY[name] ?? 1;
        CSS.highlights.set(name, h);
      }
      S.highlights.set(name, h);
    }
    return h;
  }

  /** Each range of a finding with the highlight it is painted as. */
  function namedRanges(e) {
    const out = [];
    if (e.sentence) out.push(['whosays-unsourced-sentence', e.sentence]);
    if (e.source) out.push([`whosays-${e.category}`, e.source]);
    if (e.cue) out.push([e.f.cue?.loaded ? 'whosays-cue-loaded' : 'whosays-cue', e.cue]);
    for (const r of e.signals) out.push(['whosays-unsourced', r]);
    if (!out.length) out.push([`whosays-${e.category}`, e.main]);
    return out;
  }

  function paintEntry(e) {
    // Boxes are drawn for the viewport only (drawOverlay), not per finding.
    if (S.overlay) return;
    for (const [name, r] of namedRanges(e)) highlight(name).add(r);
    styleShadowRootsOf(e);
  }

  function unpaintEntry(e) {
    for (const [name, r] of namedRanges(e)) S.highlights.get(name)?.delete(r);
    queueOverlay();
  }

  function repaint() {
    if (S.overlay) {
      queueOverlay();
      return;
    }
    for (const [name, h] of S.highlights) if (name !== 'whosays-focus') h.clear();
    for (const e of S.entries) if (S.enabled[e.category]) paintEntry(e);
  }

  function tally(e, delta) {
    S.counts[e.category] += delta;
  }

  /** Page styles do not reach into shadow trees: give each open root our ::highlight rules. */
  function styleShadowRootsOf(e) {
    if (!S.highlightCss || S.overlay) return;
    const root = e.main.startContainer.getRootNode();
    if (!(root instanceof ShadowRoot) || S.adopted.has(root)) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(S.highlightCss);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      S.adopted.set(root, sheet);
    } catch {
      // A root that refuses the sheet still works, unpainted but explained.
    }
  }

  function clearPaint() {
    if (HIGHLIGHT_API) for (const name of S.highlights.keys()) CSS.highlights.delete(name);
    S.highlights.clear();
    S.ui?.overlay.replaceChildren();
    for (const [root, sheet] of S.adopted) {
      try {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets].filter((s) => s !== sheet);
      } catch {
        // The root is gone with its page part; nothing to restore.
      }
    }
    S.adopted.clear();
  }

  // Boxes from Range.getClientRects() in our shadow root stand in for
  // ::highlight styles (no Highlight API, or a page too big to restyle). Only
  // blocks near the viewport are drawn, again after each scroll or resize,
  // and only their ranges are registered: the browser's cost of a registry of
  // 100 000 ranges grows with each change. Blocks are in reading order, so a
  // binary search on their tops finds the first one near the viewport.
  function blockTop(b) {
    if (!b.probe) {
      const seg = b.segs[0];
      const run = seg.runs[0];
      b.probe = document.createRange();
      b.probe.setStart(seg.node, run.node);
      b.probe.setEnd(seg.node, Math.min(run.node + 1, seg.node.length));
    }
    return b.probe.getBoundingClientRect().top;
  }

  function blocksNearViewport() {
    const blocks = S.blocks.filter((b) => b.entries.length);
    const from = -innerHeight;
    const to = 2 * innerHeight;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blockTop(blocks[mid]) < from) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = Math.max(0, lo - 1); i < blocks.length && out.length < 400; i++) {
      if (blockTop(blocks[i]) > to) break;
      out.push(blocks[i]);
    }
    return out;
  }

  function queueOverlay() {
    if (!S.overlay || S.overlayQueued || !S.ui) return;
    S.overlayQueued = true;
    requestAnimationFrame(drawOverlay);
  }

  function drawOverlay() {
    S.overlayQueued = false;
    const layer = S.ui?.overlay;
    if (!layer || !S.overlay) return;
    const vw = innerWidth;
    const vh = innerHeight;
    const boxes = [];
    const add = (name, r) => {
      for (const q of r.getClientRects()) {
        if (q.bottom < 0 || q.top > vh || q.right < 0 || q.left > vw) continue;
        const box = document.createElement('div');
        box.className = `box ${name}`;
        box.style.left = `${q.left}px`;
        box.style.top = `${q.top}px`;
        box.style.width = `${q.width}px`;
        box.style.height = `${q.height}px`;
        boxes.push(box);
      }
    };
    for (const [name, h] of S.highlights) if (name !== 'whosays-focus') h.clear();
    for (const b of blocksNearViewport()) {
      for (const e of b.entries) {
        if (!S.enabled[e.category]) continue;
        for (const [name, r] of namedRanges(e)) {
          highlight(name).add(r);
          add(name, r);
        }
      }
    }
    for (const r of S.highlights.get('whosays-focus') || []) add('whosays-focus', r);
    layer.replaceChildren(...boxes);
  }

  // ---------------------------------------------------------------- UI

  const UI_CSS = `
:host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  display: block !important; pointer-events: none !important; }
* { box-sizing: border-box; }
.sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.tip { position: fixed; max-width: min(380px, calc(100vw - 16px)); padding: 10px 12px 10px 14px;
  background: #1d2230; color: #f3f4f8; border-radius: 8px; border-left: 6px solid var(--line, #888);
  box-shadow: 0 6px 24px rgba(0,0,0,.35); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  pointer-events: auto; text-align: start; }
.tip[hidden], .panel [hidden] { display: none !important; }
.tip .head { font-weight: 700; margin: 0 0 4px; }
.tip .why { margin: 0 0 6px; }
.tip dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; font-size: 13px; color: #cfd3de; }
.tip dt { font-weight: 600; color: #aeb4c4; }
.tip dd { margin: 0; }
.chip { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 4px; font-size: 12px;
  font-weight: 700; color: #fff; background: var(--line, #555); vertical-align: 1px; }
.tag { display: inline-block; padding: 0 5px; border-radius: 3px; background: #3a4156; color: #fff; font-size: 12px; }
.tag.loaded { background: #b3261e; }
.panel { position: fixed; right: 12px; bottom: 12px; width: 320px; max-height: min(70vh, 560px);
  display: flex; flex-direction: column; background: #ffffff; color: #1d2230; border: 1px solid #c9cdd6;
  border-radius: 10px; box-shadow: 0 8px 28px rgba(0,0,0,.22); font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  pointer-events: auto; overflow: hidden; text-align: start; }
.panel.collapsed { width: auto; max-width: 320px; }
.bar { display: flex; align-items: center; gap: 6px; padding: 8px 8px 8px 12px; border-bottom: 1px solid #e3e6ec; }
.panel.collapsed .bar { border-bottom: 0; }
.title { font-weight: 700; flex: 1; white-space: nowrap; }
.total { font-weight: 400; color: #4b5263; }
button { font: inherit; color: inherit; cursor: pointer; border: 1px solid #c9cdd6; background: #f5f6f8;
  border-radius: 6px; padding: 2px 8px; }
button:hover { background: #e9ebf0; }
button:focus-visible, input:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.icon { border: 0; background: transparent; padding: 2px 6px; font-size: 15px; line-height: 1; }
.body { padding: 8px 12px; overflow: auto; }
.panel.collapsed .body { display: none; }
.cats { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 3px; }
.cats label { display: flex; align-items: center; gap: 8px; cursor: pointer; }
.swatch { width: 28px; height: 14px; border-radius: 3px; background: var(--bg); border-bottom: 3px solid var(--line); }
.count { margin-left: auto; font-variant-numeric: tabular-nums; color: #4b5263; }
.legend-cue { display: flex; gap: 12px; margin: 0 0 8px; color: #4b5263; font-size: 12px; }
.legend-cue span { text-decoration: underline solid 2px var(--whosays-cue-line, #57606a); text-underline-offset: 3px; }
.legend-cue span.loaded { text-decoration: underline wavy 2px var(--whosays-loaded-line, #cf222e); }
.status { margin: 0 0 8px; color: #4b5263; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 6px; }
.list { list-style: none; margin: 6px 0 0; padding: 0; border-top: 1px solid #e3e6ec; }
.list li { border-bottom: 1px solid #eef0f3; }
.list button { display: flex; gap: 8px; width: 100%; text-align: start; border: 0; border-radius: 0; background: transparent; padding: 5px 2px; }
.list button:hover { background: #f0f2f6; }
.dot { flex: none; width: 10px; height: 10px; border-radius: 50%; margin-top: 4px; background: var(--line); }
.keys { color: #6a7080; font-size: 12px; margin: 4px 0 0; }
.overlay { position: fixed; top: 0; left: 0; width: 0; height: 0; }
.box { position: fixed; pointer-events: none; }
.box.whosays-named { background: var(--whosays-named); border-bottom: 2px solid var(--whosays-named-line); }
.box.whosays-anonymous { background: var(--whosays-anonymous); border-bottom: 2px solid var(--whosays-anonymous-line); }
.box.whosays-vague { background: var(--whosays-vague); border-bottom: 2px solid var(--whosays-vague-line); }
.box.whosays-pronoun { background: var(--whosays-pronoun); border-bottom: 2px solid var(--whosays-pronoun-line); }
.box.whosays-unsourced { background: var(--whosays-unsourced); border-bottom: 2px solid var(--whosays-unsourced-line); }
.box.whosays-cue { border-bottom: 2px solid var(--whosays-cue-line); }
.box.whosays-cue-loaded { border-bottom: 2px dotted var(--whosays-loaded-line); }
.box.whosays-unsourced-sentence { background: color-mix(in srgb, var(--whosays-unsourced) 30%, transparent); }
.box.whosays-focus { background: rgba(255, 225, 77, .6); }
`;

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (k === 'style') for (const [p, val] of Object.entries(v)) node.style.setProperty(p, val);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  const catVars = (c) => ({ '--bg': `var(--whosays-${c})`, '--line': `var(--whosays-${c}-line)` });

  function buildUi() {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    // The palette's variables on our host too: the UI must not depend on the
    // page-level sheet, which huge pages do without.
    sheet.replaceSync(S.paletteCss.replace(/:root\b/g, ':host') + UI_CSS);
    shadow.adoptedStyleSheets = [sheet];

    const live = el('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
    const tip = el('div', { class: 'tip', role: 'tooltip', id: 'whosays-tip' });
    tip.hidden = true;
    tip.addEventListener('pointerenter', () => clearTimeout(S.hideTimer));
    tip.addEventListener('pointerleave', () => scheduleHide());

    const total = el('span', { class: 'total' });
    const collapse = el('button', {
      class: 'icon',
      type: 'button',
      onclick: () => setCollapsed(!S.collapsed),
    });
    const close = el('button', {
      class: 'icon',
      type: 'button',
      'aria-label': t('panelOff'),
      title: t('panelOff'),
      text: '×',
      onclick: () => stop(),
    });
    const bar = el('div', { class: 'bar' }, el('span', { class: 'title', text: `${t('panelTitle')} ` }, total), collapse, close);

    const cats = el('ul', { class: 'cats' });
    const counts = {};
    const boxes = {};
    for (const c of CATEGORIES) {
      counts[c] = el('span', { class: 'count', text: '0' });
      boxes[c] = el('input', { type: 'checkbox', 'aria-label': t('panelCategoryToggle', [t(CATEGORY_LABEL[c])]) });
      boxes[c].checked = S.enabled[c];
      boxes[c].addEventListener('change', () => setCategory(c, boxes[c].checked));
      cats.append(
        el(
          'li',
          {},
          el('label', {}, boxes[c], el('span', { class: 'swatch', style: catVars(c) }), el('span', { text: t(CATEGORY_LABEL[c]) }), counts[c]),
        ),
      );
    }
    const legendCue = el(
      'p',
      { class: 'legend-cue' },
      el('span', { text: t('labelCue') }),
      el('span', { class: 'loaded', text: t('labelLoaded') }),
    );
    const status = el('p', { class: 'status', text: t('panelReading') });
    const listToggle = el('button', { type: 'button', 'aria-expanded': 'false', text: t('panelShowList'), onclick: () => setListOpen(!S.listOpen) });
    const actions = el('div', { class: 'actions' }, listToggle);
    if (/^https?:$/.test(location.protocol)) {
      actions.append(el('button', { type: 'button', text: t('panelAlways'), onclick: () => send({ type: 'always', origin: location.origin }).catch(() => {}) }));
    }
    const list = el('ul', { class: 'list' });
    list.hidden = true;
    const keys = el('p', { class: 'keys', text: t('panelKeys', ['Alt+Shift+N', 'Alt+Shift+P']) });
    const body = el('div', { class: 'body' }, status, cats, legendCue, actions, list, keys);
    const panel = el('section', { class: 'panel', 'aria-label': t('panelTitle') }, bar, body);
    const overlay = el('div', { class: 'overlay' });

    shadow.append(overlay, panel, tip, live);
    S.host = host;
    S.ui = { shadow, live, tip, panel, total, collapse, cats, counts, boxes, status, list, listToggle, overlay };
    setCollapsed(S.collapsed, true);
    // Outside <body>, so the page's own tree stays as the page built it.
    document.documentElement.append(host);
  }

  function setCollapsed(collapsed, initial) {
    S.collapsed = collapsed;
    const u = S.ui;
    u.panel.classList.toggle('collapsed', collapsed);
    u.collapse.textContent = collapsed ? '▴' : '▾';
    u.collapse.setAttribute('aria-label', t(collapsed ? 'panelExpand' : 'panelCollapse'));
    u.collapse.setAttribute('aria-expanded', String(!collapsed));
    u.collapse.title = t(collapsed ? 'panelExpand' : 'panelCollapse');
    if (!initial) api.storage.sync.set({ collapsed }).catch(() => {});
  }

  function setCategory(c, on) {
    S.enabled[c] = on;
    api.storage.sync.set({ categories: { ...S.enabled } }).catch(() => {});
    if (S.tipEntry && S.tipEntry.category === c && !on) hideTip();
    repaint();
    updateSummary();
  }

  function setListOpen(open) {
    S.listOpen = open;
    S.ui.list.hidden = !open;
    S.ui.listToggle.textContent = t(open ? 'panelHideList' : 'panelShowList');
    S.ui.listToggle.setAttribute('aria-expanded', String(open));
    if (open) fillList();
  }

  function visibleEntries() {
    return S.entries.filter((e) => S.enabled[e.category] && e.main.startContainer.isConnected);
  }

  function orderedEntries() {
    const list = visibleEntries();
    list.sort((a, b) => {
      if (a.main === b.main) return 0;
      try {
        return a.main.compareBoundaryPoints(Range.START_TO_START, b.main);
      } catch {
        return 0;
      }
    });
    return list;
  }

  function fillList() {
    const u = S.ui;
    const list = orderedEntries();
    const items = list.slice(0, LIST_LIMIT).map((e) =>
      el(
        'li',
        {},
        el('button', { type: 'button', onclick: () => focusEntry(e, true) }, el('span', { class: 'dot', style: catVars(e.category) }), el('span', { text: e.f.headline || e.main.toString() })),
      ),
    );
    if (list.length > LIST_LIMIT) items.push(el('li', { class: 'keys', text: t('panelMore', [String(list.length - LIST_LIMIT)]) }));
    u.list.replaceChildren(...items);
  }

  function updateSummary(final) {
    if (!S.ui) return;
    // While a big page is being scanned, refresh counts a few times a second.
    const now = performance.now();
    if (!final && now - (S.summaryAt || 0) < 250) return;
    S.summaryAt = now;
    const n = S.counts;
    const total = CATEGORIES.reduce((a, c) => a + n[c], 0);
    for (const c of CATEGORIES) S.ui.counts[c].textContent = String(n[c]);
    S.ui.total.textContent = `· ${total}`;
    const detail = CATEGORIES.filter((c) => n[c]).map((c) => `${t(CATEGORY_LABEL[c])}: ${n[c]}`).join(', ');
    if (final) {
      S.ui.status.textContent = total ? '' : t('panelNone');
      S.ui.status.hidden = !!total;
      announce(t('announceDone', [String(total), detail]));
    }
    if (S.listOpen) fillList();
    send({ type: 'badge', count: total, title: `${t('extName')}: ${detail || t('panelNone')}` }).catch(() => {});
  }

  function announce(text) {
    if (!S.ui) return;
    // Clear first so the same message twice is still spoken.
    S.ui.live.textContent = '';
    setTimeout(() => {
      if (S.ui) S.ui.live.textContent = text;
    }, 50);
  }

  // ---------------------------------------------------------------- tooltip

  function tipContent(e) {
    const f = e.f;
    const label = t(CATEGORY_LABEL[e.category]);
    // The chip already names the category: do not repeat it in the headline.
    let headline = f.headline || '';
    if (headline.toLowerCase().startsWith(`${label.toLowerCase()}:`)) headline = headline.slice(label.length + 1).trim();
    const head = el('p', { class: 'head' }, el('span', { class: 'chip', style: catVars(e.category), text: label }), headline);
    const why = el('p', { class: 'why', text: f.explanation || '' });
    const dl = el('dl');
    const quote = (s) => `“${s.replace(/\s+/g, ' ').trim()}”`;
    if (f.source) {
      const kind = el('span', { class: 'tag', text: t(`kind${f.source.kind[0].toUpperCase()}${f.source.kind.slice(1)}`) });
      const dd = el('dd', {}, `${quote(f.source.text)} `, kind);
      if (f.source.resolved) dd.append(` ${t('labelResolved', [String(f.source.resolved)])}`);
      dl.append(el('dt', { text: t('labelSource') }), dd);
    }
    if (f.cue) {
      const dd = el('dd', {}, `${quote(f.cue.text)} `);
      if (f.cue.loaded) dd.append(el('span', { class: 'tag loaded', text: t('labelLoaded') }));
      dl.append(el('dt', { text: t('labelCue') }), dd);
    }
    if (f.signals && f.signals.length) {
      const dd = el('dd', {});
      f.signals.forEach((s, i) => {
        if (i) dd.append(', ');
        const name = `signal${s.kind[0].toUpperCase()}${s.kind.slice(1)}`;
        dd.append(`${quote(s.text)} (${t(name)})`);
      });
      dl.append(el('dt', { text: t('labelSignals') }), dd);
    }
    return [head, why, dl];
  }

  function spokenText(e) {
    const f = e.f;
    const parts = [t(CATEGORY_LABEL[e.category]), f.headline, f.explanation];
    if (f.cue?.loaded) parts.push(`${t('labelCue')}: ${f.cue.text}, ${t('labelLoaded')}`);
    return parts.filter(Boolean).join('. ');
  }

  function showTip(e, rect, pinned) {
    const tip = S.ui.tip;
    clearTimeout(S.hideTimer);
    if (S.tipEntry !== e) {
      tip.replaceChildren(...tipContent(e));
      tip.style.setProperty('--line', `var(--whosays-${e.category}-line)`);
      S.tipEntry = e;
    }
    S.tipPinned = pinned;
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    let left = Math.min(Math.max(8, rect.left), innerWidth - w - 8);
    let top = rect.bottom + 8;
    if (top + h > innerHeight - 8 && rect.top - h - 8 > 8) top = rect.top - h - 8;
    left = Math.max(8, left);
    tip.style.left = `${left}px`;
    tip.style.top = `${Math.max(8, top)}px`;
  }

  function hideTip() {
    clearTimeout(S.hideTimer);
    if (!S.ui) return;
    S.ui.tip.hidden = true;
    S.tipEntry = null;
    S.tipPinned = false;
  }

  // WCAG 1.4.13: leave time to move the pointer onto the tooltip.
  function scheduleHide() {
    clearTimeout(S.hideTimer);
    S.hideTimer = setTimeout(() => {
      if (!S.tipPinned) hideTip();
    }, 400);
  }

  function hitTest(x, y) {
    const roots = [...S.shadowRoots];
    if (HIGHLIGHT_API && typeof CSS.highlights.highlightsFromPoint === 'function') {
      let hits = [];
      try {
        hits = CSS.highlights.highlightsFromPoint(x, y, { shadowRoots: roots });
      } catch {
        hits = [];
      }
      let fallback = null;
      for (const hit of hits) {
        const ranges = hit.ranges || (hit instanceof Highlight ? [...hit] : []);
        for (const r of ranges) {
          const e = S.rangeEntry.get(r);
          if (!e || !S.enabled[e.category] || !pointIn(r, x, y)) continue;
          if (r !== e.sentence) return { entry: e, range: r };
          fallback = fallback || { entry: e, range: r };
        }
      }
      return fallback;
    }
    let node = null;
    let offset = 0;
    if (typeof document.caretPositionFromPoint === 'function') {
      const p = document.caretPositionFromPoint(x, y, { shadowRoots: roots });
      node = p?.offsetNode;
      offset = p?.offset ?? 0;
    } else if (typeof document.caretRangeFromPoint === 'function') {
      const r = document.caretRangeFromPoint(x, y);
      node = r?.startContainer;
      offset = r?.startOffset ?? 0;
    }
    if (!node || node.nodeType !== Node.TEXT_NODE) return null;
    const block = S.nodeBlock.get(node);
    if (!block) return null;
    let fallback = null;
    for (const e of block.entries) {
      if (!S.enabled[e.category]) continue;
      for (const r of rangesOf(e)) {
        const near = r.isPointInRange(node, offset) || (offset > 0 && r.isPointInRange(node, offset - 1));
        if (!near || !pointIn(r, x, y)) continue;
        if (r !== e.sentence) return { entry: e, range: r };
        fallback = fallback || { entry: e, range: r };
      }
    }
    return fallback;
  }

  function pointIn(range, x, y) {
    for (const q of range.getClientRects()) {
      if (x >= q.left - 1 && x <= q.right + 1 && y >= q.top - 1 && y <= q.bottom + 1) return q;
    }
    return null;
  }

  function onPointerMove(ev) {
    S.pointer = { x: ev.clientX, y: ev.clientY, overUi: ev.target === S.host };
    if (S.moveQueued) return;
    S.moveQueued = true;
    requestAnimationFrame(checkHover);
  }

  function checkHover() {
    S.moveQueued = false;
    if (!S.on || !S.pointer || !S.ui) return;
    const { x, y, overUi } = S.pointer;
    if (overUi) {
      clearTimeout(S.hideTimer);
      return;
    }
    const hit = hitTest(x, y);
    if (hit) {
      if (S.tipEntry !== hit.entry || S.tipPinned) showTip(hit.entry, pointIn(hit.range, x, y) || hit.range.getBoundingClientRect(), false);
      else clearTimeout(S.hideTimer);
    } else if (S.tipEntry && !S.tipPinned) {
      scheduleHide();
    }
  }

  // A tooltip opened from the keyboard or the list stays until the reader
  // moves on: another highlight, Escape, or a click elsewhere.
  function onPointerDown(ev) {
    if (ev.target !== S.host && S.tipPinned) {
      hideTip();
      clearFocus();
    }
  }

  function onKeyDown(ev) {
    if (ev.key !== 'Escape') return;
    if (S.ui && !S.ui.tip.hidden) {
      hideTip();
      clearFocus();
      ev.stopPropagation();
    }
  }

  function onScroll() {
    if (S.tipEntry && S.tipPinned && S.ui) {
      const r = S.tipEntry.main.getBoundingClientRect();
      if (r.bottom < 0 || r.top > innerHeight) hideTip();
      else showTip(S.tipEntry, r, true);
    } else if (S.pointer && !S.moveQueued) {
      S.moveQueued = true;
      requestAnimationFrame(checkHover);
    }
    queueOverlay();
  }

  // ---------------------------------------------------------------- stepping

  function clearFocus() {
    clearTimeout(S.flashTimer);
    S.highlights.get('whosays-focus')?.clear();
    queueOverlay();
  }

  function focusEntry(e, flash) {
    const list = orderedEntries();
    S.focusIndex = list.indexOf(e);
    const target = e.main.startContainer.parentElement;
    if (target) target.scrollIntoView({ block: 'center', inline: 'nearest' });
    const focus = highlight('whosays-focus');
    focus.clear();
    focus.add(e.main);
    clearTimeout(S.flashTimer);
    if (flash) S.flashTimer = setTimeout(clearFocus, 1600);
    queueOverlay();
    requestAnimationFrame(() => {
      if (!S.on) return;
      showTip(e, e.main.getBoundingClientRect(), true);
    });
    const n = list.length;
    announce(t('announceStep', [String(S.focusIndex + 1), String(n), spokenText(e)]));
  }

  function step(direction) {
    const list = orderedEntries();
    if (!list.length) return;
    const cur = S.tipEntry && S.tipPinned ? list.indexOf(S.tipEntry) : S.focusIndex;
    const next = cur < 0 ? (direction > 0 ? 0 : list.length - 1) : (cur + direction + list.length) % list.length;
    focusEntry(list[next], false);
  }

  // ---------------------------------------------------------------- live pages

  function observe() {
    S.observer = new MutationObserver(onMutations);
    const opts = { childList: true, characterData: true, subtree: true };
    S.observer.observe(document.body, opts);
    for (const root of S.shadowRoots) S.observer.observe(root, opts);
  }

  function onMutations(records) {
    if (!S.on || S.status !== 'done') return;
    const A = S.article;
    let relevant = false;
    for (const rec of records) {
      const target = rec.target;
      if (S.host && (target === S.host || S.host.contains(target))) continue;
      const elt = target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement;
      if (elt && S.rules.skipSelector && elt.closest(S.rules.skipSelector)) continue;
      // Changes outside the article cannot change what is painted (unless
      // the article itself was taken out).
      if (A && A.root && A.root.isConnected && !composedContains(A.root, target)) continue;
      relevant = true;
      break;
    }
    if (!relevant) return;
    scheduleRescan();
  }

  function scheduleRescan() {
    const R = S.rescan;
    if (R.running) {
      R.pending = true;
      return;
    }
    // Already due: a page changing every 100 ms must not keep pushing it back.
    if (R.timer) return;
    const wait = Math.max(RESCAN_QUIET_MS, R.last + R.interval - performance.now());
    R.timer = setTimeout(() => {
      R.timer = 0;
      rescan();
    }, wait);
  }

  async function rescan() {
    const R = S.rescan;
    const run = S.run;
    if (!S.on) return;
    const now = performance.now();
    // A page that keeps changing gets rescanned less and less often.
    R.interval = now - R.last < R.interval * 2 ? Math.min(R.interval * 2, RESCAN_MAX_INTERVAL_MS) : RESCAN_MIN_INTERVAL_MS;
    R.last = now;
    R.running = true;
    try {
      if (S.article && S.article.root && !S.article.root.isConnected) {
        // The article itself was replaced (single-page navigation): start over.
        await restart();
        return;
      }
      const read = await walk(document.body, run, false);
      if (!read || run !== S.run) return;
      const blocks = await buildBlocks(read, run);
      if (!blocks || run !== S.run) return;
      const old = new Map();
      for (const b of S.blocks) {
        if (!old.has(b.key)) old.set(b.key, []);
        old.get(b.key).push(b);
      }
      const kept = [];
      const fresh = [];
      const next = blocks.map((b) => {
        const same = old.get(b.key)?.find((o) => o.segs.length === b.segs.length && o.segs.every((s, i) => s.node === b.segs[i].node));
        if (same) {
          old.get(b.key).splice(old.get(b.key).indexOf(same), 1);
          kept.push(same);
          for (const s of same.segs) S.nodeBlock.set(s.node, same);
          return same;
        }
        fresh.push(b);
        return b;
      });
      // Blocks that went away take their findings with them.
      const gone = new Set();
      for (const list of old.values()) for (const b of list) gone.add(b);
      if (gone.size) {
        S.entries = S.entries.filter((e) => {
          if (!gone.has(e.block)) return true;
          unpaintEntry(e);
          tally(e, -1);
          for (const r of rangesOf(e)) S.rangeEntry.delete(r);
          if (S.tipEntry === e) hideTip();
          return false;
        });
      }
      S.blocks = next;
      if (fresh.length) await scanBlocks(fresh, run);
      if (run === S.run) updateSummary(false);
    } catch (err) {
      console.warn('Who Says? could not update the highlights:', err);
    } finally {
      R.running = false;
      if (R.pending && run === S.run) {
        R.pending = false;
        scheduleRescan();
      }
    }
  }

  // ---------------------------------------------------------------- on / off

  async function loadSettings() {
    try {
      const got = await api.storage.sync.get({ categories: null, collapsed: false });
      if (got.categories) for (const c of CATEGORIES) if (typeof got.categories[c] === 'boolean') S.enabled[c] = got.categories[c];
      S.collapsed = !!got.collapsed;
    } catch {
      // Sync storage unavailable (e.g. disabled by policy): defaults apply.
    }
  }

  async function start() {
    S.on = true;
    S.status = 'reading';
    const run = ++S.run;
    document.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    addEventListener('scroll', onScroll, { capture: true, passive: true });
    addEventListener('resize', queueOverlay, { passive: true });
    try {
      await loadSettings();
      if (run !== S.run) return;
      if (!S.rules) {
        const hello = await send({ type: 'hello' });
        if (!hello || hello.error) throw new Error(hello?.error || 'no answer from the background');
        S.rules = compileRules(hello.rules);
        S.highlightCss = hello.highlightCss || '';
        S.paletteCss = hello.paletteCss || '';
      }
      if (run !== S.run) return;
      buildUi();
      await scanPage(run);
    } catch (err) {
      if (run !== S.run) return;
      S.status = 'failed';
      console.error('Who Says? could not read this page:', err);
      if (S.ui) {
        S.ui.status.hidden = false;
        S.ui.status.textContent = t('badgeFailed', [String(err?.message ?? err)]);
      }
    }
  }

  async function scanPage(run) {
    const body = document.body;
    if (!body) throw new Error('the page has no body');
    const read = await walk(body, run, true);
    if (!read) return;
    if (read.els.length > STYLE_MAX_ELEMENTS) S.overlay = true;
    if (!S.overlay && !S.styled) {
      await send({ type: 'style', on: true });
      if (run !== S.run) return;
      S.styled = true;
    }
    S.article = await findArticle(read, run);
    if (!S.article) return;
    const blocks = await buildBlocks(read, run);
    if (!blocks) return;
    S.blocks = blocks;
    const done = await scanBlocks(blocks, run);
    if (!done) return;
    S.status = 'done';
    updateSummary(true);
    observe();
    // The end of the work, for tools driving a browser (./build.sh bench):
    // seen only in DevTools, never by the page.
    console.debug('Who Says?: page scanned');
  }

  async function restart() {
    const run = ++S.run;
    S.observer?.disconnect();
    S.observer = null;
    hideTip();
    clearPaint();
    S.entries = [];
    S.blocks = [];
    S.counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    S.rangeEntry.clear();
    S.nodeBlock = new WeakMap();
    S.shadowRoots.clear();
    S.status = 'reading';
    await scanPage(run);
  }

  function stop() {
    S.on = false;
    S.run++;
    S.status = 'idle';
    S.observer?.disconnect();
    S.observer = null;
    clearTimeout(S.rescan.timer);
    clearTimeout(S.hideTimer);
    clearTimeout(S.flashTimer);
    S.rescan = { timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false };
    document.removeEventListener('pointermove', onPointerMove, { capture: true });
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, { capture: true });
    removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', queueOverlay);
    clearPaint();
    S.entries = [];
    S.blocks = [];
    S.rangeEntry.clear();
    S.nodeBlock = new WeakMap();
    S.shadowRoots.clear();
    S.article = null;
    S.tipEntry = null;
    S.pointer = null;
    S.focusIndex = -1;
    S.listOpen = false;
    if (S.host) S.host.remove();
    S.host = null;
    S.ui = null;
    if (S.styled) send({ type: 'style', on: false }).catch(() => {});
    S.styled = false;
    S.overlay = !HIGHLIGHT_API;
    S.counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    send({ type: 'badge', count: null, title: '' }).catch(() => {});
  }

  function toggle() {
    if (S.on) stop();
    else start();
  }

  // Only the extension itself can reach this listener: pages cannot message
  // a content script, and nothing here listens to window messages.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    if (message?.type === 'toggle') toggle();
    else if (message?.type === 'step') {
      if (!S.on) start();
      else step(message.direction > 0 ? 1 : -1);
    }
  });

  globalThis.__whosays = { toggle };
  start();
})();

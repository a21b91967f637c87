// Painting: the findings of painted blocks registered in CSS.highlights
// (one Highlight per name, styled by the ::highlight rules); only those near
// the viewport when there are too many (the window, which follows the
// scroll); boxes (overlay.js) where the rules cannot be used, and alone
// where ranges are too costly to register.
import { NAMES, PRIORITY, entryRanges, pageBlocks, partShown, shown, shownPartCount } from './entries.js';
import { boxesCover, clearBoxes, drawBoxes, hasLayer, moveBoxes } from './overlay.js';
import { styleScope, styleShadowRootOf, unstyleShadowRoots } from './scope.js';
import { session } from './state.js';

const HIGHLIGHT_API = typeof Highlight === 'function' && !!globalThis.CSS?.highlights;

// Adding our ::highlight rules restyles, in one step, the part of the page
// they are scoped to (scope.js), and removing them does again: 5-20 µs an
// element on a 2-core machine, in both browsers, depending on the page (a
// saved Wikipedia article's 2 456: 22-51 ms). Where that part has more
// elements than this, the rules are not added and boxes in our shadow root
// stand in for them.
const RESTYLE_MAX_ELEMENTS = 1200;
// Chromium recomputes every registered range's markers in each frame in
// which anything in the document changed (our own panel included): about
// 10 ms per 1000 ranges there. Beyond this many ranges only the findings
// near the viewport are registered, and the set follows the scroll.
const MAX_PAINTED = 1500;
// The registered stretch: from half a screen above to one and a half
// below; it moves once the screen nears either edge.
const WINDOW_ABOVE = 0.5;
const WINDOW_BELOW = 1.5;
const WINDOW_MARGIN = 0.25;
const WINDOW_MAX_BLOCKS = 300;
// Chromium finds a range's boxes, to paint or to measure it, by going
// through every line of its text node: in a text node of megabytes (a
// hostile page's one paragraph) 0.13 ms a range, and registered ranges
// near the viewport cost that again in every frame in which anything
// changed (1.3 s for the findings of a 2 MB paragraph). Where the article
// has a text node longer than this, findings are drawn as boxes only,
// never registered, by window, and a few findings a frame.
const LONG_TEXT_NODE = 10000;
const BOXES_SLICE_MS = 5;

// Findings of these blocks are registered in CSS.highlights; Range
// objects exist only for them (and transiently for a focused finding).
export const painted = new Set();
// Blocks with shown findings, in reading order; null when it must be rebuilt.
let paintableCache = null;
const highlights = new Map();
// Painting by window: the window (list, lo, hi) and its next refresh.
let windowed = false;
let win = null;
let windowQueued = false;
let redrawDue = false;
// Blocks were painted since the boxes were drawn.
let boxesDue = false;
// Boxes instead of ::highlight rules: no Highlight API, or a page too big to restyle.
let overlay = !HIGHLIGHT_API;
// Ranges registered in CSS.highlights (else kept in plain sets for the boxes).
let registry = HIGHLIGHT_API;
let probe = null;

/**
 * The scope of the ::highlight rules for the article under `root` (see
 * scope.js), or null when boxes stand in for them: no Highlight API, or
 * too much to restyle at once.
 */
export function chooseStyle(root) {
  if (overlay) return null;
  const { elements, ...scope } = styleScope(root);
  if (elements > RESTYLE_MAX_ELEMENTS) overlay = true;
  return overlay ? null : scope;
}

/** Boxes alone, nothing registered, when the blocks lie in a text node too long to paint ranges in (LONG_TEXT_NODE). */
export function chooseRegistry(blocks) {
  if (!blocks.some((b) => b.nodes.some((n) => n.length > LONG_TEXT_NODE))) return;
  overlay = true;
  registry = false;
}

/** Whether findings are in CSS.highlights (hit-testing can ask the registry). */
export const registered = () => registry;

/** Toggled off: boxes again only where the Highlight API is missing. */
export function resetOverlay() {
  overlay = !HIGHLIGHT_API;
  registry = HIGHLIGHT_API;
}

/** Painting only near the viewport (by window or by boxes). */
export const byWindow = () => windowed || overlay;

/** The list of paintable blocks as it is now (null when it must be rebuilt). */
export const paintableNow = () => paintableCache;

/**
 * A chunk's findings are placed; `list` is what paintableNow() gave before
 * they were (the scan yields meanwhile). A chunk read in order comes after every block listed so
 * far: the list grows, and the window on it stays valid (filtering every
 * block of a huge page again after each chunk, and searching for the
 * window anew, cost the page 5-40 ms a chunk).
 */
export function placed(list, chunk, touched, inOrder) {
  if (inOrder && list && paintableCache === list) {
    for (const b of chunk) if (touched.has(b) && b.entries.some(shown)) list.push(b);
  } else {
    paintableCache = null;
  }
}

/** The page's blocks changed (live pages): the list and the window are made again. */
export function blocksChanged() {
  paintableCache = null;
  win = null;
}

/** Marks one finding's range (stepping, the list) above the others. */
export function showFocus(r) {
  const focus = highlight('whosays-focus');
  focus.clear();
  focus.add(r);
}

export function clearFocusMark() {
  highlights.get('whosays-focus')?.clear();
}

/** Whether only the findings near the viewport are painted; switches the mode when the count crosses the limit. */
export function decideWindowed() {
  const want = !registry || shownPartCount() > MAX_PAINTED;
  if (want !== windowed) {
    windowed = want;
    win = null;
    if (!want) for (const b of paintable()) if (!painted.has(b)) paintBlock(b);
  }
  return want;
}

function highlight(name) {
  let h = highlights.get(name);
  if (!h) {
    h = registry ? new Highlight() : new Set();
    if (registry) {
      h.priority = PRIORITY[name] ?? 1;
      CSS.highlights.set(name, h);
    }
    highlights.set(name, h);
  }
  return h;
}

export function paintBlock(b) {
  painted.add(b);
  for (const e of b.entries) {
    if (!shown(e)) continue;
    const rs = entryRanges(e);
    for (let i = 0; i < e.parts.length; i += 3) {
      const r = rs[i / 3];
      if (r && partShown(e, i)) highlight(NAMES[e.parts[i]]).add(r);
    }
    if (!overlay) styleShadowRootOf(rs.find(Boolean));
  }
  // Boxes stand in for the rules: drawn at the next frame.
  if (overlay) {
    boxesDue = true;
    queueWindow();
  }
}

/** One block's findings out of the registry (a few ranges: live-page updates). */
export function unpaintBlock(b) {
  for (const e of b.entries) {
    if (!e.r) continue;
    for (let i = 0; i < e.parts.length; i += 3) {
      const r = e.r[i / 3];
      if (r) highlights.get(NAMES[e.parts[i]])?.delete(r);
    }
  }
  forget(b);
}

function forget(b) {
  painted.delete(b);
  for (const e of b.entries) e.r = null;
}

// Firefox takes about 0.1 ms per Highlight.delete() against 0.01 ms per
// add(): to change many ranges, empty the highlights and add again.
function clearRegistered() {
  for (const [name, h] of highlights) if (name !== 'whosays-focus') h.clear();
}

/** After a category switch: paint everything shown again (by window when there is too much). */
export function repaint() {
  clearRegistered();
  for (const b of [...painted]) forget(b);
  paintableCache = null;
  win = null;
  // Switching out of windowed painting has painted every block already.
  if (!decideWindowed()) for (const b of paintable()) if (!painted.has(b)) paintBlock(b);
  queueWindow(true);
}

export function clearPaint() {
  if (HIGHLIGHT_API) for (const name of highlights.keys()) CSS.highlights.delete(name);
  highlights.clear();
  for (const b of [...painted]) forget(b);
  paintableCache = null;
  win = null;
  windowed = false;
  clearBoxes();
  unstyleShadowRoots();
}

// Blocks are in reading order, so a binary search on their tops finds the
// ones near the viewport. One reusable Range measures them.
function blockTop(b) {
  const node = b.nodes[0];
  const at = b.runs[2];
  if (!probe) probe = document.createRange();
  try {
    probe.setStart(node, at);
    probe.setEnd(node, Math.min(at + 1, node.length));
  } catch {
    return 0;
  }
  return probe.getBoundingClientRect().top;
}

function paintable() {
  if (!paintableCache) paintableCache = pageBlocks.filter((b) => b.entries.some(shown));
  return paintableCache;
}

/** Index of the first block whose top is at or below `y` (px from the viewport's top). */
function firstAtOrBelow(list, y) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blockTop(list[mid]) < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Viewport boxes of the shown highlights on screen, which our panel keeps off. */
export function shownBoxesOnScreen() {
  const list = paintable();
  const vh = innerHeight;
  const out = [];
  // The block before the first one below the top may run into the screen.
  for (let i = Math.max(0, firstAtOrBelow(list, 0) - 1); i < list.length && blockTop(list[i]) < vh; i++) {
    if (!painted.has(list[i])) continue;
    for (const e of list[i].entries) {
      for (let k = 0; e.r && k < e.parts.length; k += 3) {
        if (!e.r[k / 3] || !partShown(e, k)) continue;
        for (const q of e.r[k / 3].getClientRects()) if (q.bottom > 0 && q.top < vh) out.push(q);
      }
    }
  }
  return out;
}

/** Update the registered findings at the next frame; `redraw`: what is on screen changed (not only the page's scroll), so boxes must be drawn again. */
export function queueWindow(redraw) {
  if (!hasLayer() || !(windowed || overlay)) return;
  if (redraw) redrawDue = true;
  if (windowQueued) return;
  windowQueued = true;
  requestAnimationFrame(refreshWindow);
}

/**
 * Windowed painting: register the findings from half a screen above to
 * one and a half below, in one go (Chromium recomputes the registry once
 * per frame that changed it, so one frame with many changes is cheaper
 * than many frames with few); and the boxes drawn again when they stand in
 * for the rules.
 */
function refreshWindow() {
  // Blocks painted here ask for no other refresh: this one draws them.
  windowQueued = true;
  let drawn = true;
  try {
    if (session.on && hasLayer()) drawn = updateWindow();
  } finally {
    windowQueued = false;
    redrawDue = false;
    boxesDue = false;
  }
  // Some boxes are still to be drawn: at the next frame.
  if (!drawn) {
    boxesDue = true;
    queueWindow();
  }
}

/** The window moved if it must, and boxes drawn; false when some are left for the next frame. */
function updateWindow() {
  let changed = false;
  if (windowed) {
    const list = paintable();
    const h = innerHeight;
    const w = win && win.list === list ? win : null;
    // The block before the first one below a line may run across it.
    const covers = (y) => w.lo === 0 || blockTop(list[w.lo]) <= y;
    const reaches = (y) => w.hi >= list.length || blockTop(list[w.hi]) >= y;
    if (!w || !covers(-WINDOW_MARGIN * h) || !reaches((1 + WINDOW_MARGIN) * h)) {
      const lo = Math.max(0, firstAtOrBelow(list, -WINDOW_ABOVE * h) - 1);
      let hi = lo;
      while (hi < list.length && hi - lo < WINDOW_MAX_BLOCKS && blockTop(list[hi]) < WINDOW_BELOW * h) hi++;
      // The blocks on screen first: boxes are drawn in this order, some
      // findings a frame where measuring ranges is slow.
      const top = Math.min(hi, Math.max(lo, firstAtOrBelow(list, 0) - 1));
      const want = new Set([...list.slice(top, hi), ...list.slice(lo, top)]);
      changed = want.size !== painted.size || [...want].some((b) => !painted.has(b));
      if (changed) {
        clearRegistered();
        for (const b of [...painted]) if (!want.has(b)) forget(b);
        // Blocks still wanted keep their ranges and are only registered
        // again, in the window's order.
        for (const b of want) {
          painted.delete(b);
          paintBlock(b);
        }
      }
      win = { list, lo, hi };
    }
  }
  if (!overlay) return true;
  const focus = highlights.get('whosays-focus') || [];
  const until = performance.now() + BOXES_SLICE_MS;
  if (redrawDue || !boxesCover()) return drawBoxes(painted, focus, true, until);
  if (changed || boxesDue) return drawBoxes(painted, focus, false, until);
  moveBoxes();
  return true;
}

// Live pages: a MutationObserver notices changes in the article, and only
// the blocks that changed are scanned again, less and less often while the
// page keeps changing.
import { pageBlocks, setBlocks, tally } from './entries.js';
import { blocksChanged, decideWindowed, queueWindow, unpaintBlock } from './painter.js';
import { showProfile, uiHost, updateSummary } from './panel.js';
import { articleGone, inSkipped, outsideArticle, rereadArticle, shadowRoots } from './reader.js';
import { profileOf, scanBlocks } from './scan.js';
import { session } from './state.js';
import { forgetEntry } from './tooltip.js';

// Wait for a quiet moment, and back off while the page keeps changing so
// a page that mutates constantly cannot keep us busy.
const RESCAN_QUIET_MS = 400;
const RESCAN_MIN_INTERVAL_MS = 1000;
const RESCAN_MAX_INTERVAL_MS = 16000;

const idle = () => ({ timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false });
let rescanState = idle();
let observer = null;
// From main.js: read the page anew.
let restart = null;

/** Stops watching (the page is read anew, or toggled off). */
export function unwatch() {
  observer?.disconnect();
  observer = null;
}

/** Toggled off: no rescan is due any more, and the back-off starts over. */
export function resetLive() {
  unwatch();
  clearTimeout(rescanState.timer);
  rescanState = idle();
}

/** Watches the page once it is read; `onArticleGone` reads it anew when the article itself is replaced. */
export function watch(onArticleGone) {
  restart = onArticleGone;
  observer = new MutationObserver(onMutations);
  const opts = { childList: true, characterData: true, subtree: true };
  observer.observe(document.body, opts);
  for (const root of shadowRoots) observer.observe(root, opts);
}

function onMutations(records) {
  if (!session.on || session.status !== 'done') return;
  const host = uiHost();
  let relevant = false;
  for (const rec of records) {
    const target = rec.target;
    if (host && (target === host || host.contains(target))) continue;
    const elt = target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement;
    if (elt && inSkipped(elt)) continue;
    // Changes outside the article cannot change what is painted (unless
    // the article itself was taken out).
    if (outsideArticle(target)) continue;
    relevant = true;
    break;
  }
  if (!relevant) return;
  scheduleRescan();
}

function scheduleRescan() {
  const R = rescanState;
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
  const R = rescanState;
  const run = session.run;
  if (!session.on) return;
  const now = performance.now();
  // A page that keeps changing gets rescanned less and less often.
  R.interval = now - R.last < R.interval * 2 ? Math.min(R.interval * 2, RESCAN_MAX_INTERVAL_MS) : RESCAN_MIN_INTERVAL_MS;
  R.last = now;
  R.running = true;
  try {
    if (articleGone()) {
      // The article itself was replaced (single-page navigation): start over.
      await restart();
      return;
    }
    const blocks = await rereadArticle(run, uiHost());
    if (!blocks || run !== session.run) return;
    // A block is kept, findings and all, when its text, role and nodes are the same.
    const old = new Map();
    for (const b of pageBlocks) {
      if (!old.has(b.text)) old.set(b.text, []);
      old.get(b.text).push(b);
    }
    const fresh = [];
    const next = blocks.map((b) => {
      const list = old.get(b.text);
      const same = list?.find((o) => o.role === b.role && o.nodes.length === b.nodes.length && o.nodes.every((n, i) => n === b.nodes[i]));
      if (same) {
        list.splice(list.indexOf(same), 1);
        return same;
      }
      fresh.push(b);
      return b;
    });
    // Blocks that went away take their findings with them.
    for (const list of old.values()) {
      for (const b of list) {
        unpaintBlock(b);
        for (const e of b.entries) {
          tally(e, -1);
          forgetEntry(e);
        }
      }
    }
    setBlocks(next);
    blocksChanged();
    if (fresh.length) await scanBlocks(fresh, run);
    if (run === session.run) {
      decideWindowed();
      queueWindow(true);
      updateSummary(false, true);
      // The profile line follows the page, counted over all of it again.
      showProfile(await profileOf(pageBlocks, run));
    }
  } catch (err) {
    console.warn('Who Says? could not update the highlights:', err);
  } finally {
    R.running = false;
    if (R.pending && run === session.run) {
      R.pending = false;
      scheduleRescan();
    }
  }
}

// Who Says? content script: reads the page's visible text, asks the
// background (which runs the Rust core) for findings, and paints them with
// the CSS Custom Highlight API. The page's DOM is never modified: the only
// node added is one host for a closed shadow root (the tooltip, the panel and
// the live region), attached outside <body> and removed on toggle-off.
//
// Injected on demand (toolbar button, shortcut, or a site the reader chose);
// a second injection into the same page toggles the running instance.
import { api, send, t } from './runtime.js';
import { buildUi, removeUi, showFailure, uiHost, updateSummary } from './panel.js';
import { attachTooltip, detachTooltip, dropHidden, focusEntry, followScroll, forgetEntry, hideTip, onKeyDown, onPointerDown, onPointerMove, resetFocus, step } from './tooltip.js';
import { articleGone, forgetArticle, hasRules, inSkipped, outsideArticle, readPage, rereadArticle, setRules, shadowRoots } from './reader.js';
import { loadSettings, saveCategory, session } from './state.js';
import { pageBlocks, resetEntries, setBlocks, tally } from './entries.js';
import { scanBlocks } from './scan.js';
import {
  attachLayer,
  blocksChanged,
  chooseOverlay,
  clearPaint,
  decideWindowed,
  detachLayer,
  queueWindow,
  repaint,
  resetOverlay,
  setHighlightCss,
  unpaintBlock,
} from './painter.js';

(() => {
  'use strict';

  if (globalThis.__whosays) {
    globalThis.__whosays.toggle();
    return;
  }



  // Live pages: wait for a quiet moment, and back off while the page keeps
  // changing so a page that mutates constantly cannot keep us busy.
  const RESCAN_QUIET_MS = 400;
  const RESCAN_MIN_INTERVAL_MS = 1000;
  const RESCAN_MAX_INTERVAL_MS = 16000;


  const S = {
    paletteCss: '',
    observer: null,
    rescan: { timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false },
    styled: false,
  };

  const onResize = () => queueWindow(true);
  const onScroll = () => {
    followScroll();
    queueWindow(true);
  };

  // ---------------------------------------------------------------- live pages

  function observe() {
    S.observer = new MutationObserver(onMutations);
    const opts = { childList: true, characterData: true, subtree: true };
    S.observer.observe(document.body, opts);
    for (const root of shadowRoots) S.observer.observe(root, opts);
  }

  function onMutations(records) {
    if (!session.on || session.status !== 'done') return;
    let relevant = false;
    for (const rec of records) {
      const target = rec.target;
      const host = uiHost();
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

  // ---------------------------------------------------------------- on / off

  function setCategory(c, on) {
    saveCategory(c, on);
    dropHidden(on);
    repaint();
    updateSummary(false, true);
  }


  async function start() {
    session.on = true;
    session.status = 'reading';
    const run = ++session.run;
    document.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    addEventListener('scroll', onScroll, { capture: true, passive: true });
    addEventListener('resize', onResize, { passive: true });
    try {
      await loadSettings();
      if (run !== session.run) return;
      if (!hasRules()) {
        const hello = await send({ type: 'hello' });
        if (!hello || hello.error) throw new Error(hello?.error || 'no answer from the background');
        setRules(hello.rules);
        setHighlightCss(hello.highlightCss || '');
        S.paletteCss = hello.paletteCss || '';
      }
      if (run !== session.run) return;
      const ui = buildUi(S.paletteCss, { onClose: stop, onCategory: setCategory, onPick: (e) => focusEntry(e, true) });
      attachLayer(ui.overlay);
      attachTooltip({ tip: ui.tip, panel: ui.panel, host: uiHost() });
      await scanPage(run);
    } catch (err) {
      if (run !== session.run) return;
      session.status = 'failed';
      console.error('Who Says? could not read this page:', err);
      showFailure(t('badgeFailed', [String(err?.message ?? err)]));
    }
  }

  async function scanPage(run) {
    if (!document.body) throw new Error('the page has no body');
    const blocks = await readPage(run, uiHost(), async (visible) => {
      if (!chooseOverlay(visible) && !S.styled) {
        await send({ type: 'style', on: true });
        if (run !== session.run) return;
        S.styled = true;
      }
    });
    if (!blocks) return;
    setBlocks(blocks);
    const done = await scanBlocks(blocks, run, true);
    if (!done) return;
    session.status = 'done';
    updateSummary(true);
    observe();
    // The end of the work, for tools driving a browser (./build.sh bench):
    // seen only in DevTools, never by the page.
    console.debug('Who Says?: page scanned');
  }

  function resetFindings() {
    clearPaint();
    resetEntries();
    shadowRoots.clear();
    resetFocus();
  }

  async function restart() {
    const run = ++session.run;
    S.observer?.disconnect();
    S.observer = null;
    hideTip();
    resetFindings();
    session.status = 'reading';
    await scanPage(run);
  }

  function stop() {
    session.on = false;
    session.run++;
    session.status = 'idle';
    S.observer?.disconnect();
    S.observer = null;
    clearTimeout(S.rescan.timer);
    S.rescan = { timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false };
    document.removeEventListener('pointermove', onPointerMove, { capture: true });
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, { capture: true });
    removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', onResize);
    resetFindings();
    forgetArticle();
    detachTooltip();
    removeUi();
    detachLayer();
    if (S.styled) send({ type: 'style', on: false }).catch(() => {});
    S.styled = false;
    resetOverlay();
    send({ type: 'badge', count: null, title: '' }).catch(() => {});
  }

  function toggle() {
    if (session.on) stop();
    else start();
  }

  // Only the extension itself can reach this listener: pages cannot message
  // a content script, and nothing here listens to window messages.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    if (message?.type === 'toggle') toggle();
    else if (message?.type === 'step') {
      if (!session.on) start();
      else step(message.direction > 0 ? 1 : -1);
    }
  });

  globalThis.__whosays = { toggle };
  start();
})();

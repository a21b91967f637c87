// Who Says? content script: reads the page's visible text, asks the
// background (which runs the Rust core) for findings, and paints them with
// the CSS Custom Highlight API. The page's DOM is never modified: the only
// node added is one host for a closed shadow root (the tooltip, the panel and
// the live region), attached outside <body> and removed on toggle-off.
//
// Injected on demand (toolbar button, shortcut, or a site the reader chose);
// a second injection into the same page toggles the running instance.
import { api, send, slicer, t, tKind } from './runtime.js';
import { catVars, el, quote } from './dom.js';
import { announce, buildUi, removeUi, showFailure, uiHost, updateSummary } from './panel.js';
import { articleGone, forgetArticle, hasRules, inSkipped, outsideArticle, readPage, rereadArticle, setRules, shadowRoots } from './reader.js';
import { CATEGORY_LABEL, loadSettings, saveCategory, session } from './state.js';
import { SENTENCE, entryOf, mainRange, makeEntry, orderedEntries, pageBlocks, partShown, resetEntries, setBlocks, shown, tally } from './entries.js';
import {
  HIGHLIGHT_API,
  attachLayer,
  blocksChanged,
  chooseOverlay,
  clearFocusMark,
  clearPaint,
  decideWindowed,
  detachLayer,
  paintBlock,
  paintableNow,
  painted,
  placed,
  queueWindow,
  repaint,
  resetOverlay,
  setHighlightCss,
  showFocus,
  unpaintBlock,
} from './painter.js';

(() => {
  'use strict';

  if (globalThis.__whosays) {
    globalThis.__whosays.toggle();
    return;
  }

  const SOURCE_CATEGORIES = new Set(['named', 'anonymous', 'vague', 'pronoun']);

  const FIRST_CHUNK_CHARS = 6000;
  const CHUNK_CHARS = 30000;
  // Live pages: wait for a quiet moment, and back off while the page keeps
  // changing so a page that mutates constantly cannot keep us busy.
  const RESCAN_QUIET_MS = 400;
  const RESCAN_MIN_INTERVAL_MS = 1000;
  const RESCAN_MAX_INTERVAL_MS = 16000;


  // Scan requests go over one port, open while a scan runs: a message of
  // its own per chunk (sendMessage opens and closes a channel each time)
  // cost about twice the messaging time, in the worker and in the page
  // (1 MB bench page: 270 ms against 120 ms).
  const port = { p: null, pending: new Map(), next: 0 };
  function sendScan(blocks) {
    if (!port.p) {
      port.p = api.runtime.connect({ name: 'scan' });
      port.p.onMessage.addListener((m) => {
        port.pending.get(m?.id)?.(m);
        port.pending.delete(m?.id);
      });
      port.p.onDisconnect.addListener(() => {
        port.p = null;
        for (const resolve of port.pending.values()) resolve({ error: 'the background went away' });
        port.pending.clear();
      });
    }
    const id = ++port.next;
    return new Promise((resolve) => {
      port.pending.set(id, resolve);
      port.p.postMessage({ id, type: 'scan', blocks });
    });
  }
  function closeScanPort() {
    if (port.pending.size) return;
    port.p?.disconnect();
    port.p = null;
  }

  const S = {
    paletteCss: '',
    ui: null,
    tipEntry: null,
    focusEntry: null,
    tipRange: null,
    tipPinned: false,
    hideTimer: 0,
    flashTimer: 0,
    focusIndex: -1,
    pointer: null,
    moveQueued: false,
    observer: null,
    rescan: { timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false },
    styled: false,
  };

  // ---------------------------------------------------------------- scanning

  /**
   * Scan blocks in chunks (joined by "\n\n" like the core), painting as
   * results arrive. `inOrder`: the blocks are the page's, in reading order,
   * none scanned yet (not a rescan's changed blocks).
   */
  async function scanBlocks(blocks, run, inOrder = false) {
    try {
      return await scanChunks(blocks, run, inOrder);
    } finally {
      closeScanPort();
    }
  }

  async function scanChunks(blocks, run, inOrder) {
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
      const reply = await sendScan(chunk.map((b) => ({ text: b.text, role: b.role })));
      if (run !== session.run) return false;
      if (!reply || reply.error) throw new Error(reply?.error || 'no answer from the background');
      await placeFindings(chunk, reply.findings || [], run, inOrder);
      if (run !== session.run) return false;
      updateSummary();
    }
    return true;
  }

  async function placeFindings(chunk, findings, run, inOrder) {
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
    const list = paintableNow();
    const made = [];
    for (const f of findings) {
      await slice.check();
      if (run !== session.run) return;
      const bi = locate(f.start);
      const entry = makeEntry(f, chunk[bi], starts[bi]);
      if (entry) made.push(entry);
    }
    // Blocks get their findings all at once, after the last yield: a block
    // painted in between (a window refreshed on scroll) would otherwise get
    // only some of them, and count as painted.
    const touched = new Set();
    for (const e of made) {
      e.block.entries.push(e);
      tally(e, 1);
      touched.add(e.block);
    }
    placed(list, chunk, touched, inOrder);
    if (!touched.size) return;
    if (decideWindowed()) {
      queueWindow();
      return;
    }
    for (const b of touched) {
      await slice.check();
      if (run !== session.run) return;
      paintBlock(b);
    }
  }

  const onResize = () => queueWindow(true);

  // ---------------------------------------------------------------- tooltip

  /** The tooltip's headline without the category the chip already names. */
  function headlineOf(e) {
    const label = t(CATEGORY_LABEL[e.category]).toLowerCase();
    const h = String(e.f.headline || '');
    const lower = h.toLowerCase();
    if (lower === label) return '';
    if (lower.startsWith(`${label}:`)) return h.slice(label.length + 1).trim();
    return h;
  }


  function tipContent(e) {
    const f = e.f;
    const head = el('p', { class: 'head' }, el('span', { class: 'chip', style: catVars(e.category), text: t(CATEGORY_LABEL[e.category]) }), headlineOf(e));
    const why = el('p', { class: 'why', text: f.explanation || '' });
    const dl = el('dl');
    if (f.source && SOURCE_CATEGORIES.has(e.category)) {
      const kind = el('span', { class: 'tag', text: tKind('kind', f.source.kind) });
      const dd = el('dd', {}, `${quote(f.source.text)} `, kind);
      if (f.source.resolved) dd.append(` ${t('labelResolved', [String(f.source.resolved)])}`);
      dl.append(el('dt', { text: t('labelSource') }), dd);
    }
    if (f.cue) {
      const dd = el('dd', {}, `${quote(f.cue.text)} `);
      if (f.cue.loaded) dd.append(el('span', { class: 'tag loaded', text: t('labelLoaded') }));
      dl.append(el('dt', { text: t('labelCue') }), dd);
    }
    if (Array.isArray(f.signals) && f.signals.length) {
      const dd = el('dd', {});
      f.signals.forEach((s, i) => {
        if (i) dd.append(', ');
        dd.append(`${quote(s.text)} (${tKind('signal', s.kind)})`);
      });
      dl.append(el('dt', { text: t('labelSignals') }), dd);
    }
    return [head, why, dl];
  }

  function spokenText(e) {
    const f = e.f;
    const parts = [t(CATEGORY_LABEL[e.category]), headlineOf(e), f.explanation];
    if (f.cue?.loaded) parts.push(`${t('labelCue')}: ${f.cue.text}, ${t('labelLoaded')}`);
    return parts.filter(Boolean).join('. ');
  }

  function showTip(e, range, rect, pinned) {
    const tip = S.ui.tip;
    clearTimeout(S.hideTimer);
    if (S.tipEntry !== e) {
      tip.replaceChildren(...tipContent(e));
      tip.style.setProperty('--line', `var(--whosays-${e.category}-line)`);
      S.tipEntry = e;
    }
    S.tipRange = range;
    S.tipPinned = pinned;
    tip.hidden = false;
    const { left, top } = placeTip(rect, tip.offsetWidth, tip.offsetHeight);
    tip.style.left = `${left}px`;
    tip.style.top = `${top}px`;
  }

  /**
   * Under the highlight, or above it when there is no room below; and not
   * over the panel (a tooltip opened from the list would hide the list):
   * beside it to the left, or on the highlight's other side, when that fits.
   */
  function placeTip(rect, w, h) {
    const below = rect.bottom + 8;
    const above = rect.top - h - 8;
    const fits = (l, t) => l >= 8 && t >= 8 && l + w <= innerWidth - 8 && t + h <= innerHeight - 8;
    let left = Math.max(8, Math.min(rect.left, innerWidth - w - 8));
    let top = below + h > innerHeight - 8 && above > 8 ? above : below;
    const p = S.ui.panel.getBoundingClientRect();
    const overPanel = (l, t) => p.width > 0 && l < p.right + 8 && l + w > p.left - 8 && t < p.bottom + 8 && t + h > p.top - 8;
    if (overPanel(left, top)) {
      const beside = Math.min(left, p.left - 8 - w);
      const other = top === below ? above : below;
      for (const [l, t] of [[beside, top], [left, other], [beside, other]]) {
        if (fits(l, t) && !overPanel(l, t)) {
          left = l;
          top = t;
          break;
        }
      }
    }
    return { left, top: Math.max(8, top) };
  }

  function hideTip() {
    clearTimeout(S.hideTimer);
    if (!S.ui) return;
    S.ui.tip.hidden = true;
    S.tipEntry = null;
    S.tipRange = null;
    S.tipPinned = false;
  }

  // WCAG 1.4.13: leave time to move the pointer onto the tooltip.
  function scheduleHide() {
    clearTimeout(S.hideTimer);
    S.hideTimer = setTimeout(() => {
      if (!S.tipPinned) hideTip();
    }, 400);
  }

  /** Which painted finding is under the point; a signal or source wins over the sentence around it. */
  function hitTest(x, y) {
    let fallback = null;
    const consider = (r) => {
      const e = entryOf(r);
      if (!e || !e.r || !shown(e)) return null;
      const k = e.r.indexOf(r);
      if (k < 0 || !partShown(e, 3 * k) || !pointIn(r, x, y)) return null;
      if (e.parts[3 * k] !== SENTENCE) return { entry: e, range: r };
      fallback = fallback || { entry: e, range: r };
      return null;
    };
    if (HIGHLIGHT_API && typeof CSS.highlights.highlightsFromPoint === 'function') {
      let hits = [];
      try {
        hits = CSS.highlights.highlightsFromPoint(x, y, { shadowRoots: [...shadowRoots] });
      } catch {
        hits = [];
      }
      for (const hit of hits) {
        const ranges = hit.ranges || (hit instanceof Highlight ? [...hit] : []);
        for (const r of ranges) {
          const found = consider(r);
          if (found) return found;
        }
      }
      return fallback;
    }
    let node = null;
    let offset = 0;
    if (typeof document.caretPositionFromPoint === 'function') {
      const p = document.caretPositionFromPoint(x, y, { shadowRoots: [...shadowRoots] });
      node = p?.offsetNode;
      offset = p?.offset ?? 0;
    } else if (typeof document.caretRangeFromPoint === 'function') {
      const r = document.caretRangeFromPoint(x, y);
      node = r?.startContainer;
      offset = r?.startOffset ?? 0;
    }
    if (!node || node.nodeType !== Node.TEXT_NODE) return null;
    for (const b of painted) {
      if (!b.nodes.includes(node)) continue;
      for (const e of b.entries) {
        for (const r of e.r || []) {
          if (!r) continue;
          const near = r.isPointInRange(node, offset) || (offset > 0 && r.isPointInRange(node, offset - 1));
          if (!near) continue;
          const found = consider(r);
          if (found) return found;
        }
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
    S.pointer = { x: ev.clientX, y: ev.clientY, overUi: ev.target === uiHost() };
    if (S.moveQueued) return;
    S.moveQueued = true;
    requestAnimationFrame(checkHover);
  }

  function checkHover() {
    S.moveQueued = false;
    if (!session.on || !S.pointer || !S.ui) return;
    const { x, y, overUi } = S.pointer;
    if (overUi) {
      clearTimeout(S.hideTimer);
      return;
    }
    const hit = hitTest(x, y);
    if (hit) {
      if (S.tipEntry !== hit.entry || S.tipPinned) showTip(hit.entry, hit.range, pointIn(hit.range, x, y) || hit.range.getBoundingClientRect(), false);
      else clearTimeout(S.hideTimer);
    } else if (S.tipEntry && !S.tipPinned) {
      scheduleHide();
    }
  }

  // A tooltip opened from the keyboard or the list stays until the reader
  // moves on: another highlight, Escape, or a click elsewhere.
  function onPointerDown(ev) {
    if (ev.target !== uiHost() && S.tipPinned) {
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
    if (S.tipEntry && S.tipPinned && S.tipRange && S.ui) {
      const r = S.tipRange.getBoundingClientRect();
      if (r.bottom < 0 || r.top > innerHeight) hideTip();
      else showTip(S.tipEntry, S.tipRange, r, true);
    } else if (S.pointer && !S.moveQueued) {
      S.moveQueued = true;
      requestAnimationFrame(checkHover);
    }
    queueWindow(true);
  }

  // ---------------------------------------------------------------- stepping

  function clearFocus() {
    clearTimeout(S.flashTimer);
    S.focusEntry = null;
    clearFocusMark();
    queueWindow(true);
  }

  function focusEntry(e, flash) {
    const r = mainRange(e);
    if (!r) return;
    const list = orderedEntries();
    S.focusIndex = list.indexOf(e);
    S.focusEntry = e;
    const target = r.startContainer.parentElement;
    if (target) target.scrollIntoView({ block: 'center', inline: 'nearest' });
    showFocus(r);
    clearTimeout(S.flashTimer);
    if (flash) S.flashTimer = setTimeout(clearFocus, 1600);
    queueWindow(true);
    requestAnimationFrame(() => {
      if (!session.on) return;
      showTip(e, r, r.getBoundingClientRect(), true);
    });
    announce(t('announceStep', [String(S.focusIndex + 1), String(list.length), spokenText(e)]));
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
            if (S.tipEntry === e) hideTip();
            if (S.focusEntry === e) clearFocus();
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
    if (S.tipEntry && !shown(S.tipEntry)) hideTip();
    if (!on && S.focusEntry && !shown(S.focusEntry)) clearFocus();
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
      S.ui = buildUi(S.paletteCss, { onClose: stop, onCategory: setCategory, onPick: (e) => focusEntry(e, true) });
      attachLayer(S.ui.overlay);
      S.ui.tip.addEventListener('pointerenter', () => clearTimeout(S.hideTimer));
      S.ui.tip.addEventListener('pointerleave', () => scheduleHide());
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
    S.focusEntry = null;
    S.focusIndex = -1;
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
    clearTimeout(S.hideTimer);
    clearTimeout(S.flashTimer);
    S.rescan = { timer: 0, last: 0, interval: RESCAN_MIN_INTERVAL_MS, running: false, pending: false };
    document.removeEventListener('pointermove', onPointerMove, { capture: true });
    document.removeEventListener('keydown', onKeyDown, true);
    document.removeEventListener('pointerdown', onPointerDown, { capture: true });
    removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', onResize);
    resetFindings();
    forgetArticle();
    S.tipEntry = null;
    S.tipRange = null;
    S.pointer = null;
    removeUi();
    S.ui = null;
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

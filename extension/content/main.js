// Who Says? content script: reads the page's visible text, asks the
// background (which runs the Rust core) for findings, and paints them with
// the CSS Custom Highlight API. The page's DOM is never modified: the only
// node added is one host for a closed shadow root (the tooltip, the panel and
// the live region), attached outside <body> and removed on toggle-off.
//
// Injected on demand (toolbar button, shortcut, or a site the reader chose);
// a second injection into the same page toggles the running instance.
//
// This module starts, stops and restarts the work and answers the
// background's messages; the others each own one concern and call back up
// only through what is handed to them here. esbuild bundles them into
// extension/content.js, the one script the browser runs. Nothing in the
// other modules runs on load but plain definitions, so a second injection
// does nothing but toggle.
import { resetEntries, setBlocks } from './entries.js';
import { resetLive, unwatch, watch } from './live.js';
import { attachLayer, detachLayer } from './overlay.js';
import { chooseRegistry, chooseStyle, clearPaint, queueWindow, repaint, resetOverlay } from './painter.js';
import { buildUi, keepClear, removeUi, setLanguage, showFailure, showProfile, uiHost, updateSummary } from './panel.js';
import { forgetArticle, forgetShadowRoots, hasRules, readPage, setRules } from './reader.js';
import { api, send, setStrings, t, yieldToPage } from './runtime.js';
import { setHighlightCss } from './scope.js';
import { foreignLanguage, mergedProfile, resetLanguages, scanBlocks } from './scan.js';
import { loadSettings, saveCategory, session } from './state.js';
import {
  attachTooltip,
  detachTooltip,
  dropHidden,
  focusEntry,
  followScroll,
  hideTip,
  onKeyDown,
  onPointerDown,
  onPointerMove,
  resetFocus,
  step,
} from './tooltip.js';

// The palette (from the background, for our UI's sheet), and the scope of
// the ::highlight rules the background inserted in the page (null: none).
let paletteCss = '';
let styled = null;

const onResize = () => {
  queueWindow(true);
  keepClear();
};
const onScroll = (ev) => {
  followScroll();
  // The page's own scroll only moves the boxes; an element scrolled inside
  // it moves some of the text under them.
  queueWindow(ev.target !== document);
  keepClear();
};

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
  // Each stage in a task of its own, the page's tasks in between: in a page
  // where the extension API is first used, Firefox sets it up then (20-50
  // ms for the namespaces touched), and building the panel, compiling the
  // reader's rules and the first slice of reading together passed 40 ms.
  const stage = async () => {
    await yieldToPage();
    return run === session.run;
  };
  try {
    if (!(await stage())) return;
    await loadSettings();
    if (!(await stage())) return;
    if (!hasRules()) {
      const hello = await send({ type: 'hello' });
      if (!hello || hello.error) throw new Error(hello?.error || 'no answer from the background');
      setRules(hello.rules);
      setStrings(hello.strings);
      setHighlightCss(hello.highlightCss || '');
      paletteCss = hello.paletteCss || '';
      if (!(await stage())) return;
    }
    const ui = buildUi(paletteCss, { onClose: stop, onCategory: setCategory, onPick: (e) => focusEntry(e, true) });
    attachLayer(ui.overlay);
    attachTooltip({ tip: ui.tip, panel: ui.panel, host: uiHost() });
    if (!(await stage())) return;
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
  const blocks = await readPage(run, uiHost(), async (articleRoot) => {
    const scope = chooseStyle(articleRoot);
    if (JSON.stringify(scope) === JSON.stringify(styled)) return;
    // A new article (single-page navigation) has rules of its own. Noted
    // before the answer comes, so that toggling off meanwhile removes them.
    if (styled) send({ type: 'style', on: false, scope: styled }).catch(() => {});
    styled = scope;
    if (scope) await send({ type: 'style', on: true, scope });
  });
  if (!blocks) return;
  chooseRegistry(blocks);
  setBlocks(blocks);
  resetLanguages();
  const profiles = [];
  const done = await scanBlocks(blocks, run, true, profiles);
  if (!done) return;
  session.status = 'done';
  // A page not in English is left alone: nothing painted (a first chunk
  // in English may have been), and the panel and badge say why.
  const foreign = foreignLanguage();
  if (foreign) {
    resetFindings();
    setLanguage(foreign);
    updateSummary(true);
    console.debug('Who Says?: page scanned');
    return;
  }
  updateSummary(true);
  showProfile(await mergedProfile(profiles, run));
  if (run !== session.run) return;
  watch(restart);
  // The end of the work, for tools driving a browser (./build.sh bench):
  // seen only in DevTools, never by the page.
  console.debug('Who Says?: page scanned');
}

function resetFindings() {
  clearPaint();
  resetEntries();
  forgetShadowRoots();
  resetFocus();
}

async function restart() {
  const run = ++session.run;
  unwatch();
  hideTip();
  resetFindings();
  session.status = 'reading';
  await scanPage(run);
}

function stop() {
  session.on = false;
  session.run++;
  session.status = 'idle';
  resetLive();
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
  if (styled) send({ type: 'style', on: false, scope: styled }).catch(() => {});
  styled = null;
  resetOverlay();
  send({ type: 'badge', count: null, title: '' }).catch(() => {});
}

function toggle() {
  if (session.on) stop();
  else start();
}

// A second injection finds the first by an own property of its global.
// Only own: an element with id="__whosays" on the page shows through
// window's named properties (inherited) and is no instance to toggle.
const running = Object.hasOwn(globalThis, '__whosays') ? globalThis.__whosays : null;
if (typeof running?.toggle === 'function') {
  running.toggle();
} else {
  Object.defineProperty(globalThis, '__whosays', { value: { toggle }, configurable: true });
  start();
  // A task later, as start() uses the API (above). Until then the
  // background, finding no listener, injects again, and the second
  // injection toggles this one through the global.
  yieldToPage().then(listen);
}

function listen() {
  // Only the extension itself can reach this listener: pages cannot message
  // a content script, and nothing here listens to window messages.
  api().runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api().runtime.id) return;
    if (message?.type === 'toggle') toggle();
    else if (message?.type === 'step') {
      if (!session.on) start();
      else step(message.direction > 0 ? 1 : -1);
    }
  });
}

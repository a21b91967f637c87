// Who Says? background: runs the Rust core (WebAssembly) and Readability,
// so the page's main thread only reads text and paints, and no extension
// file has to be web-accessible. A service worker in Chrome, an event page
// in Firefox; it keeps no page text and nothing that must survive a restart.
import init, { mergeProfiles, profileBlocks, scanBlocksProfiled, readerRules, version } from './pkg/whosays.js';
import { articleElementIds } from './vendor/article.js';

const api = globalThis.browser ?? globalThis.chrome;

// No top-level await in a service worker: start once, await in handlers.
const ready = init({ module_or_path: api.runtime.getURL('pkg/whosays_bg.wasm') });

// The first scan builds the core's word lists and runs code the engine has
// not optimised yet (30-50 ms for the seed page against 2-3 ms after). It is
// done once the worker has started, in a task of its own so that a waiting
// 'hello' is answered first, while the content script reads the page.
const WARM_TEXT =
  'Officials said on Tuesday that the plan would cost 40 percent more. "It is clearly the largest project we have seen," ' +
  'the minister, Clara Weiss, told reporters. According to a report published by the audit office, several analysts ' +
  'believe the line will probably open late, and critics claimed that everyone knows why.';
ready
  .then(() => setTimeout(() => scanBlocksProfiled(Array.from({ length: 8 }, () => ({ text: WARM_TEXT, role: 'paragraph' }))), 0))
  .catch(() => {});

const CONTENT_FILES = ['content.js'];

const text = async (file) => (await fetch(api.runtime.getURL(file))).text();
// Read once: for the content script's panel, and for the colours below.
const paletteCss = text('palette.css');

// The ::highlight rules with the palette's colours written in, for the page
// (and its open shadow roots): the palette's custom properties on :root
// would be inherited by every element of the page, and seen by its scripts.
const highlightCss = (async () => {
  const palette = new Map([...(await paletteCss).matchAll(/(--whosays-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
  return (await text('highlights.css')).replace(/var\((--whosays-[\w-]+)\)/g, (all, name) => palette.get(name) ?? all);
})();
// Every message of the extension's locale, for the content script, whose
// own i18n.getMessage costs Firefox 0.3-1 ms a call (the arguments are
// checked against the API's schema each time): building the panel took
// 15 ms of its 40. Each placeholder is left as a control character
// (U+0001 for the first value, U+0002 for the second…) for the content
// script to fill in. The names are the default locale's; the browser
// picks the language.
const MARKS = Array.from({ length: 9 }, (_, i) => String.fromCharCode(1 + i));
const uiStrings = (async () => {
  const names = Object.keys(JSON.parse(await text(`_locales/${api.runtime.getManifest().default_locale}/messages.json`)));
  return Object.fromEntries(names.map((name) => [name, api.i18n.getMessage(name, MARKS)]));
})();
// The same rules for the page itself, written for the part of it the
// content script names (extension/content/scope.js says why): an element
// with a unique id, class or tag, or the whole document. Chromium's
// highlight pseudo-elements inherit down the element tree (css-pseudo-4
// highlight inheritance), so there rules on that element paint everything
// inside it; Gecko does not inherit them, so there its descendants get the
// rules too.
const INHERITED_HIGHLIGHTS = typeof api.runtime.getBrowserInfo !== 'function';

/** A CSS identifier for any string: every character but letters, digits, _ and - (and a leading digit or -) escaped. */
function cssIdent(s) {
  return [...String(s)]
    .map((c, i) => {
      const code = c.codePointAt(0);
      if (code >= 0x80 || /[A-Za-z_]/.test(c) || (i > 0 && /[0-9-]/.test(c))) return c;
      return `\\${(code || 0xfffd).toString(16)} `;
    })
    .join('');
}

function scopeSelector(scope) {
  if (scope?.id) return `#${cssIdent(scope.id)}`;
  if (scope?.cls) return `.${cssIdent(scope.cls)}`;
  if (/^[a-z][a-z0-9-]*$/.test(scope?.tag ?? '')) return scope.tag;
  return ':root';
}

async function documentCss(scope) {
  const sel = scopeSelector(scope);
  const within = INHERITED_HIGHLIGHTS ? (n) => `${sel}::highlight(${n})` : (n) => `${sel}::highlight(${n}), ${sel} *::highlight(${n})`;
  // Every selector of highlights.css is a bare ::highlight(name).
  return (await highlightCss).replace(/::highlight\(([\w-]+)\)/g, (all, name) => within(name));
}

// A tab's style sheets are inserted and removed in the order asked, so a
// sheet removed right after it was asked for does not stay.
const styleQueues = new Map();
function restyle(tabId, target, on, scope) {
  const run = async () => {
    const css = await documentCss(scope);
    await (on ? api.scripting.insertCSS({ target, css }) : api.scripting.removeCSS({ target, css }));
    return {};
  };
  const next = (styleQueues.get(tabId) ?? Promise.resolve()).then(run, run);
  styleQueues.set(tabId, next.catch(() => {}));
  return next;
}
const ALWAYS_ID = 'whosays-always';

// Per-tab counts of the work done, for the diagnostics an extension page can
// ask for (the end-to-end tests use it to check that rescans stay bounded,
// that big pages arrive in chunks — the largest scan message, in blocks and
// characters — and that Readability never gets a tree deeper than its cap).
const stats = new Map();
function countFor(tabId) {
  if (!stats.has(tabId)) stats.set(tabId, { injections: 0, articles: 0, articleDepth: 0, scans: 0, blocks: 0, chars: 0, maxScanBlocks: 0, maxScanChars: 0 });
  return stats.get(tabId);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isPermissionRace = (e) => /Cannot access contents|must request permission|Missing host permission/i.test(String(e?.message ?? e));

/** Toolbar button or shortcut: the content script toggles itself if present. */
async function toggle(tab) {
  if (!tab || tab.id === undefined) return;
  if (await tellTab(tab.id, { type: 'toggle' })) return;
  await inject(tab.id);
}

/** Message the tab's top-frame content script; false if none is listening. */
async function tellTab(tabId, message) {
  try {
    await api.tabs.sendMessage(tabId, message, { frameId: 0 });
    return true;
  } catch {
    return false;
  }
}

async function inject(tabId) {
  // Right after a click Chromium sometimes has not yet granted activeTab
  // ("Cannot access contents of the page"); a short wait fixes it.
  for (let attempt = 0; ; attempt++) {
    try {
      await api.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: CONTENT_FILES });
      countFor(tabId).injections++;
      return;
    } catch (e) {
      if (attempt < 4 && isPermissionRace(e)) {
        await sleep(100 * (attempt + 1));
        continue;
      }
      const reason = String(e?.message ?? e);
      console.error(`Who Says? could not read this page: ${reason}`);
      await api.action.setBadgeText({ tabId, text: '!' }).catch(() => {});
      await api.action.setTitle({ tabId, title: api.i18n.getMessage('badgeFailed', [reason]) }).catch(() => {});
      return;
    }
  }
}

api.action.onClicked.addListener((tab) => {
  toggle(tab);
});

api.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'next-finding' && command !== 'previous-finding') return;
  if (!tab) [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (!tab) return;
  const step = { type: 'step', direction: command === 'next-finding' ? 1 : -1 };
  // Not running yet: the first press turns the highlights on.
  if (!(await tellTab(tab.id, step))) await inject(tab.id);
});

// A new page in the tab: the old count no longer applies.
api.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') {
    api.action.setBadgeText({ tabId, text: '' }).catch(() => {});
    api.action.setTitle({ tabId, title: null }).catch(() => {});
  }
});
api.tabs.onRemoved.addListener((tabId) => {
  stats.delete(tabId);
  styleQueues.delete(tabId);
});

const fromOwnContentScript = (sender) => sender.id === api.runtime.id && sender.tab && sender.tab.id !== undefined;
const fromOwnPage = (sender) => sender.id === api.runtime.id && String(sender.url).startsWith(api.runtime.getURL(''));

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  let work;
  if (fromOwnPage(sender)) work = fromExtensionPage(message);
  else if (fromOwnContentScript(sender)) work = fromContentScript(message, sender);
  else return false;
  if (!work) return false;
  work.then(sendResponse, (e) => sendResponse({ error: String(e?.message ?? e) }));
  return true;
});

// The page's skeleton for Readability comes in parts (the content script's
// sendLong) and is answered as the 'article' message it makes whole.
function onArticlePort(port) {
  const parts = [];
  port.onMessage.addListener((message) => {
    if (typeof message?.part === 'string') parts.push(message.part);
    else if (message?.done) {
      fromContentScript({ type: 'article', html: parts.join('') }, port.sender).then(
        (reply) => port.postMessage(reply),
        (e) => port.postMessage({ error: String(e?.message ?? e) }),
      );
      parts.length = 0;
    }
  });
}

api.runtime.onConnect.addListener((port) => {
  if (!fromOwnContentScript(port.sender)) return;
  if (port.name === 'article') {
    onArticlePort(port);
    return;
  }
  if (port.name !== 'scan') return;
  port.onMessage.addListener((message) => {
    const work = message?.type === 'scan' || message?.type === 'profile' ? fromContentScript(message, port.sender) : null;
    if (!work) return;
    work.then(
      (reply) => port.postMessage({ id: message.id, ...reply }),
      (e) => port.postMessage({ id: message.id, error: String(e?.message ?? e) }),
    );
  });
});

function fromContentScript(message, sender) {
  const tabId = sender.tab.id;
  const target = { tabId, frameIds: [sender.frameId ?? 0] };
  switch (message?.type) {
    case 'hello':
      return ready.then(async () => ({
        rules: readerRules(),
        version: version(),
        // For the page's open shadow roots, which document styles do not reach.
        highlightCss: await highlightCss,
        // For the content script's own shadow root.
        paletteCss: await paletteCss,
        strings: await uiStrings,
      }));
    case 'article':
      return (async () => {
        countFor(tabId).articles++;
        try {
          const { ids, depth } = articleElementIds(String(message.html));
          // The deepest tree Readability was given (the article is flattened).
          const c = countFor(tabId);
          c.articleDepth = Math.max(c.articleDepth, depth);
          return { ids };
        } catch (e) {
          // Readability gives up on some pages; the content script falls back.
          return { ids: null, error: String(e?.message ?? e) };
        }
      })();
    case 'scan':
      return ready.then(() => {
        const blocks = Array.isArray(message.blocks) ? message.blocks : [];
        const c = countFor(tabId);
        c.scans++;
        c.blocks += blocks.length;
        let chars = 0;
        for (const b of blocks) chars += String(b.text).length;
        c.chars += chars;
        c.maxScanBlocks = Math.max(c.maxScanBlocks, blocks.length);
        c.maxScanChars = Math.max(c.maxScanChars, chars);
        // Languages: letters per language told, for the page's note when it
        // is not in English (a chunk not in English has no findings). The
        // chunk's sourcing profile, of its English blocks, comes from the
        // same pass; the content script adds the chunks' profiles up
        // ('profiles') for the panel.
        const { findings, languages, profile } = scanBlocksProfiled(blocks);
        return { findings, languages, profile };
      });
    case 'profile':
      // A page's profile again after live changes, a chunk at a time.
      return ready.then(() => ({ profile: profileBlocks(Array.isArray(message.blocks) ? message.blocks : []) }));
    case 'profiles':
      return ready.then(() => ({ profile: mergeProfiles(Array.isArray(message.profiles) ? message.profiles : []) }));
    case 'style':
      return restyle(tabId, target, !!message.on, message.scope);
    case 'badge':
      return (async () => {
        // A count, or a short text (the language of a page not read).
        const text = typeof message.text === 'string' ? message.text.slice(0, 4) : message.count === null ? '' : String(message.count);
        await api.action.setBadgeBackgroundColor({ tabId, color: '#33335c' });
        if (api.action.setBadgeTextColor) await api.action.setBadgeTextColor({ tabId, color: '#ffffff' });
        await api.action.setBadgeText({ tabId, text });
        await api.action.setTitle({ tabId, title: message.title || null });
        return {};
      })();
    case 'always':
      return api.tabs
        .create({ url: api.runtime.getURL(`options.html?origin=${encodeURIComponent(String(message.origin))}`) })
        .then(() => ({}));
    default:
      return null;
  }
}

function fromExtensionPage(message) {
  switch (message?.type) {
    case 'stats':
      return Promise.resolve({ tabs: Object.fromEntries(stats) });
    case 'sync-sites':
      return syncAlwaysScripts().then(() => ({}));
    default:
      return null;
  }
}

/** "Always run on this site": one registered content script for every origin granted. */
async function syncAlwaysScripts() {
  const { origins = [] } = await api.permissions.getAll();
  const matches = origins.filter((o) => /^https?:\/\/[^*]+\/\*$/.test(o));
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [ALWAYS_ID] });
  if (existing.length) await api.scripting.unregisterContentScripts({ ids: [ALWAYS_ID] });
  if (!matches.length) return;
  await api.scripting.registerContentScripts([
    { id: ALWAYS_ID, matches, js: CONTENT_FILES, runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

api.permissions.onAdded.addListener(() => syncAlwaysScripts().catch((e) => console.error('Who Says?', e)));
api.permissions.onRemoved.addListener(() => syncAlwaysScripts().catch((e) => console.error('Who Says?', e)));
api.runtime.onInstalled.addListener(() => syncAlwaysScripts().catch((e) => console.error('Who Says?', e)));

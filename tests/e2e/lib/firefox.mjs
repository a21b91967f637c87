// Drives Firefox ESR through geckodriver's HTTP API (no extra client): the
// extension as a temporary add-on, the toolbar click through the browser
// action's triggerAction in the chrome context (it grants activeTab like a
// click), WebDriver actions for real mouse and keyboard input (the keyboard
// shortcuts pressed in the browser window itself), and the accessibility
// tree (closed shadow roots included) for tooltips and for finding the
// panel's controls.
import fs from 'node:fs';
import path from 'node:path';
import { firefoxPath, geckodriverPath, startFirefox } from '../../../tools/browsers.mjs';

export { firefoxPath, geckodriverPath };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Chrome-context helpers (privileged code run by Marionette in the browser window).
const CHROME_SETUP = `
if (!window.__whosaysTest) {
  const st = window.__whosaysTest = { errors: [], requests: [] };
  Services.console.registerListener({ observe(m) {
    if (!(m instanceof Ci.nsIScriptError)) return;
    if (m.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)) return;
    st.errors.push({ text: String(m.errorMessage), source: String(m.sourceName || ''), category: m.category });
  } });
  Services.obs.addObserver({ observe(subject) {
    const ch = subject.QueryInterface(Ci.nsIHttpChannel);
    const li = ch.loadInfo;
    st.requests.push({ url: ch.URI.spec, addonId: li.triggeringPrincipal?.addonId || li.loadingPrincipal?.addonId || null });
  } }, 'http-on-modify-request');
  Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
}
return true;`;


const CHROME_TOOLTIPS = `
const role = arguments[0] || 'ROLE_TOOLTIP';
const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
const out = [];
const visit = (a, depth) => {
  if (!a || depth > 300) return;
  if (a.role === Ci.nsIAccessibleRole[role]) {
    const state = {};
    a.getState(state, {});
    if (!(state.value & Ci.nsIAccessibleStates.STATE_INVISIBLE)) out.push({ name: a.name || '', description: a.description || '' });
  }
  for (let c = a.firstChild; c; c = c.nextSibling) visit(c, depth + 1);
};
visit(svc.getAccessibleFor(gBrowser.selectedBrowser), 0);
return out;`;

// Viewport boxes of the visible tooltip and of the panel (a region with the
// given name), closed shadow roots included (accessible bounds are in screen
// pixels).
const CHROME_UI_BOXES = `
const panelName = arguments[0];
const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
const R = Ci.nsIAccessibleRole;
const browser = gBrowser.selectedBrowser;
const frame = browser.getBoundingClientRect();
const dpr = window.devicePixelRatio;
const left = window.mozInnerScreenX + frame.left;
const top = window.mozInnerScreenY + frame.top;
const out = { tooltip: null, panel: null };
const boxOf = (a) => {
  const x = {}, y = {}, w = {}, h = {};
  a.getBounds(x, y, w, h);
  return { left: x.value / dpr - left, top: y.value / dpr - top, right: (x.value + w.value) / dpr - left, bottom: (y.value + h.value) / dpr - top };
};
const visit = (a, depth) => {
  if (!a || depth > 300) return;
  if (a.role === R.ROLE_TOOLTIP && !out.tooltip) {
    const state = {};
    a.getState(state, {});
    if (!(state.value & Ci.nsIAccessibleStates.STATE_INVISIBLE)) out.tooltip = boxOf(a);
  } else if ((a.role === R.ROLE_REGION || a.role === R.ROLE_LANDMARK) && a.name === panelName && !out.panel) {
    out.panel = boxOf(a);
  }
  for (let c = a.firstChild; c; c = c.nextSibling) visit(c, depth + 1);
};
visit(svc.getAccessibleFor(browser), 0);
return out;`;

// Buttons and checkboxes in the page, closed shadow roots included, with
// their centres in the page's viewport coordinates (accessible bounds are
// in screen pixels).
const CHROME_CONTROLS = `
const scrollTo = arguments[0];
const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
const R = Ci.nsIAccessibleRole;
const roles = { [R.ROLE_PUSHBUTTON]: 'button', [R.ROLE_TOGGLE_BUTTON]: 'button', [R.ROLE_CHECKBUTTON]: 'checkbox' };
const browser = gBrowser.selectedBrowser;
const box = browser.getBoundingClientRect();
const dpr = window.devicePixelRatio;
const left = window.mozInnerScreenX + box.left;
const top = window.mozInnerScreenY + box.top;
const out = [];
const visit = (a, depth) => {
  if (!a || depth > 300) return;
  if (roles[a.role]) {
    // As a reader would: scroll the panel's list to the control first.
    if (scrollTo && a.name === scrollTo) a.scrollTo(Ci.nsIAccessibleScrollType.SCROLL_TYPE_ANYWHERE);
    const x = {}, y = {}, w = {}, h = {};
    a.getBounds(x, y, w, h);
    out.push({ role: roles[a.role], name: a.name || '', x: (x.value + w.value / 2) / dpr - left, y: (y.value + h.value / 2) / dpr - top, vw: box.width, vh: box.height });
  }
  for (let c = a.firstChild; c; c = c.nextSibling) visit(c, depth + 1);
};
visit(svc.getAccessibleFor(browser), 0);
return out;`;

// The accessible name and description of a region (the panel) by name.
const CHROME_REGION = `
const name = arguments[0];
const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
const R = Ci.nsIAccessibleRole;
let found = null;
const visit = (a, depth) => {
  if (!a || depth > 300 || found) return;
  if ((a.role === R.ROLE_REGION || a.role === R.ROLE_LANDMARK) && a.name === name) found = { name: a.name, description: a.description || '' };
  for (let c = a.firstChild; c; c = c.nextSibling) visit(c, depth + 1);
};
visit(svc.getAccessibleFor(gBrowser.selectedBrowser), 0);
return found;`;

export async function launchFirefox(extDir) {
  const browser = await startFirefox(extDir);
  const { s, inChrome, addonId, version } = browser;
  const chromeSync = (script, args = []) => inChrome(() => s('POST', '/execute/sync', { script, args }));
  await chromeSync(CHROME_SETUP);
  const extHost = await chromeSync('return WebExtensionPolicy.getByID(arguments[0]).mozExtensionHostname;', [addonId]);
  const mainHandle = await s('GET', '/window');

  /** A script in an extension page, in a tab of its own; the test page's tab is the other one. */
  async function inExtensionPage(script) {
    await s('POST', '/window/new', { type: 'tab' }).then(({ handle }) => s('POST', '/window', { handle }));
    try {
      await s('POST', '/url', { url: `moz-extension://${extHost}/options.html` });
      return await s('POST', '/execute/async', { script, args: [] });
    } finally {
      await s('DELETE', '/window');
      await s('POST', '/window', { handle: mainHandle });
    }
  }

  const pointer = (actions) => s('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }] });

  const log = {
    errors: [],
    requests: [],
    async refresh() {
      const st = await chromeSync('const st = window.__whosaysTest; const out = { errors: st.errors.splice(0), requests: st.requests.splice(0) }; return out;');
      // Browser internals (resource://, chrome://) are not the page's or the
      // extension's errors: e.g. a message pending when the test closes a tab.
      const ours = st.errors.filter((e) => !/^(resource|chrome):\/\//.test(e.source));
      this.errors.push(...ours.map((e) => ({ where: e.source.startsWith('moz-extension://') ? 'extension' : 'page', text: e.text, source: e.source })));
      this.requests.push(...st.requests);
    },
  };

  return {
    name: 'firefox',
    version,
    extId: addonId,
    log,
    async open(url) {
      await s('POST', '/url', { url });
      // The console reports a page's load errors a moment late: collect them
      // now, so they are not taken for errors after the click.
      await sleep(600);
      await log.refresh();
    },
    click: browser.click,
    eval(fn, ...args) {
      return s('POST', '/execute/sync', { script: `return (${fn})(...arguments);`, args });
    },
    async hover(x, y) {
      await pointer([
        { type: 'pointerMove', x: Math.round(x) - 3, y: Math.round(y), origin: 'viewport' },
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport', duration: 50 },
      ]);
    },
    /** Click a control (found by role and accessible name) in the page, closed shadow roots included. */
    async clickButton(name, role = 'button') {
      // The accessibility tree follows the page a moment later.
      for (let i = 0; !(await chromeSync(CHROME_CONTROLS, [name])).some((c) => c.role === role && c.name === name); i++) {
        if (i === 20) throw new Error(`no ${role} named ${JSON.stringify(name)}`);
        await sleep(150);
      }
      // Bounds again once the scroll has happened. The parent's copy of a
      // page's accessibility tree is updated in parts: read mid-update, a
      // control can be missing from it for a moment, or keep its bounds from
      // before the scroll (off the viewport). So: scroll again while it is
      // off screen, and take bounds only once two reads in a row agree.
      let found, last;
      const onScreen = (c) => c && c.x >= 0 && c.y >= 0 && c.x < c.vw && c.y < c.vh;
      const same = (a, b) => a && b && Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;
      for (let i = 0; ; i++) {
        found = (await chromeSync(CHROME_CONTROLS, [name])).find((c) => c.role === role && c.name === name);
        if (onScreen(found) && same(found, last)) break;
        if (i === 30) throw new Error(`${role} ${JSON.stringify(name)} not steady on screen in the accessibility tree: ${JSON.stringify(found)}`);
        last = found;
        await sleep(150);
      }
      await pointer([
        { type: 'pointerMove', x: Math.round(found.x), y: Math.round(found.y), origin: 'viewport' },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ]);
    },
    /** Viewport boxes of the tooltip and of the panel (a region named `panelName`); null when not shown. */
    uiBoxes(panelName) {
      return chromeSync(CHROME_UI_BOXES, [panelName]);
    },
    /** The accessible name and description of a region (the panel), closed shadow roots included; null when absent. */
    region(name) {
      return chromeSync(CHROME_REGION, [name]);
    },
    /** Accessible names of the buttons in the page. */
    async buttons() {
      return (await chromeSync(CHROME_CONTROLS, [null])).filter((c) => c.role === 'button').map((c) => c.name);
    },
    /** The keyboard shortcut itself (Alt+Shift+N or P), pressed in the browser window so that the browser's command fires. */
    async step(direction) {
      const key = direction > 0 ? 'N' : 'P';
      const down = ['\uE00A', '\uE008', key];
      await inChrome(() =>
        s('POST', '/actions', {
          actions: [{ type: 'key', id: 'kb', actions: [...down.map((value) => ({ type: 'keyDown', value })), ...down.reverse().map((value) => ({ type: 'keyUp', value }))] }],
        }),
      );
    },
    /** The toolbar button's badge text and title for the test page's tab. */
    badge() {
      return inExtensionPage(`const done = arguments[0];
(async () => {
  const me = await browser.tabs.getCurrent();
  const tab = (await browser.tabs.query({})).find((t) => t.id !== me.id);
  return { text: await browser.action.getBadgeText({ tabId: tab.id }), title: await browser.action.getTitle({ tabId: tab.id }) };
})().then(done, (e) => done({ error: String(e) }));`);
    },
    async key(key) {
      const value = { Escape: '\uE00C' }[key] ?? key;
      await s('POST', '/actions', { actions: [{ type: 'key', id: 'kb', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }] });
    },
    tooltips() {
      return chromeSync(CHROME_TOOLTIPS);
    },
    /** Notes (role note: the panel's profile line): name and description. */
    notes() {
      return chromeSync(CHROME_TOOLTIPS, ['ROLE_NOTE']);
    },
    stats() {
      return inExtensionPage('const done = arguments[0]; browser.runtime.sendMessage({ type: "stats" }).then(done, (e) => done({ error: String(e) }));');
    },
    /** The viewport's size in CSS pixels (headless, the window is all viewport; the tests start at 1280 × 900). */
    async viewport(width, height) {
      await s('POST', '/window/rect', { width, height });
    },
    /** Forced colours on or off: the preference behind "Override the colours specified by the page", which turns forced-colors on. */
    async forcedColors(on) {
      await chromeSync(`Services.prefs.setIntPref('browser.display.document_color_use', ${on ? 2 : 0}); return true;`);
    },
    async screenshot(file) {
      const data = await s('GET', '/screenshot');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    },
    close: browser.close,
  };
}

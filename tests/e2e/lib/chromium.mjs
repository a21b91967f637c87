// Drives Debian's Chromium with the unpacked extension through
// playwright-core: a real toolbar click (CDP Extensions.triggerAction on the
// tab target, which grants activeTab like a user's click), main-world
// evaluation, real mouse input, and the accessibility tree for tooltips that
// live in a closed shadow root.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, clickChromiumAction, startChromium } from '../../../tools/browsers.mjs';

export { chromiumPath };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launchChromium(extDir) {
  const browser = await startChromium(extDir);
  const { context, sw, extId, port } = browser;
  const cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const bcdp = await cdpBrowser.newBrowserCDPSession();
  const version = (await bcdp.send('Browser.getVersion')).product;

  const log = { errors: [], requests: [] };
  const swErrors = (msg) => {
    if (msg.type() === 'error') log.errors.push({ where: 'background', text: msg.text() });
  };
  sw.on('console', swErrors);
  context.on('serviceworker', (w) => w.on('console', swErrors));
  context.on('request', (req) => log.requests.push({ url: req.url(), from: req.serviceWorker() ? 'worker' : 'page' }));

  await context.route((url) => /^(https?|wss?):/.test(url.protocol) && url.hostname !== '127.0.0.1', (route) => route.abort());
  const page = context.pages()[0] || (await context.newPage());
  const cdp = await context.newCDPSession(page);
  // Runtime events cover every world in the page, the content script's too.
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  cdp.on('Runtime.exceptionThrown', (e) => log.errors.push({ where: 'page', text: e.exceptionDetails?.exception?.description || e.exceptionDetails?.text }));
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type === 'error') log.errors.push({ where: 'page', text: e.args.map((a) => a.value ?? a.description).join(' ') });
  });
  cdp.on('Log.entryAdded', (e) => {
    if (e.entry.level === 'error' && e.entry.source !== 'network') log.errors.push({ where: 'page-log', text: e.entry.text });
  });
  page.on('pageerror', (err) => log.errors.push({ where: 'page', text: String(err) }));

  async function tabTarget() {
    const { targetInfos } = await bcdp.send('Target.getTargets', { filter: [{}] });
    const url = page.url();
    const tabs = targetInfos.filter((t) => t.type === 'tab');
    return (tabs.find((t) => t.url === url) || tabs[0]).targetId;
  }

  /** A function run in an extension page, in a tab of its own; the test page's tab is the other one. */
  async function inExtensionPage(fn, arg) {
    const p = await context.newPage();
    try {
      await p.goto(`chrome-extension://${extId}/options.html`);
      return await p.evaluate(fn, arg);
    } finally {
      await p.close();
    }
  }

  return {
    name: 'chromium',
    version,
    extId,
    log,
    page,
    async open(url) {
      await page.goto(url, { waitUntil: 'load', timeout: 30000 });
      await sleep(300);
    },
    click() {
      return clickChromiumAction((m, p) => bcdp.send(m, p), extId, tabTarget);
    },
    eval(fn, ...args) {
      return page.evaluate(`(${fn})(...${JSON.stringify(args)})`);
    },
    async hover(x, y) {
      await page.mouse.move(x - 3, y);
      await page.mouse.move(x, y, { steps: 2 });
    },
    async key(key) {
      await page.keyboard.press(key);
    },
    async tooltips() {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, role: 'tooltip' });
      return nodes.filter((n) => !n.ignored).map((n) => ({ name: n.name?.value || '', description: n.description?.value || '' }));
    },
    /** Notes (role note: the panel's profile line) in the page, closed shadow roots included: name and description. */
    async notes() {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, role: 'note' });
      return nodes.filter((n) => !n.ignored).map((n) => ({ name: n.name?.value || '', description: n.description?.value || '' }));
    },
    /** Click a control (found by role and accessible name) in the page, closed shadow roots included. */
    async clickButton(name, role = 'button') {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, role, accessibleName: name });
      const node = nodes.find((n) => !n.ignored && n.backendDOMNodeId);
      if (!node) throw new Error(`no ${role} named ${JSON.stringify(name)}`);
      // As a reader would: scroll the panel's list to it first.
      await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendDOMNodeId });
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId });
      const [x1, y1, , , x3, y3] = model.content;
      await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    },
    /** Viewport boxes of the tooltip and of the panel (a region named `panelName`), closed shadow roots included; null when not shown. */
    async uiBoxes(panelName) {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const box = async (query) => {
        const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, ...query });
        const node = nodes.find((n) => !n.ignored && n.backendDOMNodeId);
        if (!node) return null;
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId });
        const [x1, y1, , , x3, y3] = model.border;
        return { left: x1, top: y1, right: x3, bottom: y3 };
      };
      return { tooltip: await box({ role: 'tooltip' }), panel: await box({ role: 'region', accessibleName: panelName }) };
    },
    /** The accessible name and description of a region (the panel), closed shadow roots included; null when absent. */
    async region(name) {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, role: 'region', accessibleName: name });
      const node = nodes.find((n) => !n.ignored);
      return node ? { name: node.name?.value || '', description: node.description?.value || '' } : null;
    },
    /** Accessible names of the buttons in the page. */
    async buttons() {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodes } = await cdp.send('Accessibility.queryAXTree', { backendNodeId: root.backendNodeId, role: 'button' });
      return nodes.filter((n) => !n.ignored).map((n) => n.name?.value || '');
    },
    /**
     * What the keyboard shortcuts (Alt+Shift+N or P) do: the background
     * messages the tab's content script. Headless Chromium hands key presses
     * to the page, never to the browser's shortcut handling.
     */
    step(direction) {
      return inExtensionPage(async (msg) => {
        const me = await chrome.tabs.getCurrent();
        const other = (await chrome.tabs.query({})).find((t) => t.id !== me.id);
        await chrome.tabs.sendMessage(other.id, msg, { frameId: 0 });
      }, { type: 'step', direction });
    },
    /** The toolbar button's badge text and title for the test page's tab. */
    badge() {
      return inExtensionPage(async () => {
        const me = await chrome.tabs.getCurrent();
        const tab = (await chrome.tabs.query({})).find((t) => t.id !== me.id);
        return { text: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
      });
    },
    stats() {
      return inExtensionPage(() => chrome.runtime.sendMessage({ type: 'stats' }));
    },
    /** The viewport's size in CSS pixels (the tests start at 1280 × 900). */
    async viewport(width, height) {
      await page.setViewportSize({ width, height });
    },
    /** Forced colours (Windows High Contrast and the like) on or off, as DevTools emulates them: colours are forced, not only the media query. */
    async forcedColors(on) {
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: on ? 'active' : 'none' }] });
    },
    async screenshot(file) {
      // CDP capture: Playwright's own screenshot writes style="" onto inputs.
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    },
    async close() {
      await cdpBrowser.close().catch(() => {});
      await browser.close();
    },
  };
}

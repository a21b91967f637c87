// Drives Debian's Chromium with the unpacked extension through
// playwright-core: a real toolbar click (CDP Extensions.triggerAction on the
// tab target, which grants activeTab like a user's click), main-world
// evaluation, real mouse input, and the accessibility tree for tooltips that
// live in a closed shadow root.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

export function chromiumPath() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && fs.existsSync(p)) return p;
  return null;
}

export async function launchChromium(extDir, { extraArgs = [] } = {}) {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'whosays-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox',
      '--enable-unsafe-extension-debugging',
      `--remote-debugging-port=${port}`,
      // No traffic of the browser's own, so every request seen is the page's or ours.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-first-run',
      '--no-default-browser-check',
      '--metrics-recording-only',
      // Saved pages name remote hosts: fail those at once, as offline.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ...extraArgs,
    ],
  });
  const sw = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  const extId = new URL(sw.url()).host;
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
    async click() {
      // The first trigger after start-up sometimes fails: retry.
      let last;
      for (let i = 0; i < 5; i++) {
        try {
          await bcdp.send('Extensions.triggerAction', { id: extId, targetId: await tabTarget() });
          return;
        } catch (e) {
          last = e;
          await sleep(300);
        }
      }
      throw last;
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
    async screenshot(file) {
      // CDP capture: Playwright's own screenshot writes style="" onto inputs.
      const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, Buffer.from(data, 'base64'));
    },
    async close() {
      await cdpBrowser.close().catch(() => {});
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

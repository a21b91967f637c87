// Starting the two browsers with the extension loaded, for the end-to-end
// tests (tests/e2e/lib/) and the benchmarks (bench/lib/), which build their
// drivers on top: one copy of where the browsers live, how they are started
// offline, how the extension gets in and how its toolbar button is clicked.
//
// - Chromium: playwright-core's persistent context with the unpacked
//   extension, and a remote-debugging port for raw CDP (the toolbar click is
//   Extensions.triggerAction on the tab target, which grants activeTab like
//   a user's click).
// - Firefox: geckodriver's HTTP API (no client library), the extension as a
//   temporary add-on, privileged scripts in the browser window's chrome
//   context (the click is the browser action's triggerAction).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const firstExisting = (list) => list.find((p) => p && fs.existsSync(p)) || null;

export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

export const chromiumPath = () => firstExisting([process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']);
export const firefoxPath = () => firstExisting([process.env.FIREFOX, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
export const geckodriverPath = () =>
  firstExisting([process.env.GECKODRIVER, path.join(os.homedir(), '.cargo/bin/geckodriver'), '/usr/local/bin/geckodriver', '/usr/bin/geckodriver']);

/**
 * Headless Chromium with the unpacked extension in `extDir`, offline but for
 * loopback. Returns the playwright context, the extension's service worker
 * and id, the remote-debugging port, and `close()`.
 */
export async function startChromium(extDir) {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'whosays-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      // As root, Chromium runs only without its sandbox.
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
    ],
  });
  const sw = context.serviceWorkers()[0] || (await context.waitForEvent('serviceworker', { timeout: 20000 }));
  return {
    context,
    sw,
    extId: new URL(sw.url()).host,
    port,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Clicks the extension's toolbar button in a tab: `send` is a CDP browser
 * session's send, `targetId` finds the tab target. The first trigger after
 * start-up sometimes fails, so it is tried again.
 */
export async function clickChromiumAction(send, extId, targetId) {
  let last;
  for (let i = 0; i < 5; i++) {
    try {
      await send('Extensions.triggerAction', { id: extId, targetId: await targetId() });
      return;
    } catch (e) {
      last = e;
      await sleep(300);
    }
  }
  throw last;
}

// The browser action's click, run in the chrome context with the add-on id.
const CHROME_CLICK = `
const done = arguments[arguments.length - 1];
const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
const ext = ExtensionParent.GlobalManager.getExtension(arguments[0]);
Promise.resolve().then(() => ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(window)).then(() => done('ok'), (e) => done(String(e)));`;

/**
 * Headless Firefox through geckodriver with the extension in `extDir` as a
 * temporary add-on, every host but loopback sent to a closed port. Returns
 * `s(method, url, body)` for the session's WebDriver commands, `chrome(how,
 * script, args)` for privileged scripts ('sync' or 'async'), `click()` for
 * the toolbar button, the add-on's id, the browser's version, and `close()`.
 */
export async function startFirefox(extDir, { pageLoadMs = 30000, scriptMs = 30000 } = {}) {
  const port = await freePort();
  const driver = spawn(geckodriverPath(), ['--port', String(port), '--allow-system-access'], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  const req = async (method, url, body, timeoutMs = 60000) => {
    const res = await fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  for (let i = 0; ; i++) {
    try {
      await req('GET', '/status', undefined, 1000);
      break;
    } catch (e) {
      if (i > 100) throw e;
      await sleep(100);
    }
  }
  const created = await req(
    'POST',
    '/session',
    {
      capabilities: {
        alwaysMatch: {
          'moz:firefoxOptions': {
            binary: firefoxPath(),
            args: ['-headless'],
            prefs: {
              'network.proxy.type': 1,
              'network.proxy.http': '127.0.0.1',
              'network.proxy.http_port': 9,
              'network.proxy.ssl': '127.0.0.1',
              'network.proxy.ssl_port': 9,
              'network.proxy.no_proxies_on': '127.0.0.1,localhost',
              'network.proxy.allow_hijacking_localhost': false,
              'accessibility.force_disabled': 0,
            },
          },
        },
      },
    },
    120000,
  );
  const sid = created.sessionId;
  const s = (method, url, body, t) => req(method, `/session/${sid}${url}`, body, t);
  await s('POST', '/timeouts', { pageLoad: pageLoadMs, script: scriptMs, implicit: 0 });
  await s('POST', '/window/rect', { width: 1280, height: 900 });
  const addonId = await s('POST', '/moz/addon/install', { path: path.resolve(extDir), temporary: true });
  /** `fn` with the session switched to the browser window's chrome context. */
  const inChrome = async (fn) => {
    await s('POST', '/moz/context', { context: 'chrome' });
    try {
      return await fn();
    } finally {
      await s('POST', '/moz/context', { context: 'content' });
    }
  };
  return {
    s,
    inChrome,
    chrome: (how, script, args = []) => inChrome(() => s('POST', `/execute/${how}`, { script, args })),
    addonId,
    version: `Firefox ${created.capabilities.browserVersion}`,
    async click() {
      const r = await inChrome(() => s('POST', '/execute/async', { script: CHROME_CLICK, args: [addonId] }));
      if (r !== 'ok') throw new Error(`toolbar click failed: ${r}`);
    },
    async close() {
      await req('DELETE', `/session/${sid}`, undefined, 30000).catch(() => {});
      try {
        process.kill(-driver.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

// The extension in Firefox ESR through geckodriver's HTTP API: installed as
// a temporary add-on, clicked through its browser action in the chrome
// context (which grants activeTab like a real click). Firefox offers no long
// tasks, traces or profiles to a WebDriver client, so two figures are taken:
// - toggle to painted: the last change of the highlights (from the page's
//   probe) or of the badge count (huge pages are painted as viewport boxes,
//   not highlights), once both have held still for QUIET_MS;
// - the longest main-thread block, from the probe's 5 ms heartbeat.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { PROBE, READ, MARK_CLICK } from './probe.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUIET_MS = 1500;

const ACTION = `
const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
const action = ExtensionParent.apiManager.global.browserActionFor(ExtensionParent.GlobalManager.getExtension(arguments[0]));`;
const CLICK = `${ACTION}
const done = arguments[arguments.length - 1];
Promise.resolve().then(() => action.triggerAction(window)).then(() => done('ok'), (e) => done(String(e)));`;
const BADGE = `${ACTION}
return action.action.getProperty(gBrowser.selectedTab, 'badgeText');`;

async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

const firstExisting = (list) => list.find((p) => p && fs.existsSync(p));

export async function launch(extDir) {
  const gecko = firstExisting([process.env.GECKODRIVER, path.join(os.homedir(), '.cargo/bin/geckodriver'), '/usr/bin/geckodriver']);
  const binary = firstExisting([process.env.FIREFOX, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
  if (!gecko || !binary) throw new Error('Firefox or geckodriver not found');
  const port = await freePort();
  const driver = spawn(gecko, ['--port', String(port), '--allow-system-access'], { stdio: 'ignore', detached: true });
  const req = async (method, url, body, timeoutMs = 60000) => {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, {
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
    { capabilities: { alwaysMatch: { 'moz:firefoxOptions': { binary, args: ['-headless'] } } } },
    120000,
  );
  const s = (method, url, body, t) => req(method, `/session/${created.sessionId}${url}`, body, t);
  await s('POST', '/timeouts', { pageLoad: 120000, script: 60000, implicit: 0 });
  await s('POST', '/window/rect', { width: 1280, height: 900 });
  const addon = await s('POST', '/moz/addon/install', { path: extDir, temporary: true });
  const chrome = async (endpoint, script) => {
    await s('POST', '/moz/context', { context: 'chrome' });
    try {
      return await s('POST', endpoint, { script, args: [addon] });
    } finally {
      await s('POST', '/moz/context', { context: 'content' });
    }
  };
  const content = (expr) => s('POST', '/execute/sync', { script: `return ${expr};`, args: [] });
  return {
    version: `Firefox ${created.capabilities.browserVersion}`,
    async measure(url) {
      await s('POST', '/url', { url });
      await sleep(300);
      await content(PROBE);
      await content(MARK_CLICK);
      const clickAt = Date.now();
      const clicked = await chrome('/execute/async', CLICK);
      if (clicked !== 'ok') throw new Error(`toolbar click failed: ${clicked}`);
      let badge = '';
      let badgeAt = clickAt;
      let state;
      for (;;) {
        await sleep(100);
        const now = await chrome('/execute/sync', BADGE);
        if (now !== badge) [badge, badgeAt] = [now, Date.now()];
        state = await content(READ);
        const quiet = Date.now() - badgeAt >= QUIET_MS && (!state.ranges || state.idle >= QUIET_MS);
        if (badge && quiet) break;
        if (Date.now() - clickAt > 180000) throw new Error(`${url}: not painted within 180 s`);
      }
      return {
        ranges: state.ranges,
        firstPaintMs: state.first || undefined,
        paintedMs: Math.max(state.last || 0, badgeAt - clickAt),
        longestGapMs: Math.max(0, state.maxGap - 5),
      };
    },
    async close() {
      await req('DELETE', `/session/${created.sessionId}`, undefined, 30000).catch(() => {});
      try {
        process.kill(-driver.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

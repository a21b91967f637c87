// The extension in Firefox ESR through geckodriver's HTTP API: installed as
// a temporary add-on, clicked through its browser action in the chrome
// context (which grants activeTab like a real click). Firefox offers no long
// tasks, traces or profiles to a WebDriver client, so two figures are taken:
// - toggle to painted: the last change of the highlights (from the page's
//   probe) or of the badge count (huge pages are painted as viewport boxes,
//   not highlights), once both have held still for QUIET_MS;
// - the longest main-thread block, from the probe's 5 ms heartbeat.
import { PROBE, READ, MARK_CLICK } from './probe.mjs';
import { firefoxPath, geckodriverPath, startFirefox } from '../../tools/browsers.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const QUIET_MS = 1500;

// The badge of the selected tab, read in the chrome context.
const ACTION = `
const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
const action = ExtensionParent.apiManager.global.browserActionFor(ExtensionParent.GlobalManager.getExtension(arguments[0]));`;
const BADGE = `${ACTION}
return action.action.getProperty(gBrowser.selectedTab, 'badgeText');`;

export async function launch(extDir) {
  if (!geckodriverPath() || !firefoxPath()) throw new Error('Firefox or geckodriver not found');
  const browser = await startFirefox(extDir, { pageLoadMs: 120000, scriptMs: 60000 });
  const { s, addonId } = browser;
  const badgeText = () => browser.chrome('sync', BADGE, [addonId]);
  const content = (expr) => s('POST', '/execute/sync', { script: `return ${expr};`, args: [] });
  return {
    version: browser.version,
    async measure(url) {
      await s('POST', '/url', { url });
      await sleep(300);
      await content(PROBE);
      await content(MARK_CLICK);
      const clickAt = Date.now();
      await browser.click();
      let badge = '';
      let badgeAt = clickAt;
      let state;
      for (;;) {
        await sleep(100);
        const now = await badgeText();
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
    close: browser.close,
  };
}

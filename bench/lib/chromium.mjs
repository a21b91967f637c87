// The extension in Chromium, driven as a reader would: load a page, click
// the toolbar button (CDP Extensions.triggerAction, which grants activeTab),
// wait until the highlights stop changing. Measured around the click:
// - toggle to painted: from the click to the content script's "page
//   scanned" console message (huge pages are painted as viewport boxes, not
//   CSS.highlights, so the registry alone cannot tell when it is done);
// - the longest main-thread task, from a trace of the page's renderer
//   (top-level slices on its main thread, found by a console.timeStamp);
// - time reading the page (the content script's walk and buildBlocks), time
//   scanning (the wasm scanBlocks call in the service worker) and the time
//   the scan messages cost besides (the rest of the worker's busy stretches
//   that hold a scan, mostly decoding blocks and encoding findings, and the
//   content script's time posting them), all from V8 CPU
//   profiles, and painting
//   (placeFindings) for reference;
// - the WebAssembly memory's size afterwards (memory only grows, so this is
//   its peak), found with Runtime.queryObjects in the service worker.
import { Cdp, burstMs, inclusiveMs, stackMs } from './cdp.mjs';
import { PROBE, READ, MARK_CLICK } from './probe.mjs';
import { chromiumPath, clickChromiumAction, startChromium } from '../../tools/browsers.mjs';

export { chromiumPath };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const DONE = 'Who Says?: page scanned';
const ANCHOR = 'whosays-bench-anchor';

export async function launch(extDir) {
  const browser = await startChromium(extDir);
  const { context, extId, port } = browser;
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const cdp = await Cdp.connect(webSocketDebuggerUrl);
  const version = (await cdp.send('Browser.getVersion')).product;
  return {
    version,
    async measure(url) {
      return measure({ context, cdp, extId }, url);
    },
    async close() {
      cdp.close();
      await browser.close();
    },
  };
}

async function serviceWorkerSession(cdp, extId) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extId}/`));
  if (!sw) throw new Error('the extension has no running service worker');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: true });
  return sessionId;
}

async function tabTarget(cdp, url) {
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
  if (!tab) throw new Error(`no tab target for ${url}`);
  return tab.targetId;
}

function click(cdp, extId, url) {
  return clickChromiumAction((m, p) => cdp.send(m, p), extId, () => tabTarget(cdp, url));
}

async function readTrace(cdp) {
  const done = cdp.once('Tracing.tracingComplete');
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let data = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    data += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(data);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/**
 * Longest top-level task on the page's main thread between two page
 * times (performance.now). The anchor, stamped at page time `anchorMs`,
 * names the thread and ties the page's clock to the trace's.
 */
function longestTask(events, anchorMs, fromMs, toMs) {
  const anchor = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === ANCHOR);
  if (!anchor) throw new Error('trace: anchor not found');
  const main = events
    .filter((e) => e.pid === anchor.pid && e.tid === anchor.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const from = anchor.ts + (fromMs - anchorMs) * 1000;
  const to = anchor.ts + (toMs - anchorMs) * 1000;
  // Slices not nested in an earlier one are the thread's tasks.
  let end = -Infinity;
  let longest = null;
  for (const e of main) {
    if (e.ts < end) continue;
    end = e.ts + e.dur;
    if (end >= from && e.ts <= to && e.dur > (longest?.dur ?? -1)) longest = e;
  }
  if (!longest) return { ms: 0, inside: [] };
  // What the task spent its time on: its heaviest slices, by script function where known.
  const inside = main
    .filter((e) => e !== longest && e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur)
    .map((e) => {
      const d = e.args?.data ?? {};
      const where = d.functionName || (d.url ? d.url.split('/').pop() : '');
      return { what: where ? `${e.name} ${where}` : e.name, ms: e.dur / 1000 };
    })
    .filter((x) => !/^(RunTask|ThreadControllerImpl)/.test(x.what))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return { ms: longest.dur / 1000, inside };
}

async function measure({ context, cdp, extId }, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    await sleep(300);
    await page.evaluate(PROBE);
    const pageCdp = await context.newCDPSession(page);
    // Console calls of every world in the page, the content script's too.
    await pageCdp.send('Runtime.enable');
    const done = new Promise((resolve) =>
      pageCdp.on('Runtime.consoleAPICalled', (e) => {
        if (e.args?.[0]?.value === DONE) resolve(e.timestamp);
      }),
    );
    const sw = await serviceWorkerSession(cdp, extId);
    for (const send of [(m, p) => pageCdp.send(m, p), (m, p) => cdp.send(m, p, sw)]) {
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: 100 });
      await send('Profiler.start');
    }
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', '__metadata'] },
      transferMode: 'ReturnAsStream',
    });
    const anchorPageMs = await page.evaluate(`(() => { console.timeStamp(${JSON.stringify(ANCHOR)}); return performance.now(); })()`);
    await page.evaluate(MARK_CLICK);
    const [clickPageMs, timeOrigin] = await page.evaluate('[window.__whosaysBench.click, performance.timeOrigin]');
    await click(cdp, extId, page.url());
    const doneAt = await Promise.race([done, sleep(180000).then(() => null)]);
    if (doneAt === null) throw new Error(`${url}: not scanned within 180 s`);
    const paintedMs = doneAt - timeOrigin - clickPageMs;
    const state = await page.evaluate(READ);
    const pageProfile = (await pageCdp.send('Profiler.stop')).profile;
    const swProfile = (await cdp.send('Profiler.stop', {}, sw)).profile;
    const events = await readTrace(cdp);
    const task = longestTask(events, anchorPageMs, clickPageMs, clickPageMs + paintedMs);
    const content = (f) => f.url.endsWith('/content.js');
    const page_ = inclusiveMs(pageProfile, {
      read: (f) => content(f) && (f.functionName === 'walk' || f.functionName === 'buildBlocks'),
      paint: (f) => content(f) && f.functionName === 'placeFindings',
      contentScript: content,
    });
    const named = (f, name) => content(f) && f.functionName === name;
    const { scanSend } = stackMs(pageProfile, {
      scanSend: (s) => s.some((f) => named(f, 'sendScan')),
    });
    // The module's own frames count too (an optimised caller can absorb the
    // glue's), except under the 'hello' handler's calls.
    const glue = (f, names) => f.url.endsWith('/pkg/whosays.js') && names.includes(f.functionName);
    const scanning = (s) =>
      !s.some((f) => glue(f, ['readerRules', 'version'])) && s.some((f) => f.url.endsWith('/pkg/whosays_bg.wasm') || glue(f, ['scanBlocks']));
    const sw_ = { ...stackMs(swProfile, { scan: scanning }), ...burstMs(swProfile, { scanBursts: scanning }) };
    const memory = await wasmMemory(cdp, sw);
    await cdp.send('Target.detachFromTarget', { sessionId: sw });
    return {
      ranges: state.ranges,
      firstPaintMs: state.first,
      paintedMs,
      longestTaskMs: task.ms,
      longestTaskInside: task.inside,
      longestGapMs: Math.max(0, state.maxGap - 5),
      readMs: page_.read,
      paintMs: page_.paint,
      contentScriptMs: page_.contentScript,
      scanMs: sw_.scan,
      messagesMs: sw_.scanBursts - sw_.scan + scanSend,
      wasmMemoryBytes: memory,
    };
  } finally {
    await page.close();
  }
}

async function wasmMemory(cdp, sw) {
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' }, sw);
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId }, sw);
  const { result } = await cdp.send(
    'Runtime.callFunctionOn',
    {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return Math.max(0, ...this.map((m) => m.buffer.byteLength)); }',
      returnByValue: true,
    },
    sw,
  );
  return result.value;
}

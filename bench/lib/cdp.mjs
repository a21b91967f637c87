// A minimal Chrome DevTools Protocol client over one WebSocket, with
// flattened sessions: enough to attach to the extension's service worker,
// which playwright-core offers no CDP session for.
import WebSocket from 'ws';

export class Cdp {
  static async connect(url) {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Cdp(ws);
  }

  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Map();
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
        else p?.resolve(msg.result);
      } else {
        for (const fn of this.listeners.get(msg.method) ?? []) fn(msg.params, msg.sessionId);
      }
    });
  }

  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, method }));
  }

  on(method, fn) {
    if (!this.listeners.has(method)) this.listeners.set(method, []);
    this.listeners.get(method).push(fn);
  }

  once(method, predicate = () => true) {
    return new Promise((resolve) => {
      const fn = (params, sessionId) => {
        if (!predicate(params, sessionId)) return;
        this.listeners.set(method, this.listeners.get(method).filter((f) => f !== fn));
        resolve(params);
      };
      this.on(method, fn);
    });
  }

  close() {
    this.ws.close();
  }
}

/**
 * Time in functions from a V8 CPU profile: for each named group, the time of
 * every sample with a frame of that group on its stack (each sample counted
 * once per group). `groups` maps a name to a test on a call frame.
 */
export function inclusiveMs(profile, groups) {
  return stackMs(profile, Object.fromEntries(Object.entries(groups).map(([g, test]) => [g, (stack) => stack.some(test)])));
}

/**
 * Time of the samples whose whole stack (call frames, innermost first)
 * passes each group's test. The stack of a sample spent in native code
 * outside any script (message serialization, for one) is `(program)` alone,
 * of an idle thread `(idle)`.
 */
export function stackMs(profile, groups) {
  const totals = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  eachSample(profile, (stack, ms) => {
    for (const [g, test] of Object.entries(groups)) if (test(stack)) totals[g] += ms;
  });
  return totals;
}

/**
 * Time of the thread's busy stretches (samples between two idle ones) that
 * hold at least one sample passing each group's stack test: a message is
 * handled in one such stretch, with the native work of decoding it before
 * the handler and of encoding the reply after it.
 */
export function burstMs(profile, groups) {
  const totals = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  let ms = 0;
  let hit = new Set();
  const close = () => {
    for (const g of hit) totals[g] += ms;
    ms = 0;
    hit = new Set();
  };
  eachSample(profile, (stack, sampleMs) => {
    if (stack[0].functionName === '(idle)') {
      close();
      return;
    }
    ms += sampleMs;
    for (const [g, test] of Object.entries(groups)) if (test(stack)) hit.add(g);
  });
  close();
  return totals;
}

/** Calls `fn(stack, ms)` for each sample in time order, its call frames innermost first. */
function eachSample(profile, fn) {
  const parent = new Map();
  const byId = new Map();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const stack = [];
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id).callFrame);
    // timeDeltas[i] is the gap before sample i: sample i lasts until the next.
    fn(stack, (timeDeltas[i + 1] ?? 0) / 1000);
  }
}

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
  const parent = new Map();
  const byId = new Map();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const totals = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the gap before sample i: sample i lasts until the next.
    const us = timeDeltas[i + 1] ?? 0;
    const hit = new Set();
    for (let id = samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      for (const [g, test] of Object.entries(groups)) if (test(frame)) hit.add(g);
    }
    for (const g of hit) totals[g] += us / 1000;
  }
  return totals;
}

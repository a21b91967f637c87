// What every part of the content script needs from the browser: the
// extension API, its messages, and a way to give the page its thread back.

export const api = globalThis.browser ?? globalThis.chrome;

// getMessage is not free in every browser; plain strings are looked up once.
const plain = new Map();
export const t = (name, subs) => {
  if (subs) return api.i18n.getMessage(name, subs) || name;
  if (!plain.has(name)) plain.set(name, api.i18n.getMessage(name) || name);
  return plain.get(name);
};

// For names built from the core's output (a kind this version does not
// know yet): its own words rather than a message name.
export const tKind = (prefix, kind) => {
  const k = String(kind || '');
  const name = `${prefix}${k.charAt(0).toUpperCase()}${k.slice(1)}`;
  return (k && api.i18n.getMessage(name)) || k.replace(/_/g, ' ');
};

export const send = (message) => api.runtime.sendMessage(message);

// Main-thread budget per slice of work; the whole toggle must never block
// the page for 50 ms, so everything long yields between slices.
const SLICE_MS = 8;

// Yield with an ordinary task (a private MessageChannel, which the page
// cannot see): the page's own timers and input run in between.
// scheduler.yield() would resume ahead of them, and setTimeout(0) is
// clamped to 4 ms. The channel is made on first use, so that a second
// injection, which only toggles the running instance, makes none.
let channel = null;
const waiting = [];
const yieldToPage = () =>
  new Promise((resolve) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

/** A deadline-based slicer: `await slice.check()` yields once the slice is spent. */
export function slicer() {
  let end = performance.now() + SLICE_MS;
  return {
    async check() {
      if (performance.now() < end) return;
      await yieldToPage();
      end = performance.now() + SLICE_MS;
    },
  };
}

// A long text (the page's skeleton for Readability) goes over a port in
// parts of at most this many characters, a task each: a message is
// serialised on the page's thread, and Firefox took 40-55 ms for a 1 MB
// skeleton sent whole.
const PART_CHARS = 100_000;

/** `text` sent to the background over a port named `name`, in parts; resolves with its answer, or null when it goes away. */
export function sendLong(name, text) {
  const port = api.runtime.connect({ name });
  return new Promise((resolve) => {
    port.onMessage.addListener((reply) => {
      port.disconnect();
      resolve(reply);
    });
    port.onDisconnect.addListener(() => resolve(null));
    (async () => {
      for (let at = 0; at < text.length; at += PART_CHARS) {
        if (at) await yieldToPage();
        port.postMessage({ part: text.slice(at, at + PART_CHARS) });
      }
      port.postMessage({ done: true });
    })().catch(() => resolve(null));
  });
}

// What every part of the content script needs from the browser: the
// extension API, its messages, and a way to give the page its thread back.

// Looked up on first use, not on load: in Firefox the first lookup in a
// page sets the API up (10-30 ms), which must not add to the task that
// runs the script.
let extension = null;
export const api = () => (extension ??= globalThis.browser ?? globalThis.chrome);

// The extension's messages, from the background (see uiStrings there):
// getMessage here costs Firefox 0.3-1 ms a call. Until they come (a
// failure before the background answers), getMessage itself.
let strings = null;
export const setStrings = (table) => {
  strings = table && typeof table === 'object' ? table : null;
};
const message = (name, subs) => {
  if (!strings) return api().i18n.getMessage(name, subs);
  const m = Object.hasOwn(strings, name) ? String(strings[name]) : '';
  return subs ? m.replace(/[\u0001-\u0009]/g, (c) => String(subs[c.charCodeAt(0) - 1] ?? '')) : m;
};
export const t = (name, subs) => message(name, subs) || name;

// For names built from the core's output (a kind this version does not
// know yet): its own words rather than a message name.
export const tKind = (prefix, kind) => {
  const k = String(kind || '');
  const name = `${prefix}${k.charAt(0).toUpperCase()}${k.slice(1)}`;
  return (k && message(name)) || k.replace(/_/g, ' ');
};

export const send = (message) => api().runtime.sendMessage(message);

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
export const yieldToPage = () =>
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
  const port = api().runtime.connect({ name });
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

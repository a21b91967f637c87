// Scanning: the blocks go to the background (which runs the core) in
// chunks over one port, and the findings that come back are placed in
// their blocks as entries and painted.
import { makeEntry, tally } from './entries.js';
import { decideWindowed, paintBlock, paintableNow, placed, queueWindow } from './painter.js';
import { updateSummary } from './panel.js';
import { api, send, slicer } from './runtime.js';
import { session } from './state.js';

// The first chunk is small, so that the start of the article is painted
// soon; no later one is longer than CHUNK_CHARS (the e2e tests check it).
const FIRST_CHUNK_CHARS = 6000;
const CHUNK_CHARS = 30000;

// Scan requests go over one port, open while a scan runs: a message of
// its own per chunk (sendMessage opens and closes a channel each time)
// cost about twice the messaging time, in the worker and in the page
// (1 MB bench page: 270 ms against 120 ms).
const port = { p: null, pending: new Map(), next: 0 };
function sendScan(blocks, type = 'scan') {
  if (!port.p) {
    port.p = api().runtime.connect({ name: 'scan' });
    port.p.onMessage.addListener((m) => {
      port.pending.get(m?.id)?.(m);
      port.pending.delete(m?.id);
    });
    port.p.onDisconnect.addListener(() => {
      port.p = null;
      for (const resolve of port.pending.values()) resolve({ error: 'the background went away' });
      port.pending.clear();
    });
  }
  const id = ++port.next;
  return new Promise((resolve) => {
    port.pending.set(id, resolve);
    port.p.postMessage({ id, type, blocks });
  });
}
function closeScanPort() {
  if (port.pending.size) return;
  port.p?.disconnect();
  port.p = null;
}

// Letters per language over the page's chunks, as the core tells them
// (code → {name, letters}). The core gives a chunk not in English no
// findings; the page as a whole is judged by all its chunks.
let languages = new Map();

/** A new reading of the page: its languages are told anew. */
export function resetLanguages() {
  languages = new Map();
}

function addLanguages(list) {
  if (!Array.isArray(list)) return;
  for (const l of list) {
    if (!l || typeof l.code !== 'string' || !Number.isFinite(l.letters)) continue;
    const had = languages.get(l.code);
    languages.set(l.code, { code: l.code, name: String(l.name || l.code), letters: (had?.letters || 0) + l.letters });
  }
}

/** The page's language when it is not English ({code, name}), else null. */
export function foreignLanguage() {
  let top = null;
  for (const l of languages.values()) if (!top || l.letters > top.letters || (l.letters === top.letters && l.code === 'en')) top = l;
  return top && top.code !== 'en' ? top : null;
}

/**
 * Scan blocks in chunks (joined by "\n\n" like the core), painting as
 * results arrive. Stops early once the page is found not to be in English.
 * `inOrder`: the blocks are the page's, in reading order, none scanned yet
 * (not a rescan's changed blocks). `profiles`, if given, gets each chunk's
 * sourcing profile.
 */
export async function scanBlocks(blocks, run, inOrder = false, profiles = null) {
  try {
    return await scanChunks(blocks, run, inOrder, profiles);
  } finally {
    closeScanPort();
  }
}

/**
 * The sourcing profile of blocks, scanned again in the background a chunk
 * at a time and added up there; null when the run is stale or it failed.
 */
export async function profileOf(blocks, run) {
  const profiles = [];
  try {
    for (const chunk of chunksOf(blocks)) {
      const reply = await sendScan(asSent(chunk), 'profile');
      if (run !== session.run || !reply?.profile) return null;
      profiles.push(reply.profile);
    }
  } finally {
    closeScanPort();
  }
  return mergedProfile(profiles, run);
}

/** Chunks' profiles added up by the core; null when the run is stale or it failed. */
export async function mergedProfile(profiles, run) {
  const reply = await send({ type: 'profiles', profiles }).catch(() => null);
  return run === session.run && reply?.profile ? reply.profile : null;
}

/** What the core needs of a chunk's pieces. */
const asSent = (chunk) => chunk.map((p) => ({ text: p.text, role: p.block.role }));

/**
 * The blocks as the pieces they are sent in: a block longer than a message
 * is cut at a sentence's end, else at a space, within CHUNK_CHARS (a
 * paragraph of 2 MB sent whole never came back). `offset`: where the piece
 * starts in its block; `last`: it ends the block.
 */
function* pieces(blocks) {
  for (const block of blocks) {
    const text = block.text;
    let at = 0;
    do {
      const end = text.length - at <= CHUNK_CHARS ? text.length : cutBefore(text, at + CHUNK_CHARS, at + (CHUNK_CHARS >> 1));
      yield { block, text: at === 0 && end === text.length ? text : text.slice(at, end), offset: at, last: end === text.length };
      at = end;
    } while (at < text.length);
  }
}

const isSpace = (c) => c === 32 || c === 10 || c === 9 || c === 13 || c === 160;

/** Where to cut `text` at or before `end` (not before `floor`): after a sentence's end and its space, else after a space, else not inside a surrogate pair. */
function cutBefore(text, end, floor) {
  for (let i = end - 1; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if ((c === 46 || c === 33 || c === 63) && isSpace(text.charCodeAt(i))) return i + 1;
  }
  for (let i = end - 1; i > floor; i--) if (isSpace(text.charCodeAt(i))) return i + 1;
  const c = text.charCodeAt(end - 1);
  return c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
}

/** The blocks' pieces in chunks of at most CHUNK_CHARS (the first smaller). */
function* chunksOf(blocks) {
  const queue = pieces(blocks);
  let next = queue.next();
  let limit = FIRST_CHUNK_CHARS;
  while (!next.done) {
    const chunk = [];
    let size = 0;
    while (!next.done && (chunk.length === 0 || size + next.value.text.length <= limit)) {
      chunk.push(next.value);
      size += next.value.text.length + 2;
      next = queue.next();
    }
    limit = CHUNK_CHARS;
    yield chunk;
  }
}

async function scanChunks(blocks, run, inOrder, profiles) {
  // Entries of a block whose last piece is still to come, held back so
  // that the block gets all its findings at once.
  const held = new Map();
  for (const chunk of chunksOf(blocks)) {
    const reply = await sendScan(asSent(chunk));
    if (run !== session.run) return false;
    if (!reply || reply.error) throw new Error(reply?.error || 'no answer from the background');
    addLanguages(reply.languages);
    if (foreignLanguage()) return true;
    if (profiles && reply.profile) profiles.push(reply.profile);
    await placeFindings(chunk, reply.findings || [], run, inOrder, held);
    if (run !== session.run) return false;
    updateSummary();
  }
  return true;
}

/** Findings of one chunk (offsets into its pieces joined by "\n\n") become entries of their blocks. */
async function placeFindings(chunk, findings, run, inOrder, held) {
  const starts = [];
  let at = 0;
  for (const p of chunk) {
    starts.push(at);
    at += p.text.length + 2;
  }
  const locate = (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const slice = slicer();
  const list = paintableNow();
  const made = [];
  for (const f of findings) {
    await slice.check();
    if (run !== session.run) return;
    const pi = locate(f.start);
    const entry = makeEntry(f, chunk[pi].block, starts[pi] - chunk[pi].offset);
    if (entry) made.push(entry);
  }
  // Blocks get their findings all at once, after the last yield and with
  // their last piece: a block painted in between (a window refreshed on
  // scroll) would otherwise get only some of them, and count as painted.
  const ended = chunk.filter((p) => p.last).map((p) => p.block);
  const ready = [];
  for (const b of ended) {
    for (const e of held.get(b) || []) ready.push(e);
    held.delete(b);
  }
  const endsHere = new Set(ended);
  for (const e of made) {
    if (endsHere.has(e.block)) ready.push(e);
    else if (held.has(e.block)) held.get(e.block).push(e);
    else held.set(e.block, [e]);
  }
  const touched = new Set();
  for (const e of ready) {
    e.block.entries.push(e);
    tally(e, 1);
    touched.add(e.block);
  }
  placed(list, ended, touched, inOrder);
  if (!touched.size) return;
  if (decideWindowed()) {
    queueWindow();
    return;
  }
  for (const b of touched) {
    await slice.check();
    if (run !== session.run) return;
    paintBlock(b);
  }
}

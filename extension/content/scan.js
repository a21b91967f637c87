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

/** What the core needs of a chunk's blocks. */
const asSent = (chunk) => chunk.map((b) => ({ text: b.text, role: b.role }));

/** The blocks in chunks of at most CHUNK_CHARS (the first smaller); no block is longer (text-map.js cuts long ones). */
function* chunksOf(blocks) {
  let i = 0;
  let limit = FIRST_CHUNK_CHARS;
  while (i < blocks.length) {
    const chunk = [];
    let size = 0;
    while (i < blocks.length && (chunk.length === 0 || size + blocks[i].text.length <= limit)) {
      chunk.push(blocks[i]);
      size += blocks[i].text.length + 2;
      i++;
    }
    limit = CHUNK_CHARS;
    yield chunk;
  }
}

async function scanChunks(blocks, run, inOrder, profiles) {
  for (const chunk of chunksOf(blocks)) {
    const reply = await sendScan(asSent(chunk));
    if (run !== session.run) return false;
    if (!reply || reply.error) throw new Error(reply?.error || 'no answer from the background');
    addLanguages(reply.languages);
    if (foreignLanguage()) return true;
    if (profiles && reply.profile) profiles.push(reply.profile);
    await placeFindings(chunk, reply.findings || [], run, inOrder);
    if (run !== session.run) return false;
    updateSummary();
  }
  return true;
}

/** Findings of one chunk (offsets into its blocks' texts joined by "\n\n") become entries of their blocks. */
async function placeFindings(chunk, findings, run, inOrder) {
  const starts = [];
  let at = 0;
  for (const b of chunk) {
    starts.push(at);
    at += b.text.length + 2;
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
    const bi = locate(f.start);
    const entry = makeEntry(f, chunk[bi], starts[bi]);
    if (entry) made.push(entry);
  }
  // Blocks get their findings all at once, after the last yield: a block
  // painted in between (a window refreshed on scroll) would otherwise get
  // only some of them, and count as painted.
  const touched = new Set();
  for (const e of made) {
    e.block.entries.push(e);
    tally(e, 1);
    touched.add(e.block);
  }
  placed(list, chunk, touched, inOrder);
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

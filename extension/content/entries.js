// The findings as the page keeps them: the page's blocks in reading order,
// each with its entries (a finding, its category and its parts to paint),
// the counts per category, and which Range stands for which entry.
import { CATEGORIES, settings, zeroes } from './state.js';
import { rangeFor } from './text-map.js';

// Highlight names, in the registry the page also sees. Later = on top.
export const PRIORITY = {
  'whosays-unsourced-sentence': 0,
  'whosays-hedge': 1,
  'whosays-unsourced': 2,
  'whosays-named': 3,
  'whosays-anonymous': 3,
  'whosays-vague': 3,
  'whosays-pronoun': 3,
  'whosays-cue': 4,
  'whosays-cue-thought': 4,
  'whosays-cue-loaded': 4,
  'whosays-focus': 10,
};
// A finding's painted parts are stored as numbers (name, start, end): a
// huge page has tens of thousands of findings, and small objects per part
// keep the garbage collector busy on the page's thread.
export const NAMES = Object.keys(PRIORITY).filter((n) => n !== 'whosays-focus');
const NAME_ID = Object.fromEntries(NAMES.map((n, i) => [n, i]));
const HEDGE = NAME_ID['whosays-hedge'];
export const SENTENCE = NAME_ID['whosays-unsourced-sentence'];
const MILD_SIGNALS = new Set(['hedge', 'weasel']);

// The page's blocks in reading order (text-map.js builds them), each with
// its entries.
export let pageBlocks = [];
// Findings per category.
export let counts = zeroes();
// Painted parts per category, and hedge parts inside attributions (shown
// only when hedged wording is on too): decides when to paint by window.
let partCount = zeroes();
let innerHedgeCount = zeroes();
let rangeEntry = new WeakMap();

export function setBlocks(blocks) {
  pageBlocks = blocks;
}

export function resetEntries() {
  pageBlocks = [];
  counts = zeroes();
  partCount = zeroes();
  innerHedgeCount = zeroes();
  rangeEntry = new WeakMap();
}

/**
 * A finding as the page keeps it: its category and its parts to paint
 * (highlight name, start, end, offsets in its block). Range objects are
 * made only when its block is painted. A category this version does not
 * know is not painted under some other name: null.
 */
export function makeEntry(f, block, base) {
  const category = CATEGORIES.includes(f?.category) ? f.category : null;
  if (!category) return null;
  const len = block.text.length;
  const off = (s) => {
    if (!s || !Number.isFinite(s.start) || !Number.isFinite(s.end)) return null;
    const a = Math.max(0, s.start - base);
    const b = Math.min(len, s.end - base);
    return b > a ? [a, b] : null;
  };
  const parts = [];
  const add = (name, span) => {
    if (span) parts.push(NAME_ID[name], span[0], span[1]);
  };
  const signals = Array.isArray(f.signals) ? f.signals : [];
  const whole = off(f);
  // The part that stands for the finding: its source, else its cue, else
  // its first signal, else the whole sentence.
  let main = 0;
  if (category === 'unsourced') {
    add('whosays-unsourced-sentence', whole);
    const first = parts.length;
    for (const s of signals) add('whosays-unsourced', off(s));
    if (parts.length > first) main = first;
  } else if (category === 'hedge') {
    for (const s of signals) add('whosays-hedge', off(s));
    if (!parts.length) add('whosays-hedge', whole);
  } else {
    add(`whosays-${category}`, off(f.source));
    add(cueName(f.cue), off(f.cue));
    if (!parts.length) add(`whosays-${category}`, whole);
    // Hedges and weasel words inside an attribution are hedged wording,
    // not claims: painted as such, and only with hedged wording on.
    for (const s of signals) if (MILD_SIGNALS.has(s.kind)) add('whosays-hedge', off(s));
  }
  if (!parts.length) return null;
  return { f, category, block, parts, main, r: null };
}

/** A cue's highlight: loaded (claimed, knew) whatever it reports, else by its class: speech or thought (believes, fears). */
const cueName = (cue) => (cue?.loaded ? 'whosays-cue-loaded' : cue?.class === 'thought' ? 'whosays-cue-thought' : 'whosays-cue');

/** Counts an entry in (delta 1) or out (delta -1). */
export function tally(e, delta) {
  counts[e.category] += delta;
  for (let i = 0; i < e.parts.length; i += 3) {
    if (e.parts[i] === HEDGE && e.category !== 'hedge') innerHedgeCount[e.category] += delta;
    else partCount[e.category] += delta;
  }
}

/** How many parts the categories switched on would register. */
export function shownPartCount() {
  let n = 0;
  for (const c of CATEGORIES) {
    if (!settings.enabled[c]) continue;
    n += partCount[c];
    if (settings.enabled.hedge) n += innerHedgeCount[c];
  }
  return n;
}

export const shown = (e) => settings.enabled[e.category];
// A part is shown with its finding; hedge words inside an attribution
// also need hedged wording switched on.
export const partShown = (e, i) => settings.enabled[e.category] && (e.parts[i] !== HEDGE || settings.enabled.hedge);

/** The finding's ranges, one per part (null where the DOM no longer fits); kept while its block is painted. */
export function entryRanges(e) {
  if (!e.r) {
    e.r = [];
    for (let i = 0; i < e.parts.length; i += 3) {
      const r = rangeFor(e.block, e.parts[i + 1], e.parts[i + 2]);
      if (r) rangeEntry.set(r, e);
      e.r.push(r);
    }
  }
  return e.r;
}

/** The range that stands for the finding (its source, cue or first signal). */
export function mainRange(e) {
  if (e.r) return e.r[e.main / 3];
  const r = rangeFor(e.block, e.parts[e.main + 1], e.parts[e.main + 2]);
  if (r) rangeEntry.set(r, e);
  return r;
}

/** The entry a range was made for. */
export const entryOf = (r) => rangeEntry.get(r);

export const mainText = (e) => e.block.text.slice(e.parts[e.main + 1], e.parts[e.main + 2]);

/** Shown findings in reading order: blocks are in reading order, findings by where they start. */
export function orderedEntries() {
  const out = [];
  for (const b of pageBlocks) {
    if (!b.entries.length || !b.nodes[0].isConnected) continue;
    const es = b.entries.filter(shown);
    es.sort((a, c) => a.parts[a.main + 1] - c.parts[c.main + 1]);
    for (const e of es) out.push(e);
  }
  return out;
}

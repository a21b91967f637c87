// The map between a block's flat text (what the core reads, offsets in
// UTF-16 code units) and the DOM: each block keeps its text nodes and runs
// of (offset in the block, node, offset in the node, length), so a sentence
// that runs through links and emphasis maps back to one Range.

// Whitespace that is not already a single space.
const COLLAPSIBLE = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g;

/** ASCII whitespace, as HTML collapses it. */
export const isSpace = (c) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

// A block longer than this is read as several, cut after a sentence's end
// (else at a space): one paragraph of megabytes would otherwise be one
// message to the core, and have its findings painted all at once (the
// painter registers and draws a block at a time, near the viewport). News
// paragraphs are far shorter, so the core's view of them is unchanged.
export const BLOCK_MAX_CHARS = 4000;
// Characters of one text node read in one call: a node can be megabytes.
const ADD_MAX_CHARS = 1 << 16;

/**
 * Turns the article's text nodes, in reading order, into blocks: ASCII
 * whitespace collapsed, block text trimmed, and for every block its text
 * nodes and the runs mapping its text back to them, as flat quadruples
 * (offset in the block, index in `nodes`, offset in the node, length).
 * Characters are scanned one by one and text is appended once per node
 * (per stretch of a long one), so nothing is allocated per word.
 */
export function blockBuilder() {
  const blocks = [];
  let cur = null;
  let curNo = -1;
  // The first whitespace after a word, emitted as one space only if
  // another word follows in the same block: its node and offset.
  let pendingNode = null;
  let pendingOffset = 0;
  const addRun = (node, flat, nodeOffset, len) => {
    const nodes = cur.nodes;
    if (nodes[nodes.length - 1] !== node) nodes.push(node);
    const ni = nodes.length - 1;
    const r = cur.runs;
    const n = r.length;
    if (n && r[n - 3] === ni && r[n - 4] + r[n - 1] === flat && r[n - 2] + r[n - 1] === nodeOffset) r[n - 1] += len;
    else r.push(flat, ni, nodeOffset, len);
  };
  const finish = () => {
    if (cur && cur.text.length > BLOCK_MAX_CHARS) blocks.push(...cut(cur));
    else if (cur && cur.text.length) blocks.push(cur);
    cur = null;
  };
  return {
    /**
     * Reads `node` from `from` on; returns where to go on in a text node
     * too long to read in one call (after ADD_MAX_CHARS), else -1.
     */
    add(node, blockNo, role, from = 0) {
      if (blockNo !== curNo) {
        finish();
        curNo = blockNo;
        cur = { text: '', role: role || 'paragraph', nodes: [], runs: [], entries: [] };
        pendingNode = null;
      }
      const data = node.data;
      const n = data.length;
      let flat = cur.text.length;
      let lead = false;
      let first = -1;
      let last = -1;
      let at = from;
      let rest = -1;
      for (;;) {
        let a = at;
        while (a < n && isSpace(data.charCodeAt(a))) a++;
        if (a > at && flat > 0 && !pendingNode) {
          pendingNode = node;
          pendingOffset = at;
        }
        if (a >= n) break;
        let b = a + 1;
        while (b < n && !isSpace(data.charCodeAt(b))) b++;
        if (pendingNode) {
          addRun(pendingNode, flat, pendingOffset, 1);
          flat++;
          if (first < 0) lead = true;
          pendingNode = null;
        }
        addRun(node, flat, a, b - a);
        flat += b - a;
        if (first < 0) first = a;
        last = b;
        at = b;
        if (at - from >= ADD_MAX_CHARS && at < n) {
          rest = at;
          break;
        }
      }
      // Single spaces are the usual case: the pattern then finds nothing
      // and the slice is kept as it is.
      if (first >= 0) cur.text += `${lead ? ' ' : ''}${data.slice(first, last).replace(COLLAPSIBLE, ' ')}`;
      return rest;
    },
    done() {
      finish();
      return blocks;
    },
  };
}

/**
 * A long block as blocks of at most BLOCK_MAX_CHARS, each with its share of
 * the runs (a run across a cut is split) and its own offsets from 0. The
 * space at a cut belongs to neither side, so every piece stays trimmed.
 */
function cut(block) {
  const { text, runs, nodes } = block;
  const out = [];
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const end = text.length - at <= BLOCK_MAX_CHARS ? text.length : cutAt(text, at + BLOCK_MAX_CHARS, at + (BLOCK_MAX_CHARS >> 1));
    const piece = { text: text.slice(at, end), role: block.role, nodes: [], runs: [], entries: [] };
    while (k < runs.length && runs[k] + runs[k + 3] <= at) k += 4;
    for (let j = k; j < runs.length && runs[j] < end; j += 4) {
      const from = Math.max(runs[j], at);
      const to = Math.min(runs[j] + runs[j + 3], end);
      if (to <= from) continue;
      const node = nodes[runs[j + 1]];
      if (piece.nodes[piece.nodes.length - 1] !== node) piece.nodes.push(node);
      piece.runs.push(from - at, piece.nodes.length - 1, runs[j + 2] + from - runs[j], to - from);
    }
    out.push(piece);
    at = end < text.length && text.charCodeAt(end) === 32 ? end + 1 : end;
  }
  return out;
}

/**
 * Where a piece of `text` ending at or before `end` (not before `floor`)
 * ends: at the space after a sentence's end, else at a space, else (one
 * word thousands of characters long) not inside a surrogate pair.
 */
function cutAt(text, end, floor) {
  for (let i = end; i > floor; i--) {
    const c = text.charCodeAt(i - 1);
    if ((c === 46 || c === 33 || c === 63) && text.charCodeAt(i) === 32) return i;
  }
  for (let i = end; i > floor; i--) if (text.charCodeAt(i) === 32) return i;
  const c = text.charCodeAt(end - 1);
  return c >= 0xd800 && c <= 0xdbff ? end - 1 : end;
}

/** Flat offset in a block → a DOM point [node, offset]. `end` prefers the run ending there. */
export function pointAt(block, offset, end) {
  const runs = block.runs;
  let lo = 0;
  let hi = runs.length / 4 - 1;
  let k = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const from = runs[4 * mid];
    if (end ? from < offset : from <= offset) {
      k = 4 * mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const within = Math.max(0, Math.min(offset - runs[k], runs[k + 3]));
  return [block.nodes[runs[k + 1]], runs[k + 2] + within];
}

/** [start, end) of a block's text as a Range; null when empty or when the DOM no longer fits. */
export function rangeFor(block, start, end) {
  if (!block || end <= start) return null;
  const [sn, so] = pointAt(block, start, false);
  const [en, eo] = pointAt(block, end, true);
  try {
    const r = document.createRange();
    r.setStart(sn, Math.min(so, sn.length));
    r.setEnd(en, Math.min(eo, en.length));
    return r.collapsed ? null : r;
  } catch {
    return null;
  }
}

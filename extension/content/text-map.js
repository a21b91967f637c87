// The map between a block's flat text (what the core reads, offsets in
// UTF-16 code units) and the DOM: each block keeps its text nodes and runs
// of (offset in the block, node, offset in the node, length), so a sentence
// that runs through links and emphasis maps back to one Range.

// Whitespace that is not already a single space.
const COLLAPSIBLE = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g;

const isSpace = (c) => c === 32 || c === 10 || c === 9 || c === 13 || c === 12;

/**
 * Turns the article's text nodes, in reading order, into blocks: ASCII
 * whitespace collapsed, block text trimmed, and for every block its text
 * nodes and the runs mapping its text back to them, as flat quadruples
 * (offset in the block, index in `nodes`, offset in the node, length).
 * Characters are scanned one by one and text is appended once per node,
 * so nothing is allocated per word.
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
    if (cur && cur.text.length) blocks.push(cur);
    cur = null;
  };
  return {
    add(node, blockNo, role) {
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
      let at = 0;
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
      }
      // Single spaces are the usual case: the pattern then finds nothing
      // and the slice is kept as it is.
      if (first >= 0) cur.text += `${lead ? ' ' : ''}${data.slice(first, last).replace(COLLAPSIBLE, ' ')}`;
    },
    done() {
      finish();
      return blocks;
    },
  };
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

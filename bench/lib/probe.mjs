// Runs in the page's main world before the toggle. Every animation frame it
// counts the ranges in CSS.highlights (the content script's highlights are
// visible there) and notes when the count first and last changed; a 5 ms heartbeat
// notes the longest gap between its beats since the last click marked: the
// main thread was blocked for that long (Firefox has no other way to see it,
// and Chromium's Long Tasks API misses content-script work).
export const PROBE = `(() => {
  const b = (window.__whosaysBench = { click: 0, first: 0, last: 0, ranges: 0, maxGap: 0 });
  const count = () => {
    let n = 0;
    for (const h of CSS.highlights.values()) n += h.size;
    return n;
  };
  const frame = () => {
    const n = count();
    if (n !== b.ranges) {
      const now = performance.now();
      if (!b.ranges) b.first = now;
      b.ranges = n;
      b.last = now;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let beat = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (b.click && now - beat > b.maxGap) b.maxGap = now - beat;
    beat = now;
  }, 5);
})()`;

/** Read by the harness: ms from the toggle to the first and last change. */
export const READ = `(() => {
  const b = window.__whosaysBench;
  return { ranges: b.ranges, first: b.first && b.first - b.click, last: b.last && b.last - b.click,
           idle: performance.now() - (b.last || b.click), maxGap: b.maxGap };
})()`;

export const MARK_CLICK = `(() => { window.__whosaysBench.click = performance.now(); })()`;

/** Before the click that toggles off: the gaps are counted anew, and the page time returned. */
export const MARK_OFF = `(() => { const b = window.__whosaysBench; b.maxGap = 0; b.off = performance.now(); return b.off; })()`;

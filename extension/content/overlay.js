// Boxes in our shadow root that stand in for the ::highlight rules (no
// Highlight API, or too much of the page to restyle): Range.getClientRects()
// of the painted findings from half a screen above to one and a half below,
// drawn in the page's coordinates, so that scrolling the page only moves
// the layer that holds them (one style change a frame) until the screen
// nears the edge of that stretch.
import { NAMES, partShown } from './entries.js';

// Where boxes are drawn, in our shadow root; null while the UI is away.
let layer = null;
// The scroll position the boxes were drawn at; null when none are.
let drawnAt = null;
// Each painted block's boxes and how many of its findings they are drawn
// for (`next`), and the focus mark's: blocks painted since the last drawing
// get theirs added, the others keep them.
let drawn = new Map();
let focusBoxes = [];

export function attachLayer(el) {
  layer = el;
}

export function detachLayer() {
  layer = null;
  clearBoxes();
}

export const hasLayer = () => !!layer;

export function clearBoxes() {
  layer?.replaceChildren();
  drawnAt = null;
  drawn = new Map();
  focusBoxes = [];
}

/**
 * Boxes for the shown parts of the painted blocks' findings, in their
 * order, and for the focus mark's ranges. `all`: every block's drawn anew
 * (the screen or what is shown changed); otherwise only blocks painted
 * since the last drawing get boxes, and blocks no longer painted lose
 * theirs. Past `until` (performance.now()) no further finding is drawn:
 * false when some are left for another call.
 */
export function drawBoxes(painted, focus, all, until = Infinity) {
  if (!layer) return true;
  if (all || !drawnAt) clearBoxes();
  const vw = innerWidth;
  const vh = innerHeight;
  const x = scrollX;
  const y = scrollY;
  // Boxes added later keep to the stretch of the first drawing, which is
  // what says whether the screen is covered.
  if (!drawnAt) drawnAt = { x, y };
  const from = drawnAt.y - y - vh / 2;
  const to = drawnAt.y - y + 1.5 * vh;
  const boxesOf = (name, r, out) => {
    for (const q of r.getClientRects()) {
      if (q.bottom < from || q.top > to || q.right < 0 || q.left > vw) continue;
      const box = document.createElement('div');
      box.className = `box ${name}`;
      box.style.left = `${q.left + x}px`;
      box.style.top = `${q.top + y}px`;
      box.style.width = `${q.width}px`;
      box.style.height = `${q.height}px`;
      out.push(box);
    }
    return out;
  };
  for (const [b, d] of drawn) {
    if (painted.has(b)) continue;
    for (const box of d.boxes) box.remove();
    drawn.delete(b);
  }
  const added = [];
  let done = true;
  // One finding at least a call, so that the drawing always gets on.
  let progressed = false;
  for (const b of painted) {
    let d = drawn.get(b);
    if (!d) drawn.set(b, (d = { boxes: [], next: 0 }));
    const before = d.boxes.length;
    while (d.next < b.entries.length && (!progressed || performance.now() <= until)) {
      const e = b.entries[d.next++];
      progressed = true;
      if (!e.r) continue;
      for (let i = 0; i < e.parts.length; i += 3) if (e.r[i / 3] && partShown(e, i)) boxesOf(NAMES[e.parts[i]], e.r[i / 3], d.boxes);
    }
    for (let i = before; i < d.boxes.length; i++) added.push(d.boxes[i]);
    if (d.next < b.entries.length) {
      done = false;
      break;
    }
  }
  for (const box of focusBoxes) box.remove();
  focusBoxes = [];
  for (const r of focus) boxesOf('whosays-focus', r, focusBoxes);
  layer.append(...added, ...focusBoxes);
  // Not read again: reading the scroll position now would lay the new boxes out at once.
  place(x, y);
  return done;
}

/** Whether the boxes drawn last cover the screen as the page is scrolled now. */
export const boxesCover = () => !!drawnAt && drawnAt.x === scrollX && Math.abs(scrollY - drawnAt.y) <= innerHeight / 2;

export function moveBoxes() {
  if (layer) place(scrollX, scrollY);
}

function place(x, y) {
  layer.style.transform = `translate(${-x}px, ${-y}px)`;
}

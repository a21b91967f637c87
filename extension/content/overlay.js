// Boxes in our shadow root that stand in for the ::highlight rules (no
// Highlight API, or too much of the page to restyle): Range.getClientRects()
// of the painted findings from a screen above to two below, drawn in the
// page's coordinates, so that scrolling the page only moves the layer that
// holds them (one style change a frame) until the screen leaves that
// stretch.
import { NAMES, partShown } from './entries.js';

// Where boxes are drawn, in our shadow root; null while the UI is away.
let layer = null;
// The scroll position the boxes were drawn at; null when none are.
let drawnAt = null;

export function attachLayer(el) {
  layer = el;
}

export function detachLayer() {
  layer = null;
  drawnAt = null;
}

export const hasLayer = () => !!layer;

export function clearBoxes() {
  layer?.replaceChildren();
  drawnAt = null;
}

/** Boxes for the shown parts of the painted blocks' findings, and for the focus mark's ranges. */
export function drawBoxes(painted, focus) {
  if (!layer) return;
  const vw = innerWidth;
  const vh = innerHeight;
  const x = scrollX;
  const y = scrollY;
  const boxes = [];
  const add = (name, r) => {
    for (const q of r.getClientRects()) {
      if (q.bottom < -vh || q.top > 2 * vh || q.right < 0 || q.left > vw) continue;
      const box = document.createElement('div');
      box.className = `box ${name}`;
      box.style.left = `${q.left + x}px`;
      box.style.top = `${q.top + y}px`;
      box.style.width = `${q.width}px`;
      box.style.height = `${q.height}px`;
      boxes.push(box);
    }
  };
  for (const b of painted) {
    for (const e of b.entries) {
      if (!e.r) continue;
      for (let i = 0; i < e.parts.length; i += 3) if (e.r[i / 3] && partShown(e, i)) add(NAMES[e.parts[i]], e.r[i / 3]);
    }
  }
  for (const r of focus) add('whosays-focus', r);
  layer.replaceChildren(...boxes);
  drawnAt = { x, y };
  moveBoxes();
}

/** Whether the boxes drawn last cover the screen as the page is scrolled now. */
export const boxesCover = () => !!drawnAt && drawnAt.x === scrollX && Math.abs(scrollY - drawnAt.y) <= innerHeight;

export function moveBoxes() {
  if (layer) layer.style.transform = `translate(${-scrollX}px, ${-scrollY}px)`;
}

// Where our UI goes on screen, as plain geometry (boxes with left, top,
// right, bottom; the viewport as width and height), so that it can be
// tested without a browser.

// Distance kept from the viewport's edges and between our boxes.
const GAP = 8;

/**
 * The tooltip, `w` × `h`, for a highlight whose box is `rect`: under it, or
 * above it when there is no room below; and not over the panel's box
 * `panel` (a tooltip opened from the list would hide the list): beside it
 * to the left, or on the highlight's other side, when that fits. A panel
 * box of zero width is a hidden panel.
 */
export function placeTip(rect, w, h, view, panel) {
  const below = rect.bottom + GAP;
  const above = rect.top - h - GAP;
  const fits = (l, t) => l >= GAP && t >= GAP && l + w <= view.width - GAP && t + h <= view.height - GAP;
  let left = Math.max(GAP, Math.min(rect.left, view.width - w - GAP));
  let top = below + h > view.height - GAP && above > GAP ? above : below;
  const p = panel;
  const overPanel = (l, t) => p.width > 0 && l < p.right + GAP && l + w > p.left - GAP && t < p.bottom + GAP && t + h > p.top - GAP;
  if (overPanel(left, top)) {
    const beside = Math.min(left, p.left - GAP - w);
    const other = top === below ? above : below;
    for (const [l, t] of [[beside, top], [left, other], [beside, other]]) {
      if (fits(l, t) && !overPanel(l, t)) {
        left = l;
        top = t;
        break;
      }
    }
  }
  return { left, top: Math.max(GAP, top) };
}

// Where the collapsed panel may go, tried in order: the corners, bottom
// right first (where panel.css puts it), then steps along the side edges
// and along the bottom and top.
const STEP = 24;
function panelSpots(w, h, view) {
  const right = view.width - GAP - w;
  const bottom = view.height - GAP - h;
  const spots = [[right, bottom], [GAP, bottom], [right, GAP], [GAP, GAP]];
  for (let t = bottom - STEP; t > GAP; t -= STEP) spots.push([right, t], [GAP, t]);
  for (let l = right - STEP; l > GAP; l -= STEP) spots.push([l, bottom], [l, GAP]);
  return spots;
}

/**
 * Where the collapsed panel, `w` × `h`, covers none of the highlighted
 * text on screen (`boxes`, viewport boxes): the first free spot, or the one
 * covering the least of it.
 */
export function placePanel(w, h, view, boxes) {
  let best = null;
  for (const [left, top] of panelSpots(w, h, view)) {
    let covered = 0;
    for (const q of boxes) {
      const x = Math.min(left + w, q.right) - Math.max(left, q.left);
      const y = Math.min(top + h, q.bottom) - Math.max(top, q.top);
      if (x > 0 && y > 0) covered += x * y;
    }
    if (!covered) return { left, top };
    if (!best || covered < best.covered) best = { left, top, covered };
  }
  return { left: best.left, top: best.top };
}

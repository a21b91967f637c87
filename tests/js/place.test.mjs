// Where the tooltip goes against the viewport and the panel's box
// (extension/content/place.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placePanel, placeTip } from '../../extension/content/place.js';

const VIEW = { width: 1280, height: 900 };
const box = (left, top, width, height) => ({ left, top, width, height, right: left + width, bottom: top + height });
// The panel at the bottom right, as panel.css puts it, list open.
const PANEL = box(948, 428, 320, 460);
const HIDDEN = box(0, 0, 0, 0);
const W = 300;
const H = 90;
const overlaps = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

const CASES = [
  {
    why: 'room below the highlight: just under it, at its left edge',
    rect: box(100, 100, 80, 20),
    at: { left: 100, top: 128 },
  },
  {
    why: 'no room below: above it',
    rect: box(100, 850, 80, 20),
    at: { left: 100, top: 850 - H - 8 },
  },
  {
    why: 'a highlight near the right edge: the tooltip is pulled in to stay on screen',
    rect: box(1200, 100, 60, 20),
    at: { left: 1280 - W - 8, top: 128 },
  },
  {
    why: 'under the highlight would cover the panel: beside the panel, to its left',
    rect: box(1000, 360, 80, 20),
    panel: PANEL,
    at: { left: 948 - 8 - W, top: 388 },
  },
  {
    why: 'a hidden panel (no box) is not avoided',
    rect: box(1000, 360, 80, 20),
    panel: HIDDEN,
    at: { left: 1280 - W - 8, top: 388 },
  },
  {
    why: 'a tooltip taller than the room above and below stays below, never above the viewport',
    rect: box(100, 40, 80, 20),
    view: { width: 1280, height: 120 },
    at: { left: 100, top: 68 },
  },
  {
    why: 'a panel as wide as a narrow viewport leaves nowhere beside it: on the highlight’s other side',
    rect: box(40, 500, 80, 20),
    view: { width: 420, height: 900 },
    panel: box(8, 560, 404, 300),
    at: { left: 40, top: 500 - H - 8 },
  },
];

for (const c of CASES) {
  test(`placeTip: ${c.why}`, () => {
    const at = placeTip(c.rect, W, H, c.view ?? VIEW, c.panel ?? HIDDEN);
    assert.deepEqual(at, c.at);
    if (c.panel && c.panel.width) assert.ok(!overlaps(box(at.left, at.top, W, H), c.panel), 'the tooltip is clear of the panel');
  });
}

test('placeTip: wherever the highlight is, a tooltip that can go clear of the panel does', () => {
  for (let x = 0; x < VIEW.width; x += 40) {
    for (let y = 0; y < VIEW.height - 20; y += 30) {
      const at = placeTip(box(x, y, 60, 20), W, H, VIEW, PANEL);
      const tip = box(at.left, at.top, W, H);
      assert.ok(tip.left >= 8 && tip.right <= VIEW.width - 8, `on screen across, highlight at ${x},${y}`);
      // Left of the panel there is always room for the tooltip, above or below the highlight.
      assert.ok(!overlaps(tip, PANEL), `highlight at ${x},${y}: tooltip ${JSON.stringify(at)} covers the panel`);
    }
  }
});

// The collapsed panel on a phone-sized viewport.
const PHONE = { width: 390, height: 700 };
const PW = 170;
const PH = 36;
const line = (top) => box(8, top, 374, 22);

const PANEL_CASES = [
  {
    why: 'nothing highlighted on screen: the bottom right corner, where the panel starts',
    boxes: [],
    at: { left: 390 - 8 - PW, top: 700 - 8 - PH },
  },
  {
    why: 'a highlight under the bottom right corner: the bottom left one',
    boxes: [box(300, 660, 60, 22)],
    at: { left: 8, top: 700 - 8 - PH },
  },
  {
    why: 'highlighted lines across the bottom: a corner at the top',
    boxes: [line(640), line(662)],
    at: { left: 390 - 8 - PW, top: 8 },
  },
  {
    why: 'highlighted lines at the top and bottom, a word on the right above them: up the side edges to the first free stretch',
    boxes: [line(8), line(30), line(600), line(630), line(660), box(200, 560, 180, 22)],
    at: { left: 8, top: 700 - 8 - PH - 4 * 24 },
  },
];

for (const c of PANEL_CASES) {
  test(`placePanel: ${c.why}`, () => {
    const at = placePanel(PW, PH, PHONE, c.boxes);
    assert.deepEqual(at, c.at);
    assert.ok(!c.boxes.some((q) => overlaps(box(at.left, at.top, PW, PH), q)), 'covers no highlight');
  });
}

test('placePanel: a screen highlighted everywhere: the spot covering the least of it', () => {
  // Full-width lines top to bottom; at the bottom right a taller highlight
  // (a heading) covers more than a line does.
  const boxes = [];
  for (let top = 0; top < 700; top += 24) boxes.push(box(0, top, 390, 22));
  boxes.push(box(200, 640, 190, 60));
  assert.deepEqual(placePanel(PW, PH, PHONE, boxes), { left: 8, top: 700 - 8 - PH });
});

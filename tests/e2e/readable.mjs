// Readable everywhere: a narrow viewport, a dark page, forced colours. What
// the reader sees is read from screenshots (kept in tests/e2e/artifacts/):
// a screenshot before the click and one after, compared pixel by pixel
// inside each highlight's box, tell what the extension drew there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { aroundPanel, contrast, distance, drawn, inShot, overlaps, shot } from './lib/png.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- run in the page's main world ---

/** Viewport boxes of every registered highlight on screen, by name. */
function highlightBoxes() {
  const out = [];
  for (const [name, h] of CSS.highlights) {
    for (const r of h) {
      for (const q of r.getClientRects()) {
        if (q.width && q.bottom > 0 && q.top < innerHeight) out.push({ name, text: r.toString(), left: q.left, top: q.top, right: q.right, bottom: q.bottom });
      }
    }
  }
  return out;
}

/** The system colours as the page resolves them (forced colours on), [r, g, b, a]. */
function systemColours() {
  const out = {};
  for (const c of ['Canvas', 'CanvasText', 'Mark', 'MarkText', 'Highlight', 'HighlightText', 'LinkText', 'GrayText', 'SelectedItem']) {
    const probe = document.createElement('i');
    probe.style.color = c;
    document.documentElement.append(probe);
    const m = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
    probe.remove();
    out[c] = [m[0], m[1], m[2], m[3] ?? 1];
  }
  return out;
}


/**
 * The tests, defined inside a browser's suite: `get()` gives the driver and
 * the server once the suite's `before` has run; `h` holds the suite's
 * helpers (waitFor, waitPainted, toggleOff) and where artifacts go.
 */
export function readableTests(browser, get, h) {
  const { waitFor, waitPainted, toggleOff, artifacts } = h;
  // The accessibility tree has the panel a moment after it is drawn.
  const panelBox = (d) => waitFor('the panel on screen', async () => (await d.uiBoxes('Who says?')).panel, 3000);

  test('a narrow viewport: the panel starts collapsed and covers no highlight, wherever the page is scrolled', async () => {
    const { d, srv } = get();
    await d.viewport(420, 760);
    try {
      await d.open(`${srv.origin}/fx/seed-article.html`);
      await d.click();
      await waitPainted(d);
      const buttons = await waitFor('the panel', async () => {
        const b = await d.buttons();
        return b.includes('Expand the panel') || b.includes('Collapse the panel') ? b : null;
      }, 3000);
      assert.ok(buttons.includes('Expand the panel') && !buttons.includes('Collapse the panel'), `the panel starts collapsed: ${JSON.stringify(buttons)}`);
      const covered = [];
      let seen = 0;
      for (const at of [0, 0.2, 0.4, 0.6, 0.8, 1]) {
        await d.eval((f) => scrollTo(0, f * (document.documentElement.scrollHeight - innerHeight)), at);
        await sleep(500);
        const panel = await panelBox(d);
        const boxes = await d.eval(highlightBoxes);
        seen += boxes.length;
        for (const q of boxes) if (overlaps(q, panel)) covered.push({ scrolled: at, highlight: q.text.slice(0, 40), panel });
        if (at === 0.4) await d.screenshot(path.join(artifacts, `narrow-${browser}.png`));
      }
      assert.ok(seen > 20, `highlights were on screen to keep clear of (${seen})`);
      assert.deepEqual(covered, [], 'the collapsed panel covers no highlight');
      await toggleOff(d);
    } finally {
      await d.viewport(1280, 900);
    }
  });

  test('a dark page: the cue underlines keep 3:1 against its background', async () => {
    const { d, srv } = get();
    await d.open(`${srv.origin}/e2e/dark.html`);
    const before = await shot(d, path.join(artifacts, `dark-before-${browser}.png`));
    const background = before.at(4, 4);
    await d.click();
    await waitPainted(d);
    await sleep(300);
    const after = await shot(d, path.join(artifacts, `dark-${browser}.png`));
    const panel = await panelBox(d);
    const cues = (await d.eval(highlightBoxes)).filter((q) => /^whosays-cue/.test(q.name) && !overlaps(q, aroundPanel(panel)) && inShot(q, after));
    assert.deepEqual([...new Set(cues.map((q) => q.name))].sort(), ['whosays-cue', 'whosays-cue-loaded'], 'plain and loaded cues on screen');
    const weak = [];
    for (const q of cues) {
      const { changed, width, colour } = drawn(before, after, q);
      const ratio = colour ? contrast(colour, background) : 0;
      if (changed < width || ratio < 3) weak.push({ cue: q.text, name: q.name, changed, width, colour, ratio: ratio.toFixed(2) });
    }
    assert.deepEqual(weak, [], `cue lines against ${JSON.stringify(background)}`);
    await toggleOff(d);
  });

  // The seed page is painted with ::highlight rules; the 1 MB page, too big
  // to restyle at once, with boxes in the extension's shadow root.
  for (const [label, route] of [['::highlight rules, the seed page', '/fx/seed-article.html'], ['boxes, a 1 MB page', '/big1.html']]) {
    test(`forced colours: every highlight on screen shows in system colours (${label})`, async () => {
      const { d, srv } = get();
      await d.forcedColors(true);
      try {
        await d.open(`${srv.origin}${route}`);
        // The seed page's article from its first paragraph, where every kind of finding is.
        await d.eval(() => document.querySelector('.byline')?.scrollIntoView());
        const system = await d.eval(systemColours);
        assert.ok(await d.eval(() => matchMedia('(forced-colors: active)').matches), 'forced colours are on');
        const file = `forced-${route.includes('big') ? 'boxes' : 'rules'}-${browser}`;
        const before = await shot(d, path.join(artifacts, `${file}-before.png`));
        await d.click();
        await waitPainted(d);
        await sleep(500);
        const after = await shot(d, path.join(artifacts, `${file}.png`));
        const panel = await panelBox(d);
        // A system colour over the page's background (Canvas), as painted,
        // or over another (a signal inside its sentence).
        const over = ([r, g, b, a], [br, bg, bb]) => [r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)];
        const once = Object.values(system).map((c) => over(c, system.Canvas));
        const painted = [...once, ...Object.values(system).flatMap((c) => once.map((under) => over(c, under)))];
        const boxes = (await d.eval(highlightBoxes)).filter((q) => !overlaps(q, aroundPanel(panel)) && inShot(q, after));
        const names = new Set();
        const unseen = [];
        for (const q of boxes) {
          names.add(q.name);
          const { changed, width, colour } = drawn(before, after, q);
          const systemColour = colour && painted.some((c) => distance(c, colour) <= 12);
          if (changed < 0.4 * width || !systemColour) unseen.push({ name: q.name, text: q.text.slice(0, 30), changed, width, colour });
        }
        assert.ok(names.size >= 3, `several kinds of highlight on screen: ${[...names]}`);
        assert.deepEqual(unseen, [], 'highlights not drawn in a system colour');
        await toggleOff(d);
      } finally {
        await d.forcedColors(false);
      }
    });
  }
}

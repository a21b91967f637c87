// Explaining a finding: the tooltip (on hover, or pinned when opened from
// the keyboard or the list), what is under the pointer, and stepping from
// finding to finding with a mark, a scroll and an announcement.
import { catVars, el, quote } from './dom.js';
import { SENTENCE, entryOf, mainRange, orderedEntries, partShown, shown } from './entries.js';
import { clearFocusMark, painted, queueWindow, registered, showFocus } from './painter.js';
import { announce } from './panel.js';
import { placeTip } from './place.js';
import { shadowRoots } from './reader.js';
import { t, tKind } from './runtime.js';
import { CATEGORY_LABEL, session } from './state.js';

const SOURCE_CATEGORIES = new Set(['named', 'anonymous', 'vague', 'pronoun']);

// The tooltip's element and the panel it keeps clear of (panel.js makes
// them); null while off.
let tip = null;
let panel = null;
let host = null;
// What the tooltip shows: the finding, the range it is placed by, and
// whether it was opened from the keyboard or the list (then it stays).
let tipEntry = null;
let tipRange = null;
let tipPinned = false;
let hideTimer = 0;
let pointer = null;
let moveQueued = false;
// The finding stepped to or opened from the list, and its place in the list.
let focused = null;
let focusIndex = -1;
let flashTimer = 0;

/** Takes over the tooltip's element; `host` is our UI's host, over which the pointer keeps the tooltip. */
export function attachTooltip(elements) {
  ({ tip, panel, host } = elements);
  tip.addEventListener('pointerenter', (ev) => ev.isTrusted && clearTimeout(hideTimer));
  tip.addEventListener('pointerleave', (ev) => ev.isTrusted && scheduleHide());
}

/** Toggled off: the timers stop and nothing is kept. */
export function detachTooltip() {
  clearTimeout(hideTimer);
  clearTimeout(flashTimer);
  tipEntry = null;
  tipRange = null;
  pointer = null;
  tip = null;
  panel = null;
  host = null;
}

/** The findings are read anew: no finding is stepped to. */
export function resetFocus() {
  focused = null;
  focusIndex = -1;
}

/** An entry that went away (live pages) takes its tooltip and its mark with it. */
export function forgetEntry(e) {
  if (tipEntry === e) hideTip();
  if (focused === e) clearFocus();
}

/** After a category switch (`on`: switched on): nothing stays open for a finding no longer shown. */
export function dropHidden(on) {
  if (tipEntry && !shown(tipEntry)) hideTip();
  if (!on && focused && !shown(focused)) clearFocus();
}

/** The tooltip's headline without the category the chip already names. */
function headlineOf(e) {
  const label = t(CATEGORY_LABEL[e.category]).toLowerCase();
  const h = String(e.f.headline || '');
  const lower = h.toLowerCase();
  if (lower === label) return '';
  if (lower.startsWith(`${label}:`)) return h.slice(label.length + 1).trim();
  return h;
}

function tipContent(e) {
  const f = e.f;
  const head = el('p', { class: 'head' }, el('span', { class: 'chip', style: catVars(e.category), text: t(CATEGORY_LABEL[e.category]) }), headlineOf(e));
  const why = el('p', { class: 'why', text: f.explanation || '' });
  const dl = el('dl');
  if (f.source && SOURCE_CATEGORIES.has(e.category)) {
    const kind = el('span', { class: 'tag', text: tKind('kind', f.source.kind) });
    const dd = el('dd', {}, `${quote(f.source.text)} `, kind);
    if (f.source.resolved) dd.append(` ${t('labelResolved', [String(f.source.resolved)])}`);
    dl.append(el('dt', { text: t('labelSource') }), dd);
  }
  if (f.cue) {
    const dd = el('dd', {}, `${quote(f.cue.text)} `);
    if (f.cue.class === 'thought') dd.append(el('span', { class: 'tag', text: t('labelThought') }), ' ');
    if (f.cue.loaded) dd.append(el('span', { class: 'tag loaded', text: t('labelLoaded') }));
    dl.append(el('dt', { text: t('labelCue') }), dd);
  }
  if (Array.isArray(f.signals) && f.signals.length) {
    const dd = el('dd', {});
    f.signals.forEach((s, i) => {
      if (i) dd.append(', ');
      dd.append(`${quote(s.text)} (${tKind('signal', s.kind)})`);
    });
    dl.append(el('dt', { text: t('labelSignals') }), dd);
  }
  return [head, why, dl];
}

function spokenText(e) {
  const f = e.f;
  const parts = [t(CATEGORY_LABEL[e.category]), headlineOf(e), f.explanation];
  const cueTags = [f.cue?.class === 'thought' && t('labelThought'), f.cue?.loaded && t('labelLoaded')].filter(Boolean);
  if (cueTags.length) parts.push(`${t('labelCue')}: ${f.cue.text}, ${cueTags.join(', ')}`);
  return parts.filter(Boolean).join('. ');
}

function showTip(e, range, rect, pinned) {
  clearTimeout(hideTimer);
  if (tipEntry !== e) {
    tip.replaceChildren(...tipContent(e));
    tip.style.setProperty('--line', `var(--whosays-${e.category}-line)`);
    tipEntry = e;
  }
  tipRange = range;
  tipPinned = pinned;
  tip.hidden = false;
  const { left, top } = placeTip(rect, tip.offsetWidth, tip.offsetHeight, { width: innerWidth, height: innerHeight }, panel.getBoundingClientRect());
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

export function hideTip() {
  clearTimeout(hideTimer);
  if (!tip) return;
  tip.hidden = true;
  tipEntry = null;
  tipRange = null;
  tipPinned = false;
}

// WCAG 1.4.13: leave time to move the pointer onto the tooltip.
function scheduleHide() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (!tipPinned) hideTip();
  }, 400);
}

/** Which painted finding is under the point; a signal or source wins over the sentence around it. */
function hitTest(x, y) {
  let fallback = null;
  const consider = (r) => {
    const e = entryOf(r);
    if (!e || !e.r || !shown(e)) return null;
    const k = e.r.indexOf(r);
    if (k < 0 || !partShown(e, 3 * k) || !pointIn(r, x, y)) return null;
    if (e.parts[3 * k] !== SENTENCE) return { entry: e, range: r };
    fallback = fallback || { entry: e, range: r };
    return null;
  };
  if (registered() && typeof CSS.highlights.highlightsFromPoint === 'function') {
    let hits = [];
    try {
      hits = CSS.highlights.highlightsFromPoint(x, y, { shadowRoots: [...shadowRoots] });
    } catch {
      hits = [];
    }
    for (const hit of hits) {
      const ranges = hit.ranges || (hit instanceof Highlight ? [...hit] : []);
      for (const r of ranges) {
        const found = consider(r);
        if (found) return found;
      }
    }
    return fallback;
  }
  let node = null;
  let offset = 0;
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y, { shadowRoots: [...shadowRoots] });
    node = p?.offsetNode;
    offset = p?.offset ?? 0;
  } else if (typeof document.caretRangeFromPoint === 'function') {
    const r = document.caretRangeFromPoint(x, y);
    node = r?.startContainer;
    offset = r?.startOffset ?? 0;
  }
  if (!node || node.nodeType !== Node.TEXT_NODE) return null;
  for (const b of painted) {
    if (!b.nodes.includes(node)) continue;
    for (const e of b.entries) {
      for (const r of e.r || []) {
        if (!r) continue;
        const near = r.isPointInRange(node, offset) || (offset > 0 && r.isPointInRange(node, offset - 1));
        if (!near) continue;
        const found = consider(r);
        if (found) return found;
      }
    }
  }
  return fallback;
}

function pointIn(range, x, y) {
  for (const q of range.getClientRects()) {
    if (x >= q.left - 1 && x <= q.right + 1 && y >= q.top - 1 && y <= q.bottom + 1) return q;
  }
  return null;
}

// Pointer and key handlers take only the reader's own input: a page can
// dispatch events of its making (isTrusted false) to open, hide or move
// the tooltip.
export function onPointerMove(ev) {
  if (!ev.isTrusted) return;
  pointer = { x: ev.clientX, y: ev.clientY, overUi: ev.target === host };
  if (moveQueued) return;
  moveQueued = true;
  requestAnimationFrame(checkHover);
}

function checkHover() {
  moveQueued = false;
  if (!session.on || !pointer || !tip) return;
  const { x, y, overUi } = pointer;
  if (overUi) {
    clearTimeout(hideTimer);
    return;
  }
  const hit = hitTest(x, y);
  if (hit) {
    if (tipEntry !== hit.entry || tipPinned) showTip(hit.entry, hit.range, pointIn(hit.range, x, y) || hit.range.getBoundingClientRect(), false);
    else clearTimeout(hideTimer);
  } else if (tipEntry && !tipPinned) {
    scheduleHide();
  }
}

// A tooltip opened from the keyboard or the list stays until the reader
// moves on: another highlight, Escape, or a click elsewhere.
export function onPointerDown(ev) {
  if (!ev.isTrusted) return;
  if (ev.target !== host && tipPinned) {
    hideTip();
    clearFocus();
  }
}

export function onKeyDown(ev) {
  if (!ev.isTrusted || ev.key !== 'Escape') return;
  if (tip && !tip.hidden) {
    hideTip();
    clearFocus();
    ev.stopPropagation();
  }
}

export function followScroll() {
  if (tipEntry && tipPinned && tipRange && tip) {
    const r = tipRange.getBoundingClientRect();
    if (r.bottom < 0 || r.top > innerHeight) hideTip();
    else showTip(tipEntry, tipRange, r, true);
  } else if (pointer && !moveQueued) {
    moveQueued = true;
    requestAnimationFrame(checkHover);
  }
}

// Keyboard stepping and the list: one finding marked, scrolled to and explained.

function clearFocus() {
  clearTimeout(flashTimer);
  focused = null;
  clearFocusMark();
  queueWindow(true);
}

export function focusEntry(e, flash) {
  const r = mainRange(e);
  if (!r) return;
  const list = orderedEntries();
  focusIndex = list.indexOf(e);
  focused = e;
  const target = r.startContainer.parentElement;
  if (target) target.scrollIntoView({ block: 'center', inline: 'nearest' });
  showFocus(r);
  clearTimeout(flashTimer);
  if (flash) flashTimer = setTimeout(clearFocus, 1600);
  queueWindow(true);
  requestAnimationFrame(() => {
    if (!session.on) return;
    showTip(e, r, r.getBoundingClientRect(), true);
  });
  announce(t('announceStep', [String(focusIndex + 1), String(list.length), spokenText(e)]));
}

export function step(direction) {
  const list = orderedEntries();
  if (!list.length) return;
  const cur = tipEntry && tipPinned ? list.indexOf(tipEntry) : focusIndex;
  const next = cur < 0 ? (direction > 0 ? 0 : list.length - 1) : (cur + direction + list.length) % list.length;
  focusEntry(list[next], false);
}

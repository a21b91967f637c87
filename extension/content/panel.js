// Our UI in the page: one host element outside <body> with a closed shadow
// root holding the panel (legend and counts, category switches, the list of
// findings), the tooltip's element, the live region and the overlay layer;
// and what the badge says. Actions that reach the rest (turning off,
// switching a category, opening a finding) are callbacks from main.js.
import { catVars, el, quote } from './dom.js';
import { counts, mainText, orderedEntries } from './entries.js';
import { byWindow, shownBoxesOnScreen } from './painter.js';
import { placePanel } from './place.js';
import { send, t } from './runtime.js';
import { CATEGORIES, CATEGORY_LABEL, saveCollapsed, settings } from './state.js';
import PANEL_CSS from './panel.css';

const LIST_LIMIT = 300;
// Below this viewport width (phones, narrow windows) the open panel would
// cover much of the article: it starts collapsed.
const NARROW_VIEWPORT_PX = 700;

let host = null;
let ui = null;
let listOpen = false;
let summaryAt = 0;
let clearQueued = false;
// From main.js: open a finding from the list.
let pick = null;
// The page's language ({code, name}) when it is not English and so not read.
let language = null;

/** The host of our shadow root, which reading and watching the page skip; null while off. */
export const uiHost = () => host;

/**
 * Builds the UI and puts it in the page. `onClose` turns everything off,
 * `onCategory(c, on)` switches a category, `onPick(entry)` opens a finding.
 * Returns the elements other parts draw in: the tooltip, the panel (which
 * the tooltip keeps clear of) and the overlay layer.
 */
export function buildUi(paletteCss, { onClose, onCategory, onPick }) {
  pick = onPick;
  host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  // The palette's variables on our host too: the UI must not depend on the
  // page-level sheet, which huge pages do without.
  sheet.replaceSync(paletteCss.replace(/:root\b/g, ':host') + PANEL_CSS);
  shadow.adoptedStyleSheets = [sheet];

  const live = el('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const tip = el('div', { class: 'tip', role: 'tooltip', id: 'whosays-tip' });
  tip.hidden = true;

  const total = el('span', { class: 'total' });
  const collapse = el('button', {
    class: 'icon',
    type: 'button',
    onclick: () => setCollapsed(!settings.collapsed),
  });
  const close = el('button', {
    class: 'icon',
    type: 'button',
    'aria-label': t('panelOff'),
    title: t('panelOff'),
    text: '×',
    onclick: () => onClose(),
  });
  const bar = el('div', { class: 'bar' }, el('span', { class: 'title', text: `${t('panelTitle')} ` }, total), collapse, close);

  const cats = el('ul', { class: 'cats' });
  const countOf = {};
  const boxes = {};
  for (const c of CATEGORIES) {
    countOf[c] = el('span', { class: 'count', text: '0' });
    boxes[c] = el('input', { type: 'checkbox', 'aria-label': t('panelCategoryToggle', [t(CATEGORY_LABEL[c])]) });
    boxes[c].checked = settings.enabled[c];
    boxes[c].addEventListener('change', (ev) => ev.isTrusted && onCategory(c, boxes[c].checked));
    cats.append(
      el(
        'li',
        {},
        el('label', {}, boxes[c], el('span', { class: 'swatch', style: catVars(c) }), el('span', { text: t(CATEGORY_LABEL[c]) }), countOf[c]),
      ),
    );
  }
  const legendCue = el(
    'p',
    { class: 'legend-cue' },
    el('span', { text: t('labelCue') }),
    el('span', { class: 'thought', title: t('labelThoughtHelp'), text: t('labelThought') }),
    el('span', { class: 'loaded', text: t('labelLoaded') }),
  );
  // The article's sourcing in one line (the core's profile), each figure
  // defined on hover; hidden until the page is read.
  const profile = el('p', { class: 'profile', role: 'note' });
  profile.hidden = true;
  const status = el('p', { class: 'status', id: 'whosays-status', text: t('panelReading') });
  const listToggle = el('button', { type: 'button', 'aria-expanded': 'false', text: t('panelShowList'), onclick: () => setListOpen(!listOpen) });
  const actions = el('div', { class: 'actions' }, listToggle);
  if (/^https?:$/.test(location.protocol)) {
    actions.append(el('button', { type: 'button', text: t('panelAlways'), onclick: () => send({ type: 'always', origin: location.origin }).catch(() => {}) }));
  }
  const list = el('ul', { class: 'list' });
  list.hidden = true;
  const keys = el('p', { class: 'keys', text: t('panelKeys', ['Alt+Shift+N', 'Alt+Shift+P']) });
  const body = el('div', { class: 'body' }, status, cats, legendCue, profile, actions, list, keys);
  // The status line describes the panel: what is being read, that nothing
  // was found, or the language of a page not in English.
  const panel = el('section', { class: 'panel', 'aria-label': t('panelTitle'), 'aria-describedby': 'whosays-status' }, bar, body);
  const overlay = el('div', { class: 'overlay' });

  shadow.append(overlay, panel, tip, live);
  ui = { live, panel, total, collapse, counts: countOf, status, profile, list, listToggle };
  setCollapsed(settings.collapsed || innerWidth < NARROW_VIEWPORT_PX, true);
  // Outside <body>, so the page's own tree stays as the page built it, and
  // in the top layer (a popover), so that adding and removing it does not
  // make Chromium walk and repaint the whole page (the 5 MB bench page:
  // 26-43 ms a time in a fixed box, 13-18 ms in the top layer).
  host.setAttribute('popover', 'manual');
  document.documentElement.append(host);
  try {
    host.showPopover();
  } catch {
    // No popovers (older browsers): a fixed box over the page does too.
  }
  return { tip, panel, overlay };
}

/** Takes the UI out of the page. */
export function removeUi() {
  listOpen = false;
  language = null;
  clearQueued = false;
  if (host) host.remove();
  host = null;
  ui = null;
}

function setCollapsed(collapsed, initial) {
  const u = ui;
  u.panel.classList.toggle('collapsed', collapsed);
  u.collapse.textContent = collapsed ? '▴' : '▾';
  u.collapse.setAttribute('aria-label', t(collapsed ? 'panelExpand' : 'panelCollapse'));
  u.collapse.setAttribute('aria-expanded', String(!collapsed));
  u.collapse.title = t(collapsed ? 'panelExpand' : 'panelCollapse');
  if (!initial) saveCollapsed(collapsed);
  // Opened, it goes back to its corner: the reader asked for it.
  if (!collapsed) for (const side of ['left', 'top', 'right', 'bottom']) u.panel.style.removeProperty(side);
  keepClear();
}

/**
 * At the next frame, the collapsed panel moves off the highlights on
 * screen (after painting, scrolling, resizing), so it never covers the
 * words it is about.
 */
export function keepClear() {
  if (!ui || clearQueued) return;
  clearQueued = true;
  requestAnimationFrame(() => {
    clearQueued = false;
    const u = ui;
    if (!u || !u.panel.classList.contains('collapsed')) return;
    const { width, height } = u.panel.getBoundingClientRect();
    const at = placePanel(width, height, { width: innerWidth, height: innerHeight }, shownBoxesOnScreen());
    u.panel.style.setProperty('left', `${at.left}px`);
    u.panel.style.setProperty('top', `${at.top}px`);
    u.panel.style.setProperty('right', 'auto');
    u.panel.style.setProperty('bottom', 'auto');
  });
}

function setListOpen(open) {
  listOpen = open;
  ui.list.hidden = !open;
  ui.listToggle.textContent = t(open ? 'panelHideList' : 'panelShowList');
  ui.listToggle.setAttribute('aria-expanded', String(open));
  if (open) fillList();
}

function fillList() {
  const u = ui;
  const list = orderedEntries();
  const items = list.slice(0, LIST_LIMIT).map((e) => {
    // The words themselves when the headline does not say them.
    const head = String(e.f.headline || '');
    const words = mainText(e);
    const text = head.toLowerCase().includes(words.toLowerCase()) ? head : `${head || t(CATEGORY_LABEL[e.category])}: ${quote(words.length > 80 ? `${words.slice(0, 77)}…` : words)}`;
    return el('li', {}, el('button', { type: 'button', onclick: () => pick(e) }, el('span', { class: 'dot', style: catVars(e.category) }), el('span', { text })));
  });
  if (list.length > LIST_LIMIT) items.push(el('li', { class: 'keys', text: t('panelMore', [String(list.length - LIST_LIMIT)]) }));
  u.list.replaceChildren(...items);
}

/** What the badge, the panel and the announcement say: shown categories are counted, switched-off ones listed apart. */
function summary() {
  const n = counts;
  const on = CATEGORIES.filter((c) => settings.enabled[c]);
  const off = CATEGORIES.filter((c) => !settings.enabled[c] && n[c]);
  const total = on.reduce((a, c) => a + n[c], 0);
  const list = (cs) => cs.map((c) => `${t(CATEGORY_LABEL[c])}: ${n[c]}`).join(', ');
  let detail = list(on.filter((c) => n[c]));
  if (off.length) detail = `${detail ? `${detail}. ` : ''}${t('summaryHidden', [list(off)])}`;
  return { total, detail };
}

/** The page is not in English: the panel and the badge name its language instead of counting. */
export function setLanguage(l) {
  language = l;
}

export function updateSummary(final, force) {
  if (!ui) return;
  if (language) {
    const note = t('pageLanguage', [language.name]);
    ui.total.textContent = `· ${language.name}`;
    ui.status.hidden = false;
    ui.status.textContent = note;
    if (final) announce(note);
    send({ type: 'badge', count: null, text: language.code.toUpperCase(), title: `${t('extName')}: ${note}` }).catch(() => {});
    return;
  }
  // While a big page is being scanned, refresh counts a few times a second.
  const now = performance.now();
  if (!final && !force && now - summaryAt < 250) return;
  summaryAt = now;
  const { total, detail } = summary();
  // On a page painted by window, any change to the document makes Chromium
  // lay out and repaint all of it (15-40 ms a frame on the 5 MB bench page):
  // while such a page is read, only the badge counts.
  if (final || force || !byWindow()) {
    for (const c of CATEGORIES) ui.counts[c].textContent = String(counts[c]);
    ui.total.textContent = `· ${total}`;
    if (listOpen) fillList();
  }
  if (final) {
    ui.status.textContent = total ? '' : t('panelNone');
    ui.status.hidden = !!total;
    announce(t('announceDone', [String(total), detail]));
  }
  send({ type: 'badge', count: total, title: `${t('extName')}: ${detail || t('panelNone')}` }).catch(() => {});
  keepClear();
}

/**
 * The profile line under the legend, e.g. "62 % of claims attributed ·
 * 3 anonymous · 9.1 unsourced per 1,000 words", from the core's profile
 * (the numbers of `whosays profile`); each part's definition is its title.
 */
export function showProfile(p) {
  if (!ui || !p) return;
  const share = p.attributed_share === null ? t('profileNoClaims') : t('profileShare', [String(Math.round(p.attributed_share * 100))]);
  const rate = p.unsourced_per_1000_words === null ? '0' : p.unsourced_per_1000_words.toFixed(1);
  const parts = [
    [share, t('profileShareHelp', [String(p.attributed_sentences), String(p.claim_sentences)])],
    [t('profileAnonymous', [String(p.attributions_anonymous)]), t('profileAnonymousHelp')],
    [t('profileUnsourced', [rate]), t('profileUnsourcedHelp', [String(p.unsourced), String(p.words)])],
  ];
  const spans = [];
  for (const [text, help] of parts) {
    if (spans.length) spans.push(' · ');
    spans.push(el('span', { title: help, text }));
  }
  ui.profile.replaceChildren(...spans);
  ui.profile.setAttribute('aria-label', parts.map(([text]) => text).join(' · '));
  ui.profile.title = parts.map(([, help]) => help).join('\n');
  ui.profile.hidden = false;
}

/** The panel's status line says why the page could not be read. */
export function showFailure(text) {
  if (!ui) return;
  ui.status.hidden = false;
  ui.status.textContent = text;
}

export function announce(text) {
  if (!ui) return;
  // Clear first so the same message twice is still spoken.
  ui.live.textContent = '';
  setTimeout(() => {
    if (ui) ui.live.textContent = text;
  }, 50);
}

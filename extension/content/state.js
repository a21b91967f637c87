// What outlives one reading of the page: the categories and the reader's
// switches (kept in storage.sync), and the session — whether the extension
// is on, which reading run is current, how far it got. Only main.js writes
// the session; the others compare their run with it to stop stale work.
import { api } from './runtime.js';

export const CATEGORIES = ['named', 'anonymous', 'vague', 'pronoun', 'unsourced', 'hedge'];
export const CATEGORY_LABEL = {
  named: 'categoryNamed',
  anonymous: 'categoryAnonymous',
  vague: 'categoryVague',
  pronoun: 'categoryPronoun',
  unsourced: 'categoryUnsourced',
  hedge: 'categoryHedge',
};
export const zeroes = () => Object.fromEntries(CATEGORIES.map((c) => [c, 0]));

// Hedged wording ("might", "some", "widely") is frequent and mild: it is
// painted only once the reader switches it on.
const DEFAULT_ENABLED = { named: true, anonymous: true, vague: true, pronoun: true, unsourced: true, hedge: false };

export const settings = { enabled: { ...DEFAULT_ENABLED }, collapsed: false };

export const session = { on: false, run: 0, status: 'idle' };

export async function loadSettings() {
  try {
    const got = await api().storage.sync.get({ categories: null, collapsed: false });
    if (got.categories) for (const c of CATEGORIES) if (typeof got.categories[c] === 'boolean') settings.enabled[c] = got.categories[c];
    settings.collapsed = !!got.collapsed;
  } catch {
    // Sync storage unavailable (e.g. disabled by policy): defaults apply.
  }
}

export function saveCategory(c, on) {
  settings.enabled[c] = on;
  api().storage.sync.set({ categories: { ...settings.enabled } }).catch(() => {});
}

export function saveCollapsed(collapsed) {
  settings.collapsed = collapsed;
  api().storage.sync.set({ collapsed }).catch(() => {});
}

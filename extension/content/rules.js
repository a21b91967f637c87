// The reading rules (src/reader/rules.json, which the CLI's HTML reader
// follows too), compiled once for the DOM, and the tests they make of each
// element: skipped, visible, its role, teaser-like names.

export function compileRules(raw) {
  const lower = (xs) => new Set((xs || []).map((x) => String(x).toLowerCase()));
  const roleTags = new Map(Object.entries(raw.role_tags || {}));
  const roleAttr = new Map();
  for (const [role, values] of Object.entries(raw.role_attributes || {})) {
    for (const v of values) roleAttr.set(String(v).toLowerCase(), role);
  }
  const rolePatterns = Object.entries(raw.role_patterns || {}).map(([role, p]) => [role, new RegExp(p, 'i')]);
  const skipAttributes = Object.entries(raw.skip_attributes || {}).map(([name, values]) => [name, lower(values)]);
  const skipTags = lower(raw.skip_tags);
  const skipRoles = lower(raw.skip_roles);
  const table = raw.data_table || {};
  const skipSelector = [
    ...skipTags,
    ...[...skipRoles].map((r) => `[role="${r}" i]`),
    ...skipAttributes.map(([name, values]) =>
      values.size ? [...values].map((v) => `[${name}="${v}" i]`).join(',') : `[${name}]`,
    ),
  ].join(',');
  return {
    skipTags,
    skipRoles,
    skipAttributes,
    skipSelector,
    blockTags: lower(raw.block_tags),
    roleTags,
    roleAttr,
    rolePatterns,
    stickyRoles: new Set(raw.sticky_roles || []),
    dataTable: {
      layoutRoles: lower(table.layout_roles),
      dataAttributes: table.data_attributes || [],
      dataTags: lower(table.data_descendants),
      minRows: table.min_rows || Infinity,
      minColumns: table.min_columns || Infinity,
      minCells: table.min_cells || Infinity,
    },
    unlikely: new RegExp(raw.unlikely_pattern, 'i'),
    maybe: new RegExp(raw.maybe_pattern, 'i'),
    articleSelectors: raw.article_selectors || [],
    minArticleChars: raw.min_article_chars || 0,
  };
}

export function isSkipped(el, tag, R) {
  if (R.skipTags.has(tag)) return true;
  const role = el.getAttribute('role');
  if (role && R.skipRoles.has(role.toLowerCase())) return true;
  for (const [name, values] of R.skipAttributes) {
    const v = el.getAttribute(name);
    if (v === null) continue;
    if (values.size === 0 || values.has(v.toLowerCase())) return true;
  }
  return false;
}

const VISIBILITY = { visibilityProperty: true };

export function isVisible(el) {
  if (typeof el.checkVisibility !== 'function') return true;
  if (el.checkVisibility(VISIBILITY)) return true;
  // display: contents has no box of its own, but its children render.
  return getComputedStyle(el).display === 'contents';
}

// Class and id are tested one by one rather than joined: no string is
// built per element.
export const namesMatch = (re, cls, id) => (!!cls && re.test(cls)) || (!!id && re.test(id));

// The role an element gives the blocks inside it: none inside a sticky role
// (a list in a table cell is still data), then its tag, a data table, its
// ARIA role, its class or id, as the CLI's reader does.
export function roleOf(el, tag, R, inherited, cls, id) {
  if (R.stickyRoles.has(inherited)) return inherited;
  const byTag = R.roleTags.get(tag);
  if (byTag) return byTag;
  if (tag === 'table' && isDataTable(el, R.dataTable)) return 'data';
  const aria = el.getAttribute('role');
  if (aria && R.roleAttr.has(aria.toLowerCase())) return R.roleAttr.get(aria.toLowerCase());
  if (cls || id) {
    for (const [role, re] of R.rolePatterns) if (namesMatch(re, cls, id)) return role;
  }
  return inherited;
}

/**
 * Whether a table holds data (an infobox, a table of figures) rather than
 * laying out the page: the rules' data_table, Readability's test, looking
 * only at the table's own part (not inside tables nested in it), as the
 * CLI's reader does: a layout table around a data table is layout, and
 * each element is looked at for one table only.
 */
function isDataTable(table, T) {
  const role = table.getAttribute('role');
  if (role && T.layoutRoles.has(role.trim().toLowerCase())) return false;
  for (const a of T.dataAttributes) if (table.getAttribute(a)) return true;
  let data = false;
  let nested = false;
  const rows = [];
  // Elements to visit, each with the row it sits in (-1: none).
  const stack = [];
  for (let c = table.lastElementChild; c; c = c.previousElementSibling) stack.push(c, -1);
  while (stack.length) {
    let row = stack.pop();
    const el = stack.pop();
    const tag = el.localName;
    if (tag === 'table') {
      nested = true;
      continue;
    }
    if (tag === 'tr') row = rows.push(0) - 1;
    else if (tag === 'td') {
      if (row >= 0) rows[row] += colspan(el.getAttribute('colspan'));
    } else if (T.dataTags.has(tag)) data = true;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c, row);
  }
  if (data) return true;
  if (nested) return false;
  let columns = 0;
  for (const n of rows) if (n > columns) columns = n;
  return rows.length > 1 && columns > 1 && (rows.length >= T.minRows || columns >= T.minColumns || rows.length * columns >= T.minCells);
}

/** A cell's colspan when it is a positive whole number (at most 1000), else 1. */
function colspan(v) {
  const t = v === null ? '' : v.trim();
  const n = /^[0-9]+$/.test(t) ? Number(t) : 0;
  return n > 0 ? Math.min(n, 1000) : 1;
}

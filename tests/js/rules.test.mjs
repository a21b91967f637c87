// The reading rules (src/reader/rules.json, shared with the CLI's reader)
// compiled for the DOM (extension/content/rules.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { compileRules, isSkipped, namesMatch, roleOf } from '../../extension/content/rules.js';
import { page } from './dom.mjs';
import { parseTables } from '../e2e/lib/toml.mjs';

const RAW = JSON.parse(fs.readFileSync(new URL('../../src/reader/rules.json', import.meta.url), 'utf8'));
const R = compileRules(RAW);

const SKIP_CASES = [
  { why: 'scripts are never text', html: '<script id="x">var said = 1;</script>', skipped: true },
  { why: 'navigation by tag', html: '<nav id="x">Home</nav>', skipped: true },
  { why: 'navigation by ARIA role, in any case', html: '<div id="x" role="Navigation">Home</div>', skipped: true },
  { why: 'aria-hidden="true" in any case hides from readers', html: '<div id="x" aria-hidden="TRUE">Hidden</div>', skipped: true },
  { why: 'aria-hidden="false" does not', html: '<div id="x" aria-hidden="false">Shown</div>', skipped: false },
  { why: 'the hidden attribute with no value', html: '<div id="x" hidden>Hidden</div>', skipped: true },
  { why: 'contenteditable="" is editable, so never painted', html: '<div id="x" contenteditable="">Draft</div>', skipped: true },
  { why: 'contenteditable="false" is not editable', html: '<div id="x" contenteditable="false">Text</div>', skipped: false },
  { why: 'inert content cannot be interacted with', html: '<section id="x" inert>Later</section>', skipped: true },
  { why: 'a plain paragraph is read', html: '<p id="x">Critics said so.</p>', skipped: false },
  { why: 'a role the rules do not skip (article) is read', html: '<div id="x" role="article">Text</div>', skipped: false },
];

for (const c of SKIP_CASES) {
  test(`isSkipped: ${c.why}`, () => {
    const el = page(c.html).getElementById('x');
    assert.equal(isSkipped(el, el.localName, R), c.skipped);
  });
}

test('the skip selector matches what isSkipped skips, so that a mutation inside a skipped part is recognised', () => {
  for (const c of SKIP_CASES) {
    const doc = page(`${c.html.replace(/>([^<]*)</, '><b id="in">$1</b><')}`);
    const inner = doc.getElementById('in') ?? doc.getElementById('x');
    assert.equal(!!inner.closest(R.skipSelector), c.skipped, c.why);
  }
});

const ROLE_CASES = [
  { why: 'headings by tag', html: '<h2 id="x">Title</h2>', role: 'heading' },
  { why: 'a caption by tag', html: '<figure><figcaption id="x">A photo</figcaption></figure>', role: 'caption' },
  { why: 'list items by tag', html: '<ul><li id="x">Point</li></ul>', role: 'list' },
  { why: 'a quote by tag', html: '<blockquote id="x">Words</blockquote>', role: 'quote' },
  { why: 'a heading by ARIA role', html: '<div id="x" role="heading">Title</div>', role: 'heading' },
  { why: 'a byline by class name', html: '<div id="x" class="article-byline">By Jane Roe</div>', role: 'byline' },
  { why: 'a caption by class name', html: '<p id="x" class="wp-caption-text">A photo</p>', role: 'caption' },
  { why: 'a heading by id (a kicker above the headline)', html: '<p id="x" class="kicker">Analysis</p>', role: 'heading' },
  { why: 'a paragraph with no telling name inherits its parent’s role', html: '<p id="x" class="lead">Text</p>', role: 'inherited' },
  { why: '“dateline” in a class is a byline, “update” alone is nothing', html: '<span id="x" class="update dateline">May 1</span>', role: 'byline' },
];

for (const c of ROLE_CASES) {
  test(`roleOf: ${c.why}`, () => {
    const el = page(c.html).getElementById('x');
    assert.equal(roleOf(el, el.localName, R, 'inherited', el.getAttribute('class'), el.id), c.role);
  });
}

// Which blocks are data: the cases the CLI's reader runs too
// (tests/reader.rs), so the two readers agree. A block's role is what
// roleOf gives its element, each element inheriting its parent's, from the
// body down, as the walk does.
const DATA_ROLES = 'tests/fixtures/html/data-roles.toml';
const DATA_CASES = parseTables(fs.readFileSync(new URL(`../../${DATA_ROLES}`, import.meta.url), 'utf8'), DATA_ROLES).case;

for (const c of DATA_CASES) {
  test(`roleOf, shared with the CLI's reader: ${c.name}`, () => {
    const doc = page(c.html);
    const holders = [...doc.body.querySelectorAll('*')].filter((el) => el.textContent.trim() === c.text);
    assert.ok(holders.length, `no element holds ${JSON.stringify(c.text)}`);
    const chain = [];
    for (let el = holders.at(-1); el; el = el.parentElement) chain.unshift(el);
    let role = 'paragraph';
    for (const el of chain.slice(chain.indexOf(doc.body))) role = roleOf(el, el.localName, R, role, el.getAttribute('class'), el.id);
    assert.equal(role, c.role);
  });
}

test('the shared data-role cases are all there', () => assert.ok(DATA_CASES.length >= 10));

const NAME_CASES = [
  { why: 'comment sections are unlikely article text', cls: 'comment-list', id: '', unlikely: true, maybe: false },
  { why: 'a sidebar by id', cls: '', id: 'sidebar', unlikely: true, maybe: false },
  { why: '“ad” as a whole word, not inside “head” or “load”', cls: 'ad slot', id: '', unlikely: true, maybe: false },
  { why: '“header” and “download” hold “ad” inside a word: not ads', cls: 'header download', id: '', unlikely: false, maybe: false },
  { why: 'a share bar is unlikely, but its “article” name may be the article (both tested, as Readability does)', cls: 'article-share', id: '', unlikely: true, maybe: true },
  { why: 'no names at all match nothing', cls: null, id: '', unlikely: false, maybe: false },
];

for (const c of NAME_CASES) {
  test(`class and id patterns: ${c.why}`, () => {
    assert.equal(namesMatch(R.unlikely, c.cls, c.id), c.unlikely);
    assert.equal(namesMatch(R.maybe, c.cls, c.id), c.maybe);
  });
}

test('compiled rules: block tags, article selectors and the article minimum come from the file, lower-cased', () => {
  const compiled = compileRules({ ...RAW, skip_tags: ['NAV', 'Script'], block_tags: ['P', 'div'] });
  assert.ok(compiled.skipTags.has('nav') && compiled.skipTags.has('script'));
  assert.ok(compiled.blockTags.has('p') && compiled.blockTags.has('div') && !compiled.blockTags.has('span'));
  assert.deepEqual(R.articleSelectors, RAW.article_selectors);
  assert.equal(R.minArticleChars, RAW.min_article_chars);
});

test('compiled rules: a file without the optional lists compiles to rules that skip nothing and read everything', () => {
  const bare = compileRules({ unlikely_pattern: 'x^', maybe_pattern: 'x^' });
  const el = page('<div id="x" role="navigation" class="byline">Text</div>').getElementById('x');
  assert.equal(isSkipped(el, 'div', bare), false);
  assert.equal(roleOf(el, 'div', bare, 'paragraph', el.getAttribute('class'), el.id), 'paragraph');
  assert.equal(bare.skipSelector, '');
  assert.deepEqual(bare.articleSelectors, []);
});

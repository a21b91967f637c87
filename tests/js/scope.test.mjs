// Which part of the page the ::highlight rules are written for, and how
// many elements adding them restyles (extension/content/scope.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { styleScope } from '../../extension/content/scope.js';
import { page } from './dom.mjs';

const CASES = [
  {
    why: 'an article root with an id of its own is named by it',
    html: '<nav class="menu"><a>Home</a></nav><div id="story" class="body"><p>One <a>two</a></p><p>Three</p></div>',
    scope: { id: 'story' },
    elements: 4,
  },
  {
    why: 'without an id, a class no other element has',
    html: '<div class="main wide"><div class="story-body wide"><p>One</p><p>Two</p></div></div><div class="wide"></div>',
    root: '.story-body',
    scope: { cls: 'story-body' },
    elements: 3,
  },
  {
    why: 'without either, a tag no other element has (one <article>)',
    html: '<div class="x"><article><p>One</p></article></div><div class="x"></div>',
    root: 'article',
    scope: { tag: 'article' },
    elements: 2,
  },
  {
    why: 'an id used twice would style both: the next ancestor with a unique name is taken',
    html: '<main><div id="dup"><p>One</p></div><div id="dup"><p>Two</p></div></main>',
    root: '#dup',
    scope: { tag: 'main' },
    elements: 5,
  },
  {
    why: 'a root with no unique name climbs to an ancestor that has one',
    html: '<div id="page"><div class="col"><div class="col"><p>One</p></div></div></div>',
    root: '.col .col',
    scope: { id: 'page' },
    elements: 4,
  },
  {
    why: 'nothing named on the way up: the whole document, every element counted',
    html: '<div><div><p>One</p><p>Two</p></div></div><div></div>',
    root: 'p',
    scope: { root: true },
    elements: 9,
  },
  {
    why: 'the body as the article: the whole document',
    html: '<p>One</p><p>Two</p>',
    root: 'body',
    scope: { root: true },
    elements: 6,
  },
];

for (const c of CASES) {
  test(`styleScope: ${c.why}`, () => {
    const doc = page(c.html);
    const root = c.root ? doc.querySelector(c.root) : doc.getElementById('story');
    const { elements, ...scope } = styleScope(root);
    assert.deepEqual(scope, c.scope);
    assert.equal(elements, c.elements);
  });
}

test('styleScope: no article root at all is the whole document', () => {
  page('<p>One</p>');
  assert.deepEqual(styleScope(null), { root: true, elements: 5 });
});

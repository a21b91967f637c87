// The DOM helpers (extension/content/dom.js): the article's root from
// the elements Readability kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonAncestor } from '../../extension/content/dom.js';
import { page } from './dom.mjs';

const HTML = `<div id="page"><main id="main"><section id="s1"><p id="a">One <b id="a1">two</b></p><p id="b">Three</p></section>
  <section id="s2"><div><p id="c">Four</p></div></section></main><aside id="side"><p id="d">Five</p></aside></div>`;

const CASES = [
  { why: 'one element is its own root', ids: ['a'], root: 'a' },
  { why: 'siblings meet at their parent', ids: ['a', 'b'], root: 's1' },
  { why: 'an element and one inside it: the outer one', ids: ['a', 'a1'], root: 'a' },
  { why: 'paragraphs in two sections meet where the sections do', ids: ['a', 'b', 'c'], root: 'main' },
  { why: 'the order Readability lists them in does not matter', ids: ['c', 'a1', 'b'], root: 'main' },
  { why: 'one paragraph outside the main column lifts the root above it', ids: ['b', 'c', 'd', 'a'], root: 'page' },
];

for (const c of CASES) {
  test(`commonAncestor: ${c.why}`, () => {
    const doc = page(HTML);
    assert.equal(commonAncestor(c.ids.map((id) => doc.getElementById(id))).id, c.root);
  });
}

test('commonAncestor: nothing kept is the body', () => {
  const doc = page(HTML);
  assert.equal(commonAncestor([]), doc.body);
});

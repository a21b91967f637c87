// The map between a block's flat text (UTF-16 offsets, what the core reads
// and answers in) and the DOM (extension/content/text-map.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BLOCK_MAX_CHARS, blockBuilder, pointAt, rangeFor } from '../../extension/content/text-map.js';
import { page, textBetween, textNodes } from './dom.mjs';

/** Blocks as the reader makes them: every text node, numbered by the <p> (or <li>) it is in. */
function blocksOf(doc) {
  const builder = blockBuilder();
  const owners = [...doc.querySelectorAll('p, li')];
  for (const node of textNodes(doc.body)) {
    const owner = node.parentElement.closest('p, li');
    if (!owner) continue;
    const role = owner.localName === 'li' ? 'list' : undefined;
    // As the reader does: a long text node is read a stretch at a time.
    for (let at = builder.add(node, owners.indexOf(owner), role); at >= 0; at = builder.add(node, owners.indexOf(owner), role, at));
  }
  return builder.done();
}

// ASCII whitespace runs read as one space, as the block's text has them.
const collapse = (s) => s.replace(/[ \t\n\r\f]+/g, ' ');

const CASES = [
  {
    why: 'a sentence running through a link, emphasis inside it, and strong text is one text',
    html: '<p>Officials in <a href="#">the <em>Belgian</em> capital</a> said it was <strong>clearly</strong> over.</p>',
    texts: ['Officials in the Belgian capital said it was clearly over.'],
  },
  {
    why: 'indentation, newlines and tabs between words and elements collapse to single spaces, and the block is trimmed',
    html: '<p>\n    The   minister\n\t<em>told</em>   reporters  \n  <a href="#">\n  on Tuesday</a>.\n</p>',
    texts: ['The minister told reporters on Tuesday.'],
  },
  {
    why: 'a word split over elements with no space between (<b>the larg</b>est) stays one word',
    html: '<p>It is <b>the larg</b>est plant, <strong>ana</strong>lysts said.</p>',
    texts: ['It is the largest plant, analysts said.'],
  },
  {
    why: 'emoji outside the Basic Multilingual Plane are two UTF-16 code units, as in the core’s offsets; skin tones and combining accents are code units of their own',
    html: '<p>🎉 Analysts said the e\u0301lan of <em>👍🏽 fans</em> was “the 🇧🇪 record”.</p>',
    texts: ['🎉 Analysts said the e\u0301lan of 👍🏽 fans was “the 🇧🇪 record”.'],
  },
  {
    why: 'right-to-left text with an emoji before the cue: offsets are logical order, not display order',
    html: '<p dir="rtl">قال المحللون 😀 said <em>שלום</em> עולם.</p>',
    texts: ['قال المحللون 😀 said שלום עולם.'],
  },
  {
    why: 'each paragraph and list item is its own block, offsets starting at 0, with its role; an empty paragraph makes none',
    html: '<p>First  one.</p><p>  </p><ul><li>Second <i>one</i></li></ul><p>Third.</p>',
    texts: ['First one.', 'Second one', 'Third.'],
    roles: ['paragraph', 'list', 'paragraph'],
  },
];

for (const c of CASES) {
  test(`block text: ${c.why}`, () => {
    const blocks = blocksOf(page(c.html));
    assert.deepEqual(blocks.map((b) => b.text), c.texts);
    if (c.roles) assert.deepEqual(blocks.map((b) => b.role), c.roles);
  });

  test(`every span maps back to the DOM text it stands for: ${c.why}`, () => {
    const doc = page(c.html);
    for (const block of blocksOf(doc)) {
      const n = block.text.length;
      for (let s = 0; s < n; s++) {
        for (let e = s + 1; e <= n; e++) {
          const dom = textBetween(doc.body, pointAt(block, s, false), pointAt(block, e, true));
          if (collapse(dom) !== block.text.slice(s, e)) {
            assert.fail(`[${s}, ${e}) of ${JSON.stringify(block.text)} reads ${JSON.stringify(dom)} in the DOM`);
          }
        }
      }
    }
  });
}

test('an offset after an astral emoji lands on the same character in the text node (UTF-16 on both sides)', () => {
  const doc = page('<p>👍🏽 Critics <em>😀 said</em> so.</p>');
  const [block] = blocksOf(doc);
  const at = block.text.indexOf('said');
  const [node, offset] = pointAt(block, at, false);
  assert.equal(node.data.slice(offset, offset + 4), 'said');
  // The emoji alone: both halves of the surrogate pair, nothing around them.
  const e = block.text.indexOf('😀');
  assert.equal(textBetween(doc.body, pointAt(block, e, false), pointAt(block, e + 2, true)), '😀');
});

test('a span ending where an element ends does not reach into the next text node', () => {
  const doc = page('<p><a href="#">The authorities</a> declared it.</p>');
  const [block] = blocksOf(doc);
  const [node, offset] = pointAt(block, 'The authorities'.length, true);
  assert.equal(node.data, 'The authorities');
  assert.equal(offset, node.data.length);
});

// linkedom's Range cannot set its ends: a stand-in that can, failing as the
// DOM does on an offset past the node's end.
function withRanges(doc) {
  doc.createRange = () => ({
    setStart(node, offset) {
      if (offset > node.length) throw new RangeError('offset past the end');
      this.startContainer = node;
      this.startOffset = offset;
    },
    setEnd(node, offset) {
      if (offset > node.length) throw new RangeError('offset past the end');
      this.endContainer = node;
      this.endOffset = offset;
    },
    get collapsed() {
      return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
    },
  });
  return doc;
}

test('rangeFor: a span across elements starts and ends in the right text nodes', () => {
  const doc = withRanges(page('<p>Officials in <a href="#">the <em>Belgian</em> capital</a> said so.</p>'));
  const [block] = blocksOf(doc);
  const s = block.text.indexOf('the Belgian capital');
  const r = rangeFor(block, s, s + 'the Belgian capital'.length);
  assert.equal(r.startContainer.data, 'the ');
  assert.equal(r.startOffset, 0);
  assert.equal(r.endContainer.data, ' capital');
  assert.equal(r.endOffset, ' capital'.length);
});

test('rangeFor: nothing for an empty or reversed span, or for a block that is missing', () => {
  const doc = withRanges(page('<p>Critics said so.</p>'));
  const [block] = blocksOf(doc);
  assert.equal(rangeFor(block, 3, 3), null);
  assert.equal(rangeFor(block, 5, 2), null);
  assert.equal(rangeFor(undefined, 0, 3), null);
});

test('rangeFor: text the page shortened since it was read is clamped to what is left, and nothing when nothing is', () => {
  const doc = withRanges(page('<p>Critics said the plan failed.</p>'));
  const [block] = blocksOf(doc);
  const node = block.nodes[0];
  node.data = 'Critics said';
  const r = rangeFor(block, 8, 20);
  assert.equal(r.startOffset, 8);
  assert.equal(r.endOffset, 'Critics said'.length);
  node.data = '';
  assert.equal(rangeFor(block, 8, 20), null);
});

/** Every span of at most `width` characters from every `step`th offset maps back to its DOM text. */
function assertMapped(doc, block, width, step) {
  const n = block.text.length;
  for (let s = 0; s < n; s += step) {
    for (let e = s + 1; e <= Math.min(n, s + width); e++) {
      const dom = collapse(textBetween(doc.body, pointAt(block, s, false), pointAt(block, e, true)));
      if (dom !== block.text.slice(s, e)) assert.fail(`[${s}, ${e}) of a block reads ${JSON.stringify(dom)} in the DOM`);
    }
  }
}

// A hostile page's article can be one paragraph of megabytes: sent whole,
// the core took seconds on it, and its findings were painted at once.
test('a paragraph longer than BLOCK_MAX_CHARS is read as blocks cut after a sentence, each trimmed and mapped to its DOM text', () => {
  const sentence = (i) => `Officials in <a href="#">the <em>capital</em> said</a>   the ${i}th  plan was late. `;
  const doc = page(`<p>${Array.from({ length: 400 }, (_, i) => sentence(i)).join('')}</p>`);
  const blocks = blocksOf(doc);
  assert.ok(blocks.length > 1, `${blocks.length} blocks`);
  for (const b of blocks) {
    assert.ok(b.text.length <= BLOCK_MAX_CHARS, `${b.text.length} characters`);
    assert.ok(b.text.startsWith('Officials') && b.text.endsWith('late.'), JSON.stringify(b.text.slice(-20)));
    assert.equal(b.role, 'paragraph');
  }
  // Nothing lost or doubled at the cuts: the blocks joined are the paragraph.
  assert.equal(blocks.map((b) => b.text).join(' '), collapse(doc.querySelector('p').textContent).trim());
  for (const b of blocks) assertMapped(doc, b, 40, 7);
});

test('a word longer than a block is cut inside, never inside a surrogate pair', () => {
  const doc = page(`<p>Start ${'😀'.repeat(BLOCK_MAX_CHARS)} end.</p>`);
  const blocks = blocksOf(doc);
  // No space at the cuts, so nothing between the blocks either.
  assert.ok(blocks.length > 1);
  assert.ok(blocks.map((b) => b.text).join('') === `Start ${'😀'.repeat(BLOCK_MAX_CHARS)} end.`, 'the blocks joined are the paragraph');
  for (const b of blocks) {
    assert.ok(b.text.length <= BLOCK_MAX_CHARS);
    assert.doesNotMatch(b.text, /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/, 'a block starts or ends half an emoji');
  }
});

test('one text node longer than the builder reads at once gives the text and offsets of one read', () => {
  // Double spaces, tabs and newlines where the stretches end, too.
  const words = Array.from({ length: 40000 }, (_, i) => (i % 5 === 0 ? `Word${i}.\n\t ` : `w${i}  `)).join('');
  const doc = page(`<div><p>${words}</p></div>`);
  const blocks = blocksOf(doc);
  assert.equal(blocks.map((b) => b.text).join(' '), collapse(words).trim());
  for (const b of blocks) assertMapped(doc, b, 12, 97);
});

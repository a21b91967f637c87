// Findings as the page keeps them (extension/content/entries.js): which
// parts of a finding are painted under which highlight name, and how they
// are counted.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { NAMES, counts, makeEntry, partShown, resetEntries, shownPartCount, tally } from '../../extension/content/entries.js';
import { settings } from '../../extension/content/state.js';

const TEXT = 'Several analysts have pointed out that the plan might fail, the largest in years.';
const block = { text: TEXT, role: 'paragraph', nodes: [], runs: [], entries: [] };
// A span of TEXT by its words, in the block's offsets plus `base` (where the block starts in its chunk).
const span = (words, base = 0) => {
  const start = TEXT.indexOf(words);
  assert.ok(start >= 0, words);
  return { start: base + start, end: base + start + words.length, text: words };
};
/** An entry's parts as [name, text] pairs. */
const parts = (e) => {
  const out = [];
  for (let i = 0; i < e.parts.length; i += 3) out.push([NAMES[e.parts[i]], TEXT.slice(e.parts[i + 1], e.parts[i + 2])]);
  return out;
};
const mainPart = (e) => parts(e)[e.main / 3];

const CASES = [
  {
    why: 'a category this version does not know is not painted under another name',
    finding: { ...span(TEXT), kind: 'attribution', category: 'mystery', source: span('Several analysts') },
    parts: null,
  },
  {
    why: 'a finding without a category (or no finding at all) is not painted',
    finding: { ...span(TEXT), kind: 'attribution' },
    parts: null,
  },
  {
    why: 'an attribution paints its source in its category and its cue; the source stands for it',
    finding: { ...span(TEXT), kind: 'attribution', category: 'vague', source: span('Several analysts'), cue: { ...span('pointed out'), loaded: false } },
    parts: [['whosays-vague', 'Several analysts'], ['whosays-cue', 'pointed out']],
    main: ['whosays-vague', 'Several analysts'],
  },
  {
    why: 'a loaded cue (pointed out, claimed) has a highlight of its own',
    finding: { ...span(TEXT), kind: 'attribution', category: 'named', source: span('Several analysts'), cue: { ...span('pointed out'), loaded: true } },
    parts: [['whosays-named', 'Several analysts'], ['whosays-cue-loaded', 'pointed out']],
  },
  {
    why: 'without a source the cue stands for the attribution',
    finding: { ...span(TEXT), kind: 'attribution', category: 'vague', source: null, cue: span('pointed out') },
    parts: [['whosays-cue', 'pointed out']],
    main: ['whosays-cue', 'pointed out'],
  },
  {
    why: 'an attribution with neither source nor cue span is painted whole in its category',
    finding: { ...span('Several analysts have pointed out'), kind: 'attribution', category: 'pronoun' },
    parts: [['whosays-pronoun', 'Several analysts have pointed out']],
  },
  {
    why: 'hedges and weasel words inside an attribution are hedged wording; its other signals are not painted',
    finding: {
      ...span(TEXT),
      kind: 'attribution',
      category: 'vague',
      source: span('Several analysts'),
      cue: span('pointed out'),
      signals: [{ kind: 'hedge', ...span('might') }, { kind: 'superlative', ...span('the largest') }],
    },
    parts: [['whosays-vague', 'Several analysts'], ['whosays-cue', 'pointed out'], ['whosays-hedge', 'might']],
  },
  {
    why: 'an unsourced claim tints its sentence and paints each signal; the first signal stands for it',
    finding: { ...span(TEXT), kind: 'unsourced', category: 'unsourced', signals: [{ kind: 'superlative', ...span('the largest') }, { kind: 'statistic', ...span('years') }] },
    parts: [['whosays-unsourced-sentence', TEXT], ['whosays-unsourced', 'the largest'], ['whosays-unsourced', 'years']],
    main: ['whosays-unsourced', 'the largest'],
  },
  {
    why: 'an unsourced claim with no signal span is stood for by its sentence',
    finding: { ...span(TEXT), kind: 'unsourced', category: 'unsourced', signals: [] },
    parts: [['whosays-unsourced-sentence', TEXT]],
    main: ['whosays-unsourced-sentence', TEXT],
  },
  {
    why: 'hedged wording paints its words, or the whole finding when it has none',
    finding: { ...span('the plan might fail'), kind: 'hedge', category: 'hedge', signals: [{ kind: 'hedge', ...span('might') }] },
    parts: [['whosays-hedge', 'might']],
  },
  {
    why: 'hedged wording without signals is painted whole',
    finding: { ...span('the plan might fail'), kind: 'hedge', category: 'hedge' },
    parts: [['whosays-hedge', 'the plan might fail']],
  },
  {
    why: 'an unknown kind in a known category is painted as its category',
    finding: { ...span(TEXT), kind: 'rumour', category: 'anonymous', source: span('Several analysts') },
    parts: [['whosays-anonymous', 'Several analysts']],
  },
  {
    why: 'offsets count from the start of the chunk: the block’s start is taken off',
    base: 1000,
    finding: { ...span(TEXT, 1000), kind: 'attribution', category: 'named', source: span('Several analysts', 1000), cue: span('pointed out', 1000) },
    parts: [['whosays-named', 'Several analysts'], ['whosays-cue', 'pointed out']],
  },
  {
    why: 'spans reaching past the block are cut at its end, spans wholly outside it, empty or not numbers are dropped',
    finding: {
      ...span(TEXT),
      kind: 'unsourced',
      category: 'unsourced',
      signals: [
        { kind: 'statistic', start: TEXT.indexOf('years'), end: TEXT.length + 40 },
        { kind: 'statistic', start: TEXT.length + 5, end: TEXT.length + 9 },
        { kind: 'statistic', start: 10, end: 10 },
        { kind: 'statistic', start: '3', end: null },
      ],
    },
    parts: [['whosays-unsourced-sentence', TEXT], ['whosays-unsourced', 'years.']],
  },
  {
    why: 'a finding none of whose spans fall in the block gives nothing to paint',
    finding: { start: TEXT.length + 10, end: TEXT.length + 20, kind: 'attribution', category: 'named', source: { start: TEXT.length + 10, end: TEXT.length + 12 } },
    parts: null,
  },
];

for (const c of CASES) {
  test(`makeEntry: ${c.why}`, () => {
    const e = makeEntry(c.finding, block, c.base ?? 0);
    if (c.parts === null) {
      assert.equal(e, null);
      return;
    }
    assert.deepEqual(parts(e), c.parts);
    assert.equal(e.category, c.finding.category);
    assert.equal(e.block, block);
    if (c.main) assert.deepEqual(mainPart(e), c.main);
  });
}

test('makeEntry: nothing for a missing finding', () => {
  assert.equal(makeEntry(null, block, 0), null);
  assert.equal(makeEntry(undefined, block, 0), null);
});

beforeEach(() => {
  resetEntries();
  settings.enabled = { named: true, anonymous: true, vague: true, pronoun: true, unsourced: true, hedge: false };
});

test('counts: findings per category; parts shown follow the switches, hedges inside attributions only with hedged wording on', () => {
  const attribution = makeEntry(
    { ...span(TEXT), kind: 'attribution', category: 'vague', source: span('Several analysts'), cue: span('pointed out'), signals: [{ kind: 'hedge', ...span('might') }] },
    block,
    0,
  );
  const hedge = makeEntry({ ...span('the plan might fail'), kind: 'hedge', category: 'hedge', signals: [{ kind: 'hedge', ...span('might') }] }, block, 0);
  tally(attribution, 1);
  tally(hedge, 1);
  assert.equal(counts.vague, 1);
  assert.equal(counts.hedge, 1);
  // Source and cue; the hedge inside the attribution and hedged wording itself are off.
  assert.equal(shownPartCount(), 2);
  assert.deepEqual([0, 3, 6].map((i) => partShown(attribution, i)), [true, true, false]);
  settings.enabled.hedge = true;
  assert.equal(shownPartCount(), 4);
  assert.equal(partShown(attribution, 6), true);
  settings.enabled.vague = false;
  assert.equal(shownPartCount(), 1);
  assert.deepEqual([0, 3, 6].map((i) => partShown(attribution, i)), [false, false, false]);
  tally(attribution, -1);
  assert.equal(counts.vague, 0);
  settings.enabled.vague = true;
  assert.equal(shownPartCount(), 1);
});

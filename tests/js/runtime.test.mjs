// The extension's messages as the content script looks them up
// (extension/content/runtime.js): from the background's table, with each
// placeholder's control character replaced by its value, and from the
// browser's getMessage until that table has come.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setStrings, t, tKind } from '../../extension/content/runtime.js';

const TABLE = {
  panelTitle: 'Who Says?',
  profileShareHelp: 'Of the \u0002 sentences that carry a claim, \u0001 are attributed to someone.',
  kindVague: 'Vague source',
};

test('before the table comes, the browser answers', () => {
  globalThis.chrome = { i18n: { getMessage: (name, subs) => (name === 'panelTitle' ? `browser:${name}${subs ? subs.join() : ''}` : '') } };
  setStrings(null);
  assert.equal(t('panelTitle'), 'browser:panelTitle');
  // A name the browser does not know stands for itself, as before.
  assert.equal(t('noSuchMessage'), 'noSuchMessage');
});

test('values go where their placeholders are, in the order the message puts them', () => {
  setStrings(TABLE);
  assert.equal(t('profileShareHelp', [3, 7]), 'Of the 7 sentences that carry a claim, 3 are attributed to someone.');
});

test('a placeholder without a value is left empty, and a message without placeholders ignores values', () => {
  setStrings(TABLE);
  assert.equal(t('profileShareHelp', [3]), 'Of the  sentences that carry a claim, 3 are attributed to someone.');
  assert.equal(t('panelTitle', ['x']), 'Who Says?');
});

test('names the table lacks, inherited names included, are not messages', () => {
  setStrings(TABLE);
  assert.equal(t('constructor'), 'constructor');
  assert.equal(t('missing'), 'missing');
  // A kind from a newer core: its own words.
  assert.equal(tKind('kind', 'vague'), 'Vague source');
  assert.equal(tKind('kind', 'loaded_verb'), 'loaded verb');
});

test('a table that is not an object is no table', () => {
  setStrings('nonsense');
  assert.equal(t('panelTitle'), 'browser:panelTitle');
});

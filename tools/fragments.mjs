// How many "unsourced" findings on saved pages are fragments rather than
// sentences: fewer than four words (split at white space), such as a table
// cell ("70.2% European"), list numbering ("2.") or coordinates. The pages
// are read by the CLI's HTML reader, which follows the same
// src/reader/rules.json as the extension's.
//
// Usage: node tools/fragments.mjs PAGES_DIR [WHOSAYS] [--list]
//   PAGES_DIR holds one folder per page with its source.html (as in
//   Readability's test pages); WHOSAYS defaults to target/release/whosays.
//   --list prints each fragment with its page.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const FRAGMENT_WORDS = 4;

const args = process.argv.slice(2);
const list = args.includes('--list');
const [dir, bin = 'target/release/whosays'] = args.filter((a) => a !== '--list');
if (!dir) {
  console.error('usage: node tools/fragments.mjs PAGES_DIR [WHOSAYS] [--list]');
  process.exit(2);
}
const pages = fs
  .readdirSync(dir)
  .map((name) => path.join(dir, name, 'source.html'))
  .filter((p) => fs.existsSync(p))
  .sort();
const out = execFileSync(bin, ['scan', '--format', 'jsonl', ...pages], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});

const words = (s) => s.split(/\s+/).filter(Boolean).length;
let total = 0;
let fragments = 0;
const perPage = [];
for (const line of out.split('\n')) {
  if (!line.trim()) continue;
  const page = JSON.parse(line);
  const unsourced = (page.findings || []).filter((f) => f.kind === 'unsourced');
  const short = unsourced.filter((f) => words(f.text) < FRAGMENT_WORDS);
  total += unsourced.length;
  fragments += short.length;
  perPage.push([path.basename(path.dirname(page.path)), unsourced.length, short.length]);
  if (list) for (const f of short) console.log(`${path.basename(path.dirname(page.path))}\t${JSON.stringify(f.text)}`);
}
if (list) console.log('');
for (const [name, n, k] of perPage.filter(([, , k]) => k > 0)) console.log(`${name}: ${k} of ${n}`);
const share = total ? ((100 * fragments) / total).toFixed(1) : '0.0';
console.log(`${pages.length} pages: ${fragments} of ${total} unsourced findings are fragments of < ${FRAGMENT_WORDS} words (${share} %)`);

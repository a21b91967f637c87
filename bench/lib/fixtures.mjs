// Inputs generated from the project's own fixtures, so that the benchmark
// needs no outside data: a corpus of .txt articles for the throughput
// figures, and pages of increasing size for the browser figures.
import fs from 'node:fs';
import path from 'node:path';
import { oneParagraphPage } from '../../tools/big-page.mjs';
import { random, wikiPage } from './wiki-page.mjs';

const FIXTURES = new URL('../../tests/fixtures/', import.meta.url);

/**
 * Write `count` articles into `dir`, each a shuffled selection of the seed
 * article's paragraphs (about its length), and return the directory.
 */
export function writeCorpus(dir, count = 200) {
  const seed = fs.readFileSync(new URL('seed-article.txt', FIXTURES), 'utf8');
  const paragraphs = seed.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const next = random(20181120);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let n = 0; n < count; n++) {
    const picked = paragraphs.map((p) => [next(), p]).sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    const article = picked.slice(0, Math.max(4, Math.round(picked.length * (0.6 + 0.4 * next()))));
    fs.writeFileSync(path.join(dir, `article-${String(n).padStart(3, '0')}.txt`), `${article.join('\n\n')}\n`);
  }
  return dir;
}

/**
 * The seed page, a long wiki-like article (wiki-page.mjs), an article that
 * is one 2 MB paragraph, and the seed page with its article body repeated
 * until the HTML reaches each size: what a long read, a hostile page, a
 * huge page and an absurd one look like to the extension.
 */
export function writePages(dir, sizes) {
  const html = fs.readFileSync(new URL('seed-article.html', FIXTURES), 'utf8');
  // The article's body: everything after the byline up to </article>.
  const bodyStart = html.indexOf('</p>', html.indexOf('class="byline"')) + '</p>'.length;
  const bodyEnd = html.indexOf('</article>');
  if (bodyStart < 4 || bodyEnd < bodyStart) throw new Error('seed-article.html: no article body found');
  const body = html.slice(bodyStart, bodyEnd);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const pages = [{ name: 'seed page', file: 'seed.html', bytes: Buffer.byteLength(html) }];
  fs.writeFileSync(path.join(dir, 'seed.html'), html);
  const wiki = wikiPage();
  fs.writeFileSync(path.join(dir, 'wiki.html'), wiki);
  pages.push({ name: 'wiki-like article', file: 'wiki.html', bytes: Buffer.byteLength(wiki) });
  // A hostile page: the whole article in one text node.
  const paragraph = oneParagraphPage(2e6);
  fs.writeFileSync(path.join(dir, 'paragraph-2mb.html'), paragraph);
  pages.push({ name: '2 MB paragraph', file: 'paragraph-2mb.html', bytes: Buffer.byteLength(paragraph) });
  for (const { name, file, bytes } of sizes) {
    const copies = Math.max(1, Math.round((bytes - (html.length - body.length)) / body.length));
    const page = html.slice(0, bodyStart) + body.repeat(copies) + html.slice(bodyEnd);
    fs.writeFileSync(path.join(dir, file), page);
    pages.push({ name, file, bytes: Buffer.byteLength(page) });
  }
  return pages;
}

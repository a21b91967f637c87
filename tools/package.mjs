// Writes the store archives from the built extension directory: one manifest
// per browser, each without the keys the other browser needs (Chrome warns
// about background.scripts, Firefox runs background.scripts and ignores the
// service worker). The content script goes in as its bundle (content.js), the
// one file the browser loads; its sources (content/) stay in the repository,
// which is what a store's source review gets, as for the bundled Readability.
// Usage: node tools/package.mjs EXTENSION_DIR OUT_DIR
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error('usage: node tools/package.mjs EXTENSION_DIR OUT_DIR');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
for (const need of ['content.js', 'pkg/whosays_bg.wasm', 'pkg/whosays.js', 'vendor/article.js', 'icons/icon-128.png']) {
  if (!fs.existsSync(path.join(src, need))) throw new Error(`${need} is missing: run ./build.sh first`);
}

const variants = {
  chrome: (m) => {
    delete m.background.scripts;
    delete m.browser_specific_settings;
    return m;
  },
  firefox: (m) => {
    delete m.background.service_worker;
    return m;
  },
};

fs.mkdirSync(out, { recursive: true });
for (const [name, adapt] of Object.entries(variants)) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `whosays-${name}-`));
  const sources = path.resolve(src, 'content');
  fs.cpSync(src, dir, { recursive: true, filter: (f) => path.resolve(f) !== sources });
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(adapt(structuredClone(manifest)), null, 2)}\n`);
  const zip = path.resolve(out, `whosays-${name}.zip`);
  fs.rmSync(zip, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', zip, '.'], { cwd: dir, stdio: 'inherit' });
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`${path.relative(process.cwd(), zip)} (${fs.statSync(zip).size} bytes)`);
}

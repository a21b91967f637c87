// Throughput in one Node process: the core as WebAssembly (the module the
// extension ships, through its own wasm-bindgen glue) beside write-good and
// retext-intensify, each scanning every file of the same corpus.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import writeGood from 'write-good';
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import retextIntensify from 'retext-intensify';

/** Passes over the corpus for the fast engines; the fastest counts. */
const ROUNDS = 5;

export function readCorpus(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (!files.length) throw new Error(`no .txt files in ${dir}`);
  const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  return { dir, texts, bytes: texts.reduce((a, t) => a + Buffer.byteLength(t), 0) };
}

export async function loadWasm(pkgDir) {
  const glue = await import(pathToFileURL(path.join(pkgDir, 'whosays.js')).href);
  glue.initSync({ module: fs.readFileSync(path.join(pkgDir, 'whosays_bg.wasm')) });
  return glue;
}

/** Time one pass of `scan` over every text; returns ms and the result count. */
function pass(texts, scan) {
  let found = 0;
  const t0 = performance.now();
  for (const t of texts) found += scan(t);
  return { ms: performance.now() - t0, found };
}

function best(texts, scan, rounds) {
  pass(texts.slice(0, 3), scan); // warm-up: JIT, lexicon, memory growth
  let top = null;
  for (let r = 0; r < rounds; r++) {
    const p = pass(texts, scan);
    if (!top || p.ms < top.ms) top = p;
  }
  return top;
}

export function engines(wasm) {
  const retext = unified().use(retextEnglish).use(retextIntensify);
  return [
    {
      name: 'whosays (wasm)',
      rounds: ROUNDS,
      scan: (t) => wasm.scanText(t).findings.length,
    },
    {
      name: 'write-good',
      rounds: 1,
      scan: (t) => writeGood(t).length,
    },
    {
      name: 'retext-intensify',
      rounds: 1,
      // parse + run is all of retext's analysis (there is no compiler to run).
      scan: (t) => {
        let n = 0;
        retext.run(retext.parse(t), t, (err, _tree, file) => {
          if (err) throw err;
          n = file.messages.length;
        });
        return n;
      },
    },
  ];
}

/** MB/s of each engine on the corpus. */
export function throughput(corpus, list) {
  return list.map((e) => {
    const { ms, found } = best(corpus.texts, e.scan, e.rounds);
    return { engine: e.name, ms, found, mbps: corpus.bytes / 1e6 / (ms / 1e3) };
  });
}

/** Scan time of the corpus's first megabyte repeated 1×, 2×, 4×, 8×. */
export function growth(corpus, scan) {
  let base = '';
  for (const t of corpus.texts) {
    if (base.length >= 1 << 20) break;
    base += `${t}\n\n`;
  }
  return [1, 2, 4, 8].map((factor) => {
    const input = base.repeat(factor);
    let ms = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      scan(input);
      ms = Math.min(ms, performance.now() - t0);
    }
    return { factor, bytes: Buffer.byteLength(input), ms };
  });
}

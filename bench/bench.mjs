// ./build.sh bench: every figure in one run on one machine, printed as a
// table and written to bench/results/bench.json, with the budgets (listed
// in BUDGET below and in the README) checked against them. Exit status 1
// when a budget is missed.
//
//   node bench/bench.mjs [CORPUS_DIR] --native BIN --wasm-pkg DIR --extension DIR
//                        [--out DIR] [--browsers chromium,firefox]
//
// CORPUS_DIR holds .txt files, read in place; without it a corpus is
// generated from tests/fixtures. BIN is the native bench (examples/bench.rs),
// DIR the wasm-bindgen --target web package the extension ships.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import * as core from './lib/core.mjs';
import { writeCorpus, writePages } from './lib/fixtures.mjs';
import { serve } from './lib/serve.mjs';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    native: { type: 'string' },
    'wasm-pkg': { type: 'string' },
    extension: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
    browsers: { type: 'string', default: 'chromium,firefox' },
  },
});
for (const k of ['native', 'wasm-pkg', 'extension']) if (!opt[k]) throw new Error(`--${k} is required`);
const out = path.resolve(opt.out);
fs.mkdirSync(out, { recursive: true });
const log = (s) => process.stderr.write(`${s}\n`);

// The pages of the browser figures: sizes of the whole HTML.
const PAGE_SIZES = [
  { name: '50 KB article', file: 'article-50k.html', bytes: 50e3 },
  { name: '1 MB page', file: 'page-1mb.html', bytes: 1e6 },
  { name: '5 MB page', file: 'page-5mb.html', bytes: 5e6 },
];

// The budgets of DESIGN.md, set when the trained model went into the core. Growth
// has no figure; "linear" is read as: per byte, 8× the input costs at most 1.5×
// what 1× does.
const BUDGET = { wasmMbps: 4, vsWriteGood: 5, nativeMbps: 10, growthPerByte: 1.5, longTaskMs: 50, scanPerRead: 1, gzipBytes: 1e6 };

const report = {
  date: new Date().toISOString(),
  // Other work on the machine skews every figure: the load before and after says how much.
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, loadBefore: os.loadavg()[0] },
  budgets: [],
};
const budget = (name, value, limit, pass) => report.budgets.push({ name, value, limit, pass });

// ---------------------------------------------------------------- corpus --
const corpusDir = positionals[0] ? path.resolve(positionals[0]) : writeCorpus(path.join(out, 'corpus'));
const corpus = core.readCorpus(corpusDir);
report.corpus = {
  dir: positionals[0] ? corpusDir : 'generated from tests/fixtures/seed-article.txt',
  files: corpus.texts.length,
  bytes: corpus.bytes,
};
log(`corpus: ${report.corpus.dir}: ${corpus.texts.length} files, ${mb(corpus.bytes)} MB`);

// ------------------------------------------------------------ throughput --
log('native core…');
const native = JSON.parse(execFileSync(opt.native, [corpusDir], { encoding: 'utf8', maxBuffer: 1 << 24 }));
log('WebAssembly in Node, write-good, retext-intensify…');
const wasm = await core.loadWasm(path.resolve(opt['wasm-pkg']));
const inNode = core.throughput(corpus, core.engines(wasm));
const speed = Object.fromEntries(inNode.map((r) => [r.engine, r]));
const wasmMbps = speed['whosays (wasm)'].mbps;
const wgMbps = speed['write-good'].mbps;
const rtMbps = speed['retext-intensify'].mbps;
report.throughput = [
  { engine: 'whosays (native)', ms: native.ms, found: native.findings, mbps: native.mbps },
  ...inNode,
].map((r) => ({ ...r, vsWriteGood: r.mbps / wgMbps, vsRetextIntensify: r.mbps / rtMbps }));
budget('wasm throughput (MB/s)', wasmMbps, `≥ ${BUDGET.wasmMbps}`, wasmMbps >= BUDGET.wasmMbps);
budget('wasm throughput vs write-good (×)', wasmMbps / wgMbps, `≥ ${BUDGET.vsWriteGood}`, wasmMbps / wgMbps >= BUDGET.vsWriteGood);
budget('native throughput, one core (MB/s)', native.mbps, `≥ ${BUDGET.nativeMbps}`, native.mbps >= BUDGET.nativeMbps);

// ---------------------------------------------------------------- growth --
log('growth…');
const wasmGrowth = core.growth(corpus, (t) => wasm.scanText(t).findings.length);
const perByte = (series) => series.map((g) => ({ ...g, perByte: g.ms / series[0].ms / g.factor }));
report.growth = { native: perByte(native.growth), wasm: perByte(wasmGrowth) };
for (const [engine, series] of Object.entries(report.growth)) {
  const worst = Math.max(...series.map((g) => g.perByte));
  budget(`growth, ${engine}: per-byte time at 2×–8× vs 1×`, worst, `≤ ${BUDGET.growthPerByte}`, worst <= BUDGET.growthPerByte);
}

// ------------------------------------------------------------------ size --
const wasmFile = path.join(path.resolve(opt['wasm-pkg']), 'whosays_bg.wasm');
const raw = fs.readFileSync(wasmFile);
report.size = { raw: raw.length, gzip: zlib.gzipSync(raw, { level: 9 }).length };
budget('wasm size, gzip -9 (bytes)', report.size.gzip, `≤ ${BUDGET.gzipBytes}`, report.size.gzip <= BUDGET.gzipBytes);

// --------------------------------------------------------------- browsers --
report.browsers = {};
const wanted = opt.browsers.split(',').filter(Boolean);
if (wanted.length) {
  const pages = writePages(path.join(out, 'pages'), PAGE_SIZES);
  const server = await serve(path.join(out, 'pages'));
  try {
    for (const name of wanted) {
      const driver = await import(`./lib/${name}.mjs`);
      log(`${name}…`);
      const browser = await driver.launch(path.resolve(opt.extension));
      const rows = [];
      try {
        for (const p of pages) {
          log(`  ${p.name}`);
          rows.push({ page: p.name, bytes: p.bytes, ...(await browser.measure(server.url + p.file)) });
        }
      } finally {
        await browser.close();
      }
      report.browsers[name] = { version: browser.version, pages: rows };
      for (const r of rows) {
        const block = r.longestTaskMs ?? r.longestGapMs;
        budget(`${name}, ${r.page}: longest main-thread block toggling on (ms)`, block, `≤ ${BUDGET.longTaskMs}`, block <= BUDGET.longTaskMs);
        const offBlock = r.offLongestTaskMs ?? r.offLongestGapMs;
        budget(`${name}, ${r.page}: longest main-thread block toggling off (ms)`, offBlock, `≤ ${BUDGET.longTaskMs}`, offBlock <= BUDGET.longTaskMs);
        if (r.scanMs !== undefined) {
          // The messages are part of what scanning costs: the text must reach the core and the findings come back.
          const scan = r.scanMs + r.messagesMs;
          budget(`${name}, ${r.page}: scan time (messages included) / text-reading time`, scan / r.readMs, `≤ ${BUDGET.scanPerRead}`, scan <= r.readMs * BUDGET.scanPerRead);
        }
      }
    }
  } finally {
    await server.close();
  }
}

report.machine.loadAfter = os.loadavg()[0];
fs.writeFileSync(path.join(out, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(table(report));
log(`figures written to ${path.relative(process.cwd(), path.join(out, 'bench.json'))}`);
process.exitCode = report.budgets.every((b) => b.pass) ? 0 : 1;

// ----------------------------------------------------------------- table --
function mb(bytes) {
  return (bytes / 1e6).toFixed(2);
}

function fmt(x, digits = 1) {
  return x === undefined || x === null || Number.isNaN(x) ? '–' : x.toFixed(digits);
}

function grid(head, rows) {
  const cells = [head, ...rows].map((r) => r.map(String));
  const width = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (i ? c.padStart(width[i]) : c.padEnd(width[i]))).join(' | ')} |`;
  const rule = `|${width.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

function table(r) {
  const parts = [];
  const m = r.machine;
  parts.push(`Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}; ${r.date.slice(0, 10)}`);
  parts.push(`Load average (1 min) before and after: ${fmt(m.loadBefore, 2)}, ${fmt(m.loadAfter, 2)}`);
  parts.push(`Corpus: ${r.corpus.dir}, ${r.corpus.files} files, ${mb(r.corpus.bytes)} MB\n`);
  parts.push('Throughput (each engine scans every file once per pass; Node engines in one process)\n');
  parts.push(
    grid(
      ['engine', 'MB/s', '× write-good', '× retext-intensify'],
      r.throughput.map((t) => [t.engine, fmt(t.mbps, 2), fmt(t.vsWriteGood), fmt(t.vsRetextIntensify)]),
    ),
  );
  parts.push('\nGrowth (the corpus\'s first MB repeated; per-byte time relative to 1×, 1.00 = linear)\n');
  parts.push(
    grid(
      ['input', 'MB', 'native ms', 'native per byte', 'wasm ms', 'wasm per byte'],
      r.growth.native.map((g, i) => {
        const w = r.growth.wasm[i];
        return [`${g.factor}×`, mb(g.bytes), fmt(g.ms), fmt(g.perByte, 2), fmt(w.ms), fmt(w.perByte, 2)];
      }),
    ),
  );
  for (const [name, b] of Object.entries(r.browsers)) {
    parts.push(`\nIn ${name === 'chromium' ? 'Chromium' : 'Firefox'} (${b.version}); times in ms from the toolbar click\n`);
    parts.push(
      grid(
        ['page', 'HTML KB', 'ranges', 'toggle→painted', 'longest task', 'longest gap', 'off: task', 'off: gap', 'read', 'scan', 'messages', 'scan+messages/read', 'paint', 'wasm memory MB'],
        b.pages.map((p) => [
          p.page,
          fmt(p.bytes / 1e3, 0),
          p.ranges,
          fmt(p.paintedMs, 0),
          fmt(p.longestTaskMs, 0),
          fmt(p.longestGapMs, 0),
          fmt(p.offLongestTaskMs, 0),
          fmt(p.offLongestGapMs, 0),
          fmt(p.readMs),
          fmt(p.scanMs),
          fmt(p.messagesMs),
          p.scanMs === undefined ? '–' : fmt((p.scanMs + p.messagesMs) / p.readMs, 2),
          fmt(p.paintMs),
          p.wasmMemoryBytes === undefined ? '–' : mb(p.wasmMemoryBytes),
        ]),
      ),
    );
  }
  for (const [name, b] of Object.entries(r.browsers)) {
    for (const p of b.pages) {
      for (const [when, ms, inside] of [['on', p.longestTaskMs, p.longestTaskInside], ['off', p.offLongestTaskMs, p.offLongestTaskInside]]) {
        if (!(ms > BUDGET.longTaskMs)) continue;
        const what = inside.map((x) => `${x.what} ${fmt(x.ms, 0)} ms`).join(', ');
        parts.push(`${name}, ${p.page}, toggling ${when}: the ${fmt(ms, 0)} ms task holds ${what || 'no named slices'}`);
      }
    }
  }
  parts.push(`\nWebAssembly module: ${fmt(r.size.raw / 1e3)} KB raw, ${fmt(r.size.gzip / 1e3)} KB gzip -9\n`);
  parts.push(
    grid(
      ['budget', 'measured', 'limit', 'holds'],
      r.budgets.map((b) => [b.name, fmt(b.value, b.value >= 1000 ? 0 : 2), b.limit, b.pass ? 'yes' : 'NO']),
    ),
  );
  return parts.join('\n');
}

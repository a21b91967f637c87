// Reads the small TOML files the JavaScript tests share with the Rust ones
// (tests/fixtures/seed-expected.toml, tests/fixtures/html/data-roles.toml):
// arrays of tables ([[must]], [[case]]) holding one-line string and boolean
// keys, with comments. That is all they use, so no TOML library is needed.
export function parseTables(text, file) {
  const out = {};
  let current = null;
  for (const raw of text.split('\n')) {
    const line = stripComment(raw).trim();
    if (!line) continue;
    const table = /^\[\[(\w+)\]\]$/.exec(line);
    if (table) {
      current = {};
      (out[table[1]] ??= []).push(current);
      continue;
    }
    const kv = /^(\w+)\s*=\s*(.+)$/.exec(line);
    if (!kv || !current) throw new Error(`${file}: cannot read line: ${raw}`);
    const v = kv[2].trim();
    if (v === 'true' || v === 'false') current[kv[1]] = v === 'true';
    else if (/^".*"$/.test(v)) current[kv[1]] = JSON.parse(v);
    else throw new Error(`${file}: unsupported value: ${raw}`);
  }
  return out;
}

export function parseSeedExpectations(text) {
  return { must: [], should: [], must_not: [], ...parseTables(text, 'seed-expected.toml') };
}

function stripComment(line) {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') inString = !inString;
    else if (line[i] === '#' && !inString) return line.slice(0, i);
  }
  return line;
}

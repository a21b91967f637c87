// Reads tests/fixtures/seed-expected.toml: arrays of tables ([[must]],
// [[should]], [[must_not]]) holding string and boolean keys, with comments.
// That is all the file uses, so no TOML library is needed for it.
export function parseSeedExpectations(text) {
  const out = { must: [], should: [], must_not: [] };
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
    if (!kv || !current) throw new Error(`seed-expected.toml: cannot read line: ${raw}`);
    const v = kv[2].trim();
    if (v === 'true' || v === 'false') current[kv[1]] = v === 'true';
    else if (/^".*"$/.test(v)) current[kv[1]] = JSON.parse(v);
    else throw new Error(`seed-expected.toml: unsupported value: ${raw}`);
  }
  return out;
}

function stripComment(line) {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') inString = !inString;
    else if (line[i] === '#' && !inString) return line.slice(0, i);
  }
  return line;
}

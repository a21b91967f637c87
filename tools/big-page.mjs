// Huge pages for the e2e tests and the bench, generated on request so the
// repository holds no such file: an article of varied paragraphs, and one
// that is a single paragraph.
const SENTENCES = [
  'Officials said the %N% new stations would open next year.',
  'Several analysts said the plan was the most ambitious in a decade.',
  'The minister, Clara Weiss, told reporters that costs had risen by %N% percent.',
  'Critics claimed that the figures were clearly inflated.',
  'It was probably the largest programme of its kind.',
  'A senior official who spoke on condition of anonymity said talks had stalled.',
  'Everyone knows the line will be late.',
  'The report, published by the audit office, found %N% defects in the first section.',
  'Work resumed on Tuesday after a short pause.',
  'He added that the schedule would not change.',
];

export function bigPage(targetBytes = 5 * 1024 * 1024) {
  const parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A very long article</title></head><body><article><h1>A very long article</h1>'];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    let p = '<p>';
    for (let k = 0; k < 6; k++) {
      const s = SENTENCES[(i * 7 + k * 3) % SENTENCES.length].replace('%N%', String(((i + 1) * (k + 3)) % 997));
      p += k === 2 ? `<em>${s}</em> ` : `${s} `;
    }
    p += '</p>\n';
    parts.push(p);
    size += p.length;
  }
  parts.push('</article></body></html>');
  return parts.join('');
}

/** An article that is one paragraph of about `targetBytes`: no block boundary to cut it at. */
export function oneParagraphPage(targetBytes = 2 * 1024 * 1024) {
  const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>One long paragraph</title></head><body><article><h1>One long paragraph</h1><p>';
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < targetBytes; i++) {
    const s = `${SENTENCES[(i * 7) % SENTENCES.length].replace('%N%', String((i * 13) % 997))} `;
    parts.push(s);
    size += s.length;
  }
  parts.push('</p></article></body></html>');
  return parts.join('');
}

// A long encyclopedia-style article, generated (every word invented here),
// shaped like a wiki page where toggling is hardest on the page's thread:
// a skin with a thousand-odd class rules, a site header and sidebar, an
// infobox, a table of contents, sections with edit links, thumbnails,
// citations after most sentences, a long reference list and navigation
// boxes; some 7 000 elements, most of them visible, and 500-odd
// highlights in the article.

/** A small deterministic generator (mulberry32): the same page, and the same bench corpus, on every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = ['Ilse Marrow', 'Tomas Feld', 'Anouk Brenner', 'Rafael Osterberg', 'Mira Kallas', 'Jon Hadley', 'Greta Lindqvist', 'Pavel Dorn'];
const BODIES = ['the harbour authority', 'the regional council', 'the transport ministry', 'the port workers’ union', 'the audit office', 'the chamber of commerce'];
const PLACES = ['Vellmar', 'the Orsund delta', 'Kessin', 'the northern quarter', 'Brask', 'the old town', 'Lunde', 'the canal district'];
const THINGS = ['the ferry line', 'the tunnel', 'the grain terminal', 'the tram network', 'the flood barrier', 'the shipyard', 'the rail link', 'the market hall'];

// Sentences by what the core makes of them: attributions (source and cue
// painted), unsourced figures and superlatives, hedged wording, and plain
// narrative that gets nothing. {P} a person, {B} a body, {L} a place, {T}
// a thing, {N} a number, {Y} a year.
const SENTENCES = [
  '{P}, the chief engineer, said that {T} would carry {N} passengers a day.',
  'According to {B}, the cost of {T} rose by {N} percent after {Y}.',
  'Several historians have argued that {T} was built too quickly.',
  'Critics claimed that {B} had ignored the survey of {L}.',
  'A senior official who spoke on condition of anonymity said the budget had been cut.',
  'It is widely believed that the first crossing took place near {L}.',
  '{P} told the council that the works in {L} were on schedule.',
  'In {Y}, {B} reported that {N} households in {L} had been connected.',
  'It was the largest public project in the history of {L}.',
  'Some {N} workers were employed on {T} at its peak.',
  'The decision was clearly a mistake, and everyone knows why.',
  'The line probably reached {L} before the war.',
  'Construction began in {Y} and lasted for several years.',
  '{T} crosses {L} on a series of low arches.',
  'The station at {L} was rebuilt in {Y} to a design by {P}.',
  'Trains run every few minutes during the morning.',
  'He added that the timetable would not change.',
  'The building is listed as a monument of regional importance.',
  'The route follows the old towpath along the river.',
  'A second platform was added when the yard was extended.',
  'The bridge over the canal has a span of iron girders.',
  'Freight traffic moved to the new terminal at {L}.',
  'Its terminus lies close to the fish market.',
  'The company also ran a small fleet of steam tugs.',
  'Passenger services ended when the road bridge opened.',
  'The original signal box still stands beside the track.',
  'Goods were carried in covered wagons painted green.',
  'The engine shed was converted into a museum.',
  'The works were financed by local merchants.',
  'A branch to the quarry was opened a few years later.',
  'The line was electrified after the second world war.',
  'Today the viaduct carries a footpath and a cycle lane.',
];

function fill(s, next) {
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  return s
    .replace(/\{P\}/g, () => pick(PEOPLE))
    .replace(/\{B\}/g, () => pick(BODIES))
    .replace(/\{L\}/g, () => pick(PLACES))
    .replace(/\{T\}/g, () => pick(THINGS))
    .replace(/\{N\}/g, () => String(20 + Math.floor(next() * 9000)))
    .replace(/\{Y\}/g, () => String(1850 + Math.floor(next() * 160)));
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// Made-up names for labels and links, from syllables: numbers there would read as figures.
const SYLLABLES = ['ver', 'ka', 'lin', 'do', 'mar', 'sel', 'tor', 'bri', 'an', 'os', 'hel', 'wen'];
const nameOf = (i) => cap(SYLLABLES[i % 12] + SYLLABLES[Math.floor(i / 12) % 12] + SYLLABLES[Math.floor(i / 144) % 12]);

/** A skin: rules over the classes the page uses, as a wiki skin and its gadgets would have. */
function skinCss(next) {
  const classes = ['mw-body', 'mw-content', 'vector-menu', 'vector-tab', 'infobox', 'navbox', 'reflist', 'thumb', 'hatnote', 'toc', 'mw-heading', 'reference', 'citation', 'portal', 'catlinks', 'sidebar', 'mw-editsection', 'navbox-list', 'navbox-group', 'plainlist'];
  const tags = ['a', 'li', 'span', 'div', 'td', 'th', 'ul', 'p', 'sup', 'cite', 'b', 'i', 'h2', 'h3', 'img'];
  const rules = [
    'html{font-size:100%}body{margin:0;font-family:sans-serif;background:#f8f9fa;color:#202122}',
    'a{color:#3366cc;text-decoration:none}a:visited{color:#795cb2}a:hover{text-decoration:underline}',
    '.mw-body{margin-left:11em;padding:1.25em 1.5em;background:#fff;border:1px solid #a7d7f9;line-height:1.6}',
    '.mw-content p{margin:.5em 0}.mw-heading{font-family:serif;border-bottom:1px solid #a2a9b1}',
    '.sidebar{position:absolute;top:5em;left:0;width:10em;font-size:.875em}.sidebar li{padding:.25em 0}',
    '.infobox{float:right;clear:right;width:22em;margin:0 0 1em 1em;border:1px solid #a2a9b1;font-size:88%}',
    '.thumb{float:right;clear:right;margin:.5em 0 1.3em 1.4em;width:222px}.thumb .thumbcaption{font-size:94%}',
    '.reference{font-size:80%;line-height:1;vertical-align:super}.reflist{font-size:90%;column-width:30em}',
    '.navbox{border:1px solid #a2a9b1;width:100%;margin:1em auto;font-size:88%;text-align:center}',
    '.navbox-list li{display:inline}.navbox-list li:after{content:" · "}',
    '.toc{display:table;border:1px solid #a2a9b1;background:#f8f9fa;padding:7px;font-size:95%}',
  ];
  for (let i = 0; i < 1100; i++) {
    const c = classes[i % classes.length];
    const c2 = classes[Math.floor(next() * classes.length)];
    const t = tags[Math.floor(next() * tags.length)];
    const kind = i % 6;
    const decl = `margin-left:${i % 7}px;color:#${(0x202122 + i * 97).toString(16).slice(-6)}`;
    if (kind === 0) rules.push(`.${c} .${c2} ${t}{${decl}}`);
    else if (kind === 1) rules.push(`.${c} > ${t}:not(.x${i}){${decl}}`);
    else if (kind === 2) rules.push(`.${c} ${t}[href^="#x${i}"]{${decl}}`);
    else if (kind === 3) rules.push(`body.skin-${i % 9} .${c} ${t}:first-child{${decl}}`);
    else if (kind === 4) rules.push(`.${c}-${i} ${t}, .${c2}-${i}{${decl}}`);
    else rules.push(`#content .${c} ${t}:hover{${decl}}`);
  }
  return rules.join('\n');
}

/** The page's HTML. */
export function wikiPage() {
  const next = random(540);
  const out = [];
  const push = (...s) => out.push(...s);
  let ref = 0;
  const cite = () => {
    ref++;
    return `<sup id="cite_ref-${ref}" class="reference"><a href="#cite_note-${ref}">[${ref}]</a></sup>`;
  };
  push(`<!DOCTYPE html><html lang="en" class="client-js"><head><meta charset="utf-8"><title>The harbour railway of Vellmar</title><style>${skinCss(next)}</style></head>`);
  push('<body class="skin-vector mediawiki ltr"><div id="mw-page-base"></div>');
  push('<header class="vector-header"><a class="mw-logo" href="#">Wiki</a><form role="search" class="search"><input name="q" placeholder="Search"></form>');
  push('<nav class="vector-menu vector-tab"><ul>');
  for (const t of ['Article', 'Talk', 'Read', 'Edit', 'View history', 'Tools']) push(`<li class="vector-tab"><a href="#x-${t}">${t}</a></li>`);
  push('</ul></nav></header>');
  push('<nav id="mw-panel" class="sidebar"><div class="portal"><ul>');
  for (let i = 0; i < 160; i++) push(`<li id="n-${i}" class="mw-list-item"><a href="#x${i}"><span>${nameOf(i)}</span></a></li>`);
  push('</ul></div></nav>');
  push('<main id="content" class="mw-body"><h1 id="firstHeading" class="firstHeading mw-first-heading"><span class="mw-page-title-main">The harbour railway of Vellmar</span></h1>');
  push('<div id="bodyContent" class="vector-body"><div id="mw-content-text" class="mw-body-content mw-content"><div class="mw-parser-output">');
  push('<div role="note" class="hatnote navigation-not-searchable">For the tram line, see <a href="#x">Vellmar trams</a>.</div>');
  push('<table class="infobox vcard"><tbody><tr><th colspan="2" class="infobox-above">Harbour railway of Vellmar</th></tr>');
  for (let i = 0; i < 28; i++) push(`<tr><th scope="row" class="infobox-label">${nameOf(i)}</th><td class="infobox-data"><a href="#x${i}">${cap(THINGS[i % THINGS.length])}</a> <span class="nowrap">(${nameOf(i + 40)})</span></td></tr>`);
  push('</tbody></table>');
  const sections = 28;
  push('<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading"><div class="toctitle"><h2 id="mw-toc-heading">Contents</h2></div><ul>');
  for (let s = 1; s <= sections; s++) push(`<li class="toclevel-1 tocsection-${s}"><a href="#Section_${s}"><span class="tocnumber">${s}</span> <span class="toctext">${cap(THINGS[s % THINGS.length])} and ${PLACES[s % PLACES.length]}</span></a></li>`);
  push('</ul></div>');
  for (let s = 1; s <= sections; s++) {
    push(`<div class="mw-heading mw-heading2"><h2 id="Section_${s}">${cap(THINGS[s % THINGS.length])} and ${PLACES[s % PLACES.length]}</h2><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="#edit-${s}">edit</a><span class="mw-editsection-bracket">]</span></span></div>`);
    if (s % 4 === 0) {
      push(`<figure class="thumb tright" typeof="mw:File/Thumb"><a href="#file-${s}" class="mw-file-description"><img alt="" width="220" height="150" style="background:#ccd"></a><figcaption class="thumbcaption">${fill('{T} near {L} in {Y}.', next)}</figcaption></figure>`);
    }
    const paragraphs = 4 + (s % 3);
    for (let p = 0; p < paragraphs; p++) {
      push('<p>');
      const n = 4 + Math.floor(next() * 4);
      for (let k = 0; k < n; k++) {
        let sentence = fill(SENTENCES[Math.floor(next() * SENTENCES.length)], next);
        // Links on names of things and places, emphasis now and then, as wiki text has them.
        sentence = sentence.replace(/\b(the (?:ferry line|tunnel|grain terminal|tram network|flood barrier|shipyard|rail link|market hall)|Vellmar|Kessin|Brask|Lunde)\b/, (m) => `<a href="#x-${encodeURIComponent(m)}" title="${m}">${m}</a>`);
        if (next() < 0.1) sentence = sentence.replace(/^(\S+ \S+)/, '<b>$1</b>');
        push(`${sentence}${next() < 0.7 ? cite() : ''} `);
      }
      push('</p>');
    }
    if (s % 6 === 0) {
      push('<ul>');
      for (let i = 0; i < 5; i++) push(`<li>${fill(SENTENCES[(s + i * 5) % SENTENCES.length], next)}${cite()}</li>`);
      push('</ul>');
    }
  }
  push('<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div><div class="reflist"><ol class="references">');
  for (let i = 1; i <= ref; i++) {
    push(`<li id="cite_note-${i}"><span class="mw-cite-backlink"><b><a href="#cite_ref-${i}">^</a></b></span> <span class="reference-text"><cite class="citation book cs1">${PEOPLE[i % PEOPLE.length]} (${1950 + (i % 70)}). <a class="external text" href="#ext-${i}"><i>Records of ${PLACES[i % PLACES.length]}: ${nameOf(i)}</i></a>. ${cap(BODIES[i % BODIES.length])}.</cite></span></li>`);
  }
  push('</ol></div>');
  for (let b = 0; b < 3; b++) {
    push(`<div role="navigation" class="navbox" aria-label="Navbox ${b}"><table class="nowraplinks navbox-inner"><tbody><tr><th class="navbox-title" colspan="2">Railways of ${PLACES[b]}</th></tr>`);
    for (let r = 0; r < 12; r++) {
      push(`<tr><th class="navbox-group">${nameOf(r + 300)}</th><td class="navbox-list navbox-odd"><div><ul>`);
      for (let k = 0; k < 12; k++) push(`<li><a href="#nav-${b}-${r}-${k}">${nameOf(b * 144 + r * 12 + k)}</a></li>`);
      push('</ul></div></td></tr>');
    }
    push('</tbody></table></div>');
  }
  push('<div id="catlinks" class="catlinks"><ul>');
  for (let i = 0; i < 12; i++) push(`<li><a href="#cat-${i}">Railways of ${nameOf(i + 500)}</a></li>`);
  push('</ul></div></div></div></div></main>');
  push('<footer id="footer" class="mw-footer"><ul>');
  for (let i = 0; i < 10; i++) push(`<li><a href="#f-${i}">${nameOf(i + 600)}</a></li>`);
  push('</ul></footer></body></html>');
  return out.join('');
}

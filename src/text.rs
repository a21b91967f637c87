//! Stage 1: split text into blocks, tokens, sentences and quotations, and map
//! UTF-8 byte offsets (what Rust slices by) to UTF-16 code units (what the
//! DOM and the JSON contract count in).

use serde::Deserialize;

use crate::lexicon::{self, Lexicon, WordId};

/// What a block of text is on the page. Headlines, captions and bylines are
/// not read as claims, nor is data (table cells, code); quotes and list items
/// are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Paragraph,
    Heading,
    Caption,
    Byline,
    Quote,
    List,
    /// Tables, infoboxes, preformatted code: figures there are data, not
    /// claims.
    Data,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Paragraph,
        Role::Heading,
        Role::Caption,
        Role::Byline,
        Role::Quote,
        Role::List,
        Role::Data,
    ];

    /// Prose, where the writer asserts things: not page furniture
    /// (headlines, captions, bylines) nor data. Only prose holds unsourced
    /// claims.
    pub fn is_prose(self) -> bool {
        matches!(self, Role::Paragraph | Role::Quote | Role::List)
    }

    /// The role's name, as the extension and the JSON Lines blocks spell it
    /// (the inverse of `parse`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Paragraph => "paragraph",
            Role::Heading => "heading",
            Role::Caption => "caption",
            Role::Byline => "byline",
            Role::Quote => "quote",
            Role::List => "list",
            Role::Data => "data",
        }
    }

    /// A role by its name; an unknown name is read as a paragraph.
    pub fn parse(name: &str) -> Role {
        Role::ALL
            .into_iter()
            .find(|r| r.name() == name)
            .unwrap_or_default()
    }
}

/// One block of input: a paragraph, heading, caption…
#[derive(Debug, Clone, Copy)]
pub struct Block<'a> {
    pub text: &'a str,
    pub role: Role,
}

/// What blocks are joined with in the flat text: a blank line, as the
/// README's "Machine output" says, so that offsets match the text the
/// extension builds.
pub const BLOCK_SEPARATOR: &str = "\n\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// Sentence and clause punctuation, dashes, brackets.
    Punct,
    /// A double quotation mark (or a typographic single one) that opens.
    OpenQuote,
    CloseQuote,
    /// Anything else: symbols, emoji, currency signs.
    Symbol,
}

#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    /// Range of the lowercased form in `Doc::lower`.
    lo_start: u32,
    lo_end: u32,
    pub kind: TokKind,
    /// A line break lies between the previous token and this one.
    pub newline_before: bool,
    /// Inside a quotation (the quote marks themselves are not).
    pub quoted: bool,
    /// Lexicon classes of the word (see `lexicon::class`).
    pub class: u64,
    /// The word's number in the lexicon, if any list has it.
    pub id: Option<WordId>,
    /// Starts with a capital letter.
    pub cap: bool,
    /// 1 + the index of the last quotation (opened before it) that closes
    /// at this token; 0 for none. Fits in the struct's padding.
    closes: u32,
}

impl Token {
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Token indices `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokRange {
    pub start: usize,
    pub end: usize,
}

impl TokRange {
    pub fn new(start: usize, end: usize) -> TokRange {
        TokRange { start, end }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.start <= i && i < self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Token indices `tok_start..tok_end`.
    pub tok_start: usize,
    pub tok_end: usize,
    pub block: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct BlockSpan {
    pub role: Role,
    pub tok_start: usize,
    pub tok_end: usize,
    pub sent_start: usize,
    pub sent_end: usize,
}

/// A quotation: from its opening mark to its closing mark, both included.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    pub open_tok: usize,
    /// The closing mark, or the last token of the block when the quote runs
    /// on into the next paragraph (the newspaper convention).
    pub close_tok: usize,
    pub closed: bool,
    /// Opened in a paragraph that continues a quotation left open before.
    pub continued: bool,
}

/// Text with everything the later stages need to look at it.
pub struct Doc<'t> {
    pub text: &'t str,
    pub blocks: Vec<BlockSpan>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    lower: String,
    pub utf16: Utf16Map,
    /// Work done on this text by the later stages, counted where they look
    /// at a token or try a frame (see [`Doc::work`]).
    #[cfg(feature = "work-count")]
    looked: std::cell::Cell<u64>,
}

impl<'t> Doc<'t> {
    /// Analyse `text`, already divided into blocks given as byte ranges.
    pub fn new(text: &'t str, blocks: &[(usize, usize, Role)]) -> Doc<'t> {
        let lex = lexicon::get();
        let mut doc = Doc {
            text,
            blocks: Vec::with_capacity(blocks.len()),
            tokens: Vec::with_capacity(text.len() / 5),
            sentences: Vec::new(),
            quotes: Vec::new(),
            lower: String::with_capacity(text.len()),
            utf16: Utf16Map::new(text),
            #[cfg(feature = "work-count")]
            looked: std::cell::Cell::new(0),
        };
        let mut quote_open_at_end = false;
        for &(start, end, role) in blocks {
            let tok_start = doc.tokens.len();
            tokenize(&mut doc, lex, start, end);
            let tok_end = doc.tokens.len();
            let sent_start = doc.sentences.len();
            let block_index = doc.blocks.len();
            quote_open_at_end = mark_quotes(&mut doc, tok_start, tok_end, quote_open_at_end);
            split_sentences(&mut doc, lex, block_index, tok_start, tok_end);
            let sent_end = doc.sentences.len();
            doc.blocks.push(BlockSpan {
                role,
                tok_start,
                tok_end,
                sent_start,
                sent_end,
            });
        }
        for (i, q) in doc.quotes.iter().enumerate() {
            if q.open_tok < q.close_tok {
                doc.tokens[q.close_tok].closes = i as u32 + 1;
            }
        }
        doc
    }

    /// Plain text: blocks are separated by blank lines, all paragraphs.
    #[cfg(any(test, feature = "train"))]
    pub fn from_plain(text: &'t str) -> Doc<'t> {
        Doc::new(text, &plain_blocks(text))
    }

    /// Count `n` steps of work: a token looked at, a frame tried, a
    /// quotation passed over. Only with the `work-count` feature (the
    /// tests'); the shipped builds compile it to nothing.
    #[inline(always)]
    pub fn tick(&self, n: u64) {
        #[cfg(feature = "work-count")]
        self.looked.set(self.looked.get() + n);
        #[cfg(not(feature = "work-count"))]
        let _ = n;
    }

    /// The work done on the text: its tokens and sentences made, and every
    /// step counted since. Deterministic, so the linear-time tests can
    /// compare it across input sizes without a clock.
    #[cfg(feature = "work-count")]
    pub fn work(&self) -> u64 {
        (self.tokens.len() + self.sentences.len()) as u64 + self.looked.get()
    }

    /// The lowercased form of a token (curly apostrophes made straight).
    pub fn lower(&self, i: usize) -> &str {
        self.tick(1);
        let t = &self.tokens[i];
        &self.lower[t.lo_start as usize..t.lo_end as usize]
    }

    /// The token's text as written.
    pub fn tok_text(&self, i: usize) -> &'t str {
        self.tick(1);
        &self.text[self.tokens[i].range()]
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        i < self.tokens.len() && self.lower(i) == word
    }

    pub fn has(&self, i: usize, class: u64) -> bool {
        self.tick(1);
        i < self.tokens.len() && self.tokens[i].class & class != 0
    }

    /// Starts with a capital letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.tick(1);
        self.tokens[i].cap
    }

    pub fn sentence_of(&self, tok: usize) -> usize {
        self.sentences
            .partition_point(|s| s.tok_end <= tok)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The quotation whose closing mark is token `close`, if any: of those
    /// that close there (several unclosed ones may end a block), the last
    /// to open before it. Noted on the token; a walk back through the
    /// earlier quotations cost time quadratic in their number on text where
    /// the marks pair up badly (`"Yes," she said, "` again and again).
    pub fn quote_closing_at(&self, close: usize) -> Option<&Quote> {
        self.tick(1);
        let q = self.tokens.get(close)?.closes.checked_sub(1)?;
        Some(&self.quotes[q as usize])
    }
}

/// Byte ranges of the blank-line separated blocks of plain text.
pub fn plain_blocks(text: &str) -> Vec<(usize, usize, Role)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_content_end = 0;
    let mut line_start = 0;
    // `split` finds line ends with a fast byte search.
    for line in text.split('\n') {
        let trimmed_end = line.trim_end();
        if trimmed_end.trim_start().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, last_content_end, Role::Paragraph));
            }
        } else {
            if start.is_none() {
                start = Some(line_start + line.len() - line.trim_start().len());
            }
            last_content_end = line_start + trimmed_end.len();
        }
        line_start += line.len() + 1;
    }
    if let Some(s) = start {
        out.push((s, last_content_end, Role::Paragraph));
    }
    out
}

/// Join blocks into one text with `BLOCK_SEPARATOR`, returning the text and
/// each block's byte range in it.
pub fn join_blocks(blocks: &[Block]) -> (String, Vec<(usize, usize, Role)>) {
    let total: usize = blocks.iter().map(|b| b.text.len() + 2).sum();
    let mut text = String::with_capacity(total);
    let mut ranges = Vec::with_capacity(blocks.len());
    for (n, b) in blocks.iter().enumerate() {
        if n > 0 {
            text.push_str(BLOCK_SEPARATOR);
        }
        let start = text.len();
        text.push_str(b.text);
        ranges.push((start, text.len(), b.role));
    }
    (text, ranges)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (accents written as separate code points) and joiners
/// belong to the word they follow.
fn is_mark(c: char) -> bool {
    (c as u32) >= 0x0300
        && matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// The char starting at byte `at` of `s`, decoding only when it is not ASCII:
/// most of any news text is.
#[inline]
fn char_at(s: &str, at: usize) -> Option<char> {
    let b = *s.as_bytes().get(at)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        s[at..].chars().next()
    }
}

fn tokenize(doc: &mut Doc, lex: &Lexicon, start: usize, end: usize) {
    let text = doc.text;
    let s = &text[start..end];
    let mut i = 0;
    let mut newline = false;
    while let Some(c) = char_at(s, i) {
        let width = c.len_utf8();
        if c == ' ' || c.is_whitespace() {
            if c == '\n' || c == '\u{2028}' || c == '\u{2029}' {
                newline = true;
            }
            i += width;
            continue;
        }
        let tok_start = i;
        let (kind, last) = if c.is_ascii_alphabetic() || !c.is_ascii() && c.is_alphabetic() {
            (TokKind::Word, scan_word(s, lex, i + width))
        } else if c.is_ascii_digit() {
            (TokKind::Number, scan_number(s, i + 1))
        } else {
            scan_mark(s, i, c)
        };
        push_token(doc, lex, start + tok_start, start + last, kind, newline);
        newline = false;
        i = last;
    }
}

/// The end of a word whose first char ends at `last`.
fn scan_word(s: &str, lex: &Lexicon, mut last: usize) -> usize {
    let start = {
        // The word's first char is the one just before `last`.
        let mut k = last - 1;
        while !s.is_char_boundary(k) {
            k -= 1;
        }
        k
    };
    let bytes = s.as_bytes();
    loop {
        // Most word characters are ASCII letters: take them a byte at a time.
        while bytes.get(last).is_some_and(u8::is_ascii_alphanumeric) {
            last += 1;
        }
        let Some(c2) = char_at(s, last) else { break };
        if is_word_char(c2) {
            last += c2.len_utf8();
            continue;
        }
        // Internal apostrophes and hyphens keep one word: don't, Clinton's,
        // self-described, COVID-19.
        if !(is_apostrophe(c2) || c2 == '-' || c2 == '.') {
            break;
        }
        let after = char_at(s, last + c2.len_utf8());
        if c2 == '.' {
            // Acronyms with dots: U.S., D.C., a.m., also after a hyphen
            // (D-N.Y., then-U.S.). Every part before the last dot was checked
            // as that dot joined, so only the last part is looked at:
            // rechecking the whole word is quadratic.
            let single = s[start..last]
                .rsplit(['.', '-'])
                .next()
                .is_some_and(|p| p.chars().count() == 1);
            if single && after.is_some_and(char::is_alphabetic) {
                last += 1;
                continue;
            }
            if single && s[start..last].contains('.') {
                // The final dot of U.S. belongs to it.
                last += 1;
            }
            break;
        }
        if after.is_some_and(is_word_char) {
            last += c2.len_utf8();
        } else {
            break;
        }
    }
    // Titles and initials keep their dot: Mr. Sen. J.
    if s[last..].starts_with('.')
        && !s[start..last].ends_with('.')
        && (lex.is_abbreviation(&s[start..last]) || numero(&s[start..last], &s[last + 1..]))
    {
        last += 1;
    }
    last
}

/// "the No. 2 Republican", "Nos. 3 and 4": capitalised "No" before a number
/// is the numero sign. A lowercase "no." ends sentences ("He said no.").
fn numero(word: &str, rest: &str) -> bool {
    matches!(word, "No" | "Nos")
        && rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// The end of a number whose first digit ends at `last`: 30,000, 3.5,
/// 2016-09-12, 10:30, and ordinals and units written on (1st, 1990s, 5m).
fn scan_number(s: &str, mut last: usize) -> usize {
    let b = s.as_bytes();
    while last < b.len() {
        match b[last] {
            b'0'..=b'9' => last += 1,
            b',' | b'.' | b':' | b'/' | b'-' if b.get(last + 1).is_some_and(u8::is_ascii_digit) => {
                last += 1
            }
            _ => match char_at(s, last) {
                Some(c) if c.is_alphabetic() => last += c.len_utf8(),
                _ => break,
            },
        }
    }
    last
}

/// A punctuation mark, quotation mark or symbol at byte `i`: its kind and end.
fn scan_mark(s: &str, i: usize, c: char) -> (TokKind, usize) {
    let mut last = i + c.len_utf8();
    // Two apostrophes (or backticks) stand for a double quotation mark in
    // some archives: ''like this''.
    if (c == '\'' || c == '`') && s[last..].starts_with(c) {
        return (TokKind::CloseQuote, last + 1);
    }
    let kind = match c {
        // Opening or closing is settled in mark_quotes.
        '"' | '“' | '”' | '„' | '«' | '»' => TokKind::CloseQuote,
        '‘' => TokKind::OpenQuote,
        // A lone closing single quote, or an apostrophe before a year ('90s):
        // left as punctuation unless it closes a ‘.
        '’' | '\'' => TokKind::Punct,
        '.' | '!' | '?' | '…' | '-' | '–' | '—' => {
            // Runs of the same mark are one token: ..., ?!, --.
            while let Some(c2) = char_at(s, last) {
                if matches!(c2, '.' | '!' | '?') && matches!(c, '.' | '!' | '?') || c2 == c {
                    last += c2.len_utf8();
                } else {
                    break;
                }
            }
            TokKind::Punct
        }
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '/' => TokKind::Punct,
        _ => {
            // Keep emoji sequences (with modifiers and joiners) whole, and a
            // stray combining mark with them.
            while let Some(c2) = char_at(s, last) {
                if is_mark(c2) || matches!(c2 as u32, 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F) {
                    last += c2.len_utf8();
                } else {
                    break;
                }
            }
            TokKind::Symbol
        }
    };
    (kind, last)
}

fn push_token(doc: &mut Doc, lex: &Lexicon, start: usize, end: usize, kind: TokKind, nl: bool) {
    let lo_start = doc.lower.len();
    let word = &doc.text[start..end];
    if kind == TokKind::Word || kind == TokKind::Number {
        if word.is_ascii() {
            doc.lower.push_str(word);
            doc.lower[lo_start..].make_ascii_lowercase();
        } else {
            for c in word.chars() {
                if c == '’' {
                    doc.lower.push('\'');
                } else {
                    doc.lower.extend(c.to_lowercase());
                }
            }
        }
    } else {
        doc.lower.push_str(word);
    }
    let lo_end = doc.lower.len();
    let (class, id) = if kind == TokKind::Word {
        lex.lookup(&doc.lower[lo_start..lo_end])
    } else {
        (0, None)
    };
    doc.tokens.push(Token {
        start: start as u32,
        end: end as u32,
        lo_start: lo_start as u32,
        lo_end: lo_end as u32,
        kind,
        newline_before: nl,
        quoted: false,
        class,
        id,
        cap: match word.as_bytes().first() {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        },
        closes: 0,
    });
}

/// How deeply quotations nest before further opening marks are ignored.
/// Prose nests two or three deep; the bound keeps hostile input ("“““…") from
/// making every token part of thousands of quotations.
const MAX_QUOTE_DEPTH: usize = 8;

/// Decide which quote marks open and which close, pair them, and mark the
/// tokens between. Returns whether a double quote is still open at the end.
fn mark_quotes(doc: &mut Doc, from: usize, to: usize, open_before: bool) -> bool {
    let text = doc.text;
    // Stack of open marks: (token index, is double).
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let mut continued = false;
    for i in from..to {
        let t = doc.tokens[i];
        // Only quotation marks and apostrophes matter here.
        if matches!(t.kind, TokKind::Word | TokKind::Number | TokKind::Symbol) {
            continue;
        }
        let mark = &text[t.range()];
        let double = match mark {
            "\"" | "“" | "”" | "„" | "«" | "»" | "''" | "``" => true,
            "‘" => false,
            "’" | "'" => {
                // Closes an open single quote when not an apostrophe.
                let open_single = stack.iter().any(|&(_, d)| !d);
                let next_is_letter = text[t.end as usize..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                if open_single && !next_is_letter {
                    while let Some((o, d)) = stack.pop() {
                        if !d {
                            doc.tokens[i].kind = TokKind::CloseQuote;
                            doc.quotes.push(Quote {
                                open_tok: o,
                                close_tok: i,
                                closed: true,
                                continued: false,
                            });
                            break;
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        if !double {
            if stack.len() < MAX_QUOTE_DEPTH {
                stack.push((i, false));
            }
            doc.tokens[i].kind = TokKind::OpenQuote;
            continue;
        }
        let before = text[..t.start as usize].chars().next_back();
        let after = text[t.end as usize..].chars().next();
        let open_double = stack.iter().any(|&(_, d)| d);
        let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-".contains(c));
        let space_after = after.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}—".contains(c));
        let opens = match mark {
            "„" | "«" | "``" => true,
            "»" => false,
            // Curly marks typed the wrong way round ("…her here,“ said
            // Clyburn") are read from where they stand, or the stray opening
            // mark would swallow the rest of the paragraph as quoted.
            "“" => !(open_double && !space_before && space_after),
            "”" => !open_double && space_before && !space_after,
            _ => {
                if space_before && !space_after {
                    true
                } else if space_after && !space_before {
                    false
                } else {
                    !open_double
                }
            }
        };
        if opens {
            if i == from && open_before {
                continued = true;
            }
            doc.tokens[i].kind = TokKind::OpenQuote;
            if stack.len() < MAX_QUOTE_DEPTH {
                stack.push((i, true));
            }
        } else {
            doc.tokens[i].kind = TokKind::CloseQuote;
            // Close the innermost double quote, dropping unclosed singles.
            while let Some((o, d)) = stack.pop() {
                if d {
                    doc.quotes.push(Quote {
                        open_tok: o,
                        close_tok: i,
                        closed: true,
                        continued: continued && o == from,
                    });
                    break;
                }
            }
        }
    }
    // Marks left open run to the end of the block.
    let mut open_at_end = false;
    for (o, d) in stack {
        if d && to > o + 1 {
            open_at_end = true;
            doc.quotes.push(Quote {
                open_tok: o,
                close_tok: to - 1,
                closed: false,
                continued: continued && o == from,
            });
        }
    }
    // Quotes are sorted per block; keep the whole list ordered.
    let first_new = doc.quotes.partition_point(|q| q.open_tok < from);
    doc.quotes[first_new..].sort_unstable_by_key(|q| q.open_tok);
    for qi in first_new..doc.quotes.len() {
        let q = doc.quotes[qi];
        for t in &mut doc.tokens[q.open_tok + 1..q.close_tok.max(q.open_tok + 1)] {
            t.quoted = true;
        }
        if !q.closed {
            doc.tokens[q.close_tok].quoted = true;
        }
    }
    open_at_end
}

/// No sentence runs longer than this. The longest in the PolNeAR news corpus
/// has 220 tokens; text with no sentence ends at all (tables, hostile input)
/// would otherwise make one sentence of a whole block, and the later stages,
/// which look across a sentence once per cue, quadratic in its length.
const MAX_SENTENCE_TOKENS: usize = 400;

fn split_sentences(doc: &mut Doc, lex: &Lexicon, block: usize, from: usize, to: usize) {
    let mut start = from;
    let mut i = from;
    while i < to {
        let t = doc.tokens[i];
        let mut boundary_after: Option<usize> = None;
        // A line break inside a block ends the sentence before it; so does
        // running past any real sentence's length (see MAX_SENTENCE_TOKENS).
        if i > start && (t.newline_before || i - start >= MAX_SENTENCE_TOKENS) {
            push_sentence(doc, block, start, i);
            start = i;
        }
        if t.kind == TokKind::Number || t.kind == TokKind::Symbol {
            i += 1;
            continue;
        }
        let text = &doc.text[t.range()];
        let ends = t.kind == TokKind::Punct
            && text.starts_with(['.', '!', '?', '…'])
            && !(text == "." && i > from && is_number_dot(doc, i));
        let abbrev_end = t.kind == TokKind::Word && text.ends_with('.');
        if ends || abbrev_end {
            // Swallow closing quotes and brackets that follow, and citation
            // markers: "…in 1850.[3][4] The…".
            let mut j = i + 1;
            while j < to && !doc.tokens[j].newline_before {
                if doc.tokens[j].kind == TokKind::CloseQuote
                    || matches!(&doc.text[doc.tokens[j].range()], ")" | "]")
                {
                    j += 1;
                } else if let Some(after) = citation_marker_end(doc, j, to) {
                    j = after;
                } else {
                    break;
                }
            }
            if j >= to {
                boundary_after = Some(to);
            } else {
                let next = &doc.tokens[j];
                let next_text = &doc.text[next.range()];
                let next_word = if next.kind == TokKind::OpenQuote || next_text == "(" {
                    doc.tokens.get(j + 1).filter(|_| j + 1 < to)
                } else {
                    Some(next)
                };
                let upper = next_word.is_some_and(|n| {
                    doc.text[n.range()]
                        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                });
                if upper || next.newline_before {
                    let ok = if abbrev_end {
                        // After U.S. or Inc. only when a sentence plainly starts.
                        let lw = &doc.lower[next.lo_start as usize..next.lo_end as usize];
                        lex.ends_sentence_after(&doc.lower[t.lo_start as usize..t.lo_end as usize])
                            && lex.is_sentence_starter(lw)
                    } else {
                        true
                    };
                    if ok || next.newline_before {
                        boundary_after = Some(j);
                    }
                }
            }
        }
        if let Some(b) = boundary_after {
            push_sentence(doc, block, start, b);
            start = b;
            i = b;
        } else {
            i += 1;
        }
    }
    if start < to {
        push_sentence(doc, block, start, to);
    }
}

/// "[12]" starting at token `i`: a reference marker (Wikipedia's, a
/// paper's); the token after it.
pub fn citation_marker_end(doc: &Doc, i: usize, to: usize) -> Option<usize> {
    (i + 2 < to
        && doc.tok_text(i) == "["
        && doc.tokens[i + 1].kind == TokKind::Number
        && doc.tok_text(i + 2) == "]")
        .then_some(i + 3)
}

/// A dot between digits is a decimal point, not an ending (tokenizer keeps
/// those together, but "No. 5" style tokens still come through here).
fn is_number_dot(doc: &Doc, i: usize) -> bool {
    let prev = &doc.tokens[i - 1];
    prev.kind == TokKind::Number && prev.end == doc.tokens[i].start && {
        let next = doc.tokens.get(i + 1);
        next.is_some_and(|n| n.kind == TokKind::Number && n.start == doc.tokens[i].end)
    }
}

fn push_sentence(doc: &mut Doc, block: usize, from: usize, to: usize) {
    if from >= to {
        return;
    }
    doc.sentences.push(Sentence {
        start: doc.tokens[from].start as usize,
        end: doc.tokens[to - 1].end as usize,
        tok_start: from,
        tok_end: to,
        block,
    });
}

/// Converts UTF-8 byte offsets into UTF-16 code-unit offsets in O(1) amortised
/// time with a checkpoint every 64 bytes.
pub struct Utf16Map {
    ascii: bool,
    /// UTF-16 offset of the first char boundary at or after each 64-byte mark,
    /// with that boundary's byte offset.
    marks: Vec<(u32, u32)>,
    text_len: usize,
}

const MARK_EVERY: usize = 64;

impl Utf16Map {
    pub fn new(text: &str) -> Utf16Map {
        if text.is_ascii() {
            return Utf16Map {
                ascii: true,
                marks: Vec::new(),
                text_len: text.len(),
            };
        }
        let bytes = text.as_bytes();
        let mut marks = Vec::with_capacity(bytes.len() / MARK_EVERY + 1);
        let mut u16pos = 0u32;
        let mut prev = 0usize;
        // Bytes, not chars: a char starts at every byte that is not a
        // continuation byte, and a four-byte char is two UTF-16 units.
        let units = |range: &[u8]| -> u32 {
            range
                .iter()
                .map(|&b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0))
                .sum()
        };
        for mark in (0..bytes.len()).step_by(MARK_EVERY) {
            let mut b = mark.max(prev);
            while b < bytes.len() && bytes[b] & 0xC0 == 0x80 {
                b += 1;
            }
            u16pos += units(&bytes[prev..b]);
            marks.push((b as u32, u16pos));
            prev = b;
        }
        Utf16Map {
            ascii: false,
            marks,
            text_len: text.len(),
        }
    }

    /// UTF-16 offset of byte offset `b`, which must be a char boundary.
    pub fn to_utf16(&self, text: &str, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        let b = b.min(self.text_len);
        let k = (b / MARK_EVERY).min(self.marks.len().saturating_sub(1));
        let (mut mb, mut mu) = self.marks.get(k).copied().unwrap_or((0, 0));
        if mb as usize > b {
            // The mark sits past b (a long char straddled the boundary).
            let (pb, pu) = if k > 0 { self.marks[k - 1] } else { (0, 0) };
            mb = pb;
            mu = pu;
        }
        let mut u = mu as usize;
        for c in text[mb as usize..b].chars() {
            u += c.len_utf16();
        }
        u
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Doc::from_plain(text);
        doc.sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Mr. Smith met Sen. Jones in Washington. They talked."),
            vec!["Mr. Smith met Sen. Jones in Washington.", "They talked."]
        );
        assert_eq!(
            sentences("John F. Kennedy spoke. The U.S. Senate voted."),
            vec!["John F. Kennedy spoke.", "The U.S. Senate voted."]
        );
        assert_eq!(
            sentences("He moved to the U.S. He liked it."),
            vec!["He moved to the U.S.", "He liked it."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("“We will win.” He smiled. “Why?” she asked."),
            vec!["“We will win.”", "He smiled.", "“Why?” she asked."]
        );
    }

    #[test]
    fn ellipsis_before_lowercase_does_not_split() {
        assert_eq!(
            sentences("It was … well, odd. Next."),
            vec!["It was … well, odd.", "Next."]
        );
    }

    #[test]
    fn decimals_and_thousands_are_one_token() {
        let doc = Doc::from_plain("Some 30,000 people paid $3.5 million, or 12.5%.");
        let words: Vec<&str> = (0..doc.tokens.len()).map(|i| doc.tok_text(i)).collect();
        assert!(words.contains(&"30,000") && words.contains(&"3.5") && words.contains(&"12.5"));
        assert_eq!(doc.sentences.len(), 1);
    }

    #[test]
    fn quotes_pair_and_run_across_sentences() {
        let text = "“We came. We saw,” he said.";
        let doc = Doc::from_plain(text);
        assert_eq!(doc.quotes.len(), 1);
        let q = doc.quotes[0];
        assert_eq!(doc.tok_text(q.open_tok), "“");
        assert_eq!(doc.tok_text(q.close_tok), "”");
        assert!(doc.tokens[1].quoted);
    }

    #[test]
    fn straight_quotes_are_told_apart_by_spacing() {
        let doc = Doc::from_plain("He said \"no\" and left.");
        assert_eq!(doc.quotes.len(), 1);
        assert_eq!(doc.tok_text(doc.quotes[0].open_tok + 1), "no");
    }

    #[test]
    fn plain_blocks_split_on_blank_lines() {
        let text = "One.\nStill one.\n\n  \nTwo.\n";
        let b = plain_blocks(text);
        assert_eq!(b.len(), 2);
        assert_eq!(&text[b[0].0..b[0].1], "One.\nStill one.");
        assert_eq!(&text[b[1].0..b[1].1], "Two.");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "a😀é\u{301}b".repeat(40);
        let map = Utf16Map::new(&text);
        for (b, _) in text.char_indices() {
            let expected: usize = text[..b].encode_utf16().count();
            assert_eq!(map.to_utf16(&text, b), expected, "byte {b}");
        }
        assert_eq!(map.to_utf16(&text, text.len()), text.encode_utf16().count());
    }
}

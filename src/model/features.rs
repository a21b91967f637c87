//! What the attribution tagger sees of each token: hashed features.
//!
//! Every feature is a template number and one or two values (a word's hash,
//! a lexicon class bit, a distance bin…) mixed into one bucket of a table of
//! `2^BITS` weights. Hashing keeps the model small and keeps text out of it:
//! the committed weights hold bucket numbers, never words. Training (the
//! `train/` crate) and inference call these same functions, so the two can
//! never disagree on what a feature is.
//!
//! Two taggers read them. The cue tagger reads a sentence and marks the
//! words that attribute (*said*, *according to*, *is expected*). The role
//! tagger reads the sentences around one cue and marks that cue's source and
//! content, so its features are relative to the cue: which side a token is
//! on, how far, and what lies between (a comma, a quotation mark, another
//! cue). Both see what the rules found (`attribution::find`): the rules know
//! the frames of news prose; the model learns where they stop short.

use crate::attribution::Attribution;
use crate::lexicon::{self, class};
use crate::text::TokRange;
use crate::text::{Doc, TokKind};

/// Bits of the feature hash: 2^21 buckets keep collisions rare among the
/// few hundred thousand features training sees.
pub const BITS: u32 = 21;

/// The feature set's version: a model trained on another set is refused at
/// load instead of reading nonsense. Bump it whenever a feature changes.
pub const FEATURE_SET: u32 = 2;

/// What a token is in the rules' attributions, as the taggers see it.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum RuleRole {
    None = 0,
    CueFirst = 1,
    CueRest = 2,
    Source = 3,
    Content = 4,
}

/// Per-token facts computed once per document.
pub(crate) struct Context<'d, 't> {
    pub(crate) doc: &'d Doc<'t>,
    rules: &'d [Attribution],
    /// Hash of the lowercased word.
    word: Vec<u64>,
    /// Hash of its last three characters.
    suffix: Vec<u64>,
    shape: Vec<u8>,
    /// Union of the lexicon's cue tags over the word's cue readings.
    cue_tags: Vec<u16>,
    rule_role: Vec<RuleRole>,
    /// The rule attribution the token belongs to (`u32::MAX`: none).
    rule_of: Vec<u32>,
    sentence_of: Vec<u32>,
    /// Per sentence: how many of the rules' cues start in it, and the
    /// attribution of the first.
    rule_cue_starts: Vec<(u32, u32)>,
}

/// Beyond a sentence: what the features of a neighbour outside it read.
pub(super) const OUTSIDE: u64 = 0x5eed_0f0f_f5e7;

impl<'d, 't> Context<'d, 't> {
    pub(crate) fn new(doc: &'d Doc<'t>, rules: &'d [Attribution]) -> Self {
        let lex = lexicon::get();
        let n = doc.tokens.len();
        let mut word = Vec::with_capacity(n);
        let mut suffix = Vec::with_capacity(n);
        let mut shape = Vec::with_capacity(n);
        let mut cue_tags = Vec::with_capacity(n);
        for i in 0..n {
            let lower = doc.lower(i);
            word.push(hash_str(lower));
            let cut = lower.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
            suffix.push(hash_str(&lower[cut..]));
            shape.push(shape_of(doc, i));
            let tags = if doc.tokens[i].class & class::CUE != 0 {
                lex.cue(lower).iter().fold(0, |t, c| t | c.tags)
            } else {
                0
            };
            cue_tags.push(tags);
        }
        let mut rule_role = vec![RuleRole::None; n];
        let mut rule_of = vec![u32::MAX; n];
        // Content first, then sources, then cues: a token in two of the
        // rules' attributions reads as the more telling role.
        for pass in 0..3 {
            for (k, a) in rules.iter().enumerate() {
                let (range, role) = match pass {
                    0 => (a.content, RuleRole::Content),
                    1 => (a.source, RuleRole::Source),
                    _ => (Some(a.cue), RuleRole::CueRest),
                };
                let Some(r) = range else { continue };
                for i in r.start..r.end.min(n) {
                    rule_role[i] = if role == RuleRole::CueRest && i == r.start {
                        RuleRole::CueFirst
                    } else {
                        role
                    };
                    rule_of[i] = k as u32;
                }
            }
        }
        let mut sentence_of = vec![0u32; n];
        let mut rule_cue_starts = vec![(0u32, u32::MAX); doc.sentences.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            for i in s.tok_start..s.tok_end {
                sentence_of[i] = si as u32;
                if rule_role[i] == RuleRole::CueFirst {
                    let (count, first) = &mut rule_cue_starts[si];
                    if *count == 0 {
                        *first = rule_of[i];
                    }
                    *count += 1;
                }
            }
        }
        Context {
            doc,
            rules,
            word,
            suffix,
            shape,
            cue_tags,
            rule_role,
            rule_of,
            sentence_of,
            rule_cue_starts,
        }
    }

    pub(crate) fn sentence_of(&self, i: usize) -> usize {
        self.sentence_of[i] as usize
    }

    /// The rules' cues among tokens `lo..hi`.
    pub(crate) fn rule_cues(&self, lo: usize, hi: usize) -> Vec<TokRange> {
        let mut out: Vec<TokRange> = Vec::new();
        for i in lo..hi {
            match self.rule_role[i] {
                RuleRole::CueFirst => out.push(TokRange::new(i, i + 1)),
                RuleRole::CueRest if out.last().is_some_and(|c| c.end == i) => {
                    out.last_mut().expect("a cue").end = i + 1;
                }
                _ => {}
            }
        }
        out
    }

    /// The rule attribution whose cue overlaps `cue`, if any.
    pub(crate) fn rule_for(&self, cue: TokRange) -> Option<usize> {
        (cue.start..cue.end)
            .filter(|&i| matches!(self.rule_role[i], RuleRole::CueFirst | RuleRole::CueRest))
            .map(|i| self.rule_of[i] as usize)
            .next()
    }

    fn word_in(&self, i: isize, lo: usize, hi: usize) -> u64 {
        if i >= lo as isize && (i as usize) < hi {
            self.word[i as usize]
        } else {
            OUTSIDE
        }
    }

    /// Features of token `i` for the cue tagger, which reads sentence
    /// tokens `lo..hi`.
    pub(crate) fn cue_features(&self, i: usize, lo: usize, hi: usize, out: &mut Vec<u32>) {
        let doc = self.doc;
        let t = &doc.tokens[i];
        let ii = i as isize;
        let w = |d: isize| self.word_in(ii + d, lo, hi);
        let mut f = Sink(out);
        f.add(0, 0, 0);
        f.add(1, w(0), 0);
        f.add(2, w(-1), 0);
        f.add(3, w(1), 0);
        f.add(4, w(-2), 0);
        f.add(5, w(2), 0);
        f.add(6, w(-1), w(0));
        f.add(7, w(0), w(1));
        f.add(8, w(1), w(2));
        f.add(9, self.suffix[i], 0);
        f.add(10, u64::from(self.shape[i]), 0);
        let shape = |k: isize| {
            if k >= lo as isize && (k as usize) < hi {
                u64::from(self.shape[k as usize])
            } else {
                99
            }
        };
        f.add(11, shape(ii - 1), shape(ii + 1));
        for_bits(t.class, |b| f.add(12, b, 0));
        if i > lo {
            for_bits(doc.tokens[i - 1].class, |b| f.add(13, b, 0));
        }
        if i + 1 < hi {
            for_bits(doc.tokens[i + 1].class, |b| f.add(14, b, 0));
        }
        for_bits(u64::from(self.cue_tags[i]), |b| f.add(15, b, 0));
        let role = self.rule_role[i] as u64;
        f.add(16, role, 0);
        f.add(17, role, w(0));
        let prev_role = if i > lo {
            self.rule_role[i - 1] as u64
        } else {
            9
        };
        let next_role = if i + 1 < hi {
            self.rule_role[i + 1] as u64
        } else {
            9
        };
        f.add(18, prev_role, role);
        f.add(19, role, next_role);
        if self.rule_role[i] == RuleRole::CueFirst || self.rule_role[i] == RuleRole::CueRest {
            let a = &self.rules[self.rule_of[i] as usize];
            f.add(20, hash_str(a.lemma), 0);
            f.add(
                21,
                u64::from(a.source.is_some()),
                u64::from(a.content.is_some()),
            );
        }
        f.add(22, u64::from(t.quoted), 0);
        f.add(23, u64::from(t.quoted), w(0));
        f.add(24, u64::from(i == lo), 0);
        f.add(25, u64::from(i + 1 == hi), 0);
        let role_of_block = doc.blocks[doc.sentences[self.sentence_of(i)].block].role as u64;
        f.add(26, role_of_block, 0);
        // Where the token stands among the quotation marks and commas of its
        // sentence: "…,” said X" and "X said: “…" are the commonest frames.
        let kind = |k: usize| doc.tokens[k].kind as u64;
        if i > lo {
            f.add(27, kind(i - 1), w(0));
        }
        if i + 1 < hi {
            f.add(28, w(0), kind(i + 1));
        }
        f.add(29, u64::from(self.cue_tags[i]), w(1));
        // A verb after its subject: "Trump tweeted", "officials estimate".
        if i > lo {
            for_bits(doc.tokens[i - 1].class, |b| f.add(30, b, self.suffix[i]));
        }
        f.add(31, w(0), w(2));
        f.add(32, w(-1), w(0) ^ w(1).rotate_left(17));
        let ahead = |pred: &dyn Fn(usize) -> bool| (i + 1..hi.min(i + 5)).any(pred);
        let quote_ahead = ahead(&|k| doc.tokens[k].kind == TokKind::OpenQuote);
        let that_ahead = ahead(&|k| matches!(doc.lower(k), "that" | "whether" | "if" | ":"));
        f.add(33, w(0), u64::from(quote_ahead) * 2 + u64::from(that_ahead));
        f.add(
            34,
            self.suffix[i],
            u64::from(quote_ahead) * 2 + u64::from(that_ahead),
        );
        f.add(35, w(0), u64::from(t.quoted));
        f.add(36, w(0), prev_role);
        f.add(37, w(0), u64::from(i == lo));
        // Another of the rules' cues in the sentence (the cues of two rule
        // attributions start on two tokens, so two starts mean another).
        let (starts, first) = self.rule_cue_starts[self.sentence_of(i)];
        let other_cue = starts >= 2 || starts == 1 && first != self.rule_of[i];
        f.add(38, u64::from(other_cue), role);
    }

    /// The role tagger's features of token `i` that depend only on the
    /// token and on its side of the cue (1: before, 2: after). A token is
    /// read for every cue whose window holds it, so decoding sums these once
    /// per token and side.
    pub(crate) fn role_token_features(&self, i: usize, side: u64, out: &mut Vec<u32>) {
        let t = &self.doc.tokens[i];
        let mut f = Sink(out);
        let w0 = self.word[i];
        f.add(42, side, w0);
        f.add(43, side, self.suffix[i]);
        f.add(44, side, u64::from(self.shape[i]));
        for_bits(t.class, |b| f.add(46, side, b));
        f.add(47, side, u64::from(t.quoted));
        let prev = if i > 0 { self.word[i - 1] } else { OUTSIDE };
        let next = self.word.get(i + 1).copied().unwrap_or(OUTSIDE);
        f.add(63, side, prev);
        f.add(64, side, next);
        f.add(65, prev, w0);
        f.add(71, u64::from(t.newline_before), side);
    }

    /// Where token `i` stands relative to `cue`, as the role features bin
    /// it: side (1 before, 2 after), distance bin, sentence offset (0..=6).
    pub(crate) fn place(&self, i: usize, cue: TokRange) -> Place {
        let dist = if i < cue.start {
            cue.start - i
        } else {
            i + 1 - cue.end
        };
        let sent = (self.sentence_of(i) as i64 - self.sentence_of(cue.start) as i64).clamp(-3, 3);
        Place {
            side: side_of(i, cue),
            bin: distance_bin(dist),
            sent: (sent + 3) as u64,
        }
    }

    /// The role tagger's features that depend only on the cue and on a
    /// token's place: the same for many tokens of a window, so decoding
    /// sums them once per cue and place.
    pub(crate) fn role_cue_features(&self, cue: TokRange, at: Place, out: &mut Vec<u32>) {
        let mut f = Sink(out);
        let Place { side, bin, sent } = at;
        let cue_word = self.word[cue.start];
        f.add(40, side, bin);
        f.add(41, side, sent);
        f.add(56, side, cue_word);
        f.add(57, side * 16 + bin, self.word[cue.end - 1]);
        f.add(62, u64::from(self.rule_for(cue).is_some()), 0);
        let before_cue = if cue.start > 0 {
            self.word[cue.start - 1]
        } else {
            OUTSIDE
        };
        let after_cue = self.word.get(cue.end).copied().unwrap_or(OUTSIDE);
        f.add(66, side * 16 + bin.min(4), before_cue);
        f.add(67, side * 16 + bin.min(4), after_cue);
        f.add(
            68,
            side,
            u64::from(self.cue_tags[cue.start] | self.cue_tags[cue.end - 1]),
        );
        f.add(76, sent, cue_word);
    }

    /// The rest of the role tagger's features of token `i` reading the cue
    /// `cue` (`this_rule`: the rules' attribution of the cue): what lies
    /// between the two, and the token's reading in that light.
    pub(crate) fn role_features(
        &self,
        i: usize,
        cue: TokRange,
        this_rule: Option<usize>,
        between: &Between,
        out: &mut Vec<u32>,
    ) {
        let doc = self.doc;
        let t = &doc.tokens[i];
        let mut f = Sink(out);
        let Place { side, bin, .. } = self.place(i, cue);
        let gaps = between.counts(i, cue);
        let w0 = self.word[i];
        f.add(45, side * 16 + bin, u64::from(self.shape[i]));
        f.add(48, side * 16 + bin, u64::from(t.quoted));
        f.add(49, side, gaps.commas);
        f.add(50, side, gaps.quotes);
        f.add(51, side, gaps.stops);
        f.add(52, side, gaps.cues);
        f.add(53, side, gaps.colons);
        f.add(54, side * 16 + gaps.commas, gaps.quotes * 16 + gaps.stops);
        f.add(55, side * 16 + gaps.cues, gaps.stops);
        f.add(58, side * 16 + gaps.commas, self.word[cue.start]);
        // The rules' reading of this token, relative to this cue.
        let role = self.rule_role[i];
        let mine = this_rule.is_some_and(|k| self.rule_of[i] as usize == k);
        let rule = role as u64 * 2 + u64::from(mine);
        f.add(59, rule, 0);
        f.add(60, side, rule);
        f.add(61, rule, w0);
        f.add(69, side * 16 + bin, t.kind as u64);
        f.add(70, u64::from(t.cap), side * 16 + bin.min(5));
        f.add(72, side * 16 + bin, gaps.cues);
        f.add(73, side * 16 + bin.min(4), w0);
        f.add(74, side * 16 + bin, rule);
        f.add(75, side * 16 + bin, gaps.commas);
        f.add(
            77,
            side * 4 + u64::from(between.in_quote(i)),
            u64::from(t.quoted),
        );
        let last = i + 1 >= doc.tokens.len()
            || matches!(doc.tokens[i + 1].kind, TokKind::Punct)
                && matches!(doc.tok_text(i + 1), "." | "?" | "!");
        f.add(78, side * 16 + bin, u64::from(last));
    }
}

/// A token's place relative to a cue (see `Context::place`).
#[derive(Clone, Copy)]
pub(crate) struct Place {
    pub(crate) side: u64,
    pub(crate) bin: u64,
    pub(crate) sent: u64,
}

impl Place {
    /// A dense number for each place: sides 1..=2, bins 0..=9, sentence
    /// offsets 0..=6.
    pub(crate) const COUNT: usize = 2 * 10 * 7;

    pub(crate) fn index(self) -> usize {
        ((self.side as usize - 1) * 10 + self.bin as usize) * 7 + self.sent as usize
    }
}

/// Running counts over a window, so that what lies between a token and the
/// cue is two subtractions, not a loop per token.
pub(crate) struct Between {
    from: usize,
    /// The quotation the cue introduces or closes ("…,” he said", "said: “…"),
    /// as a token range.
    quote: Option<TokRange>,
    commas: Vec<u16>,
    quotes: Vec<u16>,
    stops: Vec<u16>,
    cues: Vec<u16>,
    colons: Vec<u16>,
}

pub(crate) struct Gaps {
    commas: u64,
    quotes: u64,
    stops: u64,
    cues: u64,
    colons: u64,
}

impl Between {
    pub(crate) fn new(ctx: &Context, window: TokRange, cue: TokRange) -> Between {
        let doc = ctx.doc;
        let mut b = Between {
            from: window.start,
            quote: adjacent_quote(doc, cue),
            commas: Vec::with_capacity(window.len() + 1),
            quotes: Vec::with_capacity(window.len() + 1),
            stops: Vec::with_capacity(window.len() + 1),
            cues: Vec::with_capacity(window.len() + 1),
            colons: Vec::with_capacity(window.len() + 1),
        };
        let (mut c, mut q, mut s, mut k, mut o) = (0u16, 0u16, 0u16, 0u16, 0u16);
        for i in window.start..window.end {
            b.commas.push(c);
            b.quotes.push(q);
            b.stops.push(s);
            b.cues.push(k);
            b.colons.push(o);
            let t = &doc.tokens[i];
            let text = doc.tok_text(i);
            match t.kind {
                TokKind::OpenQuote | TokKind::CloseQuote => q = q.saturating_add(1),
                TokKind::Punct if text == "," => c = c.saturating_add(1),
                TokKind::Punct if matches!(text, ":" | ";" | "—" | "–") => {
                    o = o.saturating_add(1)
                }
                TokKind::Punct if matches!(text, "." | "?" | "!") => s = s.saturating_add(1),
                _ => {}
            }
            if t.class & class::CUE != 0 || ctx.rule_role[i] == RuleRole::CueFirst {
                k = k.saturating_add(1);
            }
        }
        b.commas.push(c);
        b.quotes.push(q);
        b.stops.push(s);
        b.cues.push(k);
        b.colons.push(o);
        b
    }

    fn in_quote(&self, i: usize) -> bool {
        self.quote.is_some_and(|q| q.contains(i))
    }

    fn counts(&self, i: usize, cue: TokRange) -> Gaps {
        // Strictly between: after the token and before the cue, or after
        // the cue and before the token.
        let (a, b) = if i < cue.start {
            (i + 1, cue.start)
        } else {
            (cue.end, i)
        };
        let (a, b) = (a - self.from, b.max(a) - self.from);
        let d = |v: &[u16]| u64::from(v[b] - v[a]).min(3);
        Gaps {
            commas: d(&self.commas),
            quotes: d(&self.quotes),
            stops: d(&self.stops),
            cues: d(&self.cues),
            colons: d(&self.colons),
        }
    }
}

/// The quotation that ends a token or two before the cue ("…,” said X",
/// "…,” X said") or opens a token or two after it ("said: “…", "said, “…").
fn adjacent_quote(doc: &Doc, cue: TokRange) -> Option<TokRange> {
    let kind = |k: usize| doc.tokens[k].kind;
    // Quotations are sorted by their opening mark; the one closing just
    // before the cue opened among the last few before it.
    let before = (cue.start.saturating_sub(4)..cue.start)
        .rev()
        .find(|&k| kind(k) == TokKind::CloseQuote)
        .and_then(|close| {
            let k = doc.quotes.partition_point(|q| q.open_tok < close);
            doc.quotes[..k]
                .iter()
                .rev()
                .take(8)
                .find(|q| q.close_tok == close)
        });
    let quote = before.or_else(|| {
        let open = (cue.end..(cue.end + 3).min(doc.tokens.len()))
            .find(|&k| kind(k) == TokKind::OpenQuote)?;
        let k = doc
            .quotes
            .binary_search_by_key(&open, |q| q.open_tok)
            .ok()?;
        Some(&doc.quotes[k])
    })?;
    Some(TokRange::new(quote.open_tok, quote.close_tok + 1))
}

/// 1 for a token before the cue, 2 after it.
pub(crate) fn side_of(i: usize, cue: TokRange) -> u64 {
    if i < cue.start {
        1
    } else {
        2
    }
}

fn distance_bin(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=5 => 4,
        6..=8 => 5,
        9..=13 => 6,
        14..=20 => 7,
        21..=32 => 8,
        _ => 9,
    }
}

/// A word's outline: case, digits, punctuation.
fn shape_of(doc: &Doc, i: usize) -> u8 {
    let t = &doc.tokens[i];
    match t.kind {
        TokKind::Word => {
            let text = doc.tok_text(i);
            let upper = text.chars().filter(|c| c.is_uppercase()).count();
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            if upper == 0 {
                1
            } else if upper == letters && letters > 1 {
                2
            } else if t.cap {
                3
            } else {
                4
            }
        }
        TokKind::Number => 5,
        TokKind::Punct => 6,
        TokKind::OpenQuote => 7,
        TokKind::CloseQuote => 8,
        TokKind::Symbol => 9,
    }
}

pub(super) fn for_bits(mut bits: u64, mut f: impl FnMut(u64)) {
    while bits != 0 {
        let b = bits.trailing_zeros();
        f(u64::from(b));
        bits &= bits - 1;
    }
}

/// FNV-1a over the bytes: stable across platforms and builds, unlike
/// `std`'s hasher, because the committed weights are indexed by it.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The bucket of the bias feature every token has: training shifts its
/// weights to trade precision for recall.
#[cfg(feature = "train")]
pub fn bias_bucket() -> u32 {
    let mut v = Vec::with_capacity(1);
    Sink(&mut v).add(0, 0, 0);
    v[0]
}

/// Appends feature buckets.
pub(super) struct Sink<'a>(pub(super) &'a mut Vec<u32>);

impl Sink<'_> {
    pub(super) fn add(&mut self, template: u64, a: u64, b: u64) {
        let mut h = (template + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a;
        h = (h ^ (h >> 31)).wrapping_mul(0xd6e8_feb8_6659_fd93) ^ b;
        h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 32;
        self.0.push((h >> (64 - BITS)) as u32);
    }
}

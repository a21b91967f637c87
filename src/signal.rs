//! Claim signals: the words that make a sentence a claim (a statistic, a
//! superlative, certainty, an appeal to common knowledge, speculation, weasel
//! words, a sweeping generalization, a motive stated as fact). Two stages use
//! them: the assertion stage flags the unsourced sentences that carry them,
//! and attributions keep the hedges found inside them, so they live apart
//! from both.

use crate::finding::SignalKind;
use crate::lexicon::{self, class};
use crate::text::{self, Doc, TokKind, TokRange};

/// A signal found in the text, as token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignalHit {
    pub kind: SignalKind,
    pub toks: TokRange,
    /// Softens or blurs ("may", "some") rather than asserting.
    pub mild: bool,
}

/// Every claim signal in a token range.
pub fn signals_in(doc: &Doc, r: TokRange) -> Vec<SignalHit> {
    let lex = lexicon::get();
    let mut out: Vec<SignalHit> = Vec::new();
    let mut i = r.start;
    while i < r.end {
        let t = &doc.tokens[i];
        // A word no list holds starts no signal; most words are such.
        if t.quoted
            || t.kind == TokKind::Word && t.id.is_none()
            || matches!(
                t.kind,
                TokKind::Punct | TokKind::Symbol | TokKind::OpenQuote | TokKind::CloseQuote
            )
        {
            i += 1;
            continue;
        }
        let mut best: Option<SignalHit> = None;
        // A capitalised word inside a sentence is a name: "May", "Many Rivers".
        let name = i > r.start && doc.capitalized(i);
        let starts = doc.tokens[i].id.map_or(0, |id| lex.signal_starts(id));
        for (k, (kind, mild, set)) in lex.signals.iter().enumerate() {
            if starts & (1 << k) == 0 {
                continue;
            }
            let n = set.longest(|j| {
                let t = i + j;
                (t < r.end).then(|| doc.tokens[t].id).flatten()
            });
            // "some 7 kilometers": an approximate figure, not a vague group.
            let approximates =
                *mild && n == 1 && i + 1 < r.end && doc.tokens[i + 1].kind == TokKind::Number;
            if n == 0 || (name && n == 1) || *mild && in_idiom(doc, i, r) || approximates {
                continue;
            }
            // Longest phrase wins; on a tie, a plain signal beats a mild one.
            if best.is_none_or(|b| n > b.toks.len() || n == b.toks.len() && b.mild && !mild) {
                best = Some(SignalHit {
                    kind: *kind,
                    toks: TokRange::new(i, i + n),
                    mild: *mild,
                });
            }
        }
        // "widely ridiculed", "widely repudiated": a crowd vouches, unnamed.
        if best.is_none_or(|b| b.mild && b.toks.len() == 1)
            && doc.is(i, "widely")
            && i + 1 < r.end
            && doc.lower(i + 1).ends_with("ed")
        {
            best = Some(SignalHit {
                kind: SignalKind::Weasel,
                toks: TokRange::new(i, i + 2),
                mild: false,
            });
        }
        if best.is_none() {
            best = statistic_at(doc, i, r.end);
        }
        if let Some(hit) = best {
            out.push(hit);
            i = hit.toks.end;
        } else {
            i += 1;
        }
    }
    out
}

/// A number used as a statistic at token `i`: digits, percentages, money,
/// spelled-out quantities — not dates, times, ages, years or page furniture.
fn statistic_at(doc: &Doc, i: usize, end: usize) -> Option<SignalHit> {
    let t = doc.tokens[i];
    let w = doc.lower(i);
    match t.kind {
        TokKind::Number => {
            let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
            let suffix = &w[digits.len()..];
            if matches!(suffix, "st" | "nd" | "rd" | "th" | "s") && !digits.contains(',') {
                return None; // ordinals and decades: 21st, 1990s
            }
            if digits.contains(':') || digits.contains('/') {
                return None; // times and dates
            }
            // "3.7.1", "0.17.0": section and version numbers.
            if digits.matches('.').count() >= 2 {
                return None;
            }
            // "1Password", "20https": a number run into a word is a name or
            // glued page text, not a unit like "5m" or "3bn".
            if suffix.len() > 3 {
                return None;
            }
            let block_start = doc.blocks[doc.sentences[doc.sentence_of(i)].block].tok_start;
            // "1.1 Early life", "2 Background", a lone "3": a table of
            // contents or a numbered heading opens its block with the number.
            if i == block_start && (i + 1 >= end || doc.capitalized(i + 1)) {
                return None;
            }
            // "[1]", "[12]": a citation marker points to a source.
            if i > block_start && text::citation_marker_end(doc, i - 1, doc.tokens.len()).is_some()
            {
                return None;
            }
            // "1 / 5": a slideshow or page counter.
            let slash_number = |a: usize, b: usize| {
                doc.tok_text(a) == "/"
                    && doc.tokens.get(b).is_some_and(|t| t.kind == TokKind::Number)
            };
            if i + 2 < end && slash_number(i + 1, i + 2)
                || i >= block_start + 2 && slash_number(i - 1, i - 2)
            {
                return None;
            }
            let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
            let is_year = plain.len() == 4
                && !digits.contains(',')
                && !digits.contains('.')
                && (1500..=2100).contains(&plain.parse::<u32>().unwrap_or(0));
            let before = i.checked_sub(1).filter(|&p| p >= block_start);
            // The currency sign must be in the same sentence: a sentence cut
            // between "$" and "4" (a line break, the length cap) would
            // otherwise give a signal starting outside its finding.
            let money = before.is_some_and(|p| {
                p >= r_start(doc, i) && matches!(doc.tok_text(p), "$" | "£" | "€" | "¥")
            });
            if is_year && !money {
                return None;
            }
            if before.is_some_and(|p| doc.has(p, class::MONTH | class::NOT_BEFORE_NUMBER)) {
                return None;
            }
            // A number naming something: "SiriusXM Patriot 125", "Air Force 2".
            if before.is_some_and(|p| {
                doc.tokens[p].kind == TokKind::Word && doc.capitalized(p) && p > r_start(doc, i)
            }) && !doc.has(i + 1, class::NUMBER_WORD | class::PROPORTION)
            {
                return None;
            }
            if doc.has(i + 1, class::MONTH | class::NOT_AFTER_NUMBER) && i + 1 < end {
                return None;
            }
            // "55-year-old", "728 x 90"
            if i + 2 < end && doc.tok_text(i + 1) == "-" && doc.lower(i + 2).starts_with("year") {
                return None;
            }
            if i + 2 < end && doc.is(i + 1, "x") && doc.tokens[i + 2].kind == TokKind::Number {
                return None;
            }
            if before.is_some_and(|p| {
                doc.is(p, "x") && p > 0 && doc.tokens[p - 1].kind == TokKind::Number
            }) {
                return None;
            }
            let mut e = i + 1;
            // "30,000 political prisoners", "3.5 million", "12 percent"
            while e < end && doc.has(e, class::NUMBER_WORD | class::PROPORTION) {
                e += 1;
            }
            if e < end && doc.tok_text(e) == "%" {
                e += 1;
            }
            let start = if money { i - 1 } else { i };
            Some(SignalHit {
                kind: SignalKind::Statistic,
                toks: TokRange::new(start, e),
                mild: false,
            })
        }
        TokKind::Word => {
            // "tens of thousands", "hundreds of", "a hundred", "some 30,000"
            if doc.has(i, class::NUMBER_PLURAL) && doc.is(i + 1, "of") {
                let mut e = i + 2;
                if e < end && doc.has(e, class::NUMBER_PLURAL) {
                    e += 1;
                }
                return Some(SignalHit {
                    kind: SignalKind::Statistic,
                    toks: TokRange::new(i, e.min(end)),
                    mild: false,
                });
            }
            if (w == "a" || w == "one") && doc.has(i + 1, class::NUMBER_WORD) && i + 1 < end {
                let n = doc.lower(i + 1);
                if matches!(
                    n,
                    "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
                ) {
                    return Some(SignalHit {
                        kind: SignalKind::Statistic,
                        toks: TokRange::new(i, i + 2),
                        mild: false,
                    });
                }
            }
            if matches!(w, "majority" | "minority" | "half")
                && doc.is(i + 1, "of")
                && i > r_start(doc, i)
                && doc.has(i - 1, class::DET)
            {
                return Some(SignalHit {
                    kind: SignalKind::Statistic,
                    toks: TokRange::new(i - 1, i + 1),
                    mild: false,
                });
            }
            None
        }
        _ => None,
    }
}

fn r_start(doc: &Doc, i: usize) -> usize {
    doc.sentences[doc.sentence_of(i)].tok_start
}

/// Is token `i` inside an idiom that signals nothing ("for some reason")?
fn in_idiom(doc: &Doc, i: usize, r: TokRange) -> bool {
    let lex = lexicon::get();
    (i.saturating_sub(2).max(r.start)..=i).any(|k| {
        let n = lex.not_signals.longest(|j| {
            let t = k + j;
            (t < r.end).then(|| doc.tokens[t].id).flatten()
        });
        k + n > i
    })
}

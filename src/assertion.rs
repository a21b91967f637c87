//! Stage 4: unsourced assertions — sentences in the writer's own voice that
//! carry a claim signal (a statistic, a superlative, certainty, an appeal to
//! common knowledge, speculation, weasel words, a sweeping generalization or
//! a motive stated as fact) and that no attribution covers.

use crate::attribution::{Attribution, TokRange};
use crate::finding::{SignalKind, SourceKind};
use crate::lexicon::{self, class};
use crate::text::{Doc, TokKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignalHit {
    pub kind: SignalKind,
    pub toks: TokRange,
}

/// An unsourced sentence and the signals that make it a claim.
#[derive(Debug, Clone)]
pub struct Claim {
    pub sentence: usize,
    pub signals: Vec<SignalHit>,
}

pub fn find(doc: &Doc, attributions: &[Attribution]) -> Vec<Claim> {
    let sourced = sourced_sentences(doc, attributions);
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if sourced[si] || doc.blocks[s.block].role.is_furniture() {
            continue;
        }
        let signals = signals_in(doc, TokRange::new(s.tok_start, s.tok_end));
        if !signals.is_empty() {
            out.push(Claim {
                sentence: si,
                signals,
            });
        }
    }
    out
}

/// Sentences an attribution speaks for: those holding a cue, those inside an
/// attribution's content (a quotation running on over several sentences) and
/// quoted sentences that continue an attributed paragraph.
fn sourced_sentences(doc: &Doc, attributions: &[Attribution]) -> Vec<bool> {
    let mut sourced = vec![false; doc.sentences.len()];
    for a in attributions {
        if a.kind == SourceKind::Vague && a.impersonal {
            // "It is believed that…" is itself the weasel: leave it flagged.
            continue;
        }
        sourced[a.sentence] = true;
        if let Some(c) = a.content {
            let first = doc.sentence_of(c.start);
            let last = doc.sentence_of(c.end - 1);
            for s in &mut sourced[first..=last] {
                *s = true;
            }
        }
    }
    // A sentence wholly inside a quotation is the quoted speaker's, even when
    // the attribution is a paragraph away.
    for (si, s) in doc.sentences.iter().enumerate() {
        let words: Vec<usize> = (s.tok_start..s.tok_end)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .collect();
        if !words.is_empty() && words.iter().all(|&k| doc.tokens[k].quoted) {
            sourced[si] = true;
        }
    }
    sourced
}

/// Every claim signal in a token range.
pub fn signals_in(doc: &Doc, r: TokRange) -> Vec<SignalHit> {
    let lex = lexicon::get();
    let mut out: Vec<SignalHit> = Vec::new();
    let mut i = r.start;
    while i < r.end {
        if doc.tokens[i].quoted {
            i += 1;
            continue;
        }
        let mut best: Option<SignalHit> = None;
        for (kind, set) in &lex.signals {
            let n = set.longest(|j| {
                let t = i + j;
                (t < r.end && matches!(doc.tokens[t].kind, TokKind::Word | TokKind::Number))
                    .then(|| doc.lower(t))
            });
            if n > 0 && best.is_none_or(|b| n > b.toks.len()) {
                best = Some(SignalHit {
                    kind: *kind,
                    toks: TokRange::new(i, i + n),
                });
            }
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
            let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
            let is_year = plain.len() == 4
                && !digits.contains(',')
                && !digits.contains('.')
                && (1500..=2100).contains(&plain.parse::<u32>().unwrap_or(0));
            let before = i
                .checked_sub(1)
                .filter(|&p| p >= doc.blocks[doc.sentences[doc.sentence_of(i)].block].tok_start);
            let money = before.is_some_and(|p| matches!(doc.tok_text(p), "$" | "£" | "€" | "¥"));
            if is_year && !money {
                return None;
            }
            if before.is_some_and(|p| doc.has(p, class::MONTH | class::NOT_BEFORE_NUMBER)) {
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

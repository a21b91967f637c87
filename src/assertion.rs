//! Stage 4: unsourced assertions — sentences in the writer's own voice that
//! carry a claim signal (a statistic, a superlative, certainty, an appeal to
//! common knowledge, speculation, weasel words, a sweeping generalization or
//! a motive stated as fact) and that no attribution covers.

use crate::attribution::Attribution;
use crate::finding::{SignalKind, SourceKind};
use crate::lexicon::class;
use crate::model::hedge::Hedges;
use crate::signal::SignalHit;
use crate::text::{self, Doc, Sentence, TokKind, TokRange};

/// A sentence that is not attributed and carries signals: an unsourced
/// claim, or (when every signal is mild) merely hedged wording.
#[derive(Debug, Clone)]
pub struct Claim {
    pub sentence: usize,
    pub signals: Vec<SignalHit>,
    pub hedged_only: bool,
}

/// Find unsourced claims and hedged sentences; hedges and weasel words in
/// attributed sentences are added to those attributions.
pub fn find(doc: &Doc, attributions: &mut [Attribution], hedges: &mut Hedges) -> Vec<Claim> {
    let sourced = sourced_sentences(doc, attributions);
    let mut cited_block = vec![false; doc.blocks.len()];
    for a in attributions.iter() {
        if a.reports && a.kind != SourceKind::Vague {
            cited_block[doc.sentences[a.sentence].block] = true;
        }
    }
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        // Headlines, captions, bylines and data are not claims; nor are
        // questions.
        if !doc.blocks[s.block].role.is_prose()
            || doc.text[s.start..s.end]
                .trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with('?')
        {
            continue;
        }
        if !asserts(doc, s) {
            continue;
        }
        // "…the largest in Europe.[4]": a reference marker cites a source.
        let cited = (s.tok_start..s.tok_end)
            .any(|k| text::citation_marker_end(doc, k, s.tok_end).is_some());
        if cited {
            continue;
        }
        let mut signals = hedges.signals(doc, TokRange::new(s.tok_start, s.tok_end));
        if signals.is_empty() {
            continue;
        }
        if let Some(owner) = sourced[si] {
            // What the attribution covers is the source's; a claim outside
            // it ("…, promising to drill ― probably not what Graham had in
            // mind") is the writer's own. A hedge inside goes to the
            // attribution covering it, if wholly in that attribution's span:
            // a finding contains its signals.
            let mut outside = Vec::new();
            for h in signals {
                match covering(attributions, owner, si, h.toks.start) {
                    None => outside.push(h),
                    Some(n) => {
                        if matches!(h.kind, SignalKind::Hedge | SignalKind::Weasel)
                            && span_of(&attributions[n]).start <= h.toks.start
                            && h.toks.end <= span_of(&attributions[n]).end
                        {
                            attributions[n].signals.push(h);
                        }
                    }
                }
            }
            if !outside.iter().any(|h| !h.mild) {
                continue;
            }
            signals = outside;
        }
        // A figure in a paragraph that cites a source, or right after an
        // attributed sentence, most likely comes from that source: the
        // editor's "immediate context" (see the unsourced guide).
        let strong: Vec<&SignalHit> = signals.iter().filter(|h| !h.mild).collect();
        // Round or approximate quantities ("some 30,000", "tens of thousands")
        // are the writer's own estimate and stay flagged.
        let figures_only = !strong.is_empty()
            && strong
                .iter()
                .all(|h| h.kind == SignalKind::Statistic && exact_figure(doc, h.toks));
        let after_attributed =
            si > 0 && sourced[si - 1].is_some() && doc.sentences[si - 1].block == s.block;
        if figures_only && (cited_block[s.block] || after_attributed) {
            continue;
        }
        let hedged_only = signals.iter().all(|h| h.mild);
        if hedged_only
            && !signals
                .iter()
                .any(|h| matches!(h.kind, SignalKind::Hedge | SignalKind::Weasel))
        {
            continue;
        }
        out.push(Claim {
            sentence: si,
            signals,
            hedged_only,
        });
    }
    out
}

/// From this many words (figures aside) on, a sentence is taken to assert
/// something.
const SHORT_SENTENCE_WORDS: usize = 8;

/// Whether a sentence asserts something rather than labels or lists: a
/// short one needs a verb or a lowercase content word. Table cells,
/// reference lists and numbering that the reader could not tell from prose
/// are made of names, figures, symbols and function words: "70.2%
/// European", "UTC+12", "41°17′S 174°47′E", "ISBN 978-0-00-000000-2.",
/// "Retrieved 2016-05-01.", "p. 80.", "2.". "About 23,000 die." and
/// "Unemployment hit 40 percent." stay claims.
fn asserts(doc: &Doc, s: &Sentence) -> bool {
    let mut words = 0;
    for k in s.tok_start..s.tok_end {
        if doc.tokens[k].kind != TokKind::Word {
            continue;
        }
        words += 1;
        if words >= SHORT_SENTENCE_WORDS || verb_like(doc, k) || content_word(doc, k) {
            return true;
        }
    }
    false
}

/// A word that makes a clause in any case ("IT'S", "Is"): an auxiliary, a
/// listed verb, a cue, a negation, a subject pronoun.
fn verb_like(doc: &Doc, k: usize) -> bool {
    doc.has(
        k,
        class::AUX | class::VERB | class::SEEM | class::CUE | class::NEG | class::PRON_SUBJ,
    )
}

/// A lowercase word of three letters or more that is not a closed-class
/// word or a unit: prose has them, names and figures do not ("percent",
/// "million", "of", "them" do not count).
fn content_word(doc: &Doc, k: usize) -> bool {
    const CLOSED: u64 = class::DET
        | class::POSS
        | class::PRON_OBJ
        | class::PREP
        | class::CONJ
        | class::SUBORD
        | class::REL
        | class::MONTH
        | class::WEEKDAY
        | class::APPROX
        | class::NUMBER_WORD
        | class::PROPORTION
        | class::LABEL;
    let w = doc.lower(k);
    !doc.capitalized(k)
        && !doc.has(k, CLOSED)
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// The attribution whose source, cue or content holds token `t` of sentence
/// `si`: the sentence's owner (whose quotation may have opened sentences
/// before) or one of the sentence's own. Looking no further keeps this linear.
fn covering(attributions: &[Attribution], owner: usize, si: usize, t: usize) -> Option<usize> {
    let first = attributions.partition_point(|a| a.sentence < si);
    let last = attributions.partition_point(|a| a.sentence <= si);
    std::iter::once(owner).chain(first..last).find(|&n| {
        let a = &attributions[n];
        a.reports
            && [a.source, Some(a.cue), a.speaks_for]
                .into_iter()
                .flatten()
                .any(|r| r.contains(t))
    })
}

/// Tokens from the first to the last of an attribution's source, cue and
/// content: what its finding spans.
fn span_of(a: &Attribution) -> TokRange {
    [a.source, a.content]
        .into_iter()
        .flatten()
        .fold(a.cue, |s, r| {
            TokRange::new(s.start.min(r.start), s.end.max(r.end))
        })
}

/// For each sentence, the attribution that speaks for it, if any: the one
/// whose cue it holds, or whose content runs over it (a quotation spanning
/// sentences). Quoted sentences continuing an attributed paragraph belong to
/// the nearest attribution before them.
fn sourced_sentences(doc: &Doc, attributions: &[Attribution]) -> Vec<Option<usize>> {
    let mut sourced: Vec<Option<usize>> = vec![None; doc.sentences.len()];
    for (n, a) in attributions.iter().enumerate() {
        if !a.reports || a.kind == SourceKind::Vague && (a.impersonal || a.agentless) {
            // "It is believed that…", "X is expected to…": nobody is cited,
            // so the sentence is still the writer's claim.
            continue;
        }
        if sourced[a.sentence].is_none() {
            sourced[a.sentence] = Some(n);
        }
        if let Some(c) = a.speaks_for {
            let first = doc.sentence_of(c.start);
            let last = doc.sentence_of(c.end - 1);
            for s in &mut sourced[first..=last] {
                s.get_or_insert(n);
            }
        }
    }
    // A sentence wholly inside a quotation is the quoted speaker's, even when
    // the attribution is a paragraph away.
    let mut last_attr: Option<usize> = None;
    let mut next = 0;
    for (si, s) in doc.sentences.iter().enumerate() {
        while next < attributions.len() && attributions[next].sentence <= si {
            last_attr = Some(next);
            next += 1;
        }
        let mut words = (s.tok_start..s.tok_end).filter(|&k| doc.tokens[k].kind == TokKind::Word);
        let all_quoted = words.clone().next().is_some() && words.all(|k| doc.tokens[k].quoted);
        if all_quoted && sourced[si].is_none() {
            if let Some(n) = last_attr.or_else(|| (next < attributions.len()).then_some(next)) {
                sourced[si] = Some(n);
            }
        }
    }
    sourced
}

/// A figure given exactly, in digits, not approximated: "4.2 percent",
/// "$78,000" — not "some 30,000", "about 10,000" or "tens of thousands".
fn exact_figure(doc: &Doc, r: TokRange) -> bool {
    let digits = (r.start..r.end).any(|k| doc.tokens[k].kind == TokKind::Number);
    let sentence = doc.sentences[doc.sentence_of(r.start)];
    let before = |n: usize| {
        r.start >= sentence.tok_start + n && {
            let w = doc.lower(r.start - n);
            matches!(
                w,
                "some"
                    | "about"
                    | "around"
                    | "nearly"
                    | "almost"
                    | "roughly"
                    | "approximately"
                    | "over"
                    | "than"
                    | "least"
                    | "estimated"
                    | "up"
                    | "upwards"
                    | "perhaps"
            )
        }
    };
    digits && !before(1) && !(doc.tokens[r.start].kind == TokKind::Symbol && before(2))
}

//! Stage 2: find attributions — a cue (*said*, *according to*, *believes*),
//! its source (who) and its content (what).
//!
//! There is no parser here: news prose reports speech in a handful of
//! frames, and each frame is recognised from the words around the cue.
//!
//! - `SOURCE [aux/adverbs] CUE [that] CONTENT` — "Khamenei clearly accused…"
//! - `“CONTENT,” CUE SOURCE` and `“CONTENT,” SOURCE CUE [adjuncts]`
//! - `According to SOURCE, CONTENT` and `CONTENT, according to SOURCE`
//! - `…, CUE-ing CONTENT` — the source is the clause's subject
//! - nominal cues: "the claims of SOURCE that CONTENT", "SOURCE's claim that"
//! - impersonal cues: "it is believed that CONTENT", "reportedly"
//! - agentless passives: "X is expected to…" (by whom is not said)
//! - headlines: "SOURCE: CONTENT"; surveys: "In a CNN poll, CONTENT"
//!
//! A [`Finder`] reads one sentence; this file holds it, its small token
//! tests and the loop over cue words. The rest is split by concern:
//! `verb_cue` (is a reporting verb a report here, and in what frame),
//! `frames` (the source and content each verb frame gives), `other_cues`
//! (according to, impersonal, seem, reportedly, nominal cues),
//! `colons_and_polls` (headlines, transcript turns, polls), `source_span`
//! (noun phrases, appositives, the main clause's subject), `content_span`
//! (what was said, and where it ends) and `quotes` (quotations as contents).

mod colons_and_polls;
mod content_span;
mod frames;
mod other_cues;
mod quotes;
mod source_span;
mod verb_cue;

use std::cell::Cell;

use crate::finding::SourceKind;
use crate::lexicon::{self, class};
use crate::signal::SignalHit;
use crate::text::{Doc, Sentence, TokKind, TokRange};

/// One report: who (source) said or thought what (content), and the words
/// that say so (cue), as token ranges.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub cue: TokRange,
    pub cue_tags: u16,
    pub lemma: &'static str,
    pub source: Option<TokRange>,
    pub content: Option<TokRange>,
    /// Filled in by the source stage.
    pub kind: SourceKind,
    /// For pronoun sources, the name they most likely stand for.
    pub resolved: Option<String>,
    /// "It is believed", "reportedly": nobody at all is named.
    pub impersonal: bool,
    /// For a relative pronoun source ("Barkley, who said…"), the phrase it
    /// stands for.
    pub antecedent: Option<TokRange>,
    /// A passive with no agent: "X is expected to…", "Y was asked whether".
    pub agentless: bool,
    /// The cue reports what someone said, thought or found (every cue the
    /// rules find; the model's when the cue lexicon knows a word of it). A
    /// stance or action the corpus also annotates ("do nothing to address",
    /// "was ridiculed for") is shown as an attribution but does not make the
    /// writer's figures or superlatives around it someone else's.
    pub reports: bool,
    /// What the attribution makes someone else's for the unsourced stage:
    /// the rules' content where they found the cue (they read a report to
    /// the end of its clause, as an editor does: "expects that output will
    /// grow 1.6 percent, more than half a point less than forecast"), else
    /// the content.
    pub speaks_for: Option<TokRange>,
    pub sentence: usize,
    /// Hedges and weasel words inside the attribution itself.
    pub signals: Vec<SignalHit>,
}

/// Every attribution in the document, sentence by sentence, in text order.
pub fn find(doc: &Doc) -> Vec<Attribution> {
    let mut out = Vec::new();
    for si in 0..doc.sentences.len() {
        let s = doc.sentences[si];
        let words = (s.tok_start..s.tok_end)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word)
            .count();
        let capitalized = (s.tok_start..s.tok_end)
            .filter(|&k| doc.tokens[k].kind == TokKind::Word && doc.capitalized(k))
            .count();
        Finder {
            doc,
            antecedent: Cell::new(None),
            s,
            si,
            title_case: words >= 3 && capitalized * 10 >= words * 7,
        }
        .run(&mut out);
    }
    for a in &mut out {
        a.speaks_for = a.content;
    }
    out
}

/// The attribution finder for one sentence.
struct Finder<'d, 't> {
    doc: &'d Doc<'t>,
    /// Set by `subject_left` when the subject is a relative pronoun.
    antecedent: Cell<Option<TokRange>>,
    s: Sentence,
    si: usize,
    /// A headline in title case: capitalised verbs are still verbs.
    title_case: bool,
}

impl Finder<'_, '_> {
    fn lw(&self, i: usize) -> &str {
        if i >= self.s.tok_start && i < self.s.tok_end {
            self.doc.lower(i)
        } else {
            ""
        }
    }

    fn inside(&self, i: usize) -> bool {
        self.doc.tick(1);
        i >= self.s.tok_start && i < self.s.tok_end
    }

    fn has(&self, i: usize, c: u64) -> bool {
        self.inside(i) && self.doc.has(i, c)
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.inside(i).then(|| self.doc.tokens[i].kind)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(TokKind::Punct) && self.doc.tok_text(i) == p
    }

    fn cap(&self, i: usize) -> bool {
        self.is_word(i) && self.doc.capitalized(i)
    }

    /// "US", "AP", "NBC": all capitals, a name even when it spells a
    /// function word.
    fn acronym(&self, i: usize) -> bool {
        self.is_word(i) && {
            let t = self.doc.tok_text(i);
            t.len() >= 2 && t.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
        }
    }

    fn open_quote(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::OpenQuote)
    }

    fn close_quote(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::CloseQuote)
    }

    /// Adverbs, auxiliaries and negation that sit between a subject and its verb.
    fn is_verb_modifier(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.lw(i);
        self.has(i, class::AUX | class::NEG | class::ADV) && !self.modal_name(i)
            || (w.ends_with("ly") && w.len() > 4 && !self.cap(i))
    }

    /// "…,” Will wrote.", "said May Boeve": a modal capitalised inside a
    /// sentence (not a title-case headline, not opening a quotation) is a
    /// first name.
    fn modal_name(&self, i: usize) -> bool {
        self.has(i, class::AUX)
            && self.cap(i)
            && !self.title_case
            && i > self.s.tok_start
            && !self.open_quote(i - 1)
    }

    /// A word and what is contracted onto it ("they're", "he's", "it's",
    /// "I've"): the word and the ending; a word without one and `None`.
    fn contracted(&self, i: usize) -> (&str, Option<&str>) {
        let w = self.lw(i);
        w.split_once('\'')
            .map_or((w, None), |(word, rest)| (word, Some(rest)))
    }

    /// "Trump on Tuesday said", "Clinton last week said": where a time
    /// adjunct ending just before `l` starts (`l` itself if there is none).
    fn time_before(&self, l: usize) -> usize {
        let mut k = l;
        while k > self.s.tok_start
            && (self.has(k - 1, class::WEEKDAY | class::MONTH)
                || self.has(k - 1, class::TIME) && !self.has(k - 1, class::ADV)
                || self.kind(k - 1) == Some(TokKind::Number) && k < l)
        {
            k -= 1;
        }
        if k == l {
            return l;
        }
        if k > self.s.tok_start
            && matches!(self.lw(k - 1), "on" | "in" | "earlier" | "late" | "early")
        {
            k -= 1;
        }
        // A bare "last" or "this" is not an adjunct by itself.
        if l - k == 1 && self.has(k, class::TIME) && !self.has(k, class::WEEKDAY) {
            return l;
        }
        k
    }

    /// End of the sentence's content: without the final full stop.
    fn content_end(&self) -> usize {
        let mut e = self.s.tok_end;
        while e > self.s.tok_start {
            let t = &self.doc.tokens[e - 1];
            if t.kind == TokKind::Punct
                && matches!(
                    self.doc.tok_text(e - 1),
                    "." | "," | ";" | ":" | "—" | "–" | "-"
                )
            {
                e -= 1;
            } else {
                break;
            }
        }
        e
    }

    /// Every attribution of the sentence, appended to `out` in text order.
    fn run(&self, out: &mut Vec<Attribution>) {
        let first = out.len();
        let mut i = self.s.tok_start;
        while i < self.s.tok_end {
            // Every cue word is in the lexicon; the rest start nothing.
            if self.doc.tokens[i].id.is_none() {
                i += 1;
                continue;
            }
            match self.cue_at(i, &out[first..]) {
                Some(a) => {
                    i = a.cue.end.max(i + 1);
                    out.push(a);
                }
                None => i += 1,
            }
        }
        self.add_colons_and_polls(out, first);
        self.end_at_next_speaker(&mut out[first..]);
    }

    /// The attribution whose cue starts at token `i`, if any; `earlier` are
    /// the sentence's attributions before it.
    fn cue_at(&self, i: usize, earlier: &[Attribution]) -> Option<Attribution> {
        // A candidate frame tried.
        self.doc.tick(1);
        let lex = lexicon::get();
        if self.lw(i) == "according" && self.lw(i + 1) == "to" {
            self.according_to(i)
        } else if self.has(i, class::CUE) {
            // "the claims of the regime": a verb form used as a noun.
            self.verb_cue(lex.cue(self.lw(i)), i, earlier).or_else(|| {
                self.has(i, class::NCUE)
                    .then(|| self.nominal_cue(i))
                    .flatten()
            })
        } else if matches!(self.contracted(i), ("it", None | Some("s"))) {
            self.impersonal(i)
        } else if self.lw(i) == "reportedly" && !self.doc.tokens[i].quoted {
            Some(self.adverb_cue(i))
        } else if self.has(i, class::SEEM) {
            self.seem_cue(i)
        } else if self.has(i, class::NCUE) {
            self.nominal_cue(i)
        } else {
            None
        }
    }

    fn attribution(&self, cue: TokRange, tags: u16, lemma: &'static str) -> Attribution {
        Attribution {
            cue,
            cue_tags: tags,
            lemma,
            source: None,
            content: None,
            kind: SourceKind::Named,
            resolved: None,
            impersonal: false,
            antecedent: None,
            agentless: false,
            reports: true,
            speaks_for: None,
            sentence: self.si,
            signals: Vec::new(),
        }
    }
}

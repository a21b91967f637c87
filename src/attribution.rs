//! Stage 2: find attributions — a cue (*said*, *according to*, *believes*),
//! its source (who) and its content (what).
//!
//! There is no parser here: news prose reports speech in a handful of
//! frames, and each frame is recognised from the words around the cue.
//!
//! - `SOURCE [aux/adverbs] CUE [that] CONTENT` — "Khamenei clearly accused…"
//! - `CONTENT, CUE SOURCE` and `CONTENT, SOURCE CUE` — "“…,” said Smith."
//! - `According to SOURCE, CONTENT` and `CONTENT, according to SOURCE`
//! - `…, CUE-ing CONTENT` — the source is the clause's subject
//! - nominal cues: "the claims of SOURCE that CONTENT", "SOURCE's claim that"
//! - impersonal cues: "it is believed that CONTENT", "reportedly"

use crate::assertion::SignalHit;
use crate::finding::SourceKind;
use crate::lexicon::{self, class, tag, CueInfo};
use crate::text::{Doc, Sentence, TokKind};

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

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

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
    pub sentence: usize,
    /// Hedges and weasel words inside the attribution itself.
    pub signals: Vec<SignalHit>,
}

pub fn find(doc: &Doc) -> Vec<Attribution> {
    let mut out = Vec::new();
    for si in 0..doc.sentences.len() {
        let before = out.len();
        Finder {
            doc,
            s: doc.sentences[si],
            si,
        }
        .run(&mut out, before);
    }
    out
}

struct Finder<'d, 't> {
    doc: &'d Doc<'t>,
    s: Sentence,
    si: usize,
}

impl Finder<'_, '_> {
    fn lw(&self, i: usize) -> &str {
        if i < self.s.tok_end {
            self.doc.lower(i)
        } else {
            ""
        }
    }

    fn has(&self, i: usize, c: u32) -> bool {
        i >= self.s.tok_start && i < self.s.tok_end && self.doc.has(i, c)
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        (i >= self.s.tok_start && i < self.s.tok_end).then(|| self.doc.tokens[i].kind)
    }

    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Word)
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        matches!(self.kind(i), Some(TokKind::Punct)) && self.doc.tok_text(i) == p
    }

    fn cap(&self, i: usize) -> bool {
        self.is_word(i) && self.doc.capitalized(i)
    }

    /// Adverbs, auxiliaries and negation that sit between a subject and its verb.
    fn is_verb_modifier(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.lw(i);
        self.has(i, class::AUX | class::NEG | class::ADV)
            || (w.ends_with("ly") && w.len() > 4 && !self.cap(i))
    }

    /// Last token of the sentence's content, without the final full stop.
    fn content_end(&self) -> usize {
        let mut e = self.s.tok_end;
        while e > self.s.tok_start {
            let t = &self.doc.tokens[e - 1];
            let txt = self.doc.tok_text(e - 1);
            if t.kind == TokKind::Punct && matches!(txt, "." | "," | ";" | ":" | "—" | "–") {
                e -= 1;
            } else {
                break;
            }
        }
        e
    }

    fn run(&self, out: &mut Vec<Attribution>, first_in_sentence: usize) {
        let lex = lexicon::get();
        let mut i = self.s.tok_start;
        while i < self.s.tok_end {
            let mut next = i + 1;
            if self.lw(i) == "according" && self.lw(i + 1) == "to" {
                if let Some(a) = self.according_to(i) {
                    next = a.cue.end;
                    out.push(a);
                }
            } else if self.has(i, class::CUE) {
                if let Some(a) = self.verb_cue(lex.cue(self.lw(i)), i, &out[first_in_sentence..]) {
                    next = a.cue.end;
                    out.push(a);
                }
            } else if self.lw(i) == "it" {
                if let Some(a) = self.impersonal(i) {
                    next = a.cue.end;
                    out.push(a);
                }
            } else if self.lw(i) == "reportedly" && !self.doc.tokens[i].quoted {
                out.push(self.adverb_cue(i));
            } else if self.has(i, class::NCUE) {
                if let Some(a) = self.nominal_cue(i) {
                    next = a.cue.end;
                    out.push(a);
                }
            }
            i = next;
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
            sentence: self.si,
            signals: Vec::new(),
        }
    }

    /// "according to X, C" / "C, according to X".
    fn according_to(&self, i: usize) -> Option<Attribution> {
        let src_start = i + 2;
        let src_end = self.np_right(src_start)?;
        let mut a = self.attribution(TokRange::new(i, i + 2), tag::SPEECH, "according to");
        a.source = Some(TokRange::new(src_start, src_end));
        let end = self.content_end();
        a.content = if i > self.s.tok_start && self.punct(i - 1, ",") {
            self.range_before(i - 1)
        } else if self.punct(src_end, ",") && src_end + 1 < end {
            Some(TokRange::new(src_end + 1, end))
        } else if i > self.s.tok_start {
            self.range_before(i)
        } else {
            None
        };
        Some(a)
    }

    /// Content that ends just before token `end`: from the sentence start, or
    /// from the opening of a quotation that closes there.
    fn range_before(&self, end: usize) -> Option<TokRange> {
        let mut e = end;
        while e > self.s.tok_start && self.punct(e - 1, ",") {
            e -= 1;
        }
        if e <= self.s.tok_start {
            return None;
        }
        let mut start = self.s.tok_start;
        // A quotation that closes right here may have opened sentences ago.
        let last = e - 1;
        let close = if self.doc.tokens[last].kind == TokKind::CloseQuote {
            Some(last)
        } else if last > self.s.tok_start
            && self.doc.tokens[last - 1].kind == TokKind::CloseQuote
            && self.punct(last, ",")
        {
            Some(last - 1)
        } else {
            None
        };
        if let Some(c) = close {
            if let Some(q) = self.doc.quotes.iter().rev().find(|q| q.close_tok == c) {
                start = start.min(q.open_tok);
            }
        }
        Some(TokRange::new(start, e))
    }

    /// A verb cue at token `i`, if it stands in an attribution frame.
    fn verb_cue(
        &self,
        infos: &[CueInfo],
        i: usize,
        earlier: &[Attribution],
    ) -> Option<Attribution> {
        let (info, cue_end) = infos
            .iter()
            .filter_map(|c| match c.particle {
                Some(p) if self.lw(i + 1) == p => Some((c, i + 2)),
                Some(_) => None,
                None => Some((c, i + 1)),
            })
            .max_by_key(|(c, end)| (*end, c.particle.is_some()))?;
        let tags = info.tags;
        let quoted = self.doc.tokens[i].quoted;
        // Inside a quotation, a speaker's "I think" is theirs, not a report.
        if quoted && tags & (tag::STATE | tag::FINDING) != 0 {
            return None;
        }
        // Left context: skip adverbs and auxiliaries back to the subject.
        let mut l = i;
        let mut aux_be = false;
        let mut aux_to = false;
        while l > self.s.tok_start && self.is_verb_modifier(l - 1) {
            if matches!(
                self.lw(l - 1),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            ) {
                aux_be = true;
            }
            l -= 1;
        }
        if l > self.s.tok_start && self.lw(l - 1) == "to" {
            aux_to = true;
        }
        // A noun, not a verb: "the claims", "his report", "Trump's view".
        if l == i && l > self.s.tok_start {
            let p = l - 1;
            if self.has(p, class::DET | class::POSS)
                || self.is_word(p) && self.lw(p).ends_with("'s")
            {
                return None;
            }
        }
        if tags & tag::BASE != 0 && !aux_to && l == i && l > self.s.tok_start {
            // A bare base form needs a plural or pronoun subject: "officials say".
            let p = l - 1;
            let w = self.lw(p);
            let plural = w.ends_with('s') && !w.ends_with("'s") && !w.ends_with("ss");
            if !(plural || self.has(p, class::PRON_SUBJ) || self.has(p, class::VAGUE_ALONE)) {
                return None;
            }
        }
        let passive = aux_be && tags & tag::PAST != 0;
        let ing = tags & tag::ING != 0;
        let mut a = self.attribution(TokRange::new(i, cue_end), tags, info.lemma);
        let mut c = cue_end;
        // Right context: what the content starts with.
        let end = self.content_end();
        if tags & tag::OBJ != 0 && !passive {
            c = self.skip_object(c, tags);
        }
        c = self.skip_adjuncts(c);
        let after_cue_is_end = c >= end;
        let framed_that = self.lw(c) == "that";
        let framed_quote = self.kind(c) == Some(TokKind::OpenQuote)
            || (self.punct(c, ":") || self.punct(c, ","))
                && self.kind(c + 1) == Some(TokKind::OpenQuote);
        let framed_colon = self.punct(c, ":");
        let framed_inf = tags & tag::INF != 0 && self.lw(c) == "to";
        let framed_of = tags & tag::OF != 0 && (self.lw(c) == "of" || self.lw(c) == "for");
        let weak = tags & (tag::WEAK | tag::QUOTE) != 0;

        // Preceding content: "“…,” said Smith", "…, the source added."
        let left_is_comma = l > self.s.tok_start && self.punct(l - 1, ",");
        let left_is_close = l > self.s.tok_start
            && (self.kind(l - 1) == Some(TokKind::CloseQuote)
                || self.punct(l - 1, ",")
                    && self.kind(l.wrapping_sub(2)) == Some(TokKind::CloseQuote));

        // Inverted: CONTENT, CUE SOURCE.
        if (left_is_comma || left_is_close) && !ing && !passive {
            if let Some(src_end) = self.np_right(c) {
                if src_end >= end || self.punct(src_end, ",") {
                    a.source = Some(TokRange::new(c, self.appositive_end(src_end, end)));
                    a.content = self.range_before(l);
                    return Some(a);
                }
            }
        }

        // Preverbal subject.
        let subject = if ing && !aux_be {
            None
        } else if passive {
            None
        } else {
            self.np_left(l)
        };
        let subject = subject.or_else(|| {
            // "…and vowed to take revenge": share the source of the cue before.
            if l > self.s.tok_start && matches!(self.lw(l - 1), "and" | "but" | "or") || ing {
                earlier.last().and_then(|e| e.source)
            } else {
                None
            }
        });
        let subject = if ing && subject.is_none() {
            self.main_subject(l)
        } else {
            subject
        };

        if passive {
            // "It is/was said" is handled as impersonal; "X was told" reports
            // to X, not from X. "… was reported by X" names the source.
            if self.lw(c) == "by" {
                let src_end = self.np_right(c + 1)?;
                a.source = Some(TokRange::new(c + 1, src_end));
                a.content = self.range_before(l.saturating_sub(1).max(self.s.tok_start));
                return Some(a);
            }
            return None;
        }

        let content = if framed_that || framed_inf || framed_of {
            (c < end).then(|| TokRange::new(c, end))
        } else if framed_quote {
            let open = if self.kind(c) == Some(TokKind::OpenQuote) {
                c
            } else {
                c + 1
            };
            self.quote_from(open)
        } else if framed_colon && c + 1 < end {
            Some(TokRange::new(c + 1, end))
        } else if after_cue_is_end || self.punct(c, ",") {
            // "…, he said." / "“…,” he said, …"
            if subject.is_some() && (left_is_comma || left_is_close || self.s.tok_start < l) {
                self.range_before(subject.map_or(l, |s| s.start))
            } else {
                None
            }
        } else if !weak && self.starts_clause(c) {
            Some(TokRange::new(c, end))
        } else if weak && subject.is_some() && c < end && tags & tag::OBJ != 0 {
            // "Trump called Clinton a liar": the rest is what was said.
            Some(TokRange::new(cue_end, end))
        } else {
            None
        };
        // A cue needs a frame: a source with content, or a quoted content.
        let content = content?;
        if subject.is_none() && !framed_quote && !framed_that {
            return None;
        }
        if weak && !(framed_that || framed_quote || framed_inf || framed_of) {
            if tags & tag::QUOTE != 0 || subject.is_none() {
                return None;
            }
        }
        if quoted && !(framed_that || framed_quote) {
            return None;
        }
        a.source = subject;
        a.content = Some(content);
        Some(a)
    }

    /// A quotation opening at `open`, to its close (possibly sentences on).
    fn quote_from(&self, open: usize) -> Option<TokRange> {
        let q = self.doc.quotes.iter().find(|q| q.open_tok == open)?;
        Some(TokRange::new(open, q.close_tok + 1))
    }

    /// Does a clause plausibly start at token `c`? (A reported clause with no
    /// "that": "said the attack was ordered".)
    fn starts_clause(&self, c: usize) -> bool {
        match self.kind(c) {
            Some(TokKind::Word) => {
                !self.has(c, class::PREP | class::CONJ)
                    || self.lw(c) == "if"
                    || self.lw(c) == "whether"
            }
            Some(TokKind::Number) | Some(TokKind::OpenQuote) => true,
            _ => false,
        }
    }

    /// Skip a listener or target after "told", "warned", "accused":
    /// "told reporters", "told the Associated Press", "accused the MEK".
    fn skip_object(&self, c: usize, tags: u16) -> usize {
        let end = self.content_end();
        if c >= end {
            return c;
        }
        if self.lw(c) == "that" || self.kind(c) == Some(TokKind::OpenQuote) {
            return c;
        }
        if self.has(c, class::PRON_OBJ) || matches!(self.lw(c), "her" | "it" | "you") {
            return c + 1;
        }
        let mut k = c;
        let limit = (c + 8).min(end);
        while k < limit {
            let w = self.lw(k);
            if w == "that"
                || (w == "of" && tags & tag::OF != 0)
                || (w == "to" && tags & tag::INF != 0)
            {
                return k;
            }
            if !self.is_word(k) && self.kind(k) != Some(TokKind::Number) {
                break;
            }
            if k > c && (self.has(k, class::AUX | class::SUBORD) || self.has(k, class::PRON_SUBJ)) {
                break;
            }
            k += 1;
        }
        // No "that": the object is a short noun phrase if anything.
        if k > c && (self.punct(k, ",") || self.punct(k, ":") || k >= end) {
            return k;
        }
        c
    }

    /// Skip "Monday", "on Tuesday", "in a statement", "on Twitter", "last week".
    fn skip_adjuncts(&self, mut c: usize) -> usize {
        let end = self.content_end();
        for _ in 0..3 {
            if c >= end {
                break;
            }
            if self.has(c, class::WEEKDAY | class::TIME) && self.lw(c) != "that" {
                c += 1;
                continue;
            }
            if self.has(c, class::PREP)
                && matches!(
                    self.lw(c),
                    "in" | "on"
                        | "at"
                        | "during"
                        | "to"
                        | "via"
                        | "with"
                        | "from"
                        | "after"
                        | "before"
                )
            {
                // A short prepositional phrase followed by a frame word.
                let mut k = c + 1;
                while k < end
                    && k < c + 7
                    && (self.is_word(k) || self.kind(k) == Some(TokKind::Number))
                    && self.lw(k) != "that"
                    && !self.has(k, class::SUBORD)
                {
                    k += 1;
                }
                let frame = self.lw(k) == "that"
                    || self.punct(k, ",")
                    || self.punct(k, ":")
                    || self.kind(k) == Some(TokKind::OpenQuote)
                    || k >= end;
                if frame && k > c + 1 {
                    c = k;
                    continue;
                }
            }
            break;
        }
        c
    }

    /// An appositive after a postposed source: "said Smith, a spokesman for X".
    fn appositive_end(&self, src_end: usize, end: usize) -> usize {
        if self.punct(src_end, ",")
            && src_end + 1 < end
            && self.has(src_end + 1, class::DET | class::POSS)
        {
            let mut k = src_end + 1;
            while k < end && !self.punct(k, ",") && self.kind(k) != Some(TokKind::OpenQuote) {
                k += 1;
            }
            if k - src_end <= 12 {
                return k;
            }
        }
        src_end
    }

    /// The subject of the main clause, for "…, saying that": the first noun
    /// phrase of the sentence after any introductory phrase.
    fn main_subject(&self, before: usize) -> Option<TokRange> {
        let mut k = self.s.tok_start;
        // Skip "In January," and similar introductions.
        for j in self.s.tok_start..before.min(self.s.tok_start + 8) {
            if self.punct(j, ",") {
                k = j + 1;
                break;
            }
        }
        while k < before && self.has(k, class::CONJ) {
            k += 1;
        }
        let end = self.np_right(k)?;
        (end <= before).then(|| TokRange::new(k, end))
    }

    /// The noun phrase that ends just before token `end`, walking left.
    fn np_left(&self, end: usize) -> Option<TokRange> {
        let lo = self.s.tok_start;
        if end <= lo {
            return None;
        }
        let last = end - 1;
        if self.has(last, class::PRON_SUBJ)
            || self.has(last, class::VAGUE_ALONE) && !self.has(last - 1.min(last), class::DET)
        {
            if self.has(last, class::PRON_SUBJ) {
                return Some(TokRange::new(last, end));
            }
        }
        // "Hassan Rouhani, the Iranian regime's president, said"
        if self.punct(last, ",") {
            return self.appositive_left(last);
        }
        let start = self.walk_np_left(end, lo)?;
        Some(TokRange::new(start, end))
    }

    fn appositive_left(&self, comma: usize) -> Option<TokRange> {
        let lo = self.s.tok_start;
        let mut p = comma;
        while p > lo && comma - p < 14 {
            p -= 1;
            if self.punct(p, ",") {
                break;
            }
            if !(self.is_word(p) || self.kind(p) == Some(TokKind::Number) || self.punct(p, "-")) {
                return None;
            }
            if self.has(p, class::AUX | class::SUBORD) && self.lw(p) != "that" {
                return None;
            }
        }
        if !self.punct(p, ",") || p + 1 >= comma {
            return None;
        }
        let appo = p + 1;
        if !(self.has(appo, class::DET | class::POSS | class::TITLE) || self.cap(appo)) {
            return None;
        }
        let start = self.walk_np_left(p, lo)?;
        // The head before the appositive must look like a name.
        if !(start..p).any(|k| self.cap(k)) {
            return None;
        }
        Some(TokRange::new(start, comma))
    }

    /// Walk left from `end` over noun-phrase material; the phrase's start.
    fn walk_np_left(&self, end: usize, lo: usize) -> Option<usize> {
        let mut k = end;
        let mut words = 0;
        while k > lo && words < 14 {
            let t = k - 1;
            let ok = match self.kind(t) {
                Some(TokKind::Word) => {
                    let w = self.lw(t);
                    if self.has(
                        t,
                        class::AUX
                            | class::NEG
                            | class::SUBORD
                            | class::PRON_SUBJ
                            | class::PRON_OBJ,
                    ) && !self.has(t, class::DET)
                    {
                        // "who" opens a relative clause inside the phrase:
                        // "officials who spoke on condition of anonymity".
                        if matches!(w, "who" | "which")
                            && t > lo
                            && self.is_word(t - 1)
                            && !self.has(t - 1, class::PREP | class::DET)
                        {
                            true
                        } else {
                            false
                        }
                    } else if self.has(t, class::CONJ) {
                        // "the regime and its proponents", "France and Germany"
                        w == "and"
                            && t > lo
                            && (self.is_word(t - 1))
                            && k < end + 1
                            && !self.punct(t - 1, ",")
                    } else if self.has(t, class::CUE) && !self.cap(t) {
                        // Another verb: the clause starts after it, unless it
                        // is a participle inside the phrase ("information
                        // obtained by").
                        self.lw(t + 1) == "by"
                    } else if self.has(t, class::PREP) {
                        // "authorities in Belgium", "a spokesman for Trump"
                        matches!(
                            w,
                            "of" | "for" | "in" | "at" | "from" | "by" | "on" | "with"
                        ) && k < end
                            && t > lo
                            && self.is_word(t - 1)
                            && !self.has(t - 1, class::PREP | class::AUX | class::CUE)
                    } else {
                        true
                    }
                }
                Some(TokKind::Number) => true,
                Some(TokKind::Punct) => {
                    let p = self.doc.tok_text(t);
                    // List commas between names: "Belgium, France and Germany".
                    (p == ","
                        && t > lo
                        && self.cap(t - 1)
                        && self.cap(t + 1)
                        && (t + 2..end).any(|j| self.lw(j) == "and"))
                        || p == "-"
                        || p == "&"
                }
                Some(TokKind::Symbol) => self.doc.tok_text(t) == "&",
                _ => false,
            };
            if !ok {
                break;
            }
            k = t;
            words += 1;
        }
        // Trim leading words that cannot start a noun phrase.
        while k < end
            && (self.has(k, class::PREP | class::CONJ | class::REL) && !self.has(k, class::DET)
                || self.punct(k, ",")
                || self.punct(k, "-"))
        {
            k += 1;
        }
        if k >= end {
            return None;
        }
        // A phrase needs a noun-like word, not just a determiner.
        let has_head = (k..end).any(|j| {
            (self.is_word(j)
                && !self.has(
                    j,
                    class::DET | class::POSS | class::PREP | class::CONJ | class::REL,
                ))
                || self.kind(j) == Some(TokKind::Number)
        });
        has_head.then_some(k)
    }

    /// The noun phrase starting at token `start`; its end (exclusive).
    fn np_right(&self, start: usize) -> Option<usize> {
        let end = self.content_end();
        let mut k = start;
        let mut words = 0;
        while k < end && words < 14 {
            let ok = match self.kind(k) {
                Some(TokKind::Word) => {
                    let w = self.lw(k);
                    if k > start
                        && (self.has(
                            k,
                            class::SUBORD | class::AUX | class::PRON_SUBJ | class::REL,
                        ) && !self.has(k, class::DET))
                    {
                        false
                    } else if self.has(k, class::CONJ) {
                        w == "and"
                            && k > start
                            && self.is_word(k + 1)
                            && !self.has(k + 1, class::PRON_SUBJ)
                    } else if self.has(k, class::CUE) && k > start && !self.cap(k) {
                        false
                    } else {
                        !(k == start && self.has(k, class::PREP | class::SUBORD | class::AUX))
                    }
                }
                Some(TokKind::Number) => true,
                Some(TokKind::Punct) => matches!(self.doc.tok_text(k), "-" | "&"),
                _ => false,
            };
            if !ok {
                break;
            }
            k += 1;
            words += 1;
        }
        // Do not end on a preposition or conjunction.
        while k > start && self.has(k - 1, class::PREP | class::CONJ | class::DET) {
            k -= 1;
        }
        (k > start).then_some(k)
    }

    /// "It is believed that…", "it was reported", "it has been said".
    fn impersonal(&self, i: usize) -> Option<Attribution> {
        let lex = lexicon::get();
        let mut k = i + 1;
        let mut be = false;
        while k < self.s.tok_end && k < i + 5 && self.is_verb_modifier(k) {
            if matches!(self.lw(k), "is" | "was" | "are" | "were" | "be" | "been") {
                be = true;
            }
            k += 1;
        }
        if !be || !self.has(k, class::CUE) {
            return None;
        }
        let info = lex
            .cue(self.lw(k))
            .iter()
            .find(|c| c.tags & tag::PAST != 0)?;
        if !(self.lw(k + 1) == "that" || self.lw(k + 1) == "to") {
            return None;
        }
        let mut a = self.attribution(TokRange::new(i, k + 1), info.tags, info.lemma);
        a.impersonal = true;
        a.kind = SourceKind::Vague;
        a.source = Some(TokRange::new(i, i + 1));
        let end = self.content_end();
        a.content = (k + 1 < end).then(|| TokRange::new(k + 1, end));
        Some(a)
    }

    /// "reportedly": the whole rest of the sentence is hearsay.
    fn adverb_cue(&self, i: usize) -> Attribution {
        let mut a = self.attribution(TokRange::new(i, i + 1), tag::SPEECH, "reportedly");
        a.impersonal = true;
        a.kind = SourceKind::Vague;
        a.source = Some(TokRange::new(i, i + 1));
        let end = self.content_end();
        a.content = (self.s.tok_start < end).then(|| TokRange::new(self.s.tok_start, end));
        a
    }

    /// "the claims of the regime that…", "Trump's claim that…", "a statement
    /// by the ministry".
    fn nominal_cue(&self, i: usize) -> Option<Attribution> {
        let lex = lexicon::get();
        let tags = lex.nominal(self.lw(i))? | tag::SPEECH;
        let end = self.content_end();
        let mut a = self.attribution(TokRange::new(i, i + 1), tags, "");
        // Possessive source: "Trump's claim", "the regime's claims".
        if i > self.s.tok_start && self.lw(i - 1).ends_with("'s")
            || i > self.s.tok_start && self.has(i - 1, class::POSS) && !self.has(i - 1, class::DET)
        {
            let p = i - 1;
            if self.lw(p).ends_with("'s") {
                let start = self.walk_np_left(p + 1, self.s.tok_start).unwrap_or(p);
                a.source = Some(TokRange::new(start, p + 1));
            } else {
                a.source = Some(TokRange::new(p, p + 1));
            }
            if self.lw(i + 1) == "that" && i + 1 < end {
                a.content = Some(TokRange::new(i + 1, end));
                return Some(a);
            }
            return None;
        }
        // "claims of/by/from X that C"
        if matches!(self.lw(i + 1), "of" | "by" | "from") {
            let src_end = self.np_right(i + 2)?;
            a.source = Some(TokRange::new(i + 2, src_end));
            if self.lw(src_end) == "that" && src_end < end {
                a.content = Some(TokRange::new(src_end, end));
            } else if self.kind(src_end) == Some(TokKind::OpenQuote) || self.punct(src_end, ":") {
                let open = if self.punct(src_end, ":") {
                    src_end + 1
                } else {
                    src_end
                };
                a.content = self.quote_from(open);
            }
            return a.content.is_some().then_some(a);
        }
        None
    }
}

//! Source spans: who is speaking. Without a parser, the source is read as a
//! noun phrase walked left from the cue ("authorities in Belgium, France and
//! Germany declared") or right from it ("said Sen. Richard Blumenthal
//! (D-Conn.)"), with the appositives and relative clauses news prose hangs
//! on names ("Hassan Rouhani, the Iranian regime's president, said"), and,
//! for "…, saying that", the subject of the sentence's main clause.

use super::{Attribution, Finder};
use crate::lexicon::class;
use crate::text::{TokKind, TokRange};

impl Finder<'_, '_> {
    /// The subject ending just before token `l` (the cue, past any adverbs).
    pub(super) fn subject_left(&self, l: usize, earlier: &[Attribution]) -> Option<TokRange> {
        let lo = self.s.tok_start;
        if l <= lo {
            return None;
        }
        let last = l - 1;
        if self.has(last, class::PRON_SUBJ) {
            return Some(TokRange::new(last, l));
        }
        // "…and vowed to take revenge": the subject of the cue before, or of
        // the sentence.
        if self.has(last, class::CONJ) {
            return self.shared_subject(earlier, last);
        }
        // "Barkley, who said …": the relative pronoun is the source; its
        // antecedent says who that is.
        if matches!(self.lw(last), "who" | "that" | "which") && last > lo {
            let mut e = last;
            if self.punct(e - 1, ",") {
                e -= 1;
            }
            if e > lo && self.cap(e - 1)
                || self.is_word(e - 1) && !self.has(e - 1, class::PREP | class::CUE)
            {
                let start = self.walk_np_left(e, lo)?;
                self.antecedent.set(Some(TokRange::new(start, e)));
                return Some(TokRange::new(last, l));
            }
            return None;
        }
        if self.punct(last, ",") {
            return self.appositive_left(last);
        }
        let start = self.walk_np_left(l, lo)?;
        Some(TokRange::new(start, l))
    }

    /// The subject of the main clause, for "…, saying that": the first noun
    /// phrase of the sentence after any introductory phrase.
    fn main_subject(&self, before: usize) -> Option<TokRange> {
        let mut k = self.s.tok_start;
        // A dateline: "WASHINGTON (AP) —".
        if self.acronym(k) {
            if let Some(d) = (k..(k + 8).min(before))
                .find(|&j| self.punct(j, "—") || self.punct(j, "--") || self.punct(j, "–"))
            {
                k = d + 1;
            }
        }
        // "But on Tuesday, he stood … and urged": a conjunction opens the
        // sentence before its introductory phrase.
        if k + 1 < before && self.has(k, class::CONJ) && self.has(k + 1, class::PREP) {
            k += 1;
        }
        // "In January,", "Speaking at a town hall in Salem,", "Later,", "A
        // few hours later,"
        let comma = (k..before.min(k + 12)).find(|&j| self.punct(j, ","));
        let time_phrase = comma.is_some_and(|c| {
            (k..c).all(|j| {
                self.has(
                    j,
                    class::DET
                        | class::ADV
                        | class::TIME
                        | class::MONTH
                        | class::WEEKDAY
                        | class::NUMBER_WORD,
                ) || self.kind(j) == Some(TokKind::Number)
                    || matches!(
                        self.lw(j),
                        "few"
                            | "hours"
                            | "minutes"
                            | "days"
                            | "weeks"
                            | "months"
                            | "years"
                            | "moments"
                            | "ago"
                            | "later"
                            | "earlier"
                    )
            })
        });
        let intro = time_phrase
            || self.has(
                k,
                class::PREP
                    | class::SUBORD
                    | class::ADV
                    | class::TIME
                    | class::MONTH
                    | class::WEEKDAY,
            )
            || self.lw(k).ends_with("ly")
            || self.lw(k).ends_with("ing")
            || self.kind(k) == Some(TokKind::Number);
        match (intro, comma) {
            (true, Some(c)) => k = c + 1,
            // "When Trump referred to the massacre and said…": the cue is
            // still inside the subordinate clause, whose subject speaks.
            (true, None) if self.has(k, class::SUBORD) && k + 1 < before => k += 1,
            _ => {}
        }
        while k < before && (self.has(k, class::CONJ) || self.open_quote(k)) {
            k += 1;
        }
        if self.has(k, class::PRON_SUBJ) {
            return Some(TokRange::new(k, k + 1));
        }
        let end = self.np_right(k)?;
        let end = self.relative_end(end);
        (end <= before).then(|| TokRange::new(k, end))
    }

    /// "X, who runs the lobbying arm," — extend a phrase over its relative
    /// clause when one follows between commas.
    pub(super) fn relative_end(&self, np_end: usize) -> usize {
        if self.punct(np_end, ",") && matches!(self.lw(np_end + 1), "who" | "which") {
            let end = self.content_end();
            let mut k = np_end + 2;
            while k < end && k < np_end + 20 && !self.punct(k, ",") {
                k += 1;
            }
            if self.punct(k, ",") {
                return k;
            }
        }
        np_end
    }

    /// "Hassan Rouhani, the Iranian regime's president, said": a name and
    /// one or more appositives or relative clauses between commas.
    pub(super) fn appositive_left(&self, comma: usize) -> Option<TokRange> {
        let lo = self.s.tok_start;
        let mut seg_end = comma;
        let mut end = comma;
        for _ in 0..3 {
            // The segment between the previous comma and `seg_end`.
            let mut p = seg_end;
            while p > lo && seg_end - p < 24 {
                p -= 1;
                if self.punct(p, ",") {
                    break;
                }
                let ok = self.is_word(p)
                    || self.kind(p) == Some(TokKind::Number)
                    || matches!(self.kind(p), Some(TokKind::Punct))
                        && matches!(
                            self.doc.tok_text(p),
                            "-" | "(" | ")" | "&" | "’" | "'" | "."
                        )
                    || self.kind(p) == Some(TokKind::Symbol);
                if !ok {
                    return None;
                }
            }
            if !self.punct(p, ",") || p + 1 >= seg_end {
                return None;
            }
            let first = p + 1;
            // "Sanders, meanwhile, said": an adverb between commas belongs to
            // the clause, not to the speaker.
            if seg_end == first + 1 && self.has(first, class::ADV) {
                if seg_end == end {
                    end = p;
                }
                seg_end = p;
                continue;
            }
            // "the Iranian regime's president", "35", "director of research",
            // "who runs the NRA's lobbying arm"
            let appositive = self.appositive_start(first)
                || self.cap(first)
                // "of Raleigh, N.C.", "speaking to reporters Tuesday"
                || self.lw(first) == "of" && self.cap(first + 1)
                || self.has(first, class::CUE_ING) && !self.cap(first);
            if !appositive {
                return None;
            }

            // Is there a name right before this comma?
            if let Some(start) = self.walk_np_left(p, lo) {
                // A name, or a definite phrase before a relative clause
                // ("The union, which endorsed Clinton, said").
                // "His critics, many of them Catholics, argue"
                let definite_relative = (self.has(first, class::REL | class::VAGUE_QUANT)
                    || self.has(start, class::POSS))
                    && self.has(start, class::DET | class::POSS);
                // "The author of the book, Mitchell Zuckoff, said", "a
                // spokeswoman, Anna White, said": a role, then the name.
                let named_role = seg_end - first <= 4
                    && (first..seg_end).all(|k| self.cap(k) || self.punct(k, "."))
                    && self.has(start, class::DET | class::POSS);
                if definite_relative
                    || named_role
                    || (start..p).any(|k| self.cap(k) && !self.has(k, class::DET))
                {
                    return Some(TokRange::new(self.name_before(start), end));
                }
            }
            seg_end = p;
        }
        None
    }

    /// Can an appositive start at `first`: a determiner, title, relative
    /// pronoun, number, or a word that is no verb or function word ("now
    /// director of…" may open one).
    fn appositive_start(&self, first: usize) -> bool {
        self.has(first, class::DET | class::POSS | class::TITLE | class::REL)
            || self.kind(first) == Some(TokKind::Number)
            || self.is_word(first)
                && !self.has(
                    first,
                    class::AUX
                        | class::SUBORD
                        | class::PRON_SUBJ
                        | class::CONJ
                        | class::PREP
                        | class::CUE_PAST
                        | class::CUE_ING,
                )
                && !self.lw(first).ends_with("ly")
    }

    /// An appositive after a postposed source: "said Smith, a spokesman for X".
    pub(super) fn appositive_end(&self, src_end: usize, end: usize) -> usize {
        let mut e = src_end;
        // "said Ms. Samour, 56, who was raised in El Salvador": an age, a
        // role, a relative clause, each between commas. Not "…, adding that"
        // or "…, and the crowd cheered".
        for _ in 0..3 {
            if !self.punct(e, ",") {
                break;
            }
            let first = e + 1;
            // Not "…, adding that": a lowercase participle goes on speaking.
            let appositive = self.appositive_start(first)
                && !self.has(first, class::ADV)
                && (self.cap(first) || !self.lw(first).ends_with("ing"));
            if !appositive {
                break;
            }
            let mut k = first;
            while k < end && !self.punct(k, ",") && !self.open_quote(k) {
                k += 1;
            }
            if k == first || self.open_quote(k) && k - first > 16 {
                break;
            }
            e = k;
        }
        e
    }

    /// "Cecelia Purner, 67, a retired clerk in Allentown, Pa., said": when a
    /// name and an age open the sentence before the appositive found, the
    /// speaker starts with them.
    fn name_before(&self, start: usize) -> usize {
        let lo = self.s.tok_start;
        let mut s = start;
        for _ in 0..3 {
            if s <= lo + 1 || !self.punct(s - 1, ",") {
                break;
            }
            let comma = s - 1;
            let mut p = comma;
            while p > lo && !self.punct(p - 1, ",") && comma - p < 6 {
                p -= 1;
            }
            let name = (p..comma).all(|k| {
                self.kind(k) == Some(TokKind::Number)
                    || self.punct(k, ".")
                    || self.cap(k)
                        && !self.has(k, class::PREP | class::DET | class::CONJ | class::SUBORD)
            });
            if p == comma || !name || p > lo && !self.punct(p - 1, ",") {
                break;
            }
            s = p;
        }
        if s == lo {
            s
        } else {
            start
        }
    }

    /// Walk left from `end` over noun-phrase material; the phrase's start.
    pub(super) fn walk_np_left(&self, end: usize, lo: usize) -> Option<usize> {
        let mut k = end;
        let mut words = 0;
        while k > lo && words < 14 {
            let t = k - 1;
            // Skip a parenthetical: "Sen. Bernie Sanders (I-Vt.)", "Many
            // speakers — including Muslims, Jews — said".
            if k == end
                && (self.punct(t, ")")
                    || self.punct(t, "—")
                    || self.punct(t, "―")
                    || self.punct(t, "--")
                    || self.punct(t, "–"))
            {
                let open = if self.punct(t, ")") {
                    "("
                } else {
                    self.doc.tok_text(t)
                };
                if let Some(o) = (t.saturating_sub(16).max(lo)..t)
                    .rev()
                    .find(|&j| self.punct(j, open))
                {
                    if o > lo {
                        k = o;
                        continue;
                    }
                }
            }
            // A determiner starts its phrase: "a war | its leaders had
            // vowed". Only "of the", "and its", "all the" reach past it.
            if k < end
                && self.has(k, class::DET | class::POSS)
                && !self.acronym(k)
                && self.is_word(t)
                && !self.has(t, class::PREP | class::CONJ | class::VAGUE_QUANT)
                && !matches!(self.lw(t), "all" | "both" | "half")
                // "CBS This Morning": a capitalised determiner inside a name.
                && !(self.cap(k) && self.cap(t) && k > self.s.tok_start)
            {
                break;
            }
            let ok = match self.kind(t) {
                Some(TokKind::Word) => {
                    let w = self.lw(t);
                    if self.acronym(t) {
                        true
                    } else if w == "that" {
                        false
                    } else if self.has(t, class::DET) || self.modal_name(t) {
                        true
                    } else if self.has(t, class::PRON_SUBJ) && k < end && self.lw(k) == "and" {
                        // "she and another reporter said"
                        true
                    } else if self.has(t, class::PRON_OBJ)
                        && !self.has(t, class::PRON_SUBJ)
                        && t > lo + 1
                        && matches!(self.lw(t - 1), "to" | "with")
                        && matches!(self.lw(t - 2), "close" | "closest" | "closer" | "familiar")
                    {
                        // "a source close to him", "people familiar with them"
                        true
                    } else if self.has(
                        t,
                        class::AUX
                            | class::NEG
                            | class::SUBORD
                            | class::PRON_SUBJ
                            | class::PRON_OBJ,
                    ) {
                        false
                    } else if self.has(t, class::CONJ) {
                        // "the regime and its proponents", "France and Germany"
                        w == "and"
                            && k < end
                            && t > lo
                            && self.is_word(t - 1)
                            && !self.has(t - 1, class::CUE_PAST)
                    } else if self.has(t, class::CUE_PAST | class::CUE_ING) && !self.cap(t) {
                        // Another verb ends the phrase, unless it is a
                        // participle inside it ("information obtained by").
                        self.lw(t + 1) == "by" && k < end
                    } else if self.has(t, class::PREP) {
                        // "authorities in Belgium", "a spokesman for Trump",
                        // "Ambassador to France"
                        // "a source close to the campaign"
                        (matches!(
                            w,
                            "of" | "for"
                                | "in"
                                | "at"
                                | "from"
                                | "by"
                                | "on"
                                | "with"
                                | "within"
                                | "across"
                                | "among"
                        ) || w == "to"
                            && t > lo
                            && (self.cap(t - 1)
                                || self.has(t - 1, class::TITLE | class::AGENT)
                                || matches!(self.lw(t - 1), "close" | "closest" | "closer")))
                            && k < end
                            && t > lo
                            // "4 in 10 voters"
                            && (self.is_word(t - 1)
                                || self.kind(t - 1) == Some(TokKind::Number) && w == "in")
                            && !self.has(
                                t - 1,
                                class::PREP | class::AUX | class::CUE_PAST | class::PRON_SUBJ,
                            )
                    } else {
                        true
                    }
                }
                Some(TokKind::Number) => true,
                Some(TokKind::Punct) if matches!(self.doc.tok_text(t), "’" | "'") => {
                    // "Sanders’ campaign manager": a plural possessive.
                    t > lo && self.is_word(t - 1) && self.lw(t - 1).ends_with('s')
                }
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
                Some(TokKind::Symbol) => matches!(self.doc.tok_text(t), "&" | "%"),
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
        // "about half of voters", "only about 4 in 10", "at least half": an
        // approximation before a number belongs to it.
        if (k..end.min(k + 3)).any(|j| {
            self.kind(j) == Some(TokKind::Number)
                || self.has(j, class::NUMBER_WORD)
                || self.lw(j) == "half"
        }) {
            for _ in 0..3 {
                if k > lo && self.has(k - 1, class::APPROX) {
                    k -= 1;
                }
            }
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
    pub(super) fn np_right(&self, start: usize) -> Option<usize> {
        let end = self.content_end();
        let mut k = start;
        let mut words = 0;
        while k < end && words < 14 {
            // "said Sen. Richard Blumenthal (D-Conn.)": a party and state
            // after a name belong to it.
            if k > start && self.punct(k, "(") && self.cap(k - 1) {
                if let Some(close) = (k + 1..end.min(k + 8)).find(|&j| self.punct(j, ")")) {
                    k = close + 1;
                    words += 1;
                    continue;
                }
            }
            let ok = match self.kind(k) {
                Some(TokKind::Word) => {
                    let w = self.lw(k);
                    if self.acronym(k) || self.modal_name(k) && self.cap(k + 1) {
                        true
                    } else if k == start {
                        !self.has(k, class::PREP | class::SUBORD | class::AUX | class::CONJ)
                            || self.has(k, class::DET)
                    } else if w == "that" {
                        // "said on Thursday that…": the complementizer, not a determiner.
                        false
                    } else if self.has(k, class::DET) {
                        true
                    } else if self.has(
                        k,
                        class::SUBORD | class::AUX | class::PRON_SUBJ | class::REL | class::NEG,
                    ) || self.has(k, class::VERB) && !self.cap(k)
                    {
                        false
                    } else if self.has(k, class::ADV)
                        && !self.cap(k)
                        && self.cap(k - 1)
                        && !matches!(w, "last" | "first" | "once")
                    {
                        // "Trump later referred", "Clinton again argued"; not
                        // "told POLITICO last fall".
                        false
                    } else if !self.cap(k)
                        && w.ends_with("ly")
                        && w.len() > 4
                        // "at a rally", "the family": a noun after its article.
                        && !(k > start && self.has(k - 1, class::DET | class::POSS))
                        && !(k > start + 1
                            && self.has(k - 2, class::DET | class::POSS)
                            && self.is_word(k + 1))
                    {
                        // "Hillary Clinton immediately said"
                        false
                    } else if w.ends_with("ed")
                        && self.has(k - 1, class::DOCUMENT | class::SURVEY)
                        && self.has(k + 1, class::WEEKDAY | class::MONTH)
                    {
                        // "a poll released Sunday"
                        true
                    } else if k > start && self.has(k - 1, class::DET | class::POSS) {
                        // "a written statement", "his prepared remarks": a
                        // participle right after a determiner modifies a noun.
                        true
                    } else if !self.cap(k)
                        && w.ends_with("ed")
                        && w.len() > 4
                        && self.lw(k + 1) != "by"
                    {
                        // "the regime resorted to…": a finite verb ends the
                        // phrase; "a poll conducted by" keeps going.
                        false
                    } else if self.has(k, class::CONJ) {
                        w == "and"
                            && self.is_word(k + 1)
                            && !self.has(k + 1, class::PRON_SUBJ | class::AUX | class::CUE_PAST)
                    } else if self.has(k, class::CUE_PAST | class::CUE_ING) && !self.cap(k) {
                        // "the report released Monday", "a source familiar":
                        // participles after a noun stay; a finite verb ends it.
                        self.lw(k + 1) == "by"
                    } else {
                        true
                    }
                }
                Some(TokKind::Number) => true,
                Some(TokKind::Punct) => matches!(self.doc.tok_text(k), "-" | "&"),
                Some(TokKind::Symbol) => matches!(self.doc.tok_text(k), "&" | "@" | "#"),
                _ => false,
            };
            if !ok {
                break;
            }
            k += 1;
            words += 1;
        }
        // Do not end on a preposition, conjunction or determiner.
        while k > start && self.has(k - 1, class::PREP | class::CONJ | class::DET) {
            k -= 1;
        }
        (k > start).then_some(k)
    }

    /// The source of the cue before this one in the sentence ("…accused the
    /// MEK and vowed"), or else the subject of the main clause ending before
    /// `before` ("…, saying that").
    pub(super) fn shared_subject(
        &self,
        earlier: &[Attribution],
        before: usize,
    ) -> Option<TokRange> {
        earlier
            .last()
            .and_then(|e| e.source)
            .or_else(|| self.main_subject(before))
    }
}

//! Verb cues: is a reporting verb from the lexicon ("said", "told",
//! "accused", "believes") a report here, and in what frame? `verb_cue` reads
//! left past adverbs and auxiliaries to where its subject ends, rules out
//! the same word as a noun or an adjective ("the claims", "384 pledged
//! delegates"), reads right past a listener and adjuncts ("told reporters
//! on Tuesday that") to the frame — a that-clause, a quotation, a colon, an
//! infinitive, a clause — and hands it to the step in `frames` that builds
//! the attribution.

use super::{Attribution, Finder};
use crate::lexicon::{class, tag, CueInfo};
use crate::text::{TokKind, TokRange};

/// What follows a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    /// "that …"
    That,
    /// A quotation opening at this token.
    Quote(usize),
    /// ": …"
    Colon,
    /// "to …" after a verb that takes an infinitive.
    Infinitive,
    /// "of …" after "accused".
    Of,
    /// Nothing: the sentence (or clause) ends.
    End,
    /// A clause with no "that": "said the attack was ordered".
    Clause,
    /// Something else: probably not a report at all.
    Other,
}

/// A verb cue with its left context read: the cue (with its particle), what
/// the lexicon says of it, and what stands between it and its subject.
#[derive(Debug, Clone, Copy)]
pub(super) struct Verb {
    pub(super) cue: TokRange,
    pub(super) tags: u16,
    pub(super) lemma: &'static str,
    /// Where the subject ends: the cue, or further left past adverbs,
    /// auxiliaries and time adjuncts ("Trump on Tuesday clearly said").
    pub(super) l: usize,
    /// A form of "be" before the cue: "is expected", "was confident".
    pub(super) aux_be: bool,
    /// A modal, "do" or "to" before the cue: "would say", "did claim".
    pub(super) modal: bool,
    /// "to" right before the subject's end: "vowed to claim".
    pub(super) to_inf: bool,
}

/// The right context of a verb cue: where its frame starts, the frame, and
/// the content that frame opens.
#[derive(Debug, Clone, Copy)]
pub(super) struct Right {
    /// Where the frame starts: the frame word, or the cue's end when the
    /// listener or target belongs to the content ("urged Congress to act").
    pub(super) c: usize,
    pub(super) frame: Frame,
    pub(super) content: Option<TokRange>,
    /// A frame that marks a report by itself: that, a quotation, a colon,
    /// an infinitive, "of".
    pub(super) strong: bool,
}

impl Finder<'_, '_> {
    /// A verb cue at token `i`, if it stands in an attribution frame.
    pub(super) fn verb_cue(
        &self,
        infos: &[CueInfo],
        i: usize,
        earlier: &[Attribution],
    ) -> Option<Attribution> {
        let (info, cue_end) = self.cue_form(infos, i)?;
        // Inside a quotation the speaker's own "I think" or "he told me" is
        // part of what is quoted; the quotation is attributed as a whole.
        if self.doc.tokens[i].quoted {
            return None;
        }
        // "United States", "Attacks in Paris": a capitalised word mid-sentence
        // is a name, unless the whole sentence is a title-case headline.
        if self.cap(i) && i > self.s.tok_start && !self.title_case && !self.open_quote(i - 1) {
            return None;
        }
        let v = self.left_context(info, i, cue_end)?;
        if self.points_within_text(&v)
            || self.noun_or_adjective(&v)
            || self.base_form_without_subject(&v)
        {
            return None;
        }
        if v.tags & tag::ADJ != 0 {
            return self.adjective_cue(&v, earlier);
        }
        // "he would support whoever wins": a stance not yet taken.
        let stance_to_come = v.modal && v.tags & tag::WEAK != 0 && v.tags & tag::INF == 0;
        if self.names_rather_than_says(&v) || stance_to_come {
            return None;
        }
        // "As reported by Western Journalism, investigators found…" and
        // "…, as first reported by the Times.": the agent is the source.
        if v.tags & tag::PAST != 0
            && v.l > self.s.tok_start
            && self.lw(v.l - 1) == "as"
            && self.lw(v.cue.end) == "by"
        {
            return self.as_reported_by(&v);
        }
        let passive = v.aux_be && v.tags & tag::PAST != 0;
        let right = self.right_context(&v, passive);
        let a = self.attribution(v.cue, v.tags, v.lemma);
        if passive {
            return self.passive(a, v.l, right.c, right.frame, right.content);
        }
        if let Some(asked) = self.question_put(&v) {
            return self.asked(a, &v, asked, earlier);
        }
        if v.tags & tag::ING != 0 && !v.aux_be {
            return self.participle_cue(a, &v, &right, earlier);
        }
        self.antecedent.set(None);
        match self.subject_left(v.l, earlier) {
            Some(subject) => self.subject_cue(a, &v, &right, subject),
            None => self.inverted_cue(a, &v, &right, earlier),
        }
    }

    /// The lexicon entry of the cue word at `i` and where the cue ends: with
    /// its particle when one follows ("pointed out", "called again for").
    fn cue_form<'c>(&self, infos: &'c [CueInfo], i: usize) -> Option<(&'c CueInfo, usize)> {
        infos
            .iter()
            .filter_map(|c| match c.particle {
                Some(p) if self.lw(i + 1) == p => Some((c, i + 2)),
                // "called again for", "pointed out"
                Some(p) if self.has(i + 1, class::ADV) && self.lw(i + 2) == p => Some((c, i + 3)),
                Some(_) => None,
                None => Some((c, i + 1)),
            })
            .max_by_key(|(c, end)| (*end, c.particle.is_some()))
    }

    /// Skip adverbs, auxiliaries and time adjuncts back from the cue to its
    /// subject, noting a "be" or a modal on the way. `None` when a negation
    /// says nothing was said.
    fn left_context(&self, info: &CueInfo, i: usize, cue_end: usize) -> Option<Verb> {
        let tags = info.tags;
        let mut l = i;
        let mut aux_be = false;
        let mut modal = false;
        while l > self.s.tok_start && (self.is_verb_modifier(l - 1) || self.time_before(l) < l) {
            let t = self.time_before(l);
            if t < l {
                l = t;
                continue;
            }
            match self.lw(l - 1) {
                "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "'re" => {
                    aux_be = true
                }
                "will" | "would" | "can" | "could" | "may" | "might" | "should" | "must"
                | "did" | "do" | "does" | "to" => modal = true,
                _ => {}
            }
            // "has not said", "never claimed": reports that nothing was said.
            if self.has(l - 1, class::NEG) {
                return None;
            }
            l -= 1;
        }
        // "they're saying", "we're told", "he's said": a pronoun with its
        // auxiliary in one token. "'s" before a past form is "has".
        if l > self.s.tok_start && self.has(l - 1, class::PRON_SUBJ) {
            match self.contracted(l - 1) {
                (_, Some("re" | "m")) => aux_be = true,
                // "it's reported" is "it is"; "he's said" is "he has".
                (pronoun, Some("s")) if tags & (tag::ING | tag::ADJ) != 0 || pronoun == "it" => {
                    aux_be = true
                }
                (_, Some("ll")) => modal = true,
                _ => {}
            }
        }
        Some(Verb {
            cue: TokRange::new(i, cue_end),
            tags,
            lemma: info.lemma,
            l,
            aux_be,
            modal,
            to_inf: l > self.s.tok_start && self.lw(l - 1) == "to",
        })
    }

    /// "the laws mentioned above", "the study cited below": a pointer within
    /// the text, not a report.
    fn points_within_text(&self, v: &Verb) -> bool {
        v.tags & tag::PAST != 0 && matches!(self.lw(v.cue.end), "above" | "below")
    }

    /// Is the cue word, right after the word before it, a noun ("the
    /// claims", "terrorist attacks") or an adjective ("384 pledged
    /// delegates") rather than a verb?
    fn noun_or_adjective(&self, v: &Verb) -> bool {
        let (tags, cue_end) = (v.tags, v.cue.end);
        if v.l != v.cue.start || v.l <= self.s.tok_start {
            return false;
        }
        let p = v.l - 1;
        // "384 pledged delegates", "the so-called experts": a participle
        // used as an adjective before its noun.
        let next_is_noun = self.is_word(cue_end)
            && !self.cap(cue_end)
            && !self.has(
                cue_end,
                class::PRON_SUBJ
                    | class::PRON_OBJ
                    | class::DET
                    | class::POSS
                    | class::PREP
                    | class::SUBORD
                    | class::AUX
                    | class::CONJ
                    | class::ADV,
            );
        // After a comma only in a list ("pledged delegates, elected
        // delegates"), not after an appositive subject ("Amar, the
        // dean, said prices rose").
        // "Said" is never such an adjective in news: ", said governor Ed
        // Rendell" names the speaker.
        if tags & tag::PAST != 0
            && next_is_noun
            && (self.has(p, class::DET | class::POSS | class::NUMBER_WORD)
                || self.kind(p) == Some(TokKind::Number)
                || matches!(self.lw(p), "enough" | "more")
                || self.punct(p, ",") && v.lemma != "say" && self.appositive_left(p).is_none())
        {
            return true;
        }
        // A noun, not a verb: "the claims", "his report", "50 states".
        let number = self.has(p, class::NUMBER_WORD) || self.kind(p) == Some(TokKind::Number);
        // "a super PAC that backed Rubio", "a tweet that blasts Clinton":
        // "that" after a noun and before a finite form is a relative
        // pronoun, not a determiner.
        let relative_that = self.lw(p) == "that"
            && tags & (tag::BASE | tag::ING) == 0
            && p > self.s.tok_start
            && self.is_word(p - 1)
            && !self.has(p - 1, class::CUE | class::VERB | class::AUX | class::PREP);
        // "Six in 10 say", "nine out of 10 believe": after a number a
        // plain base form is a verb with a plural subject.
        let plain_base = tags & tag::BASE != 0 && tags & tag::WEAK == 0;
        if self.has(p, class::DET | class::POSS) && !relative_that
            || number && tags & tag::PAST == 0 && !plain_base
            || self.is_word(p) && self.lw(p).ends_with("'s") && !self.has(p, class::PRON_SUBJ)
        {
            return true;
        }
        // "terrorist attacks", "tough questions": a weak -s form after a
        // lowercase word is a plural noun.
        let form_s = tags & (tag::PAST | tag::ING | tag::BASE) == 0;
        form_s
            && tags & tag::WEAK != 0
            && self.is_word(p)
            && !self.cap(p)
            && !self.has(
                p,
                class::PRON_SUBJ | class::REL | class::DOCUMENT | class::AGENT,
            )
    }

    /// A bare base form needs a plural subject: "officials in Ohio say",
    /// "67 percent say", "they say", "those who say". Is this one without?
    fn base_form_without_subject(&self, v: &Verb) -> bool {
        let l = v.l;
        if v.tags & tag::BASE == 0
            || v.to_inf
            || v.modal
            || l != v.cue.start
            || l <= self.s.tok_start
        {
            return false;
        }
        let p = l - 1;
        let start = self.walk_np_left(l, self.s.tok_start).unwrap_or(p);
        let plural = (start..l).any(|k| {
            let w = self.lw(k);
            self.kind(k) == Some(TokKind::Number)
                || self.has(
                    k,
                    class::PRON_SUBJ
                        | class::VAGUE_ALONE
                        | class::REL
                        | class::NUMBER_WORD
                        | class::DOCUMENT,
                )
                || w == "percent"
                || self.doc.tok_text(k) == "%"
                || self.is_word(k)
                    && w.ends_with('s')
                    && !w.ends_with("'s")
                    && !w.ends_with("ss")
                    // "Mourners say": capitalised only to open the sentence.
                    && (!self.cap(k)
                        || k == self.s.tok_start
                        || self.has(k, class::VAGUE_HEAD | class::ANON_HEAD)
                        || w.ends_with("ans")
                        || w.ends_with("als"))
        });
        // A that-clause, a quotation or a clause with its own subject
        // pronoun makes the verb plain, whatever stands before it: "the
        // police, however, say that", "… and warn that", "42% say they".
        let cue_end = v.cue.end;
        let clause_next = self.lw(cue_end) == "that"
            || self.open_quote(cue_end)
            || self.has(cue_end, class::PRON_SUBJ) && !self.has(cue_end, class::PRON_OBJ);
        !(plural || clause_next)
            || self.has(p, class::DET | class::PREP)
            || self.has(p, class::CONJ) && !clause_next
    }

    /// "a firm called Gavekal", "a band named Phish": naming, not saying.
    fn names_rather_than_says(&self, v: &Verb) -> bool {
        let l = v.l;
        matches!(v.lemma, "call" | "name" | "dub" | "title" | "label")
            && v.tags & tag::PAST != 0
            && l == v.cue.start
            && l > self.s.tok_start
            && self.is_word(l - 1)
            && !self.cap(l - 1)
            && !self.has(l - 1, class::PRON_SUBJ | class::REL)
            && self.cap(v.cue.end)
    }

    /// Read right from the cue, past a listener or target and adjuncts, to
    /// its frame and the content that frame opens.
    fn right_context(&self, v: &Verb, passive: bool) -> Right {
        let (tags, cue_end) = (v.tags, v.cue.end);
        let mut c = cue_end;
        // "told reporters that…", "accused the MEK of…": look past the
        // listener or target for the content's frame.
        if tags & (tag::LISTENER | tag::OF) != 0 && !passive {
            c = self.skip_object(c, tags);
        }
        // "vowed to…", "accused X of…": the frame word is not an adjunct.
        let frame_word = match self.lw(c) {
            "to" => tags & tag::INF != 0,
            "of" | "for" => tags & tag::OF != 0,
            _ => false,
        };
        if !frame_word {
            c = self.skip_adjuncts(c);
        }
        let frame = self.frame(c, tags);
        // "accused the MEK of organizing": the accused belongs to the content.
        // "urged Congress to act", "asked the department to investigate":
        // the listener is who is to act, part of what is urged.
        let c = if frame == Frame::Of
            || frame == Frame::Infinitive && tags & tag::LISTENER != 0 && !passive
        {
            cue_end
        } else {
            c
        };
        Right {
            c,
            frame,
            content: self.content_after(frame, c),
            strong: matches!(
                frame,
                Frame::That | Frame::Quote(_) | Frame::Colon | Frame::Infinitive | Frame::Of
            ),
        }
    }

    /// What follows the cue at token `c`.
    fn frame(&self, c: usize, tags: u16) -> Frame {
        let end = self.content_end();
        if c >= end {
            return Frame::End;
        }
        let w = self.lw(c);
        if w == "that" {
            return Frame::That;
        }
        if self.open_quote(c) {
            return Frame::Quote(c);
        }
        if (self.punct(c, ",") || self.punct(c, ":")) && self.open_quote(c + 1) {
            return Frame::Quote(c + 1);
        }
        if self.punct(c, ":") {
            return Frame::Colon;
        }
        if w == "to" && tags & tag::INF != 0 {
            return Frame::Infinitive;
        }
        // "said about half of the money…", "said nearly 40 percent…": an
        // approximate figure opens the clause.
        if matches!(
            w,
            "about" | "around" | "nearly" | "almost" | "roughly" | "over" | "some"
        ) && (self.kind(c + 1) == Some(TokKind::Number)
            || self.has(
                c + 1,
                class::NUMBER_WORD | class::NUMBER_PLURAL | class::PROPORTION,
            ))
        {
            return Frame::Clause;
        }
        if (w == "of" || w == "for") && tags & tag::OF != 0 {
            return Frame::Of;
        }
        if self.punct(c, ",") || matches!(self.doc.tok_text(c), "—" | "―" | "--" | "–") {
            return Frame::End;
        }
        // "declared having foiled a plot": a gerund clause.
        if self.is_word(c) && !self.cap(c) && w.ends_with("ing") && w.len() > 4 {
            return Frame::Clause;
        }
        let clause = match self.kind(c) {
            Some(TokKind::Word) => {
                self.has(
                    c,
                    class::PRON_SUBJ | class::DET | class::POSS | class::VAGUE_ALONE,
                ) || matches!(
                    w,
                    "if" | "whether" | "there" | "how" | "why" | "what" | "when" | "because"
                ) || (self.cap(c) && !self.has(c, class::WEEKDAY | class::MONTH))
                    || !self.has(
                        c,
                        class::PREP | class::CONJ | class::SUBORD | class::AUX | class::ADV,
                    ) && !w.ends_with("ly")
            }
            Some(TokKind::Number) => true,
            _ => false,
        };
        if clause {
            Frame::Clause
        } else {
            Frame::Other
        }
    }

    /// Skip a listener or target after "told", "warned", "accused":
    /// "told reporters", "told the Associated Press", "accused the MEK".
    fn skip_object(&self, c: usize, tags: u16) -> usize {
        let end = self.content_end();
        if c >= end || self.lw(c) == "that" || self.open_quote(c) || !self.is_word(c) {
            return c;
        }
        if self.has(c, class::PRON_OBJ) || matches!(self.lw(c), "her" | "it" | "you") {
            return c + 1;
        }
        let Some(k) = self.np_right(c) else { return c };
        // "accused Emanuel | of covering up", "urged Congress | to act": the
        // phrase reads on through "of" and "to", but the object ends there.
        let k = (c + 1..k)
            .find(|&j| {
                let w = self.lw(j);
                (w == "of" || w == "for") && tags & tag::OF != 0
                    || w == "to" && tags & tag::INF != 0
            })
            .unwrap_or(k);
        let w = self.lw(k);
        let strong = w == "that"
            || self.open_quote(k)
            || self.punct(k, ":")
            || (w == "to" && tags & tag::INF != 0)
            || ((w == "of" || w == "for") && tags & tag::OF != 0);
        // "favored the plan": for a stance the object is what is claimed,
        // unless a content of its own follows ("urged Congress to act").
        if tags & tag::WEAK != 0 && !strong {
            return c;
        }
        let fits = k >= end
            || w == "that"
            || self.open_quote(k)
            || self.punct(k, ",")
            || self.punct(k, ":")
            || (w == "to" && tags & tag::INF != 0)
            || ((w == "of" || w == "for") && tags & tag::OF != 0)
            || self.has(k, class::PREP | class::WEEKDAY | class::TIME)
            || self.has(k, class::PRON_SUBJ);
        if fits && k - c <= 8 {
            k
        } else {
            c
        }
    }

    /// Skip "Monday", "on Tuesday", "in a statement", "on Twitter", "last
    /// week" — but only when a frame follows them.
    fn skip_adjuncts(&self, c0: usize) -> usize {
        let end = self.content_end();
        let mut c = c0;
        // "has said repeatedly that…"
        while c < end && self.is_verb_modifier(c) && !self.has(c, class::AUX | class::NEG) {
            c += 1;
        }
        // "said, per a translator, that…": a parenthetical between commas.
        if self.punct(c, ",") && self.has(c + 1, class::PREP) {
            if let Some(k) = (c + 2..end.min(c + 10)).find(|&k| self.punct(k, ",")) {
                if self.lw(k + 1) == "that" || self.open_quote(k + 1) {
                    return k + 1;
                }
            }
        }
        for _ in 0..5 {
            if c >= end {
                break;
            }
            if self.has(c, class::WEEKDAY | class::TIME | class::MONTH) && self.lw(c) != "that" {
                c += 1;
                while c < end
                    && (self.kind(c) == Some(TokKind::Number)
                        || self.has(c, class::TIME | class::WEEKDAY))
                {
                    c += 1;
                }
                continue;
            }
            let w = self.lw(c);
            if matches!(
                w,
                "for"
                    | "per"
                    | "on"
                    | "in"
                    | "at"
                    | "during"
                    | "to"
                    | "via"
                    | "with"
                    | "from"
                    | "after"
                    | "before"
                    | "of"
                    | "about"
                    | "over"
                    | "through"
                    | "outside"
                    | "inside"
            ) {
                if let Some(k) = self.np_right(c + 1) {
                    if k - c <= 9 {
                        c = k;
                        continue;
                    }
                }
            }
            break;
        }
        if c == c0 {
            return c0;
        }
        let w = self.lw(c);
        let frame = c >= end
            || w == "that"
            || self.open_quote(c)
            || self.punct(c, ",")
            || self.punct(c, ":")
            || self.has(c, class::PRON_SUBJ | class::DET | class::POSS)
            || self.cap(c)
            || self.kind(c) == Some(TokKind::Number)
            || matches!(w, "if" | "whether");
        if frame {
            c
        } else {
            c0
        }
    }
}

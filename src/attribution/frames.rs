//! Verb cues and their frames: "said", "told reporters that", "accused the
//! MEK of", "is expected to", "…, saying that", "“…,” said Smith". A cue
//! word from the lexicon is a report only in a frame: a subject on its left
//! (past adverbs and auxiliaries), a that-clause, quotation, colon,
//! infinitive or clause on its right (past a listener and adjuncts), or an
//! inverted speaker after it. `verb_cue` reads the left context, rules out
//! the same words used as nouns and adjectives, reads the right context,
//! and hands the frame to the step that builds its attribution.

use super::{Attribution, Finder};
use crate::finding::SourceKind;
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
struct Verb {
    cue: TokRange,
    tags: u16,
    lemma: &'static str,
    /// Where the subject ends: the cue, or further left past adverbs,
    /// auxiliaries and time adjuncts ("Trump on Tuesday clearly said").
    l: usize,
    /// A form of "be" before the cue: "is expected", "was confident".
    aux_be: bool,
    /// A modal, "do" or "to" before the cue: "would say", "did claim".
    modal: bool,
    /// "to" right before the subject's end: "vowed to claim".
    to_inf: bool,
}

/// The right context of a verb cue: where its frame starts, the frame, and
/// the content that frame opens.
#[derive(Debug, Clone, Copy)]
struct Right {
    c: usize,
    frame: Frame,
    content: Option<TokRange>,
    /// A frame that marks a report by itself: that, a quotation, a colon,
    /// an infinitive, "of".
    strong: bool,
}

/// A question put to the speaker, read from a past participle opening a
/// clause: "Asked whether he would…, Reid said".
#[derive(Debug, Clone, Copy)]
enum Asked {
    /// "Asked about the charges after the debate, Rubio said": the question
    /// runs to this comma, adjuncts and all, and the speaker follows it.
    Before(usize),
    /// "…,” she said when asked whether she would run.": the sentence's
    /// speaker is the one asked.
    After,
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
        if self.names_rather_than_says(&v)
            || v.modal && v.tags & tag::WEAK != 0 && v.tags & tag::INF == 0
        {
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

    /// "Trump is confident that…", "she was eager to…": an adjective after
    /// a form of "be", with its subject as the source.
    fn adjective_cue(&self, v: &Verb, earlier: &[Attribution]) -> Option<Attribution> {
        if !v.aux_be || !matches!(self.lw(v.cue.end), "that" | "to" | "about" | "of") {
            return None;
        }
        let end = self.content_end();
        self.antecedent.set(None);
        let subject = self.subject_left(v.l, earlier)?;
        if !self.agentive(subject) || self.writer_or_reader(subject.start) {
            return None;
        }
        let mut a = self.attribution(v.cue, v.tags, v.lemma);
        a.source = Some(subject);
        a.antecedent = self.antecedent.take();
        a.content = (v.cue.end < end).then(|| TokRange::new(v.cue.end, end));
        a.content.is_some().then_some(a)
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

    /// "As reported by Western Journalism, investigators found…", "…, as
    /// first reported by the Times.": the agent is the source, the clause
    /// after (or before) the content.
    fn as_reported_by(&self, v: &Verb) -> Option<Attribution> {
        let cue_end = v.cue.end;
        let src_end = self.np_right(cue_end + 1)?;
        let end = self.content_end();
        let mut a = self.attribution(v.cue, v.tags, v.lemma);
        a.source = Some(TokRange::new(cue_end + 1, src_end));
        a.content = if v.l - 1 == self.s.tok_start {
            (self.punct(src_end, ",") && src_end + 1 < end).then(|| TokRange::new(src_end + 1, end))
        } else {
            self.range_before(v.l - 1)
        };
        a.content.is_some().then_some(a)
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

    /// Does a past participle open a clause that puts a question to the
    /// speaker ("Asked whether…, Reid said")?
    fn question_put(&self, v: &Verb) -> Option<Asked> {
        let (l, cue_end) = (v.l, v.cue.end);
        // "Said Comey, “…”" is an inverted subject, not a question put.
        let opens_clause = if l == self.s.tok_start {
            self.cap(v.cue.start) && v.lemma != "say"
        } else {
            matches!(self.lw(l - 1), "when" | "if" | "once" | "after")
        };
        if v.tags & tag::PAST == 0 || !opens_clause {
            return None;
        }
        let end = self.content_end();
        match (cue_end..end).find(|&k| self.punct(k, ",")) {
            Some(comma) if cue_end < comma => Some(Asked::Before(comma)),
            None if l > self.s.tok_start && cue_end < end => Some(Asked::After),
            _ => None,
        }
    }

    /// The attribution of a question put: its content is the question.
    fn asked(
        &self,
        mut a: Attribution,
        v: &Verb,
        asked: Asked,
        earlier: &[Attribution],
    ) -> Option<Attribution> {
        let cue_end = v.cue.end;
        match asked {
            Asked::Before(comma) => {
                a.source = self
                    .np_right(comma + 1)
                    .map(|e| TokRange::new(comma + 1, e));
                a.content = Some(TokRange::new(cue_end, comma));
            }
            Asked::After => {
                a.source = self.shared_subject(earlier, v.l - 1);
                a.content = Some(TokRange::new(cue_end, self.content_end()));
            }
        }
        a.source.is_some().then_some(a)
    }

    /// "…, saying that": a participle whose source is the clause's subject,
    /// or the noun before it ("voters saying that").
    fn participle_cue(
        &self,
        mut a: Attribution,
        v: &Verb,
        right: &Right,
        earlier: &[Attribution],
    ) -> Option<Attribution> {
        let (l, tags, c) = (v.l, v.tags, right.c);
        let frame = right.frame;
        // Weaker verbs need the comma: "…, citing a poll", "by citing".
        // "…a “ridiculous proposition,” adding that…": American commas sit
        // inside the closing quote. "…responded before adding that…".
        let after_comma = l > self.s.tok_start
            && (self.punct(l - 1, ",")
                || self.close_quote(l - 1) && l - 1 > self.s.tok_start && self.punct(l - 2, ",")
                || self.lw(l - 1) == "by");
        // "before adding that…" reports speech; "before voting began",
        // "while charging students" do not: only with a that-clause or
        // a quotation.
        let temporal = l > self.s.tok_start
            && matches!(self.lw(l - 1), "before" | "after" | "while")
            && matches!(frame, Frame::That | Frame::Quote(_) | Frame::Colon);
        // "super PACs supporting Ted Cruz": a reduced relative naming
        // whom the stance is about.
        let named_object = self.cap(c) && !self.has(c, class::DET);
        // "with Trump calling for a ban", "a new poll showing Clinton
        // ahead": the phrase before the participle is its subject.
        let predicated = l > self.s.tok_start
            && self.is_word(l - 1)
            && !self.has(l - 1, class::CONJ | class::PREP)
            && self.walk_np_left(l, self.s.tok_start).is_some_and(|s| {
                s > self.s.tok_start && self.lw(s - 1) == "with"
                    || (s..l).any(|k| self.has(k, class::SURVEY))
            });
        let clause_ok = frame == Frame::Clause
            && (tags & tag::WEAK == 0
                || after_comma
                || predicated
                || named_object && tags & (tag::OBJ | tag::LISTENER) != 0);
        if !(right.strong || clause_ok) {
            return None;
        }
        let source =
            if l > self.s.tok_start && !after_comma && !temporal && !self.has(l - 1, class::CONJ) {
                // "voters saying that": a reduced relative on the noun before;
                // in "get comments accusing her" the verb is not part of it.
                self.walk_np_left(l, self.s.tok_start).and_then(|s| {
                    let s = (s..l)
                        .rev()
                        .find(|&k| self.has(k, class::VERB) && !self.cap(k))
                        .map_or(s, |v| v + 1);
                    (s < l).then(|| TokRange::new(s, l))
                })
            } else {
                self.shared_subject(earlier, l)
            };
        a.source = Some(source?);
        a.content = right.content;
        // "Knowing that X, the regime resorted…": the clause ends at the
        // comma and the main clause's subject is the source.
        if l == self.s.tok_start {
            let end = self.content_end();
            let comma = (c + 2..end).find(|&k| self.punct(k, ","))?;
            a.content = Some(TokRange::new(c, comma));
            a.source = self
                .np_right(comma + 1)
                .map(|e| TokRange::new(comma + 1, e));
            a.source?;
        }
        a.content.is_some().then_some(a)
    }

    /// No subject on the left: "“…,” said Smith", "…, said a spokesman.",
    /// "Said Smith, “…”" name the speaker after the cue; "…, then says he'll
    /// welcome advice" continues the sentence's subject.
    fn inverted_cue(
        &self,
        mut a: Attribution,
        v: &Verb,
        right: &Right,
        earlier: &[Attribution],
    ) -> Option<Attribution> {
        let (l, cue_end) = (v.l, v.cue.end);
        let end = self.content_end();
        let inverted = self.quote_before(l)
            || l > self.s.tok_start && self.punct(l - 1, ",")
            || l == self.s.tok_start;
        if !inverted || v.modal || v.to_inf {
            return None;
        }
        let src_end = self.np_right(cue_end);
        // "…, then says he'll welcome advice": content follows, so this
        // continues the sentence's subject rather than naming a speaker.
        // So does "Sullivan, in a column, wrote, “…”": no name follows.
        let named_after = src_end.is_some_and(|e| {
            e >= end
                || self.punct(e, ",")
                || self.open_quote(e)
                || self.punct(e, ":")
                || self.quote_before(l)
        });
        if !named_after && l > self.s.tok_start {
            if !(right.strong || right.frame == Frame::Clause && v.tags & tag::WEAK == 0) {
                return None;
            }
            a.source = self.shared_subject(earlier, l);
            a.content = right.content;
            return (a.source.is_some() && a.content.is_some()).then_some(a);
        }
        let src_end = self.appositive_end(src_end?, end);
        a.source = Some(TokRange::new(cue_end, src_end));
        a.content = if l > self.s.tok_start {
            self.content_before_inverted(l, src_end)
        } else {
            self.content_after_inverted(src_end)
        };
        a.content.is_some().then_some(a)
    }

    /// A subject on the left: "Khamenei clearly accused…", "“…,” Smith
    /// said", "…, as she said at the outset".
    fn subject_cue(
        &self,
        mut a: Attribution,
        v: &Verb,
        right: &Right,
        subject: TokRange,
    ) -> Option<Attribution> {
        let (tags, c) = (v.tags, right.c);
        let end = self.content_end();
        // First and second person outside quotations are the writer and the
        // reader: "I think", "as we asked at the beginning".
        if self.writer_or_reader(subject.start) && subject.len() == 1 {
            return None;
        }
        // "thinks the vote is rigged" reports a belief; "feels an existential
        // threat" does not: a belief's clause has a verb of its own.
        if tags & tag::STATE != 0 && right.frame == Frame::Clause && !self.clause_has_verb(c) {
            return None;
        }
        // "which an FBI investigation said was careless": the content is the
        // relative clause's own verb phrase.
        // So do "what many analysts said was a sign" and "a probe the
        // agency said was ongoing": a verb right after the cue.
        let frame = if right.frame == Frame::Other
            && subject.start > self.s.tok_start
            && self.is_word(subject.start - 1)
            && !self.has(subject.start - 1, class::PREP | class::CONJ | class::AUX)
            && self.has(c, class::AUX)
        {
            Frame::Clause
        } else {
            right.frame
        };
        let content_after = match (frame, right.content) {
            (Frame::Clause, None) => (c < end).then(|| TokRange::new(c, end)),
            (_, x) => x,
        };
        let content_before = self.content_before_subject(subject, v.l, frame, c);
        // "The poll shows Clinton leading": a document's findings.
        let document = tags & tag::FINDING != 0
            && (subject.start..subject.end).any(|k| self.has(k, class::DOCUMENT));
        let weak = tags & (tag::WEAK | tag::QUOTE) != 0 && !document;
        let content = match (content_before, content_after) {
            // "“A,” he said, “B.”": both halves are the content.
            (Some(b), Some(f)) if matches!(frame, Frame::Quote(_)) => {
                Some(TokRange::new(b.start, self.run_on_after(f).end))
            }
            (Some(b), _) if !matches!(frame, Frame::Quote(_)) => Some(self.run_on(b)),
            (Some(b), _) => Some(b),
            (None, Some(f)) if matches!(frame, Frame::Quote(_)) => Some(self.run_on_after(f)),
            (None, Some(f)) if right.strong => Some(f),
            (None, Some(f)) if frame == Frame::Clause && !weak => Some(f),
            (None, Some(f)) if frame == Frame::Clause && tags & (tag::OBJ | tag::LISTENER) != 0 => {
                Some(f)
            }
            // "Sanders sees these gains as evidence that…", "voters view him
            // as the stronger candidate": a belief in an "as" frame.
            (None, Some(f)) if frame == Frame::Clause && tags & tag::STATE != 0 => {
                let as_at = (f.start + 1..f.end.min(f.start + 12))
                    .take_while(|&k| !self.punct(k, ",") && !self.punct(k, ";"))
                    .find(|&k| self.lw(k) == "as");
                as_at.map(|_| f)
            }
            // "Dr. Ward stated: ¶ “The department…”", "Bystrom agreed.
            // “Mainstream Republicans…”": the quotation opening the next
            // sentence.
            (None, None) if matches!(frame, Frame::End | Frame::Colon) && !weak => {
                self.quote_after_sentence()
            }
            _ => None,
        }?;
        if tags & tag::QUOTE != 0
            && content_before.is_none()
            && !matches!(frame, Frame::Quote(_) | Frame::Colon)
        {
            return None;
        }
        // A stance needs someone to hold it: "the committee backed", not
        // "desperate times call for".
        if tags & tag::WEAK != 0 && !self.agentive(subject) {
            return None;
        }
        a.source = Some(subject);
        a.antecedent = self.antecedent.take();
        a.content = Some(content);
        Some(a)
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

    /// Does the clause starting at `c` hold a verb within its first words?
    fn clause_has_verb(&self, c: usize) -> bool {
        let end = self.content_end().min(c + 12);
        // The first word is the clause's subject (or an adjective: "feels
        // threatened"), so the verb comes after it.
        (c + 1..end).any(|k| {
            let w = self.lw(k);
            self.has(k, class::AUX | class::NEG | class::VERB | class::CUE_PAST)
                || self.is_word(k) && !self.cap(k) && w.len() > 4 && w.ends_with("ed")
        })
    }

    /// "I", "you", "we", also as "I'm", "we're", "you've": outside a
    /// quotation, the writer and the reader.
    fn writer_or_reader(&self, k: usize) -> bool {
        matches!(self.contracted(k).0, "i" | "you" | "we")
    }

    /// Could this phrase hold a view: a name, a pronoun, a person or
    /// organisation by role, a document, a number of people?
    fn agentive(&self, r: TokRange) -> bool {
        (r.start..r.end).any(|k| {
            self.cap(k)
                || self.kind(k) == Some(TokKind::Number)
                || self.has(
                    k,
                    class::PRON_SUBJ
                        | class::REL
                        | class::AGENT
                        | class::VAGUE_HEAD
                        | class::VAGUE_ALONE
                        | class::ANON_HEAD
                        | class::DOCUMENT
                        | class::TITLE
                        | class::NUMBER_WORD,
                )
        })
    }

    /// "X was told that…", "X is expected to…", "… was reported by X".
    fn passive(
        &self,
        mut a: Attribution,
        l: usize,
        c: usize,
        frame: Frame,
        after: Option<TokRange>,
    ) -> Option<Attribution> {
        // "… was reported by X"; not "was ordered by X", where X acts on
        // someone rather than reports something.
        if self.lw(c) == "by" && a.cue_tags & tag::LISTENER == 0 {
            let src_end = self.np_right(c + 1)?;
            a.source = Some(TokRange::new(c + 1, src_end));
            a.content = self.subject_left(l, &[]).or_else(|| self.range_before(l));
            return a.content.is_some().then_some(a);
        }
        if a.cue_tags & tag::WEAK != 0 && !matches!(frame, Frame::That | Frame::Quote(_)) {
            return None;
        }
        // "X is said to…" / "X is expected to…": nobody is named.
        let to_frame = matches!(
            self.lw(c),
            "to" | "if" | "whether" | "about" | "what" | "how" | "why" | "who" | "when" | "where"
        );
        if !(matches!(frame, Frame::That | Frame::Quote(_)) || to_frame) {
            return None;
        }
        a.content = after.or_else(|| {
            let end = self.content_end();
            (c < end).then(|| TokRange::new(c, end))
        });
        a.content?;
        // Nobody is named: "by whom?" is the reader's question.
        a.kind = SourceKind::Vague;
        a.agentless = true;
        Some(a)
    }
}

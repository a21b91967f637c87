//! Verb frames: what each frame a verb cue stands in makes of it — its
//! source and content. A subject before the cue ("Khamenei clearly
//! accused…", "“…,” Smith said"), an inverted speaker after it ("“…,” said
//! Smith"), a participle whose speaker is the clause's subject ("…, saying
//! that"), a question put ("Asked whether…, Reid said"), a passive ("X is
//! expected to…", "… was reported by X"), an adjective ("Trump is confident
//! that…") and "as reported by X". `verb_cue` has read the context and
//! picks the step.

use super::verb_cue::{Frame, Right, Verb};
use super::{Attribution, Finder};
use crate::finding::SourceKind;
use crate::lexicon::{class, tag};
use crate::text::{TokKind, TokRange};

/// A question put to the speaker, read from a past participle opening a
/// clause: "Asked whether he would…, Reid said".
#[derive(Debug, Clone, Copy)]
pub(super) enum Asked {
    /// "Asked about the charges after the debate, Rubio said": the question
    /// runs to this comma, adjuncts and all, and the speaker follows it.
    Before(usize),
    /// "…,” she said when asked whether she would run.": the sentence's
    /// speaker is the one asked.
    After,
}

impl Finder<'_, '_> {
    /// A subject on the left: "Khamenei clearly accused…", "“…,” Smith
    /// said", "…, as she said at the outset".
    pub(super) fn subject_cue(
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

    /// No subject on the left: "“…,” said Smith", "…, said a spokesman.",
    /// "Said Smith, “…”" name the speaker after the cue; "…, then says he'll
    /// welcome advice" continues the sentence's subject.
    pub(super) fn inverted_cue(
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

    /// "…, saying that": a participle whose source is the clause's subject,
    /// or the noun before it ("voters saying that").
    pub(super) fn participle_cue(
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

    /// Does a past participle open a clause that puts a question to the
    /// speaker ("Asked whether…, Reid said")?
    pub(super) fn question_put(&self, v: &Verb) -> Option<Asked> {
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
    pub(super) fn asked(
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

    /// "X was told that…", "X is expected to…", "… was reported by X".
    pub(super) fn passive(
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

    /// "Trump is confident that…", "she was eager to…": an adjective after
    /// a form of "be", with its subject as the source.
    pub(super) fn adjective_cue(&self, v: &Verb, earlier: &[Attribution]) -> Option<Attribution> {
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

    /// "As reported by Western Journalism, investigators found…", "…, as
    /// first reported by the Times.": the agent is the source, the clause
    /// after (or before) the content.
    pub(super) fn as_reported_by(&self, v: &Verb) -> Option<Attribution> {
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
}

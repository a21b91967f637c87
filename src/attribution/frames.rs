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
enum Frame {
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

impl Finder<'_, '_> {
    /// A verb cue at token `i`, if it stands in an attribution frame.
    pub(super) fn verb_cue(
        &self,
        infos: &[CueInfo],
        i: usize,
        earlier: &[Attribution],
    ) -> Option<Attribution> {
        let (info, cue_end) = infos
            .iter()
            .filter_map(|c| match c.particle {
                Some(p) if self.lw(i + 1) == p => Some((c, i + 2)),
                // "called again for", "pointed out"
                Some(p) if self.has(i + 1, class::ADV) && self.lw(i + 2) == p => Some((c, i + 3)),
                Some(_) => None,
                None => Some((c, i + 1)),
            })
            .max_by_key(|(c, end)| (*end, c.particle.is_some()))?;
        let tags = info.tags;
        let quoted = self.doc.tokens[i].quoted;
        // Inside a quotation the speaker's own "I think" or "he told me" is
        // part of what is quoted; the quotation is attributed as a whole.
        if quoted {
            return None;
        }
        // "United States", "Attacks in Paris": a capitalised word mid-sentence
        // is a name, unless the whole sentence is a title-case headline.
        if self.cap(i) && i > self.s.tok_start && !self.title_case && !self.open_quote(i - 1) {
            return None;
        }
        // Left context: skip adverbs and auxiliaries back to the subject.
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
        // "the laws mentioned above", "the study cited below": a pointer
        // within the text, not a report.
        if tags & tag::PAST != 0 && matches!(self.lw(cue_end), "above" | "below") {
            return None;
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
        let to_inf = l > self.s.tok_start && self.lw(l - 1) == "to";
        let form_s = tags & (tag::PAST | tag::ING | tag::BASE) == 0;
        if l == i && l > self.s.tok_start {
            let p = l - 1;
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
                    || self.punct(p, ",")
                        && info.lemma != "say"
                        && self.appositive_left(p).is_none())
            {
                return None;
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
                return None;
            }
            // "terrorist attacks", "tough questions": a weak -s form after a
            // lowercase word is a plural noun.
            if form_s
                && tags & tag::WEAK != 0
                && self.is_word(p)
                && !self.cap(p)
                && !self.has(
                    p,
                    class::PRON_SUBJ | class::REL | class::DOCUMENT | class::AGENT,
                )
            {
                return None;
            }
        }
        if tags & tag::BASE != 0 && !to_inf && !modal && l == i && l > self.s.tok_start {
            // A bare base form needs a plural subject: "officials in Ohio say",
            // "67 percent say", "they say", "those who say".
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
            let clause_next = self.lw(cue_end) == "that"
                || self.open_quote(cue_end)
                || self.has(cue_end, class::PRON_SUBJ) && !self.has(cue_end, class::PRON_OBJ);
            if !(plural || clause_next)
                || self.has(p, class::DET | class::PREP)
                || self.has(p, class::CONJ) && !clause_next
            {
                return None;
            }
        }
        // "Trump is confident that…", "she was eager to…".
        if tags & tag::ADJ != 0 {
            if !aux_be || !matches!(self.lw(cue_end), "that" | "to" | "about" | "of") {
                return None;
            }
            let end = self.content_end();
            self.antecedent.set(None);
            let subject = self.subject_left(l, earlier)?;
            if !self.agentive(subject) || self.writer_or_reader(subject.start) {
                return None;
            }
            let mut a = self.attribution(TokRange::new(i, cue_end), tags, info.lemma);
            a.source = Some(subject);
            a.antecedent = self.antecedent.take();
            a.content = (cue_end < end).then(|| TokRange::new(cue_end, end));
            return a.content.is_some().then_some(a);
        }
        // "a firm called Gavekal", "a band named Phish": naming, not saying.
        if matches!(info.lemma, "call" | "name" | "dub" | "title" | "label")
            && tags & tag::PAST != 0
            && l == i
            && l > self.s.tok_start
            && self.is_word(l - 1)
            && !self.cap(l - 1)
            && !self.has(l - 1, class::PRON_SUBJ | class::REL)
            && self.cap(cue_end)
        {
            return None;
        }
        // "he would support whoever wins": a stance not yet taken.
        if modal && tags & tag::WEAK != 0 && tags & tag::INF == 0 {
            return None;
        }
        // "As reported by Western Journalism, investigators found…" and
        // "…, as first reported by the Times.": the agent is the source.
        if tags & tag::PAST != 0
            && l > self.s.tok_start
            && self.lw(l - 1) == "as"
            && self.lw(cue_end) == "by"
        {
            let src_end = self.np_right(cue_end + 1)?;
            let end = self.content_end();
            let mut a = self.attribution(TokRange::new(i, cue_end), tags, info.lemma);
            a.source = Some(TokRange::new(cue_end + 1, src_end));
            a.content = if l - 1 == self.s.tok_start {
                (self.punct(src_end, ",") && src_end + 1 < end)
                    .then(|| TokRange::new(src_end + 1, end))
            } else {
                self.range_before(l - 1)
            };
            return a.content.is_some().then_some(a);
        }
        let passive = aux_be && tags & tag::PAST != 0;
        let participle = tags & tag::ING != 0 && !aux_be;
        let a = self.attribution(TokRange::new(i, cue_end), tags, info.lemma);

        // Right context.
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
        let end = self.content_end();
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
        let content_after = match frame {
            Frame::That | Frame::Infinitive | Frame::Of | Frame::Clause => {
                // A dash opens the writer's own aside: "…to drilling ― probably
                // not what Graham had in mind."
                // A pair of dashes is a parenthesis inside the content.
                let dash = |k: &usize| {
                    !self.doc.tokens[*k].quoted && matches!(self.doc.tok_text(*k), "—" | "―" | "--")
                };
                let end = match (c + 1..end).filter(dash).collect::<Vec<_>>()[..] {
                    [single] => single,
                    _ => end,
                };
                (c < end).then(|| TokRange::new(c, end))
            }
            Frame::Colon => (c + 1 < end).then(|| TokRange::new(c + 1, end)),
            Frame::Quote(open) => self.quote_from(open),
            Frame::End | Frame::Other => None,
        };
        let strong_frame = matches!(
            frame,
            Frame::That | Frame::Quote(_) | Frame::Colon | Frame::Infinitive | Frame::Of
        );

        if passive {
            return self.passive(a, l, c, frame, content_after);
        }
        // "Asked whether he would…, Reid said": a question put to the
        // clause's subject.
        // "Said Comey, “…”" is an inverted subject, not a question put.
        let opens_clause = if l == self.s.tok_start {
            self.cap(i) && info.lemma != "say"
        } else {
            matches!(self.lw(l - 1), "when" | "if" | "once" | "after")
        };
        if tags & tag::PAST != 0 && opens_clause {
            // "Asked about the charges after the debate, Rubio said": the
            // question runs to the comma, adjuncts and all.
            let question = (cue_end..self.content_end()).find(|&k| self.punct(k, ","));
            if let Some(comma) = question.filter(|&k| cue_end < k) {
                let mut a = a;
                a.source = self
                    .np_right(comma + 1)
                    .map(|e| TokRange::new(comma + 1, e));
                a.content = Some(TokRange::new(cue_end, comma));
                return a.source.is_some().then_some(a);
            }
            // "…,” she said when asked whether she would run.": the
            // sentence's speaker is the one asked.
            if question.is_none() && l > self.s.tok_start && cue_end < end {
                let mut a = a;
                a.source = earlier
                    .last()
                    .and_then(|e| e.source)
                    .or_else(|| self.main_subject(l - 1));
                a.content = Some(TokRange::new(cue_end, end));
                return a.source.is_some().then_some(a);
            }
        }
        if participle {
            // "…, saying that": the clause's subject is the source. Weaker
            // verbs need the comma: "…, citing a poll", "by citing".
            // "…a “ridiculous proposition,” adding that…": American commas sit
            // inside the closing quote. "…responded before adding that…".
            let after_comma = l > self.s.tok_start
                && (self.punct(l - 1, ",")
                    || self.close_quote(l - 1)
                        && l - 1 > self.s.tok_start
                        && self.punct(l - 2, ",")
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
            if !(strong_frame || clause_ok) {
                return None;
            }
            let source = if l > self.s.tok_start
                && !after_comma
                && !temporal
                && !self.has(l - 1, class::CONJ)
            {
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
                earlier
                    .last()
                    .and_then(|e| e.source)
                    .or_else(|| self.main_subject(l))
            };
            let mut a = a;
            a.source = Some(source?);
            a.content = content_after;
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
            return a.content.is_some().then_some(a);
        }

        self.antecedent.set(None);
        let subject = self.subject_left(l, earlier);
        let Some(subject) = subject else {
            // Inverted: "“…,” said Smith" / "…, said a spokesman." / "Said
            // Smith, “…”".
            let inverted = self.quote_before(l)
                || l > self.s.tok_start && self.punct(l - 1, ",")
                || l == self.s.tok_start;
            if !inverted || modal || to_inf {
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
                if !(strong_frame || frame == Frame::Clause && tags & tag::WEAK == 0) {
                    return None;
                }
                let mut a = a;
                a.source = earlier
                    .last()
                    .and_then(|e| e.source)
                    .or_else(|| self.main_subject(l));
                a.content = content_after;
                return (a.source.is_some() && a.content.is_some()).then_some(a);
            }
            let src_end = self.appositive_end(src_end?, end);
            let mut a = a;
            a.source = Some(TokRange::new(cue_end, src_end));
            a.content = if l > self.s.tok_start {
                // "“A,” said Durbin in an interview. “B.”" and "“A,” said
                // Smith, “B.”": the quotation goes on after the speaker.
                let open = (src_end..end).find(|&k| self.open_quote(k));
                self.range_before(l)
                    .map(|b| match open.and_then(|k| self.quote_from(k)) {
                        Some(q) if self.close_quote(b.end - 1) => {
                            TokRange::new(b.start, self.run_on_after(q).end)
                        }
                        Some(_) => b,
                        None => self.run_on(b),
                    })
            } else {
                let mut k = src_end;
                while k < end && !self.open_quote(k) && !self.lw(k).eq("that") {
                    k += 1;
                }
                if self.open_quote(k) {
                    self.quote_from(k).map(|q| self.run_on_after(q))
                } else {
                    (k < end).then(|| TokRange::new(k, end))
                }
            };
            return a.content.is_some().then_some(a);
        };

        // First and second person outside quotations are the writer and the
        // reader: "I think", "as we asked at the beginning".
        if !quoted && self.writer_or_reader(subject.start) && subject.len() == 1 {
            return None;
        }
        // "thinks the vote is rigged" reports a belief; "feels an existential
        // threat" does not: a belief's clause has a verb of its own.
        if tags & tag::STATE != 0 && frame == Frame::Clause && !self.clause_has_verb(c) {
            return None;
        }
        // "which an FBI investigation said was careless": the content is the
        // relative clause's own verb phrase.
        // So do "what many analysts said was a sign" and "a probe the
        // agency said was ongoing": a verb right after the cue.
        let frame = if frame == Frame::Other
            && subject.start > self.s.tok_start
            && self.is_word(subject.start - 1)
            && !self.has(subject.start - 1, class::PREP | class::CONJ | class::AUX)
            && self.has(c, class::AUX)
        {
            Frame::Clause
        } else {
            frame
        };
        let content_after = match (frame, content_after) {
            (Frame::Clause, None) => (c < end).then(|| TokRange::new(c, end)),
            (_, x) => x,
        };
        // Content before the speaker: a quotation ("“…,” Smith said, adding"),
        // or a clause when the cue ends the sentence ("…, the source added.").
        // Only when the subject stands right before the cue, not a subject
        // shared with an earlier cue.
        let adjacent = subject.end == l || subject.end + 1 == l && self.punct(subject.end, ",");
        let before = adjacent
            && (self.quote_before(subject.start)
                || subject.start > self.s.tok_start
                    && self.punct(subject.start - 1, ",")
                    && frame == Frame::End);
        // "…, as she said at the outset" / "As he put it, …": the rest of
        // the sentence is what was said.
        let as_clause = adjacent
            && matches!(frame, Frame::End | Frame::Other)
            && subject.start > self.s.tok_start
            && self.lw(subject.start - 1) == "as";
        let content_before = if before {
            self.range_before(subject.start)
        } else if as_clause && subject.start - 1 > self.s.tok_start {
            self.range_before(subject.start - 1)
        } else if as_clause {
            let end = self.content_end();
            (c..end)
                .find(|&k| self.punct(k, ","))
                .filter(|&k| k + 1 < end)
                .map(|k| TokRange::new(k + 1, end))
        } else {
            None
        };
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
            (None, Some(f)) if strong_frame => Some(f),
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
                let next = self.s.tok_end;
                (next < self.doc.tokens.len() && self.doc.tokens[next].kind == TokKind::OpenQuote)
                    .then(|| self.quote_from(next))
                    .flatten()
            }
            _ => None,
        }?;
        if tags & tag::QUOTE != 0
            && content_before.is_none()
            && !matches!(frame, Frame::Quote(_) | Frame::Colon)
        {
            return None;
        }
        if quoted && !(strong_frame || content_before.is_some()) {
            return None;
        }
        // A stance needs someone to hold it: "the committee backed", not
        // "desperate times call for".
        if tags & tag::WEAK != 0 && !self.agentive(subject) {
            return None;
        }
        let mut a = a;
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

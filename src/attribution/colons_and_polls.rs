//! Speakers named by a colon or a poll rather than a verb: a headline
//! ("Trump: Cruz Has a Long Way to Go"), a transcript's turn ("BENENSON:
//! …"), a name before a quotation ("More from Jones: “…”"), and surveys
//! ("In a CNN poll, 52 percent said…", "…, he fell to 10 percent in the
//! latest CNN poll"). They are read once per sentence, after its cues, and
//! added where they do not clash with those (`add_colons_and_polls`).

use super::{Attribution, Finder};
use crate::lexicon::{class, tag};
use crate::text::{TokKind, TokRange};

impl Finder<'_, '_> {
    /// A headline "Trump: Cruz Has a Long Way to Go" or "Poll: …".
    pub(super) fn headline_colon(&self) -> Option<Attribution> {
        let s = self.s.tok_start;
        let block = self.doc.blocks[self.s.block];
        // Headlines only: the first sentence of a short block, or title case.
        let short_block = block.sent_end - block.sent_start <= 2;
        if !(self.s.tok_start == block.tok_start && (short_block || self.title_case)) {
            return None;
        }
        // "Q:", "A:", "BYLINE:" label transcripts and page furniture.
        if (s..s + 2).all(|k| {
            self.acronym(k)
                || self.is_word(k) && self.doc.tok_text(k).len() == 1
                || self.punct(k, ":")
        }) {
            return None;
        }
        let colon = (s..(s + 7).min(self.s.tok_end)).find(|&k| self.punct(k, ":"))?;
        if colon == s || colon + 1 >= self.s.tok_end {
            return None;
        }
        let name_like = (s..colon).all(|k| {
            self.cap(k)
                || matches!(
                    self.lw(k),
                    "of" | "the" | "and" | "for" | "on" | "camp" | "campaign"
                )
                || matches!(self.doc.tok_text(k), "-" | "’s" | "'s" | "&")
        });
        let next = colon + 1;
        let words_after = (next..self.s.tok_end).filter(|&k| self.is_word(k)).count();
        // A headline's content is title case or a quotation; prose after a
        // colon ("Veto Power Impedes Peace Efforts: Eliminating war is…") is
        // a subheading introducing a paragraph.
        let capitals = (next..self.s.tok_end).filter(|&k| self.cap(k)).count();
        // A name or a one-word label ("Bill Clinton:", "Poll:") may head a
        // sentence-case line; longer lead-ins need a title-case headline.
        let short_name = colon - s <= 3 && (s..colon).all(|k| self.cap(k));
        if colon - s > 4
            || !(short_name || self.open_quote(next) || capitals * 10 >= words_after * 6)
        {
            return None;
        }
        if !name_like || words_after < 3 || !(self.cap(next) || self.open_quote(next)) {
            return None;
        }
        let mut a = self.attribution(TokRange::new(colon, colon + 1), tag::SPEECH, ":");
        a.source = Some(TokRange::new(s, colon));
        let end = self.content_end();
        a.content = (next < end).then(|| TokRange::new(next, end));
        a.content?;
        Some(a)
    }

    /// A transcript's turn, "BENENSON: Senator Sanders doesn't get to
    /// decide…": a name before a colon opens a paragraph, and the whole
    /// paragraph is what that speaker said.
    pub(super) fn speaker_turn(&self) -> Option<Attribution> {
        let s = self.s.tok_start;
        let block = self.doc.blocks[self.s.block];
        if s != block.tok_start || self.doc.tokens[s].quoted {
            return None;
        }
        let colon = (s + 1..(s + 4).min(self.s.tok_end)).find(|&k| self.punct(k, ":"))?;
        // A name, not "Q:" or a label of the page ("UPDATE:", "Photo:").
        let name = (s..colon).all(|k| {
            self.cap(k) && self.doc.tok_text(k).len() > 1 && !self.has(k, class::DET | class::PREP)
        }) && !(colon == s + 1 && self.has(s, class::LABEL));
        let next = colon + 1;
        if !name || !(self.is_word(next) && self.cap(next) || self.open_quote(next)) {
            return None;
        }
        let mut end = block.tok_end;
        while end > next
            && matches!(self.doc.tokens[end - 1].kind, TokKind::Punct)
            && matches!(self.doc.tok_text(end - 1), "." | "," | ";" | ":")
        {
            end -= 1;
        }
        let words = (next..end)
            .filter(|&k| self.doc.tokens[k].kind == TokKind::Word)
            .take(3)
            .count();
        // "Iowa: Tim Albrecht, Brad Anderson, …" lists names; a turn speaks.
        let prose = (next..self.s.tok_end)
            .any(|k| self.is_word(k) && !self.cap(k) && !self.has(k, class::CONJ | class::DET));
        if words < 3 || !prose {
            return None;
        }
        let mut a = self.attribution(TokRange::new(colon, colon + 1), tag::SPEECH, ":");
        a.source = Some(TokRange::new(s, colon));
        a.content = Some(TokRange::new(next, end));
        Some(a)
    }

    /// "Polls were early - Mark Blumenthal and Jon Cohen: “…”", "More from
    /// Jones: “…”": a name, a colon and a quotation.
    pub(super) fn name_colon_quote(&self) -> Option<Attribution> {
        let lo = self.s.tok_start;
        let colon = (lo + 1..self.s.tok_end).find(|&k| {
            self.punct(k, ":") && self.open_quote(k + 1) && !self.doc.tokens[k].quoted
        })?;
        let mut start = colon;
        while start > lo
            && (self.is_word(start - 1) && self.cap(start - 1) && !self.has(start - 1, class::DET)
                || self.lw(start - 1) == "and" && start - 1 > lo && self.cap(start - 2)
                || self.punct(start - 1, "."))
        {
            start -= 1;
        }
        let opens = start == lo
            || matches!(self.doc.tok_text(start - 1), "-" | "—" | "–")
            || matches!(self.lw(start - 1), "from" | "by");
        // Two words at least, or one after "from" or a dash: not "Update:".
        if !opens || colon == start || colon - start < 2 && start == lo || !self.cap(start) {
            return None;
        }
        let mut a = self.attribution(TokRange::new(colon, colon + 1), tag::SPEECH, ":");
        a.source = Some(TokRange::new(start, colon));
        a.content = self.quote_from(colon + 1);
        a.content?;
        Some(a)
    }

    /// "In a CNN poll released Monday, 52 percent said…".
    pub(super) fn survey(&self) -> Option<Attribution> {
        let s = self.s.tok_start;
        let i = if self.has(s, class::CONJ) { s + 1 } else { s };
        if self.lw(i) != "in" {
            return None;
        }
        let comma = (i + 2..(i + 14).min(self.s.tok_end)).find(|&k| self.punct(k, ","))?;
        (i + 1..comma).find(|&k| self.has(k, class::DOCUMENT))?;
        // The whole phrase up to the comma says which poll: "a CNN poll
        // released Monday", "a survey of likely voters".
        let mut a = self.attribution(TokRange::new(i, i + 1), tag::SPEECH | tag::FINDING, "in");
        a.source = Some(TokRange::new(i + 1, comma));
        let end = self.content_end();
        a.content = (comma + 1 < end).then(|| TokRange::new(comma + 1, end));
        a.content?;
        Some(a)
    }

    /// "…, he fell to 10 percent in the latest CNN poll": "in" a poll or
    /// survey after the clause; the clause before is what it found.
    pub(super) fn survey_after(&self) -> Option<Attribution> {
        let end = self.content_end();
        let i = (self.s.tok_start + 3..end).find(|&k| {
            self.lw(k) == "in"
                && !self.doc.tokens[k].quoted
                && (k + 1..(k + 6).min(end)).any(|j| self.has(j, class::SURVEY) && !self.cap(j))
        })?;
        let src_end = self.np_right(i + 1)?;
        let head = (i + 1..src_end).find(|&j| self.has(j, class::SURVEY) && !self.cap(j))?;
        // Polls and surveys only: "in a report" is often not a citation.
        // "rose in the polls" is an idiom; a particular poll is cited.
        let particular = matches!(self.lw(head), "poll" | "survey")
            || (i + 1..head)
                .any(|j| self.cap(j) || matches!(self.lw(j), "latest" | "recent" | "new"));
        if !matches!(self.lw(head), "poll" | "polls" | "survey" | "surveys") || !particular {
            return None;
        }
        let mut a = self.attribution(TokRange::new(i, i + 1), tag::SPEECH | tag::FINDING, "in");
        a.source = Some(TokRange::new(i + 1, src_end));
        a.content = self.range_before(i);
        a.content?;
        Some(a)
    }

    /// Add the sentence's colon and poll speakers to its attributions (from
    /// `first` in `out`), where they do not clash with a cue's own.
    pub(super) fn add_colons_and_polls(&self, out: &mut Vec<Attribution>, first: usize) {
        // "Trump: Clinton should have congratulated me", "BENENSON: This is
        // a man who said…": the speaker before the colon said all of it,
        // including any report nested in it.
        if let Some(a) = self.headline_colon().or_else(|| self.speaker_turn()) {
            let nested = out[first..]
                .iter()
                .all(|x| a.content.is_some_and(|c| c.contains(x.cue.start)));
            if nested {
                out.insert(first, a);
            }
        }
        if let Some(a) = self.name_colon_quote() {
            let inside = out[first..].iter().any(|x| {
                x.cue.contains(a.cue.start) || x.content.is_some_and(|c| c.contains(a.cue.start))
            });
            if !inside {
                let at = out[first..].partition_point(|x| x.cue.start < a.cue.start) + first;
                out.insert(at, a);
            }
        }
        // "In a CNN poll, 52 percent said…": a poll or study speaks for
        // itself; "In an interview, Durbin said" only sets the scene.
        if let Some(a) = self.survey().filter(|a| {
            a.source
                .is_some_and(|s| (s.start..s.end).any(|k| self.has(k, class::SURVEY)))
        }) {
            let at = out[first..].partition_point(|x| x.cue.start < a.cue.start) + first;
            out.insert(at, a);
        }
        // "Clinton leads by 8 points in the latest CNN poll": a poll cited
        // after the clause it speaks for.
        if let Some(a) = self.survey_after() {
            let inside = out[first..].iter().any(|x| {
                x.content.is_some_and(|c| c.contains(a.cue.start))
                    || x.cue.contains(a.cue.start)
                    || x.source.is_some_and(|s| s.contains(a.cue.start))
            });
            if !inside {
                let at = out[first..].partition_point(|x| x.cue.start < a.cue.start) + first;
                out.insert(at, a);
            }
        }
    }
}

//! Content spans: what was said. A content runs from its frame word to the
//! end of the sentence, stops at the writer's own aside after a dash, or is
//! the clause or quotation before the speaker (which may have opened
//! sentences, even paragraphs, before); where a sentence reports several
//! speakers, each content ends where the next speaker begins.

use super::verb_cue::Frame;
use super::{Attribution, Finder};
use crate::lexicon::class;
use crate::text::TokRange;

impl Finder<'_, '_> {
    /// Content ending just before token `end`: from the sentence start, or
    /// from the opening of a quotation that closes there.
    pub(super) fn range_before(&self, end: usize) -> Option<TokRange> {
        // "“…missing.” Trump said." — the quotation is the sentence before.
        if end == self.s.tok_start {
            return self.quote_ending_at(end.checked_sub(1)?);
        }
        let mut e = end;
        while e > self.s.tok_start && (self.punct(e - 1, ",") || self.punct(e - 1, "—")) {
            e -= 1;
        }
        if e <= self.s.tok_start {
            return None;
        }
        let mut start = self.s.tok_start;
        let last = e - 1;
        let close = if self.close_quote(last) {
            Some(last)
        } else if last > self.s.tok_start && self.close_quote(last - 1) && self.punct(last, ",") {
            Some(last - 1)
        } else {
            None
        };
        if let Some(c) = close {
            // A quotation closing here may have opened sentences ago.
            if let Some(mut q) = self.doc.quote_closing_at(c) {
                // …or paragraphs ago, when it ran on from an unclosed one.
                let mut hops = 0;
                while q.continued && q.open_tok > 0 && hops < 8 {
                    match self.doc.quote_closing_at(q.open_tok - 1) {
                        Some(p) if !p.closed => q = p,
                        _ => break,
                    }
                    hops += 1;
                }
                start = start.min(q.open_tok);
            }
        }
        Some(TokRange::new(start, e))
    }

    /// The content a cue's frame opens at token `c`: to the end of the
    /// sentence (or to the writer's aside), after a colon, or the quotation.
    pub(super) fn content_after(&self, frame: Frame, c: usize) -> Option<TokRange> {
        let end = self.content_end();
        match frame {
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
        }
    }

    /// Content before a subject that stands right before its cue (`l`): a
    /// quotation ("“…,” Smith said, adding"), a clause when the cue ends the
    /// sentence ("…, the source added."), or the rest of the sentence around
    /// "as she said". Not for a subject shared with an earlier cue.
    pub(super) fn content_before_subject(
        &self,
        subject: TokRange,
        l: usize,
        frame: Frame,
        c: usize,
    ) -> Option<TokRange> {
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
        if before {
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
        }
    }

    /// "“A,” said Durbin in an interview. “B.”" and "“A,” said Smith,
    /// “B.”": the content before an inverted cue (`l`), with the quotation
    /// that goes on after the speaker (who ends at `src_end`).
    pub(super) fn content_before_inverted(&self, l: usize, src_end: usize) -> Option<TokRange> {
        let end = self.content_end();
        let open = (src_end..end).find(|&k| self.open_quote(k));
        self.range_before(l)
            .map(|b| match open.and_then(|k| self.quote_from(k)) {
                Some(q) if self.close_quote(b.end - 1) => {
                    TokRange::new(b.start, self.run_on_after(q).end)
                }
                Some(_) => b,
                None => self.run_on(b),
            })
    }

    /// "Said Smith, “…”", "Said Smith that…": the content after a speaker
    /// (ending at `src_end`) named by a cue that opens the sentence.
    pub(super) fn content_after_inverted(&self, src_end: usize) -> Option<TokRange> {
        let end = self.content_end();
        let mut k = src_end;
        while k < end && !self.open_quote(k) && !self.lw(k).eq("that") {
            k += 1;
        }
        if self.open_quote(k) {
            self.quote_from(k).map(|q| self.run_on_after(q))
        } else {
            (k < end).then(|| TokRange::new(k, end))
        }
    }

    /// Where a sentence reports several speakers, each content ends where
    /// the next speaker begins.
    pub(super) fn end_at_next_speaker(&self, out: &mut [Attribution]) {
        // "Several analysts have pointed out that X, information from inside
        // Iran indicate that Y": X ends where the next speaker begins.
        for k in 1..out.len() {
            let prev_cue_end = out[k - 1].cue.end;
            // The next speaker starts at its source, or at its cue when the
            // source is shared ("accused the MEK … and vowed").
            let next_start = match out[k].source {
                Some(s) if s.start >= prev_cue_end => s.start,
                _ => {
                    let c = out[k].cue.start;
                    if c > 0 && self.has(c - 1, class::CONJ) {
                        c - 1
                    } else {
                        c
                    }
                }
            };
            // "pointing out that the paper's Costa had reported…": a report
            // opening the content is nested in it, not a new speaker.
            let boundary = next_start > 0
                && (self.punct(next_start - 1, ",")
                    || self.punct(next_start - 1, ";")
                    || self.has(next_start - 1, class::CONJ));
            let prev = &mut out[k - 1];
            // A speaker's turn holds the reports nested in it.
            if prev.lemma == ":" {
                continue;
            }
            if let Some(c) = prev.content {
                if c.start < next_start
                    && next_start < c.end
                    && prev.cue.end <= c.start
                    && (boundary || next_start > c.start + 1)
                {
                    let mut e = next_start;
                    while e > c.start + 1 && self.punct(e - 1, ",") {
                        e -= 1;
                    }
                    prev.content = Some(TokRange::new(c.start, e));
                }
            }
        }
    }
}

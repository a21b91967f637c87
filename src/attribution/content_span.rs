//! Content spans: what was said. A content runs from its frame word to the
//! end of the sentence, stops at the writer's own aside after a dash, or is
//! the clause or quotation before the speaker (which may have opened
//! sentences, even paragraphs, before); where a sentence reports several
//! speakers, each content ends where the next speaker begins.

use super::Finder;
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
}

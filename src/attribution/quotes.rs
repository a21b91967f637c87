//! Quotations as contents: the quotation opening at a token (run on across
//! paragraphs by the newspaper convention), the one closing before a cue,
//! and a quotation that runs on into the next sentence's ("“A,” Smith said.
//! “B.”"). The text stage pairs the marks; this is where a pair becomes
//! what a speaker said.

use super::Finder;
use crate::lexicon::class;
use crate::text::{TokKind, TokRange};

impl Finder<'_, '_> {
    /// A quotation opening at `open`, to its close (possibly sentences on).
    pub(super) fn quote_from(&self, open: usize) -> Option<TokRange> {
        let quotes = &self.doc.quotes;
        let k = quotes.partition_point(|q| q.open_tok < open);
        let mut q = *quotes.get(k).filter(|q| q.open_tok == open)?;
        // A quotation left open at the end of a paragraph runs on when the
        // next paragraph opens with a quotation mark (the newspaper
        // convention for a speech over several paragraphs).
        let mut hops = 0;
        while !q.closed && hops < 8 {
            let next = quotes.partition_point(|x| x.open_tok <= q.close_tok);
            match quotes.get(next) {
                Some(n) if n.continued && n.open_tok == q.close_tok + 1 => q = *n,
                _ => break,
            }
            hops += 1;
        }
        Some(TokRange::new(open, q.close_tok + 1))
    }

    /// The quotation that closes at token `close`, in this sentence's block.
    pub(super) fn quote_ending_at(&self, close: usize) -> Option<TokRange> {
        let block = self.doc.blocks[self.s.block];
        if close < block.tok_start || self.doc.tokens[close].kind != TokKind::CloseQuote {
            return None;
        }
        let q = self.doc.quote_closing_at(close)?;
        Some(TokRange::new(q.open_tok, close + 1))
    }

    /// Is the token before `k` the end of a quotation ("…,” Smith said)?
    pub(super) fn quote_before(&self, k: usize) -> bool {
        // "…a special case,''' Mr. Putin said": a stray apostrophe left of
        // a nested quotation's close.
        let k = if k > self.s.tok_start + 1
            && (self.punct(k - 1, "'") || self.punct(k - 1, "’"))
            && self.close_quote(k - 2)
        {
            k - 1
        } else {
            k
        };
        if k == self.s.tok_start {
            return k > 0 && self.quote_ending_at(k - 1).is_some();
        }
        k > self.s.tok_start
            && (self.close_quote(k - 1)
                || (self.punct(k - 1, ",") || self.punct(k - 1, "—"))
                    && k >= self.s.tok_start + 2
                    && self.close_quote(k - 2))
    }

    /// "“A,” Smith said. “B.”": a quotation before a sentence-final cue runs
    /// on into the quotation opening the next sentence of the paragraph.
    pub(super) fn run_on(&self, before: TokRange) -> TokRange {
        let next = self.s.tok_end;
        let block = self.doc.blocks[self.s.block];
        self.run_on_from(before, next, block.tok_end)
    }

    /// "He said: “A.” “B.”": a quotation that ends its sentence runs on into
    /// the quotation opening the next one.
    pub(super) fn run_on_after(&self, quote: TokRange) -> TokRange {
        if quote.end == 0 {
            return quote;
        }
        let s = self.doc.sentences[self.doc.sentence_of(quote.end - 1)];
        let rest_punct = (quote.end..s.tok_end).all(|k| self.doc.tokens[k].kind == TokKind::Punct);
        if !rest_punct {
            return quote;
        }
        self.run_on_from(quote, s.tok_end, self.doc.blocks[s.block].tok_end)
    }

    fn run_on_from(&self, before: TokRange, next: usize, block_end: usize) -> TokRange {
        if before.end == 0
            || self.doc.tokens[before.end - 1].kind != TokKind::CloseQuote
            || next >= block_end
            || self.doc.tokens[next].kind != TokKind::OpenQuote
        {
            return before;
        }
        // Not when a speaker of its own follows: "“B,” Jones said."
        let own_speaker = |q: TokRange| {
            let s = self.doc.sentence_of(q.end - 1);
            let end = self.doc.sentences[s].tok_end;
            (q.end..end).any(|k| self.doc.has(k, class::CUE))
        };
        match self.quote_from(next) {
            Some(q) if !own_speaker(q) => TokRange::new(before.start, q.end),
            _ => before,
        }
    }

    /// "Dr. Ward stated: ¶ “The department…”", "Bystrom agreed.
    /// “Mainstream Republicans…”": the quotation opening the next sentence.
    pub(super) fn quote_after_sentence(&self) -> Option<TokRange> {
        let next = self.s.tok_end;
        (next < self.doc.tokens.len() && self.doc.tokens[next].kind == TokKind::OpenQuote)
            .then(|| self.quote_from(next))
            .flatten()
    }
}

//! Cues that are not a reporting verb after its speaker, each with a frame
//! of its own: "according to X", the impersonal "it is believed that",
//! "seems" (an impression nobody is named for), "reportedly", and nominal
//! cues ("Trump's claim that…", "the claims of the regime that…"). Each is
//! tried at its word by `Finder::cue_at`.

use super::{Attribution, Finder};
use crate::finding::SourceKind;
use crate::lexicon::{self, class, tag};
use crate::text::TokRange;

impl Finder<'_, '_> {
    /// "according to X, C" / "C, according to X".
    pub(super) fn according_to(&self, i: usize) -> Option<Attribution> {
        let src_start = i + 2;
        let end = self.content_end();
        let mut src_end = self.np_right(src_start)?;
        let content_first =
            i > self.s.tok_start && (self.punct(i - 1, ",") || self.close_quote(i - 1));
        // "…, according to officials who have seen the letter.": after its
        // content the source runs on to the next comma, its relative clause
        // or participle with it.
        if content_first {
            while src_end < end && !self.punct(src_end, ",") && !self.open_quote(src_end) {
                src_end += 1;
            }
        }
        let mut a = self.attribution(TokRange::new(i, i + 2), tag::SPEECH, "according to");
        a.source = Some(TokRange::new(src_start, self.relative_end(src_end)));
        let after = self.relative_end(src_end);
        a.content = if content_first {
            self.range_before(i)
        } else if self.punct(after, ",") && after + 1 < end {
            Some(TokRange::new(after + 1, end))
        } else if i > self.s.tok_start {
            self.range_before(i)
        } else {
            None
        };
        Some(a)
    }

    /// "It is believed that…", "it was reported", "it has been said".
    pub(super) fn impersonal(&self, i: usize) -> Option<Attribution> {
        let lex = lexicon::get();
        let mut k = i + 1;
        // "It's believed that…": the auxiliary inside the token.
        let mut be = self.contracted(i).1 == Some("s");
        while k < self.s.tok_end && k < i + 5 && self.is_verb_modifier(k) {
            if matches!(
                self.lw(k),
                "is" | "was" | "are" | "were" | "be" | "been" | "'s"
            ) {
                be = true;
            }
            k += 1;
        }
        if !be || !self.has(k, class::CUE) || self.doc.tokens[i].quoted {
            return None;
        }
        // "It is believed that…"; not "it was allowed to", where "it" is a thing.
        let info = lex
            .cue(self.lw(k))
            .iter()
            .find(|c| c.tags & tag::PAST != 0 && c.tags & tag::WEAK == 0)?;
        if self.lw(k + 1) != "that" {
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

    /// "Putin seemed concerned", "the plan appears to have failed": an
    /// impression nobody is named for; the subject belongs to what is
    /// claimed.
    pub(super) fn seem_cue(&self, i: usize) -> Option<Attribution> {
        if self.doc.tokens[i].quoted {
            return None;
        }
        let end = self.content_end();
        let c = i + 1;
        if c >= end {
            return None;
        }
        let w = self.lw(c);
        // "appeared on Fox", "appears in court": showing up, not seeming.
        let appear = self.lw(i).starts_with("appear");
        let ok = match w {
            "to" => {
                self.is_word(c + 1)
                    && !self.cap(c + 1)
                    && !self.has(c + 1, class::DET | class::POSS | class::PRON_OBJ)
            }
            "that" | "likely" | "unlikely" | "certain" | "poised" | "ready" | "set" => true,
            "as" => matches!(self.lw(c + 1), "if" | "though"),
            _ => {
                !appear
                    && self.is_word(c)
                    && !self.has(c, class::PREP | class::CONJ | class::SUBORD)
            }
        };
        if !ok {
            return None;
        }
        // "Trump on Tuesday seemed", "has seemed": back to the subject.
        let mut l = i;
        while l > self.s.tok_start && (self.is_verb_modifier(l - 1) || self.time_before(l) < l) {
            l = self.time_before(l).min(l - 1);
        }
        let start = self
            .subject_left(l, &[])
            .map_or(self.s.tok_start, |r| r.start);
        let mut a = self.attribution(TokRange::new(i, i + 1), tag::STATE, "seem");
        a.impersonal = true;
        a.kind = SourceKind::Vague;
        a.content = Some(TokRange::new(start, end));
        Some(a)
    }

    /// "reportedly": the whole rest of the sentence is hearsay.
    pub(super) fn adverb_cue(&self, i: usize) -> Attribution {
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
    pub(super) fn nominal_cue(&self, i: usize) -> Option<Attribution> {
        let lex = lexicon::get();
        let tags = lex.nominal(self.lw(i))? | tag::SPEECH;
        let end = self.content_end();
        let mut a = self.attribution(TokRange::new(i, i + 1), tags, "");
        // "against all the claims of X that C, the result…": a claim named
        // inside a phrase ends at the clause's comma.
        let end = (i + 1..end).find(|&k| self.punct(k, ",")).unwrap_or(end);
        // Possessive source: "Trump's claim", "the regime's claims", "his claim".
        if i > self.s.tok_start
            && (self.lw(i - 1).ends_with("'s")
                || self.has(i - 1, class::POSS) && !self.has(i - 1, class::DET))
        {
            let p = i - 1;
            // "our hope that…" outside a quotation is the writer's own.
            if matches!(self.lw(p), "my" | "our" | "your") && !self.doc.tokens[p].quoted {
                return None;
            }
            let start = if self.lw(p).ends_with("'s") {
                self.walk_np_left(p + 1, self.s.tok_start).unwrap_or(p)
            } else {
                p
            };
            a.source = Some(TokRange::new(start, p + 1));
            // "Trump's claim that…", "his promise to build a wall".
            let frame = match self.lw(i + 1) {
                "that" => true,
                "to" => tags & tag::INF != 0,
                _ => false,
            };
            if frame && i + 1 < end {
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
            } else if self.open_quote(src_end) || self.punct(src_end, ":") {
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

//! What the `train/` crate needs from the core, and nothing else: the
//! features of every token, the role tagger's windows, the decoder and the
//! file writers, for the attribution model and the hedge model. Training calls the very code inference runs, so a feature
//! cannot mean one thing when learned and another when used.

use super::features::Context;
pub use super::features::{bias_bucket, BITS};
pub use super::file::{quantised, write, TaggerWeights};
pub use super::hedge::write as write_hedges;
pub use super::parity_texts::parity_texts;
pub use super::tagger::{cue_tag, emission, fixed, role_allowed, role_tag, viterbi};
pub use super::HedgeModel;
use super::Model;
use crate::attribution;
use crate::text::Doc;
use crate::text::TokRange;
use crate::Finding;

/// One text, tokenised and read by the rules, ready for feature extraction.
pub struct Prepared<'c, 'd, 't> {
    ctx: &'c Context<'d, 't>,
}

/// Run `f` on `text` read as plain text (blocks at blank lines).
pub fn prepare<R>(text: &str, f: impl FnOnce(&Prepared) -> R) -> R {
    let doc = Doc::from_plain(text);
    let rules = attribution::find(&doc);
    let ctx = Context::new(&doc, &rules);
    f(&Prepared { ctx: &ctx })
}

impl Prepared<'_, '_, '_> {
    /// Byte ranges of the tokens.
    pub fn tokens(&self) -> Vec<(usize, usize)> {
        let doc = self.ctx.doc;
        doc.tokens
            .iter()
            .map(|t| (t.start as usize, t.end as usize))
            .collect()
    }

    /// Token ranges of the sentences.
    pub fn sentences(&self) -> Vec<(usize, usize)> {
        let doc = self.ctx.doc;
        doc.sentences
            .iter()
            .map(|s| (s.tok_start, s.tok_end))
            .collect()
    }

    /// The cue tagger's features for each token of tokens `lo..hi` (a sentence).
    pub fn cue_features(&self, lo: usize, hi: usize) -> Vec<Vec<u32>> {
        (lo..hi)
            .map(|i| {
                let mut f = Vec::new();
                self.ctx.cue_features(i, lo, hi, &mut f);
                f
            })
            .collect()
    }

    /// The tokens the role tagger reads for the cue `cue` (token range).
    pub fn window(&self, cue: (usize, usize)) -> (usize, usize) {
        let w = super::decode::window(self.ctx.doc, self.ctx, TokRange::new(cue.0, cue.1));
        (w.start, w.end)
    }

    /// The role tagger's features for each token of `window`, empty for the
    /// cue's own tokens (their tag is fixed): all three parts that decoding
    /// sums apart (see `decode::role_path`).
    pub fn role_features(&self, cue: (usize, usize), window: (usize, usize)) -> Vec<Vec<u32>> {
        let cue = TokRange::new(cue.0, cue.1);
        let win = TokRange::new(window.0, window.1);
        let between = super::features::Between::new(self.ctx, win, cue);
        let this_rule = self.ctx.rule_for(cue);
        (win.start..win.end)
            .map(|i| {
                let mut f = Vec::new();
                if !cue.contains(i) {
                    let place = self.ctx.place(i, cue);
                    self.ctx.role_token_features(i, place.side, &mut f);
                    self.ctx.role_cue_features(cue, place, &mut f);
                    self.ctx.role_features(i, cue, this_rule, &between, &mut f);
                }
                f
            })
            .collect()
    }
}

/// Cue spans (token ranges) from a cue tagger path over tokens from `lo`.
pub fn cue_spans(path: &[u8], lo: usize) -> Vec<(usize, usize)> {
    super::decode::spans_of(path, lo)
        .into_iter()
        .map(|r| (r.start, r.end))
        .collect()
}

/// Source and content (token ranges) from a role path over tokens from `lo`.
pub type Roles = (Option<(usize, usize)>, Option<(usize, usize)>);

pub fn role_spans(path: &[u8], lo: usize, cue: (usize, usize)) -> Roles {
    let (s, c) = super::decode::role_spans(path, lo, TokRange::new(cue.0, cue.1));
    (s.map(|r| (r.start, r.end)), c.map(|r| (r.start, r.end)))
}

/// Scan `text` with `model` instead of the shipped one (and the shipped
/// hedge model).
pub fn scan_text_with(model: &Model, text: &str) -> Vec<Finding> {
    crate::analyze_with(
        &Doc::from_plain(text),
        Some(model),
        super::hedge::shipped().ok(),
    )
}

/// Scan `text` with the models given (no hedge model: the signal lists
/// alone), blocks at blank lines as the CLI reads a `.txt` file.
pub fn scan_text_with_both(model: &Model, hedges: Option<&HedgeModel>, text: &str) -> Vec<Finding> {
    crate::analyze_with(&Doc::from_plain(text), Some(model), hedges)
}

/// One sentence of a text as the hedge model reads it.
pub struct HedgeSentence {
    /// Byte ranges of its tokens.
    pub tokens: Vec<(usize, usize)>,
    /// The features of the sentence as a whole.
    pub own: Vec<u32>,
    /// The features of each token; empty for one that cannot be a cue.
    pub features: Vec<Vec<u32>>,
}

/// The sentences of `text` (read as plain text) with the hedge model's
/// features.
pub fn hedge_sentences(text: &str) -> Vec<HedgeSentence> {
    let doc = Doc::from_plain(text);
    doc.sentences
        .iter()
        .map(|s| {
            let r = TokRange::new(s.tok_start, s.tok_end);
            let (own, features) = super::hedge::features_of(&doc, r);
            HedgeSentence {
                tokens: (r.start..r.end)
                    .map(|i| (doc.tokens[i].start as usize, doc.tokens[i].end as usize))
                    .collect(),
                own,
                features,
            }
        })
        .collect()
}

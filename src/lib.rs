//! Who Says? — find who is cited for each claim in a news text, and which
//! claims nobody is cited for.
//!
//! What other crates see is [`scan_text`], [`scan_blocks`] and the
//! [`Finding`]s they return, the page reader in `reader`, and the
//! command-line tool in `cli`. Inside, the text flows through one module per
//! stage, private to the crate: `text` (blocks, sentences, tokens,
//! quotations, UTF-16 offsets) → `attribution` (cues, sources, contents; a
//! folder with one file per concern) → `source` (named, anonymous, vague,
//! pronoun) → `assertion` (unsourced claims, from the claim words `signal`
//! finds) → `explain` (what the reader is told). Between the rules and the
//! source kinds, [`model`] (a trained tagger compiled in) decides the
//! attributions' spans. Word lists are data in `src/lexicon/`, loaded by
//! `lexicon`.

mod assertion;
mod attribution;
mod explain;
mod finding;
mod lexicon;
pub mod model;
pub mod reader;
mod signal;
mod source;
mod text;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use finding::{
    Category, Cue, Finding, FindingKind, Signal, SignalKind, Source, SourceKind, Span,
};
pub use text::{Block, Role, BLOCK_SEPARATOR};

use text::Doc;

/// Scan plain text. Blocks are separated by blank lines; offsets are UTF-16
/// code units into `text` exactly.
pub fn scan_text(text: &str) -> Vec<Finding> {
    analyze(&Doc::from_plain(text))
}

/// Scan blocks read from a page. Offsets are UTF-16 code units into the
/// blocks' texts joined with [`BLOCK_SEPARATOR`] (see [`joined_text`]).
pub fn scan_blocks(blocks: &[Block]) -> Vec<Finding> {
    let (text, ranges) = text::join_blocks(blocks);
    analyze(&Doc::new(&text, &ranges))
}

/// The text that [`scan_blocks`] offsets count into.
pub fn joined_text(blocks: &[Block]) -> String {
    text::join_blocks(blocks).0
}

fn analyze(doc: &Doc) -> Vec<Finding> {
    analyze_with(doc, model::shipped().ok())
}

/// The stages in order. Without a model (only when the compiled-in one is
/// broken, which `model::shipped` reports) the rules decide alone.
fn analyze_with(doc: &Doc, model: Option<&model::Model>) -> Vec<Finding> {
    let rules = attribution::find(doc);
    let mut attributions = match model {
        Some(m) => model::attributions(m, doc, rules),
        None => rules,
    };
    source::classify(doc, &mut attributions);
    let claims = assertion::find(doc, &mut attributions);
    explain::findings(doc, &attributions, &claims)
}

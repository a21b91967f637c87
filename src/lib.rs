//! Who Says? — find who is cited for each claim in a news text, and which
//! claims nobody is cited for.
//!
//! The text flows through one module per stage: [`text`] (blocks, sentences,
//! tokens, quotations, UTF-16 offsets) → [`attribution`] (cues, sources,
//! contents) → [`source`] (named, anonymous, vague, pronoun) → [`assertion`]
//! (unsourced claim signals) → [`explain`] (what the reader is told). Word
//! lists are data in `src/lexicon/`, loaded by [`lexicon`].

pub mod assertion;
pub mod attribution;
pub mod explain;
pub mod finding;
pub mod lexicon;
pub mod reader;
pub mod signal;
pub mod source;
pub mod text;

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
    let mut attributions = attribution::find(doc);
    source::classify(doc, &mut attributions);
    let claims = assertion::find(doc, &mut attributions);
    explain::findings(doc, &attributions, &claims)
}

//! Who Says? — find who is cited for each claim in a news text, and which
//! claims nobody is cited for.
//!
//! What other crates see is [`scan_text`], [`scan_blocks`] and the
//! [`Finding`]s they return, the sourcing [`profile`] of a text, the page
//! reader in `reader`, and the command-line tool in `cli`. Inside, the text
//! flows through one module per stage, private to the crate: `text` (blocks,
//! sentences, tokens, quotations, UTF-16 offsets) → `attribution` (cues,
//! sources, contents; a folder with one file per concern) → `source` (named,
//! anonymous, vague, pronoun) → `assertion` (unsourced claims, from the claim
//! words `signal` finds) → `explain` (what the reader is told) → `profile`
//! (an article's sourcing in numbers). Word lists are data in `src/lexicon/`, loaded by
//! `lexicon`.

mod assertion;
mod attribution;
mod explain;
mod finding;
mod lexicon;
pub mod profile;
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
pub use profile::Profile;
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

/// Scan plain text and profile it ([`profile`]) in one pass.
pub fn scan_text_profiled(text: &str) -> (Vec<Finding>, Profile) {
    profiled(&Doc::from_plain(text))
}

/// Scan blocks read from a page and profile them in one pass.
pub fn scan_blocks_profiled(blocks: &[Block]) -> (Vec<Finding>, Profile) {
    let (text, ranges) = text::join_blocks(blocks);
    profiled(&Doc::new(&text, &ranges))
}

/// The sourcing profile of plain text.
pub fn profile_text(text: &str) -> Profile {
    scan_text_profiled(text).1
}

/// The sourcing profile of blocks read from a page.
pub fn profile_blocks(blocks: &[Block]) -> Profile {
    scan_blocks_profiled(blocks).1
}

/// The text that [`scan_blocks`] offsets count into.
pub fn joined_text(blocks: &[Block]) -> String {
    text::join_blocks(blocks).0
}

fn profiled(doc: &Doc) -> (Vec<Finding>, Profile) {
    let findings = analyze(doc);
    let profile = Profile::of(doc, &findings);
    (findings, profile)
}

fn analyze(doc: &Doc) -> Vec<Finding> {
    let mut attributions = attribution::find(doc);
    source::classify(doc, &mut attributions);
    let claims = assertion::find(doc, &mut attributions);
    explain::findings(doc, &attributions, &claims)
}

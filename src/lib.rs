//! Who Says? — find who is cited for each claim in a news text, and which
//! claims nobody is cited for.
//!
//! What other crates see is [`scan_text`], [`scan_blocks`] (and their `_in`
//! forms, which say which languages they saw) and the [`Finding`]s they
//! return, the sourcing [`profile`] of a text, the page reader in `reader`,
//! and the command-line tool in `cli`. Inside, the text flows through one
//! module per stage, private to the crate: `language` (which blocks are in
//! English, the only language the rules read) → `text` (blocks, sentences,
//! tokens, quotations, UTF-16 offsets) → `attribution` (cues, sources,
//! contents; a folder with one file per concern) → `source` (named,
//! anonymous, vague, pronoun) → `assertion` (unsourced claims, from the claim
//! words `signal` finds) → `explain` (what the reader is told) → `profile`
//! (an article's sourcing in numbers, over its English blocks). Between the
//! rules and the source kinds, [`model`] (a trained tagger compiled in)
//! decides the attributions' spans. Word lists are data in `src/lexicon/`,
//! loaded by `lexicon`.

mod assertion;
mod attribution;
mod explain;
mod finding;
mod language;
mod lexicon;
pub mod model;
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
    Category, Cue, CueClass, Finding, FindingKind, Signal, SignalKind, Source, SourceKind, Span,
};
pub use language::{Choice, Language, Languages};
pub use profile::Profile;
pub use text::{Block, Role, BLOCK_SEPARATOR};

use text::Doc;

/// What a scan found, and which languages it saw.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    /// Blocks not in English get no findings; text not in English none at all.
    pub languages: Languages,
    /// Steps of work the scan took (tokens made and looked at, frames
    /// tried): deterministic, for tests that check it grows linearly.
    #[cfg(feature = "work-count")]
    pub work: u64,
}

/// Scan plain text. Blocks are separated by blank lines; offsets are UTF-16
/// code units into `text` exactly. Text not in English gets no findings.
pub fn scan_text(text: &str) -> Vec<Finding> {
    scan_text_in(text, Choice::Auto).findings
}

/// [`scan_text`], with the language identified or given.
pub fn scan_text_in(text: &str, choice: Choice) -> Analysis {
    analyze_blocks(text, &text::plain_blocks(text), choice, |_, _| ()).0
}

/// Scan blocks read from a page. Offsets are UTF-16 code units into the
/// blocks' texts joined with [`BLOCK_SEPARATOR`] (see [`joined_text`]).
pub fn scan_blocks(blocks: &[Block]) -> Vec<Finding> {
    scan_blocks_in(blocks, Choice::Auto).findings
}

/// [`scan_blocks`], with the language identified or given.
pub fn scan_blocks_in(blocks: &[Block], choice: Choice) -> Analysis {
    let (text, ranges) = text::join_blocks(blocks);
    analyze_blocks(&text, &ranges, choice, |_, _| ()).0
}

/// [`scan_text_in`] and the text's [`profile`] in one pass. The profile
/// counts the blocks in English only, as the findings do.
pub fn scan_text_profiled(text: &str, choice: Choice) -> (Analysis, Profile) {
    analyze_blocks(text, &text::plain_blocks(text), choice, Profile::of)
}

/// [`scan_blocks_in`] and the blocks' [`profile`] in one pass.
pub fn scan_blocks_profiled(blocks: &[Block], choice: Choice) -> (Analysis, Profile) {
    let (text, ranges) = text::join_blocks(blocks);
    analyze_blocks(&text, &ranges, choice, Profile::of)
}

/// The sourcing profile of plain text (its blocks in English).
pub fn profile_text(text: &str) -> Profile {
    scan_text_profiled(text, Choice::Auto).1
}

/// The sourcing profile of blocks read from a page (those in English).
pub fn profile_blocks(blocks: &[Block]) -> Profile {
    scan_blocks_profiled(blocks, Choice::Auto).1
}

/// The text that [`scan_blocks`] offsets count into.
pub fn joined_text(blocks: &[Block]) -> String {
    text::join_blocks(blocks).0
}

/// Stage 0, then the rest on the blocks in English, and `then` on the
/// document read and its findings (the profile, or nothing). A block in
/// another language is left out of the document: its offsets still count,
/// since the text is the same.
fn analyze_blocks<T>(
    text: &str,
    blocks: &[(usize, usize, Role)],
    choice: Choice,
    then: impl FnOnce(&Doc, &[Finding]) -> T,
) -> (Analysis, T) {
    let languages = language::of_blocks(text, blocks, choice);
    let read: Vec<(usize, usize, Role)> = (0..blocks.len())
        .filter(|&i| languages.reads_block(i))
        .map(|i| blocks[i])
        .collect();
    let doc = Doc::new(text, &read);
    let findings = analyze(&doc);
    let more = then(&doc, &findings);
    let analysis = Analysis {
        findings,
        languages,
        #[cfg(feature = "work-count")]
        work: doc.work(),
    };
    (analysis, more)
}

/// Whether the compiled-in models (attributions, hedges) load. The CLI and the
/// extension refuse to scan without it and show the reason; the scan
/// functions here fall back to the rules alone.
pub fn model_check() -> Result<(), String> {
    model::shipped().map_err(|e| e.to_string())?;
    model::hedge::shipped().map_err(|e| e.to_string())?;
    Ok(())
}

fn analyze(doc: &Doc) -> Vec<Finding> {
    analyze_with(doc, model::shipped().ok(), model::hedge::shipped().ok())
}

/// The stages in order. Without a model (only when the compiled-in one is
/// broken, which `model::shipped` reports) the rules decide alone; without
/// the hedge model, the signal lists do.
fn analyze_with(
    doc: &Doc,
    model: Option<&model::Model>,
    hedges: Option<&model::HedgeModel>,
) -> Vec<Finding> {
    let rules = attribution::find(doc);
    let mut attributions = match model {
        Some(m) => model::attributions(m, doc, rules),
        None => rules,
    };
    source::classify(doc, &mut attributions);
    let claims = assertion::find(
        doc,
        &mut attributions,
        &mut model::hedge::Hedges::new(hedges),
    );
    explain::findings(doc, &attributions, &claims)
}

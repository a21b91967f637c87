//! The WebAssembly face of the core: the only module that knows about
//! wasm-bindgen. The extension's background script calls these.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::text::{Block, Role};
use crate::{Analysis, Choice, Finding};

#[derive(Deserialize)]
struct JsBlock {
    text: String,
    #[serde(default)]
    role: Option<String>,
}

/// What a scan returns: `{findings, languages}`.
#[derive(Serialize)]
struct JsScan<'a> {
    findings: &'a [Finding],
    /// Letters per language told: `[{code, name, letters}]`. A
    /// caller that scans a page in chunks adds them up to tell the page's
    /// language (a chunk not in English gets no findings).
    languages: Vec<JsLanguage>,
}

#[derive(Serialize)]
struct JsLanguage {
    code: &'static str,
    name: &'static str,
    letters: usize,
}

fn to_js(analysis: &Analysis) -> Result<JsValue, JsError> {
    let scan = JsScan {
        findings: &analysis.findings,
        languages: analysis
            .languages
            .letters
            .iter()
            .map(|&(l, letters)| JsLanguage {
                code: l.code,
                name: l.name,
                letters,
            })
            .collect(),
    };
    Ok(scan.serialize(&serializer())?)
}

/// Scan blocks `[{text, role}]` read from a page. Returns `{findings,
/// languages}`, the findings with UTF-16 offsets into the blocks' texts
/// joined by a blank line ("\n\n"). Callers chunk huge pages by passing a
/// few blocks at a time.
#[wasm_bindgen(js_name = scanBlocks)]
pub fn scan_blocks(blocks: JsValue) -> Result<JsValue, JsError> {
    crate::model_check().map_err(|e| JsError::new(&e))?;
    let blocks: Vec<JsBlock> = serde_wasm_bindgen::from_value(blocks)?;
    let blocks: Vec<Block> = blocks
        .iter()
        .map(|b| Block {
            text: &b.text,
            role: b.role.as_deref().map(Role::parse).unwrap_or_default(),
        })
        .collect();
    to_js(&crate::scan_blocks_in(&blocks, Choice::Auto))
}

/// Scan one plain text (blocks separated by blank lines): `{findings, languages}`.
#[wasm_bindgen(js_name = scanText)]
pub fn scan_text(text: &str) -> Result<JsValue, JsError> {
    crate::model_check().map_err(|e| JsError::new(&e))?;
    to_js(&crate::scan_text_in(text, Choice::Auto))
}

/// The page-reading rules (`src/reader/rules.json`), parsed by the engine's
/// own JSON parser: they are plain data, and the content script receives
/// them as an object.
#[wasm_bindgen(js_name = readerRules)]
pub fn reader_rules() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(crate::reader::RULES_JSON)
}

/// The core's version, for the extension's about line.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Plain JavaScript objects (not Maps), so findings can be posted between
/// the background and content scripts as they are.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

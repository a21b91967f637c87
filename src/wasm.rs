//! The WebAssembly face of the core: the only module that knows about
//! wasm-bindgen. The extension's background script calls these.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::profile::{Profile, Sum};
use crate::text::{Block, Role};
use crate::{Analysis, Choice, Finding};

#[derive(Deserialize)]
struct JsBlock {
    text: String,
    #[serde(default)]
    role: Option<String>,
}

/// What a scan returns: `{findings, languages}`, and `profile` when asked.
#[derive(Serialize)]
struct JsScan<'a> {
    findings: &'a [Finding],
    /// Letters per language told: `[{code, name, letters}]`. A
    /// caller that scans a page in chunks adds them up to tell the page's
    /// language (a chunk not in English gets no findings).
    languages: Vec<JsLanguage>,
    /// The chunk's sourcing profile, of its blocks in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a Profile>,
}

#[derive(Serialize)]
struct JsLanguage {
    code: &'static str,
    name: &'static str,
    letters: usize,
}

fn to_js(analysis: &Analysis, profile: Option<&Profile>) -> Result<JsValue, JsError> {
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
        profile,
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
    let analysis = crate::scan_blocks_in(&as_blocks(&blocks), Choice::Auto);
    to_js(&analysis, None)
}

/// Scan blocks like `scanBlocks` and profile them in the same pass:
/// `{findings, languages, profile}`. A page scanned in chunks adds its
/// chunks' profiles up with `mergeProfiles`.
#[wasm_bindgen(js_name = scanBlocksProfiled)]
pub fn scan_blocks_profiled(blocks: JsValue) -> Result<JsValue, JsError> {
    crate::model_check().map_err(|e| JsError::new(&e))?;
    let blocks: Vec<JsBlock> = serde_wasm_bindgen::from_value(blocks)?;
    let (analysis, profile) = crate::scan_blocks_profiled(&as_blocks(&blocks), Choice::Auto);
    to_js(&analysis, Some(&profile))
}

/// The sourcing profile of blocks `[{text, role}]` (see `src/profile.rs`
/// for every key).
#[wasm_bindgen(js_name = profileBlocks)]
pub fn profile_blocks(blocks: JsValue) -> Result<JsValue, JsError> {
    crate::model_check().map_err(|e| JsError::new(&e))?;
    let blocks: Vec<JsBlock> = serde_wasm_bindgen::from_value(blocks)?;
    Ok(crate::profile_blocks(&as_blocks(&blocks)).serialize(&serializer())?)
}

/// Profiles added up: counts summed, sources added by name, rates
/// computed again from the sums.
#[wasm_bindgen(js_name = mergeProfiles)]
pub fn merge_profiles(profiles: JsValue) -> Result<JsValue, JsError> {
    let profiles: Vec<Profile> = serde_wasm_bindgen::from_value(profiles)?;
    let mut sum = Sum::default();
    for p in &profiles {
        sum.add(p);
    }
    Ok(sum.total().serialize(&serializer())?)
}

fn as_blocks(blocks: &[JsBlock]) -> Vec<Block<'_>> {
    blocks
        .iter()
        .map(|b| Block {
            text: &b.text,
            role: b.role.as_deref().map(Role::parse).unwrap_or_default(),
        })
        .collect()
}

/// Scan one plain text (blocks separated by blank lines): `{findings, languages}`.
#[wasm_bindgen(js_name = scanText)]
pub fn scan_text(text: &str) -> Result<JsValue, JsError> {
    crate::model_check().map_err(|e| JsError::new(&e))?;
    to_js(&crate::scan_text_in(text, Choice::Auto), None)
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

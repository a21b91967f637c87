//! The WebAssembly face of the core: the only module that knows about
//! wasm-bindgen. The extension's background script calls these.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::profile::{Profile, Sum};
use crate::text::{Block, Role};

#[derive(Deserialize)]
struct JsBlock {
    text: String,
    #[serde(default)]
    role: Option<String>,
}

/// Scan blocks `[{text, role}]` read from a page. Returns the findings, with
/// UTF-16 offsets into the blocks' texts joined by a blank line ("\n\n").
/// Callers chunk huge pages by passing a few blocks at a time.
#[wasm_bindgen(js_name = scanBlocks)]
pub fn scan_blocks(blocks: JsValue) -> Result<JsValue, JsError> {
    let blocks: Vec<JsBlock> = serde_wasm_bindgen::from_value(blocks)?;
    let findings = crate::scan_blocks(&as_blocks(&blocks));
    Ok(findings.serialize(&serializer())?)
}

/// Scan blocks like `scanBlocks` and profile them in the same pass:
/// `{findings, profile}`. A page scanned in chunks adds its chunks'
/// profiles up with `mergeProfiles`.
#[wasm_bindgen(js_name = scanBlocksProfiled)]
pub fn scan_blocks_profiled(blocks: JsValue) -> Result<JsValue, JsError> {
    #[derive(serde::Serialize)]
    struct Out {
        findings: Vec<crate::Finding>,
        profile: Profile,
    }
    let blocks: Vec<JsBlock> = serde_wasm_bindgen::from_value(blocks)?;
    let (findings, profile) = crate::scan_blocks_profiled(&as_blocks(&blocks));
    Ok(Out { findings, profile }.serialize(&serializer())?)
}

/// The sourcing profile of blocks `[{text, role}]` (see `src/profile.rs`
/// for every key).
#[wasm_bindgen(js_name = profileBlocks)]
pub fn profile_blocks(blocks: JsValue) -> Result<JsValue, JsError> {
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

/// Scan one plain text (blocks separated by blank lines).
#[wasm_bindgen(js_name = scanText)]
pub fn scan_text(text: &str) -> Result<JsValue, JsError> {
    Ok(crate::scan_text(text).serialize(&serializer())?)
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

use serde::Serialize as _;

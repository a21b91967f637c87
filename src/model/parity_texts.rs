//! The parity texts both models are checked on (`tests/model/*parity-texts.toml`),
//! read by the core's parity tests and by the `train/` crate when it writes
//! what training predicts on them: one reader, so both sides see the same
//! texts.

use std::fs;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
struct Texts {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    /// The text itself, or a file beside the TOML holding it.
    text: Option<String>,
    file: Option<String>,
}

/// The texts of `texts_toml` as (name, text), in file order.
pub fn parity_texts(texts_toml: &Path) -> Result<Vec<(String, String)>, String> {
    let src =
        fs::read_to_string(texts_toml).map_err(|e| format!("{}: {e}", texts_toml.display()))?;
    let texts: Texts =
        toml::from_str(&src).map_err(|e| format!("{}: {e}", texts_toml.display()))?;
    texts
        .case
        .into_iter()
        .map(|c| {
            let text = match (c.text, &c.file) {
                (Some(t), None) => t,
                (None, Some(f)) => {
                    let path = texts_toml.with_file_name(f);
                    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?
                }
                _ => return Err(format!("case {}: give text or file, not both", c.name)),
            };
            Ok((c.name, text))
        })
        .collect()
}

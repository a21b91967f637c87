//! How a web page is read into blocks: the rules shared by the CLI's HTML
//! reader and the extension's content script, kept in one data file.

/// `src/reader/rules.json`, verbatim. The extension gets it from the core so
/// that both readers follow the same file.
#[cfg(any(feature = "html", target_arch = "wasm32"))]
pub(crate) const RULES_JSON: &str = include_str!("reader/rules.json");

#[cfg(feature = "html")]
pub mod html;

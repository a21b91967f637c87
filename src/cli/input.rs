//! Reading one input: bytes from a file or standard input, checked to be
//! UTF-8 text, then scanned as plain text or as an HTML page.

use std::ffi::OsStr;
use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use crate::reader::html;
use crate::text::{self, Block, Role};
use crate::{Choice, Finding, Languages};

use super::InputKind;

/// One scanned input.
pub struct Scan {
    /// The path as given on the command line (`-` for standard input).
    pub path: String,
    /// Read as an HTML page rather than as plain text.
    pub html: bool,
    /// The text the findings' offsets count into: the file's text exactly,
    /// or the article text read from the page.
    pub text: String,
    /// Byte ranges of the text's blocks, and their roles.
    pub blocks: Vec<(usize, usize, Role)>,
    pub findings: Vec<Finding>,
    /// The text's language and each block's: text not in English has no findings.
    pub languages: Languages,
}

impl Scan {
    /// The input's name for people.
    pub fn name(&self) -> &str {
        if self.path == "-" {
            "standard input"
        } else {
            &self.path
        }
    }
}

/// Why an input was not scanned; displays as `PATH: reason`.
#[derive(Debug)]
pub struct Error {
    path: String,
    reason: Reason,
}

#[derive(Debug)]
enum Reason {
    Read(io::Error),
    Binary,
    Utf16,
    NotUtf8 { offset: usize },
}

impl Error {
    /// A path that could not be listed or read before any file in it was.
    pub fn unreadable(path: &OsStr, e: io::Error) -> Error {
        Error {
            path: path.to_string_lossy().into_owned(),
            reason: Reason::Read(e),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.path;
        match &self.reason {
            Reason::Read(e) => write!(f, "{path}: cannot read: {e}"),
            Reason::Binary => write!(f, "{path}: binary file, not scanned"),
            Reason::Utf16 => write!(f, "{path}: UTF-16 text, not scanned (convert it to UTF-8)"),
            Reason::NotUtf8 { offset } => write!(
                f,
                "{path}: not UTF-8 text (invalid byte at offset {offset}), not scanned"
            ),
        }
    }
}

/// One input, read and checked, not yet scanned.
pub struct Input {
    /// The path as given (`-` for standard input).
    pub path: String,
    /// To be read as an HTML page rather than as plain text.
    pub html: bool,
    /// The file's text.
    pub source: String,
}

pub fn load(path: &OsStr, kind: InputKind, lang: Choice) -> Result<Scan, Error> {
    let Input { path, html, source } = read(path, kind)?;
    Ok(if html {
        from_html(path, &source, lang)
    } else {
        from_text(path, source, lang)
    })
}

/// Read an input and decide how to take it, without scanning it.
pub fn read(path: &OsStr, kind: InputKind) -> Result<Input, Error> {
    let shown = path.to_string_lossy().into_owned();
    let fail = |reason| Error {
        path: shown.clone(),
        reason,
    };
    let bytes = if path == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| fail(Reason::Read(e)))?;
    // Text never holds NUL; UTF-16 text is full of them, so say what it is.
    if bytes.contains(&0) {
        let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
        return Err(fail(if utf16 { Reason::Utf16 } else { Reason::Binary }));
    }
    let source = String::from_utf8(bytes).map_err(|e| {
        fail(Reason::NotUtf8 {
            offset: e.utf8_error().valid_up_to(),
        })
    })?;
    let html = match kind {
        InputKind::Text => false,
        InputKind::Html => true,
        InputKind::Auto => {
            by_extension(Path::new(path)).unwrap_or_else(|| looks_like_html(&source))
        }
    };
    Ok(Input {
        path: shown,
        html,
        source,
    })
}

fn from_text(path: String, text: String, lang: Choice) -> Scan {
    let analysis = crate::scan_text_in(&text, lang);
    Scan {
        findings: analysis.findings,
        languages: analysis.languages,
        blocks: text::plain_blocks(&text),
        html: false,
        path,
        text,
    }
}

fn from_html(path: String, source: &str, lang: Choice) -> Scan {
    let page = html::read(source);
    let blocks: Vec<Block> = page.iter().map(html::PageBlock::as_block).collect();
    let (text, ranges) = text::join_blocks(&blocks);
    let analysis = crate::scan_blocks_in(&blocks, lang);
    Scan {
        findings: analysis.findings,
        languages: analysis.languages,
        blocks: ranges,
        html: true,
        path,
        text,
    }
}

/// `Some(true)` for an HTML extension, `Some(false)` for a text one.
pub fn by_extension(path: &Path) -> Option<bool> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "xht" | "shtml" => Some(true),
        "txt" | "text" => Some(false),
        _ => None,
    }
}

/// The WHATWG MIME sniffing rule for HTML: after leading whitespace, one of
/// a few tags that only HTML starts with.
fn looks_like_html(source: &str) -> bool {
    const STARTS: [&str; 17] = [
        "<!doctype html",
        "<html",
        "<head",
        "<script",
        "<iframe",
        "<h1",
        "<div",
        "<font",
        "<table",
        "<a",
        "<style",
        "<title",
        "<b",
        "<body",
        "<br",
        "<p",
        "<!--",
    ];
    let s = source
        .trim_start_matches('\u{feff}')
        .trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let head = s.as_bytes();
    STARTS.iter().any(|start| {
        let n = start.len();
        head.len() >= n
            && head[..n].eq_ignore_ascii_case(start.as_bytes())
            && (*start == "<!--" || matches!(head.get(n), Some(b' ' | b'>')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_starts_only() {
        assert!(looks_like_html("\n  <!DOCTYPE html>\n<p>x"));
        assert!(looks_like_html("<P>Hello"));
        assert!(looks_like_html("<!-- saved page -->"));
        assert!(!looks_like_html("<abbr>x</abbr>"));
        assert!(!looks_like_html("Prices rose <b>sharply</b>."));
        assert!(!looks_like_html("<"));
    }

    #[test]
    fn extensions_decide_before_content() {
        assert_eq!(by_extension(Path::new("a/Page.HTM")), Some(true));
        assert_eq!(by_extension(Path::new("notes.txt")), Some(false));
        assert_eq!(by_extension(Path::new("-")), None);
    }
}

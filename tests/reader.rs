//! The HTML reader on small pages: `tests/fixtures/html/cases.toml`, each
//! case with a comment saying why it exists. Every failing case is reported,
//! not just the first.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};

use serde::Deserialize;
use whosays::reader::html::{self, PageBlock};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    html: Option<String>,
    file: Option<String>,
    /// The exact blocks, as `[role, text]`.
    blocks: Option<Vec<[String; 2]>>,
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    /// `[role, text]`: the block whose text is exactly `text` has `role`.
    #[serde(default)]
    roles: Vec<[String; 2]>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

/// What is wrong with the reader's output for `case`, if anything.
fn check(case: &Case) -> Vec<String> {
    let source = match (&case.html, &case.file) {
        (Some(h), None) => h.clone(),
        (None, Some(f)) => std::fs::read_to_string(dir().join(f)).expect("fixture file"),
        _ => return vec!["give exactly one of html and file".into()],
    };
    let blocks = html::read(&source);
    let got: Vec<[String; 2]> = blocks
        .iter()
        .map(|b| [b.role.name().to_string(), b.text.clone()])
        .collect();
    let joined = whosays::joined_text(&blocks.iter().map(PageBlock::as_block).collect::<Vec<_>>());
    let mut errors = Vec::new();
    if let Some(want) = &case.blocks {
        if &got != want {
            errors.push(format!("blocks\n   want {want:?}\n    got {got:?}"));
        }
    }
    for p in &case.present {
        if !joined.contains(p.as_str()) {
            errors.push(format!("missing {p:?}"));
        }
    }
    for a in &case.absent {
        if joined.contains(a.as_str()) {
            errors.push(format!("should be absent: {a:?}"));
        }
    }
    for [role, text] in &case.roles {
        match got.iter().find(|[_, t]| t == text) {
            Some([r, _]) if r == role => {}
            Some([r, _]) => errors.push(format!("{text:?} is {r}, want {role}")),
            None => errors.push(format!("no block {text:?}")),
        }
    }
    if errors.is_empty() && case.blocks.is_none() && case.present.is_empty() {
        errors.push("the case expects nothing".into());
    }
    errors
}

#[test]
fn reader_cases() {
    let text = std::fs::read_to_string(dir().join("cases.toml")).expect("cases.toml");
    let file: File = toml::from_str(&text).expect("cases.toml parses");
    assert!(file.case.len() >= 20, "cases went missing");
    let mut failures = Vec::new();
    for case in &file.case {
        for e in check(case) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// `tests/fixtures/html/data-roles.toml`: which blocks are data. The
/// extension's reader runs the same cases (tests/js/rules.test.mjs).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    case: Vec<RoleCase>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleCase {
    name: String,
    html: String,
    text: String,
    role: String,
}

#[test]
fn data_role_cases() {
    let text = std::fs::read_to_string(dir().join("data-roles.toml")).expect("data-roles.toml");
    let file: RoleFile = toml::from_str(&text).expect("data-roles.toml parses");
    assert!(file.case.len() >= 10, "cases went missing");
    let mut failures = Vec::new();
    for case in &file.case {
        let blocks = html::read(&case.html);
        match blocks.iter().find(|b| b.text == case.text) {
            Some(b) if b.role.name() == case.role => {}
            Some(b) => failures.push(format!(
                "{}: {:?} is {}",
                case.name,
                case.text,
                b.role.name()
            )),
            None => failures.push(format!(
                "{}: no block {:?} in {blocks:?}",
                case.name, case.text
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Blocks never hold a blank line (it would read as a block boundary in the
/// joined text) nor leading or trailing whitespace, on any fixture.
#[test]
fn blocks_are_trimmed_and_have_no_blank_lines() {
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            for b in html::read(&std::fs::read_to_string(&path).unwrap()) {
                assert!(!b.text.contains("\n\n"), "{}: {:?}", path.display(), b.text);
                assert_eq!(b.text.trim(), b.text, "{}", path.display());
                assert!(!b.text.is_empty());
            }
        }
    }
}

/// Deep nesting and a large page read without overflowing the stack, and
/// the text comes out whole.
#[test]
fn deep_and_large_pages() {
    let depth = 3_000;
    let deep = format!(
        "{}Deep text.{}",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let blocks = html::read(&deep);
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].text, "Deep text.");

    let para = "<p>The minister said that prices rose by 40 percent, the largest rise.</p>\n";
    let large = format!("<article>{}</article>", para.repeat(20_000));
    let blocks = html::read(&large);
    assert_eq!(blocks.len(), 20_000);
}

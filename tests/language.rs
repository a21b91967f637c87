//! Stage 0 on `tests/fixtures/lang/cases.toml`: pages and texts in several
//! languages, each case with a comment saying why it exists. Every failing
//! case is reported, not just the first.
#![cfg(feature = "cli")]

mod invariants;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use whosays::reader::html;
use whosays::{Analysis, Block, Choice, Language};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    file: Option<String>,
    text: Option<String>,
    language: String,
    read: bool,
    blocks: Option<Vec<String>>,
    given: Option<String>,
    /// Whether a text that is read has findings (by default it does).
    findings: Option<bool>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lang")
}

fn code(l: Option<Language>) -> &'static str {
    l.map_or("none", |l| l.code)
}

fn analyse(case: &Case, choice: Choice) -> Result<Analysis, String> {
    match (&case.file, &case.text) {
        (Some(file), None) => {
            let source = std::fs::read_to_string(dir().join(file)).map_err(|e| e.to_string())?;
            let page = html::read(&source);
            let blocks: Vec<Block> = page.iter().map(html::PageBlock::as_block).collect();
            let analysis = whosays::scan_blocks_in(&blocks, choice);
            invariants::check(&whosays::joined_text(&blocks), &analysis.findings);
            Ok(analysis)
        }
        (None, Some(text)) => {
            let analysis = whosays::scan_text_in(text, choice);
            invariants::check(text, &analysis.findings);
            Ok(analysis)
        }
        _ => Err("give exactly one of `file` and `text`".into()),
    }
}

fn check(case: &Case) -> Vec<String> {
    let choice = match &case.given {
        None => Choice::Auto,
        Some(c) => match Language::from_code(c) {
            Some(l) => Choice::Given(l),
            None => return vec![format!("unknown language {c:?}")],
        },
    };
    let analysis = match analyse(case, choice) {
        Ok(a) => a,
        Err(e) => return vec![e],
    };
    let langs = &analysis.languages;
    let mut problems = Vec::new();
    if code(langs.main) != case.language {
        problems.push(format!(
            "language {} (letters {:?})",
            code(langs.main),
            langs.letters
        ));
    }
    if langs.read() != case.read {
        problems.push(format!("read is {}", langs.read()));
    }
    if case.read && case.findings.unwrap_or(true) && analysis.findings.is_empty() {
        problems.push("read, but no findings".into());
    }
    if !case.read {
        if !analysis.findings.is_empty() {
            let texts: Vec<&str> = analysis.findings.iter().map(|f| f.text.as_str()).collect();
            problems.push(format!("findings in text not read: {texts:?}"));
        }
        match (langs.note(), langs.main) {
            (Some(note), Some(l)) if note.contains(l.name) => {}
            (note, _) => problems.push(format!("note {note:?} does not name the language")),
        }
    }
    if let Some(blocks) = &case.blocks {
        let got: Vec<&str> = langs.blocks.iter().map(|&l| code(l)).collect();
        if got != *blocks {
            problems.push(format!("block languages {got:?}"));
        }
    }
    problems
}

#[test]
fn every_language_case_holds() {
    let text = std::fs::read_to_string(dir().join("cases.toml")).expect("cases.toml");
    let file: File = toml::from_str(&text).expect("cases.toml parses");
    let failures: Vec<String> = file
        .case
        .iter()
        .filter_map(|case| {
            let problems = check(case);
            (!problems.is_empty()).then(|| format!("{}: {}", case.name, problems.join("; ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        file.case.len(),
        failures.join("\n")
    );
}

// In the English page, nothing inside the foreign blockquotes is highlighted.
#[test]
fn quoted_foreign_blocks_get_no_findings() {
    let source = std::fs::read_to_string(dir().join("en-quotes.html")).expect("fixture");
    let page = html::read(&source);
    let blocks: Vec<Block> = page.iter().map(html::PageBlock::as_block).collect();
    let analysis = whosays::scan_blocks_in(&blocks, Choice::Auto);
    assert!(!analysis.findings.is_empty());
    for f in &analysis.findings {
        assert!(
            !f.text.contains("pêcheurs") && !f.text.contains("Küstenländer"),
            "a finding inside a foreign quote: {:?}",
            f.text
        );
    }
}

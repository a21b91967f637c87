//! The `whosays` binary as users and the evaluation scripts run it: formats,
//! standard input, errors and exit codes. Analysis results change as the
//! core improves, so these tests check the contract (offsets, fields,
//! escaping, what is read) and only a few robust findings.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SEED_HTML: &str = "tests/fixtures/seed-article.html";
const SEED_TXT: &str = "tests/fixtures/seed-article.txt";

/// Run `whosays ARGS` from the crate root, with `stdin` piped in.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_env(args, stdin, &[])
}

fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whosays"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("whosays runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

/// A scratch file for this test run.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Text as the report must write it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The UTF-16 slice `start..end` of `text`.
fn slice16(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("span on UTF-16 boundaries")
}

/// Every span of every finding names exactly the text it points at.
fn assert_spans_match(text: &str, findings: &[Value]) {
    for f in findings {
        let mut spans = vec![f];
        for key in ["cue", "source", "content"] {
            if !f[key].is_null() {
                spans.push(&f[key]);
            }
        }
        spans.extend(f["signals"].as_array().unwrap());
        for s in spans {
            let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(start <= end, "{s}");
            assert_eq!(
                slice16(text, start, end),
                s["text"].as_str().unwrap(),
                "{s}"
            );
        }
    }
}

#[test]
fn jsonl_on_the_seed_page_reads_only_the_article() {
    let out = run(
        &["scan", "--format", "jsonl", "--with-text", SEED_HTML],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = lines(&out);
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    assert_eq!(line["path"], SEED_HTML);
    let text = line["text"].as_str().unwrap();
    let findings = line["findings"].as_array().unwrap();
    assert_spans_match(text, findings);

    // The ad, the navigation, the aside and the footer are not analysed.
    for furniture in [
        "728 x 90",
        "Latest News and Articles",
        "Home",
        "Footer links",
    ] {
        assert!(!text.contains(furniture), "{furniture:?} was read");
    }
    // The sentence crossing <a>Belgium</a> stays whole, and the core finds
    // its attribution.
    assert!(text.contains("authorities in Belgium, France and Germany declared having foiled"));
    assert!(
        findings.iter().any(|f| f["cue"]["text"] == "declared"
            && f["source"]["text"]
                .as_str()
                .is_some_and(|s| s.contains("Belgium"))),
        "no attribution with cue 'declared'"
    );

    // Blocks cover the text in order, with the page's roles.
    let role_of = |needle: &str| {
        line["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| {
                slice16(
                    text,
                    b["start"].as_u64().unwrap(),
                    b["end"].as_u64().unwrap(),
                ) == needle
            })
            .map(|b| b["role"].as_str().unwrap().to_string())
    };
    assert_eq!(role_of("Analysis by PMOI/MEK").as_deref(), Some("byline"));
    assert_eq!(
        role_of("Maryam Rajavi the president elect of the NCRI").as_deref(),
        Some("caption")
    );
    assert_eq!(
        role_of("How the Iranian regime points to its main opposition").as_deref(),
        Some("heading")
    );
}

#[test]
fn jsonl_offsets_count_into_a_text_file_exactly() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_TXT)).unwrap();
    let out = run(&["scan", "--format", "jsonl", "--with-text", SEED_TXT], b"");
    assert!(out.status.success());
    let line = &lines(&out)[0];
    assert_eq!(line["text"].as_str().unwrap(), text);
    let findings = line["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert_spans_match(&text, findings);
}

#[test]
fn jsonl_without_with_text_is_the_bare_contract() {
    let out = run(&["scan", "--format", "jsonl", SEED_TXT, SEED_HTML], b"");
    assert!(out.status.success());
    let lines = lines(&out);
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert_eq!(paths, [SEED_TXT, SEED_HTML]);
    for l in &lines {
        let keys: Vec<&String> = l.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["findings", "language", "path"]);
        assert_eq!(l["language"], "en");
        for f in l["findings"].as_array().unwrap() {
            for key in [
                "kind", "start", "end", "text", "cue", "source", "content", "signals",
            ] {
                assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
            }
        }
    }
}

#[test]
fn offsets_are_utf16_after_emoji_and_combining_marks() {
    let text = "Cafe\u{301} owners 👩🏽‍🚀 said that prices rose. \u{1F600}\u{1F600} Critics say it will probably fail.";
    let path = scratch("unicode.txt", text.as_bytes());
    let out = run(&["scan", "--format", "jsonl", path.to_str().unwrap()], b"");
    assert!(out.status.success());
    let findings = lines(&out)[0]["findings"].as_array().unwrap().clone();
    assert!(!findings.is_empty());
    assert_spans_match(text, &findings);
}

#[test]
fn stdin_is_read_for_dash_and_html_is_sniffed() {
    let page = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_HTML)).unwrap();
    let out = run(&["scan", "--format", "jsonl", "--with-text", "-"], &page);
    assert!(out.status.success(), "{}", stderr(&out));
    let line = &lines(&out)[0];
    assert_eq!(line["path"], "-");
    let text = line["text"].as_str().unwrap();
    assert!(!text.contains('<'), "HTML on stdin was read as text");
    assert!(text.starts_with("How the Iranian regime"));

    let plain = "Officials said the bridge would reopen.";
    let out = run(
        &["scan", "--format", "jsonl", "--with-text", "-"],
        plain.as_bytes(),
    );
    assert_eq!(lines(&out)[0]["text"], plain);
}

#[test]
fn input_kind_can_be_forced() {
    // As text, an HTML file is analysed as written, markup and all.
    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "--with-text",
            "--input",
            "text",
            SEED_HTML,
        ],
        b"",
    );
    let raw =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED_HTML)).unwrap();
    assert_eq!(lines(&out)[0]["text"].as_str().unwrap(), raw);

    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "--with-text",
            "--input",
            "html",
            "-",
        ],
        b"Text <b>with</b> a tag &amp; an entity.",
    );
    assert_eq!(lines(&out)[0]["text"], "Text with a tag & an entity.");
}

#[test]
fn a_binary_file_is_reported_and_the_others_still_scanned() {
    let binary = scratch("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            binary.to_str().unwrap(),
            SEED_TXT,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("image.png") && err.contains("binary"), "{err}");
    let lines = lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["path"], SEED_TXT);
    assert!(!lines[0]["findings"].as_array().unwrap().is_empty());
}

#[test]
fn invalid_utf8_is_reported_with_its_offset() {
    let latin1 = scratch("latin1.txt", b"Caf\xe9 owners said prices rose.");
    let out = run(&["scan", latin1.to_str().unwrap(), SEED_TXT], b"");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("latin1.txt") && err.contains("UTF-8") && err.contains("offset 3"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("seed-article.txt"),
        "the good file was not scanned"
    );
}

#[test]
fn utf16_text_is_named_as_such() {
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("Hi.".encode_utf16().flat_map(u16::to_le_bytes));
    let path = scratch("utf16.txt", &bytes);
    let out = run(&["scan", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("UTF-16"), "{}", stderr(&out));
}

#[test]
fn missing_files_and_directories_are_reported() {
    let out = run(
        &[
            "scan",
            "--format",
            "jsonl",
            "no/such/file.txt",
            "tests",
            SEED_TXT,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let errs: Vec<&str> = err.lines().collect();
    assert_eq!(errs.len(), 2, "{err}");
    assert!(
        errs[0].starts_with("whosays: no/such/file.txt: cannot read"),
        "{err}"
    );
    assert!(errs[1].starts_with("whosays: tests: cannot read"), "{err}");
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["scan"], b"").status.code(), Some(2));
    assert_eq!(
        run(&["scan", "--format", "pdf", SEED_TXT], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&[], b"").status.code(), Some(2));
}

#[test]
fn help_and_version() {
    let out = run(&["--help"], b"");
    assert!(out.status.success());
    assert!(stdout(&out).contains("scan"));
    let out = run(&["scan", "--help"], b"");
    let help = stdout(&out);
    for word in [
        "--format",
        "jsonl",
        "html",
        "text",
        "UTF-16",
        "Exit status",
        "standard input",
    ] {
        assert!(help.contains(word), "scan --help lacks {word:?}");
    }
    let out = run(&["--version"], b"");
    assert_eq!(
        stdout(&out).trim(),
        format!("whosays {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn text_view_is_plain_when_piped_or_no_color() {
    // Standard output is a pipe here: no colour unless asked for.
    let out = run(&["scan", SEED_HTML], b"");
    assert!(out.status.success());
    let plain = stdout(&out);
    assert!(!plain.contains('\x1b'), "escape codes in piped output");
    assert!(plain.contains("== tests/fixtures/seed-article.html"));
    assert!(plain.contains("](1)"), "findings are not marked");
    assert!(plain.contains("Summary: "));
    for c in ["named", "anonymous", "vague", "pronoun", "unsourced"] {
        assert!(plain.contains(&format!(" {c}")), "summary lacks {c}");
    }

    let forced = run(&["scan", "--color", "always", SEED_HTML], b"");
    assert!(
        stdout(&forced).contains("\x1b["),
        "--color always gave no colour"
    );
    let never = run_env(
        &["scan", "--color", "auto", SEED_HTML],
        b"",
        &[("NO_COLOR", "1")],
    );
    assert!(!stdout(&never).contains('\x1b'));
    let never = run(&["scan", "--color", "never", SEED_HTML], b"");
    assert!(!stdout(&never).contains('\x1b'));
}

#[test]
fn text_view_numbers_every_finding() {
    let json = run(&["scan", "--format", "jsonl", SEED_HTML], b"");
    let n = lines(&json)[0]["findings"].as_array().unwrap().len();
    let text = stdout(&run(&["scan", SEED_HTML], b""));
    for i in 1..=n {
        assert!(text.contains(&format!("]({i})")), "finding {i} not marked");
        assert!(
            text.contains(&format!("  [{i}] ")),
            "finding {i} not listed"
        );
    }
    assert!(!text.contains(&format!("]({})", n + 1)));
}

#[test]
fn html_report_is_self_contained_and_explains_each_finding() {
    let json = run(&["scan", "--format", "jsonl", SEED_HTML], b"");
    let findings = lines(&json)[0]["findings"].as_array().unwrap().clone();
    let out = run(&["scan", "--format", "html", SEED_HTML], b"");
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    // Nothing is fetched: no external scripts, styles, images or fonts.
    for external in ["src=", "<link", "@import", "url(", "http://", "https://"] {
        assert!(!page.contains(external), "report refers to {external}");
    }
    // The extension's palette, embedded.
    assert!(page.contains("--whosays-named:"));
    assert!(page.contains("var(--whosays-unsourced)"));
    // One focusable tooltip per finding, with the core's words.
    assert_eq!(page.matches("role=\"tooltip\"").count(), findings.len());
    assert_eq!(page.matches("tabindex=\"0\"").count(), findings.len());
    for f in &findings {
        for key in ["headline", "explanation"] {
            let words = escaped(f[key].as_str().unwrap());
            assert!(page.contains(&words), "{words}");
        }
    }
    for label in ["Named source", "Unsourced claim"] {
        assert!(page.contains(label), "legend lacks {label}");
    }
}

#[test]
fn html_report_escapes_page_text() {
    let page = scratch(
        "hostile.html",
        b"<html><body><p>Officials said that &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\" were found.</p>\
          <p>Experts say <img src=x onerror=alert(2)> it is probably true.</p></body></html>",
    );
    let name = page.to_str().unwrap();
    let json = run(&["scan", "--format", "jsonl", "--with-text", name], b"");
    assert!(lines(&json)[0]["text"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    let report = stdout(&run(&["scan", "--format", "html", name], b""));
    assert!(report.contains(&escaped("<script>alert(1)</script> & \"quotes\"")));
    assert!(!report.contains("<script>alert(1)"));
    assert!(!report.contains("onerror"));
    // The only script is the report's own.
    assert_eq!(report.matches("<script>").count(), 1);
}

#[test]
fn html_report_covers_several_files() {
    let out = run(&["scan", "--format", "html", SEED_TXT, SEED_HTML], b"");
    let page = stdout(&out);
    assert_eq!(page.matches("<section id=\"file-").count(), 2);
    assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
    assert!(page.contains("seed-article.txt") && page.contains("seed-article.html"));
}

#[test]
fn empty_inputs_are_scanned_not_refused() {
    let empty = scratch("empty.html", b"");
    let scripts = scratch(
        "scripts.html",
        b"<html><body><script>var a = 1;</script></body></html>",
    );
    for path in [&empty, &scripts] {
        let name = path.to_str().unwrap();
        let out = run(&["scan", "--format", "jsonl", "--with-text", name], b"");
        assert!(out.status.success());
        assert_eq!(lines(&out)[0]["text"], "");
        assert_eq!(lines(&out)[0]["findings"].as_array().unwrap().len(), 0);
        let view = stdout(&run(&["scan", name], b""));
        assert!(view.contains("(no visible text on the page)"), "{view}");
        assert!(view.contains("No attributions or unsourced claims found."));
    }
}

// A page may carry terminal escapes, typed in or written as character
// references: ESC sequences that retitle the window or clear the screen, BEL.
// The text view drops every control character but newline and tab.
#[test]
fn terminal_output_has_no_control_characters_from_the_page() {
    let text = scratch(
        "escapes.txt",
        "Officials said \x1b]0;pwned\x07 the plan \x1b[2J\x1b[31mfailed\x1b[0m by 40 percent.\r\n\x08\u{9b}\n"
            .as_bytes(),
    );
    let html = scratch(
        "escapes.html",
        b"<!DOCTYPE html><title>t\x1b[5m</title><article><p>Officials said &#x1b;]0;pwned&#7; the plan &#x1B;[2Jfailed by 40&#x1b;[0m percent, &#155;the report said.</p></article>",
    );
    for path in [&text, &html] {
        let path = path.to_str().unwrap();
        let plain = stdout(&run(&["scan", "--color", "never", path], b""));
        assert!(plain.contains("Officials said"), "{plain}");
        let bad: Vec<char> = plain
            .chars()
            .filter(|&c| c.is_control() && c != '\n' && c != '\t')
            .collect();
        assert!(bad.is_empty(), "control characters {bad:?} in {plain:?}");
        // In colour, the only escapes are the view's own colour codes.
        let coloured = stdout(&run(&["scan", "--color", "always", path], b""));
        let rest = coloured.split('\x1b').skip(1);
        for after in rest {
            let code = after.split_once('m').map_or(after, |(c, _)| c);
            assert!(
                code.starts_with('[') && code[1..].chars().all(|c| c.is_ascii_digit() || c == ';'),
                "an escape that is not a colour code: {:?}",
                &after[..after.len().min(12)]
            );
        }
        assert!(!coloured.contains(['\x07', '\u{9b}', '\r', '\x08']));
    }
}

// Stage 0 in the CLI: a German page gets no findings and a note naming its
// language, in the text view and in jsonl; --lang en reads it as English;
// an unknown --lang is a usage error.
#[test]
fn text_not_in_english_gets_a_note_and_lang_overrides() {
    const DE: &str = "tests/fixtures/lang/de.html";
    let view = stdout(&run(&["scan", DE], b""));
    assert!(
        view.contains("Note: This text is in German. Who Says? reads English only"),
        "{view}"
    );
    assert!(view.contains("Summary: not read (German)."), "{view}");

    let line = &lines(&run(&["scan", "--format", "jsonl", "--with-text", DE], b""))[0];
    assert_eq!(line["language"], "de");
    assert!(line["note"].as_str().unwrap().contains("German"), "{line}");
    assert_eq!(line["findings"].as_array().unwrap().len(), 0);
    assert!(line["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["language"] == "de"));

    let forced = &lines(&run(
        &["scan", "--format", "jsonl", "--lang", "en", DE],
        b"",
    ))[0];
    assert_eq!(forced["language"], "en");
    assert!(forced.get("note").is_none());
    assert!(
        !forced["findings"].as_array().unwrap().is_empty(),
        "{forced}"
    );

    let named = &lines(&run(
        &["scan", "--format", "jsonl", "--lang", "fr", SEED_TXT],
        b"",
    ))[0];
    assert_eq!(named["language"], "fr");
    assert_eq!(named["findings"].as_array().unwrap().len(), 0);

    let wrong = run(&["scan", "--lang", "xx", SEED_TXT], b"");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("auto or one of: en, de"),
        "{}",
        stderr(&wrong)
    );
}

// An English article quoting French and German passages: the quotes' blocks
// are marked with their language and get no findings; the article is read.
#[test]
fn foreign_quotes_in_an_english_page_are_left_alone() {
    let line = &lines(&run(
        &[
            "scan",
            "--format",
            "jsonl",
            "--with-text",
            "tests/fixtures/lang/en-quotes.html",
        ],
        b"",
    ))[0];
    assert_eq!(line["language"], "en");
    let text = line["text"].as_str().unwrap();
    let findings = line["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert_spans_match(text, findings);
    for b in line["blocks"].as_array().unwrap() {
        if b["language"] == "fr" || b["language"] == "de" {
            let (start, end) = (b["start"].as_u64().unwrap(), b["end"].as_u64().unwrap());
            for f in findings {
                let (s, e) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
                assert!(
                    e <= start || s >= end,
                    "a finding in a quoted {} block: {}",
                    b["language"],
                    f["text"]
                );
            }
        }
    }
}

#[test]
fn every_view_tells_speech_from_thought() {
    // One statement and one reported belief: the contract carries the
    // class, the text view counts it and the report draws thought cues
    // their own way; both say "reported thought" where the core does.
    let text = b"Jane Smith said the plan failed. The mayor believes the city can recover.";
    let json = lines(&run(&["scan", "--format", "jsonl", "-"], text));
    let classes: Vec<&str> = json[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["cue"]["class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["speech", "thought"]);
    let view = stdout(&run(&["scan", "-"], text));
    assert!(view.contains("cues: 1 speech, 1 thought"), "{view}");
    assert_eq!(view.matches("reported thought").count(), 1, "{view}");
    let page = stdout(&run(&["scan", "--format", "html", "-"], text));
    // The legend shows the same two words: each twice, there and in the text.
    for cue in [
        "<span class=\"ws-cue ws-thought\">believes</span>",
        "<span class=\"ws-cue ws-speech\">said</span>",
    ] {
        assert_eq!(page.matches(cue).count(), 2, "{cue}");
    }
    assert!(
        page.contains("thought cue"),
        "the legend names thought cues"
    );
}

//! What every scan result must satisfy, whatever the input. Shared by the
//! integration tests (`tests/adversarial.rs`, `tests/properties.rs`,
//! `tests/cases.rs`) and the fuzz target (`fuzz/fuzz_targets/scan.rs`), so
//! all of them check the same contract.

// Each test binary that includes this module uses only some of it.
#![allow(dead_code)]

use whosays::{Block, Finding, Role};

/// Scan `text` as plain text and check the result.
pub fn scan_text_checked(text: &str) -> Vec<Finding> {
    let findings = whosays::scan_text(text);
    check(text, &findings);
    findings
}

/// Scan `blocks` and check the result against the joined text its offsets
/// count into.
pub fn scan_blocks_checked(blocks: &[Block]) -> Vec<Finding> {
    let findings = whosays::scan_blocks(blocks);
    check(&whosays::joined_text(blocks), &findings);
    findings
}

/// What the fuzz target does with its bytes (and the regression tests with
/// the inputs it found): decode them lossily, scan them as plain text, then
/// again as page blocks split at U+001E with a role picked by each block's
/// length, so that every role turns up.
pub fn scan_bytes_checked(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    scan_text_checked(&text);
    let blocks: Vec<Block> = text
        .split('\u{1e}')
        .map(|t| Block {
            text: t,
            role: Role::ALL[t.len() % Role::ALL.len()],
        })
        .collect();
    scan_blocks_checked(&blocks);
}

/// Panics, naming the offending span, unless: every span (finding, cue,
/// source, content, signals) lies in bounds with `start <= end`, starts and
/// ends on a UTF-16 code point boundary, carries exactly the text it names,
/// and sits inside its finding; findings come ordered by `(start, end)`.
pub fn check(text: &str, findings: &[Finding]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    for (n, f) in findings.iter().enumerate() {
        let whole = (f.start, f.end);
        span(&units, "finding", n, whole, &f.text, whole);
        if let Some(c) = &f.cue {
            span(&units, "cue", n, (c.start, c.end), &c.text, whole);
        }
        if let Some(s) = &f.source {
            span(&units, "source", n, (s.start, s.end), &s.text, whole);
        }
        if let Some(c) = &f.content {
            span(&units, "content", n, (c.start, c.end), &c.text, whole);
        }
        for s in &f.signals {
            span(&units, "signal", n, (s.start, s.end), &s.text, whole);
        }
    }
    for (n, pair) in findings.windows(2).enumerate() {
        assert!(
            (pair[0].start, pair[0].end) <= (pair[1].start, pair[1].end),
            "findings {n} and {} out of order: {}..{} then {}..{}",
            n + 1,
            pair[0].start,
            pair[0].end,
            pair[1].start,
            pair[1].end
        );
    }
}

fn span(
    units: &[u16],
    what: &str,
    n: usize,
    (start, end): (usize, usize),
    text: &str,
    (outer_start, outer_end): (usize, usize),
) {
    assert!(
        start <= end && end <= units.len(),
        "{what} of finding {n}: {start}..{end} out of bounds (text has {} UTF-16 units)",
        units.len()
    );
    assert!(
        on_boundary(units, start) && on_boundary(units, end),
        "{what} of finding {n}: {start}..{end} splits a surrogate pair"
    );
    assert_eq!(
        String::from_utf16(&units[start..end]).ok().as_deref(),
        Some(text),
        "{what} of finding {n}: text differs from the slice {start}..{end}"
    );
    assert!(
        outer_start <= start && end <= outer_end,
        "{what} of finding {n}: {start}..{end} outside the finding {outer_start}..{outer_end}"
    );
}

/// Offset `i` does not fall between the two halves of a surrogate pair. The
/// text came from valid UTF-8, so a low surrogate always follows a high one.
fn on_boundary(units: &[u16], i: usize) -> bool {
    !matches!(units.get(i), Some(0xDC00..=0xDFFF))
}

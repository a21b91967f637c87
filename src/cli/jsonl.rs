//! `--format jsonl`: the machine contract (the README's "Machine output"),
//! one JSON object per scanned file and line: `{"path": …, "language": …,
//! "findings": […]}`. Evaluation scripts and the extension's tests read it,
//! so fields may be added (as `--with-text` does), never renamed.

use std::io::{self, Write};

use serde::Serialize;

use crate::Finding;

use super::input::Scan;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    /// The text's language (ISO 639-1); `null` when it could not be told.
    language: Option<&'static str>,
    /// Why a text not in English has no findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    findings: &'a [Finding],
    /// The analysed text the offsets count into (`--with-text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    /// Its blocks, in UTF-16 code units like every offset (`--with-text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<Vec<BlockOut>>,
}

#[derive(Serialize)]
struct BlockOut {
    start: usize,
    end: usize,
    role: &'static str,
    /// The block's own language, when it could be told.
    language: Option<&'static str>,
}

pub fn write(out: &mut impl Write, scan: &Scan, with_text: bool) -> io::Result<()> {
    let line = Line {
        path: &scan.path,
        language: scan.languages.main.map(|l| l.code),
        note: scan.languages.note(),
        findings: &scan.findings,
        text: with_text.then_some(scan.text.as_str()),
        blocks: with_text.then(|| blocks(scan)),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}

fn blocks(scan: &Scan) -> Vec<BlockOut> {
    // Block ranges are in order, so one running count converts them all.
    let mut out = Vec::with_capacity(scan.blocks.len());
    let (mut byte, mut unit) = (0, 0);
    let mut to_units = |b: usize| {
        unit += scan.text[byte..b].encode_utf16().count();
        byte = b;
        unit
    };
    for (i, &(start, end, role)) in scan.blocks.iter().enumerate() {
        let start = to_units(start);
        let end = to_units(end);
        out.push(BlockOut {
            start,
            end,
            role: role.name(),
            language: scan
                .languages
                .blocks
                .get(i)
                .copied()
                .flatten()
                .map(|l| l.code),
        });
    }
    out
}

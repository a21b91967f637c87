//! `whosays profile [--format csv|jsonl] PATH...`: the sourcing profile
//! ([`crate::profile`]) of every file, one row each, then a total row.
//!
//! Directories are walked for `.txt` and `.html`/`.htm` files, in path
//! order, so the same corpus always gives the same rows in the same order.
//! Files are profiled in parallel on all cores (rayon), a chunk at a time so
//! rows come out in order without holding a whole corpus in memory. A file
//! that cannot be read is a row with its error; the others still complete.

use std::ffi::{OsStr, OsString};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use crate::profile::{Profile, Sum, Value};
use crate::reader::html;
use crate::Block;

use super::input::{self, Error, Input};
use super::InputKind;

#[derive(clap::Args)]
pub struct ProfileArgs {
    /// Files or directories (walked for .txt, .html and .htm); `-` reads standard input.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<OsString>,

    /// How to print the rows.
    #[arg(short, long, value_enum, default_value_t = ProfileFormat::Csv)]
    format: ProfileFormat,

    /// How to read each file: by file extension and content, or as given.
    #[arg(long, value_enum, default_value_t = InputKind::Auto, value_name = "KIND")]
    input: InputKind,

    /// Files profiled at once; default: one per core.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ProfileFormat {
    /// Comma-separated values with a header line (RFC 4180).
    Csv,
    /// One JSON object per row and line.
    Jsonl,
}

pub const AFTER_HELP: &str = "\
One row per file, in path order (directories are walked), then one row
'total' with the sums over every file profiled. The columns, in order:

  row, path, error, files, words, sentences, claim_sentences,
  attributed_sentences, attributed_share, attributions,
  attributions_named, attributions_anonymous, attributions_vague,
  attributions_pronoun, loaded_cues, unsourced, unsourced_per_1000_words,
  unsourced_<signal> and unsourced_<signal>_per_1000_words for each signal
  (statistic, superlative, certainty, common_knowledge, hedge, weasel,
  generalization, motive), hedged, sources, attributions_speech,
  attributions_thought

A claim-bearing sentence holds an attribution or an unsourced claim;
attributed_share is the attributed ones' share of them. The README defines
every column.

Exit status:
  0  every file was profiled
  1  a file could not be read (its row has the error; the rest completed)
  2  the command line was wrong

Examples:
  whosays profile corpus/ > profile.csv
  whosays profile --format jsonl a.html b.txt";

/// How many files are profiled between two writes of their rows.
const CHUNK: usize = 512;

/// The CSV form lists this many of the most cited sources.
const CSV_SOURCES: usize = 10;

struct Row {
    path: String,
    result: Result<Profile, String>,
}

pub fn run(args: &ProfileArgs) -> ExitCode {
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("whosays: cannot start worker threads: {e}");
            return ExitCode::FAILURE;
        }
    };
    let items = collect(&args.paths);
    // A bar only for people watching a terminal; never in a pipe or a log.
    let bar = if io::stderr().is_terminal() && items.len() > 1 {
        let bar = ProgressBar::new(items.len() as u64);
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} (eta {eta})")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut total = Sum::default();
    let (mut files, mut failed) = (0u64, false);
    let written = (|| -> io::Result<()> {
        if args.format == ProfileFormat::Csv {
            write_csv_header(&mut out)?;
        }
        for chunk in items.chunks(CHUNK) {
            let rows: Vec<Row> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|item| {
                        let row = profile_item(item, args.input);
                        bar.inc(1);
                        row
                    })
                    .collect()
            });
            for row in &rows {
                match &row.result {
                    Ok(p) => {
                        total.add(p);
                        files += 1;
                    }
                    Err(_) => failed = true,
                }
                let profiled = u64::from(row.result.is_ok());
                write_line(
                    &mut out,
                    args.format,
                    "file",
                    Some(&row.path),
                    profiled,
                    &row.result,
                )?;
            }
            out.flush()?;
        }
        let total = std::mem::take(&mut total).total();
        write_line(&mut out, args.format, "total", None, files, &Ok(total))?;
        out.flush()
    })();
    bar.finish_and_clear();
    if let Err(e) = written {
        return super::output_error(&e);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// An input to profile: a file, or a path that could not be walked.
enum Item {
    File(OsString),
    /// A directory that could not be listed, with the error as shown.
    Unreadable(OsString, String),
}

/// The files to profile, in a stable order: each argument in turn; a
/// directory's `.txt` and `.html` files sorted by path.
fn collect(paths: &[OsString]) -> Vec<Item> {
    let mut out = Vec::new();
    for path in paths {
        if path != "-" && Path::new(path).is_dir() {
            let mut found = Vec::new();
            walk(Path::new(path), &mut found, &mut out);
            found.sort();
            out.extend(found.into_iter().map(|p| Item::File(p.into_os_string())));
        } else {
            out.push(Item::File(path.clone()));
        }
    }
    out
}

/// Every text or HTML file under `dir`. Symbolic links to directories are
/// not followed, so a link cycle cannot loop.
fn walk(dir: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<Item>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                let error = Error::unreadable(dir.as_os_str(), e).to_string();
                errors.push(Item::Unreadable(dir.into_os_string(), error));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let error = Error::unreadable(dir.as_os_str(), e).to_string();
                    errors.push(Item::Unreadable(dir.clone().into_os_string(), error));
                    continue;
                }
            };
            let path = entry.path();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                stack.push(path);
            } else if input::by_extension(&path).is_some() {
                found.push(path);
            }
        }
    }
}

fn profile_item(item: &Item, kind: InputKind) -> Row {
    match item {
        Item::File(path) => Row {
            path: path.to_string_lossy().into_owned(),
            result: profile_file(path, kind).map_err(|e| e.to_string()),
        },
        Item::Unreadable(path, error) => Row {
            path: path.to_string_lossy().into_owned(),
            result: Err(error.clone()),
        },
    }
}

fn profile_file(path: &OsStr, kind: InputKind) -> Result<Profile, Error> {
    let Input { html, source, .. } = input::read(path, kind)?;
    Ok(if html {
        let page = html::read(&source);
        let blocks: Vec<Block> = page.iter().map(html::PageBlock::as_block).collect();
        crate::profile_blocks(&blocks)
    } else {
        crate::profile_text(&source)
    })
}

// --- output ----------------------------------------------------------------

/// The columns before the profile's own.
const LEAD: [&str; 4] = ["row", "path", "error", "files"];

fn write_csv_header(out: &mut impl Write) -> io::Result<()> {
    let names: Vec<&str> = LEAD
        .into_iter()
        .chain(Profile::default().columns().into_iter().map(|(n, _)| n))
        .collect();
    writeln!(out, "{}", names.join(","))
}

fn write_line(
    out: &mut impl Write,
    format: ProfileFormat,
    kind: &str,
    path: Option<&str>,
    files: u64,
    result: &Result<Profile, String>,
) -> io::Result<()> {
    match format {
        ProfileFormat::Jsonl => {
            #[derive(Serialize)]
            struct Line<'a> {
                row: &'a str,
                path: Option<&'a str>,
                error: Option<&'a str>,
                files: u64,
                #[serde(flatten)]
                profile: Option<&'a Profile>,
            }
            let line = Line {
                row: kind,
                path,
                error: result.as_ref().err().map(String::as_str),
                files,
                profile: result.as_ref().ok(),
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")
        }
        ProfileFormat::Csv => {
            let mut cells = vec![
                kind.to_string(),
                path.unwrap_or("").to_string(),
                result.as_ref().err().cloned().unwrap_or_default(),
                files.to_string(),
            ];
            match result {
                Ok(p) => cells.extend(p.columns().into_iter().map(|(_, v)| cell(v))),
                Err(_) => {
                    let n = Profile::default().columns().len();
                    cells.extend(std::iter::repeat_n(String::new(), n));
                }
            }
            let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            writeln!(out, "{}", line.join(","))
        }
    }
}

fn cell(v: Value) -> String {
    match v {
        Value::Count(n) => n.to_string(),
        Value::Rate(r) => r.map(|r| r.to_string()).unwrap_or_default(),
        Value::Sources(s) => s
            .iter()
            .take(CSV_SOURCES)
            .map(|c| format!("{} ({})", c.name, c.count))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, its
/// quotes doubled.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

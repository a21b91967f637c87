//! The `whosays` command-line tool: `whosays scan [--format text|jsonl|html] FILE...`
//! and `whosays profile [--format csv|jsonl] PATH...` ([`profile`]).
//!
//! Each input is read ([`input`]), scanned by the core, and written in one of
//! three views: the JSON Lines contract ([`jsonl`], described in the README's
//! "Machine output"), a terminal
//! view ([`term`]) or a self-contained HTML report ([`report`]). A file that
//! cannot be read gets one line on standard error; the others are still
//! scanned, and the exit status says that something failed.

mod input;
mod jsonl;
mod layout;
mod profile;
mod report;
mod term;

use std::ffi::OsString;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::{Choice, Language};
use input::Scan;

#[derive(Parser)]
#[command(
    name = "whosays",
    version,
    about = "Find who is cited for each claim in a news text, and which claims nobody is cited for.",
    long_about = "Find who is cited for each claim in a news text, and which claims nobody is \
                  cited for.\n\nAttributions are sorted by source: named, anonymous, vague or a \
                  pronoun. Unsourced assertions are sentences that state a figure, a superlative, \
                  a certainty, a guess or a motive as fact with nobody cited for it. Everything \
                  runs locally; nothing leaves the machine.",
    after_help = "Examples: whosays scan article.html\n          whosays profile corpus/ > profile.csv\nRun 'whosays scan --help' or 'whosays profile --help' for the formats and exit codes."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan text or HTML files and print their findings.
    #[command(after_long_help = SCAN_AFTER_HELP)]
    Scan(ScanArgs),
    /// Profile how files are sourced: one row of counts and rates per file, then a total.
    #[command(after_long_help = profile::AFTER_HELP)]
    Profile(profile::ProfileArgs),
}

const SCAN_AFTER_HELP: &str = "\
Input:
  .txt files are scanned as they are: blocks are separated by blank lines and
  offsets count into the file's text exactly. .html/.htm files are read like
  the browser extension reads a page: the visible article text only, one block
  per paragraph, heading, caption or byline. Other files are sniffed.

Output offsets (jsonl) are UTF-16 code units into the analysed text, as in
JavaScript and the DOM; --with-text adds that text to each line. The README's
\"Machine output\" section describes every field.

Language:
  Each block's language is identified; Who Says? reads English only. Text not
  in English gets no findings and a note naming its language (in jsonl,
  \"language\" and \"note\"); in an English text, a block in another language
  (a quoted passage) gets none. --lang en reads everything as English.

Exit status:
  0  every file was scanned
  1  a file could not be read (missing, binary, not UTF-8); the others were
     still scanned and printed
  2  the command line was wrong

Examples:
  whosays scan article.html
  whosays scan --format jsonl notes.txt page.html > findings.jsonl
  whosays scan --format html page.html > report.html
  curl -s https://example.org/story | whosays scan -";

#[derive(clap::Args)]
struct ScanArgs {
    /// Files to scan; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<OsString>,

    /// How to print the findings.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// How to read the input: by file extension and content, or as given.
    #[arg(long, value_enum, default_value_t = InputKind::Auto, value_name = "KIND")]
    input: InputKind,

    /// Colours in the text view; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// jsonl: add the analysed text ("text") and its blocks ("blocks": start, end, role, language) to each line.
    #[arg(long)]
    with_text: bool,

    /// The text's language (ISO 639-1, e.g. `en`, `de`), instead of identifying it; `auto` identifies each block's.
    #[arg(long, value_name = "CODE", default_value = "auto", value_parser = parse_lang)]
    lang: Choice,
}

fn parse_lang(code: &str) -> Result<Choice, String> {
    if code.eq_ignore_ascii_case("auto") {
        return Ok(Choice::Auto);
    }
    Language::from_code(code).map(Choice::Given).ok_or_else(|| {
        let known: Vec<&str> = Language::all().map(|l| l.code).collect();
        format!(
            "not a language Who Says? can name; use auto or one of: {}",
            known.join(", ")
        )
    })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The text with coloured findings, a numbered list and a summary.
    Text,
    /// One JSON object per file and line: {"path", "language", "findings"} (see the README's "Machine output").
    Jsonl,
    /// One self-contained HTML page with highlights and explanations.
    Html,
}

/// How an input file is read.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// .html/.htm as HTML, .txt as text, anything else by its content.
    Auto,
    /// Plain text, exactly as it is.
    Text,
    /// An HTML page: its visible article text.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let command = Cli::parse().command;
    // The model is compiled in and checked by the tests, so this fails only
    // in a broken build; say so rather than scan or profile with the rules
    // alone.
    if let Err(e) = crate::model_check() {
        eprintln!("whosays: {e}");
        return ExitCode::FAILURE;
    }
    match command {
        Command::Scan(args) => scan(&args),
        Command::Profile(args) => profile::run(&args),
    }
}

fn scan(args: &ScanArgs) -> ExitCode {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // https://no-color.org: set and not empty.
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && !matches!(std::env::var_os("NO_COLOR"), Some(v) if !v.is_empty())
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    let mut scans: Vec<Scan> = Vec::new();
    for path in &args.files {
        let scan = match input::load(path, args.input, args.lang) {
            Ok(scan) => scan,
            Err(e) => {
                // The path is the user's, but a file name may hold anything.
                eprintln!("whosays: {}", term::printable(&e.to_string()));
                failed = true;
                continue;
            }
        };
        let written = match args.format {
            Format::Jsonl => jsonl::write(&mut out, &scan, args.with_text),
            Format::Text => term::write(&mut out, &scan, color),
            Format::Html => {
                scans.push(scan);
                Ok(())
            }
        };
        if let Err(e) = written.and_then(|()| out.flush()) {
            return output_error(&e);
        }
    }
    if args.format == Format::Html && !scans.is_empty() {
        if let Err(e) = report::write(&mut out, &scans).and_then(|()| out.flush()) {
            return output_error(&e);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A closed pipe (`whosays scan … | head`) is the reader saying it has seen
/// enough; anything else is reported.
pub(crate) fn output_error(e: &io::Error) -> ExitCode {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("whosays: cannot write output: {e}");
    ExitCode::FAILURE
}

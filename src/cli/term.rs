//! `--format text`: the analysed text with each finding marked, then the
//! numbered findings with their explanations and a count per category.
//!
//! In colour, a finding's text takes its category's colour, sources are bold
//! and cues and signals underlined, and `[n]` follows each finding. Without
//! colour (not a terminal, `NO_COLOR`), findings are bracketed as
//! `[text](n)` so the view still shows where each one starts and ends.
//!
//! Page text never reaches the terminal raw: control characters other than
//! newline and tab (ESC, BEL, C1 controls, whether typed in a text file or
//! written `&#x1b;` in a page) are dropped, so a page cannot retitle the
//! window, move the cursor or recolour the screen.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::{Category, CueClass, Finding};

use super::input::Scan;
use super::layout::{self, Event, Item, Part};

const RESET: &str = "\x1b[0m";

/// SGR foreground colours close to the extension's palette, readable on
/// dark and light terminals. Matched by name so that a category the core
/// adds later is drawn (in cyan) until it gets a colour of its own.
fn colour(c: Category) -> &'static str {
    match c.name() {
        "named" => "32",
        "anonymous" => "35",
        "vague" => "33",
        "pronoun" => "34",
        "unsourced" => "31",
        "hedge" => "90",
        _ => "36",
    }
}

/// How a stretch of text is drawn: its finding's colour, bold for a source,
/// underlined for a cue or signal.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Style {
    colour: Option<&'static str>,
    bold: bool,
    underline: bool,
}

impl Style {
    fn of(open: &[usize], items: &[Item], findings: &[Finding]) -> Style {
        let mut style = Style::default();
        for &i in open {
            let item = items[i];
            match item.part {
                Part::Finding => style.colour = Some(colour(findings[item.finding].category)),
                Part::Source => style.bold = true,
                Part::Cue { .. } | Part::Signal => style.underline = true,
            }
        }
        style
    }

    fn sgr(self) -> String {
        let mut codes = vec!["0"];
        if self.bold {
            codes.push("1");
        }
        if self.underline {
            codes.push("4");
        }
        codes.extend(self.colour);
        format!("\x1b[{}m", codes.join(";"))
    }
}

/// `s` without control characters other than newline and tab.
pub fn printable(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if s.contains(unsafe_char) {
        Cow::Owned(s.chars().filter(|&c| !unsafe_char(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

pub fn write(out: &mut impl Write, scan: &Scan, color: bool) -> io::Result<()> {
    let findings = &scan.findings;
    let name = printable(scan.name());
    let title = if scan.html {
        format!("{name} (article text read from the page)")
    } else {
        name.into_owned()
    };
    if color {
        writeln!(out, "\x1b[1m== {title} =={RESET}\n")?;
    } else {
        writeln!(out, "== {title} ==\n")?;
    }
    if let Some(note) = scan.languages.note() {
        writeln!(out, "Note: {note} (--lang en reads it as English.)\n")?;
    }
    let items = layout::items(&scan.text, findings);
    if scan.text.trim().is_empty() {
        let what = if scan.html {
            "no visible text on the page"
        } else {
            "no text"
        };
        writeln!(out, "({what})")?;
    } else {
        write_text(out, scan, &items, color)?;
        if !scan.text.ends_with('\n') {
            writeln!(out)?;
        }
    }

    if !findings.is_empty() {
        writeln!(out, "\nFindings")?;
    }
    let lines = layout::Lines::new(&scan.text);
    // Items list each finding's whole span first, in finding order.
    let starts = items
        .iter()
        .filter(|i| i.part == Part::Finding)
        .map(|i| i.start);
    for ((n, f), start) in findings.iter().enumerate().zip(starts) {
        let line = lines.line(start);
        let tag = format!("[{}] {}", n + 1, f.category.name());
        if color {
            let c = colour(f.category);
            writeln!(
                out,
                "  \x1b[{c}m{tag}{RESET}  line {line}  \x1b[1m{}{RESET}",
                printable(&f.headline)
            )?;
        } else {
            writeln!(out, "  {tag}  line {line}  {}", printable(&f.headline))?;
        }
        writeln!(out, "      {}", printable(&f.explanation))?;
    }
    match scan.languages.main.filter(|l| !l.is_english()) {
        Some(l) => writeln!(out, "\nSummary: not read ({}).", l.name)?,
        None => write_summary(out, findings, color)?,
    }
    writeln!(out)
}

fn write_text(out: &mut impl Write, scan: &Scan, items: &[Item], color: bool) -> io::Result<()> {
    let findings = &scan.findings;
    let mut open: Vec<usize> = Vec::new();
    // What the terminal currently draws with.
    let mut drawn = Style::default();
    let all: Vec<usize> = (0..items.len()).collect();
    for event in layout::events(items, &all, 0..scan.text.len()) {
        match event {
            Event::Text(r) => {
                if color {
                    let style = Style::of(&open, items, findings);
                    if drawn != style {
                        out.write_all(style.sgr().as_bytes())?;
                        drawn = style;
                    }
                }
                out.write_all(printable(&scan.text[r]).as_bytes())?;
            }
            Event::Open { item, first } => {
                open.push(item);
                if !color && first && items[item].part == Part::Finding {
                    out.write_all(b"[")?;
                }
            }
            Event::Close { item, last } => {
                open.retain(|&i| i != item);
                let it = items[item];
                if last && it.part == Part::Finding {
                    let n = it.finding + 1;
                    if color {
                        let c = colour(findings[it.finding].category);
                        write!(out, "{RESET}\x1b[2;{c}m[{n}]{RESET}")?;
                        drawn = Style::default();
                    } else {
                        write!(out, "]({n})")?;
                    }
                }
            }
        }
    }
    if color && drawn != Style::default() {
        out.write_all(RESET.as_bytes())?;
    }
    Ok(())
}

fn write_summary(out: &mut impl Write, findings: &[Finding], color: bool) -> io::Result<()> {
    if findings.is_empty() {
        return writeln!(out, "\nNo attributions or unsourced claims found.");
    }
    let counts: Vec<String> = Category::ALL
        .iter()
        .map(|&c| {
            let n = findings.iter().filter(|f| f.category == c).count();
            if color && n > 0 {
                format!("\x1b[{}m{n} {}{RESET}", colour(c), c.name())
            } else {
                format!("{n} {}", c.name())
            }
        })
        .collect();
    let total = findings.len();
    let plural = if total == 1 { "" } else { "s" };
    // What the attributions' cues report: speech, or a state of mind.
    let classes: Vec<String> = [CueClass::Speech, CueClass::Thought]
        .iter()
        .map(|&class| {
            let n = findings
                .iter()
                .filter(|f| f.cue.as_ref().is_some_and(|c| c.class == class))
                .count();
            format!("{n} {}", class.name())
        })
        .collect();
    writeln!(
        out,
        "\nSummary: {} ({total} finding{plural}); cues: {}",
        counts.join(", "),
        classes.join(", ")
    )
}

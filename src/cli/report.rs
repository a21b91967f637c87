//! `--format html`: one self-contained page for all scanned files, painted
//! like the extension paints a page: `extension/palette.css` is embedded as
//! is, so the two never drift apart, and sources, cues, signals and unsourced
//! sentences are styled as in `extension/highlights.css`.
//!
//! Every finding is a focusable `<mark>`; hovering or focusing it shows the
//! core's headline and explanation. That works with CSS alone; a few lines
//! of script only let Escape dismiss a tooltip. Nothing is loaded from
//! anywhere, and all page text is escaped.

use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

use crate::{Category, Finding, FindingKind};

use super::input::Scan;
use super::layout::{self, Event, Item, Part};

const PALETTE: &str = include_str!("../../extension/palette.css");

/// Page layout and the paint that does not depend on a category; the
/// per-category rules come from [`category_rules`].
const STYLE: &str = r#"
body { margin: 0; font: 17px/1.6 Georgia, "Times New Roman", serif; color: #1f2328; background: #fff; }
header, main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header { border-bottom: 1px solid #d0d7de; padding-bottom: 0.5rem; }
h1, h2, .legend, .summary, .tip, details, .meta { font-family: system-ui, sans-serif; }
h1 { font-size: 1.4rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 0.25rem; overflow-wrap: anywhere; }
.meta, .summary { font-size: 0.85rem; color: #57606a; margin: 0.25rem 0; }
.legend { list-style: none; padding: 0; margin: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.85rem; }
.legend span { padding: 0 0.2em; }
.doc { border-left: 3px solid #d0d7de; padding-left: 1rem; }
.block { white-space: pre-wrap; overflow-wrap: break-word; margin: 0 0 0.9rem; }
.role-heading { font-weight: bold; font-size: 1.1em; }
.role-caption, .role-byline { font-size: 0.9em; color: #57606a; font-style: italic; }
.role-quote { margin-left: 1.5rem; }
.role-list::before { content: "\2022  "; }
mark.ws { background: none; color: inherit; position: relative; }
mark.ws:focus { outline: 2px solid #0969da; outline-offset: 1px; border-radius: 2px; }
.ws-paint { border-radius: 2px; }
.ws-cue { text-decoration: underline dashed 2px var(--whosays-cue-line); text-underline-offset: 3px; }
.ws-cue.ws-thought { text-decoration-style: dotted; }
.ws-cue.ws-loaded { text-decoration: underline wavy 2px var(--whosays-loaded-line); }
.tip { display: none; position: absolute; left: 0; top: 100%; z-index: 10; width: max-content; max-width: min(26rem, 80vw);
  padding: 0.5rem 0.7rem; background: #fff; color: #1f2328; border: 1px solid #d0d7de; border-radius: 6px;
  box-shadow: 0 4px 12px rgba(0,0,0,0.15); font-size: 0.85rem; line-height: 1.4; font-weight: normal; font-style: normal;
  white-space: normal; text-decoration: none; }
.tip strong { display: block; }
/* Only the innermost hovered finding explains itself. */
mark.ws:hover:not(:has(mark.ws:hover)) > .tip, mark.ws:focus > .tip { display: block; }
body.tips-off .tip { display: none !important; }
details { margin: 1rem 0 2rem; font-size: 0.9rem; }
details li { margin: 0.3rem 0; }
@media (prefers-color-scheme: dark) {
  body, .tip { background: #0d1117; color: #e6edf3; }
  .meta, .summary, .role-caption, .role-byline { color: #9198a1; }
  header, .doc, .tip { border-color: #3d444d; }
}
"#;

/// Escape dismisses the tooltip being shown (WCAG 1.4.13) until the pointer
/// moves or focus changes. The report reads fine without it.
const SCRIPT: &str = r#"
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape") document.body.classList.add("tips-off");
});
["pointermove", "focusin"].forEach(function (t) {
  document.addEventListener(t, function () { document.body.classList.remove("tips-off"); });
});
"#;

/// For each category `X`, the palette has `--whosays-X` (a translucent
/// background) and `--whosays-X-line`. A source or signal is painted with
/// both; a claim's whole sentence gets a faint dotted line.
fn category_rules(out: &mut impl Write) -> io::Result<()> {
    for c in Category::ALL {
        let x = c.name();
        writeln!(
            out,
            ".ws-{x}.ws-paint {{ background-color: var(--whosays-{x}); text-decoration: underline solid 2px var(--whosays-{x}-line); text-underline-offset: 3px; }}\n\
             .ws-{x}.ws-sentence {{ text-decoration: underline dotted 1px var(--whosays-{x}-line); text-underline-offset: 3px; }}"
        )?;
    }
    Ok(())
}

pub fn write(out: &mut impl Write, scans: &[Scan]) -> io::Result<()> {
    let title = match scans {
        [one] => format!("Who Says? \u{2014} {}", one.name()),
        _ => format!("Who Says? \u{2014} {} files", scans.len()),
    };
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"whosays {}\">\n<title>{}</title>\n<style>\n{PALETTE}{STYLE}",
        env!("CARGO_PKG_VERSION"),
        Esc(&title)
    )?;
    category_rules(out)?;
    writeln!(
        out,
        "</style>\n</head>\n<body>\n<header>\n<h1>Who Says?</h1>"
    )?;
    writeln!(
        out,
        "<p class=\"meta\">Hover over a highlight, or focus it with Tab, to see why it was marked.</p>\n<ul class=\"legend\">"
    )?;
    for c in Category::ALL {
        writeln!(
            out,
            "<li><span class=\"ws-paint ws-{}\">{}</span></li>",
            c.name(),
            Esc(c.label())
        )?;
    }
    writeln!(
        out,
        "<li><span class=\"ws-cue ws-speech\">said</span> speech cue</li>\n\
         <li><span class=\"ws-cue ws-thought\">believes</span> thought cue</li>\n\
         <li><span class=\"ws-cue ws-speech ws-loaded\">claimed</span> loaded cue</li>\n\
         <li><span class=\"ws-sentence ws-unsourced\">a sentence with a claim</span></li>\n\
         </ul>\n</header>\n<main>"
    )?;
    for (n, scan) in scans.iter().enumerate() {
        write_scan(out, scan, n + 1)?;
    }
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn write_scan(out: &mut impl Write, scan: &Scan, file: usize) -> io::Result<()> {
    let findings = &scan.findings;
    writeln!(
        out,
        "<section id=\"file-{file}\" aria-labelledby=\"file-{file}-title\">\n<h2 id=\"file-{file}-title\">{}</h2>",
        Esc(scan.name())
    )?;
    if scan.html {
        writeln!(
            out,
            "<p class=\"meta\">Article text read from the page.</p>"
        )?;
    }
    if let Some(note) = scan.languages.note() {
        writeln!(out, "<p class=\"meta\">{}</p>", Esc(&note))?;
    }
    let total = findings.len();
    write!(
        out,
        "<p class=\"summary\">{total} finding{}:",
        if total == 1 { "" } else { "s" }
    )?;
    for (i, c) in Category::ALL.into_iter().enumerate() {
        let k = findings.iter().filter(|f| f.category == c).count();
        let sep = if i == 0 { " " } else { ", " };
        write!(
            out,
            "{sep}<span class=\"ws-paint ws-{}\">{k} {}</span>",
            c.name(),
            c.name()
        )?;
    }
    writeln!(out, "</p>")?;

    let items = layout::items(&scan.text, findings);
    let ranges: Vec<Range<usize>> = scan.blocks.iter().map(|&(s, e, _)| s..e).collect();
    let subsets = layout::per_range(&items, &ranges);
    writeln!(out, "<div class=\"doc\">")?;
    for ((&(_, _, role), range), subset) in scan.blocks.iter().zip(ranges).zip(subsets) {
        write!(out, "<p class=\"block role-{}\">", role.name())?;
        write_block(out, scan, &items, &subset, range, file)?;
        writeln!(out, "</p>")?;
    }
    writeln!(out, "</div>")?;

    if total > 0 {
        writeln!(
            out,
            "<details>\n<summary>All findings ({total})</summary>\n<ol>"
        )?;
        for (n, f) in findings.iter().enumerate() {
            writeln!(
                out,
                "<li><a href=\"#f{file}-{}\">{}</a> \u{2014} {}</li>",
                n + 1,
                Esc(&f.headline),
                Esc(&f.explanation)
            )?;
        }
        writeln!(out, "</ol>\n</details>")?;
    }
    writeln!(out, "</section>")
}

/// One block's text with its findings as nested marks. A finding split by
/// another (or by a block boundary) is marked in every piece; the first piece
/// carries the id that the findings list links to.
fn write_block(
    out: &mut impl Write,
    scan: &Scan,
    items: &[Item],
    subset: &[usize],
    range: Range<usize>,
    file: usize,
) -> io::Result<()> {
    let findings = &scan.findings;
    for event in layout::events(items, subset, range) {
        match event {
            Event::Text(r) => write!(out, "{}", Esc(&scan.text[r]))?,
            Event::Open { item, first } => {
                let it = items[item];
                let f = &findings[it.finding];
                let cat = f.category.name();
                match it.part {
                    Part::Finding => open_finding(out, f, it.finding + 1, first, file)?,
                    Part::Source => write!(out, "<span class=\"ws-paint ws-{cat}\">")?,
                    // A hedge inside an attribution is named in the tooltip;
                    // painting it would read as a second source.
                    Part::Signal if f.kind == FindingKind::Attribution => {
                        write!(out, "<span class=\"ws-signal\">")?
                    }
                    Part::Signal => write!(out, "<span class=\"ws-paint ws-{cat}\">")?,
                    // A loaded thought (knew) is drawn as loaded, like
                    // the extension draws it; its tooltip says thought.
                    Part::Cue { loaded, class } => write!(
                        out,
                        "<span class=\"ws-cue ws-{}{}\">",
                        class.name(),
                        if loaded { " ws-loaded" } else { "" }
                    )?,
                }
            }
            Event::Close { item, .. } => match items[item].part {
                Part::Finding => write!(out, "</mark>")?,
                _ => write!(out, "</span>")?,
            },
        }
    }
    Ok(())
}

fn open_finding(
    out: &mut impl Write,
    f: &Finding,
    n: usize,
    first: bool,
    file: usize,
) -> io::Result<()> {
    // An attribution is painted through its source and cue (or as a whole
    // when it has neither); a claim's sentence gets the dotted line and its
    // signals the colour.
    let paint = match f.kind {
        FindingKind::Attribution if f.source.is_none() && f.cue.is_none() => " ws-paint",
        FindingKind::Attribution => "",
        _ => " ws-sentence",
    };
    let cat = f.category.name();
    let tip = format!(
        "<strong>{}</strong>{}",
        Esc(&f.headline),
        Esc(&f.explanation)
    );
    // The tooltip sits inside the mark so CSS can show it on hover; it is
    // hidden until then, and screen readers get it as the description.
    if first {
        write!(
            out,
            "<mark class=\"ws ws-{cat}{paint}\" id=\"f{file}-{n}\" tabindex=\"0\" aria-describedby=\"f{file}-{n}-tip\"><span class=\"tip\" role=\"tooltip\" id=\"f{file}-{n}-tip\">{tip}</span>"
        )
    } else {
        write!(
            out,
            "<mark class=\"ws ws-{cat}{paint}\"><span class=\"tip\" aria-hidden=\"true\">{tip}</span>"
        )
    }
}

/// Text escaped for HTML element content and attribute values.
struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            Esc(r#"<script>"a" & 'b'</script>"#).to_string(),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(Esc("plain é").to_string(), "plain é");
    }

    #[test]
    fn every_category_is_painted_from_the_palette() {
        let mut css = Vec::new();
        category_rules(&mut css).unwrap();
        let css = String::from_utf8(css).unwrap();
        for c in Category::ALL {
            let var = format!("--whosays-{}", c.name());
            assert!(css.contains(&format!("var({var})")), "{var}");
            assert!(
                PALETTE.contains(&format!("{var}:")),
                "palette.css lacks {var}"
            );
            assert!(
                PALETTE.contains(&format!("{var}-line:")),
                "palette.css lacks {var}-line"
            );
        }
    }
}

//! Data-driven cases: every `tests/cases/*.toml` file, each case with a
//! comment saying why it exists (see `tests/cases/speech.toml` for the format).

mod invariants;

use serde::Deserialize;
use whosays::{Block, Finding, FindingKind, Role};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: Option<String>,
    blocks: Option<Vec<CaseBlock>>,
    #[serde(default)]
    attribution: Vec<ExpectAttribution>,
    #[serde(default)]
    signal: Vec<ExpectSignal>,
    /// Texts no cue, source or signal may contain.
    #[serde(default)]
    absent: Vec<String>,
    /// No unsourced claim and no hedged-wording finding.
    #[serde(default)]
    no_claim: bool,
    #[serde(default)]
    no_attribution: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseBlock {
    text: String,
    role: String,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectAttribution {
    cue: Option<String>,
    source: Option<String>,
    source_kind: Option<String>,
    content: Option<String>,
    loaded: Option<bool>,
    /// The cue's class: "speech" or "thought".
    class: Option<String>,
    resolved: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExpectSignal {
    kind: String,
    /// Contained in the signal's text ("undeniable" in "is undeniable").
    text: String,
    /// The kind of finding that carries the signal.
    finding: Option<String>,
}

fn kind_name(k: FindingKind) -> &'static str {
    match k {
        FindingKind::Attribution => "attribution",
        FindingKind::Unsourced => "unsourced",
        FindingKind::Hedge => "hedge",
    }
}

fn matches_attribution(f: &Finding, e: &ExpectAttribution) -> bool {
    let cue = f.cue.as_ref();
    let source = f.source.as_ref();
    f.kind == FindingKind::Attribution
        && e.cue
            .as_ref()
            .is_none_or(|c| cue.is_some_and(|x| &x.text == c))
        && e.source
            .as_ref()
            .is_none_or(|s| source.is_some_and(|x| &x.text == s))
        && e.source_kind.as_ref().is_none_or(|k| {
            source.is_some_and(|x| x.kind.name() == k)
                || source.is_none() && k == "vague" && f.category.name() == "vague"
        })
        && e.content
            .as_ref()
            .is_none_or(|c| f.content.as_ref().is_some_and(|x| &x.text == c))
        && e.loaded.is_none_or(|l| cue.is_some_and(|x| x.loaded == l))
        && e.class
            .as_ref()
            .is_none_or(|c| cue.is_some_and(|x| x.class.name() == c))
        && e.resolved
            .as_ref()
            .is_none_or(|r| source.is_some_and(|x| x.resolved.as_ref() == Some(r)))
}

fn run(case: &Case) -> Vec<String> {
    let mut problems = Vec::new();
    let findings = match (&case.text, &case.blocks) {
        (Some(text), None) => invariants::scan_text_checked(text),
        (None, Some(blocks)) => {
            let blocks: Vec<Block> = blocks
                .iter()
                .map(|b| Block {
                    text: &b.text,
                    role: Role::parse(&b.role),
                })
                .collect();
            invariants::scan_blocks_checked(&blocks)
        }
        _ => return vec!["give exactly one of `text` and `blocks`".into()],
    };
    for e in &case.attribution {
        if !findings.iter().any(|f| matches_attribution(f, e)) {
            problems.push(format!("no attribution matching {e:?}"));
        }
    }
    for e in &case.signal {
        let found = findings.iter().any(|f| {
            e.finding.as_ref().is_none_or(|k| kind_name(f.kind) == k)
                && f.signals
                    .iter()
                    .any(|s| s.kind.name() == e.kind && s.text.contains(&e.text))
        });
        if !found {
            problems.push(format!("no signal matching {e:?}"));
        }
    }
    for text in &case.absent {
        for f in &findings {
            let spans = f
                .cue
                .iter()
                .map(|c| &c.text)
                .chain(f.source.iter().map(|s| &s.text))
                .chain(f.signals.iter().map(|s| &s.text));
            for s in spans {
                if s.contains(text.as_str()) {
                    problems.push(format!("{text:?} must not be highlighted, but {s:?} is"));
                }
            }
        }
    }
    if case.no_claim {
        for f in findings
            .iter()
            .filter(|f| f.kind != FindingKind::Attribution)
        {
            problems.push(format!(
                "unexpected {} finding {:?}",
                kind_name(f.kind),
                f.text
            ));
        }
    }
    if case.no_attribution {
        for f in findings
            .iter()
            .filter(|f| f.kind == FindingKind::Attribution)
        {
            let cue = f.cue.as_ref().map_or("", |c| c.text.as_str());
            problems.push(format!("unexpected attribution with cue {cue:?}"));
        }
    }
    if !problems.is_empty() {
        let got: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "  {} cue={:?} source={:?} content={:?} signals={:?}",
                    kind_name(f.kind),
                    f.cue.as_ref().map(|c| (&c.text, c.class.name())),
                    f.source.as_ref().map(|s| (&s.text, s.kind.name())),
                    f.content.as_ref().map(|c| &c.text),
                    f.signals
                        .iter()
                        .map(|s| (s.kind.name(), &s.text))
                        .collect::<Vec<_>>()
                )
            })
            .collect();
        problems.push(format!("findings were:\n{}", got.join("\n")));
    }
    problems
}

#[test]
fn every_case_holds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no case files in {dir}");
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable case file");
        let file: File =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            count += 1;
            let problems = run(case);
            if !problems.is_empty() {
                let name = path.file_name().unwrap().to_string_lossy();
                failures.push(format!("{name} / {}:\n{}", case.name, problems.join("\n")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

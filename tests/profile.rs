//! The sourcing profile (`src/profile.rs`): the cases in
//! `tests/profile/cases.toml`, and its counts against the findings they
//! come from.

use serde::Deserialize;
use serde_json::Value;
use whosays::{FindingKind, Profile};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    expect: toml::Table,
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Source {
    name: String,
    count: u64,
}

fn expected(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) if s == "none" => Value::Null,
        other => serde_json::to_value(other).unwrap(),
    }
}

fn same(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => got == want,
    }
}

#[test]
fn profile_cases() {
    let file: File =
        toml::from_str(&std::fs::read_to_string("tests/profile/cases.toml").unwrap()).unwrap();
    let mut failures = Vec::new();
    for case in &file.case {
        let profile = whosays::profile_text(&case.text);
        let json = serde_json::to_value(&profile).unwrap();
        for (key, want) in &case.expect {
            let want = expected(want);
            let got = json
                .get(key)
                .unwrap_or_else(|| panic!("{}: no key {key}", case.name));
            if !same(got, &want) {
                failures.push(format!("{}: {key} is {got}, expected {want}", case.name));
            }
        }
        if let Some(sources) = &case.sources {
            let got: Vec<(&str, u64)> = profile
                .sources
                .iter()
                .map(|c| (c.name.as_str(), c.count))
                .collect();
            let want: Vec<(&str, u64)> =
                sources.iter().map(|c| (c.name.as_str(), c.count)).collect();
            if got != want {
                failures.push(format!("{}: sources {got:?}, expected {want:?}", case.name));
            }
        }
        counts_match_findings(&case.name, &case.text, &profile);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The profile's totals are the findings' counts by kind and category.
fn counts_match_findings(name: &str, text: &str, profile: &Profile) {
    let findings = whosays::scan_text(text);
    let count = |k: FindingKind| findings.iter().filter(|f| f.kind == k).count() as u64;
    assert_eq!(
        profile.attributions,
        count(FindingKind::Attribution),
        "{name}"
    );
    assert_eq!(profile.unsourced, count(FindingKind::Unsourced), "{name}");
    assert_eq!(profile.hedged, count(FindingKind::Hedge), "{name}");
    let by_kind = profile.attributions_named
        + profile.attributions_anonymous
        + profile.attributions_vague
        + profile.attributions_pronoun;
    assert_eq!(by_kind, profile.attributions, "{name}");
    assert_eq!(
        profile.attributions_speech + profile.attributions_thought,
        profile.attributions,
        "{name}"
    );
    assert!(
        profile.attributed_sentences <= profile.claim_sentences,
        "{name}"
    );
    assert!(profile.claim_sentences <= profile.sentences, "{name}");
}

#[test]
fn seed_article_counts_match_its_findings() {
    let text = std::fs::read_to_string("tests/fixtures/seed-article.txt").unwrap();
    let profile = whosays::profile_text(&text);
    counts_match_findings("seed", &text, &profile);
    assert!(profile.claim_sentences > 0 && profile.words > 100);
}

#[test]
fn blocks_and_text_profile_alike() {
    // A page's paragraphs as blocks are the same text as blank-line
    // separated plain text.
    let paragraphs = [
        "Jane Smith said the plan failed.",
        "It is the largest deficit ever.",
    ];
    let blocks: Vec<whosays::Block> = paragraphs
        .iter()
        .map(|t| whosays::Block {
            text: t,
            role: whosays::Role::Paragraph,
        })
        .collect();
    assert_eq!(
        whosays::profile_blocks(&blocks),
        whosays::profile_text(&paragraphs.join("\n\n"))
    );
}

#[test]
fn headings_captions_and_bylines_are_not_prose() {
    // A page's furniture adds no words or sentences, so a page and its
    // article text alone have the same denominators; a finding there still
    // counts, as `whosays scan` reports it.
    let body = "Jane Smith said the plan failed. It is the largest deficit in history.";
    let page = [
        whosays::Block {
            text: "Plan fails, Smith says",
            role: whosays::Role::Heading,
        },
        whosays::Block {
            text: "By Tom Lee",
            role: whosays::Role::Byline,
        },
        whosays::Block {
            text: body,
            role: whosays::Role::Paragraph,
        },
        whosays::Block {
            text: "The bridge in 2019",
            role: whosays::Role::Caption,
        },
    ];
    let with = whosays::profile_blocks(&page);
    let without = whosays::profile_text(body);
    assert_eq!(with.words, without.words);
    assert_eq!(with.sentences, without.sentences);
    assert_eq!(with.claim_sentences, without.claim_sentences);
    let findings = whosays::scan_blocks(&page);
    let attributions = findings
        .iter()
        .filter(|f| f.kind == FindingKind::Attribution)
        .count() as u64;
    assert_eq!(with.attributions, attributions);
}

#[test]
fn merged_profiles_sum_their_counts() {
    let a = whosays::profile_text("Jane Smith said the plan failed.");
    let b = whosays::profile_text("It is the largest deficit in history. Lee said so.");
    let mut sum = a.clone();
    sum.merge(&b);
    assert_eq!(sum.words, a.words + b.words);
    assert_eq!(sum.claim_sentences, a.claim_sentences + b.claim_sentences);
    assert_eq!(sum.unsourced_superlative, b.unsourced_superlative);
    assert_eq!(sum.sources.len(), a.sources.len() + b.sources.len());
    let mut other_way = b.clone();
    other_way.merge(&a);
    assert_eq!(sum, other_way, "merging does not depend on the order");
}

#[test]
fn blocks_not_in_english_are_not_profiled() {
    // The profile counts what the findings are made from: the blocks in
    // English. A French paragraph quoted in an English article adds no words,
    // and its figure (which the English rules would call unsourced) no claim.
    // (The English is the longer, so the text as a whole is English.)
    let english = "Jane Smith said the plan failed. It is the largest deficit in history. \
                   The council met on Monday to discuss the budget for the coming year, and \
                   its members agreed to meet again after the summer to look at the schools.";
    let french = "Le ministre a annoncé hier que le gouvernement dépensera plus de trente mille euros \
                  pour la rénovation des écoles de la région, et que les travaux commenceront au printemps.";
    let block = |text| whosays::Block {
        text,
        role: whosays::Role::Paragraph,
    };
    assert_eq!(
        whosays::profile_blocks(&[block(english), block(french)]),
        whosays::profile_blocks(&[block(english)])
    );
    let only_french = whosays::profile_text(french);
    assert_eq!((only_french.words, only_french.claim_sentences), (0, 0));
}

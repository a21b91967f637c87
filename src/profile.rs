//! Stage 6: the sourcing profile of an article — how much of what it claims
//! is attributed, to what kind of source, and how many claims nobody is
//! cited for — computed from the findings, so the CLI (`whosays profile`),
//! the extension's panel and the Python package report the same numbers.
//!
//! Definitions (the README repeats them for readers):
//!
//! - **words**: word and number tokens of the article's prose (*don't*,
//!   *self-described* and *30,000* are one word each; punctuation, symbols
//!   and emoji are none). Prose is every block but headings, captions and
//!   bylines: page furniture, which pages repeat or drop as they please.
//!   Plain text is all prose.
//! - **sentences**: the core's sentences in the prose.
//! - A **claim-bearing sentence** is a sentence of the prose the core
//!   reports a claim in: an attribution finding (its source, cue or content)
//!   reaches into it, or it is an unsourced finding. Sentences with only
//!   hedged wording (finding kind `hedge`) or with no finding are not
//!   claim-bearing.
//! - An **attributed sentence** is a claim-bearing sentence that is not an
//!   unsourced finding: a sentence holding both an attribution and an
//!   unsourced claim (*it is believed that…* with *clearly*) counts as
//!   unsourced, because the core found a claim in it nobody is cited for.
//! - **attributed share** = attributed sentences / claim-bearing sentences.
//! - **unsourced by signal**: unsourced findings carrying at least one signal
//!   of that kind; a claim with a figure and a superlative counts under both,
//!   and once in `unsourced`.
//! - **attributions by class**: by their cue's class, `speech` (*said*,
//!   *according to*, *found*) or `thought` (*believes*, *fears*, *knew*);
//!   the two add up to the attributions.
//! - **sources**: who is cited, by name: named sources and pronouns resolved
//!   to a name (*he* → the *Smith* named before). Anonymous and vague sources
//!   and unresolved pronouns are counted by kind only. Within one article,
//!   names of one source are counted as one: *Mr. Smith* as *Smith*,
//!   *pollster Jane Smith* as *Jane Smith*, and *Smith* as *Jane Smith* when
//!   she is the only cited name ending in *Smith*. A name ends before an
//!   appositive (*Jane Smith, a pollster*) or a bracket.
//!
//! Findings are counted wherever they are (a headline's attribution too),
//! so the counts of attributions, unsourced claims and hedged wording are
//! those `whosays scan` reports. Every count adds up across articles
//! ([`Profile::merge`]); rates are computed from the sums, so a corpus's
//! share is its sentences' share, not an average of articles' shares.

use std::collections::HashMap;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::finding::{Category, CueClass, Finding, FindingKind, SignalKind, SourceKind};
use crate::text::{Doc, TokKind};

/// The signals in the order of the profile's columns.
pub const SIGNALS: [SignalKind; 8] = [
    SignalKind::Statistic,
    SignalKind::Superlative,
    SignalKind::Certainty,
    SignalKind::CommonKnowledge,
    SignalKind::Hedge,
    SignalKind::Weasel,
    SignalKind::Generalization,
    SignalKind::Motive,
];

/// The source kinds in the order of the profile's columns.
pub const SOURCE_KINDS: [SourceKind; 4] = [
    SourceKind::Named,
    SourceKind::Anonymous,
    SourceKind::Vague,
    SourceKind::Pronoun,
];

/// One article's (or a corpus's) sourcing counts. Serialises flat, counts
/// and rates together (see [`Profile::columns`]); deserialises from the same
/// shape, reading the counts and ignoring the rates, so profiles can travel
/// through JavaScript or Python and be merged again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub words: u64,
    pub sentences: u64,
    pub claim_sentences: u64,
    pub attributed_sentences: u64,
    pub attributions: u64,
    pub attributions_named: u64,
    pub attributions_anonymous: u64,
    pub attributions_vague: u64,
    pub attributions_pronoun: u64,
    /// Attributions whose cue is loaded (*claimed*, *admitted*, *knew*).
    pub loaded_cues: u64,
    pub unsourced: u64,
    pub unsourced_statistic: u64,
    pub unsourced_superlative: u64,
    pub unsourced_certainty: u64,
    pub unsourced_common_knowledge: u64,
    pub unsourced_hedge: u64,
    pub unsourced_weasel: u64,
    pub unsourced_generalization: u64,
    pub unsourced_motive: u64,
    /// Findings of kind `hedge`: hedged wording, not a claim.
    pub hedged: u64,
    /// Who is cited, most cited first (ties by name).
    pub sources: Vec<Cited>,
    /// Attributions by their cue's class: something said (*said*,
    /// *according to*, *found*) or a state of mind (*believes*, *fears*,
    /// *knew*).
    pub attributions_speech: u64,
    pub attributions_thought: u64,
}

/// A source by name and how many attributions cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cited {
    pub name: String,
    pub count: u64,
}

/// Profiles added up: many articles' counts, and their sources by name.
#[derive(Debug, Default)]
pub struct Sum {
    counts: Profile,
    sources: HashMap<String, u64>,
}

impl Sum {
    pub fn add(&mut self, p: &Profile) {
        self.counts.add_counts(p);
        for c in &p.sources {
            *self.sources.entry(c.name.clone()).or_default() += c.count;
        }
    }

    /// The profile of everything added.
    pub fn total(self) -> Profile {
        Profile {
            sources: sorted(self.sources),
            ..self.counts
        }
    }
}

/// One value of a profile's flat form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Count(u64),
    /// A share or a rate, rounded; `None` when its denominator is zero.
    Rate(Option<f64>),
    Sources(&'a [Cited]),
}

impl Profile {
    /// The profile of one analysed text and its findings.
    pub(crate) fn of(doc: &Doc, findings: &[Finding]) -> Profile {
        // Headlines, captions and bylines are page furniture, and tables
        // and code are data, not the article's prose (and pages repeat or
        // drop them as they please).
        let prose = || doc.blocks.iter().filter(|b| b.role.is_prose());
        let mut p = Profile {
            words: prose()
                .flat_map(|b| &doc.tokens[b.tok_start..b.tok_end])
                .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Number))
                .count() as u64,
            sentences: prose().map(|b| b.sent_end - b.sent_start).sum::<usize>() as u64,
            ..Profile::default()
        };
        let (claim, attributed) = sentence_counts(doc, findings);
        p.claim_sentences = claim;
        p.attributed_sentences = attributed;
        let mut names: Vec<String> = Vec::new();
        for f in findings {
            match f.kind {
                FindingKind::Attribution => {
                    p.attributions += 1;
                    // The category, not the source: an impersonal "it is
                    // believed" has no source span but is a vague attribution.
                    let kind = match f.category {
                        Category::Named => SourceKind::Named,
                        Category::Anonymous => SourceKind::Anonymous,
                        Category::Pronoun => SourceKind::Pronoun,
                        _ => SourceKind::Vague,
                    };
                    *p.by_source_mut(kind) += 1;
                    if f.cue.as_ref().is_some_and(|c| c.loaded) {
                        p.loaded_cues += 1;
                    }
                    // Every attribution has a cue; one without would read
                    // as speech, as a cue the lexicon does not know does.
                    match f.cue.as_ref().map_or(CueClass::Speech, |c| c.class) {
                        CueClass::Speech => p.attributions_speech += 1,
                        CueClass::Thought => p.attributions_thought += 1,
                    }
                    if let Some(name) = cited_name(f) {
                        names.push(name);
                    }
                }
                FindingKind::Unsourced => {
                    p.unsourced += 1;
                    for kind in SIGNALS {
                        if f.signals.iter().any(|s| s.kind == kind) {
                            *p.by_signal_mut(kind) += 1;
                        }
                    }
                }
                FindingKind::Hedge => p.hedged += 1,
            }
        }
        p.sources = count_names(names);
        p
    }

    /// Add another profile to this one (a corpus is the sum of its
    /// articles); sources are added by name. To add up many, [`Sum`] keeps
    /// the names in a map instead of sorting them again each time.
    pub fn merge(&mut self, other: &Profile) {
        let mut sum = Sum::default();
        sum.add(self);
        sum.add(other);
        *self = sum.total();
    }

    /// Add `other`'s counts, not its sources.
    fn add_counts(&mut self, other: &Profile) {
        let Profile {
            words,
            sentences,
            claim_sentences,
            attributed_sentences,
            attributions,
            attributions_named,
            attributions_anonymous,
            attributions_vague,
            attributions_pronoun,
            loaded_cues,
            unsourced,
            unsourced_statistic,
            unsourced_superlative,
            unsourced_certainty,
            unsourced_common_knowledge,
            unsourced_hedge,
            unsourced_weasel,
            unsourced_generalization,
            unsourced_motive,
            hedged,
            sources: _,
            attributions_speech,
            attributions_thought,
        } = other;
        self.words += words;
        self.sentences += sentences;
        self.claim_sentences += claim_sentences;
        self.attributed_sentences += attributed_sentences;
        self.attributions += attributions;
        self.attributions_named += attributions_named;
        self.attributions_anonymous += attributions_anonymous;
        self.attributions_vague += attributions_vague;
        self.attributions_pronoun += attributions_pronoun;
        self.loaded_cues += loaded_cues;
        self.unsourced += unsourced;
        self.unsourced_statistic += unsourced_statistic;
        self.unsourced_superlative += unsourced_superlative;
        self.unsourced_certainty += unsourced_certainty;
        self.unsourced_common_knowledge += unsourced_common_knowledge;
        self.unsourced_hedge += unsourced_hedge;
        self.unsourced_weasel += unsourced_weasel;
        self.unsourced_generalization += unsourced_generalization;
        self.unsourced_motive += unsourced_motive;
        self.hedged += hedged;
        self.attributions_speech += attributions_speech;
        self.attributions_thought += attributions_thought;
    }

    /// Attributed sentences over claim-bearing sentences.
    pub fn attributed_share(&self) -> Option<f64> {
        ratio(self.attributed_sentences, self.claim_sentences)
    }

    /// How many per 1,000 words of the text.
    pub fn per_1000_words(&self, count: u64) -> Option<f64> {
        ratio(count * 1000, self.words)
    }

    pub fn by_source(&self, kind: SourceKind) -> u64 {
        match kind {
            SourceKind::Named => self.attributions_named,
            SourceKind::Anonymous => self.attributions_anonymous,
            SourceKind::Vague => self.attributions_vague,
            SourceKind::Pronoun => self.attributions_pronoun,
        }
    }

    fn by_source_mut(&mut self, kind: SourceKind) -> &mut u64 {
        match kind {
            SourceKind::Named => &mut self.attributions_named,
            SourceKind::Anonymous => &mut self.attributions_anonymous,
            SourceKind::Vague => &mut self.attributions_vague,
            SourceKind::Pronoun => &mut self.attributions_pronoun,
        }
    }

    /// Unsourced claims carrying a signal of `kind`.
    pub fn by_signal(&self, kind: SignalKind) -> u64 {
        match kind {
            SignalKind::Statistic => self.unsourced_statistic,
            SignalKind::Superlative => self.unsourced_superlative,
            SignalKind::Certainty => self.unsourced_certainty,
            SignalKind::CommonKnowledge => self.unsourced_common_knowledge,
            SignalKind::Hedge => self.unsourced_hedge,
            SignalKind::Weasel => self.unsourced_weasel,
            SignalKind::Generalization => self.unsourced_generalization,
            SignalKind::Motive => self.unsourced_motive,
        }
    }

    fn by_signal_mut(&mut self, kind: SignalKind) -> &mut u64 {
        match kind {
            SignalKind::Statistic => &mut self.unsourced_statistic,
            SignalKind::Superlative => &mut self.unsourced_superlative,
            SignalKind::Certainty => &mut self.unsourced_certainty,
            SignalKind::CommonKnowledge => &mut self.unsourced_common_knowledge,
            SignalKind::Hedge => &mut self.unsourced_hedge,
            SignalKind::Weasel => &mut self.unsourced_weasel,
            SignalKind::Generalization => &mut self.unsourced_generalization,
            SignalKind::Motive => &mut self.unsourced_motive,
        }
    }

    /// The profile as named values, in a fixed order: the columns of
    /// `whosays profile --format csv`, and the keys of its JSON form. Names
    /// may be added, never renamed or reordered (tests/cli.rs pins them).
    pub fn columns(&self) -> Vec<(&'static str, Value<'_>)> {
        use Value::{Count, Rate};
        let mut out = vec![
            ("words", Count(self.words)),
            ("sentences", Count(self.sentences)),
            ("claim_sentences", Count(self.claim_sentences)),
            ("attributed_sentences", Count(self.attributed_sentences)),
            ("attributed_share", Rate(round(self.attributed_share(), 4))),
            ("attributions", Count(self.attributions)),
        ];
        for kind in SOURCE_KINDS {
            out.push((source_column(kind), Count(self.by_source(kind))));
        }
        out.push(("loaded_cues", Count(self.loaded_cues)));
        out.push(("unsourced", Count(self.unsourced)));
        out.push((
            "unsourced_per_1000_words",
            Rate(round(self.per_1000_words(self.unsourced), 2)),
        ));
        for kind in SIGNALS {
            out.push((signal_column(kind).0, Count(self.by_signal(kind))));
        }
        for kind in SIGNALS {
            let rate = self.per_1000_words(self.by_signal(kind));
            out.push((signal_column(kind).1, Rate(round(rate, 2))));
        }
        out.push(("hedged", Count(self.hedged)));
        out.push(("sources", Value::Sources(&self.sources)));
        // Added after the first release of the columns, so at the end.
        out.push(("attributions_speech", Count(self.attributions_speech)));
        out.push(("attributions_thought", Count(self.attributions_thought)));
        out
    }
}

impl Serialize for Profile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let columns = self.columns();
        let mut map = serializer.serialize_map(Some(columns.len()))?;
        for (name, value) in columns {
            match value {
                Value::Count(n) => map.serialize_entry(name, &n)?,
                Value::Rate(r) => map.serialize_entry(name, &r)?,
                Value::Sources(s) => map.serialize_entry(name, s)?,
            }
        }
        map.end()
    }
}

fn source_column(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Named => "attributions_named",
        SourceKind::Anonymous => "attributions_anonymous",
        SourceKind::Vague => "attributions_vague",
        SourceKind::Pronoun => "attributions_pronoun",
    }
}

/// The count's column and the rate's.
fn signal_column(kind: SignalKind) -> (&'static str, &'static str) {
    match kind {
        SignalKind::Statistic => ("unsourced_statistic", "unsourced_statistic_per_1000_words"),
        SignalKind::Superlative => (
            "unsourced_superlative",
            "unsourced_superlative_per_1000_words",
        ),
        SignalKind::Certainty => ("unsourced_certainty", "unsourced_certainty_per_1000_words"),
        SignalKind::CommonKnowledge => (
            "unsourced_common_knowledge",
            "unsourced_common_knowledge_per_1000_words",
        ),
        SignalKind::Hedge => ("unsourced_hedge", "unsourced_hedge_per_1000_words"),
        SignalKind::Weasel => ("unsourced_weasel", "unsourced_weasel_per_1000_words"),
        SignalKind::Generalization => (
            "unsourced_generalization",
            "unsourced_generalization_per_1000_words",
        ),
        SignalKind::Motive => ("unsourced_motive", "unsourced_motive_per_1000_words"),
    }
}

fn ratio(n: u64, d: u64) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

/// Rounded for output, so the same counts print the same everywhere.
fn round(x: Option<f64>, digits: i32) -> Option<f64> {
    let scale = 10f64.powi(digits);
    x.map(|x| (x * scale).round() / scale)
}

/// (claim-bearing sentences, attributed sentences). Findings' offsets are
/// UTF-16, sentences' bytes: sentences are converted once, then each
/// finding marks the sentences it overlaps through a difference array, so a
/// quotation running over many sentences costs two writes, not one per
/// sentence.
fn sentence_counts(doc: &Doc, findings: &[Finding]) -> (u64, u64) {
    let n = doc.sentences.len();
    let starts: Vec<usize> = doc
        .sentences
        .iter()
        .map(|s| doc.utf16.to_utf16(doc.text, s.start))
        .collect();
    let ends: Vec<usize> = doc
        .sentences
        .iter()
        .map(|s| doc.utf16.to_utf16(doc.text, s.end))
        .collect();
    let mut attributed = vec![0i64; n + 1];
    let mut unsourced = vec![0i64; n + 1];
    for f in findings {
        let marks = match f.kind {
            FindingKind::Attribution => &mut attributed,
            FindingKind::Unsourced => &mut unsourced,
            FindingKind::Hedge => continue,
        };
        // Sentences overlapping [start, end): the first that ends after
        // `start` up to the last that starts before `end`.
        let first = ends.partition_point(|&e| e <= f.start);
        let last = starts.partition_point(|&s| s < f.end.max(f.start + 1));
        if first < last {
            marks[first] += 1;
            marks[last] -= 1;
        }
    }
    let (mut claim, mut sourced) = (0, 0);
    let (mut a, mut u) = (0i64, 0i64);
    for i in 0..n {
        a += attributed[i];
        u += unsourced[i];
        if !doc.blocks[doc.sentences[i].block].role.is_prose() {
            continue;
        }
        if a > 0 || u > 0 {
            claim += 1;
        }
        if a > 0 && u == 0 {
            sourced += 1;
        }
    }
    (claim, sourced)
}

/// The name an attribution cites, if it names one.
fn cited_name(f: &Finding) -> Option<String> {
    let s = f.source.as_ref()?;
    let name = match s.kind {
        // A relative pronoun's source carries the phrase it stands for.
        SourceKind::Named => s.resolved.as_deref().unwrap_or(&s.text),
        SourceKind::Pronoun => s.resolved.as_deref()?,
        SourceKind::Anonymous | SourceKind::Vague => return None,
    };
    // What follows the name is not part of it: an appositive
    // ("Robert Lee, one of the engineers") or a bracket ("(R-Ind.)").
    let name = name.split(" (").next().unwrap_or(name);
    let name = name
        .match_indices(", ")
        .find(|(i, _)| name[i + 2..].starts_with(char::is_lowercase))
        .map_or(name, |(i, _)| &name[..i]);
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// Counts names, folding the ways one article names the same source:
/// a title before a name (*Mr. Smith* is *Smith*), a description before a
/// full name (*pollster Jane Smith* is *Jane Smith*), and a surname alone
/// (*Smith* is the one longer name cited that ends with it, if only one
/// does).
fn count_names(names: Vec<String>) -> Vec<Cited> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for n in &names {
        *counts.entry(without_title(n).to_string()).or_default() += 1;
    }
    // Names of a few words only: a longer "name" is a misread phrase, and
    // looking at its suffixes would cost time for nothing.
    const FOLDABLE_WORDS: usize = 8;
    let mut into: Vec<(String, String)> = Vec::new();
    for long in counts.keys() {
        let spaces: Vec<usize> = long.match_indices(' ').map(|(i, _)| i).collect();
        if spaces.len() < 2 || spaces.len() >= FOLDABLE_WORDS {
            continue;
        }
        // The shortest suffix of two words or more that is itself cited.
        let suffix = spaces[..spaces.len() - 1]
            .iter()
            .rev()
            .map(|&i| &long[i + 1..])
            .find(|s| counts.contains_key(*s));
        if let Some(short) = suffix {
            into.push((long.clone(), short.to_string()));
        }
    }
    for (long, short) in into {
        let n = counts.remove(&long).unwrap_or(0);
        *counts.entry(short).or_default() += n;
    }
    let mut by_last: HashMap<&str, Vec<&str>> = HashMap::new();
    for name in counts.keys() {
        if let Some((_, last)) = name.rsplit_once(' ') {
            by_last.entry(last).or_default().push(name);
        }
    }
    let surnames: Vec<(String, String)> = by_last
        .iter()
        .filter(|(last, longer)| longer.len() == 1 && counts.contains_key(**last))
        .map(|(last, longer)| (last.to_string(), longer[0].to_string()))
        .collect();
    for (short, long) in surnames {
        let n = counts.remove(&short).unwrap_or(0);
        *counts.entry(long).or_default() += n;
    }
    sorted(counts)
}

/// The name without a title abbreviation before it (*Mr.*, *Sen.*, *Gen.*):
/// the lexicon's abbreviations that never end a sentence. Initials stay.
fn without_title(name: &str) -> &str {
    let lex = crate::lexicon::get();
    let mut rest = name;
    while let Some((word, after)) = rest.split_once(' ') {
        let is_title = word.len() > 2
            && word.ends_with('.')
            && lex.is_abbreviation(&word[..word.len() - 1])
            && !lex.ends_sentence_after(&word.to_lowercase());
        if !is_title {
            break;
        }
        rest = after;
    }
    rest
}

fn sorted(counts: HashMap<String, u64>) -> Vec<Cited> {
    let mut out: Vec<Cited> = counts
        .into_iter()
        .map(|(name, count)| Cited { name, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<(String, u64)> {
        count_names(list.iter().map(|s| s.to_string()).collect())
            .into_iter()
            .map(|c| (c.name, c.count))
            .collect()
    }

    #[test]
    fn a_surname_counts_under_the_full_name() {
        assert_eq!(
            names(&["Jane Smith", "Smith", "Smith", "Lee"]),
            [("Jane Smith".to_string(), 3), ("Lee".to_string(), 1)]
        );
    }

    #[test]
    fn titles_and_descriptions_fold_into_the_name() {
        assert_eq!(
            names(&[
                "Mr. Smith",
                "longtime pollster Jane Smith",
                "Jane Smith",
                "J. Lee"
            ]),
            [("Jane Smith".to_string(), 3), ("J. Lee".to_string(), 1)]
        );
    }

    #[test]
    fn an_ambiguous_surname_stays_apart() {
        // Two Smiths in one article: "Smith" could be either.
        assert_eq!(
            names(&["Jane Smith", "Tom Smith", "Smith"]),
            [
                ("Jane Smith".to_string(), 1),
                ("Smith".to_string(), 1),
                ("Tom Smith".to_string(), 1)
            ]
        );
    }

    #[test]
    fn merging_adds_counts_and_sources_by_name() {
        let mut a = Profile {
            words: 100,
            claim_sentences: 4,
            attributed_sentences: 1,
            sources: vec![Cited {
                name: "Lee".into(),
                count: 1,
            }],
            ..Profile::default()
        };
        let b = Profile {
            words: 300,
            claim_sentences: 4,
            attributed_sentences: 3,
            sources: vec![
                Cited {
                    name: "Kim".into(),
                    count: 1,
                },
                Cited {
                    name: "Lee".into(),
                    count: 2,
                },
            ],
            ..Profile::default()
        };
        a.merge(&b);
        assert_eq!(a.words, 400);
        // The share of the sum, not the mean of the shares (0.25 and 0.75).
        assert_eq!(a.attributed_share(), Some(0.5));
        assert_eq!(
            a.sources,
            [
                Cited {
                    name: "Lee".into(),
                    count: 3
                },
                Cited {
                    name: "Kim".into(),
                    count: 1
                }
            ]
        );
    }

    #[test]
    fn no_words_no_rate() {
        let p = Profile::default();
        assert_eq!(p.per_1000_words(0), None);
        assert_eq!(p.attributed_share(), None);
    }

    #[test]
    fn the_json_form_reads_back() {
        let p = crate::profile_text(
            "Jane Smith said the plan failed. Smith added that it was the largest ever. \
             It is clearly the worst plan in 40 years.",
        );
        let json = serde_json::to_string(&p).unwrap();
        let back: Profile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
    }
}

//! The findings the core reports: the machine-output contract (the
//! README's "Machine output").
//!
//! Offsets here are UTF-16 code units into the analysed text, because that is
//! what JavaScript strings and DOM ranges count in. Field names are part of
//! the contract: they may be added to, never renamed.

use serde::Serialize;

/// A stretch of the analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The word or phrase that introduces an attribution (*said*, *according to*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The cue editorialises: a *said* synonym that casts doubt or vouches for
    /// the content (*claimed*, *admitted*, *pointed out*), or a factive (*knew*).
    pub loaded: bool,
    /// What the cue reports: something said, or a state of mind.
    pub class: CueClass,
}

/// What a cue reports. Corpora of quotes annotate speech only; a reader also
/// wants to tell a statement from a reported state of mind, which is the
/// writer's account and not the source's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// Speech or writing, or what a document shows: *said, told, wrote,
    /// according to, announced, found*.
    Speech,
    /// A belief, wish, fear or knowledge: *believes, fears, knew, wants,
    /// expects*.
    Thought,
}

impl CueClass {
    pub fn name(self) -> &'static str {
        match self {
            CueClass::Speech => "speech",
            CueClass::Thought => "thought",
        }
    }
}

/// Who is cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: SourceKind,
    /// For a pronoun, the named source it most likely stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A person, organisation or document the reader can look up.
    Named,
    /// Deliberately unnamed: *a senior official*, *sources*.
    Anonymous,
    /// A weasel: *several analysts*, *critics*, *it is believed*.
    Vague,
    /// *he*, *they*: who it is depends on the text before.
    Pronoun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    Statistic,
    Superlative,
    Certainty,
    CommonKnowledge,
    Hedge,
    Weasel,
    Generalization,
    Motive,
}

/// A word or phrase that makes a sentence a claim needing a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Attribution,
    Unsourced,
    /// Hedged or blurred wording ("may", "some", "widely") in a sentence
    /// that is neither attributed nor an unsourced claim.
    Hedge,
}

/// One attribution or one unsourced sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// For attributions; `null` on unsourced findings.
    pub cue: Option<Cue>,
    pub source: Option<Source>,
    pub content: Option<Span>,
    /// Claim signals; on attributions, hedges or weasel words inside them.
    pub signals: Vec<Signal>,
    /// The highlight category the extension paints this finding with.
    pub category: Category,
    /// A few words for the tooltip's first line.
    pub headline: String,
    /// One sentence on why this was highlighted.
    pub explanation: String,
}

/// What a reader sees a finding as: one colour each in the extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Named,
    Anonymous,
    Vague,
    Pronoun,
    Unsourced,
    Hedge,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Named,
        Category::Anonymous,
        Category::Vague,
        Category::Pronoun,
        Category::Unsourced,
        Category::Hedge,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Named => "named",
            Category::Anonymous => "anonymous",
            Category::Vague => "vague",
            Category::Pronoun => "pronoun",
            Category::Unsourced => "unsourced",
            Category::Hedge => "hedge",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Named => "Named source",
            Category::Anonymous => "Anonymous source",
            Category::Vague => "Vague source",
            Category::Pronoun => "Source by pronoun",
            Category::Unsourced => "Unsourced claim",
            Category::Hedge => "Hedged wording",
        }
    }
}

impl SourceKind {
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Named => "named",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Vague => "vague",
            SourceKind::Pronoun => "pronoun",
        }
    }
}

impl SignalKind {
    pub fn name(self) -> &'static str {
        match self {
            SignalKind::Statistic => "statistic",
            SignalKind::Superlative => "superlative",
            SignalKind::Certainty => "certainty",
            SignalKind::CommonKnowledge => "common_knowledge",
            SignalKind::Hedge => "hedge",
            SignalKind::Weasel => "weasel",
            SignalKind::Generalization => "generalization",
            SignalKind::Motive => "motive",
        }
    }
}

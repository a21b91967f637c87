//! Stage 5: turn attributions and claims into findings with UTF-16 offsets
//! and the words a reader sees. The explanations are written here, in the
//! core, so the CLI, the report page and the extension say the same thing.

use crate::assertion::Claim;
use crate::attribution::Attribution;
use crate::finding::{
    Category, Cue, CueClass, Finding, FindingKind, Signal, SignalKind, Source, SourceKind, Span,
};
use crate::lexicon::tag;
use crate::text::{Doc, TokRange};

pub fn findings(doc: &Doc, attributions: &[Attribution], claims: &[Claim]) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(attributions.len() + claims.len());
    for a in attributions {
        out.push(attribution_finding(doc, a));
    }
    for c in claims {
        out.push(claim_finding(doc, c));
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// UTF-16 span of a token range, with its text.
fn span(doc: &Doc, r: TokRange) -> Span {
    let (a, b) = bytes(doc, r);
    Span {
        start: doc.utf16.to_utf16(doc.text, a),
        end: doc.utf16.to_utf16(doc.text, b),
        text: doc.text[a..b].to_string(),
    }
}

fn bytes(doc: &Doc, r: TokRange) -> (usize, usize) {
    (
        doc.tokens[r.start].start as usize,
        doc.tokens[r.end - 1].end as usize,
    )
}

fn quoted(s: &str) -> String {
    format!("“{}”", s.trim())
}

fn attribution_finding(doc: &Doc, a: &Attribution) -> Finding {
    let cue_span = span(doc, a.cue);
    let source = a.source.map(|r| {
        let s = span(doc, r);
        Source {
            start: s.start,
            end: s.end,
            text: s.text,
            kind: a.kind,
            resolved: a.resolved.clone(),
        }
    });
    let content = a.content.map(|r| span(doc, r));
    let mut lo = a.cue.start;
    let mut hi = a.cue.end;
    for r in [a.source, a.content].into_iter().flatten() {
        lo = lo.min(r.start);
        hi = hi.max(r.end);
    }
    let whole = span(doc, TokRange { start: lo, end: hi });
    let loaded = a.cue_tags & tag::LOADED != 0;
    let class = cue_class(a.cue_tags);
    let category = match a.kind {
        SourceKind::Named => Category::Named,
        SourceKind::Anonymous => Category::Anonymous,
        SourceKind::Vague => Category::Vague,
        SourceKind::Pronoun => Category::Pronoun,
    };
    // A relative pronoun source reads as the phrase it stands for.
    let who = match (&a.resolved, a.kind) {
        (Some(r), k) if k != SourceKind::Pronoun => Some(r.clone()),
        _ => source.as_ref().map(|s| s.text.trim().to_string()),
    };
    let (mut headline, mut explanation) = match (a.kind, &who) {
        (SourceKind::Named, Some(w)) => (
            format!("Named source: {w}"),
            format!("Attributed to {w}, a source the reader can look up."),
        ),
        (SourceKind::Anonymous, Some(w)) => (
            format!("Anonymous source: {w}"),
            format!(
                "{} is not named, so the reader has to take the publication's word for who they are.",
                capitalize(&quoted(w))
            ),
        ),
        (SourceKind::Vague, _) if a.impersonal => (
            format!("Vague source: {}", quoted(&cue_span.text)),
            format!(
                "{} names nobody: the reader cannot tell who says or believes this.",
                capitalize(&quoted(&cue_span.text))
            ),
        ),
        (SourceKind::Vague, Some(w)) => (
            format!("Vague source: {w}"),
            format!(
                "Who exactly? {} names nobody a reader could check.",
                capitalize(&quoted(w))
            ),
        ),
        (SourceKind::Pronoun, Some(w)) => match &a.resolved {
            Some(name) => (
                format!("Source: {w} ({name})"),
                format!("{} most likely stands for {name}, named earlier.", capitalize(&quoted(w))),
            ),
            None => (
                format!("Source: {w}"),
                format!(
                    "{} refers to someone named earlier; check who before relying on it.",
                    capitalize(&quoted(w))
                ),
            ),
        },
        _ => (
            "Attributed claim".to_string(),
            "The claim is attributed, but the text does not say to whom.".to_string(),
        ),
    };
    if class == CueClass::Thought {
        // "Reports what X believes" is not "quotes X": the words are the
        // writer's. A factive's loaded note below says it vouches for them.
        headline.push_str(" — reported thought");
        let cue = capitalize(&quoted(&cue_span.text));
        explanation.push_str(&if a.cue_tags & tag::FACTIVE != 0 {
            format!(" {cue} reports a state of mind in the writer's words, not something said.")
        } else {
            format!(
                " {cue} reports a state of mind in the writer's words: not something said, \
                 and not a statement of fact."
            )
        });
    }
    if loaded {
        let cue = quoted(&cue_span.text);
        explanation.push(' ');
        explanation.push_str(&if a.cue_tags & tag::DOUBT != 0 {
            format!("Loaded verb: {cue} casts doubt on what follows; a neutral report says “said”.")
        } else if a.cue_tags & tag::FACTIVE != 0 {
            format!("Loaded verb: {cue} presents what follows as true, not as someone's view.")
        } else {
            format!("Loaded verb: {cue} vouches for what follows; a neutral report says “said”.")
        });
    }
    Finding {
        kind: FindingKind::Attribution,
        start: whole.start,
        end: whole.end,
        text: whole.text,
        cue: Some(Cue {
            start: cue_span.start,
            end: cue_span.end,
            text: cue_span.text,
            loaded,
            class,
        }),
        source,
        content,
        signals: a
            .signals
            .iter()
            .map(|s| signal(doc, s.kind, s.toks))
            .collect(),
        category,
        headline,
        explanation,
    }
}

/// The cue's class, from its lexicon tags: a belief, wish, fear or
/// knowledge (`state`) is a thought; speech and what a document shows
/// (`finding`) are speech. A nominal cue is speech to the rules' frames,
/// and a thought when its line in nominal-cues.txt says `state` (*the
/// belief that*). A cue the model found and the rules did not carries the
/// tags of its first word the cue list knows, else plain speech, so it is
/// classed here like any other.
fn cue_class(tags: u16) -> CueClass {
    if tags & tag::STATE != 0 {
        CueClass::Thought
    } else {
        CueClass::Speech
    }
}

fn signal(doc: &Doc, kind: SignalKind, r: TokRange) -> Signal {
    let s = span(doc, r);
    Signal {
        kind,
        start: s.start,
        end: s.end,
        text: s.text,
    }
}

fn claim_finding(doc: &Doc, c: &Claim) -> Finding {
    let sentence = doc.sentences[c.sentence];
    let whole = span(
        doc,
        TokRange {
            start: sentence.tok_start,
            end: sentence.tok_end,
        },
    );
    let signals: Vec<Signal> = c
        .signals
        .iter()
        .map(|s| signal(doc, s.kind, s.toks))
        .collect();
    if c.hedged_only {
        return hedge_finding(whole, signals);
    }
    // Lead with a signal that makes the sentence a claim, not a mild one.
    let lead = c.signals.iter().position(|s| !s.mild).unwrap_or(0);
    let first = &signals[lead];
    let what = quoted(&first.text);
    let (headline, mut explanation) = match first.kind {
        SignalKind::Statistic => (
            "Unsourced figure",
            format!("{what} is given as fact without saying who counted it."),
        ),
        SignalKind::Superlative => (
            "Unsourced superlative",
            format!("{what} ranks something above all others; nobody is cited for the comparison."),
        ),
        SignalKind::Certainty => (
            "Certainty without evidence",
            format!("{what} asserts certainty, but the sentence cites no evidence or source."),
        ),
        SignalKind::CommonKnowledge => (
            "Appeal to common knowledge",
            format!(
                "{what} presents a claim as known to all instead of saying who established it."
            ),
        ),
        SignalKind::Hedge => (
            "Speculation",
            format!("{what} marks a guess: whose, and on what grounds, is not said."),
        ),
        SignalKind::Weasel => (
            "Weasel words",
            format!("{what} suggests support for the claim without naming anyone."),
        ),
        SignalKind::Generalization => (
            "Sweeping generalization",
            format!("{what} generalizes without evidence or a source."),
        ),
        SignalKind::Motive => (
            "Motive stated as fact",
            format!("{what} claims to know what someone intends or feels; nobody is cited for it."),
        ),
    };
    let others: Vec<String> = signals
        .iter()
        .zip(&c.signals)
        .filter(|(s, h)| s.kind != first.kind && !h.mild)
        .map(|(s, _)| quoted(&s.text))
        .collect();
    if !others.is_empty() {
        explanation.push_str(&format!(" Also unsourced: {}.", others.join(", ")));
    }
    sentence_finding(
        FindingKind::Unsourced,
        whole,
        signals,
        headline,
        explanation,
    )
}

/// A finding for a whole sentence: an unsourced claim or hedged wording.
fn sentence_finding(
    kind: FindingKind,
    whole: Span,
    signals: Vec<Signal>,
    headline: &str,
    explanation: String,
) -> Finding {
    Finding {
        kind,
        start: whole.start,
        end: whole.end,
        text: whole.text,
        cue: None,
        source: None,
        content: None,
        signals,
        category: if kind == FindingKind::Hedge {
            Category::Hedge
        } else {
            Category::Unsourced
        },
        headline: headline.to_string(),
        explanation,
    }
}

/// A sentence whose only signals soften or blur it.
fn hedge_finding(whole: Span, signals: Vec<Signal>) -> Finding {
    let words: Vec<String> = signals.iter().take(3).map(|s| quoted(&s.text)).collect();
    let explanation = if signals.iter().any(|s| s.kind == SignalKind::Hedge) {
        format!(
            "Softening words ({}): the sentence reads as a guess or an impression, not an established fact.",
            words.join(", ")
        )
    } else {
        format!(
            "Blurring words ({}): they suggest support or frequency without saying who or how many.",
            words.join(", ")
        )
    };
    sentence_finding(
        FindingKind::Hedge,
        whole,
        signals,
        "Hedged wording",
        explanation,
    )
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some('“') => {
            let rest: String = chars.collect();
            format!("“{}", capitalize(&rest))
        }
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

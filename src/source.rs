//! Stage 3: what kind of source each attribution cites — named, anonymous,
//! vague or a pronoun — and, for pronouns, whom they most likely stand for.

use crate::attribution::Attribution;
use crate::finding::SourceKind;
use crate::lexicon::{self, class};
use crate::text::{Doc, TokKind, TokRange};

/// How many blocks back a pronoun may look for the name it stands for.
const PRONOUN_REACH_BLOCKS: usize = 3;
/// And how many attributions back: a block of nothing but "he said…" would
/// otherwise make every pronoun look at every one before it.
const PRONOUN_REACH_ATTRIBUTIONS: usize = 64;

pub fn classify(doc: &Doc, attributions: &mut [Attribution]) {
    for n in 0..attributions.len() {
        let (impersonal, source, sentence, antecedent) = {
            let a = &attributions[n];
            (a.impersonal, a.source, a.sentence, a.antecedent)
        };
        if impersonal {
            continue;
        }
        let Some(src) = source else {
            // "was accused of…": somebody accused, but who is not said.
            attributions[n].kind = SourceKind::Anonymous;
            continue;
        };
        // "Barkley, who said…": "who" is as named as Barkley.
        if let Some(ante) = antecedent {
            attributions[n].kind = kind_of(doc, ante, sentence);
            attributions[n].resolved = Some(phrase(doc, ante));
            continue;
        }
        let kind = kind_of(doc, src, sentence);
        attributions[n].kind = kind;
        if kind == SourceKind::Pronoun {
            let resolved = resolve(doc, &attributions[..n], src, sentence);
            attributions[n].resolved = resolved;
        }
    }
}

/// Classify the source phrase `src` of an attribution in sentence `si`.
fn kind_of(doc: &Doc, src: TokRange, si: usize) -> SourceKind {
    let lex = lexicon::get();
    // "he", "they're", or "his" in "his claim that…"
    if src.len() == 1
        && doc.has(
            src.start,
            class::PRON_SOURCE | class::PRON_SUBJ | class::POSS,
        )
    {
        return SourceKind::Pronoun;
    }
    // The core of the phrase: after a quantifier ("a number of"), up to a
    // preposition, relative pronoun or comma ("officials | who spoke…", "a
    // spokesman | for the campaign").
    let quantifier = lex.vague_quantifiers.longest(|j| {
        (src.start + j < src.end)
            .then(|| doc.tokens[src.start + j].id)
            .flatten()
    });
    // A partitive, "one or more of its members", "some of the critics":
    // the head is after "of".
    let partitive = (src.start..src.end.min(src.start + 4))
        .find(|&k| doc.is(k, "of"))
        .filter(|&k| {
            (src.start..k).all(|j| {
                doc.has(
                    j,
                    class::NUMBER_WORD | class::VAGUE_QUANT | class::VAGUE_ALONE | class::CONJ,
                ) || doc.tokens[j].kind == TokKind::Number
                    // "more than half of", "at least half of"
                    || doc.has(j, class::APPROX)
                    || matches!(
                        doc.lower(j),
                        "each" | "all" | "none" | "both" | "any" | "either" | "neither"
                    )
            })
        });
    let core_start = match partitive {
        Some(of) => of + 1,
        None => src.start + quantifier,
    };
    let quantifier = if partitive.is_some() {
        core_start - src.start
    } else {
        quantifier
    };
    let mut core_end = src.end;
    for k in core_start + 1..src.end {
        if doc.has(k, class::PREP | class::REL) || doc.tok_text(k) == "," {
            core_end = k;
            break;
        }
    }
    let head = (src.start..core_end)
        .rev()
        .find(|&k| doc.tokens[k].kind == TokKind::Word);
    let sentence = doc.sentences[si];
    // A name anywhere in the phrase (not the sentence's first word, which is
    // capitalised anyway, and not the head itself: "Democrats").
    // For a generic head ("supporters in Congress", "a number of members of
    // Congress") only a name in the head's own phrase counts; a place or
    // institution in a modifier does not name anyone.
    let generic_head = head.is_some_and(|h| doc.has(h, class::VAGUE_HEAD | class::ANON_HEAD));
    // "a spokeswoman, Anna White": a name in apposition names the person.
    let appositive = core_end + 1 < src.end
        && doc.tok_text(core_end) == ","
        && doc.capitalized(core_end + 1)
        && !doc.has(core_end + 1, class::DET | class::REL);
    let name_end = if generic_head && !appositive {
        core_end
    } else {
        src.end
    };
    // Capitals before an anonymous head are an affiliation ("a White House
    // aide"); only a name after it ("spokesman John Smith") names the person.
    let name_start = match head {
        Some(h) if doc.has(h, class::ANON_HEAD) && !doc.has(h, class::VAGUE_HEAD) => h,
        _ => src.start,
    };
    let named = (name_start..name_end).any(|k| {
        doc.tokens[k].kind == TokKind::Word
            && doc.capitalized(k)
            && !(k == sentence.tok_start
                && (doc.has(
                    k,
                    class::DET
                        | class::VAGUE_QUANT
                        | class::VAGUE_ALONE
                        | class::INDEF
                        | class::ADV
                        | class::PREP
                        | class::APPROX
                        | class::NUMBER_WORD,
                ) || doc.lower(k).ends_with("ly")))
            && !doc.has(
                k,
                class::DET | class::POSS | class::VAGUE_QUANT | class::INDEF | class::TITLE,
            )
            && Some(k) != head
            && !doc.has(k, class::VAGUE_HEAD | class::ANON_HEAD)
    });
    // "Proponents, including the Conference of Mayors": a named member
    // vouches for the group.
    let names_a_member = (src.start..src.end.saturating_sub(1)).any(|k| {
        matches!(doc.lower(k), "including" | "like")
            && (doc.capitalized(k + 1)
                || doc.has(k + 1, class::DET) && k + 2 < src.end && doc.capitalized(k + 2))
            || doc.is(k, "such") && doc.is(k + 1, "as")
    });
    let named = named || names_a_member;
    // Anonymity markers anywhere in the sentence: "on condition of anonymity".
    let marked = (sentence.tok_start..sentence.tok_end).any(|k| {
        lex.anonymous_markers.longest(|j| {
            let t = k + j;
            (t < sentence.tok_end).then(|| doc.tokens[t].id).flatten()
        }) > 0
    });
    // "Six in 10 say", "42% say", "nearly nine out of 10": a share of people
    // nobody names.
    let number = |k: usize| {
        doc.tokens[k].kind == TokKind::Number || doc.has(k, class::NUMBER_WORD) || doc.is(k, "half")
    };
    let share = (core_start..core_end).any(number)
        && (core_start..core_end).all(|k| {
            number(k)
                || doc.tokens[k].kind != TokKind::Word
                || doc.has(k, class::ADV | class::PREP | class::APPROX)
                || matches!(doc.lower(k), "out" | "percent")
                || doc.lower(k).ends_with("ly")
        });
    if share && !named {
        return SourceKind::Vague;
    }
    let Some(head) = head else {
        return SourceKind::Named;
    };
    let quantified = doc.has(src.start, class::VAGUE_QUANT) || quantifier > 0;
    if doc.has(head, class::ANON_HEAD)
        && !named
        && (marked || !doc.has(head, class::VAGUE_HEAD) || !quantified)
    {
        return SourceKind::Anonymous;
    }
    if marked && !named {
        return SourceKind::Anonymous;
    }
    if doc.has(head, class::VAGUE_HEAD) && !named {
        // "the party's leaders", "its leaders": a definite group, not a weasel.
        let definite = doc.is(src.start, "the") && core_end - src.start > 2
            || doc.has(src.start, class::POSS)
            || core_start > src.start && doc.lower(core_start - 1).ends_with("'s");
        if !definite {
            return SourceKind::Vague;
        }
    }
    if src.len() == 1 && doc.has(src.start, class::VAGUE_ALONE) {
        return SourceKind::Vague;
    }
    if quantified && !named {
        return SourceKind::Vague;
    }
    SourceKind::Named
}

/// The name a pronoun source most likely stands for: the nearest earlier
/// named source, else the nearest earlier run of capitalised words.
fn resolve(doc: &Doc, earlier: &[Attribution], src: TokRange, si: usize) -> Option<String> {
    let block = doc.sentences[si].block;
    let plural = matches!(doc.lower(src.start), "they" | "we");
    for a in earlier.iter().rev().take(PRONOUN_REACH_ATTRIBUTIONS) {
        if doc.sentences[a.sentence].block + PRONOUN_REACH_BLOCKS < block {
            break;
        }
        // "Barkley, who said…": the person is the relative pronoun's
        // antecedent, not "who".
        let Some(s) = a.antecedent.or(a.source) else {
            continue;
        };
        // "He said … He added": the same person as before.
        if a.kind == SourceKind::Pronoun {
            if doc.lower(s.start) == doc.lower(src.start) && a.resolved.is_some() {
                return a.resolved.clone();
            }
            continue;
        }
        if a.impersonal || a.kind == SourceKind::Vague && !plural {
            continue;
        }
        let core = core_of(doc, s);
        let last = doc.lower(core.end - 1);
        let looks_plural =
            last.ends_with('s') && !last.ends_with("ss") && !doc.capitalized(core.end - 1);
        if plural == looks_plural {
            return name_in(doc, s).or_else(|| Some(phrase(doc, core)));
        }
    }
    None
}

/// A source phrase up to its first comma: "Ruhollah Khomeini" of
/// "Ruhollah Khomeini, the regime founder".
fn core_of(doc: &Doc, r: TokRange) -> TokRange {
    let end = (r.start + 1..r.end)
        .find(|&k| doc.tok_text(k) == ",")
        .unwrap_or(r.end);
    TokRange::new(r.start, end)
}

/// The name a phrase leads with: "Hassan Rouhani" from "Hassan Rouhani, the
/// Iranian regime's president", "Jeb Bush" from "former Gov. Jeb Bush".
/// None when the phrase does not start with a name ("a leader of a group").
fn name_in(doc: &Doc, r: TokRange) -> Option<String> {
    let mut k = r.start;
    while k < r.end
        && (doc.has(k, class::TITLE)
            || !doc.capitalized(k)
                && doc.tokens[k].kind == TokKind::Word
                && k < r.start + 3
                && !doc.has(k, class::DET))
    {
        k += 1;
    }
    if k >= r.end || !doc.capitalized(k) || doc.has(k, class::DET | class::POSS) {
        return None;
    }
    let start = k;
    while k < r.end && doc.tokens[k].kind == TokKind::Word && doc.capitalized(k) {
        k += 1;
    }
    let a = doc.tokens[start].start as usize;
    let b = doc.tokens[k - 1].end as usize;
    Some(
        doc.text[a..b]
            .trim_end_matches(['’', '\''])
            .trim_end_matches("’s")
            .to_string(),
    )
}

/// The text of a token range, trimmed of commas.
fn phrase(doc: &Doc, r: TokRange) -> String {
    let a = doc.tokens[r.start].start as usize;
    let b = doc.tokens[r.end - 1].end as usize;
    doc.text[a..b].trim_matches([',', ' ']).to_string()
}

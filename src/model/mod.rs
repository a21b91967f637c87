//! The trained attribution model: two linear-chain taggers over hashed
//! features, fed with what the rules found.
//!
//! The rules (`attribution`) know the frames of news prose; PolNeAR's
//! annotators marked more (*voted against*, *seemed to*, *said in a
//! statement*) and drew the spans' edges their own way. So the rules run
//! first and the model reads their output as features: the cue tagger
//! decides which words attribute, then, for each cue, the role tagger
//! decides its source and content. Where a rule attribution shares the cue,
//! its reading (lemma, impersonal frame, the antecedent of *who*) is kept;
//! the spans are the model's.
//!
//! The weights (`attribution.model`, with its card `MODEL_CARD.md`) are
//! compiled in; `./build.sh train` rebuilds them from the corpora.

mod features;
mod file;
mod tagger;

#[cfg(test)]
mod parity;

#[cfg(feature = "train")]
pub mod training;

use std::sync::OnceLock;

use crate::attribution::Attribution;
use crate::finding::SourceKind;
use crate::lexicon::{self, class};
use crate::signal;
use crate::text::TokRange;
use crate::text::{Doc, TokKind};

use features::{Between, Context};
pub use file::ModelError;
use tagger::{cue_tag, role_tag, Tagger};

/// The trained weights of both taggers.
pub struct Model {
    cue: Tagger,
    role: Tagger,
    /// How much better a sentence must read with a cue than without it
    /// (in path score) for the model to add a cue the rules did not find.
    /// The rules' cues are right nine times in ten, the model's own six in
    /// ten; this keeps the model's weakest guesses out.
    new_cue_margin: f32,
    /// How much worse a sentence may read with a cue the rules found for
    /// the rules' cue to stand though the model passed it over ("They're
    /// saying that…": contractions are rare in the corpus).
    rule_cue_margin: f32,
}

const SHIPPED: &[u8] = include_bytes!("attribution.model");

impl Model {
    /// Decode a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        file::read(bytes)
    }
}

/// The model compiled into this build, decoded on first use.
pub fn shipped() -> Result<&'static Model, &'static ModelError> {
    static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(SHIPPED)).as_ref()
}

/// How far around its cue a content may run: the newspaper quotation that
/// goes on for a sentence or two, or starts before "he said".
const WINDOW_SENTENCES: usize = 2;
/// And at most this many tokens each way, so a cue in a huge paragraph
/// costs the same as one in a normal one.
const WINDOW_TOKENS: usize = 80;

/// The attributions of `doc`: the model's cues and spans, with the rules'
/// reading of each cue where they found it too.
pub(crate) fn attributions(model: &Model, doc: &Doc, rules: Vec<Attribution>) -> Vec<Attribution> {
    let ctx = Context::new(doc, &rules);
    let mut out = Vec::new();
    let mut sentence = usize::MAX;
    let mut first = 0;
    for d in decode(model, &ctx) {
        let si = ctx.sentence_of(d.cue.start);
        if si != sentence {
            one_attribution_per_token(doc, &mut out[first..]);
            (sentence, first) = (si, out.len());
        }
        let known = ctx.rule_for(d.cue).is_some();
        let needed = if known {
            -model.rule_cue_margin
        } else {
            model.new_cue_margin
        };
        if d.margin < needed {
            continue;
        }
        let rule_cue = ctx.rule_for(d.cue).map(|k| rules[k].cue);
        let cue = without_writer_words(doc, d.cue, known).and_then(|c| trim(doc, c));
        let Some(cue) = cue.or(rule_cue) else {
            continue;
        };
        let source = d.source.and_then(|r| trim(doc, r));
        // "They're saying": a contracted subject is the source, not the cue.
        let (cue, mut source) = match subject_in_cue(doc, cue) {
            Some(subject) => (
                TokRange::new(subject.end, cue.end),
                source.or(Some(subject)),
            ),
            None => (cue, source),
        };
        let content = d.content.and_then(|r| trim_content(doc, r));
        if !known && not_a_report(doc, cue, source) {
            continue;
        }
        // "We're told that…": the rules read a passive with no agent; the
        // writer is not its source.
        if source.is_some_and(|s| s.len() == 1 && writer_or_reader(doc, s.start)) {
            source = None;
        }
        out.push(assemble(&ctx, &rules, si, cue, source, content));
    }
    one_attribution_per_token(doc, &mut out[first..]);
    out
}

/// One cue as the taggers read it, before the rules have their say.
pub(crate) struct Decoded {
    pub(crate) cue: TokRange,
    /// See `cue_spans`: positive for the cues the model chose, negative for
    /// the rules' cues it passed over.
    pub(crate) margin: f32,
    pub(crate) source: Option<TokRange>,
    pub(crate) content: Option<TokRange>,
}

/// Both taggers over the whole text, in text order.
pub(crate) fn decode(model: &Model, ctx: &Context) -> Vec<Decoded> {
    let mut feats = Vec::new();
    let mut emit = Vec::new();
    let mut out = Vec::new();
    for s in &ctx.doc.sentences {
        for (cue, margin) in cue_spans(model, ctx, s.tok_start, s.tok_end, &mut feats, &mut emit) {
            let (source, content) = roles(model, ctx, cue, &mut feats, &mut emit);
            out.push(Decoded {
                cue,
                margin,
                source,
                content,
            });
        }
    }
    out
}

/// A span without the commas, colons and dashes at its edges: PolNeAR's
/// annotators sometimes took them in, a reader does not want them painted.
/// A full stop goes only from a content's end: a source may end "Pa.".
fn trim(doc: &Doc, r: TokRange) -> Option<TokRange> {
    trim_edges(doc, r, false)
}

fn trim_content(doc: &Doc, r: TokRange) -> Option<TokRange> {
    trim_edges(doc, r, true)
}

fn trim_edges(doc: &Doc, r: TokRange, stop: bool) -> Option<TokRange> {
    let edge = |i: usize| {
        doc.tokens[i].kind == TokKind::Punct
            && (matches!(doc.tok_text(i), "," | ";" | ":" | "—" | "–" | "-")
                || stop && doc.tok_text(i) == ".")
    };
    let (mut a, mut b) = (r.start, r.end);
    while a < b && edge(a) {
        a += 1;
    }
    while b > a && edge(b - 1) {
        b -= 1;
    }
    (a < b).then(|| TokRange::new(a, b))
}

/// The cue without the writer's own claim words at its front: in "Khamenei
/// clearly accused…" the certainty is the writer's, and the unsourced stage
/// must see it. A cue the rules did not find that holds such a word at all
/// ("The regime is desperate to hide…": a motive stated as fact) is the
/// writer's claim, not a report: `None`.
fn without_writer_words(doc: &Doc, cue: TokRange, known: bool) -> Option<TokRange> {
    let reach = TokRange::new(cue.start, (cue.end + 3).min(doc.tokens.len()));
    let strong: Vec<TokRange> = signal::signals_in(doc, reach)
        .into_iter()
        .filter(|h| !h.mild && h.toks.start < cue.end)
        .map(|h| h.toks)
        .collect();
    if !known && !strong.is_empty() {
        return None;
    }
    let mut start = cue.start;
    for h in &strong {
        if h.start <= start && start < h.end {
            start = h.end;
        }
    }
    (start < cue.end).then(|| TokRange::new(start, cue.end))
}

/// A pronoun with its auxiliary contracted onto it ("They're", "He's")
/// opening a longer cue: PolNeAR spells these apart, so the model has
/// rarely seen them and takes the subject into the cue.
fn subject_in_cue(doc: &Doc, cue: TokRange) -> Option<TokRange> {
    let first = doc.lower(cue.start);
    let (word, rest) = first.split_once('\'')?;
    // Not "it": "It's believed that…" is the impersonal cue, whole.
    let pronoun = matches!(word, "he" | "she" | "they" | "we" | "i" | "you");
    (pronoun && !rest.is_empty() && cue.len() > 1).then(|| TokRange::new(cue.start, cue.start + 1))
}

/// "I", "we", "you" (also "I'm", "we're") outside a quotation: the writer
/// and the reader.
fn writer_or_reader(doc: &Doc, i: usize) -> bool {
    !doc.tokens[i].quoted && matches!(doc.lower(i).split('\'').next(), Some("i" | "we" | "you"))
}

/// What the project does not call an attribution though the corpus does:
/// the writer's or the reader's own view ("I think", "I'm sure that": the
/// writer's voice, which the claim signals judge) and a report that nothing
/// was said ("have not said when"). The rules never find these; the model,
/// trained on PolNeAR, would.
fn not_a_report(doc: &Doc, cue: TokRange, source: Option<TokRange>) -> bool {
    let writer = source.is_some_and(|s| s.len() == 1 && writer_or_reader(doc, s.start))
        || writer_or_reader(doc, cue.start);
    let negated = (cue.start.saturating_sub(1)..cue.end).any(|i| doc.has(i, class::NEG));
    writer || negated
}

/// Two cues sharing one subject ("accused the MEK of organizing the protests
/// and vowed to take revenge") are two attributions, and PolNeAR's never
/// share a token: the first content stops before "and vowed". A report
/// nested in a content with its own speaker ("said that aides told him…")
/// is left alone; on the held-out tenth, cutting those too cost more than
/// it gained.
fn one_attribution_per_token(doc: &Doc, atts: &mut [Attribution]) {
    for k in 1..atts.len() {
        let next = &atts[k];
        let shared = next.source.is_none_or(|s| Some(s) == atts[k - 1].source);
        let c0 = next.cue.start;
        if !shared || c0 == 0 || !doc.has(c0 - 1, class::CONJ) {
            continue;
        }
        let prev = &mut atts[k - 1];
        let Some(c) = prev.content else { continue };
        if c.start > prev.cue.start && c.start < c0 - 1 && c0 < c.end {
            prev.content = trim(doc, TokRange::new(c.start, c0 - 1));
        }
    }
}

/// The cue tagger over tokens `lo..hi` of one sentence: each cue it chose
/// and its margin, how much better the sentence's best reading is than the
/// best one without that cue; and each cue of the rules it passed over, with
/// how much worse the best reading with that cue is.
fn cue_spans(
    model: &Model,
    ctx: &Context,
    lo: usize,
    hi: usize,
    feats: &mut Vec<u32>,
    emit: &mut Vec<f32>,
) -> Vec<(TokRange, f32)> {
    let tags = cue_tag::COUNT;
    // Decoding, the lattice and its prefix and suffix scores: a few passes.
    ctx.doc.tick(4 * (hi - lo) as u64);
    emit.clear();
    emit.resize((hi - lo) * tags, 0.0);
    for i in lo..hi {
        feats.clear();
        ctx.cue_features(i, lo, hi, feats);
        model
            .cue
            .score(feats, &mut emit[(i - lo) * tags..(i - lo + 1) * tags]);
    }
    let trans = &model.cue.trans;
    let n = hi - lo;
    let path = tagger::viterbi(n, tags, emit, trans, |_, _| true);
    let best = tagger::path_score(&path, tags, emit, trans);
    let lattice = tagger::Lattice::new(n, tags, emit, trans);
    let outside = |c: TokRange| vec![cue_tag::O; c.len()];
    let inside = |c: TokRange| {
        let mut t = vec![cue_tag::I; c.len()];
        t[0] = cue_tag::B;
        t
    };
    let mut out: Vec<(TokRange, f32)> = spans_of(&path, lo)
        .into_iter()
        .map(|c| {
            ctx.doc.tick(c.len() as u64);
            (c, best - lattice.best_with(c.start - lo, &outside(c)))
        })
        .collect();
    // The rules' cues the model passed over, with how much worse it reads
    // the sentence with them: a negative margin.
    for c in ctx.rule_cues(lo, hi) {
        if out.iter().any(|(d, _)| d.start < c.end && c.start < d.end) {
            continue;
        }
        ctx.doc.tick(c.len() as u64);
        out.push((c, lattice.best_with(c.start - lo, &inside(c)) - best));
    }
    out.sort_by_key(|(c, _)| c.start);
    out
}

/// Cue spans from a B/I/O path starting at token `lo`.
pub(crate) fn spans_of(path: &[u8], lo: usize) -> Vec<TokRange> {
    let mut out: Vec<TokRange> = Vec::new();
    for (k, &t) in path.iter().enumerate() {
        match t {
            cue_tag::B => out.push(TokRange::new(lo + k, lo + k + 1)),
            cue_tag::I => {
                if let Some(last) = out.last_mut() {
                    last.end = lo + k + 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// The tokens the role tagger reads for `cue`: its sentence and up to
/// `WINDOW_SENTENCES` on either side in the same block.
pub(crate) fn window(doc: &Doc, ctx: &Context, cue: TokRange) -> TokRange {
    let si = ctx.sentence_of(cue.start);
    let block = &doc.blocks[doc.sentences[si].block];
    let first = si.saturating_sub(WINDOW_SENTENCES).max(block.sent_start);
    let last = (si + WINDOW_SENTENCES).min(block.sent_end - 1);
    let start = doc.sentences[first]
        .tok_start
        .max(cue.start.saturating_sub(WINDOW_TOKENS));
    let end = doc.sentences[last].tok_end.min(cue.end + WINDOW_TOKENS);
    TokRange::new(start, end)
}

/// The role tagger's path over the window of `cue`.
fn role_path(
    model: &Model,
    ctx: &Context,
    cue: TokRange,
    win: TokRange,
    feats: &mut Vec<u32>,
    emit: &mut Vec<f32>,
) -> Vec<u8> {
    let tags = role_tag::COUNT;
    let between = Between::new(ctx, win, cue);
    emit.clear();
    emit.resize(win.len() * tags, 0.0);
    for i in win.start..win.end {
        if cue.contains(i) {
            continue;
        }
        feats.clear();
        ctx.role_features(i, cue, &between, feats);
        let at = (i - win.start) * tags;
        model.role.score(feats, &mut emit[at..at + tags]);
    }
    tagger::viterbi(win.len(), tags, emit, &model.role.trans, |pos, tag| {
        tagger::role_allowed(cue.contains(win.start + pos), tag)
    })
}

/// The source and content of `cue`, as the role tagger reads them.
fn roles(
    model: &Model,
    ctx: &Context,
    cue: TokRange,
    feats: &mut Vec<u32>,
    emit: &mut Vec<f32>,
) -> (Option<TokRange>, Option<TokRange>) {
    let win = window(ctx.doc, ctx, cue);
    let path = role_path(model, ctx, cue, win, feats, emit);
    role_spans(&path, win.start, cue)
}

/// A source and a content from a role path starting at token `lo`: the
/// source run nearest the cue, and the content from its first token to its
/// last (a quotation the cue interrupts, "“…,” he said, “…”", is one
/// content).
pub(crate) fn role_spans(
    path: &[u8],
    lo: usize,
    cue: TokRange,
) -> (Option<TokRange>, Option<TokRange>) {
    let mut sources: Vec<TokRange> = Vec::new();
    let mut content: Option<TokRange> = None;
    for (k, &t) in path.iter().enumerate() {
        let i = lo + k;
        match t {
            role_tag::SOURCE_B => sources.push(TokRange::new(i, i + 1)),
            role_tag::SOURCE_I => {
                if let Some(s) = sources.last_mut() {
                    s.end = i + 1;
                }
            }
            role_tag::CONTENT_B | role_tag::CONTENT_I => {
                content = Some(match content {
                    Some(c) => TokRange::new(c.start, i + 1),
                    None => TokRange::new(i, i + 1),
                });
            }
            _ => {}
        }
    }
    let distance = |s: &TokRange| {
        if s.end <= cue.start {
            cue.start - s.end
        } else {
            s.start.saturating_sub(cue.end)
        }
    };
    let source = sources.into_iter().min_by_key(distance);
    (source, content)
}

/// An attribution from the model's spans, keeping what the rules knew of
/// the same cue.
fn assemble(
    ctx: &Context,
    rules: &[Attribution],
    si: usize,
    cue: TokRange,
    source: Option<TokRange>,
    content: Option<TokRange>,
) -> Attribution {
    let overlaps = |a: Option<TokRange>, b: Option<TokRange>| match (a, b) {
        (Some(a), Some(b)) => a.start < b.end && b.start < a.end,
        _ => false,
    };
    if let Some(k) = ctx.rule_for(cue) {
        let r = &rules[k];
        let source = widen_source(source, r.source);
        let content = run_on(ctx, content, r.content);
        let same_source = overlaps(r.source, source);
        return Attribution {
            cue,
            source,
            content,
            impersonal: r.impersonal && source.is_none(),
            antecedent: r.antecedent.filter(|_| same_source),
            agentless: r.agentless && source.is_none(),
            sentence: si,
            signals: Vec::new(),
            ..r.clone()
        };
    }
    let (lemma, cue_tags) = reading(ctx.doc, cue);
    Attribution {
        cue,
        cue_tags,
        lemma,
        source,
        content,
        kind: SourceKind::Named,
        resolved: None,
        impersonal: false,
        antecedent: None,
        agentless: source.is_none(),
        sentence: si,
        signals: Vec::new(),
    }
}

/// The rules' source where it holds the model's and says more ("The union,
/// which endorsed Clinton" where the model stopped at "The union").
fn widen_source(model: Option<TokRange>, rule: Option<TokRange>) -> Option<TokRange> {
    match (model, rule) {
        (Some(m), Some(r)) if r.start <= m.start && m.end <= r.end => Some(r),
        _ => model,
    }
}

/// The model's content, carried on over the sentences the rules' content
/// runs on to: the role tagger reads two sentences either side of its cue
/// and no further, while the rules follow a quotation to its closing mark,
/// paragraphs away. Where the model found no content, the rules' stands.
/// On the held-out tenth: content exact-match F1 0.512 → 0.537, overlap
/// 0.778 → 0.807.
fn run_on(ctx: &Context, model: Option<TokRange>, rule: Option<TokRange>) -> Option<TokRange> {
    let (Some(m), Some(r)) = (model, rule) else {
        return model.or(rule);
    };
    if !(m.start < r.end && r.start < m.end) {
        return model;
    }
    let sentence = |i: usize| ctx.sentence_of(i);
    let start = if r.start < m.start && sentence(r.start) != sentence(m.start) {
        r.start
    } else {
        m.start
    };
    let end = if r.end > m.end && sentence(r.end - 1) != sentence(m.end - 1) {
        r.end
    } else {
        m.end
    };
    Some(TokRange::new(start, end))
}

/// The lexicon's reading of a cue the rules did not find: the first word
/// of it the cue list knows, else a plain report.
fn reading(doc: &Doc, cue: TokRange) -> (&'static str, u16) {
    let lex = lexicon::get();
    (cue.start..cue.end)
        .filter(|&i| doc.tokens[i].kind == TokKind::Word)
        .find_map(|i| lex.cue(doc.lower(i)).first())
        .map_or(("", lexicon::tag::SPEECH), |c| (c.lemma, c.tags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads() {
        assert!(shipped().is_ok(), "{:?}", shipped().err());
    }

    /// A model file cut short or with a byte changed anywhere is refused
    /// with a reason, never a panic: the extension then says the core
    /// failed to load instead of dying.
    #[test]
    fn damaged_files_are_refused() {
        for len in [0, 3, 8, 12, 20, 100, SHIPPED.len() / 2, SHIPPED.len() - 1] {
            let e = Model::from_bytes(&SHIPPED[..len]).err().expect("refused");
            assert!(e.to_string().contains("cannot be loaded"), "{e}");
        }
        for at in (0..SHIPPED.len()).step_by(SHIPPED.len() / 97 + 1) {
            let mut bad = SHIPPED.to_vec();
            bad[at] ^= 0x5a;
            assert!(Model::from_bytes(&bad).is_err(), "byte {at} changed");
        }
        let e = Model::from_bytes(b"not a model at all, just some text")
            .err()
            .unwrap();
        assert!(e.to_string().contains("not a Who Says? model"), "{e}");
    }
}

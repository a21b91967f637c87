//! Both taggers over a document: the cue tagger sentence by sentence, then
//! the role tagger around each cue. Training decodes with these same
//! functions (through `training`), so what is learned and what is shipped
//! read a text alike.

use super::features::{Between, Context};
use super::tagger::{self, cue_tag, role_tag};
use super::Model;
use crate::text::{Doc, TokRange};

/// How far around its cue a content may run: the newspaper quotation that
/// goes on for a sentence or two, or starts before "he said".
const WINDOW_SENTENCES: usize = 2;
/// And at most this many tokens each way, so a cue in a huge paragraph
/// costs the same as one in a normal one.
const WINDOW_TOKENS: usize = 80;

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

/// The cue tagger over tokens `lo..hi` of one sentence: each cue it chose
/// and its margin, how much better the sentence's best reading is than the
/// best one without that cue; and each cue of the rules it passed over, with
/// how much worse the best reading with that cue is.
pub(crate) fn cue_spans(
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

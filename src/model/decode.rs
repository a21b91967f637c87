//! Both taggers over a document: the cue tagger sentence by sentence, then
//! the role tagger around each cue. Training decodes with these same
//! functions (through `training`), so what is learned and what is shipped
//! read a text alike.

use super::features::{Between, Context, Place};
use super::tagger::{self, cue_tag, role_tag};
use super::Model;
use crate::text::{Doc, TokRange};

/// How far around its cue a content may run: the newspaper quotation that
/// goes on for a sentence or two, or starts before "he said".
const WINDOW_SENTENCES: usize = 1;
/// And at most this many tokens each way, so a cue in a huge paragraph
/// costs the same as one in a normal one.
const WINDOW_TOKENS: usize = 80;

/// One cue as the taggers read it, before the rules have their say.
pub(crate) struct Decoded {
    pub(crate) cue: TokRange,
    /// The rules' attribution with this cue (`Context::rule_for`), if any.
    pub(crate) rule: Option<usize>,
    pub(crate) source: Option<TokRange>,
    pub(crate) content: Option<TokRange>,
}

/// Both taggers over the whole text, in text order: the role tagger only
/// for the cues `keep` accepts (it is given whether the rules found the cue
/// too, and the margin of `cue_spans`: positive for the cues the model
/// chose, negative for the rules' cues it passed over), as the rest are
/// dropped whatever their roles.
pub(crate) fn decode(
    model: &Model,
    ctx: &Context,
    keep: impl Fn(bool, f32) -> bool,
) -> Vec<Decoded> {
    let mut bufs = Buffers::default();
    let mut memo = TokenScores::default();
    let mut out = Vec::new();
    for s in &ctx.doc.sentences {
        for (cue, margin) in cue_spans(model, ctx, s.tok_start, s.tok_end, &mut bufs) {
            let rule = ctx.rule_for(cue);
            if !keep(rule.is_some(), margin) {
                continue;
            }
            let (source, content) = roles(model, ctx, cue, rule, &mut memo, &mut bufs);
            out.push(Decoded {
                cue,
                rule,
                source,
                content,
            });
        }
    }
    out
}

/// Scratch space reused from token to token and cue to cue.
#[derive(Default)]
pub(crate) struct Buffers {
    feats: Vec<u32>,
    sums: Vec<i64>,
    emit: Vec<f32>,
    /// A cue's sums of `Context::role_cue_features` by place (`role_path`).
    by_place: Vec<Option<RoleSums>>,
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
    bufs: &mut Buffers,
) -> Vec<(TokRange, f32)> {
    let tags = cue_tag::COUNT;
    // Decoding, the lattice and its prefix and suffix scores: a few passes.
    ctx.doc.tick(4 * (hi - lo) as u64);
    let Buffers {
        feats, sums, emit, ..
    } = bufs;
    emit.clear();
    for i in lo..hi {
        feats.clear();
        ctx.cue_features(i, lo, hi, feats);
        sums.clear();
        sums.resize(tags, 0);
        model.cue.score(feats, sums);
        emit.extend(sums.iter().map(|&x| tagger::emission(x)));
    }
    let emit = &emit[..];
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

/// The role tagger's sums of each token's own features
/// (`Context::role_token_features`), by side of the cue, for the tokens of
/// the current window onwards. Cues come in text order and their windows
/// only move forward, so the tokens behind a window are dropped.
#[derive(Default)]
struct TokenScores {
    /// The token of `sums[0]`.
    from: usize,
    /// Per token: before the cue, after it; `None` until first needed.
    sums: Vec<[Option<RoleSums>; 2]>,
}

type RoleSums = [i64; role_tag::COUNT];

impl TokenScores {
    fn cover(&mut self, win: TokRange) {
        let gone = win.start.saturating_sub(self.from).min(self.sums.len());
        self.sums.drain(..gone);
        self.from = win.start;
        if self.sums.len() < win.len() {
            self.sums.resize(win.len(), [None, None]);
        }
    }

    fn get(
        &mut self,
        model: &Model,
        ctx: &Context,
        i: usize,
        side: u64,
        feats: &mut Vec<u32>,
    ) -> RoleSums {
        *self.sums[i - self.from][side as usize - 1].get_or_insert_with(|| {
            feats.clear();
            ctx.role_token_features(i, side, feats);
            let mut sums = [0; role_tag::COUNT];
            model.role.score(feats, &mut sums);
            sums
        })
    }
}

/// The role tagger's path over the window of `cue`. A token's score is
/// the sum of three parts, each from its own features: the token's own
/// (kept across cues), the cue's at the token's place (kept for the cue),
/// and the rest. In fixed point the order of a sum does not matter.
/// `this_rule`: the rules' attribution with this cue (`Context::rule_for`).
fn role_path(
    model: &Model,
    ctx: &Context,
    cue: TokRange,
    this_rule: Option<usize>,
    win: TokRange,
    memo: &mut TokenScores,
    bufs: &mut Buffers,
) -> Vec<u8> {
    let tags = role_tag::COUNT;
    let between = Between::new(ctx, win, cue);
    memo.cover(win);
    let Buffers {
        feats,
        emit,
        by_place,
        ..
    } = bufs;
    by_place.clear();
    by_place.resize(Place::COUNT, None);
    emit.clear();
    emit.resize(win.len() * tags, 0.0);
    for i in win.start..win.end {
        if cue.contains(i) {
            continue;
        }
        let place = ctx.place(i, cue);
        let mut sums = memo.get(model, ctx, i, place.side, feats);
        let shared = by_place[place.index()].get_or_insert_with(|| {
            feats.clear();
            ctx.role_cue_features(cue, place, feats);
            let mut s = [0; role_tag::COUNT];
            model.role.score(feats, &mut s);
            s
        });
        for (s, x) in sums.iter_mut().zip(shared.iter()) {
            *s += x;
        }
        feats.clear();
        ctx.role_features(i, cue, this_rule, &between, feats);
        model.role.score(feats, &mut sums);
        let at = (i - win.start) * tags;
        for (e, &x) in emit[at..at + tags].iter_mut().zip(&sums) {
            *e = tagger::emission(x);
        }
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
    rule: Option<usize>,
    memo: &mut TokenScores,
    bufs: &mut Buffers,
) -> (Option<TokRange>, Option<TokRange>) {
    let win = window(ctx.doc, ctx, cue);
    let path = role_path(model, ctx, cue, rule, win, memo, bufs);
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

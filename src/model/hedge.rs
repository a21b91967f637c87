//! The trained hedge detector: which sentences hedge or blur who says
//! what (*may have been*, *some critics*, *is widely regarded*, *famed*),
//! and which words do it.
//!
//! The signal lists (`src/lexicon/signals.txt`) find candidates; a linear
//! model over hashed features of every word (the word and the next, its
//! suffix and shape, the lexicon's classes, the lists' hits on it) weighs
//! how much each word makes its sentence uncertain. A sentence whose
//! evidence, summed, reaches `threshold` is uncertain. It was trained
//! (`train/src/hedges.rs`) on Wikipedia sentences labelled certain or
//! uncertain (CoNLL-2010) and, word by word, on the speculation cues of the
//! Szeged Uncertainty Corpus and FactBank's news; see `MODEL_CARD.md`.
//!
//! What the model decides, in a sentence the lists read:
//!
//! - in a sentence it reads as certain, the lists' mild hedges and weasel
//!   words ("some", "generally") are not signals;
//! - in one it reads as uncertain, they are, and so is every word whose
//!   own evidence reaches `paint` that the lists do not hold ("veritable",
//!   "may well"), as a mild signal. Where neither gives a hedge or weasel
//!   word, none is painted: the word that merely weighs most is noise to a
//!   reader ("president", "that", "has");
//! - every other signal is the lists' alone: the unsourced stage builds its
//!   claims on them.

use std::sync::OnceLock;

use super::features::{for_bits, hash_str, Sink, OUTSIDE};
use super::file::{self, ModelError};
use super::tagger::{emission, Tagger};
use crate::finding::SignalKind;
use crate::lexicon::{self, class};
use crate::signal::{self, SignalHit};
use crate::text::{Doc, TokKind, TokRange};

/// The hedge features' version: bump it whenever a feature changes.
pub const FEATURE_SET: u32 = 1;

const MAGIC: &[u8; 8] = b"WSAYHDGE";

const SHIPPED: &[u8] = include_bytes!("hedge.model");

/// The weight of each feature (stored as a one-tag tagger) and the two
/// settings that turn a sentence's evidence into signals.
pub struct HedgeModel {
    weights: Tagger,
    /// Below this evidence a sentence is certain: the lists' mild hedges
    /// and weasel words in it are not signals.
    certain_below: f32,
    /// From this evidence on a sentence is uncertain: the model's own cues
    /// in it are signals too.
    uncertain_from: f32,
}

/// The evidence a word needs to be painted as a cue of its own.
const PAINT: f32 = 1.0;

impl HedgeModel {
    /// Decode a hedge model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<HedgeModel, ModelError> {
        let (settings, mut taggers) = file::read_file(bytes, MAGIC, FEATURE_SET, &[1])
            .map_err(|why| ModelError(format!("the hedge model cannot be loaded: {why}")))?;
        Ok(HedgeModel {
            weights: taggers.pop().expect("one tagger"),
            certain_below: settings.0,
            uncertain_from: settings.1,
        })
    }
}

/// The hedge model compiled into this build, decoded on first use.
pub fn shipped() -> Result<&'static HedgeModel, &'static ModelError> {
    static MODEL: OnceLock<Result<HedgeModel, ModelError>> = OnceLock::new();
    MODEL
        .get_or_init(|| HedgeModel::from_bytes(SHIPPED))
        .as_ref()
}

#[cfg(feature = "train")]
/// Encode the hedge model's weights and its settings (`certain_below`,
/// `uncertain_from`).
pub fn write(weights: &super::file::TaggerWeights, settings: (f32, f32)) -> Vec<u8> {
    file::write_file(MAGIC, FEATURE_SET, settings, &[weights])
}

/// The claim signals of sentences, read with the hedge model when there is
/// one (without, the lists decide alone). Holds the buffers one sentence
/// after another reuses.
pub(crate) struct Hedges<'m> {
    model: Option<&'m HedgeModel>,
    scratch: Scratch,
}

#[derive(Default)]
struct Scratch {
    feats: Vec<u32>,
    words: Vec<u64>,
    hit_of: Vec<u8>,
    /// Each token's evidence.
    evidence: Vec<f32>,
}

impl<'m> Hedges<'m> {
    pub(crate) fn new(model: Option<&'m HedgeModel>) -> Hedges<'m> {
        Hedges {
            model,
            scratch: Scratch::default(),
        }
    }

    /// The signals of sentence tokens `s`, in text order.
    pub(crate) fn signals(&mut self, doc: &Doc, s: TokRange) -> Vec<SignalHit> {
        let hits = signal::signals_in(doc, s);
        let Some(model) = self.model else {
            return hits;
        };
        let sc = &mut self.scratch;
        let e = evidence(model, doc, s, &hits, sc);
        let weasel = |h: &SignalHit| matches!(h.kind, SignalKind::Hedge | SignalKind::Weasel);
        let certain = e < model.certain_below;
        let mut out: Vec<SignalHit> = hits
            .into_iter()
            .filter(|h| !(certain && h.mild && weasel(h)))
            .collect();
        if e < model.uncertain_from {
            return out;
        }
        let held = |out: &[SignalHit], i: usize| out.iter().any(|h| h.toks.contains(i));
        let found = out.len();
        for i in s.start..s.end {
            if sc.evidence[i - s.start] < PAINT || held(&out[..found], i) {
                continue;
            }
            // Neighbouring words of weight are one cue: "widely acclaimed".
            let grown = out.len() > found;
            match out.last_mut() {
                Some(h) if grown && h.toks.end == i => h.toks.end = i + 1,
                _ => out.push(SignalHit {
                    kind: SignalKind::Hedge,
                    toks: TokRange::new(i, i + 1),
                    mild: true,
                }),
            }
        }
        for h in &mut out[found..] {
            h.kind = kind_of(doc, h.toks);
        }
        out.sort_by_key(|h| h.toks.start);
        out
    }
}

/// A cue the lists do not have is a weasel when it names a vague crowd
/// ("numerous", "countless scholars"), otherwise a hedge.
fn kind_of(doc: &Doc, c: TokRange) -> SignalKind {
    let vague = class::VAGUE_QUANT | class::VAGUE_HEAD | class::VAGUE_ALONE;
    if (c.start..c.end).any(|i| doc.has(i, vague)) {
        SignalKind::Weasel
    } else {
        SignalKind::Hedge
    }
}

/// Only words outside quotations can be cues: a quotation is someone
/// else's wording, as the lists see it too.
fn scoreable(doc: &Doc, i: usize) -> bool {
    let t = &doc.tokens[i];
    t.kind == TokKind::Word && !t.quoted
}

/// The evidence of sentence tokens `s`, summed: its own features' and each
/// word's, which goes to `sc.evidence` (0 for a token that cannot be a cue).
fn evidence(
    model: &HedgeModel,
    doc: &Doc,
    s: TokRange,
    hits: &[SignalHit],
    sc: &mut Scratch,
) -> f32 {
    prepare(doc, s, hits, sc);
    doc.tick(s.len() as u64);
    // Each part in fixed point, as the taggers sum (`tagger::emission`).
    let mut one = [0i64];
    sc.feats.clear();
    sentence_features(doc, s, &mut sc.feats);
    model.weights.score(&sc.feats, &mut one);
    let mut total = emission(one[0]);
    sc.evidence.clear();
    for i in s.start..s.end {
        one[0] = 0;
        if scoreable(doc, i) {
            sc.feats.clear();
            features(doc, s, hits, sc, i);
            model.weights.score(&sc.feats, &mut one);
        }
        let e = emission(one[0]);
        sc.evidence.push(e);
        total += e;
    }
    total
}

/// What the features of a sentence share: each word's hash, and which of
/// the lists' hits holds each token.
fn prepare(doc: &Doc, s: TokRange, hits: &[SignalHit], sc: &mut Scratch) {
    sc.words.clear();
    sc.words
        .extend((s.start..s.end).map(|i| hash_str(doc.lower(i))));
    sc.hit_of.clear();
    sc.hit_of.resize(s.len(), u8::MAX);
    for (k, h) in hits.iter().enumerate().take(usize::from(u8::MAX)) {
        for i in h.toks.start.max(s.start)..h.toks.end.min(s.end) {
            sc.hit_of[i - s.start] = k as u8;
        }
    }
}

/// Features of the sentence as a whole: a bias, and its length in words.
fn sentence_features(doc: &Doc, s: TokRange, out: &mut Vec<u32>) {
    let words = (s.start..s.end).filter(|&i| scoreable(doc, i)).count();
    let bin = match words {
        0..=5 => 0,
        6..=10 => 1,
        11..=20 => 2,
        21..=35 => 3,
        _ => 4,
    };
    let mut f = Sink(out);
    f.add(100, 0, 0);
    f.add(101, bin, 0);
}

/// The features of word `i` of sentence `s` into `sc.feats`.
fn features(doc: &Doc, s: TokRange, hits: &[SignalHit], sc: &mut Scratch, i: usize) {
    let lex = lexicon::get();
    let t = &doc.tokens[i];
    let word = |d: isize| {
        let k = i as isize + d;
        if k >= s.start as isize && (k as usize) < s.end {
            sc.words[k as usize - s.start]
        } else {
            OUTSIDE
        }
    };
    // The lists' reading: the kind of hit holding the token, mild or not,
    // and whether the token opens it.
    let hit = |k: usize| {
        let at = sc.hit_of[k - s.start];
        hits.get(usize::from(at)).map_or(0, |h| {
            1 + h.kind as u64 * 4 + u64::from(h.mild) * 2 + u64::from(h.toks.start == k)
        })
    };
    let lower = doc.lower(i);
    let (w0, h0) = (word(0), hit(i));
    let mut f = Sink(&mut sc.feats);
    f.add(102, w0, 0);
    f.add(103, w0, word(1));
    if t.class & class::CUE != 0 {
        let tags = lex.cue(lower).iter().fold(0, |t, c| t | c.tags);
        for_bits(u64::from(tags), |b| f.add(107, b, 0));
    }
    if h0 != 0 {
        f.add(108, h0, 0);
        f.add(109, h0, w0);
    }
    if i > s.start && doc.has(i - 1, class::NEG) {
        f.add(110, w0, 0);
    }
}

#[cfg(feature = "train")]
/// The features of sentence tokens `s`: the sentence's own, and each
/// token's (empty for one that cannot be a cue), as training sees them.
pub(crate) fn features_of(doc: &Doc, s: TokRange) -> (Vec<u32>, Vec<Vec<u32>>) {
    let hits = signal::signals_in(doc, s);
    let mut sc = Scratch::default();
    prepare(doc, s, &hits, &mut sc);
    let mut own = Vec::new();
    sentence_features(doc, s, &mut own);
    let mut all = Vec::with_capacity(s.len());
    for i in s.start..s.end {
        sc.feats.clear();
        if scoreable(doc, i) {
            features(doc, s, &hits, &mut sc, i);
        }
        all.push(sc.feats.clone());
    }
    (own, all)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::super::parity::{read, texts};
    use super::*;

    #[derive(Deserialize)]
    struct Expected {
        cases: Vec<ExpectedCase>,
    }

    #[derive(Deserialize)]
    struct ExpectedCase {
        name: String,
        sentences: Vec<Sentence>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Sentence {
        start: u32,
        evidence: f32,
        words: Vec<f32>,
    }

    /// The shipped weights give, to the bit, the evidence the trainer
    /// computed on `tests/model/hedge-parity-texts.toml` with the weights as
    /// stored (`hedge-parity-expected.json`): a difference is an export,
    /// loading or feature bug, never a question of accuracy.
    #[test]
    fn shipped_model_computes_what_training_did() {
        let model = shipped().expect("the shipped hedge model loads");
        let texts = texts("hedge-parity-texts.toml");
        let expected: Expected =
            serde_json::from_str(&read("hedge-parity-expected.json")).expect("json");
        assert_eq!(
            texts.len(),
            expected.cases.len(),
            "retrain: the texts changed"
        );
        let mut cues = 0;
        for ((name, text), want) in texts.iter().zip(&expected.cases) {
            assert_eq!(*name, want.name, "retrain: the texts changed");
            let doc = Doc::from_plain(text);
            let mut sc = Scratch::default();
            let got: Vec<Sentence> = doc
                .sentences
                .iter()
                .map(|s| {
                    let r = TokRange::new(s.tok_start, s.tok_end);
                    let hits = signal::signals_in(&doc, r);
                    let evidence = evidence(model, &doc, r, &hits, &mut sc);
                    Sentence {
                        start: doc.tokens[r.start].start,
                        evidence,
                        words: sc.evidence.clone(),
                    }
                })
                .collect();
            cues += got
                .iter()
                .flat_map(|s| &s.words)
                .filter(|&&w| w >= PAINT)
                .count();
            assert_eq!(got, want.sentences, "case {name}");
        }
        // Parity on texts where no word weighs would prove little.
        assert!(cues >= 3, "only {cues} words of weight in the parity texts");
    }

    /// A hedge model file cut short or with a byte changed anywhere is
    /// refused with a reason naming it, never a panic.
    #[test]
    fn damaged_files_are_refused() {
        for len in [0, 3, 8, 12, 20, 100, SHIPPED.len() / 2, SHIPPED.len() - 1] {
            let e = HedgeModel::from_bytes(&SHIPPED[..len])
                .err()
                .expect("refused");
            assert!(
                e.to_string().contains("hedge model cannot be loaded"),
                "{e}"
            );
        }
        for at in (0..SHIPPED.len()).step_by(SHIPPED.len() / 97 + 1) {
            let mut bad = SHIPPED.to_vec();
            bad[at] ^= 0x5a;
            assert!(HedgeModel::from_bytes(&bad).is_err(), "byte {at} changed");
        }
        // The attribution model's file is not a hedge model.
        let e = HedgeModel::from_bytes(include_bytes!("attribution.model"))
            .err()
            .expect("refused");
        assert!(e.to_string().contains("not a Who Says? model"), "{e}");
    }
}

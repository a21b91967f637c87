//! The hedge model: a linear model over hashed word features, trained on
//! `DIR/hedges` (see its README) by logistic regression.
//!
//! Two kinds of supervision, for the same weights:
//!
//! - `wikiweasel-train.jsonl`: Wikipedia sentences labelled certain or
//!   uncertain (CoNLL-2010). A sentence's evidence is the sum of its words'
//!   (and its own features'), and the sentence's label is learned from it.
//! - `wikiweasel-cues.jsonl` (article text, not titles) and
//!   `factbank-news-cues.jsonl`: speculation cue spans (Szeged Uncertainty
//!   Corpus). Each word's own evidence is learned from whether it is in a
//!   cue, with a smaller weight (`TOKEN_WEIGHT`): these mark no weasel or
//!   peacock words, and `CUE_TYPES` says which speculation types count.
//!
//! The settings (`CERTAIN_BELOW`, `UNCERTAIN_FROM`, and the learner's)
//! were chosen by `--holdout`: ten-fold cross-validation over the labelled
//! sentences, each fold scored as `conll_score.py` scores the dev sample
//! (precision as if half were uncertain, as there), never on dev itself.

use std::fs;
use std::path::Path;

use serde::Deserialize;
use whosays::model::training::{
    emission, fixed, hedge_sentences, quantised, scan_text_with_both, write_hedges, HedgeSentence,
    TaggerWeights, BITS,
};
use whosays::model::{HedgeModel, Model};
use whosays::{Finding, FindingKind, SignalKind, SourceKind};

use crate::shuffled;

/// Passes over the data, and the learning rate of each step.
const EPOCHS: usize = 12;
const RATE: f64 = 0.05;
/// L2 regularisation, applied to a weight each time it is used.
const L2: f64 = 1e-3;
/// An uncertain sentence counts this many times a certain one: they are
/// 15 % of the labelled sentences.
const POSITIVE_WEIGHT: f64 = 3.0;
/// How much a word of the cue-span corpora teaches, against a sentence.
/// Held out, 0 and 0.01 score alike (F1 0.732, 0.731) and 0.1 or more
/// worse (0.715 at 0.1, 0.699 at 1): every word outside a speculation cue
/// is taught as certain, which these corpora do not say of weasel words.
const TOKEN_WEIGHT: f64 = 0.01;
/// Below this evidence a sentence is certain, from this on uncertain (see
/// `HedgeModel`). Held out: the best F1 of `GRID` (0.733, precision 0.775,
/// recall 0.695; the lists alone 0.683, 0.742, 0.633). Either part alone
/// did worse: only dropping the lists' mild words, F1 0.683; only adding
/// the model's cues, 0.710.
const CERTAIN_BELOW: f32 = -3.0;
const UNCERTAIN_FROM: f32 = -2.0;
/// Speculation cue types of the span corpora taught as cues: epistemic
/// modality and belief. Conditions ("if", "would", "unless") and
/// investigations ("whether") are not: the CoNLL-2010 labels do not call a
/// conditional uncertain.
const CUE_TYPES: &[&str] = &[
    "speculation_modal_probable",
    "speculation_modal_possible",
    "speculation_hypo_doxastic",
];
/// Weights smaller than this are dropped from the file.
const PRUNE: f32 = 0.01;
/// Folds of the cross-validation.
const FOLDS: usize = 10;

/// What a text teaches.
enum Gold {
    /// Uncertain (some cue, unmarked) or certain (none).
    Label(bool),
    /// Which tokens of each sentence are in a cue.
    Cues(Vec<Vec<bool>>),
}

struct Item {
    sentences: Vec<HedgeSentence>,
    gold: Gold,
}

#[derive(Deserialize)]
struct Labelled {
    sentence: String,
    label: String,
}

#[derive(Deserialize)]
struct CueSpan {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct CuedSentence {
    sentence: String,
    cues: Vec<CueSpan>,
    #[serde(default)]
    part: Option<String>,
}

#[derive(Deserialize)]
struct CuedDocument {
    sentences: Vec<CuedSentence>,
}

fn lines<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(k, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), k + 1))
        })
        .collect()
}

/// The labelled sentences, in file order.
fn labelled(dir: &Path) -> Result<Vec<(String, bool)>, String> {
    Ok(lines::<Labelled>(&dir.join("wikiweasel-train.jsonl"))?
        .into_iter()
        .map(|l| (l.sentence, l.label == "uncertain"))
        .collect())
}

/// The sentences with cue spans, Wikipedia's then FactBank's.
fn cued(dir: &Path) -> Result<Vec<CuedSentence>, String> {
    let mut out: Vec<CuedSentence> = lines::<CuedSentence>(&dir.join("wikiweasel-cues.jsonl"))?
        .into_iter()
        .filter(|s| s.part.as_deref() != Some("title"))
        .collect();
    for d in lines::<CuedDocument>(&dir.join("factbank-news-cues.jsonl"))? {
        out.extend(d.sentences);
    }
    Ok(out)
}

/// A sentence with cue spans, tagged over the core's tokens: a token that
/// overlaps a cue of the types taught is in it.
fn tagged(s: &CuedSentence) -> Item {
    let sentences = hedge_sentences(&s.sentence);
    // Cue offsets count code points; tokens, bytes.
    let byte_at: Vec<usize> = s
        .sentence
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.sentence.len()))
        .collect();
    let spans: Vec<(usize, usize)> = s
        .cues
        .iter()
        .filter(|c| CUE_TYPES.contains(&c.kind.as_str()))
        .filter_map(|c| Some((*byte_at.get(c.start)?, *byte_at.get(c.end)?)))
        .collect();
    let cues = sentences
        .iter()
        .map(|hs| {
            hs.tokens
                .iter()
                .map(|&(ts, te)| spans.iter().any(|&(a, b)| ts < b && a < te))
                .collect()
        })
        .collect();
    Item {
        sentences,
        gold: Gold::Cues(cues),
    }
}

/// Logistic regression by stochastic gradient descent, over the same
/// hashed buckets as the core's features.
struct Logistic {
    w: Vec<f64>,
    /// The bias of a word's own evidence, for the cue-span corpora only.
    token_bias: f64,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

impl Logistic {
    fn new() -> Logistic {
        Logistic {
            w: vec![0.0; 1 << BITS],
            token_bias: 0.0,
        }
    }

    fn sum(&self, fs: &[u32]) -> f64 {
        fs.iter().map(|&f| self.w[f as usize]).sum()
    }

    /// A text's evidence: every sentence's own and every word's.
    fn evidence(&self, sentences: &[HedgeSentence]) -> f64 {
        sentences
            .iter()
            .map(|hs| self.sum(&hs.own) + hs.features.iter().map(|f| self.sum(f)).sum::<f64>())
            .sum()
    }

    fn step(&mut self, fs: &[u32], g: f64) {
        for &f in fs {
            let w = &mut self.w[f as usize];
            *w += RATE * (g - L2 * *w);
        }
    }

    fn learn(&mut self, item: &Item) {
        match &item.gold {
            Gold::Label(uncertain) => {
                let p = sigmoid(self.evidence(&item.sentences));
                let g = if *uncertain {
                    POSITIVE_WEIGHT * (1.0 - p)
                } else {
                    -p
                };
                for hs in &item.sentences {
                    self.step(&hs.own, g);
                    for f in &hs.features {
                        self.step(f, g);
                    }
                }
            }
            Gold::Cues(cues) => {
                for (hs, cues) in item.sentences.iter().zip(cues) {
                    for (f, &cue) in hs.features.iter().zip(cues) {
                        if f.is_empty() {
                            continue;
                        }
                        let p = sigmoid(self.sum(f) + self.token_bias);
                        let g = TOKEN_WEIGHT * (f64::from(u8::from(cue)) - p);
                        self.token_bias += RATE * g;
                        self.step(f, g);
                    }
                }
            }
        }
    }

    /// The weights as the model file stores them: only those that matter.
    fn export(&self) -> TaggerWeights {
        let rows = self
            .w
            .iter()
            .enumerate()
            .filter(|(_, &w)| w.abs() >= f64::from(PRUNE))
            .map(|(b, &w)| (b as u32, vec![w as f32]))
            .collect();
        TaggerWeights {
            tags: 1,
            trans: vec![0.0; 2],
            rows,
        }
    }
}

/// Train on `items[k]` for the `k` that `keep` selects.
fn train(items: &[Item], keep: impl Fn(usize) -> bool) -> Logistic {
    let mut m = Logistic::new();
    for e in 0..EPOCHS {
        for k in shuffled(items.len(), 2000 + e as u64) {
            if keep(k) {
                m.learn(&items[k]);
            }
        }
    }
    m
}

/// Training instances: the labelled sentences, then every sentence with
/// cue spans.
fn items(labelled: &[(String, bool)], cued: &[CuedSentence]) -> Vec<Item> {
    let mut out: Vec<Item> = labelled
        .iter()
        .map(|(s, u)| Item {
            sentences: hedge_sentences(s),
            gold: Gold::Label(*u),
        })
        .collect();
    out.extend(cued.iter().map(tagged));
    out
}

/// Does `conll_score.py` read this finding as uncertain?
fn uncertain(f: &Finding) -> bool {
    let weasel = |k: SignalKind| matches!(k, SignalKind::Hedge | SignalKind::Weasel);
    f.kind == FindingKind::Hedge
        || f.kind == FindingKind::Attribution
            && f.source
                .as_ref()
                .is_some_and(|s| s.kind == SourceKind::Vague)
        || f.signals.iter().any(|s| weasel(s.kind))
}

/// Which of `sentences` a scan with the models flags (without a hedge
/// model: the lists alone), read as the scorer writes them: one paragraph
/// each.
fn flagged(model: &Model, hedges: Option<&HedgeModel>, sentences: &[&str]) -> Vec<bool> {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut at = 0;
    for s in sentences {
        let s = s.replace('\n', " ");
        starts.push(at);
        at += s.encode_utf16().count() + 2;
        text.push_str(&s);
        text.push_str("\n\n");
    }
    let mut out = vec![false; sentences.len()];
    for f in scan_text_with_both(model, hedges, &text) {
        if !uncertain(&f) {
            continue;
        }
        for start in std::iter::once(f.start).chain(f.signals.iter().map(|s| s.start)) {
            let k = starts.partition_point(|&s| s <= start) - 1;
            out[k] = true;
        }
    }
    out
}

/// Counts of a confusion table: true and false positives, false negatives,
/// true negatives.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    /// Recall, and precision as it would be with as many uncertain
    /// sentences as certain ones, as in the dev sample.
    fn balanced(&self) -> (f64, f64, f64) {
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let fpr = self.fp as f64 / (self.fp + self.tn).max(1) as f64;
        let p = if r + fpr > 0.0 { r / (r + fpr) } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// The settings tried by `--holdout`: (`certain_below`, `uncertain_from`).
const GRID: &[(f32, f32)] = &[
    (-2.0, -2.0),
    (-3.0, -2.0),
    (-4.0, -2.0),
    (-6.0, -2.0),
    (-3.0, -1.0),
    (-4.0, -1.0),
    (-6.0, -1.0),
    (-4.0, 0.0),
    (-6.0, 0.0),
    (-3.0, -3.0),
    (-4.0, -3.0),
    (-6.0, -3.0),
];

/// The best balanced F1 of a ranking by `score`, with its precision and
/// recall, and the recall where balanced precision is still 0.80.
fn ranking(scores: &[(f64, bool)]) -> ((f64, f64, f64), f64) {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut c = Counts {
        tn: scores.iter().filter(|s| !s.1).count(),
        fn_: scores.iter().filter(|s| s.1).count(),
        ..Counts::default()
    };
    let (mut best, mut at80) = ((0.0, 0.0, 0.0), 0.0);
    for &(_, gold) in &sorted {
        if gold {
            c.tp += 1;
            c.fn_ -= 1;
        } else {
            c.fp += 1;
            c.tn -= 1;
        }
        let (p, r, f) = c.balanced();
        if f > best.2 {
            best = (p, r, f);
        }
        if p >= 0.8 {
            at80 = r;
        }
    }
    (best, at80)
}

/// Ten-fold cross-validation over the labelled sentences: each fold's
/// sentences are scored with a model trained on the rest (and on every
/// sentence with cue spans), at every threshold of `GRID`. Writes nothing.
pub fn holdout(data: &Path, model: &Model) -> Result<(), String> {
    let dir = data.join("hedges");
    let labelled = labelled(&dir)?;
    let items = items(&labelled, &cued(&dir)?);
    let n = labelled.len();
    let mut counts = vec![Counts::default(); GRID.len()];
    let mut lists = Counts::default();
    let mut scores = vec![(0.0, false); n];
    for fold in 0..FOLDS {
        let m = train(&items, |k| k >= n || k % FOLDS != fold);
        let held: Vec<usize> = (0..n).filter(|k| k % FOLDS == fold).collect();
        for &k in &held {
            scores[k] = (m.evidence(&items[k].sentences), labelled[k].1);
        }
        let texts: Vec<&str> = held.iter().map(|&k| labelled[k].0.as_str()).collect();
        let weights = m.export();
        for (&k, p) in held.iter().zip(flagged(model, None, &texts)) {
            lists.add(labelled[k].1, p);
        }
        for (g, &settings) in GRID.iter().enumerate() {
            let hedges = HedgeModel::from_bytes(&write_hedges(&weights, settings))
                .map_err(|e| e.to_string())?;
            for (&k, p) in held.iter().zip(flagged(model, Some(&hedges), &texts)) {
                counts[g].add(labelled[k].1, p);
            }
        }
        eprintln!("fold {} of {FOLDS} done", fold + 1);
    }
    let ((p, r, f), at80) = ranking(&scores);
    eprintln!(
        "the model's evidence alone: best balanced p={p:.3} r={r:.3} f1={f:.3}; recall {at80:.3} at p 0.80"
    );
    let (p, r, f) = lists.balanced();
    eprintln!(
        "lists alone: balanced p={p:.3} r={r:.3} f1={f:.3} (tp {} fp {} fn {})",
        lists.tp, lists.fp, lists.fn_
    );
    for (g, (below, from)) in GRID.iter().enumerate() {
        let c = counts[g];
        let (p, r, f) = c.balanced();
        eprintln!(
            "certain below {below:4.1}, uncertain from {from:4.1}: balanced p={p:.3} r={r:.3} f1={f:.3} (tp {} fp {} fn {})",
            c.tp, c.fp, c.fn_
        );
    }
    Ok(())
}

/// Train on everything and write `hedge.model` to `out`, and the parity
/// fixtures beside `fixtures`.
pub fn train_all(data: &Path, out: &Path, fixtures: &Path) -> Result<(), String> {
    let dir = data.join("hedges");
    let items = items(&labelled(&dir)?, &cued(&dir)?);
    eprintln!("hedges: {} training texts", items.len());
    let weights = train(&items, |_| true).export();
    eprintln!("hedge weights: {}", weights.rows.len());
    let bytes = write_hedges(&weights, (CERTAIN_BELOW, UNCERTAIN_FROM));
    HedgeModel::from_bytes(&bytes).map_err(|e| e.to_string())?;
    crate::write_file(&out.join("hedge.model"), &bytes)?;
    let expected = parity(
        &fixtures.join("hedge-parity-texts.toml"),
        &quantised(&weights),
    )?;
    crate::write_file(
        &fixtures.join("hedge-parity-expected.json"),
        expected.as_bytes(),
    )
}

/// What training predicts on the parity texts: each sentence's evidence
/// and each word's, with the weights as stored.
fn parity(texts_toml: &Path, weights: &TaggerWeights) -> Result<String, String> {
    let texts = whosays::model::training::parity_texts(texts_toml)?;
    let mut dense = vec![0i32; 1 << BITS];
    for (b, w) in &weights.rows {
        dense[*b as usize] = fixed(w[0]);
    }
    // Summed in fixed point, as the core's `Tagger::score`.
    let sum = |fs: &[u32]| emission(fs.iter().map(|&f| i64::from(dense[f as usize])).sum());
    let mut cases = Vec::new();
    for (name, text) in &texts {
        let sentences: Vec<serde_json::Value> = hedge_sentences(text)
            .iter()
            .map(|hs| {
                let words: Vec<f32> = hs.features.iter().map(|f| sum(f)).collect();
                let total = words.iter().fold(sum(&hs.own), |t, &w| t + w);
                serde_json::json!({
                    "start": hs.tokens.first().map_or(0, |t| t.0),
                    "evidence": total,
                    "words": words,
                })
            })
            .collect();
        cases.push(serde_json::json!({"name": name, "sentences": sentences}));
    }
    let mut s = serde_json::to_string_pretty(&serde_json::json!({
        "note": "written by ./build.sh train (train/src/hedges.rs): the evidence training computes on tests/model/hedge-parity-texts.toml",
        "cases": cases,
    }))
    .map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}

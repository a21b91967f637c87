//! What the training code predicts, written down for the core's parity
//! test: if exporting, loading or scoring the weights ever goes wrong, the
//! shipped model stops predicting what training did and `cargo test` fails.

use std::path::Path;

use whosays::model::training::{
    cue_spans, parity_texts, prepare, role_allowed, role_spans, TaggerWeights,
};

use crate::corpus::Article;
use crate::perceptron::{decode_with, dense};

/// One text's attributions as (start, end) byte ranges.
type Spans = Vec<serde_json::Value>;

/// Decode `text` with the given (quantised) weights, as the core will.
fn attributions(
    text: &str,
    (cue, cd): (&TaggerWeights, &[i32]),
    (role, rd): (&TaggerWeights, &[i32]),
) -> Spans {
    prepare(text, |p| {
        let toks = p.tokens();
        let bytes = |r: (usize, usize)| [toks[r.0].0, toks[r.1 - 1].1];
        let mut out = Vec::new();
        for (lo, hi) in p.sentences() {
            let path = decode_with(cue, cd, &p.cue_features(lo, hi), |_, _| true);
            for c in cue_spans(&path, lo) {
                let win = p.window(c);
                let feats = p.role_features(c, win);
                let path = decode_with(role, rd, &feats, |pos, tag| {
                    let i = win.0 + pos;
                    role_allowed(c.0 <= i && i < c.1, tag)
                });
                let (s, k) = role_spans(&path, win.0, c);
                out.push(serde_json::json!({
                    "cue": bytes(c),
                    "source": s.map(bytes),
                    "content": k.map(bytes),
                }));
            }
        }
        out
    })
}

/// The expected attributions of every text in `texts_toml`, as JSON.
pub fn predict(
    texts_toml: &Path,
    cue: &TaggerWeights,
    role: &TaggerWeights,
) -> Result<String, String> {
    let (cd, rd) = (dense(cue), dense(role));
    let mut cases = Vec::new();
    for (name, text) in parity_texts(texts_toml)? {
        cases.push(serde_json::json!({
            "name": name,
            "attributions": attributions(&text, (cue, &cd), (role, &rd)),
        }));
    }
    let mut s = serde_json::to_string_pretty(&serde_json::json!({
        "note": "written by ./build.sh train (train/src/parity.rs): what training predicts on tests/model/parity-texts.toml",
        "cases": cases,
    }))
    .map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}

/// How many sentences of `articles` get the same cue tags from the trained
/// weights and from the weights as stored: what quantising costs.
pub fn agreement(
    articles: &[Article],
    trained: (&TaggerWeights, &TaggerWeights),
    stored: (&TaggerWeights, &TaggerWeights),
) -> (usize, usize) {
    let (td, sd) = (dense(trained.0), dense(stored.0));
    let (mut same, mut all) = (0, 0);
    for a in articles {
        prepare(&a.text, |p| {
            for (lo, hi) in p.sentences() {
                let f = p.cue_features(lo, hi);
                let x = decode_with(trained.0, &td, &f, |_, _| true);
                let y = decode_with(stored.0, &sd, &f, |_, _| true);
                same += usize::from(x == y);
                all += 1;
            }
        });
    }
    (same, all)
}

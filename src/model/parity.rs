//! The shipped model predicts what training predicted: the trainer decoded
//! `tests/model/parity-texts.toml` with the weights as stored and wrote the
//! spans to `parity-expected.json`. A difference here is a bug in exporting,
//! loading or computing features, never a question of accuracy. What is
//! compared is the taggers' reading, before the rules filter and trim it.

use serde::Deserialize;

use super::decode::decode;
use super::features::Context;
use super::{shipped, Model};
use crate::attribution;
use crate::text::{Doc, TokRange};

/// A file of `tests/model`.
pub(super) fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).expect(name)
}

/// The parity texts of `tests/model/{name}` (both models' files have this
/// shape), as (name, text) in file order.
pub(super) fn texts(name: &str) -> Vec<(String, String)> {
    super::parity_texts::parity_texts(&std::path::Path::new(DIR).join(name)).expect(name)
}

#[derive(Deserialize)]
struct Expected {
    cases: Vec<ExpectedCase>,
}

#[derive(Deserialize)]
struct ExpectedCase {
    name: String,
    attributions: Vec<Spans>,
}

#[derive(Deserialize, Debug, PartialEq, Eq)]
struct Spans {
    cue: [u32; 2],
    source: Option<[u32; 2]>,
    content: Option<[u32; 2]>,
}

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/model");

fn predicted(model: &Model, text: &str) -> Vec<Spans> {
    let doc = Doc::from_plain(text);
    let rules = attribution::find(&doc);
    let ctx = Context::new(&doc, &rules);
    let bytes = |r: TokRange| [doc.tokens[r.start].start, doc.tokens[r.end - 1].end];
    // The cues the tagger chose; those it passed over come from the rules.
    decode(model, &ctx, |_, margin| margin > 0.0)
        .into_iter()
        .map(|d| Spans {
            cue: bytes(d.cue),
            source: d.source.map(bytes),
            content: d.content.map(bytes),
        })
        .collect()
}

#[test]
fn shipped_model_predicts_what_training_did() {
    let model = shipped().expect("the shipped model loads");
    let texts = texts("parity-texts.toml");
    let expected: Expected = serde_json::from_str(&read("parity-expected.json")).expect("json");
    assert_eq!(
        texts.len(),
        expected.cases.len(),
        "retrain: the texts changed"
    );
    let mut found = 0;
    for ((name, text), want) in texts.iter().zip(&expected.cases) {
        assert_eq!(*name, want.name, "retrain: the texts changed");
        let got = predicted(model, text);
        assert_eq!(got, want.attributions, "case {name}");
        found += got.len();
    }
    // Parity on texts with nothing to find would prove little.
    assert!(found >= 10, "only {found} attributions in the parity texts");
}

//! Property tests: for any text, and any blocks with any roles, the scan
//! keeps the invariants of `tests/invariants`. Two kinds of input: arbitrary
//! Unicode, and text stitched from the pieces news prose and hostile pages
//! are made of (cues, names, quote marks, numbers, joiners, line breaks), which
//! reaches far more of the analysis than random characters do.

mod invariants;

use invariants::{scan_blocks_checked, scan_bytes_checked, scan_text_checked};
use proptest::prelude::*;
use whosays::{Block, Role};

/// Pieces that exercise the analysis: every frame of attribution, source
/// kinds, claim signals, quote marks of all kinds, abbreviations, numbers,
/// and the characters that break naive offset arithmetic.
const PIECES: &[&str] = &[
    "said",
    "says",
    "told",
    "claimed",
    "according to",
    "believes",
    "it is believed that",
    "reportedly",
    "the claim that",
    "warned",
    "added",
    "he",
    "she",
    "they",
    "who",
    "Smith",
    "Hassan Rouhani",
    "the Belgian authorities",
    "a senior official",
    "officials",
    "critics",
    "some say",
    "several analysts",
    "on condition of anonymity",
    "a 2019 UN report",
    "that",
    "the largest",
    "clearly",
    "probably",
    "might have been",
    "as we all know",
    "always",
    "desperate to",
    "tens of thousands",
    "30,000",
    "3.5",
    "12.5%",
    "$4 million",
    "1990s",
    "728 x 90",
    "July 20, 2018",
    "Mr.",
    "U.S.",
    "a.m.",
    "No. 5",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "''",
    "``",
    "«",
    "»",
    "„",
    ",",
    ".",
    "!",
    "?",
    "…",
    ":",
    ";",
    "—",
    "-",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "é",
    "e\u{301}",
    "\u{301}",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{feff}",
    "\0",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "🇧🇪",
    "👍🏽",
    "𝐀",
    "ǅ",
    "İ",
    "ß",
    "ﬁ",
];

fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..120).prop_map(|p| p.concat())
}

fn role() -> impl Strategy<Value = Role> {
    prop::sample::select(&Role::ALL[..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_unicode_text(text in any::<String>()) {
        scan_text_checked(&text);
    }

    #[test]
    fn any_bytes_as_text_and_blocks(data in prop::collection::vec(any::<u8>(), 0..512)) {
        scan_bytes_checked(&data);
    }

    #[test]
    fn newsy_text(text in newsy()) {
        scan_text_checked(&text);
    }

    #[test]
    fn newsy_blocks(blocks in prop::collection::vec((newsy(), role()), 0..8)) {
        let blocks: Vec<Block> = blocks
            .iter()
            .map(|(text, role)| Block { text, role: *role })
            .collect();
        scan_blocks_checked(&blocks);
    }
}

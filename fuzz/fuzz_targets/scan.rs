//! Fuzz both entry points, `scan_text` and `scan_blocks`, and check the
//! invariants every result must keep (`tests/invariants`): no panic, spans
//! in bounds, on UTF-16 boundaries, equal to their text, inside their
//! finding, findings ordered.
#![no_main]

use libfuzzer_sys::fuzz_target;
use whosays::{Block, Role};

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

const ROLES: [Role; 6] = [
    Role::Paragraph,
    Role::Heading,
    Role::Caption,
    Role::Byline,
    Role::Quote,
    Role::List,
];

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 never reaches the core (the CLI and the browser hand
    // it strings), but the replacement characters are worth feeding it.
    let text = String::from_utf8_lossy(data);
    invariants::scan_text_checked(&text);
    // The same bytes as page blocks: split at the record separator, with
    // a role picked by each block's length so that every role turns up.
    let blocks: Vec<Block> = text
        .split('\u{1e}')
        .map(|t| Block {
            text: t,
            role: ROLES[t.len() % ROLES.len()],
        })
        .collect();
    invariants::scan_blocks_checked(&blocks);
});

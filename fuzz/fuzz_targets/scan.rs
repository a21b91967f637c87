//! Fuzz both entry points, `scan_text` and `scan_blocks`, and check the
//! invariants every result must keep (`tests/invariants`): no panic, spans
//! in bounds, on UTF-16 boundaries, equal to their text, inside their
//! finding, findings ordered.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

// Invalid UTF-8 never reaches the core (the CLI and the browser hand it
// strings), but the replacement characters it decodes to are worth feeding.
fuzz_target!(|data: &[u8]| invariants::scan_bytes_checked(data));

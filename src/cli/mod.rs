//! The `whosays` command-line tool (minimal first version: plain text in,
//! JSON Lines out).

use std::process::ExitCode;

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with("--") && *a != "scan" && *a != "jsonl")
        .collect();
    let mut status = ExitCode::SUCCESS;
    for f in files {
        match std::fs::read_to_string(f) {
            Ok(text) => {
                let findings = crate::scan_text(&text);
                let line = serde_json::json!({"path": f, "findings": findings});
                println!("{line}");
            }
            Err(e) => {
                eprintln!("whosays: {f}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

//! The native half of `./build.sh bench`: throughput of the core on a
//! directory of `.txt` files, and scan time as the input grows 1×, 2×, 4×,
//! 8×. Prints one JSON object; `bench/bench.mjs` puts it beside the
//! WebAssembly and JavaScript figures measured on the same files.
//!
//!     cargo run --release --example bench -- CORPUS_DIR

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Whole passes over the corpus (and scans of each growth input); the
/// fastest counts, the others lost time to whatever else the machine did.
const ROUNDS: usize = 5;
/// Size of the 1× input of the growth series.
const GROWTH_BASE: usize = 1 << 20;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .expect("usage: bench CORPUS_DIR");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    assert!(!texts.is_empty(), "no .txt files in {}", dir.display());
    let bytes: usize = texts.iter().map(String::len).sum();
    let utf16: usize = texts.iter().map(|t| t.encode_utf16().count()).sum();

    let mut findings = 0;
    let pass = |findings: &mut usize| {
        let start = Instant::now();
        *findings = texts.iter().map(|t| whosays::scan_text(t).len()).sum();
        start.elapsed()
    };
    pass(&mut findings); // warm-up: loads the lexicon, faults in memory
    let best = (0..ROUNDS).map(|_| pass(&mut findings)).min().unwrap();

    // Growth: the corpus's first megabyte (whole files), repeated.
    let mut base = String::new();
    for t in &texts {
        if base.len() >= GROWTH_BASE {
            break;
        }
        base.push_str(t);
        base.push_str("\n\n");
    }
    let growth: Vec<String> = [1, 2, 4, 8]
        .iter()
        .map(|&k| {
            let input = base.repeat(k);
            let time = (0..ROUNDS).map(|_| timed(&input)).min().unwrap();
            format!(
                r#"{{"factor":{k},"bytes":{},"ms":{:.3}}}"#,
                input.len(),
                ms(time)
            )
        })
        .collect();

    println!(
        r#"{{"engine":"native","files":{},"bytes":{bytes},"utf16":{utf16},"findings":{findings},"ms":{:.3},"mbps":{:.3},"growth":[{}]}}"#,
        texts.len(),
        ms(best),
        bytes as f64 / 1e6 / best.as_secs_f64(),
        growth.join(",")
    );
}

fn timed(text: &str) -> Duration {
    let start = Instant::now();
    std::hint::black_box(whosays::scan_text(std::hint::black_box(text)));
    start.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

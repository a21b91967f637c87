//! `whosays profile`: its columns (pinned: researchers' scripts read them by
//! name and position), the order of rows, error rows and exit status, and
//! totals that equal the findings `whosays scan` prints for the same files.
#![cfg(feature = "cli")]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CORPUS: &str = "tests/fixtures/corpus";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosays"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("whosays runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn jsonl(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

/// A scratch directory for one test, emptied first.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The columns in order, as the README lists them. Adding a column means
/// adding it here and there; renaming or moving one breaks readers.
const COLUMNS: &[&str] = &[
    "row",
    "path",
    "error",
    "files",
    "words",
    "sentences",
    "claim_sentences",
    "attributed_sentences",
    "attributed_share",
    "attributions",
    "attributions_named",
    "attributions_anonymous",
    "attributions_vague",
    "attributions_pronoun",
    "loaded_cues",
    "unsourced",
    "unsourced_per_1000_words",
    "unsourced_statistic",
    "unsourced_superlative",
    "unsourced_certainty",
    "unsourced_common_knowledge",
    "unsourced_hedge",
    "unsourced_weasel",
    "unsourced_generalization",
    "unsourced_motive",
    "unsourced_statistic_per_1000_words",
    "unsourced_superlative_per_1000_words",
    "unsourced_certainty_per_1000_words",
    "unsourced_common_knowledge_per_1000_words",
    "unsourced_hedge_per_1000_words",
    "unsourced_weasel_per_1000_words",
    "unsourced_generalization_per_1000_words",
    "unsourced_motive_per_1000_words",
    "hedged",
    "sources",
    "attributions_speech",
    "attributions_thought",
];

#[test]
fn csv_header_and_jsonl_keys_are_the_pinned_columns() {
    let csv = stdout(&run(&["profile", CORPUS]));
    assert_eq!(csv.lines().next().unwrap(), COLUMNS.join(","));
    for line in jsonl(&run(&["profile", "--format", "jsonl", CORPUS])) {
        let keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = COLUMNS.to_vec();
        want.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, want);
    }
}

#[test]
fn readme_lists_the_columns_in_order() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut at = 0;
    for c in COLUMNS {
        let needle = format!("| `{c}` |");
        let found = readme[at..].find(&needle).unwrap_or_else(|| {
            panic!("README's profile table lacks {needle} after the previous column")
        });
        at += found + needle.len();
    }
}

#[test]
fn a_directory_is_walked_in_path_order_for_text_and_html() {
    let rows = jsonl(&run(&["profile", "--format", "jsonl", CORPUS]));
    let paths: Vec<&str> = rows
        .iter()
        .map(|r| r["path"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        paths,
        [
            "tests/fixtures/corpus/city/bridge.txt",
            "tests/fixtures/corpus/city/schools.txt",
            "tests/fixtures/corpus/world/empty.txt",
            "tests/fixtures/corpus/world/harvest.html",
            "tests/fixtures/corpus/world/talks.txt",
            "",
        ],
        "README.md is not read; the total row comes last"
    );
    assert_eq!(rows.last().unwrap()["row"], "total");
    assert!(rows[..rows.len() - 1].iter().all(|r| r["row"] == "file"));
    // Parallel work does not change the rows: one worker gives the same.
    let one = stdout(&run(&[
        "profile", "--format", "jsonl", "--jobs", "1", CORPUS,
    ]));
    assert_eq!(one, stdout(&run(&["profile", "--format", "jsonl", CORPUS])));
}

#[test]
fn totals_equal_the_findings_scan_prints() {
    let rows = jsonl(&run(&["profile", "--format", "jsonl", CORPUS]));
    let files: Vec<&str> = rows.iter().filter_map(|r| r["path"].as_str()).collect();
    let mut args = vec!["scan", "--format", "jsonl"];
    args.extend(&files);
    let mut kinds: HashMap<String, u64> = HashMap::new();
    let mut classes: HashMap<String, u64> = HashMap::new();
    for line in jsonl(&run(&args)) {
        for f in line["findings"].as_array().unwrap() {
            if let Some(class) = f["cue"]["class"].as_str() {
                *classes.entry(format!("attributions_{class}")).or_default() += 1;
            }
            let key = match f["kind"].as_str().unwrap() {
                "attribution" => format!("attributions_{}", f["category"].as_str().unwrap()),
                "unsourced" => "unsourced".to_string(),
                "hedge" => "hedged".to_string(),
                other => panic!("unknown kind {other}"),
            };
            *kinds.entry(key).or_default() += 1;
        }
    }
    let total = rows.last().unwrap();
    for (key, n) in &kinds {
        assert_eq!(total[key].as_u64(), Some(*n), "{key}");
    }
    let attributions: u64 = kinds
        .iter()
        .filter(|(k, _)| k.starts_with("attributions_"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(total["attributions"].as_u64(), Some(attributions));
    for key in ["attributions_speech", "attributions_thought"] {
        let n = classes.get(key).copied().unwrap_or(0);
        assert_eq!(total[key].as_u64(), Some(n), "{key}");
    }
    assert_eq!(classes.values().sum::<u64>(), attributions);
    assert!(
        attributions > 10 && kinds["unsourced"] > 2,
        "the fixtures exercise the counts"
    );
    // The total row sums the file rows.
    for key in [
        "words",
        "sentences",
        "claim_sentences",
        "attributed_sentences",
        "unsourced_statistic",
    ] {
        let sum: u64 = rows[..rows.len() - 1]
            .iter()
            .map(|r| r[key].as_u64().unwrap())
            .sum();
        assert_eq!(total[key].as_u64(), Some(sum), "{key}");
    }
    assert_eq!(total["files"], 5);
}

#[test]
fn a_bad_file_is_a_row_with_its_error_and_the_rest_complete() {
    let dir = scratch_dir("profile-bad-file");
    std::fs::write(dir.join("a.txt"), "Jane Smith said the plan failed.").unwrap();
    std::fs::write(dir.join("b.txt"), b"\x7fELF\x02\x01\x01\x00\x00binary").unwrap();
    std::fs::write(dir.join("c.txt"), "It is the largest deficit in history.").unwrap();
    let dir = dir.to_str().unwrap();
    let out = run(&["profile", "--format", "jsonl", dir]);
    assert_eq!(out.status.code(), Some(1));
    let rows = jsonl(&out);
    assert_eq!(rows.len(), 4);
    assert!(rows[1]["error"].as_str().unwrap().contains("binary file"));
    assert_eq!(rows[1]["files"], 0);
    assert!(rows[1].get("words").is_none(), "an error row has no counts");
    assert!(rows[0]["error"].is_null() && rows[2]["error"].is_null());
    assert_eq!(rows[3]["files"], 2);
    assert_eq!(rows[3]["attributions"], 1);
    assert_eq!(rows[3]["unsourced"], 1);

    let csv = stdout(&run(&["profile", dir, "no-such-file.txt"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6, "header, four files, total");
    assert!(lines[4].starts_with("file,no-such-file.txt,no-such-file.txt: cannot read: "));
    assert_eq!(
        lines[4].split(',').count(),
        COLUMNS.len(),
        "an error row has every column"
    );
}

#[test]
fn csv_quotes_fields_and_lists_the_most_cited_sources() {
    let dir = scratch_dir("profile-csv-quoting");
    let path = dir.join("one, \"two\".txt");
    std::fs::write(
        &path,
        "Jane Smith said the plan failed. Smith said it cost too much.",
    )
    .unwrap();
    let csv = stdout(&run(&["profile", path.to_str().unwrap()]));
    let row = csv.lines().nth(1).unwrap();
    let quoted = format!("\"{}\"", path.to_str().unwrap().replace('"', "\"\""));
    assert!(row.starts_with(&format!("file,{quoted},,1,")), "{row}");
    // The sources, then the two attributions by class, both speech.
    assert!(row.ends_with(",Jane Smith (2),2,0"), "{row}");
}

#[test]
fn nothing_but_rows_when_piped() {
    // No progress bar, no message: standard error stays empty.
    let out = run(&["profile", CORPUS, "tests/fixtures/seed-article.html"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn standard_input_and_forced_html() {
    let out = Command::new(env!("CARGO_BIN_EXE_whosays"))
        .args(["profile", "--format", "jsonl", "--input", "html", "-"])
        .stdin(
            std::fs::File::open(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(CORPUS)
                    .join("world/harvest.html"),
            )
            .unwrap(),
        )
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    let rows = jsonl(&out);
    assert_eq!(rows[0]["path"], "-");
    let file = jsonl(&run(&[
        "profile",
        "--format",
        "jsonl",
        "tests/fixtures/corpus/world/harvest.html",
    ]));
    assert_eq!(rows[0]["words"], file[0]["words"]);
    assert_eq!(rows[0]["attributions"], file[0]["attributions"]);
}

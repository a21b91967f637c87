//! Hostile input: whatever arrives, the scan finishes in time linear in the
//! input's size and its findings keep the invariants (`tests/invariants`).
//!
//! Linearity is checked without a clock: a case is scanned at size n and
//! 4n, and the core's work — tokens made and looked at, candidate frames
//! tried, counted by the `work-count` feature that `./build.sh test` turns
//! on — must grow at most 4.5×, not 16× as a quadratic would; so must the
//! output (deterministic too). Time is left to the benchmarks: with
//! `WHOSAYS_TIMING=1` (which `./build.sh bench` sets) the best of five scan
//! times must grow about 4× as well. A timing check in every test run would
//! fail on a busy machine for reasons that are not the code's.

mod invariants;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use invariants::{scan_blocks_checked, scan_bytes_checked, scan_text_checked};
use whosays::{Analysis, Block, Choice, Finding, Role};

const SEED: &str = include_str!("fixtures/seed-article.txt");

/// Timings are taken one case at a time: tests run on parallel threads, and
/// two scans sharing a core would skew each other's ratio.
static TIMING: Mutex<()> = Mutex::new(());

/// Grow the seed article (or any sample) to about `n` bytes.
fn grow(sample: &str, n: usize) -> String {
    let mut s = String::with_capacity(n + sample.len());
    while s.len() < n {
        s.push_str(sample);
    }
    s
}

/// `unit` repeated to about `n` bytes.
fn rep(unit: &str, n: usize) -> String {
    unit.repeat(n.div_ceil(unit.len()))
}

/// Bytes of span text a scan produced: the work of building the findings.
fn output_size(findings: &[Finding]) -> usize {
    findings
        .iter()
        .map(|f| {
            f.text.len()
                + f.cue.as_ref().map_or(0, |c| c.text.len())
                + f.source.as_ref().map_or(0, |s| s.text.len())
                + f.content.as_ref().map_or(0, |c| c.text.len())
                + f.signals.iter().map(|s| s.text.len()).sum::<usize>()
                + f.explanation.len()
        })
        .sum()
}

fn scan_time(text: &str) -> Duration {
    let t = Instant::now();
    std::hint::black_box(whosays::scan_text(std::hint::black_box(text)));
    t.elapsed()
}

/// The steps of work a scan took, when the tests are built to count them.
#[cfg(feature = "work-count")]
fn work(a: &Analysis) -> Option<u64> {
    Some(a.work)
}

#[cfg(not(feature = "work-count"))]
fn work(_: &Analysis) -> Option<u64> {
    None
}

/// Plain text scanned, its findings checked against the invariants.
fn text_analysis(text: &str) -> Analysis {
    let a = whosays::scan_text_in(text, Choice::Auto);
    invariants::check(text, &a.findings);
    a
}

/// At most this much more work (and output) for 4× the input: linear,
/// with room for a constant share that does not grow.
const GROWTH_4X: f64 = 4.5;

/// Scan `make(n)` and `make(4n)`, check the invariants on both, and check
/// that work and output (and, with `WHOSAYS_TIMING` set, time) grow linearly. `n` starts at `start` bytes and
/// doubles until a scan takes long enough to time; the two sizes are then
/// timed alternately, best of five, so that load from elsewhere on the
/// machine weighs on both alike.
fn assert_linear(start: usize, make: impl Fn(usize) -> String) {
    let _serial = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let mut n = start;
    let small = loop {
        let small = make(n);
        if scan_time(&small).min(scan_time(&small)) >= Duration::from_millis(10) || n >= 4 << 20 {
            break small;
        }
        n *= 2;
    };
    let big = make(4 * n);
    assert_linear_scans(small.as_str(), &big, str::len, text_analysis);
    if std::env::var_os("WHOSAYS_TIMING").is_none() {
        return;
    }
    let ratio = big.len() as f64 / small.len() as f64;
    let (mut small_time, mut big_time) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        small_time = small_time.min(scan_time(&small));
        big_time = big_time.min(scan_time(&big));
    }
    let time_ratio = big_time.as_secs_f64() / small_time.as_secs_f64();
    assert!(
        time_ratio <= 2.5 * ratio,
        "scan time grew {time_ratio:.1}× ({small_time:?} to {big_time:?}) for {ratio:.1}× the input"
    );
}

/// Work and output of `small` and `big` (about 4× its `size`) grow in proportion.
fn assert_linear_scans<T: ?Sized>(
    small: &T,
    big: &T,
    size: impl Fn(&T) -> usize,
    scan: impl Fn(&T) -> Analysis,
) {
    let (a, b) = (scan(small), scan(big));
    let ratio = size(big) as f64 / size(small) as f64;
    let allowed = GROWTH_4X / 4.0 * ratio;
    let (small_out, big_out) = (output_size(&a.findings), output_size(&b.findings));
    assert!(
        big_out as f64 <= allowed * small_out as f64 + 4096.0,
        "output grew from {small_out} to {big_out} bytes for {ratio:.1}× the input"
    );
    if let (Some(small_work), Some(big_work)) = (work(&a), work(&b)) {
        assert!(
            big_work as f64 <= allowed * small_work as f64,
            "work grew {:.2}× ({small_work} to {big_work} steps) for {ratio:.1}× the input",
            big_work as f64 / small_work as f64
        );
    }
}

// A 10 MB article on one line: no block or line breaks to split work at.
#[test]
fn ten_megabytes_on_one_line() {
    let line = SEED.replace(['\n', '\r'], " ");
    let text = grow(&line, 10 << 20);
    assert!(!text.contains('\n'));
    let findings = scan_text_checked(&text);
    assert!(!findings.is_empty());
    let (small, big) = (grow(&line, 1 << 20), grow(&line, 4 << 20));
    assert_linear_scans(small.as_str(), &big, str::len, text_analysis);
}

// Realistic prose grows linearly (the baseline the other cases compare to).
#[test]
fn article_prose_is_linear() {
    assert_linear(64 << 10, |n| grow(SEED, n));
}

// A million straight double quotes, which open and close by guesswork.
#[test]
fn a_million_straight_quotes() {
    scan_text_checked(&"\"".repeat(1_000_000));
    assert_linear(64 << 10, |n| rep("\"", n));
}

// A million curly quotes that all open and never close.
#[test]
fn a_million_unclosed_quotes() {
    scan_text_checked(&"“".repeat(1_000_000));
    assert_linear(16 << 10, |n| rep("“a ", n));
}

// Closing quotes with nothing open, and single quotes left open.
#[test]
fn unbalanced_quotes() {
    assert_linear(16 << 10, |n| rep("” he said ’ ", n));
    assert_linear(16 << 10, |n| rep("‘ it was ", n));
    assert_linear(16 << 10, |n| rep("\"Yes,\" she said, \"", n));
}

// Quotes nested ever deeper, then all closed: one stack as deep as the input.
#[test]
fn deeply_nested_quotes() {
    assert_linear(16 << 10, |n| {
        let depth = n / 16;
        "“He said ‘".repeat(depth / 2) + &"’ ”".repeat(depth / 2)
    });
}

// Quotes running on over many paragraphs, as in long interviews.
#[test]
fn quotes_across_many_blocks() {
    assert_linear(16 << 10, |n| rep("“We won. They lost, he said.\n\n", n));
}

// A quoted statement attributed after each close: quote lookups per cue.
#[test]
fn many_attributed_quotes() {
    assert_linear(16 << 10, |n| rep("\"We won,\" he said. ", n));
}

// Cues with no sentence end: one sentence as long as the input.
#[test]
fn endless_sentence_of_cues() {
    assert_linear(8 << 10, |n| rep("he said ", n));
    assert_linear(8 << 10, |n| rep("according to officials ", n));
    assert_linear(8 << 10, |n| rep("Smith said they said ", n));
    assert_linear(8 << 10, |n| rep("it is believed that ", n));
}

// The article with every space and line break removed.
#[test]
fn no_spaces() {
    assert_linear(64 << 10, |n| {
        grow(&SEED.replace(char::is_whitespace, ""), n)
    });
    assert_linear(64 << 10, |n| rep("abc", n));
}

// Dotted acronyms chained without end (U.S.U.S.…), read as one word.
#[test]
fn endless_acronym() {
    assert_linear(4 << 10, |n| rep("U.S.", n));
    assert_linear(4 << 10, |n| rep("a.", n));
}

// The article in capitals: every word looks like a name.
#[test]
fn all_capitals() {
    assert_linear(64 << 10, |n| grow(&SEED.to_uppercase(), n));
}

// Only digits, run together and spaced, with separators between.
#[test]
fn only_digits() {
    assert_linear(64 << 10, |n| rep("1234567890", n));
    assert_linear(64 << 10, |n| rep("12 ", n));
    assert_linear(64 << 10, |n| rep("1,2.3:4/5-", n));
}

// Zero-width characters and bidi controls between every character.
#[test]
fn zero_width_and_bidi_controls() {
    let controls = [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{202A}', '\u{202B}',
        '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ];
    let salted: String = SEED
        .chars()
        .enumerate()
        .flat_map(|(k, c)| [c, controls[k % controls.len()]])
        .collect();
    assert_linear(64 << 10, |n| grow(&salted, n));
}

// NUL bytes, alone and between the article's words.
#[test]
fn nul_bytes() {
    scan_text_checked(&"\0".repeat(1 << 20));
    assert_linear(64 << 10, |n| grow(&SEED.replace(' ', "\0"), n));
}

// Combining marks with no base: at the start, after spaces, after quotes.
#[test]
fn lone_combining_marks() {
    scan_text_checked("\u{301}");
    assert_linear(16 << 10, |n| {
        rep("\u{301}\u{302} \u{301}“\u{301}. \u{20DD}", n)
    });
    assert_linear(16 << 10, |n| rep("\u{301}", n));
}

// Emoji sequences: ZWJ families, skin tones, flags, keycaps, tag sequences.
#[test]
fn emoji_sequences() {
    let emoji = "👩\u{200D}👩\u{200D}👧\u{200D}👦 👍🏽 🇧🇪🇫🇷 1\u{FE0F}\u{20E3} \
                 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} said 😀.";
    assert_linear(16 << 10, |n| rep(emoji, n));
    assert_linear(64 << 10, |n| {
        grow(&SEED.replace(' ', " 👩\u{200D}👩\u{200D}👧 "), n)
    });
}

// Many tiny blocks given with roles, as a page's reader sends them.
#[test]
fn many_blocks_with_roles() {
    let roles = [
        Role::Heading,
        Role::Paragraph,
        Role::Quote,
        Role::Caption,
        Role::List,
        Role::Byline,
    ];
    let texts: Vec<String> = SEED
        .split_inclusive(['.', '\n', '“', '”'])
        .cycle()
        .take(40_000)
        .map(str::to_string)
        .collect();
    let blocks: Vec<Block> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| Block {
            text: t,
            role: roles[k % roles.len()],
        })
        .collect();
    let findings = scan_blocks_checked(&blocks);
    assert!(!findings.is_empty());
    let analysis = |blocks: &[Block]| {
        let a = whosays::scan_blocks_in(blocks, Choice::Auto);
        invariants::check(&whosays::joined_text(blocks), &a.findings);
        a
    };
    assert_linear_scans(&blocks[..10_000], &blocks[..], <[Block]>::len, analysis);
    // Empty blocks still count in the offsets.
    scan_blocks_checked(
        &[Block {
            text: "",
            role: Role::Paragraph,
        }; 1000],
    );
}

// Regression (fuzz): a sentence cut between a currency sign and its figure,
// by a line break or the sentence length cap, gave a statistic that started
// before its finding.
#[test]
fn currency_sign_left_in_the_sentence_before() {
    scan_text_checked("They paid $\n4 million for it.");
    scan_text_checked(&format!("{} $4 million was paid.", "\u{17}".repeat(399)));
}

// Every input the fuzzer ever crashed on (tests/regressions), fed as it was.
#[test]
fn fuzz_regressions() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("tests/regressions") {
        scan_bytes_checked(&std::fs::read(entry.expect("entry").path()).expect("readable"));
        seen += 1;
    }
    assert!(seen > 0, "no inputs in {dir}");
}

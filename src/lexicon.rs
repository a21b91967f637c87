//! Word lists, compiled in from the plain-text files in `src/lexicon/`.
//!
//! The lists are data: editing a file changes what the core finds without
//! touching code. They are parsed once, on first use.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::finding::SignalKind;

/// Bit flags on a word token: which closed classes and lists it is in.
pub mod class {
    pub const DET: u64 = 1 << 0;
    pub const POSS: u64 = 1 << 1;
    pub const PRON_SUBJ: u64 = 1 << 2;
    pub const PRON_OBJ: u64 = 1 << 3;
    pub const PRON_SOURCE: u64 = 1 << 4;
    pub const AUX: u64 = 1 << 5;
    pub const NEG: u64 = 1 << 6;
    pub const CONJ: u64 = 1 << 7;
    pub const SUBORD: u64 = 1 << 8;
    pub const PREP: u64 = 1 << 9;
    pub const REL: u64 = 1 << 10;
    pub const TITLE: u64 = 1 << 11;
    pub const MONTH: u64 = 1 << 12;
    pub const WEEKDAY: u64 = 1 << 13;
    pub const TIME: u64 = 1 << 14;
    /// A form of a cue verb (cues.txt).
    pub const CUE: u64 = 1 << 15;
    /// A nominal cue (nominal-cues.txt).
    pub const NCUE: u64 = 1 << 16;
    pub const VAGUE_HEAD: u64 = 1 << 17;
    pub const VAGUE_ALONE: u64 = 1 << 18;
    pub const ANON_HEAD: u64 = 1 << 19;
    pub const INDEF: u64 = 1 << 20;
    pub const VAGUE_QUANT: u64 = 1 << 21;
    pub const NUMBER_WORD: u64 = 1 << 22;
    pub const NUMBER_PLURAL: u64 = 1 << 23;
    pub const PROPORTION: u64 = 1 << 24;
    pub const ANON_MARKER: u64 = 1 << 25;
    /// Words that keep a number from being a statistic when they follow it.
    pub const NOT_AFTER_NUMBER: u64 = 1 << 26;
    pub const NOT_BEFORE_NUMBER: u64 = 1 << 27;
    pub const ADV: u64 = 1 << 28;
    /// A cue verb's past form or participle (said, told): a verb, rarely a noun.
    pub const CUE_PAST: u64 = 1 << 29;
    /// A cue verb's -ing form.
    pub const CUE_ING: u64 = 1 << 30;
    /// Documents and surveys that can be a source: poll, report, memo.
    pub const DOCUMENT: u64 = 1 << 31;
    /// People and organisations by role: who can hold a stance.
    pub const AGENT: u64 = 1 << 33;
    /// Polls and studies: a source in "In a CNN poll, 52 percent said".
    pub const SURVEY: u64 = 1 << 34;
    /// Past-tense verbs that are not cues: a phrase read rightwards ends there.
    pub const VERB: u64 = 1 << 32;
    /// Verbs of impression: "seemed concerned" names nobody.
    pub const SEEM: u64 = 1 << 35;
    /// Page labels before a colon ("UPDATE:", "Photo:"), never a speaker.
    pub const LABEL: u64 = 1 << 36;
    /// Words that make a number approximate: "about half", "at least 40".
    pub const APPROX: u64 = 1 << 37;
}

/// Tags on cue verbs and nouns (see the header of cues.txt).
pub mod tag {
    pub const SPEECH: u16 = 1 << 0;
    pub const STATE: u16 = 1 << 1;
    pub const FINDING: u16 = 1 << 2;
    pub const DOUBT: u16 = 1 << 3;
    pub const TRUTH: u16 = 1 << 4;
    pub const FACTIVE: u16 = 1 << 5;
    pub const OBJ: u16 = 1 << 6;
    pub const OF: u16 = 1 << 7;
    pub const INF: u16 = 1 << 8;
    pub const WEAK: u16 = 1 << 9;
    pub const QUOTE: u16 = 1 << 10;
    /// The -ing form.
    pub const ING: u16 = 1 << 11;
    /// The past participle or past tense (-ed).
    pub const PAST: u16 = 1 << 12;
    /// The base form (say, tell): a cue after "to", a modal, or a plural subject.
    pub const BASE: u16 = 1 << 13;
    /// An adjective after "be": "is confident that", "was eager to".
    pub const ADJ: u16 = 1 << 14;
    /// A listener comes before the content: "told reporters that".
    pub const LISTENER: u16 = 1 << 15;
    pub const LOADED: u16 = DOUBT | TRUTH | FACTIVE;
}

#[derive(Debug, Clone)]
pub struct CueInfo {
    pub lemma: &'static str,
    pub tags: u16,
    /// For phrasal verbs ("point out"), the particle that must follow.
    pub particle: Option<&'static str>,
}

/// A fast hash for the lexicon's lookups (the Fx hash of rustc): every
/// token of every page is looked up once, and SipHash's protection against
/// crafted collisions buys nothing for a fixed word list.
#[derive(Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// A lexicon word's number: tokens carry it so phrase lists compare numbers,
/// not strings.
pub type WordId = u32;

/// "*" in a phrase: any one word.
const WILDCARD: WordId = WordId::MAX;

/// A list of multi-word phrases, looked up by first word.
#[derive(Default)]
pub struct PhraseSet {
    by_first: FxMap<WordId, Vec<Vec<WordId>>>,
    /// Bit per word id: does some phrase start with it? Most tokens start
    /// none, and a bit test is cheaper than a map lookup.
    firsts: Vec<u64>,
}

impl PhraseSet {
    fn add(&mut self, words: Vec<WordId>) {
        if let Some(&first) = words.first().filter(|&&w| w != WILDCARD) {
            let (slot, bit) = (first as usize / 64, first % 64);
            if self.firsts.len() <= slot {
                self.firsts.resize(slot + 1, 0);
            }
            self.firsts[slot] |= 1 << bit;
            self.by_first.entry(first).or_default().push(words);
        }
    }

    fn may_start(&self, first: WordId) -> bool {
        self.firsts
            .get(first as usize / 64)
            .is_some_and(|w| w & (1 << (first % 64)) != 0)
    }

    /// Length in tokens of the longest phrase starting at token `i`, where
    /// `word(k)` gives the lexicon id of the k-th token from `i` (None past
    /// the end, or for a word no list has).
    pub fn longest(&self, word: impl Fn(usize) -> Option<WordId>) -> usize {
        let Some(first) = word(0) else { return 0 };
        if !self.may_start(first) {
            return 0;
        }
        let Some(cands) = self.by_first.get(&first) else {
            return 0;
        };
        let mut best = 0;
        for words in cands {
            if words.len() > best
                && words
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, &w)| w == WILDCARD || word(k) == Some(w))
            {
                best = words.len();
            }
        }
        best
    }
}

pub struct Lexicon {
    /// Every word any list holds, numbered.
    ids: FxMap<&'static str, WordId>,
    /// Class bits by word id.
    classes: Vec<u64>,
    cues: FxMap<String, Vec<CueInfo>>,
    nominal: FxMap<&'static str, u16>,
    abbrev_keep: FxSet<&'static str>,
    abbrev_may_end: FxSet<&'static str>,
    starters: FxSet<&'static str>,
    /// Multi-word vague quantifiers ("a number of") and anonymity markers.
    pub vague_quantifiers: PhraseSet,
    pub anonymous_markers: PhraseSet,
    /// Signal phrases by kind; `true` marks the mild lists (hedged wording
    /// rather than a claim needing a source).
    pub signals: Vec<(SignalKind, bool, PhraseSet)>,
    /// Idioms that hold a signal word without signalling anything.
    pub not_signals: PhraseSet,
    /// By word id, a bit for each signal list with a phrase starting there.
    signal_starts: Vec<u32>,
}

const FUNCTION_WORDS: &str = include_str!("lexicon/function-words.txt");
const ABBREVIATIONS: &str = include_str!("lexicon/abbreviations.txt");
const STARTERS: &str = include_str!("lexicon/sentence-starters.txt");
const CUES: &str = include_str!("lexicon/cues.txt");
const NOMINAL_CUES: &str = include_str!("lexicon/nominal-cues.txt");
const SOURCES: &str = include_str!("lexicon/sources.txt");
const SIGNALS: &str = include_str!("lexicon/signals.txt");
const QUANTITIES: &str = include_str!("lexicon/quantities.txt");

/// The lexicon, parsed on first use.
pub fn get() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

/// Non-comment, non-blank lines of a data file.
fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// "class: a b c" lines.
fn classed(data: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    lines(data).filter_map(|l| l.split_once(':').map(|(c, w)| (c.trim(), w)))
}

fn tags_of(spec: &str) -> u16 {
    spec.split_whitespace()
        .map(|t| match t {
            "speech" => tag::SPEECH,
            "state" => tag::STATE,
            "finding" => tag::FINDING,
            "doubt" => tag::DOUBT,
            "truth" => tag::TRUTH,
            "factive" => tag::FACTIVE,
            "obj" => tag::OBJ,
            "listener" => tag::LISTENER,
            "of" => tag::OF,
            "inf" => tag::INF,
            "weak" => tag::WEAK,
            "quote" => tag::QUOTE,
            "adj" => tag::ADJ,
            other => panic!("unknown cue tag {other:?} in the lexicon"),
        })
        .fold(0, |a, b| a | b)
}

/// Particles that end a phrasal cue ("point out", "refer to").
const PARTICLES: &[&str] = &[
    "out", "to", "about", "of", "on", "up", "off", "back", "in", "down", "for", "at", "against",
    "with",
];

/// Regular inflections of an English verb: -s, -ed, -ing.
fn inflect(base: &str) -> [String; 3] {
    let vowel = |c: char| "aeiou".contains(c);
    let mut chars = base.chars().rev();
    let last = chars.next().unwrap_or(' ');
    let before = chars.next().unwrap_or(' ');
    let third =
        if base.ends_with(['s', 'x', 'z', 'o']) || base.ends_with("ch") || base.ends_with("sh") {
            format!("{base}es")
        } else if last == 'y' && !vowel(before) {
            format!("{}ies", &base[..base.len() - 1])
        } else {
            format!("{base}s")
        };
    let past = if last == 'e' {
        format!("{base}d")
    } else if last == 'y' && !vowel(before) {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{base}ed")
    };
    let ing = if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if last == 'e' && !base.ends_with("ee") && !base.ends_with("ye") && !base.ends_with("oe")
    {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    };
    [third, past, ing]
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon {
            ids: FxMap::default(),
            classes: Vec::new(),
            cues: FxMap::default(),
            nominal: FxMap::default(),
            abbrev_keep: FxSet::default(),
            abbrev_may_end: FxSet::default(),
            starters: FxSet::default(),
            vague_quantifiers: PhraseSet::default(),
            anonymous_markers: PhraseSet::default(),
            signals: Vec::new(),
            not_signals: PhraseSet::default(),
            signal_starts: Vec::new(),
        };
        for (name, words) in classed(FUNCTION_WORDS) {
            let bit = match name {
                "det" => class::DET,
                "poss" => class::POSS,
                "pron_subj" => class::PRON_SUBJ,
                "pron_obj" => class::PRON_OBJ,
                "pron_source" => class::PRON_SOURCE,
                "aux" => class::AUX,
                "neg" => class::NEG,
                "conj" => class::CONJ,
                "subord" => class::SUBORD,
                "prep" => class::PREP,
                "rel" => class::REL,
                "title" => class::TITLE,
                "month" => class::MONTH,
                "weekday" => class::WEEKDAY,
                "time" => class::TIME,
                "adv" => class::ADV,
                "verb" => class::VERB,
                "seem" => class::SEEM,
                "label" => class::LABEL,
                "approx" => class::APPROX,
                "keyword" => 0,
                other => panic!("unknown word class {other:?} in function-words.txt"),
            };
            lex.mark(words, bit);
        }
        for (name, words) in classed(ABBREVIATIONS) {
            let set = if name == "keep" {
                &mut lex.abbrev_keep
            } else {
                &mut lex.abbrev_may_end
            };
            set.extend(words.split_whitespace());
        }
        lex.starters
            .extend(lines(STARTERS).flat_map(str::split_whitespace));
        for line in lines(CUES) {
            let (forms, tags) = line.split_once('|').unwrap_or((line, ""));
            let tags = tags_of(tags);
            let words: Vec<&'static str> = forms.split_whitespace().collect();
            // A phrasal verb ends in its particle: "point out", or with
            // irregular forms spelled out, "lay lays laid laying out".
            let (verb, particle) = match words.split_last() {
                Some((p, rest)) if !rest.is_empty() && PARTICLES.contains(p) => {
                    (rest.to_vec(), Some(*p))
                }
                _ => (words.clone(), None),
            };
            // An adjective ("confident that") has one form and no inflections.
            if tags & tag::ADJ != 0 {
                for form in &verb {
                    lex.bump(form, class::CUE);
                    lex.cues.entry(form.to_string()).or_default().push(CueInfo {
                        lemma: verb[0],
                        tags,
                        particle,
                    });
                }
                continue;
            }
            let lemma = verb[0];
            let mut all: Vec<(String, u16)> = vec![(lemma.to_string(), tag::BASE)];
            if verb.len() == 1 {
                let [s, ed, ing] = inflect(lemma);
                all.extend([(s, 0), (ed, tag::PAST), (ing, tag::ING)]);
            } else {
                for f in &verb[1..] {
                    let t = if f.ends_with("ing") {
                        tag::ING
                    } else if f.ends_with('s') && !f.ends_with("ss") {
                        0
                    } else {
                        tag::PAST
                    };
                    all.push((f.to_string(), t));
                }
            }
            for (form, form_tag) in all {
                let bits = class::CUE
                    | if form_tag & tag::PAST != 0 {
                        class::CUE_PAST
                    } else {
                        0
                    }
                    | if form_tag & tag::ING != 0 {
                        class::CUE_ING
                    } else {
                        0
                    };
                lex.bump(leak(&form), bits);
                lex.cues.entry(form).or_default().push(CueInfo {
                    lemma,
                    tags: tags | form_tag,
                    particle,
                });
            }
        }
        for line in lines(NOMINAL_CUES) {
            let (forms, tags) = line.split_once('|').unwrap_or((line, ""));
            let tags = tags_of(tags);
            for f in forms.split_whitespace() {
                lex.nominal.insert(f, tags);
                lex.bump(f, class::NCUE);
            }
        }
        for (name, words) in classed(SOURCES) {
            let bit = match name {
                "vague_quantifier" => class::VAGUE_QUANT,
                "vague_head" => class::VAGUE_HEAD,
                "vague_alone" => class::VAGUE_ALONE,
                "anonymous_head" => class::ANON_HEAD,
                "anonymous_marker" => class::ANON_MARKER,
                "indefinite" => class::INDEF,
                "document" => class::DOCUMENT,
                "agent" => class::AGENT,
                "survey" => class::SURVEY,
                other => panic!("unknown source class {other:?} in sources.txt"),
            };
            for w in words.split_whitespace() {
                if w.contains('_') {
                    let phrase = leak(&w.replace('_', " "));
                    match bit {
                        class::VAGUE_QUANT => {
                            let ids = lex.phrase(phrase);
                            lex.vague_quantifiers.add(ids)
                        }
                        class::ANON_MARKER => {
                            let ids = lex.phrase(phrase);
                            lex.anonymous_markers.add(ids)
                        }
                        _ => panic!("multi-word entry {w:?} in a single-word class"),
                    }
                } else {
                    lex.bump(w, bit);
                    if bit == class::ANON_MARKER {
                        let ids = lex.phrase(w);
                        lex.anonymous_markers.add(ids);
                    }
                }
            }
        }
        for (name, words) in classed(QUANTITIES) {
            let bit = match name {
                "number" => class::NUMBER_WORD,
                "plural" => class::NUMBER_PLURAL,
                "proportion" => class::PROPORTION,
                "not_after" => class::NOT_AFTER_NUMBER,
                "not_before" => class::NOT_BEFORE_NUMBER,
                other => panic!("unknown quantity class {other:?} in quantities.txt"),
            };
            for w in words.split_whitespace() {
                lex.bump(leak(&w.replace('_', " ")), bit);
            }
        }
        for (name, phrases) in classed(SIGNALS) {
            if name == "not a signal" {
                for p in phrases.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let ids = lex.phrase(p);
                    lex.not_signals.add(ids);
                }
                continue;
            }
            let (mild, name) = match name.strip_prefix("mild ") {
                Some(n) => (true, n),
                None => (false, name),
            };
            let kind = match name {
                "certainty" => SignalKind::Certainty,
                "common_knowledge" => SignalKind::CommonKnowledge,
                "hedge" => SignalKind::Hedge,
                "weasel" => SignalKind::Weasel,
                "generalization" => SignalKind::Generalization,
                "motive" => SignalKind::Motive,
                "superlative" => SignalKind::Superlative,
                "statistic" => SignalKind::Statistic,
                other => panic!("unknown signal {other:?} in signals.txt"),
            };
            let mut set = PhraseSet::default();
            for p in phrases.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                set.add(lex.phrase(p));
            }
            lex.signals.push((kind, mild, set));
        }
        lex.signal_starts = vec![0; lex.classes.len()];
        for (k, (_, _, set)) in lex.signals.iter().enumerate() {
            for &first in set.by_first.keys() {
                lex.signal_starts[first as usize] |= 1 << k;
            }
        }
        lex
    }

    /// The signal lists (indices into `signals`) with a phrase starting with
    /// this word, as bits.
    pub fn signal_starts(&self, id: WordId) -> u32 {
        self.signal_starts.get(id as usize).copied().unwrap_or(0)
    }

    fn mark(&mut self, words: &'static str, bit: u64) {
        for w in words.split_whitespace() {
            self.bump(w, bit);
        }
    }

    fn bump(&mut self, w: &'static str, bit: u64) {
        let id = self.intern(w);
        self.classes[id as usize] |= bit;
    }

    fn intern(&mut self, w: &'static str) -> WordId {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.classes.len() as WordId;
        self.ids.insert(w, id);
        self.classes.push(0);
        id
    }

    /// A phrase's words as ids ("*" as the wildcard).
    fn phrase(&mut self, phrase: &'static str) -> Vec<WordId> {
        phrase
            .split_whitespace()
            .map(|w| if w == "*" { WILDCARD } else { self.intern(w) })
            .collect()
    }

    /// Class bits and id of a lowercased word (id None when no list has it).
    pub fn lookup(&self, lower: &str) -> (u64, Option<WordId>) {
        match self.ids.get(lower) {
            Some(&id) => (self.classes[id as usize], Some(id)),
            None => (0, None),
        }
    }

    /// Cue readings of a lowercased verb form.
    pub fn cue(&self, lower: &str) -> &[CueInfo] {
        self.cues.get(lower).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn nominal(&self, lower: &str) -> Option<u16> {
        self.nominal.get(lower).copied()
    }

    /// A word written before a period that keeps the period: titles,
    /// month abbreviations, single initials.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_uppercase();
        }
        let lower = word.to_ascii_lowercase();
        self.abbrev_keep.contains(lower.as_str()) || self.abbrev_may_end.contains(lower.as_str())
    }

    /// After this abbreviation (lowercased, with its dot) a sentence may end.
    pub fn ends_sentence_after(&self, lower_with_dot: &str) -> bool {
        let w = lower_with_dot.trim_end_matches('.');
        self.abbrev_may_end.contains(w) || (w.contains('.') && !self.abbrev_keep.contains(w))
    }

    pub fn is_sentence_starter(&self, lower: &str) -> bool {
        self.starters.contains(lower)
    }
}

/// Lexicon strings live as long as the program; the lexicon is built once.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        assert_eq!(inflect("claim"), ["claims", "claimed", "claiming"]);
        assert_eq!(inflect("declare"), ["declares", "declared", "declaring"]);
        assert_eq!(inflect("deny"), ["denies", "denied", "denying"]);
        assert_eq!(inflect("stress"), ["stresses", "stressed", "stressing"]);
        assert_eq!(inflect("echo"), ["echoes", "echoed", "echoing"]);
    }

    /// A misparsed line ("agree with" read as two verb forms) would turn a
    /// preposition into a cue everywhere.
    #[test]
    fn no_function_word_is_a_cue_form() {
        let lex = get();
        let closed = class::DET | class::PREP | class::CONJ | class::PRON_SUBJ | class::AUX;
        for form in lex.cues.keys() {
            assert_eq!(
                lex.lookup(form).0 & closed,
                0,
                "cue form {form:?} is a function word"
            );
        }
    }

    /// The attribution stage skips words the lexicon does not know, so the
    /// words it starts from by name must be known.
    #[test]
    fn keywords_are_known() {
        for w in ["according", "it", "reportedly"] {
            assert!(get().lookup(w).1.is_some(), "{w} is not in the lexicon");
        }
    }

    #[test]
    fn every_list_parses_and_phrasal_cues_keep_their_particle() {
        let lex = get();
        assert!(lex.cue("said").iter().any(|c| c.lemma == "say"));
        let pointed = lex.cue("pointed");
        assert!(pointed
            .iter()
            .any(|c| c.particle == Some("out") && c.tags & tag::TRUTH != 0));
        assert!(lex.lookup("the").0 & class::DET != 0);
        assert!(lex.nominal("claims").is_some());
        assert!(lex
            .signals
            .iter()
            .any(|(k, _, _)| *k == SignalKind::CommonKnowledge));
    }
}

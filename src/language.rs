//! Stage 0: which language a text is in, block by block, so that text the
//! English rules cannot read gets no findings and a note saying why.
//!
//! Letters in a script of their own (Chinese, Arabic, Greek…) tell the
//! language outright. Text in the Latin or Cyrillic alphabet is told by its
//! most frequent short words, listed in `src/language/profiles.txt`: a few
//! kilobytes of data where a trigram model (`whatlang`) added 64 KB to the
//! compressed WebAssembly module. A block is only called foreign on clear
//! evidence; a short block (a headline, a caption) is undetermined and goes
//! with the text around it.

use std::sync::OnceLock;

use crate::text::Role;

/// A language the core can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language {
    /// ISO 639-1.
    pub code: &'static str,
    /// In English, for notes.
    pub name: &'static str,
}

pub const ENGLISH: Language = Language {
    code: "en",
    name: "English",
};

impl Language {
    pub fn is_english(self) -> bool {
        self.code == ENGLISH.code
    }

    /// A language by its ISO 639-1 code, among those the core can tell.
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        profiles()
            .languages
            .iter()
            .chain(SCRIPT_LANGUAGES.iter())
            .find(|l| l.code == code)
            .copied()
    }

    /// Every language the core can tell, profiles first.
    pub fn all() -> impl Iterator<Item = Language> {
        profiles()
            .languages
            .iter()
            .chain(SCRIPT_LANGUAGES.iter())
            .copied()
    }
}

/// What a scan says about language: the note the CLI prints and the
/// extension shows when the text is not read.
pub fn note(language: Language) -> String {
    format!(
        "This text is in {}. Who Says? reads English only, so nothing in it is highlighted.",
        language.name
    )
}

/// Languages told by their script alone.
const SCRIPT_LANGUAGES: [Language; 14] = [
    lang("zh", "Chinese"),
    lang("ja", "Japanese"),
    lang("ko", "Korean"),
    lang("el", "Greek"),
    lang("ar", "Arabic"),
    lang("fa", "Persian"),
    lang("he", "Hebrew"),
    lang("hi", "Hindi"),
    lang("bn", "Bengali"),
    lang("ta", "Tamil"),
    lang("th", "Thai"),
    lang("ka", "Georgian"),
    lang("hy", "Armenian"),
    lang("am", "Amharic"),
];

const fn lang(code: &'static str, name: &'static str) -> Language {
    Language { code, name }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Tamil,
    Thai,
    Georgian,
    Ethiopic,
    Hangul,
    Kana,
    Han,
}

const ALL_SCRIPTS: [Script; 15] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Armenian,
    Script::Hebrew,
    Script::Arabic,
    Script::Devanagari,
    Script::Bengali,
    Script::Tamil,
    Script::Thai,
    Script::Georgian,
    Script::Ethiopic,
    Script::Hangul,
    Script::Kana,
    Script::Han,
];
const SCRIPTS: usize = ALL_SCRIPTS.len();

fn script(c: char) -> Option<Script> {
    use Script::*;
    Some(match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Greek,
        0x400..=0x52F => Cyrillic,
        0x530..=0x58F => Armenian,
        0x590..=0x5FF => Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Arabic,
        0x900..=0x97F => Devanagari,
        0x980..=0x9FF => Bengali,
        0xB80..=0xBFF => Tamil,
        0xE00..=0xE7F => Thai,
        0x10A0..=0x10FF => Georgian,
        0x1200..=0x139F => Ethiopic,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Hangul,
        0x3040..=0x30FF => Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => Han,
        _ => return None,
    })
}

/// The word profiles, parsed on first use.
struct Profiles {
    languages: Vec<Language>,
    /// The languages written in Cyrillic: bit `i` for `languages[i]`.
    cyrillic: u32,
    /// Which languages list a word (its UTF-8 bytes as a number, see
    /// `key`): bit `i` for `languages[i]`.
    words: WordTable,
    english: usize,
}

const PROFILES: &str = include_str!("language/profiles.txt");

fn profiles() -> &'static Profiles {
    static P: OnceLock<Profiles> = OnceLock::new();
    P.get_or_init(|| {
        let mut languages = Vec::new();
        let mut cyrillic = 0;
        let mut words = WordTable::default();
        for line in PROFILES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) = line.strip_prefix('[') {
                let (code, name) = head.split_once(']').expect("profiles.txt: [code] Name");
                languages.push(lang(code, name.trim()));
                assert!(languages.len() <= 32, "profiles.txt: at most 32 languages");
                continue;
            }
            let bit = 1u32 << (languages.len() - 1);
            if line.chars().next().and_then(script) == Some(Script::Cyrillic) {
                cyrillic |= bit;
            }
            for w in line.split_whitespace() {
                assert!(w.len() <= MAX_WORD_BYTES, "profiles.txt: {w:?} is too long");
                words.add(key(w.as_bytes()), bit);
            }
        }
        assert!(
            words.slots.iter().filter(|s| s.0 != 0).count() * 4 <= words.slots.len(),
            "profiles.txt: more words than the table is made for"
        );
        let english = languages
            .iter()
            .position(|l| l.is_english())
            .expect("profiles.txt lists English");
        Profiles {
            languages,
            cyrillic,
            words,
            english,
        }
    })
}

/// Profile words by key, in an open-addressed table: every word of every
/// block is looked up, and this is several times cheaper than a `HashMap`.
struct WordTable {
    /// `(key, languages)`; key 0 (no word) marks an empty slot.
    slots: Vec<(u128, u32)>,
}

/// Slots: a power of two, four times the profiles' words or more.
const TABLE_BITS: u32 = 12;

impl Default for WordTable {
    fn default() -> WordTable {
        WordTable {
            slots: vec![(0, 0); 1 << TABLE_BITS],
        }
    }
}

impl WordTable {
    fn slot(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
    }

    fn add(&mut self, key: u128, bit: u32) {
        let mask = self.slots.len() - 1;
        let mut i = WordTable::slot(key);
        while self.slots[i].0 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        self.slots[i].0 = key;
        self.slots[i].1 |= bit;
    }

    fn get(&self, key: u128) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = WordTable::slot(key);
        loop {
            match self.slots[i] {
                (0, _) => return None,
                (k, langs) if k == key => return Some(langs),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The evidence one text gives: letters by script and profile words by language.
struct Tally {
    letters: [usize; SCRIPTS],
    hits: [u32; 32],
    /// Ukrainian letters (і ї є ґ), which Russian lacks.
    ukrainian: usize,
    /// Persian letters (پ چ ژ گ), which Arabic lacks.
    persian: usize,
    /// Words read.
    words: usize,
}

/// A word of at most 16 bytes as one number, its UTF-8 bytes from the
/// first: hashed and compared in one go, and built as the word is read.
fn key(word: &[u8]) -> u128 {
    word.iter().fold(0, |k, &b| push(k, b))
}

#[inline]
fn push(key: u128, byte: u8) -> u128 {
    key << 8 | u128::from(byte)
}

/// The word being read: its key and length in bytes.
#[derive(Default)]
struct Word {
    key: u128,
    len: usize,
}

impl Tally {
    /// Count the word read so far (when it is short enough to be in a
    /// profile) and start anew.
    fn end_word(&mut self, p: &Profiles, w: &mut Word) {
        if w.len > 0 {
            self.words += 1;
        }
        if w.len > 0 && w.len <= MAX_WORD_BYTES {
            if let Some(mask) = p.words.get(w.key) {
                let mut m = mask;
                while m != 0 {
                    self.hits[m.trailing_zeros() as usize] += 1;
                    m &= m - 1;
                }
            }
        }
        *w = Word::default();
    }

    /// Whether more words would not change the outcome: one language has
    /// many hits and more than twice any other's. Closely related languages
    /// (Spanish and Catalan) never settle this way and are read to the end.
    fn settled(&self) -> bool {
        let (mut first, mut second) = (0, 0);
        for &h in &self.hits {
            if h > first {
                (first, second) = (h, first);
            } else if h > second {
                second = h;
            }
        }
        first >= SETTLED_HITS && first > 2 * second
    }
}

/// Words longer than this are in no profile: their keys would not fit.
const MAX_WORD_BYTES: usize = 16;
/// Fewer letters than this say nothing reliable.
const MIN_LETTERS: usize = 20;
/// Hits after which a clear lead is final (see `Tally::settled`): a long
/// paragraph is told from its first few dozen words, and its letters are
/// counted in proportion.
const SETTLED_HITS: u32 = 12;
/// Profile words a foreign block needs, and by how much it must outscore English.
const MIN_FOREIGN_HITS: u32 = 3;

fn tally(text: &str) -> Tally {
    let p = profiles();
    let mut t = Tally {
        letters: [0; SCRIPTS],
        hits: [0; 32],
        ukrainian: 0,
        persian: 0,
        words: 0,
    };
    let mut w = Word::default();
    let mut latin = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Most text is ASCII: no decoding, and lowercase is one bit.
        if b.is_ascii_alphabetic() {
            latin += 1;
            w.key = push(w.key, b | 0x20);
            w.len += 1;
            i += 1;
            continue;
        }
        // An apostrophe joins a word ("it's" reads as "its", "Trump's" as
        // one word), so a possessive's "s" counts for no language.
        if b == b'\'' && w.len > 0 {
            i += 1;
            continue;
        }
        if b < 0x80 {
            let ended = w.len > 0;
            t.end_word(p, &mut w);
            i += 1;
            if ended && t.words % 16 == 0 && t.settled() {
                // The rest of the text in the same proportions.
                t.letters[Script::Latin as usize] += latin;
                for n in &mut t.letters {
                    *n = *n * bytes.len() / i;
                }
                return t;
            }
            continue;
        }
        let c = text[i..].chars().next().expect("a char at a boundary");
        i += c.len_utf8();
        let Some(s) = c.is_alphabetic().then(|| script(c)).flatten() else {
            // Combining marks belong to the word they follow; invisible
            // characters (soft hyphens, zero-width spaces) and a curly
            // apostrophe do not end it.
            if !(is_mark(c) || invisible(c) || c == '’' && w.len > 0) {
                t.end_word(p, &mut w);
            }
            continue;
        };
        t.letters[s as usize] += 1;
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => t.ukrainian += 1,
            'پ' | 'چ' | 'ژ' | 'گ' => t.persian += 1,
            _ => {}
        }
        if !matches!(s, Script::Latin | Script::Cyrillic) {
            t.end_word(p, &mut w);
            continue;
        }
        for lower in c.to_lowercase() {
            for &u in lower.encode_utf8(&mut [0; 4]).as_bytes() {
                w.key = push(w.key, u);
                w.len += 1;
            }
        }
    }
    t.end_word(p, &mut w);
    t.letters[Script::Latin as usize] += latin;
    t
}

/// Soft hyphens, zero-width characters, bidi controls and byte-order marks:
/// inside words on some pages, and no part of what the word is.
fn invisible(c: char) -> bool {
    matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF)
}

/// Combining marks (U+0300–U+036F and the like), which are not letters.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// The language and how many letters say so.
fn decide(t: &Tally) -> Option<(Language, usize)> {
    let total: usize = t.letters.iter().sum();
    if total < MIN_LETTERS {
        return None;
    }
    let (top, &letters) = t
        .letters
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| *n)
        .expect("scripts");
    let cjk = t.letters[Script::Han as usize] + t.letters[Script::Kana as usize];
    // Japanese writes Han characters between its kana; together they are one script.
    if 2 * cjk > total {
        let kana = t.letters[Script::Kana as usize];
        let code = if 20 * kana > cjk { "ja" } else { "zh" };
        return Some((by_code(code), cjk));
    }
    if 2 * letters <= total {
        return None;
    }
    let code = match ALL_SCRIPTS[top] {
        Script::Latin => return by_words(t, Script::Latin, letters),
        Script::Cyrillic => {
            return by_words(t, Script::Cyrillic, letters).or_else(|| {
                let code = if t.ukrainian > 0 { "uk" } else { "ru" };
                Some((by_code(code), letters))
            });
        }
        Script::Arabic if t.persian > 0 => "fa",
        Script::Arabic => "ar",
        Script::Greek => "el",
        Script::Armenian => "hy",
        Script::Hebrew => "he",
        Script::Devanagari => "hi",
        Script::Bengali => "bn",
        Script::Tamil => "ta",
        Script::Thai => "th",
        Script::Georgian => "ka",
        Script::Ethiopic => "am",
        Script::Hangul => "ko",
        // Counted with kana above.
        Script::Kana | Script::Han => return None,
    };
    Some((by_code(code), letters))
}

fn by_code(code: &str) -> Language {
    Language::from_code(code).expect("a language the core lists")
}

/// Latin or Cyrillic text by its profile words. English wins ties; another
/// language needs a few words and half again English's count.
fn by_words(t: &Tally, script: Script, letters: usize) -> Option<(Language, usize)> {
    let p = profiles();
    let alphabet = if script == Script::Cyrillic {
        p.cyrillic
    } else {
        !p.cyrillic
    };
    let (best, &hits) = p
        .languages
        .iter()
        .zip(&t.hits)
        .enumerate()
        .filter(|&(i, _)| i != p.english && alphabet & 1 << i != 0)
        .map(|(_, pair)| pair)
        .max_by_key(|(_, h)| **h)?;
    let english = if script == Script::Latin {
        t.hits[p.english]
    } else {
        0
    };
    if hits >= MIN_FOREIGN_HITS && 2 * hits >= 3 * english {
        let best = match best.code {
            // Russian's profile words are mostly Ukrainian's too.
            "ru" if t.ukrainian > 0 => by_code("uk"),
            _ => *best,
        };
        return Some((best, letters));
    }
    (english >= 2 && english >= hits).then_some((ENGLISH, letters))
}

/// How a scan decides which blocks to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// Identify each block's language; read the English ones.
    #[default]
    Auto,
    /// The reader says the text is in this language.
    Given(Language),
}

/// The languages of a text's blocks.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    /// The text's language: the one most letters are in; `None` when no
    /// block could be told.
    pub main: Option<Language>,
    /// Each block's own language, when it could be told.
    pub blocks: Vec<Option<Language>>,
    /// Letters per language, in the order the languages first appear.
    pub letters: Vec<(Language, usize)>,
}

impl Languages {
    /// Whether the core reads the text at all: English or undetermined.
    pub fn read(&self) -> bool {
        self.main.is_none_or(Language::is_english)
    }

    /// Whether block `i` is read: the text is read and the block is not in
    /// another language.
    pub fn reads_block(&self, i: usize) -> bool {
        self.read()
            && self
                .blocks
                .get(i)
                .copied()
                .flatten()
                .is_none_or(Language::is_english)
    }

    /// The note for a text that is not read.
    pub fn note(&self) -> Option<String> {
        self.main.filter(|l| !l.is_english()).map(note)
    }
}

/// Identify the language of each block (byte ranges into `text`) and of the
/// whole; with a language given, every block is taken to be in it.
pub fn of_blocks(text: &str, blocks: &[(usize, usize, Role)], choice: Choice) -> Languages {
    if let Choice::Given(l) = choice {
        let letters = blocks
            .iter()
            .map(|&(s, e, _)| text[s..e].chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        return Languages {
            main: Some(l),
            blocks: vec![Some(l); blocks.len()],
            letters: vec![(l, letters)],
        };
    }
    let mut letters: Vec<(Language, usize)> = Vec::new();
    let blocks: Vec<Option<Language>> = blocks
        .iter()
        .map(|&(s, e, _)| {
            let (l, n) = decide(&tally(&text[s..e]))?;
            match letters.iter_mut().find(|(x, _)| *x == l) {
                Some((_, total)) => *total += n,
                None => letters.push((l, n)),
            }
            Some(l)
        })
        .collect();
    // Most letters; English among equals, so a tie reads the text.
    let main = letters
        .iter()
        .max_by_key(|&&(l, n)| (n, l.is_english()))
        .map(|&(l, _)| l);
    Languages {
        main,
        blocks,
        letters,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_parse_and_codes_are_unique() {
        let all: Vec<Language> = Language::all().collect();
        for (i, l) in all.iter().enumerate() {
            assert_eq!(l.code.len(), 2, "{l:?}");
            assert!(!all[..i].iter().any(|x| x.code == l.code), "{l:?} twice");
        }
        assert_eq!(Language::from_code(" DE "), Some(lang("de", "German")));
        assert_eq!(Language::from_code("xx"), None);
    }

    #[test]
    fn short_text_is_undetermined() {
        for text in ["Prozent", "", "12 345 — 678"] {
            assert_eq!(decide(&tally(text)), None, "{text:?}");
        }
    }
}

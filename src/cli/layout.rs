//! Where findings fall in the analysed text, for the text and HTML views.
//!
//! Findings count in UTF-16 code units and may overlap, even cross (two
//! attributions sharing a clause). The views need byte ranges and properly
//! nested spans, so this module converts the offsets once and turns the
//! spans into a flat sequence of text, open and close events, splitting a
//! span where it crosses another.

use std::cmp::Reverse;
use std::ops::Range;

use crate::{CueClass, Finding};

/// What part of a finding a span shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The whole finding.
    Finding,
    Source,
    Cue {
        loaded: bool,
        class: CueClass,
    },
    /// A claim signal (figure, superlative, hedge…).
    Signal,
}

/// A span of the text, in bytes, belonging to finding number `finding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub finding: usize,
    pub part: Part,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Text(Range<usize>),
    /// `first`: the item starts here rather than resuming after a split.
    Open {
        item: usize,
        first: bool,
    },
    /// `last`: the item ends here rather than pausing for a split.
    Close {
        item: usize,
        last: bool,
    },
}

/// The spans of all findings as byte ranges into `text`.
pub fn items(text: &str, findings: &[Finding]) -> Vec<Item> {
    let mut raw: Vec<(usize, usize, usize, Part)> = Vec::new();
    for (n, f) in findings.iter().enumerate() {
        raw.push((f.start, f.end, n, Part::Finding));
        if let Some(s) = &f.source {
            raw.push((s.start, s.end, n, Part::Source));
        }
        if let Some(c) = &f.cue {
            let part = Part::Cue {
                loaded: c.loaded,
                class: c.class,
            };
            raw.push((c.start, c.end, n, part));
        }
        for s in &f.signals {
            raw.push((s.start, s.end, n, Part::Signal));
        }
    }
    let bytes = ByteOffsets::new(text, raw.iter().flat_map(|r| [r.0, r.1]).collect());
    raw.into_iter()
        .map(|(start, end, finding, part)| Item {
            start: bytes.get(start),
            end: bytes.get(end),
            finding,
            part,
        })
        .collect()
}

/// UTF-16 offsets → byte offsets, for just the offsets asked for: one pass
/// over the text, whatever its size.
struct ByteOffsets(Vec<(usize, usize)>);

impl ByteOffsets {
    fn new(text: &str, mut wanted: Vec<usize>) -> ByteOffsets {
        wanted.sort_unstable();
        wanted.dedup();
        let mut map = Vec::with_capacity(wanted.len());
        let mut wanted = wanted.into_iter().peekable();
        let mut unit = 0;
        for (byte, c) in text.char_indices() {
            // An offset inside a surrogate pair moves to the next character.
            while let Some(w) = wanted.next_if(|&w| w <= unit) {
                map.push((w, byte));
            }
            unit += c.len_utf16();
        }
        map.extend(wanted.map(|w| (w, text.len())));
        ByteOffsets(map)
    }

    fn get(&self, unit: usize) -> usize {
        let i = self
            .0
            .binary_search_by_key(&unit, |&(u, _)| u)
            .expect("offset collected in new");
        self.0[i].1
    }
}

/// For each of `ranges` (in order, not overlapping), the items that
/// overlap it: one sweep, so a page of many blocks and findings stays linear.
pub fn per_range(items: &[Item], ranges: &[Range<usize>]) -> Vec<Vec<usize>> {
    let mut by_start: Vec<usize> = (0..items.len()).collect();
    by_start.sort_by_key(|&i| items[i].start);
    let mut next = by_start.into_iter().peekable();
    let mut active: Vec<usize> = Vec::new();
    ranges
        .iter()
        .map(|r| {
            while let Some(i) = next.next_if(|&i| items[i].start < r.end) {
                active.push(i);
            }
            // Ranges come in order: an item ending here is done for good.
            active.retain(|&i| items[i].end > r.start);
            active.clone()
        })
        .collect()
}

/// The events that draw the items `subset` of `items` over `range` of the
/// text. Items are clipped to the range; an item ending while items opened
/// inside it are still open closes them first and reopens them after
/// (`first: false`).
pub fn events(items: &[Item], subset: &[usize], range: Range<usize>) -> Vec<Event> {
    let (lo, hi) = (range.start, range.end);
    let clip = |i: usize| (items[i].start.max(lo), items[i].end.min(hi));
    let mut order: Vec<usize> = subset
        .iter()
        .copied()
        .filter(|&i| {
            let (s, e) = clip(i);
            s < e
        })
        .collect();
    // Outer spans first: earlier start, then longer; a finding before its parts.
    order.sort_by_key(|&i| {
        let part_rank = usize::from(items[i].part != Part::Finding);
        (clip(i).0, Reverse(clip(i).1), part_rank, i)
    });
    let mut points: Vec<usize> = order
        .iter()
        .flat_map(|&i| [clip(i).0, clip(i).1])
        .chain([hi])
        .collect();
    points.sort_unstable();
    points.dedup();

    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut pos = lo;
    for p in points {
        if p > pos {
            out.push(Event::Text(pos..p));
            pos = p;
        }
        if let Some(k) = open.iter().position(|&i| clip(i).1 == p) {
            let above = open.split_off(k);
            for &i in above.iter().rev() {
                out.push(Event::Close {
                    item: i,
                    last: items[i].end <= p,
                });
            }
            for &i in &above {
                if clip(i).1 > p {
                    out.push(Event::Open {
                        item: i,
                        first: false,
                    });
                    open.push(i);
                }
            }
        }
        while let Some(&i) = order.get(next).filter(|&&i| clip(i).0 == p) {
            out.push(Event::Open {
                item: i,
                first: items[i].start >= lo,
            });
            open.push(i);
            next += 1;
        }
    }
    out
}

/// 1-based line numbers of byte offsets, for people looking a finding up.
pub struct Lines(Vec<usize>);

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    pub fn line(&self, byte: usize) -> usize {
        1 + self.0.partition_point(|&nl| nl < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(start: usize, end: usize, finding: usize) -> Item {
        Item {
            start,
            end,
            finding,
            part: Part::Finding,
        }
    }

    /// Renders events as brackets, to check nesting at a glance.
    fn draw(text: &str, items: &[Item], range: Range<usize>) -> String {
        let mut s = String::new();
        let all: Vec<usize> = (0..items.len()).collect();
        for e in events(items, &all, range) {
            match e {
                Event::Text(r) => s.push_str(&text[r]),
                Event::Open { item, first } => {
                    s.push_str(if first { "<" } else { "(" });
                    s.push_str(&item.to_string());
                }
                Event::Close { item, last } => {
                    s.push_str(&item.to_string());
                    s.push_str(if last { ">" } else { ")" });
                }
            }
        }
        s
    }

    #[test]
    fn nested_spans_stay_nested() {
        let items = [item(0, 9, 0), item(2, 5, 1)];
        assert_eq!(draw("abcdefghi", &items, 0..9), "<0ab<1cde1>fghi0>");
    }

    #[test]
    fn crossing_spans_are_split_not_misnested() {
        let items = [item(0, 5, 0), item(3, 8, 1)];
        assert_eq!(draw("abcdefgh", &items, 0..8), "<0abc<1de1)0>(1fgh1>");
    }

    #[test]
    fn spans_are_clipped_to_the_range() {
        let items = [item(0, 6, 0)];
        assert_eq!(draw("abcdefgh", &items, 3..8), "(0def0>gh");
        assert_eq!(draw("abcdefgh", &items, 0..3), "<0abc0)");
    }

    #[test]
    fn each_range_gets_the_items_overlapping_it() {
        let items = [
            item(0, 3, 0),
            item(5, 12, 1),
            item(6, 7, 2),
            item(13, 14, 3),
        ];
        let ranges = [0..4, 5..10, 11..12, 13..20];
        assert_eq!(
            per_range(&items, &ranges),
            vec![vec![0], vec![1, 2], vec![1], vec![3]]
        );
    }

    #[test]
    fn lines_count_from_one() {
        let lines = Lines::new("a\nb\n\nc");
        assert_eq!([lines.line(0), lines.line(2), lines.line(5)], [1, 2, 4]);
    }

    #[test]
    fn utf16_offsets_become_byte_offsets() {
        // "é" is 2 bytes and 1 unit; "😀" is 4 bytes and 2 units.
        let b = ByteOffsets::new("é😀x", vec![0, 1, 3, 4, 9]);
        assert_eq!(
            [b.get(0), b.get(1), b.get(3), b.get(4), b.get(9)],
            [0, 2, 6, 7, 7]
        );
        // Inside the surrogate pair: the next character.
        assert_eq!(ByteOffsets::new("😀x", vec![1]).get(1), 4);
    }
}

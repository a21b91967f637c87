//! A linear-chain tagger: hashed feature weights per tag, tag-to-tag
//! transition weights, and Viterbi decoding under constraints.
//!
//! The weights are stored sparse (only buckets that matter) as one-byte
//! codes into a table of levels (see `file`); a bitmap of the buckets with
//! a running count makes a lookup a bit test and a popcount.

use super::features::BITS;

/// The cue tagger's tags: outside, first word of a cue, a later word.
pub mod cue_tag {
    pub const O: u8 = 0;
    pub const B: u8 = 1;
    pub const I: u8 = 2;
    pub const COUNT: usize = 3;
}

/// The role tagger's tags, for the tokens around one cue.
pub mod role_tag {
    /// Decoding never names it; training marks the gold paths with it.
    #[cfg(feature = "train")]
    pub const O: u8 = 0;
    /// The cue itself: fixed, not predicted.
    pub const CUE: u8 = 1;
    pub const SOURCE_B: u8 = 2;
    pub const SOURCE_I: u8 = 3;
    pub const CONTENT_B: u8 = 4;
    pub const CONTENT_I: u8 = 5;
    pub const COUNT: usize = 6;
}

/// May `tag` follow `prev` (`None`: at the start)? Inside tags only
/// continue their own span; the role tagger's cue tag is fixed by position
/// (see `role_allowed`).
pub fn transition_allowed(tags: usize, prev: Option<u8>, tag: u8) -> bool {
    if tags == cue_tag::COUNT {
        return tag != cue_tag::I || matches!(prev, Some(cue_tag::B | cue_tag::I));
    }
    match tag {
        role_tag::SOURCE_I => matches!(prev, Some(role_tag::SOURCE_B | role_tag::SOURCE_I)),
        role_tag::CONTENT_I => matches!(prev, Some(role_tag::CONTENT_B | role_tag::CONTENT_I)),
        _ => true,
    }
}

/// The role tagger's tag at a position is the cue tag exactly when the
/// position is in the cue.
pub fn role_allowed(in_cue: bool, tag: u8) -> bool {
    in_cue == (tag == role_tag::CUE)
}

/// The best tag sequence for `n` positions, given emission scores
/// `emit[pos * tags + tag]`, transitions `trans[(prev + 1) * tags + tag]`
/// (row 0: from the start) and which tags each position allows. Ties go to
/// the lower tag, so training and inference agree on them.
pub fn viterbi(
    n: usize,
    tags: usize,
    emit: &[f32],
    trans: &[f32],
    allowed: impl Fn(usize, u8) -> bool,
) -> Vec<u8> {
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![f32::NEG_INFINITY; n * tags];
    let mut back = vec![0u8; n * tags];
    for t in 0..tags {
        let tag = t as u8;
        if allowed(0, tag) && transition_allowed(tags, None, tag) {
            score[t] = trans[t] + emit[t];
        }
    }
    for pos in 1..n {
        for t in 0..tags {
            let tag = t as u8;
            if !allowed(pos, tag) {
                continue;
            }
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..tags {
                let prev = score[(pos - 1) * tags + p];
                if prev == f32::NEG_INFINITY || !transition_allowed(tags, Some(p as u8), tag) {
                    continue;
                }
                let s = prev + trans[(p + 1) * tags + t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > f32::NEG_INFINITY {
                score[pos * tags + t] = best + emit[pos * tags + t];
                back[pos * tags + t] = arg;
            }
        }
    }
    let last = &score[(n - 1) * tags..n * tags];
    let mut tag = 0u8;
    for t in 1..tags {
        if last[t] > last[tag as usize] {
            tag = t as u8;
        }
    }
    let mut out = vec![0u8; n];
    for pos in (0..n).rev() {
        out[pos] = tag;
        if pos > 0 {
            tag = back[pos * tags + tag as usize];
        }
    }
    out
}

/// Best scores of every prefix and suffix of a sentence, so that the best
/// path through any stretch of fixed tags costs the stretch's length, not
/// a new decoding of the sentence: margins for every cue of a long
/// sentence stay linear in its length.
pub struct Lattice<'a> {
    tags: usize,
    emit: &'a [f32],
    trans: &'a [f32],
    /// Best score of tokens `0..=pos` ending in each tag.
    ahead: Vec<f32>,
    /// Best score of tokens `pos+1..` given the tag at `pos`.
    behind: Vec<f32>,
}

impl<'a> Lattice<'a> {
    pub fn new(n: usize, tags: usize, emit: &'a [f32], trans: &'a [f32]) -> Lattice<'a> {
        let mut ahead = vec![f32::NEG_INFINITY; n * tags];
        let mut behind = vec![f32::NEG_INFINITY; n * tags];
        for t in 0..tags {
            if transition_allowed(tags, None, t as u8) {
                ahead[t] = trans[t] + emit[t];
            }
        }
        for pos in 1..n {
            for t in 0..tags {
                let best = (0..tags)
                    .filter(|&p| transition_allowed(tags, Some(p as u8), t as u8))
                    .map(|p| ahead[(pos - 1) * tags + p] + trans[(p + 1) * tags + t])
                    .fold(f32::NEG_INFINITY, f32::max);
                ahead[pos * tags + t] = best + emit[pos * tags + t];
            }
        }
        if n > 0 {
            behind[(n - 1) * tags..].fill(0.0);
        }
        for pos in (0..n.saturating_sub(1)).rev() {
            for t in 0..tags {
                behind[pos * tags + t] = (0..tags)
                    .filter(|&q| transition_allowed(tags, Some(t as u8), q as u8))
                    .map(|q| {
                        trans[(t + 1) * tags + q]
                            + emit[(pos + 1) * tags + q]
                            + behind[(pos + 1) * tags + q]
                    })
                    .fold(f32::NEG_INFINITY, f32::max);
            }
        }
        Lattice {
            tags,
            emit,
            trans,
            ahead,
            behind,
        }
    }

    /// The best score of a path with `fixed` tags on positions `a..a + fixed.len()`.
    pub fn best_with(&self, a: usize, fixed: &[u8]) -> f32 {
        let tags = self.tags;
        let Some((&first, _)) = fixed.split_first() else {
            return f32::NEG_INFINITY;
        };
        let f = first as usize;
        let mut s = if a == 0 {
            if transition_allowed(tags, None, first) {
                self.trans[f]
            } else {
                f32::NEG_INFINITY
            }
        } else {
            (0..tags)
                .filter(|&p| transition_allowed(tags, Some(p as u8), first))
                .map(|p| self.ahead[(a - 1) * tags + p] + self.trans[(p + 1) * tags + f])
                .fold(f32::NEG_INFINITY, f32::max)
        };
        s += self.emit[a * tags + f];
        for (k, w) in fixed.windows(2).enumerate() {
            if !transition_allowed(tags, Some(w[0]), w[1]) {
                return f32::NEG_INFINITY;
            }
            let pos = a + k + 1;
            s += self.trans[(w[0] as usize + 1) * tags + w[1] as usize]
                + self.emit[pos * tags + w[1] as usize];
        }
        let last = a + fixed.len() - 1;
        s + self.behind[last * tags + fixed[fixed.len() - 1] as usize]
    }
}

/// The score of `path` under `emit` and `trans`.
pub fn path_score(path: &[u8], tags: usize, emit: &[f32], trans: &[f32]) -> f32 {
    let mut s = 0.0;
    let mut prev = 0;
    for (pos, &t) in path.iter().enumerate() {
        s += trans[prev * tags + t as usize] + emit[pos * tags + t as usize];
        prev = t as usize + 1;
    }
    s
}

/// One tagger's weights, as loaded from the model file.
pub struct Tagger {
    tags: usize,
    /// `(tags + 1) * tags` transition weights.
    pub(crate) trans: Vec<f32>,
    /// Which of the `2^BITS` buckets have weights, 64 to a block, with the
    /// number of rows before each block: a bucket's row is its rank. Most
    /// features a text has were pruned in training, and the bitmap (a
    /// quarter of a megabyte, mostly in cache) answers those without
    /// touching the weights; lookups are most of the model's time.
    blocks: Vec<Block>,
    /// `tags` one-byte weight codes per row, rows in bucket order: a
    /// quarter the size of the weights themselves, so more of them stay
    /// in cache.
    codes: Vec<u8>,
    /// The value of each code, in fixed point (`fixed`).
    levels: [i32; 256],
}

/// Weights are added up in fixed point, where addition is exact in any
/// order: decoding may then add a token's or a cue's share of the features
/// once and reuse it, and still get the very scores training computes
/// feature by feature. 2^16 keeps the smallest weights that matter; the
/// largest levels (a few hundred) stay far from `i32`'s limit.
const SCALE: f32 = 65536.0;

/// A weight in fixed point (`as` saturates, so no level can overflow).
pub fn fixed(x: f32) -> i32 {
    (x * SCALE).round() as i32
}

/// A fixed-point sum of weights as the score decoding compares.
pub fn emission(sum: i64) -> f32 {
    sum as f32 / SCALE
}

/// 64 buckets: which have weights, and the rows before them, in three
/// words instead of a padded sixteen bytes, so more blocks share a cache
/// line.
#[derive(Clone, Copy, Default)]
struct Block([u32; 3]);

impl Block {
    fn bits(self) -> u64 {
        u64::from(self.0[0]) | u64::from(self.0[1]) << 32
    }
}

impl Tagger {
    /// `buckets` ascending and below `2^BITS`; `codes` holds `tags` codes
    /// into `levels` per bucket, in `buckets` order.
    pub(crate) fn new(
        tags: usize,
        levels: &[f32; 256],
        trans: Vec<f32>,
        buckets: &[u32],
        codes: &[u8],
    ) -> Tagger {
        let mut blocks = vec![Block::default(); (1 << BITS) / 64];
        for &b in buckets {
            blocks[b as usize / 64].0[(b as usize % 64) / 32] |= 1 << (b % 32);
        }
        let mut rank = 0;
        for block in &mut blocks {
            block.0[2] = rank;
            rank += block.bits().count_ones();
        }
        Tagger {
            tags,
            trans,
            blocks,
            codes: codes.to_vec(),
            levels: levels.map(fixed),
        }
    }

    /// The weights of `bucket`, if it has any.
    #[inline]
    fn row<const TAGS: usize>(&self, bucket: u32) -> Option<&[u8; TAGS]> {
        let block = *self.blocks.get(bucket as usize / 64)?;
        let (bits, bit) = (block.bits(), bucket % 64);
        if bits >> bit & 1 == 0 {
            return None;
        }
        let row = (block.0[2] + (bits & ((1u64 << bit) - 1)).count_ones()) as usize;
        self.codes
            .get(row * TAGS..(row + 1) * TAGS)?
            .try_into()
            .ok()
    }

    /// Adds the weights of `features` to `sums` (one per tag).
    pub(crate) fn score(&self, features: &[u32], sums: &mut [i64]) {
        // The tag count as a constant, so the additions unroll.
        match self.tags {
            1 => self.score_n::<1>(features, sums),
            cue_tag::COUNT => self.score_n::<{ cue_tag::COUNT }>(features, sums),
            role_tag::COUNT => self.score_n::<{ role_tag::COUNT }>(features, sums),
            _ => unreachable!("the model file's tag counts are checked at load"),
        }
    }

    fn score_n<const TAGS: usize>(&self, features: &[u32], sums: &mut [i64]) {
        let sums: &mut [i64; TAGS] = (&mut sums[..TAGS]).try_into().expect("one sum per tag");
        for &f in features {
            if let Some(codes) = self.row::<TAGS>(f) {
                for t in 0..TAGS {
                    sums[t] += i64::from(self.levels[codes[t] as usize]);
                }
            }
        }
    }
}

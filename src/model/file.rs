//! The model file: both taggers' weights in one little-endian blob.
//!
//! ```text
//! "WSAYMODL"  magic
//! u32         format version (FORMAT)
//! u32         feature bits, u32 feature-set version (features.rs)
//! f32 × 2     margins: for a cue the rules did not find, and for one they
//!             found that the model passed over (`Model`)
//! tagger × 2  (cue, role):
//!   u32 tags, f32 × 256 weight levels, f32 × (tags+1)·tags transitions,
//!   u32 rows, rows × varint bucket gaps (ascending buckets),
//!   rows·tags × u8 weight codes
//! u32         FNV-1a of every byte before it
//! ```
//!
//! The hedge model (`hedge.model`, see `hedge.rs`) has the same layout with
//! its own magic, feature set and two settings, and one tagger.
//!
//! A truncated or corrupted file is an error naming what is wrong, never a
//! panic: the extension shows "the core failed to load" instead of dying.

use std::fmt;

use super::features::{BITS, FEATURE_SET};
use super::tagger::{cue_tag, role_tag, Tagger};
use super::Model;

const MAGIC: &[u8; 8] = b"WSAYMODL";
const FORMAT: u32 = 3;

/// Weight codes: 0 is zero, 1..=127 positive magnitudes spaced evenly on a
/// log scale from the smallest to the largest, 129..=255 their negatives.
/// A relative error of a few percent on every weight, big or small, costs
/// nothing measurable in accuracy and makes the file a quarter of its
/// 32-bit size.
#[cfg(feature = "train")]
const LEVELS: usize = 127;

/// Why a model file could not be loaded, naming the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub(super) String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

#[cfg(feature = "train")]
/// The weights of one tagger before quantisation, as training hands them over.
pub struct TaggerWeights {
    pub tags: usize,
    /// `(tags + 1) * tags` transition weights.
    pub trans: Vec<f32>,
    /// Ascending bucket numbers and `tags` weights for each.
    pub rows: Vec<(u32, Vec<f32>)>,
}

#[cfg(feature = "train")]
/// Encode both taggers' weights and the margins cues need.
pub fn write(cue: &TaggerWeights, role: &TaggerWeights, margins: (f32, f32)) -> Vec<u8> {
    write_file(MAGIC, FEATURE_SET, margins, &[cue, role])
}

#[cfg(feature = "train")]
/// A model file: the header (`magic`, the format, the feature bits and the
/// feature-set version), two settings, the taggers, the checksum. The
/// attribution model and the hedge model (`hedge.rs`) share it.
pub(super) fn write_file(
    magic: &[u8; 8],
    feature_set: u32,
    settings: (f32, f32),
    taggers: &[&TaggerWeights],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&BITS.to_le_bytes());
    out.extend_from_slice(&feature_set.to_le_bytes());
    out.extend_from_slice(&settings.0.to_le_bytes());
    out.extend_from_slice(&settings.1.to_le_bytes());
    for t in taggers {
        let book = Codebook::fit(t);
        out.extend_from_slice(&(t.tags as u32).to_le_bytes());
        // The levels themselves, not the two ends they are computed from:
        // `exp` may round differently in WebAssembly, and a level off by one
        // unit in the last place could flip a tie between two tags.
        for x in book.values() {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for &x in &t.trans {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend_from_slice(&(t.rows.len() as u32).to_le_bytes());
        let mut last = 0u32;
        for (k, (b, _)) in t.rows.iter().enumerate() {
            let gap = if k == 0 { *b } else { b - last };
            write_varint(&mut out, gap);
            last = *b;
        }
        for (_, w) in &t.rows {
            out.extend(w.iter().map(|&x| book.code(x)));
        }
    }
    let sum = fnv32(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

#[cfg(feature = "train")]
/// The weights as the file will give them back: each replaced by its code's
/// value, so training can predict exactly what inference will.
pub fn quantised(t: &TaggerWeights) -> TaggerWeights {
    let book = Codebook::fit(t);
    let values = book.values();
    TaggerWeights {
        tags: t.tags,
        trans: t.trans.clone(),
        rows: t
            .rows
            .iter()
            .map(|(b, w)| {
                (
                    *b,
                    w.iter().map(|&x| values[book.code(x) as usize]).collect(),
                )
            })
            .collect(),
    }
}

#[cfg(feature = "train")]
/// The log-scale levels of one tagger's weights.
struct Codebook {
    lo: f32,
    hi: f32,
}

#[cfg(feature = "train")]
impl Codebook {
    fn fit(t: &TaggerWeights) -> Codebook {
        let mags = t.rows.iter().flat_map(|(_, w)| w.iter()).map(|x| x.abs());
        let (lo, hi) = mags
            .filter(|&m| m > 0.0)
            .fold((f32::MAX, 0f32), |(lo, hi), m| (lo.min(m), hi.max(m)));
        if hi == 0.0 {
            return Codebook { lo: 1.0, hi: 1.0 };
        }
        Codebook { lo, hi }
    }

    /// Ratio between neighbouring levels, as a natural logarithm.
    fn step(&self) -> f32 {
        (self.hi / self.lo).ln() / (LEVELS - 1) as f32
    }

    fn code(&self, x: f32) -> u8 {
        if x == 0.0 {
            return 0;
        }
        let step = self.step();
        let k = if step > 0.0 {
            ((x.abs() / self.lo).ln() / step)
                .round()
                .clamp(0.0, (LEVELS - 1) as f32) as u8
        } else {
            0
        };
        if x > 0.0 {
            1 + k
        } else {
            129 + k
        }
    }

    fn values(&self) -> [f32; 256] {
        let mut v = [0f32; 256];
        let step = self.step();
        for k in 0..LEVELS {
            let m = self.lo * (step * k as f32).exp();
            v[1 + k] = m;
            v[129 + k] = -m;
        }
        v
    }
}

/// Decode a model file, checking everything a bad file could get wrong.
pub fn read(bytes: &[u8]) -> Result<Model, ModelError> {
    let (settings, mut taggers) = read_file(
        bytes,
        MAGIC,
        FEATURE_SET,
        &[cue_tag::COUNT, role_tag::COUNT],
    )
    .map_err(|why| ModelError(format!("the attribution model cannot be loaded: {why}")))?;
    let role = taggers.pop().expect("two taggers");
    let cue = taggers.pop().expect("two taggers");
    Ok(Model {
        cue,
        role,
        new_cue_margin: settings.0,
        rule_cue_margin: settings.1,
    })
}

/// The two settings and the taggers (with `tags` tags each) of a file
/// written by `write_file`, or what is wrong with it.
pub(super) fn read_file(
    bytes: &[u8],
    magic: &[u8; 8],
    feature_set: u32,
    tags: &[usize],
) -> Result<((f32, f32), Vec<Tagger>), String> {
    if bytes.len() < magic.len() + 16 {
        return Err(format!("the file is {} bytes, too short", bytes.len()));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 4);
    if &body[..magic.len()] != magic {
        return Err("it is not a Who Says? model file".into());
    }
    let sum = u32::from_le_bytes(sum.try_into().expect("4 bytes"));
    if fnv32(body) != sum {
        return Err("its checksum does not match (truncated or corrupted)".into());
    }
    let mut r = Reader {
        bytes: body,
        at: magic.len(),
    };
    let format = r.u32()?;
    if format != FORMAT {
        return Err(format!("format {format}, this build reads {FORMAT}"));
    }
    let (bits, set) = (r.u32()?, r.u32()?);
    if bits != BITS || set != feature_set {
        return Err(format!(
            "made for features {set} in {bits} bits, this build computes {feature_set} in {BITS}"
        ));
    }
    let settings = (r.f32()?, r.f32()?);
    let taggers = tags
        .iter()
        .map(|&t| r.tagger(t))
        .collect::<Result<Vec<_>, _>>()?;
    if r.at != body.len() {
        return Err("bytes left over after the weights".into());
    }
    Ok((settings, taggers))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err("the file ends inside the weights".into());
        };
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn f32(&mut self) -> Result<f32, String> {
        let x = f32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes"));
        if x.is_finite() {
            Ok(x)
        } else {
            Err("a weight is not a finite number".into())
        }
    }

    fn varint(&mut self) -> Result<u32, String> {
        let mut v = 0u64;
        for shift in (0..35).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| "a bucket number overflows".into());
            }
        }
        Err("a bucket number overflows".into())
    }

    fn tagger(&mut self, expect: usize) -> Result<Tagger, String> {
        let tags = self.u32()? as usize;
        if tags != expect {
            return Err(format!("a tagger has {tags} tags, expected {expect}"));
        }
        let mut levels = [0f32; 256];
        for x in &mut levels {
            *x = self.f32()?;
        }
        let trans = (0..(tags + 1) * tags)
            .map(|_| self.f32())
            .collect::<Result<Vec<_>, _>>()?;
        let rows = self.u32()? as usize;
        if rows > 1 << BITS {
            return Err(format!("{rows} rows, more than there are buckets"));
        }
        let mut buckets = Vec::with_capacity(rows);
        let mut last = 0u32;
        for k in 0..rows {
            let gap = self.varint()?;
            if k > 0 && gap == 0 {
                return Err("bucket numbers are not ascending".into());
            }
            last = last
                .checked_add(gap)
                .filter(|&b| b < 1 << BITS)
                .ok_or("a bucket number is out of range")?;
            buckets.push(last);
        }
        let codes = self.take(rows * tags)?;
        Ok(Tagger::new(tags, &levels, trans, &buckets, codes))
    }
}

#[cfg(feature = "train")]
fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn fnv32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

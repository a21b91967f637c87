//! The averaged structured perceptron (Collins 2002): decode with the
//! current weights, move them toward the gold path where the two differ,
//! and keep the average of every step's weights, which generalises far
//! better than the last step's.

use whosays::model::training::{emission, fixed, viterbi, TaggerWeights, BITS};

pub struct Perceptron {
    tags: usize,
    /// Feature weights, `bucket * tags + tag`.
    w: Vec<f64>,
    /// Sum over updates of step × change, for the average (Daumé's trick:
    /// average = w - acc / steps).
    acc: Vec<f64>,
    trans: Vec<f64>,
    trans_acc: Vec<f64>,
    /// Instances seen so far, plus one.
    step: f64,
}

impl Perceptron {
    pub fn new(tags: usize) -> Perceptron {
        let n = (1usize << BITS) * tags;
        let t = (tags + 1) * tags;
        Perceptron {
            tags,
            w: vec![0.0; n],
            acc: vec![0.0; n],
            trans: vec![0.0; t],
            trans_acc: vec![0.0; t],
            step: 1.0,
        }
    }

    fn emissions(&self, features: &[Vec<u32>], w: impl Fn(usize) -> f64) -> Vec<f32> {
        let mut emit = vec![0f32; features.len() * self.tags];
        for (pos, fs) in features.iter().enumerate() {
            for t in 0..self.tags {
                let s: f64 = fs.iter().map(|&f| w(f as usize * self.tags + t)).sum();
                emit[pos * self.tags + t] = s as f32;
            }
        }
        emit
    }

    /// The best path under the current weights.
    pub fn decode(&self, features: &[Vec<u32>], allowed: impl Fn(usize, u8) -> bool) -> Vec<u8> {
        let emit = self.emissions(features, |k| self.w[k]);
        let trans: Vec<f32> = self.trans.iter().map(|&x| x as f32).collect();
        viterbi(features.len(), self.tags, &emit, &trans, allowed)
    }

    /// One training step on one instance.
    pub fn learn(
        &mut self,
        features: &[Vec<u32>],
        gold: &[u8],
        allowed: impl Fn(usize, u8) -> bool,
    ) -> bool {
        let pred = self.decode(features, allowed);
        let wrong = pred != gold;
        if wrong {
            let c = self.step;
            for (pos, fs) in features.iter().enumerate() {
                let (g, p) = (gold[pos] as usize, pred[pos] as usize);
                if g != p {
                    for &f in fs {
                        let base = f as usize * self.tags;
                        self.w[base + g] += 1.0;
                        self.acc[base + g] += c;
                        self.w[base + p] -= 1.0;
                        self.acc[base + p] -= c;
                    }
                }
                let from = |path: &[u8]| {
                    if pos == 0 {
                        0
                    } else {
                        path[pos - 1] as usize + 1
                    }
                };
                let (gt, pt) = (from(gold) * self.tags + g, from(&pred) * self.tags + p);
                if gt != pt {
                    self.trans[gt] += 1.0;
                    self.trans_acc[gt] += c;
                    self.trans[pt] -= 1.0;
                    self.trans_acc[pt] -= c;
                }
            }
        }
        self.step += 1.0;
        wrong
    }

    /// The averaged weights, as the model file stores them: only buckets
    /// with some weight.
    pub fn averaged(&self) -> TaggerWeights {
        let avg = |w: f64, a: f64| (w - a / self.step) as f32;
        let trans = self
            .trans
            .iter()
            .zip(&self.trans_acc)
            .map(|(&w, &a)| avg(w, a))
            .collect();
        let mut rows = Vec::new();
        for b in 0..1usize << BITS {
            let at = b * self.tags;
            let ws: Vec<f32> = (0..self.tags)
                .map(|t| avg(self.w[at + t], self.acc[at + t]))
                .collect();
            if ws.iter().any(|&x| x != 0.0) {
                rows.push((b as u32, ws));
            }
        }
        TaggerWeights {
            tags: self.tags,
            trans,
            rows,
        }
    }
}

/// Decoding with exported (averaged, unquantised) weights, as the parity
/// fixtures record it.
pub fn decode_with(
    weights: &TaggerWeights,
    dense: &[i32],
    features: &[Vec<u32>],
    allowed: impl Fn(usize, u8) -> bool,
) -> Vec<u8> {
    let tags = weights.tags;
    let mut emit = vec![0f32; features.len() * tags];
    for (pos, fs) in features.iter().enumerate() {
        for t in 0..tags {
            let sum = fs
                .iter()
                .map(|&f| i64::from(dense[f as usize * tags + t]))
                .sum();
            emit[pos * tags + t] = emission(sum);
        }
    }
    viterbi(features.len(), tags, &emit, &weights.trans, allowed)
}

/// The exported weights as a dense table in the core's fixed point, for
/// `decode_with`.
pub fn dense(weights: &TaggerWeights) -> Vec<i32> {
    let mut d = vec![0i32; (1usize << BITS) * weights.tags];
    for (b, ws) in &weights.rows {
        for (x, &w) in d[*b as usize * weights.tags..].iter_mut().zip(ws) {
            *x = fixed(w);
        }
    }
    d
}

//! Mathet et al.'s (2015) gamma for two annotators on one continuum: the disorder of the best
//! alignment of their units, against the disorder expected by chance, estimated from random
//! continua drawn from the observed statistics (the "statistical continuum sampler" of
//! pygamma-agreement) with a seeded generator, so the same data and seed give the same value.
//!
//! Dissimilarity of two units: `alpha · ((|Δstart| + |Δend|) / (len₁ + len₂))² + beta · [cat₁ ≠
//! cat₂]`; a unit aligned with nothing costs `delta_empty`. With two annotators the best
//! alignment is a minimum-cost assignment (solved exactly, piece by piece: units that no cheap
//! pairing connects are independent).

use pathfinding::kuhn_munkres::kuhn_munkres_min;
use pathfinding::matrix::Matrix;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

/// One annotated unit: `[start, end)` and a category (an index).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// First position.
    pub start: f64,
    /// Position after the last.
    pub end: f64,
    /// Category index.
    pub category: usize,
}

/// The weights of the dissimilarity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Weight of the positional part.
    pub alpha: f64,
    /// Weight of the categorial part.
    pub beta: f64,
    /// Cost of a unit aligned with nothing.
    pub delta_empty: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            alpha: 1.0,
            beta: 1.0,
            delta_empty: 1.0,
        }
    }
}

/// Gamma with what it is made of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gamma {
    /// 1 − observed / expected.
    pub gamma: f64,
    /// Disorder of the best alignment.
    pub observed: f64,
    /// Mean disorder of the random continua.
    pub expected: f64,
}

/// The combined dissimilarity of two units.
pub fn dissimilarity(a: &Unit, b: &Unit, p: Params) -> f64 {
    let lengths = (a.end - a.start) + (b.end - b.start);
    let positional = if lengths > 0.0 {
        (((a.start - b.start).abs() + (a.end - b.end).abs()) / lengths).powi(2)
    } else {
        0.0
    };
    let categorial = if a.category == b.category { 0.0 } else { 1.0 };
    p.alpha * positional + p.beta * categorial
}

/// Fixed-point scale for the assignment solver, which works on integers.
const SCALE: f64 = 1e9;

/// Disorder of the best alignment of two annotators' units: the summed cost of the cheapest
/// one-to-one alignment (pairs at their dissimilarity, the rest at `delta_empty` each),
/// divided by the mean number of units per annotator. `None` when neither has a unit.
pub fn best_disorder(a: &[Unit], b: &[Unit], p: Params) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    // Pairs worth considering: cheaper than leaving both alone.
    let limit = 2.0 * p.delta_empty;
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    let mut order_b: Vec<usize> = (0..b.len()).collect();
    order_b.sort_by(|&x, &y| b[x].start.total_cmp(&b[y].start));
    let longest_b = b.iter().map(|u| u.end - u.start).fold(0.0, f64::max);
    // A pair can only be cheap when |Δstart| < √(limit/alpha) · (len₁ + len₂).
    let reach = if p.alpha > 0.0 {
        (limit / p.alpha).sqrt()
    } else {
        f64::INFINITY
    };
    for (i, u) in a.iter().enumerate() {
        let window = reach * ((u.end - u.start) + longest_b);
        let from = order_b.partition_point(|&j| b[j].start < u.start - window);
        for &j in &order_b[from..] {
            if b[j].start > u.start + window {
                break;
            }
            let d = dissimilarity(u, &b[j], p);
            if d < limit {
                edges.push((i, j, d));
            }
        }
    }
    // Connected pieces of the pairing graph are solved apart.
    let mut parent: Vec<usize> = (0..a.len() + b.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(i, j, _) in &edges {
        let (ri, rj) = (root(&mut parent, i), root(&mut parent, a.len() + j));
        parent[ri] = rj;
    }
    // Ordered, so that the sum is added up in the same order every time (reproducible).
    let mut pieces: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for i in 0..a.len() {
        let r = root(&mut parent, i);
        pieces.entry(r).or_default().0.push(i);
    }
    for j in 0..b.len() {
        let r = root(&mut parent, a.len() + j);
        pieces.entry(r).or_default().1.push(j);
    }
    let mut cost_of: std::collections::HashMap<(usize, usize), f64> =
        std::collections::HashMap::new();
    for &(i, j, d) in &edges {
        cost_of.insert((i, j), d);
    }
    let mut total = 0.0;
    for (xs, ys) in pieces.values() {
        if xs.is_empty() || ys.is_empty() {
            total += (xs.len() + ys.len()) as f64 * p.delta_empty;
            continue;
        }
        let weights = piece_weights(xs, ys, &cost_of, p);
        let (cost, _) = kuhn_munkres_min(&weights);
        total += cost as f64 / SCALE;
    }
    Some(total / ((a.len() + b.len()) as f64 / 2.0))
}

/// The cost matrix of one connected piece. Square: rows are `xs` then one "nothing" per y;
/// columns `ys` then one "nothing" per x. x–y at their cost (or two empties when they are not
/// worth pairing); x–nothing-of-x and nothing-of-y–y at `delta_empty`; nothing–nothing free.
fn piece_weights(
    xs: &[usize],
    ys: &[usize],
    cost_of: &std::collections::HashMap<(usize, usize), f64>,
    p: Params,
) -> Matrix<i64> {
    let limit = 2.0 * p.delta_empty;
    let (n, m) = (xs.len(), ys.len());
    let big = (limit * 4.0 * SCALE) as i64 + 1;
    let empty = (p.delta_empty * SCALE).round() as i64;
    Matrix::from_fn(n + m, m + n, |(r, c)| match (r < n, c < m) {
        (true, true) => cost_of
            .get(&(xs[r], ys[c]))
            .map_or(2 * empty, |d| (d * SCALE).round() as i64),
        (true, false) => {
            if c - m == r {
                empty
            } else {
                big
            }
        }
        (false, true) => {
            if r - n == c {
                empty
            } else {
                big
            }
        }
        (false, false) => 0,
    })
}

/// Population mean and standard deviation.
fn mean_std(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64;
    (mean, var.sqrt())
}

/// The statistics a random continuum is drawn from.
struct Statistics {
    units: (f64, f64),
    gap: (f64, f64),
    duration: (f64, f64),
    /// Cumulative category weights, categories in ascending order.
    categories: Vec<(usize, f64)>,
}

impl Statistics {
    fn of(raters: [&[Unit]; 2]) -> Statistics {
        let counts: Vec<f64> = raters.iter().map(|r| r.len() as f64).collect();
        // The gap list starts with a 0, then every gap between a rater's consecutive units,
        // then each rater's first start when it is past 0 (as pygamma-agreement does).
        let mut gaps = vec![0.0];
        let sorted: Vec<Vec<Unit>> = raters
            .iter()
            .map(|r| {
                let mut v = r.to_vec();
                v.sort_by(|x, y| x.start.total_cmp(&y.start).then(x.end.total_cmp(&y.end)));
                v
            })
            .collect();
        for r in &sorted {
            for w in r.windows(2) {
                gaps.push(w[1].start - w[0].end);
            }
        }
        for r in &sorted {
            if let Some(first) = r.first()
                && first.start > 0.0
            {
                gaps.push(first.start);
            }
        }
        let durations: Vec<f64> = sorted.iter().flatten().map(|u| u.end - u.start).collect();
        let mut weights: std::collections::BTreeMap<usize, f64> = Default::default();
        for u in sorted.iter().flatten() {
            *weights.entry(u.category).or_insert(0.0) += 1.0;
        }
        let total: f64 = weights.values().sum();
        let mut cumulative = 0.0;
        let categories = weights
            .into_iter()
            .map(|(c, w)| {
                cumulative += w / total;
                (c, cumulative)
            })
            .collect();
        Statistics {
            units: mean_std(&counts),
            gap: mean_std(&gaps),
            duration: mean_std(&durations),
            categories,
        }
    }

    fn sample(&self, rng: &mut ChaCha8Rng) -> [Vec<Unit>; 2] {
        let normal = |(mean, std): (f64, f64), rng: &mut ChaCha8Rng| {
            let z: f64 = rng.sample(StandardNormal);
            mean + std * z
        };
        let mut out: [Vec<Unit>; 2] = [Vec::new(), Vec::new()];
        for r in 0..2 {
            let mut count = normal(self.units, rng).trunc().abs() as usize;
            if out.iter().all(Vec::is_empty) {
                count = count.max(1);
            }
            let mut last = 0.0;
            for _ in 0..count {
                let start = last + normal(self.gap, rng);
                let mut duration = normal(self.duration, rng).abs();
                // Units of zero length after rounding are drawn again.
                let mut tries = 0;
                while (start + duration).round() - start.round() < 1.0 && tries < 1000 {
                    duration = normal(self.duration, rng).abs();
                    tries += 1;
                }
                let roll: f64 = rng.random();
                let category = self
                    .categories
                    .iter()
                    .find(|(_, c)| roll < *c)
                    .or(self.categories.last())
                    .map_or(0, |(c, _)| *c);
                out[r].push(Unit {
                    start: start.round(),
                    end: (start + duration).round().max(start.round() + 1.0),
                    category,
                });
                last = start + duration;
            }
        }
        out
    }
}

/// Gamma of two annotators on one continuum, the expected disorder estimated from `samples`
/// random continua drawn with `seed`. `None` when neither annotator has a unit, or when chance
/// disorder is zero.
pub fn gamma(a: &[Unit], b: &[Unit], p: Params, samples: usize, seed: u64) -> Option<Gamma> {
    let observed = best_disorder(a, b, p)?;
    let stats = Statistics::of([a, b]);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sum = 0.0;
    let mut drawn = 0usize;
    for _ in 0..samples.max(1) {
        let [x, y] = stats.sample(&mut rng);
        if let Some(d) = best_disorder(&x, &y, p) {
            sum += d;
            drawn += 1;
        }
    }
    let expected = sum / drawn.max(1) as f64;
    (expected > 0.0).then(|| Gamma {
        gamma: 1.0 - observed / expected,
        observed,
        expected,
    })
}

/// Gamma of one pair over documents, as `agree --gamma` reports it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct GammaReport {
    /// Mean of the documents' gamma (each document is one continuum).
    pub mean: Option<f64>,
    /// Random continua drawn per document for the expected disorder.
    pub samples: usize,
    /// The seed (each document draws from `seed` mixed with a hash of its id).
    pub seed: u64,
    /// Per document: id, observed and expected disorder, gamma (`null` where undefined).
    pub documents: Vec<DocumentGamma>,
}

/// Gamma of a pair on one document.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DocumentGamma {
    /// Document id.
    pub id: String,
    /// Disorder of the best alignment (`null` when neither annotated anything).
    pub observed: Option<f64>,
    /// Expected disorder.
    pub expected: Option<f64>,
    /// Gamma.
    pub gamma: Option<f64>,
}

/// A stable 64-bit hash (FNV-1a) of a document id, to give each document its own stream.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Gamma of annotators `a` and `b` on `records` (fragments are the units, labels the
/// categories, positions code points), per document and as their mean.
pub fn of_pair(
    records: &[&crate::model::DocumentRecord],
    a: &str,
    b: &str,
    labels: &[String],
    samples: usize,
    seed: u64,
) -> GammaReport {
    let units = |r: &crate::model::DocumentRecord, who: &str| -> Vec<Unit> {
        r.annotations
            .iter()
            .filter(|x| x.annotator == who)
            .flat_map(|x| {
                let category = labels
                    .iter()
                    .position(|l| *l == x.label)
                    .unwrap_or(labels.len());
                x.fragments.iter().map(move |f| Unit {
                    start: f.start as f64,
                    end: f.end as f64,
                    category,
                })
            })
            .collect()
    };
    let p = Params::default();
    let documents: Vec<DocumentGamma> = records
        .iter()
        .map(|r| {
            let (ua, ub) = (units(r, a), units(r, b));
            let g = gamma(&ua, &ub, p, samples, seed ^ stable_hash(&r.document.id));
            DocumentGamma {
                id: r.document.id.clone(),
                observed: best_disorder(&ua, &ub, p),
                expected: g.map(|g| g.expected),
                gamma: g.map(|g| g.gamma),
            }
        })
        .collect();
    let defined: Vec<f64> = documents.iter().filter_map(|d| d.gamma).collect();
    GammaReport {
        mean: (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64),
        samples,
        seed,
        documents,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(start: f64, end: f64, category: usize) -> Unit {
        Unit {
            start,
            end,
            category,
        }
    }

    #[test]
    fn dissimilarities_as_defined() {
        let p = Params::default();
        assert_eq!(dissimilarity(&u(1.0, 5.0, 0), &u(2.0, 6.0, 0), p), 0.0625);
        assert_eq!(dissimilarity(&u(1.0, 5.0, 0), &u(7.0, 11.0, 1), p), 3.25);
        assert_eq!(dissimilarity(&u(1.0, 5.0, 0), &u(1.0, 5.0, 0), p), 0.0);
    }

    #[test]
    fn best_alignment_pairs_close_units_and_leaves_the_rest_alone() {
        let p = Params::default();
        let a = [u(1.0, 5.0, 0), u(6.0, 10.0, 1), u(11.0, 15.0, 0)];
        let b = [u(2.0, 6.0, 0), u(7.0, 11.0, 1), u(12.0, 16.0, 0)];
        // Three pairs at 0.0625 each, over three units per annotator.
        assert!((best_disorder(&a, &b, p).unwrap() - 0.0625).abs() < 1e-9);
        // A unit only one annotator has costs delta_empty.
        let c = [
            u(1.0, 5.0, 0),
            u(6.0, 10.0, 1),
            u(11.0, 15.0, 0),
            u(40.0, 44.0, 0),
        ];
        let d = best_disorder(&c, &b, p).unwrap();
        assert!((d - (3.0 * 0.0625 + 1.0) / 3.5).abs() < 1e-9, "{d}");
        assert_eq!(best_disorder(&[], &[], p), None);
        assert_eq!(best_disorder(&a, &a, p), Some(0.0));
    }

    #[test]
    fn gamma_is_reproducible_and_rewards_agreement() {
        let p = Params::default();
        let a: Vec<Unit> = (0..20)
            .map(|k| u(k as f64 * 10.0, k as f64 * 10.0 + 5.0, k % 3))
            .collect();
        let close: Vec<Unit> = a
            .iter()
            .map(|x| u(x.start + 1.0, x.end, x.category))
            .collect();
        let far: Vec<Unit> = a
            .iter()
            .map(|x| u(x.start + 4.0, x.end + 3.0, (x.category + 1) % 3))
            .collect();
        let g1 = gamma(&a, &close, p, 30, 7).unwrap();
        assert_eq!(
            g1,
            gamma(&a, &close, p, 30, 7).unwrap(),
            "same seed, same value"
        );
        let g2 = gamma(&a, &far, p, 30, 7).unwrap();
        assert!(g1.gamma > 0.8 && g2.gamma < g1.gamma, "{g1:?} {g2:?}");
        assert_eq!(gamma(&a, &a, p, 30, 7).unwrap().gamma, 1.0);
    }
}

//! Span F1 between a reference annotator `a` and another `b`.

use std::collections::BTreeMap;

use crate::model::{Annotation, Fragment};

/// True positives and the two totals, per label.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched annotations.
    pub tp: usize,
    /// Annotations of the reference.
    pub a: usize,
    /// Annotations of the other.
    pub b: usize,
}

impl Counts {
    /// F1, or `None` when neither side has an annotation.
    pub fn f1(&self) -> Option<f64> {
        if self.a + self.b == 0 {
            return None;
        }
        Some(2.0 * self.tp as f64 / (self.a + self.b) as f64)
    }

    pub(crate) fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.a += other.a;
        self.b += other.b;
    }
}

/// Exact matches: same label and identical fragments, each annotation used once.
pub fn exact(a: &[&Annotation], b: &[&Annotation]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    let mut unused: Vec<(&str, &[Fragment])> = b
        .iter()
        .map(|x| (x.label.as_str(), x.fragments.as_slice()))
        .collect();
    for x in a {
        out.entry(x.label.clone()).or_default().a += 1;
        if let Some(i) = unused
            .iter()
            .position(|(l, f)| *l == x.label && *f == x.fragments.as_slice())
        {
            unused.swap_remove(i);
            out.entry(x.label.clone()).or_default().tp += 1;
        }
    }
    for y in b {
        out.entry(y.label.clone()).or_default().b += 1;
    }
    out
}

/// Overlap matches: a maximum one-to-one matching of same-label annotations that share at least
/// one code point.
pub fn overlap(a: &[&Annotation], b: &[&Annotation]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    let labels: std::collections::BTreeSet<&str> =
        a.iter().chain(b).map(|x| x.label.as_str()).collect();
    for label in labels {
        let xs: Vec<&&Annotation> = a.iter().filter(|x| x.label == label).collect();
        let ys: Vec<&&Annotation> = b.iter().filter(|y| y.label == label).collect();
        let edges: Vec<Vec<usize>> = xs
            .iter()
            .map(|x| {
                (0..ys.len())
                    .filter(|&j| shares_a_code_point(&x.fragments, &ys[j].fragments))
                    .collect()
            })
            .collect();
        let tp = maximum_matching(&edges, ys.len());
        out.insert(
            label.to_string(),
            Counts {
                tp,
                a: xs.len(),
                b: ys.len(),
            },
        );
    }
    out
}

/// The pairs of a maximum one-to-one overlap matching: indices into `a` and `b`.
pub fn overlap_pairs(a: &[&Annotation], b: &[&Annotation]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let labels: std::collections::BTreeSet<&str> =
        a.iter().chain(b).map(|x| x.label.as_str()).collect();
    for label in labels {
        let xs: Vec<usize> = (0..a.len()).filter(|&i| a[i].label == label).collect();
        let ys: Vec<usize> = (0..b.len()).filter(|&j| b[j].label == label).collect();
        let edges: Vec<Vec<usize>> = xs
            .iter()
            .map(|&i| {
                (0..ys.len())
                    .filter(|&k| shares_a_code_point(&a[i].fragments, &b[ys[k]].fragments))
                    .collect()
            })
            .collect();
        let owners = exact_first(&xs, &ys, a, b, &edges);
        for (k, owner) in owners.into_iter().enumerate() {
            if let Some(x) = owner {
                out.push((xs[x], ys[k]));
            }
        }
    }
    out
}

/// A maximum matching that pairs identical spans with each other where that costs no pair: a
/// quote nested in a quote, in two identical layers, is matched outer to outer and inner to
/// inner, not crosswise (which would make their links disagree).
fn exact_first(
    xs: &[usize],
    ys: &[usize],
    a: &[&Annotation],
    b: &[&Annotation],
    edges: &[Vec<usize>],
) -> Vec<Option<usize>> {
    let plain = matching(edges, ys.len());
    let mut owner: Vec<Option<usize>> = vec![None; ys.len()];
    let mut taken = vec![false; xs.len()];
    for (x, &i) in xs.iter().enumerate() {
        if let Some(k) = edges[x]
            .iter()
            .copied()
            .find(|&k| owner[k].is_none() && a[i].fragments == b[ys[k]].fragments)
        {
            owner[k] = Some(x);
            taken[x] = true;
        }
    }
    let rest: Vec<Vec<usize>> = (0..xs.len())
        .map(|x| {
            if taken[x] {
                Vec::new()
            } else {
                edges[x]
                    .iter()
                    .copied()
                    .filter(|&k| owner[k].is_none())
                    .collect()
            }
        })
        .collect();
    for (k, o) in matching(&rest, ys.len()).into_iter().enumerate() {
        if owner[k].is_none() {
            owner[k] = o;
        }
    }
    let size = |m: &[Option<usize>]| m.iter().filter(|o| o.is_some()).count();
    if size(&owner) == size(&plain) {
        owner
    } else {
        plain
    }
}

/// Pools counts over labels.
pub fn micro(per_label: &BTreeMap<String, Counts>) -> Counts {
    let mut c = Counts::default();
    for v in per_label.values() {
        c.add(*v);
    }
    c
}

fn shares_a_code_point(a: &[Fragment], b: &[Fragment]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.overlaps(y)))
}

/// Size of a maximum bipartite matching.
fn maximum_matching(edges: &[Vec<usize>], right: usize) -> usize {
    matching(edges, right)
        .iter()
        .filter(|o| o.is_some())
        .count()
}

/// A maximum bipartite matching (augmenting paths, Kuhn's algorithm): for each right vertex,
/// the left vertex matched to it.
fn matching(edges: &[Vec<usize>], right: usize) -> Vec<Option<usize>> {
    fn augment(
        u: usize,
        edges: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &v in &edges[u] {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            if owner[v].is_none_or(|w| augment(w, edges, seen, owner)) {
                owner[v] = Some(u);
                return true;
            }
        }
        false
    }
    let mut owner = vec![None; right];
    for u in 0..edges.len() {
        let mut seen = vec![false; right];
        augment(u, edges, &mut seen, &mut owner);
    }
    owner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann(label: &str, frags: &[(usize, usize)]) -> Annotation {
        Annotation {
            origin: Default::default(),
            id: String::new(),
            annotator: String::new(),
            label: label.into(),
            fragments: frags.iter().map(|&(s, e)| Fragment::new(s, e)).collect(),
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        }
    }

    #[test]
    fn exact_and_overlap_counts() {
        let a = [
            ann("quote", &[(0, 10)]),
            ann("quote", &[(20, 30)]),
            ann("speaker", &[(40, 45)]),
        ];
        let b = [
            ann("quote", &[(0, 10)]),
            ann("quote", &[(18, 25)]),
            ann("claim", &[(40, 45)]),
        ];
        let (ra, rb): (Vec<&Annotation>, Vec<&Annotation>) =
            (a.iter().collect(), b.iter().collect());
        let e = exact(&ra, &rb);
        assert_eq!(e["quote"], Counts { tp: 1, a: 2, b: 2 });
        assert_eq!(micro(&e), Counts { tp: 1, a: 3, b: 3 });
        let o = overlap(&ra, &rb);
        assert_eq!(o["quote"].tp, 2);
        assert_eq!(o["speaker"], Counts { tp: 0, a: 1, b: 0 });
        assert_eq!(micro(&o).f1(), Some(2.0 * 2.0 / 6.0));
        assert_eq!(Counts::default().f1(), None);
    }

    #[test]
    fn overlap_matching_is_one_to_one_and_maximal() {
        // One long span of a overlaps two of b; a's second span overlaps only b's first.
        // Greedy would take (a0, b0) and leave a1 unmatched; the maximum is 2.
        let a = [ann("quote", &[(0, 20)]), ann("quote", &[(0, 3)])];
        let b = [ann("quote", &[(1, 2)]), ann("quote", &[(10, 12)])];
        let o = overlap(&a.iter().collect::<Vec<_>>(), &b.iter().collect::<Vec<_>>());
        assert_eq!(o["quote"].tp, 2);
    }
}

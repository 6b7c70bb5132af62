//! Label confusion between two annotators: their annotations matched one to one by the
//! largest overlap whatever the label, counted by (label of a, label of b). An annotation left
//! without a partner counts against [`NONE`].

use std::collections::BTreeMap;

use crate::model::Annotation;

/// The row or column of annotations the other annotator has nothing for.
pub const NONE: &str = "(none)";

/// Label confusion counts, rows by `a`'s label, columns by `b`'s.
pub type Confusion = BTreeMap<String, BTreeMap<String, usize>>;

/// Adds one document's counts of `a` against `b` to `into`.
pub fn add(into: &mut Confusion, a: &[&Annotation], b: &[&Annotation]) {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let n = x.shared_len(y);
            if n > 0 {
                candidates.push((n, i, j));
            }
        }
    }
    // Largest overlap first; among equals a same-label partner first.
    candidates.sort_by_key(|&(n, i, j)| (std::cmp::Reverse(n), a[i].label != b[j].label, i, j));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut count = |row: &str, col: &str| {
        *into
            .entry(row.to_string())
            .or_default()
            .entry(col.to_string())
            .or_insert(0) += 1;
    };
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            count(&a[i].label, &b[j].label);
        }
    }
    for (i, x) in a.iter().enumerate() {
        if !used_a[i] {
            count(&x.label, NONE);
        }
    }
    for (j, y) in b.iter().enumerate() {
        if !used_b[j] {
            count(NONE, &y.label);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fragment;

    fn ann(label: &str, s: usize, e: usize) -> Annotation {
        Annotation {
            origin: Default::default(),
            id: format!("{label}{s}"),
            annotator: "x".into(),
            label: label.into(),
            fragments: vec![Fragment::new(s, e)],
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        }
    }

    #[test]
    fn labels_are_crossed_by_overlap_and_the_rest_is_none() {
        let a = [
            ann("quote", 0, 10),
            ann("claim", 20, 30),
            ann("speaker", 40, 45),
        ];
        let b = [
            ann("quote", 2, 10),
            ann("rebuttal", 20, 28),
            ann("quote", 60, 70),
        ];
        let (ra, rb): (Vec<&Annotation>, Vec<&Annotation>) =
            (a.iter().collect(), b.iter().collect());
        let mut c = Confusion::new();
        add(&mut c, &ra, &rb);
        assert_eq!(c["quote"]["quote"], 1);
        assert_eq!(c["claim"]["rebuttal"], 1);
        assert_eq!(c["speaker"][NONE], 1);
        assert_eq!(c[NONE]["quote"], 1);
        let total: usize = c.values().flat_map(|r| r.values()).sum();
        assert_eq!(total, 4);
    }

    #[test]
    fn a_same_label_partner_wins_a_tie() {
        let a = [ann("quote", 0, 10)];
        let b = [ann("claim", 0, 10), ann("quote", 0, 10)];
        let (ra, rb): (Vec<&Annotation>, Vec<&Annotation>) =
            (a.iter().collect(), b.iter().collect());
        let mut c = Confusion::new();
        add(&mut c, &ra, &rb);
        assert_eq!(c["quote"]["quote"], 1);
        assert_eq!(c[NONE]["claim"], 1);
    }
}

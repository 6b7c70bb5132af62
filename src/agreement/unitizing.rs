//! Krippendorff's unitizing alpha (α_U; Krippendorff 1995, 2004) per category, on one
//! continuum of code points, for two or more raters. It follows the per-category form that
//! DKPro Statistics and INCEpTION compute: observed disagreement from the squared differences
//! of overlapping units (and of units against the gaps that contain them), expected
//! disagreement over all possible unitizations of the continuum.
//!
//! Units of one rater and one category must not overlap; overlapping ones (a nested quote in a
//! quote) are joined into their union first.

/// One rater's units of one category: sorted, non-overlapping `[start, end)` on the continuum.
pub type Units = Vec<(u64, u64)>;

/// Sorts and joins overlapping or touching units.
pub fn normalise(mut units: Units) -> Units {
    units.sort_unstable();
    let mut out: Units = Vec::with_capacity(units.len());
    for (s, e) in units {
        if s >= e {
            continue;
        }
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// A stretch of the continuum: a unit or a gap between units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Section {
    begin: i64,
    length: i64,
    unit: bool,
}

/// The continuum `[0, len)` cut into alternating gaps and units for one rater.
fn sections(units: &[(u64, u64)], len: u64) -> Vec<Section> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut pos = 0u64;
    for &(s, e) in units {
        if s > pos {
            out.push(Section {
                begin: pos as i64,
                length: (s - pos) as i64,
                unit: false,
            });
        }
        out.push(Section {
            begin: s as i64,
            length: (e - s) as i64,
            unit: true,
        });
        pos = e;
    }
    if pos < len {
        out.push(Section {
            begin: pos as i64,
            length: (len - pos) as i64,
            unit: false,
        });
    }
    out
}

/// The distance between two sections that meet on the continuum.
fn distance(a: Section, b: Section) -> f64 {
    let begin_diff = a.begin - b.begin;
    let length_diff = a.length - b.length;
    let d = if a.unit && b.unit && -a.length < begin_diff && begin_diff < b.length {
        begin_diff * begin_diff + (begin_diff + length_diff) * (begin_diff + length_diff)
    } else if a.unit && !b.unit && -length_diff >= begin_diff && begin_diff >= 0 {
        a.length * a.length
    } else if !a.unit && b.unit && -length_diff <= begin_diff && begin_diff <= 0 {
        b.length * b.length
    } else {
        0
    };
    d as f64
}

/// Observed and expected disagreement of one category: `raters[r]` are rater r's units.
/// Answers `None` for the expected disagreement when no rater has a unit of the category.
pub fn disagreements(raters: &[Units], len: u64) -> (f64, Option<f64>) {
    let r = raters.len();
    if r < 2 || len == 0 {
        return (0.0, None);
    }
    let secs: Vec<Vec<Section>> = raters.iter().map(|u| sections(u, len)).collect();
    let l = len as f64;

    // Observed: walk both raters' sections together; every pair that meets is compared once.
    let mut observed = 0.0;
    for r1 in 0..r {
        for r2 in r1 + 1..r {
            let (s1, s2) = (&secs[r1], &secs[r2]);
            let (mut i, mut j) = (0, 0);
            while i < s1.len() && j < s2.len() {
                observed += distance(s1[i], s2[j]);
                let (e1, e2) = (s1[i].begin + s1[i].length, s2[j].begin + s2[j].length);
                let pos = e1.min(e2);
                if e1 == pos {
                    i += 1;
                }
                if e2 == pos {
                    j += 1;
                }
            }
        }
    }
    let observed = 2.0 * observed / ((r * (r - 1)) as f64 * l * l);

    // Expected: every unit placed anywhere in every gap of every rater.
    let lengths: Vec<f64> = raters
        .iter()
        .flatten()
        .map(|&(s, e)| (e - s) as f64)
        .collect();
    if lengths.is_empty() {
        return (observed, None);
    }
    let n = lengths.len() as f64;
    let squared: f64 = lengths.iter().map(|x| x * (x - 1.0)).sum();
    let mut gaps: Vec<f64> = secs
        .iter()
        .flatten()
        .filter(|s| !s.unit)
        .map(|s| s.length as f64)
        .collect();
    gaps.sort_by(|a, b| a.total_cmp(b));
    // suffix sums: count and sum of the gaps from index k on
    let mut suffix_sum = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        suffix_sum[k] = suffix_sum[k + 1] + gaps[k];
    }
    let mut total = 0.0;
    for &x in &lengths {
        let within = (n - 1.0) * (2.0 * x * x * x - 3.0 * x * x + x) / 3.0;
        let first = gaps.partition_point(|&g| g < x);
        let count = (gaps.len() - first) as f64;
        let placements = suffix_sum[first] - (x - 1.0) * count;
        total += within + x * x * placements;
    }
    let rl = r as f64 * l;
    let expected = total * (2.0 / l) / (rl * (rl - 1.0) - squared);
    (observed, Some(expected))
}

/// α_U of one category, or `None` when undefined (no unit of the category at all).
pub fn alpha(raters: &[Units], len: u64) -> Option<f64> {
    let (observed, expected) = disagreements(raters, len);
    let expected = expected?;
    if expected <= 0.0 {
        return None;
    }
    Some(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(begin: i64, length: i64) -> Section {
        Section {
            begin,
            length,
            unit: true,
        }
    }

    fn gap(begin: i64, length: i64) -> Section {
        Section {
            begin,
            length,
            unit: false,
        }
    }

    #[test]
    fn distances_of_krippendorff_2004() {
        // Krippendorff (2004, pp. 252-254): distances between sections that meet.
        assert_eq!(distance(unit(225, 70), unit(220, 80)), 50.0);
        assert_eq!(distance(unit(370, 30), unit(355, 20)), 850.0);
        assert_eq!(distance(gap(400, 50), unit(400, 20)), 400.0);
        assert_eq!(distance(unit(5, 6), unit(4, 2)), 26.0);
        assert_eq!(distance(unit(5, 6), unit(5, 2)), 16.0);
        assert_eq!(distance(unit(5, 6), unit(6, 2)), 10.0);
        assert_eq!(distance(unit(5, 6), unit(7, 2)), 8.0);
        assert_eq!(distance(unit(5, 6), unit(6, 4)), 2.0);
        assert_eq!(distance(unit(5, 6), unit(5, 6)), 0.0);
        // A unit inside the other's gap costs its squared length; one only partly inside it
        // is compared with the overlapping unit instead.
        assert_eq!(
            distance(gap(2, 3), unit(2, 2)) + distance(unit(5, 6), gap(4, 7)),
            4.0 + 36.0
        );
        assert_eq!(distance(unit(5, 6), gap(3, 2)), 0.0);
    }

    /// Krippendorff's (2004, p. 254) worked example, from the fixture that cites it.
    #[test]
    fn the_worked_example_of_krippendorff_2004() {
        let fixture: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/agreement/krippendorff_2004.json"
        ))
        .expect("fixture");
        let begin = fixture["continuum"]["begin"].as_u64().unwrap_or(0);
        let len = fixture["continuum"]["length"].as_u64().unwrap_or(0);
        let tolerance = fixture["tolerance"].as_f64().unwrap_or(0.0);
        let units = |observer: &str, category: &str| -> Units {
            let list = fixture["units"].as_array().cloned().unwrap_or_default();
            normalise(
                list.iter()
                    .filter(|u| u["observer"] == observer && u["category"] == category)
                    .map(|u| {
                        let b = u["begin"].as_u64().unwrap_or(0) - begin;
                        (b, b + u["length"].as_u64().unwrap_or(0))
                    })
                    .collect(),
            )
        };
        let (mut sum_o, mut sum_e) = (0.0, 0.0);
        for category in ["c", "k"] {
            let raters = [units("i", category), units("j", category)];
            let (d_o, d_e) = disagreements(&raters, len);
            let d_e = d_e.expect("defined");
            let want = &fixture["expected"][category];
            let near = |got: f64, key: &str| {
                let w = want[key].as_f64().unwrap_or(f64::NAN);
                assert!(
                    (got - w).abs() < tolerance,
                    "{category} {key}: {got} vs {w}"
                );
            };
            near(d_o, "observed");
            near(d_e, "expected");
            near(1.0 - d_o / d_e, "alpha");
            sum_o += d_o;
            sum_e += d_e;
        }
        let overall = fixture["expected"]["overall"].as_f64().unwrap_or(f64::NAN);
        assert!((1.0 - sum_o / sum_e - overall).abs() < tolerance);
    }

    #[test]
    fn identical_unitizations_agree_perfectly() {
        let u: Units = vec![(10, 20), (40, 45)];
        assert_eq!(alpha(&[u.clone(), u.clone(), u], 100), Some(1.0));
    }

    #[test]
    fn nobody_used_the_category() {
        assert_eq!(alpha(&[vec![], vec![]], 100), None);
    }

    #[test]
    fn observed_disagreement_by_hand() {
        // Rater 1: [10, 20); rater 2: [12, 20). Sections meet as
        // gap[0,10)–gap[0,12): 0; unit[10,20)–gap[0,12): not contained: 0;
        // unit[10,20)–unit[12,20): begin diff -2, end diff 0 → 4; gap[20,100)–gap[20,100): 0.
        // D_o = 2 * 4 / (2 * 1 * 100²) = 0.0004.
        let (d_o, d_e) = disagreements(&[vec![(10, 20)], vec![(12, 20)]], 100);
        assert!((d_o - 0.0004).abs() < 1e-15, "{d_o}");
        let d_e = d_e.unwrap();
        assert!(d_e > d_o);
        // A unit the other rater missed costs its squared length.
        let (d_o, _) = disagreements(&[vec![(10, 20)], vec![]], 100);
        assert!(
            (d_o - 2.0 * 100.0 / (2.0 * 100.0 * 100.0)).abs() < 1e-15,
            "{d_o}"
        );
    }

    #[test]
    fn worse_overlap_means_lower_alpha() {
        let close = alpha(&[vec![(10, 20)], vec![(11, 20)]], 200).unwrap();
        let far = alpha(&[vec![(10, 20)], vec![(15, 30)]], 200).unwrap();
        let missing = alpha(&[vec![(10, 20)], vec![]], 200).unwrap();
        assert!(close > far && far > missing, "{close} {far} {missing}");
        assert!(close < 1.0);
    }

    #[test]
    fn nested_units_of_one_rater_are_joined() {
        assert_eq!(
            normalise(vec![(5, 9), (0, 10), (12, 14)]),
            vec![(0, 10), (12, 14)]
        );
    }
}

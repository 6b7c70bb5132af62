//! Measures for two or more annotators over binary codings of tokens (in or out of a label):
//! Fleiss' kappa (every item coded by every annotator) and Krippendorff's nominal alpha
//! (missing codings allowed: an item counts when at least two annotators coded it).

/// Fleiss' kappa. `items[i]` holds every annotator's coding of item i (all of equal length).
/// `None` when undefined: no items, fewer than two annotators, or chance agreement 1.
pub fn fleiss(items: &[Vec<bool>]) -> Option<f64> {
    let raters = items.first()?.len();
    if items.iter().any(|i| i.len() != raters) {
        return None;
    }
    fleiss_counts(
        raters,
        items.iter().map(|i| i.iter().filter(|x| **x).count()),
    )
}

/// Fleiss' kappa from, for each item, how many of the `raters` coded it `true`.
pub fn fleiss_counts(raters: usize, yes_per_item: impl Iterator<Item = usize>) -> Option<f64> {
    if raters < 2 {
        return None;
    }
    let n = raters as f64;
    let mut big_n = 0.0;
    let mut yes_total = 0.0;
    let mut p_bar = 0.0;
    for yes in yes_per_item {
        big_n += 1.0;
        let yes = yes as f64;
        let no = n - yes;
        yes_total += yes;
        p_bar += (yes * yes + no * no - n) / (n * (n - 1.0));
    }
    if big_n == 0.0 {
        return None;
    }
    p_bar /= big_n;
    let p_yes = yes_total / (big_n * n);
    let p_e = p_yes * p_yes + (1.0 - p_yes) * (1.0 - p_yes);
    if (1.0 - p_e).abs() < 1e-12 {
        return None;
    }
    Some((p_bar - p_e) / (1.0 - p_e))
}

/// Krippendorff's alpha for nominal data with two values. `units[u]` holds the codings of unit
/// u by every annotator, `None` where one did not code it. Units with fewer than two codings
/// are not pairable and drop out. `None` when undefined (only one value occurs).
pub fn alpha_nominal(units: &[Vec<Option<bool>>]) -> Option<f64> {
    alpha_nominal_counts(units.iter().map(|u| {
        (
            u.iter().filter(|v| **v == Some(true)).count(),
            u.iter().filter(|v| **v == Some(false)).count(),
        )
    }))
}

/// Nominal alpha from, for each unit, how many codings are `true` and how many `false`.
pub fn alpha_nominal_counts(units: impl Iterator<Item = (usize, usize)>) -> Option<f64> {
    // Coincidences: o[c][k] summed over units, each weighted 1 / (m_u - 1).
    let (mut o00, mut o01, mut o11) = (0.0, 0.0, 0.0);
    for (yes, no) in units {
        let (yes, no) = (yes as f64, no as f64);
        let m = yes + no;
        if m < 2.0 {
            continue;
        }
        o00 += no * (no - 1.0) / (m - 1.0);
        o11 += yes * (yes - 1.0) / (m - 1.0);
        o01 += yes * no / (m - 1.0);
    }
    let (n0, n1) = (o00 + o01, o11 + o01);
    let n = n0 + n1;
    if n0 * n1 == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * o01 / (n0 * n1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fleiss_matches_statsmodels() {
        // statsmodels.stats.inter_rater.fleiss_kappa([[3,0],[2,1],[0,3],[0,3]]) = 0.657142857…
        let items = vec![
            vec![true, true, true],
            vec![true, true, false],
            vec![false; 3],
            vec![false; 3],
        ];
        let k = fleiss(&items).unwrap();
        assert!((k - 0.657_142_857_142_857).abs() < 1e-12, "{k}");
        assert_eq!(fleiss(&[vec![false; 3], vec![false; 3]]), None);
    }

    #[test]
    fn alpha_matches_the_krippendorff_package_with_missing_data() {
        // krippendorff.alpha([[1,1,0,nan],[1,1,0,0],[1,0,0,0]], "nominal") = 0.666…
        // (rows are annotators, columns units; here one vector per unit)
        let units = vec![
            vec![Some(true), Some(true), Some(true)],
            vec![Some(true), Some(true), Some(false)],
            vec![Some(false), Some(false), Some(false)],
            vec![None, Some(false), Some(false)],
        ];
        let a = alpha_nominal(&units).unwrap();
        assert!((a - 2.0 / 3.0).abs() < 1e-12, "{a}");
        assert_eq!(alpha_nominal(&[vec![Some(false), Some(false)]]), None);
    }
}

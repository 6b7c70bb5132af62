//! Cohen's kappa per label over tokens: each token is in or out of the label's spans.

/// Kappa of two binary codings of the same items, or `None` when undefined (chance agreement 1,
/// e.g. nobody used the label, or everyone used it everywhere).
pub fn cohen(a: &[bool], b: &[bool]) -> Option<f64> {
    let n = a.len() as f64;
    if a.is_empty() || a.len() != b.len() {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n;
    let pa = a.iter().filter(|x| **x).count() as f64 / n;
    let pb = b.iter().filter(|x| **x).count() as f64 / n;
    let chance = pa * pb + (1.0 - pa) * (1.0 - pb);
    if (1.0 - chance).abs() < 1e-12 {
        return None;
    }
    Some((agree - chance) / (1.0 - chance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // 10 items: both yes 3, both no 5, a-only 1, b-only 1. po = 0.8, pa = pb = 0.4,
        // pe = 0.16 + 0.36 = 0.52, kappa = 0.28 / 0.48.
        let a = [
            true, true, true, true, false, false, false, false, false, false,
        ];
        let b = [
            true, true, true, false, true, false, false, false, false, false,
        ];
        let k = cohen(&a, &b).unwrap();
        assert!((k - 0.28 / 0.48).abs() < 1e-12, "{k}");
        assert_eq!(cohen(&[false; 5], &[false; 5]), None);
        assert_eq!(cohen(&[true, false], &[true, false]), Some(1.0));
    }
}

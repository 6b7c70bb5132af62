//! Unitizing alpha's continuum: the compared documents laid end to end as one line of code
//! points, built one document at a time so that only the units are kept, not the texts.

use std::collections::BTreeMap;

use super::{AlphaReport, unitizing};
use crate::model::DocumentRecord;

/// The units of every label and annotator on the documents added so far.
pub(crate) struct Continuum {
    annotators: Vec<String>,
    labels: Vec<String>,
    /// `units[label][annotator]`, in continuum offsets.
    units: Vec<Vec<unitizing::Units>>,
    /// The continuum's length so far.
    len: u64,
}

impl Continuum {
    /// An empty continuum for `annotators` and `labels`.
    pub(crate) fn new(annotators: &[String], labels: &[String]) -> Continuum {
        Continuum {
            annotators: annotators.to_vec(),
            labels: labels.to_vec(),
            units: vec![vec![Vec::new(); annotators.len()]; labels.len()],
            len: 0,
        }
    }

    /// Appends one document (which every annotator has annotated).
    pub(crate) fn add(&mut self, r: &DocumentRecord) {
        let off = self.len;
        for a in &r.annotations {
            let (Some(l), Some(who)) = (
                self.labels.iter().position(|l| *l == a.label),
                self.annotators.iter().position(|w| *w == a.annotator),
            ) else {
                continue;
            };
            self.units[l][who].extend(
                a.fragments
                    .iter()
                    .map(|f| (off + f.start as u64, off + f.end as u64)),
            );
        }
        self.len += r.document.text.chars().count() as u64;
    }

    /// Alpha per label and over all labels; says in `notes` why a label's is undefined.
    pub(crate) fn alpha(self, notes: &mut Vec<String>) -> AlphaReport {
        let mut per_label = BTreeMap::new();
        let (mut sum_observed, mut sum_expected, mut defined) = (0.0, 0.0, 0usize);
        for (label, raters) in self.labels.iter().zip(self.units) {
            let raters: Vec<unitizing::Units> =
                raters.into_iter().map(unitizing::normalise).collect();
            let (observed, expected) = unitizing::disagreements(&raters, self.len);
            let value = match expected {
                Some(e) if e > 0.0 => {
                    sum_observed += observed;
                    sum_expected += e;
                    defined += 1;
                    Some(1.0 - observed / e)
                }
                _ => {
                    notes.push(format!(
                        "alpha_u for {label} is null: nobody annotated a {label}"
                    ));
                    None
                }
            };
            per_label.insert(label.clone(), value);
        }
        let overall =
            (defined > 0 && sum_expected > 0.0).then(|| 1.0 - sum_observed / sum_expected);
        AlphaReport { overall, per_label }
    }
}

//! Agreement per document, for finding the documents that need a review first.

use super::{DocumentAgreement, f1, unitizing};
use crate::model::DocumentRecord;
use crate::review::compare;

/// Figures for each of `docs`, the lowest F1 overlap first (documents where it is undefined
/// last). `counts[d]` are document d's pooled F1 counts: `[exact, overlap]`.
pub(super) fn figures(
    docs: &[&DocumentRecord],
    annotators: &[String],
    labels: &[String],
    counts: &[[f1::Counts; 2]],
) -> Vec<DocumentAgreement> {
    let mut out: Vec<DocumentAgreement> = docs
        .iter()
        .zip(counts)
        .map(|(r, [exact, overlap])| DocumentAgreement {
            id: r.document.id.clone(),
            title: r.document.title.clone(),
            f1_exact: exact.f1(),
            f1_overlap: overlap.f1(),
            alpha_u: alpha_u(r, annotators, labels),
            disagreements: compare(r, annotators).disagreements.len(),
        })
        .collect();
    out.sort_by(|x, y| {
        let key = |d: &DocumentAgreement| d.f1_overlap.unwrap_or(f64::INFINITY);
        key(x)
            .total_cmp(&key(y))
            .then(y.disagreements.cmp(&x.disagreements))
    });
    out
}

/// Unitizing alpha over all labels on one document.
fn alpha_u(r: &DocumentRecord, annotators: &[String], labels: &[String]) -> Option<f64> {
    let len = r.document.text.chars().count() as u64;
    let (mut observed, mut expected) = (0.0, 0.0);
    for label in labels {
        let raters: Vec<unitizing::Units> = annotators
            .iter()
            .map(|who| {
                unitizing::normalise(
                    r.annotations
                        .iter()
                        .filter(|a| a.annotator == *who && a.label == *label)
                        .flat_map(|a| a.fragments.iter().map(|f| (f.start as u64, f.end as u64)))
                        .collect(),
                )
            })
            .collect();
        if let (o, Some(e)) = unitizing::disagreements(&raters, len)
            && e > 0.0
        {
            observed += o;
            expected += e;
        }
    }
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

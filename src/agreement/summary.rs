//! The agreement an export's data card states — span F1 per pair and unitizing alpha —
//! gathered one document at a time, so that an export of any size keeps only annotations in
//! memory. The figures are those of [`super::agreement`] on the same documents (tested).

use super::continuum::Continuum;
use super::{AlphaReport, f1, has_annotated};
use crate::model::{Annotation, DocumentRecord};

/// F1 of one pair of annotators.
#[derive(Clone, Debug, PartialEq)]
pub struct PairSummary {
    /// The reference annotator.
    pub a: String,
    /// The other.
    pub b: String,
    /// F1 exact, pooled over labels.
    pub f1_exact: Option<f64>,
    /// F1 overlap, pooled over labels.
    pub f1_overlap: Option<f64>,
}

/// What [`Summary::finish`] reports.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryReport {
    /// Documents that every compared annotator annotated.
    pub documents: usize,
    /// One entry per pair.
    pub pairs: Vec<PairSummary>,
    /// Unitizing alpha.
    pub alpha_u: AlphaReport,
}

/// Agreement gathered document by document.
pub struct Summary {
    annotators: Vec<String>,
    documents: usize,
    /// Per pair (in the order of [`super::agreement`]): exact and overlap counts.
    counts: Vec<(usize, usize, f1::Counts, f1::Counts)>,
    continuum: Continuum,
}

impl Summary {
    /// Nothing gathered yet, for `annotators` and `labels`.
    pub fn new(annotators: &[String], labels: &[String]) -> Summary {
        let mut counts = Vec::new();
        for i in 0..annotators.len() {
            for j in i + 1..annotators.len() {
                counts.push((i, j, f1::Counts::default(), f1::Counts::default()));
            }
        }
        Summary {
            annotators: annotators.to_vec(),
            documents: 0,
            counts,
            continuum: Continuum::new(annotators, labels),
        }
    }

    /// Adds a document; one that not every annotator has annotated is passed over.
    pub fn add(&mut self, r: &DocumentRecord) {
        if !self.annotators.iter().all(|a| has_annotated(r, a)) {
            return;
        }
        self.documents += 1;
        let layers: Vec<Vec<&Annotation>> = self
            .annotators
            .iter()
            .map(|who| r.layer_annotations(who))
            .collect();
        for (i, j, exact, overlap) in &mut self.counts {
            let (la, lb) = (&layers[*i], &layers[*j]);
            for (total, counts) in [(exact, f1::exact(la, lb)), (overlap, f1::overlap(la, lb))] {
                let pooled = f1::micro(&counts);
                total.tp += pooled.tp;
                total.a += pooled.a;
                total.b += pooled.b;
            }
        }
        self.continuum.add(r);
    }

    /// The figures over every document added.
    pub fn finish(self) -> SummaryReport {
        let pairs = self
            .counts
            .iter()
            .map(|(i, j, exact, overlap)| PairSummary {
                a: self.annotators[*i].clone(),
                b: self.annotators[*j].clone(),
                f1_exact: exact.f1(),
                f1_overlap: overlap.f1(),
            })
            .collect();
        SummaryReport {
            documents: self.documents,
            pairs,
            alpha_u: self.continuum.alpha(&mut Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Fragment};

    /// A record from a JSON sketch: `text`, `annotations` (`annotator`, `label`, `fragments`),
    /// `status`.
    fn record(json: &str) -> DocumentRecord {
        let v: serde_json::Value = serde_json::from_str(json).expect("fixture is JSON");
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let annotations = v["annotations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| Annotation {
                origin: Default::default(),
                id: a["id"].as_str().unwrap_or_default().into(),
                annotator: a["annotator"].as_str().unwrap_or_default().into(),
                label: a["label"].as_str().unwrap_or_default().into(),
                fragments: a["fragments"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|f| {
                        Fragment::new(
                            f[0].as_u64().unwrap_or(0) as usize,
                            f[1].as_u64().unwrap_or(0) as usize,
                        )
                    })
                    .collect(),
                text: String::new(),
                attributes: Default::default(),
                note: String::new(),
            })
            .collect();
        let status = v["status"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, s)| Some((k.clone(), crate::model::DocStatus::parse(s.as_str()?)?)))
            .collect();
        DocumentRecord {
            document: Document::new(
                v["id"].as_str().unwrap_or_default().into(),
                String::new(),
                text,
                Default::default(),
            ),
            id_given: true,
            annotations,
            relations: Vec::new(),
            status,
        }
    }

    /// Nested, discontinuous, identical and empty layers, and a document only one annotated.
    const RECORDS: &[&str] = &[
        r#"{"id":"d1","text":"Sie sagte: „Wir bleiben hier.“ Er widersprach.","annotations":[
            {"id":"a1","annotator":"anna","label":"quote","fragments":[[11,30]]},
            {"id":"a2","annotator":"anna","label":"claim","fragments":[[12,28]]},
            {"id":"a3","annotator":"ben","label":"quote","fragments":[[12,29]]},
            {"id":"a4","annotator":"ben","label":"speaker","fragments":[[0,3]]}]}"#,
        r#"{"id":"d2","text":"Laut Polizei, sagte er, sei niemand verletzt worden.","annotations":[
            {"id":"a1","annotator":"anna","label":"quote","fragments":[[0,12],[24,51]]},
            {"id":"a2","annotator":"ben","label":"quote","fragments":[[0,12],[24,51]]}]}"#,
        r#"{"id":"d3","text":"Nichts.","status":{"anna":"done","ben":"done"}}"#,
        r#"{"id":"d4","text":"Nur Anna war hier.","annotations":[
            {"id":"a1","annotator":"anna","label":"quote","fragments":[[0,4]]}]}"#,
    ];

    #[test]
    fn the_summary_equals_the_full_report() {
        let records: Vec<DocumentRecord> = RECORDS.iter().map(|l| record(l)).collect();
        let labels: Vec<String> = ["quote", "claim", "rebuttal", "speaker"]
            .map(String::from)
            .to_vec();
        for annotators in [vec!["anna", "ben"], vec!["ben", "anna"], vec!["anna"]] {
            let annotators: Vec<String> = annotators.into_iter().map(String::from).collect();
            let full = super::super::agreement(&records, &annotators, &labels);
            let mut summary = Summary::new(&annotators, &labels);
            records.iter().for_each(|r| summary.add(r));
            let summary = summary.finish();
            assert_eq!(summary.documents, full.documents);
            assert_eq!(summary.alpha_u, full.alpha_u);
            assert_eq!(summary.pairs.len(), full.pairs.len());
            for (s, f) in summary.pairs.iter().zip(&full.pairs) {
                assert_eq!((&s.a, &s.b), (&f.a, &f.b));
                assert_eq!(s.f1_exact, f.f1_exact.micro);
                assert_eq!(s.f1_overlap, f.f1_overlap.micro);
            }
        }
        // By hand: d1, d2 and d3 are compared. Exact: d2's quote matches (1 of 3 and 1 of 3),
        // so F1 exact is 2·1/(3+3) = 1/3; overlap matches both quotes: 2·2/6 = 2/3.
        let annotators = vec!["anna".to_string(), "ben".to_string()];
        let mut summary = Summary::new(&annotators, &labels);
        records.iter().for_each(|r| summary.add(r));
        let summary = summary.finish();
        assert_eq!(summary.documents, 3);
        assert!((summary.pairs[0].f1_exact.unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-12);
        assert!((summary.pairs[0].f1_overlap.unwrap_or(0.0) - 2.0 / 3.0).abs() < 1e-12);
    }
}

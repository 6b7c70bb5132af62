//! Agreement of one pair of annotators, gathered document by document: span F1 (exact and
//! overlap) per label, Cohen's kappa per label over tokens, links per relation type, and the
//! label confusion.

use std::collections::BTreeMap;

use super::{F1Report, PairReport, confusion, f1, kappa, link_agreement, token_flags};
use crate::model::DocumentRecord;
use crate::model::tokens::tokenize;

/// What one pair's comparison has counted so far.
pub(super) struct PairTally<'a> {
    a: &'a str,
    b: &'a str,
    labels: &'a [String],
    relation_types: &'a [String],
    exact: BTreeMap<String, f1::Counts>,
    overlap: BTreeMap<String, f1::Counts>,
    /// Per label: the tokens in the label for `a`, and for `b`.
    kappa_items: BTreeMap<&'a str, (Vec<bool>, Vec<bool>)>,
    /// Per relation type: links agreed on, links compared.
    links: BTreeMap<&'a str, (usize, usize)>,
    confused: confusion::Confusion,
}

impl<'a> PairTally<'a> {
    /// Nothing counted yet.
    pub(super) fn new(
        a: &'a str,
        b: &'a str,
        labels: &'a [String],
        relation_types: &'a [String],
    ) -> PairTally<'a> {
        PairTally {
            a,
            b,
            labels,
            relation_types,
            exact: BTreeMap::new(),
            overlap: BTreeMap::new(),
            kappa_items: BTreeMap::new(),
            links: BTreeMap::new(),
            confused: confusion::Confusion::new(),
        }
    }

    /// Counts one document; answers its F1 exact and overlap counts pooled over labels.
    pub(super) fn add(&mut self, r: &DocumentRecord) -> [f1::Counts; 2] {
        let (ra, rb) = (r.layer_annotations(self.a), r.layer_annotations(self.b));
        confusion::add(&mut self.confused, &ra, &rb);
        if !self.relation_types.is_empty() {
            let matched = f1::overlap_pairs(&ra, &rb);
            for kind in self.relation_types {
                let (agree, compared) = link_agreement(r, self.a, self.b, &ra, &rb, &matched, kind);
                let e = self.links.entry(kind.as_str()).or_default();
                e.0 += agree;
                e.1 += compared;
            }
        }
        let mut pooled = [f1::Counts::default(); 2];
        for (k, (target, counts)) in [
            (&mut self.exact, f1::exact(&ra, &rb)),
            (&mut self.overlap, f1::overlap(&ra, &rb)),
        ]
        .into_iter()
        .enumerate()
        {
            pooled[k] = f1::micro(&counts);
            for (label, c) in counts {
                target.entry(label).or_default().add(c);
            }
        }
        let tokens = tokenize(&r.document.text);
        for label in self.labels {
            let entry = self.kappa_items.entry(label.as_str()).or_default();
            entry.0.extend(token_flags(&tokens, &ra, label));
            entry.1.extend(token_flags(&tokens, &rb, label));
        }
        pooled
    }

    /// The pair's report; says in `notes` why a figure is undefined.
    pub(super) fn report(self, notes: &mut Vec<String>) -> PairReport {
        let (a, b) = (self.a, self.b);
        let f1_exact = self.f1_report(&self.exact, "f1_exact", notes);
        let f1_overlap = self.f1_report(&self.overlap, "f1_overlap", notes);
        let kappa = self
            .labels
            .iter()
            .map(|l| {
                let v = self
                    .kappa_items
                    .get(l.as_str())
                    .and_then(|(x, y)| kappa::cohen(x, y));
                if v.is_none() {
                    notes.push(format!("kappa of {a}/{b} for {l} is null: chance agreement is 1 (the label is used by neither, or on every token)"));
                }
                (l.clone(), v)
            })
            .collect();
        let relations = self
            .relation_types
            .iter()
            .map(|kind| {
                let (agree, compared) = self.links.get(kind.as_str()).copied().unwrap_or_default();
                if compared == 0 {
                    notes.push(format!("relations of {a}/{b} for {kind} is null: no matched annotation has a {kind} link"));
                }
                (kind.clone(), (compared > 0).then(|| agree as f64 / compared as f64))
            })
            .collect();
        PairReport {
            a: a.to_string(),
            b: b.to_string(),
            f1_exact,
            f1_overlap,
            kappa,
            relations,
            confusion: self.confused,
            gamma: None,
        }
    }

    fn f1_report(
        &self,
        counts: &BTreeMap<String, f1::Counts>,
        what: &str,
        notes: &mut Vec<String>,
    ) -> F1Report {
        let (a, b) = (self.a, self.b);
        let per_label = self
            .labels
            .iter()
            .map(|l| {
                let v = counts.get(l).and_then(f1::Counts::f1);
                if v.is_none() {
                    notes.push(format!(
                        "{what} of {a}/{b} for {l} is null: neither annotated a {l}"
                    ));
                }
                (l.clone(), v)
            })
            .collect();
        F1Report {
            micro: f1::micro(counts).f1(),
            per_label,
        }
    }
}

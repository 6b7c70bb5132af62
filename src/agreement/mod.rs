//! Inter-annotator agreement as the contract (`docs/contract.md`) fixes it: span F1 (exact and overlap), Cohen's kappa
//! per label over tokens, Krippendorff's unitizing alpha. Pure functions over records.

pub mod confusion;
mod continuum;
pub mod f1;
pub mod gamma;
pub mod kappa;
pub mod multi;
mod pair;
mod per_document;
mod summary;
pub mod unitizing;

use std::collections::BTreeMap;

pub use summary::{PairSummary, Summary, SummaryReport};

use serde::Serialize;

use crate::model::tokens::tokenize;
use crate::model::{Annotation, DocStatus, DocumentRecord};

/// The report `spanbench agree --json` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The annotators compared.
    pub annotators: Vec<String>,
    /// Documents all of them have annotated.
    pub documents: usize,
    /// One entry per pair; `a` is the reference.
    pub pairs: Vec<PairReport>,
    /// Unitizing alpha over all compared annotators.
    pub alpha_u: AlphaReport,
    /// Fleiss' kappa per label over tokens, on the documents all annotators annotated.
    pub fleiss_kappa: BTreeMap<String, Option<f64>>,
    /// Krippendorff's nominal alpha per label over tokens, with missing data.
    pub alpha_nominal: AlphaNominalReport,
    /// Each compared document, the lowest agreement first.
    pub per_document: Vec<DocumentAgreement>,
    /// Why a measure is `null`.
    pub notes: Vec<String>,
    /// Per compared annotator: annotations accepted from suggestions in the compared
    /// documents (counted before any are left out).
    pub from_suggestions: BTreeMap<String, usize>,
    /// True when annotations accepted from suggestions were left out (`--exclude-accepted`).
    pub excluded_accepted: bool,
}

impl AgreementReport {
    /// How many annotations came from accepted suggestions, and whether they were left out;
    /// `leave_out` says how to leave them out where the line is read (the command line's
    /// flag, the screen's box).
    pub fn accepted_line(&self, leave_out: &str) -> String {
        let counts: Vec<String> = self
            .from_suggestions
            .iter()
            .map(|(who, n)| format!("{who} {n}"))
            .collect();
        format!(
            "accepted from suggestions: {} — {}",
            counts.join(", "),
            if self.excluded_accepted {
                "left out of these figures".to_string()
            } else {
                format!("counted in these figures ({leave_out} leaves them out)")
            }
        )
    }
}

/// How an agreement report is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AgreementOptions {
    /// Also compute gamma: random continua per document and their seed.
    pub gamma: Option<(usize, u64)>,
    /// Leave out annotations accepted from suggestions (and their links).
    pub exclude_accepted: bool,
}

/// Agreement on one document, over all compared annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentAgreement {
    /// Document id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// F1 exact, counts pooled over labels and pairs.
    pub f1_exact: Option<f64>,
    /// F1 overlap, counts pooled over labels and pairs.
    pub f1_overlap: Option<f64>,
    /// Unitizing alpha over all labels on this document alone.
    pub alpha_u: Option<f64>,
    /// Disagreements the review lists (boundary, label, missing, extra, link).
    pub disagreements: usize,
}

/// Agreement of one pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairReport {
    /// Reference annotator.
    pub a: String,
    /// The other.
    pub b: String,
    /// Same label, identical fragments.
    pub f1_exact: F1Report,
    /// Same label, at least one shared code point, one-to-one.
    pub f1_overlap: F1Report,
    /// Cohen's kappa per label over tokens.
    pub kappa: BTreeMap<String, Option<f64>>,
    /// Per relation type: among annotations matched between the two (by overlap) where either
    /// side has such a link, the share whose links lead to matched annotations on both sides.
    pub relations: BTreeMap<String, Option<f64>>,
    /// Label confusion: rows `a`'s labels, columns `b`'s, `(none)` for no partner.
    pub confusion: confusion::Confusion,
    /// Mathet et al.'s gamma, when asked for (`agree --gamma`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gamma: Option<gamma::GammaReport>,
}

/// F1 pooled over labels and per label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct F1Report {
    /// Counts pooled over labels.
    pub micro: Option<f64>,
    /// Per label.
    pub per_label: BTreeMap<String, Option<f64>>,
}

/// Krippendorff's nominal alpha over tokens (in or out of each label). Documents count when at
/// least two of the annotators annotated them; the others' codings are missing there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlphaNominalReport {
    /// Documents annotated by at least two of the annotators.
    pub documents: usize,
    /// Per label.
    pub per_label: BTreeMap<String, Option<f64>>,
}

/// Unitizing alpha overall and per label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlphaReport {
    /// Over all labels: 1 − mean observed / mean expected disagreement.
    pub overall: Option<f64>,
    /// Per label.
    pub per_label: BTreeMap<String, Option<f64>>,
}

/// Link agreement of one document: for each matched pair of annotations (x in a, x' in b) where
/// either has `kind` links, whether x's targets, mapped through the matching, are exactly x''s
/// targets. Answers (agreeing, compared).
fn link_agreement(
    record: &DocumentRecord,
    a: &str,
    b: &str,
    ra: &[&Annotation],
    rb: &[&Annotation],
    matched: &[(usize, usize)],
    kind: &str,
) -> (usize, usize) {
    let targets =
        |who: &str, list: &[&Annotation], from: &str| -> std::collections::BTreeSet<usize> {
            record
                .relations
                .iter()
                .filter(|r| r.annotator == who && r.kind == kind && r.from == from)
                .filter_map(|r| list.iter().position(|x| x.id == r.to))
                .collect()
        };
    let b_of = |i: usize| matched.iter().find(|(x, _)| *x == i).map(|(_, y)| *y);
    let (mut agree, mut compared) = (0, 0);
    for &(i, j) in matched {
        let (ta, tb) = (targets(a, ra, &ra[i].id), targets(b, rb, &rb[j].id));
        if ta.is_empty() && tb.is_empty() {
            continue;
        }
        compared += 1;
        let mapped: Option<std::collections::BTreeSet<usize>> =
            ta.iter().map(|&t| b_of(t)).collect();
        if mapped.is_some_and(|m| m == tb) {
            agree += 1;
        }
    }
    (agree, compared)
}

/// For each token, whether a fragment of `label` among `annotations` covers part of it.
fn token_flags(
    tokens: &[crate::model::tokens::Token],
    annotations: &[&Annotation],
    label: &str,
) -> Vec<bool> {
    let mut flags = vec![false; tokens.len()];
    for f in annotations
        .iter()
        .filter(|a| a.label == label)
        .flat_map(|a| &a.fragments)
    {
        let first = tokens.partition_point(|t| t.end <= f.start);
        for (k, t) in tokens[first..].iter().enumerate() {
            if t.start >= f.end {
                break;
            }
            flags[first + k] = true;
        }
    }
    flags
}

/// Fleiss' kappa (documents all annotated) and nominal alpha (documents at least two
/// annotated, the others missing) per label, over tokens in or out of the label.
fn token_measures(
    records: &[DocumentRecord],
    all_annotated: &[&DocumentRecord],
    annotators: &[String],
    labels: &[String],
    notes: &mut Vec<String>,
) -> (BTreeMap<String, Option<f64>>, AlphaNominalReport) {
    let several: Vec<&DocumentRecord> = records
        .iter()
        .filter(|r| annotators.iter().filter(|a| has_annotated(r, a)).count() >= 2)
        .collect();
    // Per label and token: how many coded it in the label, out of how many codings.
    let mut everyone_yes: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut counts: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for r in &several {
        let tokens = tokenize(&r.document.text);
        let everyone = all_annotated.iter().any(|d| std::ptr::eq(*d, *r));
        let layers: Vec<Vec<&Annotation>> = annotators
            .iter()
            .filter(|who| has_annotated(r, who))
            .map(|who| r.layer_annotations(who))
            .collect();
        for label in labels {
            let mut yes = vec![0usize; tokens.len()];
            for mine in &layers {
                for (t, flag) in token_flags(&tokens, mine, label).into_iter().enumerate() {
                    yes[t] += usize::from(flag);
                }
            }
            let coders = layers.len();
            counts
                .entry(label)
                .or_default()
                .extend(yes.iter().map(|&y| (y, coders - y)));
            if everyone {
                everyone_yes.entry(label).or_default().extend(yes);
            }
        }
    }
    let mut fleiss = BTreeMap::new();
    let mut alpha = BTreeMap::new();
    for label in labels {
        let k = multi::fleiss_counts(
            annotators.len(),
            everyone_yes
                .remove(label.as_str())
                .unwrap_or_default()
                .into_iter(),
        );
        let a_units = counts.remove(label.as_str()).unwrap_or_default();

        if k.is_none() {
            notes.push(format!(
                "fleiss_kappa for {label} is null: no shared document, or chance agreement is 1"
            ));
        }
        let a = multi::alpha_nominal_counts(a_units.into_iter());
        if a.is_none() {
            notes.push(format!("alpha_nominal for {label} is null: only one value occurs (nobody, or everybody everywhere, used {label})"));
        }
        fleiss.insert(label.clone(), k);
        alpha.insert(label.clone(), a);
    }
    (
        fleiss,
        AlphaNominalReport {
            documents: several.len(),
            per_label: alpha,
        },
    )
}

/// Adds gamma (seeded, `samples` random continua per document) to every pair of `report`,
/// on the documents the report compared.
pub fn add_gamma(
    report: &mut AgreementReport,
    records: &[DocumentRecord],
    labels: &[String],
    samples: usize,
    seed: u64,
) {
    let docs: Vec<&DocumentRecord> = records
        .iter()
        .filter(|r| report.annotators.iter().all(|a| has_annotated(r, a)))
        .collect();
    for pair in &mut report.pairs {
        let g = gamma::of_pair(&docs, &pair.a, &pair.b, labels, samples, seed);
        if g.mean.is_none() {
            report.notes.push(format!(
                "gamma of {}/{} is null: no document where either annotated something and chance disorder is above 0",
                pair.a, pair.b
            ));
        }
        pair.gamma = Some(g);
    }
}

/// True when `annotator` has worked on the record: an annotation, or a status past `new`.
pub fn has_annotated(record: &DocumentRecord, annotator: &str) -> bool {
    record.annotations.iter().any(|a| a.annotator == annotator)
        || record
            .status
            .get(annotator)
            .is_some_and(|s| *s != DocStatus::New)
}

/// Compares `annotators` on the records that all of them have annotated, for `labels`.
pub fn agreement(
    records: &[DocumentRecord],
    annotators: &[String],
    labels: &[String],
) -> AgreementReport {
    agreement_with_relations(records, annotators, labels, &[])
}

/// As [`agreement`], with agreement on the links of each of `relation_types` as well.
pub fn agreement_with_relations(
    records: &[DocumentRecord],
    annotators: &[String],
    labels: &[String],
    relation_types: &[String],
) -> AgreementReport {
    let docs: Vec<&DocumentRecord> = records
        .iter()
        .filter(|r| annotators.iter().all(|a| has_annotated(r, a)))
        .collect();
    let mut notes = Vec::new();
    let mut pairs = Vec::new();
    // Per document: pooled F1 exact and overlap counts over labels and pairs.
    let mut per_doc_counts = vec![[f1::Counts::default(); 2]; docs.len()];
    for (i, a) in annotators.iter().enumerate() {
        for b in &annotators[i + 1..] {
            let mut tally = pair::PairTally::new(a, b, labels, relation_types);
            for (d, r) in docs.iter().enumerate() {
                for (total, pooled) in per_doc_counts[d].iter_mut().zip(tally.add(r)) {
                    total.add(pooled);
                }
            }
            pairs.push(tally.report(&mut notes));
        }
    }

    // Unitizing alpha: the documents laid end to end as one continuum of code points.
    let mut continuum = continuum::Continuum::new(annotators, labels);
    for r in &docs {
        continuum.add(r);
    }
    let alpha_u = continuum.alpha(&mut notes);
    let (fleiss_kappa, alpha_nominal) =
        token_measures(records, &docs, annotators, labels, &mut notes);
    if annotators.len() < 2 {
        notes.push("agreement needs at least two annotators".into());
    }
    if docs.is_empty() {
        notes.push("no document has been annotated by all of the annotators".into());
    }
    let per_document = per_document::figures(&docs, annotators, labels, &per_doc_counts);
    AgreementReport {
        per_document,
        annotators: annotators.to_vec(),
        documents: docs.len(),
        pairs,
        alpha_u,
        fleiss_kappa,
        alpha_nominal,
        notes,
        from_suggestions: BTreeMap::new(),
        excluded_accepted: false,
    }
}

/// A figure as reports print it: three decimals, or "—" where the measure is undefined.
pub fn figure(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |x| format!("{x:.3}"))
}

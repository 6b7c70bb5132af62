//! Adjudication into the `gold` layer. "Accept what everyone agrees on" copies, per document,
//! every annotation that all compared annotators made identically (same label and fragments,
//! with the attributes all of them gave it alike), and every link all of them drew between such
//! annotations, as one undoable edit. For one disagreement of the review, [`accept_version`]
//! makes one annotator's version the gold one (with what it links to) and [`reject_all`] takes
//! it out; [`gold_state`] tells what gold holds. Pure: each answers an [`Edit`] to apply.

use std::collections::{BTreeSet, HashMap};

use crate::model::ids::fresh_id;
use crate::model::layer::GOLD;

use crate::model::{AnnRef, Annotation, DocStatus, DocumentRecord, Edit, Fragment, Relation};
use crate::review::{Comparison, Disagreement, Kind};

/// The edit that adds to `gold` what all `annotators` agree on in `record` and `gold` lacks,
/// or `None` when there is nothing to add. `gold` is the record's current gold layer.
pub fn accept_agreed(record: &DocumentRecord, annotators: &[String]) -> Option<Edit> {
    if annotators.len() < 2 {
        return None;
    }
    let mut edits = Vec::new();
    let agreed = agreed_annotations(record, annotators, &mut edits);
    agreed_links(record, annotators, &agreed, &mut edits);
    if edits.is_empty() {
        return None;
    }
    if record.status.get(GOLD).is_none_or(|s| *s == DocStatus::New) {
        edits.push(Edit::SetStatus {
            doc: record.document.id.clone(),
            annotator: GOLD.to_string(),
            status: DocStatus::InProgress,
        });
    }
    Some(Edit::Batch(edits))
}

/// The annotations every annotator made with the same span and label: each with its id in
/// every annotator's layer and its id in gold. Those gold lacks are added to `edits`, with
/// the attributes everyone gave the same value.
fn agreed_annotations(
    record: &DocumentRecord,
    annotators: &[String],
    edits: &mut Vec<Edit>,
) -> Vec<(Vec<String>, String)> {
    let gold = record.layer_annotations(GOLD);
    let mut agreed: Vec<(Vec<String>, String)> = Vec::new();
    for a in record.layer_annotations(&annotators[0]) {
        let mut ids = vec![a.id.clone()];
        // Attributes go into gold only where everyone set the same value.
        let mut attributes = a.attributes.clone();
        for other in &annotators[1..] {
            match record
                .layer_annotations(other)
                .iter()
                .find(|b| b.same_span(a))
            {
                Some(b) => {
                    ids.push(b.id.clone());
                    attributes.retain(|k, v| b.attributes.get(k) == Some(v));
                }
                None => break,
            }
        }
        if ids.len() != annotators.len() {
            continue;
        }
        let gold_id = match gold.iter().find(|g| g.same_span(a)) {
            Some(g) => g.id.clone(),
            None => {
                let id = fresh_id("a");
                let mut copy = a.clone();
                copy.id = id.clone();
                copy.annotator = GOLD.to_string();
                copy.attributes = attributes;
                copy.note = String::new();
                edits.push(Edit::AddAnnotation {
                    doc: record.document.id.clone(),
                    annotation: copy,
                });
                id
            }
        };
        agreed.push((ids, gold_id));
    }
    agreed
}

/// Adds to `edits` the links every annotator drew between `agreed` annotations that gold
/// lacks.
fn agreed_links(
    record: &DocumentRecord,
    annotators: &[String],
    agreed: &[(Vec<String>, String)],
    edits: &mut Vec<Edit>,
) {
    let gold_of = |who: usize, id: &str| {
        agreed
            .iter()
            .find(|(ids, _)| ids[who] == id)
            .map(|(_, g)| g.clone())
    };
    let has = |who: usize, kind: &str, from: &str, to: &str| {
        record.relations.iter().any(|r| {
            r.annotator == annotators[who]
                && r.kind == kind
                && gold_of(who, &r.from).as_deref() == Some(from)
                && gold_of(who, &r.to).as_deref() == Some(to)
        })
    };
    for r in record
        .relations
        .iter()
        .filter(|r| r.annotator == annotators[0])
    {
        let (Some(from), Some(to)) = (gold_of(0, &r.from), gold_of(0, &r.to)) else {
            continue;
        };
        let everyone = (1..annotators.len()).all(|w| has(w, &r.kind, &from, &to));
        let in_gold = record
            .relations
            .iter()
            .any(|g| g.annotator == GOLD && g.kind == r.kind && g.from == from && g.to == to);
        if everyone && !in_gold {
            let relation = Relation {
                id: String::new(),
                annotator: GOLD.to_string(),
                kind: r.kind.clone(),
                from,
                to,
            };
            edits.push(Edit::Link {
                doc: record.document.id.clone(),
                relation,
            });
        }
    }
}

/// Where gold stands among the compared annotators: gold grouped with them the way the review
/// groups annotators, so that each item finds its own gold annotation (and a span nested in it,
/// or beside it, stays another item's).
pub struct GoldIndex<'a> {
    /// Group of each compared annotation: (annotator, id) → group.
    group_of: HashMap<(&'a str, &'a str), usize>,
    /// The gold annotation of each group, if any.
    gold: Vec<Option<&'a Annotation>>,
}

impl<'a> GoldIndex<'a> {
    /// Groups gold with `annotators` on `record`.
    pub fn new(record: &'a DocumentRecord, annotators: &[String]) -> GoldIndex<'a> {
        let mut who: Vec<String> = annotators.to_vec();
        who.push(GOLD.to_string());
        let groups = crate::review::groups(record, &who);
        let mut group_of = HashMap::new();
        let mut gold = Vec::with_capacity(groups.len());
        for (g, slot) in groups.iter().enumerate() {
            for a in slot.iter().flatten() {
                group_of.insert((a.annotator.as_str(), a.id.as_str()), g);
            }
            gold.push(slot.last().copied().flatten());
        }
        GoldIndex { group_of, gold }
    }

    /// Gold annotations that stand for the item `d`: gold's member of the groups its versions
    /// fall into.
    fn counterparts(&self, d: &Disagreement) -> Vec<&'a Annotation> {
        let mut out: Vec<&'a Annotation> = Vec::new();
        for v in &d.versions {
            let Some(a) = &v.annotation else { continue };
            let group = self.group_of.get(&(v.annotator.as_str(), a.id.as_str()));
            if let Some(g) = group.and_then(|&g| self.gold[g])
                && !out.iter().any(|x| x.id == g.id)
            {
                out.push(g);
            }
        }
        out
    }
}

/// Gold annotations that stand for the item `d` (see [`GoldIndex`]).
fn gold_counterparts<'a>(record: &'a DocumentRecord, d: &Disagreement) -> Vec<&'a Annotation> {
    let annotators: Vec<String> = d.versions.iter().map(|v| v.annotator.clone()).collect();
    GoldIndex::new(record, &annotators).counterparts(d)
}

/// Builds the edits of one adjudication step, handing out fresh gold ids.
struct GoldEdits<'a> {
    record: &'a DocumentRecord,
    deleted: Vec<String>,
    edits: Vec<Edit>,
}

impl<'a> GoldEdits<'a> {
    fn new(record: &'a DocumentRecord) -> GoldEdits<'a> {
        GoldEdits {
            record,
            deleted: Vec::new(),
            edits: Vec::new(),
        }
    }

    fn doc(&self) -> String {
        self.record.document.id.clone()
    }

    fn delete(&mut self, gold: &Annotation) {
        if !self.deleted.contains(&gold.id) {
            self.deleted.push(gold.id.clone());
            self.edits
                .push(Edit::DeleteAnnotation(AnnRef::of(&self.doc(), gold)));
        }
    }

    /// The gold id of an annotation like `a` (same label and fragments), copying `a` into
    /// gold when there is none.
    fn ensure(&mut self, a: &Annotation) -> String {
        if let Some(g) = self
            .record
            .annotations
            .iter()
            .find(|g| g.annotator == GOLD && g.same_span(a) && !self.deleted.contains(&g.id))
        {
            return g.id.clone();
        }
        if let Some(id) = self.edits.iter().find_map(|e| match e {
            Edit::AddAnnotation { annotation, .. } if annotation.same_span(a) => {
                Some(annotation.id.clone())
            }
            _ => None,
        }) {
            return id;
        }
        let mut copy = a.clone();
        copy.id = fresh_id("a");
        copy.annotator = GOLD.to_string();
        let id = copy.id.clone();
        self.edits.push(Edit::AddAnnotation {
            doc: self.doc(),
            annotation: copy,
        });
        id
    }

    fn gold_has_relation(&self, kind: &str, from: &str, to: &str) -> bool {
        let stored = self.record.relations.iter().any(|r| {
            r.annotator == GOLD
                && r.kind == kind
                && r.from == from
                && r.to == to
                && !self.deleted.contains(&r.from)
                && !self.deleted.contains(&r.to)
        });
        stored
            || self.edits.iter().any(|e| {
                matches!(e, Edit::Link { relation, .. }
                    if relation.kind == kind && relation.from == from && relation.to == to)
            })
    }

    fn link(&mut self, kind: &str, from: String, to: String) {
        if !self.gold_has_relation(kind, &from, &to) {
            self.edits.push(Edit::Link {
                doc: self.doc(),
                relation: Relation {
                    id: String::new(),
                    annotator: GOLD.to_string(),
                    kind: kind.to_string(),
                    from,
                    to,
                },
            });
        }
    }

    fn finish(mut self) -> Option<Edit> {
        if self.edits.is_empty() {
            return None;
        }
        if self
            .record
            .status
            .get(GOLD)
            .is_none_or(|s| *s == DocStatus::New)
        {
            self.edits.push(Edit::SetStatus {
                doc: self.doc(),
                annotator: GOLD.to_string(),
                status: DocStatus::InProgress,
            });
        }
        Some(Edit::Batch(self.edits))
    }
}

/// The edit that makes `annotator`'s version of `d` the gold one: gold's annotations for the
/// item are replaced by a copy of that version, which comes with the annotations it links to
/// (a quote with its speaker) and its links, and with the links into it from annotations gold
/// already has. Accepting the version of someone who has nothing there removes the item from
/// gold (a rejection). A rejection recorded earlier is withdrawn. `None` when gold already
/// holds exactly that version. `rejected` are the document's rejected disagreements.
pub fn accept_version(
    record: &DocumentRecord,
    d: &Disagreement,
    annotator: &str,
    rejected: &BTreeSet<String>,
) -> Option<Edit> {
    let version = d.version(annotator)?;
    let Some(chosen) = &version.annotation else {
        return reject_all(record, d, rejected);
    };
    let mut out = GoldEdits::new(record);
    let counterparts = gold_counterparts(record, d);
    for g in &counterparts {
        if !g.same_span(chosen) {
            out.delete(g);
        }
    }
    let gold_id = out.ensure(chosen);
    // Gold's links from it become the version's links.
    let wanted: Vec<(String, Annotation)> = record
        .relations
        .iter()
        .filter(|r| r.annotator == annotator && r.from == chosen.id)
        .filter_map(|r| {
            let target = record
                .annotations
                .iter()
                .find(|t| t.annotator == annotator && t.id == r.to)?;
            Some((r.kind.clone(), target.clone()))
        })
        .collect();
    let stale: Vec<&Relation> = record
        .relations
        .iter()
        .filter(|r| r.annotator == GOLD && r.from == gold_id)
        .filter(|r| {
            let target = record
                .annotations
                .iter()
                .find(|t| t.annotator == GOLD && t.id == r.to);
            !wanted
                .iter()
                .any(|(k, t)| *k == r.kind && target.is_some_and(|g| g.same_span(t)))
        })
        .collect();
    for r in stale {
        out.edits.push(Edit::Unlink {
            doc: record.document.id.clone(),
            annotator: GOLD.to_string(),
            id: r.id.clone(),
        });
    }
    for (kind, target) in wanted {
        let to = out.ensure(&target);
        out.link(&kind, gold_id.clone(), to);
    }
    link_from_gold(record, annotator, chosen, &gold_id, &mut out);
    if !out.edits.is_empty() && rejected.contains(&d.key()) {
        out.edits.push(Edit::SetRejected {
            doc: record.document.id.clone(),
            item: d.key(),
            rejected: false,
        });
    }
    out.finish()
}

/// Links gold `gold_id` (the accepted `chosen` of `annotator`) from the annotations gold
/// already has, where the annotator linked their counterparts to `chosen`.
fn link_from_gold(
    record: &DocumentRecord,
    annotator: &str,
    chosen: &Annotation,
    gold_id: &str,
    out: &mut GoldEdits<'_>,
) {
    for r in record
        .relations
        .iter()
        .filter(|r| r.annotator == annotator && r.to == chosen.id)
    {
        let source = record
            .annotations
            .iter()
            .find(|s| s.annotator == annotator && s.id == r.from);
        let gold_source = source.and_then(|s| {
            record
                .annotations
                .iter()
                .find(|g| g.annotator == GOLD && g.same_span(s) && !out.deleted.contains(&g.id))
        });
        if let Some(g) = gold_source {
            out.link(&r.kind, g.id.clone(), gold_id.to_string());
        }
    }
}

/// The edit that takes the item `d` out of gold — for a span disagreement its gold
/// annotations, for a link disagreement gold's links of that type from it — and records the
/// rejection, so the review can tell it from an item nobody looked at. `None` when gold has
/// nothing of it and the rejection is already recorded (`rejected`).
pub fn reject_all(
    record: &DocumentRecord,
    d: &Disagreement,
    rejected: &BTreeSet<String>,
) -> Option<Edit> {
    let mut out = GoldEdits::new(record);
    match &d.kind {
        Kind::Link(kind) => {
            for g in gold_counterparts(record, d) {
                for r in record
                    .relations
                    .iter()
                    .filter(|r| r.annotator == GOLD && r.kind == *kind && r.from == g.id)
                {
                    out.edits.push(Edit::Unlink {
                        doc: record.document.id.clone(),
                        annotator: GOLD.to_string(),
                        id: r.id.clone(),
                    });
                }
            }
        }
        _ => {
            for g in gold_counterparts(record, d) {
                out.delete(g);
            }
        }
    }
    if !rejected.contains(&d.key()) {
        out.edits.push(Edit::SetRejected {
            doc: record.document.id.clone(),
            item: d.key(),
            rejected: true,
        });
    }
    if out.edits.is_empty() {
        None
    } else {
        Some(Edit::Batch(out.edits))
    }
}

/// What gold holds for an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoldState {
    /// Nothing of it, and nobody rejected it: not adjudicated yet.
    Nothing,
    /// Nothing of it: the reviewer rejected every version.
    Rejected,
    /// Exactly this annotator's version.
    Version(String),
    /// Something no annotator made (edited by the reviewer).
    Edited,
}

/// What gold holds for `d`: nothing (rejected or not yet), one annotator's version (the first
/// that matches), or an edited one. `rejected` are the document's rejected disagreements.
pub fn gold_state(
    record: &DocumentRecord,
    d: &Disagreement,
    rejected: &BTreeSet<String>,
) -> GoldState {
    let annotators: Vec<String> = d.versions.iter().map(|v| v.annotator.clone()).collect();
    gold_state_in(record, &GoldIndex::new(record, &annotators), d, rejected)
}

/// What gold holds for each disagreement of a comparison, grouping once.
pub fn gold_states(
    record: &DocumentRecord,
    comparison: &Comparison,
    rejected: &BTreeSet<String>,
) -> Vec<GoldState> {
    let index = GoldIndex::new(record, &comparison.annotators);
    comparison
        .disagreements
        .iter()
        .map(|d| gold_state_in(record, &index, d, rejected))
        .collect()
}

fn gold_state_in(
    record: &DocumentRecord,
    index: &GoldIndex,
    d: &Disagreement,
    rejected: &BTreeSet<String>,
) -> GoldState {
    let counterparts = index.counterparts(d);
    if rejected.contains(&d.key()) {
        // The rejection stands while gold still has nothing of it.
        let nothing = match &d.kind {
            Kind::Link(kind) => !record.relations.iter().any(|r| {
                r.annotator == GOLD
                    && r.kind == *kind
                    && counterparts.iter().any(|g| g.id == r.from)
            }),
            _ => counterparts.is_empty(),
        };
        if nothing {
            return GoldState::Rejected;
        }
    }
    let key = |t: &Annotation| (t.label.clone(), t.fragments.clone());
    let gold_links = |g: &Annotation, kind: &str| -> BTreeSet<(String, Vec<Fragment>)> {
        record
            .relations
            .iter()
            .filter(|r| r.annotator == GOLD && r.from == g.id && r.kind == kind)
            .filter_map(|r| {
                let t = record
                    .annotations
                    .iter()
                    .find(|t| t.annotator == GOLD && t.id == r.to)?;
                Some(key(t))
            })
            .collect()
    };
    let [g] = counterparts.as_slice() else {
        return if counterparts.is_empty() {
            GoldState::Nothing
        } else {
            GoldState::Edited
        };
    };
    for v in &d.versions {
        let Some(a) = &v.annotation else { continue };
        if !a.same_span(g) {
            continue;
        }
        if let Kind::Link(kind) = &d.kind {
            let wanted: BTreeSet<(String, Vec<Fragment>)> =
                v.links.iter().map(|(_, t)| key(t)).collect();
            if gold_links(g, kind) != wanted {
                continue;
            }
        }
        return GoldState::Version(v.annotator.clone());
    }
    GoldState::Edited
}

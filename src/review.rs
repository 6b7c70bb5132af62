//! Comparing annotators on one document: which of their annotations correspond, and where and
//! how they disagree. Pure functions over a [`DocumentRecord`]; the window's review view and
//! adjudication are built on them.
//!
//! Annotations of different annotators are grouped in three passes: identical (same label and
//! fragments), then same label and overlapping (largest overlap first, one annotation per
//! annotator and group), then different labels overlapping by at least half of the shorter
//! one. Each group is one item; an item is a disagreement when its members differ:
//!
//! | kind | what |
//! | --- | --- |
//! | boundary | everyone has it with the same label, with different fragments |
//! | label | the members carry different labels |
//! | missing | the reference annotator (the first) has it, someone else does not |
//! | extra | the reference annotator does not have it, someone else does |
//! | link | everyone has it, but their links of one relation type lead to different items |

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{Annotation, DocumentRecord};

/// How annotators disagree on one item.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Same label, different fragments.
    Boundary,
    /// Different labels on overlapping text.
    Label,
    /// The reference annotator has it, another does not.
    Missing,
    /// The reference annotator does not have it, another does.
    Extra,
    /// Links of this relation type lead to different items.
    Link(String),
}

impl Kind {
    /// The name shown to users: `boundary`, `label`, `missing`, `extra`, `attribution link`,
    /// `rebuttal link`, or `<type> link` for a relation type of the schema.
    pub fn name(&self) -> String {
        match self {
            Kind::Boundary => "boundary".into(),
            Kind::Label => "label".into(),
            Kind::Missing => "missing".into(),
            Kind::Extra => "extra".into(),
            Kind::Link(k) if k == "attribution" => "attribution link".into(),
            Kind::Link(k) if k == "rebuts" => "rebuttal link".into(),
            Kind::Link(k) => format!("{k} link"),
        }
    }
}

/// One annotator's side of an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    /// Whose version.
    pub annotator: String,
    /// Their annotation, or `None` when they have none here.
    pub annotation: Option<Annotation>,
    /// Their links from that annotation: relation type and target annotation.
    pub links: Vec<(String, Annotation)>,
}

/// One place where the compared annotators differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// How they differ.
    pub kind: Kind,
    /// First code point any version covers.
    pub start: usize,
    /// First code point after the last any version covers.
    pub end: usize,
    /// One version per compared annotator, in the order they were given.
    pub versions: Vec<Version>,
}

impl Disagreement {
    /// The labels the versions use, sorted, without repeats.
    pub fn labels(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self
            .versions
            .iter()
            .filter_map(|v| v.annotation.as_ref().map(|a| a.label.as_str()))
            .collect();
        set.into_iter().collect()
    }

    /// A key that names this disagreement in its document (kind and span), under which a
    /// reviewer's rejection is stored.
    pub fn key(&self) -> String {
        format!("{}:{}-{}", self.kind.name(), self.start, self.end)
    }

    /// The version of `annotator`.
    pub fn version(&self, annotator: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.annotator == annotator)
    }
}

/// The comparison of annotators on one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// The annotators compared; the first is the reference for missing and extra.
    pub annotators: Vec<String>,
    /// Items on which everyone agrees completely (span, label and links).
    pub agreed: usize,
    /// Where they differ, in text order.
    pub disagreements: Vec<Disagreement>,
}

impl Comparison {
    /// Disagreements counted by kind name.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for d in &self.disagreements {
            *out.entry(d.kind.name()).or_insert(0) += 1;
        }
        out
    }
}

/// One annotation among those compared: whose (index into the annotators) and which.
struct Member<'a> {
    who: usize,
    ann: &'a Annotation,
}

/// Groups of members, merged with a union-find that keeps one member per annotator.
struct Groups {
    parent: Vec<usize>,
    /// At each root: which annotators the group holds.
    who: Vec<u64>,
}

impl Groups {
    fn new(members: &[Member]) -> Groups {
        Groups {
            parent: (0..members.len()).collect(),
            who: members.iter().map(|m| 1u64 << m.who.min(63)).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the groups of `a` and `b` unless they share an annotator.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb || self.who[ra] & self.who[rb] != 0 {
            return false;
        }
        self.parent[rb] = ra;
        self.who[ra] |= self.who[rb];
        true
    }
}

/// Groups the annotations of `annotators` on `record` into items, as [`compare`] does: each
/// group has one slot per annotator (in the order given), `None` where that annotator has
/// nothing in it. Groups come in a stable order.
pub fn groups<'a>(
    record: &'a DocumentRecord,
    annotators: &[String],
) -> Vec<Vec<Option<&'a Annotation>>> {
    let mut members: Vec<Member> = Vec::new();
    for a in &record.annotations {
        if let Some(who) = annotators.iter().position(|n| *n == a.annotator) {
            members.push(Member { who, ann: a });
        }
    }
    members.sort_by_key(|m| (m.ann.extent().0, std::cmp::Reverse(m.ann.extent().1), m.who));
    let mut groups = Groups::new(&members);

    // Pass 1: identical annotations.
    let mut identical: HashMap<(&str, &[crate::model::Fragment]), Vec<usize>> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        let list = identical
            .entry((m.ann.label.as_str(), m.ann.fragments.as_slice()))
            .or_default();
        if !list.iter().any(|&j| groups.join(j, i)) {
            list.push(i);
        }
    }
    // Passes 2 and 3: overlapping, same label first, then different labels.
    for same_label in [true, false] {
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        for i in 0..members.len() {
            let end_i = members[i].ann.extent().1;
            for j in i + 1..members.len() {
                if members[j].ann.extent().0 >= end_i {
                    break;
                }
                let (a, b) = (&members[i], &members[j]);
                if a.who == b.who || (a.ann.label == b.ann.label) != same_label {
                    continue;
                }
                let n = a.ann.shared_len(b.ann);
                let enough = if same_label {
                    n > 0
                } else {
                    2 * n >= a.ann.covered_len().min(b.ann.covered_len()).max(1)
                };
                if enough {
                    candidates.push((n, i, j));
                }
            }
        }
        candidates.sort_by_key(|&(n, i, j)| (std::cmp::Reverse(n), i, j));
        for (_, i, j) in candidates {
            groups.join(i, j);
        }
    }
    let mut slots: BTreeMap<usize, Vec<Option<&'a Annotation>>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        let r = groups.root(i);
        slots
            .entry(r)
            .or_insert_with(|| vec![None; annotators.len()])[m.who] = Some(m.ann);
    }
    slots.into_values().collect()
}

/// Compares `annotators` on `record`. The first annotator is the reference; with fewer than
/// two annotators there is nothing to compare.
pub fn compare(record: &DocumentRecord, annotators: &[String]) -> Comparison {
    let mut out = Comparison {
        annotators: annotators.to_vec(),
        ..Comparison::default()
    };
    if annotators.len() < 2 || annotators.len() > 64 {
        return out;
    }
    let groups = groups(record, annotators);
    let links = Links::new(record, annotators, &groups);
    let kinds: BTreeSet<&str> = record
        .relations
        .iter()
        .filter(|r| annotators.contains(&r.annotator))
        .map(|r| r.kind.as_str())
        .collect();
    for slot in &groups {
        let present: Vec<(usize, &Annotation)> = slot
            .iter()
            .enumerate()
            .filter_map(|(w, a)| a.map(|a| (w, a)))
            .collect();
        let start = present.iter().map(|(_, a)| a.extent().0).min().unwrap_or(0);
        let end = present.iter().map(|(_, a)| a.extent().1).max().unwrap_or(0);
        let span_kind = span_kind(slot, &present, annotators.len());
        let link_kinds: Vec<String> = if present.len() == annotators.len() {
            (kinds.iter())
                .filter(|kind| links.differ(&present, kind))
                .map(|kind| kind.to_string())
                .collect()
        } else {
            Vec::new()
        };
        if span_kind.is_none() && link_kinds.is_empty() {
            out.agreed += 1;
        }
        let versions = |kind: Option<&str>| -> Vec<Version> {
            (0..annotators.len())
                .map(|w| links.version(w, slot[w], kind))
                .collect()
        };
        if let Some(kind) = span_kind {
            out.disagreements.push(Disagreement {
                kind,
                start,
                end,
                versions: versions(None),
            });
        }
        for kind in link_kinds {
            out.disagreements.push(Disagreement {
                versions: versions(Some(&kind)),
                kind: Kind::Link(kind),
                start,
                end,
            });
        }
    }
    out.disagreements
        .sort_by(|a, b| (a.start, b.end, &a.kind).cmp(&(b.start, a.end, &b.kind)));
    out
}

/// How the annotations of one group differ in their spans: labels, then missing or extra
/// (relative to the reference, the first), then boundaries; `None` when they are identical.
fn span_kind(
    slot: &[Option<&Annotation>],
    present: &[(usize, &Annotation)],
    annotators: usize,
) -> Option<Kind> {
    let labels: BTreeSet<&str> = present.iter().map(|(_, a)| a.label.as_str()).collect();
    if labels.len() > 1 {
        Some(Kind::Label)
    } else if present.len() != annotators {
        Some(if slot[0].is_some() {
            Kind::Missing
        } else {
            Kind::Extra
        })
    } else if present
        .iter()
        .any(|(_, a)| a.fragments != present[0].1.fragments)
    {
        Some(Kind::Boundary)
    } else {
        None
    }
}

/// The links of the compared layers, looked up rather than searched, so that a long article
/// with thousands of links stays quick.
struct Links<'a> {
    annotators: &'a [String],
    /// Relations by (annotator, source id).
    outgoing: HashMap<(&'a str, &'a str), Vec<&'a crate::model::Relation>>,
    /// Annotations by (annotator, id).
    by_id: HashMap<(&'a str, &'a str), &'a Annotation>,
    /// The group of each (annotator index, annotation id).
    group_of: HashMap<(usize, &'a str), usize>,
}

impl<'a> Links<'a> {
    fn new(
        record: &'a DocumentRecord,
        annotators: &'a [String],
        groups: &[Vec<Option<&'a Annotation>>],
    ) -> Links<'a> {
        let mut group_of = HashMap::new();
        for (g, slot) in groups.iter().enumerate() {
            for (who, a) in slot.iter().enumerate() {
                if let Some(a) = a {
                    group_of.insert((who, a.id.as_str()), g);
                }
            }
        }
        let mut outgoing: HashMap<(&str, &str), Vec<&crate::model::Relation>> = HashMap::new();
        for r in &record.relations {
            outgoing
                .entry((r.annotator.as_str(), r.from.as_str()))
                .or_default()
                .push(r);
        }
        let by_id = record
            .annotations
            .iter()
            .map(|a| ((a.annotator.as_str(), a.id.as_str()), a))
            .collect();
        Links {
            annotators,
            outgoing,
            by_id,
            group_of,
        }
    }

    fn relations_from(&self, who: usize, ann: &Annotation) -> Vec<&'a crate::model::Relation> {
        self.outgoing
            .get(&(self.annotators[who].as_str(), ann.id.as_str()))
            .cloned()
            .unwrap_or_default()
    }

    /// True when the annotators of `present` link it to different groups by `kind`.
    fn differ(&self, present: &[(usize, &Annotation)], kind: &str) -> bool {
        let targets: Vec<BTreeSet<usize>> = present
            .iter()
            .map(|&(who, a)| {
                self.relations_from(who, a)
                    .into_iter()
                    .filter(|r| r.kind == kind)
                    .filter_map(|r| self.group_of.get(&(who, r.to.as_str())).copied())
                    .collect()
            })
            .collect();
        targets.iter().any(|t| *t != targets[0])
    }

    /// One annotator's version: the annotation and its links (of `kind`, or all).
    fn version(&self, who: usize, slot: Option<&Annotation>, kind: Option<&str>) -> Version {
        let links = slot.map_or_else(Vec::new, |a| {
            self.relations_from(who, a)
                .into_iter()
                .filter(|r| kind.is_none_or(|k| r.kind == k))
                .filter_map(|r| {
                    let target = self.by_id.get(&(r.annotator.as_str(), r.to.as_str()))?;
                    Some((r.kind.clone(), (*target).clone()))
                })
                .collect()
        });
        Version {
            annotator: self.annotators[who].clone(),
            annotation: slot.cloned(),
            links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Fragment, Relation};

    fn ann(who: &str, id: &str, label: &str, frags: &[(usize, usize)]) -> Annotation {
        Annotation {
            origin: Default::default(),
            id: id.into(),
            annotator: who.into(),
            label: label.into(),
            fragments: frags.iter().map(|&(s, e)| Fragment::new(s, e)).collect(),
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        }
    }

    fn rel(who: &str, kind: &str, from: &str, to: &str) -> Relation {
        Relation {
            id: format!("r-{from}-{to}"),
            annotator: who.into(),
            kind: kind.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn record(annotations: Vec<Annotation>, relations: Vec<Relation>) -> DocumentRecord {
        let text = "x".repeat(200);
        let mut r = DocumentRecord::bare(
            Document::new("d".into(), "t".into(), text, Default::default()),
            true,
        );
        r.annotations = annotations;
        r.relations = relations;
        r
    }

    fn names(c: &Comparison) -> Vec<(String, usize)> {
        c.disagreements
            .iter()
            .map(|d| (d.kind.name(), d.start))
            .collect()
    }

    fn pair() -> Vec<String> {
        vec!["anna".into(), "ben".into()]
    }

    #[test]
    fn every_kind_of_disagreement_is_found_and_named() {
        let r = record(
            vec![
                // agreed quote with agreed speaker
                ann("anna", "a1", "quote", &[(0, 10)]),
                ann("ben", "b1", "quote", &[(0, 10)]),
                ann("anna", "a2", "speaker", &[(12, 16)]),
                ann("ben", "b2", "speaker", &[(12, 16)]),
                // boundary
                ann("anna", "a3", "claim", &[(20, 40)]),
                ann("ben", "b3", "claim", &[(22, 40)]),
                // label
                ann("anna", "a4", "claim", &[(50, 60)]),
                ann("ben", "b4", "rebuttal", &[(50, 60)]),
                // missing (anna only) and extra (ben only)
                ann("anna", "a5", "quote", &[(70, 80)]),
                ann("ben", "b6", "quote", &[(90, 100)]),
                // same quote, speakers agree, but ben links it to another speaker
                ann("anna", "a7", "quote", &[(110, 120)]),
                ann("ben", "b7", "quote", &[(110, 120)]),
            ],
            vec![
                rel("anna", "attribution", "a1", "a2"),
                rel("ben", "attribution", "b1", "b2"),
                rel("anna", "attribution", "a7", "a2"),
            ],
        );
        let c = compare(&r, &pair());
        assert_eq!(
            names(&c),
            [
                ("boundary".into(), 20),
                ("label".into(), 50),
                ("missing".into(), 70),
                ("extra".into(), 90),
                ("attribution link".into(), 110),
            ]
        );
        assert_eq!(c.agreed, 2, "the first quote and its speaker");
        let link = &c.disagreements[4];
        assert_eq!(link.version("anna").map(|v| v.links.len()), Some(1));
        assert_eq!(link.version("ben").map(|v| v.links.len()), Some(0));
        let extra = &c.disagreements[3];
        assert!(
            extra
                .version("anna")
                .is_some_and(|v| v.annotation.is_none())
        );
        assert_eq!(c.counts().get("boundary"), Some(&1));
    }

    #[test]
    fn a_nested_claim_is_not_confused_with_its_quote() {
        // Both have the quote; only anna marked the claim inside it.
        let r = record(
            vec![
                ann("anna", "a1", "quote", &[(0, 50)]),
                ann("anna", "a2", "claim", &[(10, 30)]),
                ann("ben", "b1", "quote", &[(0, 50)]),
            ],
            vec![],
        );
        let c = compare(&r, &pair());
        assert_eq!(names(&c), [("missing".into(), 10)]);
        assert_eq!(c.agreed, 1);
    }

    #[test]
    fn discontinuous_spans_match_by_overlap_and_differ_by_boundary() {
        let r = record(
            vec![
                ann("anna", "a1", "quote", &[(0, 10), (20, 30)]),
                ann("ben", "b1", "quote", &[(0, 10)]),
                ann("ben", "b2", "quote", &[(20, 30)]),
            ],
            vec![],
        );
        let c = compare(&r, &pair());
        // anna's two-part quote matches one of ben's parts; the other part is extra.
        assert_eq!(names(&c), [("boundary".into(), 0), ("extra".into(), 20)]);
    }

    #[test]
    fn a_small_overlap_of_other_labels_is_two_items_not_a_label_disagreement() {
        let r = record(
            vec![
                ann("anna", "a1", "quote", &[(0, 50)]),
                ann("ben", "b1", "speaker", &[(47, 57)]),
            ],
            vec![],
        );
        let c = compare(&r, &pair());
        assert_eq!(names(&c), [("missing".into(), 0), ("extra".into(), 47)]);
    }

    #[test]
    fn three_annotators_and_the_reference() {
        let r = record(
            vec![
                ann("anna", "a1", "quote", &[(0, 10)]),
                ann("ben", "b1", "quote", &[(0, 10)]),
                ann("cem", "c1", "quote", &[(0, 10)]),
                ann("ben", "b2", "claim", &[(20, 30)]),
                ann("cem", "c2", "claim", &[(20, 30)]),
            ],
            vec![],
        );
        let c = compare(&r, &["anna".into(), "ben".into(), "cem".into()]);
        assert_eq!(names(&c), [("extra".into(), 20)]);
        let cmp = compare(&r, &["ben".into(), "anna".into(), "cem".into()]);
        assert_eq!(names(&cmp), [("missing".into(), 20)]);
        assert!(compare(&r, &["anna".into()]).disagreements.is_empty());
    }

    #[test]
    fn identical_layers_agree_on_everything() {
        let anns = vec![
            ann("anna", "a1", "quote", &[(0, 10), (15, 20)]),
            ann("anna", "a2", "speaker", &[(30, 35)]),
        ];
        let mut all = anns.clone();
        all.extend(anns.iter().map(|a| Annotation {
            annotator: "ben".into(),
            id: a.id.replace('a', "b"),
            ..a.clone()
        }));
        let r = record(
            all,
            vec![
                rel("anna", "attribution", "a1", "a2"),
                rel("ben", "attribution", "b1", "b2"),
            ],
        );
        let c = compare(&r, &pair());
        assert!(c.disagreements.is_empty(), "{:?}", names(&c));
        assert_eq!(c.agreed, 2);
    }
}

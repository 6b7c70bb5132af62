//! Adjudication into the `gold` layer. "Accept what everyone agrees on" copies, per document,
//! every annotation that all compared annotators made identically (same label and fragments,
//! with the attributes all of them gave it alike), and every link all of them drew between such
//! annotations, as one undoable edit.

use crate::model::annotation::highest_id_number;
use crate::model::layer::GOLD;
use crate::model::{Annotation, DocStatus, DocumentRecord, Edit, Relation};

/// The edit that adds to `gold` what all `annotators` agree on in `record` and `gold` lacks,
/// or `None` when there is nothing to add. `gold` is the record's current gold layer.
pub fn accept_agreed(record: &DocumentRecord, annotators: &[String]) -> Option<Edit> {
    if annotators.len() < 2 {
        return None;
    }
    let layer = |who: &str| -> Vec<&Annotation> {
        record
            .annotations
            .iter()
            .filter(|a| a.annotator == who)
            .collect()
    };
    let gold = layer(GOLD);
    let first = layer(&annotators[0]);
    let mut next_id = highest_id_number("a", gold.iter().map(|a| a.id.as_str()));
    // For each agreed annotation: its id in each annotator's layer, and its gold id.
    let mut agreed: Vec<(Vec<String>, String)> = Vec::new();
    let mut edits = Vec::new();
    for a in first {
        let mut ids = vec![a.id.clone()];
        // Attributes go into gold only where everyone set the same value.
        let mut attributes = a.attributes.clone();
        for other in &annotators[1..] {
            match layer(other)
                .iter()
                .find(|b| b.label == a.label && b.fragments == a.fragments)
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
        let gold_id = match gold
            .iter()
            .find(|g| g.label == a.label && g.fragments == a.fragments)
        {
            Some(g) => g.id.clone(),
            None => {
                next_id += 1;
                let id = format!("a{next_id}");
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
    // Links every annotator drew between agreed annotations.
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

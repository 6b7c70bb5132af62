//! doccano's JSONL for sequence labelling with relations: `text`, `entities`, `relations`.
//! Discontinuous annotations become one entity per fragment.

use serde_json::{Value, json};

use crate::model::{Annotation, DocumentRecord, OffsetIndex, OffsetUnit, Relation};

/// One line of doccano JSONL for one document and one layer.
pub fn write_line(
    record: &DocumentRecord,
    layer: &str,
    annotations: &[&Annotation],
    relations: &[&Relation],
    unit: OffsetUnit,
    line_id: usize,
) -> String {
    let index = OffsetIndex::new(&record.document.text);
    let at = |cp: usize| index.from_codepoint(cp, unit).unwrap_or(cp);
    let mut entities = Vec::new();
    let mut first_entity = std::collections::HashMap::new();
    for a in annotations {
        for f in &a.fragments {
            let id = entities.len() + 1;
            first_entity.entry(a.id.as_str()).or_insert(id);
            entities.push(json!({"id": id, "start_offset": at(f.start), "end_offset": at(f.end), "label": a.label}));
        }
    }
    let relations: Vec<Value> = relations
        .iter()
        .filter_map(|r| {
            let (from, to) = (
                first_entity.get(r.from.as_str())?,
                first_entity.get(r.to.as_str())?,
            );
            Some(json!({"from_id": from, "to_id": to, "type": r.kind}))
        })
        .enumerate()
        .map(|(n, mut r)| {
            r["id"] = json!(n + 1);
            r
        })
        .collect();
    json!({
        "id": line_id,
        "text": record.document.text,
        "entities": entities,
        "relations": relations,
        "meta": {"spanbench_id": record.document.id, "title": record.document.title, "annotator": layer, "offsets": unit.name()},
    })
    .to_string()
}

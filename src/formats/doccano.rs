//! doccano's JSONL for sequence labelling with relations: `text`, `entities`, `relations`.
//! Discontinuous annotations become one entity per fragment.

use super::malformed::Malformed;
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

/// Reads one line of doccano JSONL (sequence labelling with `entities` or `label`, and
/// `relations`). doccano counts code points, unless spanbench's own `meta.offsets` says
/// otherwise. Covered texts are taken from the document. Answers the record (id and annotator
/// from spanbench's `meta` where present).
pub fn read_line(
    line: &str,
    fallback_id: &str,
    annotator: Option<&str>,
) -> Result<DocumentRecord, Malformed> {
    let v: Value = serde_json::from_str(line).map_err(|e| Malformed::Json(e.to_string()))?;
    let text = v["text"]
        .as_str()
        .ok_or_else(|| Malformed::missing("the line", "\"text\""))?
        .to_string();
    let meta = &v["meta"];
    let unit = meta["offsets"]
        .as_str()
        .and_then(OffsetUnit::parse)
        .unwrap_or(OffsetUnit::Codepoint);
    let layer = meta["annotator"]
        .as_str()
        .or(annotator)
        .unwrap_or("doccano")
        .to_string();
    let id = meta["spanbench_id"]
        .as_str()
        .map(str::to_string)
        .or_else(|| v["id"].as_u64().map(|n| n.to_string()))
        .unwrap_or_else(|| fallback_id.to_string());
    let index = OffsetIndex::new(&text);
    let (annotations, ids) = read_entities(&v, &layer, &text, &index, unit)?;
    let relations = read_relations(&v, &layer, &ids)?;
    let title = meta["title"]
        .as_str()
        .map(str::to_string)
        .or_else(|| crate::model::document::title_from_text(&text))
        .unwrap_or_else(|| id.clone());
    let given = meta["spanbench_id"].is_string() || v["id"].is_u64();
    let mut record = DocumentRecord::bare(
        crate::model::Document::new(id, title, text, Default::default()),
        given,
    );
    record.annotations = annotations;
    record.relations = relations;
    Ok(record)
}

/// The entities (or the older `label` triples) of a line as annotations of `layer`; answers
/// them with the annotation id of each doccano entity id.
fn read_entities(
    v: &Value,
    layer: &str,
    text: &str,
    index: &OffsetIndex,
    unit: OffsetUnit,
) -> Result<(Vec<Annotation>, std::collections::HashMap<u64, String>), Malformed> {
    let to_cp = |o: &Value, what: &str| -> Result<usize, Malformed> {
        let o = o
            .as_u64()
            .ok_or_else(|| Malformed::NotANumber(what.to_string()))? as usize;
        index
            .to_codepoint(o, unit)
            .ok_or_else(|| Malformed::Offset {
                item: what.to_string(),
                offset: o,
                unit,
            })
    };
    let mut annotations = Vec::new();
    let mut ids = std::collections::HashMap::new();
    if let Some(entities) = v["entities"].as_array() {
        for (n, e) in entities.iter().enumerate() {
            let (s, end) = (
                to_cp(&e["start_offset"], "start_offset")?,
                to_cp(&e["end_offset"], "end_offset")?,
            );
            let label = e["label"]
                .as_str()
                .ok_or_else(|| Malformed::missing(format!("entity {}", n + 1), "label"))?;
            let ann_id = format!("e{}", e["id"].as_u64().map_or(n as u64 + 1, |x| x));
            ids.insert(e["id"].as_u64().unwrap_or(n as u64 + 1), ann_id.clone());
            annotations.push(entity(&ann_id, layer, label, s, end, text, index)?);
        }
    } else if let Some(labels) = v["label"].as_array() {
        for (n, l) in labels.iter().enumerate() {
            let (s, end) = (to_cp(&l[0], "start")?, to_cp(&l[1], "end")?);
            let label = l[2]
                .as_str()
                .ok_or_else(|| Malformed::missing(format!("label {}", n + 1), "name"))?;
            annotations.push(entity(
                &format!("e{}", n + 1),
                layer,
                label,
                s,
                end,
                text,
                index,
            )?);
        }
    }
    Ok((annotations, ids))
}

/// The relations of a line, between the entities in `ids`.
fn read_relations(
    v: &Value,
    layer: &str,
    ids: &std::collections::HashMap<u64, String>,
) -> Result<Vec<Relation>, Malformed> {
    let mut relations = Vec::new();
    for (n, r) in v["relations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let end = |k: &str| {
            r[k].as_u64()
                .and_then(|x| ids.get(&x).cloned())
                .ok_or_else(|| Malformed::UnknownTarget {
                    item: format!("relation {} ({k})", n + 1),
                    target: format!("entity {}", r[k]),
                })
        };
        relations.push(Relation {
            id: format!("r{}", n + 1),
            annotator: layer.to_string(),
            kind: r["type"]
                .as_str()
                .ok_or_else(|| Malformed::missing(format!("relation {}", n + 1), "type"))?
                .to_string(),
            from: end("from_id")?,
            to: end("to_id")?,
        });
    }
    Ok(relations)
}

fn entity(
    id: &str,
    layer: &str,
    label: &str,
    s: usize,
    e: usize,
    text: &str,
    index: &OffsetIndex,
) -> Result<Annotation, Malformed> {
    let range = index
        .byte_range(s, e)
        .ok_or_else(|| Malformed::OutsideText {
            item: format!("entity {id}"),
            start: s,
            end: e,
        })?;
    Ok(Annotation {
        origin: Default::default(),
        id: id.to_string(),
        annotator: layer.to_string(),
        label: label.to_string(),
        fragments: vec![crate::model::Fragment::new(s, e)],
        text: text[range].to_string(),
        attributes: Default::default(),
        note: String::new(),
    })
}

//! One layer of one document as the hub keeps it: a JSON object with the annotations,
//! relations and status in the native format's shape (offsets in code points, `origin` where
//! an annotation was accepted from a suggestion).

use serde_json::{Value, json};

use crate::model::{Annotation, DocStatus, Fragment, Origin, Relation};

/// One layer read back from the hub's JSON.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerContent {
    /// Its annotations.
    pub annotations: Vec<Annotation>,
    /// Its relations.
    pub relations: Vec<Relation>,
    /// Its status.
    pub status: Option<DocStatus>,
    /// Its rejection rows.
    pub rejected: Vec<String>,
}

/// The JSON of a layer (`rejected` only where it has rejection rows).
pub fn to_json(
    annotations: &[Annotation],
    relations: &[Relation],
    status: Option<DocStatus>,
    rejected: &[String],
) -> Value {
    let anns: Vec<Value> = annotations
        .iter()
        .map(|a| {
            let fragments: Vec<[usize; 2]> = a.fragments.iter().map(|f| [f.start, f.end]).collect();
            json!({"id": a.id, "label": a.label, "fragments": fragments, "text": a.text,
                   "attributes": a.attributes, "note": a.note, "origin": a.origin.name()})
        })
        .collect();
    let rels: Vec<Value> = relations
        .iter()
        .map(|r| json!({"id": r.id, "type": r.kind, "from": r.from, "to": r.to}))
        .collect();
    let mut layer =
        json!({"annotations": anns, "relations": rels, "status": status.map(|s| s.name())});
    if !rejected.is_empty() {
        layer["rejected"] = json!(rejected);
    }
    layer
}

/// A layer of `annotator` read back from its JSON; `None` when the JSON is not a layer (the
/// caller says which row).
pub fn from_json(v: &Value, annotator: &str) -> Option<LayerContent> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut annotations = Vec::new();
    for a in v.get("annotations")?.as_array()? {
        let fragments = a
            .get("fragments")?
            .as_array()?
            .iter()
            .map(|f| {
                let pair = f.as_array()?;
                Some(Fragment::new(
                    pair.first()?.as_u64()? as usize,
                    pair.get(1)?.as_u64()? as usize,
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        annotations.push(Annotation {
            id: text(a, "id")?,
            annotator: annotator.to_string(),
            label: text(a, "label")?,
            fragments,
            text: text(a, "text")?,
            attributes: serde_json::from_value(a.get("attributes")?.clone()).ok()?,
            note: text(a, "note").unwrap_or_default(),
            origin: Origin::from_name(&text(a, "origin").unwrap_or_default()),
        });
    }
    let mut relations = Vec::new();
    for r in v.get("relations")?.as_array()? {
        relations.push(Relation {
            id: text(r, "id")?,
            annotator: annotator.to_string(),
            kind: text(r, "type")?,
            from: text(r, "from")?,
            to: text(r, "to")?,
        });
    }
    let status = match v.get("status") {
        Some(Value::String(s)) => Some(DocStatus::parse(s)?),
        _ => None,
    };
    let rejected = match v.get("rejected") {
        Some(r) => r
            .as_array()?
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()?,
        None => Vec::new(),
    };
    Some(LayerContent {
        annotations,
        relations,
        status,
        rejected,
    })
}

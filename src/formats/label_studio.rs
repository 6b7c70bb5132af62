//! Label Studio tasks: one task per document with one annotation per annotator, spans as
//! `labels` results and links as `relation` results. Label Studio's editor counts offsets in
//! code points (it indexes `[...text]`), which is the default here, both ways.

use serde_json::{Value, json};

use crate::model::{Annotation, DocumentRecord, OffsetIndex, OffsetUnit, Relation};

pub use super::label_studio_read::{LabelStudioTasks, read_tasks};

/// One task for a document; `layers` gives each annotator's annotations and relations.
pub fn write_task(
    record: &DocumentRecord,
    layers: &[(String, Vec<&Annotation>, Vec<&Relation>)],
    unit: OffsetUnit,
    task_id: usize,
) -> Value {
    let index = OffsetIndex::new(&record.document.text);
    let at = |cp: usize| index.from_codepoint(cp, unit).unwrap_or(cp);
    let annotations: Vec<Value> = layers
        .iter()
        .enumerate()
        .map(|(n, (layer, anns, rels))| {
            let mut result = Vec::new();
            for a in anns {
                for (k, f) in a.fragments.iter().enumerate() {
                    let id = if k == 0 { a.id.clone() } else { format!("{}-{}", a.id, k + 1) };
                    let text: String = record.document.text.chars().skip(f.start).take(f.len()).collect();
                    let mut value = json!({"start": at(f.start), "end": at(f.end), "text": text, "labels": [a.label]});
                    for (key, v) in &a.attributes {
                        value[format!("spanbench_{key}")] = v.clone();
                    }
                    result.push(json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels", "value": value}));
                }
            }
            for r in rels {
                result.push(json!({"from_id": r.from, "to_id": r.to, "type": "relation", "direction": "right", "labels": [r.kind]}));
            }
            json!({"id": n + 1, "result": result, "meta": {"annotator": layer}})
        })
        .collect();
    json!({
        "id": task_id,
        "data": {"text": record.document.text, "spanbench_id": record.document.id, "title": record.document.title, "offsets": unit.name()},
        "annotations": annotations,
    })
}

/// A labelling config for Label Studio that matches the schema.
pub fn labeling_config(schema: &crate::model::Schema) -> String {
    let mut out = String::from("<View>\n  <Relations>\n");
    for r in &schema.relations {
        out.push_str(&format!("    <Relation value=\"{}\"/>\n", r.name));
    }
    out.push_str("  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in &schema.labels {
        out.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            l.name, l.colour
        ));
    }
    out.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    out
}
